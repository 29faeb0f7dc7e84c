//! Older Carpentries lessons (Jekyll + kramdown) turned into the Markdown aula renders, before
//! anything else reads the page: a pure text pass, line by line.
//!
//! - A blockquote closed by `{: .challenge}` (or another [`BlockKind`]) becomes the fenced div
//!   `::: challenge` … `:::`, nested ones (`> {: .solution}`) too, so it renders exactly as one.
//!   `{: .testimonial}` stays a blockquote, `{: .caution}` (`.note`, `.tip`…) is that GitHub alert.
//! - `{: .language-bash}`, `{: .output}`, `{: .error}` after a fenced code block (in a list item
//!   too) become its info string (` ```bash `, ` ```output `…); `{:auto_ids}` gives the terms of
//!   the definition list after it kramdown's ids.
//! - Liquid: `{{ page.root }}` is the page's way back to its lesson root, `{% link x.md %}` the
//!   path of `x.md` from there, `{{ site.key }}` a value the caller knows, `{% include x.md %}`
//!   the link definitions of that include (the caller finds its text), `{% comment %}` drops its
//!   text, `{% raw %}` keeps it as written, `{% capture x %}` moves its lines to `{{ x }}`.
//!
//! Any other `{: … }` line or Liquid markup is dropped with a warning at its place in the file,
//! so none of it reaches the page as text. Code is left as written. A [`LineMap`] takes positions
//! in the translated text back to the author's file.

use std::borrow::Cow;
use std::collections::HashMap;

use super::blocks::BlockKind;
use super::{Problem, Rendered};
use crate::diagnostics::Severity;
use crate::messages::Message;
use crate::msg;

/// What the translation needs to know about the site around the page.
pub trait LegacySite {
    /// `{{ page.root }}`: the relative path from the page's folder to its lesson root (`.`, `..`).
    fn page_root(&self) -> &str;
    /// The text of the include file `name` (`links.md`), as found for this page.
    fn include(&self, name: &str) -> Option<&str>;
    /// The value of `{{ site.key }}`.
    fn site_value(&self, key: &str) -> Option<String>;
}

/// A page without a site around it: no include, no site value, its root is its folder.
pub struct NoSite;

impl LegacySite for NoSite {
    fn page_root(&self) -> &str {
        "."
    }
    fn include(&self, _: &str) -> Option<&str> {
        None
    }
    fn site_value(&self, _: &str) -> Option<String> {
        None
    }
}

/// A page translated: the text to render, how its positions map back, what was dropped.
pub struct Translated<'a> {
    pub text: Cow<'a, str>,
    pub map: LineMap,
    /// At byte offsets of the original text.
    pub problems: Vec<Problem>,
}

impl Translated<'_> {
    /// Takes the positions of what was rendered from the translated text back to the original,
    /// and adds the problems of the translation.
    pub fn relocate(&self, rendered: &mut Rendered) {
        if self.map.lines.is_empty() {
            return;
        }
        for p in &mut rendered.problems {
            p.offset = self.map.original(p.offset);
        }
        for (offset, _) in &mut rendered.anchors {
            *offset = self.map.original(*offset);
        }
        rendered.problems.extend(self.problems.iter().cloned());
    }
}

/// Positions in the translated text back to the original, one entry per translated line: where
/// it starts, where its text came from, and how many bytes of it are the original's.
#[derive(Debug, Default)]
pub struct LineMap {
    lines: Vec<(usize, usize, usize)>,
}

impl LineMap {
    pub fn original(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|&(new, _, _)| new <= offset);
        match i.checked_sub(1).map(|i| self.lines[i]) {
            None => offset,
            Some((new, old, len)) => old + (offset - new).min(len),
        }
    }
}

/// Translates the legacy markup of `source`; text without any is returned as it is.
pub fn translate<'a>(source: &'a str, site: &dyn LegacySite) -> Translated<'a> {
    if !["{:", "{%", "{{"].iter().any(|m| source.contains(m)) {
        return Translated { text: Cow::Borrowed(source), map: LineMap::default(), problems: Vec::new() };
    }
    let lines: Vec<Line<'_>> = split_lines(source);
    let mut out = Out::for_site(site);
    out.lines(&lines);
    Translated { text: Cow::Owned(out.text), map: out.map, problems: out.problems }
}

