//! Building the index: documents in, sharded posting lists and per-lesson excerpt files out.

use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::INDEX_DIR;
use super::analyzer::{Analyzer, ENDING_MIN_STEM, split_ascii_whitespace, unicode_words};
use super::encode::{js_string, push_varint};
use crate::config::Language;
use crate::markdown::TextSection;
use crate::output::OutputFile;

/// Sections per lesson that get documents of their own; later ones join the last.
const SECTIONS_PER_LESSON: usize = 32;
/// Field weights of BM25F: a word in the lesson title counts three times, in a heading twice.
const TITLE_WEIGHT: u32 = 3;
const HEADING_WEIGHT: u32 = 2;
/// BM25 parameters. Lengths are normalised against a fixed pivot rather than the site's average,
/// so a document's impacts are final as soon as it is analysed: they need no second pass and
/// do not change when other lessons change.
const K1: f64 = 1.2;
const B: f64 = 0.75;
const PIVOT_LENGTH: f64 = 100.0;
/// Impacts are stored in one base-64 digit.
const IMPACT_LEVELS: f64 = 31.0;
/// Posting lists longer than this keep only their best documents: such a word is in so many
/// documents that it ranks little on its own, and the browser treats it as optional.
const MAX_POSTINGS: usize = 1500;
/// Shards are cut when they pass this many bytes.
const SHARD_BYTES: usize = 6 * 1024;

/// One lesson, as the search index needs it.
pub struct LessonText<'a> {
    /// The lesson's index in reading order: documents and excerpt files are numbered by it.
    pub lesson: usize,
    pub title: &'a str,
    pub description: &'a str,
    /// Site-relative page path (`curso/leccion/index.html`).
    pub url: &'a str,
    /// Course and module titles, for display.
    pub breadcrumbs: &'a str,
    pub sections: &'a [TextSection],
}

/// Collects documents from parallel page rendering, then writes the index.
pub struct IndexBuilder {
    analyzer: Analyzer,
    language: Language,
    /// Tells this builder's words apart from another's in the per-thread [`Vocabulary`].
    id: u64,
    stems: Mutex<Stems>,
    state: Mutex<Postings>,
}

/// Stems by id: ids are handed out once per stem, the first time any thread meets it.
#[derive(Default)]
struct Stems {
    ids: HashMap<Arc<str>, u32>,
    names: Vec<Arc<str>>,
}

#[derive(Default)]
struct Postings {
    /// Per lesson, as lessons arrive from parallel rendering: (stem, document, weighted term
    /// frequency) and the weighted length of its documents. Read in lesson order at the end, so
    /// posting lists come out sorted by document without sorting.
    lessons: Vec<Option<LessonTerms>>,
    /// Folded word form → the stems it was seen with.
    forms: HashMap<Arc<str>, BTreeSet<u32>>,
}

/// A lesson's postings, document by document: each is a stem id and an impact packed in a
/// `u32` (see [`posting`]); `ends[i]` is where document `i`'s postings end.
struct LessonTerms {
    postings: Vec<u32>,
    ends: Vec<u32>,
}

/// Bits of a packed posting that hold its impact.
const IMPACT_BITS: u32 = 5;

/// A stem id and an impact packed in four bytes: four million postings are held while a large
/// site is rendered, and their size is most of the memory the index costs.
fn posting(stem: u32, impact: u8) -> u32 {
    assert!(stem < 1 << (32 - IMPACT_BITS), "more distinct words than the search index can hold");
    stem << IMPACT_BITS | u32::from(impact)
}

/// The stem id and impact of a packed posting.
fn unpack(posting: u32) -> (u32, u8) {
    (posting >> IMPACT_BITS, (posting & ((1 << IMPACT_BITS) - 1)) as u8)
}

/// What one thread has learned of the text it indexed, and its counts of the document at hand.
#[derive(Default)]
struct Vocabulary {
    builder: u64,
    chunks: Chunks,
    counter: Counter,
}

/// For each whitespace-separated chunk of text seen (`clientes`, `«atención»,`), the stem ids of
/// its words. Text repeats its words, so most chunks are analysed once per thread instead of
/// once per occurrence. Looking a chunk up is the most frequent step of indexing (once per word
/// of the site), so it is kept to two memory reads besides the table's own: the chunks' bytes
/// are stored end to end, and so are the stems of the rare chunks with more than one. Most
/// chunks are short (*la*, *cliente*): those are hashed and compared as numbers.
#[derive(Default)]
struct Chunks {
    table: HashTable<Chunk>,
    bytes: Vec<u8>,
    stems: Vec<u32>,
}

