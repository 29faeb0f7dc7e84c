//! The learner's site on a phone (390×844) and on a wide screen (1280×900), in a real headless
//! Chromium, served over HTTP under a subpath and opened from disk: no page scrolls sideways,
//! the header fits, search and its dropdown stay on screen, jumps to a heading land below the
//! sticky header, the outline is a column that follows the reading, the 404 page lets a lost
//! learner go on, and paper shows no buttons. Skipped, with a message, where Debian's `chromium`
//! is absent.

use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::{Browser, Tab};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::browser::{browser, eval, file_url, open};
use crate::support::{ServedSite, Server, SiteTest};

/// A screen: width, height.
type Screen = (u32, u32);
const PHONE: Screen = (390, 844);
const SMALL_PHONE: Screen = (360, 740);
const DESKTOP: Screen = (1280, 900);

/// Every kind of page the site has, as paths from the site's root.
const PAGES: &[&str] = &[
    "index.html",
    "taller/index.html",
    "taller/practica/index.html",
    "taller/llamada/index.html",
    "taller/practica/ensayo/index.html",
    "etiquetas/telefono/index.html",
    "etiquetas/index.html",
    "buscar/index.html",
    "taller/puntos-clave/index.html",
    "taller/horario/index.html",
    "taller/imprimir/index.html",
    "404.html",
];

const LESSON: &str = "taller/llamada/index.html";

/// The layout fixture (a long site title, a long lesson with many headings and a wide table, a
/// module, tags, a quiz), built and served.
fn site() -> ServedSite {
    ServedSite::fixture("valid/layout")
}

/// A fresh tab showing pages as a screen of that size does (a phone's as a mobile device).
fn tab_on(browser: &Browser, (width, height): Screen) -> Arc<Tab> {
    let tab = browser.new_tab().expect("a tab");
    let metrics: Emulation::SetDeviceMetricsOverride = serde_json::from_value(json!({
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
    }))
    .expect("device metrics");
    tab.call_method(metrics).expect("screen size");
    tab
}

/// The value of `script` as a number.
fn number(tab: &Tab, script: &str) -> f64 {
    let value = eval(tab, script);
    value.as_f64().unwrap_or_else(|| panic!("`{script}` gave {value} on {}", tab.get_url()))
}

