//! Rendering: each page of the site from the model, the theme's templates and the Markdown
//! bodies, as output files in memory. Pure: no file is read or written here; the caller hands
//! each file to [`crate::output`] as soon as it is made, so a large site is never held whole.

mod context;
mod course;
pub mod i18n;
mod inputs;
mod legacy;
pub mod links;
mod listing;
mod navs;
mod print;
mod templates;
mod values;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;
use tera::Context;

use crate::config::Config;
pub use crate::content::SitePage;
use crate::content::theme::Theme;
use crate::content::{Listing, PAGE_SIZE, SITEMAP_URLS, Site, source_path};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, line_cols};
use crate::markdown::{self, AnchorCheck, Labels};
use crate::msg;
pub use crate::output::OutputFile;
use crate::search::{IndexBuilder, LessonText};
use context::{
    breadcrumbs, lesson_ctx, lesson_entry, lesson_link, nav, page_url, permalink, section_ctx_with, section_link,
};
use i18n::Strings;
pub use inputs::{LinkUse, PageDigests, fingerprint, fingerprinter};
pub use links::{BodyPage, PageKey};
use links::{PageLinks, root_prefix};
pub use print::PrintBodies;
use templates::Templates;
use values::Values;

/// A rendered page and what it leaves to check once all pages exist.
pub struct RenderedPage {
    pub file: OutputFile,
    /// The printable page of its course (by section index), when this lesson completed it.
    pub print: Option<(usize, OutputFile)>,
    /// A lesson's text by section, as the search index takes it in (see [`index_lesson`]);
    /// empty for a section page.
    pub text: Vec<markdown::TextSection>,
    pub key: PageKey,
    pub ids: Vec<String>,
    pub anchors: Vec<PendingAnchor>,
    /// How each link of its Markdown resolved, to tell later whether it still does.
    pub links: Vec<LinkUse>,
}

/// A link to `#id` on page `check.page`, written at `path:line:col`.
pub struct PendingAnchor {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub check: AnchorCheck,
}

/// A theme ready to render with: templates compiled with the site-wide context, and the UI
/// strings. Made once per theme and configuration, and kept between builds in watch mode.
pub struct CompiledTheme {
    templates: Templates,
    strings: Strings,
    labels: Labels,
    static_files: HashSet<String>,
    /// Per template, a fingerprint of it and every template it uses.
    fingerprints: HashMap<String, u64>,
    /// A fingerprint of what every page sees: the `site` and `t` variables.
    global: u64,
}

impl CompiledTheme {
    /// Compiles the theme's templates; a syntax error is a diagnostic at its template line.
    pub fn new(config: &Config, theme: &Theme) -> Result<CompiledTheme, Diagnostic> {
        let strings = Strings::new(theme.strings.clone());
        let site = site_ctx(config);
        let mut global = Context::new();
        global.insert("site", &site);
        global.insert("t", strings.map());
        let templates = Templates::compile(&theme.templates, global)?;
        Ok(CompiledTheme {
            labels: strings.labels(),
            global: inputs::fingerprint(&(&site, strings.map())),
            strings,
            templates,
            static_files: theme.static_files.iter().map(|f| f.output.clone()).collect(),
            fingerprints: templates::fingerprints(&theme.templates),
        })
    }
}

