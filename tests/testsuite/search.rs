//! Site search in a real headless Chromium, on the example course in `content/`, both served over
//! HTTP under a subpath and opened from `file://`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use headless_chrome::Tab;

use crate::browser::{browser, eval, file_url, follow, open};
use crate::support::{Server, SiteTest, copy_dir};

/// The example course, built into a temporary folder.
fn example_site() -> SiteTest {
    let site = SiteTest::fixture("valid/empty");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("aula.yaml"), site.root().join("aula.yaml")).unwrap();
    copy_dir(&repo.join("content"), &site.root().join("content"));
    assert!(site.build().succeeded());
    site
}

/// Types `query` into the header search box and waits until results (or "no results") show.
fn type_query(tab: &Arc<Tab>, query: &str) -> Vec<String> {
    eval(
        tab,
        "const list = document.getElementById('search-results'); list.innerHTML = ''; delete list.dataset.query; \
         document.querySelector('.sr-footer').textContent = ''",
    );
    let input = tab.wait_for_element("#search-input").unwrap();
    input.click().unwrap();
    eval(tab, "document.getElementById('search-input').value = ''");
    tab.type_str(query).unwrap();
    // Generous: on a loaded CI machine each keystroke and index file can take a while.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        // The options, or the line under them when there are none ("no results"), once they
        // answer the whole query: a pause while typing shows the results of its first letters.
        let items = eval(
            tab,
            "const list = document.getElementById('search-results'); \
             if (list.dataset.query !== document.getElementById('search-input').value) []; else { \
             const options = Array.from(document.querySelectorAll('#search-results [role=option]')).map(li => li.textContent); \
             const footer = document.querySelector('.sr-footer').textContent; \
             options.length || !footer ? options : [footer] }",
        );
        let items: Vec<String> = serde_json::from_value(items).unwrap();
        if !items.is_empty() {
            return items;
        }
        if Instant::now() > deadline {
            let state = eval(
                tab,
                "[document.getElementById('search-results').dataset.query, document.getElementById('search-input').value, \
                 document.querySelector('.site-search [role=status]').textContent]",
            );
            let loads = eval(
                tab,
                "const done = new Set(performance.getEntriesByType('resource').map(e => e.name)); \
                 Array.from(document.querySelectorAll('head script[src]')).map(s => s.src).filter(s => !done.has(s))",
            );
            panic!(
                "no results list for {query:?}: [answered query, box, status] = {state}; index files not loaded: {loads}"
            );
        }
        std::thread::sleep(Duration::from_millis(30));
    }
}

fn titles(tab: &Tab) -> Vec<String> {
    serde_json::from_value(eval(
        tab,
        "Array.from(document.querySelectorAll('#search-results .sr-title')).map(e => e.textContent)",
    ))
    .unwrap()
}

/// The whole search experience, on one page URL of the site.
fn search_works(page: &str) {
    let Some(browser) = browser() else { return };
    let tab = browser.new_tab().unwrap();
    open(&tab, page);

    // Accents are optional: `empatia` finds the empathy lesson, with the word marked.
    type_query(&tab, "empatia");
    let found = titles(&tab);
    assert!(found[0].starts_with("Empatía y clientes molestos"), "{found:?}");
    let mark = eval(&tab, "document.querySelector('#search-results mark').textContent");
    assert_eq!(mark.as_str().unwrap().to_lowercase(), "empatía");

    // Plurals and verb forms meet their stems.
    type_query(&tab, "clientes");
    let plural = titles(&tab);
    type_query(&tab, "cliente");
    assert_eq!(plural, titles(&tab), "cliente and clientes find the same sections");
    type_query(&tab, "escuché");
    assert!(titles(&tab).iter().any(|t| t.starts_with("Escuchar de verdad")), "{:?}", titles(&tab));

    // A word the site does not use finds nothing, not words that share a short prefix.
    let none = type_query(&tab, "xilófono ");
    assert_eq!(none, ["Sin resultados"]);

    // Keyboard: ↓ selects the first result, Enter opens it at its heading.
    type_query(&tab, "reformular para confirmar ");
    let expected =
        eval(&tab, "new URL(document.querySelector('#search-results [role=option]').dataset.href, location.href).href");
    let expected = expected.as_str().unwrap().to_string();
    tab.press_key("ArrowDown").unwrap();
    assert_eq!(eval(&tab, "document.getElementById('search-input').getAttribute('aria-activedescendant')"), "sr-0");
    let before = tab.get_url();
    tab.press_key("Enter").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while tab.get_url() == before {
        assert!(Instant::now() < deadline, "Enter did not open the result");
        std::thread::sleep(Duration::from_millis(20));
    }
    tab.wait_until_navigated().unwrap();
    assert_eq!(tab.get_url(), expected);
    let anchor = expected.split('#').nth(1).expect("the result links to a heading").to_string();
    let heading = eval(&tab, &format!("document.getElementById('{anchor}').tagName"));
    assert!(matches!(heading.as_str(), Some("H2" | "H3")), "{heading}");

    // "/" focuses the box; Escape closes the list.
    eval(&tab, "document.activeElement.blur()");
    tab.press_key("/").unwrap();
    assert_eq!(eval(&tab, "document.activeElement.id"), "search-input");
    type_query(&tab, "empatía");
    tab.press_key("Escape").unwrap();
    assert_eq!(eval(&tab, "document.querySelector('.search-popup').hidden"), true);

    // The search page reads ?q= so a search can be linked.
    let search_page = eval(&tab, "document.querySelector('form.site-search').action");
    open(&tab, &format!("{}?q=devoluciones", search_page.as_str().unwrap()));
    let deadline = Instant::now() + Duration::from_secs(10);
    while eval(&tab, "document.querySelectorAll('.search-page .search-results li').length") == 0 {
        let status = eval(&tab, "document.querySelector('.search-page [role=status]').textContent");
        assert!(Instant::now() < deadline, "the search page shows no results: {status} at {}", tab.get_url());
        std::thread::sleep(Duration::from_millis(30));
    }
    let status = eval(&tab, "document.querySelector('.search-page [role=status]').textContent");
    assert!(status.as_str().unwrap().ends_with("resultados"), "{status}");
    follow(&tab, ".search-page .search-results li a");
}

