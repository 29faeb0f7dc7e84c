//! The search index of a session, made by one route in both modes: [`Stage::Render`] hands
//! each rendered lesson's text to [`Search::take`], and [`Stage::Index`] makes the index of what
//! it took ([`Search::index`]).
//!
//! A one-off build streams: each lesson goes into the index as it renders, its excerpt files
//! written at once, so no lesson's text is held; the index stage writes the rest (the manifest
//! and the shards of words). A session that renders only what an edit affects keeps instead
//! each lesson's text by section from its last render, and makes the index again from the kept
//! texts when what it is made of changed. Only files whose bytes changed are written, and the
//! files of the previous index that the new one does not have (excerpts of lessons gone) are
//! deleted, so the index always equals a clean build's.
//!
//! Making the index again takes longer than rendering a few pages, so a tracking session's
//! index stage leaves it to whoever asks, as a [`SearchWork`] that owns all it needs: a server
//! takes it after pages reload, runs it on a thread of its own, and cancels it when the next
//! edit comes (see `serve::rebuild`).
//!
//! [`Stage::Render`]: super::Stage::Render
//! [`Stage::Index`]: super::Stage::Index

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::config::Language;
use crate::content::{Site, Target};
use crate::markdown::TextSection;
use crate::output::Sink;
use crate::render::{self, SearchEntry, fingerprint, fingerprinter};
use crate::search::{IndexBuilder, LessonText};

/// Where a session's rendered lessons go for the search index.
pub(super) enum Search {
    /// A one-off build: into this index as they render.
    Stream(Option<IndexBuilder>),
    /// A tracking session: their texts are kept, and the index is made again from them when
    /// the server asks for the work ([`Search::work`]).
    Keep(SearchTexts),
    /// No index (the `bench-no-search` feature, to measure what the index costs).
    Off,
}

impl Search {
    pub fn new(track: bool) -> Search {
        match track {
            true => Search::Keep(SearchTexts::default()),
            false if cfg!(feature = "bench-no-search") => Search::Off,
            false => Search::Stream(None),
        }
    }

    /// Takes the text of lesson `i` of `site` just rendered: a streaming build adds it to the
    /// index and writes its excerpt files into `sink`; a tracking one hands it back, to be kept
    /// with [`Search::keep`] once the pages rendered in parallel are done.
    pub fn take(
        &self,
        site: &Site,
        i: usize,
        sections: Vec<TextSection>,
        sink: &dyn Sink,
    ) -> anyhow::Result<Option<Vec<TextSection>>> {
        match self {
            Search::Stream(index) => {
                let index = index.as_ref().expect("a build's index starts with its render stage");
                for file in render::index_lesson(site, index, i, &sections) {
                    sink.write(&file)?;
                }
                Ok(None)
            }
            Search::Keep(..) => Ok(Some(sections)),
            Search::Off => Ok(None),
        }
    }

    /// Starts a streaming build's index, before its render stage.
    pub fn start(&mut self, site: &Site) {
        if let Search::Stream(index @ None) = self {
            *index = Some(IndexBuilder::new(site.config.language));
        }
    }

    /// Keeps the text of the lesson from `source`, as [`Search::take`] handed it back.
    pub fn keep(&mut self, source: &str, sections: Vec<TextSection>) {
        if let Search::Keep(texts) = self {
            texts.keep(source, sections);
        }
    }

    /// Makes the index of what was taken: a streaming build writes its last files. A tracking
    /// session leaves the work to whoever asks for it ([`Search::work`]): a server, after pages
    /// reload, since it takes longer than rendering a few pages.
    pub fn index(&mut self, sink: &dyn Sink) -> anyhow::Result<()> {
        if let Search::Stream(index) = self {
            if let Some(index) = index.take() {
                for file in index.finish() {
                    sink.write(&file)?;
                }
            }
        }
        Ok(())
    }

