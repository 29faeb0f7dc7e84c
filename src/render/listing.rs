//! The pages of a listing (see [`crate::content::Listing`]) as templates see them: the `paging`
//! variable (this page's number, the links to the others, "página 2 de 5") and the entries of
//! one page. Content decides which entries go on which page and where each page goes; this
//! module only shows it.

use serde::Serialize;

use super::context::page_url;
use super::i18n::Strings;
use crate::content::{Listing, Site};

/// How many numbered links stand on each side of the current page; the first and last page are
/// always linked, and gaps between them are shown as "…".
const NEAR: usize = 2;

/// The `paging` variable of a listing page: `None` for a listing that fits on one page.
#[derive(Serialize, Hash)]
pub struct PagingCtx {
    pub number: usize,
    pub count: usize,
    /// "Página 2 de 5", in the site's language.
    pub label: String,
    /// Site-relative output paths of the previous and next pages.
    pub prev: Option<String>,
    pub next: Option<String>,
    /// Numbered links: the first page, those near this one, the last.
    pub links: Vec<PageLinkCtx>,
}

/// A numbered link of a page navigation.
#[derive(Serialize, Hash)]
pub struct PageLinkCtx {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages are left out between the one before and this one.
    pub gap: bool,
}

/// The paging of page `n` of `listing`, or `None` when the listing has one page.
pub fn paging(site: &Site, strings: &Strings, listing: Listing, n: usize) -> Option<PagingCtx> {
    let count = site.listing_page_count(listing);
    if count <= 1 {
        return None;
    }
    let url = |k: usize| page_url(&site.listing_page_url(listing, k));
    let near = n.saturating_sub(NEAR).max(1)..=(n + NEAR).min(count);
    let mut shown: Vec<usize> = std::iter::once(1).chain(near).chain(std::iter::once(count)).collect();
    shown.dedup();
    let mut links = Vec::new();
    let mut last = 0;
    for k in shown {
        links.push(PageLinkCtx { number: k, url: url(k), current: k == n, gap: k > last + 1 });
        last = k;
    }
    let label = strings.get("page_of").replace("{n}", &n.to_string()).replace("{total}", &count.to_string());
    Some(PagingCtx {
        number: n,
        count,
        label,
        prev: (n > 1).then(|| url(n - 1)),
        next: (n < count).then(|| url(n + 1)),
        links,
    })
}
