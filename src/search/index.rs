//! Building the index: documents in, sharded posting lists and per-lesson excerpt files out.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use super::INDEX_DIR;
use super::analyzer::Analyzer;
use super::encode::{js_string, push_varint};
use crate::config::Language;
use crate::markdown::TextSection;

/// Sections per lesson that get documents of their own; later ones join the last.
const SECTIONS_PER_LESSON: usize = 32;
/// Field weights of BM25F: a word in the lesson title counts three times, in a heading twice.
const TITLE_WEIGHT: u32 = 3;
const HEADING_WEIGHT: u32 = 2;
/// BM25 parameters.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Impacts are stored in one base-64 digit.
const IMPACT_LEVELS: f64 = 31.0;
/// Posting lists longer than this keep only their best documents: such a word is in so many
/// documents that it ranks little on its own, and the browser treats it as optional.
const MAX_POSTINGS: usize = 1500;
/// Shards are cut when they pass this many bytes.
const SHARD_BYTES: usize = 24 * 1024;

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

/// A file of the index: site-relative path and bytes.
pub struct SearchFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Collects documents from parallel page rendering, then writes the index.
pub struct IndexBuilder {
    analyzer: Analyzer,
    language: Language,
    state: Mutex<Postings>,
}

#[derive(Default)]
struct Postings {
    stem_ids: HashMap<String, u32>,
    /// Per stem: (document, weighted term frequency).
    lists: Vec<Vec<(u32, u32)>>,
    /// Folded word form → the stems it was seen with.
    forms: HashMap<String, BTreeSet<u32>>,
    /// Weighted length of each document.
    lengths: Vec<(u32, u32)>,
}

impl IndexBuilder {
    pub fn new(language: Language) -> IndexBuilder {
        IndexBuilder { analyzer: Analyzer::new(language), language, state: Mutex::new(Postings::default()) }
    }

    /// Adds a lesson's documents and returns its excerpt file, to be written right away.
    pub fn add_lesson(&self, lesson: &LessonText<'_>) -> SearchFile {
        let docs = documents(lesson);
        let mut terms: Vec<(String, u32, u32)> = Vec::new();
        let mut forms: Vec<(String, String)> = Vec::new();
        let mut lengths = Vec::with_capacity(docs.len());
        for (i, doc) in docs.iter().enumerate() {
            let id = doc_id(lesson.lesson, i);
            let mut tf: HashMap<String, u32> = HashMap::new();
            let mut length = 0;
            let fields = [(lesson.title, TITLE_WEIGHT), (doc.heading.as_str(), HEADING_WEIGHT), (doc.text.as_str(), 1)];
            for (text, weight) in fields {
                for token in self.analyzer.tokens(text) {
                    *tf.entry(token.stem.clone()).or_default() += weight;
                    length += weight;
                    forms.push((token.folded, token.stem));
                }
            }
            lengths.push((id, length));
            terms.extend(tf.into_iter().map(|(stem, f)| (stem, id, f)));
        }
        forms.sort_unstable();
        forms.dedup();
        self.state.lock().expect("index lock").add(terms, forms, lengths);
        excerpt_file(lesson, &docs)
    }

    /// The manifest and the shards. Deterministic: the same documents give the same bytes,
    /// whatever order they were added in.
    pub fn finish(&self) -> Vec<SearchFile> {
        let manifest_for = |state: &Postings, starts: &[String], version: &str| {
            manifest(&self.analyzer, self.language, state, starts, version)
        };
        let state = self.state.lock().expect("index lock");
        let entries = state.entries();
        let (shards, starts) = shard(&entries);
        let mut hasher = std::hash::DefaultHasher::new();
        shards.hash(&mut hasher);
        let version = format!("{:x}", hasher.finish());
        let mut files: Vec<SearchFile> = shards
            .into_iter()
            .enumerate()
            .map(|(i, body)| SearchFile {
                path: format!("{INDEX_DIR}/s/{i}.js"),
                bytes: format!("aulaSearch.shard({i},{body});\n").into_bytes(),
            })
            .collect();
        files
            .push(SearchFile { path: format!("{INDEX_DIR}/index.js"), bytes: manifest_for(&state, &starts, &version) });
        files
    }
}

