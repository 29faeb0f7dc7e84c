//! A build session: what one build read, compiled and rendered, kept so that the next build can
//! redo only what changed. `aula build` runs a session once; `aula serve` keeps one alive and
//! hands it the paths that changed ([`Session::update`]). Both go through the same stages:
//!
//! config and theme → content ([`Sources`] read, then assembled into a [`Site`]) → render pages →
//! check anchors → site pages → copy files.
//!
//! A session that tracks (watch mode) records, for every file it wrote, the fingerprint of what
//! the file was made from (see `render::inputs`). A later render compares fingerprints and
//! renders only pages whose inputs changed, writes only files whose bytes changed, and deletes
//! files no longer made, so the output always equals what a clean build would write.

mod outputs;
mod search;

use anyhow::Context as _;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::config::{self, Config, Language};
use crate::content::theme::{self, Theme};
use crate::content::{self, BodyChange, LoadOptions, Refresh, Site, Sources};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Sink;
use crate::render::{CompiledTheme, Renderer, links};
use crate::search::IndexBuilder;
use crate::{BuildOptions, BuildReport};
use outputs::{OutputRecord, check_anchors, expected_outputs, record_pages, record_site_pages, remove_stale};
use search::SearchTexts;
pub use search::{SearchDone, SearchUpdate, SearchWork};

/// What changed on disk since the last build, sorted by what it affects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// `aula.yaml`: everything is built again.
    pub config: bool,
    /// Templates, static files or UI strings of the theme or of the site.
    pub theme: bool,
    /// Files and folders under `content/`, content-relative with `/` separators.
    pub content: Vec<String>,
    /// Changes were lost (a file watcher's queue overflowed): read everything again.
    pub rescan: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        !self.config && !self.theme && self.content.is_empty() && !self.rescan
    }
}

/// What one [`Session::update`] did.
#[derive(Debug, Default)]
pub struct Rebuild {
    /// Output files written or deleted, sorted.
    pub changed: Vec<String>,
    /// Pages rendered again, by output path, sorted: lessons and sections first, then site pages.
    pub rendered: Vec<String>,
    /// The lessons rendered again (indices into the site's lessons): what a search index takes
    /// in again after an edit.
    pub lessons: Vec<usize>,
    pub elapsed: Duration,
    /// Time per stage, in order.
    pub stages: Vec<(&'static str, Duration)>,
}

/// A site being built, and what its last build left.
pub struct Session {
    options: BuildOptions,
    track: bool,
    /// Read once the configuration is good.
    sources: Option<Sources>,
    /// `None` while `aula.yaml` has errors.
    state: Option<State>,
    config_problems: Vec<Diagnostic>,
    /// The `language` aula.yaml declares while it has errors, to tell them in.
    declared_language: Option<Language>,
    theme_problems: Vec<Diagnostic>,
    content_problems: Vec<Diagnostic>,
    anchor_problems: Vec<Diagnostic>,
    outputs: HashMap<String, OutputRecord>,
    /// What links could lead to at the last render (see `Renderer::link_fingerprint`).
    link_table: Option<u64>,
    /// The lessons' texts for the search index, when tracking.
    search: SearchTexts,
    stages: Vec<(&'static str, Duration)>,
}

struct State {
    theme: Theme,
    /// `None` while a template does not compile.
    compiled: Option<CompiledTheme>,
    site: Site,
}

/// Which pages a render makes.
enum Dirty {
    /// Every page, without fingerprints (`aula build`).
    All,
    /// Pages whose fingerprint or links changed, site pages included.
    Compare,
    /// Only these pages: nothing else can have changed.
    Pages(Vec<usize>),
}

impl Session {
    /// Reads the configuration, the theme and the content. `track` keeps what a later
    /// [`Session::update`] needs. Problems with the site are diagnostics; `Err` is for what stops
    /// a build altogether (no `content/` folder, a theme that does not exist).
    pub fn open(options: &BuildOptions, track: bool) -> anyhow::Result<Session> {
        let mut session = Session {
            options: options.clone(),
            track,
            sources: None,
            state: None,
            config_problems: Vec::new(),
            declared_language: None,
            theme_problems: Vec::new(),
            content_problems: Vec::new(),
            anchor_problems: Vec::new(),
            outputs: HashMap::new(),
            link_table: None,
            search: SearchTexts::default(),
            stages: Vec::new(),
        };
        session.load_state()?;
        Ok(session)
    }