/// A chunk's place in [`Chunks::bytes`], and its stems: the one stem itself, or where they
/// start in [`Chunks::stems`].
#[derive(Clone, Copy)]
struct Chunk {
    start: u32,
    len: u16,
    count: u16,
    stems: u32,
}

impl Chunks {
    fn get(&self, chunk: &[u8]) -> Option<&[u32]> {
        let found = match chunk.len() {
            0..=8 => {
                let key = short(chunk);
                let len = chunk.len() as u16;
                self.table
                    .find(hash_short(key, chunk.len()), |c| c.len == len && short(bytes_of(&self.bytes, c)) == key)
            }
            _ => self.table.find(hash(chunk), |c| bytes_of(&self.bytes, c) == chunk),
        }?;
        Some(match found.count {
            1 => std::slice::from_ref(&found.stems),
            n => &self.stems[found.stems as usize..][..n as usize],
        })
    }

    /// Remembers the stems of `chunk`. Chunks too long for the table are not remembered.
    fn insert(&mut self, chunk: &[u8], stems: &[u32]) {
        let (Ok(len), Ok(count)) = (u16::try_from(chunk.len()), u16::try_from(stems.len())) else { return };
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(chunk);
        let stems = match stems {
            [stem] => *stem,
            _ => {
                self.stems.extend_from_slice(stems);
                (self.stems.len() - stems.len()) as u32
            }
        };
        let Chunks { table, bytes, .. } = self;
        let entry = Chunk { start, len, count, stems };
        table.insert_unique(hash(chunk), entry, |c| hash(bytes_of(bytes, c)));
    }
}

fn bytes_of<'b>(bytes: &'b [u8], chunk: &Chunk) -> &'b [u8] {
    &bytes[chunk.start as usize..][..chunk.len as usize]
}

/// Up to eight bytes as one number that, given their length, tells them apart from any other
/// bytes of that length: two overlapping four-byte reads, or the first, middle and last bytes.
fn short(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    debug_assert!(n <= 8);
    if n >= 4 {
        let first = u32::from_le_bytes(bytes[..4].try_into().expect("four bytes"));
        let last = u32::from_le_bytes(bytes[n - 4..].try_into().expect("four bytes"));
        u64::from(first) << 32 | u64::from(last)
    } else if n > 0 {
        u64::from(bytes[0]) << 16 | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1])
    } else {
        0
    }
}

fn hash(bytes: &[u8]) -> u64 {
    match bytes.len() {
        0..=8 => hash_short(short(bytes), bytes.len()),
        _ => FxBuildHasher.hash_one(bytes),
    }
}

/// The hash of a short chunk, from its number and length: one folded multiplication mixes them
/// into both halves.
fn hash_short(key: u64, len: usize) -> u64 {
    let mixed = u128::from(key ^ (len as u64) << 59) * 0x9E37_79B9_7F4A_7C15;
    (mixed as u64) ^ (mixed >> 64) as u64
}

/// Weighted counts of the document being analysed, by stem id, and which ids are set.
#[derive(Default)]
struct Counter {
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl Counter {
    fn add(&mut self, stem: u32, weight: u32) {
        let i = stem as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1024, 0);
        }
        if self.counts[i] == 0 {
            self.touched.push(stem);
        }
        self.counts[i] += weight;
    }

    /// The counts so far as (stem, count), in no particular order, and a clean slate.
    fn take_counts(&mut self) -> Vec<(u32, u32)> {
        let counts = self.touched.iter().map(|&s| (s, std::mem::take(&mut self.counts[s as usize]))).collect();
        self.touched.clear();
        counts
    }

    /// The document counted so far as packed postings appended to `postings` (in no particular
    /// order: a posting list is ordered by document only), and a clean slate.
    fn take_postings(&mut self, postings: &mut Vec<u32>) {
        let length = self.touched.iter().map(|&s| self.counts[s as usize]).sum::<u32>() as f64;
        // Most words occur a few times in a document: their impacts are worked out once each.
        let mut small = [0u8; 8];
        postings.extend(self.touched.drain(..).map(|s| {
            let tf = std::mem::take(&mut self.counts[s as usize]);
            let impact = match small.get_mut(tf as usize) {
                Some(&mut known) if known > 0 => known,
                Some(slot) => {
                    *slot = impact(tf as f64, length);
                    *slot
                }
                None => impact(tf as f64, length),
            };
            posting(s, impact)
        }));
    }
}

