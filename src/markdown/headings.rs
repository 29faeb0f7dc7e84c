//! Heading ids: accent-folded slugs of the heading text, unique on the page.

use std::collections::{HashMap, HashSet};

use crate::content::slug::slugify;

/// An entry of a lesson's table of contents (`##` and `###` headings).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// The ids used on one page, in the order they were taken.
#[derive(Default)]
pub struct HeadingIds {
    taken: HashSet<String>,
    order: Vec<String>,
    /// For each slug, the suffix to try next: 20,000 headings with the same text would otherwise
    /// try `-1`, `-2`… from the start each time, quadratic in their number.
    next_suffix: HashMap<String, usize>,
}

impl HeadingIds {
    /// Marks an id set by the author (`{#id}`, raw HTML) as taken.
    pub fn reserve(&mut self, id: &str) {
        if self.taken.insert(id.to_string()) {
            self.order.push(id.to_string());
        }
    }

    /// A new id for a heading: its slug, with `-1`, `-2`… when the slug is already taken.
    pub fn generate(&mut self, text: &str) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let mut id = base.clone();
        let n = self.next_suffix.entry(base.clone()).or_default();
        while self.taken.contains(&id) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.reserve(&id);
        id
    }

    pub fn into_ids(self) -> Vec<String> {
        self.order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_folded_and_unique() {
        let mut ids = HeadingIds::default();
        ids.reserve("ejemplo");
        let got: Vec<_> = ["¿Qué es la empatía?", "Ejemplo", "Ejemplo", "🙂", "Qué es la empatía"]
            .iter()
            .map(|t| ids.generate(t))
            .collect();
        assert_eq!(got, ["que-es-la-empatia", "ejemplo-1", "ejemplo-2", "section", "que-es-la-empatia-1"]);
    }

    #[test]
    fn twenty_thousand_same_headings_get_unique_ids() {
        let mut ids = HeadingIds::default();
        let got: Vec<_> = (0..20_000).map(|_| ids.generate("Hola")).collect();
        assert_eq!((got[0].as_str(), got[1].as_str(), got[19_999].as_str()), ("hola", "hola-1", "hola-19999"));
        assert_eq!(got.iter().collect::<HashSet<_>>().len(), 20_000);
    }

    #[test]
    fn suffixes_skip_ids_already_taken() {
        let mut ids = HeadingIds::default();
        ids.reserve("a-2");
        let got: Vec<_> = ["a", "a-1", "a", "a", "a-1"].iter().map(|t| ids.generate(t)).collect();
        assert_eq!(got, ["a", "a-1", "a-3", "a-4", "a-1-1"]);
    }
}
