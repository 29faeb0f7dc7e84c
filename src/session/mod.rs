//! A build session: the stages of a build, and what one build read, compiled and rendered, kept
//! so that the next build can redo only what changed. `aula build` runs each stage once (see
//! [`crate::build`]); `aula serve` keeps a session alive and runs the same stages over what
//! changed ([`Session::update`]):
//!
//! [`Stage::ConfigAndTheme`] → [`Stage::Read`] → [`Stage::Assemble`] → [`Stage::Render`] →
//! [`Stage::Index`] → [`Stage::SitePages`] → [`Stage::Write`] → [`Stage::Packages`] (a one-off
//! build with `scorm:` only).
//!
//! What a stage is given to do is decided once, by the stages before it: a plan of which
//! pages to render. A one-off build plans every page; a session that tracks (watch mode) plans
//! by fingerprints: it records, for every file it wrote, the fingerprint of what the file was
//! made from (see `render::inputs`), and a later render makes only pages whose inputs changed,
//! writes only files whose bytes changed, and deletes files no longer made, so the output always
//! equals what a clean build would write.

mod outputs;
mod search;

use anyhow::Context as _;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::config::{self, Config, Ignore, Language, Scorm, ScormVersion};
use crate::content::theme::{self, Theme};
use crate::content::{self, BodyChange, BodyReading, LoadOptions, Refresh, Scope, Site, Sources};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::messages::Message;
use crate::msg;
use crate::output::{Collect, OutputFile, Sink};
use crate::package;
use crate::render::{CompiledTheme, PageDigests, PageKey, PrintBodies, Renderer, SitePage};
use outputs::{OutputRecord, check_anchors, expected_outputs, record_pages, record_site_pages, remove_stale};
use search::Search;
pub use search::{SearchDone, SearchUpdate, SearchWork};

/// What `aula build` and `aula check` are asked to do.
#[derive(Clone, Debug, Default)]
pub struct BuildOptions {
    /// The site root (the folder with `aula.yaml`).
    pub root: PathBuf,
    pub drafts: bool,
    /// Warnings fail the build.
    pub strict: bool,
    /// Overrides `base_url` from the config.
    pub base_url: Option<String>,
    /// Overrides the output folder (relative to the current folder).
    pub output: Option<PathBuf>,
    /// `false` for `aula check`: everything is validated, nothing is written.
    pub write: bool,
    /// `--scorm`: packages for LMSs in this version of SCORM, whatever aula.yaml says.
    pub scorm: Option<ScormVersion>,
    /// Build only this course of the site (for its LMS package); `None` for the whole site.
    pub scope: Option<Arc<Scope>>,
}

/// What a build did.
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub lessons: usize,
    pub courses: usize,
    pub output_dir: PathBuf,
    /// The site's `language`, when its aula.yaml could be read.
    pub language: Option<Language>,
    pub elapsed: Duration,
    /// Time per stage, in pipeline order.
    pub stages: Vec<(Stage, Duration)>,
}

impl BuildReport {
    /// True when there is no error (warnings count as errors under `--strict`).
    pub fn succeeded(&self) -> bool {
        !self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    /// Counts `took` in the time of `stage` and of the build: for what the caller does as part
    /// of a stage (putting a one-off build's output in place, in [`Stage::Write`]).
    pub fn add_time(&mut self, stage: Stage, took: Duration) {
        add_time(&mut self.stages, stage, took);
        self.elapsed += took;
    }
}

/// Adds `took` to the time of `stage` in `stages`.
fn add_time(stages: &mut Vec<(Stage, Duration)>, stage: Stage, took: Duration) {
    match stages.iter_mut().find(|(s, _)| *s == stage) {
        Some((_, time)) => *time += took,
        None => stages.push((stage, took)),
    }
}

/// The stages of a build, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// `aula.yaml`, the theme's files, its templates compiled.
    ConfigAndTheme,
    /// The Markdown files (all, or those that changed) read and parsed.
    Read,
    /// The tree of sections and lessons assembled (or new bodies put into it).
    Assemble,
    /// Lesson and section pages rendered and written, files the site no longer makes deleted,
    /// and links to anchors across pages checked.
    Render,
    /// The search index made from the rendered lessons' texts.
    Index,
    /// Pages made from the whole site: tags, course pages, sitemap, feed, 404, redirects.
    SitePages,
    /// Files copied as they are; the output put in place.
    Write,
    /// An LMS package of each course (`scorm:`), each course built on its own.
    Packages,
}