    /// Renders the site into `sink`: every page for a one-off build; for a tracking session,
    /// the pages whose inputs changed since its last render (all of them the first time).
    pub fn render(&mut self, sink: &dyn Sink) -> anyhow::Result<Rebuild> {
        let dirty = if self.track { Dirty::Compare } else { Dirty::All };
        let mut clock = Clock::start();
        let rebuild = self.render_dirty(sink, dirty, &mut clock)?;
        if !self.track {
            self.stages.extend(clock.marks.iter().copied());
        }
        Ok(rebuild)
    }

    /// Takes in `changes` and renders what they affect into `sink`, which holds the output of
    /// this session's previous renders.
    pub fn update(&mut self, changes: &Changes, sink: &dyn Sink) -> anyhow::Result<Rebuild> {
        let mut clock = Clock::start();
        let mut dirty = Dirty::Pages(Vec::new());
        if changes.rescan {
            self.sources = None;
        }
        if changes.config || changes.rescan {
            self.load_state()?;
            dirty = Dirty::Compare;
        } else if changes.theme {
            self.load_theme()?;
            dirty = Dirty::Compare;
        }
        clock.mark("config and theme");
        if let (false, Some(sources)) = (changes.content.is_empty(), &mut self.sources) {
            let refresh = sources.refresh(&changes.content)?;
            clock.mark("read changes");
            let more = match refresh {
                Refresh::Tree => {
                    self.assemble();
                    Dirty::Compare
                }
                Refresh::Bodies(paths) => self.replace_bodies(&paths),
                Refresh::Nothing => Dirty::Pages(Vec::new()),
            };
            clock.mark("assemble");
            dirty = merge(dirty, more);
        }
        self.render_dirty(sink, dirty, &mut clock)
    }

    /// Brings the search index in `sink` up to date with the last render. For a tracking session
    /// only (`aula build` indexes lessons as it renders them). A server does this in two halves
    /// instead ([`Session::search_work`], [`Session::search_done`]) so that pages reload first.
    pub fn update_search(&mut self, sink: &dyn Sink) -> anyhow::Result<SearchUpdate> {
        match self.search_work() {
            Some(work) => self.search_done(work.run(sink, &AtomicBool::new(false))),
            None => Ok(SearchUpdate::default()),
        }
    }

    /// The work of bringing the search index up to date with the last render, to run apart
    /// ([`SearchWork::run`]); `None` when it is up to date or the session does not track. Hand
    /// what it did back with [`Session::search_done`] before the next update.
    pub fn search_work(&mut self) -> Option<SearchWork> {
        match (&self.state, self.track) {
            (Some(state), true) => self.search.work(&state.site),
            _ => None,
        }
    }

    /// Takes back what a [`SearchWork`] did.
    pub fn search_done(&mut self, done: SearchDone) -> anyhow::Result<SearchUpdate> {
        self.search.done(done)
    }

    /// The output folder: `-o`, else `output_dir` of the configuration (empty while it is broken).
    pub fn output_dir(&self) -> PathBuf {
        match (&self.options.output, &self.state) {
            (Some(dir), _) => dir.clone(),
            (None, Some(state)) => self.options.root.join(&state.site.config.output_dir),
            // aula.yaml could not be read: where a build would write by default.
            (None, None) => self.options.root.join(Config::default().output_dir),
        }
    }

    /// The language of the site, when its aula.yaml could be read or at least declares one.
    pub fn language(&self) -> Option<Language> {
        self.state.as_ref().map(|s| s.site.config.language).or(self.declared_language)
    }

    pub fn site(&self) -> Option<&Site> {
        self.state.as_ref().map(|s| &s.site)
    }

    /// Every problem of the site as it is now, sorted; warnings are errors under `--strict`.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let all = Diagnostics::new();
        all.extend(self.config_problems.iter().cloned());
        all.extend(self.theme_problems.iter().cloned());
        all.extend(self.content_problems.iter().cloned());
        all.extend(self.anchor_problems.iter().cloned());
        all.extend(self.output_clashes());
        for record in self.outputs.values() {
            all.extend(record.problems.iter().cloned());
        }
        all.into_sorted(self.options.strict)
    }

    /// Outputs of the site that would replace one another or cannot be written (see
    /// [`Site::output_clashes`]).
    pub fn output_clashes(&self) -> Vec<Diagnostic> {
        self.state.as_ref().map(|s| s.site.output_clashes(&s.theme.static_files)).unwrap_or_default()
    }

