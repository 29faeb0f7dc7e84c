//! Front matter: splitting it off a Markdown file at byte 0, and its typed form.
//!
//! A front matter block is YAML between a `---` line at the very start of the file (after an
//! optional UTF-8 BOM) and the next `---` (or `...`) line. Anything else is body: a later `---`
//! pair is a thematic break, never metadata. Lines may end in `\n` or `\r\n`.

use serde::Deserialize;
use std::path::Path;

use crate::diagnostics::{Diagnostic, nearest};
use crate::messages::Message;
use crate::msg;
use crate::yaml::{self, Block, KeyPos, Place, Schema, Takes};

/// A Markdown file cut in two, with the file line where each part starts.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text (without the `---` lines), if the file has front matter.
    pub front: Option<Block<'a>>,
    pub body: &'a str,
    /// The file line (1-based) of the first body line.
    pub body_line: usize,
}

/// Splits `text` into front matter and body. Fails only when a block is opened and never closed.
pub fn split(text: &str) -> Result<Split<'_>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = LineIter { text, pos: 0 };
    match lines.next() {
        Some((_, first)) if is_fence(first, false) => {}
        _ => {
            return Ok(Split { front: None, body: text, body_line: 1 });
        }
    }
    let yaml_start = lines.pos;
    let mut line_no = 1;
    while let Some((start, line)) = lines.next() {
        line_no += 1;
        if is_fence(line, true) {
            return Ok(Split {
                front: Some(Block { text: &text[yaml_start..start], first_line: 2 }),
                body: &text[lines.pos..],
                body_line: line_no + 1,
            });
        }
    }
    Err(Diagnostic::error("", 1, 1, msg!("front-matter-not-closed")))
}

fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.trim_end();
    line == "---" || (closing && line == "...")
}

/// Lines with their byte offsets, without the line ending.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// What the typed keys of a lesson's front matter take: every field of [`LessonMeta`] but
/// `extra`, whose value is the author's (a unit test holds the two together).
pub const LESSON_SCHEMA: Schema = &[
    ("title", Takes::Text),
    ("description", Takes::Text),
    ("weight", Takes::Number),
    ("slug", Takes::Text),
    ("id", Takes::Text),
    ("date", Takes::Text),
    ("updated", Takes::Text),
    ("authors", Takes::Texts),
    ("tags", Takes::Texts),
    ("level", Takes::Text),
    ("duration", Takes::Minutes),
    ("objectives", Takes::Texts),
    ("keypoints", Takes::Texts),
    ("questions", Takes::Texts),
    ("prerequisites", Takes::Texts),
    ("teaching", Takes::Minutes),
    ("exercises", Takes::Minutes),
    ("draft", Takes::Bool),
    ("template", Takes::Text),
    ("aliases", Takes::Texts),
    ("search", Takes::Bool),
];

/// What the typed keys of a section's front matter take: every field of [`SectionMeta`] but
/// `extra`.
pub const SECTION_SCHEMA: Schema = &[
    ("title", Takes::Text),
    ("description", Takes::Text),
    ("weight", Takes::Number),
    ("slug", Takes::Text),
    ("draft", Takes::Bool),
    ("level", Takes::Text),
    ("objectives", Takes::Texts),
];

/// The kinds of files with front matter, each with its keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Lesson,
    Section,
}

impl Kind {
    /// The keys its front matter may have: the fields of its struct.
    pub fn known(self) -> &'static [&'static str] {
        match self {
            Kind::Lesson => yaml::keys::<LessonMeta>(),
            Kind::Section => yaml::keys::<SectionMeta>(),
        }
    }

    fn schema(self) -> Schema {
        match self {
            Kind::Lesson => LESSON_SCHEMA,
            Kind::Section => SECTION_SCHEMA,
        }
    }

    /// "the lesson's front matter", for messages.
    fn place(self) -> Message {
        match self {
            Kind::Lesson => msg!("place-lesson-front-matter"),
            Kind::Section => msg!("place-section-front-matter"),
        }
    }
}

