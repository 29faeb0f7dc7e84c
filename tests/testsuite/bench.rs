//! Benchmarks, not tests: ignored by default, run by hand on a generated corpus and reported in
//! notes. Timed numbers never decide whether a test passes.
//!
//! ```sh
//! python3 ../shared/bench/gen_corpus.py 10000 /dev/shm/c --layouts aula
//! AULA_BENCH_SITE=/dev/shm/c/aula PAGEFIND=/path/to/pagefind \
//!   cargo test --release --test testsuite bench_search_query_bytes -- --ignored --nocapture
//! ```

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use crate::browser::{browser, eval, open};
use crate::support::{ServedLog, Server, skip};

const COLD: &str = "reclamación";
const WARM: &str = "cliente molesto";

/// Bytes and requests a browser needs for a cold first query and a warm second one, with our
/// index and, when `PAGEFIND` names its binary, with Pagefind's index of the same pages.
#[test]
#[ignore = "benchmark: needs AULA_BENCH_SITE and a release build"]
fn bench_search_query_bytes() {
    let Ok(site) = std::env::var("AULA_BENCH_SITE") else {
        skip("set AULA_BENCH_SITE to a site root (e.g. a corpus from gen_corpus.py)");
        return;
    };
    let out = tempfile::Builder::new().prefix("aula-bench").tempdir_in("/dev/shm").unwrap();
    let public = out.path().join("public");
    let started = Instant::now();
    let report = aula::build(&aula::BuildOptions {
        root: site.into(),
        output: Some(public.clone()),
        write: true,
        ..aula::BuildOptions::default()
    })
    .unwrap();
    println!("aula build: {:.2} s, stages {:?}", started.elapsed().as_secs_f64(), report.stages);
    let index = public.join(aula::search::INDEX_DIR);
    let (bytes, files) = tree_size(&index);
    println!("aula index: {:.1} MB in {files} files", bytes as f64 / 1e6);

    std::fs::write(
        public.join("bench-aula.html"),
        "<!DOCTYPE html><meta charset=utf-8><script src=\"search.js\"></script>",
    )
    .unwrap();
    let pagefind = std::env::var("PAGEFIND").ok();
    if let Some(binary) = &pagefind {
        let started = Instant::now();
        let status = std::process::Command::new(binary).args(["--site"]).arg(&public).arg("--quiet").status().unwrap();
        assert!(status.success());
        println!("pagefind index: {:.2} s", started.elapsed().as_secs_f64());
        let (bytes, files) = tree_size(&public.join("pagefind"));
        println!("pagefind index: {:.1} MB in {files} files", bytes as f64 / 1e6);
        std::fs::write(public.join("bench-pagefind.html"), "<!DOCTYPE html><meta charset=utf-8>").unwrap();
    }
    let server = Server::start(&public, "");
    let (url, log) = (server.url(""), server.log());
    let Some(browser) = browser() else { return };

    let ours = |query: &str| {
        format!(
            "(async () => {{ window.ix = window.ix || await new aulaSearch.Index('').ready(); \
             const r = await ix.search({q}); await ix.show(r, 0, 10); return r.hits.length; }})()",
            q = serde_json::to_string(&format!("{query} ")).unwrap()
        )
    };
    measure(&browser, &format!("{url}bench-aula.html"), &public, &log, "aula", &ours);
    if pagefind.is_some() {
        let theirs = |query: &str| {
            format!(
                "(async () => {{ window.pf = window.pf || await import('/pagefind/pagefind.js'); \
                 const s = await pf.search({q}); await Promise.all(s.results.slice(0, 10).map(r => r.data())); \
                 return s.results.length; }})()",
                q = serde_json::to_string(query).unwrap()
            )
        };
        measure(&browser, &format!("{url}bench-pagefind.html"), &public, &log, "pagefind", &theirs);
    }
}

/// Runs a cold then a warm query on a fresh page and prints what each made the browser download,
/// as the server saw it (requests of workers included).
fn measure(
    browser: &headless_chrome::Browser,
    page: &str,
    public: &Path,
    log: &ServedLog,
    name: &str,
    query: &dyn Fn(&str) -> String,
) {
    let tab = browser.new_tab().unwrap();
    tab.set_default_timeout(std::time::Duration::from_secs(300));
    let page_path = page.rsplit_once('/').map_or(page, |(_, p)| p).to_string();
    let mut before = log.lock().unwrap().len();
    open(&tab, page);
    for (label, q) in [("cold", COLD), ("warm", WARM)] {
        // Start the query, then poll for its result: a page's promise can outlive the protocol's timeouts.
        eval(
            &tab,
            &format!(
                "(window.__result = undefined, {}.then(n => window.__result = n, e => window.__result = String(e)), 0)",
                query(q)
            ),
        );
        let started = Instant::now();
        let hits = loop {
            let value = eval(&tab, "window.__result");
            if !value.is_null() {
                break value;
            }
            assert!(started.elapsed().as_secs() < 300, "{name} {label} query never finished");
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let all = log.lock().unwrap().clone();
        // The cold query counts what the page loaded for search too (our script), not the page.
        let new: Vec<_> = all[before..].iter().filter(|(path, _)| !path.ends_with(&page_path)).cloned().collect();
        before = all.len();
        let raw: u64 = new.iter().map(|(_, size)| *size as u64).sum();
        let gzip: u64 = new.iter().map(|(path, _)| gzip_size(&public.join(path.trim_start_matches('/')))).sum();
        println!(
            "{name} {label} query {q:?}: {} requests, {:.1} KB raw, {:.1} KB gzip, {} hits",
            new.len(),
            raw as f64 / 1024.0,
            gzip as f64 / 1024.0,
            hits
        );
        if std::env::var_os("AULA_BENCH_VERBOSE").is_some() {
            for (path, size) in &new {
                println!("    {path} {size}");
            }
        }
    }
}

fn gzip_size(path: &Path) -> u64 {
    let bytes = std::fs::read(path).unwrap_or_default();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&bytes).unwrap();
    encoder.finish().unwrap().len() as u64
}

fn tree_size(dir: &Path) -> (u64, usize) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(bytes, files), e| (bytes + e.metadata().unwrap().len(), files + 1))
}
