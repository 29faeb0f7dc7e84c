//! Fenced code blocks as learners use them: a wrapper holding the block and its copy button, a
//! scrolling `<pre>` reachable from the keyboard, shell prompts marked so that they are neither
//! selected nor copied, and output blocks (Carpentries' ```` ```output ````, ```` ```error ````,
//! `{.output}`) labelled as output, with nothing to copy. Highlighting is the `highlight` module's.
//!
//! A shell block (bash, sh, console…) in which some line starts with a prompt is a transcript:
//! the prompted lines, and the lines continuing them after a trailing `\`, are the commands; every
//! other line is output, shown but not copied. `$ ` and `> ` (the continuation prompt) are
//! prompts in every shell language, `PS …> ` in PowerShell, and `# ` only in console transcripts
//! (`console`, `shell-session`), since in a script it starts a comment.

use super::{escape_attr, escape_text, highlight};

/// The words of code blocks, in the site's language.
#[derive(Clone, Debug, Default)]
pub struct CodeLabels {
    /// The accessible name of a code block's scrolling area.
    pub code: String,
    pub copy: String,
    /// Announced once the code is on the clipboard.
    pub copied: String,
    pub output: String,
    pub error: String,
}

/// What a block shows, from its language and classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Code,
    Output,
    Error,
}

/// The HTML of a fenced code block in language `lang` (empty when none), with `classes` from an
/// attribute list (`{.output}`, `{: .error}`).
pub fn html(code: &str, lang: &str, classes: &[String], labels: &CodeLabels) -> String {
    let kind = kind(lang, classes);
    let mut html = String::with_capacity(code.len() * 2 + 256);
    match kind {
        Kind::Code => html.push_str("<div class=\"code-block\">\n"),
        Kind::Output => html.push_str("<div class=\"code-block code-output\">\n"),
        Kind::Error => html.push_str("<div class=\"code-block code-error\">\n"),
    }
    let name = match kind {
        Kind::Code => {
            html.push_str("<button type=\"button\" class=\"code-copy\" hidden data-copied=\"");
            escape_attr(&mut html, &labels.copied);
            html.push_str("\">");
            escape_text(&mut html, &labels.copy);
            html.push_str("</button>\n");
            if highlight::is_plain(lang) { labels.code.clone() } else { format!("{} ({lang})", labels.code) }
        }
        Kind::Output | Kind::Error => {
            let label = if kind == Kind::Error { &labels.error } else { &labels.output };
            html.push_str("<p class=\"code-label\" aria-hidden=\"true\">");
            escape_text(&mut html, label);
            html.push_str("</p>\n");
            label.clone()
        }
    };
    // Focusable and named, so that a block wider than the page scrolls from the keyboard; a group,
    // not a region: a page has many code blocks, and landmarks must have names of their own.
    html.push_str("<pre tabindex=\"0\" role=\"group\" aria-label=\"");
    escape_attr(&mut html, &name);
    html.push_str("\"><code");
    if !lang.is_empty() && kind == Kind::Code {
        html.push_str(" class=\"language-");
        escape_attr(&mut html, lang);
        html.push('"');
    }
    html.push('>');
    push_code(&mut html, code, if kind == Kind::Code { lang } else { "" });
    html.push_str("</code></pre>\n</div>\n");
    html
}

fn kind(lang: &str, classes: &[String]) -> Kind {
    let named = |name: &str| lang.eq_ignore_ascii_case(name) || classes.iter().any(|c| c == name);
    if named("error") {
        Kind::Error
    } else if named("output") {
        Kind::Output
    } else {
        Kind::Code
    }
}

/// The inside of `<code>`: a transcript line by line, anything else highlighted as a whole.
fn push_code(html: &mut String, code: &str, lang: &str) {
    let lines = transcript(code, lang);
    if !lines.iter().any(|line| matches!(line, Line::Command { .. })) {
        push_highlighted(html, code, lang);
        return;
    }
    for line in lines {
        match line {
            Line::Command { prompt, command } => {
                if !prompt.is_empty() {
                    html.push_str("<span class=\"prompt\">");
                    escape_text(html, prompt);
                    html.push_str("</span>");
                }
                push_highlighted(html, command, lang);
            }
            Line::Output(text) => {
                html.push_str("<span class=\"console-output\">");
                escape_text(html, text);
                html.push_str("</span>");
            }
        }
    }
}

fn push_highlighted(html: &mut String, code: &str, lang: &str) {
    match highlight::highlight(code, lang) {
        Some(spans) => html.push_str(&spans),
        None => escape_text(html, code),
    }
}

/// One line of a shell transcript, with its line ending.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    /// A command, after its prompt (empty for a line continuing the one before).
    Command {
        prompt: &'a str,
        command: &'a str,
    },
    Output(&'a str),
}

/// The lines of `code` as commands and output; all output outside shell languages.
fn transcript<'a>(code: &'a str, lang: &str) -> Vec<Line<'a>> {
    let Some(shell) = Shell::of(lang) else { return vec![Line::Output(code)] };
    let mut lines = Vec::new();
    let mut continues = false;
    for line in code.split_inclusive('\n') {
        let parsed = match shell.prompt_len(line) {
            Some(len) => Line::Command { prompt: &line[..len], command: &line[len..] },
            None if continues => Line::Command { prompt: "", command: line },
            None => Line::Output(line),
        };
        continues = matches!(parsed, Line::Command { .. }) && line.trim_end().ends_with('\\');
        lines.push(parsed);
    }
    lines
}