/// A key of a front matter block that aula does not know, with its warning: kept apart from
/// the other problems, as `front_matter: { ignore_keys: […] }` of aula.yaml may silence it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
    pub warning: Diagnostic,
}

/// The warning for `key`, which front matter of `kind` does not have: the near key it may be a
/// typo of, else how to let another tool's key be.
pub fn unknown_key(path: &Path, pos: &KeyPos, kind: Kind) -> UnknownKey {
    let message = match nearest(&pos.key, kind.known().iter().copied()) {
        Some(near) => msg!("unknown-key-near", key = &pos.key, place = kind.place(), near = near),
        None => msg!("unknown-key-front-matter", key = &pos.key, place = kind.place()),
    };
    UnknownKey { key: pos.key.clone(), warning: Diagnostic::warning(path, pos.line, pos.col, message) }
}

/// A lesson's front matter, as written.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct LessonMeta {
    #[serde(deserialize_with = "yaml::text")]
    pub title: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    pub description: Option<String>,
    pub weight: Option<i64>,
    #[serde(deserialize_with = "yaml::text")]
    pub slug: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    pub id: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    pub date: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    pub updated: Option<String>,
    #[serde(deserialize_with = "yaml::one_or_many")]
    pub authors: Vec<String>,
    #[serde(deserialize_with = "yaml::one_or_many")]
    pub tags: Vec<String>,
    #[serde(deserialize_with = "yaml::text")]
    pub level: Option<String>,
    pub duration: Option<u32>,
    #[serde(deserialize_with = "yaml::one_or_many")]
    pub objectives: Vec<String>,
    #[serde(deserialize_with = "yaml::one_or_many")]
    pub keypoints: Vec<String>,
    #[serde(deserialize_with = "yaml::one_or_many")]
    pub questions: Vec<String>,
    #[serde(deserialize_with = "yaml::one_or_many")]
    pub prerequisites: Vec<String>,
    pub teaching: Option<u32>,
    pub exercises: Option<u32>,
    pub draft: bool,
    #[serde(deserialize_with = "yaml::text")]
    pub template: Option<String>,
    #[serde(deserialize_with = "yaml::one_or_many")]
    pub aliases: Vec<String>,
    pub search: Option<bool>,
    pub extra: Option<serde_yaml::Value>,
}

/// A section's front matter (`_index.md`), as written.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(default)]
pub struct SectionMeta {
    #[serde(deserialize_with = "yaml::text")]
    pub title: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    pub description: Option<String>,
    pub weight: Option<i64>,
    #[serde(deserialize_with = "yaml::text")]
    pub slug: Option<String>,
    pub draft: bool,
    #[serde(deserialize_with = "yaml::text")]
    pub level: Option<String>,
    #[serde(deserialize_with = "yaml::one_or_many")]
    pub objectives: Vec<String>,
    pub extra: Option<serde_yaml::Value>,
}

/// Parsed front matter of one file.
pub struct FrontMatter<T> {
    pub meta: T,
    pub positions: Positions,
}

/// Where the keys of a front matter block are, for diagnostics raised after parsing.
#[derive(Clone, Debug, Default)]
pub struct Positions {
    keys: Vec<KeyPos>,
    /// Keys whose value was reported as wrong (and so left at its default).
    rejected: Vec<String>,
    block: Option<(String, usize)>,
}

impl Positions {
    /// Whether the value of `key` was reported as wrong: what follows from its default (a
    /// missing title) is not reported again.
    pub fn rejected(&self, key: &str) -> bool {
        self.rejected.iter().any(|k| k == key)
    }

    /// The file position of `key`, or of the opening `---` when the key is absent.
    pub fn of(&self, key: &str) -> (usize, usize) {
        yaml::key_position(&self.keys, key).unwrap_or((1, 1))
    }

