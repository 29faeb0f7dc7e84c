//! Markdown → HTML for one page: headings with ids and anchor links, a table of contents,
//! rewritten and checked links and images, GitHub alerts as titled callouts, footnotes gathered
//! at the end, training blocks and quizzes (see [`blocks`], [`quiz`]). Pure: the caller passes a [`LinkResolver`] that knows the site, and gets back the
//! HTML plus what it needs to finish the checks (ids on the page, anchors it links to, problems
//! at byte offsets of the body).

mod attributes;
pub mod blocks;
pub mod code;
mod headings;
mod highlight;
pub mod kramdown;
pub mod quiz;
mod tasks;
mod training;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostics::Severity;
use crate::messages::Message;
use crate::msg;
pub use blocks::has_keypoints;
use blocks::{Opened, Prepared};
use headings::HeadingIds;
pub use headings::TocEntry;
pub use training::count_quizzes;

/// UI words the Markdown output needs, in the site's language.
#[derive(Clone, Debug, Default)]
pub struct Labels {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub warning: String,
    pub caution: String,
    /// The accessible name of a heading's anchor link.
    pub anchor: String,
    pub footnotes: String,
    pub back_to_text: String,
    /// Titles of the training blocks, in the order of [`blocks::BlockKind::ALL`].
    pub blocks: [String; 12],
    pub quiz: quiz::QuizLabels,
    pub code: code::CodeLabels,
}

impl Labels {
    pub fn block_title(&self, kind: blocks::BlockKind) -> &str {
        &self.blocks[kind as usize]
    }
}

/// Where a link or image destination leads, as decided by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Leave it as written (external URLs, `mailto:`…).
    Keep,
    /// Use this href; if `anchor` is set, the caller will check that page `page` has that id.
    Local { href: String, anchor: Option<AnchorCheck> },
    /// The target does not exist: keep the link as written and report this message.
    Broken(Message),
}

/// A request to check, once every page is rendered, that page `page` has element id `id`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AnchorCheck {
    /// The target page, numbered by the resolver (`render::links::PageKey::index`).
    pub page: usize,
    pub id: String,
}

/// Knows the site: turns destinations written in Markdown into hrefs of the built page.
pub trait LinkResolver {
    fn resolve_link(&self, destination: &str) -> Resolution;
    fn resolve_image(&self, destination: &str) -> Resolution;
}

/// A problem found while rendering, at a byte offset of the Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub message: Message,
    pub severity: Severity,
}

/// One rendered page body.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every element id on the page: headings, footnotes, ids in raw HTML.
    pub ids: Vec<String>,
    /// Anchors this page links to, with the offset of the link, to check later.
    pub anchors: Vec<(usize, AnchorCheck)>,
    /// Warnings (broken links, images without alt text…).
    pub problems: Vec<Problem>,
    /// The first paragraph as plain text, for descriptions.
    pub summary: String,
    /// The text a reader sees, split at `##` and `###` headings, for the search index.
    pub sections: Vec<TextSection>,
    /// Self-check quizzes on the page.
    pub quizzes: usize,
    /// The page has `instructor` blocks.
    pub instructor_notes: bool,
}

/// The plain text of the part of a page under one heading (or before the first heading).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TextSection {
    /// The heading's id, `None` for the text before the first heading.
    pub id: Option<String>,
    pub heading: String,
    pub text: String,
}

/// The Markdown dialect: CommonMark with the GitHub extensions authors expect.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Renders `markdown` to HTML.
pub fn render(markdown: &str, labels: &Labels, links: &dyn LinkResolver) -> Rendered {
    render_prefixed(markdown, labels, links, "")
}

/// Renders `markdown` to HTML with every id it makes starting with `id_prefix`, so that several
/// bodies can share one page (the printable course).
pub fn render_prefixed(markdown: &str, labels: &Labels, links: &dyn LinkResolver, id_prefix: &str) -> Rendered {
    render_with(markdown, labels, links, id_prefix, &kramdown::NoSite)
}

