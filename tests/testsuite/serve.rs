//! `aula serve` as an author uses it: the real binary on a free port, files edited on disk, pages
//! and reload events read over HTTP.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::symlink;
use std::time::{Duration, Instant};

use aula::serve::http::HEADERS_WITHIN;

use crate::browser::{LISTENING, browser, eval, open, wait_until};
use crate::server::{PATIENCE, Server, save, without_injection};
use crate::support::{SiteTest, Steps, files_under};

const LESSON: &str = "content/01-atencion/01-escuchar.md";

fn contains(body: &[u8], text: &str) -> bool {
    String::from_utf8_lossy(body).contains(text)
}

#[test]
fn an_edit_reloads_the_page_with_the_new_text() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let (status, page) = server.get("/atencion/escuchar/");
    assert_eq!(status, 200);
    assert!(contains(&page, "/__aula/events"), "the live script is injected");
    let events = server.events();

    let text = fs::read_to_string(site.root().join(LESSON)).unwrap();
    save(&site, LESSON, &text.replace("callar.", "callar y entender."));
    events.reload();
    let (_, page) = server.get("/atencion/escuchar/");
    assert!(contains(&page, "callar y entender."));
    let rendered = server.wait_for_line("pages rendered");
    assert!(
        rendered.as_deref().is_some_and(|line| line.contains(": 3 pages rendered")),
        "a body edit renders its page and the course's key points and printable page: {rendered:?}"
    );
    let on_disk = fs::read(server.output.join("atencion/escuchar/index.html")).unwrap();
    assert!(!contains(&on_disk, "__aula"), "written files never hold the live script");
    assert_eq!(without_injection(&page), on_disk);
}

#[test]
fn errors_show_over_the_page_and_the_next_good_save_recovers() {
    let site = SiteTest::fixture("valid/basic");
    let mut server = Server::start(&site, &[]);
    let events = server.events();
    let good = fs::read_to_string(site.root().join(LESSON)).unwrap();

    save(&site, LESSON, &good.replace("title: Escuchar de verdad", "title: [Escuchar"));
    events.reload();
    let (status, page) = server.get_text("/atencion/escuchar/");
    assert_eq!(status, 200, "the author stays on the last good page");
    assert!(page.contains("id=\"aula-problems\""), "{page}");
    assert!(page.contains("content/01-atencion/01-escuchar.md:2:8:"), "located: {page}");
    assert!(server.printed_error("content/01-atencion/01-escuchar.md:2:8:"), "{}", server.stderr());
    assert!(server.alive());

    let template = "templates/partials/footer.html";
    save(&site, template, "<footer>{% if %}</footer>\n");
    events.reload();
    let (_, page) = server.get_text("/");
    assert!(page.contains("templates/partials/footer.html:1:"), "{page}");

    fs::remove_file(site.root().join(template)).unwrap();
    save(&site, LESSON, &good.replace("title: Escuchar de verdad", "title: Escuchar con calma"));
    let deadline = Instant::now() + PATIENCE;
    loop {
        events.reload();
        let (_, page) = server.get_text("/atencion/escuchar/");
        if !page.contains("aula-problems") {
            assert!(page.contains("<h1>Escuchar con calma</h1>"), "{page}");
            break;
        }
        assert!(Instant::now() < deadline, "the errors stayed: {page}");
    }
    assert!(server.alive());
}

#[test]
fn a_site_that_never_built_shows_its_errors_until_it_does() {
    let site = SiteTest::fixture("valid/basic");
    // The language it declares is the language of its problems, though the file has errors.
    site.write("aula.yaml", "titel: Academia\nlanguage: en\n");
    let server = Server::start(&site, &[]);
    let events = server.events();
    let (status, page) = server.get_text("/");
    assert_eq!(status, 404);
    assert!(
        page.contains("<li>aula.yaml:1:1: error: unknown key `titel` in aula.yaml: did you mean `title`?</li>"),
        "{page}"
    );
    save(&site, "aula.yaml", "title: Academia\n");
    events.reload();
    let (status, page) = server.get_text("/");
    assert_eq!(status, 200);
    assert!(page.contains("<title>Academia</title>") && !page.contains("aula-problems"), "{page}");
}

