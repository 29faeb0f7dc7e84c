//! The renderer's part for training material: training blocks at their marker lines, quizzes,
//! images with pandoc attributes (`![](fig/x.svg){alt="…"}`), code fences written with
//! attributes, and positions mapped back from the prepared text to the author's file.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};
use std::ops::Range;

use super::attributes::{self, Attributes};
use super::blocks::{BlockKind, Mark};
use super::quiz::{self, Part};
use super::{Problem, Renderer, code_block, escape_attr, options, plain_text, take_until_end};

impl Renderer<'_> {
    /// Writes the opening or closing HTML of the training block whose marker is at `offset`.
    pub(super) fn block_mark<'a>(
        &mut self,
        offset: usize,
        iter: &mut std::vec::IntoIter<(Event<'a>, Range<usize>)>,
        out: &mut Vec<Event<'a>>,
    ) {
        let Some(mark) = self.prepared.mark_at(offset).cloned() else { return };
        match mark {
            Mark::Open(opened) => {
                let titled = match opened.kind() {
                    Some(kind) if kind.collapsed() => self.heading_as_summary(kind, iter),
                    _ => None,
                };
                out.push(Event::Html(titled.unwrap_or_else(|| opened.open_html(self.labels)).into()));
                if opened.kind() == Some(BlockKind::Instructor) {
                    self.out.instructor_notes = true;
                }
                if opened.kind().is_some_and(kept_from_search) {
                    self.text.muted += 1;
                }
                self.open_blocks.push(opened);
            }
            Mark::Close => self.close_block(out),
            Mark::Stray => {}
        }
    }

    /// The opening of a solution, hint or spoiler whose first line is a heading (`## Solution to
    /// 1`, as Carpentries lessons write them): that heading becomes its summary, in place of the
    /// kind's title, and keeps its id so links to it still work. `None` when it has no heading.
    fn heading_as_summary<'a>(
        &mut self,
        kind: BlockKind,
        iter: &mut std::vec::IntoIter<(Event<'a>, Range<usize>)>,
    ) -> Option<String> {
        let Some((Event::Start(Tag::Heading { id, .. }), _)) = iter.as_slice().first() else { return None };
        let explicit = id.as_ref().map(|id| id.to_string());
        iter.next();
        let inner = take_until_end(iter);
        let id = explicit.unwrap_or_else(|| self.ids.generate(&plain_text(&inner)));
        let mut html = format!("<details class=\"block block-{}\">\n<summary id=\"", kind.name());
        escape_attr(&mut html, &format!("{}{id}", self.id_prefix));
        html.push_str("\">");
        let title = self.transform(inner);
        pulldown_cmark::html::push_html(&mut html, title.into_iter());
        html.push_str("</summary>\n");
        self.text.space();
        Some(html)
    }

    /// Closes the blocks left open at the end of the page (each was reported as unclosed).
    pub(super) fn close_blocks(&mut self, out: &mut Vec<Event<'_>>) {
        while !self.open_blocks.is_empty() {
            self.close_block(out);
        }
    }

    fn close_block(&mut self, out: &mut Vec<Event<'_>>) {
        let Some(opened) = self.open_blocks.pop() else { return };
        out.push(Event::Html(opened.close_html().into()));
        if opened.kind().is_some_and(kept_from_search) {
            self.text.muted -= 1;
        }
    }

    /// A ```` ```quiz ```` block (see [`QuizBlock`]): written as a quiz, or as the code it is
    /// when it has errors.
    pub(super) fn quiz<'a>(
        &mut self,
        info: CowStr<'a>,
        range: Range<usize>,
        inner: Vec<(Event<'a>, Range<usize>)>,
        block: QuizBlock,
        out: &mut Vec<Event<'a>>,
    ) {
        for p in block.problems {
            let offset = source_offset(&block.pieces, p.offset).unwrap_or(range.start);
            self.out.problems.push(Problem { offset, message: p.message, severity: p.severity });
        }
        let Some(quiz) = block.quiz else {
            out.push(code_block(&info, &inner, &[], self.labels));
            return;
        };
        self.out.quizzes += 1;
        let (number, prefix, labels) = (self.out.quizzes, self.id_prefix, self.labels);
        self.ids.reserve(&format!("quiz-{number}"));
        let html =
            quiz::html(&quiz, number, prefix, &labels.quiz, &mut |text, part| self.fragment(text, part, range.start));
        out.push(Event::Html(html.into()));
        self.text.space();
    }

    /// A piece of Markdown inside a quiz, rendered like the body; its problems point at the quiz.
    fn fragment(&mut self, text: &str, part: Part, offset: usize) -> String {
        let events: Vec<_> = Parser::new_ext(text, options()).map(|e| (e, offset..offset)).collect();
        let muted = usize::from(part == Part::Answer);
        self.text.muted += muted;
        let body = self.transform(events);
        self.text.muted -= muted;
        self.text.space();
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, body.into_iter());
        html
    }

    /// An image followed by an attribute list: its `alt` (else the text in brackets), classes and
    /// size are honoured.
    pub(super) fn image_with_attributes(
        &mut self,
        dest: CowStr<'_>,
        title: CowStr<'_>,
        bracket_alt: String,
        attributes: Attributes,
        offset: usize,
        out: &mut Vec<Event<'_>>,
    ) {
        let alt = attributes.get("alt").map_or(bracket_alt, str::to_string);
        let src = self.image(dest, &alt, offset);
        let mut html = String::from("<img src=\"");
        pulldown_cmark_escape::escape_href(&mut html, &src).expect("writing to a String cannot fail");
        html.push_str("\" alt=\"");
        escape_attr(&mut html, &alt);
        html.push('"');
        if !title.is_empty() {
            html.push_str(" title=\"");
            escape_attr(&mut html, &title);
            html.push('"');
        }
        if !attributes.classes.is_empty() {
            html.push_str(" class=\"");
            escape_attr(&mut html, &attributes.classes.join(" "));
            html.push('"');
        }
        let size: Vec<String> =
            ["width", "height"].iter().filter_map(|k| attributes.get(k).map(|v| format!("{k}: {v}"))).collect();
        if !size.is_empty() {
            html.push_str(" style=\"");
            escape_attr(&mut html, &size.join("; "));
            html.push('"');
        }
        html.push('>');
        out.push(Event::InlineHtml(html.into()));
    }

    /// `[text]{#id .class}` after a `[` that opened no link: a pandoc bracketed span, as Carpentries
    /// glossaries mark their terms. Writes the span and returns `true`, or leaves `iter` as it was.
    pub(super) fn bracketed_span<'a>(
        &mut self,
        open: &Range<usize>,
        iter: &mut std::vec::IntoIter<(Event<'a>, Range<usize>)>,
        out: &mut Vec<Event<'a>>,
    ) -> bool {
        let prepared = self.prepared;
        let source: &str = &prepared.text;
        if source.get(open.clone()) != Some("[") {
            return false;
        }
        let Some((close, attributes)) = span_end(source, iter.as_slice()) else { return false };
        let inner: Vec<_> = iter.by_ref().take(close).collect();
        iter.next(); // the `]`
        let Some((_, rest)) = take_attributes(source, iter) else {
            out.push(Event::Text("[".into()));
            out.extend(self.transform(inner));
            out.push(Event::Text("]".into()));
            return true;
        };
        out.push(Event::InlineHtml(self.span_start(&attributes).into()));
        out.extend(self.transform(inner));
        out.push(Event::InlineHtml("</span>".into()));
        out.extend(rest);
        true
    }

    fn span_start(&mut self, attributes: &Attributes) -> String {
        let mut html = String::from("<span");
        if let Some(id) = &attributes.id {
            self.ids.reserve(id);
            html.push_str(" id=\"");
            escape_attr(&mut html, &format!("{}{id}", self.id_prefix));
            html.push('"');
        }
        if !attributes.classes.is_empty() {
            html.push_str(" class=\"");
            escape_attr(&mut html, &attributes.classes.join(" "));
            html.push('"');
        }
        html.push('>');
        html
    }

    /// A kramdown attribute list alone on its line (`{: .language-bash}` after a code block,
    /// `{:start="2"}` before a paragraph), as older Carpentries and Jekyll lessons write them: it
    /// only styled the page in Jekyll, so it is left out rather than shown as text.
    pub(super) fn kramdown_attributes<'a>(
        &mut self,
        text: &str,
        iter: &mut std::vec::IntoIter<(Event<'a>, Range<usize>)>,
        out: &mut Vec<Event<'a>>,
    ) -> bool {
        let is_list = text.starts_with("{:") && text.ends_with('}') && text.matches('}').count() == 1;
        let line_start = matches!(out.last(), Some(Event::Start(Tag::Paragraph) | Event::SoftBreak));
        let line_end = matches!(iter.as_slice().first(), Some((Event::SoftBreak | Event::End(TagEnd::Paragraph), _)));
        if !(is_list && line_start && line_end) {
            return false;
        }
        let paragraph_start = matches!(out.last(), Some(Event::Start(Tag::Paragraph)));
        match iter.as_slice().first() {
            Some((Event::End(TagEnd::Paragraph), _)) if paragraph_start => {
                out.pop();
                iter.next();
            }
            Some((Event::End(TagEnd::Paragraph), _)) => {
                out.pop(); // the line break before it
            }
            _ => {
                iter.next(); // the line break after it
            }
        }
        true
    }

    /// Turns positions in the prepared text into positions in the author's text, and adds the
    /// problems found while preparing it.
    pub(super) fn locate_problems(&mut self) {
        let map = &self.prepared.map;
        for problem in &mut self.out.problems {
            problem.offset = map.original(problem.offset);
        }
        for (offset, _) in &mut self.out.anchors {
            *offset = map.original(*offset);
        }
        self.out.problems.extend(self.prepared.problems.iter().cloned());
    }
}

