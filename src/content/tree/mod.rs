//! Assembling the site tree from the parsed files, as a list of steps: sections and lessons made
//! from the files ([`drafts`]) and put in reading order ([`order`]), then their URLs and ids
//! ([`urls`]), the links between lessons ([`links`]), tags and aliases ([`tags`]) and durations
//! ([`minutes`]), every problem reported where the author can fix it. Clashes between output
//! files are checked apart ([`clashes`]), against the theme's and the site's static files too, so
//! that a theme edit in watch mode is checked without assembling the tree again.

mod clashes;
mod drafts;
mod links;
mod minutes;
mod order;
mod tags;
mod urls;

use std::path::Path;

use super::load::ContentFiles;
use super::{LoadOptions, Site, SourceMap};
use crate::config::Config;
use crate::diagnostics::Diagnostics;
pub(super) use clashes::output_clashes;
pub(super) use minutes::sum_minutes;

/// The site's tree from the sorted files of `content/`, one step after another; problems go to
/// `diagnostics`.
pub(super) fn assemble(
    root: &Path,
    config: Config,
    files: ContentFiles<'_>,
    options: LoadOptions,
    diagnostics: &Diagnostics,
) -> Site {
    let mut sources = SourceMap::default();
    let mut draft_dirs = Vec::new();
    let sections = drafts::sections(&config, &files, options, &mut draft_dirs, &mut sources);
    let lessons = drafts::lessons(files.lessons, options, &draft_dirs, &mut sources, diagnostics);
    let (sections, lessons) = order::order(sections, lessons);

    let mut site = Site {
        root: root.to_path_buf(),
        config,
        sections,
        lessons,
        assets: Vec::new(),
        tags: Vec::new(),
        aliases: Vec::new(),
        includes: files.includes.clone(),
        scope: None,
        sources,
    };
    urls::assign_urls(&mut site);
    urls::register_sources(&mut site, files.bundle_dirs);
    urls::check_ids(&site, diagnostics);
    links::link_prev_next(&mut site);
    links::resolve_prerequisites(&mut site, diagnostics);
    tags::collect_tags(&mut site, diagnostics);
    tags::collect_aliases(&mut site, diagnostics);
    urls::collect_assets(&mut site, files.assets, files.bundle_dirs, &draft_dirs);
    sum_minutes(&mut site);
    site
}

/// The last part of a `/`-separated path: its file or folder name.
pub(super) fn last_segment(path: &str) -> &str {
    &path[path.rfind('/').map_or(0, |i| i + 1)..]
}

/// Whether `path` is the folder `dir` or inside it (everything is inside the root, `""`).
pub(super) fn is_within(path: &str, dir: &str) -> bool {
    dir.is_empty() || path == dir || path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'))
}

/// `source` written relative to `dir`, when it is in `dir` or below.
pub(super) fn relative_to(dir: &str, source: &str) -> Option<String> {
    if dir.is_empty() {
        return Some(source.to_string());
    }
    source.strip_prefix(dir)?.strip_prefix('/').map(str::to_string)
}
