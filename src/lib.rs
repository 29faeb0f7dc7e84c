//! aula: a static site generator for training material.
//!
//! The pipeline, one stage per module, each arrow one way:
//! `config` (aula.yaml) → `content` (read sources into a validated model) → `render` (Markdown
//! via `markdown`, then Tera templates, one page at a time) → `output` (the only writer: a
//! staging folder swapped in atomically). Problems of every stage are collected as located
//! `diagnostics` and reported together. `session` runs the stages and, in watch mode, keeps
//! what they made so that `serve` can redo only what an edit affects.

pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod yaml;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use diagnostics::{Diagnostic, Severity};
use output::{Discard, Sink, Staging};
use session::Session;

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
    /// The site's `language`, when its aula.yaml could be read.
    pub language: Option<config::Language>,
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

/// Builds (or, with `write: false`, checks) the site at `options.root`: the stages of a
/// [`Session`], run once, into a staging folder that replaces the output only if the build
/// succeeds.
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    let mut session = Session::open(options, false)?;
    // Clashing outputs cannot all be written (one would replace another, or a name is too long
    // to create): such a build is bound to fail, so it checks everything and writes nothing.
    let staging = match (options.write, session.site()) {
        (true, Some(_)) if session.output_clashes().is_empty() => Some(Staging::create(&session.output_dir())?),
        _ => None,
    };
    let sink: &dyn Sink = match &staging {
        Some(s) => s,
        None => &Discard,
    };
    session.render(sink)?;
    let report = session.report(started);
    if let Some(staging) = staging {
        if report.succeeded() {
            if let Some(warning) = staging.commit()? {
                eprintln!("{}", messages::as_warning(warning));
            }
        }
    }
    Ok(BuildReport { elapsed: started.elapsed(), ..report })
}
