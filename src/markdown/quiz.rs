//! Self-check quizzes: a ```` ```quiz ```` code block of YAML (a question, options with
//! `correct` and `feedback`, an explanation) checked at build time and written as a form that
//! works without JavaScript (the answer can be revealed) and that the theme's script checks.
//! Answers and feedback carry `data-search="skip"`, and their text is not given to search.

use serde::Deserialize;
use std::path::Path;

use super::{escape_attr, escape_text};
use crate::diagnostics::{Severity, nearest};
use crate::messages::Message;
use crate::msg;
use crate::yaml::{self, Block, Place, Schema, Takes};

/// UI words of a quiz, in the site's language.
#[derive(Clone, Debug, Default)]
pub struct QuizLabels {
    pub title: String,
    pub check: String,
    pub correct: String,
    pub incorrect: String,
    pub show_answer: String,
    pub right_option: String,
    pub wrong_option: String,
    pub select_all: String,
    /// Said when the learner checks with nothing chosen.
    pub choose: String,
}

/// A checked quiz.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quiz {
    pub question: String,
    pub options: Vec<QuizOption>,
    pub explanation: Option<String>,
    /// Several options may be right: checkboxes instead of radio buttons.
    pub multiple: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizOption {
    pub text: String,
    pub correct: bool,
    pub feedback: Option<String>,
}

/// A problem in a quiz, at a byte offset of its YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuizProblem {
    pub offset: usize,
    pub message: Message,
    pub severity: Severity,
}

/// What the keys of a quiz and of its options take: the fields of [`QuizSpec`] and
/// [`OptionSpec`], which are the keys a quiz may have (a unit test holds them together).
const OPTION_SCHEMA: Schema = &[("text", Takes::Text), ("correct", Takes::Bool), ("feedback", Takes::Text)];
const QUIZ_SCHEMA: Schema = &[
    ("question", Takes::Text),
    ("options", Takes::Items(OPTION_SCHEMA)),
    ("explanation", Takes::Text),
    ("multiple", Takes::Bool),
];

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
struct QuizSpec {
    #[serde(deserialize_with = "yaml::text")]
    question: Option<String>,
    options: Vec<OptionSpec>,
    #[serde(deserialize_with = "yaml::text")]
    explanation: Option<String>,
    multiple: Option<bool>,
}

#[derive(Deserialize, Default, Debug)]
#[serde(default)]
struct OptionSpec {
    #[serde(deserialize_with = "yaml::text")]
    text: Option<String>,
    correct: bool,
    #[serde(deserialize_with = "yaml::text")]
    feedback: Option<String>,
}

/// Parses and checks the YAML of a quiz block. The quiz is `None` when it cannot be shown; the
/// problems (errors and warnings) are at byte offsets of `yaml`.
pub fn parse(yaml: &str) -> (Option<Quiz>, Vec<QuizProblem>) {
    let parsed = yaml::parse::<QuizSpec>(Path::new(""), Block { text: yaml, first_line: 1 }, Place::Quiz, QUIZ_SCHEMA);
    // yaml.rs places each problem where the author has to look (where a quote opened, say).
    let mut problems: Vec<QuizProblem> = parsed
        .errors
        .iter()
        .map(|e| QuizProblem {
            offset: offset_of(yaml, e.line, e.col),
            message: e.message.clone(),
            severity: e.severity,
        })
        .collect();
    for key in &parsed.unknown {
        let (name, known, place) = match key.key.rsplit_once('.') {
            Some((_, last)) => (last, yaml::keys::<OptionSpec>(), msg!("place-quiz-option")),
            None => (key.key.as_str(), yaml::keys::<QuizSpec>(), msg!("yaml-place-quiz")),
        };
        let at = nested_key_offset(yaml, offset_of(yaml, key.line, key.col), name);
        let message = match nearest(name, known.iter().copied()) {
            Some(near) => msg!("unknown-key-near", key = name, place = place, near = near),
            None => msg!("unknown-key-listed", key = name, place = place, keys = known.join(", ")),
        };
        problems.push(QuizProblem { offset: at, message, severity: Severity::Warning });
    }
    let Some(spec) = parsed.value else {
        return (None, problems);
    };
    let key_at = |key: &str| yaml::key_position(&parsed.keys, key).map_or(0, |(l, c)| offset_of(yaml, l, c));
    let mut error = |offset: usize, message: Message| {
        problems.push(QuizProblem { offset, message, severity: Severity::Error });
    };
    let question = spec.question.filter(|q| !q.trim().is_empty());
    if question.is_none() {
        error(0, msg!("quiz-no-question"));
    }
    if spec.options.len() < 2 {
        error(key_at("options"), msg!("quiz-few-options"));
    }
    let mut options = Vec::with_capacity(spec.options.len());
    for (i, option) in spec.options.into_iter().enumerate() {
        match option.text.filter(|t| !t.trim().is_empty()) {
            Some(text) => options.push(QuizOption { text, correct: option.correct, feedback: option.feedback }),
            None => error(item_offset(yaml, key_at("options"), i), msg!("quiz-option-without-text", number = i + 1)),
        }
    }
    let correct = options.iter().filter(|o| o.correct).count();
    if correct == 0 && options.len() >= 2 {
        error(key_at("options"), msg!("quiz-no-correct-option"));
    }
    if spec.multiple == Some(false) && correct > 1 {
        error(key_at("multiple"), msg!("quiz-single-but-many-correct", count = correct));
    }
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return (None, problems);
    }
    let quiz = Quiz {
        question: question.unwrap_or_default(),
        options,
        explanation: spec.explanation.filter(|e| !e.trim().is_empty()),
        multiple: spec.multiple.unwrap_or(correct > 1),
    };
    (Some(quiz), problems)
}