/// `search-index/index.js`: what every query needs first: the shards' first keys, the number of
/// documents and the stop words.
fn manifest(analyzer: &Analyzer, language: Language, state: &Postings, starts: &[String], version: &str) -> Vec<u8> {
    {
        let mut out = String::from("aulaSearch.manifest({\"v\":");
        js_string(&mut out, version);
        out.push_str(",\"lang\":");
        js_string(&mut out, language.code());
        out.push_str(&format!(",\"docs\":{},\"shards\":[", state.lengths.len()));
        push_strings(&mut out, starts.iter().map(String::as_str));
        out.push_str("],\"stop\":[");
        push_strings(&mut out, analyzer.stop_words().into_iter());
        out.push_str("]});\n");
        out.into_bytes()
    }
}

/// A document: the text under one heading.
struct Document {
    anchor: String,
    heading: String,
    text: String,
}

/// A lesson's documents: the description joins the text before the first heading; sections past
/// the limit join the last document.
fn documents(lesson: &LessonText<'_>) -> Vec<Document> {
    let mut docs: Vec<Document> = Vec::new();
    if !lesson.description.is_empty() && lesson.sections.first().is_none_or(|s| s.id.is_some()) {
        docs.push(Document { anchor: String::new(), heading: String::new(), text: lesson.description.to_string() });
    }
    for section in lesson.sections {
        if docs.len() == SECTIONS_PER_LESSON {
            let last = docs.last_mut().expect("full");
            last.text.push(' ');
            last.text.push_str(&section.heading);
            last.text.push(' ');
            last.text.push_str(&section.text);
            continue;
        }
        let mut text = section.text.clone();
        if section.id.is_none() && !lesson.description.is_empty() {
            text = format!("{} {text}", lesson.description);
        }
        docs.push(Document { anchor: section.id.clone().unwrap_or_default(), heading: section.heading.clone(), text });
    }
    docs
}

/// Documents are numbered so that the lesson of a document is `id >> 5`.
fn doc_id(lesson: usize, section: usize) -> u32 {
    (lesson * SECTIONS_PER_LESSON + section) as u32
}

/// `search-index/x/<lesson>.js`: what results show (title, link, breadcrumbs, each section's text).
fn excerpt_file(lesson: &LessonText<'_>, docs: &[Document]) -> SearchFile {
    let mut out = format!("aulaSearch.lesson({},{{\"t\":", lesson.lesson);
    js_string(&mut out, lesson.title);
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
        push_strings(&mut out, [doc.anchor.as_str(), doc.heading.as_str(), doc.text.as_str()].into_iter());
        out.push(']');
    }
    out.push_str("]});\n");
    SearchFile { path: format!("{INDEX_DIR}/x/{}.js", lesson.lesson), bytes: out.into_bytes() }
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
}

impl Postings {
    fn add(&mut self, terms: Vec<(String, u32, u32)>, forms: Vec<(String, String)>, lengths: Vec<(u32, u32)>) {
        for (stem, doc, tf) in terms {
            let id = self.intern(stem);
            self.lists[id as usize].push((doc, tf));
        }
        for (form, stem) in forms {
            let id = self.intern(stem);
            self.forms.entry(form).or_default().insert(id);
        }
        self.lengths.extend(lengths);
    }

    fn intern(&mut self, stem: String) -> u32 {
        let next = self.lists.len() as u32;
        let id = *self.stem_ids.entry(stem).or_insert(next);
        if id == next {
            self.lists.push(Vec::new());
        }
        id
    }

    /// Every stem and form, keyed and sorted, with BM25 impacts computed.
    fn entries(&self) -> Vec<(String, Entry)> {
        let lengths: HashMap<u32, u32> = self.lengths.iter().copied().collect();
        let average = self.lengths.iter().map(|&(_, l)| l as f64).sum::<f64>() / self.lengths.len().max(1) as f64;
        let names: Vec<&str> = {
            let mut names = vec![""; self.lists.len()];
            for (stem, &id) in &self.stem_ids {
                names[id as usize] = stem;
            }
            names
        };
        let mut entries: Vec<(String, Entry)> = Vec::with_capacity(self.lists.len() + self.forms.len());
        for (id, list) in self.lists.iter().enumerate() {
            let mut scored: Vec<(u32, u64)> = list
                .iter()
                .map(|&(doc, tf)| (doc, impact(tf as f64, lengths[&doc] as f64, average.max(1.0))))
                .collect();
            let df = scored.len();
            let truncated = df > MAX_POSTINGS;
            if truncated {
                scored.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                scored.truncate(MAX_POSTINGS);
            }
            scored.sort_unstable();
            let mut postings = String::with_capacity(scored.len() * 3);
            let mut previous = 0;
            for (doc, impact) in scored {
                push_varint(&mut postings, (doc - previous) as u64);
                push_varint(&mut postings, impact);
                previous = doc;
            }
            entries.push((names[id].to_string(), Entry::Stem { df, truncated, postings }));
        }
        for (form, stems) in &self.forms {
            let mut stems: Vec<String> = stems.iter().map(|&id| names[id as usize].to_string()).collect();
            stems.sort_unstable();
            // A form that is its own only stem needs no entry: looking the form up as a stem finds it.
            if stems.len() == 1 && stems[0] == *form {
                continue;
            }
            entries.push((form.clone(), Entry::Form { stems }));
        }
        entries.sort_by(|a, b| {
            a.0.cmp(&b.0).then(matches!(a.1, Entry::Form { .. }).cmp(&matches!(b.1, Entry::Form { .. })))
        });
        entries
    }
}

