//! Courses an LMS can take (issue 15), against real runtimes: SCORM packages launched by
//! scorm-again (the npm package pinned in `tests/js`) in a host page, as an LMS would, and xAPI
//! statements sent to a real Ralph LRS (PyPI `ralph-malph`, installed by `.ci/run`). Skipped,
//! with a message, where Chromium, scorm-again or Ralph is absent (a failure under `CI=true`).

use headless_chrome::Tab;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::browser::{browser, eval, open};
use crate::server::PATIENCE;
use aula::config::ScormVersion;

use crate::support::{Server, SiteTest, printed, skip};

const SCORM_AGAIN: &str = "tests/js/node_modules/scorm-again/dist";

/// The course of the training fixture, as its launch page describes it.
const LESSONS: [&str; 3] = ["curso/bloques", "curso/cuestionarios", "curso/modulo/cierre"];

/// The window of the launch page's iframe, seen from the host page.
const INNER: &str = "document.querySelector('iframe').contentDocument.querySelector('iframe')";

/// The training fixture's one course as an unpacked SCORM package of `version`, served beside a
/// host page that plays the LMS: `host.html?scorm=VERSION[&clear=1][&launch=PATH]#PRELOAD`.
struct Lms {
    _test: SiteTest,
    _dir: tempfile::TempDir,
    server: Server,
}

impl Lms {
    /// `None` (with a message) where scorm-again is not installed.
    fn start(version: &str) -> Option<Lms> {
        Lms::start_with(version, "")
    }

    /// [`Lms::start`] with `config` added to the fixture's aula.yaml.
    fn start_with(version: &str, config: &str) -> Option<Lms> {
        Lms::start_prepared(version, |test| {
            let site_config = std::fs::read_to_string(test.root().join("aula.yaml")).unwrap();
            test.write("aula.yaml", &format!("{site_config}{config}"));
        })
    }

    /// [`Lms::start`] with the fixture changed by `prepare` before it is built.
    fn start_prepared(version: &str, prepare: impl FnOnce(&SiteTest)) -> Option<Lms> {
        let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCORM_AGAIN);
        if !runtime.join("scorm12.js").is_file() {
            skip(&format!("{} is absent (run `npm ci --prefix tests/js`)", runtime.display()));
            return None;
        }
        let test = SiteTest::fixture("valid/training");
        prepare(&test);
        let dir = tempfile::tempdir().unwrap();
        unpack(&test, version, &dir.path().join("pkg"));
        for file in ["scorm12.js", "scorm2004.js"] {
            std::fs::copy(runtime.join(file), dir.path().join(file)).unwrap();
        }
        std::fs::write(dir.path().join("host.html"), HOST).unwrap();
        let server = Server::start(dir.path(), "lms/");
        Some(Lms { _test: test, _dir: dir, server })
    }

    /// Opens the host page: a fresh SCORM runtime, `preload` given to it before the package
    /// starts (a learner's earlier attempt), and the package launched in its iframe.
    fn launch(&self, tab: &Tab, version: &str, launch: &str, preload: Option<&Value>) {
        self.launch_with(tab, &format!("scorm={version}&launch={}", encode(launch)), preload);
    }

    /// [`Lms::launch`] with the host page's query: `scorm`, `launch`, `preinit`.
    fn launch_with(&self, tab: &Tab, query: &str, preload: Option<&Value>) {
        let hash = preload.map(|p| format!("#{}", encode(&p.to_string()))).unwrap_or_default();
        let url = self.server.url(&format!("host.html?clear=1&{query}{hash}"));
        tab.navigate_to(&url).expect("navigates").wait_until_navigated().expect("loads");
    }

    /// Opens `path` of the package in the launch page's iframe, as a link inside it would.
    #[track_caller]
    fn go(&self, tab: &Tab, path: &str) {
        eval(tab, &format!("{INNER}.src = {:?}", self.server.url(&format!("pkg/{path}"))));
        shows(tab, path);
    }
}

