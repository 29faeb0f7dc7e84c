//! The Markdown body of a lesson or a section page: where it is in its file, which reading of
//! the file it comes from, and what was counted in it when it was read (words, quizzes, key
//! points).
//!
//! A body is made once per reading of its file ([`Body::read`]), which numbers the reading and
//! counts what it holds. One type for the parsed file ([`super::load::Loaded`]), the
//! [`super::Lesson`] and the [`super::Section`] made from it, so the three cannot fall out of
//! step. Callers read the text through [`Body::markdown`], never a field: a session that
//! rebuilds holds every body's text, a one-off build reads it again from its file when a page
//! needs it ([`BodyReading::hold`]), so that what it holds does not grow with the text of the
//! site.

use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::read;
use crate::diagnostics::Diagnostic;
use crate::msg;

/// How bodies are read: what is counted in them as the renderer will find it, and whether their
/// text is held. Given to [`super::Sources::read`] by the caller (the session hands it
/// `markdown`'s counters): `content` does not call `markdown`, yet there is one notion of a quiz.
#[derive(Clone, Copy, Debug)]
pub struct BodyReading {
    /// The self-check quizzes of a body, for the time to set aside.
    pub count_quizzes: fn(&str) -> usize,
    /// Whether a body has key point blocks, which the course's key points page shows too.
    pub has_keypoints: fn(&str) -> bool,
    /// Holds each body's text (a session that rebuilds after edits); else a body is read again
    /// from its file each time a page asks for it.
    pub hold: bool,
}

/// A page's body. Cheap to clone: the file's text is shared.
#[derive(Clone, Debug)]
pub struct Body {
    text: Text,
    start: usize,
    line: usize,
    version: u64,
    words: usize,
    quizzes: usize,
    keypoints: bool,
}

/// Where a body's text is.
#[derive(Clone, Debug)]
enum Text {
    /// The whole file, held.
    Held(Arc<str>),
    /// In its file, read again when asked for.
    InFile(Arc<InFile>),
}

/// A file read once and let go: where it is, and what it held, to tell that it is unchanged
/// when read again.
#[derive(Debug)]
struct InFile {
    disk: PathBuf,
    /// As diagnostics print it.
    shown: PathBuf,
    len: usize,
    hash: u64,
}

impl Body {
    /// The body of the file `disk` (`shown` as diagnostics print it) just read as `text`, from
    /// byte `start`, which is on file line `line`: a new reading, with a version no other
    /// reading of any file has. What is counted in it, and whether its text is held, is
    /// `reading`'s.
    pub(super) fn read(
        text: String,
        start: usize,
        line: usize,
        (disk, shown): (&Path, &Path),
        reading: &BodyReading,
    ) -> Body {
        static READINGS: AtomicU64 = AtomicU64::new(1);
        let markdown = &text[start..];
        let (words, quizzes) = (count_words(markdown), (reading.count_quizzes)(markdown));
        let keypoints = (reading.has_keypoints)(markdown);
        let version = READINGS.fetch_add(1, Ordering::Relaxed);
        let text = match reading.hold {
            true => Text::Held(text.into()),
            false => Text::InFile(Arc::new(InFile {
                disk: disk.to_path_buf(),
                shown: shown.to_path_buf(),
                len: text.len(),
                hash: hash_text(&text),
            })),
        };
        Body { text, start, line, version, words, quizzes, keypoints }
    }

    /// The body of a section without an index file: no text, from no file.
    pub(super) fn empty() -> Body {
        Body { text: Text::Held(Arc::from("")), start: 0, line: 1, version: 0, words: 0, quizzes: 0, keypoints: false }
    }

    /// The Markdown of the body, held for as long as the returned value lives. A body that is
    /// not held is read again: an error (at the file's first line) when the file cannot be read
    /// or is no longer what it was when the site was read.
    pub fn markdown(&self) -> Result<BodyText, Diagnostic> {
        let text = match &self.text {
            Text::Held(text) => Arc::clone(text),
            Text::InFile(file) => {
                let text = read::text(&file.disk, &file.shown)?;
                if text.len() != file.len || hash_text(&text) != file.hash {
                    return Err(Diagnostic::error(&file.shown, 1, 1, msg!("file-changed-during-build")));
                }
                text.into()
            }
        };
        Ok(BodyText { text, start: self.start })
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

    /// Self-check quizzes, counted as the renderer finds them (see [`BodyReading`]), for the
    /// time to set aside.
    pub fn quizzes(&self) -> usize {
        self.quizzes
    }

    /// Whether the body has key point blocks (see [`BodyReading`]).
    pub fn has_keypoints(&self) -> bool {
        self.keypoints
    }

    /// The file's bytes before the body (front matter, and a heading taken as title), when the
    /// text is held: two readings with the same head differ only in their body.
    pub(super) fn head(&self) -> Option<&str> {
        match &self.text {
            Text::Held(text) => Some(&text[..self.start]),
            Text::InFile(_) => None,
        }
    }
}

/// A body is told from another by its reading and where it starts, not by its text: hashing it
/// costs nothing however long the text is.
impl Hash for Body {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.version, self.start, self.line).hash(state);
    }
}

/// What tells a file's text from another when it is read again (fast, fixed seed).
fn hash_text(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x61_75_6c_61).hash_one(text)
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

    const READING: BodyReading = BodyReading { count_quizzes: |_| 0, has_keypoints: |_| false, hold: true };

    fn read(text: &str, reading: &BodyReading) -> Body {
        Body::read(text.into(), 17, 4, (Path::new("/nowhere/a.md"), Path::new("content/a.md")), reading)
    }

    #[test]
    fn the_markdown_is_the_text_after_the_head() {
        let body = read("---\ntitle: A\n---\nHola, mundo\n", &READING);
        assert_eq!(&*body.markdown().unwrap(), "Hola, mundo\n");
        assert_eq!(body.head(), Some("---\ntitle: A\n---\n"));
        assert_eq!((body.line(), body.words(), body.quizzes()), (4, 2, 0));
        let again = read("---\ntitle: A\n---\nHola, mundo\n", &READING);
        assert!(again.version() > body.version(), "each reading has a number of its own");
        let empty = Body::empty();
        assert_eq!((&*empty.markdown().unwrap(), empty.line(), empty.version()), ("", 1, 0));
    }

    #[test]
    fn a_body_not_held_is_read_again_and_a_changed_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let disk = dir.path().join("a.md");
        let text = "---\ntitle: A\n---\nHola, mundo\n";
        std::fs::write(&disk, text).unwrap();
        let reading = BodyReading { hold: false, ..READING };
        let body = Body::read(text.into(), 17, 4, (&disk, Path::new("content/a.md")), &reading);
        assert_eq!(body.head(), None, "no head to compare: the text is not held");
        assert_eq!(&*body.markdown().unwrap(), "Hola, mundo\n");
        std::fs::write(&disk, "---\ntitle: A\n---\nHola, mundos\n").unwrap();
        let problem = body.markdown().err().expect("the file changed");
        assert_eq!((problem.path.as_path(), problem.line, problem.col), (Path::new("content/a.md"), 1, 1));
        std::fs::remove_file(&disk).unwrap();
        assert!(body.markdown().is_err(), "a file gone is an error too");
    }

    #[test]
    fn words() {
        assert_eq!(count_words("## Hola, mundo\n\n- uno - dos\n```\ncode()\n```"), 5);
        assert_eq!(count_words("  año\tniño\r\n"), 2);
    }
}
