//! Training blocks: fenced divs as pandoc and Carpentries lessons write them, `::: challenge` …
//! `:::`, nested (`:::: solution` inside), closed by any bare run of three or more colons.
//!
//! pulldown-cmark has no fenced divs, so [`prepare`] finds the fence lines first (skipping fenced
//! and indented code) and puts a one-line HTML comment in place of each: an HTML block, which
//! ends a paragraph, list or quote just as a fence does. The renderer recognises those comments by
//! their position and writes the block's opening or closing HTML there. An [`OffsetMap`] turns
//! positions in the prepared text back into positions in the author's file, so every diagnostic
//! still points at the right line.

use std::borrow::Cow;
use std::ops::Range;

use super::{Labels, Problem, attributes, escape_attr, escape_text};
use crate::diagnostics::{Severity, nearest};
use crate::messages::Message;
use crate::msg;

/// The kinds of training block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Objectives,
    Questions,
    Keypoints,
    Challenge,
    Solution,
    Hint,
    Callout,
    Discussion,
    Checklist,
    Prereq,
    Instructor,
    Spoiler,
}

impl BlockKind {
    pub const ALL: [BlockKind; 12] = [
        BlockKind::Objectives,
        BlockKind::Questions,
        BlockKind::Keypoints,
        BlockKind::Challenge,
        BlockKind::Solution,
        BlockKind::Hint,
        BlockKind::Callout,
        BlockKind::Discussion,
        BlockKind::Checklist,
        BlockKind::Prereq,
        BlockKind::Instructor,
        BlockKind::Spoiler,
    ];

    /// The name written after the colons.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Objectives => "objectives",
            BlockKind::Questions => "questions",
            BlockKind::Keypoints => "keypoints",
            BlockKind::Challenge => "challenge",
            BlockKind::Solution => "solution",
            BlockKind::Hint => "hint",
            BlockKind::Callout => "callout",
            BlockKind::Discussion => "discussion",
            BlockKind::Checklist => "checklist",
            BlockKind::Prereq => "prereq",
            BlockKind::Instructor => "instructor",
            BlockKind::Spoiler => "spoiler",
        }
    }

    pub fn from_name(name: &str) -> Option<BlockKind> {
        BlockKind::ALL.into_iter().find(|k| k.name().eq_ignore_ascii_case(name))
    }

    /// Shown closed, as `<details>`, until the reader opens it.
    pub fn collapsed(self) -> bool {
        matches!(self, BlockKind::Solution | BlockKind::Hint | BlockKind::Spoiler)
    }
}

/// What a fence opens: a known kind, or a kind aula does not know (shown as a plain box).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    Known(BlockKind),
    Unknown(String),
}

impl Opened {
    pub fn kind(&self) -> Option<BlockKind> {
        match self {
            Opened::Known(k) => Some(*k),
            Opened::Unknown(_) => None,
        }
    }

    /// The block's opening HTML, titled in the site's language.
    pub fn open_html(&self, labels: &Labels) -> String {
        let mut html = String::with_capacity(96);
        match self {
            Opened::Known(kind) if kind.collapsed() => {
                html.push_str(&format!("<details class=\"block block-{}\">\n<summary>", kind.name()));
                escape_text(&mut html, labels.block_title(*kind));
                html.push_str("</summary>\n");
            }
            Opened::Known(kind) => {
                // Instructor notes are for the instructor view only: search leaves them out.
                let skip = if *kind == BlockKind::Instructor { " data-search=\"skip\"" } else { "" };
                html.push_str(&format!("<div class=\"block block-{}\"{skip}>\n<p class=\"block-title\">", kind.name()));
                escape_text(&mut html, labels.block_title(*kind));
                html.push_str("</p>\n");
            }
            Opened::Unknown(name) => {
                html.push_str("<div class=\"block block-");
                escape_attr(&mut html, name);
                html.push_str("\">\n");
            }
        }
        html
    }