    /// The report of a one-off build that started at `started`.
    pub fn report(&self, started: Instant) -> BuildReport {
        let site = self.site();
        BuildReport {
            diagnostics: self.diagnostics(),
            lessons: site.map_or(0, |s| s.lessons.len()),
            courses: site.map_or(0, |s| s.courses().count()),
            output_dir: self.output_dir(),
            language: self.language(),
            elapsed: started.elapsed(),
            stages: self.stages.clone(),
        }
    }

    /// Loads `aula.yaml`, the theme and the tree. Keeps the previous state when the theme cannot
    /// be loaded at all.
    fn load_state(&mut self) -> anyhow::Result<()> {
        let started = Instant::now();
        let config = match Config::load(&self.options.root)? {
            Ok(config) => config,
            Err(found) => {
                self.config_problems = found.problems;
                self.declared_language = found.language;
                self.state = None;
                return Ok(());
            }
        };
        let config = self.with_overrides(config)?;
        let found = Diagnostics::new();
        let theme = theme::load(&self.options.root, &config, &found)?;
        self.config_problems.clear();
        let (compiled, problems) = compile(&config, &theme, found);
        let theme_done = Instant::now();
        let sources = match self.sources.take() {
            Some(sources) if sources.ignores_as(&config.ignore) => sources,
            _ => Sources::read(&self.options.root.join(content::CONTENT_DIR), &config.ignore)?,
        };
        let diagnostics = Diagnostics::new();
        let site = Site::assemble(&self.options.root, config, &sources, self.load_options(), &diagnostics);
        self.sources = Some(sources);
        self.theme_problems = problems;
        self.content_problems = diagnostics.into_sorted(false);
        self.state = Some(State { theme, compiled, site });
        if !self.track {
            self.stages.push(("config and theme", theme_done - started));
            self.stages.push(("load content", theme_done.elapsed()));
        }
        Ok(())
    }

    fn with_overrides(&self, mut config: Config) -> anyhow::Result<Config> {
        if let Some(url) = &self.options.base_url {
            config.base_url = Some(config::parse_base_url(url).map_err(anyhow::Error::msg).context("--base-url")?);
        }
        Ok(config)
    }

    fn load_theme(&mut self) -> anyhow::Result<()> {
        let Some(state) = &mut self.state else { return Ok(()) };
        let found = Diagnostics::new();
        state.theme = theme::load(&self.options.root, &state.site.config, &found)?;
        let (compiled, problems) = compile(&state.site.config, &state.theme, found);
        state.compiled = compiled;
        self.theme_problems = problems;
        Ok(())
    }

    fn load_options(&self) -> LoadOptions {
        LoadOptions { drafts: self.options.drafts }
    }

    /// Assembles the tree again from the sources (read files are not read again).
    fn assemble(&mut self) {
        let options = self.load_options();
        let (Some(state), Some(sources)) = (&mut self.state, &self.sources) else { return };
        let diagnostics = Diagnostics::new();
        let config = state.site.config.clone();
        state.site = Site::assemble(&self.options.root, config, sources, options, &diagnostics);
        self.content_problems = diagnostics.into_sorted(false);
    }

    /// Puts new bodies into the tree. Only their own pages change, unless a reading time did:
    /// then the listings and sidebars that show it are compared too.
    fn replace_bodies(&mut self, paths: &[String]) -> Dirty {
        let (Some(state), Some(sources)) = (&mut self.state, &self.sources) else { return Dirty::Pages(Vec::new()) };
        let mut keys = Vec::new();
        let mut minutes = false;
        for path in paths {
            match state.site.replace_body(path, sources) {
                Some(BodyChange::Lesson { index, minutes: changed }) => {
                    keys.push(links::lesson_key(index));
                    minutes |= changed;
                }
                Some(BodyChange::Section(i)) => keys.push(links::section_key(&state.site, i)),
                None => {}
            }
        }
        if minutes { Dirty::Compare } else { Dirty::Pages(keys) }
    }

