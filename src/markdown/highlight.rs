//! Code highlighting at build time, so pages need no script for it: fenced code blocks with a
//! known language become spans with `hl-` classes (scopes of Sublime Text grammars), coloured by
//! the theme's stylesheet in light and dark.

use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The grammars, loaded on the first code block that names a language.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Languages that mean "no highlighting".
const PLAIN: &[&str] = &["", "text", "txt", "plain", "plaintext", "output", "console-output"];

/// `lang` names no language, or plain text.
pub fn is_plain(lang: &str) -> bool {
    PLAIN.contains(&lang.to_ascii_lowercase().as_str())
}

/// The highlighted HTML (the inside of `<code>`) of `code` in language `lang`, or `None` when
/// the language is unknown or plain text.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    if is_plain(lang) {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut html =
        ClassedHTMLGenerator::new_with_class_style(syntax, set, ClassStyle::SpacedPrefixed { prefix: "hl-" });
    for line in LinesWithEndings::from(code) {
        html.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(html.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let html = highlight("{\"ticket\": 42}\n", "json").unwrap();
        assert!(html.contains("hl-string") && html.contains("hl-constant"), "{html}");
        assert!(html.contains("ticket"));
    }

    #[test]
    fn plain_and_unknown_languages_are_left_alone() {
        assert_eq!(highlight("hola\n", "text"), None);
        assert_eq!(highlight("hola\n", "no-such-language"), None);
    }

    #[test]
    fn code_is_escaped() {
        let html = highlight("<script>alert(1)</script>\n", "html").unwrap();
        assert!(!html.contains("<script>"), "{html}");
    }
}
