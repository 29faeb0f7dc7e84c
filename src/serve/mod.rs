//! `aula serve`: a live preview for authors. It builds the site with a tracking
//! [`crate::session::Session`] into its own output folder, serves that folder over HTTP, watches
//! the sources, rebuilds only what each save affects, and reloads open pages.
//!
//! The parts, each arrow one way: [`watch`] (file events, debounced) → [`classify`] (which
//! sources changed) → [`rebuild`] (the session updates the output folder in place; problems are
//! printed and published) → [`live`] (reload signals, script and errors overlay) ← [`http`] (the
//! server, which reads the output folder and injects the live script into pages).

pub mod classify;
pub mod http;
pub mod live;
pub mod rebuild;
pub mod watch;

use anyhow::Context as _;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;

use crate::BuildOptions;
use crate::config::Language;
use crate::messages;
use crate::msg;
use crate::output::InPlace;
use crate::session::Session;
use live::Live;
use rebuild::Rebuilder;
use watch::Watch;

/// What `aula serve` is asked to do.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub drafts: bool,
    pub strict: bool,
    pub verbose: bool,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
    pub poll: bool,
    /// The path the site is served under, e.g. `/curso/`.
    pub base_path: String,
    /// Where to write the site; a temporary folder when `None`.
    pub output: Option<PathBuf>,
    /// The language of messages asked for on the command line (`--lang`).
    pub language: Option<Language>,
}

/// Builds, serves and rebuilds until interrupted (Ctrl-C or SIGTERM).
pub fn run(options: ServeOptions) -> anyhow::Result<()> {
    let base_path = base_path(&options.base_path)?;
    if !options.root.is_dir() {
        return Err(msg!("serve-no-folder", folder = options.root.display().to_string()).into());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(address))
        .with_context(|| msg!("serve-cannot-listen", address = address.to_string()))?;
    let url = site_url(listener.local_addr()?, &base_path);

    let temporary = match &options.output {
        Some(_) => None,
        None => Some(tempfile::Builder::new().prefix("aula-serve-").tempdir()?),
    };
    let output_dir = match (&options.output, &temporary) {
        (Some(dir), _) => dir.clone(),
        // A folder inside the temporary one, so that its lock file, beside it, goes with it.
        (None, Some(temporary)) => temporary.path().join("site"),
        (None, None) => unreachable!("a temporary folder is made when there is no -o"),
    };
    let output = InPlace::create(&output_dir)?;
    let build = BuildOptions {
        root: options.root.clone(),
        drafts: options.drafts,
        strict: options.strict,
        base_url: Some(url.clone()),
        output: Some(output_dir.clone()),
        write: true,
        ..BuildOptions::default()
    };
    let session = Session::open(&build, true);
    let live = Live::new();
    let mut rebuilder = Rebuilder::new(
        session,
        output,
        std::sync::Arc::clone(&live),
        &options.root,
        options.verbose,
        options.language,
    )?;
    rebuilder.first_build()?;

    let (batches, received) = std::sync::mpsc::channel();
    let watch = Watch::start(&options.root.canonicalize()?, options.poll, batches)?;
    std::thread::Builder::new().name("aula rebuild".into()).spawn(move || rebuilder.run(received, watch))?;

    if !options.bind.is_loopback() {
        eprintln!("{}", messages::as_warning(msg!("serve-exposed", address = options.bind.to_string())));
    }
    println!("{}", msg!("serve-serving", url = url.as_str(), output = output_dir.display().to_string()));
    if options.open {
        if let Err(e) = open::that_detached(&url) {
            eprintln!("{}", messages::as_warning(msg!("serve-no-browser", error = e.to_string())));
        }
    }
    let app = http::router(&output_dir, &base_path, live)?;
    runtime.block_on(async {
        tokio::select! {
            () = http::serve(listener, app) => {}
            () = stopped() => {}
        }
    });
    runtime.shutdown_background();
    drop(temporary);
    Ok(())
}

/// Resolves when the process is asked to stop.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut terminate) = signal(SignalKind::terminate()) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// `--base-path` as `/` or `/a/b/`: segments of URL-safe characters.
fn base_path(text: &str) -> anyhow::Result<String> {
    let trimmed = text.trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".into());
    }
    let safe = |s: &str| {
        !s.is_empty() && s != "." && s != ".." && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
    };
    if !trimmed.split('/').all(safe) {
        return Err(msg!("serve-bad-base-path", path = text).into());
    }
    Ok(format!("/{trimmed}/"))
}

/// The address pages are served at; `0.0.0.0` and `::` are reached through loopback.
fn site_url(address: SocketAddr, base_path: &str) -> String {
    let host = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}{base_path}", SocketAddr::new(host, address.port()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        for (given, want) in [("/", "/"), ("", "/"), ("curso", "/curso/"), ("/a/b/", "/a/b/"), ("/v1.2~x/", "/v1.2~x/")]
        {
            assert_eq!(base_path(given).unwrap(), want, "{given}");
        }
        for bad in ["/../x/", "/a b/", "/a//b/", "/%2e/", "/á/"] {
            assert!(base_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_reach_the_server() {
        assert_eq!(site_url("127.0.0.1:1111".parse().unwrap(), "/"), "http://127.0.0.1:1111/");
        assert_eq!(site_url("0.0.0.0:80".parse().unwrap(), "/x/"), "http://127.0.0.1:80/x/");
        assert_eq!(site_url("[::]:8080".parse().unwrap(), "/"), "http://[::1]:8080/");
    }
}
