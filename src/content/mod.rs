//! The content model: a [`Site`] of nested [`Section`]s and [`Lesson`]s, loaded from `content/`.
//!
//! This module owns reading sources: the Markdown files, their front matter, the assets beside
//! them, and the theme (see [`theme`]). Loading is "raw input → validated model": files are read
//! and parsed in parallel, then the tree is assembled in one place (order, URLs, ids, tags,
//! prerequisites, aliases) and every problem is reported with its location. It never renders
//! Markdown and does not call `markdown`: bodies are kept as text for it (see [`Body`]), and
//! what the renderer will find in them is counted by the functions the caller hands
//! [`Sources::read`] (see [`BodyReading`]).

mod body;
pub mod frontmatter;
pub mod layout;
mod listing;
mod load;
pub mod read;
mod scope;
pub mod slug;
mod sources;
pub mod theme;
mod tree;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{Config, Ignore, Language};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::msg;
pub use body::{Body, BodyReading, BodyText};
pub use frontmatter::{LessonMeta, SectionMeta};
pub use layout::{BodyPage, PageKey, SitePage, page_url};
pub use listing::{Listing, PAGE_SIZE, SITEMAP_URLS};
pub use scope::Scope;
pub use sources::{Refresh, Sources};

/// The folder of the lessons, under the site root.
pub const CONTENT_DIR: &str = "content";

/// What to include while loading.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// The whole site, ready to render. Sections and lessons are in reading order; `sections[0]` is
/// the root (the home page). Paths are content-relative with `/` separators; URLs are
/// site-relative folders ending in `/` (the home page's is empty).
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub sections: Vec<Section>,
    pub lessons: Vec<Lesson>,
    pub assets: Vec<Asset>,
    pub tags: Vec<Tag>,
    pub aliases: Vec<Alias>,
    /// Texts of the files of `_includes/` folders, by content-relative path (see [`Site::include`]).
    pub includes: BTreeMap<String, String>,
    /// The course this site is built of, apart from the rest of the whole site (an LMS
    /// package); `None` for the whole site.
    pub scope: Option<Arc<Scope>>,
    sources: SourceMap,
}

/// A folder of lessons: the root, a course (depth 1) or a module inside one.
pub struct Section {
    /// Content-relative folder, empty for the root.
    pub dir: String,
    /// Content-relative path of its index file (`_index.md`), when it has one.
    pub source: Option<String>,
    pub meta: Arc<SectionMeta>,
    pub title: String,
    pub url: String,
    pub parent: Option<usize>,
    pub children: Vec<Child>,
    pub depth: usize,
    /// The course it belongs to (itself at depth 1); `None` for the root.
    pub course: Option<usize>,
    /// The body of its index file (empty without one).
    pub body: Body,
    /// Lessons in this section and below, and their minutes.
    pub lesson_count: usize,
    pub minutes: u32,
}

/// What [`Site::replace_body`] changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyChange {
    /// A lesson's body; `minutes` when its reading time, shown on other pages, changed too.
    Lesson {
        index: usize,
        minutes: bool,
    },
    Section(usize),
}

/// An entry of a section, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Child {
    Lesson(usize),
    Section(usize),
}

/// One lesson: a Markdown file, or a folder with `index.md` and its assets (a page bundle).
pub struct Lesson {
    /// Content-relative path of the Markdown file.
    pub source: String,
    /// Content-relative folder its relative links start from.
    pub dir: String,
    pub bundle: bool,
    pub meta: Arc<LessonMeta>,
    pub title: String,
    pub id: String,
    pub url: String,
    pub section: usize,
    pub course: Option<usize>,
    pub body: Body,
    pub date: Option<jiff::civil::Date>,
    pub updated: Option<jiff::civil::Date>,
    pub minutes: u32,
    pub prerequisites: Vec<usize>,
    pub tags: Vec<usize>,
    pub prev: Option<usize>,
    pub next: Option<usize>,
    /// Where its front matter keys are, for diagnostics.
    pub positions: Arc<frontmatter::Positions>,
}

/// A file copied as it is: an image or download beside the lessons.
pub struct Asset {
    pub source: String,
    /// Site-relative output path.
    pub output: String,
}

