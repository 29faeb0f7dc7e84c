//! LMS packages: a course built on its own (see [`crate::content::Scope`]) made into one SCORM
//! zip, with its manifest (`manifest`) and the page an LMS launches (`launch`), which finds
//! the LMS's SCORM API and reports what the learner did (in the theme's `training.js`).
//!
//! A package is made from the files of the course's own build, in memory; its bytes depend
//! on nothing but them (fixed times, sorted entries), so a rebuild gives the same zip.

mod launch;
mod manifest;

use std::collections::BTreeMap;
use std::io::{Cursor, Write as _};

use crate::config::{Scorm, ScormVersion};
use crate::content::{Child, Site};
use crate::messages::Message;
use crate::msg;

/// The launch page, at the package's root: the one SCO every item of the manifest starts.
pub const LAUNCH_PAGE: &str = "scorm.html";

/// The manifest every SCORM package has at its root.
pub const MANIFEST: &str = "imsmanifest.xml";

/// A zip without the zip64 extension holds at most this many entries, and LMSs that unpack
/// packages do not all read zip64.
const MOST_ENTRIES: usize = 65_535;

/// …and this many bytes.
const MOST_BYTES: u64 = u32::MAX as u64;

/// What `suspend_data`, where a package keeps the learner's progress, holds at most (SCORM
/// 1.2: 4,096 characters; 2004: 64,000).
fn most_suspend_data(version: ScormVersion) -> usize {
    match version {
        ScormVersion::V1_2 => 4_096,
        ScormVersion::V2004 => 64_000,
    }
}

/// The output path of a course's package in the site, from the course's URL (`curso/`).
pub fn package_path(course_url: &str) -> String {
    format!("scorm/{}.zip", course_url.trim_end_matches('/'))
}

/// What a package launches and reports on: the course of `site` (a site built of that one
/// course) and its lessons in reading order.
pub struct Course<'a> {
    pub site: &'a Site,
    pub section: usize,
    /// The ids learner progress is kept under.
    pub lessons: Vec<&'a str>,
    /// How many quizzes each lesson has, by position in `lessons`.
    pub quizzes: Vec<usize>,
}

