//! Durations: each lesson's minutes (given, or estimated from its words and quizzes), and each
//! section's lessons and minutes summed bottom-up. Run again when a body changes alone.

use crate::content::{Child, Site};

/// Minutes a self-check quiz adds to a lesson's estimated duration.
const QUIZ_MINUTES: usize = 2;

/// Minutes per lesson (`duration`, else `teaching` + `exercises`, else words at reading speed
/// plus time for its quizzes), and lesson counts and minutes per section, bottom-up.
pub(in crate::content) fn sum_minutes(site: &mut Site) {
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