/// Renders a page that may be written in older Carpentries markup (see [`kramdown`]), with what
/// `legacy` knows of the site around it.
pub fn render_legacy(
    markdown: &str,
    labels: &Labels,
    links: &dyn LinkResolver,
    legacy: &dyn kramdown::LegacySite,
) -> Rendered {
    render_with(markdown, labels, links, "", legacy)
}

fn render_with(
    source: &str,
    labels: &Labels,
    links: &dyn LinkResolver,
    id_prefix: &str,
    legacy: &dyn kramdown::LegacySite,
) -> Rendered {
    let translated = kramdown::translate(source, legacy);
    let markdown: &str = &translated.text;
    let prepared = blocks::prepare(markdown);
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(&prepared.text, options()).into_offset_iter().collect();
    let mut r = Renderer {
        labels,
        links,
        out: Rendered::default(),
        ids: HeadingIds::default(),
        footnotes: Vec::new(),
        footnote_index: HashMap::new(),
        text: TextCollector::default(),
        prepared: &prepared,
        id_prefix,
        open_blocks: Vec::new(),
    };
    r.collect_explicit_ids(&events);
    r.out.summary = first_paragraph_text(&events, &prepared);
    let mut body = tasks::label_task_items(r.transform(events));
    r.close_blocks(&mut body);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, body.into_iter());
    r.push_footnotes(&mut html);
    r.locate_problems();
    r.out.html = html;
    r.out.ids = r.ids.into_ids();
    r.out.sections = r.text.finish();
    translated.relocate(&mut r.out);
    r.out
}

struct Renderer<'l> {
    labels: &'l Labels,
    links: &'l dyn LinkResolver,
    out: Rendered,
    ids: HeadingIds,
    /// Footnote definitions in order of first reference: (label, number, rendered HTML).
    footnotes: Vec<Footnote>,
    /// Where each label is in `footnotes`: a page with thousands of notes looked each up in turn.
    footnote_index: HashMap<String, usize>,
    text: TextCollector,
    /// The source as parsed: fence lines replaced by markers.
    prepared: &'l Prepared<'l>,
    /// Put in front of every id (see [`render_prefixed`]).
    id_prefix: &'l str,
    /// Training blocks opened and not yet closed, innermost last.
    open_blocks: Vec<Opened>,
}

/// Gathers the visible text of a page, section by section, while events are transformed.
#[derive(Default)]
struct TextCollector {
    sections: Vec<TextSection>,
    /// Inside something whose text is not body text (a heading being rendered).
    muted: usize,
}

impl TextCollector {
    fn push(&mut self, text: &str) {
        if self.muted > 0 || cfg!(feature = "bench-no-search") {
            return;
        }
        if self.sections.is_empty() {
            self.sections.push(TextSection::default());
        }
        let section = self.sections.last_mut().expect("a section");
        section.text.push_str(text);
    }

    /// A break between blocks, so words of two elements do not run together.
    fn space(&mut self) {
        if let Some(section) = self.sections.last_mut() {
            if !section.text.is_empty() && !section.text.ends_with(' ') {
                section.text.push(' ');
            }
        }
    }

    fn start_section(&mut self, id: &str, heading: &str) {
        if cfg!(feature = "bench-no-search") {
            return;
        }
        self.sections.push(TextSection { id: Some(id.to_string()), heading: heading.to_string(), text: String::new() });
    }

    fn finish(mut self) -> Vec<TextSection> {
        for s in &mut self.sections {
            let trimmed = s.text.trim_end().len();
            s.text.truncate(trimmed);
        }
        self.sections.retain(|s| s.id.is_some() || !s.text.is_empty());
        self.sections
    }
}

struct Footnote {
    label: String,
    number: usize,
    html: Option<String>,
}

