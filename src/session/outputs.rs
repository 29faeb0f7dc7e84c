//! What a session writes: which pages to render (by comparing fingerprints), rendering them and
//! the site pages, copying files, and a record of every output file with the fingerprint it was
//! made from. The records are what the checks across pages (anchors) read, and what tells which
//! files are stale.

use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use super::search::Search;
use super::{Plan, Rebuild, Session};
use crate::content::theme::{StaticSource, Theme};
use crate::content::{self, Site, Target};
use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::markdown::TextSection;
use crate::msg;
use crate::output::{OutputFile, Sink};
use crate::render::{BodyPage, LinkUse, PageDigests, PageKey, Renderer, SitePage, fingerprint};

/// A file in the output and what it was made from.
pub(super) struct OutputRecord {
    /// The fingerprint of its inputs (or of its source file); `None` when it must be made again.
    digest: Option<u64>,
    /// A fingerprint of the bytes written, so the same bytes are not written again.
    bytes: u64,
    /// The content file it was made from, if any.
    source: Option<String>,
    page: Option<PageRecord>,
    pub(super) problems: Vec<Diagnostic>,
}

/// What a lesson or section page leaves for checks across pages.
pub(super) struct PageRecord {
    /// Its source as diagnostics print it.
    shown: PathBuf,
    /// Its ids, one per line: one allocation per page however many headings it has, as every
    /// page's are held until the links to them are checked.
    ids: Box<str>,
    anchors: Vec<Anchor>,
    links: Vec<LinkUse>,
}

/// A link to `#id` on the page written to `target`, found at `path:line:col`.
struct Anchor {
    path: PathBuf,
    line: usize,
    col: usize,
    target: String,
    id: String,
}

/// What rendering one page gave.
pub(super) struct PageOutcome {
    key: PageKey,
    path: String,
    digest: Option<u64>,
    record: Option<(u64, PageRecord)>,
    written: bool,
    problems: Vec<Diagnostic>,
    /// A lesson's text by section, for a tracking session's search index.
    text: Option<Vec<TextSection>>,
    /// The printable page of the course this lesson completed.
    print: Option<PrintOutcome>,
}

/// A course's printable page made with its lessons (see `render::print`).
struct PrintOutcome {
    course: usize,
    page: SiteOutcome,
}

impl Session {
    /// The pages to render, each output path once (when two pages claim one, the first wins
    /// and the clash is an error).
    /// `links_moved`: what links can lead to changed, so recorded links are checked again.
    pub(super) fn pages_to_render(
        &self,
        renderer: &Renderer<'_>,
        digests: Option<&PageDigests>,
        links_moved: bool,
    ) -> Vec<PageKey> {
        let site = renderer.site();
        let candidates: Vec<PageKey> = match (&self.run.plan, digests) {
            (Plan::Nothing, _) => Vec::new(),
            (Plan::Pages(keys), _) => keys.clone(),
            (_, Some(digests)) => PageKey::all(site)
                .collect::<Vec<_>>()
                .into_par_iter()
                .filter(|&key| {
                    let record = self.outputs.get(&renderer.page_output(key));
                    !record.is_some_and(|r| {
                        r.digest == Some(digests.pages[key.index()])
                            && r.page.as_ref().is_some_and(|p| !links_moved || renderer.links_hold(key, &p.links))
                    })
                })
                .collect(),
            _ => PageKey::all(site).collect(),
        };
        let mut seen = HashSet::new();
        candidates.into_iter().filter(|&key| seen.insert(renderer.page_output(key))).collect()
    }

