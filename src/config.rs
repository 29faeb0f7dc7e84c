//! `aula.yaml` → a checked [`Config`].
//!
//! The raw YAML is parsed with locations (see [`crate::yaml`]); unknown keys are errors with the
//! nearest known key suggested, and every value is validated before the build starts. One bad
//! key hides none of the others, and the site's `language` is known even when other keys are
//! wrong, so that the problems are told in it.

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use url::Url;

use crate::content::read;
use crate::diagnostics::{Diagnostic, Severity, nearest};
use crate::messages::Message;
use crate::msg;
use crate::yaml::{self, Block, KeyPos, Place, Schema, Takes};

/// The file name of the site configuration, at the site root.
pub const FILE_NAME: &str = "aula.yaml";

/// What the typed keys of aula.yaml take: every key of its raw form but `extra` (a unit test
/// holds the two together).
const SCHEMA: Schema = &[
    ("title", Takes::Text),
    ("description", Takes::Text),
    ("base_url", Takes::Text),
    ("language", Takes::Text),
    ("theme", Takes::Text),
    ("output_dir", Takes::Text),
    ("reading_speed", Takes::WordsPerMinute),
    ("ignore", Takes::Texts),
    ("front_matter", Takes::Mapping),
    ("scorm", Takes::Mapping),
    ("xapi", Takes::Mapping),
];

/// The site's language: UI strings, dates, and (later) search rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    Es,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Es => "es",
            Language::En => "en",
        }
    }

    /// The Open Graph locale.
    pub fn locale(self) -> &'static str {
        match self {
            Language::Es => "es_ES",
            Language::En => "en_US",
        }
    }

    /// The first URL segment of tag pages.
    pub fn tags_segment(self) -> &'static str {
        match self {
            Language::Es => "etiquetas",
            Language::En => "tags",
        }
    }

    /// The URL segment before the number of a listing's later pages (`etiquetas/pagina/2/`).
    pub fn page_segment(self) -> &'static str {
        match self {
            Language::Es => "pagina",
            Language::En => "page",
        }
    }

    /// The URL segment of the search page.
    pub fn search_segment(self) -> &'static str {
        match self {
            Language::Es => "buscar",
            Language::En => "search",
        }
    }

    /// The language of a code such as `es` or `EN`; `None` for a language aula does not speak.
    pub fn parse(code: &str) -> Option<Language> {
        match code.to_ascii_lowercase().as_str() {
            "es" => Some(Language::Es),
            "en" => Some(Language::En),
            _ => None,
        }
    }
}

/// The validated site configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Absolute site URL ending in `/`; only used where an absolute URL is required.
    pub base_url: Option<Url>,
    pub language: Language,
    pub theme: String,
    /// Output folder, relative to the site root unless absolute.
    pub output_dir: PathBuf,
    /// Words per minute for estimated reading times.
    pub reading_speed: u32,
    /// What in `content/` is not part of the site.
    pub ignore: Ignore,
    pub front_matter: FrontMatterOptions,
    /// `scorm:`: an LMS package of each course is written beside the site.
    pub scorm: Option<Scorm>,
    /// `xapi:`: learners' progress is also sent to a Learning Record Store.
    pub xapi: Option<Xapi>,
    pub extra: serde_yaml::Value,
}

/// `scorm:` of aula.yaml (or `aula build --scorm`): which SCORM the packages speak and what
/// score passes a course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scorm {
    pub version: ScormVersion,
    /// The share of a course's quizzes, in percent (0–100), answered right to pass it.
    pub passing_score: u8,
}

impl Scorm {
    pub const DEFAULT_PASSING_SCORE: u8 = 80;

    pub fn new(version: ScormVersion) -> Scorm {
        Scorm { version, passing_score: Scorm::DEFAULT_PASSING_SCORE }
    }
}

/// The SCORM versions LMSs import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScormVersion {
    /// SCORM 1.2, which every LMS takes.
    V1_2,
    /// SCORM 2004 4th edition.
    V2004,
}