    pub fn close_html(&self) -> &'static str {
        match self {
            Opened::Known(kind) if kind.collapsed() => "</details>\n",
            _ => "</div>\n",
        }
    }
}

/// What a marker line in the prepared text stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    Open(Opened),
    Close,
    /// A closing fence with no block to close: it renders as nothing.
    Stray,
}

/// Markdown with its fence lines replaced by markers, ready for the parser.
pub struct Prepared<'a> {
    pub text: Cow<'a, str>,
    /// Marker lines, in order: their byte range in `text` and what they stand for.
    pub marks: Vec<(Range<usize>, Mark)>,
    pub map: OffsetMap,
    /// Unknown kinds, unclosed blocks and stray fences, at offsets of the original text.
    pub problems: Vec<Problem>,
}

impl Prepared<'_> {
    /// The mark whose line holds byte `offset` of the prepared text.
    pub fn mark_at(&self, offset: usize) -> Option<&Mark> {
        let i = self.marks.partition_point(|(range, _)| range.end <= offset);
        self.marks.get(i).filter(|(range, _)| range.start <= offset).map(|(_, mark)| mark)
    }
}

/// The line that stands for a fence in the prepared text: an HTML comment, which CommonMark
/// reads as an HTML block that can interrupt a paragraph and ends on its own line.
const MARKER: &str = "<!-- aula block -->";

/// Finds the training blocks of `source` and prepares it for the Markdown parser.
pub fn prepare(source: &str) -> Prepared<'_> {
    let fences = fences(source);
    let mut prepared =
        Prepared { text: Cow::Borrowed(source), marks: Vec::new(), map: OffsetMap::default(), problems: Vec::new() };
    if fences.is_empty() {
        return prepared;
    }
    let mut text = String::with_capacity(source.len() + fences.len() * MARKER.len());
    let mut copied = 0;
    let mut open: Vec<&Fence> = Vec::new();
    for fence in &fences {
        let mark = match &fence.opens {
            Some(word) => {
                let opened = opened(source, fence, word, &mut prepared.problems);
                open.push(fence);
                Mark::Open(opened)
            }
            None if open.pop().is_some() => Mark::Close,
            None => {
                prepared.problems.push(warning(fence.line.start + fence.indent, msg!("block-closes-nothing")));
                Mark::Stray
            }
        };
        let marker_start = fence.line.start + fence.indent;
        text.push_str(&source[copied..marker_start]);
        let new_start = text.len();
        text.push_str(MARKER);
        prepared.map.edits.push(Edit { new: new_start..text.len(), old: marker_start..fence.line.end });
        prepared.marks.push((new_start - fence.indent..text.len(), mark));
        copied = fence.line.end;
    }
    text.push_str(&source[copied..]);
    for fence in open {
        let name = fence.opens.as_ref().map_or("", |w| w.name.as_str());
        prepared.problems.push(warning(fence.line.start + fence.indent, msg!("block-not-closed", kind = name)));
    }
    prepared.text = Cow::Owned(text);
    prepared
}

/// Whether `source` has a key points block: what the course's key points page shows of it
/// besides its front matter (see [`bodies_of`]).
pub fn has_keypoints(source: &str) -> bool {
    !bodies_of(source, BlockKind::Keypoints).is_empty()
}

/// The Markdown inside each block of `kind` in `source`, in order (nested blocks included).
pub fn bodies_of(source: &str, kind: BlockKind) -> Vec<&str> {
    let mut bodies = Vec::new();
    let mut open: Vec<&Fence> = Vec::new();
    let fences = fences(source);
    for fence in &fences {
        if fence.opens.is_some() {
            open.push(fence);
            continue;
        }
        let Some(opener) = open.pop() else { continue };
        if opener.opens.as_ref().is_some_and(|w| BlockKind::from_name(&w.name) == Some(kind)) {
            let start = (opener.line.end + 1).min(fence.line.start);
            bodies.push(&source[start..fence.line.start]);
        }
    }
    bodies
}

