//! The sources of `content/` as last read, kept between builds: every Markdown file parsed, the
//! other files listed. [`Sources::refresh`] re-reads only the files that changed, and walks the
//! folder again only when files came or went, so a watch-mode rebuild does not read 10,000 files
//! to pick up one edit.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::body::BodyReading;
use super::frontmatter::UnknownKey;
use super::load::{self, ContentFiles, LoadedLesson, MarkdownKind, Parsed};
use crate::config::Ignore;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The parsed sources of one `content/` folder.
pub struct Sources {
    dir: PathBuf,
    reading: BodyReading,
    /// `ignore:` of aula.yaml, as the folder was walked with.
    ignore: Ignore,
    /// Content-relative paths of the Markdown files, sorted.
    markdown: Vec<String>,
    /// Content-relative paths of all other files, sorted.
    assets: Vec<String>,
    /// What each Markdown file is, in the order of `markdown`.
    kinds: Vec<(String, MarkdownKind)>,
    bundle_dirs: BTreeSet<String>,
    /// Folders that hold lessons or section pages, and so are sections.
    section_dirs: BTreeSet<String>,
    /// Entries of the folder that cannot be sources (see [`load::Walk`]).
    walk_problems: Vec<Diagnostic>,
    /// Paths of the files of `_includes/` folders, sorted, and their texts (see [`load::Walk`]).
    include_paths: Vec<String>,
    includes: BTreeMap<String, String>,
    include_problems: Vec<Diagnostic>,
    /// Problems found while sorting the files (not tied to reading one of them).
    classify_problems: Vec<Diagnostic>,
    files: HashMap<String, SourceFile>,
}

/// One Markdown file as last read, with the problems found in it.
struct SourceFile {
    parsed: Parsed,
    problems: Vec<Diagnostic>,
    /// Keys of its front matter that aula does not know, warned about unless aula.yaml lets them be.
    unknown: Vec<UnknownKey>,
}

/// What a [`Sources::refresh`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Refresh {
    /// No Markdown file changed (other files may have: they are copied, not read).
    Nothing,
    /// Only the bodies of these Markdown files changed: their front matter, and so the tree, are
    /// as they were.
    Bodies(Vec<String>),
    /// Files came, went, or changed their front matter: the tree must be assembled again.
    Tree,
}

impl Sources {
    /// Walks `content_dir` and reads and parses every Markdown file in it, in parallel.
    /// Bodies are read as `reading` says.
    pub fn read(content_dir: &Path, ignore: &Ignore, reading: BodyReading) -> anyhow::Result<Sources> {
        let walk = load::walk(content_dir, ignore)?;
        let mut sources = Sources {
            dir: content_dir.to_path_buf(),
            reading,
            ignore: ignore.clone(),
            markdown: walk.markdown,
            assets: walk.assets,
            walk_problems: walk.problems,
            include_paths: walk.includes,
            includes: BTreeMap::new(),
            include_problems: Vec::new(),
            kinds: Vec::new(),
            bundle_dirs: BTreeSet::new(),
            section_dirs: BTreeSet::new(),
            classify_problems: Vec::new(),
            files: HashMap::new(),
        };
        sources.classify();
        let all: Vec<(String, MarkdownKind)> = sources.kinds.clone();
        sources.files = read_files(&sources.dir, all, &reading);
        sources.read_includes();
        Ok(sources)
    }

    /// Whether the folder was walked with these `ignore:` patterns.
    pub fn ignores_as(&self, ignore: &Ignore) -> bool {
        self.ignore == *ignore
    }

    /// Takes in changes to the content-relative paths `changed` (files or folders, existing or
    /// not). Only changed Markdown files are read again; the folder is walked again only when a
    /// path is new or gone.
    pub fn refresh(&mut self, changed: &[String]) -> anyhow::Result<Refresh> {
        let known = |p: &String| {
            (self.files.contains_key(p) || self.assets.binary_search(p).is_ok()) && self.dir.join(p).is_file()
        };
        let listed = changed.iter().all(known);
        let mut tree_changed = false;
        if !listed {
            let walk = load::walk(&self.dir, &self.ignore)?;
            let markdown_changed = walk.markdown != self.markdown;
            tree_changed = markdown_changed || walk.assets != self.assets || walk.problems != self.walk_problems;
            self.markdown = walk.markdown;
            self.assets = walk.assets;
            self.walk_problems = walk.problems;
            tree_changed |= walk.includes != self.include_paths;
            self.include_paths = walk.includes;
            if markdown_changed {
                self.classify();
                self.files.retain(|path, _| self.markdown.binary_search(path).is_ok());
            }
        }
        // Files are sorted again only after a walk; else each one was last read as what it is,
        // and only those that changed are read again.
        let sorted_again = !listed || self.files.len() != self.kinds.len();
        let candidates: Vec<&(String, MarkdownKind)> = if sorted_again {
            self.kinds.iter().collect()
        } else {
            changed.iter().filter_map(|p| self.kind_of(p)).collect()
        };
        let to_read: Vec<(String, MarkdownKind)> = candidates
            .into_iter()
            .filter(|(path, kind)| {
                changed.contains(path)
                    || self
                        .files
                        .get(path)
                        .is_none_or(|f| f.parsed.is_lesson() != matches!(kind, MarkdownKind::Lesson { .. }))
            })
            .cloned()
            .collect();
        if changed.iter().any(|p| self.include_paths.binary_search(p).is_ok()) || tree_changed {
            // An include is part of every page that names it: those pages are assembled again.
            tree_changed |= self.read_includes();
        }
        let mut bodies = Vec::new();
        for (path, file) in read_files(&self.dir, to_read, &self.reading) {
            let same_head = self.files.get(&path).is_some_and(|old| {
                old.parsed.head().is_some()
                    && old.parsed.head() == file.parsed.head()
                    && old.parsed.is_lesson() == file.parsed.is_lesson()
            });
            if same_head {
                bodies.push(path.clone());
            } else {
                tree_changed = true;
            }
            self.files.insert(path, file);
        }
        Ok(match (tree_changed, bodies.is_empty()) {
            (true, _) => Refresh::Tree,
            (false, true) => Refresh::Nothing,
            (false, false) => Refresh::Bodies(bodies),
        })
    }

