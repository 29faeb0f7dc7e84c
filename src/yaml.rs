//! YAML with locations: typed parsing of a YAML block that sits somewhere inside a file, with
//! every problem reported at the line of the *file*, not of the block, in plain words.
//!
//! Used for `aula.yaml`, front matter and quizzes. The fast path deserializes the block at once;
//! only when that fails is the block read again entry by entry, each key checked alone against
//! what it takes ([`Takes`]), so one bad value is reported at its own line and the good keys
//! still make the value. Unknown keys are collected (the caller decides whether they warn or
//! fail), and the keys a block may have are the fields of the struct it fills ([`keys`]); a key
//! set twice is a warning and the last value is used. Syntax errors are told by
//! their cause (see the `syntax` module). Pure: takes text, returns values.

mod syntax;

use serde::Deserialize as _;
use serde::de::{DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::msg;

/// Where a YAML block sits in its file: the file line of the block's first line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block<'a> {
    pub text: &'a str,
    pub first_line: usize,
}

/// A top-level key of a YAML mapping and the file position of its first character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPos {
    pub key: String,
    pub line: usize,
    pub col: usize,
}

/// What a block is, for messages: "in the front matter", "in aula.yaml".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    FrontMatter,
    Config,
    Quiz,
    UiStrings,
}

impl Place {
    pub fn message(self) -> Message {
        match self {
            Place::FrontMatter => msg!("yaml-place-front-matter"),
            Place::Config => msg!("yaml-place-config"),
            Place::Quiz => msg!("yaml-place-quiz"),
            Place::UiStrings => msg!("yaml-place-ui-strings"),
        }
    }
}

/// What the value of a key takes, in words an author understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Takes {
    /// One text (a number or `true` is taken as its text).
    Text,
    /// A text or a list of texts.
    Texts,
    /// A list of texts.
    List,
    /// A whole number of minutes, 0 or more.
    Minutes,
    /// A whole number, negative too (an order).
    Number,
    /// A whole number of words per minute.
    WordsPerMinute,
    Bool,
    /// Keys with values.
    Mapping,
    /// A list of mappings with these keys (the options of a quiz).
    Items(&'static [(&'static str, Takes)]),
}

impl Takes {
    /// What `key` takes, as said after "`key` takes".
    fn message(self, key: &str) -> Message {
        match self {
            Takes::Text => msg!("yaml-takes-text", key = key),
            Takes::Texts => msg!("yaml-takes-texts", key = key),
            Takes::List => msg!("yaml-takes-list", key = key),
            Takes::Minutes => msg!("yaml-takes-minutes", key = key),
            Takes::Number => msg!("yaml-takes-number", key = key),
            Takes::WordsPerMinute => msg!("yaml-takes-words-per-minute", key = key),
            Takes::Bool => msg!("yaml-takes-bool", key = key),
            Takes::Mapping => msg!("yaml-takes-mapping", key = key),
            Takes::Items(_) => msg!("yaml-takes-items", key = key),
        }
    }

    /// Whether `value` fits, for the keys inside [`Takes::Items`] (top-level keys are checked by
    /// the type they fill, which is the one judge).
    fn accepts(self, value: &Value) -> bool {
        let scalar = |v: &Value| matches!(v, Value::Null | Value::String(_) | Value::Number(_) | Value::Bool(_));
        match (self, untagged(value)) {
            (_, Value::Null) => true,
            (Takes::Text, v) => scalar(v),
            (Takes::Texts, Value::Sequence(items)) | (Takes::List, Value::Sequence(items)) => items.iter().all(scalar),
            (Takes::Texts, v) => scalar(v),
            (Takes::Minutes, Value::Number(n)) => n.as_u64().is_some_and(|n| u32::try_from(n).is_ok()),
            (Takes::WordsPerMinute, Value::Number(n)) => n.as_u64().is_some_and(|n| u32::try_from(n).is_ok()),
            (Takes::Number, Value::Number(n)) => n.as_i64().is_some(),
            (Takes::Bool, Value::Bool(_)) => true,
            (Takes::Mapping, Value::Mapping(_)) => true,
            (Takes::Items(_), Value::Sequence(_)) => true,
            _ => false,
        }
    }
}

