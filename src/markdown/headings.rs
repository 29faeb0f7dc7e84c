//! Heading ids: accent-folded slugs of the heading text, unique on the page.

use std::collections::HashSet;

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
        let mut n = 0;
        while self.taken.contains(&id) {
            n += 1;
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
}
