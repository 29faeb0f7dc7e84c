//! YAML with locations: typed parsing of a YAML block that sits somewhere inside a file, with
//! every problem reported at the line of the *file*, not of the block.
//!
//! Used for `aula.yaml` and for front matter. Unknown keys are collected (the caller decides
//! whether they warn or fail), duplicate top-level keys are errors, and parser messages are
//! rewritten so the positions they quote are file positions too. Pure: takes text, returns values.

use serde::de::DeserializeOwned;
use std::path::Path;

use crate::diagnostics::{Diagnostic, suggestion};

/// Where a YAML block sits in its file: the file line of the block's first line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block<'a> {
    pub text: &'a str,
    pub first_line: usize,
}

/// A top-level key of a YAML mapping and the file position of its first character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPos {
    pub key: String,
    pub line: usize,
    pub col: usize,
}

/// The result of [`parse`]: the value (if it could be built) and what went wrong on the way.
pub struct Parsed<T> {
    pub value: Option<T>,
    pub errors: Vec<Diagnostic>,
    /// Keys the typed struct does not know, with the file line where they appear.
    pub unknown: Vec<KeyPos>,
    pub keys: Vec<KeyPos>,
}

/// Parses `block` into `T`, reporting errors at file positions of `path`; `what` names the
/// block in messages ("front matter", "aula.yaml").
pub fn parse<T: DeserializeOwned + Default>(path: &Path, block: Block<'_>, what: &str) -> Parsed<T> {
    let keys = top_level_keys(block);
    let mut errors = duplicate_keys(path, &keys);
    if block.text.trim().is_empty() {
        return Parsed { value: Some(T::default()), errors, unknown: Vec::new(), keys };
    }
    let mut ignored = Vec::new();
    let deserializer = serde_yaml::Deserializer::from_str(block.text);
    let result: Result<T, _> = serde_ignored::deserialize(deserializer, |p| ignored.push(p.to_string()));
    let value = match result {
        Ok(value) => Some(value),
        Err(e) => {
            // A duplicate key is already reported at its own line; serde's copy points at line 1.
            if !e.to_string().starts_with("duplicate field") || errors.is_empty() {
                errors.push(relocate_error(path, block, what, &e));
            }
            None
        }
    };
    let unknown = ignored
        .into_iter()
        .map(|dotted| {
            let top = dotted.split('.').next().unwrap_or(&dotted).to_string();
            let pos = keys.iter().find(|k| k.key == top);
            KeyPos { key: dotted, line: pos.map_or(block.first_line, |k| k.line), col: pos.map_or(1, |k| k.col) }
        })
        .collect();
    Parsed { value, errors, unknown, keys }
}

/// The diagnostic for an unknown key: the nearest known key, or the list of keys.
pub fn unknown_key_message(key: &str, known: &[&str], what: &str) -> String {
    format!("unknown key `{key}` in {what}: {}", suggestion(key, known))
}

/// The file position of the value of top-level key `key`, if present.
pub fn key_position(keys: &[KeyPos], key: &str) -> Option<(usize, usize)> {
    keys.iter().find(|k| k.key == key).map(|k| (k.line, k.col))
}

/// Top-level keys of a block mapping, found by a light line scan. It only has to be right for
/// plain block mappings, which is what front matter and config files are; anything else gets
/// located at the block's first line.
pub fn top_level_keys(block: Block<'_>) -> Vec<KeyPos> {
    let mut keys = Vec::new();
    for (i, line) in block.text.lines().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || matches!(first, '#' | '-' | '[' | '{' | '|' | '>') {
            continue;
        }
        if let Some(key) = key_of_line(line) {
            keys.push(KeyPos { key, line: block.first_line + i, col: 1 });
        }
    }
    keys
}

fn key_of_line(line: &str) -> Option<String> {
    let line = line.trim_end();
    let (raw, quoted) = match line.chars().next()? {
        q @ ('"' | '\'') => {
            let end = line[1..].find(q)? + 1;
            (&line[1..end], Some(end + 1))
        }
        _ => {
            let colon = line.find(": ").or_else(|| line.strip_suffix(':').map(|s| s.len()))?;
            (&line[..colon], None)
        }
    };
    if let Some(after) = quoted {
        if !line[after..].trim_start().starts_with(':') {
            return None;
        }
    }
    Some(raw.trim().to_string())
}

