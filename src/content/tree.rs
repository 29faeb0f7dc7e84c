//! Assembling the site tree from the parsed files: sections and lessons in reading order, with
//! URLs, ids, durations, tags, prerequisites, aliases and assets, and every clash between them
//! reported where the author can fix it. Clashes between output files are checked apart
//! ([`output_clashes`]), against the theme's and the site's static files too, so that a theme
//! edit in watch mode is checked without assembling the tree again.

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use super::load::{ContentFiles, Loaded, LoadedLesson, join, parent_dir};
use super::theme::StaticFile;
use super::{
    Alias, Asset, Body, Child, CoursePage, Excluded, Lesson, LessonMeta, LoadOptions, Section, SectionMeta, Site,
    SourceMap, Tag, Target, frontmatter, join_relative, markdown_stem, slug, source_path,
};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, nearest};
use crate::messages::Message;
use crate::msg;

pub(super) fn assemble(
    root: &Path,
    config: Config,
    files: ContentFiles<'_>,
    options: LoadOptions,
    diagnostics: &Diagnostics,
) -> Site {
    let mut sources = SourceMap::default();
    let mut draft_dirs = Vec::new();
    let mut sections = build_sections(&config, &files, options, &mut draft_dirs, &mut sources);
    let lessons = build_lessons(files.lessons, options, &draft_dirs, &mut sources, diagnostics);
    let (sections_ordered, lessons_ordered) = order(&mut sections, lessons);

    let mut site = Site {
        root: root.to_path_buf(),
        config,
        sections: sections_ordered,
        lessons: lessons_ordered,
        assets: Vec::new(),
        tags: Vec::new(),
        aliases: Vec::new(),
        includes: files.includes.clone(),
        sources,
    };
    assign_urls(&mut site);
    register_sources(&mut site, files.bundle_dirs);
    check_ids(&site, diagnostics);
    link_prev_next(&mut site);
    resolve_prerequisites(&mut site, diagnostics);
    collect_tags(&mut site, diagnostics);
    collect_aliases(&mut site, diagnostics);
    collect_assets(&mut site, files.assets, files.bundle_dirs, &draft_dirs);
    sum_minutes(&mut site);
    site
}

/// A section before it has its place in the reading order.
struct SectionDraft {
    section: Section,
    order: OrderKey,
    slug: String,
}

struct LessonDraft {
    lesson: Lesson,
    order: OrderKey,
    slug: String,
    section_dir: String,
}

/// Reading order inside a section: `weight`, then the numeric file prefix, then the title.
#[derive(PartialEq, Eq, PartialOrd, Ord, Clone)]
struct OrderKey {
    no_weight: bool,
    weight: i64,
    no_prefix: bool,
    prefix: u64,
    title: String,
    name: String,
}

impl OrderKey {
    fn new(weight: Option<i64>, name: &str, title: &str) -> Self {
        let (prefix, _) = slug::split_order_prefix(name);
        OrderKey {
            no_weight: weight.is_none(),
            weight: weight.unwrap_or(0),
            no_prefix: prefix.is_none(),
            prefix: prefix.unwrap_or(0),
            title: slug::sort_key(title),
            name: name.to_string(),
        }
    }
}

fn file_stem(name: &str) -> &str {
    markdown_stem(name).unwrap_or(name)
}

fn last_segment(path: &str) -> &str {
    &path[path.rfind('/').map_or(0, |i| i + 1)..]
}

