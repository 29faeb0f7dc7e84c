//! Valid sites: what the built pages contain.

use crate::support::{SiteTest, broken_links, printed};

#[test]
fn basic_site_builds_clean_under_strict() {
    let site = SiteTest::fixture("valid/basic");
    let report = site.build_with(|o| o.strict = true);
    assert_eq!(printed(&report), Vec::<String>::new());
    assert_eq!((report.lessons, report.courses), (5, 1));
}

#[test]
fn lesson_page_snapshot() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    insta::assert_snapshot!(site.main_of("atencion/escuchar/index.html"));
}

#[test]
fn course_page_snapshot() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    insta::assert_snapshot!(site.main_of("atencion/index.html"));
}

#[test]
fn home_page_snapshot() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    insta::assert_snapshot!(site.main_of("index.html"));
}

#[test]
fn bundle_page_snapshot() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    insta::assert_snapshot!(site.main_of("atencion/decir-no/index.html"));
}

#[test]
fn every_link_leads_somewhere_from_disk() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    assert_eq!(broken_links(&site.public()), Vec::<String>::new());
}

#[test]
fn assets_aliases_tags_and_site_files_are_written() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    for path in [
        "atencion/fig/esquema.svg",
        "atencion/decir-no/paso.svg",
        "viejo/decir-no/index.html",
        "etiquetas/index.html",
        "etiquetas/escucha-activa/index.html",
        "etiquetas/empatia/index.html",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "404.html",
        "aula.css",
        "suelta/index.html",
    ] {
        assert!(site.exists(path), "{path} missing");
    }
}

#[test]
fn drafts_only_with_the_flag() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    assert!(!site.exists("atencion/borrador/index.html"));
    assert!(!site.read("atencion/index.html").contains("Borrador"));
    let report = site.build_with(|o| o.drafts = true);
    assert!(report.succeeded());
    assert!(site.exists("atencion/borrador/index.html"));
}

#[test]
fn weight_orders_before_the_file_prefix() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    let module = site.read("atencion/modulo/index.html");
    let first = module.find("Seguimiento").unwrap();
    let second = module.find("Cerrar la conversación").unwrap();
    assert!(first < second, "weight 1 comes before weight 2");
    let lesson = site.read("atencion/modulo/seguimiento/index.html");
    assert!(
        lesson.contains("rel=\"prev\" href=\"../../../atencion/decir-no/index.html\""),
        "prev crosses into the module"
    );
    assert!(lesson.contains("rel=\"next\" href=\"../../../atencion/modulo/cierre/index.html\""));
}

#[test]
fn absolute_urls_only_where_required() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/academia/atencion/escuchar/</loc><lastmod>2026-04-02</lastmod>")
    );
    let feed = site.read("atom.xml");
    assert!(feed.contains("<id>https://example.org/academia/atencion/escuchar/</id>"));
    assert!(feed.contains("<updated>2026-04-02T00:00:00Z</updated>"));
    assert!(site.read("robots.txt").contains("Sitemap: https://example.org/academia/sitemap.xml"));
    let lesson = site.read("atencion/escuchar/index.html");
    assert!(lesson.contains("<link rel=\"canonical\" href=\"https://example.org/academia/atencion/escuchar/\">"));
    assert!(lesson.contains("href=\"../../aula.css\""));
    // Hosts serve 404.html for any missing path, so it links from the site's own path.
    let not_found = site.read("404.html");
    assert!(not_found.contains("<base href=\"/academia/\">"), "{not_found}");
    assert!(not_found.contains("href=\"aula.css\""), "{not_found}");
}

#[test]
fn dates_and_strings_in_the_site_language() {
    let site = SiteTest::fixture("valid/basic");
    site.build();
    let lesson = site.read("atencion/escuchar/index.html");
    assert!(lesson.contains("<html lang=\"es\">"));
    assert!(lesson.contains("10 de marzo de 2026"));
    assert!(lesson.contains("<p class=\"callout-title\">Consejo</p>"));

    site.write("aula.yaml", "title: Test academy\nlanguage: en\n");
    site.build();
    let lesson = site.read("atencion/escuchar/index.html");
    assert!(lesson.contains("<html lang=\"en\">"));
    assert!(lesson.contains("March 10, 2026"));
    assert!(lesson.contains("<p class=\"callout-title\">Tip</p>"));
    assert!(site.exists("tags/empatia/index.html"));
    assert!(!site.exists("sitemap.xml"), "no base_url, no sitemap");
}

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = SiteTest::fixture("valid/basic");
    site.write("templates/partials/footer.html", "<footer class=\"mine\">{{ site.title }}</footer>\n");
    site.write("static/aula.css", "body { color: red }\n");
    site.write("static/extra/logo.txt", "logo\n");
    site.build();
    assert!(site.read("index.html").contains("<footer class=\"mine\">Academia de prueba</footer>"));
    assert_eq!(site.read("aula.css"), "body { color: red }\n");
    assert_eq!(site.read("extra/logo.txt"), "logo\n");
    assert!(site.exists("aula.js"), "files not overridden still come from the theme");
}

