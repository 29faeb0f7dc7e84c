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
            "content/curso/01-a.md:3:29: error: invalid front matter: mapping values are not allowed in this context (put quotes around a value that contains `: `)"
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
    let message =
        "content/curso/01-a.md:3:1: {}: unknown key `objetives` in lesson front matter: did you mean `objectives`?";
    assert_eq!(diagnostics_of("unknown-key", false), [message.replace("{}", "warning")]);
    assert_eq!(diagnostics_of("unknown-key", true), [message.replace("{}", "error")]);
}

#[test]
fn duplicate_key() {
    assert_eq!(
        diagnostics_of("duplicate-key", false),
        ["content/curso/01-a.md:4:1: error: duplicate key `title` (first set at line 2): keep one of them"]
    );
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
        ["content/curso/01-a.md:7:1: error: image `fig/esquema.png` not found (no file content/curso/fig/esquema.png)"]
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
        ["content/curso/01-a.md:5:6: error: the file is not valid UTF-8 (byte 0xF3): save it as UTF-8"]
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
        "content/curso/03-c.md:3:1: error: invalid front matter: did not find expected ',' or ']', \
         while parsing a flow sequence at line 2 column 8 (check for an unclosed quote or bracket)"
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