/// The page an LMS shows around a package: it installs the SCORM runtime, records every value
/// the package sets, and opens the package's launch page in an iframe. With `preinit`, it
/// initialises the attempt itself first, as some LMSs do.
const HOST: &str = r#"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.js"></script>
<script src="scorm2004.js"></script>
</head>
<body>
<script>
var query = new URLSearchParams(location.search);
if (query.get("clear")) localStorage.clear();
var version = query.get("scorm");
var settings = { autocommit: false, logLevel: 4 };
window.lms = version === "2004" ? new Scorm2004API(settings) : new Scorm12API(settings);
if (version === "2004") window.API_1484_11 = lms; else window.API = lms;
window.sets = [];
lms.on((version === "2004" ? "SetValue" : "LMSSetValue") + ".cmi.*", function (element, value) {
  sets.push([element, value]);
});
if (location.hash.length > 1) lms.loadFromJSON(JSON.parse(decodeURIComponent(location.hash.slice(1))));
if (query.get("preinit")) window.preinit = version === "2004" ? lms.Initialize("") : lms.LMSInitialize("");
var frame = document.createElement("iframe");
frame.style.cssText = "width: 1100px; height: 800px";
frame.src = "pkg/" + (query.get("launch") || "scorm.html");
document.body.append(frame);
</script>
</body>
</html>
"#;

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The package `aula build --scorm VERSION` makes of the fixture's course, unpacked into `into`.
fn unpack(test: &SiteTest, version: &str, into: &Path) {
    let version = match version {
        "1.2" => ScormVersion::V1_2,
        _ => ScormVersion::V2004,
    };
    let report = test.build_with(|o| o.scorm = Some(version));
    assert!(report.succeeded(), "{:?}", printed(&report));
    let zip = std::fs::read(test.public().join("scorm/curso.zip")).expect("the course's package");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    archive.extract(into).expect("the package unpacks");
    let page = std::fs::read_to_string(into.join("scorm.html")).unwrap();
    for said in [
        // The fixture's lessons first (a test may add more after them).
        "&quot;lessons&quot;:[&quot;curso/bloques&quot;,&quot;curso/cuestionarios&quot;,&quot;curso/modulo/cierre&quot;",
        "&quot;quizzes&quot;:2",
        "&quot;passing_score&quot;:80",
    ] {
        assert!(page.contains(said), "the launch page says {said}: {page}");
    }
}