/// Renders the pages of one site with one theme.
pub struct Renderer<'a> {
    site: &'a Site,
    templates: &'a Templates,
    strings: &'a Strings,
    labels: &'a Labels,
    static_files: &'a HashSet<String>,
    theme: &'a CompiledTheme,
    /// The sidebar HTML of the pages in each section, by folder depth below it (see
    /// [`Self::insert_nav`]).
    navs: navs::Navs,
    /// Fingerprints shared by many pages, made once when asked for (see [`inputs`]).
    memo: inputs::Memo,
    /// Lesson bodies waiting for the rest of their course, for its printable page (made when
    /// the first one comes: a renderer that makes printable pages apart has none).
    print_queue: std::sync::OnceLock<print::PrintQueue>,
    /// Bodies kept from the printable pages a session made last (see [`Self::keeping`]).
    print_bodies: Option<&'a PrintBodies>,
    /// Printable pages are site pages too (see [`Self::print_apart`]).
    print_apart: bool,
    /// The lessons of each course, by section index (empty for other sections): in reading
    /// order, a course's lessons follow one another.
    course_lessons: Vec<Range<usize>>,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a CompiledTheme) -> Renderer<'a> {
        Renderer {
            site,
            templates: &theme.templates,
            strings: &theme.strings,
            labels: &theme.labels,
            static_files: &theme.static_files,
            theme,
            navs: navs::Navs::new(site),
            memo: inputs::Memo::new(site),
            print_queue: std::sync::OnceLock::new(),
            print_bodies: None,
            print_apart: false,
            course_lessons: course_lessons(site),
        }
    }

    /// Makes each course's printable page a site page of its own too ([`SitePage::Print`]),
    /// with its lessons' Markdown rendered again, for when not all its lessons render: what a
    /// session that renders only some lessons needs. A run that renders them all still makes
    /// it with them, once.
    pub fn print_apart(mut self) -> Self {
        self.print_apart = true;
        self
    }

    /// Printable pages made apart ([`Self::print_apart`]) take the lesson bodies `kept` holds
    /// instead of rendering their Markdown again, and leave theirs there for the next run.
    pub fn keeping(mut self, kept: &'a PrintBodies) -> Self {
        self.print_bodies = Some(kept);
        self
    }

    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// The number of pages with Markdown bodies: lessons, then sections.
    pub fn page_count(&self) -> usize {
        self.site.lessons.len() + self.site.sections.len()
    }

    /// Renders page `key`: a lesson or a section page.
    pub fn render_page(&self, key: PageKey, diagnostics: &Diagnostics) -> Option<RenderedPage> {
        match key.of(self.site) {
            BodyPage::Lesson(lesson) => self.render_lesson(lesson, diagnostics),
            BodyPage::Section(section) => self.render_section(section, diagnostics),
        }
    }

    fn render_lesson(&self, i: usize, diagnostics: &Diagnostics) -> Option<RenderedPage> {
        let site = self.site;
        let lesson = &site.lessons[i];
        let key = PageKey::lesson(i);
        let root = root_prefix(&lesson.url);
        let path = lesson.path();
        let markdown = lesson.body.markdown().map_err(|problem| diagnostics.push(problem)).ok()?;
        let body = self.markdown(&markdown, &lesson.dir, &root, key, &path, lesson.body.line(), diagnostics);
        let print = self.queue_for_print(i, &body.html, body.instructor_notes, diagnostics);

        let (output, template) = site.body_page_file(key);
        if !self.templates.has(template) {
            let (line, col) = lesson.positions.of("template");
            diagnostics.push(Diagnostic::error(&path, line, col, msg!("template-not-found", name = template)));
            return None;
        }
        let mut values = Values::context();
        self.lesson_values(i, &body, &mut values, diagnostics);
        let html = self.render_template(template, &values.into_context(), &path, diagnostics)?;
        Some(RenderedPage {
            file: OutputFile { path: output, bytes: html },
            print: print.zip(lesson.course).map(|(file, course)| (course, file)),
            text: body.sections,
            key,
            ids: body.ids,
            anchors: body.anchors,
            links: body.links,
        })
    }

    /// What lesson `i`'s page shows, its Markdown rendered as `body` (see [`Values`]).
    fn lesson_values(&self, i: usize, body: &MarkdownBody, values: &mut Values, diagnostics: &Diagnostics) {
        let site = self.site;
        let lesson = &site.lessons[i];
        values.bodies(site, [i], &[]);
        self.page_values(values, "lesson", &root_prefix(&lesson.url), &lesson.url);
        values.insert("title", &lesson.title);
        values.insert_from_bodies("description", &describe(lesson.meta.description.as_deref(), &body.summary));
        let mut lesson_view = lesson_ctx(site, self.strings, i, &body.toc);
        (lesson_view.quizzes, lesson_view.instructor_notes) = (body.quizzes, body.instructor_notes);
        values.insert("lesson", &lesson_view);
        values.insert_html_from_bodies("content", &body.html);
        values.insert("breadcrumbs", &breadcrumbs(site, &site.ancestry(lesson.section)));
        self.insert_nav(values, lesson.section, NavDepth::Lesson, &page_url(&lesson.url), diagnostics);
        values.insert("course", &lesson.course.map(|c| section_link(site, c)));
        values.insert("prev", &lesson.prev.map(|p| lesson_link(site, p)));
        values.insert("next", &lesson.next.map(|n| lesson_link(site, n)));
    }

    fn render_section(&self, i: usize, diagnostics: &Diagnostics) -> Option<RenderedPage> {
        let site = self.site;
        let section = &site.sections[i];
        let key = PageKey::section(site, i);
        let root = root_prefix(&section.url);
        let path = section.path().unwrap_or_else(|| source_path(&section.dir));
        let markdown = section.body.markdown().map_err(|problem| diagnostics.push(problem)).ok()?;
        let body = self.markdown(&markdown, &section.dir, &root, key, &path, section.body.line(), diagnostics);

        let mut values = Values::context();
        self.section_values(i, &body, &mut values, diagnostics);
        let (output, template) = site.body_page_file(key);
        let html = self.render_template(template, &values.into_context(), &path, diagnostics)?;
        Some(RenderedPage {
            file: OutputFile { path: output, bytes: html },
            print: None,
            text: Vec::new(),
            key,
            ids: body.ids,
            anchors: body.anchors,
            links: body.links,
        })
    }

    /// What section `i`'s page shows, its Markdown rendered as `body` (see [`Values`]).
    fn section_values(&self, i: usize, body: &MarkdownBody, values: &mut Values, diagnostics: &Diagnostics) {
        let site = self.site;
        let section = &site.sections[i];
        values.bodies(site, [], &[i]);
        self.section_page_values(i, 1, values, diagnostics);
        let fallback = if i == 0 { site.config.description.as_str() } else { "" };
        let summary = if body.summary.is_empty() { fallback } else { body.summary.as_str() };
        values.insert_from_bodies("description", &describe(section.meta.description.as_deref(), summary));
        values.insert_html_from_bodies("content", &body.html);
    }

    /// Page `n` of section `i`'s page: its listing's entries on that page, with everything but
    /// its description and the body of its index file (the caller adds them).
    fn section_page_values(&self, i: usize, n: usize, values: &mut Values, diagnostics: &Diagnostics) {
        let site = self.site;
        let section = &site.sections[i];
        let listing = Listing::Section(i);
        let url = site.listing_page_url(listing, n);
        let root = root_prefix(&url);
        let kind = if i == 0 { "home" } else { "section" };
        self.page_values(values, kind, &root, &url);
        values.insert("title", &section.title);
        values.insert("paging", &listing::paging(site, self.strings, listing, n));
        values.insert("content", "");
        let entries = context::entries(site, &section.children[site.listing_range(listing, n)]);
        let mut chain = site.ancestry(i);
        chain.pop();
        values.insert("breadcrumbs", &breadcrumbs(site, &chain));
        if i == 0 {
            // The home page lists courses as cards and lessons outside courses apart.
            let page = &section.children[site.listing_range(listing, n)];
            values.insert("section", &section_ctx_with(site, i, context::entries(site, page)));
            let (courses, lessons): (Vec<_>, Vec<_>) = entries.into_iter().partition(|e| e.kind == "section");
            values.insert("courses", &courses);
            values.insert("lessons", &lessons);
            values.insert_none("nav_html");
            values.insert("course", &None::<()>);
        } else {
            values.insert("section", &section_ctx_with(site, i, entries));
            let depth = if n == 1 { NavDepth::Section } else { NavDepth::ListingPage };
            self.insert_nav(values, i, depth, &page_url(&url), diagnostics);
            values.insert("course", &section.course.map(|c| section_link(site, c)));
        }
    }

    /// The pages that are not lessons or sections: the tag list, one page per tag, the later
    /// pages of long listings, the 404 page, redirects, robots.txt, and with a `base_url` the
    /// sitemap (in parts on a large site) and the feed. Render each
    /// with [`Self::render_site_page`]; their contexts are only built then, in parallel.
    pub fn site_pages(&self) -> Vec<SitePage> {
        self.site.site_pages(self.print_apart)
    }

    pub fn render_site_page(&self, page: &SitePage, diagnostics: &Diagnostics) -> Option<OutputFile> {
        if let SitePage::Print(course) = *page {
            return self.print_page_again(course, diagnostics);
        }
        let (path, template) = self.site.site_page_file(page);
        let mut values = Values::context();
        self.site_page_values(page, &mut values, diagnostics);
        let text = self.render_template(template, &values.into_context(), &PathBuf::from(&path), diagnostics)?;
        Some(OutputFile { path, bytes: text })
    }

    /// What a site page shows (see [`Values`]; its template is [`Site::site_page_file`]'s).
    fn site_page_values(&self, page: &SitePage, values: &mut Values, diagnostics: &Diagnostics) {
        let site = self.site;
        let titled = |values: &mut Values, kind: &'static str, root: &str, url: &str, title: &str| {
            self.page_values(values, kind, root, url);
            values.insert("title", title);
            values.insert("description", title);
        };
        match *page {
            SitePage::Tags => self.tags_values(1, values),
            SitePage::Tag(i) => self.tag_values(i, 1, values),
            SitePage::ListingPage(Listing::Tags, n) => self.tags_values(n, values),
            SitePage::ListingPage(Listing::Tag(i), n) => self.tag_values(i, n, values),
            SitePage::ListingPage(Listing::Section(i), n) => {
                self.section_page_values(i, n, values, diagnostics);
                values.insert("description", &describe(site.sections[i].meta.description.as_deref(), ""));
            }
            SitePage::NotFound => {
                // Hosts serve 404.html at any depth: its links are relative to a `<base>` at the
                // site's path (without a `base_url`, the host's root), which the page drops when
                // opened from disk (see 404.html).
                let base_path = site.config.base_url.as_ref().map_or("/".to_string(), |u| u.path().to_string());
                titled(values, "404", "", "", self.strings.get("not_found_title"));
                values.insert("base_path", &base_path);
                values.insert("courses", &context::courses(site, PAGE_SIZE));
            }
            SitePage::Alias(i) => {
                let alias = &site.aliases[i];
                let dir = alias.output.rsplit_once('/').map_or("", |(d, _)| d);
                let root = root_prefix(&if dir.is_empty() { String::new() } else { format!("{dir}/") });
                let lesson = &site.lessons[alias.lesson];
                titled(values, "redirect", &root, "", &lesson.title);
                values.insert("target", &format!("{root}{}", page_url(&lesson.url)));
                values.insert("target_permalink", &permalink(site, &lesson.url));
            }
            SitePage::Robots => {
                values.insert("sitemap_url", &site.config.base_url.as_ref().map(|b| format!("{b}sitemap.xml")));
            }
            SitePage::Search => {
                let url = format!("{}/", site.config.language.search_segment());
                titled(values, "search", &root_prefix(&url), &url, self.strings.get("search_title"));
            }
            SitePage::Sitemap if site.sitemap_parts() > 0 => self.sitemap_index_values(values),
            SitePage::Sitemap => self.sitemap_values(None, values),
            SitePage::SitemapPart(n) => self.sitemap_values(Some(n), values),
            SitePage::Feed => self.feed_values(values),
            SitePage::Keypoints(course) => self.keypoints_values(course, values, diagnostics),
            SitePage::Schedule(course) => self.schedule_values(course, values, diagnostics),
            // Rendered, a printable page is made from its lessons' bodies: see `print`.
            SitePage::Print(course) => {
                debug_assert!(values.fingerprinting(), "a printable page renders through `print_page`");
                self.print_values(course, false, values)
            }
        }
    }

    /// The tag list's page `n`.
    fn tags_values(&self, n: usize, values: &mut Values) {
        let site = self.site;
        let url = site.listing_page_url(Listing::Tags, n);
        self.page_values(values, "tags", &root_prefix(&url), &url);
        values.insert("title", self.strings.get("tags"));
        values.insert("description", self.strings.get("tags"));
        values.insert("paging", &listing::paging(site, self.strings, Listing::Tags, n));
        let tags: Vec<_> = site.tags[site.listing_range(Listing::Tags, n)]
            .iter()
            .map(|t| TagCtx { name: &t.name, url: page_url(&t.url), count: t.lessons.len(), lessons: Vec::new() })
            .collect();
        values.insert("tags", &tags);
    }

    /// Page `n` of tag `i`'s page.
    fn tag_values(&self, i: usize, n: usize, values: &mut Values) {
        let site = self.site;
        let tag = &site.tags[i];
        let listing = Listing::Tag(i);
        let url = site.listing_page_url(listing, n);
        self.page_values(values, "tag", &root_prefix(&url), &url);
        values.insert("title", &tag.name);
        values.insert("description", &tag.name);
        values.insert("paging", &listing::paging(site, self.strings, listing, n));
        let lessons =
            tag.lessons[site.listing_range(listing, n)].iter().map(|&l| lesson_entry(&site.lessons[l])).collect();
        values.insert("tag", &TagCtx { name: &tag.name, url: page_url(&tag.url), count: tag.lessons.len(), lessons });
    }

    /// Sets `nav_html`: the sidebar of section `section`'s pages with this page marked current.
    /// The sidebar lists a whole course tree, the same for every page of a section, so its
    /// template is rendered once per section and folder depth below it, and only the current
    /// page's link is marked here. A fingerprint takes in what that template is given instead.
    /// Its links are relative to the page's folder (`../otra/index.html` beside a lesson), not to
    /// the site's root: every page of one depth in a section shares them, and they are short.
    fn insert_nav(
        &self,
        values: &mut Values,
        section: usize,
        depth: NavDepth,
        page_url: &str,
        diagnostics: &Diagnostics,
    ) {
        let from = depth.folder(&self.site.sections[section].url);
        if values.fingerprinting() {
            let nav = (inputs::NAV_TEMPLATE, self.template_fingerprint(inputs::NAV_TEMPLATE), self.nav_digest(section));
            values.insert("nav_html", &(nav, &from, page_url));
            return;
        }
        let html = self.navs.take(section, depth, || {
            let mut nav_values = Values::context();
            self.page_values(&mut nav_values, "nav", "", "");
            let mut items = nav(self.site, section);
            items.iter_mut().for_each(|item| item.url = links::relative_href(&from, &item.url));
            nav_values.insert("nav", &items);
            let origin =
                self.site.sections[section].path().unwrap_or_else(|| source_path(&self.site.sections[section].dir));
            let html = self.render_template(inputs::NAV_TEMPLATE, &nav_values.into_context(), &origin, diagnostics)?;
            String::from_utf8(html).ok()
        });
        let Some(html) = html else { return };
        let link = format!("href=\"{}\"", links::relative_href(&from, page_url));
        let marked = html.replacen(&link, &format!("{link} aria-current=\"page\""), 1);
        values.insert_html("nav_html", &marked);
    }

    /// Renders Markdown for a page, turning its problems into diagnostics at file positions.
    #[allow(clippy::too_many_arguments)]
    fn markdown(
        &self,
        body: &str,
        dir: &str,
        root: &str,
        key: PageKey,
        path: &std::path::Path,
        body_line: usize,
        diagnostics: &Diagnostics,
    ) -> MarkdownBody {
        let links = PageLinks { site: self.site, static_files: self.static_files, dir, root, page: key };
        let recorder = inputs::Recorder::new(&links);
        let legacy = legacy::LegacyPage::new(self.site, dir);
        let rendered = markdown::render_legacy(body, self.labels, &recorder, &legacy);
        let offsets: Vec<usize> =
            rendered.problems.iter().map(|p| p.offset).chain(rendered.anchors.iter().map(|(o, _)| *o)).collect();
        let mut at = line_cols(body, &offsets).into_iter().map(|(line, col)| (body_line + line - 1, col));
        for p in rendered.problems {
            let (line, col) = at.next().expect("a position per problem");
            let diagnostic = match p.severity {
                Severity::Error => Diagnostic::error(path, line, col, p.message),
                Severity::Warning => Diagnostic::warning(path, line, col, p.message),
            };
            diagnostics.push(diagnostic);
        }
        let anchors = rendered
            .anchors
            .into_iter()
            .map(|(_, check)| {
                let (line, col) = at.next().expect("a position per anchor");
                PendingAnchor { path: path.to_path_buf(), line, col, check }
            })
            .collect();
        MarkdownBody {
            html: rendered.html,
            toc: rendered.toc,
            ids: rendered.ids,
            anchors,
            summary: rendered.summary,
            sections: rendered.sections,
            quizzes: rendered.quizzes,
            instructor_notes: rendered.instructor_notes,
            links: recorder.into_uses(),
        }
    }

    /// What every page's template is given besides the site-wide variables.
    fn page_values(&self, values: &mut Values, kind: &'static str, root: &str, url: &str) {
        values.insert("paging", &None::<()>);
        values.insert("kind", kind);
        values.insert("root", root);
        values.insert("page_url", &page_url(url));
        values.insert("permalink", &permalink(self.site, url));
    }

    fn render_template(
        &self,
        name: &str,
        ctx: &Context,
        page: &std::path::Path,
        diagnostics: &Diagnostics,
    ) -> Option<Vec<u8>> {
        match self.templates.render(name, ctx, &page.display().to_string()) {
            Ok(html) => Some(html),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        }
    }

    /// The sitemap, or with `part`, that part of it.
    fn sitemap_values(&self, part: Option<usize>, values: &mut Values) {
        let mut entries = self.sitemap_entries();
        if let Some(n) = part {
            let start = ((n - 1) * SITEMAP_URLS).min(entries.len());
            entries.truncate((start + SITEMAP_URLS).min(entries.len()));
            entries.drain(..start);
        }
        values.insert("pages", &entries);
    }

    /// The index of the sitemap's parts.
    fn sitemap_index_values(&self, values: &mut Values) {
        let parts: Vec<String> =
            (1..=self.site.sitemap_parts()).map(|n| permalink(self.site, &format!("sitemap-{n}.xml"))).collect();
        values.insert("parts", &parts);
    }

    fn sitemap_entries(&self) -> Vec<SitemapEntry> {
        let site = self.site;
        let mut pages: Vec<SitemapEntry> = Vec::new();
        for s in &site.sections {
            pages.push(SitemapEntry { permalink: permalink(site, &s.url), lastmod: String::new() });
        }
        for l in &site.lessons {
            let lastmod = l.updated.or(l.date).map(|d| d.to_string()).unwrap_or_default();
            pages.push(SitemapEntry { permalink: permalink(site, &l.url), lastmod });
        }
        for t in &site.tags {
            pages.push(SitemapEntry { permalink: permalink(site, &t.url), lastmod: String::new() });
        }
        pages.sort_by(|a, b| a.permalink.cmp(&b.permalink));
        pages
    }

    fn feed_values(&self, values: &mut Values) {
        let site = self.site;
        let (updated, entries) = self.feed_entries();
        values.insert("updated", &updated);
        values.insert("feed_url", &permalink(site, "atom.xml").trim_end_matches('/'));
        values.insert("home_url", &permalink(site, ""));
        values.insert("entries", &entries);
    }

    /// The newest dated lessons, newest first, and the feed's date: the newest entry's.
    fn feed_entries(&self) -> (String, Vec<FeedEntry>) {
        const FEED_SIZE: usize = 20;
        let site = self.site;
        let mut dated: Vec<(jiff::civil::Date, usize)> =
            site.lessons.iter().enumerate().filter_map(|(i, l)| l.updated.or(l.date).map(|d| (d, i))).collect();
        dated.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        dated.truncate(FEED_SIZE);
        let stamp = |d: jiff::civil::Date| format!("{d}T00:00:00Z");
        let entries: Vec<FeedEntry> = dated
            .iter()
            .map(|&(d, i)| {
                let l = &site.lessons[i];
                FeedEntry {
                    title: l.title.clone(),
                    permalink: permalink(site, &l.url),
                    updated: stamp(d),
                    published: l.date.map(stamp).unwrap_or_default(),
                    summary: l.meta.description.clone().unwrap_or_default(),
                    authors: l.meta.authors.clone(),
                }
            })
            .collect();
        (dated.first().map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |&(d, _)| stamp(d)), entries)
    }
}

