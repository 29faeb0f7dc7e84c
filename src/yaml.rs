//! YAML with locations: typed parsing of a YAML block that sits somewhere inside a file, with
//! every problem reported at the line of the *file*, not of the block.
//!
//! Used for `aula.yaml` and for front matter. Unknown keys are collected (the caller decides
//! whether they warn or fail), duplicate top-level keys are errors, and parser messages are
//! rewritten so the positions they quote are file positions too. Pure: takes text, returns values.

use serde::de::DeserializeOwned;
use std::collections::HashMap;
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
    if let Some((line, col)) = too_deep(block) {
        let message = format!(
            "{what} nests deeper than {DEEPEST_FLOW} levels of `[` and `{{`: close the brackets, or write the lists and maps flatter"
        );
        errors.push(Diagnostic::error(path, line, col, message));
        return Parsed { value: None, errors, unknown: Vec::new(), keys };
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
    let first = first_places(&keys);
    let unknown = ignored
        .into_iter()
        .map(|dotted| {
            let top = dotted.split('.').next().unwrap_or(&dotted);
            let pos = first.get(top);
            KeyPos { key: dotted, line: pos.map_or(block.first_line, |k| k.line), col: pos.map_or(1, |k| k.col) }
        })
        .collect();
    Parsed { value, errors, unknown, keys }
}

/// The deepest nesting of flow collections (`[…]`, `{…}`) handed to the YAML parser: it finds
/// its own limit only after work quadratic in the depth (100,000 `[` took 15 s), and no front
/// matter or configuration needs more than a few levels.
pub const DEEPEST_FLOW: usize = 64;

/// The file position of the first bracket that opens a flow collection deeper than
/// [`DEEPEST_FLOW`]. A light scan: brackets count where a YAML token can start (not inside a
/// word such as `a[1]`), and quoted strings and comments are skipped.
fn too_deep(block: Block<'_>) -> Option<(usize, usize)> {
    let (mut line, mut col) = (block.first_line, 0);
    let (mut depth, mut quote, mut escaped, mut comment, mut prev) = (0, None, false, false, '\n');
    for c in block.text.chars() {
        col += 1;
        let token_start = prev.is_whitespace() || (depth > 0 && matches!(prev, '[' | '{' | ',' | ':'));
        match quote {
            _ if c == '\n' => comment = false,
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if comment => {}
            None => match c {
                '#' if prev.is_whitespace() => comment = true,
                '\'' | '"' if token_start => quote = Some(c),
                '[' | '{' if token_start => {
                    depth += 1;
                    if depth > DEEPEST_FLOW {
                        return Some((line, col));
                    }
                }
                ']' | '}' => depth = usize::saturating_sub(depth, 1),
                _ => {}
            },
        }
        if c == '\n' {
            (line, col) = (line + 1, 0);
        }
        prev = c;
    }
    None
}

