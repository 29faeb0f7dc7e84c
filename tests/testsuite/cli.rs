//! The `aula` binary: exit codes, the summary line, `init` and `new lesson`.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::SiteTest;

fn aula(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aula")).args(args).current_dir(dir).output().expect("aula runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn build_prints_one_summary_line_and_exits_0() {
    let site = SiteTest::fixture("valid/basic");
    let out = aula(site.root(), &["build", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("construido: 5 lecciones en 1 curso en 0,"), "in the site's language: {stdout}");
    assert!(stdout.trim_end().ends_with(" s → public/"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1);
    let out = aula(site.root(), &["build", "--strict", "--lang", "en"]);
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("built 5 lessons in 1 course in 0."), "{stdout}");
    assert!(stdout.trim_end().ends_with(" s → public/"), "{stdout}");
}

#[test]
fn content_errors_exit_1_with_located_messages() {
    let site = SiteTest::fixture("invalid/missing-title");
    let out = aula(site.root(), &["build", "--strict", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("content/curso/01-a.md:1:1: error: missing `title` in the front matter"), "{stderr}");
    assert!(stderr.contains("failed with 1 error and 0 warnings; public/ left as it was"), "{stderr}");
    let out = aula(site.root(), &["build", "--strict", "-o", "sitio"]);
    assert!(
        text(&out.stderr).ends_with("falló con 1 error y 0 avisos; sitio/ queda como estaba\n"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn paths_in_messages_start_from_where_the_user_is() {
    let site = SiteTest::fixture("invalid/missing-title");
    let parent = site.root().parent().unwrap();
    let name = site.root().file_name().unwrap().to_string_lossy().into_owned();
    let out = aula(parent, &["check", "--strict", "--root", &name]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).starts_with(&format!("{name}/content/curso/01-a.md:1:1: error:")));
}

#[test]
fn usage_errors_exit_2() {
    let site = SiteTest::fixture("valid/basic");
    assert_eq!(aula(site.root(), &["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(aula(site.root(), &["build", "--root", "nowhere"]).status.code(), Some(2));
    assert_eq!(aula(site.root(), &["build", "--base-url", "not a url"]).status.code(), Some(2));
}

#[test]
fn help_has_examples() {
    let out = aula(Path::new("."), &["build", "--help"]);
    let help = text(&out.stdout);
    assert!(help.contains("Examples:") && help.contains("aula build --strict"), "{help}");
}

#[test]
fn init_then_new_lesson_then_strict_build() {
    let tmp = tempfile::tempdir().unwrap();
    let out = aula(tmp.path(), &["init", "academia"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let site = tmp.path().join("academia");
    assert_eq!(aula(&site, &["build", "--strict"]).status.code(), Some(0));
    let out = aula(&site, &["new", "lesson", "primer-curso/03-decir-no", "Saber decir no"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(site.join("content/primer-curso/03-decir-no.md").exists());
    let out = aula(&site, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("construido: 3 lecciones en 1 curso"), "{}", text(&out.stdout));
    assert_eq!(aula(tmp.path(), &["init", "academia"]).status.code(), Some(2), "init refuses an existing site");
}
