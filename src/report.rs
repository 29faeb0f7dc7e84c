//! Problems for machines: one JSON object per diagnostic (`--format json`), and GitHub Actions
//! workflow commands (`::error file=…::…`, under `GITHUB_ACTIONS=true` or `--format github`),
//! which put each problem on its line of a pull request's diff. Same diagnostics, same
//! language, as the lines people read (see [`crate::diagnostics::printed`]).

use serde::Serialize;
use std::path::Path;

use crate::config::Language;
use crate::diagnostics::{Diagnostic, Severity};

/// How `aula build` and `aula check` print their problems.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:col: severity: message` lines (and workflow commands under GitHub Actions).
    #[default]
    Human,
    /// One JSON object per line: each diagnostic, then the summary.
    Json,
    /// Human lines, and workflow commands for GitHub Actions annotations.
    Github,
}

/// A diagnostic as `--format json` prints it.
#[derive(Serialize)]
pub struct JsonDiagnostic {
    #[serde(rename = "type")]
    kind: &'static str,
    path: String,
    line: usize,
    column: usize,
    /// Where the problem ends, as far as aula knows it: its start.
    end: Position,
    severity: &'static str,
    /// The message's stable id (`link-not-found`), the same in every language.
    code: &'static str,
    /// What is wrong, in the site's language.
    message: String,
    /// What to do about it, when the message says.
    hint: Option<String>,
}

#[derive(Serialize)]
struct Position {
    line: usize,
    column: usize,
}

/// The JSON line of `diagnostic`, its path joined to `root` as printed.
pub fn json_line(diagnostic: &Diagnostic, root: &Path, language: Language) -> String {
    let (message, hint) = split_hint(&diagnostic.message.render(language));
    let json = JsonDiagnostic {
        kind: "diagnostic",
        path: diagnostic.path_under(root).to_string_lossy().replace('\\', "/"),
        line: diagnostic.line,
        column: diagnostic.col,
        end: Position { line: diagnostic.line, column: diagnostic.col },
        severity: severity_name(diagnostic.severity),
        code: diagnostic.message.id,
        message,
        hint,
    };
    serde_json::to_string(&json).expect("a diagnostic serialises")
}

/// The workflow command that annotates `diagnostic` in GitHub Actions. Its path is made
/// relative to `workspace` (`GITHUB_WORKSPACE`, where GitHub resolves `file=`) when the site is
/// inside it.
pub fn workflow_command(diagnostic: &Diagnostic, root: &Path, workspace: Option<&Path>, language: Language) -> String {
    let path = diagnostic.path_under(root);
    let path = workspace
        .and_then(|w| {
            std::path::absolute(&path).ok()?.strip_prefix(std::path::absolute(w).ok()?).ok().map(Path::to_path_buf)
        })
        .unwrap_or(path);
    let file = path.to_string_lossy().replace('\\', "/");
    format!(
        "::{} file={},line={},col={},title={}::{}",
        severity_name(diagnostic.severity),
        escape_property(&file),
        diagnostic.line,
        diagnostic.col,
        escape_property(&format!("aula: {}", diagnostic.message.id)),
        escape_data(&diagnostic.message.render(language)),
    )
}

/// The summary as `--format json` prints it last.
#[derive(Serialize)]
pub struct JsonSummary {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub succeeded: bool,
    pub errors: usize,
    pub warnings: usize,
    pub lessons: usize,
    pub courses: usize,
    pub seconds: f64,
    /// The output folder; `None` for `aula check`.
    pub output: Option<String>,
    /// The summary line people read, in the site's language.
    pub message: String,
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A message's problem and its fix: aula's messages say what is wrong, then `: `, then what
/// to do (`link `a.md` not found: check the path`). A `: ` inside backticks is quoted text.
fn split_hint(text: &str) -> (String, Option<String>) {
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '`' => quoted = !quoted,
            ':' if !quoted && text[i + 1..].starts_with(' ') => {
                return (text[..i].to_string(), Some(text[i + 2..].to_string()));
            }
            _ => {}
        }
    }
    (text.to_string(), None)
}

/// Escapes the message of a workflow command as GitHub's toolkit does.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property of a workflow command (`file=`, `title=`) as GitHub's toolkit does.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_follow_the_first_colon_outside_backticks() {
        assert_eq!(
            split_hint("link `a:b.md` not found: check it"),
            ("link `a:b.md` not found".into(), Some("check it".into()))
        );
        assert_eq!(split_hint("no hint here"), ("no hint here".into(), None));
        assert_eq!(split_hint("¿qué?: haz esto: y esto"), ("¿qué?".into(), Some("haz esto: y esto".into())));
    }

    #[test]
    fn workflow_commands_are_escaped_as_github_documents() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    }
}