    /// The file position of the first line at or after `key` that contains `needle`: where one
    /// item of a list value is.
    pub fn of_item(&self, key: &str, needle: &str) -> (usize, usize) {
        let (key_line, key_col) = self.of(key);
        let Some((text, first_line)) = &self.block else {
            return (key_line, key_col);
        };
        text.lines()
            .enumerate()
            .skip(key_line.saturating_sub(*first_line))
            .find_map(|(i, line)| line.find(needle).map(|at| (first_line + i, line[..at].chars().count() + 1)))
            .unwrap_or((key_line, key_col))
    }
}

/// Parses a front matter block into `T`. Unknown keys go to `unknown` (see [`UnknownKey`]),
/// every other problem to `diagnostics`. `None` when the block cannot be used.
pub fn parse<T: for<'de> Deserialize<'de> + Default>(
    path: &Path,
    block: Option<Block<'_>>,
    kind: Kind,
    diagnostics: &mut Vec<Diagnostic>,
    unknown: &mut Vec<UnknownKey>,
) -> Option<FrontMatter<T>> {
    let Some(block) = block else {
        return Some(FrontMatter { meta: T::default(), positions: Positions::default() });
    };
    let parsed = yaml::parse::<T>(path, block, Place::FrontMatter, kind.schema());
    diagnostics.extend(parsed.errors);
    unknown.extend(parsed.unknown.iter().map(|k| unknown_key(path, k, kind)));
    let meta = parsed.value?;
    let block = Some((block.text.to_string(), block.first_line));
    let mut keys = parsed.keys;
    keys.shrink_to_fit();
    let positions = Positions { keys, rejected: parsed.rejected, block };
    Some(FrontMatter { meta, positions })
}