thread_local! {
    static VOCABULARY: RefCell<Vocabulary> = RefCell::default();
}

static NEXT_BUILDER: AtomicU64 = AtomicU64::new(1);

impl IndexBuilder {
    pub fn new(language: Language) -> IndexBuilder {
        IndexBuilder {
            analyzer: Analyzer::new(language),
            language,
            id: NEXT_BUILDER.fetch_add(1, Ordering::Relaxed),
            stems: Mutex::default(),
            state: Mutex::default(),
        }
    }

    /// Adds a lesson's documents and returns its excerpt files, to be written right away.
    pub fn add_lesson(&self, lesson: &LessonText<'_>) -> Vec<OutputFile> {
        let docs = documents(lesson);
        let mut postings: Vec<u32> = Vec::new();
        let mut ends: Vec<u32> = Vec::with_capacity(docs.len());
        let mut forms: Vec<(Arc<str>, u32)> = Vec::new();
        VOCABULARY.with(|vocabulary| {
            let mut v = vocabulary.borrow_mut();
            if v.builder != self.id {
                *v = Vocabulary { builder: self.id, ..Vocabulary::default() };
            }
            self.count(&mut v, lesson.title.trim(), TITLE_WEIGHT, &mut forms);
            let title = v.counter.take_counts();
            for doc in &docs {
                for &(stem, f) in &title {
                    v.counter.add(stem, f);
                }
                self.count(&mut v, doc.heading, HEADING_WEIGHT, &mut forms);
                self.count(&mut v, &doc.text, 1, &mut forms);
                v.counter.take_postings(&mut postings);
                ends.push(postings.len() as u32);
            }
        });
        // Held until the index is finished: without the slack of a vector that grew.
        postings.shrink_to_fit();
        let terms = LessonTerms { postings, ends };
        self.state.lock().expect("index lock").add(lesson.lesson, terms, forms);
        excerpt_files(lesson, &docs)
    }

    /// Counts `weight` for every indexed word of `text`; words of chunks this thread has not
    /// seen yet are analysed, and their forms recorded in `forms`.
    fn count(&self, v: &mut Vocabulary, text: &str, weight: u32, forms: &mut Vec<(Arc<str>, u32)>) {
        let Vocabulary { chunks, counter, .. } = v;
        let mut stems = Vec::new();
        for chunk in split_ascii_whitespace(text) {
            if let Some(stems) = chunks.get(chunk) {
                for &stem in stems {
                    counter.add(stem, weight);
                }
                continue;
            }
            stems.clear();
            let text = std::str::from_utf8(chunk).expect("split at ASCII whitespace");
            for word in unicode_words(text) {
                if let Some(token) = self.analyzer.token(word) {
                    let stem = self.stem_id(&token.stem);
                    forms.push((token.folded, stem));
                    stems.push(stem);
                    counter.add(stem, weight);
                }
            }
            chunks.insert(chunk, &stems);
        }
    }

    fn stem_id(&self, stem: &Arc<str>) -> u32 {
        let mut stems = self.stems.lock().expect("stems lock");
        if let Some(&id) = stems.ids.get(stem) {
            return id;
        }
        let id = stems.names.len() as u32;
        stems.names.push(stem.clone());
        stems.ids.insert(stem.clone(), id);
        id
    }

    /// The manifest and the shards. Deterministic: the same documents give the same bytes,
    /// whatever order they were added in. The lessons added are let go: call it once.
    pub fn finish(&self) -> Vec<OutputFile> {
        self.finish_unless(&AtomicBool::new(false)).expect("never cancelled")
    }

    /// [`IndexBuilder::finish`], given up (`None`) soon after `cancel` is set.
    pub fn finish_unless(&self, cancel: &AtomicBool) -> Option<Vec<OutputFile>> {
        let mut state = self.state.lock().expect("index lock");
        let stems = self.stems.lock().expect("stems lock");
        let documents = state.document_count();
        let entries = state.entries(&stems.names, cancel)?;
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let (shards, starts) = shard(&entries);
        let mut hasher = std::hash::DefaultHasher::new();
        shards.hash(&mut hasher);
        let version = format!("{:x}", hasher.finish());
        let mut files: Vec<OutputFile> = shards
            .into_iter()
            .enumerate()
            .map(|(i, body)| OutputFile {
                path: format!("{INDEX_DIR}/s/{i}.js"),
                bytes: format!("aulaSearch.shard({i},{body});\n").into_bytes(),
            })
            .collect();
        let manifest = self.manifest(documents, &starts, &version);
        files.push(OutputFile { path: format!("{INDEX_DIR}/index.js"), bytes: manifest });
        Some(files)
    }

