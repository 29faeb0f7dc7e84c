//! Text analysis for search, per site language: Unicode word segmentation, lowercase, Snowball
//! stemming of the accented word, then accent folding that keeps `ñ` apart from `n` (*año* is
//! not *ano*). Stop words (function words such as *de*, *la*, *the*) are left out so they do not
//! flood results. The indexer and its tests use this module; the browser gets the folding rule
//! and the stop words, and maps the forms it types to stems through the index, so it needs no
//! stemmer.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashSet;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

use crate::config::Language;

/// A word of the text, as the index sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lowercase, accents kept: what the author wrote.
    pub form: Arc<str>,
    /// `form` with accents folded (`ñ` kept).
    pub folded: Arc<str>,
    /// The stem of the accented form, folded.
    pub stem: Arc<str>,
}

/// The longest word, in bytes, given to the stemmer: Snowball rewrites a word once per suffix
/// or accent it changes, which is quadratic in the word's length (a one-word description of a
/// million accented letters took minutes). No word of a language is this long; longer ones are
/// their own stem.
const LONGEST_STEMMED: usize = 128;

/// Splits, normalises and stems text of one language.
pub struct Analyzer {
    stemmer: Stemmer,
    stop_words: HashSet<String>,
    language: Language,
}

/// Word endings the browser swaps on a query word to find a form the site wrote (`tuberias` →
/// *tubería*, `clientes` → *cliente*, `escuchando` → *escuchar*): (ending typed, ending tried),
/// folded. A candidate counts only if the site has that exact form, so a rule never backs off
/// to a bare prefix. Small on purpose: it ships in the manifest instead of a stemmer.
const SPANISH_ENDINGS: &[(&str, &str)] = &[
    ("s", ""),
    ("es", ""),
    ("ces", "z"),
    ("", "s"),
    ("", "es"),
    ("z", "ces"),
    ("o", "a"),
    ("a", "o"),
    ("os", "as"),
    ("as", "os"),
    ("os", "a"),
    ("as", "o"),
    ("ar", "a"),
    ("er", "e"),
    ("ir", "e"),
    ("a", "ar"),
    ("e", "er"),
    ("e", "ir"),
    ("ando", "ar"),
    ("iendo", "er"),
    ("iendo", "ir"),
    ("ado", "ar"),
    ("ido", "er"),
    ("ido", "ir"),
    ("ar", "ando"),
    ("ar", "ado"),
    ("cion", "ciones"),
    ("ciones", "cion"),
];
const ENGLISH_ENDINGS: &[(&str, &str)] = &[
    ("s", ""),
    ("es", ""),
    ("ies", "y"),
    ("", "s"),
    ("y", "ies"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("", "ing"),
    ("e", "ing"),
];

/// Endings are swapped only where this many letters are left before them.
pub const ENDING_MIN_STEM: usize = 3;

impl Analyzer {
    pub fn new(language: Language) -> Analyzer {
        let (algorithm, code) = match language {
            Language::Es => (Algorithm::Spanish, "es"),
            Language::En => (Algorithm::English, "en"),
        };
        let list = stop_words::get(code);
        let stop_words = list.iter().flat_map(|w| [w.to_string(), fold(w)]).collect();
        Analyzer { stemmer: Stemmer::create(algorithm), stop_words, language }
    }

    /// The ending rules the browser applies to query words (`SPANISH_ENDINGS` or `ENGLISH_ENDINGS`).
    pub fn endings(&self) -> &'static [(&'static str, &'static str)] {
        match self.language {
            Language::Es => SPANISH_ENDINGS,
            Language::En => ENGLISH_ENDINGS,
        }
    }

    /// The stop words, folded and sorted, as the browser needs them.
    pub fn stop_words(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self.stop_words.iter().map(String::as_str).filter(|w| fold(w) == *w).collect();
        words.sort_unstable();
        words
    }

    /// The indexable words of `text`: no stop words, no one-letter words.
    pub fn tokens<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Token> + 'a {
        unicode_words(text).filter_map(move |word| self.token(word))
    }

    /// One word as a token, or `None` for stop words and words too short to search for.
    pub fn token(&self, word: &str) -> Option<Token> {
        let form = word.to_lowercase();
        if form.chars().count() < 2 || self.stop_words.contains(&form) {
            return None;
        }
        let folded = fold(&form);
        if self.stop_words.contains(&folded) {
            return None;
        }
        let stem = match form.len() <= LONGEST_STEMMED {
            true => fold(&self.stemmer.stem(&form)),
            false => folded.clone(),
        };
        Some(Token { form: form.into(), folded: folded.into(), stem: stem.into() })
    }
}

