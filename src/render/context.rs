//! What templates see: plain serializable views of the site, one builder per kind of value.
//! The variables are documented for theme authors in the README ("Templates").

use serde::Serialize;

use super::i18n::Strings;
pub use crate::content::page_url;
use crate::content::{Child, CoursePage, Lesson, Section, Site};
use crate::markdown::TocEntry;

/// A link to a page: its title and its site-relative output path.
#[derive(Serialize, Clone, Hash)]
pub struct LinkCtx<'a> {
    pub title: &'a str,
    pub url: String,
}

/// An entry in a listing (course page, home, tag page).
#[derive(Serialize, Hash)]
pub struct EntryCtx<'a> {
    pub kind: &'static str,
    pub id: &'a str,
    /// A lesson's id is its path (`curso/escuchar`), which the page's script reads from its link,
    /// so pages leave it out.
    pub id_is_path: bool,
    pub title: &'a str,
    pub url: String,
    pub description: &'a str,
    pub level: &'a str,
    pub minutes: u32,
    pub lesson_count: usize,
}

/// A row of the sidebar: the course tree, flattened, with the current branch open.
#[derive(Serialize, Hash)]
pub struct NavItem {
    pub kind: &'static str,
    pub id: String,
    /// As in [`EntryCtx`].
    pub id_is_path: bool,
    pub title: String,
    pub url: String,
    pub depth: usize,
    pub open: bool,
    pub minutes: u32,
}

#[derive(Serialize, Hash)]
pub struct LessonCtx<'a> {
    pub id: &'a str,
    /// As in [`EntryCtx`]: the page's script reads it from the page's address.
    pub id_is_path: bool,
    pub title: &'a str,
    pub description: &'a str,
    pub url: String,
    pub permalink: String,
    pub date: String,
    pub date_display: String,
    pub updated: String,
    pub updated_display: String,
    pub authors: &'a [String],
    pub tags: Vec<LinkCtx<'a>>,
    pub level: &'a str,
    pub minutes: u32,
    pub words: usize,
    pub teaching: Option<u32>,
    pub exercises: Option<u32>,
    pub objectives: &'a [String],
    pub keypoints: &'a [String],
    pub questions: &'a [String],
    pub prerequisites: Vec<LinkCtx<'a>>,
    pub toc: &'a [TocEntry],
    pub extra: &'a serde_yaml::Value,
    /// Self-check quizzes in the body.
    pub quizzes: usize,
    /// The body has notes for the instructor view.
    pub instructor_notes: bool,
}

#[derive(Serialize, Hash)]
pub struct SectionCtx<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub url: String,
    pub level: &'a str,
    pub objectives: &'a [String],
    pub minutes: u32,
    pub lesson_count: usize,
    pub depth: usize,
    pub children: Vec<EntryCtx<'a>>,
    pub extra: &'a serde_yaml::Value,
    /// The course's own pages, on a course (a top-level section).
    pub pages: Option<CoursePagesCtx>,
    /// The ids of every lesson in the section and below, for learner progress.
    pub lesson_ids: Vec<&'a str>,
}

/// Where a course's own pages are.
#[derive(Serialize, Hash)]
pub struct CoursePagesCtx {
    pub print: String,
    pub keypoints: String,
    pub schedule: String,
}

pub fn lesson_link(site: &Site, i: usize) -> LinkCtx<'_> {
    let l = &site.lessons[i];
    LinkCtx { title: &l.title, url: page_url(&l.url) }
}

pub fn section_link(site: &Site, i: usize) -> LinkCtx<'_> {
    let s = &site.sections[i];
    LinkCtx { title: &s.title, url: page_url(&s.url) }
}

/// Whether a lesson's id is its path, as it is unless the lesson (or a folder above it) sets its
/// own `id` or `slug`.
pub fn id_is_path(lesson: &Lesson) -> bool {
    lesson.url.strip_suffix('/') == Some(lesson.id.as_str())
}

pub fn lesson_entry(lesson: &Lesson) -> EntryCtx<'_> {
    EntryCtx {
        kind: "lesson",
        id: &lesson.id,
        id_is_path: id_is_path(lesson),
        title: &lesson.title,
        url: page_url(&lesson.url),
        description: lesson.meta.description.as_deref().unwrap_or_default(),
        level: lesson.meta.level.as_deref().unwrap_or_default(),
        minutes: lesson.minutes,
        lesson_count: 1,
    }
}

pub fn section_entry(section: &Section) -> EntryCtx<'_> {
    EntryCtx {
        kind: "section",
        id: section.url.trim_end_matches('/'),
        id_is_path: true,
        title: &section.title,
        url: page_url(&section.url),
        description: section.meta.description.as_deref().unwrap_or_default(),
        level: section.meta.level.as_deref().unwrap_or_default(),
        minutes: section.minutes,
        lesson_count: section.lesson_count,
    }
}

pub fn children<'a>(site: &'a Site, section: &Section) -> Vec<EntryCtx<'a>> {
    entries(site, &section.children)
}

/// Some children of a section, as listings show them.
pub fn entries<'a>(site: &'a Site, children: &[Child]) -> Vec<EntryCtx<'a>> {
    children
        .iter()
        .map(|c| match *c {
            Child::Lesson(i) => lesson_entry(&site.lessons[i]),
            Child::Section(i) => section_entry(&site.sections[i]),
        })
        .collect()
}

