//! A course's own pages, linked from the course page: the whole course on one printable page
//! (solutions behind a toggle), its key points gathered from front matter and `keypoints` blocks,
//! and a schedule with running times from `teaching`, `exercises` and `duration`.
//!
//! The printable page holds every lesson's body, so it renders their Markdown again when it is
//! made (in parallel) rather than keeping each rendered lesson for the whole build. Problems in
//! those bodies were already reported by the lessons' own pages.

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::context::{breadcrumbs, page_url, section_ctx, section_link};
use super::links::{PageLinks, lesson_key, root_prefix};
use crate::content::{CoursePage, Site};
use crate::diagnostics::Diagnostics;
use crate::markdown::{self, blocks::BlockKind};

/// A lesson of a course, in reading order, and the module it opens (if it is the first of one).
struct CourseLesson {
    lesson: usize,
    opens_module: Option<usize>,
}

#[derive(Serialize)]
struct PrintLesson<'a> {
    id: &'a str,
    /// The element id of the lesson on the page; its own ids start with it.
    anchor: String,
    title: &'a str,
    url: String,
    minutes: u32,
    module: Option<&'a str>,
    objectives: &'a [String],
    questions: &'a [String],
    keypoints: &'a [String],
    content: String,
    instructor_notes: bool,
}

#[derive(Serialize)]
struct KeypointLesson<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    module: Option<&'a str>,
    /// From the front matter.
    keypoints: &'a [String],
    /// The HTML of each `keypoints` block of the body.
    blocks: Vec<String>,
}

#[derive(Serialize)]
struct ScheduleRow<'a> {
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    url: String,
    /// Running time when it starts, `H:MM` from the start of the course.
    start: String,
    teaching: Option<u32>,
    exercises: Option<u32>,
    minutes: u32,
}