/// What the keys of a block take; keys not listed are only checked by the type they fill.
pub type Schema = &'static [(&'static str, Takes)];

/// The result of [`parse`]: the value (if it could be built) and what went wrong on the way.
pub struct Parsed<T> {
    pub value: Option<T>,
    /// Errors, and warnings for keys set twice.
    pub errors: Vec<Diagnostic>,
    /// Keys the typed struct does not know, with the file line where they appear.
    pub unknown: Vec<KeyPos>,
    pub keys: Vec<KeyPos>,
    /// Keys whose value was reported as wrong and left out of `value`.
    pub rejected: Vec<String>,
}

/// Parses `block` into `T`, reporting problems at file positions of `path`; `place` names the
/// block in messages and `schema` says what its keys take. A value with bad keys is still
/// built, from the good ones (the bad ones take their default); `None` only when the block is
/// no YAML mapping at all.
pub fn parse<T: DeserializeOwned + Default>(path: &Path, block: Block<'_>, place: Place, schema: Schema) -> Parsed<T> {
    let keys = top_level_keys(block);
    let mut errors = duplicate_keys(path, &keys);
    if block.text.trim().is_empty() {
        return Parsed { value: Some(T::default()), errors, unknown: Vec::new(), keys, rejected: Vec::new() };
    }
    if let Some((line, col)) = too_deep(block) {
        let message = msg!("yaml-too-deep", place = place.message(), limit = DEEPEST_FLOW);
        errors.push(Diagnostic::error(path, line, col, message));
        return Parsed { value: None, errors, unknown: Vec::new(), keys, rejected: Vec::new() };
    }
    let (mut ignored, mut rejected) = (Vec::new(), Vec::new());
    let deserializer = serde_yaml::Deserializer::from_str(block.text);
    let result: Result<T, _> = serde_ignored::deserialize(deserializer, |p| ignored.push(p.to_string()));
    let value = match result {
        Ok(value) => Some(value),
        Err(_) => match serde_yaml::from_str::<Entries>(block.text) {
            Err(e) => {
                errors.push(syntax_error(path, block, place, &e));
                None
            }
            Ok(Entries::Other(found)) => {
                let message = msg!("yaml-not-mapping", place = place.message(), found = found);
                errors.push(Diagnostic::error(path, block.first_line, 1, message));
                None
            }
            Ok(Entries::Map(entries)) => {
                let checked = Checked { fits: fits::<T>, path, block, keys: &keys, schema };
                Some(checked.rebuild(entries, &mut ignored, &mut rejected, &mut errors))
            }
        },
    };
    let first = first_places(&keys);
    let unknown = ignored
        .into_iter()
        .map(|path| {
            // serde_ignored writes `?` for an `Option` on the way: not a key.
            let dotted = path.split('.').filter(|part| *part != "?").collect::<Vec<_>>().join(".");
            let top = dotted.split('.').next().unwrap_or(&dotted);
            let pos = first.get(top);
            KeyPos { key: dotted, line: pos.map_or(block.first_line, |k| k.line), col: pos.map_or(1, |k| k.col) }
        })
        .collect();
    Parsed { value, errors, unknown, keys, rejected }
}

/// A YAML syntax error of `block`, told by its cause, at the file position to look at.
pub fn syntax_error(path: &Path, block: Block<'_>, place: Place, e: &serde_yaml::Error) -> Diagnostic {
    let cause = syntax::cause(block.text, e, place.message());
    Diagnostic::error(path, block.first_line + cause.line - 1, cause.col, cause.message)
}

/// What a value is, in words: the text itself (shortened), or "a list", "a mapping".
pub fn found(value: &Value) -> Message {
    match untagged(value) {
        Value::Null => msg!("yaml-found-empty"),
        Value::Bool(b) => msg!("yaml-found-text", text = b.to_string()),
        Value::Number(n) => msg!("yaml-found-text", text = n.to_string()),
        Value::String(s) => msg!("yaml-found-text", text = shortened(s)),
        Value::Sequence(_) => msg!("yaml-found-list"),
        Value::Mapping(_) => msg!("yaml-found-mapping"),
        Value::Tagged(_) => unreachable!("untagged"),
    }
}

