//! Reading `content/`: walking the folder, sorting files into lessons, section index files and
//! assets, and reading and parsing the Markdown files in parallel.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::frontmatter::{self, FrontMatter, LESSON_KEYS, SECTION_KEYS};
use super::{LessonMeta, SectionMeta, slug, source_path};
use crate::diagnostics::{Diagnostic, Diagnostics, line_col};

/// Everything read from `content/`, before it becomes a tree.
pub(super) struct ContentFiles {
    pub lessons: Vec<LoadedLesson>,
    /// Section index files by content-relative folder.
    pub section_indexes: BTreeMap<String, Loaded<SectionMeta>>,
    /// Folders that hold lessons (and so are sections), sorted.
    pub section_dirs: BTreeSet<String>,
    /// Folders that are page bundles.
    pub bundle_dirs: BTreeSet<String>,
    /// Content-relative paths of all other files, sorted.
    pub assets: Vec<String>,
}

pub(super) struct LoadedLesson {
    pub source: String,
    pub dir: String,
    pub bundle: bool,
    pub doc: Option<Loaded<LessonMeta>>,
}

/// A parsed Markdown file. `text` is the whole file; the body starts at `body_start`.
pub(super) struct Loaded<T> {
    pub source: String,
    pub text: String,
    pub body_start: usize,
    pub body_line: usize,
    pub front: FrontMatter<T>,
    /// The title found in the body when the file has no front matter.
    pub fallback_title: Option<String>,
    pub has_front_matter: bool,
    /// Words in the body, for reading time.
    pub words: usize,
    /// Self-check quizzes in the body, for the time to set aside.
    pub quizzes: usize,
}

enum MarkdownKind {
    Lesson { dir: String, bundle: bool },
    SectionIndex { dir: String },
}

/// Walks `content_dir` and parses every Markdown file in it.
pub(super) fn read_content(content_dir: &Path, diagnostics: &Diagnostics) -> anyhow::Result<ContentFiles> {
    let (markdown, assets) = walk(content_dir)?;
    let (kinds, bundle_dirs) = classify(&markdown, diagnostics);

    let mut section_dirs = BTreeSet::new();
    for (_, kind) in &kinds {
        let dir = match kind {
            MarkdownKind::Lesson { dir, bundle: true } => parent_dir(dir),
            MarkdownKind::Lesson { dir, .. } | MarkdownKind::SectionIndex { dir } => dir,
        };
        for ancestor in ancestors(dir) {
            section_dirs.insert(ancestor.to_string());
        }
    }

    let (lesson_kinds, index_kinds): (Vec<_>, Vec<_>) =
        kinds.into_iter().partition(|(_, kind)| matches!(kind, MarkdownKind::Lesson { .. }));
    let lessons = lesson_kinds
        .into_par_iter()
        .map(|(source, kind)| {
            let MarkdownKind::Lesson { dir, bundle } = kind else { unreachable!("partitioned") };
            let text = read_text(content_dir, &source, diagnostics);
            let doc = text.and_then(|t| parse_markdown(&source, t, LESSON_KEYS, "lesson front matter", diagnostics));
            LoadedLesson { source, dir, bundle, doc }
        })
        .collect();
    let section_indexes = index_kinds
        .into_par_iter()
        .filter_map(|(source, kind)| {
            let MarkdownKind::SectionIndex { dir } = kind else { unreachable!("partitioned") };
            let text = read_text(content_dir, &source, diagnostics);
            text.and_then(|t| parse_markdown(&source, t, SECTION_KEYS, "section front matter", diagnostics))
                .map(|doc| (dir, doc))
        })
        .collect();
    Ok(ContentFiles { lessons, section_indexes, section_dirs, bundle_dirs, assets })
}

/// Content-relative paths of Markdown files and of other files, sorted, hidden entries skipped.
fn walk(content_dir: &Path) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    if !content_dir.is_dir() {
        anyhow::bail!("no `{}` folder: put the lessons there (or run `aula init`)", content_dir.display());
    }
    let (markdown, assets) = super::visible_files(content_dir)?.into_iter().partition(|f| f.ends_with(".md"));
    Ok((markdown, assets))
}