fn duplicate_keys(path: &Path, keys: &[KeyPos]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(first) = keys[..i].iter().find(|p| p.key == k.key) {
            errors.push(Diagnostic::error(
                path,
                k.line,
                k.col,
                format!("duplicate key `{}` (first set at line {}): keep one of them", k.key, first.line),
            ));
        }
    }
    errors
}

/// Turns a YAML error into a diagnostic at the file position, rewriting the block positions the
/// message quotes ("at line 2 column 9") into file positions.
fn relocate_error(path: &Path, block: Block<'_>, what: &str, e: &serde_yaml::Error) -> Diagnostic {
    let (line, col) = match e.location() {
        Some(loc) => (block.first_line + loc.line() - 1, loc.column()),
        None => (block.first_line, 1),
    };
    let message = rewrite_positions(&e.to_string(), block.first_line);
    // The position is already in front of the message; do not repeat it inside.
    let message = message.replacen(&format!(" at line {line} column {col}"), "", 1);
    Diagnostic::error(path, line, col, format!("invalid {what}: {}", hint(&message)))
}

fn rewrite_positions(message: &str, first_line: usize) -> String {
    const MARK: &str = "at line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(MARK) {
        out.push_str(&rest[..i + MARK.len()]);
        rest = &rest[i + MARK.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        match rest[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + first_line - 1).to_string()),
            Err(_) => out.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

/// Adds what to do to the parser's most common complaints.
fn hint(message: &str) -> String {
    let advice = if message.contains("mapping values are not allowed") {
        Some("put quotes around a value that contains `: `")
    } else if message.contains("found character that cannot start any token") {
        Some("quote values that start with `@`, `` ` `` or `%`")
    } else if message.contains("tab character") {
        Some("indent YAML with spaces, not tabs")
    } else if message.contains("expected a sequence") {
        Some("write a list as `[a, b]` or as lines starting with `- `")
    } else if message.contains("did not find expected") || message.contains("end of stream") {
        Some("check for an unclosed quote or bracket")
    } else {
        None
    };
    match advice {
        Some(a) => format!("{message} ({a})"),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Default, Debug)]
    struct Demo {
        title: Option<String>,
        weight: Option<i64>,
    }

    fn block(text: &str) -> Block<'_> {
        Block { text, first_line: 2 }
    }

    #[test]
    fn typed_values() {
        let p = parse::<Demo>(Path::new("a.md"), block("title: x\nweight: 3\n"), "front matter");
        let v = p.value.unwrap();
        assert_eq!((v.title.as_deref(), v.weight), (Some("x"), Some(3)));
    }

    #[test]
    fn errors_are_at_file_lines() {
        let p = parse::<Demo>(Path::new("a.md"), block("title: x\nweight: heavy\n"), "front matter");
        assert!(p.value.is_none());
        let e = &p.errors[0];
        assert_eq!((e.line, e.col), (3, 9));
        assert_eq!(e.message, "invalid front matter: weight: invalid type: string \"heavy\", expected i64");
    }

    #[test]
    fn positions_inside_messages_are_rewritten() {
        let p = parse::<Demo>(Path::new("a.md"), block("title: 'open\n"), "front matter");
        let e = &p.errors[0];
        assert_eq!(e.line, 3);
        assert!(e.message.contains("at line 2 column 8"), "{}", e.message);
    }

    #[test]
    fn unknown_and_duplicate_keys() {
        let p = parse::<Demo>(Path::new("a.md"), block("title: a\nlayout: x\ntitle: b\n"), "front matter");
        assert_eq!(p.errors.len(), 1);
        assert_eq!((p.errors[0].line, &p.errors[0].message[..19]), (4, "duplicate key `titl"));
        let p = parse::<Demo>(Path::new("a.md"), block("title: a\nlayout: x\n"), "front matter");
        assert_eq!(p.unknown, [KeyPos { key: "layout".into(), line: 3, col: 1 }]);
    }

    #[test]
    fn key_scan() {
        let keys = top_level_keys(block("a: 1\n  b: 2\n- c\n\"q d\": 3\n# e: 4\nf:\n  - x\nurl: http://x\n"));
        let names: Vec<_> = keys.iter().map(|k| (k.key.as_str(), k.line)).collect();
        assert_eq!(names, [("a", 2), ("q d", 5), ("f", 7), ("url", 9)]);
    }
}