/// The first `max` courses (the sections on the home page), as the 404 page lists them.
pub fn courses(site: &Site, max: usize) -> Vec<EntryCtx<'_>> {
    site.courses().take(max).map(|c| section_entry(&site.sections[c])).collect()
}

/// Home → course → module: the sections above a page, not the page itself.
pub fn breadcrumbs<'a>(site: &'a Site, chain: &[usize]) -> Vec<LinkCtx<'a>> {
    chain.iter().map(|&s| section_link(site, s)).collect()
}

/// The sidebar for pages in `section`: its course's tree with the branch down to `section` open.
pub fn nav(site: &Site, section: usize) -> Vec<NavItem> {
    let chain = site.ancestry(section);
    let top = site.sections[section].course.unwrap_or(0);
    let mut items = Vec::new();
    if top != 0 {
        let course = &site.sections[top];
        items.push(NavItem {
            kind: "course",
            id: String::new(),
            id_is_path: false,
            title: course.title.clone(),
            url: page_url(&course.url),
            depth: 0,
            open: true,
            minutes: course.minutes,
        });
    }
    push_nav_children(site, top, 1, &chain, &mut items);
    items
}

fn push_nav_children(site: &Site, section: usize, depth: usize, chain: &[usize], items: &mut Vec<NavItem>) {
    for child in &site.sections[section].children {
        match *child {
            Child::Lesson(i) => {
                let l = &site.lessons[i];
                items.push(NavItem {
                    kind: "lesson",
                    id: l.id.clone(),
                    id_is_path: id_is_path(l),
                    title: l.title.clone(),
                    url: page_url(&l.url),
                    depth,
                    open: false,
                    minutes: l.minutes,
                });
            }
            Child::Section(s) => {
                let open = chain.contains(&s);
                let sec = &site.sections[s];
                items.push(NavItem {
                    kind: "section",
                    id: String::new(),
                    id_is_path: false,
                    title: sec.title.clone(),
                    url: page_url(&sec.url),
                    depth,
                    open,
                    minutes: sec.minutes,
                });
                if open {
                    push_nav_children(site, s, depth + 1, chain, items);
                }
            }
        }
    }
}

pub fn lesson_ctx<'a>(site: &'a Site, strings: &Strings, i: usize, toc: &'a [TocEntry]) -> LessonCtx<'a> {
    let l = &site.lessons[i];
    let m = &l.meta;
    let iso = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let shown = |d: Option<jiff::civil::Date>| d.map(|d| strings.format_date(d)).unwrap_or_default();
    LessonCtx {
        id: &l.id,
        id_is_path: id_is_path(l),
        title: &l.title,
        description: m.description.as_deref().unwrap_or(""),
        url: page_url(&l.url),
        permalink: permalink(site, &l.url),
        date: iso(l.date),
        date_display: shown(l.date),
        updated: iso(l.updated),
        updated_display: shown(l.updated),
        authors: &m.authors,
        tags: l.tags.iter().map(|&t| LinkCtx { title: &site.tags[t].name, url: page_url(&site.tags[t].url) }).collect(),
        level: m.level.as_deref().unwrap_or(""),
        minutes: l.minutes,
        words: l.body.words(),
        teaching: m.teaching,
        exercises: m.exercises,
        objectives: &m.objectives,
        keypoints: &m.keypoints,
        questions: &m.questions,
        prerequisites: l.prerequisites.iter().map(|&p| lesson_link(site, p)).collect(),
        toc,
        extra: m.extra.as_ref().unwrap_or(&serde_yaml::Value::Null),
        quizzes: 0,
        instructor_notes: false,
    }
}

pub fn section_ctx<'a>(site: &'a Site, i: usize) -> SectionCtx<'a> {
    section_ctx_with(site, i, children(site, &site.sections[i]))
}

/// [`section_ctx`] with the given `children` listing.
pub fn section_ctx_with<'a>(site: &'a Site, i: usize, children: Vec<EntryCtx<'a>>) -> SectionCtx<'a> {
    let s = &site.sections[i];
    SectionCtx {
        title: &s.title,
        description: s.meta.description.as_deref().unwrap_or(""),
        url: page_url(&s.url),
        level: s.meta.level.as_deref().unwrap_or(""),
        objectives: &s.meta.objectives,
        minutes: s.minutes,
        lesson_count: s.lesson_count,
        depth: s.depth,
        children,
        extra: s.meta.extra.as_ref().unwrap_or(&serde_yaml::Value::Null),
        pages: (s.depth == 1 && s.lesson_count > 0).then(|| CoursePagesCtx {
            print: page_url(&site.course_page_url(i, CoursePage::Print)),
            keypoints: page_url(&site.course_page_url(i, CoursePage::Keypoints)),
            schedule: page_url(&site.course_page_url(i, CoursePage::Schedule)),
        }),
        lesson_ids: if i == 0 { Vec::new() } else { lessons_below(site, i) },
    }
}

/// The ids of the lessons in section `section` and below, in reading order.
fn lessons_below(site: &Site, section: usize) -> Vec<&str> {
    let mut ids = Vec::new();
    for child in &site.sections[section].children {
        match *child {
            Child::Lesson(l) => ids.push(site.lessons[l].id.as_str()),
            Child::Section(s) => ids.extend(lessons_below(site, s)),
        }
    }
    ids
}

/// The absolute URL of a site-relative folder URL, or `""` without `base_url`.
pub fn permalink(site: &Site, url: &str) -> String {
    match &site.config.base_url {
        Some(base) => format!("{base}{url}"),
        None => String::new(),
    }
}