impl<'l> Renderer<'l> {
    /// Ids set by `{#id}` attributes and raw HTML are reserved before generating heading ids.
    fn collect_explicit_ids(&mut self, events: &[(Event<'_>, Range<usize>)]) {
        for (event, _) in events {
            match event {
                Event::Start(Tag::Heading { id: Some(id), .. }) => self.ids.reserve(id),
                Event::Html(html) | Event::InlineHtml(html) => {
                    for id in html_ids(html) {
                        self.ids.reserve(id);
                    }
                }
                _ => {}
            }
        }
    }

    fn transform<'a>(&mut self, events: Vec<(Event<'a>, Range<usize>)>) -> Vec<Event<'a>> {
        let mut out = Vec::with_capacity(events.len());
        let mut iter = events.into_iter();
        while let Some((event, range)) = iter.next() {
            match event {
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let inner = take_until_end(&mut iter);
                    self.heading(level, id, classes, attrs, inner, &mut out);
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    let dest_url = self.link(link_type, dest_url, range.start);
                    out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    let inner = take_until_end(&mut iter);
                    if let Some((attributes, rest)) = training::take_attributes(&self.prepared.text, &mut iter) {
                        let alt = plain_text(&inner);
                        self.image_with_attributes(dest_url, title, alt, attributes, range.start, &mut out);
                        out.extend(rest);
                        continue;
                    }
                    let dest_url = self.image(dest_url, &plain_text(&inner), range.start);
                    out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
                    out.extend(inner.into_iter().map(|(e, _)| e));
                    out.push(Event::End(TagEnd::Image));
                }
                Event::Start(Tag::HtmlBlock) if self.prepared.mark_at(range.start).is_some() => {
                    take_until_end(&mut iter);
                    self.block_mark(range.start, &mut iter, &mut out);
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => out.push(Event::Html(self.callout_start(kind).into())),
                Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</div>\n".into())),
                Event::Start(Tag::Table(align)) => {
                    out.push(Event::Html("<div class=\"table-wrap\">".into()));
                    out.push(Event::Start(Tag::Table(align)));
                }
                Event::End(TagEnd::Table) => {
                    out.push(Event::End(TagEnd::Table));
                    out.push(Event::Html("</div>\n".into()));
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    let inner = take_until_end(&mut iter);
                    if let Some(quiz) = training::quiz_block(&info, &inner) {
                        self.quiz(info, range, inner, quiz, &mut out);
                        continue;
                    }
                    for (event, _) in &inner {
                        if let Event::Text(code) = event {
                            self.text.push(code);
                        }
                    }
                    self.text.space();
                    let classes = training::take_code_attributes(&mut iter);
                    out.push(code_block(&info, &inner, &classes, self.labels));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    let inner = take_until_end(&mut iter);
                    self.footnote_definition(&label, inner);
                }
                Event::FootnoteReference(label) => {
                    let html = self.footnote_reference(&label);
                    out.push(Event::InlineHtml(html.into()));
                }
                Event::Text(text) if text.as_ref() == "[" && self.bracketed_span(&range, &mut iter, &mut out) => {}
                Event::Text(text) if text.starts_with("{:") && self.kramdown_attributes(&text, &mut iter, &mut out) => {
                }
                Event::Text(text) => {
                    self.text.push(&text);
                    out.push(Event::Text(text));
                }
                Event::Code(text) => {
                    self.text.push(&text);
                    out.push(Event::Code(text));
                }
                Event::SoftBreak | Event::HardBreak => {
                    self.text.space();
                    out.push(event);
                }
                Event::End(tag) => {
                    self.text.space();
                    out.push(Event::End(tag));
                }
                other => out.push(other),
            }
        }
        out
    }

    fn heading<'a>(
        &mut self,
        level: pulldown_cmark::HeadingLevel,
        explicit_id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
        inner: Vec<(Event<'a>, Range<usize>)>,
        out: &mut Vec<Event<'a>>,
    ) {
        let text = plain_text(&inner);
        let id = match explicit_id {
            Some(id) => id.to_string(),
            None => self.ids.generate(&text),
        };
        let id = if self.id_prefix.is_empty() { id } else { format!("{}{id}", self.id_prefix) };
        let level_num = level as usize;
        if (2..=3).contains(&level_num) {
            self.text.start_section(&id, &text);
            // Headings of exercises and notes are not the lesson's outline.
            if self.open_blocks.is_empty() {
                self.out.toc.push(TocEntry { level: level_num as u8, id: id.clone(), title: text });
            }
        }
        let mut open = format!("<{level} id=\"");
        escape_attr(&mut open, &id);
        open.push('"');
        if !classes.is_empty() {
            open.push_str(" class=\"");
            escape_attr(&mut open, &classes.join(" "));
            open.push('"');
        }
        for (name, value) in &attrs {
            open.push(' ');
            escape_attr(&mut open, name);
            if let Some(v) = value {
                open.push_str("=\"");
                escape_attr(&mut open, v);
                open.push('"');
            }
        }
        open.push('>');
        out.push(Event::Html(open.into()));
        self.text.muted += 1;
        out.extend(self.transform(inner));
        self.text.muted -= 1;
        let mut close = String::from("<a class=\"anchor\" href=\"#");
        escape_attr(&mut close, &id);
        // The label says what the link is; the "#" is only what it looks like.
        close.push_str("\" aria-label=\"");
        escape_attr(&mut close, &self.labels.anchor);
        close.push_str(&format!("\">#</a></{level}>\n"));
        out.push(Event::Html(close.into()));
    }

    fn link<'a>(&mut self, link_type: LinkType, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        if matches!(link_type, LinkType::Autolink | LinkType::Email) {
            return dest;
        }
        match self.links.resolve_link(&dest) {
            Resolution::Keep => dest,
            Resolution::Local { href, anchor } => {
                if let Some(check) = anchor {
                    self.out.anchors.push((offset, check));
                }
                match href.strip_prefix('#') {
                    Some(id) if !self.id_prefix.is_empty() => format!("#{}{id}", self.id_prefix).into(),
                    _ => href.into(),
                }
            }
            Resolution::Broken(message) => {
                self.warn(offset, message);
                dest
            }
        }
    }

    fn warn(&mut self, offset: usize, message: Message) {
        self.out.problems.push(Problem { offset, message, severity: Severity::Warning });
    }

    fn image<'a>(&mut self, dest: CowStr<'a>, alt: &str, offset: usize) -> CowStr<'a> {
        if alt.trim().is_empty() {
            self.warn(offset, msg!("image-no-alt", image = &*dest));
        }
        match self.links.resolve_image(&dest) {
            Resolution::Keep => dest,
            Resolution::Local { href, .. } => href.into(),
            Resolution::Broken(message) => {
                self.warn(offset, message);
                dest
            }
        }
    }

    fn callout_start(&self, kind: BlockQuoteKind) -> String {
        let (class, title) = match kind {
            BlockQuoteKind::Note => ("note", &self.labels.note),
            BlockQuoteKind::Tip => ("tip", &self.labels.tip),
            BlockQuoteKind::Important => ("important", &self.labels.important),
            BlockQuoteKind::Warning => ("warning", &self.labels.warning),
            BlockQuoteKind::Caution => ("caution", &self.labels.caution),
        };
        let mut html = format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">");
        escape_text(&mut html, title);
        html.push_str("</p>\n");
        html
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        if let Some(&i) = self.footnote_index.get(label) {
            return self.footnotes[i].number;
        }
        let number = self.footnotes.len() + 1;
        self.footnote_index.insert(label.to_string(), self.footnotes.len());
        self.footnotes.push(Footnote { label: label.to_string(), number, html: None });
        number
    }

    fn footnote_reference(&mut self, label: &str) -> String {
        let number = self.footnote_number(label);
        let id = format!("{}{}", self.id_prefix, footnote_id(label));
        format!("<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"fnref-{id}\">{number}</a></sup>")
    }

    fn footnote_definition(&mut self, label: &str, inner: Vec<(Event<'_>, Range<usize>)>) {
        let i = self.footnote_number(label) - 1;
        let events = self.transform(inner);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        self.footnotes[i].html = Some(html);
    }

    fn push_footnotes(&mut self, html: &mut String) {
        let defined: Vec<&Footnote> = self.footnotes.iter().filter(|f| f.html.is_some()).collect();
        if defined.is_empty() {
            return;
        }
        // Named by a heading, not by aria-label: a named section is a landmark, and the printable
        // course has the footnotes of many lessons, whose landmarks would share one name.
        html.push_str("<section class=\"footnotes\">\n<h2 class=\"visually-hidden\">");
        escape_text(html, &self.labels.footnotes);
        html.push_str("</h2>\n<ol>\n");
        for f in defined {
            let id = format!("{}{}", self.id_prefix, footnote_id(&f.label));
            html.push_str(&format!("<li id=\"fn-{id}\">\n"));
            html.push_str(f.html.as_deref().unwrap_or_default());
            html.push_str(&format!("<a href=\"#fnref-{id}\" class=\"footnote-back\" aria-label=\""));
            escape_attr(html, &self.labels.back_to_text);
            html.push_str("\">↩</a>\n</li>\n");
        }
        html.push_str("</ol>\n</section>\n");
        for f in &self.footnotes {
            let id = footnote_id(&f.label);
            self.ids.reserve(&format!("fn-{id}"));
            self.ids.reserve(&format!("fnref-{id}"));
        }
    }
}