/// Positions in the prepared text back to positions in the original.
#[derive(Debug, Default)]
pub struct OffsetMap {
    edits: Vec<Edit>,
}

#[derive(Debug)]
struct Edit {
    new: Range<usize>,
    old: Range<usize>,
}

impl OffsetMap {
    pub fn original(&self, offset: usize) -> usize {
        let i = self.edits.partition_point(|e| e.new.start <= offset);
        match i.checked_sub(1).map(|i| &self.edits[i]) {
            None => offset,
            Some(e) if offset < e.new.end => e.old.start,
            Some(e) => e.old.end + (offset - e.new.end),
        }
    }
}

/// A fence line: `line` is its byte range without the line ending, `indent` the bytes before the
/// colons, `opens` the kind it opens (`None` for a closing fence).
#[derive(Debug)]
struct Fence {
    line: Range<usize>,
    indent: usize,
    opens: Option<KindWord>,
}

/// The kind written on an opening fence, and the byte offset where it is written.
#[derive(Debug)]
struct KindWord {
    name: String,
    offset: usize,
}

fn opened(source: &str, fence: &Fence, word: &KindWord, problems: &mut Vec<Problem>) -> Opened {
    if let Some(kind) = BlockKind::from_name(&word.name) {
        return Opened::Known(kind);
    }
    let known = BlockKind::ALL.map(BlockKind::name);
    let advice = match nearest(&word.name, known) {
        Some(near) => msg!("did-you-mean", key = near),
        None => msg!("block-kinds", kinds = known.join("`, `")),
    };
    let shown = source[fence.line.clone()].trim();
    let message = msg!("block-unknown-kind", kind = word.name.as_str(), line = shown, advice = advice);
    problems.push(warning(word.offset, message));
    let class: String =
        word.name.chars().map(|c| if c.is_alphanumeric() || c == '-' { c.to_ascii_lowercase() } else { '-' }).collect();
    Opened::Unknown(class)
}

fn warning(offset: usize, message: Message) -> Problem {
    Problem { offset, message, severity: Severity::Warning }
}

/// The fence lines of `source`, outside code blocks.
fn fences(source: &str) -> Vec<Fence> {
    let mut found = Vec::new();
    if memchr::memmem::find(source.as_bytes(), b":::").is_none() {
        return found;
    }
    let mut code: Option<(u8, usize)> = None;
    let mut start = 0;
    for line in source.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        let Some(indent) = block_indent(text) else {
            continue; // indented code, or a continuation of something indented
        };
        let rest = &text[indent..];
        if let Some((ch, len)) = code {
            if closes_code(rest, ch, len) {
                code = None;
            }
            continue;
        }
        if let Some(opened) = opens_code(rest) {
            code = Some(opened);
        } else if rest.starts_with(":::") {
            let line = line_start..line_start + text.len();
            found.push(fence(rest, line, indent));
        }
    }
    found
}

/// The bytes of indentation before a block marker (at most three spaces), or `None` when the line
/// is indented further.
fn block_indent(line: &str) -> Option<usize> {
    let spaces = line.bytes().take_while(|&b| b == b' ').count();
    (spaces <= 3 && !line[spaces..].starts_with('\t')).then_some(spaces)
}

fn opens_code(rest: &str) -> Option<(u8, usize)> {
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == ch).count();
    let info = &rest[len..];
    (len >= 3 && !(ch == b'`' && info.contains('`'))).then_some((ch, len))
}

fn closes_code(rest: &str, ch: u8, len: usize) -> bool {
    let run = rest.bytes().take_while(|&b| b == ch).count();
    run >= len && rest[run..].trim().is_empty()
}

