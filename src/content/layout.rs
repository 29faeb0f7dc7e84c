//! Where every page goes: the one owner of the output layout. A page is named by a
//! [`PageKey`] (a lesson or a section, the pages with Markdown bodies) or a [`SitePage`] (one
//! made from the whole site); the functions here give its output path and template, for
//! rendering it, for its fingerprint in watch mode and for the check that no two outputs clash.

use super::{CoursePage, Listing, Site};

/// A page with a Markdown body: a lesson's or a section's. Keys number lessons first, then
/// sections, so that they index tables of every such page ([`PageKey::index`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageKey(usize);

/// What a [`PageKey`] names: lesson or section `i` of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyPage {
    Lesson(usize),
    Section(usize),
}

impl PageKey {
    pub fn lesson(lesson: usize) -> PageKey {
        PageKey(lesson)
    }

    pub fn section(site: &Site, section: usize) -> PageKey {
        PageKey(site.lessons.len() + section)
    }

    /// Every page with a body of `site`, lessons first.
    pub fn all(site: &Site) -> impl Iterator<Item = PageKey> + use<> {
        (0..site.lessons.len() + site.sections.len()).map(PageKey)
    }

    /// The lesson or section the key names in `site`.
    pub fn of(self, site: &Site) -> BodyPage {
        match self.0.checked_sub(site.lessons.len()) {
            None => BodyPage::Lesson(self.0),
            Some(section) => BodyPage::Section(section),
        }
    }

    /// The lesson the key names, if it names one.
    pub fn as_lesson(self, site: &Site) -> Option<usize> {
        (self.0 < site.lessons.len()).then_some(self.0)
    }

    /// Where the page is in tables of every page with a body.
    pub fn index(self) -> usize {
        self.0
    }

    /// The page at `index` of such a table, as [`PageKey::index`] gives it (the page of an
    /// [`crate::markdown::AnchorCheck`]).
    pub fn from_index(index: usize) -> PageKey {
        PageKey(index)
    }
}

/// A page made from the whole site rather than one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SitePage {
    Tags,
    Tag(usize),
    NotFound,
    Alias(usize),
    Robots,
    Search,
    Sitemap,
    Feed,
    /// A course's key points summary.
    Keypoints(usize),
    /// A course's schedule.
    Schedule(usize),
    /// A course's printable page. Rendering makes it a site page of its own only when not all
    /// its lessons render (see `Renderer::print_apart`); else it is made with its lessons.
    Print(usize),
    /// Page `n` (after the first, which is the listing's own page) of a listing.
    ListingPage(Listing, usize),
    /// Part `n` (from 1) of a sitemap too long for one file; `sitemap.xml` is then their index.
    SitemapPart(usize),
}

/// The file of the page at site-relative folder URL `url` (`curso/leccion/` →
/// `curso/leccion/index.html`).
pub fn page_url(url: &str) -> String {
    format!("{url}index.html")
}

impl Site {
    /// The output path and template of page `key`.
    pub fn body_page_file(&self, key: PageKey) -> (String, &str) {
        match key.of(self) {
            BodyPage::Lesson(i) => {
                let lesson = &self.lessons[i];
                (page_url(&lesson.url), lesson.meta.template.as_deref().unwrap_or("lesson.html"))
            }
            BodyPage::Section(i) => {
                (page_url(&self.sections[i].url), if i == 0 { "home.html" } else { "section.html" })
            }
        }
    }

    /// The output path and template of a site page: where it goes and what makes it.
    pub fn site_page_file(&self, page: &SitePage) -> (String, &'static str) {
        match *page {
            SitePage::Tags => (page_url(&self.listing_page_url(Listing::Tags, 1)), "tags.html"),
            SitePage::Tag(i) => (page_url(&self.tags[i].url), "tag.html"),
            SitePage::ListingPage(listing, n) => {
                let template = match listing {
                    Listing::Tags => "tags.html",
                    Listing::Tag(_) => "tag.html",
                    Listing::Section(0) => "home.html",
                    Listing::Section(_) => "section.html",
                };
                (page_url(&self.listing_page_url(listing, n)), template)
            }
            SitePage::NotFound => ("404.html".into(), "404.html"),
            SitePage::Alias(i) => (self.aliases[i].output.clone(), "redirect.html"),
            SitePage::Robots => ("robots.txt".into(), "robots.txt"),
            SitePage::Search => (page_url(&format!("{}/", self.config.language.search_segment())), "search.html"),
            SitePage::Sitemap if self.sitemap_parts() > 0 => ("sitemap.xml".into(), "sitemap-index.xml"),
            SitePage::Sitemap => ("sitemap.xml".into(), "sitemap.xml"),
            SitePage::SitemapPart(n) => (format!("sitemap-{n}.xml"), "sitemap.xml"),
            SitePage::Feed => ("atom.xml".into(), "atom.xml"),
            SitePage::Keypoints(c) => {
                (page_url(&self.course_page_url(c, CoursePage::Keypoints)), "course-keypoints.html")
            }
            SitePage::Schedule(c) => (page_url(&self.course_page_url(c, CoursePage::Schedule)), "course-schedule.html"),
            SitePage::Print(c) => (page_url(&self.course_page_url(c, CoursePage::Print)), "course-print.html"),
        }
    }

    /// The site pages this site makes. With `print_apart`, courses' printable pages are among
    /// them (see [`SitePage::Print`]).
    pub fn site_pages(&self, print_apart: bool) -> Vec<SitePage> {
        let mut pages = self.site_pages_before_courses();
        let with_lessons = self.courses().filter(|&c| self.sections[c].lesson_count > 0);
        for course in with_lessons {
            pages.extend([SitePage::Keypoints(course), SitePage::Schedule(course)]);
            if print_apart {
                pages.push(SitePage::Print(course));
            }
        }
        if self.config.base_url.is_some() {
            pages.extend(self.sitemap_and_feed());
        }
        pages
    }

    /// Every site page this site may make, whatever its configuration: the paths no other output
    /// may take, so that setting a `base_url` or adding a course's first lesson cannot make two
    /// outputs clash.
    pub fn site_pages_claimed(&self) -> Vec<SitePage> {
        let mut pages = self.site_pages_before_courses();
        for course in self.courses() {
            pages.extend([SitePage::Keypoints(course), SitePage::Schedule(course), SitePage::Print(course)]);
        }
        pages.extend(self.sitemap_and_feed());
        pages
    }

    fn site_pages_before_courses(&self) -> Vec<SitePage> {
        let mut pages = vec![SitePage::Tags, SitePage::NotFound, SitePage::Robots, SitePage::Search];
        pages.extend((0..self.tags.len()).map(SitePage::Tag));
        pages.extend(self.later_listing_pages().map(|(listing, n)| SitePage::ListingPage(listing, n)));
        pages.extend((0..self.aliases.len()).map(SitePage::Alias));
        pages
    }

    fn sitemap_and_feed(&self) -> impl Iterator<Item = SitePage> {
        [SitePage::Sitemap, SitePage::Feed].into_iter().chain((1..=self.sitemap_parts()).map(SitePage::SitemapPart))
    }
}
