//! Part of a site built on its own: one course, for its LMS package. What the part leaves out
//! is not read at all (see [`crate::config::Ignore::leaving_out`]); links from the part into
//! what it left out are told where those pages are in the whole site.

use std::collections::HashMap;

use super::{Child, Site, Target};

/// A course of a site, to be built without the rest.
#[derive(Debug, Default)]
pub struct Scope {
    /// The course's folder, content-relative.
    pub course: String,
    /// Content-relative files and folders left out: the other courses, and lessons outside any
    /// course.
    pub left_out: Vec<String>,
    /// Where what is left out is in the whole site: content-relative path (as links name it) →
    /// site-relative output path (`curso/leccion/index.html`, `curso/fig/a.png`).
    pub elsewhere: HashMap<String, String>,
}

impl Scope {
    /// Course `course` of `site`, apart from the rest of it.
    pub fn course(site: &Site, course: usize) -> Scope {
        let dir = site.sections[course].dir.clone();
        let mut left_out = Vec::new();
        for child in &site.sections[0].children {
            match *child {
                Child::Section(other) if other != course => left_out.push(site.sections[other].dir.clone()),
                Child::Lesson(lesson) => {
                    let lesson = &site.lessons[lesson];
                    left_out.push(if lesson.bundle { lesson.dir.clone() } else { lesson.source.clone() });
                }
                Child::Section(_) => {}
            }
        }
        let outside = |path: &str| left_out.iter().any(|out| path == out || path.starts_with(&format!("{out}/")));
        let elsewhere = site
            .source_targets()
            .filter(|(path, _)| outside(path))
            .filter_map(|(path, target)| {
                let output = match target {
                    Target::Lesson(i) => format!("{}index.html", site.lessons[i].url),
                    Target::Section(i) => format!("{}index.html", site.sections[i].url),
                    Target::Asset(i) => site.assets[i].output.clone(),
                    Target::Excluded(_) => return None,
                };
                Some((path.to_string(), output))
            })
            .collect();
        Scope { course: dir, left_out, elsewhere }
    }
}