/// The words of `text` by the Unicode word boundary rules (UAX #29). Most whitespace-separated
/// runs are plain letters and digits of alphabetic scripts, which the rules never split: those
/// skip the full boundary machinery, which is the costliest step of indexing otherwise.
pub fn unicode_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace().flat_map(|chunk| {
        let plain = chunk.chars().all(|c| c.is_alphanumeric() && (c as u32) < 0x0530);
        let (whole, parts) = if plain { (Some(chunk), None) } else { (None, Some(chunk.unicode_words())) };
        whole.into_iter().chain(parts.into_iter().flatten())
    })
}

/// The bytes of what `str::split_ascii_whitespace` gives, found eight bytes at a time: the
/// indexer splits every word of a site this way before anything else, and most chunks are a few
/// bytes long. Each is valid UTF-8, as whitespace is ASCII.
pub fn split_ascii_whitespace(text: &str) -> impl Iterator<Item = &[u8]> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let start = at;
        at = next_ascii_whitespace(bytes, at + 1);
        Some(&bytes[start..at])
    })
}

/// The index of the first ASCII whitespace byte at or after `from`, or the length of `bytes`.
fn next_ascii_whitespace(bytes: &[u8], mut from: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    while let Some(block) = bytes.get(from..from + 8) {
        let word = u64::from_le_bytes(block.try_into().expect("eight bytes"));
        // The lowest flagged byte is the first one below 0x21 (later flags may be borrows).
        let below = word.wrapping_sub(ONES * 0x21) & !word & HIGHS;
        if below == 0 {
            from += 8;
            continue;
        }
        let first = from + (below.trailing_zeros() / 8) as usize;
        if bytes[first].is_ascii_whitespace() {
            return first;
        }
        from = first + 1;
    }
    bytes[from.min(bytes.len())..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |i| from + i)
}