impl Stage {
    /// The stage's name in the words of the catalogues, for `--verbose`.
    pub fn name(self) -> Message {
        match self {
            Stage::ConfigAndTheme => msg!("stage-config-and-theme"),
            Stage::Read => msg!("stage-read"),
            Stage::Assemble => msg!("stage-assemble"),
            Stage::Render => msg!("stage-render"),
            Stage::Index => msg!("stage-index"),
            Stage::SitePages => msg!("stage-site-pages"),
            Stage::Write => msg!("stage-write"),
            Stage::Packages => msg!("stage-packages"),
        }
    }
}

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
    /// Everything: what the first build of a session takes in.
    pub fn everything() -> Changes {
        Changes { config: true, theme: true, content: Vec::new(), rescan: true }
    }

    pub fn is_empty(&self) -> bool {
        !self.config && !self.theme && self.content.is_empty() && !self.rescan
    }
}

/// What one run of the stages did.
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
    pub stages: Vec<(Stage, Duration)>,
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
    /// Courses that cannot be packaged, and links a package cannot keep.
    package_problems: Vec<Diagnostic>,
    /// Outputs that would replace one another, found when the tree or the theme last changed.
    clashes: Vec<Diagnostic>,
    outputs: HashMap<String, OutputRecord>,
    /// What links could lead to at the last render (see `Renderer::link_fingerprint`).
    link_table: Option<u64>,
    /// Where rendered lessons' texts go, and what makes the index of them.
    search: Search,
    /// The lesson bodies of the printable pages the last run made, for the next one to reuse.
    print_bodies: PrintBodies,
    /// Handed from stage to stage within one run.
    run: Run,
}

struct State {
    config: Config,
    theme: Theme,
    /// `None` while a template does not compile.
    compiled: Option<CompiledTheme>,
    /// `None` until the first [`Stage::Assemble`].
    site: Option<Site>,
}

/// What the stages of one run hand on to the next ones.
#[derive(Default)]
struct Run {
    /// What [`Stage::Read`] found changed, for [`Stage::Assemble`].
    refresh: Option<Refresh>,
    /// Which pages [`Stage::Render`] and [`Stage::SitePages`] make.
    plan: Plan,
    /// The fingerprint of every page, when the plan compares them.
    digests: Option<PageDigests>,
    /// Courses whose printable page [`Stage::Render`] made with their lessons.
    printed: Vec<usize>,
    rebuild: Rebuild,
    started: Option<Instant>,
}

/// Which pages a run makes.
#[derive(Default)]
enum Plan {
    /// Every page, without fingerprints (`aula build`).
    All,
    /// Pages whose fingerprint or links changed, site pages included.
    Compare,
    /// Only these pages: nothing else can have changed.
    Pages(Vec<PageKey>),
    /// None: nothing changed.
    #[default]
    Nothing,
}

impl Plan {
    /// Two plans' worth of pages, as one.
    fn and(self, other: Plan) -> Plan {
        match (self, other) {
            (Plan::All, _) | (_, Plan::All) => Plan::All,
            (Plan::Compare, _) | (_, Plan::Compare) => Plan::Compare,
            (Plan::Pages(mut a), Plan::Pages(b)) => {
                a.extend(b);
                Plan::Pages(a)
            }
            (Plan::Pages(a), Plan::Nothing) | (Plan::Nothing, Plan::Pages(a)) => Plan::Pages(a),
            (Plan::Nothing, Plan::Nothing) => Plan::Nothing,
        }
    }
}

