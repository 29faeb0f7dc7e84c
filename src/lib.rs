//! aula: a static site generator for training material.
//!
//! The pipeline, one stage per module, each arrow one way:
//! `config` (aula.yaml) → `content` (read sources into a validated model) → `render` (Markdown
//! via `markdown`, then Tera templates, one page at a time) → `output` (the only writer: a
//! staging folder swapped in atomically). Problems of every stage are collected as located
//! `diagnostics` and reported together.

pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod yaml;

use anyhow::Context as _;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use config::Config;
use content::theme::{self, StaticSource};
use content::{LoadOptions, Site};
use diagnostics::{Diagnostic, Diagnostics, Severity};
use output::{Discard, Sink, Staging};
use render::{PendingAnchor, Renderer};
use search::IndexBuilder;

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
}

/// What a build did.
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    pub lessons: usize,
    pub courses: usize,
    pub output_dir: PathBuf,
    pub elapsed: Duration,
    /// Time per stage, in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
}

impl BuildReport {
    /// True when there is no error (warnings count as errors under `--strict`).
    pub fn succeeded(&self) -> bool {
        !self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Builds (or, with `write: false`, checks) the site at `options.root`.
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    let mut stages = Stages::start();
    let diagnostics = Diagnostics::new();
    let root = options.root.as_path();

    let config = match load_config(options)? {
        Ok(config) => config,
        Err(found) => {
            diagnostics.extend(found);
            return Ok(report(diagnostics, options, None, Path::new(""), started, stages));
        }
    };
    let output_dir = options.output.clone().unwrap_or_else(|| root.join(&config.output_dir));
    let theme = theme::load(root, &config, &diagnostics)?;
    stages.mark("config and theme");

    let site = Site::load(root, config, LoadOptions { drafts: options.drafts }, &diagnostics)?;
    stages.mark("load content");

    let staging = if options.write { Some(Staging::create(&output_dir)?) } else { None };
    let sink: &dyn Sink = match &staging {
        Some(s) => s,
        None => &Discard,
    };
    let index = IndexBuilder::new(site.config.language);
    if let Some(renderer) = Renderer::new(&site, &theme, Some(&index), &diagnostics) {
        let pages = render_pages(&renderer, sink, &diagnostics)?;
        stages.mark("render pages");
        for file in index.finish() {
            sink.write_bytes(&file.path, &file.bytes)?;
        }
        stages.mark("search index");
        check_anchors(&site, pages, &diagnostics);
        renderer.site_pages().par_iter().try_for_each(|page| match renderer.render_site_page(page, &diagnostics) {
            Some(file) => sink.write(&file),
            None => Ok(()),
        })?;
        stages.mark("site files");
    }
    copy_files(&site, &theme, sink)?;
    stages.mark("copy files");

    let finished = report(diagnostics, options, Some(&site), &output_dir, started, stages);
    if let Some(staging) = staging {
        if finished.succeeded() {
            staging.commit()?;
        }
    }
    Ok(BuildReport { elapsed: started.elapsed(), ..finished })
}

fn load_config(options: &BuildOptions) -> anyhow::Result<Result<Config, Vec<Diagnostic>>> {
    let mut config = match Config::load(&options.root)? {
        Ok(c) => c,
        Err(found) => return Ok(Err(found)),
    };
    if let Some(url) = &options.base_url {
        config.base_url = Some(config::parse_base_url(url).map_err(anyhow::Error::msg).context("--base-url")?);
    }
    Ok(Ok(config))
}

/// What a rendered page leaves for the anchor check.
struct PageAnchors {
    key: usize,
    ids: Vec<String>,
    anchors: Vec<PendingAnchor>,
}

/// Renders every lesson and section page in parallel, writing each as soon as it is made.
fn render_pages(
    renderer: &Renderer<'_>,
    sink: &dyn Sink,
    diagnostics: &Diagnostics,
) -> anyhow::Result<Vec<PageAnchors>> {
    (0..renderer.page_count())
        .into_par_iter()
        .filter_map(|key| renderer.render_page(key, diagnostics))
        .map(|page| {
            sink.write(&page.file)?;
            for file in &page.also {
                sink.write(file)?;
            }
            Ok(PageAnchors { key: page.key, ids: page.ids, anchors: page.anchors })
        })
        .collect()
}

/// Every `#anchor` a page links to must be an id on the target page.
fn check_anchors(site: &Site, pages: Vec<PageAnchors>, diagnostics: &Diagnostics) {
    let mut ids: Vec<Option<HashSet<String>>> = vec![None; site.lessons.len() + site.sections.len()];
    let mut pending = Vec::new();
    for page in pages {
        ids[page.key] = Some(page.ids.into_iter().collect());
        pending.extend(page.anchors);
    }
    for a in pending {
        let Some(Some(target_ids)) = ids.get(a.check.page) else {
            continue;
        };
        if target_ids.contains(&a.check.id) {
            continue;
        }
        let target = page_source(site, a.check.page);
        let mut message = format!("anchor `#{}` not found in {}", a.check.id, target.display());
        if let Some(near) = diagnostics::nearest(&a.check.id, target_ids.iter().map(String::as_str)) {
            message.push_str(&format!(": did you mean `#{near}`?"));
        } else {
            message.push_str(": link to the id of one of its headings");
        }
        diagnostics.push(Diagnostic::warning(a.path, a.line, a.col, message));
    }
}

fn page_source(site: &Site, key: usize) -> PathBuf {
    match key.checked_sub(site.lessons.len()) {
        None => site.lessons[key].path(),
        Some(s) => site.sections[s].path().unwrap_or_else(|| content::source_path(&site.sections[s].dir)),
    }
}

/// Assets beside the lessons and the theme's static files, copied as they are.
fn copy_files(site: &Site, theme: &theme::Theme, sink: &dyn Sink) -> anyhow::Result<()> {
    let content_dir = site.root.join(content::CONTENT_DIR);
    site.assets.par_iter().try_for_each(|a| sink.copy(&content_dir.join(&a.source), &a.output))?;
    for file in &theme.static_files {
        match &file.source {
            StaticSource::Disk(path) => sink.copy(path, &file.output)?,
            StaticSource::BuiltIn(bytes) => sink.write_bytes(&file.output, bytes)?,
        }
    }
    Ok(())
}

fn report(
    diagnostics: Diagnostics,
    options: &BuildOptions,
    site: Option<&Site>,
    output_dir: &Path,
    started: Instant,
    stages: Stages,
) -> BuildReport {
    BuildReport {
        diagnostics: diagnostics.into_sorted(options.strict),
        lessons: site.map_or(0, |s| s.lessons.len()),
        courses: site.map_or(0, |s| s.courses().count()),
        output_dir: output_dir.to_path_buf(),
        elapsed: started.elapsed(),
        stages: stages.0,
    }
}

/// Named, timed stages of a build (shown with `--verbose`).
struct Stages(Vec<(&'static str, Duration)>, Instant);

impl Stages {
    fn start() -> Self {
        Stages(Vec::new(), Instant::now())
    }

    fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        self.0.push((name, now - self.1));
        self.1 = now;
    }
}
