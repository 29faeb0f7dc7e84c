//! Everything aula says to people — diagnostics, hints, progress lines, summaries — in the
//! site's language, from the Fluent catalogues in `themes/default/i18n/messages/<lang>/*.ftl`
//! (beside the theme's UI strings, built into the binary).
//!
//! Code never holds the words: it builds a [`Message`] (an id from the catalogues and its
//! arguments, with [`msg!`](crate::msg)) and the words are chosen when it is printed, in the
//! language asked for. Diagnostics are rendered with the site's language, given explicitly
//! ([`Message::render`]); a message that travels as an error or a progress line is rendered in
//! the process language ([`set_process_language`]), which the command line sets from `--lang`,
//! `AULA_LANG`, the site's `language` and, before `aula.yaml` is read, the locale.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::config::Language;

/// A message to print: an id of the catalogues and its named arguments.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// One argument of a message: text quoted as it is (a key, a path, another program's words), a
/// number (for plurals), or a message of its own rendered in the same language.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Arg {
    Text(String),
    Number(i64),
    /// A number with a fixed count of decimals, written `value / 10^places` (`0.42`, `0,42`).
    Decimal {
        value: i64,
        places: u8,
    },
    Message(Box<Message>),
}

impl Arg {
    /// `x` rounded to `places` decimals, written with the language's decimal mark.
    pub fn decimal(x: f64, places: u8) -> Arg {
        Arg::Decimal { value: (x * 10f64.powi(places.into())).round() as i64, places }
    }

    fn decimal_text(value: i64, places: u8, language: Language) -> String {
        let scale = 10i64.pow(places.into());
        let (whole, part) = (value / scale, (value % scale).abs());
        if places == 0 {
            return whole.to_string();
        }
        let mark = match language {
            Language::Es => ',',
            Language::En => '.',
        };
        let sign = if value < 0 && whole == 0 { "-" } else { "" };
        format!("{sign}{whole}{mark}{part:0width$}", width = places.into())
    }
}

/// Builds a [`Message`]: `msg!("unknown-key", key = "layout", what = "front matter")`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message::new($id)$(.with(stringify!($name), $value))*
    };
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Message { id, args: Vec::new() }
    }

    /// The message with one more argument.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The value of argument `name`, if it is text.
    pub fn text_arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(n, _)| *n == name).and_then(|(_, a)| match a {
            Arg::Text(t) => Some(t.as_str()),
            _ => None,
        })
    }

    /// The words of this message in `language`.
    pub fn render(&self, language: Language) -> String {
        let bundle = &CATALOGUES[language as usize];
        let Some(pattern) = bundle.get_message(self.id).and_then(|m| m.value()) else {
            // Caught by the catalogue tests; never hide what was meant to be said.
            return format!("{} {:?}", self.id, self.args);
        };
        let mut args = FluentArgs::new();
        for (name, arg) in &self.args {
            let value = match arg {
                Arg::Text(t) => FluentValue::from(t.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
                Arg::Decimal { value, places } => FluentValue::from(Arg::decimal_text(*value, *places, language)),
                Arg::Message(m) => FluentValue::from(m.render(language)),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        debug_assert!(errors.is_empty(), "message {}: {errors:?}", self.id);
        text.into_owned()
    }
}

/// In the process language, for errors and progress lines.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.render(process_language()))
    }
}

/// A message is also an error, so that `anyhow` can carry it to the command line.
impl std::error::Error for Message {}

impl From<String> for Arg {
    fn from(t: String) -> Self {
        Arg::Text(t)
    }
}

impl From<&str> for Arg {
    fn from(t: &str) -> Self {
        Arg::Text(t.to_string())
    }
}

impl From<&String> for Arg {
    fn from(t: &String) -> Self {
        Arg::Text(t.clone())
    }
}

impl From<&Path> for Arg {
    fn from(p: &Path) -> Self {
        Arg::Text(p.display().to_string())
    }
}

impl From<&PathBuf> for Arg {
    fn from(p: &PathBuf) -> Self {
        Arg::Text(p.display().to_string())
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Message(Box::new(m))
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(usize, u64, u32, u16, u8, i64, i32);

#[derive(rust_embed::Embed)]
#[folder = "themes/default/i18n/messages/"]
struct Catalogues;

/// One Fluent bundle per language, indexed by `Language as usize`, each made of every `.ftl`
/// file of its folder.
static CATALOGUES: LazyLock<[FluentBundle<FluentResource>; 2]> =
    LazyLock::new(|| [bundle(Language::Es), bundle(Language::En)]);

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let code = language.code();
    let id = code.parse().expect("a language code");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminals and logs show the isolation marks Fluent puts around arguments as noise.
    bundle.set_use_isolating(false);
    for (name, text) in catalogue_files(code) {
        let resource = FluentResource::try_new(text).unwrap_or_else(|(_, e)| panic!("{name}: {e:?}"));
        bundle.add_resource(resource).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    }
    bundle
}

/// The catalogue files of one language, by name, in a fixed order.
fn catalogue_files(code: &str) -> Vec<(String, String)> {
    let prefix = format!("{code}/");
    let mut names: Vec<String> =
        Catalogues::iter().filter(|n| n.starts_with(&prefix) && n.ends_with(".ftl")).map(Into::into).collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let file = Catalogues::get(&name).expect("an embedded catalogue");
            let text = String::from_utf8(file.data.into_owned()).expect("catalogues are UTF-8");
            (name, text)
        })
        .collect()
}

/// `warning: …` in the process language, for a warning printed as it happens rather than
/// collected as a diagnostic (about the output folder, not about a source file).
pub fn as_warning(message: Message) -> String {
    labelled(crate::diagnostics::Severity::Warning, message)
}

