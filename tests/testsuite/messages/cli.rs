//! What the command line prints around the problems: repeated problems folded, the summary
//! line, in both languages.

use std::process::Command;

/// A course of fifty lessons that all carry the same key aula does not know.
fn fifty_lessons_with_a_jekyll_key() -> crate::support::SiteTest {
    let site = super::site(&[("content/curso/_index.md", "---\ntitle: Curso\n---\n")]);
    for i in 0..50 {
        site.write(&format!("content/curso/{i:02}-l{i}.md"), "---\ntitle: Lección\nlayout: post\n---\n\nTexto.\n");
    }
    site
}

fn check(site: &crate::support::SiteTest, args: &[&str]) -> (Option<i32>, Vec<String>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_aula"))
        .arg("check")
        .args(args)
        .current_dir(site.root())
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    (out.status.code(), stderr.lines().map(str::to_string).collect(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn the_same_warning_in_fifty_files_is_printed_once_with_its_count_and_first_places() {
    let site = fifty_lessons_with_a_jekyll_key();
    let places = "content/curso/00-l0.md:3:1, content/curso/01-l1.md:3:1, content/curso/02-l2.md:3:1";
    let (code, lines, stdout) = check(&site, &["--lang", "en"]);
    assert_eq!(code, Some(0));
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(lines[0].starts_with("content/curso/00-l0.md:3:1: warning: unknown key `layout`"), "{}", lines[0]);
    assert_eq!(lines[1], format!("  … the same in 50 places, the first at {places} (--verbose prints every one)"));
    assert!(
        stdout.starts_with("checked 50 lessons in 1 course in ") && stdout.ends_with(" s (50 warnings)\n"),
        "{stdout}"
    );

    let (_, lines, stdout) = check(&site, &[]);
    assert!(lines[0].starts_with("content/curso/00-l0.md:3:1: aviso: "), "{}", lines[0]);
    assert_eq!(lines[1], format!("  … lo mismo en 50 sitios, el primero en {places} (--verbose los escribe todos)"));
    assert!(stdout.starts_with("comprobado: 50 lecciones en 1 curso en ") && stdout.ends_with(" s (50 avisos)\n"));

    let (code, lines, _) = check(&site, &["--strict"]);
    assert_eq!(code, Some(1), "exit codes are unchanged");
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert_eq!(lines[2], "falló con 50 errores y 0 avisos");

    let (_, lines, _) = check(&site, &["--verbose"]);
    let warnings = lines.iter().filter(|l| l.contains(": aviso: ")).count();
    assert_eq!(warnings, 50, "--verbose prints every one");
}

#[test]
fn a_warning_in_three_places_is_printed_at_each() {
    let site = super::site(&[("content/curso/_index.md", "---\ntitle: Curso\n---\n")]);
    for i in 0..3 {
        site.write(&format!("content/curso/{i:02}-l{i}.md"), "---\ntitle: Lección\nlayout: post\n---\n\nTexto.\n");
    }
    let (_, lines, _) = check(&site, &[]);
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines.iter().all(|l| l.contains(": aviso: ")), "{lines:#?}");
}

#[test]
fn language_comes_from_the_flag_then_aula_lang_then_the_site() {
    let site = super::site(&[
        ("aula.yaml", "title: Site\nlanguage: en\n"),
        ("content/a.md", "---\ntitle: A\nlayout: x\n---\n"),
    ]);
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_aula"));
        command.arg("check").args(args).current_dir(site.root()).env_remove("AULA_LANG");
        for (k, v) in env {
            command.env(k, v);
        }
        let out = command.output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(
        run(&[], &[("LANG", "es_ES.UTF-8")]).starts_with("checked 1 lesson"),
        "the site's language wins over the locale"
    );
    assert!(run(&[], &[("AULA_LANG", "es")]).starts_with("comprobado: 1 lección"), "AULA_LANG overrides the site");
    assert!(run(&["--lang", "en"], &[("AULA_LANG", "es")]).starts_with("checked"), "--lang overrides AULA_LANG");
}

#[test]
fn before_aula_yaml_is_read_the_locale_decides() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |env: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_aula"));
        command
            .arg("build")
            .current_dir(tmp.path())
            .env_remove("AULA_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES");
        for (k, v) in env {
            command.env(k, v);
        }
        let out = command.output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let english = run(&[("LANG", "en_US.UTF-8")]);
    let spanish = run(&[("LANG", "es_ES.UTF-8")]);
    let by_lc_all = run(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "es_MX.UTF-8")]);
    assert!(english.starts_with("error: no aula.yaml in "), "{english}");
    assert!(spanish.starts_with("error: no hay aula.yaml en "), "{spanish}");
    assert_eq!(by_lc_all, spanish, "LC_ALL comes first");
}
