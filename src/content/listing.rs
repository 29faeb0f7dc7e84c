//! Listings that grow with the site, and their paging: which entries each page of a listing
//! shows and where each page goes. A listing's first page stays at the listing's own URL; page
//! `n` of `m` (`n > 1`) goes to `<listing>/pagina/n/` (`page/n/` on English sites, see
//! [`crate::config::Language::page_segment`]).

use std::ops::Range;

use crate::content::Site;

/// The entries a page of a listing shows, at most.
pub const PAGE_SIZE: usize = 50;

/// The URLs a sitemap file may list, as the sitemaps protocol says; past them, `sitemap.xml` is
/// an index of parts `sitemap-1.xml`, `sitemap-2.xml`…
pub const SITEMAP_URLS: usize = 50_000;

/// A list of entries that grows with the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Listing {
    /// The list of every tag.
    Tags,
    /// The lessons of tag `i`.
    Tag(usize),
    /// The children of section `i`: the home page's courses (and lessons outside them) for the
    /// root, a course's or module's lessons and modules.
    Section(usize),
}

impl Site {
    /// Every listing of the site: the tag list, the tags, the sections.
    pub fn listings(&self) -> impl Iterator<Item = Listing> + '_ {
        let tags = (0..self.tags.len()).map(Listing::Tag);
        let sections = (0..self.sections.len()).map(Listing::Section);
        std::iter::once(Listing::Tags).chain(tags).chain(sections)
    }

    /// The pages after the first of every listing, as `(listing, number)`.
    pub fn later_listing_pages(&self) -> impl Iterator<Item = (Listing, usize)> + '_ {
        self.listings().flat_map(move |l| (2..=self.listing_page_count(l)).map(move |n| (l, n)))
    }

    /// The URLs the sitemap lists: every section, lesson and tag page.
    pub fn sitemap_len(&self) -> usize {
        self.sections.len() + self.lessons.len() + self.tags.len()
    }

    /// How many parts the sitemap is split into: none while `sitemap.xml` holds every URL, and
    /// without a `base_url` (no sitemap).
    pub fn sitemap_parts(&self) -> usize {
        let len = self.sitemap_len();
        if self.config.base_url.is_none() || len <= SITEMAP_URLS { 0 } else { len.div_ceil(SITEMAP_URLS) }
    }

    /// How many entries `listing` has.
    pub fn listing_len(&self, listing: Listing) -> usize {
        match listing {
            Listing::Tags => self.tags.len(),
            Listing::Tag(i) => self.tags[i].lessons.len(),
            Listing::Section(i) => self.sections[i].children.len(),
        }
    }

    /// How many pages `listing` takes: at least one, even when empty.
    pub fn listing_page_count(&self, listing: Listing) -> usize {
        page_count(self.listing_len(listing))
    }

    /// The entries (indexes into the listing) page `n` shows, counting from 1.
    pub fn listing_range(&self, listing: Listing, n: usize) -> Range<usize> {
        page_range(self.listing_len(listing), n)
    }

    /// The site-relative folder URL of page `n` of `listing` (its own URL for page 1).
    pub fn listing_page_url(&self, listing: Listing, n: usize) -> String {
        let base = match listing {
            Listing::Tags => format!("{}/", self.config.language.tags_segment()),
            Listing::Tag(i) => self.tags[i].url.clone(),
            Listing::Section(i) => self.sections[i].url.clone(),
        };
        if n <= 1 { base } else { format!("{base}{}/{n}/", self.config.language.page_segment()) }
    }
}

/// The pages a listing of `len` entries takes.
fn page_count(len: usize) -> usize {
    len.div_ceil(PAGE_SIZE).max(1)
}

/// The entries page `n` (from 1) of a listing of `len` entries shows.
fn page_range(len: usize, n: usize) -> Range<usize> {
    let start = ((n.max(1) - 1) * PAGE_SIZE).min(len);
    start..(start + PAGE_SIZE).min(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(len: usize) -> Vec<Range<usize>> {
        (1..=page_count(len)).map(|n| page_range(len, n)).collect()
    }

    #[test]
    fn pages_cut_every_fifty() {
        assert_eq!(pages(0), vec![0..0]);
        assert_eq!(pages(50), vec![0..50]);
        assert_eq!(pages(51), vec![0..50, 50..51]);
        assert_eq!(pages(120), vec![0..50, 50..100, 100..120]);
    }
}
