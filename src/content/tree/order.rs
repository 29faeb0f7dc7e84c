//! Reading order: sections and lessons in the order a learner reads them (depth first, the entries
//! of each section by their [`OrderKey`]), each linked to its parent and children by index.

use std::collections::{BTreeMap, HashMap};

use super::drafts::{LessonDraft, SectionDraft};
use crate::content::load::parent_dir;
use crate::content::{Child, Lesson, Section, slug};

/// Reading order inside a section: `weight`, then the numeric file prefix, then the title.
#[derive(PartialEq, Eq, PartialOrd, Ord, Clone)]
pub(super) struct OrderKey {
    no_weight: bool,
    weight: i64,
    no_prefix: bool,
    prefix: u64,
    title: String,
    name: String,
}

impl OrderKey {
    pub(super) fn new(weight: Option<i64>, name: &str, title: &str) -> Self {
        let (prefix, _) = slug::split_order_prefix(name);
        OrderKey {
            no_weight: weight.is_none(),
            weight: weight.unwrap_or(0),
            no_prefix: prefix.is_none(),
            prefix: prefix.unwrap_or(0),
            title: slug::sort_key(title),
            name: name.to_string(),
        }
    }
}

/// Puts sections and lessons in reading order (depth first, children interleaved by their order
/// key) and links parents and children by their final indices. Each `url` is left holding its
/// own slug, for [`super::urls::assign_urls`].
pub(super) fn order(
    sections: BTreeMap<String, SectionDraft>,
    lessons: Vec<LessonDraft>,
) -> (Vec<Section>, Vec<Lesson>) {
    let mut lessons_by_dir: BTreeMap<String, Vec<LessonDraft>> = BTreeMap::new();
    for l in lessons {
        let mut dir = l.section_dir.clone();
        while !sections.contains_key(&dir) {
            dir = parent_dir(&dir).to_string();
        }
        lessons_by_dir.entry(dir).or_default().push(l);
    }
    let mut subfolders: HashMap<String, Vec<String>> = HashMap::new();
    for dir in sections.keys().filter(|d| !d.is_empty()) {
        subfolders.entry(parent_dir(dir).to_string()).or_default().push(dir.clone());
    }
    let lesson_count = lessons_by_dir.values().map(Vec::len).sum();
    let mut walk = Walk {
        placed_sections: Vec::with_capacity(sections.len()),
        placed_lessons: Vec::with_capacity(lesson_count),
        subfolders,
        sections,
        lessons: lessons_by_dir,
    };
    walk.visit("", None);
    (walk.placed_sections, walk.placed_lessons)
}

/// The walk of [`order`] down the section folders: what is left to place, and what is placed.
struct Walk {
    /// The section folders right below each folder.
    subfolders: HashMap<String, Vec<String>>,
    /// Sections not placed yet, by folder.
    sections: BTreeMap<String, SectionDraft>,
    /// Lessons not placed yet, by the folder of their section.
    lessons: BTreeMap<String, Vec<LessonDraft>>,
    placed_sections: Vec<Section>,
    placed_lessons: Vec<Lesson>,
}

impl Walk {
    /// Places the section of folder `dir` under `parent`, then its entries in their order; its index.
    fn visit(&mut self, dir: &str, parent: Option<usize>) -> usize {
        let draft = self.sections.remove(dir).expect("section exists");
        let index = self.placed_sections.len();
        let mut section = draft.section;
        section.parent = parent;
        section.url = draft.slug;
        self.placed_sections.push(section);

        let mut entries: Vec<Entry> = self
            .subfolders
            .get(dir)
            .into_iter()
            .flatten()
            .filter(|d| self.sections.contains_key(*d))
            .map(|d| Entry::Section(d.clone()))
            .chain(self.lessons.remove(dir).unwrap_or_default().into_iter().map(|l| Entry::Lesson(Box::new(l))))
            .collect();
        entries.sort_by(|a, b| a.order(&self.sections).cmp(b.order(&self.sections)));

        let mut children = Vec::with_capacity(entries.len());
        for entry in entries {
            let child = match entry {
                Entry::Section(d) => Child::Section(self.visit(&d, Some(index))),
                Entry::Lesson(l) => Child::Lesson(self.place_lesson(*l, index)),
            };
            children.push(child);
        }
        self.placed_sections[index].children = children;
        index
    }

    /// Places a lesson of section `section`; its index.
    fn place_lesson(&mut self, draft: LessonDraft, section: usize) -> usize {
        let mut lesson = draft.lesson;
        lesson.section = section;
        lesson.url = draft.slug;
        self.placed_lessons.push(lesson);
        self.placed_lessons.len() - 1
    }
}

/// An entry of a section, before it has its place.
enum Entry {
    Section(String),
    Lesson(Box<LessonDraft>),
}

impl Entry {
    fn order<'a>(&'a self, sections: &'a BTreeMap<String, SectionDraft>) -> &'a OrderKey {
        match self {
            Entry::Section(dir) => &sections[dir].order,
            Entry::Lesson(l) => &l.order,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_keys() {
        let mut keys = [
            OrderKey::new(None, "10-z", "Zeta"),
            OrderKey::new(None, "2-b", "Be"),
            OrderKey::new(Some(5), "99-a", "A"),
            OrderKey::new(None, "sin-prefijo", "Ábaco"),
            OrderKey::new(None, "otro", "beta"),
            OrderKey::new(Some(-1), "x", "X"),
        ];
        keys.sort();
        let names: Vec<_> = keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["x", "99-a", "2-b", "10-z", "sin-prefijo", "otro"]);
    }
}