impl ScormVersion {
    /// `1.2` or `2004`, as written in aula.yaml and on the command line.
    pub fn parse(text: &str) -> Option<ScormVersion> {
        match text.trim() {
            "1.2" => Some(ScormVersion::V1_2),
            "2004" => Some(ScormVersion::V2004),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ScormVersion::V1_2 => "1.2",
            ScormVersion::V2004 => "2004",
        }
    }
}

/// `xapi:` of aula.yaml: the Learning Record Store that pages send statements to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Xapi {
    /// The LRS's xAPI endpoint, ending in `/` (statements go to `statements` under it).
    pub endpoint: Url,
    /// The `Authorization` header (`Basic …`), when the LRS wants one. Readable by anyone who
    /// has the site.
    pub authorization: Option<String>,
    /// What the IRIs of activities (lessons, quizzes, courses) start with, ending in `/`.
    pub activity_base: Url,
}

/// `front_matter:` of aula.yaml: how front matter is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatterOptions {
    /// Top-level keys that never warn as unknown (other tools' keys: `layout`, `permalink`).
    pub ignore_keys: Vec<String>,
}

/// An aula.yaml that cannot be used: its problems, and the language it declares if that could
/// be read, to tell them in.
#[derive(Clone, Debug, Default)]
pub struct Rejected {
    pub problems: Vec<Diagnostic>,
    pub language: Option<Language>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "aula".into(),
            description: String::new(),
            base_url: None,
            language: Language::Es,
            theme: "default".into(),
            output_dir: PathBuf::from("public"),
            reading_speed: 200,
            ignore: Ignore::default(),
            front_matter: FrontMatterOptions::default(),
            scorm: None,
            xapi: None,
            extra: serde_yaml::Value::Null,
        }
    }
}

/// aula.yaml as written: its fields are the keys it may have.
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
struct RawConfig {
    #[serde(deserialize_with = "yaml::text")]
    title: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    description: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    base_url: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    language: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    theme: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    output_dir: Option<String>,
    reading_speed: Option<u32>,
    #[serde(deserialize_with = "yaml::one_or_many")]
    ignore: Vec<String>,
    front_matter: Option<RawFrontMatter>,
    scorm: Option<RawScorm>,
    xapi: Option<RawXapi>,
    extra: Option<serde_yaml::Value>,
}

/// `scorm:` of aula.yaml as written.
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
struct RawScorm {
    #[serde(deserialize_with = "yaml::text")]
    version: Option<String>,
    /// Checked by hand, so that `85%` or `-5` is told as what it is.
    passing_score: Option<serde_yaml::Value>,
}

/// `xapi:` of aula.yaml as written.
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
struct RawXapi {
    #[serde(deserialize_with = "yaml::text")]
    endpoint: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    username: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    password: Option<String>,
    #[serde(deserialize_with = "yaml::text")]
    activity_base: Option<String>,
}

/// `front_matter:` of aula.yaml as written: its fields are the keys it may have.
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
struct RawFrontMatter {
    #[serde(deserialize_with = "yaml::one_or_many")]
    ignore_keys: Vec<String>,
}

