//! What each page is made of, as fingerprints. Watch mode keeps the fingerprint each page was
//! rendered from and, after an edit, renders again only the pages whose fingerprint changed or
//! whose Markdown links now resolve differently.
//!
//! A fingerprint covers everything a page's templates see: the page's own source (by the number
//! of its reading, see [`crate::content::Lesson::version`]), the values the renderer puts in its
//! context, its sidebar, the site-wide variables, and every template it may use. The digest
//! functions here follow `render_lesson`, `render_section`, `site_page_context` and the course
//! pages (`course`, `print`) input by input: a new input there belongs here too (the incremental
//! tests compare a site rebuilt piece by piece with a clean build after every edit, and catch
//! one that is missing). A course's own pages show its lessons, so their fingerprint takes in
//! every lesson's; the Markdown of their bodies is rendered again with the course's pages
//! whenever one of them is (the session sees to that, see `Session::render_dirty`).

use rayon::prelude::*;
use std::cell::RefCell;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::OnceLock;

use super::context::{
    breadcrumbs, courses, lesson_ctx, lesson_entry, lesson_link, nav, section_ctx_with, section_entry, section_link,
};
use super::links::{BodyPage, PageKey, PageLinks, root_prefix};
use super::{Renderer, SitePage};
use crate::content::{Child, Listing, PAGE_SIZE, SITEMAP_URLS, Site, Target};
use crate::markdown::{LinkResolver, Resolution};

/// The template of every sidebar.
const NAV_TEMPLATE: &str = "partials/nav.html";

/// A 64-bit fingerprint of a value.
pub fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = fingerprinter();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The hasher of fingerprints: foldhash, several times faster than SipHash on the long texts
/// fingerprints take in (page bytes, search excerpts), with a fixed seed so that fingerprints
/// are the same from one run to the next.
pub fn fingerprinter() -> impl Hasher {
    foldhash::quality::FixedState::with_seed(0x61_75_6c_61).build_hasher()
}

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

/// Fingerprints of what many pages show of one lesson or section, each made once per render
/// when first asked for.
pub(super) struct Memo {
    /// Each page (lessons, then sections): course pages take in their lessons'.
    pages: Vec<OnceLock<u64>>,
    /// The sidebar of each section's pages.
    navs: Vec<OnceLock<u64>>,
    /// Links to each page (lessons, then sections), as prev, next, course and breadcrumbs show them.
    links: Vec<OnceLock<u64>>,
    /// The breadcrumbs down to each section.
    crumbs: Vec<OnceLock<u64>>,
    /// Each lesson as listings (tag pages) show it.
    entries: Vec<OnceLock<u64>>,
}

