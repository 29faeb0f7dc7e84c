//! The links between lessons: previous and next within a course, and prerequisites resolved to
//! lessons (by path or id, with the nearest name suggested when none matches).

use std::collections::HashMap;

use super::relative_to;
use crate::content::load::join;
use crate::content::{Excluded, Site, Target, join_relative};
use crate::diagnostics::{Diagnostic, Diagnostics, nearest};
use crate::messages::Message;
use crate::msg;

/// Previous and next lesson within each course (lessons outside courses form their own group).
pub(super) fn link_prev_next(site: &mut Site) {
    let mut last: HashMap<Option<usize>, usize> = HashMap::new();
    for i in 0..site.lessons.len() {
        let group = site.lessons[i].course;
        if let Some(prev) = last.insert(group, i) {
            site.lessons[prev].next = Some(i);
            site.lessons[i].prev = Some(prev);
        }
    }
}

pub(super) fn resolve_prerequisites(site: &mut Site, diagnostics: &Diagnostics) {
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