fn untagged(value: &Value) -> &Value {
    match value {
        Value::Tagged(t) => untagged(&t.value),
        v => v,
    }
}

/// The first line of `text`, cut to about 30 characters (between words where it can).
fn shortened(text: &str) -> String {
    const LONGEST: usize = 30;
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() <= LONGEST && line.len() == text.trim_end().len() {
        return line.to_string();
    }
    let cut: String = line.chars().take(LONGEST).collect();
    let whole_words = match line[cut.len()..].chars().next() {
        Some(next) if !next.is_whitespace() => cut.rfind(' ').map_or(cut.as_str(), |at| &cut[..at]),
        _ => cut.as_str(),
    };
    format!("{}…", whole_words.trim_end())
}

/// A block read entry by entry, every pair in order, a key set twice included (a derived
/// struct or a [`Mapping`] stops at the second).
enum Entries {
    Map(Vec<(Value, Value)>),
    /// The block is no mapping: what it is instead.
    Other(Message),
}

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(EntriesVisitor)
    }
}

struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<Value, Value>()? {
            entries.push(entry);
        }
        Ok(Entries::Map(entries))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entries, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Entries::Other(msg!("yaml-found-list")))
    }

    fn visit_str<E>(self, v: &str) -> Result<Entries, E> {
        Ok(Entries::Other(found(&Value::String(v.to_string()))))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Entries, E> {
        Ok(Entries::Other(found(&Value::Bool(v))))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Entries, E> {
        Ok(Entries::Other(found(&Value::Number(v.into()))))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Entries, E> {
        Ok(Entries::Other(found(&Value::Number(v.into()))))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Entries, E> {
        Ok(Entries::Other(found(&Value::Number(v.into()))))
    }

    fn visit_unit<E>(self) -> Result<Entries, E> {
        Ok(Entries::Map(Vec::new()))
    }

    fn visit_none<E>(self) -> Result<Entries, E> {
        Ok(Entries::Map(Vec::new()))
    }
}

/// Accepts any YAML scalar as text, so `title: 404` is the title "404", not a type error.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Null => Ok(None),
        v => scalar_text(&v).map(Some).ok_or_else(|| serde::de::Error::custom("expected a text value")),
    }
}

/// Accepts a list of scalars or a single scalar (`tags: empatía`).
pub fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let expected = || serde::de::Error::custom("expected a list of text values");
    match Value::deserialize(d)? {
        Value::Null => Ok(Vec::new()),
        // An empty `- ` item is a placeholder still to fill in, not an error.
        Value::Sequence(items) => {
            items.iter().filter(|v| !v.is_null()).map(|v| scalar_text(v).ok_or_else(expected)).collect()
        }
        v => scalar_text(&v).map(|s| vec![s]).ok_or_else(expected),
    }
}

fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The slow path of [`parse`]: a block whose entries are checked one by one.
struct Checked<'a> {
    /// Whether one entry fits the type being rebuilt ([`fits`] of it).
    fits: fn(&Value, &Value) -> bool,
    path: &'a Path,
    block: Block<'a>,
    keys: &'a [KeyPos],
    schema: Schema,
}

