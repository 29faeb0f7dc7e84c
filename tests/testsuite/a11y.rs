//! Accessibility of every page type, checked by axe-core (the npm package pinned in
//! `tests/js/package.json`, installed with `npm ci --prefix tests/js`) in a real headless
//! Chromium: light, dark by the theme toggle, and dark by the system preference; over HTTP
//! and from `file://`. Also the header search as a keyboard combobox (WAI-ARIA APG, combobox with
//! a listbox popup). Skipped, with a message, where Chromium or axe-core is absent (a failure
//! under `CI=true`). Rerun alone with `cargo test --test testsuite a11y`.

use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::{Browser, Tab};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::browser::{browser, eval, open};
use crate::support::{ServedSite, SiteTest, skip};

const AXE: &str = "tests/js/node_modules/axe-core/axe.min.js";

/// A lesson with every kind of content a learner meets at once: a quiz, a task list, a challenge
/// with a hint and a solution, code, and tags (for the tag pages).
const EVERYTHING: &str = r#"---
title: Todo junto
description: Una lección con cuestionario, tareas, reto y código.
teaching: 5
tags: [escucha, práctica]
---

Antes de la llamada, prepara la lista.

- [ ] Leer la ficha del cliente.
- [x] Tener a mano el calendario.

## Reto

::: challenge
### Resume la petición

:::: hint
Usa el nombre del cliente.
::::

:::: solution
«Ana, quieres cambiar la cita al martes.»
::::
:::

## Código

```python
def saludo(nombre):
    # Una línea de comentario.
    return f"Hola, {nombre}"
```

```quiz
question: ¿Qué haces primero?
options:
  - text: Escuchar.
    correct: true
  - text: Interrumpir.
    feedback: Así no sabrás qué necesita.
```
"#;

/// The page types of a training site, by the file that shows each.
const PAGES: [(&str, &str); 14] = [
    ("home", "index.html"),
    ("course", "curso/index.html"),
    ("module", "curso/modulo/index.html"),
    ("lesson", "curso/todo-junto/index.html"),
    ("lesson with blocks", "curso/bloques/index.html"),
    ("tag", "etiquetas/escucha/index.html"),
    ("tag list", "etiquetas/index.html"),
    ("tag, page 2", "etiquetas/larga/pagina/2/index.html"),
    ("course, page 2", "lista/pagina/2/index.html"),
    ("search page", "buscar/index.html?q=cliente"),
    ("key points", "curso/puntos-clave/index.html"),
    ("schedule", "curso/horario/index.html"),
    ("print", "curso/imprimir/index.html"),
    ("404", "404.html"),
];

/// The header search, with its results open and with none found, is checked on top of the pages.
const HEADER_SEARCH: &str = "header search open";
const HEADER_SEARCH_NONE: &str = "header search, no results";

#[derive(Clone, Copy, Debug)]
enum Mode {
    Light,
    DarkByToggle,
    DarkBySystem,
}

/// The training fixture and the lesson with everything, built and served.
fn site() -> ServedSite {
    let test = SiteTest::fixture("valid/training");
    test.write("content/curso/04-todo-junto.md", EVERYTHING);
    // A course and a tag too long for one page, for their later pages.
    test.write("content/lista/_index.md", "---\ntitle: Lista larga\n---\n");
    for n in 1..=55 {
        let lesson = format!("---\ntitle: Paso {n}\ntags: [larga]\n---\nUn paso más.\n");
        test.write(&format!("content/lista/paso-{n:02}.md"), &lesson);
    }
    // Served under a subpath, the 404 page finds the theme through `base_url` (its `<base>`).
    let config = std::fs::read_to_string(test.root().join("aula.yaml")).unwrap();
    test.write("aula.yaml", &format!("{config}base_url: https://example.org/academia/\n"));
    ServedSite::new(test)
}

/// The source of axe-core, or `None` (with a message) where `npm ci --prefix tests/js` has not
/// been run.
fn axe_source() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(AXE);
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            skip(&format!("{}: {e} (run `npm ci --prefix tests/js`)", path.display()));
            None
        }
    }
}

