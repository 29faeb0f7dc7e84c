//! The built site in a real headless Chromium, opened from disk (`file://`), as a learner who got
//! the site on a USB stick would, and served by `aula serve` over HTTP while an author edits it.
//! Skipped, with a message, where Debian's `chromium` is absent (a failure under `CI=true`).

use headless_chrome::{Browser, LaunchOptions, Tab};
use std::ffi::OsStr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::server::{PATIENCE, Server, save};
use crate::support::{SiteTest, skip};

const CHROMIUM: &str = "/usr/bin/chromium";

/// A headless Chromium with a fresh profile and no network chatter, or `None` (with a message)
/// where it is not installed.
pub fn browser() -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() {
        skip(&format!("{CHROMIUM} is absent (install Debian's chromium to run browser tests)"));
        return None;
    }
    let args: Vec<&OsStr> = [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--allow-file-access-from-files",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let options = LaunchOptions::default_builder()
        .path(Some(CHROMIUM.into()))
        .sandbox(false)
        .headless(true)
        .window_size(Some((1200, 900)))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(args)
        .build()
        .expect("launch options");
    Some(Browser::new(options).expect("chromium starts"))
}

/// Runs JavaScript in the page and returns the value of its last expression as JSON.
pub fn eval(tab: &Tab, script: &str) -> serde_json::Value {
    // Indirect eval runs statements as well as expressions and gives the last value.
    let wrapped = format!("JSON.stringify((0, eval)({}) ?? null)", serde_json::to_string(script).expect("a string"));
    let value = match tab.evaluate(&wrapped, false) {
        Ok(result) => result.value,
        // The page went away while the script ran (a live reload, a link the script followed):
        // it has no value to give, and running it again could do twice what it did. Callers
        // that wait for something ask again on the next page.
        Err(e) if format!("{e:#}").contains("navigated or closed") => None,
        Err(e) => panic!("script runs: {e:?}"),
    };
    match value.as_ref().and_then(|v| v.as_str()) {
        Some(json) => serde_json::from_str(json).expect("JSON from the page"),
        None => serde_json::Value::Null,
    }
}

pub fn open(tab: &Arc<Tab>, url: &str) {
    tab.navigate_to(url).expect("navigates").wait_until_navigated().expect("loads");
}

/// Clicks the element and waits for the next page to load.
pub fn follow(tab: &Arc<Tab>, selector: &str) {
    let before = tab.get_url();
    tab.wait_for_element(selector).expect("link present").click().expect("clicks");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while tab.get_url() == before {
        assert!(std::time::Instant::now() < deadline, "clicking {selector} on {before} went nowhere");
        std::thread::sleep(Duration::from_millis(20));
    }
    tab.wait_until_navigated().expect("loads");
}

pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn the_site_works_from_disk() {
    let Some(browser) = browser() else { return };
    let site = SiteTest::fixture("valid/basic");
    assert!(site.build().succeeded());
    let tab = browser.new_tab().unwrap();
    open(&tab, &file_url(&site.public().join("index.html")));
    assert_eq!(eval(&tab, "document.title"), "Academia de prueba");
    // The stylesheet loaded through its relative URL.
    assert_eq!(eval(&tab, "getComputedStyle(document.querySelector('.site-header')).position"), "sticky");

    // Home → course → lesson, by clicking, as a learner would.
    follow(&tab, ".card h3 a");
    assert!(tab.get_url().ends_with("/atencion/index.html"), "{}", tab.get_url());
    follow(&tab, ".entry-title");
    assert!(tab.get_url().ends_with("/atencion/escuchar/index.html"), "{}", tab.get_url());
    assert_eq!(eval(&tab, "document.querySelector('h1').textContent"), "Escuchar de verdad");
    assert_eq!(eval(&tab, "document.querySelector('.content img').naturalWidth > 0"), true, "image loads");

    // The sidebar marks the current lesson; next goes on to the bundle lesson.
    assert_eq!(
        eval(&tab, "document.querySelector('.course-nav [aria-current=page]').textContent"),
        "Escuchar de verdad"
    );
    follow(&tab, ".pager-next");
    assert!(tab.get_url().ends_with("/atencion/decir-no/index.html"), "{}", tab.get_url());
    assert_eq!(eval(&tab, "document.querySelector('.content img').naturalWidth > 0"), true, "bundle image loads");
}

#[test]
fn the_theme_toggle_is_remembered() {
    let Some(browser) = browser() else { return };
    let site = SiteTest::fixture("valid/basic");
    assert!(site.build().succeeded());
    let tab = browser.new_tab().unwrap();
    let lesson = file_url(&site.public().join("atencion/escuchar/index.html"));
    open(&tab, &lesson);
    let background = "getComputedStyle(document.body).backgroundColor";
    let light = eval(&tab, background);
    tab.wait_for_element(".theme-toggle").unwrap().click().unwrap();
    assert_eq!(eval(&tab, "document.documentElement.dataset.theme"), "dark");
    let dark = eval(&tab, background);
    assert_ne!(light, dark, "the colours change");
    open(&tab, &lesson);
    assert_eq!(eval(&tab, "document.documentElement.dataset.theme"), "dark", "kept across pages");
    assert_eq!(eval(&tab, background), dark);
}

/// Waits until `script` evaluates to true in the tab (pages reload on their own here).
pub fn wait_until(tab: &Tab, script: &str, what: &str) {
    let deadline = std::time::Instant::now() + PATIENCE;
    while eval(tab, script) != serde_json::Value::Bool(true) {
        assert!(std::time::Instant::now() < deadline, "{what}: `{script}` never held on {}", tab.get_url());
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub const LISTENING: &str = "document.querySelector('script[data-state=listening]') !== null";

#[test]
fn a_served_page_reloads_after_an_edit_and_shows_errors_over_it() {
    let Some(browser) = browser() else { return };
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let tab = browser.new_tab().unwrap();
    open(&tab, &format!("{}atencion/escuchar/", server.url));
    wait_until(&tab, LISTENING, "the page listens for reloads");
    eval(&tab, "window.beforeTheEdit = true");

    let lesson = "content/01-atencion/01-escuchar.md";
    let good = std::fs::read_to_string(site.root().join(lesson)).unwrap();
    save(&site, lesson, &good.replace("title: Escuchar de verdad", "title: Escuchar en vivo"));
    wait_until(&tab, "document.querySelector('h1').textContent === 'Escuchar en vivo'", "the new title shows");
    assert_eq!(eval(&tab, "window.beforeTheEdit === undefined"), true, "the page was reloaded");

    wait_until(&tab, LISTENING, "the reloaded page listens");
    save(&site, lesson, &good.replace("title: Escuchar de verdad", "title: [Escuchar"));
    let overlay = "document.getElementById('aula-problems')";
    wait_until(&tab, &format!("{overlay} !== null"), "the errors show over the page");
    let text = eval(&tab, &format!("{overlay}.textContent"));
    assert!(text.as_str().unwrap().contains("content/01-atencion/01-escuchar.md:2:8:"), "{text}");
    assert_eq!(eval(&tab, "document.querySelector('h1').textContent"), "Escuchar en vivo", "the last good page stays");

    wait_until(&tab, LISTENING, "the page with errors listens");
    save(&site, lesson, &good);
    wait_until(&tab, &format!("{overlay} === null"), "the fix clears the errors");
    wait_until(&tab, "document.querySelector('h1').textContent === 'Escuchar de verdad'", "the fixed page shows");
}