impl Checked<'_> {
    /// `T` from the entries that fit, each bad one reported at its place.
    fn rebuild<T: DeserializeOwned + Default>(
        &self,
        entries: Vec<(Value, Value)>,
        ignored: &mut Vec<String>,
        rejected: &mut Vec<String>,
        errors: &mut Vec<Diagnostic>,
    ) -> T {
        let mut places: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for k in self.keys {
            places.entry(k.key.as_str()).or_default().push((k.line, k.col));
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut good = Mapping::new();
        for (key, value) in entries {
            let name = match untagged(&key) {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => String::new(),
            };
            let nth = seen.entry(name.clone()).or_default();
            let at = places.get(name.as_str()).and_then(|p| p.get(*nth)).copied();
            *nth += 1;
            match self.checked(&name, &key, value, at, errors) {
                Some(value) => {
                    good.insert(key, value);
                }
                None => rejected.push(name),
            }
        }
        ignored.clear();
        serde_ignored::deserialize(Value::Mapping(good), |p| ignored.push(p.to_string())).unwrap_or_default()
    }

    /// `value` if `key` may have it (cleaned of bad keys inside list items); else reported.
    fn checked(
        &self,
        name: &str,
        key: &Value,
        value: Value,
        at: Option<(usize, usize)>,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Value> {
        if (self.fits)(key, &value) {
            return Some(value);
        }
        let (line, col) = at.map_or((self.block.first_line, 1), |(line, _)| (line, self.value_col(line)));
        let takes = self.schema.iter().find(|(k, _)| *k == name).map(|(_, t)| *t);
        let mut value = value;
        if let (Some(Takes::Items(inner)), Value::Sequence(items)) = (takes, &mut value) {
            let before = errors.len();
            let places = self.item_keys(line);
            for (i, item) in items.iter_mut().enumerate() {
                let Value::Mapping(fields) = item else { continue };
                fields.retain(|k, v| {
                    let Some((inner_name, inner_takes)) = inner.iter().find(|(n, _)| Some(*n) == k.as_str()) else {
                        return true;
                    };
                    if inner_takes.accepts(v) {
                        return true;
                    }
                    let (l, c) = places.get(&(i, *inner_name)).copied().unwrap_or((line, col));
                    let message = msg!(
                        "yaml-wrong-type",
                        key = *inner_name,
                        takes = inner_takes.message(inner_name),
                        found = found(v)
                    );
                    errors.push(Diagnostic::error(self.path, l, c, message));
                    false
                });
            }
            if errors.len() > before && (self.fits)(key, &value) {
                return Some(value);
            }
        }
        let message = match takes {
            Some(takes) => msg!("yaml-wrong-type", key = name, takes = takes.message(name), found = found(&value)),
            None => msg!("yaml-bad-value", key = name, found = found(&value)),
        };
        errors.push(Diagnostic::error(self.path, line, col, message));
        None
    }

    /// The column of the value on the key's file `line`, else the key's.
    fn value_col(&self, line: usize) -> usize {
        let Some(text) = self.block.text.lines().nth(line - self.block.first_line) else { return 1 };
        let after = text.find(": ").map(|i| i + 1).unwrap_or(text.len());
        let rest = &text[after..];
        let value = rest.trim_start();
        if value.is_empty() || value.starts_with('#') {
            return 1;
        }
        text[..text.len() - value.len()].chars().count() + 1
    }

    /// The file position of the value of every `key:` inside the items of the block list below
    /// the key on file `line`, by (0-based item, key): found in one pass over the list.
    fn item_keys(&self, line: usize) -> HashMap<(usize, &str), (usize, usize)> {
        let mut found = HashMap::new();
        let mut item = None;
        for (i, text) in self.block.text.lines().enumerate().skip(line - self.block.first_line + 1) {
            let t = text.trim_start();
            if text.len() == t.len() && !t.is_empty() && !t.starts_with('-') {
                break;
            }
            let field = match t.strip_prefix("- ") {
                Some(rest) => {
                    item = Some(item.map_or(0, |k| k + 1));
                    rest.trim_start()
                }
                None => t,
            };
            let (Some(n), Some((key, rest))) = (item, field.split_once(':')) else { continue };
            let value = rest.trim_start();
            let col = if value.is_empty() { text.len() - field.len() } else { text.len() - value.len() };
            found.entry((n, key.trim_end())).or_insert((self.block.first_line + i, text[..col].chars().count() + 1));
        }
        found
    }
}

/// The keys of the struct `T`, in the order it declares them, as its derived `Deserialize` names
/// them: the one list of the keys a block may have, for "unknown key" messages, so no copy kept
/// by hand can miss a field. Empty for a type that is no struct with named fields.
pub fn keys<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields = Fields(&[]);
    // The derived code hands its field names to `deserialize_struct`, which then stops it.
    let _ = T::deserialize(&mut fields);
    fields.0
}