impl Config {
    /// Reads `aula.yaml` at the site root. `Ok(Err(..))` holds the author's mistakes, a file that
    /// cannot be read as text among them (see [`crate::content::read::text`]).
    pub fn load(root: &Path) -> anyhow::Result<Result<Config, Rejected>> {
        let path = root.join(FILE_NAME);
        if path.symlink_metadata().is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            return Err(msg!("config-missing", folder = root).into());
        }
        Ok(match read::text(&path, Path::new(FILE_NAME)) {
            Ok(text) => Config::parse(Path::new(FILE_NAME), &text),
            Err(problem) => Err(Rejected { problems: vec![problem], language: None }),
        })
    }

    /// Parses and checks the text of `aula.yaml`. `path` is only used in diagnostics.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Rejected> {
        let parsed = yaml::parse::<RawConfig>(path, Block { text, first_line: 1 }, Place::Config, SCHEMA);
        // aula.yaml is aula's alone: what only warns in front matter is an error here.
        let mut errors: Vec<Diagnostic> =
            parsed.errors.into_iter().map(|d| Diagnostic { severity: Severity::Error, ..d }).collect();
        errors.extend(parsed.unknown.iter().map(|k| unknown_key(path, k)));
        let Some(raw) = parsed.value else {
            return Err(Rejected { problems: errors, language: declared_language(text) });
        };
        let at = |key: &str| yaml::key_position(&parsed.keys, key).unwrap_or((1, 1));
        // A `title` of the wrong kind is already reported as such.
        let title_told =
            yaml::key_position(&parsed.keys, "title").is_some_and(|(line, _)| errors.iter().any(|e| e.line == line));
        let mut config = Config::default();
        let mut error = |key: &str, message: Message| {
            let (line, col) = at(key);
            errors.push(Diagnostic::error(path, line, col, message));
        };
        let mut declared = None;
        if let Some(code) = raw.language {
            match Language::parse(code.trim()) {
                Some(l) => {
                    config.language = l;
                    declared = Some(l);
                }
                None => error("language", msg!("config-language", code = code)),
            }
        }
        match raw.title {
            Some(title) => config.title = title,
            None if title_told => {}
            None => error("", msg!("config-missing-title")),
        }
        config.description = raw.description.unwrap_or_default();
        if let Some(base) = raw.base_url.filter(|b| !b.trim().is_empty()) {
            match parse_base_url(&base) {
                Ok(url) => config.base_url = Some(url),
                Err(message) => error("base_url", message),
            }
        }
        if let Some(theme) = raw.theme {
            config.theme = theme;
        }
        if let Some(dir) = raw.output_dir {
            config.output_dir = PathBuf::from(dir);
        }
        match raw.reading_speed {
            Some(0) => error("reading_speed", msg!("config-reading-speed-zero")),
            Some(speed) => config.reading_speed = speed,
            None => {}
        }
        match Ignore::new(raw.ignore) {
            Ok(ignore) => config.ignore = ignore,
            Err(message) => error("ignore", message),
        }
        if let Some(front_matter) = raw.front_matter {
            config.front_matter.ignore_keys = front_matter.ignore_keys;
        }
        if let Some(scorm) = raw.scorm {
            let at = |key: &str| nested_position(text, "scorm", key).unwrap_or_else(|| at("scorm"));
            config.scorm = parse_scorm(scorm, at, &mut |(line, col), message| {
                errors.push(Diagnostic::error(path, line, col, message));
            });
        }
        if let Some(xapi) = raw.xapi {
            let at = |key: &str| nested_position(text, "xapi", key).unwrap_or_else(|| at("xapi"));
            config.xapi = parse_xapi(xapi, config.base_url.as_ref(), at, &mut |(line, col), message| {
                errors.push(Diagnostic::error(path, line, col, message));
            });
        }
        config.extra = raw.extra.unwrap_or(serde_yaml::Value::Null);
        if errors.is_empty() { Ok(config) } else { Err(Rejected { problems: errors, language: declared }) }
    }
}

/// `scorm:` checked; problems go to `error` at the position `at` gives for a key.
fn parse_scorm(
    raw: RawScorm,
    at: impl Fn(&str) -> (usize, usize),
    error: &mut dyn FnMut((usize, usize), Message),
) -> Option<Scorm> {
    let version = match raw.version.as_deref().map(str::trim) {
        None | Some("") => {
            error(at(""), msg!("config-scorm-version-missing"));
            return None;
        }
        Some(text) => match ScormVersion::parse(text) {
            Some(version) => version,
            None => {
                error(at("version"), msg!("config-scorm-version", version = text));
                return None;
            }
        },
    };
    let mut scorm = Scorm::new(version);
    if let Some(value) = raw.passing_score {
        match value.as_u64().filter(|n| *n <= 100) {
            Some(score) => scorm.passing_score = score as u8,
            None => {
                let written = match &value {
                    serde_yaml::Value::String(s) => s.clone(),
                    other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
                };
                error(at("passing_score"), msg!("config-passing-score", score = written));
                return None;
            }
        }
    }
    Some(scorm)
}

