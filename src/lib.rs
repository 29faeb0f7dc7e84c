//! aula: a static site generator for training material.
//!
//! The pipeline, one stage per module, each arrow one way:
//! `config` (aula.yaml) → `content` (read sources into a validated model) → `render` (Markdown
//! via `markdown`, then Tera templates, one page at a time) → `output` (the only writer: a
//! staging folder swapped in atomically). Problems of every stage are collected as located
//! `diagnostics` and reported together. `session` runs the stages (config and theme → read →
//! assemble → render → index → site pages → write → packages) and, in watch mode, keeps what they made so
//! that `serve` can run them again over only what an edit affects.

pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod package;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod yaml;

use output::{Discard, Sink, Staging};
pub use session::{BuildOptions, BuildReport};
use session::{Changes, Session, Stage};
use std::time::Instant;

/// Builds (or, with `write: false`, checks) the site at `options.root`, every stage once (see
/// [`session`]), into a staging folder that replaces the output only if the build succeeds.
pub fn build(options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let mut session = Session::open(options, false);
    let everything = Changes::everything();
    session.config_and_theme(&everything)?;
    session.read(&everything)?;
    session.assemble();
    // Clashing outputs cannot all be written (one would replace another, or a name is too long
    // to create): such a build is bound to fail, so it checks everything and writes nothing.
    let staging = match (options.write, session.site()) {
        (true, Some(_)) if session.output_clashes().is_empty() => Some(Staging::create(&session.output_dir())?),
        _ => None,
    };
    let sink: &dyn Sink = match &staging {
        Some(staging) => staging,
        None => &Discard,
    };
    session.render(sink)?;
    session.index(sink)?;
    session.site_pages(sink)?;
    session.write(sink)?;
    session.packages(sink)?;
    let mut report = session.report();
    if let Some(staging) = staging.filter(|_| report.succeeded()) {
        let started = Instant::now();
        if let Some(warning) = staging.commit()? {
            eprintln!("{}", messages::as_warning(warning));
        }
        report.add_time(Stage::Write, started.elapsed());
    }
    Ok(report)
}
