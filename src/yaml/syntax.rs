//! What a YAML syntax error means for an author: the cause told from the text around the
//! parser's position (a tab in the indentation, an unclosed quote or bracket, a key without its
//! colon, a line indented unlike its siblings, a list where a value goes, `: ` inside a value, a
//! value starting with a reserved character), placed where the author has to look. The parser's
//! own words are kept only for causes this cannot tell, as a last resort.

use crate::diagnostics::line_col;
use crate::messages::Message;
use crate::msg;

/// A syntax problem: its message and the block position (1-based line and column) to show it at.
#[derive(Debug, PartialEq, Eq)]
pub struct Cause {
    pub message: Message,
    pub line: usize,
    pub col: usize,
}

/// The cause of the YAML error `e` met in `text`; `place` names the block (the front matter,
/// aula.yaml, the quiz).
pub fn cause(text: &str, e: &serde_yaml::Error, place: Message) -> Cause {
    let words = e.to_string();
    let limit = if words.contains("recursion limit exceeded") {
        Some(msg!("yaml-nested-too-deep", place = place.clone()))
    } else if words.contains("repetition limit exceeded") {
        Some(msg!("yaml-too-many-aliases", place = place.clone()))
    } else {
        None
    };
    let Some(location) = e.location().filter(|_| limit.is_none()) else {
        let (line, col) = e.location().map_or((1, 1), |l| line_col(text, l.index()));
        let message =
            limit.unwrap_or_else(|| msg!("yaml-parser-says", place = place, words = without_positions(&words)));
        return Cause { message, line, col };
    };
    let (line, col) = line_col(text, location.index().min(text.len()));
    let lines: Vec<&str> = text.lines().collect();
    let classified = tab(&lines, line)
        .or_else(|| open_at_end(text))
        .or_else(|| missing_colon(&lines, line))
        .or_else(|| misplaced_line(&lines, line))
        .or_else(|| colon_in_value(&lines, line))
        .or_else(|| reserved_start(&lines, line));
    match classified {
        Some((kind, line, col)) => Cause { message: kind.message(place), line, col },
        None => {
            Cause { message: msg!("yaml-parser-says", place = place, words = without_positions(&words)), line, col }
        }
    }
}

/// The causes told apart, with what each needs to be said.
enum Kind {
    Tab,
    Quote,
    Bracket(char),
    MissingColon(String),
    BadIndent,
    ListWhereValue,
    ColonInValue,
    Reserved(char),
}

impl Kind {
    fn message(self, place: Message) -> Message {
        match self {
            Kind::Tab => msg!("yaml-tab", place = place),
            Kind::Quote => msg!("yaml-unclosed-quote", place = place),
            Kind::Bracket(open) => {
                let close = if open == '[' { "]" } else { "}" };
                msg!("yaml-unclosed-bracket", place = place, open = open.to_string(), close = close)
            }
            Kind::MissingColon(line) => msg!("yaml-missing-colon", place = place, line = line),
            Kind::BadIndent => msg!("yaml-bad-indent", place = place),
            Kind::ListWhereValue => msg!("yaml-list-where-value", place = place),
            Kind::ColonInValue => msg!("yaml-colon-in-value", place = place),
            Kind::Reserved(c) => msg!("yaml-reserved-start", place = place, character = c.to_string()),
        }
    }
}

type Found = Option<(Kind, usize, usize)>;

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// A tab in the indentation of a line up to the error's.
fn tab(lines: &[&str], error_line: usize) -> Found {
    lines.iter().take(error_line).enumerate().find_map(|(i, line)| {
        let lead = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        let at = lead.find('\t')?;
        Some((Kind::Tab, i + 1, at + 1))
    })
}

