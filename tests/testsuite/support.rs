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

/// The diagnostics of a build, as printed, paths relative to the site root.
pub fn printed(report: &BuildReport) -> Vec<String> {
    report.diagnostics.iter().map(|d| d.to_string()).collect()
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

fn normalise(path: &Path) -> PathBuf {
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

/// A static file server over real HTTP for `public`, under `prefix` (e.g. `/curso/`), as a
/// subpath deployment would be. Returns the site's URL; the server stops with the test process.
pub fn serve(public: &Path, prefix: &'static str) -> String {
    serve_logged(public, prefix).0
}

/// Files served, in order: (path under the site, bytes sent).
pub type ServedLog = std::sync::Arc<std::sync::Mutex<Vec<(String, usize)>>>;

/// [`serve`], also logging what it sends.
pub fn serve_logged(public: &Path, prefix: &'static str) -> (String, ServedLog) {
    let log = ServedLog::default();
    let served = log.clone();
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a free port");
    let port = server.server_addr().to_ip().expect("an IP address").port();
    let root = public.to_path_buf();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let path = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
            let file = path
                .strip_prefix(prefix)
                .map(|rest| percent_encoding::percent_decode_str(rest).decode_utf8_lossy().into_owned())
                .filter(|rest| !rest.split('/').any(|part| part == ".."))
                .map(|rest| if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest })
                .map(|rest| root.join(rest));
            let response = match file.and_then(|f| fs::read(&f).ok().map(|bytes| (f, bytes))) {
                Some((f, bytes)) => {
                    served.lock().unwrap().push((path.clone(), bytes.len()));
                    let kind = match f.extension().and_then(|e| e.to_str()) {
                        Some("html") => "text/html; charset=utf-8",
                        Some("js") => "text/javascript; charset=utf-8",
                        Some("css") => "text/css; charset=utf-8",
                        Some("svg") => "image/svg+xml",
                        Some("wasm") => "application/wasm",
                        Some("json") => "application/json",
                        _ => "application/octet-stream",
                    };
                    let header = tiny_http::Header::from_bytes("Content-Type", kind).expect("header");
                    tiny_http::Response::from_data(bytes).with_header(header).boxed()
                }
                None => tiny_http::Response::from_string("not found").with_status_code(404).boxed(),
            };
            let _ = request.respond(response);
        }
    });
    (format!("http://127.0.0.1:{port}{prefix}"), log)
}