/// A line starting with `:::`: a closing fence, or an opening one with its kind.
fn fence(rest: &str, line: Range<usize>, indent: usize) -> Fence {
    let colons = rest.bytes().take_while(|&b| b == b':').count();
    let after = &rest[colons..];
    let spec = after.trim_start();
    let spec_offset = line.start + indent + colons + (after.len() - spec.len());
    let name = if spec.starts_with('{') {
        attributes::parse(spec).and_then(|(a, _)| a.classes.into_iter().next()).unwrap_or_else(|| spec.to_string())
    } else {
        spec.split_whitespace().next().unwrap_or_default().trim_end_matches(':').to_string()
    };
    let opens = (!name.is_empty()).then_some(KindWord { name, offset: spec_offset });
    Fence { line, indent, opens }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;

    fn marks(source: &str) -> Vec<Mark> {
        prepare(source).marks.into_iter().map(|(_, m)| m).collect()
    }

    #[test]
    fn fences_open_and_close_by_nesting() {
        let source = "::::: challenge\n## Reto\n:::: solution\nSí.\n::::\n:::::\n";
        use BlockKind::*;
        assert_eq!(
            marks(source),
            [Mark::Open(Opened::Known(Challenge)), Mark::Open(Opened::Known(Solution)), Mark::Close, Mark::Close]
        );
        // Carpentries closes every block with the same long run.
        let source = ":::::::::: challenge\n::::: solution\nx\n::::::::::\n::::::::::\n";
        assert_eq!(
            marks(source),
            [Mark::Open(Opened::Known(Challenge)), Mark::Open(Opened::Known(Solution)), Mark::Close, Mark::Close]
        );
        assert_eq!(marks("::: {.callout}\nx\n:::\n"), [Mark::Open(Opened::Known(Callout)), Mark::Close]);
        assert_eq!(marks(":::  Instructor :::\nx\n:::\n"), [Mark::Open(Opened::Known(Instructor)), Mark::Close]);
    }

    #[test]
    fn fences_inside_code_are_text() {
        for source in [
            "```\n::: challenge\n```\n",
            "~~~~ md\n::: challenge\n~~~\n:::\n~~~~\n",
            "    ::: challenge\n",
            "\t::: challenge\n",
            "> ::: challenge\n",
            "texto ::: challenge\n",
        ] {
            assert_eq!(marks(source), [], "{source:?}");
        }
        assert_eq!(marks("```\ncode\n```\n::: hint\n:::\n").len(), 2);
    }

    #[test]
    fn offsets_map_back_to_the_source() {
        let source = "a\n::: challenge\n[x](y)\n:::\nz\n";
        let p = prepare(source);
        let link = p.text.find("[x]").unwrap();
        assert_eq!(p.map.original(link), source.find("[x]").unwrap());
        assert_eq!(p.map.original(p.text.find('z').unwrap()), source.find('z').unwrap());
        assert_eq!(p.map.original(1), 1);
        let marker = p.text.find(MARKER).unwrap();
        assert_eq!(p.map.original(marker + 3), 2, "inside a marker: the fence line");
        assert!(matches!(p.mark_at(marker), Some(Mark::Open(_))));
        assert_eq!(p.mark_at(0), None);
    }

    #[test]
    fn problems_are_located() {
        let source = "::: chalenge\nx\n:::\n:::\n\n  ::: solution\n";
        let p = prepare(source);
        let rendered: Vec<_> = p.problems.iter().map(|p| (p.offset, p.message.render(Language::En))).collect();
        let found: Vec<_> = rendered.iter().map(|(at, m)| (*at, m.as_str())).collect();
        assert_eq!(
            found,
            [
                (4, "unknown block kind `chalenge` in `::: chalenge`: did you mean `challenge`?"),
                (
                    19,
                    "`:::` closes no open block: remove the line, or open a block above it with `::: challenge` (or another kind)"
                ),
                (26, "block `solution` is not closed: add a line `:::` where it ends"),
            ]
        );
    }

    #[test]
    fn bodies_of_a_kind() {
        let source = "::: keypoints\n- uno\n:::\n\n::: challenge\nx\n:::\n:::: keypoints\n- dos\n::::\n";
        assert_eq!(bodies_of(source, BlockKind::Keypoints), ["- uno\n", "- dos\n"]);
    }
}