    /// `search-index/index.js`: what every query needs first: the shards' first keys, the number
    /// of documents and the stop words.
    fn manifest(&self, documents: usize, starts: &[String], version: &str) -> Vec<u8> {
        let mut out = String::from("aulaSearch.manifest({\"v\":");
        js_string(&mut out, version);
        out.push_str(",\"lang\":");
        js_string(&mut out, self.language.code());
        out.push_str(&format!(",\"docs\":{documents},\"shards\":["));
        push_strings(&mut out, starts.iter().map(String::as_str));
        out.push_str("],\"stop\":[");
        push_strings(&mut out, self.analyzer.stop_words().into_iter());
        out.push_str(&format!("],\"min\":{ENDING_MIN_STEM},\"endings\":["));
        for (i, (typed, tried)) in self.analyzer.endings().iter().enumerate() {
            out.push_str(if i > 0 { ",[" } else { "[" });
            push_strings(&mut out, [*typed, *tried].into_iter());
            out.push(']');
        }
        out.push_str("]});\n");
        out.into_bytes()
    }
}

/// A document: the text under one heading, borrowed from the lesson unless it joins texts.
struct Document<'a> {
    anchor: &'a str,
    heading: &'a str,
    text: Cow<'a, str>,
}

/// A lesson's documents: the description joins the text before the first heading; sections past
/// the limit join the last document.
fn documents<'a>(lesson: &LessonText<'a>) -> Vec<Document<'a>> {
    let mut docs: Vec<Document> = Vec::with_capacity(lesson.sections.len().min(SECTIONS_PER_LESSON) + 1);
    if !lesson.description.is_empty() && lesson.sections.first().is_none_or(|s| s.id.is_some()) {
        docs.push(Document { anchor: "", heading: "", text: Cow::Borrowed(lesson.description) });
    }
    for section in lesson.sections {
        if docs.len() == SECTIONS_PER_LESSON {
            let text = docs.last_mut().expect("full").text.to_mut();
            text.push(' ');
            text.push_str(&section.heading);
            text.push(' ');
            text.push_str(&section.text);
            continue;
        }
        let text = match section.id.is_none() && !lesson.description.is_empty() {
            true => Cow::Owned(format!("{} {}", lesson.description, section.text)),
            false => Cow::Borrowed(section.text.as_str()),
        };
        docs.push(Document { anchor: section.id.as_deref().unwrap_or_default(), heading: &section.heading, text });
    }
    docs
}

/// Documents are numbered so that the lesson of a document is `id >> 5`.
fn doc_id(lesson: usize, section: usize) -> u32 {
    (lesson * SECTIONS_PER_LESSON + section) as u32
}

/// Section texts are grouped in excerpt parts of about this many bytes: a result loads the part
/// of its best section only. A lesson whose texts fit in one part keeps them in its own file.
const PART_BYTES: usize = 3072;

/// `search-index/x/<lesson>.js`: what results show (title, link, breadcrumbs, each section's
/// anchor and heading) and each section's text, or, for a longer lesson, the number of the part
/// `search-index/x/<lesson>-<part>.js` that holds it (sections in order, consecutive ones
/// sharing a part up to [`PART_BYTES`]).
fn excerpt_files(lesson: &LessonText<'_>, docs: &[Document]) -> Vec<OutputFile> {
    let mut parts: Vec<Vec<&str>> = vec![Vec::new()];
    let mut part_of = Vec::with_capacity(docs.len());
    let mut size = 0;
    for doc in docs {
        if size > 0 && size + doc.text.len() > PART_BYTES {
            parts.push(Vec::new());
            size = 0;
        }
        size += doc.text.len();
        parts.last_mut().expect("a part").push(&doc.text);
        part_of.push(parts.len() - 1);
    }
    let inline = parts.len() == 1;
    let text: usize =
        docs.iter().map(|d| d.anchor.len() + d.heading.len() + 12).sum::<usize>() + if inline { size } else { 0 };
    let mut out = String::with_capacity(text + lesson.title.len() + lesson.url.len() + lesson.breadcrumbs.len() + 64);
    out += &format!("aulaSearch.lesson({},{{\"t\":", lesson.lesson);
    js_string(&mut out, lesson.title.trim());
    out.push_str(",\"u\":");
    js_string(&mut out, lesson.url);
    out.push_str(",\"b\":");
    js_string(&mut out, lesson.breadcrumbs);
    out.push_str(",\"d\":[");
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        push_strings(&mut out, [doc.anchor, doc.heading].into_iter());
        out.push(',');
        match inline {
            true => js_string(&mut out, &doc.text),
            false => out.push_str(&part_of[i].to_string()),
        }
        out.push(']');
    }
    out.push_str("]});\n");
    let mut files = vec![OutputFile { path: format!("{INDEX_DIR}/x/{}.js", lesson.lesson), bytes: out.into_bytes() }];
    if !inline {
        for (n, texts) in parts.iter().enumerate() {
            let mut out = format!("aulaSearch.part({},{n},[", lesson.lesson);
            push_strings(&mut out, texts.iter().copied());
            out.push_str("]);\n");
            files.push(OutputFile { path: format!("{INDEX_DIR}/x/{}-{n}.js", lesson.lesson), bytes: out.into_bytes() });
        }
    }
    files
}