/// One line of the source without its line ending, and where it starts in the original.
#[derive(Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    offset: usize,
}

fn split_lines(source: &str) -> Vec<Line<'_>> {
    let mut offset = 0;
    source
        .split_inclusive('\n')
        .map(|l| {
            let line = Line { text: l.trim_end_matches(['\n', '\r']), offset };
            offset += l.len();
            line
        })
        .collect()
}

struct Out<'s, 'a> {
    site: &'s dyn LegacySite,
    text: String,
    map: LineMap,
    problems: Vec<Problem>,
    /// Inside `{% comment %}` or `{% raw %}`.
    skipping: Option<&'static str>,
    /// `{% capture name %}` … `{% endcapture %}`: lines written where `{{ name }}` is.
    captures: HashMap<&'a str, Vec<Line<'a>>>,
    /// After `{:auto_ids}`: the terms of the definition list get ids, as kramdown gives them.
    auto_ids: bool,
    /// `> ` for each plain blockquote the lines being written are in.
    prefix: String,
}

impl<'s, 'a> Out<'s, 'a> {
    fn for_site(site: &'s dyn LegacySite) -> Out<'s, 'a> {
        Out {
            site,
            text: String::new(),
            map: LineMap::default(),
            problems: Vec::new(),
            skipping: None,
            captures: HashMap::new(),
            auto_ids: false,
            prefix: String::new(),
        }
    }

    /// A line of our Markdown, standing for the original at `offset` (`len` bytes of it).
    fn emit(&mut self, text: &str, offset: usize, len: usize) {
        self.text.push_str(&self.prefix);
        self.map.lines.push((self.text.len(), offset, len));
        self.text.push_str(text);
        self.text.push('\n');
    }

    fn warn(&mut self, offset: usize, message: Message) {
        self.problems.push(Problem { offset, message, severity: Severity::Warning });
    }

    fn lines(&mut self, lines: &[Line<'a>]) {
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            i = if let Some(end) = code_block_end(lines, i) {
                self.code_block(&lines[i..end], lines.get(end))
            } else if let Some(used) = self.capture(&lines[i..]) {
                used
            } else if let Some(captured) = self.captured(line.text) {
                self.emit("", line.offset, 0);
                self.lines(&captured);
                self.emit("", line.offset, 0);
                1
            } else if is_quote(line.text) {
                let end = i + lines[i..].iter().take_while(|l| is_quote(l.text)).count();
                self.quote(&lines[i..end], lines.get(end))
            } else if let Some(ial) = attribute_list(line.text) {
                self.block_attributes(line, ial);
                1
            } else {
                self.term_or_line(line, lines.get(i + 1));
                1
            } + i;
        }
    }

    /// `{% capture name %}` at the start of `lines`: keeps its lines for `{{ name }}`; the lines used.
    fn capture(&mut self, lines: &[Line<'a>]) -> Option<usize> {
        let name = match tag_words(lines[0].text.trim()).as_slice() {
            ["capture", name] if lines[0].text.trim().ends_with("%}") => *name,
            _ => return None,
        };
        let end = lines.iter().position(|l| tag_words(l.text.trim()) == ["endcapture"])?;
        self.captures.insert(name, lines[1..end].to_vec());
        Some(end + 1)
    }

    /// The lines captured for the line `{{ name }}` (or `{{ name | markdownify }}`).
    fn captured(&self, line: &str) -> Option<Vec<Line<'a>>> {
        let inner = line.trim().strip_prefix("{{")?.strip_suffix("}}")?;
        let name = inner.split('|').next()?.trim();
        self.captures.get(name).cloned()
    }

    /// A kramdown attribute list on a line of its own, after no block it can apply to.
    fn block_attributes(&mut self, line: Line<'_>, ial: &str) {
        if ial.split_whitespace().any(|w| w.trim_matches(['{', ':', '}']) == "auto_ids") {
            self.auto_ids = true;
        } else {
            self.warn(line.offset + indent(line.text), unknown_attribute(ial));
        }
    }