/// A calendar date written as `YYYY-MM-DD` (a time after it, as Jekyll writes, is ignored).
pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    let text = text.trim();
    let day = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with([' ', 'T', 't'])) {
        return None;
    }
    day.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front<'a>(s: &Split<'a>) -> Option<(&'a str, usize)> {
        s.front.map(|b| (b.text, b.first_line))
    }

    #[test]
    fn split_table() {
        // (file text, (front matter, its first line), body, body's first line)
        type Case<'a> = (&'a str, Option<(&'a str, usize)>, &'a str, usize);
        let cases: &[Case] = &[
            ("---\ntitle: A\n---\nBody\n", Some(("title: A\n", 2)), "Body\n", 4),
            ("\u{feff}---\ntitle: A\n---\nBody", Some(("title: A\n", 2)), "Body", 4),
            ("---\r\ntitle: A\r\n---\r\nBody\r\n", Some(("title: A\r\n", 2)), "Body\r\n", 4),
            ("---  \ntitle: A\n...\nBody", Some(("title: A\n", 2)), "Body", 4),
            ("---\n---\nBody", Some(("", 2)), "Body", 3),
            ("---\ntitle: A\n---", Some(("title: A\n", 2)), "", 4),
            ("# No front matter\n---\nx: y\n---\n", None, "# No front matter\n---\nx: y\n---\n", 1),
            ("\n---\ntitle: A\n---\n", None, "\n---\ntitle: A\n---\n", 1),
            ("----\nhr\n", None, "----\nhr\n", 1),
            // A later `---` pair in the body stays in the body.
            ("---\na: 1\n---\ntext\n\n---\nmore\n---\n", Some(("a: 1\n", 2)), "text\n\n---\nmore\n---\n", 4),
        ];
        for (input, want_front, want_body, want_line) in cases {
            let s = split(input).unwrap();
            assert_eq!(front(&s), *want_front, "{input:?}");
            assert_eq!(s.body, *want_body, "{input:?}");
            assert_eq!(s.body_line, *want_line, "{input:?}");
        }
    }

    #[test]
    fn unclosed_front_matter() {
        let e = split("---\ntitle: A\n\nBody text\n").unwrap_err();
        assert_eq!((e.line, e.col), (1, 1));
        assert_eq!(e.message.id, "front-matter-not-closed");
    }

    #[test]
    fn lenient_values() {
        let (mut d, mut u) = (Vec::new(), Vec::new());
        let block = Block { text: "title: 404\ntags: empatía\nauthors: [Ana, 7]\n", first_line: 2 };
        let fm = parse::<LessonMeta>(Path::new("a.md"), Some(block), Kind::Lesson, &mut d, &mut u).unwrap();
        assert!(d.is_empty() && u.is_empty());
        assert_eq!(fm.meta.title.as_deref(), Some("404"));
        assert_eq!(fm.meta.tags, ["empatía"]);
        assert_eq!(fm.meta.authors, ["Ana", "7"]);
    }

    #[test]
    fn unknown_keys_warn_with_the_nearest_key() {
        let (mut d, mut u) = (Vec::new(), Vec::new());
        let block = Block { text: "title: A\nobjetives:\n  - x\nlayout: post\n", first_line: 2 };
        parse::<LessonMeta>(Path::new("a.md"), Some(block), Kind::Lesson, &mut d, &mut u).unwrap();
        assert!(d.is_empty());
        let told: Vec<_> = u.iter().map(|k| (k.key.as_str(), k.warning.to_string())).collect();
        assert_eq!(
            told,
            [
                (
                    "objetives",
                    "a.md:3:1: warning: unknown key `objetives` in the lesson's front matter: did you mean `objectives`?"
                        .to_string()
                ),
                (
                    "layout",
                    "a.md:5:1: warning: unknown key `layout` in the lesson's front matter: aula does not use it; if it \
                     is for another tool, add it to `front_matter: { ignore_keys: [layout] }` in aula.yaml"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn the_schemas_describe_the_structs() {
        yaml::schema_check::assert_describes::<LessonMeta>(LESSON_SCHEMA, &["extra"]);
        yaml::schema_check::assert_describes::<SectionMeta>(SECTION_SCHEMA, &["extra"]);
        // The keys messages name are the fields, in the order the struct declares them.
        assert_eq!(
            Kind::Section.known(),
            ["title", "description", "weight", "slug", "draft", "level", "objectives", "extra"]
        );
    }

    #[test]
    fn a_bad_value_keeps_the_other_keys_and_checks() {
        let (mut d, mut u) = (Vec::new(), Vec::new());
        let block =
            Block { text: "title: Escuchar\nduration: veinte\nobjetivos: [a]\ntags: [a, [b]]\n", first_line: 2 };
        let fm = parse::<LessonMeta>(Path::new("a.md"), Some(block), Kind::Lesson, &mut d, &mut u).unwrap();
        assert_eq!(fm.meta.title.as_deref(), Some("Escuchar"));
        let told: Vec<_> = d.iter().map(|e| (e.line, e.col, e.message.render(crate::config::Language::En))).collect();
        assert_eq!(
            told,
            [
                (3, 11, "`duration` takes a whole number of minutes, such as `duration: 20`; found `veinte`".into()),
                (5, 7, "`tags` takes a text or a list of texts, such as `tags: [uno, dos]`; found a list".into()),
            ]
        );
        assert_eq!(u.len(), 1, "{u:?}");
    }

    #[test]
    fn item_positions() {
        let (mut d, mut u) = (Vec::new(), Vec::new());
        let block = Block { text: "title: A\nprerequisites:\n  - uno.md\n  - dos.md\n", first_line: 2 };
        let fm = parse::<LessonMeta>(Path::new("a.md"), Some(block), Kind::Lesson, &mut d, &mut u).unwrap();
        assert_eq!(fm.positions.of_item("prerequisites", "dos.md"), (5, 5));
        assert_eq!(fm.positions.of("title"), (2, 1));
        assert_eq!(fm.positions.of("missing"), (1, 1));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-03-10").unwrap().to_string(), "2026-03-10");
        assert_eq!(parse_date("2018-06-12 10:00:00 -0400").unwrap().to_string(), "2018-06-12");
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("10/03/2026").is_none());
        assert!(parse_date("2026-03-1").is_none());
    }
}