/// The diagnostic for an unknown key: the nearest known key, or the list of keys.
pub fn unknown_key_message(key: &str, known: &[&str], what: &str) -> String {
    format!("unknown key `{key}` in {what}: {}", suggestion(key, known).render(crate::config::Language::En))
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

/// Where each key is first set. Looked up once per key: front matter with thousands of keys
/// compared each with all the keys before it.
fn first_places(keys: &[KeyPos]) -> HashMap<&str, &KeyPos> {
    let mut first: HashMap<&str, &KeyPos> = HashMap::with_capacity(keys.len());
    for k in keys {
        first.entry(k.key.as_str()).or_insert(k);
    }
    first
}

fn duplicate_keys(path: &Path, keys: &[KeyPos]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let places = first_places(keys);
    for k in keys {
        if let Some(first) = places.get(k.key.as_str()).filter(|first| !std::ptr::eq(**first, k)) {
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
    } else if message.contains("recursion limit exceeded") {
        Some("lists and maps nest too deep here: write them flatter")
    } else if message.contains("repetition limit exceeded") {
        Some("aliases (`*name`) expand to too many values: write the values out instead of aliases of aliases")
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
        assert_eq!(
            e.message.render(crate::config::Language::En),
            "invalid front matter: weight: invalid type: string \"heavy\", expected i64"
        );
    }

    #[test]
    fn positions_inside_messages_are_rewritten() {
        let p = parse::<Demo>(Path::new("a.md"), block("title: 'open\n"), "front matter");
        let e = &p.errors[0];
        assert_eq!(e.line, 3);
        assert!(e.message.render(crate::config::Language::En).contains("at line 2 column 8"), "{}", e.message);
    }

    #[test]
    fn unknown_and_duplicate_keys() {
        let p = parse::<Demo>(Path::new("a.md"), block("title: a\nlayout: x\ntitle: b\n"), "front matter");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(
            (p.errors[0].line, &p.errors[0].message.render(crate::config::Language::En)[..19]),
            (4, "duplicate key `titl")
        );
        let p = parse::<Demo>(Path::new("a.md"), block("title: a\nlayout: x\n"), "front matter");
        assert_eq!(p.unknown, [KeyPos { key: "layout".into(), line: 3, col: 1 }]);
    }

    #[test]
    fn duplicates_among_twenty_thousand_keys_are_each_reported_at_their_line() {
        let text: String = (0..20_000).map(|i| format!("k{}: x\n", i % 10_000)).collect();
        let p = parse::<Demo>(Path::new("a.md"), block(&text), "front matter");
        assert_eq!(p.errors.len(), 10_000, "the second half repeats the first");
        assert!(p.errors.iter().enumerate().all(|(i, e)| e.line == 10_002 + i
            && e.message.render(crate::config::Language::En).contains(&format!("(first set at line {})", i + 2))));
    }

    #[test]
    fn key_scan() {
        let keys = top_level_keys(block("a: 1\n  b: 2\n- c\n\"q d\": 3\n# e: 4\nf:\n  - x\nurl: http://x\n"));
        let names: Vec<_> = keys.iter().map(|k| (k.key.as_str(), k.line)).collect();
        assert_eq!(names, [("a", 2), ("q d", 5), ("f", 7), ("url", 9)]);
    }

    #[derive(Deserialize, Default, Debug)]
    struct Free {
        extra: Option<serde_yaml::Value>,
    }

    fn free(text: &str) -> Parsed<Free> {
        parse::<Free>(Path::new("a.md"), block(text), "front matter")
    }

    #[test]
    fn flows_nested_too_deep_are_refused_before_parsing() {
        let p = free(&format!("title: x\nextra: {}\n", "[".repeat(100_000)));
        assert!(p.value.is_none());
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        let e = &p.errors[0];
        assert_eq!((e.line, e.col), (3, 8 + DEEPEST_FLOW), "at the first bracket too deep");
        assert!(
            e.message.render(crate::config::Language::En).starts_with("front matter nests deeper than 64 levels"),
            "{}",
            e.message
        );
        let p = free(&format!("extra: {}{}\n", "{a: ".repeat(DEEPEST_FLOW + 1), "}".repeat(DEEPEST_FLOW + 1)));
        assert!(p.errors[0].message.render(crate::config::Language::En).contains("deeper than"), "{:?}", p.errors);
    }

    #[test]
    fn brackets_in_words_strings_and_comments_are_not_nesting() {
        let deep = "[".repeat(DEEPEST_FLOW * 2);
        let shallow = format!("{}{}", "[".repeat(DEEPEST_FLOW - 1), "]".repeat(DEEPEST_FLOW - 1));
        for text in [
            format!("extra: {shallow}\n"),
            format!("extra: a{deep}\n"),
            format!("extra: '{deep}'\n"),
            format!("extra: \"{deep} \\\" {deep}\"\n"),
            format!("extra: x # {deep}\n"),
            format!("extra: [{shallow}, '{deep}', {shallow}]\n"),
        ] {
            let p = free(&text);
            assert!(p.errors.is_empty(), "{text}: {:?}", p.errors);
            assert!(p.value.is_some_and(|v| v.extra.is_some()), "{text}");
        }
    }

    #[test]
    fn nesting_and_alias_limits_of_the_parser_say_what_to_do() {
        let block_nest: String = (0..200).map(|i| format!("{}k:\n", " ".repeat(i + 1))).collect();
        let p = free(&format!("extra:\n{block_nest}"));
        assert!(
            p.errors[0].message.render(crate::config::Language::En).contains("write them flatter"),
            "{:?}",
            p.errors
        );
        let mut laughs = String::from("extra:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            laughs.push_str(&format!("  a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
        }
        let p = free(&laughs);
        assert!(p.value.is_none());
        assert!(
            p.errors[0].message.render(crate::config::Language::En).contains("aliases of aliases"),
            "{:?}",
            p.errors
        );
    }
}