/// Decides what each Markdown file is. A folder with `index.md` and no other Markdown below it
/// is a page bundle; an `index.md` beside other lessons is the folder's section page.
fn classify(markdown: &[String], diagnostics: &Diagnostics) -> (Vec<(String, MarkdownKind)>, BTreeSet<String>) {
    let mut md_below: BTreeMap<&str, usize> = BTreeMap::new();
    for path in markdown {
        for dir in ancestors(parent_dir(path)) {
            *md_below.entry(dir).or_default() += 1;
        }
    }
    let has = |p: String| markdown.binary_search(&p).is_ok();
    let mut kinds = Vec::with_capacity(markdown.len());
    let mut bundles = BTreeSet::new();
    for path in markdown {
        let dir = parent_dir(path).to_string();
        let name = &path[path.rfind('/').map_or(0, |i| i + 1)..];
        let kind = match name {
            "_index.md" => MarkdownKind::SectionIndex { dir },
            "index.md" if md_below.get(dir.as_str()) == Some(&1) && !dir.is_empty() => {
                bundles.insert(dir.clone());
                MarkdownKind::Lesson { dir, bundle: true }
            }
            "index.md" if !has(join(&dir, "_index.md")) => {
                diagnostics.push(Diagnostic::warning(
                    source_path(path),
                    1,
                    1,
                    "`index.md` beside other lessons is read as the page of its folder: rename it to `_index.md`",
                ));
                MarkdownKind::SectionIndex { dir }
            }
            _ => MarkdownKind::Lesson { dir, bundle: false },
        };
        kinds.push((path.clone(), kind));
    }
    (kinds, bundles)
}

fn read_text(content_dir: &Path, source: &str, diagnostics: &Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(content_dir.join(source)) {
        Ok(b) => b,
        Err(e) => {
            diagnostics.push(Diagnostic::error(source_path(source), 1, 1, format!("cannot read the file: {e}")));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).expect("valid prefix");
            let (line, col) = line_col(prefix, valid);
            diagnostics.push(Diagnostic::error(
                source_path(source),
                line,
                col,
                format!("the file is not valid UTF-8 (byte 0x{:02X}): save it as UTF-8", bytes[valid]),
            ));
            None
        }
    }
}

fn parse_markdown<T: for<'de> serde::Deserialize<'de> + Default + HasTitle>(
    source: &str,
    text: String,
    known: &[&str],
    what: &str,
    diagnostics: &Diagnostics,
) -> Option<Loaded<T>> {
    let path = source_path(source);
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(mut d) => {
            d.path = path;
            diagnostics.push(d);
            return None;
        }
    };
    let mut found = Vec::new();
    let front = frontmatter::parse::<T>(&path, split.front, known, what, &mut found);
    diagnostics.extend(found);
    let front = front?;
    let has_front_matter = split.front.is_some();
    let mut body_start = text.len() - split.body.len();
    let mut body_line = split.body_line;
    let mut fallback_title = None;
    if front.meta.title().is_none() {
        if let Some((title, skip, lines)) = first_heading(split.body) {
            fallback_title = Some(title);
            body_start += skip;
            body_line += lines;
        }
    }
    let words = count_words(&text[body_start..]);
    let quizzes = count_quizzes(&text[body_start..]);
    Some(Loaded {
        source: source.to_string(),
        text,
        body_start,
        body_line,
        front,
        fallback_title,
        has_front_matter,
        words,
        quizzes,
    })
}

/// Words a reader reads: whitespace-separated tokens with a letter or digit. Counted on bytes,
/// as this runs over every source; any non-ASCII byte counts as a letter.
fn count_words(body: &str) -> usize {
    let (mut words, mut in_word) = (0, false);
    for &b in body.as_bytes() {
        if b.is_ascii_whitespace() {
            in_word = false;
        } else if !in_word && (b.is_ascii_alphanumeric() || b >= 0x80) {
            in_word = true;
            words += 1;
        }
    }
    words
}