/// Waits until `script` is true in the host page.
#[track_caller]
fn wait(tab: &Tab, script: &str, what: &str) {
    let deadline = Instant::now() + PATIENCE;
    let guarded = format!("(() => {{ try {{ return !!({script}); }} catch (e) {{ return false; }} }})()");
    while eval(tab, &guarded) != Value::Bool(true) {
        assert!(Instant::now() < deadline, "{what}: `{script}` never held");
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// Waits until the package shows `path` (relative to the package) and its script has run.
#[track_caller]
fn shows(tab: &Tab, path: &str) {
    let script = format!(
        "{INNER}.contentDocument.readyState === 'complete' && \
         {INNER}.contentWindow.location.pathname.endsWith('/pkg/{path}') && \
         {INNER}.contentDocument.querySelector('[data-lesson-id]') && \
         !{INNER}.contentDocument.querySelector('[data-lesson-id=\"\"]')"
    );
    wait(tab, &script, &format!("the package shows {path}"));
}

/// Runs `action` (JavaScript with `page` the shown page's document) in the package's page.
fn inside(tab: &Tab, action: &str) -> Value {
    eval(tab, &format!("(() => {{ const page = {INNER}.contentDocument; return {action}; }})()"))
}

/// What the runtime holds at `element`, e.g. `cmi.core.lesson_status`.
fn cmi(tab: &Tab, element: &str) -> Value {
    eval(tab, &format!("lms.{element}"))
}

/// The last value the package set at `element`.
fn last_set(tab: &Tab, element: &str) -> Value {
    eval(tab, &format!("(sets.filter(s => s[0] === {element:?}).pop() || [])[1]"))
}

/// Answers quiz `number` of the shown page with `options` and checks it.
fn answer(tab: &Tab, number: u32, options: &[u32]) {
    let chosen = format!("{options:?}");
    inside(
        tab,
        &format!(
            "(page.querySelectorAll('#quiz-{number} input').forEach(i => i.checked = {chosen}.includes(Number(i.value))), \
             page.querySelector('#quiz-{number} .quiz-check').click(), true)"
        ),
    );
}

fn mark_done(tab: &Tab) {
    inside(tab, "(page.querySelector('.lesson-done').click(), true)");
}

/// Ends the launch as a learner closing the LMS's window would: the launch page goes away.
fn close(tab: &Tab) {
    eval(tab, "document.querySelector('iframe').src = 'about:blank'");
    wait(tab, "lms.isTerminated()", "the package terminated");
}

/// The learner's path through the course, the same in both SCORM versions: a lesson done, the
/// quiz lesson with one answer right and one wrong, the last lesson (course complete, score 50),
/// then the wrong answer fixed (score 100). `status` reads what the runtime says of completion,
/// `expected` what it should say at launch, after each lesson, and after the fix.
fn take_the_course(tab: &Tab, lms: &Lms, status: &dyn Fn(&Tab) -> Value, expected: [Value; 5]) {
    let [launched, one, two, all, fixed] = expected;
    shows(tab, "curso/index.html");
    assert_eq!(status(tab), launched, "at launch");
    lms.go(tab, "curso/bloques/index.html");
    mark_done(tab);
    assert_eq!(status(tab), one, "one lesson done");

    // From one lesson to the next by its own link.
    inside(tab, "(page.querySelector('.pager-next').click(), true)");
    shows(tab, "curso/cuestionarios/index.html");
    answer(tab, 1, &[1]);
    answer(tab, 2, &[0]);
    mark_done(tab);
    assert_eq!(status(tab), two, "two lessons done, every quiz answered, one of two right");

    lms.go(tab, "curso/modulo/cierre/index.html");
    mark_done(tab);
    assert_eq!(status(tab), all, "every lesson done, one quiz of two right");

    lms.go(tab, "curso/cuestionarios/index.html");
    answer(tab, 2, &[0, 2]);
    assert_eq!(status(tab), fixed, "both quizzes right");
}

/// The suspend data a launch left: the course's lessons, done, with their quiz answers.
#[track_caller]
fn check_suspend_data(text: &str) {
    let data: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let lessons = data["lessons"].as_object().expect("lessons");
    assert_eq!(lessons.len(), 3, "{text}");
    for id in LESSONS {
        assert_eq!(lessons[id]["done"], true, "{id}: {text}");
    }
    assert_eq!(lessons["curso/cuestionarios"]["quizzes"]["2"], json!({"answer": [0, 2], "correct": true}));
}

/// A relaunch of the same learner on another computer: nothing in localStorage, the runtime
/// preloaded with what the first launch stored. The package resumes where the learner left off
/// and shows the lessons done and the answers given.
fn check_resume(tab: &Tab, lms: &Lms, version: &str, preload: &Value, status: &dyn Fn(&Tab) -> Value, passed: Value) {
    lms.launch(tab, version, "scorm.html", Some(preload));
    shows(tab, "curso/cuestionarios/index.html");
    assert_eq!(inside(tab, "page.querySelectorAll('.course-nav .is-done').length"), 2, "sidebar marks");
    assert_eq!(inside(tab, "page.querySelector('#quiz-2 .quiz-result').textContent"), "¡Correcto!");
    assert_eq!(status(tab), passed, "reported again");
    lms.go(tab, "curso/index.html");
    assert_eq!(inside(tab, "page.querySelector('.progress-text').textContent"), "3 de 3 lecciones hechas");
}

#[test]
fn a_scorm_12_package_reports_completion_score_and_progress_and_resumes() {
    let Some(browser) = browser() else { return };
    let Some(lms) = Lms::start("1.2") else { return };
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    lms.launch(&tab, "1.2", "scorm.html", None);
    let status = |tab: &Tab| cmi(tab, "cmi.core.lesson_status");
    let [incomplete, failed, passed] = [json!("incomplete"), json!("failed"), json!("passed")];
    take_the_course(&tab, &lms, &status, [incomplete.clone(), incomplete.clone(), incomplete, failed, passed]);
    assert_eq!(cmi(&tab, "cmi.core.score.raw"), "100");
    assert_eq!(last_set(&tab, "cmi.core.score.raw"), "100");
    assert_eq!(last_set(&tab, "cmi.core.score.max"), "100");
    assert_eq!(cmi(&tab, "cmi.core.lesson_location"), "curso/cuestionarios/index.html");
    assert_eq!(last_set(&tab, "cmi.core.exit"), "suspend");
    let suspended = cmi(&tab, "cmi.suspend_data").as_str().unwrap().to_string();
    check_suspend_data(&suspended);
    assert!(suspended.len() <= 4096, "{}", suspended.len());
    let scores: Vec<Value> =
        eval(&tab, "sets.filter(s => s[0] === 'cmi.core.score.raw').map(s => s[1])").as_array().unwrap().clone();
    assert!(scores.contains(&json!("50")), "half right before the fix: {scores:?}");

    close(&tab);
    let time = last_set(&tab, "cmi.core.session_time");
    let time = time.as_str().expect("a session time");
    assert!(time.len() == 13 && time.as_bytes()[4] == b':' && time.as_bytes()[10] == b'.', "HHHH:MM:SS.SS: {time}");
    eprintln!("SCORM 1.2: session_time {time}, suspend_data {} characters: {suspended}", suspended.len());

    let preload = json!({"suspend_data": suspended, "core": {"entry": "resume", "lesson_location": "curso/cuestionarios/index.html"}});
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    check_resume(&tab, &lms, "1.2", &preload, &status, json!("passed"));
}

#[test]
fn a_scorm_2004_package_reports_completion_success_and_score_and_resumes() {
    let Some(browser) = browser() else { return };
    let Some(lms) = Lms::start("2004") else { return };
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    lms.launch(&tab, "2004", "scorm.html", None);
    let status = |tab: &Tab| json!([cmi(tab, "cmi.completion_status"), cmi(tab, "cmi.success_status")]);
    let expected = [
        json!(["incomplete", "unknown"]),
        json!(["incomplete", "unknown"]),
        json!(["incomplete", "failed"]),
        json!(["completed", "failed"]),
        json!(["completed", "passed"]),
    ];
    take_the_course(&tab, &lms, &status, expected);
    assert_eq!(cmi(&tab, "cmi.score.scaled"), "1");
    assert_eq!(cmi(&tab, "cmi.score.raw"), "2");
    assert_eq!(cmi(&tab, "cmi.score.min"), "0");
    assert_eq!(cmi(&tab, "cmi.score.max"), "2");
    assert_eq!(cmi(&tab, "cmi.location"), "curso/cuestionarios/index.html");
    assert_eq!(last_set(&tab, "cmi.exit"), "suspend");
    let scaled: Vec<Value> =
        eval(&tab, "sets.filter(s => s[0] === 'cmi.score.scaled').map(s => s[1])").as_array().unwrap().clone();
    assert!(scaled.contains(&json!("0.5")), "half right before the fix: {scaled:?}");
    let suspended = cmi(&tab, "cmi.suspend_data").as_str().unwrap().to_string();
    check_suspend_data(&suspended);

    close(&tab);
    let time = last_set(&tab, "cmi.session_time");
    let time = time.as_str().expect("a session time");
    assert!(time.starts_with("PT") && time.ends_with('S') && time.contains('H'), "ISO 8601 duration: {time}");
    eprintln!("SCORM 2004: session_time {time}, suspend_data {} characters", suspended.len());

    let preload = json!({"suspend_data": suspended, "entry": "resume", "location": "curso/cuestionarios/index.html"});
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    check_resume(&tab, &lms, "2004", &preload, &status, json!(["completed", "passed"]));
}

#[test]
fn a_package_opens_the_page_it_is_asked_for_and_only_inside_itself() {
    let Some(browser) = browser() else { return };
    let Some(lms) = Lms::start("1.2") else { return };
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    lms.launch(&tab, "1.2", "scorm.html?page=curso/modulo/cierre/index.html", None);
    shows(&tab, "curso/modulo/cierre/index.html");
    assert_eq!(cmi(&tab, "cmi.core.lesson_location"), "curso/modulo/cierre/index.html");
    for outside in ["https://example.org/", "../host.html", "/lms/host.html", "//example.org/x", "curso/%2e%2e/x"] {
        lms.launch(&tab, "1.2", &format!("scorm.html?page={}", encode(outside)), None);
        shows(&tab, "curso/index.html");
    }
}

#[test]
fn without_an_lms_the_package_is_the_plain_site() {
    let Some(browser) = browser() else { return };
    let Some(lms) = Lms::start("1.2") else { return };
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    open(&tab, &lms.server.url("pkg/scorm.html"));
    let inner = "document.querySelector('iframe')";
    wait(&tab, &format!("{inner}.contentDocument.querySelector('.progress-text').textContent !== ''"), "course page");
    assert_eq!(eval(&tab, "window.aulaLms.learner()"), Value::Null);
    assert_eq!(
        eval(&tab, "document.querySelector('iframe').offsetHeight === innerHeight"),
        true,
        "the course fills the window"
    );
    let page = format!("{inner}.contentDocument");
    eval(&tab, &format!("{inner}.src = {:?}", lms.server.url("pkg/curso/bloques/index.html")));
    wait(&tab, &format!("!{page}.querySelector('.lesson-done').hidden"), "the lesson's script ran");
    eval(&tab, &format!("{page}.querySelector('.lesson-done').click()"));
    let stored = eval(&tab, "JSON.parse(localStorage.getItem('aula-progress')).lessons['curso/bloques'].done");
    assert_eq!(stored, true, "progress kept in the browser, as on the plain site");
}

// ---- xAPI, with Ralph

/// The Python that has Ralph: `RALPH_PYTHON`, or the virtual environment `.ci/run` makes.
fn ralph_python() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ralph-venv/bin/python");
    let python = std::env::var_os("RALPH_PYTHON").map(PathBuf::from).unwrap_or(venv);
    let found = Command::new(&python)
        .args(["-c", "import ralph.backends.lrs.fs, uvicorn, requests"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        skip(&format!(
            "{} cannot import Ralph (`.ci/run` installs ralph-malph[lrs,cli]==5.1.0 there)",
            python.display()
        ));
        return None;
    }
    Some(python)
}

/// Ralph's LRS API on Ralph's own app, its `fs` backend appending (its default, create, answers
/// 500 to every POST after the first).
const RALPH_MAIN: &str = "import sys
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
import uvicorn
from ralph.api import app
uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[1]), log_level='warning')
";