/// A deserializer that holds no data: it only takes the field names a struct asks for.
struct Fields(&'static [&'static str]);

impl<'de> Deserializer<'de> for &mut Fields {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("no struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(serde::de::Error::custom("keys taken"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// Whether the single entry `key: value` deserializes into `T`.
fn fits<T: DeserializeOwned>(key: &Value, value: &Value) -> bool {
    let mut one = Mapping::new();
    one.insert(key.clone(), value.clone());
    T::deserialize(Value::Mapping(one)).is_ok()
}

/// The deepest nesting of flow collections (`[…]`, `{…}`) handed to the YAML parser: it finds
/// its own limit only after work quadratic in the depth (100,000 `[` took 15 s), and no front
/// matter or configuration needs more than a few levels.
pub const DEEPEST_FLOW: usize = 64;

/// The file position of the first bracket that opens a flow collection deeper than
/// [`DEEPEST_FLOW`]. A light scan: brackets count where a YAML token can start (not inside a
/// word such as `a[1]`), and quoted strings and comments are skipped.
fn too_deep(block: Block<'_>) -> Option<(usize, usize)> {
    let (mut line, mut col) = (block.first_line, 0);
    let (mut depth, mut quote, mut escaped, mut comment, mut prev) = (0, None, false, false, '\n');
    for c in block.text.chars() {
        col += 1;
        let token_start = prev.is_whitespace() || (depth > 0 && matches!(prev, '[' | '{' | ',' | ':'));
        match quote {
            _ if c == '\n' => comment = false,
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if comment => {}
            None => match c {
                '#' if prev.is_whitespace() => comment = true,
                '\'' | '"' if token_start => quote = Some(c),
                '[' | '{' if token_start => {
                    depth += 1;
                    if depth > DEEPEST_FLOW {
                        return Some((line, col));
                    }
                }
                ']' | '}' => depth = usize::saturating_sub(depth, 1),
                _ => {}
            },
        }
        if c == '\n' {
            (line, col) = (line + 1, 0);
        }
        prev = c;
    }
    None
}

/// The file position of the value of top-level key `key`, if present.
pub fn key_position(keys: &[KeyPos], key: &str) -> Option<(usize, usize)> {
    keys.iter().find(|k| k.key == key).map(|k| (k.line, k.col))
}

/// Top-level keys of a block mapping, found by a light line scan. It only has to be right for
/// plain block mappings, which is what front matter and config files are; anything else gets
/// located at the block's first line.
pub fn top_level_keys(block: Block<'_>) -> Vec<KeyPos> {
    let mut keys = Vec::new();
    for (i, line) in block.text.lines().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || matches!(first, '#' | '-' | '[' | '{' | '|' | '>') {
            continue;
        }
        if let Some(key) = key_of_line(line) {
            keys.push(KeyPos { key, line: block.first_line + i, col: 1 });
        }
    }
    keys
}

fn key_of_line(line: &str) -> Option<String> {
    let line = line.trim_end();
    let (raw, quoted) = match line.chars().next()? {
        q @ ('"' | '\'') => {
            let end = line[1..].find(q)? + 1;
            (&line[1..end], Some(end + 1))
        }
        _ => {
            let colon = line.find(": ").or_else(|| line.strip_suffix(':').map(|s| s.len()))?;
            (&line[..colon], None)
        }
    };
    if let Some(after) = quoted {
        if !line[after..].trim_start().starts_with(':') {
            return None;
        }
    }
    Some(raw.trim().to_string())
}

/// Where each key is first set. Looked up once per key: front matter with thousands of keys
/// compared each with all the keys before it.
fn first_places(keys: &[KeyPos]) -> HashMap<&str, &KeyPos> {
    let mut first: HashMap<&str, &KeyPos> = HashMap::with_capacity(keys.len());
    for k in keys {
        first.entry(k.key.as_str()).or_insert(k);
    }
    first
}

fn duplicate_keys(path: &Path, keys: &[KeyPos]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let places = first_places(keys);
    for k in keys {
        if let Some(first) = places.get(k.key.as_str()).filter(|first| !std::ptr::eq(**first, k)) {
            let message = msg!("yaml-duplicate-key", key = &k.key, first = first.line);
            found.push(Diagnostic::warning(path, k.line, k.col, message));
        }
    }
    found
}
/// A check, for the unit tests of each typed block, that its [`Schema`] describes the struct it
/// fills: one list of keys (the struct's, see [`keys`]), and what each key takes is what the
/// struct takes.
#[cfg(test)]
pub mod schema_check {
    use super::*;