/// The `]` that closes a bracketed span (its index in `pending`, at the same depth as the `[`)
/// and the attribute list right after it.
fn span_end(source: &str, pending: &[(Event<'_>, Range<usize>)]) -> Option<(usize, Attributes)> {
    const LONGEST: usize = 256;
    let mut depth = 0usize;
    for (i, (event, range)) in pending.iter().take(LONGEST).enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return None,
            Event::End(_) => depth -= 1,
            Event::Text(t) if depth == 0 && t.as_ref() == "]" && source.get(range.clone()) == Some("]") => {
                let (attributes, _) = source.get(range.end..).and_then(attributes::parse)?;
                return Some((i, attributes));
            }
            _ => {}
        }
    }
    None
}

/// An attribute list written right after an image, read from the source as written (so `*` in
/// an `alt` is not emphasis): the attributes, and the text left after the list's `}`.
pub(super) fn take_attributes<'a>(
    source: &str,
    iter: &mut std::vec::IntoIter<(Event<'a>, Range<usize>)>,
) -> Option<(Attributes, Option<Event<'a>>)> {
    let pending = iter.as_slice();
    let (Event::Text(first), range) = pending.first()? else { return None };
    if !first.starts_with('{') || !source.get(range.start..)?.starts_with('{') {
        return None;
    }
    let (found, len) = attributes::parse(&source[range.start..])?;
    let end = range.start + len;
    let mut depth = 0usize;
    let mut taken = 0;
    for (event, range) in pending.iter().take_while(|(_, r)| r.start < end) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break, // the end of the paragraph holding the image
            Event::End(_) => depth -= 1,
            _ => {}
        }
        taken += 1;
        if range.end > end && (depth > 0 || !matches!(event, Event::Text(_))) {
            return None;
        }
    }
    if depth > 0 {
        return None;
    }
    let last = iter.nth(taken - 1)?;
    let rest = match last {
        (Event::Text(text), range) if range.end > end => {
            // Text the parser did not change can be cut where the list ends.
            let cut = if text.len() == range.len() { &text[end - range.start..] } else { &source[end..range.end] };
            Some(Event::Text(cut.to_string().into()))
        }
        _ => None,
    };
    Some((found, rest))
}