/// BM25's term weight for one document, quantised to 1..=31.
fn impact(tf: f64, length: f64, average: f64) -> u64 {
    let weight = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / average));
    ((weight / (K1 + 1.0) * IMPACT_LEVELS).round() as u64).clamp(1, IMPACT_LEVELS as u64)
}

/// Cuts the sorted entries into shards of about [`SHARD_BYTES`], never splitting one key.
/// Returns each shard's body (a JavaScript object) and each shard's first key.
fn shard(entries: &[(String, Entry)]) -> (Vec<String>, Vec<String>) {
    let mut shards = Vec::new();
    let mut starts = Vec::new();
    let mut forms = BTreeMap::new();
    let mut stems = BTreeMap::new();
    let mut size = 0;
    let mut start = String::new();
    for (i, (key, entry)) in entries.iter().enumerate() {
        let new_key = i == 0 || entries[i - 1].0 != *key;
        if new_key && size >= SHARD_BYTES {
            shards.push(shard_body(&forms, &stems));
            starts.push(std::mem::replace(&mut start, key.clone()));
            forms.clear();
            stems.clear();
            size = 0;
        }
        let mut value = String::new();
        match entry {
            Entry::Stem { df, truncated, postings } => {
                value.push_str(&format!("[{df},{},", u8::from(*truncated)));
                js_string(&mut value, postings);
                value.push(']');
                size += key.len() + value.len() + 4;
                stems.insert(key.as_str(), value);
            }
            Entry::Form { stems: of } => {
                value.push('[');
                push_strings(&mut value, of.iter().map(String::as_str));
                value.push(']');
                size += key.len() + value.len() + 4;
                forms.insert(key.as_str(), value);
            }
        }
    }
    shards.push(shard_body(&forms, &stems));
    starts.push(start);
    (shards, starts)
}

fn shard_body(forms: &BTreeMap<&str, String>, stems: &BTreeMap<&str, String>) -> String {
    let mut out = String::from("{\"f\":{");
    push_map(&mut out, forms);
    out.push_str("},\"t\":{");
    push_map(&mut out, stems);
    out.push_str("}}");
    out
}

fn push_map(out: &mut String, map: &BTreeMap<&str, String>) {
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        js_string(out, key);
        out.push(':');
        out.push_str(value);
    }
}

#[cfg(test)]
mod tests {
    use super::super::encode::read_varints;
    use super::*;

    fn section(id: Option<&str>, heading: &str, text: &str) -> TextSection {
        TextSection { id: id.map(str::to_string), heading: heading.into(), text: text.into() }
    }

    fn build(lessons: &[(&str, Vec<TextSection>)]) -> Vec<SearchFile> {
        let builder = IndexBuilder::new(Language::Es);
        for (i, (title, sections)) in lessons.iter().enumerate().rev() {
            builder.add_lesson(&LessonText {
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

    fn text(files: &[SearchFile], path: &str) -> String {
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
    fn excerpt_files_hold_what_results_show() {
        let builder = IndexBuilder::new(Language::Es);
        let sections = [section(None, "", "Hola."), section(Some("paso"), "Paso", "Texto \"citado\".")];
        let file = builder.add_lesson(&LessonText {
            lesson: 7,
            title: "Lección",
            description: "",
            url: "c/l/index.html",
            breadcrumbs: "Curso",
            sections: &sections,
        });
        assert_eq!(file.path, "search-index/x/7.js");
        assert_eq!(
            String::from_utf8(file.bytes).unwrap(),
            "aulaSearch.lesson(7,{\"t\":\"Lección\",\"u\":\"c/l/index.html\",\"b\":\"Curso\",\"d\":[[\"\",\"\",\"Hola.\"],[\"paso\",\"Paso\",\"Texto \\\"citado\\\".\"]]});\n"
        );
    }
}
