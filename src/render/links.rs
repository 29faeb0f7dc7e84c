//! Resolving what authors link to: `.md` files become their pages' URLs, relative images and
//! files become their copies' URLs, `#anchors` are queued for checking. Every href is relative
//! to the page (through its `root` prefix), so the site works under any subpath and from disk.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use std::collections::HashSet;

pub use crate::content::{BodyPage, PageKey};
use crate::content::{Excluded, Site, Target, join_relative, slug::slugify, source_path};
use crate::diagnostics::nearest;
use crate::markdown::{AnchorCheck, LinkResolver, Resolution};
use crate::messages::Message;
use crate::msg;

/// Characters escaped in the paths we write into hrefs.
const PATH: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}');

/// A page's view of the site for resolving its links.
pub struct PageLinks<'a> {
    pub site: &'a Site,
    /// Output paths of the static files, for site-absolute links (`/img/logo.png`).
    pub static_files: &'a HashSet<String>,
    /// Content-relative folder of the page's source.
    pub dir: &'a str,
    /// `../` repeated up to the site root.
    pub root: &'a str,
    /// The page's own key, for `#anchor` links to itself.
    pub page: PageKey,
}

/// `../` for each folder level of a site-relative URL (`curso/leccion/` → `../../`).
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// The href from a page in folder `from` (a site-relative folder URL) to the site-relative path
/// `to`: up to the folders they share, then down (`a/b/` to `a/c/index.html` → `../c/index.html`).
pub fn relative_href(from: &str, to: &str) -> String {
    let folders: Vec<&str> = from.split_terminator('/').collect();
    let parts: Vec<&str> = to.split('/').collect();
    let shared = folders.iter().zip(&parts[..parts.len() - 1]).take_while(|(a, b)| a == b).count();
    format!("{}{}", "../".repeat(folders.len() - shared), parts[shared..].join("/"))
}

impl LinkResolver for PageLinks<'_> {
    fn resolve_link(&self, destination: &str) -> Resolution {
        self.resolve(destination, false)
    }

    fn resolve_image(&self, destination: &str) -> Resolution {
        self.resolve(destination, true)
    }
}

impl PageLinks<'_> {
    fn resolve(&self, destination: &str, image: bool) -> Resolution {
        let destination = destination.trim();
        if destination.is_empty() || is_external(destination) {
            return Resolution::Keep;
        }
        let (path_and_query, fragment) = match destination.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (destination, None),
        };
        let (path, query) = match path_and_query.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path_and_query, None),
        };
        let fragment = fragment.map(normalise_fragment);
        if path.is_empty() {
            let Some(id) = fragment else {
                return Resolution::Keep;
            };
            let page = self.page.index();
            return Resolution::Local { href: format!("#{id}"), anchor: Some(AnchorCheck { page, id }) };
        }
        let decoded = percent_decode_str(path).decode_utf8_lossy();
        let Some(content_path) = join_relative(self.dir, &decoded) else {
            return Resolution::Broken(msg!("link-outside-content", link = destination));
        };
        let tail = |href: String| {
            let mut href = href;
            if let Some(q) = query {
                href.push('?');
                href.push_str(q);
            }
            if let Some(f) = &fragment {
                href.push('#');
                href.push_str(f);
            }
            href
        };
        match self.lookup(&content_path) {
            Some(Target::Lesson(i)) => {
                let href = tail(format!("{}{}index.html", self.root, self.site.lessons[i].url));
                let page = PageKey::lesson(i).index();
                Resolution::Local { href, anchor: fragment.map(|id| AnchorCheck { page, id }) }
            }
            Some(Target::Section(i)) => {
                let href = tail(format!("{}{}index.html", self.root, self.site.sections[i].url));
                let page = PageKey::section(self.site, i).index();
                Resolution::Local { href, anchor: fragment.map(|id| AnchorCheck { page, id }) }
            }
            Some(Target::Asset(i)) => {
                let href = tail(format!("{}{}", self.root, encode(&self.site.assets[i].output)));
                Resolution::Local { href, anchor: None }
            }
            Some(Target::Excluded(Excluded::Draft)) => Resolution::Broken(msg!("link-to-draft", link = destination)),
            Some(Target::Excluded(Excluded::Broken)) => Resolution::Keep,
            None if destination.starts_with('/') && self.static_files.contains(content_path.as_str()) => {
                Resolution::Local { href: tail(format!("{}{}", self.root, encode(&content_path))), anchor: None }
            }
            None => match self.elsewhere(&content_path) {
                // Left out of this part of the site (an LMS package): a link to the published site.
                Some(output) => match &self.site.config.base_url {
                    Some(base) => Resolution::Local { href: tail(format!("{base}{}", encode(output))), anchor: None },
                    None => Resolution::Broken(msg!("link-outside-package", link = destination)),
                },
                None => Resolution::Broken(self.not_found(destination, &content_path, image)),
            },
        }
    }

    fn lookup(&self, content_path: &str) -> Option<Target> {
        or_folder_index(content_path, |path| self.site.lookup(path))
    }

    /// Where the whole site has what `content_path` names, when this site is part of it.
    fn elsewhere(&self, content_path: &str) -> Option<&str> {
        or_folder_index(content_path, |path| self.site.elsewhere(path))
    }

    fn not_found(&self, destination: &str, content_path: &str, image: bool) -> Message {
        let file = source_path(content_path);
        if image {
            return msg!("image-not-found", image = destination, file = &file);
        }
        let mut fix = msg!("link-fix-path");
        if content_path.ends_with(".md") {
            let here = format!("{}/", self.dir);
            let candidates: Vec<&str> = self.site.page_sources().collect();
            let relative: Vec<String> = candidates
                .iter()
                .map(|c| c.strip_prefix(here.as_str()).map_or_else(|| format!("/{c}"), str::to_string))
                .collect();
            let written = destination.split('#').next().unwrap_or(destination);
            if let Some(n) = nearest(written, relative.iter().map(String::as_str)) {
                fix = msg!("did-you-mean", key = n);
            }
        }
        msg!("link-not-found", link = destination, file = &file, fix = fix)
    }
}