/// `error: …` in the process language, for an error printed as it happens (by a server that
/// keeps running).
pub fn as_error(message: Message) -> String {
    labelled(crate::diagnostics::Severity::Error, message)
}

fn labelled(severity: crate::diagnostics::Severity, message: Message) -> String {
    let language = process_language();
    format!("{}: {}", severity.label(language), message.render(language))
}

const UNSET: u8 = u8::MAX;
static PROCESS_LANGUAGE: AtomicU8 = AtomicU8::new(UNSET);

/// Sets the language of errors and progress lines for the rest of the run.
pub fn set_process_language(language: Language) {
    PROCESS_LANGUAGE.store(language as u8, Ordering::Relaxed);
}

/// The language of errors and progress lines: what [`set_process_language`] set, else
/// [`environment_language`].
pub fn process_language() -> Language {
    match PROCESS_LANGUAGE.load(Ordering::Relaxed) {
        // Unit tests compare English words, whatever the machine's locale.
        UNSET if cfg!(test) => Language::En,
        UNSET => environment_language(),
        n if n == Language::En as u8 => Language::En,
        _ => Language::Es,
    }
}

/// The language `AULA_LANG` asks for, if it names one aula speaks.
pub fn override_from_environment() -> Option<Language> {
    std::env::var("AULA_LANG").ok().and_then(|code| Language::parse(code.trim()))
}

/// The language of the environment: `AULA_LANG`, else the locale, else Spanish.
pub fn environment_language() -> Language {
    override_from_environment().or_else(locale_language).unwrap_or_default()
}

/// The language of the POSIX locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
/// and not empty, if it is Spanish or English (`es_MX.UTF-8`, `en`).
pub fn locale_language() -> Option<Language> {
    let vars = ["LC_ALL", "LC_MESSAGES", "LANG"].map(|v| std::env::var(v).ok());
    language_of_locale(vars.iter().flatten().find(|v| !v.is_empty())?)
}

fn language_of_locale(locale: &str) -> Option<Language> {
    let code = locale.split(['_', '-', '.', '@']).next()?;
    Language::parse(code)
}

/// The language messages about a site are printed in: `--lang`, else `AULA_LANG`, else the
/// site's `language`, else the environment's.
pub fn site_language(cli: Option<Language>, site: Option<Language>) -> Language {
    cli.or_else(override_from_environment).or(site).unwrap_or_else(environment_language)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every message id with the variables its text uses, per language.
    fn ids_and_variables(code: &str) -> Vec<(String, BTreeSet<String>)> {
        let mut found = Vec::new();
        for (_, text) in catalogue_files(code) {
            let mut current: Option<(String, BTreeSet<String>)> = None;
            for line in text.lines() {
                if let Some((id, _)) = line.split_once(" =").filter(|_| !line.starts_with([' ', '#', '[', '*', '}'])) {
                    found.extend(current.take());
                    current = Some((id.trim().to_string(), BTreeSet::new()));
                }
                if let Some((_, vars)) = &mut current {
                    for part in line.split('$').skip(1) {
                        let name: String =
                            part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                        vars.insert(name);
                    }
                }
            }
            found.extend(current);
        }
        found.sort();
        found
    }

    #[test]
    fn both_languages_have_the_same_messages_with_the_same_arguments() {
        let es = ids_and_variables("es");
        let en = ids_and_variables("en");
        assert!(!es.is_empty());
        let es_ids: BTreeSet<_> = es.iter().map(|(id, _)| id).collect();
        let en_ids: BTreeSet<_> = en.iter().map(|(id, _)| id).collect();
        assert_eq!(es_ids.symmetric_difference(&en_ids).collect::<Vec<_>>(), Vec::<&&String>::new());
        for ((id, es_vars), (_, en_vars)) in es.iter().zip(&en) {
            assert_eq!(es_vars, en_vars, "arguments of {id}");
        }
    }

    #[test]
    fn every_id_the_code_uses_is_in_the_catalogues() {
        let known: BTreeSet<String> = ids_and_variables("en").into_iter().map(|(id, _)| id).collect();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let code: String =
                text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
            for marker in ["msg!(\"", "Message::new(\""] {
                for part in code.split(marker).skip(1) {
                    let id = &part[..part.find('"').unwrap()];
                    if !known.contains(id) {
                        missing.push(format!("{}: {id}", entry.path().display()));
                    }
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new(), "ids used in code but in no catalogue");
    }

    #[test]
    fn arguments_plurals_and_nested_messages() {
        let two = msg!("count-warnings", count = 2usize);
        let m =
            msg!("summary-failed", errors = msg!("count-errors", count = 1usize), warnings = two, output = "public/");
        assert_eq!(m.render(Language::En), "failed with 1 error and 2 warnings; public/ left as it was");
        assert_eq!(m.render(Language::Es), "falló con 1 error y 2 avisos; public/ queda como estaba");
    }

    #[test]
    fn decimals_use_the_language_mark() {
        let Arg::Decimal { value, places } = Arg::decimal(1.005_1, 2) else { unreachable!() };
        assert_eq!(Arg::decimal_text(value, places, Language::En), "1.01");
        assert_eq!(Arg::decimal_text(value, places, Language::Es), "1,01");
        assert_eq!(Arg::decimal_text(42, 3, Language::Es), "0,042");
    }

    #[test]
    fn locales() {
        for (locale, want) in [
            ("es_MX.UTF-8", Some(Language::Es)),
            ("en_GB", Some(Language::En)),
            ("en", Some(Language::En)),
            ("C.UTF-8", None),
            ("POSIX", None),
            ("fr_FR@euro", None),
        ] {
            assert_eq!(language_of_locale(locale), want, "{locale}");
        }
    }
}
