//! What each page is made of, as fingerprints. Watch mode keeps the fingerprint each page was
//! rendered from and, after an edit, renders again only the pages whose fingerprint changed or
//! whose Markdown links now resolve differently.
//!
//! A fingerprint is made by the very function that gives a page's template its values (see
//! [`super::values`]): the values themselves, the template they go to (and every template it
//! uses), and the site-wide variables. Values made from Markdown bodies are taken in as the
//! bodies' sources instead (the page's own file by the number of its reading, see
//! [`crate::content::Lesson::version`], and the files it includes); how their links resolved is
//! kept apart ([`LinkUse`]) and checked again when what links lead to moves. The sidebar is
//! taken in as what its template is given. The incremental tests compare a site rebuilt piece
//! by piece with a clean build after every edit.

use rayon::prelude::*;
use std::cell::RefCell;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::OnceLock;

use super::context::nav;
use super::links::{BodyPage, PageKey, PageLinks, root_prefix};
use super::values::Values;
use super::{MarkdownBody, Renderer, SitePage};
use crate::content::{Site, Target};
use crate::diagnostics::Diagnostics;
use crate::markdown::{LinkResolver, Resolution};

/// The template of every sidebar.
pub(super) const NAV_TEMPLATE: &str = "partials/nav.html";

/// A 64-bit fingerprint of a value.
pub fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = fingerprinter();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The hasher of fingerprints: foldhash, several times faster than SipHash on the long texts
/// fingerprints take in (page bytes, search excerpts), with a fixed seed so that fingerprints
/// are the same from one run to the next.
pub fn fingerprinter() -> Fingerprinter {
    foldhash::quality::FixedState::with_seed(0x61_75_6c_61).build_hasher()
}

/// The hasher [`fingerprinter`] gives.
pub type Fingerprinter = foldhash::quality::FoldHasher<'static>;

/// How one link or image of a page's Markdown resolved when the page was rendered.
#[derive(Clone, Debug)]
pub struct LinkUse {
    destination: String,
    image: bool,
    resolution: Resolution,
}

/// The fingerprints of every page of a site.
pub struct PageDigests {
    /// By page key: lessons, then sections.
    pub pages: Vec<u64>,
    /// Every site page with its output path and fingerprint.
    pub site_pages: Vec<(SitePage, String, u64)>,
}

/// Fingerprints made once per render when first asked for.
pub(super) struct Memo {
    /// Each page with a body (lessons, then sections).
    pages: Vec<OnceLock<u64>>,
    /// The sidebar of each section's pages, as its template is given it.
    navs: Vec<OnceLock<u64>>,
}

impl Memo {
    pub fn new(site: &Site) -> Memo {
        let table = |n: usize| (0..n).map(|_| OnceLock::new()).collect();
        Memo { pages: table(site.lessons.len() + site.sections.len()), navs: table(site.sections.len()) }
    }
}

/// A link resolver that remembers what it answered.
pub(super) struct Recorder<'a> {
    links: &'a dyn LinkResolver,
    uses: RefCell<Vec<LinkUse>>,
}

impl<'a> Recorder<'a> {
    pub fn new(links: &'a dyn LinkResolver) -> Self {
        Recorder { links, uses: RefCell::new(Vec::new()) }
    }

    pub fn into_uses(self) -> Vec<LinkUse> {
        self.uses.into_inner()
    }

    fn record(&self, destination: &str, image: bool, resolution: Resolution) -> Resolution {
        let kept = LinkUse { destination: destination.to_string(), image, resolution: resolution.clone() };
        self.uses.borrow_mut().push(kept);
        resolution
    }
}

impl LinkResolver for Recorder<'_> {
    fn resolve_link(&self, destination: &str) -> Resolution {
        self.record(destination, false, self.links.resolve_link(destination))
    }

    fn resolve_image(&self, destination: &str) -> Resolution {
        self.record(destination, true, self.links.resolve_image(destination))
    }
}