    /// A line of text; after `{:auto_ids}`, a definition term gets kramdown's id.
    fn term_or_line(&mut self, line: Line<'_>, next: Option<&Line<'_>>) {
        if line.text.starts_with('#') {
            self.auto_ids = false;
        }
        let is_term = self.auto_ids
            && !line.text.trim().is_empty()
            && indent(line.text) == 0
            && next.is_some_and(|n| n.text.starts_with(':'));
        if is_term {
            let term = line.text.trim();
            self.emit(&format!("[{term}]{{#{}}}", auto_id(term)), line.offset, 0);
        } else {
            self.liquid_line(line);
        }
    }

    /// A fenced code block (fence lines included) and the line after it; the lines used.
    fn code_block(&mut self, block: &[Line<'_>], next: Option<&Line<'_>>) -> usize {
        let kind = next.and_then(|l| attribute_list(l.text.trim_start())).and_then(code_kind);
        let open = block[0];
        match kind {
            Some(kind) if fence_info(open.text).is_empty() && !kind.is_empty() => {
                self.emit(&format!("{}{kind}", open.text.trim_end()), open.offset, open.text.len());
            }
            _ => self.emit(open.text, open.offset, open.text.len()),
        }
        for line in &block[1..] {
            self.emit(line.text, line.offset, line.text.len());
        }
        block.len() + usize::from(kind.is_some())
    }

    /// A run of quoted lines and the line after it; the lines used.
    fn quote(&mut self, quote: &[Line<'a>], next: Option<&Line<'_>>) -> usize {
        let class = next.and_then(|l| attribute_list(l.text)).map(|ial| (ial, first_class(ial)));
        let inner: Vec<Line<'_>> = quote.iter().map(|&l| unquote(l)).collect();
        let Some((ial, class)) = class else {
            self.plain_quote(&inner);
            return quote.len();
        };
        let closer = next.expect("an attribute line");
        match class.and_then(BlockKind::from_name) {
            Some(kind) => {
                self.emit(&format!("::: {}", kind.name()), closer.offset, closer.text.len());
                self.lines(&inner);
                self.emit(":::", closer.offset, closer.text.len());
            }
            None => {
                match class.and_then(alert_of) {
                    Some(alert) => self.emit(&format!("> [!{alert}]"), closer.offset, closer.text.len()),
                    None if class.is_some_and(|c| PLAIN_QUOTES.contains(&c)) => {}
                    None => self.warn(closer.offset + indent(closer.text), unknown_attribute(ial)),
                }
                self.plain_quote(&inner);
            }
        }
        quote.len() + 1
    }

    /// The lines of a blockquote that stays one, translated inside.
    fn plain_quote(&mut self, inner: &[Line<'a>]) {
        self.prefix.push_str("> ");
        self.lines(inner);
        self.prefix.truncate(self.prefix.len() - 2);
    }

    /// A line of text with its Liquid markup resolved or dropped (code spans left as written).
    fn liquid_line(&mut self, line: Line<'_>) {
        let mut text = String::with_capacity(line.text.len());
        let mut rest = line.text;
        while !rest.is_empty() {
            let at = line.text.len() - rest.len();
            if let Some(end) = self.skipping.and_then(|tag| find_tag(rest, tag)) {
                if self.skipping == Some("endraw") {
                    text.push_str(&rest[..end.0]);
                }
                self.skipping = None;
                rest = &rest[end.1..];
                continue;
            }
            if self.skipping.is_some() {
                if self.skipping == Some("endraw") {
                    text.push_str(rest);
                }
                break;
            }
            let Some(start) = next_markup(rest) else {
                text.push_str(rest);
                break;
            };
            text.push_str(&rest[..start]);
            rest = &rest[start..];
            rest = self.markup(rest, line.offset + at + start, &mut text);
        }
        if self.skipping.is_none() || !text.is_empty() || line.text.is_empty() {
            self.emit(&text, line.offset, line.text.len());
        }
    }

    /// Resolves the markup (or code span) at the start of `rest` into `text`; what follows it.
    fn markup<'r>(&mut self, rest: &'r str, offset: usize, text: &mut String) -> &'r str {
        if rest.starts_with('`') {
            let end = code_span_end(rest);
            text.push_str(&rest[..end]);
            return &rest[end..];
        }
        let close = if rest.starts_with("{{") { "}}" } else { "%}" };
        let Some(end) = rest.find(close).map(|e| e + 2) else {
            text.push_str(&rest[..2]);
            return &rest[2..];
        };
        let inner = rest[2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let after = &rest[end..];
        if close == "}}" {
            let linked = after.starts_with("{%") && tag_words(after).first() == Some(&"link");
            if !(inner == "page.root" && linked) {
                self.variable(inner, offset, text);
            }
        } else {
            self.tag(inner, offset, text);
        }
        after
    }

    fn variable(&mut self, inner: &str, offset: usize, text: &mut String) {
        let name = inner.split('|').next().unwrap_or_default().trim();
        if name == "page.root" {
            text.push_str(self.site.page_root());
        } else if let Some(value) = name.strip_prefix("site.").and_then(|key| self.site.site_value(key)) {
            text.push_str(&value);
        } else {
            self.warn(offset, unknown_variable(name));
        }
    }

    fn tag(&mut self, inner: &str, offset: usize, text: &mut String) {
        let words: Vec<&str> = inner.split_whitespace().collect();
        match words.as_slice() {
            ["link", path, ..] => {
                text.push_str(self.site.page_root());
                text.push('/');
                text.push_str(path);
            }
            ["include", name, ..] => self.include(name, offset, text),
            ["comment"] => self.skipping = Some("endcomment"),
            ["raw"] => self.skipping = Some("endraw"),
            _ => self.warn(offset, unknown_tag(words.first().copied().unwrap_or_default())),
        }
    }

    /// The link definitions of include `name`, on lines of their own after the current one.
    fn include(&mut self, name: &str, offset: usize, text: &mut String) {
        let Some(included) = self.site.include(name) else {
            let message = if name.ends_with(".md") { include_not_found(name) } else { include_template(name) };
            self.warn(offset, message);
            return;
        };
        // A definition whose URL needs a variable aula does not know (`{{ repo_url }}`, set by
        // Jekyll templates) is left out: a warning here would repeat on every page naming it.
        for definition in included.lines().filter(|l| is_link_definition(l)) {
            if let Some(resolved) = self.resolved_variables(definition) {
                text.push('\n');
                text.push_str(&resolved);
            }
        }
    }

    /// `text` with its `{{ page.root }}` and `{{ site.key }}` written out; `None` if it has others.
    fn resolved_variables(&self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            out.push_str(&rest[..start]);
            let end = start + rest[start..].find("}}")?;
            let name = rest[start + 2..end].trim();
            match name.strip_prefix("site.") {
                _ if name == "page.root" => out.push_str(self.site.page_root()),
                Some(key) => out.push_str(&self.site.site_value(key)?),
                None => return None,
            }
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        Some(out)
    }
}

/// Kinds of quote that stay plain blockquotes: what they are needs no block.
const PLAIN_QUOTES: &[&str] = &["testimonial", "quotation"];

/// The GitHub alert a quote class stands for (`{: .caution}` → `> [!CAUTION]`).
fn alert_of(class: &str) -> Option<&'static str> {
    match class {
        "note" => Some("NOTE"),
        "tip" => Some("TIP"),
        "important" => Some("IMPORTANT"),
        "warning" => Some("WARNING"),
        "caution" => Some("CAUTION"),
        _ => None,
    }
}

/// kramdown's id for a heading or term: lower case, words joined by `-`, other signs left out.
fn auto_id(text: &str) -> String {
    let id: String = text
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect();
    id.trim_start_matches(|c: char| !c.is_alphabetic()).to_string()
}

fn unknown_attribute(ial: &str) -> Message {
    msg!("kramdown-unknown-attributes", attributes = ial)
}

fn unknown_variable(name: &str) -> Message {
    msg!("liquid-unknown-variable", name = name)
}

fn unknown_tag(tag: &str) -> Message {
    msg!("liquid-unknown-tag", tag = tag)
}

fn include_not_found(name: &str) -> Message {
    msg!("include-not-found", name = name)
}

fn include_template(name: &str) -> Message {
    msg!("include-template", name = name)
}

/// The end (exclusive line index) of the fenced code block opening at line `i`, if one does.
fn code_block_end(lines: &[Line<'_>], i: usize) -> Option<usize> {
    let (ch, len) = fence(lines[i].text)?;
    // Fences in list items are indented as their item is: any indent closes.
    let close = lines[i + 1..].iter().position(|l| {
        let t = l.text.trim();
        t.len() >= len && t.chars().all(|c| c == ch)
    });
    Some(close.map_or(lines.len(), |c| i + 1 + c + 1))
}

/// The fence character and length of an opening code fence line.
fn fence(line: &str) -> Option<(char, usize)> {
    if indent(line) > 3 {
        return None;
    }
    let t = after_list_marker(line.trim_start());
    let ch = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = t.chars().take_while(|c| *c == ch).count();
    (len >= 3 && !(ch == '`' && t[len..].contains('`'))).then_some((ch, len))
}

fn fence_info(line: &str) -> &str {
    let t = after_list_marker(line.trim_start());
    t.trim_start_matches(['`', '~']).trim()
}

/// The text of a list item's first line after its marker (`1. `, `- `), or `text` itself.
fn after_list_marker(text: &str) -> &str {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match text[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => digits + 1,
        Some('-' | '*' | '+') if digits == 0 => 1,
        _ => return text,
    };
    match text[marker..].strip_prefix(' ') {
        Some(rest) => rest.trim_start(),
        None => text,
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_quote(line: &str) -> bool {
    indent(line) < 4 && line.trim_start().starts_with('>')
}

/// The line with one level of `>` taken off.
fn unquote(line: Line<'_>) -> Line<'_> {
    let t = line.text.trim_start();
    let after = t.strip_prefix('>').unwrap_or(t);
    let after = after.strip_prefix(' ').unwrap_or(after);
    Line { text: after, offset: line.offset + (line.text.len() - after.len()) }
}

/// The `{: … }` of a line that is only a kramdown attribute list.
fn attribute_list(line: &str) -> Option<&str> {
    let t = line.trim();
    (indent(line) < 4 && t.starts_with("{:") && t.ends_with('}')).then_some(t)
}

fn first_class(ial: &str) -> Option<&str> {
    ial[2..ial.len() - 1].split_whitespace().find_map(|w| w.strip_prefix('.'))
}

/// The info string a code block's attribute list stands for.
fn code_kind(ial: &str) -> Option<&str> {
    match first_class(ial)? {
        class @ ("output" | "error") => Some(class),
        "source" => Some(""),
        class => class.strip_prefix("language-"),
    }
}

fn is_link_definition(line: &str) -> bool {
    let t = line.trim_start();
    indent(line) < 4 && t.starts_with('[') && t.find("]:").is_some_and(|i| i > 1)
}

/// Where the next code span or Liquid markup of `text` starts.
fn next_markup(text: &str) -> Option<usize> {
    ["`", "{{", "{%"].iter().filter_map(|m| text.find(m)).min()
}

/// The end of the code span at the start of `text` (or of its backticks, if it does not close).
fn code_span_end(text: &str) -> usize {
    let ticks = text.len() - text.trim_start_matches('`').len();
    let rest = &text[ticks..];
    let mut from = 0;
    while let Some(i) = rest[from..].find(&text[..ticks]) {
        let at = from + i;
        let run = rest[at..].len() - rest[at..].trim_start_matches('`').len();
        if run == ticks {
            return ticks + at + run;
        }
        from = at + run;
    }
    ticks
}

/// The byte range of the Liquid tag named `name` in `text`.
fn find_tag(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(i) = text[from..].find("{%") {
        let start = from + i;
        let end = start + text[start..].find("%}")? + 2;
        if tag_words(&text[start..]).first() == Some(&name) {
            return Some((start, end));
        }
        from = end;
    }
    None
}

/// The words of the Liquid tag at the start of `text`.
fn tag_words(text: &str) -> Vec<&str> {
    let Some(end) = text.find("%}") else { return Vec::new() };
    text[2..end].trim_matches(|c: char| c == '-' || c.is_whitespace()).split_whitespace().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;

    struct Site;
    impl LegacySite for Site {
        fn page_root(&self) -> &str {
            ".."
        }
        fn include(&self, name: &str) -> Option<&str> {
            (name == "links.md")
                .then_some("{% include base_path.html %}\n[home]: {{ page.root }}/index.md\n[repo]: {{ repo_url }}/x\n[swc]: {{ site.swc_site }}/\n")
        }
        fn site_value(&self, key: &str) -> Option<String> {
            (key == "swc_site").then(|| "https://software-carpentry.org".to_string())
        }
    }

    fn translated(source: &str) -> (String, Vec<String>) {
        let t = translate(source, &Site);
        (
            t.text.into_owned(),
            t.problems.into_iter().map(|p| format!("{}: {}", p.offset, p.message.render(Language::En))).collect(),
        )
    }

    #[test]
    fn blockquotes_closed_by_a_class_become_blocks() {
        let (text, problems) =
            translated("> ## Try\n>\n> Do it.\n>\n> > ## Solution\n> >\n> > Done.\n> {: .solution}\n{: .challenge}\n");
        assert_eq!(text, "::: challenge\n## Try\n\nDo it.\n\n::: solution\n## Solution\n\nDone.\n:::\n:::\n");
        assert!(problems.is_empty());
    }

    #[test]
    fn code_block_classes_become_info_strings() {
        let (text, _) =
            translated("~~~\n$ ls\n~~~\n{: .language-bash}\n\n~~~\nx\n~~~\n{: .output}\n~~~\ne\n~~~\n{: .error}\n");
        assert_eq!(text, "~~~bash\n$ ls\n~~~\n\n~~~output\nx\n~~~\n~~~error\ne\n~~~\n");
    }

    #[test]
    fn code_in_list_items_and_alerts() {
        let (text, problems) = translated("> 1. ~~~\n>    a\n>    ~~~\n>    {: .output}\n{: .caution}\n");
        assert_eq!(text, "> [!CAUTION]\n> 1. ~~~output\n>    a\n>    ~~~\n");
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn captures_are_written_where_they_are_used() {
        let (text, problems) =
            translated("{% capture one %}\n## A\n{% endcapture %}\n<div>\n{{ one | markdownify }}\n</div>\n");
        assert_eq!(text, "<div>\n\n## A\n\n</div>\n");
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn auto_ids_give_definition_terms_ids() {
        let (text, problems) = translated("{:auto_ids}\nversion control\n:   A system.\n\nSHA-1\n:   A hash.\n");
        assert_eq!(text, "[version control]{#version-control}\n:   A system.\n\n[SHA-1]{#sha-1}\n:   A hash.\n");
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn quotes_inside_code_are_code() {
        let source = "~~~\n$ cat > a\n> b\n~~~\n{: .language-bash}\n{: .challenge}\n";
        let (text, problems) = translated(source);
        assert_eq!(text, "~~~bash\n$ cat > a\n> b\n~~~\n");
        assert_eq!(problems.len(), 1, "the stray `{{: .challenge}}` is reported");
    }

    #[test]
    fn liquid_resolves_or_is_dropped_with_a_warning() {
        let (text, problems) = translated(
            "[a]({{ page.root }}{% link reference.md %}#x) ![f]({{ page.root }}/fig/a.png) {{ site.swc_site }} {{ site.nope }}\n`{{ code }}` {% capture x %}\n{% include links.md %}\n",
        );
        assert_eq!(
            text,
            "[a](../reference.md#x) ![f](../fig/a.png) https://software-carpentry.org \n`{{ code }}` \n\n[home]: ../index.md\n[swc]: https://software-carpentry.org/\n"
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("98: Liquid variable `{{ site.nope }}`"), "{problems:?}");
        assert!(problems[1].contains("`{% capture %}`"), "{problems:?}");
    }

    #[test]
    fn comments_are_dropped_and_raw_is_kept() {
        let (text, problems) =
            translated("a\n{% comment %}\nhidden\n{% endcomment %}\nb {% raw %}{{ x }}{% endraw %}\n");
        assert_eq!(text, "a\n\nb {{ x }}\n");
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn unknown_attribute_lists_are_located() {
        let (text, problems) = translated("para\n{: style=\"x\"}\n");
        assert_eq!(text, "para\n");
        assert!(problems[0].starts_with("5: kramdown attribute list `{: style=\"x\"}`"), "{problems:?}");
    }

    #[test]
    fn positions_map_back_through_unquoted_lines() {
        let source = "> ## T\n> [x](y)\n{: .callout}\n";
        let t = translate(source, &Site);
        let at = t.text.find("[x]").expect("the link");
        assert_eq!(t.map.original(at), source.find("[x]").expect("the link"));
    }
}
