//! `Server`: the real `aula serve` binary on a free port, serving a fixture copied by `SiteTest`,
//! with helpers to request pages, read the reload events and edit files as editors save them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aula::serve::live::{INJECTED_END, INJECTED_START};

use crate::support::SiteTest;

/// How long a test waits for something the server should do at once.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/` plus the base path.
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub address: String,
    /// The folder it writes the site to.
    pub output: PathBuf,
    stdout: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `aula serve` on the site with `args`, and waits until it serves. It speaks
    /// English (`AULA_LANG=en`) unless `args` ask for another language with `--lang`.
    pub fn start(site: &SiteTest, args: &[&str]) -> Server {
        Server::spawn(Command::new(env!("CARGO_BIN_EXE_aula")), site, args)
    }

    /// Starts `aula serve` as [`Server::start`] does, allowed only `files` open files at once
    /// (through the shell's `ulimit -n`), as on a system with a low limit.
    pub fn start_with_open_files(site: &SiteTest, args: &[&str], files: u32) -> Server {
        let mut shell = Command::new("sh");
        shell.args(["-c", &format!("ulimit -n {files} && exec \"$0\" \"$@\""), env!("CARGO_BIN_EXE_aula")]);
        Server::spawn(shell, site, args)
    }

    fn spawn(mut command: Command, site: &SiteTest, args: &[&str]) -> Server {
        let output = site.root().join("served");
        let mut child = command
            .arg("serve")
            .arg("--root")
            .arg(site.root())
            .args(["--port", "0", "-o"])
            .arg(&output)
            .args(args)
            .env("AULA_LANG", "en")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("aula serve starts");
        let (lines, stdout) = channel();
        let out = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || out.lines().map_while(Result::ok).for_each(|l| drop(lines.send(l))));
        let stderr = Arc::new(Mutex::new(String::new()));
        let err = BufReader::new(child.stderr.take().unwrap());
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            err.lines().map_while(Result::ok).for_each(|l| sink.lock().unwrap().push_str(&(l + "\n")))
        });
        let mut server = Server { child, url: String::new(), address: String::new(), output, stdout, stderr };
        let started = if args.windows(2).any(|a| a == ["--lang", "es"]) { "sirviendo " } else { "serving " };
        let line = server.wait_for_line(started).unwrap_or_else(|| panic!("did not start: {}", server.stderr()));
        server.url = line.split_whitespace().nth(1).expect("serving URL").to_string();
        server.address = server.url.trim_start_matches("http://").split('/').next().unwrap().to_string();
        server
    }

    /// The next line printed to stdout that contains `needle`.
    pub fn wait_for_line(&self, needle: &str) -> Option<String> {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Some(line),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        None
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Whether the server prints `needle` to stderr (soon: it is read on another thread).
    pub fn printed_error(&self, needle: &str) -> bool {
        let deadline = Instant::now() + PATIENCE;
        while !self.stderr().contains(needle) {
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        true
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process still runs.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// GET `path` (relative to the server's root, e.g. `/atencion/`): status and body.
    pub fn get(&self, path: &str) -> (u16, Vec<u8>) {
        let agent: ureq::Agent =
            ureq::Agent::config_builder().http_status_as_error(false).max_redirects(0).proxy(None).build().into();
        let mut response = agent.get(format!("http://{}{path}", self.address)).call().expect("the server answers");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_vec().unwrap())
    }

    pub fn get_text(&self, path: &str) -> (u16, String) {
        let (status, body) = self.get(path);
        (status, String::from_utf8(body).unwrap())
    }

    /// Sends `request` as it is, byte for byte (no client rewrites `..` or the Host), and returns
    /// the raw response.
    pub fn raw(&self, request: &str) -> String {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        String::from_utf8_lossy(&response).into_owned()
    }

    /// A connection to the reload events, once the server said it is ready.
    pub fn events(&self) -> Events {
        let agent: ureq::Agent = ureq::Agent::config_builder().proxy(None).build().into();
        let response = agent.get(format!("http://{}/__aula/events", self.address)).call().expect("events answer");
        let reader = BufReader::new(response.into_body().into_reader());
        let (found, events) = channel();
        std::thread::spawn(move || {
            let (mut name, mut data) = (String::new(), String::new());
            for line in reader.lines().map_while(Result::ok) {
                if let Some(v) = line.strip_prefix("event: ") {
                    name = v.to_string();
                } else if let Some(v) = line.strip_prefix("data: ") {
                    data = v.to_string();
                } else if line.is_empty()
                    && !name.is_empty()
                    && found.send((std::mem::take(&mut name), std::mem::take(&mut data))).is_err()
                {
                    return;
                }
            }
        });
        let events = Events { events };
        assert!(events.wait_for("ready", PATIENCE).is_some(), "no ready event");
        events
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Server-sent events as (event, data).
pub struct Events {
    events: Receiver<(String, String)>,
}

impl Events {
    /// The data of the next event named `name` within `patience`.
    pub fn wait_for(&self, name: &str, patience: Duration) -> Option<String> {
        let deadline = Instant::now() + patience;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.events.recv_timeout(left) {
                Ok((event, data)) if event == name => return Some(data),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        None
    }

    pub fn reload(&self) -> String {
        self.wait_for("reload", PATIENCE).expect("a reload event")
    }
}

/// Saves `text` to `path` under the site as most editors do: into a temporary file beside it,
/// then renamed over it.
pub fn save(site: &SiteTest, path: &str, text: &str) {
    let target = site.root().join(path);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let temporary = target.with_file_name(format!(".{}.tmp~", target.file_name().unwrap().to_string_lossy()));
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(&temporary, &target).unwrap();
}

/// A served page without what `aula serve` injects: the page as written on disk.
pub fn without_injection(page: &[u8]) -> Vec<u8> {
    let find = |needle: &str| page.windows(needle.len()).position(|w| w == needle.as_bytes());
    match (find(INJECTED_START), find(INJECTED_END)) {
        (Some(start), Some(end)) => [&page[..start], &page[end + INJECTED_END.len()..]].concat(),
        _ => page.to_vec(),
    }
}
