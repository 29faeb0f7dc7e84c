//! Rebuilding while the author writes: takes the watcher's batches of changed paths, updates the
//! [`Session`] (which renders only what the change affects), prints what happened and every new
//! problem as `path:line:col: message`, and tells open pages to reload; then it brings the search
//! index up to date on a thread of its own, cancelled when the next batch comes (which starts it
//! again). A problem never stops it: the next good save is picked up like any other.
//!
//! A rebuild that fails (a file of the site cannot be written, a source cannot be read) is shown
//! on the pages like a content error, and the next rebuild reads and compares everything, so the
//! pages it did not write are written then.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::thread::JoinHandle;

use super::classify::classify;
use super::live::Live;
use super::watch::{Batch, Watch};
use crate::config::Language;
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::messages::{self, Arg, Message, process_language};
use crate::msg;
use crate::output::InPlace;
use crate::session::{Changes, Rebuild, SearchDone, Session};

/// The session of a running server and what it last reported.
pub struct Rebuilder {
    session: Session,
    output: InPlace,
    live: Arc<Live>,
    /// The site root as the user wrote it, for printing paths they can click.
    shown_root: PathBuf,
    /// The site root and the output folder as the watcher reports paths under them.
    root: PathBuf,
    output_dir: PathBuf,
    verbose: bool,
    /// The language asked for on the command line, over the site's.
    language: Option<Language>,
    /// The problems printed so far, so each is printed once.
    printed: HashSet<Diagnostic>,
    /// The search index being made again, if it is.
    search: Option<SearchRefresh>,
    /// The last rebuild failed: what the session recorded may not be what is on disk.
    failed: bool,
}

/// The search index being made again on a thread of its own.
struct SearchRefresh {
    cancel: Arc<AtomicBool>,
    thread: JoinHandle<SearchDone>,
}

impl Rebuilder {
    pub fn new(
        session: Session,
        output: InPlace,
        live: Arc<Live>,
        shown_root: &Path,
        verbose: bool,
        language: Option<Language>,
    ) -> anyhow::Result<Self> {
        let output_dir = output.dir().canonicalize()?;
        let root = shown_root.canonicalize()?;
        Ok(Rebuilder {
            session,
            output,
            live,
            shown_root: shown_root.to_path_buf(),
            root,
            output_dir,
            verbose,
            language,
            printed: HashSet::new(),
            search: None,
            failed: false,
        })
    }

    /// The first build: every page. Prints the problems and a summary line like `aula build`.
    pub fn first_build(&mut self) -> anyhow::Result<()> {
        let rebuild = self.session.update(&Changes::everything(), &self.output)?;
        let problems = self.report_problems();
        self.live.publish(self.errors(), false);
        let (lessons, courses) =
            self.session.site().map_or((0, 0), |site| (site.lessons.len(), site.courses().count()));
        let built = msg!(
            "serve-built",
            lessons = msg!("count-lessons", count = lessons),
            courses = msg!("count-courses", count = courses),
            seconds = Arg::decimal(rebuild.elapsed.as_secs_f64(), 2),
            problems = problems
        );
        println!("{built}");
        self.start_search();
        Ok(())
    }

    /// Rebuilds on every batch until the watcher stops.
    pub fn run(mut self, batches: Receiver<Batch>, mut watch: Watch) {
        while let Ok(first) = batches.recv() {
            let mut paths = Vec::new();
            let mut rescan = false;
            for batch in std::iter::once(first).chain(batches.try_iter()) {
                match batch {
                    Batch::Paths(more) => paths.extend(more),
                    Batch::Rescan => rescan = true,
                    Batch::Failed(message) => eprintln!("{}", messages::as_warning(message)),
                }
            }
            if paths.iter().any(|p| watch.is_source_folder(p)) {
                if let Err(e) = watch.watch_folders() {
                    eprintln!("{}", messages::as_warning(msg!("verbatim", text = format!("{e:#}"))));
                }
            }
            let mut changes = classify(&self.root, &self.output_dir, paths.iter().map(PathBuf::as_path));
            changes.rescan = rescan;
            if !changes.is_empty() {
                self.apply(&changes);
            }
        }
    }

