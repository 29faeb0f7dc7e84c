//! Training material in the built site: every block kind, quizzes, the course's own pages
//! (printable course, key points, schedule), and located problems in blocks and quizzes.

use aula::markdown::blocks::BlockKind;
use aula::markdown::{self, Labels, LinkResolver, Resolution};

use crate::support::{SiteTest, broken_links, printed};

/// The default theme's words in Spanish, as a site with `language: es` gets them.
fn spanish() -> Labels {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/i18n/es.yaml");
    let strings = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    aula::render::i18n::Strings::new(strings).labels()
}

/// Leaves every link as written.
struct AsWritten;

impl LinkResolver for AsWritten {
    fn resolve_link(&self, _: &str) -> Resolution {
        Resolution::Keep
    }

    fn resolve_image(&self, _: &str) -> Resolution {
        Resolution::Keep
    }
}

#[test]
fn each_block_kind_snapshot() {
    let labels = spanish();
    for kind in BlockKind::ALL {
        let text = format!("::: {}\nTexto con **formato** y una lista:\n\n- uno\n:::\n", kind.name());
        let rendered = markdown::render(&text, &labels, &AsWritten);
        assert_eq!(rendered.problems, [], "{}", kind.name());
        insta::assert_snapshot!(format!("block_{}", kind.name()), rendered.html);
    }
}

#[test]
fn quiz_snapshot() {
    let site = SiteTest::fixture("valid/training");
    site.build();
    insta::assert_snapshot!(site.main_of("curso/cuestionarios/index.html"));
}

#[test]
fn lesson_with_every_block_snapshot() {
    let site = SiteTest::fixture("valid/training");
    site.build();
    insta::assert_snapshot!(site.main_of("curso/bloques/index.html"));
}

#[test]
fn course_pages_snapshots() {
    let site = SiteTest::fixture("valid/training");
    site.build();
    insta::assert_snapshot!("print", site.main_of("curso/imprimir/index.html"));
    insta::assert_snapshot!("keypoints", site.main_of("curso/puntos-clave/index.html"));
    insta::assert_snapshot!("schedule", site.main_of("curso/horario/index.html"));
}

#[test]
fn training_site_builds_clean_under_strict_and_links_work() {
    let site = SiteTest::fixture("valid/training");
    let report = site.build_with(|o| o.strict = true);
    assert_eq!(printed(&report), Vec::<String>::new());
    assert_eq!(broken_links(&site.public()), Vec::<String>::new());
    let first = site.output_files();
    site.build();
    assert_eq!(first, site.output_files(), "byte-identical rebuilds");
}

#[test]
fn the_course_page_links_its_own_pages() {
    let site = SiteTest::fixture("valid/training");
    site.build();
    let course = site.read("curso/index.html");
    for href in ["imprimir/index.html", "puntos-clave/index.html", "horario/index.html"] {
        assert!(course.contains(&format!("href=\"../curso/{href}\"")), "{href}");
    }
    let ids: Vec<&str> = course.match_indices("<li data-lesson-id=\"").map(|(i, _)| &course[i + 20..i + 40]).collect();
    assert_eq!(ids.len(), 3, "every lesson of the course, modules included, for the progress bar: {ids:?}");
    site.write("aula.yaml", "title: Practice academy\nlanguage: en\n");
    site.build();
    assert!(site.exists("curso/print/index.html") && site.exists("curso/schedule/index.html"));
    assert!(site.read("curso/keypoints/index.html").contains("<h1><span class=\"muted\">Key points summary:</span>"));
}

#[test]
fn the_schedule_runs_from_teaching_exercises_and_duration() {
    let site = SiteTest::fixture("valid/training");
    site.build();
    let schedule = site.read("curso/horario/index.html");
    let starts: Vec<&str> = schedule.match_indices("<tr").filter_map(|(i, _)| cell(&schedule[i..])).collect();
    // Blocks 10 + 5, quizzes 5 + 10, then the module and its lesson of 20 minutes.
    assert_eq!(starts, ["0:00", "0:15", "0:30", "0:30", "0:50"]);
    assert!(schedule.contains("<td>0:50</td><th scope=\"row\" colspan=\"3\">Total</th><td>50 min</td>"));
}

/// The text of the first `<td>` of a table row.
fn cell(row: &str) -> Option<&str> {
    let start = row.find("<td>")? + 4;
    let end = start + row[start..].find("</td>")?;
    (row.find("</tr>")? > start).then_some(&row[start..end])
}