const LRS_USER: &str = "aula";
const LRS_PASSWORD: &str = "clave-de-prueba";

/// A Ralph LRS on 127.0.0.1, storing statements in a temporary folder, until dropped.
struct Ralph {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Ralph {
    fn start(python: &Path, port: u16, site_origin: &str) -> Ralph {
        let dir = tempfile::tempdir().unwrap();
        let env = |command: &mut Command| {
            command
                .env("RALPH_AUTH_FILE", dir.path().join("auth.json"))
                .env("RALPH_APP_DIR", dir.path())
                .env("RALPH_RUNSERVER_BACKEND", "fs")
                .env("RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH", dir.path())
                .env("RALPH_RUNSERVER_CORS_ALLOW_ORIGINS", format!("[\"{site_origin}\"]"));
        };
        let mut auth = Command::new(python);
        auth.args(["-m", "ralph", "auth", "-u", LRS_USER, "-p", LRS_PASSWORD, "-s", "all"]).args([
            "-M",
            "mailto:lrs@example.org",
            "-w",
        ]);
        env(&mut auth);
        let made = auth.output().expect("ralph auth runs");
        assert!(made.status.success(), "ralph auth: {}", String::from_utf8_lossy(&made.stderr));
        let mut serve = Command::new(python);
        // Pages that move on abort their requests, which Ralph logs with a traceback: its log is
        // shown only when a test fails.
        let log = std::fs::File::create(dir.path().join("ralph.log")).unwrap();
        serve.args(["-c", RALPH_MAIN, &port.to_string()]).stdout(Stdio::null()).stderr(log);
        env(&mut serve);
        let child = serve.spawn().expect("ralph starts");
        let ralph = Ralph { child, port, dir };
        let deadline = Instant::now() + PATIENCE;
        while ralph.agent().get(ralph.url("__heartbeat__")).call().is_err() {
            assert!(Instant::now() < deadline, "Ralph never answered on port {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        ralph
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }

    fn agent(&self) -> ureq::Agent {
        ureq::Agent::config_builder().proxy(None).build().into()
    }

    /// Every statement the LRS holds, oldest first.
    fn statements(&self) -> Vec<Value> {
        let mut response = self
            .agent()
            .get(self.url("xAPI/statements?limit=500"))
            .header("Authorization", basic_auth())
            .header("X-Experience-API-Version", "1.0.3")
            .call()
            .expect("statements answer");
        let body: Value = serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        // Ralph's `fs` backend answers in the order it stored them; statements made in the same
        // millisecond keep that order.
        let mut statements = body["statements"].as_array().expect("statements").clone();
        statements.sort_by(|a, b| a["timestamp"].as_str().cmp(&b["timestamp"].as_str()));
        statements
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            let log = std::fs::read_to_string(self.dir.path().join("ralph.log")).unwrap_or_default();
            eprintln!("Ralph's log:\n{log}");
        }
    }
}

/// The Authorization header of the LRS's user.
fn basic_auth() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = format!("{LRS_USER}:{LRS_PASSWORD}").into_bytes();
    let mut encoded = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            let c = if i <= chunk.len() { ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' };
            encoded.push(c);
        }
    }
    format!("Basic {encoded}")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

const ACTIVITY_BASE: &str = "https://example.org/cursos/";

/// `xapi:` for aula.yaml: statements to an LRS on 127.0.0.1:`port`.
fn xapi_config(port: u16) -> String {
    format!(
        "xapi:\n  endpoint: http://127.0.0.1:{port}/xAPI/\n  username: {LRS_USER}\n  password: {LRS_PASSWORD}\n  activity_base: {ACTIVITY_BASE}\n"
    )
}

/// The training fixture built with xAPI statements going to 127.0.0.1:`port`, served.
fn xapi_site(port: u16) -> (SiteTest, Server) {
    let test = SiteTest::fixture("valid/training");
    let config = std::fs::read_to_string(test.root().join("aula.yaml")).unwrap();
    test.write("aula.yaml", &format!("{config}{}", xapi_config(port)));
    let report = test.build();
    assert!(report.succeeded(), "{:?}", printed(&report));
    let page = test.read("curso/bloques/index.html");
    assert!(page.contains(" data-xapi=\""), "the pages send statements: {page}");
    let server = Server::start(&test.public(), "academia/");
    (test, server)
}

fn origin_of(url: &str) -> String {
    let rest = url.split_once("://").unwrap().1;
    format!("http://{}", rest.split('/').next().unwrap())
}

const QUEUED: &str = "JSON.parse(localStorage.getItem('aula-xapi-queue') || '[]').length";

/// Clicks `selector` in the page.
fn click(tab: &Tab, selector: &str) {
    eval(tab, &format!("document.querySelector({selector:?}).click()"));
}

#[track_caller]
fn wait_until_sent(tab: &Tab) {
    wait(tab, &format!("{QUEUED} === 0"), "the queue empties");
}

#[test]
fn xapi_statements_tell_the_lrs_what_the_learner_did() {
    let Some(browser) = browser() else { return };
    let Some(python) = ralph_python() else { return };
    let port = free_port();
    let (_test, site) = xapi_site(port);
    let ralph = Ralph::start(&python, port, &origin_of(&site.url("")));
    let tab = browser.new_context().unwrap().new_tab().unwrap();

    open(&tab, &site.url("curso/index.html"));
    open(&tab, &site.url("curso/bloques/index.html"));
    click(&tab, ".lesson-done");
    wait_until_sent(&tab);
    open(&tab, &site.url("curso/cuestionarios/index.html"));
    eval(&tab, "document.querySelector('#quiz-1 input[value=\"0\"]').checked = true");
    click(&tab, "#quiz-1 .quiz-check");
    eval(&tab, "document.querySelectorAll('#quiz-2 input').forEach(i => i.checked = i.value !== '1')");
    click(&tab, "#quiz-2 .quiz-check");
    click(&tab, ".lesson-done");
    wait_until_sent(&tab);
    open(&tab, &site.url("curso/modulo/cierre/index.html"));
    click(&tab, ".lesson-done");
    wait_until_sent(&tab);
    let learner = eval(&tab, "localStorage.getItem('aula-learner')");
    // Undone and done again: the course was passed or failed once, and that is not said again.
    click(&tab, ".lesson-done");
    click(&tab, ".lesson-done");
    wait_until_sent(&tab);

    let statements = ralph.statements();
    let said: Vec<(String, String)> = statements
        .iter()
        .map(|s| {
            let verb = s["verb"]["id"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
            (verb, s["object"]["id"].as_str().unwrap().trim_start_matches(ACTIVITY_BASE).to_string())
        })
        .collect();
    let expected = [
        ("experienced", "curso/bloques"),
        ("completed", "curso/bloques"),
        ("experienced", "curso/cuestionarios"),
        ("answered", "curso/cuestionarios/quiz-1"),
        ("answered", "curso/cuestionarios/quiz-2"),
        ("completed", "curso/cuestionarios"),
        ("experienced", "curso/modulo/cierre"),
        ("completed", "curso/modulo/cierre"),
        ("failed", "curso"),
        ("completed", "curso/modulo/cierre"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(v, o)| (v.to_string(), o.to_string())).collect();
    assert_eq!(said, expected, "{statements:#?}");

    for statement in &statements {
        assert_eq!(statement["actor"]["account"], json!({"homePage": ACTIVITY_BASE, "name": learner}), "{statement}");
        assert_eq!(statement["context"]["language"], "es");
    }
    let lesson = &statements[0];
    assert_eq!(lesson["object"]["definition"]["type"], "http://adlnet.gov/expapi/activities/lesson");
    assert_eq!(lesson["object"]["definition"]["name"]["es"], "Bloques de formación");
    assert_eq!(lesson["context"]["contextActivities"]["parent"][0]["id"], format!("{ACTIVITY_BASE}curso"));
    let wrong = &statements[3];
    assert_eq!(wrong["result"]["success"], false);
    assert_eq!(wrong["result"]["response"], "0");
    assert_eq!(wrong["object"]["definition"]["type"], "http://adlnet.gov/expapi/activities/cmi.interaction");
    assert_eq!(wrong["object"]["definition"]["correctResponsesPattern"], json!(["1"]));
    assert_eq!(wrong["context"]["contextActivities"]["parent"][0]["id"], format!("{ACTIVITY_BASE}curso/cuestionarios"));
    let right = &statements[4];
    assert_eq!(right["result"], json!({"success": true, "response": "0[,]2"}));
    let course = &statements[8];
    assert_eq!(course["object"]["definition"]["type"], "http://adlnet.gov/expapi/activities/course");
    assert_eq!(course["object"]["definition"]["name"]["es"], "Curso de prácticas");
    assert_eq!(
        course["result"],
        json!({"success": false, "completion": true, "score": {"scaled": 0.5, "raw": 1, "min": 0, "max": 2}})
    );
    eprintln!("xAPI: {} statements in Ralph; the course's: {}", statements.len(), course["result"]);
}

#[test]
fn xapi_statements_wait_in_the_queue_until_the_lrs_answers() {
    let Some(browser) = browser() else { return };
    let Some(python) = ralph_python() else { return };
    let port = free_port();
    let (test, site) = xapi_site(port);
    // A lesson whose own id needs escaping in an IRI.
    test.write("content/curso/04-propia.md", "---\ntitle: Propia\nid: mi id/ñandú\n---\nTexto.\n");
    assert!(test.build().succeeded());
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    // Nothing listens on the LRS's port yet.
    open(&tab, &site.url("curso/bloques/index.html"));
    click(&tab, ".lesson-done");
    wait(&tab, &format!("{QUEUED} === 2"), "the statements are queued");
    open(&tab, &site.url("curso/cuestionarios/index.html"));
    wait(&tab, &format!("{QUEUED} === 3"), "kept across pages");
    // Every lesson of this page's sidebar is done now, but the sidebar hides the closed module's
    // lesson, and the course page (which lists them all) was never opened: the course is not
    // taken for done.
    click(&tab, ".lesson-done");
    wait(&tab, &format!("{QUEUED} === 4"), "the lesson's completion is queued");

    let ralph = Ralph::start(&python, port, &origin_of(&site.url("")));
    eval(&tab, "window.dispatchEvent(new Event('online'))");
    wait_until_sent(&tab);
    let verbs: Vec<Value> = ralph.statements().iter().map(|s| s["verb"]["id"].clone()).collect();
    let verb = |v: &str| json!(format!("http://adlnet.gov/expapi/verbs/{v}"));
    assert_eq!(verbs, [verb("experienced"), verb("completed"), verb("experienced"), verb("completed")]);

    // Sent once: a new page sends what is queued, and nothing is queued twice.
    open(&tab, &site.url("curso/index.html"));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(ralph.statements().len(), 4);

    open(&tab, &site.url("curso/propia/index.html"));
    wait_until_sent(&tab);
    let opened = ralph.statements().pop().unwrap();
    assert_eq!(opened["object"]["id"], format!("{ACTIVITY_BASE}mi%20id/%C3%B1and%C3%BA"), "each segment escaped");
}

#[test]
fn the_lms_passing_score_and_an_attempt_it_initialised_are_respected() {
    let Some(browser) = browser() else { return };
    let Some(lms) = Lms::start("1.2") else { return };
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    let preload = json!({"student_data": {"mastery_score": "50"}, "core": {"student_id": "e-1017", "student_name": "Pérez, Ana"}});
    lms.launch_with(&tab, "scorm=1.2&preinit=1", Some(&preload));
    assert_eq!(eval(&tab, "window.preinit"), "true", "the LMS initialised the attempt");
    shows(&tab, "curso/index.html");
    assert_eq!(cmi(&tab, "cmi.core.lesson_status"), "incomplete", "the package goes on in that attempt");
    assert_eq!(
        eval(&tab, &format!("{INNER}.contentWindow.parent.aulaLms.learner()")),
        json!({"id": "e-1017", "name": "Pérez, Ana"})
    );
    for lesson in LESSONS {
        lms.go(&tab, &format!("{lesson}/index.html"));
        if lesson == "curso/cuestionarios" {
            answer(&tab, 1, &[1]);
            answer(&tab, 2, &[0]);
        }
        mark_done(&tab);
    }
    assert_eq!(cmi(&tab, "cmi.core.score.raw"), "50");
    assert_eq!(cmi(&tab, "cmi.core.lesson_status"), "passed", "50 passes the LMS's mastery score of 50, not 80");
}

#[test]
fn scorm_12_suspend_data_keeps_to_4096_characters() {
    let Some(browser) = browser() else { return };
    let Some(lms) = Lms::start("1.2") else { return };
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    lms.launch(&tab, "1.2", "scorm.html", None);
    shows(&tab, "curso/index.html");
    // Progress too big for SCORM 1.2: long answers (a quiz of many options, all chosen).
    let many: Vec<u32> = (0..700).collect();
    let mut lessons = serde_json::Map::new();
    for (i, id) in LESSONS.iter().enumerate() {
        let quizzes = json!({"1": {"answer": many, "correct": i != 1}, "2": {"answer": many, "correct": true}});
        lessons.insert(id.to_string(), json!({"done": i != 2, "updated": 1000 + i, "quizzes": quizzes}));
    }
    let progress = json!({"version": 1, "lessons": lessons}).to_string();
    assert!(progress.len() > 4096);
    inside(&tab, &format!("page.defaultView.localStorage.setItem('aula-progress', {progress:?})"));
    lms.go(&tab, "curso/bloques/index.html");
    let suspended = cmi(&tab, "cmi.suspend_data");
    let suspended = suspended.as_str().unwrap();
    assert!(suspended.len() <= 4096, "{} characters", suspended.len());
    let kept: Value = serde_json::from_str(suspended).unwrap();
    assert_eq!(
        kept["lessons"]["curso/bloques"],
        json!({"updated": 1000, "done": true, "quizzes": {"1": {"correct": true}, "2": {"correct": true}}})
    );
    assert_eq!(kept["lessons"]["curso/cuestionarios"]["quizzes"]["1"], json!({"correct": false}));
    assert_eq!(kept["lessons"]["curso/modulo/cierre"]["done"], Value::Null);
    eprintln!("SCORM 1.2: {} characters of progress kept in {} of suspend data", progress.len(), suspended.len());
}

#[test]
fn a_long_scorm_12_course_keeps_its_progress_in_the_compact_form_and_resumes_from_it() {
    let Some(browser) = browser() else { return };
    let long = |i: usize| format!("content/curso/04-modulo-2/{i:03}-leccion-{i:03}-con-un-nombre-bastante-largo.md");
    let Some(lms) = Lms::start_prepared("1.2", |test| {
        test.write("content/curso/04-modulo-2/_index.md", "---\ntitle: Módulo 2\n---\n");
        for i in 0..120 {
            test.write(&long(i), &format!("---\ntitle: Lección {i}\n---\nTexto.\n"));
        }
    }) else {
        return;
    };
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    lms.launch(&tab, "1.2", "scorm.html", None);
    shows(&tab, "curso/index.html");
    let lessons = eval(&tab, "document.querySelector('iframe').contentWindow.aulaLms.course.lessons");
    let lessons: Vec<&str> = lessons.as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert_eq!(lessons.len(), 123);
    assert!(lessons.contains(&"curso/modulo-2/leccion-007-con-un-nombre-bastante-largo"), "{lessons:?}");
    // Every lesson done, the quiz lesson with one answer right and one wrong.
    let mut records = serde_json::Map::new();
    for (i, id) in lessons.iter().enumerate() {
        records.insert(id.to_string(), json!({"done": true, "updated": 1000 + i}));
    }
    let quizzes = records["curso/cuestionarios"].as_object_mut().unwrap();
    quizzes.insert(
        "quizzes".into(),
        json!({"1": {"answer": [1], "correct": true}, "2": {"answer": [0], "correct": false}}),
    );
    let progress = json!({"version": 1, "lessons": records}).to_string();
    inside(&tab, &format!("page.defaultView.localStorage.setItem('aula-progress', {progress:?})"));
    lms.go(&tab, "curso/bloques/index.html");
    let status = |tab: &Tab| cmi(tab, "cmi.core.lesson_status");
    assert_eq!(status(&tab), "failed", "every lesson done, one quiz of two right");
    assert_eq!(cmi(&tab, "cmi.core.score.raw"), "50");

    let suspended = cmi(&tab, "cmi.suspend_data").as_str().unwrap().to_string();
    assert!(suspended.len() <= 4096, "{} characters", suspended.len());
    let kept: Value = serde_json::from_str(&suspended).unwrap();
    let quiz_lesson = lessons.iter().position(|&l| l == "curso/cuestionarios").unwrap().to_string();
    let compact =
        json!({"at": 1000 + 122, "done": "1".repeat(123), "right": {&quiz_lesson: [1]}, "wrong": {&quiz_lesson: [2]}});
    assert_eq!(kept, json!({"version": 1, "compact": compact}));
    eprintln!("SCORM 1.2: {} characters of progress kept in {}: {suspended}", progress.len(), suspended.len());

    // Another computer: only the LMS's suspend data.
    let preload = json!({"suspend_data": suspended, "core": {"entry": "resume", "lesson_location": "curso/cuestionarios/index.html"}});
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    lms.launch(&tab, "1.2", "scorm.html", Some(&preload));
    shows(&tab, "curso/cuestionarios/index.html");
    assert_eq!(status(&tab), "failed", "reported again");
    assert_eq!(cmi(&tab, "cmi.core.score.raw"), "50");
    assert_eq!(inside(&tab, "page.querySelector('#quiz-2 .quiz-actions').hidden"), false, "the quizzes work");
    assert_eq!(cmi(&tab, "cmi.suspend_data"), json!(suspended), "kept as it came");
    lms.go(&tab, "curso/index.html");
    assert_eq!(inside(&tab, "page.querySelector('.progress-text').textContent"), "123 de 123 lecciones hechas");

    // A compact form from a build with other lessons names them by positions that no longer hold.
    let other = suspended.replace(&"1".repeat(123), &"1".repeat(122));
    let preload = json!({"suspend_data": other, "core": {"entry": "resume"}});
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    lms.launch(&tab, "1.2", "scorm.html", Some(&preload));
    shows(&tab, "curso/index.html");
    assert_eq!(inside(&tab, "page.querySelector('.progress-text').textContent"), "0 de 123 lecciones hechas");
    assert_eq!(status(&tab), "incomplete");
}

#[test]
fn xapi_in_an_lms_names_the_lms_learner_and_scores_the_package_course() {
    let Some(browser) = browser() else { return };
    let Some(python) = ralph_python() else { return };
    let port = free_port();
    let Some(lms) = Lms::start_with("2004", &xapi_config(port)) else { return };
    let ralph = Ralph::start(&python, port, &origin_of(&lms.server.url("")));
    let tab = browser.new_context().unwrap().new_tab().unwrap();
    let preload = json!({"learner_id": "e-1017", "learner_name": "Pérez, Ana"});
    lms.launch(&tab, "2004", "scorm.html", Some(&preload));
    shows(&tab, "curso/index.html");
    for lesson in LESSONS {
        lms.go(&tab, &format!("{lesson}/index.html"));
        if lesson == "curso/cuestionarios" {
            answer(&tab, 1, &[1]);
            answer(&tab, 2, &[0, 2]);
        }
        mark_done(&tab);
    }
    wait_until_sent(&tab);
    let statements = ralph.statements();
    assert_eq!(statements.len(), 9, "3 experienced, 3 completed, 2 answered, 1 passed: {statements:#?}");
    for statement in &statements {
        let actor = &statement["actor"];
        assert_eq!(actor["account"], json!({"homePage": ACTIVITY_BASE, "name": "e-1017"}), "{statement}");
        assert_eq!(actor["name"], "Pérez, Ana");
    }
    let course = statements.last().unwrap();
    assert_eq!(course["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
    assert_eq!(course["object"]["id"], format!("{ACTIVITY_BASE}curso"));
    assert_eq!(course["result"]["score"], json!({"scaled": 1, "raw": 2, "min": 0, "max": 2}));
    assert_eq!(cmi(&tab, "cmi.success_status"), "passed", "the LMS was told too");
}
