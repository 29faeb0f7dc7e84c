//! What lessons carry besides their place: tags (one page each, listed alphabetically) and
//! aliases (old URLs that redirect to the lesson).

use std::collections::{BTreeMap, HashMap};

use super::last_segment;
use crate::content::{Alias, Site, Tag, join_relative, slug};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::msg;

pub(super) fn collect_tags(site: &mut Site, diagnostics: &Diagnostics) {
    let base = site.config.language.tags_segment();
    let mut by_slug: BTreeMap<String, usize> = BTreeMap::new();
    let mut tags: Vec<Tag> = Vec::new();
    // Lessons share few tags: each name is made into a slug once.
    let mut slugs: HashMap<String, String> = HashMap::new();
    for (i, lesson) in site.lessons.iter_mut().enumerate() {
        for name in &lesson.meta.tags {
            let slug = match slugs.get(name.as_str()) {
                Some(slug) => slug.clone(),
                None => slugs.entry(name.clone()).or_insert_with(|| slug::slugify(name)).clone(),
            };
            if slug.is_empty() {
                let (line, col) = lesson.positions.of_item("tags", name);
                diagnostics.push(Diagnostic::warning(
                    lesson.path(),
                    line,
                    col,
                    msg!("tag-without-letters", tag = name),
                ));
                continue;
            }
            let t = *by_slug.entry(slug.clone()).or_insert_with(|| {
                tags.push(Tag {
                    name: name.trim().to_string(),
                    url: format!("{base}/{slug}/"),
                    slug,
                    lessons: Vec::new(),
                });
                tags.len() - 1
            });
            if !lesson.tags.contains(&t) {
                lesson.tags.push(t);
                tags[t].lessons.push(i);
            }
        }
    }
    // Tag pages list tags alphabetically; renumber lessons' references to match.
    let mut order: Vec<usize> = (0..tags.len()).collect();
    order.sort_by(|&a, &b| {
        slug::sort_key(&tags[a].name).cmp(&slug::sort_key(&tags[b].name)).then(tags[a].slug.cmp(&tags[b].slug))
    });
    let mut new_index = vec![0; tags.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for lesson in &mut site.lessons {
        for t in &mut lesson.tags {
            *t = new_index[*t];
        }
    }
    let mut slots: Vec<Option<Tag>> = tags.into_iter().map(Some).collect();
    site.tags = order.iter().map(|&old| slots[old].take().expect("each tag once")).collect();
}

pub(super) fn collect_aliases(site: &mut Site, diagnostics: &Diagnostics) {
    for (i, lesson) in site.lessons.iter().enumerate() {
        for alias in &lesson.meta.aliases {
            if let Some(c) = alias.chars().find(|c| c.is_control()) {
                let (line, col) = lesson.positions.of_item("aliases", alias);
                diagnostics.push(Diagnostic::error(
                    lesson.path(),
                    line,
                    col,
                    msg!(
                        "alias-control-character",
                        alias = alias.escape_debug().to_string(),
                        code = format!("U+{:04X}", c as u32)
                    ),
                ));
                continue;
            }
            match alias_output(alias) {
                Some(output) => site.aliases.push(Alias { output, lesson: i }),
                None => {
                    let (line, col) = lesson.positions.of_item("aliases", alias);
                    diagnostics.push(Diagnostic::error(
                        lesson.path(),
                        line,
                        col,
                        msg!("alias-not-a-path", alias = alias),
                    ));
                }
            }
        }
    }
}

/// The output file of a redirect: `/viejo/escuchar/` → `viejo/escuchar/index.html`.
pub(super) fn alias_output(alias: &str) -> Option<String> {
    let alias = alias.trim();
    if alias.contains("://") || alias.starts_with("//") || alias.contains(['?', '#', '\\']) {
        return None;
    }
    let path = join_relative("", alias)?;
    if path.is_empty() {
        return None;
    }
    let last = last_segment(&path);
    if alias.ends_with('/') || !last.contains('.') { Some(format!("{path}/index.html")) } else { Some(path) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases() {
        assert_eq!(alias_output("/viejo/escuchar/").as_deref(), Some("viejo/escuchar/index.html"));
        assert_eq!(alias_output("viejo").as_deref(), Some("viejo/index.html"));
        assert_eq!(alias_output("/old.html").as_deref(), Some("old.html"));
        assert_eq!(alias_output("https://x.org/a"), None);
        assert_eq!(alias_output("/../x"), None);
        assert_eq!(alias_output("/"), None);
    }
}
