//! A course's own pages, linked from the course page: its key points gathered from front matter
//! and `keypoints` blocks, and a schedule with running times from `teaching`, `exercises` and
//! `duration`. (The printable course is made with the lessons: see [`super::print`].)

use serde::Serialize;

use super::Renderer;
use super::context::{breadcrumbs, page_url, section_ctx, section_link};
use super::links::{PageKey, PageLinks, root_prefix};
use super::values::Values;
use crate::content::{CoursePage, Site};
use crate::diagnostics::Diagnostics;
use crate::markdown::{self, blocks::BlockKind};

/// A lesson of a course, in reading order, and the module it opens (if it is the first of one).
pub(super) struct CourseLesson {
    pub lesson: usize,
    pub opens_module: Option<usize>,
}

#[derive(Serialize, Hash)]
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

#[derive(Serialize, Hash)]
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
    /// What the key points summary of course `course` shows.
    pub(super) fn keypoints_values(&self, course: usize, values: &mut Values, diagnostics: &Diagnostics) {
        values.bodies(self.site, self.course_lessons[course].clone(), &[]);
        let root = self.course_page_values(course, CoursePage::Keypoints, values, diagnostics);
        let blocks = !values.fingerprinting();
        let lessons = self.keypoint_lessons(&self.lessons_of(course), &root, blocks, diagnostics);
        values.insert("lessons", &lessons);
    }

    /// What the schedule of course `course` shows.
    pub(super) fn schedule_values(&self, course: usize, values: &mut Values, diagnostics: &Diagnostics) {
        self.course_page_values(course, CoursePage::Schedule, values, diagnostics);
        let (rows, total) = schedule(self.site, &self.lessons_of(course));
        values.insert("rows", &rows);
        values.insert("total", &total);
        values.insert("total_clock", &clock(total));
    }

    /// What every page of course `course` shows besides its own (its path is
    /// `Site::site_page_file`'s): title, breadcrumbs, the course, and its sidebar (these pages
    /// sit where the course's own lessons do). Returns the page's root prefix.
    fn course_page_values(
        &self,
        course: usize,
        page: CoursePage,
        values: &mut Values,
        diagnostics: &Diagnostics,
    ) -> String {
        let site = self.site;
        let url = site.course_page_url(course, page);
        let root = root_prefix(&url);
        let (kind, label) = match page {
            CoursePage::Print => ("print", "course_print"),
            CoursePage::Keypoints => ("keypoints", "course_keypoints"),
            CoursePage::Schedule => ("schedule", "course_schedule"),
        };
        let title = format!("{}: {}", self.strings.get(label), site.sections[course].title);
        self.page_values(values, kind, &root, &url);
        values.insert("title", &title);
        values.insert("description", &title);
        values.insert("breadcrumbs", &breadcrumbs(site, &site.ancestry(course)));
        values.insert("course", &section_link(site, course));
        values.insert("section", &section_ctx(site, course));
        self.insert_nav(values, course, super::NavDepth::Lesson, &page_url(&url), diagnostics);
        root
    }

    /// The key points of each lesson of `lessons` that has some: from its front matter, and with
    /// `blocks` its key points blocks (its body is read only when it has such blocks).
    fn keypoint_lessons<'s>(
        &'s self,
        lessons: &[CourseLesson],
        root: &str,
        blocks: bool,
        diagnostics: &Diagnostics,
    ) -> Vec<KeypointLesson<'s>> {
        let site = self.site;
        let mut found = Vec::new();
        for (n, entry) in lessons.iter().enumerate() {
            let lesson = &site.lessons[entry.lesson];
            let text = match (blocks && lesson.body.has_keypoints()).then(|| lesson.body.markdown()).transpose() {
                Ok(text) => text,
                Err(problem) => {
                    diagnostics.push(problem);
                    None
                }
            };
            let bodies =
                text.as_deref().map_or_else(Vec::new, |t| markdown::blocks::bodies_of(t, BlockKind::Keypoints));
            let links = self.links_for(entry.lesson, root);
            let blocks: Vec<String> = bodies
                .iter()
                .enumerate()
                .map(|(m, body)| {
                    markdown::render_prefixed(body, self.labels, &links, &format!("k{}-{}-", n + 1, m + 1)).html
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

    /// The lessons of course `course` in reading order, each marked when it opens a module.
    pub(super) fn lessons_of(&self, course: usize) -> Vec<CourseLesson> {
        let site = self.site;
        let mut module = None;
        self.course_lessons[course]
            .clone()
            .map(|lesson| {
                let section = site.lessons[lesson].section;
                let this_module = (section != course).then_some(section);
                let opens_module = if this_module != module { this_module } else { None };
                module = this_module;
                CourseLesson { lesson, opens_module }
            })
            .collect()
    }

    fn links_for<'s>(&'s self, lesson: usize, root: &'s str) -> PageLinks<'s> {
        let dir = self.site.lessons[lesson].dir.as_str();
        PageLinks { site: self.site, static_files: self.static_files, dir, root, page: PageKey::lesson(lesson) }
    }
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
