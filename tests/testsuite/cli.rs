//! The `aula` binary: exit codes, the summary line, `init` and `new lesson`.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::SiteTest;

fn aula(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("aula runs")
}

/// `aula` with no `AULA_LANG`, so that the site's `language` decides.
fn aula_in_site(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(args)
        .current_dir(dir)
        .env_remove("AULA_LANG")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap()
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

/// `aula init` in `language` into `tmp/academia`, which must then build with `--strict` and no
/// warning; the folder of the site.
#[track_caller]
fn init_and_build(tmp: &Path, language: &str) -> std::path::PathBuf {
    let out = aula(tmp, &["init", "academia", "--lang", language]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let site = tmp.join("academia");
    let out = aula(&site, &["build", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "no warnings");
    site
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", path.as_ref().display()))
}

/// Every page of the built site, one after the other.
fn every_page(public: &Path) -> String {
    let mut pages = String::new();
    for entry in walkdir::WalkDir::new(public).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            pages.push_str(&read(entry.path()));
        }
    }
    pages
}

#[track_caller]
fn assert_the_sample_teaches(site: &Path, yaml_word: &str, summary: &str) {
    let yaml = read(site.join("aula.yaml"));
    assert!(yaml.contains(yaml_word), "aula.yaml commented in the site's language: {yaml}");
    for key in ["base_url", "theme", "output_dir", "reading_speed", "ignore", "front_matter", "ignore_keys", "extra"] {
        assert!(yaml.contains(&format!("# {key}:")) || yaml.contains(&format!("#   {key}:")), "{key} commented out");
    }
    let pages = every_page(&site.join("public"));
    for part in [
        "class=\"quiz\"",
        "class=\"block block-challenge\"",
        "<details class=\"block block-solution\">",
        "<details class=\"block block-hint\">",
        "class=\"block block-instructor\"",
        "class=\"block block-keypoints\"",
        "class=\"box box-keypoints\"",
        "class=\"callout callout-tip\"",
        "class=\"block block-callout\"",
        "before-prerequisites",
        "<img src=",
        summary,
    ] {
        assert!(pages.contains(part), "the sample shows {part}");
    }
    assert!(!pages.contains("block-solution\" open"), "solutions start collapsed");
    assert!(!pages.contains("<p>:::") && !pages.contains("\n:::"), "no fence line leaks into a page as text");
}

#[test]
fn init_writes_a_spanish_sample_that_builds_strict_and_teaches() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_and_build(tmp.path(), "es");
    assert_the_sample_teaches(&site, "Las líneas que empiezan por # son comentarios", "Puntos clave");
    assert!(site.join("public/atencion-telefonica/escuchar/index.html").exists());
    assert_eq!(read(site.join(".gitignore")), "/public\n/.public.aula-*\n");
}

#[test]
fn init_writes_an_english_sample_that_builds_strict_and_teaches() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_and_build(tmp.path(), "en");
    assert_the_sample_teaches(&site, "Lines that start with # are comments", "Key points");
    assert!(site.join("public/phone-support/listening/index.html").exists());
    assert!(read(site.join("aula.yaml")).contains("\nlanguage: en\n"));
}

#[test]
fn init_without_lang_follows_aula_lang() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(["init", "academia"])
        .current_dir(tmp.path())
        .env("AULA_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(read(tmp.path().join("academia/aula.yaml")).contains("\nlanguage: en\n"));
}

#[test]
fn new_lesson_in_a_spanish_site_then_strict_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_and_build(tmp.path(), "es");
    let out = aula_in_site(&site, &["new", "lesson", "atencion-telefonica/04-decir-no", "Saber decir «no»: cómo"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lesson = read(site.join("content/atencion-telefonica/04-decir-no.md"));
    assert!(lesson.contains("\ntitle: 'Saber decir «no»: cómo'\n"), "{lesson}");
    assert!(lesson.contains("# El título de la lección"), "comments in Spanish: {lesson}");
    for key in
        ["description:", "# duration:", "date:", "objectives:", "keypoints:", "tags:", "\n## ", "\n::: keypoints\n"]
    {
        assert!(lesson.contains(key), "{key} in {lesson}");
    }
    let out = aula(&site, &["build", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "no warnings");
    assert!(text(&out.stdout).starts_with("construido: 4 lecciones en 1 curso"), "{}", text(&out.stdout));
    assert!(read(site.join("public/atencion-telefonica/decir-no/index.html")).contains("Primer apartado"));
}

#[test]
fn new_lesson_in_an_english_site_then_strict_build() {
    let tmp = tempfile::tempdir().unwrap();
    let site = init_and_build(tmp.path(), "es");
    // The site's language decides; this one is Spanish until aula.yaml says English.
    let yaml = read(site.join("aula.yaml")).replace("\nlanguage: es\n", "\nlanguage: en\n");
    std::fs::write(site.join("aula.yaml"), yaml).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(["new", "lesson", "atencion-telefonica/04-saying-no.md", "Saying no"])
        .current_dir(&site)
        .env_remove("AULA_LANG")
        .env("LANG", "es_ES.UTF-8")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lesson = read(site.join("content/atencion-telefonica/04-saying-no.md"));
    assert!(lesson.contains("# The lesson's title") && lesson.contains("\n## First section\n"), "{lesson}");
    let out = aula(&site, &["build", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "", "no warnings");

    let out = aula(&site, &["new", "lesson", "atencion-telefonica/05-decir-no.md", "Decir no", "--lang", "es"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lesson = read(site.join("content/atencion-telefonica/05-decir-no.md"));
    assert!(lesson.contains("\n## Primer apartado\n"), "--lang overrides the site: {lesson}");
}

#[test]
fn init_and_new_refuse_what_would_overwrite() {
    let tmp = tempfile::tempdir().unwrap();
    init_and_build(tmp.path(), "es");
    assert_eq!(aula(tmp.path(), &["init", "academia"]).status.code(), Some(2), "init refuses an existing site");
    let site = tmp.path().join("academia");
    let lesson = ["new", "lesson", "atencion-telefonica/01-escuchar.md", "Otra"];
    assert_eq!(aula(&site, &lesson).status.code(), Some(2), "new lesson never overwrites");
    assert_eq!(aula(&site, &["new", "lesson", "../fuera.md", "Fuera"]).status.code(), Some(2));
    std::fs::write(site.join("aula.yaml"), "title: [\n").unwrap();
    let out = aula(&site, &["new", "lesson", "atencion-telefonica/04-x.md", "X"]);
    assert_eq!(out.status.code(), Some(1), "a broken aula.yaml is a content error");
    assert!(!site.join("content/atencion-telefonica/04-x.md").exists());
}
