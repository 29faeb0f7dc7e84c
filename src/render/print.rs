//! The printable course: every lesson of a course on one page.
//!
//! It is made while the lessons are rendered, not after: each lesson's body, once rendered for
//! its own page, is rewritten for the printable page ([`for_print`]) and queued with its course
//! ([`PrintQueue`]); the lesson that completes its course hands the page back to be written.
//! So no lesson's Markdown is rendered twice, and only courses still being rendered are held.
//! A session that renders only the lessons an edit affects makes the page apart instead when
//! not all its lessons render ([`Renderer::print_page_again`]), rendering their Markdown again,
//! but for the bodies it kept from its last printable page of that course ([`PrintBodies`]).

use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use super::context::{breadcrumbs, page_url, section_ctx, section_link};
use super::course::CourseLesson;
use super::links::{PageKey, root_prefix};
use super::values::Values;
use super::{OutputFile, Renderer, SitePage};
use crate::content::{CoursePage, Site, source_path};
use crate::diagnostics::Diagnostics;

/// Lesson bodies waiting for the rest of their course.
pub(super) struct PrintQueue {
    /// By section index; `Some` for courses with lessons.
    courses: Vec<Option<CourseQueue>>,
}

struct CourseQueue {
    /// The course's first lesson; its lessons follow it in reading order.
    first: usize,
    pending: Mutex<Pending>,
}

struct Pending {
    left: usize,
    bodies: Vec<PrintBody>,
}

/// A lesson body as the printable page shows it.
#[derive(Default)]
struct PrintBody {
    html: String,
    instructor_notes: bool,
}

impl PrintQueue {
    pub(super) fn new(site: &Site) -> PrintQueue {
        let mut courses: Vec<Option<CourseQueue>> = (0..site.sections.len()).map(|_| None).collect();
        for (i, lesson) in site.lessons.iter().enumerate() {
            let Some(course) = lesson.course else { continue };
            let queue = courses[course].get_or_insert_with(|| CourseQueue {
                first: i,
                pending: Mutex::new(Pending { left: 0, bodies: Vec::new() }),
            });
            let pending = queue.pending.get_mut().expect("not shared yet");
            pending.left += 1;
            pending.bodies.push(PrintBody::default());
        }
        PrintQueue { courses }
    }

    /// The first lesson of course `course`, if it has any.
    fn first(&self, course: usize) -> Option<usize> {
        self.courses[course].as_ref().map(|q| q.first)
    }

    /// Queues the printable body of the lesson at `position` in course `course`; when it was the
    /// last one, all the course's bodies in reading order.
    fn add(&self, course: usize, position: usize, body: PrintBody) -> Option<Vec<PrintBody>> {
        let queue = self.courses[course].as_ref()?;
        let mut pending = queue.pending.lock().expect("print queue lock");
        pending.bodies[position] = body;
        pending.left -= 1;
        (pending.left == 0).then(|| std::mem::take(&mut pending.bodies))
    }
}

/// The lesson bodies of the printable pages a session made last, kept between its runs so that
/// an edit to one lesson renders only that lesson's Markdown again for its course's page. The
/// session forgets a lesson's body when its Markdown changes, and all of them when anything
/// else a body is made from may have (the tree, the theme, the configuration); it keeps only
/// the courses of its last run, so what it holds stays the size of the courses being edited.
#[derive(Default)]
pub struct PrintBodies {
    courses: Mutex<HashMap<usize, CourseBodies>>,
}

/// A course's bodies, in reading order from its first lesson; `None` for one to render again.
struct CourseBodies {
    first: usize,
    bodies: Vec<Option<PrintBody>>,
}

impl PrintBodies {
    /// Forgets every body.
    pub fn clear(&mut self) {
        self.courses.get_mut().expect("print bodies lock").clear();
    }