impl Renderer<'_> {
    /// The output path, template and context of one of course `course`'s own pages.
    pub(super) fn course_page_context(
        &self,
        course: usize,
        page: CoursePage,
        diagnostics: &Diagnostics,
    ) -> (String, &'static str, Context) {
        let site = self.site;
        let url = site.course_page_url(course, page);
        let root = root_prefix(&url);
        let (kind, template, label) = match page {
            CoursePage::Print => ("print", "course-print.html", "course_print"),
            CoursePage::Keypoints => ("keypoints", "course-keypoints.html", "course_keypoints"),
            CoursePage::Schedule => ("schedule", "course-schedule.html", "course_schedule"),
        };
        let section = &site.sections[course];
        let title = format!("{}: {}", self.strings.get(label), section.title);
        let mut ctx = self.page_context(kind, &root, &url);
        ctx.insert("title", &title);
        ctx.insert("description", &title);
        ctx.insert("breadcrumbs", &breadcrumbs(site, &site.ancestry(course)));
        ctx.insert("course", &section_link(site, course));
        ctx.insert("section", &section_ctx(site, course));
        let lessons = course_lessons(site, course);
        match page {
            CoursePage::Print => {
                let lessons = self.print_lessons(&lessons, &root);
                ctx.insert("instructor_notes", &lessons.iter().any(|l| l.instructor_notes));
                ctx.insert("lessons", &lessons);
            }
            CoursePage::Keypoints => ctx.insert("lessons", &self.keypoint_lessons(&lessons, &root)),
            CoursePage::Schedule => {
                let (rows, total) = schedule(site, &lessons);
                ctx.insert("rows", &rows);
                ctx.insert("total", &total);
                ctx.insert("total_clock", &clock(total));
            }
        }
        if page != CoursePage::Print {
            // These pages sit where the course's own lessons do, so they share their sidebar.
            self.insert_nav(&mut ctx, course, true, &root, &page_url(&url), diagnostics);
        }
        (page_url(&url), template, ctx)
    }

    fn print_lessons<'s>(&'s self, lessons: &[CourseLesson], root: &str) -> Vec<PrintLesson<'s>> {
        let site = self.site;
        lessons
            .par_iter()
            .enumerate()
            .map(|(n, entry)| {
                let lesson = &site.lessons[entry.lesson];
                let anchor = format!("l{}", n + 1);
                let links = self.links_for(entry.lesson, root);
                let body = markdown::render_prefixed(lesson.body(), &self.labels, &links, &format!("{anchor}-"));
                PrintLesson {
                    id: &lesson.id,
                    anchor,
                    title: &lesson.title,
                    url: page_url(&lesson.url),
                    minutes: lesson.minutes,
                    module: entry.opens_module.map(|s| site.sections[s].title.as_str()),
                    objectives: &lesson.meta.objectives,
                    questions: &lesson.meta.questions,
                    keypoints: &lesson.meta.keypoints,
                    content: body.html,
                    instructor_notes: body.instructor_notes,
                }
            })
            .collect()
    }

    fn keypoint_lessons<'s>(&'s self, lessons: &[CourseLesson], root: &str) -> Vec<KeypointLesson<'s>> {
        let site = self.site;
        let mut found = Vec::new();
        for (n, entry) in lessons.iter().enumerate() {
            let lesson = &site.lessons[entry.lesson];
            let bodies = markdown::blocks::bodies_of(lesson.body(), BlockKind::Keypoints);
            let links = self.links_for(entry.lesson, root);
            let blocks: Vec<String> = bodies
                .iter()
                .enumerate()
                .map(|(m, body)| {
                    markdown::render_prefixed(body, &self.labels, &links, &format!("k{}-{}-", n + 1, m + 1)).html
                })
                .collect();
            if lesson.meta.keypoints.is_empty() && blocks.is_empty() {
                continue;
            }
            found.push(KeypointLesson {
                id: &lesson.id,
                title: &lesson.title,
                url: page_url(&lesson.url),
                module: entry.opens_module.map(|s| site.sections[s].title.as_str()),
                keypoints: &lesson.meta.keypoints,
                blocks,
            });
        }
        found
    }

    fn links_for<'s>(&'s self, lesson: usize, root: &'s str) -> PageLinks<'s> {
        let dir = self.site.lessons[lesson].dir.as_str();
        PageLinks { site: self.site, static_files: &self.static_files, dir, root, page: lesson_key(lesson) }
    }
}

/// The lessons of a course in reading order, each marked when it opens a module.
fn course_lessons(site: &Site, course: usize) -> Vec<CourseLesson> {
    let mut lessons = Vec::new();
    let mut module = None;
    for (i, lesson) in site.lessons.iter().enumerate().filter(|(_, l)| l.course == Some(course)) {
        let this_module = (lesson.section != course).then_some(lesson.section);
        let opens_module = if this_module != module { this_module } else { None };
        module = this_module;
        lessons.push(CourseLesson { lesson: i, opens_module });
    }
    lessons
}

/// The schedule's rows (modules and lessons, with running start times) and its total minutes.
fn schedule<'s>(site: &'s Site, lessons: &[CourseLesson]) -> (Vec<ScheduleRow<'s>>, u32) {
    let mut rows = Vec::with_capacity(lessons.len());
    let mut elapsed = 0;
    for entry in lessons {
        if let Some(module) = entry.opens_module {
            let s = &site.sections[module];
            rows.push(ScheduleRow {
                kind: "module",
                id: "",
                title: &s.title,
                url: page_url(&s.url),
                start: clock(elapsed),
                teaching: None,
                exercises: None,
                minutes: s.minutes,
            });
        }
        let l = &site.lessons[entry.lesson];
        rows.push(ScheduleRow {
            kind: "lesson",
            id: &l.id,
            title: &l.title,
            url: page_url(&l.url),
            start: clock(elapsed),
            teaching: l.meta.teaching,
            exercises: l.meta.exercises,
            minutes: l.minutes,
        });
        elapsed += l.minutes;
    }
    (rows, elapsed)
}

/// Minutes as a running time, `H:MM`.
fn clock(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(65), "1:05");
        assert_eq!(clock(600), "10:00");
    }
}