    fn render_dirty(&mut self, sink: &dyn Sink, dirty: Dirty, clock: &mut Clock) -> anyhow::Result<Rebuild> {
        let Some(state) = &self.state else {
            return Ok(Rebuild { elapsed: clock.elapsed(), ..Rebuild::default() });
        };
        let mut rebuild = Rebuild::default();
        if let Some(compiled) = &state.compiled {
            let renderer = Renderer::new(&state.site, compiled);
            // Pages made of many lessons are made apart when only some lessons are rendered.
            let renderer = if self.track { renderer.print_apart() } else { renderer };
            let digests = matches!(dirty, Dirty::Compare).then(|| renderer.digests());
            let link_table = digests.as_ref().map(|_| renderer.link_fingerprint());
            let links_moved = link_table != self.link_table;
            let keys = self.pages_to_render(&renderer, &dirty, digests.as_ref(), links_moved);
            if self.track {
                clock.mark("compare fingerprints");
            }
            let indexes = !self.track && cfg!(not(feature = "bench-no-search"));
            let index = indexes.then(|| IndexBuilder::new(state.site.config.language));
            let outcomes = self.render_pages(&renderer, &keys, index.as_ref(), sink)?;
            record_pages(&mut self.outputs, &mut self.search, outcomes, &state.site, &mut rebuild);
            // Only once the pages it made dirty are written: a render that failed compares again.
            if link_table.is_some() {
                self.link_table = link_table;
            }
            if let Some(digests) = &digests {
                let expected = expected_outputs(&renderer, digests, &state.site, &state.theme);
                remove_stale(&mut self.outputs, &expected, &state.site, sink, &mut rebuild)?;
            }
            clock.mark("render pages");
            self.anchor_problems = check_anchors(&self.outputs);
            let courses: BTreeSet<usize> =
                rebuild.lessons.iter().filter_map(|&l| state.site.lessons[l].course).collect();
            let site_pages = self.site_pages_to_render(&renderer, &dirty, digests.as_ref(), &courses);
            // The index is finished beside the site pages: much of its last step is one thread's.
            let finish_index = || -> anyhow::Result<Option<Duration>> {
                let Some(index) = index else { return Ok(None) };
                let started = Instant::now();
                for file in index.finish() {
                    sink.write_bytes(&file.path, &file.bytes)?;
                }
                Ok(Some(started.elapsed()))
            };
            let (indexed, outcomes) = rayon::join(finish_index, || self.render_site_pages(&renderer, site_pages, sink));
            let outcomes = outcomes?;
            if let Some(took) = indexed? {
                clock.marks.push(("search index (parallel)", took));
            }
            record_site_pages(&mut self.outputs, outcomes, &mut rebuild);
            clock.mark("site files");
        }
        self.copy_files(sink, &mut rebuild)?;
        clock.mark("copy files");
        rebuild.changed.sort();
        rebuild.changed.dedup();
        rebuild.rendered.sort();
        rebuild.lessons.sort_unstable();
        rebuild.elapsed = clock.elapsed();
        rebuild.stages = clock.marks.clone();
        Ok(rebuild)
    }
}

/// Compiles the theme; its problems are those found loading it and a template that does not
/// compile.
fn compile(config: &Config, theme: &Theme, found: Diagnostics) -> (Option<CompiledTheme>, Vec<Diagnostic>) {
    match CompiledTheme::new(config, theme) {
        Ok(compiled) => (Some(compiled), found.into_sorted(false)),
        Err(problem) => {
            found.push(problem);
            (None, found.into_sorted(false))
        }
    }
}

/// Two renders' worth of pages to make, as one.
fn merge(a: Dirty, b: Dirty) -> Dirty {
    match (a, b) {
        (Dirty::All, _) | (_, Dirty::All) => Dirty::All,
        (Dirty::Compare, _) | (_, Dirty::Compare) => Dirty::Compare,
        (Dirty::Pages(mut a), Dirty::Pages(b)) => {
            a.extend(b);
            Dirty::Pages(a)
        }
    }
}

/// Named, timed stages (shown with `--verbose`).
/// The name of stage `name` (a `Clock` mark) in the words of the catalogues, for `--verbose`.
pub fn stage_name(name: &str) -> crate::messages::Message {
    use crate::msg;
    match name {
        "config and theme" => msg!("stage-config-and-theme"),
        "load content" => msg!("stage-load-content"),
        "read changes" => msg!("stage-read-changes"),
        "assemble" => msg!("stage-assemble"),
        "compare fingerprints" => msg!("stage-compare-fingerprints"),
        "render pages" => msg!("stage-render-pages"),
        "site files" => msg!("stage-site-files"),
        "copy files" => msg!("stage-copy-files"),
        "search index (parallel)" => msg!("stage-search-index-parallel"),
        other => msg!("verbatim", text = other),
    }
}

struct Clock {
    started: Instant,
    last: Instant,
    marks: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn start() -> Clock {
        let now = Instant::now();
        Clock { started: now, last: now, marks: Vec::new() }
    }

    /// Ends the stage `name`, which began at the previous mark.
    fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        self.marks.push((name, now - self.last));
        self.last = now;
    }

    fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}