impl Session {
    /// A session for the site `options` names, before any stage has run. `track` keeps what a
    /// later [`Session::update`] needs.
    pub fn open(options: &BuildOptions, track: bool) -> Session {
        Session {
            options: options.clone(),
            track,
            sources: None,
            state: None,
            config_problems: Vec::new(),
            declared_language: None,
            theme_problems: Vec::new(),
            content_problems: Vec::new(),
            anchor_problems: Vec::new(),
            package_problems: Vec::new(),
            clashes: Vec::new(),
            outputs: HashMap::new(),
            link_table: None,
            search: Search::new(track),
            print_bodies: PrintBodies::default(),
            run: Run::default(),
        }
    }

    /// Runs every stage over `changes` (all of them, [`Changes::everything`], the first time),
    /// writing into `sink`, which holds the output of this session's previous runs. Problems
    /// with the site are diagnostics; `Err` is for what stops a build altogether (no `content/`
    /// folder, a theme that does not exist, a file that cannot be written).
    pub fn update(&mut self, changes: &Changes, sink: &dyn Sink) -> anyhow::Result<Rebuild> {
        self.config_and_theme(changes)?;
        self.read(changes)?;
        self.assemble();
        self.render(sink)?;
        self.index(sink)?;
        self.site_pages(sink)?;
        self.write(sink)?;
        Ok(self.finish())
    }

    /// [`Stage::ConfigAndTheme`]: reads `aula.yaml` when it changed (or was never read, or
    /// has errors), and the theme when it or the configuration changed.
    pub fn config_and_theme(&mut self, changes: &Changes) -> anyhow::Result<()> {
        let started = self.begin();
        if changes.config || changes.rescan || self.state.is_none() {
            self.load_config()?;
        } else if changes.theme {
            self.load_theme()?;
            self.plan(Plan::Compare);
        }
        self.time(Stage::ConfigAndTheme, started);
        Ok(())
    }

    /// [`Stage::Read`]: reads every Markdown file the first time (and when the configuration
    /// changed which files are in), else only the files that changed.
    pub fn read(&mut self, changes: &Changes) -> anyhow::Result<()> {
        let started = Instant::now();
        let Some(state) = &self.state else { return Ok(()) };
        let ignore = self.ignore(&state.config);
        let refresh = match &mut self.sources {
            Some(sources) if !changes.rescan && sources.ignores_as(&ignore) => {
                if changes.content.is_empty() {
                    None
                } else {
                    Some(sources.refresh(&changes.content)?)
                }
            }
            _ => {
                let dir = self.options.root.join(content::CONTENT_DIR);
                let reading = BodyReading {
                    count_quizzes: crate::markdown::count_quizzes,
                    has_keypoints: crate::markdown::has_keypoints,
                    // A one-off build renders each body once (the printable page takes the
                    // lesson's HTML), so it holds none of their text.
                    hold: self.track,
                };
                self.sources = Some(Sources::read(&dir, &ignore, reading)?);
                Some(Refresh::Tree)
            }
        };
        self.run.refresh = match (self.run.refresh.take(), refresh) {
            (Some(Refresh::Tree), _) | (_, Some(Refresh::Tree)) => Some(Refresh::Tree),
            (before, now) => now.or(before),
        };
        self.time(Stage::Read, started);
        Ok(())
    }

    /// [`Stage::Assemble`]: assembles the tree again when files came, went or changed their
    /// front matter (or the configuration changed); puts new bodies into it when only bodies did.
    pub fn assemble(&mut self) {
        let started = Instant::now();
        let plan = match self.run.refresh.take() {
            Some(Refresh::Tree) => {
                self.assemble_tree();
                if self.track { Plan::Compare } else { Plan::All }
            }
            Some(Refresh::Bodies(paths)) => self.replace_bodies(&paths),
            Some(Refresh::Nothing) | None => Plan::Nothing,
        };
        self.plan(plan);
        self.time(Stage::Assemble, started);
    }