    /// Forgets the bodies of `lessons` of `site`, whose Markdown changed.
    pub fn forget(&mut self, site: &Site, lessons: impl IntoIterator<Item = usize>) {
        let courses = self.courses.get_mut().expect("print bodies lock");
        for lesson in lessons {
            let Some(kept) = site.lessons[lesson].course.and_then(|c| courses.get_mut(&c)) else { continue };
            if let Some(body) = lesson.checked_sub(kept.first).and_then(|n| kept.bodies.get_mut(n)) {
                *body = None;
            }
        }
    }

    /// Keeps only the bodies of `courses`.
    pub fn keep(&mut self, courses: &BTreeSet<usize>) {
        self.courses.get_mut().expect("print bodies lock").retain(|course, _| courses.contains(course));
    }

    /// The bodies kept of course `course` for `lessons`, one per lesson (`None` for one to
    /// render again), taken out until [`Self::put`] puts them back; `None` when none are kept.
    fn take(&self, course: usize, lessons: &std::ops::Range<usize>) -> Option<Vec<Option<PrintBody>>> {
        let kept = self.courses.lock().expect("print bodies lock").remove(&course)?;
        (kept.first == lessons.start && kept.bodies.len() == lessons.len()).then_some(kept.bodies)
    }

    fn put(&self, course: usize, first: usize, bodies: Vec<PrintBody>) {
        let bodies = bodies.into_iter().map(Some).collect();
        self.courses.lock().expect("print bodies lock").insert(course, CourseBodies { first, bodies });
    }
}

#[derive(Serialize, Hash)]
struct PrintLesson<'a> {
    id: &'a str,
    /// The element id of the lesson on the page; the ids of its body start with it.
    anchor: String,
    title: &'a str,
    url: String,
    minutes: u32,
    /// The module it opens, if it is the first lesson of one.
    module: Option<&'a str>,
    objectives: &'a [String],
    questions: &'a [String],
    keypoints: &'a [String],
    content: String,
}

