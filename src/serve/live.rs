//! Live reload: the script and the errors overlay that serve mode injects into the HTML pages it
//! serves (the files written on disk never contain them), and the signal that tells every open
//! page to reload, sent to them as server-sent events.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

use crate::msg;

/// Where pages listen for reload signals, at the server's root whatever the base path.
pub const EVENTS_PATH: &str = "/__aula/events";

/// The marks around what is injected into a page.
pub const INJECTED_START: &str = "<!-- aula serve -->";
pub const INJECTED_END: &str = "<!-- /aula serve -->";

const SCRIPT: &str = include_str!("live.js");

/// What open pages are told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// The site was rebuilt (this many times so far): reload.
    Reload(u64),
}

/// The state pages see: the current errors, and the reload signals.
pub struct Live {
    problems: RwLock<Arc<Vec<String>>>,
    /// Why the search index could not be written, until it is: its refresh runs apart from the
    /// rebuilds that publish the problems.
    search_failure: RwLock<Option<String>>,
    signals: broadcast::Sender<Signal>,
    builds: AtomicU64,
    instance: String,
}

impl Live {
    pub fn new() -> Arc<Live> {
        let started = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        Arc::new(Live {
            problems: RwLock::new(Arc::new(Vec::new())),
            search_failure: RwLock::new(None),
            signals: broadcast::channel(64).0,
            builds: AtomicU64::new(0),
            instance: format!("{}-{}", std::process::id(), started.as_nanos()),
        })
    }

    /// Shows `problems` (the site's errors, as printed) on every page from now on, and tells open
    /// pages to reload when `reload`.
    pub fn publish(&self, problems: Vec<String>, reload: bool) {
        *self.problems.write().expect("problems lock") = Arc::new(problems);
        if reload {
            self.reload();
        }
    }

    /// Shows why the search index could not be written on every page, or stops showing it
    /// (`None`), and reloads open pages when that changes what they show.
    pub fn publish_search_failure(&self, failure: Option<String>) {
        let mut shown = self.search_failure.write().expect("search failure lock");
        if *shown != failure {
            *shown = failure;
            drop(shown);
            self.reload();
        }
    }

    fn reload(&self) {
        let build = self.builds.fetch_add(1, Ordering::Relaxed) + 1;
        // No page listening is not an error.
        let _ = self.signals.send(Signal::Reload(build));
    }

    pub fn has_problems(&self) -> bool {
        !self.shown_problems().is_empty()
    }

    /// The problems and the search index's failure, as pages show them.
    fn shown_problems(&self) -> Vec<String> {
        let mut shown = self.problems.read().expect("problems lock").to_vec();
        shown.extend(self.search_failure.read().expect("search failure lock").clone());
        shown
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Signal> {
        self.signals.subscribe()
    }

    /// Tells this server from an earlier one, so pages reload after a restart.
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// `html` with the reload script, and the errors overlay when there are errors, before its
    /// last `</body>` (or at its end).
    pub fn inject(&self, html: &[u8]) -> Vec<u8> {
        let block = injected_block(&self.shown_problems());
        let at = rfind(html, b"</body>").unwrap_or(html.len());
        let mut out = Vec::with_capacity(html.len() + block.len());
        out.extend_from_slice(&html[..at]);
        out.extend_from_slice(block.as_bytes());
        out.extend_from_slice(&html[at..]);
        out
    }
}

fn injected_block(problems: &[String]) -> String {
    let mut block = String::from(INJECTED_START);
    if !problems.is_empty() {
        block.push_str(&overlay(problems));
    }
    block.push_str("<script>");
    block.push_str(SCRIPT);
    block.push_str("</script>");
    block.push_str(INJECTED_END);
    block
}

/// The errors over the page: where each is and what to do. It can be closed; it comes back with
/// the next reload while the errors remain.
fn overlay(problems: &[String]) -> String {
    let mut items = String::new();
    for p in problems {
        items.push_str("<li>");
        pulldown_cmark_escape::escape_html(&mut items, p).expect("writing to a String");
        items.push_str("</li>");
    }
    let heading = msg!("serve-overlay", errors = msg!("count-errors", count = problems.len()));
    let close = msg!("serve-overlay-close");
    format!(
        "<div id=\"aula-problems\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;z-index:2147483647;\
         max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#3b0d0c;color:#fff;\
         font:14px/1.5 ui-monospace,monospace;box-shadow:0 -4px 16px rgba(0,0,0,.4)\">\
         <button type=\"button\" aria-label=\"{close}\" onclick=\"this.parentNode.remove()\" style=\"float:right;\
         font:inherit;background:none;color:inherit;border:1px solid;border-radius:4px;cursor:pointer\">×</button>\
         <p style=\"margin:0 0 .5rem;font-weight:bold\">aula: {heading}</p><ul style=\"margin:0;padding-left:1.25rem\">{items}</ul></div>"
    )
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_before_the_body_end_and_errors_escaped() {
        let live = Live::new();
        let page = b"<html><body><p>hola</p></body></html>";
        let injected = String::from_utf8(live.inject(page)).unwrap();
        assert!(injected.starts_with("<html><body><p>hola</p><!-- aula serve --><script>"), "{injected}");
        assert!(injected.ends_with("</script><!-- /aula serve --></body></html>"));
        assert!(!injected.contains("aula-problems"));

        live.publish(vec!["content/a.md:2:1: error: <b>no</b>".into()], false);
        let injected = String::from_utf8(live.inject(page)).unwrap();
        assert!(injected.contains("aula: 1 error."));
        assert!(injected.contains("<li>content/a.md:2:1: error: &lt;b&gt;no&lt;/b&gt;</li>"));
        let start = injected.find(INJECTED_START).unwrap();
        let end = injected.find(INJECTED_END).unwrap() + INJECTED_END.len();
        assert_eq!(format!("{}{}", &injected[..start], &injected[end..]).as_bytes(), page);
    }

    #[test]
    fn pages_without_a_body_end_get_it_at_the_end() {
        let injected = String::from_utf8(Live::new().inject(b"<p>x")).unwrap();
        assert!(injected.starts_with("<p>x<!-- aula serve -->"));
    }

    #[tokio::test]
    async fn a_search_failure_shows_until_it_is_cleared_and_reloads_once() {
        let live = Live::new();
        let mut pages = live.subscribe();
        live.publish(vec!["a.md:1:1: error: x".into()], false);
        live.publish_search_failure(Some("error: search index: disk full".into()));
        live.publish_search_failure(Some("error: search index: disk full".into()));
        let injected = String::from_utf8(live.inject(b"<body></body>")).unwrap();
        assert!(injected.contains("aula: 2 errors.") && injected.contains("disk full"), "{injected}");
        live.publish_search_failure(None);
        assert!(!String::from_utf8(live.inject(b"")).unwrap().contains("disk full"));
        assert_eq!(pages.recv().await.unwrap(), Signal::Reload(1));
        assert_eq!(pages.recv().await.unwrap(), Signal::Reload(2));
        assert!(pages.try_recv().is_err(), "the same failure again reloads nothing");
    }

    #[tokio::test]
    async fn reloads_reach_subscribers() {
        let live = Live::new();
        let mut pages = live.subscribe();
        live.publish(Vec::new(), false);
        live.publish(Vec::new(), true);
        assert_eq!(pages.recv().await.unwrap(), Signal::Reload(1));
    }
}
