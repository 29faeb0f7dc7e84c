//! Code highlighting at build time, so pages need no script for it: fenced code blocks with a
//! known language (Sublime Text grammars) become runs of text, each run of one kind of token
//! in one span with one class (`hl-comment`, `hl-string`, `hl-keyword`, `hl-constant`,
//! `hl-entity`, `hl-tag`), coloured by the theme's stylesheet in light and dark.
//!
//! Which kind a token is comes from its grammar scopes through a theme of scope selectors,
//! matched by syntect as an editor matches them; the theme's "colour" is only the kind's number.
//! A page thus carries one short span per token, not a nest of spans for every scope.

use std::str::FromStr;
use std::sync::OnceLock;
use syntect::easy::HighlightLines;
use syntect::highlighting::{Color, ScopeSelectors, StyleModifier, Theme, ThemeItem};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::escape_text;

/// The grammars, loaded on the first code block that names a language.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The kinds of token the stylesheet colours, by the scope selectors that make a token one:
/// where several match, the most specific wins (so a tag name is a tag, not an entity, and a
/// string that is a mapping's key is coloured as a tag).
const KINDS: &[(&str, &str)] = &[
    ("comment", "comment"),
    ("string", "string"),
    ("keyword", "keyword, storage"),
    ("constant", "constant, support"),
    ("entity", "entity, variable.function"),
    ("tag", "entity.name.tag, meta.tag, punctuation.definition.tag, meta.mapping.key string"),
];

/// A theme whose foreground colour's red channel is the kind's number in [`KINDS`] plus one (0:
/// plain text).
fn kinds() -> &'static Theme {
    static KINDS_THEME: OnceLock<Theme> = OnceLock::new();
    KINDS_THEME.get_or_init(|| Theme {
        scopes: KINDS
            .iter()
            .enumerate()
            .map(|(n, (_, selectors))| ThemeItem {
                scope: ScopeSelectors::from_str(selectors).expect("the kinds' selectors parse"),
                style: StyleModifier {
                    foreground: Some(Color { r: n as u8 + 1, g: 0, b: 0, a: 255 }),
                    ..StyleModifier::default()
                },
            })
            .collect(),
        ..Theme::default()
    })
}

/// Languages that mean "no highlighting".
const PLAIN: &[&str] = &["", "text", "txt", "plain", "plaintext", "output", "console-output"];

/// `lang` names no language, or plain text.
pub fn is_plain(lang: &str) -> bool {
    PLAIN.contains(&lang.to_ascii_lowercase().as_str())
}

/// The highlighted HTML (the inside of `<code>`) of `code` in language `lang`, or `None` when
/// the language is unknown or plain text. Consecutive tokens of one kind share a span, across
/// lines too.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    if is_plain(lang) {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut lines = HighlightLines::new(syntax, kinds());
    let mut html = String::with_capacity(code.len() * 2);
    let mut open = 0;
    for line in LinesWithEndings::from(code) {
        for (style, text) in lines.highlight_line(line, set).ok()? {
            let kind = style.foreground.r as usize;
            if kind != open && !text.trim().is_empty() {
                if open != 0 {
                    html.push_str("</span>");
                }
                if kind != 0 {
                    html.push_str("<span class=\"hl-");
                    html.push_str(KINDS[kind - 1].0);
                    html.push_str("\">");
                }
                open = kind;
            }
            escape_text(&mut html, text);
        }
    }
    if open != 0 {
        html.push_str("</span>");
    }
    Some(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_one_class_per_token() {
        let html = highlight("{\"ticket\": 42, \"estado\": \"abierto\"}\n", "json").unwrap();
        assert_eq!(
            html,
            "{<span class=\"hl-string\">\"ticket\"</span>: <span class=\"hl-constant\">42</span>, \
             <span class=\"hl-string\">\"estado\"</span>: <span class=\"hl-string\">\"abierto\"</span>}\n"
        );
    }

    #[test]
    fn kinds_follow_the_most_specific_scope() {
        let html = highlight("<p class=\"nota\">hola</p>\n", "html").unwrap();
        assert_eq!(
            html,
            "<span class=\"hl-tag\">&lt;p </span><span class=\"hl-entity\">class</span><span class=\"hl-tag\">=</span>\
             <span class=\"hl-string\">\"nota\"</span><span class=\"hl-tag\">&gt;</span>hola<span class=\"hl-tag\">&lt;/p&gt;\n</span>"
        );
        let html = highlight("def f(x):  # nota\n    return len(x)\n", "python").unwrap();
        assert_eq!(
            html,
            "<span class=\"hl-keyword\">def </span><span class=\"hl-entity\">f</span>(x):  \
             <span class=\"hl-comment\"># nota\n    </span><span class=\"hl-keyword\">return </span>\
             <span class=\"hl-constant\">len</span>(x)\n"
        );
        let html = highlight("clave: valor\n", "yaml").unwrap();
        assert_eq!(html, "<span class=\"hl-tag\">clave</span>: <span class=\"hl-string\">valor\n</span>");
    }

    #[test]
    fn plain_and_unknown_languages_are_left_alone() {
        assert_eq!(highlight("hola\n", "text"), None);
        assert_eq!(highlight("hola\n", "no-such-language"), None);
    }

    #[test]
    fn code_is_escaped_and_kept_whole() {
        let code = "<script>alert(1)</script>\n  if x < 2 { return; } // fin\n";
        let html = highlight(code, "html").unwrap();
        assert!(!html.contains("<script>"), "{html}");
        let text = html.split('<').map(|s| s.split_once('>').map_or(s, |(_, t)| t)).collect::<String>();
        assert_eq!(text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\""), code);
    }
}
