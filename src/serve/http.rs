//! The HTTP server of `aula serve`: the output folder through tower-http's `ServeDir` under the
//! base path, HTML pages with the live-reload script injected, the reload events, and a guard
//! that answers only requests addressed to a local host name or an IP address, so a web page
//! cannot reach the preview through DNS rebinding.
//!
//! Connections that send no request are closed after [`HEADERS_WITHIN`], so idle sockets
//! cannot pile up until the process has no files left to accept with.
//!
//! Only regular files that resolve inside the output folder are served: `ServeDir` refuses `..`
//! and absolute paths but follows symbolic links, so every request is resolved first, links and
//! all, and anything else (a link out, a pipe, a path too long for the file system) is the
//! site's 404 page.

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt as _};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::net::IpAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

use super::live::{EVENTS_PATH, Live, Signal};
use crate::msg;

/// How long a connection has to send a request's headers, counted from when the server is ready
/// to read them: when it opens, and after each response. The reload events are one long
/// response, so they are not cut. Browsers open a new connection when an idle one was closed.
pub const HEADERS_WITHIN: Duration = Duration::from_secs(5);

/// The largest HTML page the server injects into.
const MAX_PAGE: usize = 64 * 1024 * 1024;

/// The page shown when there is no page to show the errors on.
const STAND_IN: &str = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>aula</title></head>\
<body><p>The site could not be built yet.</p></body></html>\n";

/// Serves `app` on `listener`, each connection on a task of its own, until dropped.
pub async fn serve(mut listener: tokio::net::TcpListener, app: Router) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEADERS_WITHIN);
    loop {
        // axum's accept waits and tries again when accepting fails (the process has no files left).
        let (stream, _) = axum::serve::Listener::accept(&mut listener).await;
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        tokio::spawn(async move {
            // A connection ends with an error when the client goes away or sends nothing in time.
            let _ = connection.await;
        });
    }
}

/// The routes: reload events at [`EVENTS_PATH`], the site under `base_path` (`/` or `/x/`).
/// `output` must exist.
pub fn router(output: &Path, base_path: &str, live: Arc<Live>) -> std::io::Result<Router> {
    let prefix = base_path.trim_end_matches('/').to_string();
    let root = output.canonicalize()?;
    let files = Files { serve: ServeDir::new(&root).redirect_path_prefix(prefix.clone()), root: Arc::new(root) };
    let site = move |request: Request| {
        let files = files.clone();
        let prefix = prefix.clone();
        async move { serve_site(files, &prefix, request).await }
    };
    Ok(Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(site)
        .layer(middleware::from_fn_with_state(Arc::clone(&live), inject))
        .layer(middleware::from_fn(guard_host))
        .with_state(live))
}

/// The output folder, as the server reads it.
#[derive(Clone)]
struct Files {
    serve: ServeDir,
    /// The output folder with every symbolic link resolved.
    root: Arc<PathBuf>,
}

impl Files {
    /// The file at `path` (under the site, percent-encoded), or the site's 404 page.
    async fn serve(&self, path: &str, request: Request) -> Response {
        let method = request.method().clone();
        if resolves_inside(&self.root, path) {
            let response = match self.serve.clone().oneshot(request).await {
                Ok(response) => response.map(Body::new),
                Err(never) => match never {},
            };
            if response.status() != StatusCode::NOT_FOUND {
                return response;
            }
        }
        self.not_found(method).await
    }

    /// The site's `404.html` with status 404, or an empty 404 when it has none (yet) that can be
    /// served.
    async fn not_found(&self, method: axum::http::Method) -> Response {
        if !resolves_inside(&self.root, "/404.html") {
            return StatusCode::NOT_FOUND.into_response();
        }
        let request = Request::builder().method(method).uri("/").body(Body::empty()).expect("a valid request");
        match ServeFile::new(self.root.join("404.html")).oneshot(request).await {
            Ok(response) => {
                let (mut parts, body) = response.into_parts();
                parts.status = StatusCode::NOT_FOUND;
                Response::from_parts(parts, Body::new(body))
            }
            Err(never) => match never {},
        }
    }
}

/// Whether what `ServeDir` would open for `path` (percent-encoded, under the site) is a regular
/// file inside `root` (which has its links resolved): the file itself, or the `index.html` of a
/// folder, after following every symbolic link on the way. A path that cannot be resolved (it
/// does not exist, goes through a file, has `..`, or is too long for the file system) is not.
///
/// The check and `ServeDir`'s open are two steps: a link made in between would be followed. The
/// output folder is the author's (a private temporary folder by default): only they can do that.
fn resolves_inside(root: &Path, path: &str) -> bool {
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else { return false };
    let mut file = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(segment) => file.push(segment),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    let Ok(real) = file.canonicalize() else { return false };
    if !real.starts_with(root) {
        return false;
    }
    match real.metadata() {
        Ok(meta) if meta.is_file() => true,
        // A folder is redirected to its path with a slash, then served as its index.html.
        Ok(meta) if meta.is_dir() => !decoded.ends_with('/') || resolves_inside(root, &format!("{path}index.html")),
        _ => false,
    }
}