/// A fenced code block with the classes of the attribute list written after it, if any
/// (`{: .output}`): see [`code`].
fn code_block<'a>(
    info: &str,
    inner: &[(Event<'a>, Range<usize>)],
    classes_after: &[String],
    labels: &Labels,
) -> Event<'a> {
    let mut classes = training::fence_classes(info);
    classes.extend_from_slice(classes_after);
    let mut lang = training::code_language(info);
    if lang.is_empty() {
        let named = classes.iter().find_map(|c| c.strip_prefix("language-"));
        lang = named.unwrap_or_default().to_string();
    }
    let code: String = inner
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    Event::Html(code::html(&code, &lang, &classes, &labels.code).into())
}

fn footnote_id(label: &str) -> String {
    let slug = crate::content::slug::slugify(label);
    if slug.is_empty() { "nota".to_string() } else { slug }
}

/// The events up to the end of the element just started, without that end.
fn take_until_end<'a>(iter: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>) -> Vec<(Event<'a>, Range<usize>)> {
    let mut depth = 0usize;
    let mut inner = Vec::new();
    for (event, range) in iter.by_ref() {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        inner.push((event, range));
    }
    inner
}

/// The plain text of the first top-level paragraph outside training blocks.
fn first_paragraph_text(events: &[(Event<'_>, Range<usize>)], prepared: &Prepared<'_>) -> String {
    let mut depth = 0usize;
    let mut blocks = 0usize;
    for (i, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::HtmlBlock) if depth == 0 => {
                blocks = training::blocks_after(blocks, prepared.mark_at(range.start));
                depth += 1;
            }
            Event::Start(Tag::Paragraph) if depth == 0 && blocks == 0 => {
                let end = events[i..].iter().position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)));
                return plain_text(&events[i + 1..i + end.unwrap_or(1)]);
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    String::new()
}

/// The text a reader sees in these events.
fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// `id="…"` values in a piece of raw HTML.
fn html_ids(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("id=").filter_map(move |(i, _)| {
        let before = html[..i].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            return None;
        }
        let rest = &html[i + 3..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &rest[1..];
        value.find(quote).map(|end| &value[..end])
    })
}

fn escape_attr(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(&mut *out, text).expect("writing to a String cannot fail");
}

fn escape_text(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html_body_text(&mut *out, text).expect("writing to a String cannot fail");
}

#[cfg(test)]
mod tests;