fn push_strings<'a>(out: &mut String, strings: impl Iterator<Item = &'a str>) {
    for (i, s) in strings.enumerate() {
        if i > 0 {
            out.push(',');
        }
        js_string(out, s);
    }
}

/// An entry of the sorted key space that is cut into shards.
enum Entry {
    /// A stem's posting list: document frequency, whether the list was cut, packed postings.
    Stem { df: usize, truncated: bool, postings: String },
    /// A folded word form and the stems it stands for.
    Form { stems: Vec<String> },
    /// A form with `ñ` written as `n` (`tamano`), and the stems of the forms it stands for: what
    /// a learner without an `ñ` key types, ranked below exact matches.
    Loose { stems: Vec<String> },
}

impl Entry {
    /// The order of entries of one key.
    fn rank(&self) -> u8 {
        match self {
            Entry::Stem { .. } => 0,
            Entry::Form { .. } => 1,
            Entry::Loose { .. } => 2,
        }
    }
}

impl Postings {
    fn add(&mut self, lesson: usize, terms: LessonTerms, forms: Vec<(Arc<str>, u32)>) {
        if lesson >= self.lessons.len() {
            self.lessons.resize_with(lesson + 1, || None);
        }
        self.lessons[lesson] = Some(terms);
        for (form, stem) in forms {
            self.forms.entry(form).or_default().insert(stem);
        }
    }

    fn document_count(&self) -> usize {
        self.lessons.iter().flatten().map(|l| l.ends.len()).sum()
    }

    /// Every stem and form, keyed and sorted, with posting lists packed. Lessons are read in
    /// order and let go as they are read, so postings come out in document order. `None` when
    /// `cancel` is set before they are all read.
    fn entries(&mut self, names: &[Arc<str>], cancel: &AtomicBool) -> Option<Vec<(String, Entry)>> {
        let mut impacts = vec![[0u32; 1 << IMPACT_BITS]; names.len()];
        for terms in self.lessons.iter().flatten() {
            for &p in &terms.postings {
                let (stem, impact) = unpack(p);
                impacts[stem as usize][impact as usize] += 1;
            }
        }
        let mut lists: Vec<PostingList> = impacts.iter().map(PostingList::new).collect();
        drop(impacts);
        for (lesson, terms) in std::mem::take(&mut self.lessons).into_iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let Some(terms) = terms else { continue };
            let mut start = 0;
            for (section, &end) in terms.ends.iter().enumerate() {
                let doc = doc_id(lesson, section);
                for &p in &terms.postings[start..end as usize] {
                    let (stem, impact) = unpack(p);
                    lists[stem as usize].push(doc, impact);
                }
                start = end as usize;
            }
        }
        let stems = lists.into_par_iter().enumerate().map(|(id, list)| (names[id].to_string(), list.finish()));
        let forms = self.forms.par_iter().filter_map(|(form, stems)| {
            let mut stems: Vec<String> = stems.iter().map(|&id| names[id as usize].to_string()).collect();
            stems.sort_unstable();
            // A form that is its own only stem needs no entry: looking the form up as a stem finds it.
            if stems.len() == 1 && *stems[0] == **form {
                return None;
            }
            Some((form.to_string(), Entry::Form { stems }))
        });
        let mut loose: HashMap<String, BTreeSet<&str>> = HashMap::default();
        for (form, ids) in self.forms.iter().filter(|(form, _)| form.contains(['ñ', 'Ñ'])) {
            let key = form.replace(['ñ', 'Ñ'], "n");
            loose.entry(key).or_default().extend(ids.iter().map(|&id| &*names[id as usize]));
        }
        let loose = loose
            .into_par_iter()
            .map(|(key, stems)| (key, Entry::Loose { stems: stems.into_iter().map(str::to_string).collect() }));
        let mut entries: Vec<(String, Entry)> = stems.chain(forms).chain(loose).collect();
        entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.rank().cmp(&b.1.rank())));
        Some(entries)
    }
}