/// Lines opening a ```` ```quiz ```` block (a rough count: it only sets a default duration).
fn count_quizzes(body: &str) -> usize {
    const OPENING: &[u8] = b"```quiz";
    let bytes = body.as_bytes();
    memchr::memmem::find_iter(bytes, OPENING)
        .filter(|&at| at == 0 || bytes[at - 1] == b'\n')
        .filter(|&at| matches!(bytes.get(at + OPENING.len()), Some(b'\n' | b'\r' | b' ')))
        .count()
}

/// An ATX `# Heading` as the first non-blank line: its text, the bytes and lines it takes.
fn first_heading(body: &str) -> Option<(String, usize, usize)> {
    let mut offset = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            offset += line.len();
            continue;
        }
        let title = trimmed.strip_prefix("# ")?.trim().trim_end_matches('#').trim();
        return (!title.is_empty()).then(|| (title.to_string(), offset + line.len(), i + 1));
    }
    None
}

/// The front matter types with a title.
pub(super) trait HasTitle {
    fn title(&self) -> Option<&str>;
}

impl HasTitle for LessonMeta {
    fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }
}

impl HasTitle for SectionMeta {
    fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }
}

impl<T> Loaded<T> {
    /// A title for a file whose front matter has none: its first heading, or its file name.
    pub fn fallback_title(&self, name: &str) -> String {
        self.fallback_title.clone().unwrap_or_else(|| slug::title_from_name(name))
    }
}

/// The content-relative folder of a path (`""` at the top).
pub(super) fn parent_dir(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// `a/b/c` → `a/b/c`, `a/b`, `a`, `""`.
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(dir);
    std::iter::from_fn(move || {
        let current = next?;
        next = if current.is_empty() { None } else { Some(parent_dir(current)) };
        Some(current)
    })
}

pub(super) fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_heading_as_title() {
        assert_eq!(first_heading("\n# Hola mundo\n\ntexto"), Some(("Hola mundo".into(), 14, 2)));
        assert_eq!(first_heading("# Título #\n"), Some(("Título".into(), 12, 1)));
        assert_eq!(first_heading("texto\n# Luego\n"), None);
        assert_eq!(first_heading("## Dos\n"), None);
    }

    #[test]
    fn words() {
        assert_eq!(count_words("## Hola, mundo\n\n- uno - dos\n```\ncode()\n```"), 5);
        assert_eq!(count_words("  año\tniño\r\n"), 2);
        assert_eq!(count_quizzes("```quiz\nq\n```\n\n```quiz \n```\nver ```quiz``` o ```quizzes\n"), 2);
    }

    #[test]
    fn ancestors_up_to_root() {
        assert_eq!(ancestors("a/b/c").collect::<Vec<_>>(), ["a/b/c", "a/b", "a", ""]);
        assert_eq!(ancestors("").collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn bundles_and_section_pages() {
        let d = Diagnostics::new();
        let files: Vec<String> = [
            "a/b/index.md",
            "a/x.md",
            "c/_index.md",
            "c/index.md",
            "c/y.md",
            "d/index.md",
            "d/z.md",
            "index.md",
            "r.md",
        ]
        .map(String::from)
        .to_vec();
        let (kinds, bundles) = classify(&files, &d);
        let described: Vec<String> = kinds
            .iter()
            .map(|(p, k)| match k {
                MarkdownKind::Lesson { bundle: true, .. } => format!("{p}=bundle"),
                MarkdownKind::Lesson { .. } => format!("{p}=lesson"),
                MarkdownKind::SectionIndex { dir } => format!("{p}=section({dir})"),
            })
            .collect();
        assert_eq!(
            described,
            [
                "a/b/index.md=bundle",
                "a/x.md=lesson",
                "c/_index.md=section(c)",
                "c/index.md=lesson",
                "c/y.md=lesson",
                "d/index.md=section(d)",
                "d/z.md=lesson",
                "index.md=section()",
                "r.md=lesson"
            ]
        );
        assert_eq!(bundles.into_iter().collect::<Vec<_>>(), ["a/b"]);
        assert_eq!(d.into_sorted(false).len(), 2);
    }
}