#[test]
fn search_over_http_under_a_subpath() {
    let site = example_site();
    let server = Server::start(&site.public(), "academia/curso");
    search_works(&server.url("servicio-al-cliente/index.html"));
}

#[test]
fn search_from_disk() {
    let site = example_site();
    search_works(&file_url(&site.public().join("index.html")));
}

#[test]
fn exact_accents_rank_first_and_hidden_lessons_stay_out() {
    let Some(browser) = browser() else { return };
    let site = SiteTest::fixture("valid/search");
    assert!(site.build().succeeded());
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&site.public().join("index.html")));
    // Both lessons score the same; the one written with the accent typed comes first.
    type_query(&tab, "empatía ");
    assert_eq!(titles(&tab), ["Segunda", "Primera"]);
    type_query(&tab, "empatia ");
    let unaccented = titles(&tab);
    assert_eq!(unaccented.len(), 2, "{unaccented:?}");
    assert!(!site.read("search-index/s/0.js").contains("aparece"), "search: false keeps a lesson out of the index");
    assert!(!site.exists("search-index/x/2.js"));
}

/// The marked-up text of the first element matching `selector` in the header's results.
fn first_marks(tab: &Tab, selector: &str) -> Vec<String> {
    serde_json::from_value(eval(
        tab,
        &format!("Array.from(document.querySelectorAll('#search-results {selector} mark')).map(m => m.textContent)"),
    ))
    .unwrap()
}

#[test]
fn results_are_lessons_and_find_what_learners_type() {
    let Some(browser) = browser() else { return };
    let site = SiteTest::fixture("valid/search-forms");
    assert!(site.build().succeeded());
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&site.public().join("index.html")));

    // No ñ key: `tamano` finds *tamaño*, marked in the title (trimmed) and the excerpt.
    type_query(&tab, "tamano");
    assert_eq!(titles(&tab), ["El tamaño de los archivos"]);
    assert_eq!(first_marks(&tab, ".sr-title"), ["tamaño"]);
    assert!(first_marks(&tab, ".sr-excerpt").iter().all(|m| m == "tamaño"), "{:?}", first_marks(&tab, ".sr-excerpt"));
    assert!(!first_marks(&tab, ".sr-excerpt").is_empty());

    // A form the site never wrote: `tuberias` finds *tubería*; one result per lesson, the lesson
    // about it before the one that names it in passing.
    type_query(&tab, "tuberias");
    assert_eq!(titles(&tab), ["Una tubería de comandos", "Otra lección"]);

    // The word being typed matches by prefix, never by a shorter stem.
    assert_eq!(type_query(&tab, "plotn"), ["Sin resultados"]);
    type_query(&tab, "plot");
    assert_eq!(titles(&tab), ["Una tubería de comandos"]);

    // A heading match is marked in the heading.
    type_query(&tab, "medir ");
    assert_eq!(first_marks(&tab, ".sr-heading"), ["Medir"]);

    // A solution's words are not in the index; its heading is.
    assert_eq!(type_query(&tab, "armadillo "), ["Sin resultados"]);
    let index: Vec<String> = site.output_files().into_keys().filter(|k| k.starts_with("search-index/")).collect();
    assert!(index.len() > 3, "{index:?}");
    assert!(index.iter().all(|k| !site.read(k).contains("armadillo")), "a solution's text is in the index");
    assert!(index.iter().any(|k| site.read(k).contains("Solución")), "its heading is");
}

#[test]
fn search_inside_a_scorm_package() {
    let site = example_site();
    assert!(site.build_with(|o| o.scorm = Some(aula::config::ScormVersion::V1_2)).succeeded());
    let zip = std::fs::read(site.public().join("scorm/servicio-al-cliente.zip")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let unpacked = tempfile::tempdir().unwrap();
    archive.extract(unpacked.path()).unwrap();
    // As an LMS serves a package: its own folder of files, at some path of the LMS.
    let server = Server::start(unpacked.path(), "lms/paquete/42");
    search_works(&server.url("servicio-al-cliente/index.html"));
}
