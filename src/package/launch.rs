//! The page an LMS launches: the course in a frame, and the data `training.js` needs to find
//! the LMS's SCORM API and report the course's completion, score and progress to it.

use serde::Serialize;

use super::{Course, escape};
use crate::config::Scorm;

/// What `training.js` reads from the launch page's `data-launch`.
#[derive(Serialize)]
struct Launch<'a> {
    scorm: &'static str,
    /// The course's id for tracking: its URL path.
    course: &'a str,
    title: &'a str,
    /// The page opened first, unless the LMS asks for another or the learner left elsewhere.
    start: String,
    /// The ids of the course's lessons, as progress is kept under them.
    lessons: &'a [&'a str],
    quizzes: usize,
    passing_score: u8,
}

/// The launch page of `course`; `xapi` is the pages' `data-xapi`, when statements go to an LRS.
pub(super) fn page(course: &Course<'_>, scorm: &Scorm, xapi: Option<&str>) -> String {
    let start = format!("{}index.html", course.url());
    let launch = Launch {
        scorm: scorm.version.as_str(),
        course: course.url().trim_end_matches('/'),
        title: course.title(),
        start: start.clone(),
        lessons: &course.lessons,
        quizzes: course.quizzes.iter().sum(),
        passing_score: scorm.passing_score,
    };
    let data = serde_json::to_string(&launch).expect("launch data serialises");
    let title = escape(course.title());
    let xapi = xapi.map(|x| format!(" data-xapi=\"{}\"", escape(x))).unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" data-aula-launch>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n\
         <link rel=\"stylesheet\" href=\"aula.css\">\n<link rel=\"stylesheet\" href=\"training.css\">\n\
         <script src=\"training.js\" defer data-root=\"./\" data-launch=\"{data}\"{xapi}></script>\n</head>\n\
         <body class=\"kind-launch\">\n<iframe class=\"launch-frame\" name=\"aula-course\" title=\"{title}\"></iframe>\n\
         <noscript><p><a href=\"{start}\">{title}</a></p></noscript>\n</body>\n</html>\n",
        lang = course.site.config.language.code(),
        data = escape(&data),
        start = escape(&start),
    )
}