    /// Checks that the keys of `schema` and `untyped` (keys only the struct checks, such as
    /// `extra`) are the keys of `T`, each once; that a value of the kind the schema says lands
    /// in `T`; and that a value of another kind is refused and told as the schema says.
    #[track_caller]
    pub fn assert_describes<T: DeserializeOwned + Default + fmt::Debug>(schema: Schema, untyped: &[&str]) {
        let fields = keys::<T>();
        assert!(!fields.is_empty(), "{} has named fields", std::any::type_name::<T>());
        let mut listed: Vec<&str> = schema.iter().map(|(k, _)| *k).chain(untyped.iter().copied()).collect();
        let mut want = fields.to_vec();
        listed.sort_unstable();
        want.sort_unstable();
        assert_eq!(listed, want, "the schema and the untyped keys are the fields of the struct, each once");
        let default = format!("{:?}", T::default());
        for (key, takes) in schema {
            let text = format!("{key}: {}\n", good(*takes));
            let fit = parse::<T>(Path::new("t"), Block { text: &text, first_line: 1 }, Place::FrontMatter, schema);
            assert!(fit.errors.is_empty() && fit.unknown.is_empty(), "{text}: {:?} {:?}", fit.errors, fit.unknown);
            assert_ne!(format!("{:?}", fit.value.expect("a value")), default, "{text} lands in the struct");
            let text = format!("{key}: {}\n", wrong(*takes));
            let bad = parse::<T>(Path::new("t"), Block { text: &text, first_line: 1 }, Place::FrontMatter, schema);
            assert_eq!(bad.rejected, [*key], "{text}");
            let told: Vec<_> = bad.errors.iter().map(|e| e.message.clone()).collect();
            let found = found(&serde_yaml::from_str(wrong(*takes)).expect("YAML"));
            assert_eq!(
                told,
                [msg!("yaml-wrong-type", key = *key, takes = takes.message(key), found = found)],
                "{text}"
            );
        }
    }

    /// A value of the kind `takes` says, in flow style.
    fn good(takes: Takes) -> String {
        match takes {
            Takes::Text => "x".into(),
            Takes::Texts => "[x, y]".into(),
            Takes::List => "[x]".into(),
            Takes::Minutes => "7".into(),
            Takes::Number => "-3".into(),
            Takes::WordsPerMinute => "120".into(),
            Takes::Bool => "true".into(),
            Takes::Mapping => "{}".into(),
            Takes::Items(inner) => {
                let fields: Vec<String> = inner.iter().map(|(k, t)| format!("{k}: {}", good(*t))).collect();
                format!("[{{{}}}]", fields.join(", "))
            }
        }
    }

    /// A value of another kind.
    fn wrong(takes: Takes) -> &'static str {
        match takes {
            Takes::Text | Takes::Texts | Takes::List => "{a: 1}",
            _ => "x",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;
    use serde::Deserialize;

    #[derive(Deserialize, Default, Debug)]
    #[serde(default)]
    struct Demo {
        title: Option<String>,
        weight: Option<i64>,
        duration: Option<u32>,
        draft: bool,
    }

    const DEMO: Schema = &[("weight", Takes::Number), ("duration", Takes::Minutes), ("draft", Takes::Bool)];

    fn block(text: &str) -> Block<'_> {
        Block { text, first_line: 2 }
    }

    fn demo(text: &str) -> Parsed<Demo> {
        parse::<Demo>(Path::new("a.md"), block(text), Place::FrontMatter, DEMO)
    }

    fn said(p: &Parsed<Demo>) -> Vec<String> {
        p.errors.iter().map(|e| format!("{}:{} {}", e.line, e.col, e.message.render(Language::En))).collect()
    }

