//! Site search: the index `aula build` writes and the browser reads.
//!
//! Each lesson section (the text under a `##`/`###` heading) is a document. Words are analysed
//! per language ([`analyzer`]); each document's words are weighted by field (lesson title,
//! heading, body) and scored with BM25 when the index is finished, so the browser only adds up
//! precomputed impacts, and gathers them by lesson: results are lessons, each with its best
//! sections. The index is split into shards of sorted term ranges, sized so a query downloads a
//! few small files; each shard also maps the word forms the site wrote to their stems, and forms
//! with `ñ` to the same written with `n`. The manifest carries a small table of word endings the
//! browser swaps to find forms the site never wrote (no stemmer in the browser). The text shown
//! in results lives in one small file per lesson (headings, and the texts of a short lesson) and,
//! for a longer lesson, in parts of a few KB loaded only for the section a result shows. All
//! files are classic scripts (they work from `file://`).
//! Pure: the caller hands the files to [`crate::output`].

pub mod analyzer;
mod encode;
mod index;

pub use index::{IndexBuilder, LessonText};

/// The folder of the index files in the output.
pub const INDEX_DIR: &str = "search-index";