/// One stem's postings, packed as they arrive in document order. A list longer than
/// [`MAX_POSTINGS`] keeps its best documents, ties going to the earlier one: knowing how many
/// postings have each impact, it keeps every posting above a threshold impact and the first
/// ones at the threshold, so it never holds the postings it drops.
struct PostingList {
    df: usize,
    packed: String,
    previous: u32,
    /// The lowest impact kept, and how many postings with exactly that impact are still kept.
    threshold: u8,
    at_threshold: u32,
}

impl PostingList {
    /// An empty list for a stem with `impacts[i]` postings of impact `i`.
    fn new(impacts: &[u32; 1 << IMPACT_BITS]) -> PostingList {
        let df: usize = impacts.iter().map(|&n| n as usize).sum();
        let (mut threshold, mut at_threshold) = (0, u32::MAX);
        if df > MAX_POSTINGS {
            let mut kept = 0;
            for impact in (0..impacts.len()).rev() {
                if kept + impacts[impact] as usize >= MAX_POSTINGS {
                    (threshold, at_threshold) = (impact as u8, (MAX_POSTINGS - kept) as u32);
                    break;
                }
                kept += impacts[impact] as usize;
            }
        }
        let packed = String::with_capacity(df.min(MAX_POSTINGS) * 3);
        PostingList { df, packed, previous: 0, threshold, at_threshold }
    }

    fn push(&mut self, doc: u32, impact: u8) {
        if impact <= self.threshold {
            if impact < self.threshold || self.at_threshold == 0 {
                return;
            }
            self.at_threshold -= 1;
        }
        push_varint(&mut self.packed, (doc - self.previous) as u64);
        push_varint(&mut self.packed, impact as u64);
        self.previous = doc;
    }

    fn finish(self) -> Entry {
        Entry::Stem { df: self.df, truncated: self.df > MAX_POSTINGS, postings: self.packed }
    }
}

/// BM25's term weight for a weighted term frequency in a document of the given weighted length,
/// quantised to 1..=31.
fn impact(tf: f64, length: f64) -> u8 {
    let weight = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / PIVOT_LENGTH));
    // Rounded by adding one half (the weight is never negative), which needs no call into libm.
    ((weight / (K1 + 1.0) * IMPACT_LEVELS + 0.5) as u8).clamp(1, IMPACT_LEVELS as u8)
}

/// Cuts the sorted entries into shards of about [`SHARD_BYTES`], never splitting one key.
/// Returns each shard's body (a JavaScript object) and each shard's first key.
fn shard(entries: &[(String, Entry)]) -> (Vec<String>, Vec<String>) {
    let mut shards = Vec::new();
    let mut starts = Vec::new();
    let mut body = ShardBody::default();
    let mut start = String::new();
    for (i, (key, entry)) in entries.iter().enumerate() {
        let new_key = i == 0 || entries[i - 1].0 != *key;
        if new_key && body.len() >= SHARD_BYTES {
            shards.push(std::mem::take(&mut body).finish());
            starts.push(std::mem::replace(&mut start, key.clone()));
        }
        body.push(key, entry);
    }
    shards.push(body.finish());
    starts.push(start);
    (shards, starts)
}

/// A shard's JavaScript object being written: `{"f":{form: [stems]}, "t":{stem: [df, cut,
/// postings]}, "n":{loose form: [stems]}}`. Entries arrive sorted, so the maps are written in
/// key order as they come.
#[derive(Default)]
struct ShardBody {
    forms: String,
    stems: String,
    loose: String,
}

impl ShardBody {
    fn len(&self) -> usize {
        self.forms.len() + self.stems.len() + self.loose.len()
    }