    #[test]
    fn keys_are_the_fields_of_the_struct() {
        assert_eq!(keys::<Demo>(), ["title", "weight", "duration", "draft"]);
        assert!(keys::<String>().is_empty());
        schema_check::assert_describes::<Demo>(DEMO, &["title"]);
    }

    #[test]
    fn typed_values() {
        let v = demo("title: x\nweight: 3\n").value.unwrap();
        assert_eq!((v.title.as_deref(), v.weight), (Some("x"), Some(3)));
    }

    #[test]
    fn type_errors_in_plain_words_at_the_value_and_the_good_keys_kept() {
        let p = demo("title: x\nweight: dos\nduration: veinte\ndraft: maybe\nlayout: post\n");
        assert_eq!(
            said(&p),
            [
                "3:9 `weight` takes a whole number, such as `weight: 2`; found `dos`",
                "4:11 `duration` takes a whole number of minutes, such as `duration: 20`; found `veinte`",
                "5:8 `draft` takes `true` or `false`, such as `draft: true`; found `maybe`",
            ]
        );
        assert_eq!(
            p.errors[1].message.render(Language::Es),
            "`duration` espera un número entero de minutos, como `duration: 20`; pone `veinte`"
        );
        let v = p.value.unwrap();
        assert_eq!((v.title.as_deref(), v.weight, v.duration, v.draft), (Some("x"), None, None, false));
        assert_eq!(p.unknown, [KeyPos { key: "layout".into(), line: 6, col: 1 }], "unknown keys still found");
    }

    #[test]
    fn what_was_found_is_said_in_words() {
        let p = demo("weight: [1, 2]\nduration:\n  a: 1\ndraft: -5\n");
        let found: Vec<_> = p.errors.iter().map(|e| e.message.render(Language::En)).collect();
        assert!(found[0].ends_with("found a list"), "{found:?}");
        assert!(found[1].ends_with("found keys with values"), "{found:?}");
        assert_eq!((p.errors[1].line, p.errors[1].col), (3, 1), "a value below its key: the key");
        let long = demo(&format!("duration: {}\n", "palabra ".repeat(20)));
        assert!(
            long.errors[0].message.render(Language::En).ends_with("found `palabra palabra palabra…`"),
            "{:?}",
            long.errors
        );
        let p = parse::<Demo>(Path::new("a.md"), block("- a\n- b\n"), Place::FrontMatter, DEMO);
        assert!(p.value.is_none());
        assert_eq!(
            p.errors[0].message.render(Language::En),
            "the front matter must be keys with values, one per line (`key: value`); found a list"
        );
    }

    #[test]
    fn syntax_errors_are_at_their_cause_in_file_lines() {
        let p = demo("title: x\nweight: 'open\n");
        let e = &p.errors[0];
        assert_eq!((e.line, e.col, e.message.id), (3, 9, "yaml-unclosed-quote"));
        assert!(!e.message.render(Language::En).contains("at line"), "{}", e.message);
        for text in ["title: A\n\tweight: 2\n", "title A\nweight: 2\n", "title: A\n  weight: 2\n", "title: A\n- x\n"] {
            let config = parse::<Demo>(Path::new("aula.yaml"), Block { text, first_line: 1 }, Place::Config, DEMO);
            assert!(config.value.is_none(), "{text:?}");
            let message = config.errors[0].message.render(Language::En);
            assert!(message.contains("aula.yaml"), "{text:?}: {message}");
            assert_ne!(config.errors[0].message.id, "yaml-unclosed-quote", "{text:?}");
        }
    }

    #[test]
    fn a_key_set_twice_warns_and_the_last_value_is_used() {
        let p = demo("title: a\nlayout: x\ntitle: b\nweight: 1\n");
        assert_eq!(
            said(&p),
            ["4:1 duplicate key `title` (first set at line 2): the last value is used; delete one of them"]
        );
        assert_eq!(p.errors[0].severity, crate::diagnostics::Severity::Warning);
        let v = p.value.unwrap();
        assert_eq!((v.title.as_deref(), v.weight), (Some("b"), Some(1)));
        assert_eq!(p.unknown, [KeyPos { key: "layout".into(), line: 3, col: 1 }]);
    }

