//! The Markdown body of a lesson or a section page: where it is in its file, which reading of
//! the file it comes from, and what was counted in it when it was read (words, quizzes).
//!
//! A body is made once per reading of its file ([`Body::read`]), which numbers the reading and
//! counts what it holds. One type for the parsed file ([`super::load::Loaded`]), the [`super::Lesson`] and the
//! [`super::Section`] made from it, so the three cannot fall out of step. Callers read the text
//! through [`Body::markdown`], never a field, so that the text can later be read on demand
//! instead of held for every page at once.

use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Counts the self-check quizzes of a Markdown body as the renderer will find them. Given to
/// [`super::Sources::read`] by the caller (the session hands it `markdown::count_quizzes`):
/// `content` does not call `markdown`, yet there is one notion of a quiz.
pub type CountQuizzes = fn(&str) -> usize;

/// A page's body. Cheap to clone: the file's text is shared.
#[derive(Clone, Debug)]
pub struct Body {
    /// The whole file; the body starts at `start`.
    text: Arc<str>,
    start: usize,
    line: usize,
    version: u64,
    words: usize,
    quizzes: usize,
}

impl Body {
    /// The body of the file just read as `text`, from byte `start`, which is on file line
    /// `line`: a new reading, with a version no other reading of any file has.
    /// Its quizzes are counted by `count_quizzes`.
    pub(super) fn read(text: String, start: usize, line: usize, count_quizzes: CountQuizzes) -> Body {
        static READINGS: AtomicU64 = AtomicU64::new(1);
        let markdown = &text[start..];
        let (words, quizzes) = (count_words(markdown), count_quizzes(markdown));
        let version = READINGS.fetch_add(1, Ordering::Relaxed);
        Body { text: text.into(), start, line, version, words, quizzes }
    }

    /// The body of a section without an index file: no text, from no file.
    pub(super) fn empty() -> Body {
        Body { text: Arc::from(""), start: 0, line: 1, version: 0, words: 0, quizzes: 0 }
    }

    /// The Markdown of the body, held for as long as the returned value lives.
    pub fn markdown(&self) -> BodyText {
        BodyText { text: Arc::clone(&self.text), start: self.start }
    }

    /// The file line (1-based) of the body's first line: where its positions start.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Which reading of its file this is: a new number each time the file is read again, so
    /// pages made from it can tell that it changed (0 for a section without an index file).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Words a reader reads, for the reading time.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Self-check quizzes, counted as the renderer finds them (see [`CountQuizzes`]), for the
    /// time to set aside.
    pub fn quizzes(&self) -> usize {
        self.quizzes
    }

    /// The file's bytes before the body (front matter, and a heading taken as title): two
    /// readings with the same head differ only in their body.
    pub(super) fn head(&self) -> &str {
        &self.text[..self.start]
    }
}

/// A body is told from another by its reading and where it starts, not by its text: hashing it
/// costs nothing however long the text is.
impl Hash for Body {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.version, self.start, self.line).hash(state);
    }
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

/// The Markdown of a [`Body`], borrowed as a `&str`.
pub struct BodyText {
    text: Arc<str>,
    start: usize,
}

impl Deref for BodyText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text[self.start..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_markdown_is_the_text_after_the_head() {
        let body = Body::read("---\ntitle: A\n---\nHola, mundo\n".into(), 17, 4, |_| 0);
        assert_eq!(&*body.markdown(), "Hola, mundo\n");
        assert_eq!(body.head(), "---\ntitle: A\n---\n");
        assert_eq!((body.line(), body.words(), body.quizzes()), (4, 2, 0));
        let again = Body::read("---\ntitle: A\n---\nHola, mundo\n".into(), 17, 4, |_| 0);
        assert!(again.version() > body.version(), "each reading has a number of its own");
        let empty = Body::empty();
        assert_eq!((&*empty.markdown(), empty.line(), empty.version()), ("", 1, 0));
    }

    #[test]
    fn words() {
        assert_eq!(count_words("## Hola, mundo\n\n- uno - dos\n```\ncode()\n```"), 5);
        assert_eq!(count_words("  año\tniño\r\n"), 2);
    }
}