/// Waits until `script` is true.
fn wait_for(tab: &Tab, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while eval(tab, script) != true {
        assert!(Instant::now() < deadline, "timed out waiting for `{script}` on {}", tab.get_url());
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// The bounding box of the first element matching `selector`: left, top, right, bottom, width.
fn rect(tab: &Tab, selector: &str) -> [f64; 5] {
    let script = format!(
        "(() => {{ const r = document.querySelector({selector:?}).getBoundingClientRect(); \
         return [r.left, r.top, r.right, r.bottom, r.width]; }})()"
    );
    let value = eval(tab, &script);
    let numbers: Vec<f64> = value.as_array().expect("a rectangle").iter().map(|n| n.as_f64().unwrap()).collect();
    numbers.try_into().expect("five numbers")
}

fn header_bottom(tab: &Tab) -> f64 {
    rect(tab, ".site-header")[3]
}

#[test]
fn no_page_scrolls_sideways_and_the_header_fits_on_a_phone_and_a_desktop() {
    let Some(browser) = browser() else { return };
    let site = site();
    // The narrowest phone over HTTP only: its pages are the same from disk.
    let [http, file] = site.origins();
    let runs =
        [(SMALL_PHONE, vec![http.clone()]), (PHONE, vec![http.clone(), file.clone()]), (DESKTOP, vec![http, file])];
    for (screen, origins) in runs {
        let tab = tab_on(&browser, screen);
        for (origin, base) in origins {
            let mut urls: Vec<String> = PAGES.iter().map(|p| format!("{base}{p}")).collect();
            if origin == "http" {
                urls.push(site.server.url("no/such/deep/page/"));
            }
            for url in urls {
                open(&tab, &url);
                let at = format!("{url} at {screen:?}");
                assert_eq!(number(&tab, "innerWidth"), f64::from(screen.0), "{at}");
                assert_eq!(
                    eval(&tab, "document.documentElement.scrollWidth <= innerWidth"),
                    true,
                    "{at} scrolls sideways"
                );
                let title = "document.querySelector('.site-title')";
                let one_line = format!(
                    "{title}.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle({title}).lineHeight)"
                );
                assert_eq!(eval(&tab, &one_line), true, "{at}: the site title wraps");
                for control in [".theme-toggle", ".nav-toggle:not([hidden])"] {
                    let script = format!(
                        "[...document.querySelectorAll('{control}')].filter(e => e.getClientRects().length)\
                         .every(e => {{ const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; }})"
                    );
                    assert_eq!(eval(&tab, &script), true, "{at}: {control} off screen");
                }
                let search = rect(&tab, "#search-input");
                assert!(search[4] >= 200.0, "{at}: the search field is {} px wide", search[4]);
            }
        }
    }
}

#[test]
fn the_lessons_menu_opens_on_a_phone() {
    let Some(browser) = browser() else { return };
    let site = site();
    let tab = tab_on(&browser, PHONE);
    open(&tab, &site.server.url(LESSON));
    assert_eq!(eval(&tab, "document.getElementById('course-nav').getClientRects().length"), 0, "folded");
    tab.find_element(".nav-toggle").unwrap().click().unwrap();
    wait_for(&tab, "document.getElementById('course-nav').getClientRects().length > 0");
    assert_eq!(eval(&tab, "document.documentElement.scrollWidth <= innerWidth"), true);
}

#[test]
fn the_search_dropdown_stays_inside_the_viewport() {
    let Some(browser) = browser() else { return };
    let site = site();
    for screen in [PHONE, DESKTOP] {
        for (origin, base) in site.origins() {
            let tab = tab_on(&browser, screen);
            open(&tab, &format!("{base}{LESSON}"));
            tab.find_element("#search-input").unwrap().type_into("llamada").unwrap();
            wait_for(&tab, "document.querySelector('#search-results [role=option]') !== null");
            let [left, top, right, bottom, _] = rect(&tab, ".site-search .search-popup");
            let at = format!("{origin} at {screen:?}");
            assert!(left >= 0.0 && right <= f64::from(screen.0), "{at}: dropdown spans {left}..{right}");
            assert!(top >= 0.0 && bottom <= f64::from(screen.1), "{at}: dropdown spans {top}..{bottom}");
            let field = rect(&tab, "#search-input");
            assert!(top >= field[3], "{at}: the dropdown covers the field ({top} < {})", field[3]);
        }
    }
}

/// The top of the heading with this id, checked to be below the header and on screen.
#[track_caller]
fn assert_heading_in_view(tab: &Tab, id: &str, how: &str) {
    let selector = format!("#{id}");
    wait_for(tab, &format!("document.querySelector('{selector}').getBoundingClientRect().top < innerHeight"));
    // Smooth or late scrolling settles before the check.
    std::thread::sleep(Duration::from_millis(150));
    let top = rect(tab, &selector)[1];
    let header = header_bottom(tab);
    assert!(
        top >= header && top < number(tab, "innerHeight") / 2.0,
        "{how}: #{id} at {top} px, header ends at {header} px"
    );
}

#[test]
fn a_heading_lands_below_the_sticky_header_after_a_jump() {
    let Some(browser) = browser() else { return };
    let site = site();
    for screen in [PHONE, DESKTOP] {
        for (origin, base) in site.origins() {
            let at = format!("{origin} at {screen:?}");
            let lesson = format!("{base}{LESSON}");
            let tab = tab_on(&browser, screen);
            open(&tab, &lesson);
            if eval(&tab, "document.querySelector('.toc details').open") == false {
                tab.find_element(".toc summary").unwrap().click().unwrap();
            }
            tab.find_element(".toc a[href='#cuando-el-tono-sube']").unwrap().click().unwrap();
            assert_heading_in_view(&tab, "cuando-el-tono-sube", &format!("{at}, outline link"));

            eval(&tab, "location.hash = '#cerrar-la-llamada'");
            assert_heading_in_view(&tab, "cerrar-la-llamada", &format!("{at}, location.hash"));

            let fresh = tab_on(&browser, screen);
            open(&fresh, &format!("{lesson}#despues-de-colgar"));
            assert_heading_in_view(&fresh, "despues-de-colgar", &format!("{at}, loaded with #id"));
        }
    }
}

#[test]
fn the_outline_is_a_column_on_the_right_that_marks_the_section_being_read() {
    let Some(browser) = browser() else { return };
    let site = site();
    for (origin, base) in site.origins() {
        let tab = tab_on(&browser, DESKTOP);
        open(&tab, &format!("{base}{LESSON}"));
        let toc = rect(&tab, ".lesson > .toc");
        let content = rect(&tab, ".lesson > .content");
        assert!(toc[0] >= content[2], "{origin}: the outline ({toc:?}) is not right of the text ({content:?})");
        assert_eq!(eval(&tab, "document.querySelector('.toc details').open"), true, "{origin}");
        let current = "document.querySelector('.toc a[aria-current=true]')?.getAttribute('href')";
        assert_eq!(eval(&tab, current), "#antes-de-descolgar", "{origin}: the first section at the top");

        eval(&tab, "document.getElementById('dar-una-respuesta-clara').scrollIntoView()");
        wait_for(&tab, &format!("{current} === '#dar-una-respuesta-clara'"));
        assert_eq!(eval(&tab, "document.querySelectorAll('.toc [aria-current]').length"), 1, "{origin}");
        let still = rect(&tab, ".lesson > .toc");
        assert!(still[1] >= header_bottom(&tab) && still[3] <= 900.0, "{origin}: the outline scrolled away: {still:?}");

        // The first paragraph of the lesson is visible without scrolling.
        eval(&tab, "scrollTo(0, 0)");
        let first = rect(&tab, ".lesson > .content > p");
        assert!(first[3] <= 900.0, "{origin}: the first paragraph ends at {} px", first[3]);
    }
}

#[test]
fn on_a_phone_the_outline_is_folded_before_the_text() {
    let Some(browser) = browser() else { return };
    let site = site();
    let tab = tab_on(&browser, PHONE);
    open(&tab, &site.server.url(LESSON));
    assert_eq!(eval(&tab, "document.querySelector('.toc details').open"), false);
    assert!(rect(&tab, ".lesson > .toc")[3] <= rect(&tab, ".lesson > .content")[1], "the outline comes first");
    tab.find_element(".toc summary").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelector('.toc a').getClientRects().length > 0");
}

#[test]
fn wide_tables_scroll_in_a_focusable_labelled_box() {
    let Some(browser) = browser() else { return };
    let site = site();
    let tab = tab_on(&browser, PHONE);
    for page in [LESSON, "taller/horario/index.html"] {
        open(&tab, &site.server.url(page));
        let wrap = "document.querySelector('.table-wrap')";
        assert_eq!(eval(&tab, &format!("{wrap}.scrollWidth > {wrap}.clientWidth")), true, "{page}: the table fits");
        assert_eq!(eval(&tab, &format!("{wrap}.tabIndex")), 0, "{page}");
        assert_eq!(eval(&tab, &format!("{wrap}.getAttribute('role')")), "region", "{page}");
        let name = eval(&tab, &format!("{wrap}.getAttribute('aria-label') || {wrap}.getAttribute('aria-labelledby')"));
        assert!(name.as_str().is_some_and(|n| !n.is_empty()), "{page}: the box has no name");
    }
}

#[test]
fn the_404_page_offers_search_and_the_courses_from_any_depth() {
    let Some(browser) = browser() else { return };
    let site = site();
    let lost =
        [("http", site.server.url("no/such/deep/page/")), ("file", file_url(&site.test.public().join("404.html")))];
    for (origin, url) in lost {
        let tab = tab_on(&browser, PHONE);
        open(&tab, &url);
        assert_eq!(
            eval(&tab, "getComputedStyle(document.querySelector('.site-header')).position"),
            "sticky",
            "{origin}: styled"
        );
        assert_eq!(
            eval(
                &tab,
                "document.querySelectorAll('[id]').length === new Set([...document.querySelectorAll('[id]')].map(e => e.id)).size"
            ),
            true
        );
        let skip =
            eval(&tab, "document.querySelector('.skip-link').href.startsWith(location.href.split('#')[0] + '#')");
        assert_eq!(skip, true, "{origin}: the skip link leaves the page");

        let course = eval(&tab, "document.querySelector('.not-found .entry-title').textContent");
        assert_eq!(course, "Taller de atención telefónica", "{origin}");
        tab.find_element(".not-found .entry-title").unwrap().click().unwrap();
        wait_for(&tab, "document.querySelector('h1')?.textContent === 'Taller de atención telefónica'");

        open(&tab, &url);
        tab.find_element("#not-found-search-input").unwrap().type_into("llamada").unwrap();
        tab.press_key("Enter").unwrap();
        wait_for(&tab, "location.pathname.endsWith('/buscar/index.html') && location.search === '?q=llamada'");
        wait_for(&tab, "document.querySelector('.search-page .search-results li a') !== null");

        open(&tab, &url);
        follow_home(&tab, origin);
    }
}

/// The 404 page's "back home" link leads to the site's home.
fn follow_home(tab: &Arc<Tab>, origin: &str) {
    let href = eval(tab, "document.querySelector('.not-found p:last-child a').href");
    let href = href.as_str().expect("a link");
    assert!(href.ends_with("/index.html") && !href.contains("/no/such/"), "{origin}: {href}");
    open(tab, href);
    assert_eq!(
        eval(tab, "document.querySelector('.cards h3 a')?.textContent"),
        "Taller de atención telefónica",
        "{origin}"
    );
}

#[test]
fn printing_hides_every_button_and_marks_the_right_answers() {
    let Some(browser) = browser() else { return };
    let site = site();
    for (origin, base) in site.origins() {
        let tab = tab_on(&browser, DESKTOP);
        open(&tab, &format!("{base}taller/imprimir/index.html"));
        tab.find_element(".show-solutions").unwrap().click().unwrap();
        wait_for(&tab, "document.querySelector('details.block-solution').open");
        let print: Emulation::SetEmulatedMedia = serde_json::from_value(json!({ "media": "print" })).unwrap();
        tab.call_method(print).expect("print media");
        wait_for(&tab, "matchMedia('print').matches");

        let shown = eval(
            &tab,
            "[...document.querySelectorAll('button, summary.quiz-check, .theme-toggle, .nav-toggle, .progress-import, .print-tools')]\
             .filter(e => e.getClientRects().length).map(e => e.className || e.textContent)",
        );
        assert_eq!(shown, json!([]), "{origin}: printed controls");
        let mark = |which: &str| {
            eval(
                &tab,
                &format!(
                    "getComputedStyle(document.querySelector('.quiz-option:has(input{which}) label'), '::after').content"
                ),
            )
        };
        assert_eq!(mark("[data-correct]"), "\"✓ correcta\"", "{origin}: the right answer is not marked");
        assert_eq!(mark(":not([data-correct])"), "none", "{origin}: a wrong answer is marked");
        let pdf = tab.print_to_pdf(None).expect("prints");
        assert!(pdf.starts_with(b"%PDF"), "{origin}");

        // Without solutions shown, the answers stay hidden on paper too.
        let screen: Emulation::SetEmulatedMedia = serde_json::from_value(json!({ "media": "" })).unwrap();
        tab.call_method(screen).expect("screen media");
        tab.find_element(".show-solutions").unwrap().click().unwrap();
        tab.call_method(serde_json::from_value::<Emulation::SetEmulatedMedia>(json!({ "media": "print" })).unwrap())
            .expect("print media");
        assert_eq!(mark("[data-correct]"), "none", "{origin}: answers marked without solutions");
    }
}

#[test]
fn a_lesson_prints_without_its_buttons() {
    let Some(browser) = browser() else { return };
    let site = site();
    let tab = tab_on(&browser, PHONE);
    open(&tab, &site.server.url("taller/practica/ensayo/index.html"));
    let print: Emulation::SetEmulatedMedia = serde_json::from_value(json!({ "media": "print" })).unwrap();
    tab.call_method(print).expect("print media");
    let shown: Value =
        eval(&tab, "[...document.querySelectorAll('button')].filter(e => e.getClientRects().length).length");
    assert_eq!(shown, 0);
    assert_eq!(
        eval(&tab, "document.querySelector('.quiz-option').getClientRects().length > 0"),
        true,
        "the quiz prints"
    );
}

#[test]
fn without_a_base_url_the_404_page_works_at_any_depth_of_a_site_at_the_hosts_root() {
    let Some(browser) = browser() else { return };
    let site = SiteTest::fixture("valid/training");
    assert!(site.build().succeeded());
    let server = Server::start(&site.public(), "");
    let tab = tab_on(&browser, DESKTOP);
    open(&tab, &server.url("no/such/deep/page/"));
    assert_eq!(eval(&tab, "getComputedStyle(document.querySelector('.site-header')).position"), "sticky", "styled");
    tab.find_element(".not-found .entry-title").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelector('h1')?.textContent === 'Curso de prácticas'");
}