impl Renderer<'_> {
    /// Queues lesson `lesson`'s body (`html`, as rendered for its own page) for its course's
    /// printable page; when it completes the course, that page.
    pub(super) fn queue_for_print(
        &self,
        lesson: usize,
        html: &str,
        instructor_notes: bool,
        diagnostics: &Diagnostics,
    ) -> Option<OutputFile> {
        let queue = self.print_queue.get_or_init(|| PrintQueue::new(self.site));
        let course = self.site.lessons[lesson].course?;
        let first = queue.first(course)?;
        let body = self.print_body(course, lesson - first, lesson, html, instructor_notes);
        let bodies = queue.add(course, lesson - first, body)?;
        self.print_page(course, first, &bodies, diagnostics)
    }

    /// The printable page of course `course`, its lessons' Markdown rendered again. Problems in
    /// their bodies are not reported again here: their own pages report them.
    pub(super) fn print_page_again(&self, course: usize, diagnostics: &Diagnostics) -> Option<OutputFile> {
        let site = self.site;
        let lessons = self.course_lessons[course].clone();
        let first = lessons.start;
        let kept = self
            .print_bodies
            .and_then(|kept| kept.take(course, &lessons))
            .unwrap_or_else(|| lessons.clone().map(|_| None).collect());
        let bodies: Vec<PrintBody> = lessons
            .into_par_iter()
            .zip(kept)
            .map(|(i, kept)| {
                kept.unwrap_or_else(|| {
                    let lesson = &site.lessons[i];
                    let root = root_prefix(&lesson.url);
                    let (key, path, line) = (PageKey::lesson(i), lesson.path(), lesson.body.line());
                    // A body that cannot be read is reported by its own page.
                    let text = lesson.body.markdown();
                    let text = text.as_deref().unwrap_or_default();
                    let body = self.markdown(text, &lesson.dir, &root, key, &path, line, &Diagnostics::new());
                    self.print_body(course, i - first, i, &body.html, body.instructor_notes)
                })
            })
            .collect();
        if bodies.is_empty() {
            return None;
        }
        let page = self.print_page(course, first, &bodies, diagnostics);
        if let Some(kept) = self.print_bodies {
            kept.put(course, first, bodies);
        }
        page
    }

    /// Lesson `lesson`'s body (`html`, as rendered for its own page), the `position`-th of course
    /// `course`, as the printable page shows it.
    fn print_body(
        &self,
        course: usize,
        position: usize,
        lesson: usize,
        html: &str,
        instructor_notes: bool,
    ) -> PrintBody {
        let site = self.site;
        let print_root = root_prefix(&site.course_page_url(course, CoursePage::Print));
        let prefix = format!("{}-", anchor(position));
        let html = for_print(html, &prefix, &root_prefix(&site.lessons[lesson].url), &print_root);
        PrintBody { html, instructor_notes }
    }

    /// The printable page of course `course`, whose lessons start at `first`.
    fn print_page(
        &self,
        course: usize,
        first: usize,
        bodies: &[PrintBody],
        diagnostics: &Diagnostics,
    ) -> Option<OutputFile> {
        let site = self.site;
        debug_assert_eq!((first, bodies.len()), (self.course_lessons[course].start, self.course_lessons[course].len()));
        let mut values = Values::context();
        self.print_values(course, bodies.iter().any(|b| b.instructor_notes), &mut values);
        let origin = site.sections[course].path().unwrap_or_else(|| source_path(&site.sections[course].dir));
        let (path, template) = self.site.site_page_file(&SitePage::Print(course));
        let page = self.render_template(template, &values.into_context(), &origin, diagnostics)?;
        Some(OutputFile { path, bytes: splice(&page, bodies) })
    }

    /// What the printable page of course `course` shows, besides its lessons' bodies (each a
    /// marker that [`splice`] replaces); `instructor_notes`: whether one of them has some.
    pub(super) fn print_values(&self, course: usize, instructor_notes: bool, values: &mut Values) {
        let site = self.site;
        values.bodies(site, self.course_lessons[course].clone(), &[]);
        let url = site.course_page_url(course, CoursePage::Print);
        let title = format!("{}: {}", self.strings.get("course_print"), site.sections[course].title);
        self.page_values(values, "print", &root_prefix(&url), &url);
        values.insert("title", &title);
        values.insert("description", &title);
        values.insert("breadcrumbs", &breadcrumbs(site, &site.ancestry(course)));
        values.insert("course", &section_link(site, course));
        values.insert("section", &section_ctx(site, course));
        values.insert_from_bodies("instructor_notes", &instructor_notes);
        values.insert("lessons", &print_lessons(site, &self.lessons_of(course)));
    }
}

/// The lessons of a course (see [`Renderer::lessons_of`]) for the printable page; each body
/// is a marker that [`splice`] replaces.
fn print_lessons<'s>(site: &'s Site, lessons: &[CourseLesson]) -> Vec<PrintLesson<'s>> {
    lessons
        .iter()
        .enumerate()
        .map(|(n, entry)| {
            let lesson = &site.lessons[entry.lesson];
            PrintLesson {
                id: &lesson.id,
                anchor: anchor(n),
                title: &lesson.title,
                url: page_url(&lesson.url),
                minutes: lesson.minutes,
                module: entry.opens_module.map(|s| site.sections[s].title.as_str()),
                objectives: &lesson.meta.objectives,
                questions: &lesson.meta.questions,
                keypoints: &lesson.meta.keypoints,
                content: body_marker(n),
            }
        })
        .collect()
}

/// Stands for the `n`-th lesson body in the rendered printable page until the body takes its
/// place, so that the bodies do not pass through the template engine.
fn body_marker(n: usize) -> String {
    format!("<!--aula lesson body {n}-->")
}