impl Memo {
    pub fn new(site: &Site) -> Memo {
        let table = |n: usize| (0..n).map(|_| OnceLock::new()).collect();
        let (lessons, sections) = (site.lessons.len(), site.sections.len());
        Memo {
            pages: table(lessons + sections),
            navs: table(sections),
            links: table(lessons + sections),
            crumbs: table(sections),
            entries: table(lessons),
        }
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
        *self.memo.pages[key.index()].get_or_init(|| match key.of(self.site) {
            BodyPage::Lesson(lesson) => self.lesson_digest(lesson),
            BodyPage::Section(section) => self.section_digest(section),
        })
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

    fn template_fingerprint(&self, name: &str) -> Option<u64> {
        self.theme.fingerprints.get(name).copied()
    }

    fn lesson_digest(&self, i: usize) -> u64 {
        let site = self.site;
        let lesson = &site.lessons[i];
        let (_, template) = site.body_page_file(PageKey::lesson(i));
        let mut h = fingerprinter();
        (self.theme.global, "lesson", template, self.template_fingerprint(template)).hash(&mut h);
        (&lesson.source, &lesson.body).hash(&mut h);
        site.includes_above(&lesson.dir).for_each(|include| include.hash(&mut h));
        lesson_ctx(site, self.strings, i, &[]).hash(&mut h);
        self.crumbs_digest(lesson.section).hash(&mut h);
        (self.template_fingerprint(NAV_TEMPLATE), self.nav_digest(lesson.section)).hash(&mut h);
        lesson.course.map(|c| self.link_digest(PageKey::section(site, c))).hash(&mut h);
        lesson.prev.map(|p| self.link_digest(PageKey::lesson(p))).hash(&mut h);
        lesson.next.map(|n| self.link_digest(PageKey::lesson(n))).hash(&mut h);
        h.finish()
    }

    fn section_digest(&self, i: usize) -> u64 {
        let site = self.site;
        let section = &site.sections[i];
        let (_, template) = site.body_page_file(PageKey::section(site, i));
        let mut h = fingerprinter();
        (self.theme.global, "section", template, self.template_fingerprint(template)).hash(&mut h);
        (&section.dir, &section.source, &section.body).hash(&mut h);
        site.includes_above(&section.dir).for_each(|include| include.hash(&mut h));
        self.listing_digest(i).hash(&mut h);
        section.parent.map(|p| self.crumbs_digest(p)).hash(&mut h);
        if i != 0 {
            (self.template_fingerprint(NAV_TEMPLATE), self.nav_digest(i)).hash(&mut h);
            section.course.map(|c| self.link_digest(PageKey::section(site, c))).hash(&mut h);
        }
        h.finish()
    }

    /// Section `i` as its `section` variable shows it: with the listing of its children, each as
    /// listings show it (made once per lesson).
    fn listing_digest(&self, i: usize) -> u64 {
        let site = self.site;
        let mut h = fingerprinter();
        section_ctx_with(site, i, Vec::new()).hash(&mut h);
        for child in &site.sections[i].children {
            match *child {
                Child::Lesson(l) => self.entry_digest(l).hash(&mut h),
                Child::Section(s) => fingerprint(&section_entry(&site.sections[s])).hash(&mut h),
            }
        }
        h.finish()
    }

    /// What every page of course `course` (key points, schedule, printable page) is made of: the
    /// course as its `section`, breadcrumbs, link and sidebar show it, and each of its lessons
    /// (whose fingerprints cover their bodies, titles, times and the modules they are in).
    fn course_digest(&self, course: usize) -> u64 {
        let site = self.site;
        let mut h = fingerprinter();
        self.listing_digest(course).hash(&mut h);
        self.crumbs_digest(course).hash(&mut h);
        self.link_digest(PageKey::section(site, course)).hash(&mut h);
        (self.template_fingerprint(NAV_TEMPLATE), self.nav_digest(course)).hash(&mut h);
        for lesson in self.course_lessons[course].clone() {
            self.page_digest(PageKey::lesson(lesson)).hash(&mut h);
        }
        h.finish()
    }

    /// The sidebar of the pages in `section`, as its template sees it.
    fn nav_digest(&self, section: usize) -> u64 {
        *self.memo.navs[section].get_or_init(|| fingerprint(&nav(self.site, section)))
    }

    /// A link to page `key` (prev, next, course).
    fn link_digest(&self, key: PageKey) -> u64 {
        let site = self.site;
        *self.memo.links[key.index()].get_or_init(|| match key.of(site) {
            BodyPage::Lesson(l) => fingerprint(&lesson_link(site, l)),
            BodyPage::Section(s) => fingerprint(&section_link(site, s)),
        })
    }

    /// The breadcrumbs of the pages in `section`: links from the home page down to it.
    fn crumbs_digest(&self, section: usize) -> u64 {
        *self.memo.crumbs[section].get_or_init(|| fingerprint(&breadcrumbs(self.site, &self.site.ancestry(section))))
    }

    /// Lesson `i` as listings show it.
    fn entry_digest(&self, i: usize) -> u64 {
        *self.memo.entries[i].get_or_init(|| fingerprint(&lesson_entry(&self.site.lessons[i])))
    }

    /// Page `n` of a listing that is a site page (the tag list, a tag, a section's later pages):
    /// the entries on it, the number of pages, and for a section what its page shows besides.
    fn listing_page_digest(&self, listing: Listing, n: usize) -> u64 {
        let site = self.site;
        let range = site.listing_range(listing, n);
        let mut h = fingerprinter();
        (n, site.listing_page_count(listing)).hash(&mut h);
        match listing {
            Listing::Tags => site.tags[range].iter().for_each(|t| (&t.name, &t.url, t.lessons.len()).hash(&mut h)),
            Listing::Tag(i) => {
                let tag = &site.tags[i];
                (&tag.name, &tag.url, tag.lessons.len()).hash(&mut h);
                tag.lessons[range].iter().for_each(|&l| self.entry_digest(l).hash(&mut h));
            }
            Listing::Section(i) => {
                let section = &site.sections[i];
                section_ctx_with(site, i, Vec::new()).hash(&mut h);
                for child in &section.children[range] {
                    match *child {
                        Child::Lesson(l) => self.entry_digest(l).hash(&mut h),
                        Child::Section(s) => fingerprint(&section_entry(&site.sections[s])).hash(&mut h),
                    }
                }
                section.parent.map(|p| self.crumbs_digest(p)).hash(&mut h);
                if i != 0 {
                    (self.template_fingerprint(NAV_TEMPLATE), self.nav_digest(i)).hash(&mut h);
                    section.course.map(|c| self.link_digest(PageKey::section(site, c))).hash(&mut h);
                }
            }
        }
        h.finish()
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
        let site = self.site;
        let own = match *page {
            SitePage::Tags => self.listing_page_digest(Listing::Tags, 1),
            SitePage::Tag(i) => self.listing_page_digest(Listing::Tag(i), 1),
            SitePage::ListingPage(listing, n) => self.listing_page_digest(listing, n),
            SitePage::NotFound => fingerprint(&courses(site, PAGE_SIZE)),
            SitePage::Robots | SitePage::Search => 0,
            SitePage::Alias(i) => {
                let alias = &site.aliases[i];
                let lesson = &site.lessons[alias.lesson];
                fingerprint(&(&alias.output, &lesson.title, &lesson.url))
            }
            SitePage::Sitemap if site.sitemap_parts() > 0 => fingerprint(&site.sitemap_parts()),
            SitePage::Sitemap => fingerprint(&self.sitemap_entries()),
            SitePage::SitemapPart(n) => {
                let entries = self.sitemap_entries();
                let start = ((n - 1) * SITEMAP_URLS).min(entries.len());
                fingerprint(&entries[start..(start + SITEMAP_URLS).min(entries.len())])
            }
            SitePage::Feed => fingerprint(&self.feed_entries()),
            SitePage::Keypoints(c) | SitePage::Schedule(c) | SitePage::Print(c) => self.course_digest(c),
        };
        fingerprint(&(self.theme.global, template, self.template_fingerprint(template), own))
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