    /// Rebuilds for `changes`, reports, and tells pages to reload if anything they show changed.
    pub fn apply(&mut self, changes: &Changes) -> Option<Rebuild> {
        self.cancel_search();
        let retry = std::mem::take(&mut self.failed);
        let changes = &Changes { rescan: changes.rescan || retry, ..changes.clone() };
        let before: Vec<String> = self.errors();
        match self.session.update(changes, &self.output) {
            Ok(rebuild) => {
                let problems = self.report_problems();
                let errors = self.errors();
                let rebuilt = msg!(
                    "serve-rebuilt",
                    changed = describe(changes, retry),
                    pages = rebuild.rendered.len(),
                    files = rebuild.changed.len(),
                    milliseconds = rebuild.elapsed.as_millis() as u64,
                    problems = problems
                );
                println!("{rebuilt}");
                if self.verbose {
                    for (stage, took) in &rebuild.stages {
                        let stage = format!("{:<22}", stage.name());
                        println!(
                            "{}",
                            msg!(
                                "serve-stage-time",
                                stage = stage,
                                milliseconds = Arg::decimal(took.as_secs_f64() * 1000.0, 1)
                            )
                        );
                    }
                    for page in &rebuild.rendered {
                        println!("{}", msg!("serve-rendered-page", page = page.to_string()));
                    }
                }
                let reload = !rebuild.changed.is_empty() || errors != before;
                self.live.publish(errors, reload);
                self.start_search();
                Some(rebuild)
            }
            Err(e) => {
                self.failed = true;
                let failure =
                    msg!("serve-rebuild-failed", changed = describe(changes, retry), error = format!("{e:#}"));
                let failure = messages::as_error(failure);
                eprintln!("{failure}");
                let mut errors = self.errors();
                errors.push(failure);
                self.live.publish(errors, true);
                None
            }
        }
    }

    /// Starts making the search index again if what it is made of changed: after pages reload,
    /// since it takes longer than rendering a few pages. It runs until done or until the next
    /// batch cancels it.
    fn start_search(&mut self) {
        let Some(work) = self.session.search_work() else { return };
        let cancel = Arc::new(AtomicBool::new(false));
        let (sink, flag, verbose) = (self.output.clone(), Arc::clone(&cancel), self.verbose);
        let live = Arc::clone(&self.live);
        let thread = std::thread::Builder::new().name("aula search".into()).spawn(move || {
            let done = work.run(&sink, &flag);
            match done.update() {
                Ok(update) => {
                    if update.remade {
                        live.publish_search_failure(None);
                    }
                    if update.remade && verbose {
                        let files = update.changed.len();
                        let milliseconds = update.elapsed.as_millis() as u64;
                        println!("{}", msg!("serve-search-updated", files = files, milliseconds = milliseconds));
                    }
                }
                Err(e) => {
                    // The next refresh makes the whole index again (the session knows it failed).
                    let failure = msg!("serve-search-failed", error = format!("{e:#}"));
                    let failure = messages::as_error(failure);
                    eprintln!("{failure}");
                    live.publish_search_failure(Some(failure));
                }
            }
            done
        });
        match thread {
            Ok(thread) => self.search = Some(SearchRefresh { cancel, thread }),
            Err(e) => eprintln!("{}", messages::as_error(msg!("serve-search-thread", error = e.to_string()))),
        }
    }

    /// Cancels the search index under way and takes back what it did (its thread printed any
    /// failure; the next refresh makes the index again).
    fn cancel_search(&mut self) {
        let Some(refresh) = self.search.take() else { return };
        refresh.cancel.store(true, Ordering::Relaxed);
        match refresh.thread.join() {
            Ok(done) => {
                let _ = self.session.search_done(done);
            }
            Err(_) => eprintln!("{}", messages::as_error(msg!("serve-search-stopped"))),
        }
    }

    /// The site's errors as the overlay shows them.
    fn errors(&self) -> Vec<String> {
        self.session
            .diagnostics()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.display_under(Path::new(""), process_language()))
            .collect()
    }

    /// Prints the problems not printed before (errors again while they last), and returns the
    /// counts for the summary line.
    fn report_problems(&mut self) -> Arg {
        let all = self.session.diagnostics();
        let language = messages::site_language(self.language, self.session.language());
        messages::set_process_language(language);
        let new: Vec<Diagnostic> =
            all.iter().filter(|d| d.severity == Severity::Error || !self.printed.contains(*d)).cloned().collect();
        for line in diagnostics::printed(&new, &self.shown_root, language, self.verbose) {
            eprintln!("{line}");
        }
        self.printed = all.iter().cloned().collect();
        match diagnostics::count(&all) {
            (0, 0) => Arg::Text(String::new()),
            (0, w) => msg!("summary-warnings", warnings = msg!("count-warnings", count = w)).into(),
            (e, w) => msg!(
                "serve-problems",
                errors = msg!("count-errors", count = e),
                warnings = msg!("count-warnings", count = w)
            )
            .into(),
        }
    }
}

/// What changed, for the line printed after a rebuild; `retry` when everything is read again
/// because the last rebuild failed.
fn describe(changes: &Changes, retry: bool) -> Arg {
    let mut what: Vec<Message> =
        changes.content.iter().take(3).map(|p| msg!("verbatim", text = format!("content/{p}"))).collect();
    if changes.content.len() > 3 {
        what.push(msg!("serve-changed-more", count = changes.content.len() - 3));
    }
    if changes.theme {
        what.push(msg!("serve-changed-theme"));
    }
    if changes.config {
        what.push(msg!("verbatim", text = "aula.yaml"));
    }
    if retry {
        what.push(msg!("serve-changed-retry"));
    } else if changes.rescan {
        what.push(msg!("serve-changed-rescan"));
    }
    let language = process_language();
    Arg::Text(what.iter().map(|m| m.render(language)).collect::<Vec<_>>().join(", "))
}