/// A tag and the lessons that carry it, in reading order.
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub lessons: Vec<usize>,
}

/// An old URL that redirects to a lesson.
pub struct Alias {
    /// Site-relative output file, e.g. `viejo/escuchar/index.html`.
    pub output: String,
    pub lesson: usize,
}

/// What a content-relative path points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Lesson(usize),
    Section(usize),
    Asset(usize),
    /// A file that exists but is not in this build.
    Excluded(Excluded),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Excluded {
    Draft,
    Broken,
}

/// The pages made for each course besides its own: the whole course on one printable page, its
/// key points gathered, and its schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoursePage {
    Print,
    Keypoints,
    Schedule,
}

impl CoursePage {
    /// The page's URL segment under its course, in the site's language.
    pub fn segment(self, language: Language) -> &'static str {
        match (self, language) {
            (CoursePage::Print, Language::Es) => "imprimir",
            (CoursePage::Print, Language::En) => "print",
            (CoursePage::Keypoints, Language::Es) => "puntos-clave",
            (CoursePage::Keypoints, Language::En) => "keypoints",
            (CoursePage::Schedule, Language::Es) => "horario",
            (CoursePage::Schedule, Language::En) => "schedule",
        }
    }
}

impl Site {
    /// The root of the older Carpentries (Jekyll) lesson that the page in `dir` belongs to: the
    /// nearest folder, from `dir` up, with an `_includes/` folder; else the content root. Its
    /// `{{ page.root }}` is the way back there.
    pub fn legacy_root<'d>(&self, dir: &'d str) -> &'d str {
        load::ancestors(dir).find(|d| self.includes_in(d).next().is_some()).unwrap_or("")
    }

    /// The include files a page in `dir` may name (see [`Site::include`]), with their texts: what
    /// its rendering depends on besides its own text.
    pub fn includes_above<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a String, &'a String)> {
        load::ancestors(dir).flat_map(|d| self.includes_in(d))
    }

    /// The files of `dir/_includes/`.
    fn includes_in(&self, dir: &str) -> impl Iterator<Item = (&String, &String)> {
        let prefix = load::join(dir, load::INCLUDES_DIR) + "/";
        self.includes.range(prefix.clone()..).take_while(move |(p, _)| p.starts_with(&prefix))
    }

    /// The text of `{% include name %}` for a page in `dir`: `_includes/name` in `dir`, else in
    /// the nearest folder above it that has it (up to the content root).
    pub fn include(&self, dir: &str, name: &str) -> Option<&str> {
        let file = format!("{}/{name}", load::INCLUDES_DIR);
        load::ancestors(dir).find_map(|d| self.includes.get(&load::join(d, &file))).map(String::as_str)
    }

    /// Makes the tree from the sources read from `content/` under the site root `root`. Cheap
    /// next to reading them: texts and front matter are shared, not copied. Problems go to
    /// `diagnostics`; what could be loaded is returned so later stages can report theirs too.
    pub fn assemble(
        root: &Path,
        config: Config,
        sources: &Sources,
        options: LoadOptions,
        diagnostics: &Diagnostics,
    ) -> Site {
        let files = sources.content_files(diagnostics, &config.front_matter.ignore_keys);
        tree::assemble(root, config, files, options, diagnostics)
    }

    /// Takes in a new body of the lesson or section page `source`, whose front matter did not
    /// change (see [`Refresh::Bodies`]). `None` when the file is not a page of this site (a
    /// draft, or one with errors).
    pub fn replace_body(&mut self, source: &str, sources: &Sources) -> Option<BodyChange> {
        match self.lookup(source)? {
            Target::Lesson(i) => {
                let doc = sources.lesson(source)?;
                let lesson = &mut self.lessons[i];
                lesson.body = doc.body.clone();
                let minutes = lesson.minutes;
                tree::sum_minutes(self);
                Some(BodyChange::Lesson { index: i, minutes: self.lessons[i].minutes != minutes })
            }
            Target::Section(i) if self.sections[i].source.as_deref() == Some(source) => {
                let doc = sources.section_index(source)?;
                self.sections[i].body = doc.body.clone();
                Some(BodyChange::Section(i))
            }
            _ => None,
        }
    }

    /// Outputs that would replace one another (two pages on one URL, a static file over a page,
    /// an alias over a file aula makes…) or could not be written (a name too long), among the
    /// site's pages and files and the theme's and the site's `static/` files: one check for all,
    /// run again whenever either side changes.
    pub fn output_clashes(&self, static_files: &[theme::StaticFile]) -> Vec<Diagnostic> {
        tree::output_clashes(self, static_files)
    }

    /// What a normalised content-relative path (`curso/01-a.md`, `curso/fig/x.png`, `curso`)
    /// refers to.
    pub fn lookup(&self, path: &str) -> Option<Target> {
        self.sources.get(path.trim_end_matches('/'))
    }

    /// Where the whole site has what a normalised content-relative path names, when this site
    /// is part of it ([`Site::scope`]) and left that out: a site-relative output path.
    pub fn elsewhere(&self, path: &str) -> Option<&str> {
        self.scope.as_ref()?.elsewhere.get(path.trim_end_matches('/')).map(String::as_str)
    }

    /// The site-relative folder URL of one of a course's own pages.
    pub fn course_page_url(&self, course: usize, page: CoursePage) -> String {
        format!("{}{}/", self.sections[course].url, page.segment(self.config.language))
    }

    pub fn courses(&self) -> impl Iterator<Item = usize> + '_ {
        self.sections[0].children.iter().filter_map(|c| match c {
            Child::Section(i) => Some(*i),
            Child::Lesson(_) => None,
        })
    }

    /// The sections from the root down to `section`, inclusive.
    pub fn ancestry(&self, section: usize) -> Vec<usize> {
        let mut chain = vec![section];
        let mut at = section;
        while let Some(parent) = self.sections[at].parent {
            chain.push(parent);
            at = parent;
        }
        chain.reverse();
        chain
    }

    /// Every content-relative path the site knows and what it is.
    pub fn source_targets(&self) -> impl Iterator<Item = (&str, Target)> {
        self.sources.0.iter().map(|(path, target)| (path.as_str(), *target))
    }

    /// All content-relative paths of lessons and sections, for "did you mean" suggestions.
    pub fn page_sources(&self) -> impl Iterator<Item = &str> {
        self.sources
            .0
            .iter()
            .filter(|(k, t)| markdown_stem(k).is_some() && !matches!(t, Target::Asset(_)))
            .map(|(k, _)| k.as_str())
    }
}

