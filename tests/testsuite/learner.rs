//! What a learner does with a training site, in a real headless Chromium, both served over HTTP
//! under a subpath and opened from disk: answering quizzes, marking lessons done, exporting,
//! importing and resetting progress, copying code, and the instructor view. Skipped, with a message, where
//! Debian's `chromium` is absent.

use headless_chrome::protocol::cdp::Browser::{GrantPermissions, PermissionType};
use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::{Browser, Tab};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::browser::{browser, eval, file_url, open};
use crate::support::ServedSite;

/// The training fixture, built and served.
fn site() -> ServedSite {
    ServedSite::fixture("valid/training")
}

/// A fresh tab: storage is per origin, and every test starts from a fresh browser profile.
fn tab(browser: &Browser) -> Arc<Tab> {
    browser.new_tab().expect("a tab")
}

/// A real click (the element must be visible), on a page that has finished loading.
fn click(tab: &Tab, selector: &str) {
    tab.find_element(selector).unwrap_or_else(|e| panic!("{selector}: {e}")).click().expect("clicks");
}

/// Loads the page again, as a learner coming back to it would.
fn reload(tab: &Arc<Tab>) {
    let url = tab.get_url();
    open(tab, &url);
}

fn text(tab: &Tab, selector: &str) -> String {
    let script = format!("document.querySelector({selector:?}).textContent");
    eval(tab, &script).as_str().unwrap_or_default().trim().to_string()
}