/// What `find` gives for `content_path`, else for the folder's index page (`index.md`, then
/// `_index.md`): a link to a folder is a link to its page.
fn or_folder_index<T>(content_path: &str, find: impl Fn(&str) -> Option<T>) -> Option<T> {
    find(content_path).or_else(|| {
        ["index.md", "_index.md"].iter().find_map(|name| {
            let joined = if content_path.is_empty() { name.to_string() } else { format!("{content_path}/{name}") };
            find(&joined)
        })
    })
}

/// URLs with a scheme (`https:`, `mailto:`, `data:`) or protocol-relative ones stay as written.
fn is_external(destination: &str) -> bool {
    if destination.starts_with("//") {
        return true;
    }
    let scheme_end = destination.find(':');
    let path_start = destination.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(c), Some(p)) => c < p && c > 0,
        (Some(c), None) => c > 0,
        _ => false,
    }
}

/// Anchors written as a reader sees the heading (`#Qué-es`) become the heading's id (`que-es`);
/// anchors already written as ids (lowercase ASCII) stay as they are.
fn normalise_fragment(fragment: &str) -> String {
    let decoded = percent_decode_str(fragment).decode_utf8_lossy();
    let is_id = decoded.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.:".contains(&b));
    let slug = slugify(&decoded);
    if is_id || slug.is_empty() { decoded.into_owned() } else { slug }
}

fn encode(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_hrefs() {
        assert_eq!(relative_href("a/b/", "a/c/index.html"), "../c/index.html");
        assert_eq!(relative_href("a/b/", "a/b/index.html"), "index.html");
        assert_eq!(relative_href("a/b/", "index.html"), "../../index.html");
        assert_eq!(relative_href("", "a/index.html"), "a/index.html");
        assert_eq!(relative_href("a/\u{1}/", "a/x/index.html"), "../x/index.html");
        assert_eq!(relative_href("a/b/", "a/b/c/index.html"), "c/index.html");
    }

    #[test]
    fn external_destinations() {
        for d in ["https://x.org", "mailto:a@b.c", "//cdn.x/y.js", "tel:+34", "data:image/png;base64,x"] {
            assert!(is_external(d), "{d}");
        }
        for d in ["a.md", "../a.md#x", "fig/a:b.png", "/curso/a.md", "#ancla"] {
            assert!(!is_external(d), "{d}");
        }
    }

    #[test]
    fn fragments() {
        assert_eq!(normalise_fragment("que-es"), "que-es");
        assert_eq!(normalise_fragment("Qu%C3%A9-es"), "que-es");
        assert_eq!(normalise_fragment("¿Qué es?"), "que-es");
        assert_eq!(normalise_fragment("fn-1"), "fn-1");
        assert_eq!(normalise_fragment("mi_id"), "mi_id");
        assert_eq!(normalise_fragment("Ejemplo"), "ejemplo");
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix(""), "");
        assert_eq!(root_prefix("curso/"), "../");
        assert_eq!(root_prefix("curso/modulo/leccion/"), "../../../");
    }
}