/// The rendered page with each body marker replaced by its body.
fn splice(page: &[u8], bodies: &[PrintBody]) -> Vec<u8> {
    const START: &[u8] = b"<!--aula lesson body ";
    let mut out = Vec::with_capacity(page.len() + bodies.iter().map(|b| b.html.len()).sum::<usize>());
    let mut rest = page;
    while let Some(at) = memchr::memmem::find(rest, START) {
        let after = &rest[at + START.len()..];
        let digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
        let n = std::str::from_utf8(&after[..digits]).ok().and_then(|d| d.parse::<usize>().ok());
        match n.and_then(|n| bodies.get(n)) {
            Some(body) if after[digits..].starts_with(b"-->") => {
                out.extend_from_slice(&rest[..at]);
                out.extend_from_slice(body.html.as_bytes());
                rest = &after[digits + 3..];
            }
            _ => {
                out.extend_from_slice(&rest[..at + START.len()]);
                rest = after;
            }
        }
    }
    out.extend_from_slice(rest);
    out
}

/// The element id of the `n`-th (0-based) lesson of a printable page.
fn anchor(n: usize) -> String {
    format!("l{}", n + 1)
}

/// Attributes whose value is an element id, or a list of them.
const ID_ATTRIBUTES: &[&str] = &["id", "name", "for", "aria-labelledby", "aria-describedby", "aria-controls"];

/// A lesson body rendered for its own page, rewritten for the printable course: every id (and
/// every link to an id on the page) starts with `prefix`, so that bodies do not clash, and links
/// that start from the site root as seen from the lesson (`from_root`) start from the printable
/// page's folder (`to_root`) instead. Only attributes inside tags change: the Markdown writer
/// escapes `<` in text, so a `<` always starts markup.
pub fn for_print(html: &str, prefix: &str, from_root: &str, to_root: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + html.len() / 32);
    let mut copied = 0;
    for equals in memchr::memchr_iter(b'=', bytes) {
        let Some((role, value)) = attribute_at(html, equals) else { continue };
        if changes(role, &html[value.clone()], from_root, to_root) {
            out.push_str(&html[copied..value.start]);
            rewrite(role, &html[value.clone()], prefix, from_root, to_root, &mut out);
            copied = value.end;
        }
    }
    out.push_str(&html[copied..]);
    out
}

/// What an attribute's value is, for the attributes [`for_print`] changes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An element id, or a list of them.
    Ids,
    /// A link: `href`, which may point at an id on the page.
    Href,
    /// An embedded file: `src`.
    Src,
}

fn role(name: &[u8]) -> Option<Role> {
    let is = |known: &str| name.eq_ignore_ascii_case(known.as_bytes());
    if is("href") {
        Some(Role::Href)
    } else if is("src") {
        Some(Role::Src)
    } else if ID_ATTRIBUTES.iter().any(|known| is(known)) {
        Some(Role::Ids)
    } else {
        None
    }
}

/// The role and the value's byte range of the attribute whose `=` is at byte `equals`, when it is
/// an attribute that [`for_print`] may change: a known name after white space, a quoted value,
/// inside a tag (and not inside another attribute's value).
fn attribute_at(html: &str, equals: usize) -> Option<(Role, std::ops::Range<usize>)> {
    const LONGEST_NAME: usize = 16;
    let bytes = html.as_bytes();
    let quote = *bytes.get(equals + 1).filter(|q| **q == b'"' || **q == b'\'')?;
    let window = equals.saturating_sub(LONGEST_NAME + 1);
    let name_start = window + bytes[window..equals].iter().rposition(|b| b.is_ascii_whitespace())? + 1;
    let role = role(&bytes[name_start..equals])?;
    if !in_tag(bytes, name_start) {
        return None;
    }
    let value_start = equals + 2;
    let value_end = value_start + memchr::memchr(quote, &bytes[value_start..])?;
    Some((role, value_start..value_end))
}

/// Whether byte `at` is inside a tag and outside its attribute values: after a `<`, with no `>`
/// since and every quote since closed.
fn in_tag(bytes: &[u8], at: usize) -> bool {
    let Some(opening) = memchr::memrchr(b'<', &bytes[..at]) else { return false };
    let mut quote = None;
    for &b in &bytes[opening..at] {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return false,
            _ => {}
        }
    }
    quote.is_none()
}