/// Content-relative paths and what they point at, compared in Unicode NFC: macOS writes
/// `canción` in file names as `cancio` + a combining accent (NFD), while editors write links and
/// prerequisites in NFC. Keys are stored normalised; sources keep their names as on disk, which
/// is how they are read.
#[derive(Default)]
struct SourceMap(HashMap<String, Target>);

impl SourceMap {
    fn insert(&mut self, path: &str, target: Target) {
        self.0.insert(nfc(path).into_owned(), target);
    }

    fn get(&self, path: &str) -> Option<Target> {
        self.0.get(nfc(path).as_ref()).copied()
    }

    fn contains(&self, path: &str) -> bool {
        self.0.contains_key(nfc(path).as_ref())
    }
}

/// `text` in Unicode NFC (composed characters), borrowed when it is ASCII, as most names are.
pub fn nfc(text: &str) -> Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization as _;
    if text.is_ascii() { Cow::Borrowed(text) } else { Cow::Owned(text.nfc().collect()) }
}

/// File extensions read as Markdown, compared without case: what editors and other site
/// generators save Markdown as. A file with any of them is a page, never copied as it is, so
/// its front matter (a `draft: true` too) is never published.
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mdwn", "mkd", "mkdn", "mkdown"];

/// A file name or path without its Markdown extension (see [`MARKDOWN_EXTENSIONS`]), when it has
/// one: `01-a.MD` → `01-a`.
pub fn markdown_stem(name: &str) -> Option<&str> {
    let (stem, extension) = name.rsplit_once('.')?;
    let last = &stem[stem.rfind('/').map_or(0, |i| i + 1)..];
    let markdown = MARKDOWN_EXTENSIONS.iter().any(|e| extension.eq_ignore_ascii_case(e));
    (markdown && !last.is_empty() && !extension.contains('/')).then_some(stem)
}

