//! Reading `content/`: walking the folder, sorting files into lessons, section index files and
//! assets, and reading and parsing Markdown files. What was read is kept in
//! [`super::sources::Sources`]; this module only knows how to read one file or the folder's list.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use super::body::{Body, BodyReading};
use super::frontmatter::{self, Kind, Positions, UnknownKey};
use super::{LessonMeta, SectionMeta, markdown_stem, read, slug, source_path};
use crate::config::Ignore;
use crate::diagnostics::Diagnostic;
use crate::msg;

/// The files of `content/` sorted into what they are, before they become a tree. Borrows the
/// parsed files from [`super::sources::Sources`], so assembling a tree again reads nothing.
pub(super) struct ContentFiles<'a> {
    pub lessons: Vec<LoadedLesson<'a>>,
    /// Section index files by content-relative folder.
    pub section_indexes: BTreeMap<String, &'a Loaded<SectionMeta>>,
    /// Folders that hold lessons (and so are sections), sorted.
    pub section_dirs: &'a BTreeSet<String>,
    /// Folders that are page bundles.
    pub bundle_dirs: &'a BTreeSet<String>,
    /// Content-relative paths of all other files, sorted.
    pub assets: &'a [String],
    /// Texts of the files in `_includes/` folders, by content-relative path.
    pub includes: &'a BTreeMap<String, String>,
}

pub(super) struct LoadedLesson<'a> {
    pub source: &'a str,
    pub dir: String,
    pub bundle: bool,
    pub doc: Option<&'a Loaded<LessonMeta>>,
}

/// A parsed Markdown file. Its parts are shared (`Arc`) with the lessons and sections made from
/// it, so a tree is cheap to rebuild.
pub(super) struct Loaded<T> {
    pub source: String,
    pub body: Body,
    pub meta: Arc<T>,
    pub positions: Arc<Positions>,
    /// The title found in the body when the file has no front matter.
    pub fallback_title: Option<String>,
    pub has_front_matter: bool,
}

/// What a Markdown file is, decided from the paths of all Markdown files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum MarkdownKind {
    Lesson { dir: String, bundle: bool },
    SectionIndex { dir: String },
}

/// The folders that hold lessons (or section pages) and so are sections.
pub(super) fn section_dirs<'k>(kinds: impl Iterator<Item = &'k MarkdownKind>) -> BTreeSet<String> {
    let mut section_dirs = BTreeSet::new();
    for kind in kinds {
        let dir = match kind {
            MarkdownKind::Lesson { dir, bundle: true } => parent_dir(dir),
            MarkdownKind::Lesson { dir, .. } | MarkdownKind::SectionIndex { dir } => dir,
        };
        for ancestor in ancestors(dir) {
            if !section_dirs.contains(ancestor) {
                section_dirs.insert(ancestor.to_string());
            }
        }
    }
    section_dirs
}

/// What walking `content/` found.
pub(super) struct Walk {
    /// Content-relative paths of the Markdown files (see [`super::markdown_stem`]), sorted.
    pub markdown: Vec<String>,
    /// Content-relative paths of all other files, sorted.
    pub assets: Vec<String>,
    /// Content-relative paths of the files in `_includes/` folders: the text older Carpentries
    /// lessons bring in with `{% include links.md %}`, never pages of their own.
    pub includes: Vec<String>,
    /// Entries that cannot be sources (see [`super::visible_files`]).
    pub problems: Vec<Diagnostic>,
}

/// A file of an `_includes/` folder (Jekyll's): text for other pages, not a page.
fn is_include(path: &str) -> bool {
    path.split('/').rev().skip(1).any(|dir| dir == INCLUDES_DIR)
}

/// Where Jekyll lessons keep the text their pages include.
pub(super) const INCLUDES_DIR: &str = "_includes";

/// Reads the files `paths` (content-relative) of `content_dir`, by path; problems go to `found`.
pub(super) fn read_includes(
    content_dir: &Path,
    paths: &[String],
    found: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    paths.iter().filter_map(|p| Some((p.clone(), read_text(content_dir, p, found)?))).collect()
}

/// The files of `content/`, hidden entries skipped.
pub(super) fn walk(content_dir: &Path, ignore: &Ignore) -> anyhow::Result<Walk> {
    if !content_dir.is_dir() {
        return Err(msg!("content-missing", folder = content_dir).into());
    }
    let (files, problems) = super::visible_files(content_dir, Path::new(super::CONTENT_DIR), ignore)?;
    let (includes, files): (Vec<String>, Vec<String>) = files.into_iter().partition(|f| is_include(f));
    let (markdown, assets) = files.into_iter().partition(|f| super::markdown_stem(f).is_some());
    Ok(Walk { markdown, assets, includes, problems })
}

/// A Markdown file read and parsed as what `kind` says it is, with the problems found in it.
pub(super) enum Parsed {
    Lesson(Option<Loaded<LessonMeta>>),
    SectionIndex(Option<Loaded<SectionMeta>>),
}