/// A quote or a bracket opened and never closed: the scan of [`super::too_deep`], to the end.
fn open_at_end(text: &str) -> Found {
    let (mut line, mut col) = (1, 0);
    let (mut quote, mut escaped, mut comment, mut prev) = (None::<(char, usize, usize)>, false, false, '\n');
    let mut brackets: Vec<(char, usize, usize)> = Vec::new();
    for c in text.chars() {
        col += 1;
        let token_start = prev.is_whitespace() || matches!(prev, '[' | '{' | ',');
        match quote {
            _ if c == '\n' => comment = false,
            Some(('"', ..)) if escaped => escaped = false,
            Some(('"', ..)) if c == '\\' => escaped = true,
            Some((q, ..)) if c == q => quote = None,
            Some(_) => {}
            None if comment => {}
            None => match c {
                '#' if prev.is_whitespace() => comment = true,
                '\'' | '"' if token_start => quote = Some((c, line, col)),
                '[' | '{' if token_start || !brackets.is_empty() => brackets.push((c, line, col)),
                ']' | '}' => {
                    brackets.pop();
                }
                _ => {}
            },
        }
        if c == '\n' {
            (line, col) = (line + 1, 0);
        }
        prev = c;
    }
    if let Some((_, line, col)) = quote {
        return Some((Kind::Quote, line, col));
    }
    brackets.first().map(|&(c, line, col)| (Kind::Bracket(c), line, col))
}

/// `key: value` of a line, trimmed: `None` for list items and lines without a key.
fn key_and_value(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    if t.starts_with(['-', '#', '"', '\'', '[', '{', '|', '>']) {
        return None;
    }
    let colon = t.find(": ").or_else(|| t.strip_suffix(':').map(str::len))?;
    Some((&t[..colon], t[colon + 1..].trim()))
}

/// The nearest line up to the error's that has no `:` though the lines beside it, at its
/// indentation, are `key: value` lines (`title Foo`).
fn missing_colon(lines: &[&str], error_line: usize) -> Found {
    let last = error_line.min(lines.len());
    for i in (0..last).rev() {
        let line = lines[i];
        let t = line.trim();
        if !is_content(line) || t.starts_with(['-', '"', '\'', '[', '{', '|', '>']) || t.contains(':') {
            continue;
        }
        let sibling = |j: usize| {
            lines.get(j).is_some_and(|l| is_content(l) && indent(l) == indent(line) && key_and_value(l).is_some())
        };
        let before = (0..i).rev().find(|&j| is_content(lines[j]));
        let after = (i + 1..lines.len()).find(|&j| is_content(lines[j]));
        if before.is_some_and(sibling) || after.is_some_and(sibling) {
            let shown: String = t.chars().take(40).collect();
            return Some((Kind::MissingColon(shown), i + 1, indent(line) + 1));
        }
    }
    None
}

/// The error's line indented unlike the line above it, which does not open a nested block
/// (a key under a scalar value, a sibling out of line), or a list item where a key goes.
fn misplaced_line(lines: &[&str], error_line: usize) -> Found {
    let i = error_line.checked_sub(1).filter(|&i| i < lines.len())?;
    let line = lines[i];
    if !is_content(line) {
        return None;
    }
    let above = (0..i).rev().find(|&j| is_content(lines[j]))?;
    let prev = lines[above];
    let opens_block = key_and_value(prev).is_some_and(|(_, v)| v.is_empty() || v.starts_with('#'))
        || prev.trim() == "-"
        || prev.trim_end().ends_with(['|', '>']);
    let item = line.trim_start().starts_with("- ") || line.trim() == "-";
    let (here, there) = (indent(line), indent(prev));
    if item && here <= there && key_and_value(prev).is_some_and(|(_, v)| !v.is_empty()) {
        return Some((Kind::ListWhereValue, i + 1, here + 1));
    }
    let out_of_line = if here > there {
        !opens_block
    } else {
        // Back out to a level above is fine when a line above stands at it.
        let level = (0..=above).rev().filter(|&j| is_content(lines[j])).map(|j| indent(lines[j])).find(|&n| n <= here);
        level != Some(here)
    };
    out_of_line.then_some((Kind::BadIndent, i + 1, here + 1))
}

/// `key: value: more` on the error's line.
fn colon_in_value(lines: &[&str], error_line: usize) -> Found {
    let line = lines.get(error_line.checked_sub(1)?)?;
    let (_, value) = key_and_value(line)?;
    if value.contains(": ") || value.ends_with(':') {
        let col = line.len() - line.trim_start().len() + line.trim().len() - value.len() + 1;
        return Some((Kind::ColonInValue, error_line, col));
    }
    None
}

