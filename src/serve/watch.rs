//! Watching the site for changes: `content/`, the theme folders (`templates/`, `static/`,
//! `i18n/`, `themes/`) recursively, and the site root itself for `aula.yaml` and for those folders
//! coming and going. Events are debounced (notify-debouncer-full, which also pairs the two halves
//! of a rename) and handed on in batches; `--poll` scans the folders instead, for file systems
//! that send no events (network drives, WSL, containers).

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use super::classify::THEME_DIRS;
use crate::content::CONTENT_DIR;
use crate::messages::{Arg, Message};
use crate::msg;

/// How long a change must be old before it is handed on, so that the events of one save (an
/// editor writes a temporary file and renames it over the old one, or writes in place) come as
/// one batch: they come microseconds apart. It is most of the wait between a save and the
/// reload (`bench/serve.py`).
const QUIET: Duration = Duration::from_millis(5);

/// How often the debouncer looks for changes old enough: each look wakes a thread, even when
/// nothing changes (500 looks a second cost about half a percent of a core).
const TICK: Duration = Duration::from_millis(2);

/// How often `--poll` looks at every file. Each look reads every watched file (see
/// [`Watch::start`]): on 10,000 lessons that is a fifth of a core.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// What the watcher hands on.
#[derive(Debug)]
pub enum Batch {
    /// These paths (absolute) changed: created, written, renamed from or to, or deleted.
    Paths(Vec<PathBuf>),
    /// Events were lost (the system's queue overflowed): read everything again.
    Rescan,
    /// The watcher failed; the message says what to do.
    Failed(Message),
}

/// A running watch; dropping it stops it.
pub struct Watch {
    root: PathBuf,
    debouncer: Watcher,
}

enum Watcher {
    Events(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

impl Watch {
    /// Starts watching the site at `root` (an absolute path); batches go to `batches`.
    pub fn start(root: &Path, poll: bool, batches: Sender<Batch>) -> anyhow::Result<Watch> {
        let handler = move |result: DebounceEventResult| {
            let batch = match result {
                Ok(events) if events.iter().any(|e| e.need_rescan()) => Batch::Rescan,
                Ok(events) => {
                    let paths: Vec<PathBuf> =
                        events.into_iter().filter(|e| is_change(&e.kind)).flat_map(|e| e.event.paths).collect();
                    if paths.is_empty() {
                        return;
                    }
                    Batch::Paths(paths)
                }
                Err(errors) => Batch::Failed(failure(&errors)),
            };
            let _ = batches.send(batch);
        };
        let debouncer = if poll {
            // notify's poller keeps modification times in whole seconds: comparing contents too
            // is what catches a second save within the same second.
            let config = notify::Config::default().with_poll_interval(POLL_INTERVAL).with_compare_contents(true);
            Watcher::Poll(new_debouncer_opt(QUIET, Some(TICK), handler, RecommendedCache::new(), config)?)
        } else {
            Watcher::Events(new_debouncer_opt(
                QUIET,
                Some(TICK),
                handler,
                RecommendedCache::new(),
                notify::Config::default(),
            )?)
        };
        let mut watch = Watch { root: root.to_path_buf(), debouncer };
        watch.watch(root, RecursiveMode::NonRecursive)?;
        watch.watch_folders()?;
        Ok(watch)
    }

    /// Watches the source folders that exist now. Called again when one of them appears, or
    /// was deleted and made again.
    pub fn watch_folders(&mut self) -> anyhow::Result<()> {
        for name in std::iter::once(CONTENT_DIR).chain(THEME_DIRS.iter().copied()) {
            let dir = self.root.join(name);
            if dir.is_dir() {
                self.watch(&dir, RecursiveMode::Recursive)?;
            }
        }
        Ok(())
    }

    /// Whether `path` is one of the watched folders itself (so it may have just appeared).
    pub fn is_source_folder(&self, path: &Path) -> bool {
        path.parent() == Some(self.root.as_path())
            && path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n == CONTENT_DIR || THEME_DIRS.contains(&n))
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> anyhow::Result<()> {
        let result = match &mut self.debouncer {
            Watcher::Events(d) => d.watch(path, mode),
            Watcher::Poll(d) => d.watch(path, mode),
        };
        result.map_err(|e| {
            msg!("watch-failed-folder", folder = path.display().to_string(), error = e.to_string(), advice = advice(&e))
                .into()
        })
    }
}

/// Whether an event says something changed. Reading a file or listing a folder (which every
/// rebuild does) is not a change, and must not start another rebuild.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

fn failure(errors: &[notify::Error]) -> Message {
    match errors.first() {
        Some(e) => msg!("watch-failed", error = e.to_string(), advice = advice(e)),
        None => msg!("watch-failed", error = "", advice = Arg::Text(String::new())),
    }
}

/// What to do when the system will not watch more folders.
fn advice(error: &notify::Error) -> Arg {
    match error.kind {
        notify::ErrorKind::MaxFilesWatch => msg!("watch-limit").into(),
        _ => Arg::Text(String::new()),
    }
}