/// `xapi:` checked: an endpoint, credentials (both or neither), and where activity IRIs start
/// (`activity_base`, else the site's `base_url`).
fn parse_xapi(
    raw: RawXapi,
    base_url: Option<&Url>,
    at: impl Fn(&str) -> (usize, usize),
    error: &mut dyn FnMut((usize, usize), Message),
) -> Option<Xapi> {
    let endpoint = match raw.endpoint.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        None => {
            error(at(""), msg!("config-xapi-endpoint-missing"));
            None
        }
        Some(text) => match parse_base_url(text) {
            Ok(url) => Some(url),
            Err(_) => {
                error(at("endpoint"), msg!("config-xapi-endpoint", url = text));
                None
            }
        },
    };
    let authorization = match (&raw.username, &raw.password) {
        (Some(user), Some(password)) => Some(basic_authorization(user, password)),
        (None, None) => None,
        (Some(_), None) => {
            error(at("username"), msg!("config-xapi-credentials", missing = "password", given = "username"));
            None
        }
        (None, Some(_)) => {
            error(at("password"), msg!("config-xapi-credentials", missing = "username", given = "password"));
            None
        }
    };
    let activity_base = match raw.activity_base.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        Some(text) => match parse_base_url(text) {
            Ok(url) => Some(url),
            Err(_) => {
                error(at("activity_base"), msg!("config-xapi-activity-base", url = text));
                None
            }
        },
        None => match base_url {
            Some(url) => Some(url.clone()),
            None => {
                error(at(""), msg!("config-xapi-activity-base-missing"));
                None
            }
        },
    };
    Some(Xapi { endpoint: endpoint?, authorization, activity_base: activity_base? })
}

/// The `Authorization` header of HTTP Basic authentication.
fn basic_authorization(user: &str, password: &str) -> String {
    use base64::Engine as _;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")))
}

/// The position of `key` inside the block mapping of the top-level key `top` of `text`: the
/// first line below `top:` that is indented and starts with `key:`. Only plain block mappings
/// are found; the caller falls back to the line of `top`.
fn nested_position(text: &str, top: &str, key: &str) -> Option<(usize, usize)> {
    let mut lines = text.lines().enumerate();
    lines.find(|(_, line)| line.strip_prefix(top).is_some_and(|rest| rest.trim_start().starts_with(':')))?;
    for (i, line) in lines {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.len() == line.len() {
            return None;
        }
        if key.is_empty() {
            return None;
        }
        if trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')) {
            return Some((i + 1, line.len() - trimmed.len() + 1));
        }
    }
    None
}

/// The error for a key aula.yaml does not have: `front_matter.x` is looked up among the keys of
/// `front_matter:`.
fn unknown_key(path: &Path, k: &KeyPos) -> Diagnostic {
    let (key, known, place) = match k.key.split_once('.') {
        Some(("front_matter", inner)) => (inner, yaml::keys::<RawFrontMatter>(), msg!("place-config-front-matter")),
        Some(("scorm", inner)) => (inner, yaml::keys::<RawScorm>(), msg!("place-config-scorm")),
        Some(("xapi", inner)) => (inner, yaml::keys::<RawXapi>(), msg!("place-config-xapi")),
        _ => (k.key.as_str(), yaml::keys::<RawConfig>(), msg!("yaml-place-config")),
    };
    let message = match nearest(key, known.iter().copied()) {
        Some(near) => msg!("unknown-key-near", key = key, place = place, near = near),
        None => msg!("unknown-key-listed", key = key, place = place, keys = known.join(", ")),
    };
    Diagnostic::error(path, k.line, k.col, message)
}

/// The language `text` declares on a line `language: en`, for an aula.yaml that could not be
/// parsed: its problems are still told in that language.
fn declared_language(text: &str) -> Option<Language> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?.split(" #").next()?.trim();
        Language::parse(value.trim_matches(['"', '\'']))
    })
}