impl<'a> Course<'a> {
    /// The course of a site built of one course; `None` if it has none (all its lessons are
    /// drafts).
    pub fn of(site: &'a Site) -> Option<Course<'a>> {
        let section = site.courses().next()?;
        let lessons: Vec<usize> =
            (0..site.lessons.len()).filter(|&l| site.lessons[l].course == Some(section)).collect();
        Some(Course {
            site,
            section,
            quizzes: lessons.iter().map(|&l| site.lessons[l].body.quizzes()).collect(),
            lessons: lessons.iter().map(|&l| site.lessons[l].id.as_str()).collect(),
        })
    }

    fn title(&self) -> &str {
        &self.site.sections[self.section].title
    }

    /// The course's folder URL (`curso/`).
    fn url(&self) -> &str {
        &self.site.sections[self.section].url
    }

    /// Every item of the course's tree below its own page, in reading order.
    fn children(&self, section: usize) -> &[Child] {
        &self.site.sections[section].children
    }
}

/// The zip of `course`, made of `files` (the course's site, by site-relative path), or why it
/// cannot be one.
pub fn pack(
    course: &Course<'_>,
    scorm: &Scorm,
    xapi: Option<&str>,
    mut files: BTreeMap<String, Vec<u8>>,
) -> Result<Vec<u8>, Message> {
    let most = most_suspend_data(scorm.version);
    if most_progress(&course.quizzes) > most {
        return Err(msg!(
            "package-progress-too-large",
            version = scorm.version.as_str(),
            lessons = course.lessons.len(),
            quizzes = course.quizzes.iter().sum::<usize>(),
            most = most
        ));
    }
    files.insert(LAUNCH_PAGE.to_string(), launch::page(course, scorm, xapi).into_bytes());
    let manifest = manifest::manifest(course, scorm, files.keys().map(String::as_str));
    let total: u64 = files.values().map(|b| b.len() as u64).sum::<u64>() + manifest.len() as u64;
    if files.len() + 1 > MOST_ENTRIES || total > MOST_BYTES {
        return Err(msg!("package-too-large", files = files.len() + 1, megabytes = total / 1_000_000));
    }
    Ok(zip(std::iter::once((MANIFEST, manifest.as_bytes())).chain(files.iter().map(|(p, b)| (p.as_str(), &b[..])))))
}

/// The most characters a learner's progress can take in `suspend_data` in its smallest form, the
/// compact one of training.js's `suspendData` (`compactForm`), for a course whose lessons have
/// `quizzes` quizzes each:
/// `{"version":1,"compact":{"at":<ms>,"done":"0110…","right":{"<position>":[1,2]},"wrong":{…}}}`.
/// One character per lesson in `done`; a lesson with quizzes is in `right` or `wrong`, or with
/// two or more in both (`"<position>":[…],` in each), with each of its quiz numbers and a comma.
fn most_progress(quizzes: &[usize]) -> usize {
    const SKELETON: &str = r#"{"version":1,"compact":{"at":,"done":"","right":{},"wrong":{}}}"#;
    // Milliseconds since 1970 have 13 digits until the year 2286.
    const AT: usize = 13;
    let digits = |n: usize| n.to_string().len();
    let answers = |(position, &count): (usize, &usize)| {
        let entries = count.min(2);
        entries * (digits(position) + r#""":[],"#.len()) + (1..=count).map(|n| digits(n) + 1).sum::<usize>()
    };
    SKELETON.len() + AT + quizzes.len() + quizzes.iter().enumerate().map(answers).sum::<usize>()
}

/// A zip of `entries` in their order, each with the same fixed time and permissions.
fn zip<'a>(entries: impl Iterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in entries {
        let method =
            if is_compressed(path) { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        zip.start_file(path, options).expect("a zip in memory takes every file");
        zip.write_all(bytes).expect("writing to memory cannot fail");
    }
    zip.finish().expect("a zip in memory can be finished").into_inner()
}

/// Files compressed already, stored as they are.
fn is_compressed(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    matches!(
        extension.as_str(),
        "png"
            | "jpg"
            | "jpeg"
            | "gif"
            | "webp"
            | "avif"
            | "zip"
            | "gz"
            | "woff"
            | "woff2"
            | "mp4"
            | "mp3"
            | "webm"
            | "pdf"
    )
}

/// `text` escaped for XML and HTML text and (double-quoted) attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compact form training.js writes for lessons with `quizzes` quizzes each, all done,
    /// at its largest: each lesson's first quiz right and the others wrong.
    fn worst_compact_form(quizzes: &[usize]) -> String {
        let mut right = serde_json::Map::new();
        let mut wrong = serde_json::Map::new();
        for (position, &count) in quizzes.iter().enumerate() {
            if count > 0 {
                right.insert(position.to_string(), serde_json::json!([1]));
            }
            if count > 1 {
                wrong.insert(position.to_string(), (2..=count).collect());
            }
        }
        let done = "1".repeat(quizzes.len());
        let compact = serde_json::json!({"at": 1_760_000_000_000_u64, "done": done, "right": right, "wrong": wrong});
        serde_json::json!({"version": 1, "compact": compact}).to_string()
    }

    #[test]
    fn most_progress_bounds_the_compact_form_closely() {
        let cases: &[(&str, Vec<usize>)] = &[
            ("no lessons", vec![]),
            ("no quizzes", vec![0; 120]),
            ("one quiz each", vec![1; 120]),
            ("many quizzes", vec![0, 12, 3, 0, 25]),
            ("a thousand lessons, some with quizzes", (0..1000).map(|i| i % 3).collect()),
        ];
        for (name, quizzes) in cases {
            let written = worst_compact_form(quizzes).len();
            let bound = most_progress(quizzes);
            // A comma counted after each map's last entry and each array's last number.
            let slack: usize = quizzes.iter().map(|&q| 2 * q.min(2)).sum();
            assert!(written <= bound && bound <= written + slack, "{name}: {written} written, {bound} bound");
        }
    }

    #[test]
    fn scorm_1_2_keeps_the_progress_of_about_4000_lessons_without_quizzes() {
        let most = most_suspend_data(ScormVersion::V1_2);
        assert!(most_progress(&[0; 4_000]) <= most);
        assert!(most_progress(&[0; 4_100]) > most);
    }
}