    /// [`Stage::Render`]: renders the lesson and section pages the plan names into `sink`,
    /// hands each lesson's text to the search index, deletes the files the site no longer
    /// makes (when the plan compares fingerprints), and checks links to anchors across pages.
    pub fn render(&mut self, sink: &dyn Sink) -> anyhow::Result<()> {
        let started = Instant::now();
        let Some((site, compiled)) = self.state.as_ref().and_then(|s| Some((s.site.as_ref()?, s.compiled.as_ref()?)))
        else {
            return Ok(());
        };
        self.search.start(site);
        match &self.run.plan {
            Plan::Pages(keys) => self.print_bodies.forget(site, keys.iter().filter_map(|k| k.as_lesson(site))),
            Plan::Nothing => {}
            Plan::All | Plan::Compare => self.print_bodies.clear(),
        }
        let renderer = self.renderer(site, compiled);
        let digests = matches!(self.run.plan, Plan::Compare).then(|| renderer.digests());
        let link_table = digests.as_ref().map(|_| renderer.link_fingerprint());
        let links_moved = link_table != self.link_table;
        let keys = self.pages_to_render(&renderer, digests.as_ref(), links_moved);
        let outcomes = self.render_pages(&renderer, &keys, sink)?;
        self.run.printed = record_pages(&mut self.outputs, &mut self.search, outcomes, site, &mut self.run.rebuild);
        // Only once the pages it made dirty are written: a render that failed compares again.
        if link_table.is_some() {
            self.link_table = link_table;
        }
        if let Some(digests) = &digests {
            let expected = expected_outputs(&renderer, digests, site, &self.state.as_ref().expect("rendered").theme);
            remove_stale(&mut self.outputs, &expected, site, sink, &mut self.run.rebuild)?;
        }
        self.anchor_problems = check_anchors(&self.outputs);
        self.run.digests = digests;
        self.time(Stage::Render, started);
        Ok(())
    }

    /// [`Stage::Index`]: makes the search index from the texts the rendered lessons handed it
    /// (see `search`).
    pub fn index(&mut self, sink: &dyn Sink) -> anyhow::Result<()> {
        let started = Instant::now();
        self.search.index(sink)?;
        self.time(Stage::Index, started);
        Ok(())
    }

    /// [`Stage::SitePages`]: renders the site pages the plan names: those whose fingerprint
    /// changed, and those that show the bodies of lessons just rendered.
    pub fn site_pages(&mut self, sink: &dyn Sink) -> anyhow::Result<()> {
        let started = Instant::now();
        let Some((site, compiled)) = self.state.as_ref().and_then(|s| Some((s.site.as_ref()?, s.compiled.as_ref()?)))
        else {
            return Ok(());
        };
        let renderer = self.renderer(site, compiled).keeping(&self.print_bodies);
        let courses: BTreeSet<usize> =
            self.run.rebuild.lessons.iter().filter_map(|&l| site.lessons[l].course).collect();
        let pages = self.site_pages_to_render(&renderer, self.run.digests.as_ref(), &courses);
        let printed: BTreeSet<usize> =
            pages.iter().filter_map(|(page, _)| if let SitePage::Print(c) = page { Some(*c) } else { None }).collect();
        let outcomes = self.render_site_pages(&renderer, pages, sink)?;
        record_site_pages(&mut self.outputs, outcomes, &mut self.run.rebuild);
        self.print_bodies.keep(&printed);
        self.time(Stage::SitePages, started);
        Ok(())
    }