    /// Renders pages `keys` into `sink`, handing each lesson's text to the search index as it
    /// renders (see `search`).
    pub(super) fn render_pages(
        &self,
        renderer: &Renderer<'_>,
        keys: &[PageKey],
        sink: &dyn Sink,
    ) -> anyhow::Result<Vec<PageOutcome>> {
        keys.par_iter()
            .map(|&key| {
                let found = Diagnostics::new();
                let page = renderer.render_page(key, &found);
                let problems = found.into_sorted(false);
                let digest = self.track.then(|| renderer.page_digest(key));
                let Some(page) = page else {
                    let path = renderer.page_output(key);
                    let outcome = PageOutcome {
                        key,
                        path,
                        digest: None,
                        record: None,
                        written: false,
                        problems,
                        text: None,
                        print: None,
                    };
                    return Ok(outcome);
                };
                let bytes = if self.track { fingerprint(&page.file.bytes) } else { 0 };
                let same = self.track && self.outputs.get(&page.file.path).is_some_and(|r| r.bytes == bytes);
                if !same {
                    sink.write(&page.file)?;
                }
                let print = match page.print {
                    Some((course, file)) => {
                        let digest = self.track.then(|| renderer.site_page_fingerprint(&SitePage::Print(course)));
                        Some(PrintOutcome { course, page: self.write_site_page(file, digest, Vec::new(), sink)? })
                    }
                    None => None,
                };
                let text = match key.as_lesson(renderer.site()) {
                    Some(lesson) => self.search.take(renderer.site(), lesson, page.text, sink)?,
                    None => None,
                };
                let record = PageRecord {
                    shown: page_source(renderer, key),
                    ids: page.ids.join("\n").into(),
                    anchors: page
                        .anchors
                        .into_iter()
                        .map(|a| Anchor {
                            path: a.path,
                            line: a.line,
                            col: a.col,
                            target: renderer.page_output(PageKey::from_index(a.check.page)),
                            id: a.check.id,
                        })
                        .collect(),
                    links: if self.track { page.links } else { Vec::new() },
                };
                Ok(PageOutcome {
                    key,
                    path: page.file.path,
                    digest,
                    record: Some((bytes, record)),
                    written: !same,
                    problems,
                    text,
                    print,
                })
            })
            .collect()
    }

    /// Writes a site page rendered as `file` (from inputs of fingerprint `digest`, when the
    /// session tracks), unless a tracking session wrote the same bytes before.
    fn write_site_page(
        &self,
        file: OutputFile,
        digest: Option<u64>,
        problems: Vec<Diagnostic>,
        sink: &dyn Sink,
    ) -> anyhow::Result<SiteOutcome> {
        let bytes = if self.track { fingerprint(&file.bytes) } else { 0 };
        let same = self.track && self.outputs.get(&file.path).is_some_and(|r| r.bytes == bytes);
        if !same {
            sink.write(&file)?;
        }
        Ok(SiteOutcome { path: file.path, digest, bytes, written: !same, problems })
    }

    /// The site pages to render, with their fingerprints when the session tracks: those whose
    /// fingerprint changed, and the pages that show the bodies of the lessons just rendered (the
    /// key points and printable page of each course in `courses`), whose links may lead
    /// elsewhere now even when no fingerprint changed; not the printable pages the render stage
    /// made with their lessons.
    pub(super) fn site_pages_to_render(
        &self,
        renderer: &Renderer<'_>,
        digests: Option<&PageDigests>,
        courses: &BTreeSet<usize>,
    ) -> Vec<(SitePage, Option<u64>)> {
        let printed = |page: &SitePage| matches!(page, SitePage::Print(c) if self.run.printed.contains(c));
        let mut pages: Vec<(SitePage, Option<u64>)> = match (&self.run.plan, digests) {
            (Plan::All, _) => return renderer.site_pages().into_iter().map(|p| (p, None)).collect(),
            (_, Some(digests)) => digests
                .site_pages
                .iter()
                .filter(|(page, path, digest)| {
                    !printed(page) && self.outputs.get(path).is_none_or(|r| r.digest != Some(*digest))
                })
                .map(|(page, _, digest)| (*page, Some(*digest)))
                .collect(),
            _ => Vec::new(),
        };
        for &course in courses {
            for page in [SitePage::Keypoints(course), SitePage::Print(course)] {
                if !printed(&page) && !pages.iter().any(|(listed, _)| *listed == page) {
                    pages.push((page, Some(renderer.site_page_fingerprint(&page))));
                }
            }
        }
        pages
    }