/// `ignore:` of aula.yaml: gitignore patterns (`!` negates, a leading `/` anchors at `content/`,
/// a trailing `/` matches folders only) for what in `content/` is not part of the site.
#[derive(Clone)]
pub struct Ignore {
    patterns: Vec<String>,
    matcher: Gitignore,
    /// Content-relative paths left out as they are, sorted: what a build of part of the site
    /// does not read (see [`Ignore::leaving_out`]).
    left_out: Vec<PathBuf>,
}

impl Default for Ignore {
    fn default() -> Self {
        Ignore { patterns: Vec::new(), matcher: Gitignore::empty(), left_out: Vec::new() }
    }
}

impl std::fmt::Debug for Ignore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Ignore").field(&self.patterns).field(&self.left_out).finish()
    }
}

impl PartialEq for Ignore {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns && self.left_out == other.left_out
    }
}

impl Ignore {
    /// The patterns, checked; the message for the first that is not a gitignore pattern.
    pub fn new(patterns: Vec<String>) -> Result<Ignore, Message> {
        let mut builder = GitignoreBuilder::new("");
        for pattern in &patterns {
            builder.add_line(None, pattern).map_err(|_| bad_ignore_pattern(pattern))?;
        }
        let matcher = builder.build().map_err(|_| bad_ignore_pattern(""))?;
        Ok(Ignore { patterns, matcher, left_out: Vec::new() })
    }

    /// These patterns, and the content-relative files and folders `paths` left out too.
    pub fn leaving_out<'a>(&self, paths: impl IntoIterator<Item = &'a str>) -> Ignore {
        let mut ignore = self.clone();
        ignore.left_out.extend(paths.into_iter().map(PathBuf::from));
        ignore.left_out.sort();
        ignore.left_out.dedup();
        ignore
    }

    /// Whether the content-relative `path` (a folder if `is_dir`) is left out of the site.
    pub fn is_ignored(&self, path: &Path, is_dir: bool) -> bool {
        (!self.patterns.is_empty() && self.matcher.matched(path, is_dir).is_ignore())
            || (!self.left_out.is_empty() && self.left_out.binary_search_by(|p| p.as_path().cmp(path)).is_ok())
    }
}

fn bad_ignore_pattern(pattern: &str) -> Message {
    msg!("config-ignore-pattern", pattern = pattern)
}