    /// [`Stage::Write`]: copies the assets and the theme's static files (those whose source
    /// changed, when tracking).
    pub fn write(&mut self, sink: &dyn Sink) -> anyhow::Result<()> {
        let started = Instant::now();
        self.copy_files(sink)?;
        self.time(Stage::Write, started);
        Ok(())
    }

    /// [`Stage::Packages`]: with `scorm:` (or `--scorm`), builds each course of the site on its
    /// own, into memory, and writes it into `sink` as a SCORM package (see [`package`]). Only
    /// for a one-off build whose site has no errors: a package is what the site would publish.
    pub fn packages(&mut self, sink: &dyn Sink) -> anyhow::Result<()> {
        let started = Instant::now();
        self.package_problems.clear();
        let Some(state) = &self.state else { return Ok(()) };
        let (Some(site), Some(scorm)) = (&state.site, &state.config.scorm) else { return Ok(()) };
        if self.track
            || self.options.scope.is_some()
            || self.diagnostics().iter().any(|d| d.severity == Severity::Error)
        {
            return Ok(());
        }
        let xapi = crate::render::xapi_data(&state.config);
        let mut problems = Vec::new();
        if site.courses().next().is_none() {
            problems.push(Diagnostic::warning(content::CONTENT_DIR, 1, 1, msg!("package-no-course")));
        }
        // Courses are built side by side: each is small next to the site, and mostly one thread.
        let courses: Vec<usize> = site.courses().collect();
        let packed: Vec<PackedCourse> = courses
            .par_iter()
            .map(|&course| self.package_course(site, course, scorm, xapi.as_deref()))
            .collect::<anyhow::Result<_>>()?;
        for course in packed {
            problems.extend(course.problems);
            if let Some(zip) = course.zip {
                sink.write(&zip)?;
            }
        }
        self.package_problems = problems;
        self.time(Stage::Packages, started);
        Ok(())
    }

    /// Course `course` of `site` built on its own, in memory, and packed: the problems only the
    /// package has, and its output path and bytes (none when it cannot be packed).
    fn package_course(
        &self,
        site: &Site,
        course: usize,
        scorm: &Scorm,
        xapi: Option<&str>,
    ) -> anyhow::Result<PackedCourse> {
        let section = &site.sections[course];
        let options = BuildOptions { scope: Some(Arc::new(Scope::course(site, course))), ..self.options.clone() };
        let mut part = Session::open(&options, false);
        let files = Collect::default();
        part.update(&Changes::everything(), &files)?;
        // Its other problems are the site's, told already.
        let mut problems: Vec<Diagnostic> =
            part.diagnostics().into_iter().filter(|d| d.message.id == "link-outside-package").collect();
        let Some(packed) = part.site().and_then(package::Course::of) else {
            return Ok(PackedCourse { problems, zip: None });
        };
        let zip = match package::pack(&packed, scorm, xapi, files.into_files()) {
            Ok(bytes) => Some(OutputFile { path: package::package_path(&section.url), bytes }),
            Err(message) => {
                let shown = content::source_path(section.source.as_deref().unwrap_or(&section.dir));
                problems.push(Diagnostic::error(shown, 1, 1, message));
                None
            }
        };
        Ok(PackedCourse { problems, zip })
    }

    /// Ends a run of the stages: what it did, sorted, with its time.
    pub fn finish(&mut self) -> Rebuild {
        let mut run = std::mem::take(&mut self.run);
        let rebuild = &mut run.rebuild;
        rebuild.changed.sort();
        rebuild.changed.dedup();
        rebuild.rendered.sort();
        rebuild.lessons.sort_unstable();
        rebuild.elapsed = run.started.map_or(Duration::ZERO, |s| s.elapsed());
        run.rebuild
    }

    /// Brings the search index in `sink` up to date with the last run. A server does this in
    /// two halves instead ([`Session::search_work`], [`Session::search_done`]) so that pages
    /// reload first.
    pub fn update_search(&mut self, sink: &dyn Sink) -> anyhow::Result<SearchUpdate> {
        match self.search_work() {
            Some(work) => self.search_done(work.run(sink, &AtomicBool::new(false))),
            None => Ok(SearchUpdate::default()),
        }
    }