    pub(super) fn render_site_pages(
        &self,
        renderer: &Renderer<'_>,
        pages: Vec<(SitePage, Option<u64>)>,
        sink: &dyn Sink,
    ) -> anyhow::Result<Vec<SiteOutcome>> {
        pages
            .par_iter()
            .map(|(page, digest)| {
                let found = Diagnostics::new();
                let file = renderer.render_site_page(page, &found);
                let problems = found.into_sorted(false);
                let Some(file) = file else {
                    let path = renderer.site_page_output(page);
                    return Ok(SiteOutcome { path, digest: None, bytes: 0, written: false, problems });
                };
                self.write_site_page(file, *digest, problems, sink)
            })
            .collect()
    }

    /// Assets beside the lessons and the theme's static files, copied as they are; a tracking
    /// session copies only those whose source changed.
    pub(super) fn copy_files(&mut self, sink: &dyn Sink) -> anyhow::Result<()> {
        let Some(state) = &self.state else { return Ok(()) };
        let Some(site) = &state.site else { return Ok(()) };
        let content_dir = self.options.root.join(content::CONTENT_DIR);
        let files: Vec<(&str, FileSource<'_>)> = site
            .assets
            .iter()
            .map(|a| (a.output.as_str(), FileSource::Disk(content_dir.join(&a.source))))
            .chain(state.theme.static_files.iter().map(|f| {
                let source = match &f.source {
                    StaticSource::Disk(path) => FileSource::Disk(path.clone()),
                    StaticSource::BuiltIn(bytes) => FileSource::Bytes(bytes),
                };
                (f.output.as_str(), source)
            }))
            .collect();
        let track = self.track;
        let outputs = &self.outputs;
        let copied: Vec<(String, u64)> = files
            .par_iter()
            .filter_map(|(output, source)| {
                let stamp = if track { Some(source.stamp()) } else { None };
                if stamp.is_some() && outputs.get(*output).is_some_and(|r| r.digest == stamp) {
                    return None;
                }
                let copy = match source {
                    FileSource::Disk(path) => sink.copy(path, output),
                    FileSource::Bytes(bytes) => sink.write_bytes(output, bytes),
                };
                Some(copy.map(|()| (output.to_string(), stamp.unwrap_or(0))))
            })
            .collect::<anyhow::Result<_>>()?;
        for (output, stamp) in copied {
            self.run.rebuild.changed.push(output.clone());
            let record = OutputRecord { digest: Some(stamp), bytes: 0, source: None, page: None, problems: Vec::new() };
            self.outputs.insert(output, record);
        }
        Ok(())
    }
}

/// A file copied into the output: from disk, or built into aula.
enum FileSource<'a> {
    Disk(PathBuf),
    Bytes(&'a [u8]),
}

impl FileSource<'_> {
    /// Changes when the file does.
    fn stamp(&self) -> u64 {
        match self {
            FileSource::Disk(path) => fingerprint(&(path, content::file_stamp(path))),
            FileSource::Bytes(bytes) => fingerprint(bytes),
        }
    }
}

/// The source of page `key` as diagnostics print it.
fn page_source(renderer: &Renderer<'_>, key: PageKey) -> PathBuf {
    let site = renderer.site();
    match key.of(site) {
        BodyPage::Lesson(l) => site.lessons[l].path(),
        BodyPage::Section(s) => site.sections[s].path().unwrap_or_else(|| content::source_path(&site.sections[s].dir)),
    }
}

/// Files the session's site makes now.
pub(super) fn expected_outputs(
    renderer: &Renderer<'_>,
    digests: &PageDigests,
    site: &Site,
    theme: &Theme,
) -> HashSet<String> {
    let mut expected: HashSet<String> = PageKey::all(site).map(|key| renderer.page_output(key)).collect();
    expected.extend(digests.site_pages.iter().map(|(_, path, _)| path.clone()));
    expected.extend(site.assets.iter().map(|a| a.output.clone()));
    expected.extend(theme.static_files.iter().map(|f| f.output.clone()));
    expected
}

