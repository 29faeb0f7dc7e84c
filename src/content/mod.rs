//! The content model: a [`Site`] of nested [`Section`]s and [`Lesson`]s, loaded from `content/`.
//!
//! This module owns reading sources: the Markdown files, their front matter, the assets beside
//! them, and the theme (see [`theme`]). Loading is "raw input → validated model": files are read
//! and parsed in parallel, then the tree is assembled in one place (order, URLs, ids, tags,
//! prerequisites, aliases) and every problem is reported with its location. It never renders
//! Markdown: bodies are kept as text for [`crate::markdown`].

pub mod frontmatter;
mod load;
pub mod slug;
pub mod theme;
mod tree;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::{Config, Language};
use crate::diagnostics::Diagnostics;
pub use frontmatter::{LessonMeta, SectionMeta};

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
    sources: HashMap<String, Target>,
}

/// A folder of lessons: the root, a course (depth 1) or a module inside one.
pub struct Section {
    /// Content-relative folder, empty for the root.
    pub dir: String,
    /// Content-relative path of its index file (`_index.md`), when it has one.
    pub source: Option<String>,
    pub meta: SectionMeta,
    pub title: String,
    pub url: String,
    pub parent: Option<usize>,
    pub children: Vec<Child>,
    pub depth: usize,
    /// The course it belongs to (itself at depth 1); `None` for the root.
    pub course: Option<usize>,
    pub text: String,
    pub body_start: usize,
    pub body_line: usize,
    /// Lessons in this section and below, and their minutes.
    pub lesson_count: usize,
    pub minutes: u32,
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
    pub meta: LessonMeta,
    pub title: String,
    pub id: String,
    pub url: String,
    pub section: usize,
    pub course: Option<usize>,
    pub text: String,
    pub body_start: usize,
    pub body_line: usize,
    pub date: Option<jiff::civil::Date>,
    pub updated: Option<jiff::civil::Date>,
    pub words: usize,
    /// Self-check quizzes in the body.
    pub quizzes: usize,
    pub minutes: u32,
    pub prerequisites: Vec<usize>,
    pub tags: Vec<usize>,
    pub prev: Option<usize>,
    pub next: Option<usize>,
    /// Where its front matter keys are, for diagnostics.
    pub positions: frontmatter::Positions,
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
    pub const ALL: [CoursePage; 3] = [CoursePage::Print, CoursePage::Keypoints, CoursePage::Schedule];

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
    /// Reads `content/` under `config`'s site root. Problems go to `diagnostics`; what could be
    /// loaded is returned so later stages can report their problems too.
    pub fn load(root: &Path, config: Config, options: LoadOptions, diagnostics: &Diagnostics) -> anyhow::Result<Site> {
        let files = load::read_content(&root.join(CONTENT_DIR), diagnostics)?;
        Ok(tree::assemble(root, config, files, options, diagnostics))
    }

    /// What a normalised content-relative path (`curso/01-a.md`, `curso/fig/x.png`, `curso`)
    /// refers to.
    pub fn lookup(&self, path: &str) -> Option<Target> {
        self.sources.get(path.trim_end_matches('/')).copied()
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

    /// All content-relative paths of lessons and sections, for "did you mean" suggestions.
    pub fn page_sources(&self) -> impl Iterator<Item = &str> {
        self.sources
            .iter()
            .filter(|(k, t)| k.ends_with(".md") && !matches!(t, Target::Asset(_)))
            .map(|(k, _)| k.as_str())
    }
}

impl Lesson {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The diagnostics path of its Markdown file.
    pub fn path(&self) -> PathBuf {
        source_path(&self.source)
    }
}

impl Section {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    pub fn path(&self) -> Option<PathBuf> {
        self.source.as_deref().map(source_path)
    }
}

/// The files below `dir`, sorted, hidden files and folders (`.git`, `.DS_Store`) left out, as
/// `/`-separated paths relative to `dir`.
fn visible_files(dir: &Path) -> anyhow::Result<Vec<String>> {
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut files = Vec::new();
    for entry in walker {
        let entry = entry.map_err(|e| anyhow::anyhow!("reading {}: {e}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).expect("walked under dir");
        let Some(rel) = rel.to_str() else {
            anyhow::bail!("{}: file names must be valid UTF-8", entry.path().display());
        };
        files.push(rel.replace('\\', "/"));
    }
    Ok(files)
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
