//! Invalid sites: each fixture asserts its exact diagnostics, and that nothing was written.

use crate::support::{SiteTest, printed};

/// Builds `tests/fixtures/invalid/<name>` and returns its diagnostics (strict when asked).
fn diagnostics_of(name: &str, strict: bool) -> Vec<String> {
    let site = SiteTest::fixture(&format!("invalid/{name}"));
    let report = site.build_with(|o| o.strict = strict);
    if !report.succeeded() {
        assert!(!site.public().exists(), "a failed build writes nothing");
    }
    printed(&report)
}

#[test]
fn bad_yaml_is_reported_at_the_file_line() {
    assert_eq!(
        diagnostics_of("bad-yaml", false),
        [
            "content/curso/01-a.md:3:14: error: this value in the front matter contains `: `, which YAML reads as a new key: put the whole value in quotes"
        ]
    );
}

#[test]
fn missing_title() {
    assert_eq!(
        diagnostics_of("missing-title", true),
        [
            "content/curso/01-a.md:1:1: error: missing `title` in the front matter: using «A»; add a line such as `title: A`"
        ]
    );
}

#[test]
fn unknown_key_warns_and_fails_under_strict() {
    let message = "content/curso/01-a.md:3:1: {}: unknown key `objetives` in the lesson's front matter: did you mean `objectives`?";
    assert_eq!(diagnostics_of("unknown-key", false), [message.replace("{}", "warning")]);
    assert_eq!(diagnostics_of("unknown-key", true), [message.replace("{}", "error")]);
}

/// A key set twice warns (an error under `--strict`), and the file builds with the last value.
#[test]
fn duplicate_key() {
    let message = "content/curso/01-a.md:4:1: {}: duplicate key `title` (first set at line 2): the last value is used; delete one of them";
    assert_eq!(diagnostics_of("duplicate-key", false), [message.replace("{}", "warning")]);
    assert_eq!(diagnostics_of("duplicate-key", true), [message.replace("{}", "error")]);
    let site = SiteTest::fixture("invalid/duplicate-key");
    assert!(site.build().succeeded());
    assert!(site.read("curso/a/index.html").contains("<h1>Otra vez</h1>"));
}

#[test]
fn unclosed_front_matter() {
    assert_eq!(
        diagnostics_of("unclosed-front-matter", false),
        ["content/curso/01-a.md:1:1: error: front matter is not closed: add a line with `---` after the last key"]
    );
}

#[test]
fn broken_link_suggests_the_nearest_file() {
    assert_eq!(
        diagnostics_of("broken-link", true),
        [
            "content/curso/01-a.md:5:13: error: link target `02-bb.md` not found (no file content/curso/02-bb.md): did you mean `02-b.md`?"
        ]
    );
}

#[test]
fn broken_anchor() {
    assert_eq!(
        diagnostics_of("broken-anchor", true),
        [
            "content/curso/01-a.md:7:5: error: anchor `#como-cerar` not found in content/curso/02-b.md: did you mean `#como-cerrar`?"
        ]
    );
}

#[test]
fn missing_image() {
    assert_eq!(
        diagnostics_of("missing-image", true),
        [
            "content/curso/01-a.md:7:1: error: image `fig/esquema.png` not found (no file content/curso/fig/esquema.png): add the image there, or correct the path"
        ]
    );
}

#[test]
fn two_lessons_on_one_url() {
    assert_eq!(
        diagnostics_of("two-lessons-one-url", false),
        [
            "content/curso/02-escuchar.md:1:1: error: two pages on one URL: content/curso/02-escuchar.md and content/curso/01-escuchar.md both make `curso/escuchar/`; rename one of the files or give it its own `slug`"
        ]
    );
}

#[test]
fn unknown_prerequisite() {
    assert_eq!(
        diagnostics_of("unknown-prerequisite", false),
        [
            "content/curso/02-b.md:5:5: error: unknown prerequisite `01-aa.md`: no lesson has this path or id; did you mean `01-a.md`?"
        ]
    );
}

#[test]
fn non_utf8_file() {
    let site = SiteTest::fixture("invalid/missing-image");
    std::fs::write(site.root().join("content/curso/01-a.md"), b"---\ntitle: A\n---\n\nLecci\xf3n\n").unwrap();
    let report = site.build();
    assert_eq!(
        printed(&report),
        ["content/curso/01-a.md:1:1: error: the file is not UTF-8 (byte 0xF3 at line 5, col 6); save it as UTF-8"]
    );
}