/// How far below its section's folder a page with the section's sidebar is, which sets the
/// sidebar's links.
#[derive(Clone, Copy)]
pub(super) enum NavDepth {
    /// The section's own page.
    Section = 0,
    /// A lesson of the section.
    Lesson = 1,
    /// A later page of the section's listing (`pagina/2/`).
    ListingPage = 2,
}

impl NavDepth {
    /// A folder of pages at this depth under the folder URL `section`. The names below the
    /// section are no page's: links from there to any page are those from each page of the depth.
    fn folder(self, section: &str) -> String {
        format!("{section}{}", "\u{1}/".repeat(self as usize))
    }
}

#[derive(Default)]
struct MarkdownBody {
    html: String,
    toc: Vec<markdown::TocEntry>,
    ids: Vec<String>,
    anchors: Vec<PendingAnchor>,
    summary: String,
    sections: Vec<markdown::TextSection>,
    quizzes: usize,
    instructor_notes: bool,
    links: Vec<LinkUse>,
}

#[derive(serde::Serialize, Hash)]
struct SiteCtx {
    title: String,
    description: String,
    language: &'static str,
    locale: &'static str,
    base_url: String,
    tags_url: String,
    search_url: String,
    generator: &'static str,
    /// What `training.js` needs to send xAPI statements (see [`xapi_data`]); empty without.
    xapi: String,
}