#[test]
fn the_printable_course_keeps_ids_apart() {
    let site = SiteTest::fixture("valid/training");
    site.build();
    let print = site.read("curso/imprimir/index.html");
    let order: Vec<usize> = ["Bloques de formación", "Cuestionarios", "Cerrar la conversación"]
        .iter()
        .map(|t| print.find(&format!(">{t}</a>")).unwrap_or_else(|| panic!("{t} missing")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "lessons in reading order");
    assert!(print.contains("<h2 id=\"l1-un-ejercicio\">"));
    assert!(print.contains("name=\"l2-quiz-1\"") && print.contains("name=\"l2-quiz-2\""));
    assert!(print.contains("<section class=\"print-lesson\" id=\"l2\" data-lesson-id=\"curso/cuestionarios\""));
    assert!(print.contains("<details class=\"block block-solution\">"), "solutions closed until the toggle opens them");
    assert!(print.contains("class=\"instructor-toggle\""), "the course has instructor notes");
    assert!(print.contains("src=\"../../curso/fig/esquema.svg\""), "images from the print page's folder");
}

#[test]
fn key_points_come_from_front_matter_and_blocks() {
    let site = SiteTest::fixture("valid/training");
    site.build();
    let page = site.main_of("curso/puntos-clave/index.html");
    for point in [
        "Cada bloque tiene su título en el idioma del sitio.",
        "Los bloques se anidan con más dos puntos.",
        "Despide con un resumen.",
    ] {
        assert!(page.contains(point), "{point}");
    }
    assert!(!page.contains("Cuestionarios"), "a lesson without key points is left out");
}

#[test]
fn answers_and_instructor_notes_are_marked_for_search_to_skip() {
    let site = SiteTest::fixture("valid/training");
    site.build();
    let quiz = site.read("curso/cuestionarios/index.html");
    assert_eq!(quiz.matches("<fieldset class=\"quiz-options\" data-search=\"skip\"").count(), 2);
    assert_eq!(quiz.matches("<details class=\"quiz-answer\" data-search=\"skip\">").count(), 2);
    let blocks = site.read("curso/bloques/index.html");
    assert!(blocks.contains("<div class=\"block block-instructor\" data-search=\"skip\">"));
    assert!(blocks.contains("<meta name=\"description\" content=\"Primer párrafo de la lección.\">"));
}

#[test]
fn image_attributes_are_honoured() {
    let site = SiteTest::fixture("valid/training");
    site.build();
    let page = site.read("curso/bloques/index.html");
    assert!(page.contains("<img src=\"../../curso/fig/esquema.svg\" alt=\"El esquema de una llamada\">"));
    assert!(!page.contains("{alt="));
}

#[test]
fn bad_blocks_are_located_warnings() {
    let site = SiteTest::fixture("invalid/bad-blocks");
    let report = site.build();
    assert!(report.succeeded(), "warnings only");
    assert_eq!(
        printed(&report),
        [
            "content/curso/01-a.md:5:5: warning: unknown block kind `chalenge` in `::: chalenge`: did you mean `challenge`?",
            "content/curso/01-a.md:10:32: warning: link target `02-bb.md` not found (no file content/curso/02-bb.md): correct the path, or create that file",
            "content/curso/01-a.md:12:1: warning: `:::` closes no open block: remove the line, or open a block above it with `::: challenge` (or another kind)",
            "content/curso/01-a.md:19:1: warning: block `solution` is not closed: add a line `:::` where it ends",
        ]
    );
    let page = site.read("curso/a/index.html");
    assert!(page.contains("::: challenge\nEsto es código, no un bloque."), "fences in code stay code");
    assert!(!page.contains("block-challenge"));
    assert!(!site.build_with(|o| o.strict = true).succeeded());
}

#[test]
fn bad_quizzes_are_located_errors() {
    let site = SiteTest::fixture("invalid/bad-quiz");
    let report = site.build();
    assert!(!report.succeeded());
    assert!(!site.public().exists(), "a failed build writes nothing");
    assert_eq!(
        printed(&report),
        [
            "content/curso/01-a.md:10:11: error: a `[` opened here in the quiz is never closed: add `]` at the end of the list, or write the value in quotes",
            "content/curso/01-a.md:18:1: error: no option is marked `correct: true`: mark the right answer",
            "content/curso/01-a.md:20:5: warning: unknown key `corect` in an option of the quiz: did you mean `correct`?",
        ]
    );
}

#[test]
fn a_lesson_cannot_take_a_course_page_url() {
    let site = SiteTest::fixture("valid/training");
    site.write("content/curso/horario.md", "---\ntitle: Horario de atención\n---\n");
    assert_eq!(
        printed(&site.build()),
        [
            "content/curso/horario.md:1:1: error: two pages on one URL: content/curso/horario.md and a page aula makes for the course «Curso de prácticas» both make `curso/horario/`; rename one of the files or give it its own `slug`"
        ]
    );
}