/// Whether the value of an attribute with role `role` changes on the printable page.
fn changes(role: Role, value: &str, from_root: &str, to_root: &str) -> bool {
    match role {
        Role::Ids => !value.is_empty(),
        Role::Href if value.len() > 1 && value.starts_with('#') => true,
        Role::Href | Role::Src => from_root != to_root && !from_root.is_empty() && value.starts_with(from_root),
    }
}

/// Writes the new value of an attribute that [`changes`].
fn rewrite(role: Role, value: &str, prefix: &str, from_root: &str, to_root: &str, out: &mut String) {
    match role {
        Role::Ids => {
            for (i, id) in value.split(' ').enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                if !id.is_empty() {
                    out.push_str(prefix);
                    out.push_str(id);
                }
            }
        }
        Role::Href if value.starts_with('#') => {
            out.push('#');
            out.push_str(prefix);
            out.push_str(&value[1..]);
        }
        Role::Href | Role::Src => {
            out.push_str(to_root);
            out.push_str(&value[from_root.len()..]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_take_the_place_of_their_markers() {
        let bodies = ["<p>uno</p>", "<p>dos</p>"].map(|html| PrintBody { html: html.into(), instructor_notes: false });
        let page =
            format!("<main>{}<hr>{}{}<!--aula lesson body 9--></main>", body_marker(1), body_marker(0), body_marker(1));
        assert_eq!(
            String::from_utf8(splice(page.as_bytes(), &bodies)).unwrap(),
            "<main><p>dos</p><hr><p>uno</p><p>dos</p><!--aula lesson body 9--></main>"
        );
    }

    #[test]
    fn ids_and_links_to_them_get_the_prefix() {
        let html = "<h2 id=\"uno\">Uno<a class=\"anchor\" href=\"#uno\">#</a></h2>\n<p>Ver <a href=\"#fn-a\" id=\"fnref-a\">1</a></p>\n\
                    <input type=\"radio\" name=\"quiz-1\" value=\"0\" data-correct> <fieldset aria-labelledby=\"quiz-1-question x\">";
        assert_eq!(
            for_print(html, "l2-", "../../", "../../"),
            "<h2 id=\"l2-uno\">Uno<a class=\"anchor\" href=\"#l2-uno\">#</a></h2>\n<p>Ver <a href=\"#l2-fn-a\" id=\"l2-fnref-a\">1</a></p>\n\
             <input type=\"radio\" name=\"l2-quiz-1\" value=\"0\" data-correct> <fieldset aria-labelledby=\"l2-quiz-1-question l2-x\">"
        );
    }

    #[test]
    fn links_from_the_site_root_start_from_the_printable_page() {
        let html = "<a href=\"../../../curso/b/index.html#paso\">b</a> <img src=\"../../../curso/m/fig/x.svg\" alt=\"x\"> \
                    <a href=\"https://x.org/\">web</a> <a href=\"#\">arriba</a>";
        assert_eq!(
            for_print(html, "l3-", "../../../", "../../"),
            "<a href=\"../../curso/b/index.html#paso\">b</a> <img src=\"../../curso/m/fig/x.svg\" alt=\"x\"> \
             <a href=\"https://x.org/\">web</a> <a href=\"#\">arriba</a>"
        );
    }

    #[test]
    fn text_and_code_are_left_alone() {
        let html = "<p>Escribe id=\"x\" y href=\"#x\"</p><pre><code>&lt;a href=\"#x\"&gt; id=\"y\"</code></pre>\
                    <span title='a > b' id='w' data-x=\"id='v'\" alt=\"ver id='v'\">t</span>";
        assert_eq!(
            for_print(html, "p-", "../", "../"),
            "<p>Escribe id=\"x\" y href=\"#x\"</p><pre><code>&lt;a href=\"#x\"&gt; id=\"y\"</code></pre>\
             <span title='a > b' id='p-w' data-x=\"id='v'\" alt=\"ver id='v'\">t</span>"
        );
    }
}