/// The shell languages, by what their prompts look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shell {
    /// bash, sh, zsh…: `$ ` and `> `.
    Posix,
    /// A console transcript: also `# `, a root prompt.
    Console,
    /// `PS C:\> `, `PS> `, and `> `.
    Pwsh,
}

impl Shell {
    fn of(lang: &str) -> Option<Shell> {
        match lang.to_ascii_lowercase().as_str() {
            "bash" | "sh" | "shell" | "zsh" | "ksh" | "fish" => Some(Shell::Posix),
            "console" | "shell-session" | "sh-session" | "shellsession" | "terminal" => Some(Shell::Console),
            "powershell" | "ps" | "ps1" | "pwsh" => Some(Shell::Pwsh),
            _ => None,
        }
    }

    /// The length of the prompt that starts `line`, if it has one.
    fn prompt_len(self, line: &str) -> Option<usize> {
        let simple = |p: &str| line.starts_with(p).then_some(p.len());
        match self {
            Shell::Posix => simple("$ ").or_else(|| simple("> ")),
            Shell::Console => simple("$ ").or_else(|| simple("> ")).or_else(|| simple("# ")),
            Shell::Pwsh => {
                let ps = line.starts_with("PS ") || line.starts_with("PS>");
                let end = ps.then(|| line.find("> ").map(|i| i + 2)).flatten();
                end.or_else(|| simple("> "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels() -> CodeLabels {
        CodeLabels {
            code: "Código".into(),
            copy: "Copiar".into(),
            copied: "Copiado".into(),
            output: "Salida".into(),
            error: "Error".into(),
        }
    }

    /// What a learner's copy takes: the text without prompts and output (as training.js does).
    fn copied(html: &str) -> String {
        let mut text = String::new();
        let mut rest = html;
        while let Some(start) = rest.find('<') {
            text.push_str(&rest[..start]);
            let tag_end = start + rest[start..].find('>').expect("a tag ends");
            let tag = &rest[start..=tag_end];
            rest = &rest[tag_end + 1..];
            if tag.contains("class=\"prompt\"") || tag.contains("class=\"console-output\"") {
                rest = &rest[rest.find("</span>").expect("a span ends") + 7..];
            }
        }
        text.push_str(rest);
        text.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")
    }

    fn code_of(html: &str) -> &str {
        let start = html.find("<code").unwrap();
        let start = start + html[start..].find('>').unwrap() + 1;
        &html[start..html.find("</code>").unwrap()]
    }

    #[test]
    fn prompts_and_output_are_not_copied() {
        let cases: &[(&str, &str, &str)] = &[
            ("bash", "$ ls -F\ndata/  notes.txt\n", "ls -F\n"),
            ("bash", "$ for f in *.txt\n> do\n>   echo $f\n> done\na.txt\n", "for f in *.txt\ndo\n  echo $f\ndone\n"),
            ("bash", "$ cp a \\\n   b\n$ ls\nb\n", "cp a \\\n   b\nls\n"),
            ("bash", "# sin prompts: un comentario\nls\n", "# sin prompts: un comentario\nls\n"),
            ("bash", "$ sudo -i\n# apt update\n", "sudo -i\n"),
            ("console", "$ sudo -i\n# apt update\nLeyendo…\n", "sudo -i\napt update\n"),
            ("powershell", "PS C:\\Users\\ana> Get-ChildItem\nDirectory: C:\\\n", "Get-ChildItem\n"),
            ("python", "$ no es un prompt\n", "$ no es un prompt\n"),
        ];
        for (lang, code, expected) in cases {
            let html = html(code, lang, &[], &labels());
            assert_eq!(copied(code_of(&html)), *expected, "{lang}: {code}\n{html}");
        }
    }

    #[test]
    fn prompts_are_marked() {
        let html = html("$ ls\ndata\n", "bash", &[], &labels());
        assert!(html.contains("<span class=\"prompt\">$ </span>"), "{html}");
        assert!(html.contains("<span class=\"console-output\">data\n</span>"), "{html}");
        assert!(html.contains("hl-"), "the command is highlighted: {html}");
    }

    #[test]
    fn code_block_snapshot() {
        insta::assert_snapshot!(html("$ echo \"<hola>\"\n<hola>\n", "bash", &[], &labels()), @r#"
        <div class="code-block">
        <button type="button" class="code-copy" hidden data-copied="Copiado">Copiar</button>
        <pre tabindex="0" role="group" aria-label="Código (bash)"><code class="language-bash"><span class="prompt">$ </span><span class="hl-constant">echo </span><span class="hl-string">"&lt;hola&gt;"
        </span><span class="console-output">&lt;hola&gt;
        </span></code></pre>
        </div>
        "#);
    }

    #[test]
    fn output_blocks_are_labelled_and_have_nothing_to_copy() {
        for (lang, classes, label) in
            [("output", vec![], "Salida"), ("error", vec![], "Error"), ("", vec!["output".to_string()], "Salida")]
        {
            let html = html("Hola\n", lang, &classes, &labels());
            assert!(!html.contains("code-copy"), "{html}");
            assert!(html.contains(&format!("<p class=\"code-label\" aria-hidden=\"true\">{label}</p>")), "{html}");
            assert!(html.contains(&format!("aria-label=\"{label}\"><code>Hola\n</code>")), "{html}");
        }
        assert!(html("x", "error", &[], &labels()).contains("code-block code-error"));
    }
}