/// The JSON that tells `training.js` where to send xAPI statements (`data-xapi`), and the score
/// that passes a course (`scorm.passing_score`), when aula.yaml has `xapi:`.
pub fn xapi_data(config: &Config) -> Option<String> {
    let xapi = config.xapi.as_ref()?;
    let passing_score = config.scorm.as_ref().map_or(crate::config::Scorm::DEFAULT_PASSING_SCORE, |s| s.passing_score);
    let data = serde_json::json!({
        "endpoint": xapi.endpoint.as_str(),
        "auth": xapi.authorization,
        "activity_base": xapi.activity_base.as_str(),
        "passing_score": passing_score,
    });
    Some(data.to_string())
}

fn site_ctx(c: &Config) -> SiteCtx {
    SiteCtx {
        title: c.title.clone(),
        description: c.description.clone(),
        language: c.language.code(),
        locale: c.language.locale(),
        base_url: c.base_url.as_ref().map(|u| u.to_string()).unwrap_or_default(),
        tags_url: page_url(&format!("{}/", c.language.tags_segment())),
        search_url: page_url(&format!("{}/", c.language.search_segment())),
        generator: concat!("aula ", env!("CARGO_PKG_VERSION")),
        xapi: xapi_data(c).unwrap_or_default(),
    }
}