/// Which part of a quiz a piece of Markdown is: the question is searchable, the rest is not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Question,
    Answer,
}

/// The quiz as HTML. `number` counts quizzes on the page from 1; `prefix` keeps ids apart when
/// several lessons share a page; `markdown` renders a text of the quiz to HTML.
pub fn html(
    quiz: &Quiz,
    number: usize,
    prefix: &str,
    labels: &QuizLabels,
    markdown: &mut dyn FnMut(&str, Part) -> String,
) -> String {
    let id = format!("{prefix}quiz-{number}");
    let multiple = if quiz.multiple { " data-multiple" } else { "" };
    let mut out =
        format!("<div class=\"quiz\" id=\"{id}\" data-quiz=\"{number}\"{multiple}>\n<p class=\"block-title\">");
    escape_text(&mut out, &labels.title);
    out.push_str(&format!("</p>\n<div class=\"quiz-question\" id=\"{id}-question\">\n"));
    out.push_str(&markdown(&quiz.question, Part::Question));
    out.push_str(&format!(
        "</div>\n<fieldset class=\"quiz-options\" data-search=\"skip\" aria-labelledby=\"{id}-question\">\n"
    ));
    if quiz.multiple {
        out.push_str("<p class=\"quiz-hint\">");
        escape_text(&mut out, &labels.select_all);
        out.push_str("</p>\n");
    }
    out.push_str("<ul>\n");
    let input = if quiz.multiple { "checkbox" } else { "radio" };
    for (i, option) in quiz.options.iter().enumerate() {
        let correct = if option.correct { " data-correct" } else { "" };
        out.push_str(&format!(
            "<li class=\"quiz-option\"><label><input type=\"{input}\" name=\"{id}\" value=\"{i}\"{correct}> <span>"
        ));
        out.push_str(&inline(&markdown(&option.text, Part::Answer)));
        out.push_str("</span></label>");
        if let Some(feedback) = &option.feedback {
            out.push_str("<p class=\"quiz-feedback\" hidden>");
            out.push_str(&inline(&markdown(feedback, Part::Answer)));
            out.push_str("</p>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</fieldset>\n<p class=\"quiz-actions\" hidden><button type=\"button\" class=\"quiz-check\">");
    escape_text(&mut out, &labels.check);
    out.push_str("</button> <span class=\"quiz-result\" role=\"status\" data-correct=\"");
    escape_attr(&mut out, &labels.correct);
    out.push_str("\" data-incorrect=\"");
    escape_attr(&mut out, &labels.incorrect);
    out.push_str("\" data-choose=\"");
    escape_attr(&mut out, &labels.choose);
    out.push_str("\"></span></p>\n");
    answer(&mut out, quiz, labels, markdown);
    out.push_str("</div>\n");
    out
}

/// The answer, for readers without JavaScript and for those who give up: every option marked
/// right or wrong with its feedback, then the explanation.
fn answer(out: &mut String, quiz: &Quiz, labels: &QuizLabels, markdown: &mut dyn FnMut(&str, Part) -> String) {
    out.push_str("<details class=\"quiz-answer\" data-search=\"skip\">\n<summary>");
    escape_text(out, &labels.show_answer);
    out.push_str("</summary>\n<ul>\n");
    for option in &quiz.options {
        let (class, verdict) =
            if option.correct { ("is-correct", &labels.right_option) } else { ("is-wrong", &labels.wrong_option) };
        out.push_str(&format!("<li class=\"{class}\"><strong>"));
        escape_text(out, verdict);
        out.push_str("</strong> ");
        out.push_str(&inline(&markdown(&option.text, Part::Answer)));
        if let Some(feedback) = &option.feedback {
            out.push_str(" — ");
            out.push_str(&inline(&markdown(feedback, Part::Answer)));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
    if let Some(explanation) = &quiz.explanation {
        out.push_str("<div class=\"quiz-explanation\">\n");
        out.push_str(&markdown(explanation, Part::Answer));
        out.push_str("</div>\n");
    }
    out.push_str("</details>\n");
}

/// The HTML of a one-paragraph text without its `<p>`, to sit inside a label or a list item.
fn inline(html: &str) -> String {
    let trimmed = html.trim_end();
    match trimmed.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

/// The byte offset of 1-based `line` and `col` (in characters) of `text`.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let rest = &text[line_start.min(text.len())..];
    line_start + rest.char_indices().nth(col.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
}

/// Where `key:` is written at or after `from` (a nested key is reported at its parent).
fn nested_key_offset(yaml: &str, from: usize, key: &str) -> usize {
    let needle = format!("{key}:");
    let mut at = from;
    for line in yaml[from..].split_inclusive('\n') {
        let trimmed = line.trim_start().trim_start_matches("- ");
        if trimmed.starts_with(&needle) {
            return at + (line.len() - trimmed.len());
        }
        at += line.len();
    }
    from
}

/// The offset of the `n`-th (0-based) list item at or after `from`.
fn item_offset(yaml: &str, from: usize, n: usize) -> usize {
    let mut at = from;
    let mut seen = 0;
    for line in yaml[from..].split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        if line.trim_start().starts_with("- ") || line.trim_end().trim_start() == "-" {
            if seen == n {
                return at + indent;
            }
            seen += 1;
        }
        at += line.len();
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;

    fn problems(yaml: &str) -> Vec<(usize, String)> {
        parse(yaml).1.into_iter().map(|p| (p.offset, p.message.render(Language::En))).collect()
    }

    #[test]
    fn single_and_multiple_choice() {
        let (quiz, found) = parse("question: ¿Sí?\noptions:\n  - text: Sí\n    correct: true\n  - text: 'No'\n");
        assert_eq!(found, []);
        let quiz = quiz.unwrap();
        assert!(!quiz.multiple);
        assert_eq!(quiz.options[1].text, "No");
        let (quiz, _) =
            parse("question: q\noptions:\n  - text: a\n    correct: true\n  - text: 2\n    correct: true\n");
        assert!(quiz.unwrap().multiple, "two right options make a multiple choice");
    }

    #[test]
    fn located_problems() {
        let yaml = "question: q\noptions:\n  - text: a\n    corect: true\n  - text: b\n";
        assert_eq!(
            problems(yaml),
            [
                (
                    yaml.find("corect").unwrap(),
                    "unknown key `corect` in an option of the quiz: did you mean `correct`?".into()
                ),
                (yaml.find("options").unwrap(), "no option is marked `correct: true`: mark the right answer".into()),
            ]
        );
        let yaml = "question: q\noptions:\n  - text: a\n    correct: true\n  - feedback: x\n";
        assert_eq!(
            problems(yaml),
            [(yaml.find("- feedback").unwrap(), "option 2 has no `text`: add a line `text: …` to it".into())]
        );
        assert_eq!(
            problems("options: [{text: a, correct: true}, {text: b}]\n"),
            [(0, "the quiz has no `question`: add a line `question: …`".into())]
        );
        let (quiz, found) = parse("question: q\noptions:\n  - text: 'sin cerrar\n  - text: b\n");
        assert!(quiz.is_none());
        assert_eq!(found[0].message.id, "yaml-unclosed-quote", "{found:?}");
        assert_eq!(found[0].offset, "question: q\noptions:\n  - text: ".len(), "where the quote opens");
        assert!(found[0].message.render(Language::En).contains("the quiz"));
        assert!(found[0].message.render(Language::Es).contains("el cuestionario"));
    }

    #[test]
    fn a_bad_value_in_an_option_is_told_at_its_key() {
        let yaml =
            "question: q\nmultiple: quizá\noptions:\n  - text: a\n    correct: sí\n  - text: b\n    correct: true\n";
        assert_eq!(
            problems(yaml),
            [
                (
                    yaml.find("quizá").unwrap(),
                    "`multiple` takes `true` or `false`, such as `multiple: true`; found `quizá`".into()
                ),
                (
                    yaml.find("sí").unwrap(),
                    "`correct` takes `true` or `false`, such as `correct: true`; found `sí`".into()
                ),
            ]
        );
        let es: Vec<_> = parse(yaml).1.iter().map(|p| p.message.render(Language::Es)).collect();
        assert_eq!(es[1], "`correct` espera `true` o `false`, como `correct: true`; pone `sí`");
    }

    #[test]
    fn the_schemas_describe_the_quiz() {
        yaml::schema_check::assert_describes::<QuizSpec>(QUIZ_SCHEMA, &[]);
        yaml::schema_check::assert_describes::<OptionSpec>(OPTION_SCHEMA, &[]);
    }

    #[test]
    fn inline_html_loses_its_paragraph() {
        assert_eq!(inline("<p>Sí, <em>siempre</em>.</p>\n"), "Sí, <em>siempre</em>.");
        assert_eq!(inline("<p>uno</p>\n<p>dos</p>\n"), "<p>uno</p>\n<p>dos</p>");
    }
}