/// A file of the site: requests under the base path go to the output folder with the prefix
/// taken off; the server's root and the base path without its slash redirect to the base path;
/// anything else is not found.
async fn serve_site(files: Files, prefix: &str, mut request: Request) -> Response {
    let path = request.uri().path();
    if !prefix.is_empty() && (path == prefix || path == "/") {
        return Redirect::temporary(&format!("{prefix}/")).into_response();
    }
    let Some(rest) = path.strip_prefix(prefix).filter(|r| r.starts_with('/')) else {
        let message = format!("{}\n", msg!("serve-outside-base", path = format!("{prefix}/")));
        return (StatusCode::NOT_FOUND, message).into_response();
    };
    let rest = rest.to_string();
    let uri = match request.uri().query() {
        Some(query) => format!("{rest}?{query}"),
        None => rest.clone(),
    };
    match uri.parse() {
        Ok(uri) => *request.uri_mut() = uri,
        Err(_) => return StatusCode::BAD_REQUEST.into_response(),
    }
    // Pages change under the browser while it has them: never answer "not modified".
    for conditional in [header::IF_MODIFIED_SINCE, header::IF_NONE_MATCH, header::IF_UNMODIFIED_SINCE] {
        request.headers_mut().remove(conditional);
    }
    files.serve(&rest, request).await
}

/// Injects the live-reload script (and the errors overlay) into complete HTML pages, and keeps
/// browsers from caching anything.
async fn inject(State(live): State<Arc<Live>>, request: Request, next: Next) -> Response {
    let head = request.method() == axum::http::Method::HEAD;
    let response = next.run(request).await;
    if head {
        return response;
    }
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let page = html && matches!(response.status(), StatusCode::OK | StatusCode::NOT_FOUND);
    let (mut parts, body) = response.into_parts();
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // With no site to show (its first build failed), the errors still need a page to be on.
    let stand_in = parts.status == StatusCode::NOT_FOUND && !html && live.has_problems();
    if !(page || stand_in) {
        return Response::from_parts(parts, body);
    }
    let injected = if stand_in {
        parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        live.inject(STAND_IN.as_bytes())
    } else {
        let Ok(bytes) = axum::body::to_bytes(body, MAX_PAGE).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        live.inject(&bytes)
    };
    for stale in [header::CONTENT_LENGTH, header::ETAG, header::LAST_MODIFIED, header::ACCEPT_RANGES] {
        parts.headers.remove(stale);
    }
    Response::from_parts(parts, Body::from(injected))
}

/// Refuses requests for a host that is not local (DNS rebinding) with 403.
async fn guard_host(request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| request.uri().authority().map(|a| a.to_string()));
    let authority_ok = request.uri().authority().is_none_or(|a| is_local_host(a.as_str()));
    match host {
        Some(host) if is_local_host(&host) && authority_ok => next.run(request).await,
        Some(host) => {
            let message = format!("{}\n", msg!("serve-foreign-host", host = host.as_str()));
            (StatusCode::FORBIDDEN, message).into_response()
        }
        None => (StatusCode::BAD_REQUEST, format!("{}\n", msg!("serve-no-host"))).into_response(),
    }
}

/// `localhost`, a name under `.localhost`, or an IP address, with or without a port.
pub fn is_local_host(host: &str) -> bool {
    if let Some(rest) = host.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((v6, "")) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
            Some((v6, port)) => port.strip_prefix(':').is_some_and(is_port) && v6.parse::<std::net::Ipv6Addr>().is_ok(),
            None => false,
        };
    }
    let name = match host.rsplit_once(':') {
        Some((name, port)) if is_port(port) => name,
        Some(_) => return false,
        None => host,
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<IpAddr>().is_ok()
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The reload events: `ready` with the server's identity when a page connects, then `reload`
/// after every rebuild.
async fn events(State(live): State<Arc<Live>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let ready = Event::default().event("ready").data(live.instance()).retry(Duration::from_millis(500));
    let signals = live.subscribe();
    let later = stream::unfold(signals, |mut signals| async move {
        let build = match signals.recv().await {
            Ok(Signal::Reload(build)) => build,
            // Missed signals: one reload covers them all.
            Err(RecvError::Lagged(_)) => 0,
            Err(RecvError::Closed) => return None,
        };
        Some((Ok(Event::default().event("reload").data(build.to_string())), signals))
    });
    Sse::new(stream::once(async { Ok(ready) }).chain(later)).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_hosts() {
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST.",
            "app.localhost:80",
            "127.0.0.1:1111",
            "[::1]:1111",
            "[::1]",
            "192.168.1.20:1111",
            "10.0.0.1",
        ] {
            assert!(is_local_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.nip.io:1111",
            "[::1]x",
            "localhost:x",
            "",
        ] {
            assert!(!is_local_host(host), "{host}");
        }
    }
}