#[test]
fn all_problems_of_all_files_in_one_run() {
    let site = SiteTest::fixture("invalid/broken-link");
    site.write("content/curso/03-c.md", "---\ntitle: [roto\n---\n");
    site.write("content/curso/04-d.md", "---\ntitel: D\n---\n");
    site.write("aula.yaml", "title: Prueba\n");
    let lines = printed(&site.build());
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(lines[0].starts_with("content/curso/01-a.md:5:13: warning: link target"));
    assert_eq!(
        lines[1],
        "content/curso/03-c.md:2:8: error: a `[` opened here in the front matter is never closed: add `]` at the end of \
         the list, or write the value in quotes"
    );
    assert!(lines[2].starts_with("content/curso/04-d.md:1:1: warning: missing `title`"));
    assert!(lines[3].starts_with("content/curso/04-d.md:2:1: warning: unknown key `titel`"));
}

#[test]
fn script_in_a_title_comes_out_escaped() {
    let site = SiteTest::fixture("invalid/script-in-title");
    assert!(site.build().succeeded());
    let page = site.read("curso/a/index.html");
    assert!(!page.contains("<script>alert(1)"), "title must be escaped");
    assert!(page.contains("<title>Lección &lt;script&gt;alert(1)&lt;/script&gt; · Prueba</title>"));
    assert!(page.contains("<h1>Lección &lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    assert!(!page.contains("<b>negrita</b>"));
    assert!(!page.contains("<i>x</i>"));
    let course = site.read("curso/index.html");
    assert!(!course.contains("<script>alert(1)"));
    assert!(!site.read("atom.xml").contains("<script>"));
}

#[test]
fn config_errors_are_located() {
    let site = SiteTest::fixture("invalid/broken-link");
    site.write("aula.yaml", "title: Prueba\nlanguaje: es\n");
    assert_eq!(
        printed(&site.build()),
        ["aula.yaml:2:1: error: unknown key `languaje` in aula.yaml: did you mean `language`?"]
    );
}

#[test]
fn template_errors_name_the_template_file_and_line() {
    let site = SiteTest::fixture("invalid/broken-link");
    site.write(
        "templates/lesson.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ lesson.nope }}\n{% endblock content %}\n",
    );
    let lines = printed(&site.build());
    assert!(!lines.is_empty());
    assert!(lines.iter().any(|l| l.starts_with("templates/lesson.html:3:")), "{lines:#?}");
}

#[test]
fn images_without_alt_text_warn() {
    let site = SiteTest::fixture("valid/basic");
    site.write("content/suelta.md", "---\ntitle: Suelta\n---\n\nUn dibujo:\n\n![](01-atencion/fig/esquema.svg)\n");
    assert_eq!(
        printed(&site.build_with(|o| o.strict = true)),
        [
            "content/suelta.md:7:1: error: image `01-atencion/fig/esquema.svg` has no alt text: describe it between the brackets, `![what it shows](01-atencion/fig/esquema.svg)`"
        ]
    );
}

/// Runs the `aula` binary in `dir`, failing the test if it does not end within a minute (a
/// FIFO read as a source would block it forever).
fn aula_exit(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(args)
        // These cases check the English words; the Spanish ones are in messages::.
        .env("AULA_LANG", "en")
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("aula runs");
    let started = std::time::Instant::now();
    while child.try_wait().expect("aula waits").is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().expect("aula stops");
            panic!("aula {args:?} did not end within a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("aula ends");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Makes a FIFO at `path`; `false` (the test says why it is skipped) where `mkfifo` is missing.
fn mkfifo(path: &std::path::Path) -> bool {
    match std::process::Command::new("mkfifo").arg(path).status() {
        Ok(status) => {
            assert!(status.success(), "mkfifo {}", path.display());
            true
        }
        Err(e) => {
            crate::support::skip(&format!("no mkfifo command ({e})"));
            false
        }
    }
}

#[test]
fn a_bom_in_aula_yaml_is_accepted() {
    let site = SiteTest::fixture("valid/small");
    site.write("aula.yaml", "\u{FEFF}title: Prueba\n");
    let (code, stderr) = aula_exit(site.root(), &["build", "--strict"]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn aula_yaml_not_in_utf8_is_located_and_exits_1() {
    let site = SiteTest::fixture("valid/small");
    std::fs::write(site.root().join("aula.yaml"), b"title: Prueba\ndescription: de Espa\xF1a\n").unwrap();
    let (code, stderr) = aula_exit(site.root(), &["build"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.starts_with(
            "aula.yaml:1:1: error: the file is not UTF-8 (byte 0xF1 at line 2, col 21); save it as UTF-8\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_template_not_in_utf8_is_located_and_exits_1() {
    let site = SiteTest::fixture("valid/small");
    std::fs::create_dir_all(site.root().join("templates")).unwrap();
    std::fs::write(site.root().join("templates/lesson.html"), b"{% extends \"base.html\" %}\n\xE9\n").unwrap();
    let (code, stderr) = aula_exit(site.root(), &["build"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.starts_with(
            "templates/lesson.html:1:1: error: the file is not UTF-8 (byte 0xE9 at line 2, col 1); save it as UTF-8\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_file_name_not_in_utf8_is_located_and_the_rest_is_checked() {
    use std::os::unix::ffi::OsStrExt as _;
    let site = SiteTest::fixture("valid/small");
    let name = std::ffi::OsStr::from_bytes(b"02-lecci\xF3n.md");
    std::fs::write(site.root().join("content/curso").join(name), "---\ntitle: B\n---\n").unwrap();
    site.write("content/curso/03-c.md", "---\ntitel: C\n---\n");
    assert_eq!(
        printed(&site.build()),
        [
            "content/curso/02-lecci\u{FFFD}n.md:1:1: error: the name `02-lecci\u{FFFD}n.md` is not UTF-8 (it is left out of the site): rename it with UTF-8 characters",
            "content/curso/03-c.md:1:1: warning: missing `title` in the front matter: using «C»; add a line such as `title: C`",
            "content/curso/03-c.md:2:1: warning: unknown key `titel` in the lesson's front matter: did you mean `title`?",
        ]
    );
    let (code, stderr) = aula_exit(site.root(), &["build"]);
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn a_fifo_named_aula_yaml_is_refused_not_waited_on() {
    let site = SiteTest::fixture("valid/small");
    std::fs::remove_file(site.root().join("aula.yaml")).unwrap();
    if !mkfifo(&site.root().join("aula.yaml")) {
        return;
    }
    let (code, stderr) = aula_exit(site.root(), &["build"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.starts_with(
            "aula.yaml:1:1: error: this is a named pipe (FIFO), not a file aula can read: replace it with a regular file or remove it\n"
        ),
        "{stderr}"
    );
}

#[test]
fn a_fifo_in_content_is_refused_not_waited_on() {
    let site = SiteTest::fixture("valid/small");
    if !mkfifo(&site.root().join("content/curso/02-b.md")) {
        return;
    }
    let (code, stderr) = aula_exit(site.root(), &["build"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.starts_with("content/curso/02-b.md:1:1: error: this is a named pipe (FIFO), not a file aula can read"),
        "{stderr}"
    );
}

#[test]
fn template_extends_errors_name_the_template_file() {
    let site = SiteTest::fixture("valid/small");
    site.write("templates/lesson.html", "{% extends \"nope.html\" %}\n");
    assert_eq!(
        printed(&site.build()),
        [
            "templates/lesson.html:1:13: error: template error: Template 'lesson.html' is inheriting from 'nope.html', which doesn't exist or isn't loaded; add templates/nope.html, or extend one of the theme's templates"
        ]
    );
}

#[test]
fn a_slug_too_long_for_a_file_name_is_located_and_exits_1() {
    let site = SiteTest::fixture("valid/small");
    site.write("content/curso/02-b.md", &format!("---\ntitle: B\nslug: {}\n---\n", "b".repeat(300)));
    assert_eq!(
        printed(&site.build()),
        [
            "content/curso/02-b.md:3:1: error: the URL name `bbbbbbbbbbbbbbbbbbbbbbbb…` of content/curso/02-b.md is 300 bytes long, more than the 255 a file name may have; set a shorter `slug`"
        ]
    );
    let (code, stderr) = aula_exit(site.root(), &["build"]);
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn a_nul_in_an_alias_is_located_and_exits_1() {
    let site = SiteTest::fixture("valid/small");
    site.write("content/curso/02-b.md", "---\ntitle: B\naliases:\n  - \"/viejo\\0b/\"\n---\n");
    assert_eq!(
        printed(&site.build()),
        [
            "content/curso/02-b.md:3:1: error: alias `/viejo\\0b/` has a control character (U+0000), which no URL can hold: remove it"
        ]
    );
    let (code, stderr) = aula_exit(site.root(), &["build"]);
    assert_eq!(code, Some(1), "{stderr}");
}

#[test]
fn a_static_file_on_a_page_url_is_an_error_naming_both() {
    let site = SiteTest::fixture("valid/small");
    site.write("static/index.html", "<p>otra portada</p>\n");
    site.write("static/curso/a/index.html", "<p>otra lección</p>\n");
    assert_eq!(
        printed(&site.build()),
        [
            "static/curso/a/index.html:1:1: error: two files on one path: static/curso/a/index.html and content/curso/01-a.md both make `curso/a/`; rename or remove this file of static/",
            "static/index.html:1:1: error: two files on one path: static/index.html and content/ both make `/`; rename or remove this file of static/",
        ]
    );
}

#[test]
fn an_alias_onto_a_file_aula_makes_is_an_error_naming_both() {
    let site = SiteTest::fixture("valid/small");
    site.write(
        "content/curso/02-b.md",
        "---\ntitle: B\naliases: [/aula.css, /.aula-output, /search-index/x.js]\n---\n",
    );
    assert_eq!(
        printed(&site.build()),
        [
            "content/curso/02-b.md:3:11: error: two files on one path: the alias `/aula.css` of content/curso/02-b.md and the theme's themes/default/static/aula.css both make `aula.css`; remove the alias",
            "content/curso/02-b.md:3:22: error: two files on one path: the alias `/.aula-output` of content/curso/02-b.md and the file that marks aula's output folder both make `.aula-output`; remove the alias",
            "content/curso/02-b.md:3:37: error: `search-index` would be a file and a folder: the search index makes the file, the alias `/search-index/x.js` of content/curso/02-b.md makes `search-index/x.js` inside it; remove the alias",
        ]
    );
}

#[test]
fn a_content_file_named_like_a_theme_file_is_an_error_naming_both() {
    let site = SiteTest::fixture("valid/small");
    site.write("content/aula.css", "body { color: red }\n");
    assert_eq!(
        printed(&site.build()),
        [
            "content/aula.css:1:1: error: two files on one path: content/aula.css and the theme's themes/default/static/aula.css both make `aula.css`; rename the file (to replace a file of the theme, put yours in static/ instead)"
        ]
    );
}

#[test]
fn a_file_where_a_page_needs_a_folder_is_an_error_naming_both() {
    let site = SiteTest::fixture("valid/small");
    site.write("content/curso/a", "sin extensión\n");
    assert_eq!(
        printed(&site.build()),
        [
            "content/curso/a:1:1: error: `curso/a` would be a file and a folder: content/curso/a makes the file, content/curso/01-a.md makes `curso/a/index.html` inside it; rename the file (to replace a file of the theme, put yours in static/ instead)"
        ]
    );
}

#[test]
fn two_index_pages_for_one_folder() {
    let site = SiteTest::fixture("valid/small");
    site.write("content/curso/_index.markdown", "---\ntitle: Otro curso\n---\n");
    assert_eq!(
        printed(&site.build()),
        ["content/curso/_index.md:1:1: error: a second `_index` page for the folder `content/curso`: keep one of them"]
    );
}

#[test]
fn ui_strings_not_in_utf8_are_located() {
    let site = SiteTest::fixture("valid/small");
    std::fs::create_dir_all(site.root().join("i18n")).unwrap();
    std::fs::write(site.root().join("i18n/es.yaml"), b"search_title: B\xFAsqueda\n").unwrap();
    let lines = printed(&site.build());
    assert_eq!(
        lines.first().map(String::as_str),
        Some("i18n/es.yaml:1:1: error: the file is not UTF-8 (byte 0xFA at line 1, col 16); save it as UTF-8"),
        "{lines:#?}"
    );
}