#[test]
fn deleted_and_renamed_lessons_leave_the_navigation() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let events = server.events();
    assert!(contains(&server.get("/").1, "Una lección suelta"));

    fs::remove_file(site.root().join("content/suelta.md")).unwrap();
    events.reload();
    assert!(!contains(&server.get("/").1, "Una lección suelta"), "gone from the home page");
    assert_eq!(server.get("/suelta/").0, 404, "no stale page");

    let module = site.root().join("content/01-atencion/03-modulo");
    fs::rename(module.join("02-seguimiento.md"), module.join("02-seguimiento-final.md")).unwrap();
    events.reload();
    assert_eq!(server.get("/atencion/modulo/seguimiento/").0, 404);
    assert_eq!(server.get("/atencion/modulo/seguimiento-final/").0, 200);
    let module = server.get_text("/atencion/modulo/").1;
    assert!(module.contains("modulo/seguimiento-final/index.html"), "{module}");
    assert!(!module.contains("modulo/seguimiento/index.html"), "{module}");
}

#[test]
fn nothing_outside_the_output_folder_is_served() {
    let site = SiteTest::fixture("valid/basic");
    site.write(
        "aula.yaml",
        &(fs::read_to_string(site.root().join("aula.yaml")).unwrap() + "extra: {secreto: s3cr3t0}\n"),
    );
    let server = Server::start(&site, &[]);
    // The output folder is `served/` in the site folder: `..` from it reaches aula.yaml.
    let root = site.root().display().to_string();
    for path in [
        "/../aula.yaml",
        "/%2e%2e/aula.yaml",
        "/%2E%2E%2Faula.yaml",
        "/..%2faula.yaml",
        "/..%5caula.yaml",
        "/atencion/../../aula.yaml",
        "/atencion/%2e%2e/%2e%2e/aula.yaml",
        &format!("/{root}/aula.yaml"),
        &format!("/%2F{}/aula.yaml", root.trim_start_matches('/').replace('/', "%2F")),
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
    ] {
        let response =
            server.raw(&format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", server.address));
        let status = &response[9..12];
        assert!(status == "404" || status == "400", "{path}: {response}");
        assert!(!response.contains("s3cr3t0") && !response.contains("root:x:"), "{path} leaked: {response}");
    }
    assert!(
        server
            .raw(&format!("GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", server.address))
            .starts_with("HTTP/1.1 200")
    );
}

/// The status of a raw response.
fn status_of(response: &str) -> &str {
    response.get(9..12).unwrap_or("none")
}

#[test]
fn symlinks_in_the_output_folder_never_lead_outside_it() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let outside = tempfile::tempdir().unwrap();
    let secret = "root:x:0:0:root:/root:/bin/bash\n";
    fs::write(outside.path().join("passwd"), secret).unwrap();
    fs::write(outside.path().join("index.html"), format!("<p>{secret}</p>")).unwrap();
    let out = &server.output;
    symlink(outside.path().join("passwd"), out.join("x.txt")).unwrap();
    symlink(outside.path().join("passwd"), out.join("atencion/x.txt")).unwrap();
    symlink(outside.path(), out.join("fuera")).unwrap();
    fs::create_dir(out.join("enlace")).unwrap();
    symlink(outside.path().join("index.html"), out.join("enlace/index.html")).unwrap();
    let fifo = std::process::Command::new("mkfifo").arg(out.join("tubo")).status().unwrap();
    assert!(fifo.success(), "mkfifo");
    for path in ["/x.txt", "/atencion/x.txt", "/fuera/passwd", "/fuera/", "/fuera", "/enlace/", "/tubo"] {
        let response =
            server.raw(&format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", server.address));
        assert_eq!(status_of(&response), "404", "{path}: {response}");
        assert!(!response.contains("root:x:"), "{path} leaked: {response}");
        assert!(response.contains("/__aula/events"), "{path}: the site's 404 page: {response}");
    }
    // Links that stay inside the output folder are followed.
    symlink(out.join("aula.css"), out.join("alias.css")).unwrap();
    symlink(out.join("atencion"), out.join("curso")).unwrap();
    assert_eq!(server.get("/alias.css").0, 200);
    assert_eq!(server.get("/curso/escuchar/").0, 200);

    // The 404 page itself is checked too.
    fs::remove_file(out.join("404.html")).unwrap();
    symlink(outside.path().join("index.html"), out.join("404.html")).unwrap();
    let (status, body) = server.get_text("/no-existe/");
    assert_eq!(status, 404);
    assert!(!body.contains("root:x:"), "{body}");
}

#[test]
fn long_paths_are_not_found_or_too_long_and_the_server_keeps_serving() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let segment = "a".repeat(8 * 1024);
    for (target, allowed) in [
        (format!("/{segment}"), &["404"][..]),
        (format!("/atencion/{segment}/"), &["404"]),
        (format!("/{segment}/index.html"), &["404"]),
        ("/a".repeat(30 * 1024), &["404"]),
        (format!("/{}", "c".repeat(64 * 1024)), &["404", "414"]),
    ] {
        let response =
            server.raw(&format!("GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", server.address));
        assert!(allowed.contains(&status_of(&response)), "{} bytes: {response:.300}", target.len());
    }
    assert_eq!(server.get("/atencion/escuchar/").0, 200);
}