    /// The work of making a tracking session's index of `site` again from the kept texts;
    /// `None` when nothing it is made of changed since the last time.
    pub fn work(&mut self, site: &Site) -> Option<SearchWork> {
        match self {
            Search::Keep(texts) => texts.work(site),
            _ => None,
        }
    }

    /// Takes back what a [`SearchWork`] did.
    pub fn done(&mut self, done: SearchDone) -> anyhow::Result<SearchUpdate> {
        match self {
            Search::Keep(texts) => texts.done(done),
            _ => done.update,
        }
    }
}

/// What a tracking session keeps for its search index.
#[derive(Default)]
pub(super) struct SearchTexts {
    /// By lesson source: its text by section as last rendered.
    texts: HashMap<String, KeptText>,
    /// Tells texts apart: the next text's number.
    next: u64,
    /// A fingerprint of what the index was last made from.
    made_from: Option<u64>,
    /// The index files on disk, with a fingerprint of their bytes; lent to the work under way.
    files: HashMap<String, u64>,
}

struct KeptText {
    sections: Arc<Vec<TextSection>>,
    /// Changes when the text does.
    number: u64,
}

/// Making the index again, apart from the session: what the index is made of, taken when the
/// work was, and the files on disk.
pub struct SearchWork {
    made_from: u64,
    language: Language,
    lessons: Vec<IndexedLesson>,
    files: HashMap<String, u64>,
}

/// A lesson as the index takes it in.
struct IndexedLesson {
    number: usize,
    title: String,
    description: String,
    url: String,
    breadcrumbs: String,
    sections: Arc<Vec<TextSection>>,
}

/// What a [`SearchWork`] did; hand it back with [`super::Session::search_done`].
pub struct SearchDone {
    /// The index files on disk now, whether the work finished or not.
    files: HashMap<String, u64>,
    /// Set when the work finished: what the index on disk is made of (else it is a mix).
    made_from: Option<u64>,
    update: anyhow::Result<SearchUpdate>,
}

impl SearchDone {
    pub fn update(&self) -> Result<&SearchUpdate, &anyhow::Error> {
        self.update.as_ref()
    }
}

/// What one refresh of the index did.
#[derive(Debug, Default)]
pub struct SearchUpdate {
    /// Whether the index was made again: what it is made of changed.
    pub remade: bool,
    /// Whether the work was cancelled before it finished (the next one does it).
    pub cancelled: bool,
    /// Index files written or deleted, sorted.
    pub changed: Vec<String>,
    pub elapsed: Duration,
}

impl SearchTexts {
    /// Keeps the text of the lesson from `source` as it was just rendered.
    pub fn keep(&mut self, source: &str, sections: Vec<TextSection>) {
        if self.texts.get(source).is_some_and(|kept| *kept.sections == sections) {
            return;
        }
        self.next += 1;
        self.texts.insert(source.to_string(), KeptText { sections: Arc::new(sections), number: self.next });
    }

    /// The work of making the index of `site` again from the kept texts; `None` when nothing it
    /// is made of changed since the last time. Until the work is handed back, the session does
    /// not know which index files are on disk: hand it back before the next update.
    pub fn work(&mut self, site: &Site) -> Option<SearchWork> {
        self.texts.retain(|source, _| matches!(site.lookup(source), Some(Target::Lesson(_))));
        let mut h = fingerprinter();
        site.config.language.code().hash(&mut h);
        let mut lessons = Vec::new();
        for (number, lesson) in site.lessons.iter().enumerate() {
            let (Some(entry), Some(kept)) = (SearchEntry::of(site, number), self.texts.get(&lesson.source)) else {
                continue;
            };
            (number, &entry, kept.number).hash(&mut h);
            let text = entry.text(number, &[]);
            lessons.push(IndexedLesson {
                number,
                title: text.title.to_string(),
                description: text.description.to_string(),
                url: text.url.to_string(),
                breadcrumbs: text.breadcrumbs.to_string(),
                sections: Arc::clone(&kept.sections),
            });
        }
        let made_from = h.finish();
        if self.made_from == Some(made_from) {
            return None;
        }
        // Until the work is handed back, the index on disk is whatever it has written so far.
        self.made_from = None;
        let files = std::mem::take(&mut self.files);
        Some(SearchWork { made_from, language: site.config.language, lessons, files })
    }