/// Waits until `script` is true (for what the page does after reading a file).
fn wait_for(tab: &Tab, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while eval(tab, script) != true {
        assert!(Instant::now() < deadline, "timed out waiting for {script}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

const QUIZ_RESULT: &str = "#quiz-1 .quiz-result";
const DONE_PRESSED: &str = "document.querySelector('.lesson-done').getAttribute('aria-pressed')";

#[test]
fn quizzes_are_checked_and_the_answer_is_kept() {
    let Some(browser) = browser() else { return };
    let site = site();
    for (origin, base) in site.origins() {
        let tab = tab(&browser);
        open(&tab, &format!("{base}curso/cuestionarios/index.html"));
        click(&tab, "#quiz-1 input[value='0']");
        click(&tab, "#quiz-1 .quiz-check");
        assert_eq!(text(&tab, QUIZ_RESULT), "No es del todo correcto; inténtalo de nuevo.", "{origin}");
        assert_eq!(eval(&tab, "document.querySelector('#quiz-1 .is-chosen-wrong .quiz-feedback').hidden"), false);

        click(&tab, "#quiz-1 input[value='1']");
        click(&tab, "#quiz-1 .quiz-check");
        assert_eq!(text(&tab, QUIZ_RESULT), "¡Correcto!", "{origin}");

        // Several right answers: all of them, and only them.
        click(&tab, "#quiz-2 input[value='0']");
        click(&tab, "#quiz-2 .quiz-check");
        assert_eq!(text(&tab, "#quiz-2 .quiz-result"), "No es del todo correcto; inténtalo de nuevo.", "{origin}");
        click(&tab, "#quiz-2 input[value='2']");
        click(&tab, "#quiz-2 .quiz-check");
        assert_eq!(text(&tab, "#quiz-2 .quiz-result"), "¡Correcto!", "{origin}");

        reload(&tab);
        assert_eq!(eval(&tab, "document.querySelector('#quiz-1 input[value=\"1\"]').checked"), true, "{origin}");
        assert_eq!(text(&tab, QUIZ_RESULT), "¡Correcto!", "{origin}: the result is kept");
        assert_eq!(text(&tab, "#quiz-2 .quiz-result"), "¡Correcto!", "{origin}");
    }
}

#[test]
fn without_javascript_the_answer_can_be_revealed() {
    let Some(browser) = browser() else { return };
    let site = site();
    let tab = tab(&browser);
    tab.call_method(Emulation::SetScriptExecutionDisabled { value: true }).expect("scripts off");
    open(&tab, &site.server.url("curso/cuestionarios/index.html"));
    // The page loaded without running its scripts; the test's own probes need them back on.
    tab.call_method(Emulation::SetScriptExecutionDisabled { value: false }).expect("scripts on");
    assert_eq!(eval(&tab, "document.querySelector('.lesson-done').hidden"), true, "the page's script never ran");
    assert_eq!(eval(&tab, "document.querySelector('#quiz-1 .quiz-check').offsetParent"), serde_json::Value::Null);
    click(&tab, "#quiz-1 .quiz-answer summary");
    assert_eq!(eval(&tab, "document.querySelector('#quiz-1 .quiz-answer').open"), true);
    let answer = text(&tab, "#quiz-1 .quiz-answer .is-correct");
    assert_eq!(
        answer,
        "Correcta: No, pero tiene derecho a entender por qué no. — Decir que no con una explicación también es servicio."
    );
}

#[test]
fn a_lesson_marked_done_stays_done_and_shows_on_the_course_page() {
    let Some(browser) = browser() else { return };
    let site = site();
    for (origin, base) in site.origins() {
        let tab = tab(&browser);
        let lesson = format!("{base}curso/bloques/index.html");
        open(&tab, &lesson);
        assert_eq!(eval(&tab, DONE_PRESSED), "false");
        assert_eq!(text(&tab, ".lesson-done"), "Marcar como hecha", "{origin}");
        click(&tab, ".lesson-done");
        assert_eq!(eval(&tab, DONE_PRESSED), "true");
        assert_eq!(text(&tab, ".lesson-done"), "Hecha ✓ · Deshacer", "{origin}: done, and how to undo it");
        let sidebar_mark =
            "document.querySelector('.course-nav [data-lesson-id=\"curso/bloques\"]').classList.contains('is-done')";
        assert_eq!(eval(&tab, sidebar_mark), true, "{origin}: checkmark in the sidebar");

        reload(&tab);
        assert_eq!(eval(&tab, DONE_PRESSED), "true", "{origin}");
        assert_eq!(text(&tab, ".lesson-done"), "Hecha ✓ · Deshacer", "{origin}: kept after a reload");
        assert_eq!(eval(&tab, sidebar_mark), true, "{origin}: kept after a reload");
        assert_eq!(text(&tab, ".course-nav .is-done .done-mark .visually-hidden"), "Hecha");

        open(&tab, &format!("{base}curso/index.html"));
        assert_eq!(text(&tab, ".progress-text"), "1 de 3 lecciones hechas", "{origin}");
        assert_eq!(eval(&tab, "document.querySelector('.progress-bar').value"), 1);
        assert_eq!(
            eval(
                &tab,
                "document.querySelector('.entries [data-lesson-id=\"curso/bloques\"]').classList.contains('is-done')"
            ),
            true
        );
    }
}

#[test]
fn the_done_button_undoes_and_stamps_the_record() {
    let Some(browser) = browser() else { return };
    let site = site();
    for (origin, base) in site.origins() {
        let tab = tab(&browser);
        open(&tab, &format!("{base}curso/bloques/index.html"));
        click(&tab, ".lesson-done");
        click(&tab, ".lesson-done");
        assert_eq!(eval(&tab, DONE_PRESSED), "false", "{origin}");
        assert_eq!(text(&tab, ".lesson-done"), "Marcar como hecha", "{origin}: undone");
        reload(&tab);
        assert_eq!(eval(&tab, DONE_PRESSED), "false", "{origin}: undone for good");
        let record = "JSON.parse(localStorage.getItem('aula-progress')).lessons['curso/bloques']";
        assert_eq!(eval(&tab, &format!("typeof {record}.updated")), "number", "{origin}: when it changed");
        assert_eq!(eval(&tab, &format!("{record}.done")), serde_json::Value::Null, "{origin}");
    }
}

#[test]
fn a_quiz_checked_with_nothing_chosen_asks_for_an_answer_and_records_nothing() {
    let Some(browser) = browser() else { return };
    let site = site();
    for (origin, base) in site.origins() {
        let tab = tab(&browser);
        open(&tab, &format!("{base}curso/cuestionarios/index.html"));
        click(&tab, "#quiz-2 .quiz-check");
        assert_eq!(text(&tab, "#quiz-2 .quiz-result"), "Elige una respuesta.", "{origin}");
        assert_eq!(eval(&tab, "localStorage.getItem('aula-progress')"), serde_json::Value::Null, "{origin}");

        // Chosen, checked, then unchosen again: the old verdict goes away, the kept answer stays.
        click(&tab, "#quiz-2 input[value='0']");
        click(&tab, "#quiz-2 .quiz-check");
        click(&tab, "#quiz-2 input[value='0']");
        click(&tab, "#quiz-2 .quiz-check");
        assert_eq!(text(&tab, "#quiz-2 .quiz-result"), "Elige una respuesta.", "{origin}");
        assert_eq!(eval(&tab, "document.querySelectorAll('#quiz-2 .is-chosen-right, #quiz-2.is-right').length"), 0);
        let kept =
            "JSON.parse(localStorage.getItem('aula-progress')).lessons['curso/cuestionarios'].quizzes['2'].answer";
        assert_eq!(eval(&tab, kept), serde_json::json!([0]), "{origin}");
    }
}

#[test]
fn progress_import_keeps_the_newer_record_of_each_lesson() {
    let Some(browser) = browser() else { return };
    let site = site();
    let saved = site.test.root().join("otro-navegador.json");
    // Older than this browser's record of `bloques`, newer than its record of `cierre`, and a
    // lesson this browser has no record of, saved before records had times.
    std::fs::write(
        &saved,
        r#"{"version":1,"lessons":{"curso/bloques":{"updated":1000},"curso/modulo/cierre":{"done":true,"updated":3000},"curso/cuestionarios":{"done":true}}}"#,
    )
    .unwrap();
    let here = r#"{"version":1,"lessons":{"curso/bloques":{"done":true,"updated":2000},"curso/modulo/cierre":{"updated":1000}}}"#;
    for (origin, base) in site.origins() {
        let tab = tab(&browser);
        open(&tab, &format!("{base}curso/index.html"));
        eval(&tab, &format!("localStorage.setItem('aula-progress', {here:?})"));
        reload(&tab);
        assert_eq!(text(&tab, ".progress-text"), "1 de 3 lecciones hechas", "{origin}");

        tab.find_element(".progress-import input").unwrap().set_input_files(&[saved.to_str().unwrap()]).unwrap();
        wait_for(&tab, "document.querySelector('.progress-status').textContent !== ''");
        assert_eq!(
            text(&tab, ".progress-status"),
            "Lecciones importadas: 2. Ya estaban igual o más recientes en este navegador: 1.",
            "{origin}"
        );
        assert_eq!(text(&tab, ".progress-text"), "3 de 3 lecciones hechas", "{origin}: the newer record of each");
        let stored = "JSON.parse(localStorage.getItem('aula-progress')).lessons";
        assert_eq!(eval(&tab, &format!("{stored}['curso/bloques'].updated")), 2000, "{origin}: this browser's");
        assert_eq!(eval(&tab, &format!("{stored}['curso/modulo/cierre'].updated")), 3000, "{origin}: the file's");
    }
}

#[test]
fn the_import_button_opens_the_file_input_from_the_keyboard() {
    let Some(browser) = browser() else { return };
    let site = site();
    let tab = tab(&browser);
    open(&tab, &site.server.url("curso/index.html"));
    eval(&tab, "document.querySelector('.progress-export').focus()");
    tab.press_key("Tab").expect("tabs");
    assert_eq!(eval(&tab, "document.activeElement === document.querySelector('.progress-import input')"), true);
    let ring = "getComputedStyle(document.querySelector('.progress-import')).outlineStyle";
    assert_eq!(eval(&tab, ring), "solid", "the label shows the focus of the input inside it");
}

#[test]
fn copy_puts_the_command_without_its_prompt_on_the_clipboard_and_says_so() {
    let Some(browser) = browser() else { return };
    let site = site();
    for (origin, base) in site.origins() {
        let tab = tab(&browser);
        open(&tab, &format!("{base}curso/bloques/index.html"));
        if origin == "http" {
            let origin_url = eval(&tab, "location.origin").as_str().expect("an origin").to_string();
            let grant = GrantPermissions {
                permissions: vec![PermissionType::ClipboardReadWrite, PermissionType::ClipboardSanitizedWrite],
                origin: Some(origin_url),
                browser_context_id: None,
            };
            tab.call_method(grant).expect("clipboard permission");
        } else {
            // Pages opened from disk may have no Clipboard API: the fallback copies a selection.
            eval(&tab, "Object.defineProperty(navigator, 'clipboard', { value: undefined })");
            eval(
                &tab,
                "const copy = document.execCommand.bind(document); \
                 document.execCommand = (c) => { window.copied = document.activeElement.value; return copy(c); }",
            );
        }
        assert_eq!(eval(&tab, "document.querySelector('.code-copy').hidden"), false);
        click(&tab, ".code-block .code-copy");
        wait_for(&tab, "document.querySelector('.code-copy-status').textContent === 'Copiado'");
        let copied = if origin == "http" {
            let read = tab.evaluate("navigator.clipboard.readText()", true).expect("reads the clipboard");
            read.value.expect("clipboard text")
        } else {
            eval(&tab, "window.copied")
        };
        assert_eq!(copied, "cd datos/\nls -F", "{origin}: no prompts, no output");
        assert_eq!(eval(&tab, "document.activeElement.classList.contains('code-copy')"), true, "{origin}: focus stays");
        assert_eq!(eval(&tab, "getComputedStyle(document.querySelector('.prompt')).userSelect"), "none");
    }
}

#[test]
fn output_blocks_are_labelled_and_have_no_copy_button() {
    let Some(browser) = browser() else { return };
    let site = site();
    let tab = tab(&browser);
    open(&tab, &format!("{}/curso/bloques/index.html", file_url(&site.test.public())));
    for (block, label) in [(".code-output", "Salida"), (".code-error", "Error")] {
        assert_eq!(text(&tab, &format!("{block} .code-label")), label);
        assert_eq!(eval(&tab, &format!("document.querySelector('{block} .code-copy')")), serde_json::Value::Null);
        assert_eq!(eval(&tab, &format!("document.querySelector('{block} pre').getAttribute('aria-label')")), label);
    }
    // The long command scrolls, and the keyboard reaches it.
    let wide = "[...document.querySelectorAll('.code-block pre')].find(p => p.scrollWidth > p.clientWidth)";
    assert_eq!(eval(&tab, &format!("{wide}.tabIndex")), 0);
    eval(&tab, &format!("{wide}.focus()"));
    tab.press_key("ArrowRight").expect("a key");
    wait_for(&tab, &format!("{wide}.scrollLeft > 0"));
}

#[test]
fn progress_is_exported_imported_and_reset_as_a_json_file() {
    let Some(browser) = browser() else { return };
    let site = site();
    let saved = site.test.root().join("progreso.json");
    std::fs::write(
        &saved,
        r#"{"version":1,"lessons":{"curso/bloques":{"done":true},"curso/modulo/cierre":{"done":true}}}"#,
    )
    .unwrap();
    let not_progress = site.test.root().join("otra-cosa.json");
    std::fs::write(&not_progress, "[1, 2, 3]").unwrap();
    for (origin, base) in site.origins() {
        let tab = tab(&browser);
        let course = format!("{base}curso/index.html");
        open(&tab, &course);
        assert_eq!(text(&tab, ".progress-text"), "0 de 3 lecciones hechas", "{origin}");

        tab.find_element(".progress-import input").unwrap().set_input_files(&[saved.to_str().unwrap()]).unwrap();
        wait_for(&tab, "document.querySelector('.progress-status').textContent !== ''");
        assert_eq!(text(&tab, ".progress-status"), "Lecciones importadas: 2.", "{origin}");
        assert_eq!(text(&tab, ".progress-text"), "2 de 3 lecciones hechas", "{origin}");

        // What the export button hands to the browser to download.
        let keep =
            "const made = URL.createObjectURL; URL.createObjectURL = (b) => { window.exported = b; return made(b); }";
        eval(&tab, keep);
        click(&tab, ".progress-export");
        let exported = tab.evaluate("window.exported.text()", true).unwrap().value.expect("a file was made");
        let exported: serde_json::Value = serde_json::from_str(exported.as_str().unwrap()).unwrap();
        assert_eq!(exported["lessons"]["curso/bloques"]["done"], true, "{origin}: {exported}");
        assert_eq!(exported["lessons"]["curso/modulo/cierre"]["done"], true, "{origin}");

        click(&tab, ".progress-reset summary");
        click(&tab, ".progress-reset button");
        assert_eq!(text(&tab, ".progress-text"), "0 de 3 lecciones hechas", "{origin}");
        reload(&tab);
        assert_eq!(text(&tab, ".progress-text"), "0 de 3 lecciones hechas", "{origin}: reset for good");

        tab.find_element(".progress-import input").unwrap().set_input_files(&[not_progress.to_str().unwrap()]).unwrap();
        wait_for(&tab, "document.querySelector('.progress-status').textContent !== ''");
        assert_eq!(text(&tab, ".progress-status"), "Ese archivo no contiene un progreso de aula.", "{origin}");
    }
}

#[test]
fn progress_survives_a_rebuild_that_reorders_lessons() {
    let Some(browser) = browser() else { return };
    let site = site();
    for (_, base) in site.origins() {
        let tab = tab(&browser);
        open(&tab, &format!("{base}curso/cuestionarios/index.html"));
        click(&tab, ".lesson-done");
    }
    // The lesson moves to the front of the course: its id, from its path without the order
    // prefix, stays the same.
    let content = site.test.root().join("content/curso");
    std::fs::rename(content.join("02-cuestionarios.md"), content.join("00-cuestionarios.md")).unwrap();
    assert!(site.test.build().succeeded());
    for (origin, base) in site.origins() {
        let tab = tab(&browser);
        open(&tab, &format!("{base}curso/index.html"));
        assert_eq!(text(&tab, ".entries .entry-title"), "Cuestionarios", "{origin}: reordered");
        assert_eq!(text(&tab, ".progress-text"), "1 de 3 lecciones hechas", "{origin}");
        assert_eq!(eval(&tab, "document.querySelector('.entries .entry').classList.contains('is-done')"), true);
    }
}

#[test]
fn the_instructor_view_shows_its_notes_and_is_remembered() {
    let Some(browser) = browser() else { return };
    let site = site();
    let note = "getComputedStyle(document.querySelector('.block-instructor')).display";
    let pressed = "document.querySelector('.instructor-toggle').getAttribute('aria-pressed')";
    for (origin, base) in site.origins() {
        let tab = tab(&browser);
        let lesson = format!("{base}curso/bloques/index.html");
        open(&tab, &lesson);
        assert_eq!(eval(&tab, note), "none", "{origin}: hidden by default");
        click(&tab, ".instructor-toggle");
        assert_eq!(eval(&tab, note), "block", "{origin}");
        assert_eq!(eval(&tab, pressed), "true");

        reload(&tab);
        assert_eq!(eval(&tab, note), "block", "{origin}: remembered");
        open(&tab, &format!("{base}curso/imprimir/index.html"));
        assert_eq!(eval(&tab, note), "block", "{origin}: on other pages too");
        assert_eq!(eval(&tab, pressed), "true");
        click(&tab, ".instructor-toggle");
        assert_eq!(eval(&tab, note), "none", "{origin}");

        open(&tab, &lesson);
        assert_eq!(eval(&tab, note), "none", "{origin}: off is remembered too");
    }
}

#[test]
fn the_printable_course_shows_solutions_on_request() {
    let Some(browser) = browser() else { return };
    let site = site();
    for (origin, base) in site.origins() {
        let tab = tab(&browser);
        open(&tab, &format!("{base}curso/imprimir/index.html"));
        let open_solutions = "[...document.querySelectorAll('details.block-solution')].filter(d => d.open).length";
        assert_eq!(eval(&tab, open_solutions), 0, "{origin}");
        click(&tab, ".show-solutions");
        assert_eq!(eval(&tab, open_solutions), 2, "{origin}");
        click(&tab, ".show-solutions");
        assert_eq!(eval(&tab, open_solutions), 0, "{origin}");
        assert_eq!(eval(&tab, "document.querySelector('#l1 img').naturalWidth > 0"), true, "{origin}: images load");
    }
}