#[test]
fn idle_connections_are_closed_so_they_cannot_stop_service() {
    let site = SiteTest::fixture("valid/basic");
    // More idle sockets than the server may have files open: served only if idle ones are closed.
    let server = Server::start_with_open_files(&site, &[], 256);
    let events = server.events();
    let started = Instant::now();
    let idle: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(&server.address).unwrap()).collect();
    let mut kept = TcpStream::connect(&server.address).unwrap();
    write!(kept, "GET /robots.txt HTTP/1.1\r\nHost: {}\r\n\r\n", server.address).unwrap();

    let response = server.raw(&format!("GET / HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", server.address));
    assert_eq!(status_of(&response), "200", "{response:.300}");
    let served = started.elapsed();

    let closed_within = |socket: &mut TcpStream| {
        socket.set_read_timeout(Some(PATIENCE)).unwrap();
        let mut bytes = Vec::new();
        let ended = socket.read_to_end(&mut bytes);
        assert!(
            ended.is_ok() || ended.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
            "the server never closed an idle connection: {ended:?}"
        );
        (started.elapsed(), bytes)
    };
    let (first, _) = closed_within(&mut idle.into_iter().next().unwrap());
    assert!(first >= HEADERS_WITHIN && first < HEADERS_WITHIN + Duration::from_secs(10), "closed after {first:?}");
    let (after_response, bytes) = closed_within(&mut kept);
    assert!(String::from_utf8_lossy(&bytes).starts_with("HTTP/1.1 200"), "the kept-alive request was answered");
    assert!(after_response < HEADERS_WITHIN * 3 + Duration::from_secs(10), "kept alive for {after_response:?}");
    eprintln!("served with 300 idle sockets after {served:?}; idle closed after {first:?}");

    // The reload events are one long response: they outlive the idle connections.
    let text = fs::read_to_string(site.root().join(LESSON)).unwrap();
    save(&site, LESSON, &text.replace("callar.", "callar, sin prisa."));
    events.reload();
}

