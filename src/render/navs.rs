//! The sidebar HTML of each section's pages: rendered once per section and folder depth, shared
//! by the pages that show it, and let go when the last page expected to show it has taken it,
//! so that what a build holds does not grow with the number of sections.

use std::sync::{Arc, Mutex};

use super::NavDepth;
use crate::content::Site;

/// Pages of a course that show its sidebar besides its lessons: key points, schedule, print.
const COURSE_PAGES: usize = 3;

/// The sidebars of one site's sections, one per [`NavDepth`].
pub(super) struct Navs {
    entries: Vec<[Mutex<Entry>; 3]>,
}

/// One sidebar: made when first asked for, let go after `left` pages took it.
struct Entry {
    left: usize,
    /// `Some` once made (`Some(None)`: it could not be rendered).
    html: Option<Option<Arc<str>>>,
}

impl Navs {
    pub fn new(site: &Site) -> Navs {
        // Pages of lessons in the section, and a course's own pages.
        let mut pages = vec![0; site.sections.len()];
        for lesson in &site.lessons {
            pages[lesson.section] += 1;
        }
        for course in site.courses() {
            pages[course] += COURSE_PAGES;
        }
        let entry = |left| Mutex::new(Entry { left, html: None });
        // A section's own page; its lessons' pages; the later pages of its listing, which are
        // few: theirs is made for each.
        let entries = pages.into_iter().map(|lessons| [entry(1), entry(lessons), entry(0)]).collect();
        Navs { entries }
    }

    /// The sidebar of section `section` for one more page at `depth`, made by `make` when it is
    /// not held. A page the count did not expect gets it made again: the count only decides
    /// when the HTML is let go.
    pub fn take(&self, section: usize, depth: NavDepth, make: impl FnOnce() -> Option<String>) -> Option<Arc<str>> {
        let mut entry = self.entries[section][depth as usize].lock().expect("sidebar lock");
        let html = match &entry.html {
            Some(html) => html.clone(),
            None => make().map(Arc::from),
        };
        entry.left = entry.left.saturating_sub(1);
        entry.html = (entry.left > 0).then(|| html.clone());
        html
    }
}