impl Renderer<'_> {
    /// The fingerprint of every page, computed in parallel.
    pub fn digests(&self) -> PageDigests {
        let pages = (0..self.page_count()).into_par_iter().map(|i| self.page_digest(PageKey::from_index(i))).collect();
        let site_pages = self
            .site_pages()
            .into_par_iter()
            .map(|page| {
                let (path, template) = self.site.site_page_file(&page);
                let digest = self.site_page_digest(&page, template);
                (page, path, digest)
            })
            .collect();
        PageDigests { pages, site_pages }
    }

    /// A fingerprint of what links can lead to: every content path with the URL it resolves
    /// to, and the static files. While it stays the same, every link resolves as it did.
    pub fn link_fingerprint(&self) -> u64 {
        let site = self.site;
        let url = |target: Target| match target {
            Target::Lesson(i) => site.lessons[i].url.as_str(),
            Target::Section(i) => site.sections[i].url.as_str(),
            Target::Asset(i) => site.assets[i].output.as_str(),
            Target::Excluded(_) => "",
        };
        // Sums, not a hash of a sequence: both sets are unordered.
        let sources = site
            .source_targets()
            .map(|(path, target)| fingerprint(&(path, url(target), target_kind(target))))
            .fold(0u64, u64::wrapping_add);
        let statics = self.static_files.iter().map(fingerprint).fold(0u64, u64::wrapping_add);
        fingerprint(&(sources, statics))
    }

    /// The fingerprint of page `key` (a lesson or a section page).
    pub fn page_digest(&self, key: PageKey) -> u64 {
        *self.memo.pages[key.index()].get_or_init(|| {
            let mut values = Values::fingerprint();
            let (unrendered, unreported) = (MarkdownBody::default(), Diagnostics::new());
            match key.of(self.site) {
                BodyPage::Lesson(i) => self.lesson_values(i, &unrendered, &mut values, &unreported),
                BodyPage::Section(i) => self.section_values(i, &unrendered, &mut values, &unreported),
            }
            self.finish(values, self.site.body_page_file(key).1)
        })
    }

    /// The fingerprint of values given to `template`.
    fn finish(&self, values: Values, template: &str) -> u64 {
        values.finish((template, self.template_fingerprint(template)), self.theme.global)
    }

    /// The output path of page `key`.
    pub fn page_output(&self, key: PageKey) -> String {
        self.site.body_page_file(key).0
    }

    /// Whether every link recorded when page `key` was rendered still resolves the same way.
    pub fn links_hold(&self, key: PageKey, uses: &[LinkUse]) -> bool {
        if uses.is_empty() {
            return true;
        }
        let site = self.site;
        let (dir, url) = match key.of(site) {
            BodyPage::Lesson(l) => (&site.lessons[l].dir, &site.lessons[l].url),
            BodyPage::Section(s) => (&site.sections[s].dir, &site.sections[s].url),
        };
        let root = root_prefix(url);
        let links = PageLinks { site, static_files: self.static_files, dir, root: &root, page: key };
        uses.iter().all(|u| {
            let now = if u.image { links.resolve_image(&u.destination) } else { links.resolve_link(&u.destination) };
            same_outcome(&now, &u.resolution)
        })
    }

    pub(super) fn template_fingerprint(&self, name: &str) -> Option<u64> {
        self.theme.fingerprints.get(name).copied()
    }

    /// The sidebar of the pages in `section`, as its template is given it.
    pub(super) fn nav_digest(&self, section: usize) -> u64 {
        *self.memo.navs[section].get_or_init(|| fingerprint(&nav(self.site, section)))
    }

    /// The output path of a site page.
    pub fn site_page_output(&self, page: &SitePage) -> String {
        self.site.site_page_file(page).0
    }

    /// The fingerprint of a site page.
    pub fn site_page_fingerprint(&self, page: &SitePage) -> u64 {
        self.site_page_digest(page, self.site.site_page_file(page).1)
    }

    fn site_page_digest(&self, page: &SitePage, template: &str) -> u64 {
        let mut values = Values::fingerprint();
        self.site_page_values(page, &mut values, &Diagnostics::new());
        self.finish(values, template)
    }
}

/// What kind of page or file a content path is, for [`Renderer::link_fingerprint`].
fn target_kind(target: Target) -> u8 {
    match target {
        Target::Lesson(_) => 0,
        Target::Section(_) => 1,
        Target::Asset(_) => 2,
        Target::Excluded(crate::content::Excluded::Draft) => 3,
        Target::Excluded(crate::content::Excluded::Broken) => 4,
    }
}

/// Two resolutions of one link lead to the same place and say the same. The page number of an
/// anchor check is left out: it changes when pages are added before the target, the target
/// (named by the href) does not.
fn same_outcome(a: &Resolution, b: &Resolution) -> bool {
    match (a, b) {
        (Resolution::Keep, Resolution::Keep) => true,
        (Resolution::Broken(x), Resolution::Broken(y)) => x == y,
        (Resolution::Local { href: h1, anchor: a1 }, Resolution::Local { href: h2, anchor: a2 }) => {
            h1 == h2 && a1.as_ref().map(|a| &a.id) == a2.as_ref().map(|a| &a.id)
        }
        _ => false,
    }
}