#[test]
fn a_failed_write_shows_on_the_pages_and_the_next_save_writes_what_it_missed() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let events = server.events();
    let out = &server.output;
    // A folder of the site made a file, and a file made a folder: neither can be written.
    fs::remove_dir_all(out.join("atencion/puntos-clave")).unwrap();
    fs::write(out.join("atencion/puntos-clave"), "en medio").unwrap();
    fs::remove_file(out.join("atom.xml")).unwrap();
    fs::create_dir_all(out.join("atom.xml/mío")).unwrap();
    let good = fs::read_to_string(site.root().join(LESSON)).unwrap();
    let renamed = good.replace("title: Escuchar de verdad", "title: Escuchar con calma");
    save(&site, LESSON, &renamed);
    events.reload();
    let (status, page) = server.get_text("/atencion/");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"aula-problems\"") && page.contains("the site was not updated"), "{page}");
    assert!(server.printed_error("the site was not updated: "), "{}", server.stderr());

    fs::remove_file(out.join("atencion/puntos-clave")).unwrap();
    fs::remove_dir_all(out.join("atom.xml")).unwrap();
    // A body edit renders three pages on its own: the retry must write the rest.
    save(&site, LESSON, &(renamed + "\nMás.\n"));
    events.reload();
    let line = server.wait_for_line("everything again (the last rebuild failed)");
    assert!(line.as_deref().is_some_and(|l| !l.contains(" 0 files changed")), "{line:?}");
    let (_, page) = server.get_text("/atencion/");
    assert!(!page.contains("aula-problems"), "{page}");
    settles_to_a_clean_build(&site, &server);
}

#[test]
fn a_failed_write_shows_over_the_open_page_in_chromium_until_a_save_writes_it() {
    let Some(browser) = browser() else { return };
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let tab = browser.new_tab().unwrap();
    open(&tab, &format!("{}atencion/", server.url));
    wait_until(&tab, LISTENING, "the page listens for reloads");
    let blocked = server.output.join("atencion/puntos-clave");
    fs::remove_dir_all(&blocked).unwrap();
    fs::write(&blocked, "en medio").unwrap();
    let good = fs::read_to_string(site.root().join(LESSON)).unwrap();
    let renamed = good.replace("title: Escuchar de verdad", "title: Escuchar con calma");
    save(&site, LESSON, &renamed);
    let overlay = "document.getElementById('aula-problems')";
    let says = |what: &str| format!("({overlay}?.textContent ?? '').includes('{what}')");
    wait_until(&tab, &says("the site was not updated: "), "the failure shows over the page");
    assert_eq!(eval(&tab, &says("atencion/puntos-clave")), true, "{}", eval(&tab, &format!("{overlay}?.textContent")));

    wait_until(&tab, LISTENING, "the page with the failure listens");
    fs::remove_file(&blocked).unwrap();
    save(&site, LESSON, &(renamed + "\nMás.\n"));
    wait_until(&tab, &format!("{overlay} === null"), "the next save clears the failure");
    open(&tab, &format!("{}atencion/puntos-clave/", server.url));
    let shown = eval(&tab, "document.body.textContent.includes('Escuchar con calma')");
    assert_eq!(shown, true, "the page that was not written is written now");
}

#[test]
fn a_search_index_that_cannot_be_written_shows_on_the_pages_until_it_can() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let index = server.output.join("search-index/index.js");
    let deadline = Instant::now() + PATIENCE;
    while !index.is_file() {
        assert!(Instant::now() < deadline, "no search index");
        std::thread::sleep(Duration::from_millis(20));
    }
    let events = server.events();
    fs::remove_file(&index).unwrap();
    fs::create_dir_all(index.join("mío")).unwrap();
    let text = fs::read_to_string(site.root().join(LESSON)).unwrap();
    save(&site, LESSON, &text.replace("callar.", "callar, buscando."));
    events.reload();
    events.reload();
    let (_, page) = server.get_text("/atencion/escuchar/");
    assert!(page.contains("error: search index: "), "{page}");

    fs::remove_dir_all(&index).unwrap();
    save(&site, LESSON, &text.replace("callar.", "callar, encontrado."));
    events.reload();
    events.reload();
    let (_, page) = server.get_text("/atencion/escuchar/");
    assert!(!page.contains("aula-problems"), "{page}");
    settles_to_a_clean_build(&site, &server);
}