    fn push(&mut self, key: &str, entry: &Entry) {
        let out = match entry {
            Entry::Form { .. } => &mut self.forms,
            Entry::Stem { .. } => &mut self.stems,
            Entry::Loose { .. } => &mut self.loose,
        };
        if !out.is_empty() {
            out.push(',');
        }
        js_string(out, key);
        out.push(':');
        match entry {
            Entry::Stem { df, truncated, postings } => {
                out.push_str(&format!("[{df},{},", u8::from(*truncated)));
                js_string(out, postings);
                out.push(']');
            }
            Entry::Form { stems } | Entry::Loose { stems } => {
                out.push('[');
                push_strings(out, stems.iter().map(String::as_str));
                out.push(']');
            }
        }
    }

    fn finish(self) -> String {
        format!("{{\"f\":{{{}}},\"t\":{{{}}},\"n\":{{{}}}}}", self.forms, self.stems, self.loose)
    }
}

#[cfg(test)]
mod tests {
    use super::super::encode::read_varints;
    use super::*;

    fn section(id: Option<&str>, heading: &str, text: &str) -> TextSection {
        TextSection { id: id.map(str::to_string), heading: heading.into(), text: text.into() }
    }

    fn build(lessons: &[(&str, Vec<TextSection>)]) -> Vec<OutputFile> {
        let builder = IndexBuilder::new(Language::Es);
        for (i, (title, sections)) in lessons.iter().enumerate().rev() {
            let _ = builder.add_lesson(&LessonText {
                lesson: i,
                title,
                description: "",
                url: "x/index.html",
                breadcrumbs: "",
                sections,
            });
        }
        builder.finish()
    }

    fn text(files: &[OutputFile], path: &str) -> String {
        String::from_utf8(files.iter().find(|f| f.path == path).unwrap().bytes.clone()).unwrap()
    }

    #[test]
    fn postings_decode_to_documents_and_impacts() {
        let files = build(&[
            ("Escuchar", vec![section(Some("uno"), "Clientes", "Los clientes hablan.")]),
            ("Otra", vec![section(None, "", "Un cliente pide ayuda."), section(Some("dos"), "Dos", "Nada.")]),
        ]);
        let shard = text(&files, "search-index/s/0.js");
        let start = shard.find("\"client\":[").unwrap();
        let entry = &shard[start..shard[start..].find(']').unwrap() + start];
        assert!(entry.starts_with("\"client\":[2,0,\""), "{entry}");
        let packed = entry.rsplit('"').nth(1).unwrap();
        let numbers = read_varints(packed);
        assert_eq!(numbers.len(), 4);
        assert_eq!((numbers[0], numbers[2]), (0, 32), "doc 0 of lesson 0, then doc 0 of lesson 1");
        assert!(numbers[1] > numbers[3], "title and heading weigh more than body text: {numbers:?}");
        // Forms point to their stems; the browser maps what it types through them.
        assert!(shard.contains("\"clientes\":[\"client\"]"), "{shard}");
    }