/// A value on the error's line starting with `@`, `` ` `` or `%`, which YAML keeps for itself.
fn reserved_start(lines: &[&str], error_line: usize) -> Found {
    let line = lines.get(error_line.checked_sub(1)?)?;
    let value = match key_and_value(line) {
        Some((_, v)) => v,
        None => line.trim().trim_start_matches("- "),
    };
    let c = value.chars().next().filter(|c| matches!(c, '@' | '`' | '%'))?;
    let col = line.find(value).map_or(1, |at| line[..at].chars().count() + 1);
    Some((Kind::Reserved(c), error_line, col))
}

/// The parser's words without the block positions they quote, which are not the file's.
fn without_positions(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    let mut rest = words;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + " at line ".len()..];
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        let tail = &tail[digits..];
        rest = match tail.strip_prefix(" column ") {
            Some(t) => &t[t.bytes().take_while(u8::is_ascii_digit).count()..],
            None => tail,
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;

    /// The id and block position of what `text` is told it has wrong.
    fn told(text: &str) -> (&'static str, usize, usize) {
        let e = serde_yaml::from_str::<serde_yaml::Value>(text).expect_err(text);
        let c = cause(text, &e, msg!("yaml-place-front-matter"));
        (c.message.id, c.line, c.col)
    }

    #[test]
    fn each_cause_is_told_from_the_text() {
        for (text, want) in [
            ("title: A\n\tweight: 2\n", ("yaml-tab", 2, 1)),
            ("tags:\n\t- a\n", ("yaml-tab", 2, 1)),
            ("title: 'abierta\nweight: 2\n", ("yaml-unclosed-quote", 1, 8)),
            ("weight: 2\ntitle: \"abierta\n", ("yaml-unclosed-quote", 2, 8)),
            ("title: [roto\nweight: 2\n", ("yaml-unclosed-bracket", 1, 8)),
            ("extra: {a: 1\nweight: 2\n", ("yaml-unclosed-bracket", 1, 8)),
            ("title: A\ndescription Foo bar\nweight: 2\n", ("yaml-missing-colon", 2, 1)),
            ("title A\nweight: 2\n", ("yaml-missing-colon", 1, 1)),
            ("title: A\n  description: B\nweight: 2\n", ("yaml-bad-indent", 2, 3)),
            ("tags:\n  - a\n - b\nweight: 2\n", ("yaml-bad-indent", 3, 2)),
            ("extra:\n    a: 1\n  b: 2\n", ("yaml-bad-indent", 3, 3)),
            ("title: A\n- item\nweight: 2\n", ("yaml-list-where-value", 2, 1)),
            ("title: Hola: mundo\n", ("yaml-colon-in-value", 1, 8)),
            ("weight: 2\ntitle: Uno: dos\n", ("yaml-colon-in-value", 2, 8)),
            ("title: @ana\n", ("yaml-reserved-start", 1, 8)),
            ("title: `code`\n", ("yaml-reserved-start", 1, 8)),
            ("title: %50\n", ("yaml-reserved-start", 1, 8)),
            ("title: a\n&x y: *z\n", ("yaml-parser-says", 2, 7)),
        ] {
            assert_eq!(told(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_colon_in_a_plain_value_is_not_a_missing_colon() {
        assert_eq!(told("description: uno\n  dos\nweight: x: y\n").0, "yaml-colon-in-value");
    }

    #[test]
    fn the_parser_words_are_the_last_resort_without_positions() {
        let text = "a: *nada\n";
        let e = serde_yaml::from_str::<serde_yaml::Value>(text).unwrap_err();
        let c = cause(text, &e, msg!("yaml-place-config"));
        assert_eq!(c.message.id, "yaml-parser-says");
        let en = c.message.render(Language::En);
        assert!(en.starts_with("aula.yaml has a YAML error that aula cannot explain; the YAML parser says: "), "{en}");
        assert!(!en.contains("at line"), "{en}");
        assert!(c.message.render(Language::Es).contains("el analizador de YAML dice: "));
        assert_eq!(without_positions("x at line 2 column 8, while y at line 1 column 3"), "x, while y");
    }
}