/// The URL segment for a file or folder name, or for an explicit `slug`.
fn segment(explicit: Option<&str>, name: &str) -> String {
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

fn build_sections(
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

fn is_within(path: &str, dir: &str) -> bool {
    dir.is_empty() || path == dir || path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'))
}

fn build_lessons(
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

/// The stable id of a lesson without an explicit `id`: its path without order prefixes, so it
/// survives renumbering (`curso/01-escuchar.md` → `curso/escuchar`).
fn default_id(source: &str, bundle: bool) -> String {
    let path = if bundle { parent_dir(source) } else { markdown_stem(source).unwrap_or(source) };
    path.split('/').map(|part| segment(None, part)).collect::<Vec<_>>().join("/")
}

/// Puts sections and lessons in reading order (depth first, children interleaved by their order
/// key) and links parents and children by their final indices.
fn order(sections: &mut BTreeMap<String, SectionDraft>, lessons: Vec<LessonDraft>) -> (Vec<Section>, Vec<Lesson>) {
    let mut lessons_by_dir: BTreeMap<String, Vec<LessonDraft>> = BTreeMap::new();
    for l in lessons {
        let mut dir = l.section_dir.clone();
        while !sections.contains_key(&dir) {
            dir = parent_dir(&dir).to_string();
        }
        lessons_by_dir.entry(dir).or_default().push(l);
    }
    let mut subfolders: HashMap<String, Vec<String>> = HashMap::new();
    for dir in sections.keys().filter(|d| !d.is_empty()) {
        subfolders.entry(parent_dir(dir).to_string()).or_default().push(dir.clone());
    }
    let mut out_sections = Vec::with_capacity(sections.len());
    let mut out_lessons = Vec::with_capacity(lessons_by_dir.values().map(Vec::len).sum());
    let mut slugs = HashMap::with_capacity(out_sections.capacity() + out_lessons.capacity());
    visit("", None, &subfolders, sections, &mut lessons_by_dir, &mut out_sections, &mut out_lessons, &mut slugs);
    for (i, s) in out_sections.iter_mut().enumerate() {
        s.url = slugs.remove(&(true, i)).unwrap_or_default();
    }
    for (i, l) in out_lessons.iter_mut().enumerate() {
        l.url = slugs.remove(&(false, i)).unwrap_or_default();
    }
    (out_sections, out_lessons)
}

enum Entry {
    Section(String),
    Lesson(Box<LessonDraft>),
}

impl Entry {
    fn order<'a>(&'a self, sections: &'a BTreeMap<String, SectionDraft>) -> &'a OrderKey {
        match self {
            Entry::Section(dir) => &sections[dir].order,
            Entry::Lesson(l) => &l.order,
        }
    }
}

/// `subfolders` lists the section folders right below each folder.
#[allow(clippy::too_many_arguments)]
fn visit(
    dir: &str,
    parent: Option<usize>,
    subfolders: &HashMap<String, Vec<String>>,
    sections: &mut BTreeMap<String, SectionDraft>,
    lessons_by_dir: &mut BTreeMap<String, Vec<LessonDraft>>,
    out_sections: &mut Vec<Section>,
    out_lessons: &mut Vec<Lesson>,
    slugs: &mut HashMap<(bool, usize), String>,
) -> usize {
    let draft = sections.remove(dir).expect("section exists");
    let index = out_sections.len();
    let mut section = draft.section;
    section.parent = parent;
    out_sections.push(section);
    slugs.insert((true, index), draft.slug);

    let mut entries: Vec<Entry> = subfolders
        .get(dir)
        .into_iter()
        .flatten()
        .filter(|d| sections.contains_key(*d))
        .map(|d| Entry::Section(d.clone()))
        .chain(lessons_by_dir.remove(dir).unwrap_or_default().into_iter().map(|l| Entry::Lesson(Box::new(l))))
        .collect();
    entries.sort_by(|a, b| a.order(sections).cmp(b.order(sections)));

    let mut children = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry {
            Entry::Section(d) => {
                let child =
                    visit(&d, Some(index), subfolders, sections, lessons_by_dir, out_sections, out_lessons, slugs);
                children.push(Child::Section(child));
            }
            Entry::Lesson(l) => {
                let i = out_lessons.len();
                let mut lesson = l.lesson;
                lesson.section = index;
                out_lessons.push(lesson);
                slugs.insert((false, i), l.slug);
                children.push(Child::Lesson(i));
            }
        }
    }
    out_sections[index].children = children;
    index
}

/// Turns the slugs left in `url` by [`order`] into full URLs, top-down, and sets each section's
/// and lesson's course.
fn assign_urls(site: &mut Site) {
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

fn register_sources(site: &mut Site, bundle_dirs: &std::collections::BTreeSet<String>) {
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

fn check_ids(site: &Site, diagnostics: &Diagnostics) {
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

/// Previous and next lesson within each course (lessons outside courses form their own group).
fn link_prev_next(site: &mut Site) {
    let mut last: HashMap<Option<usize>, usize> = HashMap::new();
    for i in 0..site.lessons.len() {
        let group = site.lessons[i].course;
        if let Some(prev) = last.insert(group, i) {
            site.lessons[prev].next = Some(i);
            site.lessons[i].prev = Some(prev);
        }
    }
}

fn resolve_prerequisites(site: &mut Site, diagnostics: &Diagnostics) {
    let by_id: HashMap<&str, usize> = site.lessons.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
    let mut resolved = Vec::with_capacity(site.lessons.len());
    for lesson in &site.lessons {
        let mut found = Vec::new();
        for reference in &lesson.meta.prerequisites {
            match resolve_lesson_reference(site, &by_id, &lesson.dir, reference) {
                Ok(i) => found.push(i),
                Err(message) => {
                    let (line, col) = lesson.positions.of_item("prerequisites", reference);
                    diagnostics.push(Diagnostic::error(lesson.path(), line, col, message));
                }
            }
        }
        resolved.push(found);
    }
    for (lesson, found) in site.lessons.iter_mut().zip(resolved) {
        lesson.prerequisites = found;
    }
}

fn resolve_lesson_reference(
    site: &Site,
    by_id: &HashMap<&str, usize>,
    dir: &str,
    reference: &str,
) -> Result<usize, Message> {
    let reference = reference.trim();
    let path = join_relative(dir, reference);
    let candidates = path.iter().flat_map(|p| [p.clone(), format!("{p}.md"), join(p, "index.md")]);
    for candidate in candidates {
        match site.sources.get(&candidate) {
            Some(Target::Lesson(i)) => return Ok(i),
            Some(Target::Excluded(Excluded::Draft)) => {
                return Err(msg!("prerequisite-draft", reference = reference));
            }
            Some(Target::Excluded(Excluded::Broken)) => {
                return Err(msg!("prerequisite-broken", reference = reference));
            }
            _ => {}
        }
    }
    if let Some(&i) = by_id.get(reference) {
        return Ok(i);
    }
    let relative_names: Vec<String> = site
        .lessons
        .iter()
        .filter_map(|l| relative_to(dir, &l.source))
        .chain(site.lessons.iter().map(|l| l.id.clone()))
        .collect();
    Err(match nearest(reference, relative_names.iter().map(String::as_str)) {
        Some(near) => msg!("prerequisite-unknown-near", reference = reference, near = near),
        None => msg!("prerequisite-unknown", reference = reference),
    })
}

/// `source` written relative to `dir`, when it is in `dir` or below.
fn relative_to(dir: &str, source: &str) -> Option<String> {
    if dir.is_empty() {
        return Some(source.to_string());
    }
    source.strip_prefix(dir)?.strip_prefix('/').map(str::to_string)
}

fn collect_tags(site: &mut Site, diagnostics: &Diagnostics) {
    let base = site.config.language.tags_segment();
    let mut by_slug: BTreeMap<String, usize> = BTreeMap::new();
    let mut tags: Vec<Tag> = Vec::new();
    // Lessons share few tags: each name is made into a slug once.
    let mut slugs: HashMap<String, String> = HashMap::new();
    for (i, lesson) in site.lessons.iter_mut().enumerate() {
        for name in &lesson.meta.tags {
            let slug = match slugs.get(name.as_str()) {
                Some(slug) => slug.clone(),
                None => slugs.entry(name.clone()).or_insert_with(|| slug::slugify(name)).clone(),
            };
            if slug.is_empty() {
                let (line, col) = lesson.positions.of_item("tags", name);
                diagnostics.push(Diagnostic::warning(
                    lesson.path(),
                    line,
                    col,
                    msg!("tag-without-letters", tag = name),
                ));
                continue;
            }
            let t = *by_slug.entry(slug.clone()).or_insert_with(|| {
                tags.push(Tag {
                    name: name.trim().to_string(),
                    url: format!("{base}/{slug}/"),
                    slug,
                    lessons: Vec::new(),
                });
                tags.len() - 1
            });
            if !lesson.tags.contains(&t) {
                lesson.tags.push(t);
                tags[t].lessons.push(i);
            }
        }
    }
    // Tag pages list tags alphabetically; renumber lessons' references to match.
    let mut order: Vec<usize> = (0..tags.len()).collect();
    order.sort_by(|&a, &b| {
        slug::sort_key(&tags[a].name).cmp(&slug::sort_key(&tags[b].name)).then(tags[a].slug.cmp(&tags[b].slug))
    });
    let mut new_index = vec![0; tags.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for lesson in &mut site.lessons {
        for t in &mut lesson.tags {
            *t = new_index[*t];
        }
    }
    let mut slots: Vec<Option<Tag>> = tags.into_iter().map(Some).collect();
    site.tags = order.iter().map(|&old| slots[old].take().expect("each tag once")).collect();
}

fn collect_aliases(site: &mut Site, diagnostics: &Diagnostics) {
    for (i, lesson) in site.lessons.iter().enumerate() {
        for alias in &lesson.meta.aliases {
            if let Some(c) = alias.chars().find(|c| c.is_control()) {
                let (line, col) = lesson.positions.of_item("aliases", alias);
                diagnostics.push(Diagnostic::error(
                    lesson.path(),
                    line,
                    col,
                    msg!(
                        "alias-control-character",
                        alias = alias.escape_debug().to_string(),
                        code = format!("U+{:04X}", c as u32)
                    ),
                ));
                continue;
            }
            match alias_output(alias) {
                Some(output) => site.aliases.push(Alias { output, lesson: i }),
                None => {
                    let (line, col) = lesson.positions.of_item("aliases", alias);
                    diagnostics.push(Diagnostic::error(
                        lesson.path(),
                        line,
                        col,
                        msg!("alias-not-a-path", alias = alias),
                    ));
                }
            }
        }
    }
}

/// The output file of a redirect: `/viejo/escuchar/` → `viejo/escuchar/index.html`.
fn alias_output(alias: &str) -> Option<String> {
    let alias = alias.trim();
    if alias.contains("://") || alias.starts_with("//") || alias.contains(['?', '#', '\\']) {
        return None;
    }
    let path = join_relative("", alias)?;
    if path.is_empty() {
        return None;
    }
    let last = last_segment(&path);
    if alias.ends_with('/') || !last.contains('.') { Some(format!("{path}/index.html")) } else { Some(path) }
}

/// Places every non-Markdown file: beside its bundle's page, or under its section's URL.
fn collect_assets(
    site: &mut Site,
    assets: &[String],
    bundle_dirs: &std::collections::BTreeSet<String>,
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

/// Files the build makes besides pages; nothing else may claim their paths. The search index is
/// a folder: claiming it as a file keeps everything else out of it (see [`folder_clashes`]).
fn reserved_outputs(site: &Site) -> Vec<(String, Claimant)> {
    let mut reserved: Vec<(String, Claimant)> = ["404.html", "sitemap.xml", "robots.txt", "atom.xml"]
        .into_iter()
        .map(|name| (name.to_string(), Claimant::Reserved(Reserved::File)))
        .collect();
    reserved.push((crate::output::MARKER.to_string(), Claimant::Reserved(Reserved::Marker)));
    reserved.push((crate::search::INDEX_DIR.to_string(), Claimant::Reserved(Reserved::SearchIndex)));
    let tags_index = format!("{}/index.html", site.config.language.tags_segment());
    reserved.push((tags_index, Claimant::Reserved(Reserved::TagList)));
    let search_page = format!("{}/index.html", site.config.language.search_segment());
    reserved.push((search_page, Claimant::Reserved(Reserved::SearchPage)));
    for course in site.courses() {
        for page in CoursePage::ALL {
            reserved.push((format!("{}index.html", site.course_page_url(course, page)), Claimant::CoursePage(course)));
        }
    }
    reserved
}

/// The longest file or folder name most file systems take, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// Every output path the site and `statics` make, with what claims it, in the order clashes are
/// told: what the author is least likely to move first (aula's own files, then the theme's), the
/// site's own `static/` files last, so a clash is reported where the author can fix it.
fn claims<'a>(site: &Site, statics: &'a [StaticFile]) -> Vec<(String, Claimant)> {
    let (by_site, by_theme): (Vec<_>, Vec<_>) = statics.iter().enumerate().partition(|(_, f)| f.by_site);
    let statics = |files: Vec<(usize, &'a StaticFile)>| {
        files.into_iter().map(|(i, f)| (f.output.clone(), Claimant::Static(i))).collect::<Vec<_>>()
    };
    let mut claims = reserved_outputs(site);
    claims.extend(statics(by_theme));
    claims
        .extend(site.sections.iter().enumerate().map(|(i, s)| (format!("{}index.html", s.url), Claimant::Section(i))));
    claims.extend(site.lessons.iter().enumerate().map(|(i, l)| (format!("{}index.html", l.url), Claimant::Lesson(i))));
    claims.extend(site.tags.iter().enumerate().map(|(i, t)| (format!("{}index.html", t.url), Claimant::Tag(i))));
    claims.extend(site.aliases.iter().enumerate().map(|(i, a)| (a.output.clone(), Claimant::Alias(i))));
    claims.extend(site.assets.iter().enumerate().map(|(i, a)| (a.output.clone(), Claimant::Asset(i))));
    claims.extend(statics(by_site));
    claims
}

/// Outputs that would silently replace one another, or could not be written: two claims on one
/// file, a file where another claim needs a folder, a name too long for a file system. Each is
/// reported at the later claim in [`claims`] order, naming both.
pub(super) fn output_clashes(site: &Site, statics: &[StaticFile]) -> Vec<Diagnostic> {
    let claims = claims(site, statics);
    let clash = Clash { site, statics };
    let mut found = Vec::new();
    let mut taken: HashMap<&str, usize> = HashMap::with_capacity(claims.len());
    for (n, (output, claimant)) in claims.iter().enumerate() {
        match taken.entry(output) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(n);
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                found.push(clash.same_file(output, *claimant, claims[*first.get()].1));
            }
        }
    }
    found.extend(folder_clashes(&clash, &claims, &taken));
    found.extend(long_names(&clash, &claims));
    found
}

/// Claims inside a folder that another claim makes as a file (`curso/a` beside `curso/a/index.html`).
fn folder_clashes(clash: &Clash<'_>, claims: &[(String, Claimant)], taken: &HashMap<&str, usize>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (n, (output, claimant)) in claims.iter().enumerate() {
        let folders = output.match_indices('/').map(|(at, _)| &output[..at]);
        if let Some((folder, &file)) = folders.filter_map(|f| taken.get_key_value(f)).next() {
            let later = claims[file.max(n)].1;
            let (inside, maker) = (clash.owner(*claimant), clash.owner(claims[file].1));
            let (path, (line, col), fix) = later.place(clash.site, clash.statics);
            let message = msg!(
                "clash-file-and-folder",
                folder = *folder,
                maker = maker,
                inside = inside,
                output = output.as_str(),
                fix = fix
            );
            found.push(Diagnostic::error(path, line, col, message));
        }
    }
    found
}

/// Claims with a file or folder name over [`MAX_NAME_BYTES`], each long name told once (at the
/// first claim that has it: the section, not each lesson below it).
fn long_names(clash: &Clash<'_>, claims: &[(String, Claimant)]) -> Vec<Diagnostic> {
    let mut told = std::collections::HashSet::new();
    let mut found = Vec::new();
    for (output, claimant) in claims {
        let mut end = 0;
        for name in output.split('/') {
            end += name.len() + 1;
            if name.len() <= MAX_NAME_BYTES || !told.insert(&output[..end - 1]) {
                continue;
            }
            let (path, (line, col), _) = claimant.place(clash.site, clash.statics);
            let fix = claimant.shorter();
            let start: String = name.chars().take(24).collect();
            let message = msg!(
                "url-name-too-long",
                start = start,
                owner = clash.owner(*claimant),
                bytes = name.len(),
                limit = MAX_NAME_BYTES,
                fix = fix
            );
            found.push(Diagnostic::error(path, line, col, message));
        }
    }
    found
}

/// What the messages about clashing outputs are made from.
struct Clash<'a> {
    site: &'a Site,
    statics: &'a [StaticFile],
}

impl Clash<'_> {
    fn owner(&self, claimant: Claimant) -> Message {
        claimant.owner(self.site, self.statics)
    }

    /// `second` claims `output`, which `first` claimed before.
    fn same_file(&self, output: &str, second: Claimant, first: Claimant) -> Diagnostic {
        let shown = output.strip_suffix("index.html").unwrap_or(output);
        let shown = if shown.is_empty() { "/" } else { shown };
        let (path, (line, col), fix) = second.place(self.site, self.statics);
        let (owner, first_owner) = (self.owner(second), self.owner(first));
        let message = if second.is_page() && first.is_page() {
            msg!("clash-same-url", owner = owner, first = first_owner, output = shown, fix = fix)
        } else {
            msg!("clash-same-path", owner = owner, first = first_owner, output = shown, fix = fix)
        };
        Diagnostic::error(path, line, col, message)
    }
}

/// A file aula makes besides pages.
#[derive(Clone, Copy)]
enum Reserved {
    File,
    Marker,
    SearchIndex,
    TagList,
    SearchPage,
}

/// What claims an output file; described only when two claim one.
#[derive(Clone, Copy)]
enum Claimant {
    Reserved(Reserved),
    /// One of the pages aula makes for a course (see [`CoursePage`]).
    CoursePage(usize),
    /// A static file of the theme or of the site, by its index in the theme's list.
    Static(usize),
    Section(usize),
    Lesson(usize),
    Tag(usize),
    Alias(usize),
    Asset(usize),
}

impl Claimant {
    fn is_page(self) -> bool {
        !matches!(self, Claimant::Reserved(_) | Claimant::Static(_) | Claimant::Asset(_))
    }

    fn owner(self, site: &Site, statics: &[StaticFile]) -> Message {
        let path = |p: &Path| msg!("clash-owner-path", path = p);
        match self {
            Claimant::Reserved(Reserved::File) => msg!("clash-owner-aula-file"),
            Claimant::Reserved(Reserved::Marker) => msg!("clash-owner-marker"),
            Claimant::Reserved(Reserved::SearchIndex) => msg!("clash-owner-search-index"),
            Claimant::Reserved(Reserved::TagList) => msg!("clash-owner-tag-list"),
            Claimant::Reserved(Reserved::SearchPage) => msg!("clash-owner-search-page"),
            Claimant::CoursePage(course) => msg!("clash-owner-course-page", course = &site.sections[course].title),
            Claimant::Static(i) if statics[i].by_site => path(&statics[i].origin),
            Claimant::Static(i) => msg!("clash-owner-theme-file", path = &statics[i].origin),
            Claimant::Section(i) => {
                let s = &site.sections[i];
                path(&s.path().unwrap_or_else(|| source_path(&s.dir)))
            }
            Claimant::Lesson(i) => path(&site.lessons[i].path()),
            Claimant::Tag(i) => msg!("clash-owner-tag", tag = &site.tags[i].name),
            Claimant::Alias(i) => {
                let l = &site.lessons[site.aliases[i].lesson];
                msg!("clash-owner-alias", alias = alias_written(site, i), path = &l.path())
            }
            Claimant::Asset(i) => path(&source_path(&site.assets[i].source)),
        }
    }

    /// How to fix a name too long for a file system.
    fn shorter(self) -> Message {
        match self {
            Claimant::Section(_) => msg!("fix-section-slug-shorter"),
            Claimant::Lesson(_) => msg!("fix-lesson-slug-shorter"),
            Claimant::Tag(_) => msg!("fix-tag-shorter"),
            Claimant::Alias(_) => msg!("fix-alias-shorter"),
            Claimant::Reserved(_) | Claimant::CoursePage(_) | Claimant::Static(_) | Claimant::Asset(_) => {
                msg!("fix-rename-file")
            }
        }
    }

    /// Where to report a clash, and how to fix it.
    fn place(self, site: &Site, statics: &[StaticFile]) -> (std::path::PathBuf, (usize, usize), Message) {
        match self {
            Claimant::Reserved(_) | Claimant::CoursePage(_) => (std::path::PathBuf::new(), (1, 1), msg!("fix-none")),
            Claimant::Static(i) => (statics[i].origin.clone(), (1, 1), msg!("fix-static-file")),
            Claimant::Section(i) => {
                let s = &site.sections[i];
                let path = s.path().unwrap_or_else(|| source_path(&s.dir));
                (path, (1, 1), msg!("fix-section-clash"))
            }
            Claimant::Lesson(i) => {
                let l = &site.lessons[i];
                let position = if l.meta.slug.is_some() { l.positions.of("slug") } else { (1, 1) };
                (l.path(), position, msg!("fix-lesson-clash"))
            }
            Claimant::Tag(i) => {
                let t = &site.tags[i];
                let first = &site.lessons[t.lessons[0]];
                (first.path(), first.positions.of_item("tags", &t.name), msg!("fix-tag-clash"))
            }
            Claimant::Alias(i) => {
                let l = &site.lessons[site.aliases[i].lesson];
                (l.path(), l.positions.of_item("aliases", alias_written(site, i)), msg!("fix-remove-alias"))
            }
            Claimant::Asset(i) => (source_path(&site.assets[i].source), (1, 1), msg!("fix-asset-clash")),
        }
    }
}

/// Alias `i` as its lesson's front matter writes it.
fn alias_written(site: &Site, i: usize) -> &str {
    let a = &site.aliases[i];
    let l = &site.lessons[a.lesson];
    l.meta.aliases.iter().find(|x| alias_output(x).as_deref() == Some(&a.output)).map_or("", String::as_str)
}

/// The URL folder an asset is copied under (its bundle's page, else its nearest section's) and
/// the content folder its path is relative to. `None` for assets of a bundle left out.
fn asset_home<'a>(
    site: &'a Site,
    bundle_dirs: &std::collections::BTreeSet<String>,
    source: &'a str,
) -> Option<(&'a str, &'a str)> {
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

/// Minutes a self-check quiz adds to a lesson's estimated duration.
const QUIZ_MINUTES: usize = 2;

/// Minutes per lesson (`duration`, else `teaching` + `exercises`, else words at reading speed
/// plus time for its quizzes), and lesson counts and minutes per section, bottom-up.
pub(super) fn sum_minutes(site: &mut Site) {
    let speed = site.config.reading_speed.max(1) as usize;
    for lesson in &mut site.lessons {
        let m = &lesson.meta;
        lesson.minutes = match (m.duration, m.teaching, m.exercises) {
            (Some(d), _, _) => d,
            (None, None, None) => {
                (lesson.body.words().div_ceil(speed).max(1) + lesson.body.quizzes() * QUIZ_MINUTES) as u32
            }
            (None, t, e) => t.unwrap_or(0) + e.unwrap_or(0),
        };
    }
    for i in (0..site.sections.len()).rev() {
        let (mut count, mut minutes) = (0, 0);
        for child in &site.sections[i].children {
            match *child {
                Child::Lesson(l) => {
                    count += 1;
                    minutes += site.lessons[l].minutes;
                }
                Child::Section(s) => {
                    count += site.sections[s].lesson_count;
                    minutes += site.sections[s].minutes;
                }
            }
        }
        site.sections[i].lesson_count = count;
        site.sections[i].minutes = minutes;
    }
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

    #[test]
    fn order_keys() {
        let mut keys = [
            OrderKey::new(None, "10-z", "Zeta"),
            OrderKey::new(None, "2-b", "Be"),
            OrderKey::new(Some(5), "99-a", "A"),
            OrderKey::new(None, "sin-prefijo", "Ábaco"),
            OrderKey::new(None, "otro", "beta"),
            OrderKey::new(Some(-1), "x", "X"),
        ];
        keys.sort();
        let names: Vec<_> = keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["x", "99-a", "2-b", "10-z", "sin-prefijo", "otro"]);
    }

    #[test]
    fn aliases() {
        assert_eq!(alias_output("/viejo/escuchar/").as_deref(), Some("viejo/escuchar/index.html"));
        assert_eq!(alias_output("viejo").as_deref(), Some("viejo/index.html"));
        assert_eq!(alias_output("/old.html").as_deref(), Some("old.html"));
        assert_eq!(alias_output("https://x.org/a"), None);
        assert_eq!(alias_output("/../x"), None);
        assert_eq!(alias_output("/"), None);
    }
}