#[test]
fn requests_for_other_hosts_are_refused() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let port = server.address.rsplit(':').next().unwrap();
    let request = |host: &str, target: &str| {
        let response = server.raw(&format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        response[9..12].to_string()
    };
    assert_eq!(request("evil.example", "/"), "403", "DNS rebinding");
    assert_eq!(request(&format!("evil.example:{port}"), "/"), "403");
    assert_eq!(request(&format!("localhost.evil.example:{port}"), "/"), "403");
    assert_eq!(request(&format!("127.0.0.1:{port}"), "http://evil.example/"), "403");
    assert_eq!(request(&format!("evil.example:{port}"), "/__aula/events"), "403");
    assert_eq!(request(&format!("localhost:{port}"), "/"), "200");
    assert_eq!(request(&format!("127.0.0.1:{port}"), "/atencion/"), "200");
    assert_eq!(request(&format!("[::1]:{port}"), "/"), "200");
    let without_host = server.raw("GET / HTTP/1.0\r\n\r\n");
    assert!(without_host.starts_with("HTTP/1.0 400") || without_host.starts_with("HTTP/1.1 400"), "{without_host}");
}

#[test]
fn a_base_path_previews_a_subpath_deployment() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &["--base-path", "/curso/"]);
    assert!(server.url.ends_with("/curso/"), "{}", server.url);
    assert_eq!(server.get("/").0, 307);
    assert_eq!(server.get("/curso").0, 307);
    assert_eq!(server.get("/curso/").0, 200);
    assert_eq!(server.get("/curso/atencion/escuchar/").0, 200);
    let (status, page) = server.get_text("/curso/atencion");
    assert_eq!(status, 307, "{page}");
    let (status, missing) = server.get_text("/curso/no-existe/");
    assert_eq!(status, 404);
    assert!(missing.contains("<base href=\"/curso/\">"), "the 404 page links from the base path: {missing}");
    assert!(missing.contains("/__aula/events"));
    assert_eq!(server.get("/atencion/").0, 404, "nothing outside the base path");
}

#[test]
fn editor_files_start_no_rebuild() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let events = server.events();
    let dir = site.root().join("content/01-atencion");
    for name in [".01-escuchar.md.swp", "01-escuchar.md~", "#01-escuchar.md#", ".#01-escuchar.md", "4913"] {
        fs::write(dir.join(name), "x").unwrap();
    }
    fs::remove_file(dir.join("4913")).unwrap();
    assert_eq!(events.wait_for("reload", Duration::from_millis(1500)), None, "{}", server.stderr());
    assert_eq!(server.get("/atencion/01-escuchar.md~").0, 404, "not copied as a file of the site");

    let text = fs::read_to_string(site.root().join(LESSON)).unwrap();
    save(&site, LESSON, &(text + "\nMás.\n"));
    events.reload();
}

#[test]
fn polling_finds_changes_too() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &["--poll"]);
    let events = server.events();
    let text = fs::read_to_string(site.root().join(LESSON)).unwrap();
    save(&site, LESSON, &text.replace("callar.", "callar, sondeado."));
    events.reload();
    assert!(contains(&server.get("/atencion/escuchar/").1, "callar, sondeado."));
}

