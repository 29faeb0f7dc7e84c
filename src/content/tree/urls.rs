//! Where each page and file goes and how it is found: URL segments and ids, full URLs top-down,
//! the content paths registered for lookups, and the place of every asset.

use std::collections::{BTreeSet, HashMap};

use super::{is_within, relative_to};
use crate::content::load::parent_dir;
use crate::content::{Asset, Site, Target, markdown_stem, slug};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::msg;

/// The URL segment for a file or folder name, or for an explicit `slug`.
pub(super) fn segment(explicit: Option<&str>, name: &str) -> String {
    let from_name = || slug::slugify(slug::split_order_prefix(name).1);
    let s = match explicit {
        Some(s) => slug::slugify_whole(s),
        None => from_name(),
    };
    if s.is_empty() {
        let fallback = slug::slugify(name);
        if fallback.is_empty() { "page".to_string() } else { fallback }
    } else {
        s
    }
}

/// The stable id of a lesson without an explicit `id`: its path without order prefixes, so it
/// survives renumbering (`curso/01-escuchar.md` → `curso/escuchar`).
pub(super) fn default_id(source: &str, bundle: bool) -> String {
    let path = if bundle { parent_dir(source) } else { markdown_stem(source).unwrap_or(source) };
    path.split('/').map(|part| segment(None, part)).collect::<Vec<_>>().join("/")
}

/// Turns the slugs left in `url` by [`super::order::order`] into full URLs, top-down, and sets
/// each section's and lesson's course.
pub(super) fn assign_urls(site: &mut Site) {
    for i in 0..site.sections.len() {
        let (url, course) = match site.sections[i].parent {
            None => (String::new(), None),
            Some(p) => {
                let parent = &site.sections[p];
                let course = if parent.parent.is_none() { Some(i) } else { parent.course };
                (format!("{}{}/", parent.url, site.sections[i].url), course)
            }
        };
        site.sections[i].url = url;
        site.sections[i].course = course;
    }
    for lesson in &mut site.lessons {
        let section = &site.sections[lesson.section];
        lesson.url = format!("{}{}/", section.url, lesson.url);
        lesson.course = section.course;
    }
}

pub(super) fn register_sources(site: &mut Site, bundle_dirs: &BTreeSet<String>) {
    for (i, s) in site.sections.iter().enumerate() {
        if let Some(src) = &s.source {
            site.sources.insert(src, Target::Section(i));
        }
        if !s.dir.is_empty() {
            site.sources.insert(&s.dir, Target::Section(i));
        }
    }
    for (i, l) in site.lessons.iter().enumerate() {
        site.sources.insert(&l.source, Target::Lesson(i));
        if bundle_dirs.contains(&l.dir) {
            site.sources.insert(&l.dir, Target::Lesson(i));
        }
    }
}

pub(super) fn check_ids(site: &Site, diagnostics: &Diagnostics) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, lesson) in site.lessons.iter().enumerate() {
        if let Some(&first) = seen.get(lesson.id.as_str()) {
            let other = &site.lessons[first];
            if other.url == lesson.url {
                continue; // reported as two pages on one URL
            }
            let (line, col) = lesson.positions.of("id");
            diagnostics.push(Diagnostic::error(
                lesson.path(),
                line,
                col,
                msg!("duplicate-id", id = &lesson.id, other = &other.path()),
            ));
        } else {
            seen.insert(&lesson.id, i);
        }
    }
}

/// Places every non-Markdown file: beside its bundle's page, or under its section's URL.
pub(super) fn collect_assets(
    site: &mut Site,
    assets: &[String],
    bundle_dirs: &BTreeSet<String>,
    draft_dirs: &[String],
) {
    for source in assets {
        if draft_dirs.iter().any(|d| !d.is_empty() && is_within(source, d)) {
            continue;
        }
        let output = asset_home(site, bundle_dirs, source)
            .and_then(|(url, dir)| relative_to(dir, source).map(|rest| format!("{url}{rest}")));
        if let Some(output) = output {
            site.sources.insert(source, Target::Asset(site.assets.len()));
            site.assets.push(Asset { source: source.clone(), output });
        }
    }
}

/// The URL folder an asset is copied under (its bundle's page, else its nearest section's) and
/// the content folder its path is relative to. `None` for assets of a bundle left out.
fn asset_home<'a>(site: &'a Site, bundle_dirs: &BTreeSet<String>, source: &'a str) -> Option<(&'a str, &'a str)> {
    let mut dir = parent_dir(source);
    loop {
        match site.sources.get(dir) {
            Some(Target::Lesson(i)) if bundle_dirs.contains(dir) => return Some((&site.lessons[i].url, dir)),
            _ if bundle_dirs.contains(dir) => return None,
            Some(Target::Section(i)) => return Some((&site.sections[i].url, dir)),
            _ if dir.is_empty() => return Some((&site.sections[0].url, dir)),
            _ => dir = parent_dir(dir),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ids_survive_renumbering() {
        assert_eq!(default_id("servicio/01-escuchar.md", false), "servicio/escuchar");
        assert_eq!(default_id("servicio/02-escuchar.md", false), "servicio/escuchar");
        assert_eq!(default_id("01-servicio/03-decir-no/index.md", true), "servicio/decir-no");
        assert_eq!(default_id("Módulo Uno/Qué es.md", false), "modulo-uno/que-es");
    }
}