/// A fenced code block read as a quiz: its language is `quiz` (```` ```quiz ````, ```` ```{.quiz} ````,
/// or kramdown's `{: .language-quiz}` after it), its text is the quiz's YAML.
pub(super) struct QuizBlock {
    /// `None` when the YAML has errors: the block is shown as the code it is.
    pub quiz: Option<quiz::Quiz>,
    /// At byte offsets of the YAML (see `pieces`).
    pub problems: Vec<quiz::QuizProblem>,
    /// Where each piece of the YAML starts: in the YAML, and in the source.
    pub pieces: Vec<(usize, usize)>,
}

/// The fenced code block with info string `info` and the events `inner` as a quiz, checked;
/// `None` when it is no quiz block. The one judge of what is a quiz, for [`count_quizzes`] and
/// the renderer alike.
pub(super) fn quiz_block(info: &str, inner: &[(Event<'_>, Range<usize>)]) -> Option<QuizBlock> {
    if code_language(info) != "quiz" {
        return None;
    }
    let mut yaml = String::new();
    let mut pieces = Vec::new();
    for (event, at) in inner {
        if let Event::Text(text) = event {
            pieces.push((yaml.len(), at.start));
            yaml.push_str(text);
        }
    }
    let (quiz, problems) = quiz::parse(&yaml);
    Some(QuizBlock { quiz, problems, pieces })
}

/// The self-check quizzes of the page body `source`: the blocks [`super::render`] writes as
/// quizzes (its [`super::Rendered::quizzes`]), found as it finds them (the same translation of
/// older markup, training blocks and parser) without rendering anything. What the site's tree
/// counts to set time aside for quizzes before any page is rendered.
pub fn count_quizzes(source: &str) -> usize {
    // Each way of writing a quiz block names it: most bodies are passed over here.
    if memchr::memmem::find(source.as_bytes(), b"quiz").is_none() {
        return 0;
    }
    let translated = super::kramdown::translate(source, &super::kramdown::NoSite);
    let prepared = super::blocks::prepare(&translated.text);
    let mut events = Parser::new_ext(&prepared.text, options()).into_offset_iter();
    let mut count = 0;
    while let Some((event, _)) = events.next() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event {
            let inner = take_until_end(&mut events);
            count += usize::from(quiz_block(&info, &inner).is_some_and(|b| b.quiz.is_some()));
        }
    }
    count
}

/// The language of a code fence: its first word, or the first class of an attribute list
/// (```` ```{.language-bash} ````, ```` ```{.python} ````).
pub(super) fn code_language(info: &str) -> String {
    let info = info.trim();
    if info.starts_with('{') {
        let class = attributes::parse(info).and_then(|(a, _)| a.classes.into_iter().next()).unwrap_or_default();
        return class.strip_prefix("language-").map_or(class.clone(), str::to_string);
    }
    info.split([' ', ',', '{']).next().unwrap_or_default().to_string()
}

/// The classes of a code fence written as an attribute list (```` ```{.output} ````).
pub(super) fn fence_classes(info: &str) -> Vec<String> {
    let info = info.trim();
    if !info.starts_with('{') {
        return Vec::new();
    }
    attributes::parse(info).map(|(a, _)| a.classes).unwrap_or_default()
}

/// The classes of a kramdown attribute list on the line after a code block (`{: .output}`, as
/// older Carpentries lessons mark output), taking that line from `iter`.
pub(super) fn take_code_attributes(iter: &mut std::vec::IntoIter<(Event<'_>, Range<usize>)>) -> Vec<String> {
    let [(Event::Start(Tag::Paragraph), _), (Event::Text(text), _), (Event::End(TagEnd::Paragraph), _), ..] =
        iter.as_slice()
    else {
        return Vec::new();
    };
    let Some(list) = text.strip_prefix("{:") else { return Vec::new() };
    let Some((found, len)) = attributes::parse(&format!("{{{list}")) else { return Vec::new() };
    if len != list.len() + 1 {
        return Vec::new();
    }
    iter.nth(2);
    found.classes
}

/// How many training blocks are open after a top-level HTML block that may be a marker.
pub(super) fn blocks_after(open: usize, mark: Option<&Mark>) -> usize {
    match mark {
        Some(Mark::Open(_)) => open + 1,
        Some(Mark::Close) => open.saturating_sub(1),
        _ => open,
    }
}

/// The source offset of byte `offset` of text assembled from `pieces` (start in the assembled
/// text, start in the source).
fn source_offset(pieces: &[(usize, usize)], offset: usize) -> Option<usize> {
    let i = pieces.partition_point(|(start, _)| *start <= offset).checked_sub(1)?;
    let (start, source) = pieces[i];
    Some(source + offset - start)
}

/// Blocks whose text search leaves out (their summary heading stays): instructor notes, and
/// what would give an answer away in an excerpt: solutions, hints, spoilers.
fn kept_from_search(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Instructor | BlockKind::Solution | BlockKind::Hint | BlockKind::Spoiler)
}

#[cfg(test)]
mod tests {
    use super::super::{AnchorCheck, Labels, LinkResolver, Rendered, Resolution, render, render_prefixed};
    use super::*;
    use crate::diagnostics::Severity;
    use crate::msg;

    /// `#anchors` stay on the page; every other destination is kept as written.
    struct Page;

    impl LinkResolver for Page {
        fn resolve_link(&self, destination: &str) -> Resolution {
            match destination.strip_prefix('#') {
                Some(id) => {
                    Resolution::Local { href: destination.into(), anchor: Some(AnchorCheck { page: 0, id: id.into() }) }
                }
                None if destination.starts_with("roto") => {
                    Resolution::Broken(msg!("link-outside-content", link = destination))
                }
                None => Resolution::Keep,
            }
        }

        fn resolve_image(&self, destination: &str) -> Resolution {
            self.resolve_link(destination)
        }
    }

    fn labels() -> Labels {
        let mut labels = Labels::default();
        for kind in BlockKind::ALL {
            labels.blocks[kind as usize] = format!("T-{}", kind.name());
        }
        labels
    }

    fn md(text: &str) -> Rendered {
        render(text, &labels(), &Page)
    }

    #[test]
    fn blocks_nest_and_collapse() {
        let r = md("::: challenge\n## Reto\nHaz algo.\n:::: solution\nHecho.\n::::\n:::\n");
        assert_eq!(
            r.html,
            "<div class=\"block block-challenge\">\n<p class=\"block-title\">T-challenge</p>\n\
             <h2 id=\"reto\">Reto<a class=\"anchor\" href=\"#reto\" aria-label=\"\">#</a></h2>\n<p>Haz algo.</p>\n\
             <details class=\"block block-solution\">\n<summary>T-solution</summary>\n<p>Hecho.</p>\n</details>\n</div>\n"
        );
        assert_eq!(r.toc, [], "headings inside blocks stay out of the outline");
        assert!(r.ids.contains(&"reto".to_string()), "but they have ids");
    }

    #[test]
    fn problems_inside_blocks_point_at_the_file() {
        let text = "Intro.\n\n::::::::: callout\nVer [esto](roto.md) y [aquí](#nada).\n:::::::::\n\n![](roto.png)\n";
        let r = md(text);
        let offsets: Vec<_> = r.problems.iter().map(|p| p.offset).collect();
        assert_eq!(offsets, [text.find("[esto]").unwrap(), text.find("![]").unwrap(), text.find("![]").unwrap()]);
        assert_eq!(r.anchors[0].0, text.find("[aquí]").unwrap());
    }

    #[test]
    fn unknown_and_unclosed_blocks_warn_and_still_render() {
        let r = md("::: testimonio\nBien.\n:::\n\n::: hint\nUna pista.\n");
        assert!(r.html.starts_with("<div class=\"block block-testimonio\">\n<p>Bien.</p>\n</div>\n"), "{}", r.html);
        assert!(r.html.ends_with("<p>Una pista.</p>\n</details>\n"), "{}", r.html);
        let found: Vec<_> = r.problems.iter().map(|p| (p.offset, p.severity)).collect();
        assert_eq!(found, [(4, Severity::Warning), (26, Severity::Warning)]);
    }

    #[test]
    fn instructor_notes_are_kept_from_search_and_summary() {
        let r = md("::: instructor\nDi que sí.\n:::\n\nPrimer párrafo.\n");
        assert!(r.instructor_notes);
        assert!(r.html.contains("<div class=\"block block-instructor\" data-search=\"skip\">"));
        assert_eq!(r.summary, "Primer párrafo.");
        let text: String = r.sections.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "Primer párrafo.");
    }

    #[test]
    fn solutions_hints_and_spoilers_are_kept_from_search() {
        let r = md(
            "Pregunta abierta.\n\n::: solution\n## Solución\n\nLa respuesta secreta.\n:::\n\n::: hint\nUna pista.\n:::\n\n::: spoiler\nEl final.\n:::\n",
        );
        let text: String = r.sections.iter().map(|s| s.text.as_str()).collect();
        assert!(text.contains("Pregunta abierta") && text.contains("Solución"), "{text}");
        for hidden in ["secreta", "pista", "final"] {
            assert!(!text.contains(hidden), "{hidden}: {text}");
        }
    }

    #[test]
    fn quizzes_keep_answers_from_search() {
        let text = "```quiz\nquestion: ¿Cuál?\noptions:\n  - text: Esta\n    correct: true\n    feedback: Bien visto\n  - text: Otra\nexplanation: Porque sí.\n```\n";
        let r = md(text);
        assert_eq!(r.quizzes, 1);
        assert!(r.html.contains("<input type=\"radio\" name=\"quiz-1\" value=\"0\" data-correct> <span>Esta</span>"));
        let text: String = r.sections.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "¿Cuál?");
    }

    #[test]
    fn quizzes_are_counted_as_they_render() {
        const QUIZ: &str = "question: ¿Sí?\noptions:\n  - text: Sí\n    correct: true\n  - text: 'No'\n";
        let quoted: String = QUIZ.lines().map(|l| format!("> {l}\n")).collect();
        let indented: String = QUIZ.lines().map(|l| format!("   {l}\n")).collect();
        let cases: &[(&str, String, usize)] = &[
            ("plain", format!("```quiz\n{QUIZ}```\n"), 1),
            ("tildes and a space", format!("~~~ quiz\n{QUIZ}~~~\n"), 1),
            ("attribute list", format!("```{{.quiz}}\n{QUIZ}```\n"), 1),
            ("kramdown class after it", format!("```\n{QUIZ}```\n{{: .language-quiz}}\n"), 1),
            ("two", format!("```quiz\n{QUIZ}```\n\nTexto.\n\n```quiz\n{QUIZ}```\n"), 2),
            ("in a blockquote", format!("> ```quiz\n{quoted}> ```\n"), 1),
            ("in a list item", format!("- Punto:\n\n   ```quiz\n{indented}   ```\n"), 1),
            ("in a training block", format!("::: challenge\n```quiz\n{QUIZ}```\n:::\n"), 1),
            (
                "in a footnote",
                format!("Ver[^1].\n\n[^1]: Nota.\n\n    ```quiz\n    {}\n    ```\n", QUIZ.replace('\n', "\n    ")),
                1,
            ),
            ("never closed", format!("```quiz\n{QUIZ}"), 1),
            ("inside a longer code fence", format!("````markdown\n```quiz\n{QUIZ}```\n````\n"), 0),
            ("indented code", "    ```quiz\n    question: q\n    ```\n".to_string(), 0),
            ("inline code", "Escribe ```quiz``` y luego el YAML.\n".to_string(), 0),
            ("another language", format!("```quizzes\n{QUIZ}```\n"), 0),
            ("with errors, shown as code", "```quiz\nquestion: q\noptions: [{text: a}]\n```\n".to_string(), 0),
            ("not YAML", "```quiz\nquestion: [sin cerrar\n```\n".to_string(), 0),
            ("only the word", "Un quiz al final.\n".to_string(), 0),
        ];
        for (name, text, want) in cases {
            assert_eq!(count_quizzes(text), *want, "{name}: {text}");
            assert_eq!(md(text).quizzes, *want, "{name} renders as counted: {text}");
        }
    }

    #[test]
    fn quiz_errors_are_at_their_line() {
        let text = "Texto.\n\n```quiz\nquestion: ¿Cuál?\noptions:\n  - text: [sin cerrar\n```\n";
        let r = md(text);
        assert_eq!(r.quizzes, 0);
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].severity, Severity::Error);
        let line = crate::diagnostics::line_col(text, r.problems[0].offset).0;
        assert_eq!(line, 6, "the line of the unclosed bracket: {:?}", r.problems);
        assert!(r.html.contains("<code class=\"language-quiz\">question:"), "shown as written: {}", r.html);
    }

    #[test]
    fn image_attributes() {
        let r = md("![](a.svg){alt='Un *árbol* de \\*carpetas\\*' width=\"50%\"} al lado\n");
        assert_eq!(
            r.html,
            "<p><img src=\"a.svg\" alt=\"Un *árbol* de *carpetas*\" style=\"width: 50%\"> al lado</p>\n"
        );
        assert_eq!(r.problems, []);
        let r = md("![Texto](a.svg){.ancha}\n");
        assert_eq!(r.html, "<p><img src=\"a.svg\" alt=\"Texto\" class=\"ancha\"></p>\n");
        let r = md("![](a.svg){no es una lista}\n");
        assert_eq!(r.problems.len(), 1, "no alt text");
        assert!(r.html.contains("{no es una lista}"));
    }

    #[test]
    fn bracketed_spans() {
        let r = md(
            "[changeset]{#changeset}\n:   Un grupo de cambios; ver [*commit*]{#commit .term} y [esto](#changeset).\n",
        );
        assert!(r.html.contains("<dt><span id=\"changeset\">changeset</span></dt>"), "{}", r.html);
        assert!(r.html.contains("<span id=\"commit\" class=\"term\"><em>commit</em></span> y"), "{}", r.html);
        assert!(r.ids.contains(&"changeset".to_string()) && r.ids.contains(&"commit".to_string()));
        let r = md("[sin atributos] y [roto]{no}\n");
        assert_eq!(r.html, "<p>[sin atributos] y [roto]{no}</p>\n");
    }

    #[test]
    fn kramdown_attribute_lines_are_left_out() {
        let r = md(
            "```\nls\n```\n{: .language-bash}\n\n{:start=\"2\"}\n2\\. Si creas\n\n> Cita\n{: .challenge}\n\nTexto {: .x} y {:no}\n",
        );
        // The kramdown pass gives the code its language and the quote its block (see kramdown.rs).
        assert!(r.html.contains("<code class=\"language-bash\">"), "{}", r.html);
        assert!(r.html.ends_with(
            "<p>2. Si creas</p>\n<div class=\"block block-challenge\">\n<p class=\"block-title\">T-challenge</p>\n<p>Cita</p>\n</div>\n<p>Texto {: .x} y {:no}</p>\n"
        ));
    }

    #[test]
    fn kramdown_attributes_after_a_code_block_apply_to_it() {
        let r = md("```\nls\n```\n{: .language-bash}\n\n```\ndata\n```\n{: .output}\n\n```\nx\n```\n{: .error}\n");
        assert!(r.html.contains("<code class=\"language-bash\"><span class=\"hl-"), "{}", r.html);
        assert!(r.html.contains("<div class=\"code-block code-output\">"), "{}", r.html);
        assert!(r.html.contains("<div class=\"code-block code-error\">"), "{}", r.html);
        assert!(!r.html.contains("{:"), "{}", r.html);
        let r =
            md("> ~~~\n> $ git status\n> ~~~\n> {: .language-bash}\n> ~~~\n> On branch main\n> ~~~\n> {: .output}\n");
        assert!(r.html.contains("<span class=\"prompt\">$ </span>"), "inside a quote too: {}", r.html);
        assert!(r.html.contains("<div class=\"code-block code-output\">"), "{}", r.html);
    }

    #[test]
    fn code_fence_attributes() {
        assert_eq!(code_language("{.language-bash}"), "bash");
        assert_eq!(code_language("{.python .numberLines}"), "python");
        assert_eq!(code_language("rust,ignore"), "rust");
        assert_eq!(code_language("{}"), "");
        assert_eq!(fence_classes("{.output .wide}"), ["output", "wide"]);
        for fence in ["```{.language-output}", "```{.output}", "```output", "``` {.output}"] {
            let r = md(&format!("{fence}\nhola\n```\n"));
            assert!(r.html.starts_with("<div class=\"code-block code-output\">"), "{fence}: {}", r.html);
            assert!(r.html.contains("><code>hola\n</code></pre>"), "{fence}: {}", r.html);
        }
    }

    #[test]
    fn a_heading_first_in_a_solution_is_its_summary() {
        let r =
            md("::: solution\n## Solución\nHecho.\n:::\n\n::: hint\n### Pista para el *1* {#pista-1}\nMira.\n:::\n");
        assert_eq!(
            r.html,
            "<details class=\"block block-solution\">\n<summary id=\"solucion\">Solución</summary>\n<p>Hecho.</p>\n</details>\n\
             <details class=\"block block-hint\">\n<summary id=\"pista-1\">Pista para el <em>1</em></summary>\n<p>Mira.</p>\n</details>\n"
        );
        assert!(r.ids.contains(&"solucion".to_string()) && r.ids.contains(&"pista-1".to_string()));
        let r = render_prefixed("::: solution\n## Solution to 1\nDone.\n:::\n", &labels(), &Page, "l1-");
        assert!(
            r.html.contains("<summary id=\"l1-solution-to-1\">Solution to 1</summary>\n<p>Done.</p>"),
            "{}",
            r.html
        );
        let r = md("::: solution\nHecho.\n\n## Después\n:::\n");
        assert!(r.html.contains("<summary>T-solution</summary>\n<p>Hecho.</p>\n<h2 id=\"despues\">"), "{}", r.html);
    }

    #[test]
    fn prefixed_ids_keep_bodies_apart() {
        let r = render_prefixed("## Uno\n\n[arriba](#uno) y nota[^a].\n\n[^a]: Nota.\n", &labels(), &Page, "l2-");
        assert!(r.html.contains("<h2 id=\"l2-uno\">"));
        assert!(r.html.contains("href=\"#l2-uno\">arriba</a>"));
        assert!(r.html.contains("<a href=\"#fn-l2-a\" id=\"fnref-l2-a\">1</a>"), "{}", r.html);
        assert!(r.html.contains("<li id=\"fn-l2-a\">"));
        assert_eq!(r.toc[0].id, "l2-uno");
    }
}