    /// What the Markdown file at `path` is, if it is one of the site's.
    fn kind_of(&self, path: &str) -> Option<&(String, MarkdownKind)> {
        let at = self.kinds.binary_search_by(|(p, _)| p.as_str().cmp(path)).ok()?;
        Some(&self.kinds[at])
    }

    /// The files sorted into lessons, section pages and assets, for assembling a tree. The
    /// problems found in them go to `diagnostics`, but for the unknown front matter keys named in
    /// `ignore_keys` (see [`crate::config::FrontMatter`]).
    pub(super) fn content_files(&self, diagnostics: &Diagnostics, ignore_keys: &[String]) -> ContentFiles<'_> {
        diagnostics.extend(self.walk_problems.iter().cloned());
        diagnostics.extend(self.classify_problems.iter().cloned());
        diagnostics.extend(self.include_problems.iter().cloned());
        let mut lessons = Vec::new();
        let mut section_indexes = BTreeMap::new();
        for (path, kind) in &self.kinds {
            let file = &self.files[path];
            diagnostics.extend(file.problems.iter().cloned());
            let kept = file.unknown.iter().filter(|u| !ignore_keys.contains(&u.key));
            diagnostics.extend(kept.map(|u| u.warning.clone()));
            match (kind, &file.parsed) {
                (MarkdownKind::Lesson { dir, bundle }, Parsed::Lesson(doc)) => {
                    lessons.push(LoadedLesson { source: path, dir: dir.clone(), bundle: *bundle, doc: doc.as_ref() });
                }
                (MarkdownKind::SectionIndex { dir }, Parsed::SectionIndex(Some(doc))) => {
                    section_indexes.insert(dir.clone(), doc);
                }
                _ => {}
            }
        }
        ContentFiles {
            lessons,
            section_indexes,
            section_dirs: &self.section_dirs,
            bundle_dirs: &self.bundle_dirs,
            assets: &self.assets,
            includes: &self.includes,
        }
    }

    /// Reads the include files again; whether any text changed.
    fn read_includes(&mut self) -> bool {
        let mut problems = Vec::new();
        let includes = load::read_includes(&self.dir, &self.include_paths, &mut problems);
        self.include_problems = problems;
        let changed = includes != self.includes;
        self.includes = includes;
        changed
    }

    /// The lesson parsed from `source`, if it is one and it parsed.
    pub(super) fn lesson(&self, source: &str) -> Option<&load::Loaded<super::LessonMeta>> {
        match &self.files.get(source)?.parsed {
            Parsed::Lesson(doc) => doc.as_ref(),
            Parsed::SectionIndex(_) => None,
        }
    }

    /// The section page parsed from `source`, if it is one and it parsed.
    pub(super) fn section_index(&self, source: &str) -> Option<&load::Loaded<super::SectionMeta>> {
        match &self.files.get(source)?.parsed {
            Parsed::SectionIndex(doc) => doc.as_ref(),
            Parsed::Lesson(_) => None,
        }
    }

    fn classify(&mut self) {
        let mut problems = Vec::new();
        let (kinds, bundle_dirs) = load::classify(&self.markdown, &mut problems);
        self.section_dirs = load::section_dirs(kinds.iter().map(|(_, k)| k));
        self.kinds = kinds;
        self.bundle_dirs = bundle_dirs;
        self.classify_problems = problems;
    }
}

fn read_files(dir: &Path, files: Vec<(String, MarkdownKind)>, reading: &BodyReading) -> HashMap<String, SourceFile> {
    files
        .into_par_iter()
        .map(|(path, kind)| {
            let (mut problems, mut unknown) = (Vec::new(), Vec::new());
            let parsed = Parsed::read(dir, &path, &kind, &mut problems, &mut unknown, reading);
            (path, SourceFile { parsed, problems, unknown })
        })
        .collect()
}
