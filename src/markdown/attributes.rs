//! Pandoc attribute lists, `{#id .class key="value"}`, as Carpentries lessons write them after
//! images (`![](fig/x.svg){alt="…"}`), on fenced divs (`::: {.challenge}`) and on code fences
//! (```` ```{.language-bash} ````).

/// The parts of one attribute list, in the order written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub pairs: Vec<(String, String)>,
}

impl Attributes {
    /// The value of `key=…`, if written.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// Parses the attribute list at the start of `text`: the attributes and the bytes `{…}` takes.
/// `None` when `text` does not start with a well-formed list (then it is just text).
pub fn parse(text: &str) -> Option<(Attributes, usize)> {
    let mut rest = text.strip_prefix('{')?;
    let mut attributes = Attributes::default();
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('}') {
            return Some((attributes, text.len() - after.len()));
        }
        let (item, after) = item(rest)?;
        match item {
            Item::Id(id) => attributes.id = Some(id.to_string()),
            Item::Class(class) => attributes.classes.push(class.to_string()),
            Item::Pair(key, value) => attributes.pairs.push((key.to_string(), value)),
        }
        rest = after;
    }
}

enum Item<'a> {
    Id(&'a str),
    Class(&'a str),
    Pair(&'a str, String),
}

/// One item of the list and what follows it.
fn item(text: &str) -> Option<(Item<'_>, &str)> {
    let end = text.find(|c: char| c.is_whitespace() || c == '}' || c == '=').unwrap_or(text.len());
    let (word, rest) = text.split_at(end);
    if let Some(id) = word.strip_prefix('#') {
        return (!id.is_empty()).then_some((Item::Id(id), rest));
    }
    if let Some(class) = word.strip_prefix('.') {
        return (!class.is_empty()).then_some((Item::Class(class), rest));
    }
    let rest = rest.strip_prefix('=')?;
    if word.is_empty() || !word.chars().all(|c| c.is_alphanumeric() || "-_:".contains(c)) {
        return None;
    }
    let (value, rest) = value(rest)?;
    Some((Item::Pair(word, value), rest))
}

/// A quoted (`"…"`, `'…'`, with `\"` escapes) or bare value.
fn value(text: &str) -> Option<(String, &str)> {
    let Some(quote) = text.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        let end = text.find(|c: char| c.is_whitespace() || c == '}').unwrap_or(text.len());
        return (end > 0).then(|| (text[..end].to_string(), &text[end..]));
    };
    let mut value = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, escaped)) => value.push(escaped),
                None => return None,
            },
            c if c == quote => return Some((value, &text[1 + i + c.len_utf8()..])),
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_lists() {
        let (a, len) = parse("{alt='Un árbol de carpetas'} y más").unwrap();
        assert_eq!(a.get("alt"), Some("Un árbol de carpetas"));
        assert_eq!(len, "{alt='Un árbol de carpetas'}".len());

        let (a, _) = parse("{#paso .challenge .wide width=50% title=\"dice \\\"hola\\\"\"}").unwrap();
        assert_eq!(a.id.as_deref(), Some("paso"));
        assert_eq!(a.classes, ["challenge", "wide"]);
        assert_eq!(a.get("width"), Some("50%"));
        assert_eq!(a.get("title"), Some("dice \"hola\""));

        let (a, _) = parse("{alt=\"it's a } brace\"}").unwrap();
        assert_eq!(a.get("alt"), Some("it's a } brace"));
    }

    #[test]
    fn not_attribute_lists() {
        for text in ["texto", "{", "{alt='sin cerrar}", "{palabra}", "{=x}", "{# .}", "{a b=c}"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
