//! `aula.yaml` → a checked [`Config`].
//!
//! The raw YAML is parsed with locations (see [`crate::yaml`]); unknown keys are errors with the
//! nearest known key suggested, and every value is validated before the build starts.

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use url::Url;

use crate::content::read;
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Block};

/// The file name of the site configuration, at the site root.
pub const FILE_NAME: &str = "aula.yaml";

const KNOWN_KEYS: &[&str] =
    &["title", "description", "base_url", "language", "theme", "output_dir", "reading_speed", "ignore", "extra"];

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
    pub extra: serde_yaml::Value,
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
            extra: serde_yaml::Value::Null,
        }
    }
}

#[derive(Deserialize, Default)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    output_dir: Option<String>,
    reading_speed: Option<u32>,
    ignore: Option<Vec<String>>,
    extra: Option<serde_yaml::Value>,
}

impl Config {
    /// Reads `aula.yaml` at the site root. `Ok(Err(..))` holds the author's mistakes, a file that
    /// cannot be read as text among them (see [`crate::content::read::text`]).
    pub fn load(root: &Path) -> anyhow::Result<Result<Config, Vec<Diagnostic>>> {
        let path = root.join(FILE_NAME);
        if path.symlink_metadata().is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            return Err(crate::msg!("config-missing", folder = root).into());
        }
        Ok(match read::text(&path, Path::new(FILE_NAME)) {
            Ok(text) => Config::parse(Path::new(FILE_NAME), &text),
            Err(problem) => Err(vec![problem]),
        })
    }

    /// Parses and checks the text of `aula.yaml`. `path` is only used in diagnostics.
    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let parsed = yaml::parse::<RawConfig>(path, Block { text, first_line: 1 }, FILE_NAME);
        let mut errors = parsed.errors;
        for k in &parsed.unknown {
            errors.push(Diagnostic::error(
                path,
                k.line,
                k.col,
                yaml::unknown_key_message(&k.key, KNOWN_KEYS, FILE_NAME),
            ));
        }
        let Some(raw) = parsed.value else {
            return Err(errors);
        };
        let at = |key: &str| yaml::key_position(&parsed.keys, key).unwrap_or((1, 1));
        let mut config = Config::default();
        if let Some(title) = raw.title {
            config.title = title;
        } else {
            errors.push(Diagnostic::error(path, 1, 1, "missing `title`: add `title: Name of the site`"));
        }
        config.description = raw.description.unwrap_or_default();
        if let Some(code) = raw.language {
            match Language::parse(&code) {
                Some(l) => config.language = l,
                None => {
                    let (line, col) = at("language");
                    errors.push(Diagnostic::error(
                        path,
                        line,
                        col,
                        format!("unsupported language `{code}`: use `es` or `en`"),
                    ));
                }
            }
        }
        if let Some(base) = raw.base_url.filter(|b| !b.trim().is_empty()) {
            match parse_base_url(&base) {
                Ok(url) => config.base_url = Some(url),
                Err(msg) => {
                    let (line, col) = at("base_url");
                    errors.push(Diagnostic::error(path, line, col, msg));
                }
            }
        }
        if let Some(theme) = raw.theme {
            config.theme = theme;
        }
        if let Some(dir) = raw.output_dir {
            config.output_dir = PathBuf::from(dir);
        }
        match raw.reading_speed {
            Some(0) => {
                let (line, col) = at("reading_speed");
                errors.push(Diagnostic::error(path, line, col, "`reading_speed` must be more than 0 words per minute"));
            }
            Some(speed) => config.reading_speed = speed,
            None => {}
        }
        match Ignore::new(raw.ignore.unwrap_or_default()) {
            Ok(ignore) => config.ignore = ignore,
            Err(msg) => {
                let (line, col) = at("ignore");
                errors.push(Diagnostic::error(path, line, col, msg));
            }
        }
        config.extra = raw.extra.unwrap_or(serde_yaml::Value::Null);
        if errors.is_empty() { Ok(config) } else { Err(errors) }
    }
}

/// `ignore:` of aula.yaml: gitignore patterns (`!` negates, a leading `/` anchors at `content/`,
/// a trailing `/` matches folders only) for what in `content/` is not part of the site.
#[derive(Clone)]
pub struct Ignore {
    patterns: Vec<String>,
    matcher: Gitignore,
}

impl Default for Ignore {
    fn default() -> Self {
        Ignore { patterns: Vec::new(), matcher: Gitignore::empty() }
    }
}

impl std::fmt::Debug for Ignore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Ignore").field(&self.patterns).finish()
    }
}

impl PartialEq for Ignore {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns
    }
}

impl Ignore {
    /// The patterns, checked; the message for the first that is not a gitignore pattern.
    pub fn new(patterns: Vec<String>) -> Result<Ignore, String> {
        let mut builder = GitignoreBuilder::new("");
        for pattern in &patterns {
            builder.add_line(None, pattern).map_err(|e| bad_ignore_pattern(pattern, &e))?;
        }
        let matcher = builder.build().map_err(|e| bad_ignore_pattern("", &e))?;
        Ok(Ignore { patterns, matcher })
    }

    /// Whether the content-relative `path` (a folder if `is_dir`) is left out of the site.
    pub fn is_ignored(&self, path: &Path, is_dir: bool) -> bool {
        !self.patterns.is_empty() && self.matcher.matched(path, is_dir).is_ignore()
    }
}

fn bad_ignore_pattern(pattern: &str, error: &ignore::Error) -> String {
    format!(
        "invalid `ignore:` pattern `{pattern}`: {error} (write gitignore patterns such as `README.md`, `/data/`, `!keep.md`)"
    )
}

/// Checks a base URL (`https://org.github.io/repo`) and normalises it to end with `/`.
pub fn parse_base_url(text: &str) -> Result<Url, String> {
    let mut url = Url::parse(text.trim()).map_err(|e| {
        format!("invalid `base_url` `{text}`: {e} (write an absolute URL such as https://example.org/curso/)")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("invalid `base_url` `{text}`: use an http:// or https:// URL"));
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
pub fn declared_language(root: &Path) -> Option<Language> {
    let text = read::text(&root.join(FILE_NAME), Path::new(FILE_NAME)).ok()?;
    text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?;
        let value = value.split(" #").next().unwrap_or(value).trim().trim_matches(['"', '\'']);
        Language::parse(value)
    })
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
        let errors = Config::parse(Path::new("aula.yaml"), "title: X\nignore:\n  - \"x[z-a]\"\n").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].message.render(crate::config::Language::En).contains("invalid `ignore:` pattern `x[z-a]`"),
            "{errors:?}"
        );
        assert_eq!(errors[0].line, 2);
    }

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(Path::new("aula.yaml"), text)
    }

    #[test]
    fn full_config() {
        let c =
            parse("title: Academia\nbase_url: https://org.github.io/repo\nlanguage: en\nreading_speed: 180\n").unwrap();
        assert_eq!(c.title, "Academia");
        assert_eq!(c.base_url.unwrap().as_str(), "https://org.github.io/repo/");
        assert_eq!(c.language, Language::En);
        assert_eq!(c.reading_speed, 180);
        assert_eq!(c.output_dir, PathBuf::from("public"));
    }

    #[test]
    fn unknown_key_suggests_nearest() {
        let errors = parse("title: A\nbase_ulr: https://x.org/\n").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "aula.yaml:2:1: error: unknown key `base_ulr` in aula.yaml: did you mean `base_url`?"
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
        let errors = parse("title: A\nlanguage: fr\nbase_url: ftp://x\n").unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3]);
    }
}