    #[test]
    fn the_same_documents_give_the_same_bytes() {
        let lessons = [("A", vec![section(None, "", "empatía y escucha")]), ("B", vec![section(None, "", "escuchar")])];
        let a: Vec<_> = build(&lessons).into_iter().map(|f| (f.path, f.bytes)).collect();
        let b: Vec<_> = build(&lessons).into_iter().map(|f| (f.path, f.bytes)).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn large_indexes_are_cut_into_sorted_shards() {
        let words: Vec<String> = (0..6000).map(|i| format!("palabra{i:05}")).collect();
        let lessons: Vec<(&str, Vec<TextSection>)> =
            words.chunks(100).map(|chunk| ("T", vec![section(None, "", &chunk.join(" "))])).collect();
        let files = build(&lessons);
        let manifest = text(&files, "search-index/index.js");
        let shards = files.iter().filter(|f| f.path.starts_with("search-index/s/")).count();
        assert!(shards > 1, "{shards}");
        assert!(files.iter().all(|f| f.bytes.len() < 3 * SHARD_BYTES));
        assert!(manifest.starts_with("aulaSearch.manifest({\"v\":"));
        assert!(manifest.contains("\"docs\":60,"));
    }

    #[test]
    fn chunks_are_told_apart_whatever_their_length() {
        // Chunks that share their first, middle or last bytes, of every length up to past eight.
        let words: Vec<String> = (1..12)
            .flat_map(|n| ["a", "b", "ñ"].map(|c| c.repeat(n)))
            .chain(["ab", "ba", "aab", "aba", "baa", "abcdefgh", "abcdXefgh", "abcdefgX", "Xbcdefgh"].map(String::from))
            .chain((0..300).map(|i| format!("palabra{i}")))
            .collect();
        let mut chunks = Chunks::default();
        for (i, word) in words.iter().enumerate() {
            assert_eq!(chunks.get(word.as_bytes()), None, "{word:?} before it is added");
            let stems: Vec<u32> = (0..i as u32 % 3).map(|k| i as u32 * 10 + k).collect();
            chunks.insert(word.as_bytes(), &stems);
        }
        for (i, word) in words.iter().enumerate() {
            let stems: Vec<u32> = (0..i as u32 % 3).map(|k| i as u32 * 10 + k).collect();
            assert_eq!(chunks.get(word.as_bytes()), Some(&stems[..]), "{word:?}");
        }
        for absent in ["c", "abc", "abcdefgY", "palabra300", "ñañ"] {
            assert_eq!(chunks.get(absent.as_bytes()), None, "{absent:?}");
        }
    }

    #[test]
    fn long_posting_lists_keep_their_best_documents() {
        // Impacts from a fixed pseudo-random sequence, many of them tied.
        let mut seed = 0x9e37_79b9_u32;
        let postings: Vec<(u32, u8)> = (0..5000)
            .map(|doc| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                (doc * 3, (seed % 31) as u8 + 1)
            })
            .collect();
        let mut impacts = [0u32; 1 << IMPACT_BITS];
        for &(_, impact) in &postings {
            impacts[impact as usize] += 1;
        }
        let mut list = PostingList::new(&impacts);
        for &(doc, impact) in &postings {
            list.push(doc, impact);
        }
        let Entry::Stem { df, truncated, postings: packed } = list.finish() else { panic!("a stem") };
        assert_eq!((df, truncated), (5000, true));
        // What sorting them all would keep: the highest impacts, ties to the earlier document.
        let mut best = postings.clone();
        best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(MAX_POSTINGS);
        best.sort();
        let mut kept = Vec::new();
        let mut doc = 0;
        for pair in read_varints(&packed).chunks(2) {
            doc += pair[0] as u32;
            kept.push((doc, pair[1] as u8));
        }
        assert_eq!(kept, best);
    }

    #[test]
    fn excerpt_files_hold_what_results_show() {
        let builder = IndexBuilder::new(Language::Es);
        let sections = [section(None, "", "Hola."), section(Some("paso"), "Paso", "Texto \"citado\".")];
        let files = builder.add_lesson(&LessonText {
            lesson: 7,
            title: "  Lección\n",
            description: "",
            url: "c/l/index.html",
            breadcrumbs: "Curso",
            sections: &sections,
        });
        assert_eq!(files.len(), 1, "a short lesson is one file");
        let file = &files[0];
        assert_eq!(file.path, "search-index/x/7.js");
        assert_eq!(
            String::from_utf8(file.bytes.clone()).unwrap(),
            "aulaSearch.lesson(7,{\"t\":\"Lección\",\"u\":\"c/l/index.html\",\"b\":\"Curso\",\"d\":[[\"\",\"\",\"Hola.\"],[\"paso\",\"Paso\",\"Texto \\\"citado\\\".\"]]});\n"
        );
    }

    #[test]
    fn long_lessons_split_their_excerpts_into_parts() {
        let builder = IndexBuilder::new(Language::Es);
        let long = "palabra ".repeat(450);
        let sections = [
            section(None, "", "Corto."),
            section(Some("a"), "A", &long),
            section(Some("b"), "B", "Otro corto."),
            section(Some("c"), "C", &long),
        ];
        let files = builder.add_lesson(&LessonText {
            lesson: 3,
            title: "T",
            description: "",
            url: "t/index.html",
            breadcrumbs: "",
            sections: &sections,
        });
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        let parts: Vec<String> = (0..4).map(|n| format!("search-index/x/3-{n}.js")).collect();
        assert_eq!(paths[0], "search-index/x/3.js");
        assert_eq!(paths[1..], parts);
        let meta = String::from_utf8(files[0].bytes.clone()).unwrap();
        assert!(meta.contains("\"d\":[[\"\",\"\",0],[\"a\",\"A\",1],[\"b\",\"B\",2],[\"c\",\"C\",3]]"), "{meta}");
        assert_eq!(String::from_utf8(files[3].bytes.clone()).unwrap(), "aulaSearch.part(3,2,[\"Otro corto.\"]);\n");
    }
}