    /// The work of bringing the search index of a tracking session up to date with the last
    /// run, to run apart ([`SearchWork::run`]); `None` when it is up to date. Hand
    /// what it did back with [`Session::search_done`] before the next update.
    pub fn search_work(&mut self) -> Option<SearchWork> {
        let site = self.state.as_ref().and_then(|s| s.site.as_ref())?;
        self.search.work(site)
    }

    /// Takes back what a [`SearchWork`] did.
    pub fn search_done(&mut self, done: SearchDone) -> anyhow::Result<SearchUpdate> {
        self.search.done(done)
    }

    /// The output folder: `-o`, else `output_dir` of the configuration (the default while it is
    /// broken).
    pub fn output_dir(&self) -> PathBuf {
        match (&self.options.output, &self.state) {
            (Some(dir), _) => dir.clone(),
            (None, Some(state)) => self.options.root.join(&state.config.output_dir),
            // aula.yaml could not be read: where a build would write by default.
            (None, None) => self.options.root.join(Config::default().output_dir),
        }
    }

    /// The language of the site, when its aula.yaml could be read or at least declares one.
    pub fn language(&self) -> Option<Language> {
        self.state.as_ref().map(|s| s.config.language).or(self.declared_language)
    }

    pub fn site(&self) -> Option<&Site> {
        self.state.as_ref().and_then(|s| s.site.as_ref())
    }