/// Records what rendering pages gave, and keeps the text of each lesson for the search index.
/// Returns the courses whose printable page was made with their lessons.
pub(super) fn record_pages(
    outputs: &mut HashMap<String, OutputRecord>,
    search: &mut Search,
    outcomes: Vec<PageOutcome>,
    site: &Site,
    rebuild: &mut Rebuild,
) -> Vec<usize> {
    let mut printed = Vec::new();
    for outcome in outcomes {
        if let Some(print) = outcome.print {
            printed.push(print.course);
            record_site_pages(outputs, vec![print.page], rebuild);
        }
        rebuild.rendered.push(outcome.path.clone());
        let lesson = outcome.key.as_lesson(site);
        rebuild.lessons.extend(lesson);
        if let Some((text, lesson)) = outcome.text.zip(lesson) {
            search.keep(&site.lessons[lesson].source, text);
        }
        let source = match outcome.key.of(site) {
            BodyPage::Lesson(l) => Some(site.lessons[l].source.clone()),
            BodyPage::Section(s) => site.sections[s].source.clone(),
        };
        match outcome.record {
            Some((bytes, page)) => {
                if outcome.written {
                    rebuild.changed.push(outcome.path.clone());
                }
                let record = OutputRecord {
                    digest: outcome.digest,
                    bytes,
                    source,
                    page: Some(page),
                    problems: outcome.problems,
                };
                outputs.insert(outcome.path, record);
            }
            None => {
                // The page did not render: its previous version stays, and it is tried again next time.
                let record = outputs.entry(outcome.path).or_insert(OutputRecord {
                    digest: None,
                    bytes: 0,
                    source: None,
                    page: None,
                    problems: Vec::new(),
                });
                record.digest = None;
                record.source = source;
                record.problems = outcome.problems;
            }
        }
    }
    printed
}

/// What rendering one site page gave.
pub(super) struct SiteOutcome {
    path: String,
    digest: Option<u64>,
    bytes: u64,
    written: bool,
    problems: Vec<Diagnostic>,
}

pub(super) fn record_site_pages(
    outputs: &mut HashMap<String, OutputRecord>,
    outcomes: Vec<SiteOutcome>,
    rebuild: &mut Rebuild,
) {
    for SiteOutcome { path, digest, bytes, written, problems } in outcomes {
        if written {
            rebuild.changed.push(path.clone());
        }
        rebuild.rendered.push(path.clone());
        outputs.insert(path, OutputRecord { digest, bytes, source: None, page: None, problems });
    }
}

/// Deletes the files the site no longer makes, except the last page of a source that has errors
/// now: the author keeps seeing it (and the errors) until the source is fixed.
pub(super) fn remove_stale(
    outputs: &mut HashMap<String, OutputRecord>,
    expected: &HashSet<String>,
    site: &Site,
    sink: &dyn Sink,
    rebuild: &mut Rebuild,
) -> anyhow::Result<()> {
    let stale: Vec<String> = outputs.keys().filter(|path| !expected.contains(*path)).cloned().collect();
    for path in stale {
        let record = outputs.get_mut(&path).expect("listed");
        let broken = record
            .source
            .as_deref()
            .is_some_and(|s| site.lookup(s) == Some(Target::Excluded(content::Excluded::Broken)));
        if broken {
            record.digest = None;
            record.page = None;
            record.problems.clear();
            continue;
        }
        sink.remove(&path)?;
        outputs.remove(&path);
        rebuild.changed.push(path);
    }
    Ok(())
}

/// Every `#anchor` a page links to must be an id on the target page.
pub(super) fn check_anchors(outputs: &HashMap<String, OutputRecord>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for page in outputs.values().filter_map(|r| r.page.as_ref()) {
        for a in &page.anchors {
            let Some(target) = outputs.get(a.target.as_str()).and_then(|r| r.page.as_ref()) else {
                continue;
            };
            if target.ids.split('\n').any(|id| id == a.id) {
                continue;
            }
            let fix = match diagnostics::nearest(&a.id, target.ids.split('\n')) {
                Some(near) => msg!("did-you-mean", key = format!("#{near}")),
                None => msg!("anchor-fix-heading"),
            };
            let message = msg!("anchor-not-found", anchor = a.id.as_str(), page = &target.shown, fix = fix);
            problems.push(Diagnostic::warning(&a.path, a.line, a.col, message));
        }
    }
    problems
}
