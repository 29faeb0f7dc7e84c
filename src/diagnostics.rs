//! Located diagnostics for author mistakes: `path:line:col: severity: message`.
//!
//! Every stage pushes what it finds into a [`Diagnostics`] collector instead of stopping at the
//! first problem, so one run reports all problems of all files. Paths are kept relative to the
//! site root; [`Diagnostic::display_under`] joins them to the root the user gave, so they can be
//! clicked in a terminal, and words the message in the language asked for. [`repeated`] folds
//! the same problem met in many places into one. Nothing here reads or writes files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::config::Language;
use crate::messages::Message;
use crate::msg;

/// How bad a diagnostic is. Warnings become errors under `--strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a source file (1-based line and column, columns in characters).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub message: Message,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<Message>) -> Self {
        Self::new(Severity::Error, path, line, col, message)
    }

    pub fn warning(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<Message>) -> Self {
        Self::new(Severity::Warning, path, line, col, message)
    }

    fn new(severity: Severity, path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<Message>) -> Self {
        Diagnostic { path: path.into(), line: line.max(1), col: col.max(1), severity, message: message.into() }
    }

    /// The diagnostic as printed, in `language`, with its path joined to `root`.
    pub fn display_under(&self, root: &Path, language: Language) -> String {
        format!("{}: {}: {}", self.location_under(root), self.severity.label(language), self.message.render(language))
    }

    /// `path:line:col`, with the path joined to `root`.
    pub fn location_under(&self, root: &Path) -> String {
        format!("{}:{}:{}", self.path_under(root).display(), self.line, self.col)
    }

    /// The path joined to `root` as the user gave it (`.` adds nothing).
    pub fn path_under(&self, root: &Path) -> PathBuf {
        if root == Path::new(".") || root.as_os_str().is_empty() { self.path.clone() } else { root.join(&self.path) }
    }
}

/// The diagnostic in English, at its site-relative path: for tests and debug logs. What aula
/// prints goes through [`Diagnostic::display_under`], in the site's language.
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display_under(Path::new(""), Language::En))
    }
}

impl Severity {
    /// `error` or `warning`, in `language`.
    pub fn label(self, language: Language) -> String {
        match self {
            Severity::Error => msg!("severity-error"),
            Severity::Warning => msg!("severity-warning"),
        }
        .render(language)
    }
}

/// One problem as shown: the first diagnostic of a kind, and the other places the very same
/// message was raised (in the order printed).
pub struct Shown<'a> {
    pub first: &'a Diagnostic,
    pub also: Vec<&'a Diagnostic>,
}

/// How many places of a repeated problem are named when it is folded into one.
pub const PLACES_SHOWN: usize = 3;

/// The diagnostics as printed: unless `every` is set, a message raised in more than
/// [`PLACES_SHOWN`] places (an unknown key of an imported site in hundreds of files) is shown
/// once, at its first place, with the others counted.
pub fn repeated(diagnostics: &[Diagnostic], every: bool) -> Vec<Shown<'_>> {
    if every {
        return diagnostics.iter().map(|first| Shown { first, also: Vec::new() }).collect();
    }
    let mut groups: Vec<Option<Shown<'_>>> = Vec::new();
    let mut group_of: HashMap<(&Message, Severity), usize> = HashMap::new();
    for d in diagnostics {
        let next = groups.len();
        let g = *group_of.entry((&d.message, d.severity)).or_insert(next);
        match groups.get_mut(g) {
            Some(Some(group)) => group.also.push(d),
            _ => groups.push(Some(Shown { first: d, also: Vec::new() })),
        }
    }
    // A problem met in a few places reads best printed at each of them, in order.
    let mut shown = Vec::with_capacity(groups.len());
    for d in diagnostics {
        let g = group_of[&(&d.message, d.severity)];
        let folded = groups[g].as_ref().is_none_or(|group| group.also.len() >= PLACES_SHOWN);
        if !folded {
            shown.push(Shown { first: d, also: Vec::new() });
        } else if groups[g].as_ref().is_some_and(|group| std::ptr::eq(group.first, d)) {
            shown.extend(groups[g].take());
        }
    }
    shown
}

/// The lines that print `diagnostics` in `language`, paths joined to `root`: each problem at
/// its place, a repeated one once with its count and first places (all of them under `every`).
pub fn printed(diagnostics: &[Diagnostic], root: &Path, language: Language, every: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for shown in repeated(diagnostics, every) {
        lines.push(shown.first.display_under(root, language));
        if !shown.also.is_empty() {
            let places: Vec<String> = std::iter::once(shown.first)
                .chain(shown.also.iter().copied())
                .take(PLACES_SHOWN)
                .map(|d| d.location_under(root))
                .collect();
            let count = shown.also.len() + 1;
            lines.push(msg!("repeated-places", count = count, places = places.join(", ")).render(language));
        }
    }
    lines.extend(keys_to_ignore(diagnostics).map(|m| m.render(language)));
    lines
}

/// When front matter has several keys aula does not use (an imported Jekyll or Hugo site), the
/// one line of aula.yaml that allows them all.
fn keys_to_ignore(diagnostics: &[Diagnostic]) -> Option<Message> {
    let mut keys: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.message.id == "unknown-key-front-matter")
        .filter_map(|d| d.message.text_arg("key"))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    (keys.len() > 1).then(|| msg!("ignore-keys-all", count = keys.len(), keys = keys.join(", ")))
}