    /// Takes back the files on disk, and what the index is made of when the work finished. Work
    /// that did not finish may have written some files of an index that does not exist: then
    /// the next work runs, whatever the texts are by then.
    pub fn done(&mut self, done: SearchDone) -> anyhow::Result<SearchUpdate> {
        self.files = done.files;
        self.made_from = done.made_from;
        done.update
    }
}

impl SearchWork {
    /// Makes the index and writes into `sink` the files whose bytes changed, then deletes the
    /// previous index's files the new one does not have. Stops early, leaving the rest to the
    /// next work, when `cancel` is set; the files written by then are accounted for.
    pub fn run(mut self, sink: &dyn Sink, cancel: &AtomicBool) -> SearchDone {
        let started = Instant::now();
        let (made_from, update) = match self.write_index(sink, cancel) {
            Ok((mut changed, finished)) => {
                changed.sort();
                let update =
                    SearchUpdate { remade: finished, cancelled: !finished, changed, elapsed: started.elapsed() };
                (finished.then_some(self.made_from), Ok(update))
            }
            Err(e) => (None, Err(e)),
        };
        SearchDone { files: self.files, made_from, update }
    }

    /// Writes the index; returns the files written or deleted, and whether it finished (it was
    /// not cancelled). `self.files` follows every file written and deleted.
    fn write_index(&mut self, sink: &dyn Sink, cancel: &AtomicBool) -> anyhow::Result<(Vec<String>, bool)> {
        let index = IndexBuilder::new(self.language);
        let on_disk = &self.files;
        let excerpts: Vec<(String, u64, anyhow::Result<bool>)> = self
            .lessons
            .par_iter()
            .flat_map_iter(|lesson| {
                let files = match cancel.load(Ordering::Relaxed) {
                    true => Vec::new(),
                    false => index.add_lesson(&lesson.text()),
                };
                files.into_iter().map(|file| {
                    let bytes = fingerprint(&file.bytes);
                    let written = match on_disk.get(&file.path) == Some(&bytes) {
                        true => Ok(false),
                        false => sink.write_bytes(&file.path, &file.bytes).map(|()| true),
                    };
                    (file.path, bytes, written)
                })
            })
            .collect();
        let mut made: HashSet<String> = HashSet::with_capacity(excerpts.len() + 256);
        let mut changed = Vec::new();
        let mut failed = None;
        for (path, bytes, written) in excerpts {
            match written {
                Ok(true) => {
                    self.files.insert(path.clone(), bytes);
                    changed.push(path.clone());
                }
                Ok(false) => {}
                Err(e) => failed = failed.or(Some(e)),
            }
            made.insert(path);
        }
        if let Some(e) = failed {
            return Err(e);
        }
        if cancel.load(Ordering::Relaxed) {
            return Ok((changed, false));
        }
        let Some(files) = index.finish_unless(cancel) else { return Ok((changed, false)) };
        for file in files {
            let bytes = fingerprint(&file.bytes);
            if self.files.get(&file.path) != Some(&bytes) {
                sink.write_bytes(&file.path, &file.bytes)?;
                self.files.insert(file.path.clone(), bytes);
                changed.push(file.path.clone());
            }
            made.insert(file.path);
        }
        let gone: Vec<String> = self.files.keys().filter(|path| !made.contains(*path)).cloned().collect();
        for path in gone {
            sink.remove(&path)?;
            self.files.remove(&path);
            changed.push(path);
        }
        Ok((changed, true))
    }
}

impl IndexedLesson {
    fn text(&self) -> LessonText<'_> {
        LessonText {
            lesson: self.number,
            title: &self.title,
            description: &self.description,
            url: &self.url,
            breadcrumbs: &self.breadcrumbs,
            sections: &self.sections,
        }
    }
}