/// Checks a base URL (`https://org.github.io/repo`) and normalises it to end with `/`.
pub fn parse_base_url(text: &str) -> Result<Url, Message> {
    let mut url = Url::parse(text.trim()).map_err(|_| msg!("config-base-url", url = text))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(msg!("config-base-url-scheme", url = text));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

/// The `language` that the site at `root` declares in its aula.yaml, read before anything
/// else so that even a run that stops early (a busy port, a bad flag) speaks it. `None` when
/// there is no readable aula.yaml or no language aula speaks in it.
pub fn language_of_site(root: &Path) -> Option<Language> {
    declared_language(&read::text(&root.join(FILE_NAME), Path::new(FILE_NAME)).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_patterns_are_gitignore_patterns() {
        let ignore =
            Ignore::new(["README.md", "/data/", "drafts/", "*.tmp.md", "!drafts/keep.md"].map(String::from).to_vec())
                .expect("valid patterns");
        let cases = [
            ("README.md", false, true),
            ("course/README.md", false, true),
            ("data", true, true),
            ("course/data", true, false),
            ("course/data", false, false),
            ("drafts", true, true),
            ("drafts", false, false),
            ("x.tmp.md", false, true),
            ("drafts/keep.md", false, false),
            ("lesson.md", false, false),
        ];
        for (path, is_dir, ignored) in cases {
            assert_eq!(ignore.is_ignored(Path::new(path), is_dir), ignored, "{path} (folder: {is_dir})");
        }
    }

    #[test]
    fn bad_ignore_patterns_are_located() {
        let problems = parse("title: X\nignore:\n  - \"x[z-a]\"\n").unwrap_err().problems;
        assert_eq!(
            said(&problems),
            [
                "aula.yaml:2:1: error: invalid `ignore:` pattern `x[z-a]`: write gitignore patterns such as `README.md`, `/data/` or `!keep.md`"
            ]
        );
    }

    fn parse(text: &str) -> Result<Config, Rejected> {
        Config::parse(Path::new("aula.yaml"), text)
    }

    fn said(problems: &[Diagnostic]) -> Vec<String> {
        problems.iter().map(Diagnostic::to_string).collect()
    }

    #[test]
    fn full_config() {
        let c = parse(
            "title: Academia\nbase_url: https://org.github.io/repo\nlanguage: en\nreading_speed: 180\n\
             front_matter: { ignore_keys: [layout, permalink] }\nignore: README.md\n",
        )
        .unwrap();
        assert_eq!(c.title, "Academia");
        assert_eq!(c.base_url.unwrap().as_str(), "https://org.github.io/repo/");
        assert_eq!(c.language, Language::En);
        assert_eq!(c.reading_speed, 180);
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert_eq!(c.front_matter.ignore_keys, ["layout", "permalink"]);
        assert!(c.ignore.is_ignored(Path::new("README.md"), false));
    }

    #[test]
    fn unknown_keys_suggest_the_nearest_or_list_the_keys() {
        let problems = parse("title: A\nbase_ulr: https://x.org/\nlayout: x\nfront_matter:\n  ignore_key: [a]\n")
            .unwrap_err()
            .problems;
        assert_eq!(
            said(&problems),
            [
                "aula.yaml:2:1: error: unknown key `base_ulr` in aula.yaml: did you mean `base_url`?",
                "aula.yaml:3:1: error: unknown key `layout` in aula.yaml: remove it, or use one of title, description, base_url, language, theme, output_dir, reading_speed, ignore, front_matter, scorm, xapi, extra",
                "aula.yaml:4:1: error: unknown key `ignore_key` in `front_matter:` of aula.yaml: did you mean `ignore_keys`?",
            ]
        );
    }

    #[test]
    fn the_schema_describes_the_raw_config() {
        yaml::schema_check::assert_describes::<RawConfig>(SCHEMA, &["extra"]);
        assert_eq!(yaml::keys::<RawFrontMatter>(), ["ignore_keys"], "`front_matter:` is checked by its struct alone");
        assert_eq!(yaml::keys::<RawScorm>(), ["version", "passing_score"]);
        assert_eq!(yaml::keys::<RawXapi>(), ["endpoint", "username", "password", "activity_base"]);
    }

    #[test]
    fn scorm_takes_a_version_and_a_passing_score_from_0_to_100() {
        let c = parse("title: A\nscorm:\n  version: 2004\n  passing_score: 65\n").unwrap();
        assert_eq!(c.scorm, Some(Scorm { version: ScormVersion::V2004, passing_score: 65 }));
        let c = parse("title: A\nscorm: { version: 1.2 }\n").unwrap();
        assert_eq!(c.scorm, Some(Scorm::new(ScormVersion::V1_2)));
        let problems = parse("title: A\nscorm:\n  version: \"3\"\n").unwrap_err().problems;
        assert_eq!(
            said(&problems),
            ["aula.yaml:3:3: error: unsupported SCORM version `3`: write `version: \"1.2\"` or `version: \"2004\"`"]
        );
        for score in ["120", "-5", "\"85%\"", "80.5"] {
            let problems = parse(&format!("title: A\nscorm:\n  version: \"1.2\"\n  passing_score: {score}\n"))
                .unwrap_err()
                .problems;
            let want = score.trim_matches('"');
            assert_eq!(
                said(&problems),
                [format!(
                    "aula.yaml:4:3: error: `passing_score` `{want}` is not a percentage: write a whole number from 0 to 100, such as `passing_score: 80`"
                )]
            );
        }
        let problems = parse("title: A\nscorm:\n  passing_score: 80\n  versoin: 2004\n").unwrap_err().problems;
        assert_eq!(
            said(&problems),
            [
                "aula.yaml:2:1: error: unknown key `versoin` in `scorm:` of aula.yaml: did you mean `version`?",
                "aula.yaml:2:1: error: `scorm:` needs a `version`: `version: \"1.2\"` (every LMS takes it) or `version: \"2004\"`",
            ]
        );
    }

    #[test]
    fn xapi_needs_an_endpoint_and_an_absolute_start_for_its_iris() {
        let c = parse(
            "title: A\nbase_url: https://x.org/curso\nxapi:\n  endpoint: https://lrs.x.org/xapi\n  username: ana\n  password: p\n",
        )
        .unwrap();
        let xapi = c.xapi.unwrap();
        assert_eq!(xapi.endpoint.as_str(), "https://lrs.x.org/xapi/");
        assert_eq!(xapi.authorization.as_deref(), Some("Basic YW5hOnA="));
        assert_eq!(xapi.activity_base.as_str(), "https://x.org/curso/", "the site's base_url by default");
        let problems =
            parse("title: A\nxapi:\n  endpoint: https://lrs.x.org/xapi\n  username: ana\n").unwrap_err().problems;
        assert_eq!(
            said(&problems),
            [
                "aula.yaml:4:3: error: `xapi:` has a `username` but no `password`: give both, or neither if the Learning Record Store takes statements without them",
                "aula.yaml:2:1: error: xAPI statements name lessons by IRIs, which need an absolute start: set `activity_base:` under `xapi:` or the site's `base_url`",
            ]
        );
        let problems = parse("title: A\nxapi:\n  activity_base: cursos\n").unwrap_err().problems;
        assert_eq!(
            said(&problems),
            [
                "aula.yaml:2:1: error: `xapi:` needs the `endpoint` of your Learning Record Store, such as `endpoint: https://lrs.example.org/xapi/`",
                "aula.yaml:3:3: error: invalid xAPI `activity_base` `cursos`: write an absolute URL such as `https://example.org/curso/`",
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_a_second_document() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "\u{FEFF}title: Academia\n").unwrap();
        assert_eq!(Config::load(dir.path()).unwrap().unwrap().title, "Academia");
    }

    #[test]
    fn bad_values_are_located() {
        let problems = parse("title: A\nlanguage: fr\nbase_url: ftp://x\n").unwrap_err().problems;
        let lines: Vec<_> = problems.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3]);
    }

    #[test]
    fn one_bad_key_hides_no_other_and_the_language_is_still_known() {
        let rejected =
            parse("title: [A, B]\nlanguage: en\nreading_speed: rápido\nbase_url: nada\ntheme: default\n").unwrap_err();
        assert_eq!(rejected.language, Some(Language::En));
        assert_eq!(
            said(&rejected.problems),
            [
                "aula.yaml:1:8: error: `title` takes a text, such as `title: …` on one line; found a list",
                "aula.yaml:3:16: error: `reading_speed` takes a whole number of words per minute, such as `reading_speed: 200`; found `rápido`",
                "aula.yaml:4:1: error: invalid `base_url` `nada`: write an absolute URL such as `https://example.org/curso/`",
            ]
        );
        let broken = parse("title: 'A\nlanguage: en\n").unwrap_err();
        assert_eq!(broken.language, Some(Language::En), "read from its line when the YAML is broken");
        assert_eq!(parse("titel: A\n").unwrap_err().language, None);
    }

    #[test]
    fn a_missing_title_and_a_key_set_twice_are_errors() {
        let problems = parse("description: x\ndescription: y\n").unwrap_err().problems;
        assert_eq!(
            said(&problems),
            [
                "aula.yaml:2:1: error: duplicate key `description` (first set at line 1): the last value is used; delete one of them",
                "aula.yaml:1:1: error: missing `title`: add a line such as `title: Name of the site`",
            ]
        );
    }
}