    /// Every problem of the site as it is now, sorted; warnings are errors under `--strict`.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let all = Diagnostics::new();
        all.extend(self.config_problems.iter().cloned());
        all.extend(self.theme_problems.iter().cloned());
        all.extend(self.content_problems.iter().cloned());
        all.extend(self.anchor_problems.iter().cloned());
        all.extend(self.package_problems.iter().cloned());
        all.extend(self.clashes.iter().cloned());
        for record in self.outputs.values() {
            all.extend(record.problems.iter().cloned());
        }
        all.into_sorted(self.options.strict)
    }

    /// Outputs of the site that would replace one another or cannot be written (see
    /// [`Site::output_clashes`]).
    pub fn output_clashes(&self) -> &[Diagnostic] {
        &self.clashes
    }

    /// The report of a one-off build: its problems, what it built, and the time of each stage
    /// since the first.
    pub fn report(&mut self) -> BuildReport {
        let rebuild = self.finish();
        let site = self.site();
        BuildReport {
            diagnostics: self.diagnostics(),
            lessons: site.map_or(0, |s| s.lessons.len()),
            courses: site.map_or(0, |s| s.courses().count()),
            output_dir: self.output_dir(),
            language: self.language(),
            elapsed: rebuild.elapsed,
            stages: rebuild.stages,
        }
    }

    /// Starts the clock of a run at its first stage.
    fn begin(&mut self) -> Instant {
        let now = Instant::now();
        self.run.started.get_or_insert(now);
        now
    }

    fn time(&mut self, stage: Stage, started: Instant) {
        add_time(&mut self.run.rebuild.stages, stage, started.elapsed());
    }

    fn plan(&mut self, more: Plan) {
        self.run.plan = std::mem::take(&mut self.run.plan).and(more);
    }

    /// A renderer of the site; one that tracks makes the printable pages of courses apart too,
    /// since it may render only some of their lessons.
    fn renderer<'a>(&self, site: &'a Site, compiled: &'a CompiledTheme) -> Renderer<'a> {
        let renderer = Renderer::new(site, compiled);
        if self.track { renderer.print_apart() } else { renderer }
    }

    /// Loads `aula.yaml` and the theme; the tree is assembled again from them. Keeps the
    /// previous state when the theme cannot be loaded at all.
    fn load_config(&mut self) -> anyhow::Result<()> {
        let config = match Config::load(&self.options.root)? {
            Ok(config) => config,
            Err(found) => {
                self.config_problems = found.problems;
                self.declared_language = found.language;
                self.state = None;
                self.clashes.clear();
                self.run.refresh = None;
                return Ok(());
            }
        };
        let config = self.with_overrides(config)?;
        let found = Diagnostics::new();
        let theme = theme::load(&self.options.root, &config, &found)?;
        self.config_problems.clear();
        let (compiled, problems) = compile(&config, &theme, found);
        self.theme_problems = problems;
        let site = self.state.take().and_then(|s| s.site);
        self.state = Some(State { config, theme, compiled, site });
        self.run.refresh = Some(Refresh::Tree);
        Ok(())
    }

    fn with_overrides(&self, mut config: Config) -> anyhow::Result<Config> {
        if let Some(url) = &self.options.base_url {
            config.base_url = Some(config::parse_base_url(url).map_err(anyhow::Error::msg).context("--base-url")?);
        }
        if let Some(version) = self.options.scorm {
            let passing_score = config.scorm.as_ref().map_or(Scorm::DEFAULT_PASSING_SCORE, |s| s.passing_score);
            config.scorm = Some(Scorm { version, passing_score });
        }
        Ok(config)
    }

    /// What in `content/` this session does not read: what aula.yaml leaves out, and, for a
    /// course built on its own, the rest of the site.
    fn ignore(&self, config: &Config) -> Ignore {
        match &self.options.scope {
            Some(scope) => config.ignore.leaving_out(scope.left_out.iter().map(String::as_str)),
            None => config.ignore.clone(),
        }
    }

    fn load_theme(&mut self) -> anyhow::Result<()> {
        let Some(state) = &mut self.state else { return Ok(()) };
        let found = Diagnostics::new();
        state.theme = theme::load(&self.options.root, &state.config, &found)?;
        let (compiled, problems) = compile(&state.config, &state.theme, found);
        state.compiled = compiled;
        self.theme_problems = problems;
        if let Some(site) = &state.site {
            self.clashes = site.output_clashes(&state.theme.static_files);
        }
        Ok(())
    }

    fn load_options(&self) -> LoadOptions {
        LoadOptions { drafts: self.options.drafts }
    }

    /// Assembles the tree from the sources (read files are not read again).
    fn assemble_tree(&mut self) {
        let options = self.load_options();
        let (Some(state), Some(sources)) = (&mut self.state, &self.sources) else { return };
        let diagnostics = Diagnostics::new();
        let mut site = Site::assemble(&self.options.root, state.config.clone(), sources, options, &diagnostics);
        site.scope = self.options.scope.clone();
        self.clashes = site.output_clashes(&state.theme.static_files);
        state.site = Some(site);
        self.content_problems = diagnostics.into_sorted(false);
    }

    /// Puts new bodies into the tree. Only their own pages change, unless a reading time did:
    /// then the listings and sidebars that show it are compared too.
    fn replace_bodies(&mut self, paths: &[String]) -> Plan {
        let (Some(State { site: Some(site), .. }), Some(sources)) = (&mut self.state, &self.sources) else {
            return Plan::Nothing;
        };
        let mut keys = Vec::new();
        let mut minutes = false;
        for path in paths {
            match site.replace_body(path, sources) {
                Some(BodyChange::Lesson { index, minutes: changed }) => {
                    keys.push(PageKey::lesson(index));
                    minutes |= changed;
                }
                Some(BodyChange::Section(i)) => keys.push(PageKey::section(site, i)),
                None => {}
            }
        }
        if minutes { Plan::Compare } else { Plan::Pages(keys) }
    }
}

/// What packing one course gave: the problems only its package has, and the zip (none when it
/// cannot be packed).
struct PackedCourse {
    problems: Vec<Diagnostic>,
    zip: Option<OutputFile>,
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