#[test]
fn a_busy_port_and_an_exposed_address_are_reported() {
    let site = SiteTest::fixture("valid/basic");
    let server = Server::start(&site, &[]);
    let port = server.address.rsplit(':').next().unwrap();
    let busy = std::process::Command::new(env!("CARGO_BIN_EXE_aula"))
        .args(["serve", "--port", port, "--root"])
        .arg(site.root())
        .env_remove("AULA_LANG")
        .output()
        .unwrap();
    assert_eq!(busy.status.code(), Some(2));
    let said = String::from_utf8_lossy(&busy.stderr);
    assert!(said.contains("elige otro puerto con --port"), "in the site's language: {said}");

    let other = SiteTest::fixture("valid/basic");
    let exposed = Server::start(&other, &["--bind", "0.0.0.0"]);
    assert!(exposed.printed_error("warning: listening on 0.0.0.0"), "{}", exposed.stderr());
    let spanish = Server::start(&SiteTest::fixture("valid/basic"), &["--bind", "0.0.0.0", "--lang", "es"]);
    assert!(spanish.printed_error("aviso: escuchando en 0.0.0.0"), "{}", spanish.stderr());
}

/// Files of a clean build of the site with the server's URL, as the server should serve them.
fn clean_build(site: &SiteTest, url: &str) -> BTreeMap<String, Vec<u8>> {
    let out = site.root().join("clean");
    let report = aula::build(&aula::BuildOptions {
        base_url: Some(url.to_string()),
        output: Some(out.clone()),
        ..site.options()
    })
    .unwrap();
    assert!(report.succeeded(), "{:?}", report.diagnostics);
    files_under(&out)
}

/// Every file under `dir` and its bytes, read while the server may still be changing them: a
/// file that goes between listing and reading is left out (the next look will tell).
fn snapshot(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let name = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            fs::read(e.path()).ok().map(|bytes| (name, bytes))
        })
        .collect()
}

/// Waits until the served folder holds what a clean build of the site writes, and returns that.
fn settles_to_a_clean_build(site: &SiteTest, server: &Server) -> BTreeMap<String, Vec<u8>> {
    let want = clean_build(site, &server.url);
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let served = snapshot(&server.output);
        if served == want {
            return want;
        }
        if Instant::now() > deadline {
            let differ: Vec<&String> =
                want.keys().chain(served.keys()).filter(|k| served.get(*k) != want.get(*k)).collect();
            panic!("the served folder never matched a clean build; these differ: {differ:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn soak_500_rapid_edits_then_the_site_equals_a_clean_build() {
    let site = SiteTest::fixture("valid/basic");
    for i in 0..12 {
        site.write(&format!("content/02-extra/{i:02}-tema.md"), &format!("---\ntitle: Tema {i}\n---\n\nTexto {i}.\n"));
    }
    let server = Server::start(&site, &[]);
    let mut steps = Steps(0x0a01_5e7e);
    let mut names: Vec<String> = (0..12).map(|i| format!("content/02-extra/{i:02}-tema.md")).collect();
    for n in 0..500 {
        let at = steps.next(names.len());
        let path = names[at].clone();
        match steps.next(10) {
            0..=4 => {
                let text = fs::read_to_string(site.root().join(&path)).unwrap_or_default();
                save(&site, &path, &format!("{text}\nEdición {n}.\n"));
            }
            5 => {
                save(&site, &path, &format!("---\ntitle: Título {n}\nweight: {}\n---\n\nCuerpo {n}.\n", steps.next(4)))
            }
            6 if names.len() > 4 => {
                fs::remove_file(site.root().join(&path)).unwrap();
                names.remove(at);
            }
            7 => {
                let to = format!("content/02-extra/movido-{n}.md");
                fs::rename(site.root().join(&path), site.root().join(&to)).unwrap();
                names[at] = to;
            }
            8 => {
                save(&site, "templates/partials/footer.html", &format!("<footer>{{{{ site.title }}}} · {n}</footer>\n"))
            }
            _ => save(&site, "static/extra.css", &format!("/* {n} */\n")),
        }
        if n % 50 == 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    let want = settles_to_a_clean_build(&site, &server);
    for (path, bytes) in &want {
        let (status, served) = server.get(&format!("/{path}"));
        assert_eq!(status, 200, "{path}");
        assert!(without_injection(&served) == *bytes, "{path} served differs from a clean build");
    }
}
