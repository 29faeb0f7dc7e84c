//! `SiteTest`: a fixture copied into a temporary folder, built with the library, and helpers to
//! read what came out.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use aula::{BuildOptions, BuildReport};

pub struct SiteTest {
    dir: tempfile::TempDir,
}

impl SiteTest {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> SiteTest {
        // Errors and progress lines of in-process builds in English, whatever the locale.
        aula::messages::set_process_language(aula::config::Language::En);
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        assert!(source.is_dir(), "no fixture {}", source.display());
        let test = SiteTest { dir: tempfile::tempdir().unwrap() };
        copy_dir(&source, test.root());
        test
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, text: &str) -> &Self {
        let path = self.root().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions { root: self.root().to_path_buf(), write: true, ..BuildOptions::default() }
    }

    pub fn build(&self) -> BuildReport {
        aula::build(&self.options()).expect("build runs")
    }

    pub fn build_with(&self, change: impl FnOnce(&mut BuildOptions)) -> BuildReport {
        let mut options = self.options();
        change(&mut options);
        aula::build(&options).expect("build runs")
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn read(&self, path: &str) -> String {
        let path = self.public().join(path);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, path: &str) -> bool {
        self.public().join(path).exists()
    }

    /// The `<main>` element of an output page: what snapshots compare.
    pub fn main_of(&self, path: &str) -> String {
        main_element(&self.read(path))
    }

    /// Every output file and its bytes.
    pub fn output_files(&self) -> BTreeMap<String, Vec<u8>> {
        files_under(&self.public())
    }
}

/// Says why a test that needs something from its environment (Chromium, an npm package,
/// `../shared`) does not run here. Under `CI=true` the environment is meant to have it, so the
/// test fails instead of passing without having checked anything.
#[track_caller]
pub fn skip(why: &str) {
    skip_under(std::env::var("CI").ok().as_deref(), why);
}

/// [`skip`] with the value of `CI` given (`None` where it is unset), so the decision can be
/// tested without touching the environment of the whole test process.
#[track_caller]
pub fn skip_under(ci: Option<&str>, why: &str) {
    if ci == Some("true") {
        panic!("CI=true, and this test cannot run: {why}");
    }
    eprintln!("skipped: {why}");
}

/// Under `CI=true` a missing requirement fails the test, saying what is missing; elsewhere (unset,
/// or another value) the test is skipped with a message.
#[test]
fn skip_fails_under_ci_and_only_there() {
    let missing = "/nonexistent/chromium is absent";
    let failed = std::panic::catch_unwind(|| skip_under(Some("true"), missing)).expect_err("CI=true fails");
    let said = failed.downcast_ref::<String>().expect("a formatted panic message");
    assert!(said.contains(missing), "{said}");
    for ci in [None, Some(""), Some("false"), Some("0")] {
        assert!(std::panic::catch_unwind(|| skip_under(ci, missing)).is_ok(), "CI={ci:?} skips");
    }
}

/// The diagnostics of a build, as printed, paths relative to the site root.
pub fn printed(report: &BuildReport) -> Vec<String> {
    report.diagnostics.iter().map(|d| d.display_under(std::path::Path::new(""), aula::config::Language::En)).collect()
}

pub fn main_element(html: &str) -> String {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a </main> end") + "</main>".len();
    // Blank lines left by template tags carry no meaning; drop them so snapshots stay readable.
    html[start..end].lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"), fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A link in the output that leads nowhere.
#[derive(Debug)]
pub struct BrokenLink {
    pub page: String,
    pub link: String,
    pub why: String,
}

/// Follows every `href` and `src` of every HTML page in `public` as a browser opening the files
/// from disk would, and returns the ones that lead nowhere (missing file or missing `#id`).
pub fn broken_links(public: &Path) -> Vec<String> {
    broken_link_list(public).into_iter().map(|b| format!("{}: {} → {}", b.page, b.link, b.why)).collect()
}

pub fn broken_link_list(public: &Path) -> Vec<BrokenLink> {
    let files = files_under(public);
    let mut broken = Vec::new();
    for (path, bytes) in &files {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for link in attribute_values(&html, &["href", "src"]) {
            if link.is_empty() || link.contains("://") || link.starts_with("//") || link.contains(':') {
                continue;
            }
            let mut report = |why: String| broken.push(BrokenLink { page: path.clone(), link: link.clone(), why });
            if link.starts_with('/') {
                report("absolute link".into());
                continue;
            }
            let (target, fragment) = link.split_once('#').map_or((link.as_str(), None), |(t, f)| (t, Some(f)));
            let target = target.split('?').next().unwrap();
            let resolved = if target.is_empty() { PathBuf::from(path) } else { normalise(&dir.join(decode(target))) };
            let key = resolved.to_string_lossy().replace('\\', "/");
            match files.get(&key) {
                None => report(format!("missing {key}")),
                Some(target_bytes) => {
                    if let Some(id) = fragment.filter(|f| !f.is_empty()) {
                        let text = String::from_utf8_lossy(target_bytes);
                        if !text.contains(&format!("id=\"{id}\"")) {
                            report(format!("no id {id} in {key}"));
                        }
                    }
                }
            }
        }
    }
    broken
}

fn attribute_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut values = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&needle) {
            rest = &rest[i + needle.len()..];
            if let Some(end) = rest.find('"') {
                values.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    values
}

fn decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path).decode_utf8_lossy().into_owned()
}

pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A site built and served under `academia/`, with the two addresses a learner may open it from.
pub struct ServedSite {
    pub test: SiteTest,
    pub server: Server,
}

impl ServedSite {
    /// Builds `test`, which must succeed, and serves its output.
    #[track_caller]
    pub fn new(test: SiteTest) -> ServedSite {
        let report = test.build();
        assert!(report.succeeded(), "{:?}", printed(&report));
        let server = Server::start(&test.public(), "academia/");
        ServedSite { test, server }
    }

    #[track_caller]
    pub fn fixture(name: &str) -> ServedSite {
        ServedSite::new(SiteTest::fixture(name))
    }

    /// The base URL of the site served over HTTP and opened from disk, and a name for messages.
    pub fn origins(&self) -> [(&'static str, String); 2] {
        [("http", self.server.url("")), ("file", format!("file://{}/", self.test.public().display()))]
    }
}

/// A folder served over HTTP on a free local port under a subpath, as a static host would
/// publish a site (`https://org.github.io/repo/`), until dropped.
///
/// hyper (through axum) answers each connection and each request as it comes, the way a static
/// host does. Dropping the server drops its runtime and so closes every connection: a browser
/// shared between tests can never send a request down a socket that nobody reads any more.
pub struct Server {
    base: String,
    runtime: Option<tokio::runtime::Runtime>,
    log: ServedLog,
}

/// Files served, in order: (request path, bytes sent).
pub type ServedLog = std::sync::Arc<std::sync::Mutex<Vec<(String, usize)>>>;

impl Server {
    /// Serves `dir` at `http://127.0.0.1:PORT/{subpath}`.
    pub fn start(dir: &Path, subpath: &str) -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime for the test server");
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a free port");
        let port = listener.local_addr().expect("an address").port();
        let prefix = format!("/{}", subpath.trim_matches('/')).trim_end_matches('/').to_string() + "/";
        let log = ServedLog::default();
        let (root, prefix_for_server, served) = (dir.to_path_buf(), prefix.clone(), log.clone());
        let app = axum::Router::new().fallback(move |uri: axum::http::Uri| {
            let (root, prefix, served) = (root.clone(), prefix_for_server.clone(), served.clone());
            async move { respond(&uri, &root, &prefix, &served) }
        });
        runtime.spawn(async move { axum::serve(listener, app).await });
        Server { base: format!("http://127.0.0.1:{port}{prefix}"), runtime: Some(runtime), log }
    }

    /// What the server has sent so far.
    pub fn log(&self) -> ServedLog {
        self.log.clone()
    }

    /// The URL of a site-relative path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// The site's 404.html for a URL under `prefix`, or a plain line where there is none.
fn not_found_page(root: &Path, prefix: &str, url: &str) -> Vec<u8> {
    let page = url.starts_with(prefix).then(|| fs::read(root.join("404.html")).ok()).flatten();
    page.unwrap_or_else(|| b"not found".to_vec())
}

/// The answer to a request for `uri`: the file of `root` it names under `prefix`, logged in
/// `served`, or the site's 404 page.
fn respond(uri: &axum::http::Uri, root: &Path, prefix: &str, served: &ServedLog) -> axum::response::Response {
    use axum::http::{StatusCode, header::CONTENT_TYPE};
    use axum::response::IntoResponse;
    let url = uri.path_and_query().map(|p| p.as_str()).unwrap_or_else(|| uri.path());
    match file_for(root, prefix, url) {
        Some((bytes, kind)) => {
            served.lock().expect("log lock").push((uri.path().to_string(), bytes.len()));
            ([(CONTENT_TYPE, kind)], bytes).into_response()
        }
        // As static hosts do, a missing page under the site gets its 404.html.
        None => {
            (StatusCode::NOT_FOUND, [(CONTENT_TYPE, "text/html; charset=utf-8")], not_found_page(root, prefix, url))
                .into_response()
        }
    }
}

/// The bytes and content type of the file a request URL names, if it is under `prefix`.
fn file_for(root: &Path, prefix: &str, url: &str) -> Option<(Vec<u8>, &'static str)> {
    let path = url.split(['?', '#']).next()?.strip_prefix(prefix)?;
    let path = decode(path);
    if path.split('/').any(|part| part == "..") {
        return None;
    }
    let mut file = root.join(&path);
    if path.is_empty() || path.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "wasm" => "application/wasm",
        "png" => "image/png",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    };
    Some((fs::read(file).ok()?, kind))
}

/// A small xorshift generator for tests that make many edits: the same seed gives the same
/// edits on every run, so a failing sequence can be replayed.
pub struct Steps(pub u64);

impl Steps {
    /// The next number below `below`.
    pub fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}