impl Parsed {
    /// Reads and parses `source` (content-relative); problems go to `found`, keys aula does not
    /// know to `unknown`.
    pub fn read(
        content_dir: &Path,
        source: &str,
        kind: &MarkdownKind,
        found: &mut Vec<Diagnostic>,
        unknown: &mut Vec<UnknownKey>,
        reading: &BodyReading,
    ) -> Parsed {
        let text = read_text(content_dir, source, found);
        match kind {
            MarkdownKind::Lesson { .. } => Parsed::Lesson(
                text.and_then(|t| parse_markdown(content_dir, source, t, Kind::Lesson, found, unknown, reading)),
            ),
            MarkdownKind::SectionIndex { .. } => Parsed::SectionIndex(
                text.and_then(|t| parse_markdown(content_dir, source, t, Kind::Section, found, unknown, reading)),
            ),
        }
    }

    /// The file's bytes before its body (front matter, and a heading taken as title), when it
    /// parsed and its text is held: two versions with the same head differ only in their body.
    pub fn head(&self) -> Option<&str> {
        match self {
            Parsed::Lesson(doc) => doc.as_ref().and_then(|d| d.body.head()),
            Parsed::SectionIndex(doc) => doc.as_ref().and_then(|d| d.body.head()),
        }
    }

    pub fn is_lesson(&self) -> bool {
        matches!(self, Parsed::Lesson(_))
    }
}

/// Decides what each Markdown file is. A folder with `index.md` and no other Markdown below it
/// is a page bundle; an `index.md` beside other lessons is the folder's section page.
pub(super) fn classify(
    markdown: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<(String, MarkdownKind)>, BTreeSet<String>) {
    let mut md_below: BTreeMap<&str, usize> = BTreeMap::new();
    for path in markdown {
        for dir in ancestors(parent_dir(path)) {
            *md_below.entry(dir).or_default() += 1;
        }
    }
    let mut with_index_page = BTreeSet::new();
    for path in markdown {
        if page_name(path) == Some(PageName::SectionIndex) {
            let dir = parent_dir(path);
            if !with_index_page.insert(dir) {
                diagnostics.push(Diagnostic::error(
                    source_path(path),
                    1,
                    1,
                    msg!("second-index-page", folder = &source_path(dir)),
                ));
            }
        }
    }
    let mut kinds = Vec::with_capacity(markdown.len());
    let mut bundles = BTreeSet::new();
    for path in markdown {
        let dir = parent_dir(path).to_string();
        let kind = match page_name(path) {
            Some(PageName::SectionIndex) => MarkdownKind::SectionIndex { dir },
            Some(PageName::Index) if md_below.get(dir.as_str()) == Some(&1) && !dir.is_empty() => {
                bundles.insert(dir.clone());
                MarkdownKind::Lesson { dir, bundle: true }
            }
            Some(PageName::Index) if !with_index_page.contains(dir.as_str()) => {
                diagnostics.push(Diagnostic::warning(source_path(path), 1, 1, msg!("index-beside-lessons")));
                MarkdownKind::SectionIndex { dir }
            }
            _ => MarkdownKind::Lesson { dir, bundle: false },
        };
        kinds.push((path.clone(), kind));
    }
    (kinds, bundles)
}

fn read_text(content_dir: &Path, source: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    read::text(&content_dir.join(source), &source_path(source)).map_err(|d| diagnostics.push(d)).ok()
}

fn parse_markdown<T: for<'de> serde::Deserialize<'de> + Default + HasTitle>(
    content_dir: &Path,
    source: &str,
    text: String,
    kind: Kind,
    diagnostics: &mut Vec<Diagnostic>,
    unknown: &mut Vec<UnknownKey>,
    reading: &BodyReading,
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
    let front = frontmatter::parse::<T>(&path, split.front, kind, diagnostics, unknown)?;
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
    Some(Loaded {
        source: source.to_string(),
        body: Body::read(text, body_start, body_line, (&content_dir.join(source), &path), reading),
        meta: Arc::new(front.meta),
        positions: Arc::new(front.positions),
        fallback_title,
        has_front_matter,
    })
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

/// The Markdown file names with a meaning of their own, whatever their extension.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PageName {
    /// `_index.md`: the page of its folder.
    SectionIndex,
    /// `index.md`: a page bundle, or (beside other lessons) the page of its folder.
    Index,
}

fn page_name(path: &str) -> Option<PageName> {
    match markdown_stem(&path[path.rfind('/').map_or(0, |i| i + 1)..])? {
        "_index" => Some(PageName::SectionIndex),
        "index" => Some(PageName::Index),
        _ => None,
    }
}

/// The content-relative folder of a path (`""` at the top).
pub(super) fn parent_dir(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// `a/b/c` → `a/b/c`, `a/b`, `a`, `""`.
pub(super) fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
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
    fn ancestors_up_to_root() {
        assert_eq!(ancestors("a/b/c").collect::<Vec<_>>(), ["a/b/c", "a/b", "a", ""]);
        assert_eq!(ancestors("").collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn bundles_and_section_pages() {
        let mut d = Vec::new();
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
        let (kinds, bundles) = classify(&files, &mut d);
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
        assert_eq!(d.len(), 2);
    }
}