#[test]
fn files_without_front_matter_take_their_first_heading() {
    let site = SiteTest::fixture("valid/basic");
    site.write("content/guia.md", "# Guía rápida\n\nTexto.\n");
    site.write("content/otra-nota.md", "Sin título.\n");
    let report = site.build();
    assert!(report.succeeded());
    assert_eq!(
        printed(&report),
        [
            "content/guia.md:1:1: warning: no front matter: using «Guía rápida» as the title; start the file with `---`, `title: Guía rápida`, `---`",
            "content/otra-nota.md:1:1: warning: no front matter: using «Otra nota» as the title; start the file with `---`, `title: Otra nota`, `---`",
        ]
    );
    let page = site.main_of("guia/index.html");
    assert_eq!(page.matches("Guía rápida").count(), 1, "the heading became the title, once: {page}");
}

#[test]
fn markdown_in_any_extension_is_a_lesson_and_drafts_are_never_published() {
    let site = SiteTest::fixture("valid/small");
    site.write("content/curso/02-b.MD", "---\ntitle: Lección B\n---\n\nTexto B.\n");
    site.write("content/curso/03-c.markdown", "---\ntitle: Lección C\ndraft: true\n---\n\nBorrador.\n");
    site.write("content/curso/04-d.mdown", "---\ntitle: Lección D\n---\n\nVer [B](02-b.MD).\n");
    site.write("content/curso/05-e/index.mkd", "---\ntitle: Lección E\n---\n\nTexto E.\n");
    let report = site.build_with(|o| o.strict = true);
    assert_eq!(printed(&report), Vec::<String>::new());
    assert_eq!(report.lessons, 4);
    for page in ["curso/b/index.html", "curso/d/index.html", "curso/e/index.html"] {
        assert!(site.exists(page), "{page}");
    }
    assert!(site.read("curso/d/index.html").contains("href=\"../../curso/b/index.html\""));
    for (path, bytes) in site.output_files() {
        assert!(aula::content::markdown_stem(&path).is_none(), "copied as it is: {path}");
        assert!(!String::from_utf8_lossy(&bytes).contains("draft: true"), "front matter published in {path}");
    }
    assert!(!site.exists("curso/c/index.html"), "a draft is left out");
}

#[test]
fn file_names_in_nfd_get_the_same_url_as_in_nfc() {
    let site = SiteTest::fixture("valid/small");
    // `canción` as macOS writes file names: `o` and a combining acute accent.
    site.write("content/curso/02-cancio\u{301}n.md", "---\ntitle: Canción\n---\n\nLetra.\n");
    site.write(
        "content/curso/03-c.md",
        "---\ntitle: C\nprerequisites: [02-canci\u{f3}n.md]\n---\n\nVer [la canción](02-canci\u{f3}n.md).\n",
    );
    let report = site.build_with(|o| o.strict = true);
    assert_eq!(printed(&report), Vec::<String>::new());
    assert!(site.exists("curso/cancion/index.html"));
    assert!(site.read("curso/c/index.html").contains("href=\"../../curso/cancion/index.html\""));
    assert_eq!(broken_links(&site.public()), Vec::<String>::new());
}

#[test]
fn a_lesson_id_is_written_only_when_it_is_not_the_lessons_path() {
    let site = SiteTest::fixture("valid/basic");
    site.write("content/01-atencion/05-propia.md", "---\ntitle: Con id\nid: mi-id-estable\n---\nTexto.\n");
    site.build();
    let own = site.read("atencion/propia/index.html");
    assert!(own.contains("<article class=\"lesson\" data-lesson-id=\"mi-id-estable\">"));
    let course = site.read("atencion/index.html");
    assert!(course.contains("data-lesson-id=\"mi-id-estable\""), "listings and the sidebar keep it");
    // The path is read back from the link or the address by training.js (see learner.rs).
    assert!(site.read("atencion/escuchar/index.html").contains("<article class=\"lesson\" data-lesson-id>"));
    assert!(course.contains("<li class=\"entry entry-lesson\" data-lesson-id>"));
    assert!(
        course.contains("<li data-lesson-id=\"atencion/escuchar\">"),
        "the progress list, without links, keeps ids"
    );
}