impl Lesson {
    /// The diagnostics path of its Markdown file.
    pub fn path(&self) -> PathBuf {
        source_path(&self.source)
    }
}

impl Section {
    pub fn path(&self) -> Option<PathBuf> {
        self.source.as_deref().map(source_path)
    }
}

/// Files and folders a build leaves out: hidden ones (`.git`, `.DS_Store`, editors' `.#x` locks
/// and `.x.swp` swap files) and editors' backup and temporary files (`x~`, `#x#`, `x.swp`,
/// JetBrains' `x___jb_tmp___`).
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", "___jb_tmp___", "___jb_old___"].iter().any(|s| name.ends_with(s))
}

/// The files below `dir`, sorted, ignored files and folders (see [`is_ignored_name`]) left out,
/// as `/`-separated paths relative to `dir`. What cannot be a source is reported, located under
/// `shown` (how `dir` is printed), and left out: a name that is not UTF-8 (its folder is skipped
/// whole), and anything that is neither a file, a folder nor a link (a FIFO, socket or device,
/// which would block or make no sense to read).
/// The files under `dir` that can be sources, hidden names and what `ignore` matches left out
/// (an ignored folder is not walked into).
fn visible_files(dir: &Path, shown: &Path, ignore: &Ignore) -> anyhow::Result<(Vec<String>, Vec<Diagnostic>)> {
    let mut walker = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    let (mut files, mut problems) = (Vec::new(), Vec::new());
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(|e| msg!("folder-unreadable", folder = dir, error = e.to_string()))?;
        if entry.depth() == 0 {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).expect("walked under dir");
        let printed = shown.join(rel);
        let Some(name) = entry.file_name().to_str() else {
            problems.push(Diagnostic::error(&printed, 1, 1, read::name_not_utf8(&printed)));
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        };
        if is_ignored_name(name) || ignore.is_ignored(rel, entry.file_type().is_dir()) {
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        let kind = entry.file_type();
        if kind.is_file() {
            let rel = rel.to_str().expect("every folder above was UTF-8");
            files.push(rel.replace('\\', "/"));
        } else if !kind.is_dir() && !kind.is_symlink() {
            problems.push(Diagnostic::error(&printed, 1, 1, read::not_a_file(kind)));
        }
    }
    Ok((files, problems))
}

/// Changes when the file at `path` does (its size or modification time), for copying only the
/// files that changed; 0 when it cannot be read.
pub fn file_stamp(path: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let Ok(meta) = std::fs::metadata(path) else { return 0 };
    let mut hasher = std::hash::DefaultHasher::new();
    (meta.len(), meta.modified().ok()).hash(&mut hasher);
    hasher.finish()
}

/// The site-root-relative path of a content file, as diagnostics print it.
pub fn source_path(content_relative: &str) -> PathBuf {
    Path::new(CONTENT_DIR).join(content_relative)
}

/// Joins a content-relative folder and a relative reference, resolving `.` and `..`.
/// `None` when the reference climbs out of `content/`.
pub fn join_relative(dir: &str, reference: &str) -> Option<String> {
    let mut parts: Vec<&str> =
        if reference.starts_with('/') { Vec::new() } else { dir.split('/').filter(|p| !p.is_empty()).collect() };
    for part in reference.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for name in [".git", ".DS_Store", ".#01-a.md", ".01-a.md.swp", "01-a.md~", "#01-a.md#", "a.md___jb_tmp___"] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["01-a.md", "index.md", "fig.png", "#", "c#.md", "notas.swp.md"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }

    #[test]
    fn relative_joins() {
        for (dir, reference, want) in [
            ("curso", "02-b.md", Some("curso/02-b.md")),
            ("curso/mod", "../x.md", Some("curso/x.md")),
            ("curso", "./fig/a.png", Some("curso/fig/a.png")),
            ("", "a/b/", Some("a/b")),
            ("curso", "/otro/x.md", Some("otro/x.md")),
            ("curso", "../../x.md", None),
        ] {
            assert_eq!(join_relative(dir, reference).as_deref(), want, "{dir} + {reference}");
        }
    }
}