/// Waits until `script` is true in the page.
#[track_caller]
fn wait_for(tab: &Tab, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while eval(tab, script) != true {
        assert!(Instant::now() < deadline, "timed out waiting for {script} on {}", tab.get_url());
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// A tab in a fresh browser context (its own storage), set up for the colour mode.
fn tab_in(browser: &Browser, mode: Mode, home: &str) -> Arc<Tab> {
    let tab = browser.new_context().expect("a browser context").new_tab().expect("a tab");
    if let Mode::DarkBySystem = mode {
        let dark = Emulation::MediaFeature { name: "prefers-color-scheme".into(), value: "dark".into() };
        tab.call_method(Emulation::SetEmulatedMedia { media: None, features: Some(vec![dark]) })
            .expect("emulates a dark system");
    }
    if let Mode::DarkByToggle = mode {
        open(&tab, home);
        eval(&tab, "localStorage.setItem('aula-theme', 'dark')");
    }
    tab
}

/// Checks that the page shows in the colours of the mode, so a pass means what it says.
#[track_caller]
fn assert_mode(tab: &Tab, mode: Mode) {
    let dark = eval(tab, "getComputedStyle(document.documentElement).colorScheme === 'dark'");
    assert_eq!(dark, !matches!(mode, Mode::Light), "{mode:?} on {}", tab.get_url());
}

/// Prepares the page the way a learner sees it: search results shown.
fn settle(tab: &Tab, name: &str) {
    if name == "search page" {
        wait_for(tab, "document.querySelectorAll('.search-page .search-results li').length > 0");
    }
}

/// Types a query into the header search and waits for its results.
fn open_header_search(tab: &Tab, query: &str) {
    tab.wait_for_element("#search-input").expect("the header search").click().expect("focus");
    tab.type_str(query).expect("types");
    wait_for(tab, "document.querySelector('#search-input').getAttribute('aria-expanded') === 'true'");
    wait_for(tab, ANSWERED);
    wait_for(tab, "document.querySelectorAll('#search-results [role=option]').length > 0");
}

/// True once the header results answer the whole query in the box: a pause while typing shows
/// the results of its first letters.
const ANSWERED: &str =
    "document.getElementById('search-results').dataset.query === document.getElementById('search-input').value";

/// Each violation axe-core finds in the page: id (impact) target: what to fix.
fn violations(tab: &Tab, axe: &str) -> Vec<String> {
    if eval(tab, "typeof axe") != "object" {
        tab.evaluate(axe, false).expect("axe-core loads");
    }
    let run = "axe.run(document, { resultTypes: ['violations'] }).then(r => JSON.stringify(r.violations.flatMap(v => \
               v.nodes.map(n => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${v.help}; \
               ${(n.failureSummary || '').split('\\n').slice(0, 2).join(' ').replace(/\\s+/g, ' ')}`))))";
    let result = tab.evaluate(run, true).expect("axe.run");
    let json = result.value.and_then(|v| v.as_str().map(str::to_string)).expect("axe-core's result");
    serde_json::from_str(&json).expect("a list of violations")
}

/// Runs axe-core over every page type in one colour mode, from both origins, and fails with
/// every violation found (and the count per page, for the record).
fn no_violations_in(mode: Mode) {
    let Some(browser) = browser() else { return };
    let Some(axe) = axe_source() else { return };
    let site = site();
    let mut found: Vec<String> = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (origin, base) in site.origins() {
        let tab = tab_in(&browser, mode, &format!("{base}index.html"));
        for (name, path) in PAGES {
            open(&tab, &format!("{base}{path}"));
            assert_mode(&tab, mode);
            settle(&tab, name);
            record(&mut found, &mut counts, origin, name, violations(&tab, &axe));
        }
        open(&tab, &format!("{base}curso/todo-junto/index.html"));
        open_header_search(&tab, "cliente");
        record(&mut found, &mut counts, origin, HEADER_SEARCH, violations(&tab, &axe));
        eval(&tab, "document.querySelector('#search-input').value = ''");
        tab.type_str("xilófono ").expect("types");
        wait_for(&tab, ANSWERED);
        wait_for(&tab, "document.querySelector('.sr-footer').textContent === 'Sin resultados'");
        record(&mut found, &mut counts, origin, HEADER_SEARCH_NONE, violations(&tab, &axe));
    }
    eprintln!("axe-core violations, {mode:?}: {counts:?}");
    assert!(found.is_empty(), "{} axe-core violations in {mode:?}:\n{}", found.len(), found.join("\n"));
}

fn record(found: &mut Vec<String>, counts: &mut BTreeMap<String, usize>, origin: &str, page: &str, list: Vec<String>) {
    *counts.entry(format!("{origin} {page}")).or_default() += list.len();
    found.extend(list.into_iter().map(|v| format!("{origin} {page}: {v}")));
}

#[test]
fn no_axe_violations_in_light() {
    no_violations_in(Mode::Light);
}

#[test]
fn no_axe_violations_in_dark_by_the_toggle() {
    no_violations_in(Mode::DarkByToggle);
}

#[test]
fn no_axe_violations_in_dark_by_the_system_preference() {
    no_violations_in(Mode::DarkBySystem);
}

fn attribute(tab: &Tab, selector: &str, name: &str) -> serde_json::Value {
    eval(tab, &format!("document.querySelector({selector:?})?.getAttribute({name:?})"))
}

/// The active option, as the box points to it, and what the option says of itself.
fn active_option(tab: &Tab) -> (serde_json::Value, serde_json::Value) {
    let id = attribute(tab, "#search-input", "aria-activedescendant");
    let selected = eval(
        tab,
        "document.getElementById(document.querySelector('#search-input').getAttribute('aria-activedescendant'))?.getAttribute('aria-selected')",
    );
    (id, selected)
}

#[test]
fn the_header_search_is_a_keyboard_combobox() {
    let Some(browser) = browser() else { return };
    let site = site();
    for (origin, base) in site.origins() {
        let tab = browser.new_context().expect("a browser context").new_tab().expect("a tab");
        open(&tab, &format!("{base}curso/todo-junto/index.html"));
        assert_eq!(attribute(&tab, "#search-input", "role"), "combobox", "{origin}");
        assert_eq!(attribute(&tab, "#search-input", "aria-expanded"), "false", "{origin}");
        assert_eq!(attribute(&tab, "#search-input", "aria-controls"), "search-results");
        assert_eq!(attribute(&tab, "#search-results", "role"), "listbox");
        assert_eq!(attribute(&tab, "#search-results", "aria-label"), "Resultados de la búsqueda");

        open_header_search(&tab, "cliente");
        let ids = eval(&tab, "Array.from(document.querySelectorAll('#search-results [role=option]')).map(o => o.id)");
        let ids: Vec<String> = serde_json::from_value(ids).expect("option ids");
        assert!(ids.len() >= 2 && ids.iter().all(|id| !id.is_empty()), "{origin}: {ids:?}");
        let status = eval(&tab, "document.querySelector('.site-search [role=status]').textContent");
        assert_eq!(status, format!("{} resultados", ids.len()), "{origin}: the count is announced");
        assert_eq!(attribute(&tab, ".site-search [role=status]", "aria-live"), "polite");
        assert_eq!(
            active_option(&tab),
            (serde_json::Value::Null, serde_json::Value::Null),
            "{origin}: none active yet"
        );

        tab.press_key("ArrowDown").expect("↓");
        assert_eq!(active_option(&tab), (ids[0].as_str().into(), "true".into()), "{origin}: ↓ activates the first");
        tab.press_key("ArrowDown").expect("↓");
        assert_eq!(active_option(&tab), (ids[1].as_str().into(), "true".into()), "{origin}: ↓ moves on");
        assert_eq!(attribute(&tab, &format!("#{}", ids[0]), "aria-selected"), "false", "{origin}");
        tab.press_key("ArrowUp").expect("↑");
        assert_eq!(active_option(&tab), (ids[0].as_str().into(), "true".into()), "{origin}: ↑ moves back");
        assert_eq!(eval(&tab, "document.activeElement.id"), "search-input", "{origin}: the focus stays in the box");

        tab.press_key("Escape").expect("Esc");
        assert_eq!(attribute(&tab, "#search-input", "aria-expanded"), "false", "{origin}: Escape closes");
        assert_eq!(eval(&tab, "document.querySelector('.search-popup').hidden"), true, "{origin}");
        assert_eq!(active_option(&tab).0, serde_json::Value::Null, "{origin}: nothing is active when closed");

        tab.press_key("ArrowDown").expect("↓");
        wait_for(&tab, "document.querySelector('#search-input').getAttribute('aria-expanded') === 'true'");
        wait_for(&tab, "document.querySelectorAll('#search-results [role=option]').length > 0");
        tab.press_key("ArrowDown").expect("↓");
        let target = eval(
            &tab,
            "new URL(document.querySelector('#search-results [role=option]').dataset.href, location.href).href",
        );
        let before = tab.get_url();
        tab.press_key("Enter").expect("Enter");
        wait_for(&tab, &format!("location.href !== {before:?}"));
        assert_eq!(tab.get_url(), target.as_str().expect("a URL"), "{origin}: Enter follows the active option");

        // A click follows an option too (options hold no links of their own). On a page opened
        // afresh: the one Enter opened may still be scrolling to its heading under the popup.
        open(&tab, &format!("{base}curso/todo-junto/index.html"));
        open_header_search(&tab, "cliente");
        let target = eval(
            &tab,
            "new URL(document.querySelectorAll('#search-results [role=option]')[1].dataset.href, location.href).href",
        );
        let before = tab.get_url();
        tab.find_element("#search-results [role=option]:nth-child(2)").expect("an option").click().expect("clicks");
        wait_for(&tab, &format!("location.href !== {before:?}"));
        assert_eq!(tab.get_url(), target.as_str().expect("a URL"), "{origin}: a click follows the option");
    }
}
