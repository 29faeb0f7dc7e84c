//! Sections and lessons made from the parsed files, before they have their place in the tree:
//! titles (from the front matter, a first heading or the file name), drafts left out, dates, ids,
//! and what orders them and names them in URLs.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::order::OrderKey;
use super::urls::{default_id, segment};
use super::{is_within, last_segment};
use crate::config::Config;
use crate::content::load::{ContentFiles, Loaded, LoadedLesson, parent_dir};
use crate::content::{
    Body, Excluded, Lesson, LessonMeta, LoadOptions, Section, SectionMeta, SourceMap, Target, frontmatter,
    markdown_stem, slug, source_path,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::msg;

/// A section before it has its place in the reading order.
pub(super) struct SectionDraft {
    pub section: Section,
    pub order: OrderKey,
    pub slug: String,
}

/// A lesson before it has its place in the reading order.
pub(super) struct LessonDraft {
    pub lesson: Lesson,
    pub order: OrderKey,
    pub slug: String,
    /// The folder of the section it is in (a bundle's is the folder above the bundle).
    pub section_dir: String,
}

/// The sections of the folders that hold lessons, by folder, the root always among them; the
/// folders of draft sections go to `draft_dirs`.
pub(super) fn sections(
    config: &Config,
    files: &ContentFiles,
    options: LoadOptions,
    draft_dirs: &mut Vec<String>,
    sources: &mut SourceMap,
) -> BTreeMap<String, SectionDraft> {
    let mut sections = BTreeMap::new();
    for dir in files.section_dirs {
        if files.bundle_dirs.contains(dir) || draft_dirs.iter().any(|d| is_within(dir, d)) {
            continue;
        }
        let index = files.section_indexes.get(dir);
        let meta = index.map(|i| Arc::clone(&i.meta)).unwrap_or_default();
        if meta.draft && !options.drafts {
            draft_dirs.push(dir.clone());
            if let Some(i) = index {
                sources.insert(&i.source, Target::Excluded(Excluded::Draft));
            }
            continue;
        }
        let name = last_segment(dir);
        let title = match (&meta.title, index) {
            (Some(t), _) => t.clone(),
            (None, _) if dir.is_empty() => config.title.clone(),
            (None, Some(i)) => i.fallback_title(name),
            (None, None) => slug::title_from_name(name),
        };
        let body = index.map_or_else(Body::empty, |i| i.body.clone());
        let order = OrderKey::new(meta.weight, name, &title);
        let slug = segment(meta.slug.as_deref(), name);
        let section = Section {
            dir: dir.clone(),
            source: index.map(|i| i.source.clone()),
            meta,
            title,
            url: String::new(),
            parent: None,
            children: Vec::new(),
            depth: if dir.is_empty() { 0 } else { dir.split('/').count() },
            course: None,
            body,
            lesson_count: 0,
            minutes: 0,
        };
        sections.insert(dir.clone(), SectionDraft { section, order, slug });
    }
    for (dir, index) in &files.section_indexes {
        if !sections.contains_key(dir) && !sources.contains(&index.source) {
            sources.insert(&index.source, Target::Excluded(Excluded::Draft));
        }
    }
    if !sections.contains_key("") {
        // Every lesson is in a draft section: the site still has a home page.
        let section = Section {
            dir: String::new(),
            source: None,
            meta: Arc::new(SectionMeta::default()),
            title: config.title.clone(),
            url: String::new(),
            parent: None,
            children: Vec::new(),
            depth: 0,
            course: None,
            body: Body::empty(),
            lesson_count: 0,
            minutes: 0,
        };
        sections
            .insert(String::new(), SectionDraft { section, order: OrderKey::new(None, "", ""), slug: String::new() });
    }
    sections
}

/// The lessons of the parsed files; those left out are registered in `sources` as such.
pub(super) fn lessons(
    loaded: Vec<LoadedLesson<'_>>,
    options: LoadOptions,
    draft_dirs: &[String],
    sources: &mut SourceMap,
    diagnostics: &Diagnostics,
) -> Vec<LessonDraft> {
    let drafts: Vec<Result<LessonDraft, (&str, Excluded)>> =
        loaded.into_par_iter().map(|item| lesson_draft(item, options, draft_dirs, diagnostics)).collect();
    let mut lessons = Vec::with_capacity(drafts.len());
    for draft in drafts {
        match draft {
            Ok(lesson) => lessons.push(lesson),
            Err((source, why)) => {
                sources.insert(source, Target::Excluded(why));
            }
        }
    }
    lessons
}

/// A lesson before it has its place in the tree, or why it is left out.
fn lesson_draft<'a>(
    item: LoadedLesson<'a>,
    options: LoadOptions,
    draft_dirs: &[String],
    diagnostics: &Diagnostics,
) -> Result<LessonDraft, (&'a str, Excluded)> {
    let Some(doc) = item.doc else {
        return Err((item.source, Excluded::Broken));
    };
    let section_dir = if item.bundle { parent_dir(&item.dir) } else { &item.dir }.to_string();
    let name = if item.bundle { last_segment(&item.dir) } else { file_stem(last_segment(item.source)) };
    let meta = Arc::clone(&doc.meta);
    let title = match &meta.title {
        Some(t) if !t.trim().is_empty() => t.clone(),
        _ if doc.positions.rejected("title") => doc.fallback_title(name),
        _ if doc.has_front_matter => {
            let title = doc.fallback_title(name);
            diagnostics.push(Diagnostic::warning(
                source_path(item.source),
                1,
                1,
                msg!("missing-title", title = &title),
            ));
            title
        }
        _ => {
            let title = doc.fallback_title(name);
            let message =
                if is_readme(item.source) { readme_without_front_matter(item.source) } else { no_front_matter(&title) };
            diagnostics.push(Diagnostic::warning(source_path(item.source), 1, 1, message));
            title
        }
    };
    let in_draft_section = draft_dirs.iter().any(|d| is_within(&section_dir, d));
    if in_draft_section || (meta.draft && !options.drafts) {
        return Err((item.source, Excluded::Draft));
    }
    let date = checked_date(doc, "date", meta.date.as_deref(), diagnostics);
    let updated = checked_date(doc, "updated", meta.updated.as_deref(), diagnostics);
    let order = OrderKey::new(meta.weight, name, &title);
    let slug = segment(meta.slug.as_deref(), name);
    let id = match &meta.id {
        Some(id) if !id.trim().is_empty() => id.trim().to_string(),
        _ => default_id(item.source, item.bundle),
    };
    let lesson = Lesson {
        source: item.source.to_string(),
        dir: item.dir,
        bundle: item.bundle,
        meta,
        title,
        id,
        url: String::new(),
        section: 0,
        course: None,
        body: doc.body.clone(),
        date,
        updated,
        minutes: 0,
        prerequisites: Vec::new(),
        tags: Vec::new(),
        prev: None,
        next: None,
        positions: Arc::clone(&doc.positions),
    };
    Ok(LessonDraft { lesson, order, slug, section_dir })
}

fn checked_date(
    doc: &Loaded<LessonMeta>,
    key: &str,
    value: Option<&str>,
    diagnostics: &Diagnostics,
) -> Option<jiff::civil::Date> {
    let value = value?;
    let date = frontmatter::parse_date(value);
    if date.is_none() {
        let (line, col) = doc.positions.of(key);
        diagnostics.push(Diagnostic::error(
            source_path(&doc.source),
            line,
            col,
            msg!("invalid-date", key = key, value = value),
        ));
    }
    date
}

fn file_stem(name: &str) -> &str {
    markdown_stem(name).unwrap_or(name)
}

fn no_front_matter(title: &str) -> Message {
    msg!("no-front-matter", title = title)
}

/// A `README.md` beside lessons is most often about the repository or a data folder, not a
/// lesson: the fix offered first is to leave it out.
fn readme_without_front_matter(source: &str) -> Message {
    msg!("readme-without-front-matter", source = source)
}

fn is_readme(source: &str) -> bool {
    source.rsplit('/').next().is_some_and(|name| name.eq_ignore_ascii_case("readme.md"))
}
