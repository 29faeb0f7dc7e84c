//! What each page is made of, as fingerprints. Watch mode keeps the fingerprint each page was
//! rendered from and, after an edit, renders again only the pages whose fingerprint changed or
//! whose Markdown links now resolve differently.
//!
//! A fingerprint covers everything a page's templates see: the page's own source (by the number
//! of its reading, see [`crate::content::Lesson::version`]), the values the renderer puts in its
//! context, its sidebar, the site-wide variables, and every template it may use. The digest
//! functions here follow `render_lesson`, `render_section` and `site_page_context` input by
//! input: a new input there belongs here too (the serve soak test compares a site rebuilt
//! piece by piece with a clean build, and catches one that is missing).

use rayon::prelude::*;
use std::cell::RefCell;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::context::{breadcrumbs, lesson_ctx, lesson_entry, lesson_link, nav, page_url, section_ctx, section_link};
use super::links::{PageLinks, root_prefix};
use super::{Renderer, SitePage};
use crate::markdown::{LinkResolver, Resolution};

/// The template of every sidebar.
const NAV_TEMPLATE: &str = "partials/nav.html";

/// A 64-bit fingerprint of a value.
pub fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
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
        let pages = (0..self.page_count()).into_par_iter().map(|key| self.page_digest(key)).collect();
        let entries: Vec<u64> = self.site.lessons.par_iter().map(|l| fingerprint(&lesson_entry(l))).collect();
        let site_pages = self
            .site_pages()
            .into_par_iter()
            .map(|page| {
                let (path, template) = self.site_page_file(&page);
                let digest = self.site_page_digest(&page, template, &entries);
                (page, path, digest)
            })
            .collect();
        PageDigests { pages, site_pages }
    }

    /// The fingerprint of page `key` (a lesson or a section page).
    pub fn page_digest(&self, key: usize) -> u64 {
        match key.checked_sub(self.site.lessons.len()) {
            None => self.lesson_digest(key),
            Some(section) => self.section_digest(section),
        }
    }

    /// The output path of page `key`.
    pub fn page_output(&self, key: usize) -> String {
        match key.checked_sub(self.site.lessons.len()) {
            None => page_url(&self.site.lessons[key].url),
            Some(section) => page_url(&self.site.sections[section].url),
        }
    }

    /// Whether every link recorded when page `key` was rendered still resolves the same way.
    pub fn links_hold(&self, key: usize, uses: &[LinkUse]) -> bool {
        if uses.is_empty() {
            return true;
        }
        let site = self.site;
        let (dir, url) = match key.checked_sub(site.lessons.len()) {
            None => (&site.lessons[key].dir, &site.lessons[key].url),
            Some(s) => (&site.sections[s].dir, &site.sections[s].url),
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
        let template = lesson.meta.template.as_deref().unwrap_or("lesson.html");
        let mut h = DefaultHasher::new();
        (self.theme.global, "lesson", template, self.template_fingerprint(template)).hash(&mut h);
        (&lesson.source, lesson.version, lesson.body_start, lesson.body_line).hash(&mut h);
        lesson_ctx(site, self.strings, i, &[]).hash(&mut h);
        breadcrumbs(site, &site.ancestry(lesson.section)).hash(&mut h);
        (self.template_fingerprint(NAV_TEMPLATE), self.nav_digest(lesson.section)).hash(&mut h);
        lesson.course.map(|c| section_link(site, c)).hash(&mut h);
        lesson.prev.map(|p| lesson_link(site, p)).hash(&mut h);
        lesson.next.map(|n| lesson_link(site, n)).hash(&mut h);
        h.finish()
    }

    fn section_digest(&self, i: usize) -> u64 {
        let site = self.site;
        let section = &site.sections[i];
        let template = if i == 0 { "home.html" } else { "section.html" };
        let mut h = DefaultHasher::new();
        (self.theme.global, "section", template, self.template_fingerprint(template)).hash(&mut h);
        (&section.dir, &section.source, section.version, section.body_start, section.body_line).hash(&mut h);
        section_ctx(site, i).hash(&mut h);
        let mut chain = site.ancestry(i);
        chain.pop();
        breadcrumbs(site, &chain).hash(&mut h);
        if i != 0 {
            (self.template_fingerprint(NAV_TEMPLATE), self.nav_digest(i)).hash(&mut h);
            section.course.map(|c| section_link(site, c)).hash(&mut h);
        }
        h.finish()
    }

    /// The sidebar of the pages in `section`, as its template sees it.
    fn nav_digest(&self, section: usize) -> u64 {
        *self.nav_digests[section].get_or_init(|| fingerprint(&nav(self.site, section)))
    }

    /// The output path of a site page.
    pub fn site_page_output(&self, page: &SitePage) -> String {
        self.site_page_file(page).0
    }

    /// The output path and template of a site page, as `site_page_context` chooses them.
    fn site_page_file(&self, page: &SitePage) -> (String, &'static str) {
        let site = self.site;
        match *page {
            SitePage::Tags => (page_url(&format!("{}/", site.config.language.tags_segment())), "tags.html"),
            SitePage::Tag(i) => (page_url(&site.tags[i].url), "tag.html"),
            SitePage::NotFound => ("404.html".into(), "404.html"),
            SitePage::Alias(i) => (site.aliases[i].output.clone(), "redirect.html"),
            SitePage::Robots => ("robots.txt".into(), "robots.txt"),
            SitePage::Sitemap => ("sitemap.xml".into(), "sitemap.xml"),
            SitePage::Feed => ("atom.xml".into(), "atom.xml"),
        }
    }

    /// `lesson_entries` holds the fingerprint of each lesson as listings show it.
    fn site_page_digest(&self, page: &SitePage, template: &str, lesson_entries: &[u64]) -> u64 {
        let site = self.site;
        let own = match *page {
            SitePage::Tags => {
                fingerprint(&site.tags.iter().map(|t| (&t.name, &t.url, t.lessons.len())).collect::<Vec<_>>())
            }
            SitePage::Tag(i) => {
                let tag = &site.tags[i];
                fingerprint(&(&tag.name, &tag.url, tag.lessons.iter().map(|&l| lesson_entries[l]).collect::<Vec<_>>()))
            }
            SitePage::NotFound | SitePage::Robots => 0,
            SitePage::Alias(i) => {
                let alias = &site.aliases[i];
                let lesson = &site.lessons[alias.lesson];
                fingerprint(&(&alias.output, &lesson.title, &lesson.url))
            }
            SitePage::Sitemap => fingerprint(&self.sitemap_entries()),
            SitePage::Feed => fingerprint(&self.feed_entries()),
        };
        fingerprint(&(self.theme.global, template, self.template_fingerprint(template), own))
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