/// A thread-safe collector, filled from parallel stages.
#[derive(Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        self.items.lock().expect("diagnostics lock").push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.lock().expect("diagnostics lock").extend(diagnostics);
    }

    /// All diagnostics, sorted by path, line and column so output is deterministic.
    /// Under `strict`, warnings are promoted to errors.
    pub fn into_sorted(self, strict: bool) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().expect("diagnostics lock");
        if strict {
            for d in &mut items {
                d.severity = Severity::Error;
            }
        }
        items.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message).cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        items.dedup();
        items
    }
}

/// Counts of errors and warnings, for the summary line.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    (errors, diagnostics.len() - errors)
}

/// The known word closest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&word_lower, k), k))
        .filter(|(distance, k)| *distance <= (k.chars().count() / 3).max(2))
        .min_by_key(|(distance, k)| (*distance, *k))
        .map(|(_, k)| k)
}

/// `did you mean `x`?` when a near match exists, else the list of what is allowed.
pub fn suggestion(word: &str, known: &[&str]) -> Message {
    match nearest(word, known.iter().copied()) {
        Some(k) => msg!("did-you-mean", key = k),
        None => msg!("known-keys", keys = known.join(", ")),
    }
}

/// 1-based (line, column) of a byte offset in `text`; columns count characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// [`line_col`] of many offsets of one text, in one pass over it: a page with thousands of
/// problems counted its lines from the start for each, quadratic in the page's size.
pub fn line_cols(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut found = vec![(1, 1); offsets.len()];
    let (mut at, mut line, mut col) = (0, 1, 1);
    for i in order {
        let target = floor_char_boundary(text, offsets[i].min(text.len()));
        for &b in &text.as_bytes()[at..target] {
            if b == b'\n' {
                (line, col) = (line + 1, 1);
            } else if b & 0xC0 != 0x80 {
                col += 1;
            }
        }
        at = target;
        found[i] = (line, col);
    }
    found
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_key_suggestions() {
        let known = ["title", "objectives", "keypoints", "tags", "date"];
        for (typo, want) in [
            ("objetives", Some("objectives")),
            ("titel", Some("title")),
            ("Title", Some("title")),
            ("tag", Some("tags")),
            ("layout", None),
            ("keypoint", Some("keypoints")),
        ] {
            assert_eq!(nearest(typo, known), want, "{typo}");
        }
    }

    #[test]
    fn line_and_column_of_offsets() {
        let text = "ab\ncañón x\n\nz";
        for (offset, want) in [(0, (1, 1)), (2, (1, 3)), (3, (2, 1)), (11, (2, 7)), (13, (3, 1)), (14, (4, 1))] {
            assert_eq!(line_col(text, offset), want, "offset {offset}");
        }
        let offsets: Vec<usize> = [14, 0, 11, 6, 5, 2, 99, 3, 13, 11].into();
        let one_by_one: Vec<_> = offsets.iter().map(|&o| line_col(text, o)).collect();
        assert_eq!(line_cols(text, &offsets), one_by_one, "in one pass, in any order, inside a character");
    }

    #[test]
    fn strict_promotes_and_sorts() {
        let d = Diagnostics::new();
        d.push(Diagnostic::warning("b.md", 1, 1, msg!("verbatim", text = "w")));
        d.push(Diagnostic::error("a.md", 3, 1, msg!("verbatim", text = "e")));
        d.push(Diagnostic::error("a.md", 2, 5, msg!("verbatim", text = "e")));
        let items = d.into_sorted(true);
        assert!(items.iter().all(|i| i.severity == Severity::Error));
        let order: Vec<_> = items.iter().map(|i| (i.path.display().to_string(), i.line)).collect();
        assert_eq!(order, [("a.md".into(), 2), ("a.md".into(), 3), ("b.md".into(), 1)]);
    }

    #[test]
    fn a_problem_in_more_than_three_places_is_shown_once_where_it_first_is() {
        let same = |path: &str| Diagnostic::warning(path, 2, 1, msg!("verbatim", text = "same"));
        let other = Diagnostic::warning("c.md", 1, 1, msg!("verbatim", text = "other"));
        let few = vec![same("a.md"), same("b.md"), same("c.md")];
        assert_eq!(repeated(&few, false).len(), 3, "three places are printed at each");
        let many = vec![same("a.md"), same("b.md"), other.clone(), same("c.md"), same("d.md")];
        let shown = repeated(&many, false);
        let firsts: Vec<_> = shown.iter().map(|s| (s.first.path.to_str().unwrap(), s.also.len())).collect();
        assert_eq!(firsts, [("a.md", 3), ("c.md", 0)]);
        assert_eq!(repeated(&many, true).len(), 5, "every one when asked");
        let lines = printed(&many, Path::new("site"), Language::En, false);
        assert_eq!(lines.len(), 3);
        assert_eq!(
            lines[1],
            "  … the same in 4 places, the first at site/a.md:2:1, site/b.md:2:1, site/c.md:2:1 (--verbose prints every one)"
        );
        let errors =
            vec![Diagnostic { severity: Severity::Error, ..same("e.md") }, same("f.md"), same("g.md"), same("h.md")];
        assert_eq!(repeated(&errors, false).len(), 4, "an error and a warning are not the same problem");
    }
}