    #[test]
    fn a_bad_value_set_twice_is_reported_at_each() {
        let p = demo("weight: uno\nweight: dos\n");
        let lines: Vec<_> = p.errors.iter().map(|e| (e.line, e.message.id)).collect();
        assert_eq!(lines, [(3, "yaml-duplicate-key"), (2, "yaml-wrong-type"), (3, "yaml-wrong-type")]);
    }

    #[test]
    fn duplicates_among_twenty_thousand_keys_are_each_reported_at_their_line() {
        let text: String = (0..20_000).map(|i| format!("k{}: x\n", i % 10_000)).collect();
        let p = demo(&text);
        assert_eq!(p.errors.len(), 10_000, "the second half repeats the first");
        assert!(p.errors.iter().enumerate().all(|(i, e)| e.line == 10_002 + i
            && e.message.render(Language::En).contains(&format!("(first set at line {})", i + 2))));
    }

    #[test]
    fn key_scan() {
        let keys = top_level_keys(block("a: 1\n  b: 2\n- c\n\"q d\": 3\n# e: 4\nf:\n  - x\nurl: http://x\n"));
        let names: Vec<_> = keys.iter().map(|k| (k.key.as_str(), k.line)).collect();
        assert_eq!(names, [("a", 2), ("q d", 5), ("f", 7), ("url", 9)]);
    }

    #[derive(Deserialize, Default, Debug)]
    struct Free {
        extra: Option<serde_yaml::Value>,
    }

    fn free(text: &str) -> Parsed<Free> {
        parse::<Free>(Path::new("a.md"), block(text), Place::FrontMatter, &[])
    }

    #[test]
    fn flows_nested_too_deep_are_refused_before_parsing() {
        let p = free(&format!("title: x\nextra: {}\n", "[".repeat(100_000)));
        assert!(p.value.is_none());
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        let e = &p.errors[0];
        assert_eq!((e.line, e.col), (3, 8 + DEEPEST_FLOW), "at the first bracket too deep");
        assert!(
            e.message.render(Language::En).starts_with("the front matter nests deeper than 64 levels"),
            "{}",
            e.message
        );
        let p = free(&format!("extra: {}{}\n", "{a: ".repeat(DEEPEST_FLOW + 1), "}".repeat(DEEPEST_FLOW + 1)));
        assert!(p.errors[0].message.render(Language::En).contains("deeper than"), "{:?}", p.errors);
    }

    #[test]
    fn brackets_in_words_strings_and_comments_are_not_nesting() {
        let deep = "[".repeat(DEEPEST_FLOW * 2);
        let shallow = format!("{}{}", "[".repeat(DEEPEST_FLOW - 1), "]".repeat(DEEPEST_FLOW - 1));
        for text in [
            format!("extra: {shallow}\n"),
            format!("extra: a{deep}\n"),
            format!("extra: '{deep}'\n"),
            format!("extra: \"{deep} \\\" {deep}\"\n"),
            format!("extra: x # {deep}\n"),
            format!("extra: [{shallow}, '{deep}', {shallow}]\n"),
        ] {
            let p = free(&text);
            assert!(p.errors.is_empty(), "{text}: {:?}", p.errors);
            assert!(p.value.is_some_and(|v| v.extra.is_some()), "{text}");
        }
    }

    #[test]
    fn nesting_and_alias_limits_of_the_parser_say_what_to_do() {
        let block_nest: String = (0..200).map(|i| format!("{}k:\n", " ".repeat(i + 1))).collect();
        let p = free(&format!("extra:\n{block_nest}"));
        assert_eq!(p.errors[0].message.id, "yaml-nested-too-deep", "{:?}", p.errors);
        assert!(p.errors[0].message.render(Language::En).contains("write them flatter"));
        let mut laughs = String::from("extra:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            laughs.push_str(&format!("  a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
        }
        let p = free(&laughs);
        assert!(p.value.is_none());
        assert!(p.errors[0].message.render(Language::En).contains("aliases of aliases"), "{:?}", p.errors);
    }
}