#[derive(serde::Serialize, Hash)]
struct TagCtx<'a> {
    name: &'a str,
    url: String,
    count: usize,
    lessons: Vec<context::EntryCtx<'a>>,
}

#[derive(serde::Serialize, Hash)]
struct SitemapEntry {
    permalink: String,
    lastmod: String,
}

#[derive(serde::Serialize, Hash)]
struct FeedEntry {
    title: String,
    permalink: String,
    updated: String,
    published: String,
    summary: String,
    authors: Vec<String>,
}

/// Adds lesson `i` of `site`, whose text by section is `sections`, to the search `index`, and
/// returns its excerpt files; none when the lesson says `search: false`.
pub fn index_lesson(
    site: &Site,
    index: &IndexBuilder,
    i: usize,
    sections: &[markdown::TextSection],
) -> Vec<OutputFile> {
    let Some(entry) = SearchEntry::of(site, i) else { return Vec::new() };
    index.add_lesson(&entry.text(i, sections))
}

/// What the search index shows of a lesson besides its text.
#[derive(Hash)]
pub struct SearchEntry<'a> {
    title: &'a str,
    description: &'a str,
    url: String,
    breadcrumbs: String,
}

impl<'a> SearchEntry<'a> {
    /// Lesson `i` of `site`, unless it says `search: false`.
    pub fn of(site: &'a Site, i: usize) -> Option<SearchEntry<'a>> {
        let lesson = &site.lessons[i];
        if lesson.meta.search == Some(false) {
            return None;
        }
        let crumbs: Vec<&str> =
            site.ancestry(lesson.section).iter().skip(1).map(|&s| site.sections[s].title.as_str()).collect();
        Some(SearchEntry {
            title: &lesson.title,
            description: lesson.meta.description.as_deref().unwrap_or(""),
            url: page_url(&lesson.url),
            breadcrumbs: crumbs.join(" › "),
        })
    }

    /// The lesson as the index takes it in, numbered `i`, with its text by section.
    pub fn text<'s>(&'s self, i: usize, sections: &'s [markdown::TextSection]) -> LessonText<'s> {
        LessonText {
            lesson: i,
            title: self.title,
            description: self.description,
            url: &self.url,
            breadcrumbs: &self.breadcrumbs,
            sections,
        }
    }
}

/// The lessons of each course, by section index: a range of lessons in reading order.
fn course_lessons(site: &Site) -> Vec<Range<usize>> {
    let mut ranges = vec![0..0; site.sections.len()];
    for (i, lesson) in site.lessons.iter().enumerate() {
        let Some(course) = lesson.course else { continue };
        let range = &mut ranges[course];
        if range.start == range.end {
            *range = i..i + 1;
        } else {
            range.end = i + 1;
        }
    }
    ranges
}

/// A meta description: the author's, else the first paragraph cut at a word near 160 chars.
fn describe(description: Option<&str>, summary: &str) -> String {
    if let Some(d) = description.filter(|d| !d.trim().is_empty()) {
        return d.trim().to_string();
    }
    const MAX: usize = 160;
    if summary.chars().count() <= MAX {
        return summary.to_string();
    }
    let cut: String = summary.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions() {
        assert_eq!(describe(Some(" Mía "), "resumen"), "Mía");
        assert_eq!(describe(None, "corto"), "corto");
        let long = "palabra ".repeat(40);
        let d = describe(None, long.trim());
        assert!(d.ends_with("palabra…") && d.chars().count() <= 161, "{d}");
    }
}