/// Removes accents but keeps `ñ` (and `Ñ`): `Comunicación` → `Comunicacion`, `año` → `año`.
/// The browser applies the same rule: NFD, drop combining marks, except the tilde of `ñ`.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ñ' | 'Ñ' => out.push(c),
            c if c.is_ascii() => out.push(c),
            c => out.extend(std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(analyzer: &Analyzer, words: &[&str]) -> Vec<String> {
        words.iter().map(|w| analyzer.token(w).map(|t| t.stem.to_string()).unwrap_or_default()).collect()
    }

    #[test]
    fn spanish_inflections_share_a_stem() {
        let es = Analyzer::new(Language::Es);
        for group in [
            &["clientes", "cliente", "Cliente"][..],
            &["escuchar", "escucha", "escuché", "escuchamos"],
            &["comunicación", "comunicaciones"],
            &["reclamación", "reclamaciones"],
            &["devolución", "devoluciones"],
            &["empatía", "empático"],
        ] {
            let s = stems(&es, group);
            assert!(s.iter().all(|x| *x == s[0] && !x.is_empty()), "{group:?} → {s:?}");
        }
    }

    #[test]
    fn words_follow_the_unicode_rules() {
        let text = "¿Qué es? «Atención» 24/7, e-mail del 3.5% año_2 O'Brien 日本語 naïve\u{301}";
        let fast: Vec<&str> = unicode_words(text).collect();
        let full: Vec<&str> = text.unicode_words().collect();
        assert_eq!(fast, full);
    }

    #[test]
    fn ascii_whitespace_splits_as_the_standard_library_does() {
        for text in [
            "",
            " ",
            "una",
            "  la   atención\tal\ncliente\r\n",
            "\x0cformulario\x01de\x1fcontacto  ",
            "año    ñandú «cita» 日本語 x",
            "abcdefghijklmnopqrstuvwxyz0123456789 abcdefgh ijklmnop\tqrstuvwx",
            "        ocho espacios        y más",
        ] {
            let ours: Vec<&[u8]> = split_ascii_whitespace(text).collect();
            let std: Vec<&[u8]> = text.split_ascii_whitespace().map(str::as_bytes).collect();
            assert_eq!(ours, std, "{text:?}");
        }
        // Strings of every length up to 40 drawn from whitespace, control, ASCII and multibyte
        // characters, by a fixed pseudo-random sequence.
        let alphabet =
            [" ", "\t", "\n", "\r", "\x0c", "\x01", "\x1f", "!", "a", "Z", "~", "ñ", "é", "«", "日", "\u{2028}"];
        let mut seed = 0x2545_f491_u32;
        for len in 0..40 {
            for _ in 0..50 {
                let text: String = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 17;
                        seed ^= seed << 5;
                        alphabet[seed as usize % alphabet.len()]
                    })
                    .collect();
                let ours: Vec<&[u8]> = split_ascii_whitespace(&text).collect();
                let std: Vec<&[u8]> = text.split_ascii_whitespace().map(str::as_bytes).collect();
                assert_eq!(ours, std, "{text:?}");
            }
        }
    }

    #[test]
    fn accents_fold_but_enye_stays() {
        assert_eq!(fold("empatía"), "empatia");
        assert_eq!(fold("Comunicación"), "Comunicacion");
        assert_eq!(fold("pingüino"), "pinguino");
        assert_eq!(fold("año"), "año");
        assert_ne!(fold("año"), fold("ano"));
        let es = Analyzer::new(Language::Es);
        let empatia = es.token("empatía").unwrap();
        assert_eq!((&*empatia.form, &*empatia.folded), ("empatía", "empatia"));
        assert_ne!(es.token("año").unwrap().stem, es.token("ano").unwrap().stem);
    }

    #[test]
    fn words_too_long_to_be_words_are_their_own_stem() {
        let es = Analyzer::new(Language::Es);
        let word = "á".repeat(200_000);
        let token = es.token(&word).unwrap();
        assert_eq!(&*token.stem, "a".repeat(200_000));
        let longest = "ó".repeat(LONGEST_STEMMED / 2);
        assert_eq!(&*es.token(&longest).unwrap().stem, fold(&es.stemmer.stem(&longest)), "still stemmed");
    }

    #[test]
    fn stop_words_and_short_words_are_left_out() {
        let es = Analyzer::new(Language::Es);
        let words: Vec<String> =
            es.tokens("¿Qué es la empatía? El cliente y la «atención» de 24 h.").map(|t| t.form.to_string()).collect();
        assert_eq!(words, ["empatía", "cliente", "atención", "24"]);
        let en = Analyzer::new(Language::En);
        let words: Vec<String> = en.tokens("The customers are listening").map(|t| t.stem.to_string()).collect();
        assert_eq!(words, ["custom", "listen"]);
    }

    #[test]
    fn browser_gets_folded_stop_words() {
        let es = Analyzer::new(Language::Es);
        let words = es.stop_words();
        assert!(words.contains(&"de") && words.contains(&"esta"));
        assert!(!words.contains(&"está"));
        assert!(words.windows(2).all(|w| w[0] < w[1]));
    }
}
