//! Problems for CI: `--format json` (one object per diagnostic, then the summary) and GitHub
//! workflow commands (`GITHUB_ACTIONS=true` or `--format github`), from the `aula` binary.

use std::path::Path;
use std::process::{Command, Output};

use aula::config::Language;

use crate::support::SiteTest;

const INVALID: &[&str] = &[
    "bad-blocks",
    "bad-quiz",
    "bad-yaml",
    "broken-anchor",
    "broken-link",
    "duplicate-key",
    "missing-image",
    "missing-title",
    "script-in-title",
    "two-lessons-one-url",
    "unclosed-front-matter",
    "unknown-key",
    "unknown-prerequisite",
];

fn aula(dir: &Path, args: &[&str], github: bool) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aula"));
    command.args(args).current_dir(dir).env_remove("AULA_LANG").env_remove("GITHUB_WORKSPACE");
    if github {
        command.env("GITHUB_ACTIONS", "true");
    } else {
        command.env_remove("GITHUB_ACTIONS");
    }
    command.output().expect("aula runs")
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8(bytes.to_vec()).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn json_has_one_object_per_diagnostic_with_every_field_then_the_summary() {
    for name in INVALID {
        let site = SiteTest::fixture(&format!("invalid/{name}"));
        let expected = aula::build(&check_options(&site)).unwrap();
        let language = expected.language.unwrap_or(Language::Es);
        let out = aula(site.root(), &["check", "--format", "json"], false);
        let printed = lines(&out.stdout);
        assert_eq!(printed.len(), expected.diagnostics.len() + 1, "{name}: {printed:#?}");
        for (line, d) in printed.iter().zip(&expected.diagnostics) {
            let json: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}: {line}: {e}"));
            let said = d.message.render(language);
            let (message, hint) = (json["message"].as_str().unwrap(), json["hint"].as_str());
            assert_eq!(hint.map_or(message.to_string(), |h| format!("{message}: {h}")), said, "{name}");
            let severity = if d.severity == aula::diagnostics::Severity::Error { "error" } else { "warning" };
            assert_eq!(
                json,
                serde_json::json!({
                    "type": "diagnostic",
                    "path": d.path.to_string_lossy(),
                    "line": d.line,
                    "column": d.col,
                    "end": {"line": d.line, "column": d.col},
                    "severity": severity,
                    "code": d.message.id,
                    "message": message,
                    "hint": hint,
                }),
                "{name}"
            );
        }
        let summary: serde_json::Value = serde_json::from_str(printed.last().unwrap()).unwrap();
        let (errors, warnings) = aula::diagnostics::count(&expected.diagnostics);
        assert_eq!(summary["type"], "summary", "{name}");
        assert_eq!(
            (summary["errors"].as_u64(), summary["warnings"].as_u64()),
            (Some(errors as u64), Some(warnings as u64))
        );
        assert_eq!(summary["succeeded"], errors == 0);
        assert_eq!(out.status.code(), Some(if errors > 0 { 1 } else { 0 }), "{name}: exit codes unchanged");
        assert!(out.stderr.is_empty(), "{name}: nothing but JSON: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// The options of `aula check` on a fixture, to compare the binary's output with.
fn check_options(site: &SiteTest) -> aula::BuildOptions {
    aula::BuildOptions { root: site.root().to_path_buf(), write: false, ..aula::BuildOptions::default() }
}

#[test]
fn under_github_actions_problems_are_workflow_commands_on_their_lines() {
    let site = SiteTest::fixture("invalid/broken-link");
    let out = aula(site.root(), &["check"], true);
    let printed = lines(&out.stdout);
    assert_eq!(
        printed[0],
        "::warning file=content/curso/01-a.md,line=5,col=13,title=aula%3A link-not-found::el enlace apunta a `02-bb.md`, que no existe (no hay ningún archivo content/curso/02-bb.md): ¿querías decir `02-b.md`?"
    );
    assert!(printed[1].starts_with("comprobado: 2 lecciones en 1 curso en "), "then the summary: {printed:?}");
    assert_eq!(printed.len(), 2);
    assert_eq!(out.status.code(), Some(0));

    let site = SiteTest::fixture("invalid/unknown-key");
    let out = aula(site.root(), &["build", "--strict", "--format", "github"], false);
    assert_eq!(
        lines(&out.stdout),
        [
            "::error file=content/curso/01-a.md,line=3,col=1,title=aula%3A unknown-key-near::clave desconocida `objetives` en la cabecera de la lección: ¿querías decir `objectives`?"
        ]
    );
    assert_eq!(out.status.code(), Some(1), "--strict turns the warning into an error");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("content/curso/01-a.md:3:1: error:"),
        "the lines people read stay"
    );
}

#[test]
fn workflow_commands_escape_percent_newlines_colons_and_commas() {
    let site = SiteTest::fixture("valid/small");
    site.write("content/curso/02-a,b:c.md", "---\ntitle: B\n\"50%\\nmore\": 1\n---\nTexto.\n");
    // GitHub resolves `file=` from the workspace; the site is in a folder of it.
    let workspace = site.root().parent().unwrap();
    let folder = site.root().file_name().unwrap().to_string_lossy().into_owned();
    let out = Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(["check", "--root", site.root().to_str().unwrap()])
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_WORKSPACE", workspace)
        .env_remove("AULA_LANG")
        .output()
        .unwrap();
    let commands: Vec<String> = lines(&out.stdout).into_iter().filter(|l| l.starts_with("::")).collect();
    assert_eq!(
        commands,
        [format!(
            "::warning file={folder}/content/curso/02-a%2Cb%3Ac.md,line=2,col=1,title=aula%3A unknown-key-front-matter::clave desconocida `50%25%0Amore` en la cabecera de la lección: aula no la usa; si es para otra herramienta, añádela a `front_matter: {{ ignore_keys: [50%25%0Amore] }}` en aula.yaml"
        )]
    );
}
