//! The theme: templates, UI strings and static files, with site-level overrides.
//!
//! A theme is a folder `themes/<name>/` with `templates/` (Tera), `i18n/<lang>.yaml` (UI strings)
//! and `static/` (copied to the output root). The default theme is also built into the binary,
//! so a site made by `aula init` needs no theme folder; a `themes/default/` folder on disk wins
//! over the built-in copy. The site's own `templates/` and `static/` override the theme file by
//! file.

use anyhow::Context as _;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::read;
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::msg;
use crate::yaml::{self, Block, Place};

#[derive(rust_embed::Embed)]
#[folder = "themes/default/"]
struct BuiltInTheme;

/// The loaded theme, overrides applied.
pub struct Theme {
    /// Templates by name (`lesson.html`, `partials/sidebar.html`), sorted by name.
    pub templates: Vec<TemplateFile>,
    /// UI strings in the site's language.
    pub strings: BTreeMap<String, serde_yaml::Value>,
    /// Files copied to the output root, sorted by output path.
    pub static_files: Vec<StaticFile>,
}

#[derive(Clone)]
pub struct TemplateFile {
    pub name: String,
    pub text: String,
    /// Where it came from, as diagnostics print it.
    pub origin: PathBuf,
}

pub struct StaticFile {
    /// Site-relative output path.
    pub output: String,
    pub source: StaticSource,
    /// Where it came from, as diagnostics print it.
    pub origin: PathBuf,
    /// From the site's own `static/`, overriding the theme's file of that name if it has one.
    pub by_site: bool,
}

pub enum StaticSource {
    Disk(PathBuf),
    BuiltIn(Cow<'static, [u8]>),
}

/// Reads the theme named in `config` and the site's overrides.
pub fn load(root: &Path, config: &Config, diagnostics: &Diagnostics) -> anyhow::Result<Theme> {
    let theme_dir = root.join("themes").join(&config.theme);
    let files = if theme_dir.is_dir() {
        disk_files(&theme_dir, &Path::new("themes").join(&config.theme), diagnostics)?
    } else if config.theme == "default" {
        built_in_files()
    } else {
        return Err(msg!("theme-missing", theme = &config.theme, folder = &theme_dir).into());
    };
    let overrides: Vec<ThemeFile> =
        disk_files(root, Path::new(""), diagnostics)?.into_iter().filter(|f| is_override(&f.name)).collect();

    let mut templates = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let mut strings_file = None;
    let strings_name = format!("i18n/{}.yaml", config.language.code());
    let theme_files = files.len();
    for (n, file) in files.into_iter().chain(overrides).enumerate() {
        let by_site = n >= theme_files;
        if let Some(name) = file.name.strip_prefix("templates/") {
            // A template that cannot be read is reported; the theme's one of that name stays.
            match read::utf8(file.bytes()?, &file.origin) {
                Ok(text) => {
                    let template = TemplateFile { name: name.to_string(), text, origin: file.origin };
                    templates.insert(name.to_string(), template);
                }
                Err(problem) => diagnostics.push(problem),
            }
        } else if let Some(output) = file.name.strip_prefix("static/") {
            let output = output.to_string();
            let static_file = StaticFile { output: output.clone(), source: file.source, origin: file.origin, by_site };
            static_files.insert(output, static_file);
        } else if file.name == strings_name {
            strings_file = Some(file);
        }
    }
    let strings = match strings_file {
        Some(file) => parse_strings(&file, diagnostics)?,
        None => {
            return Err(msg!("theme-no-strings", language = config.language.code(), file = strings_name).into());
        }
    };
    Ok(Theme {
        templates: templates.into_values().collect(),
        strings,
        static_files: static_files.into_values().collect(),
    })
}

/// The site's own `templates/`, `static/` and `i18n/` files override the theme's.
fn is_override(name: &str) -> bool {
    name.starts_with("templates/") || name.starts_with("static/") || name.starts_with("i18n/")
}

struct ThemeFile {
    /// Path inside the theme, `/`-separated.
    name: String,
    origin: PathBuf,
    source: StaticSource,
}

impl ThemeFile {
    fn bytes(&self) -> anyhow::Result<Vec<u8>> {
        match &self.source {
            StaticSource::Disk(p) => std::fs::read(p).with_context(|| msg!("reading-file", file = p)),
            StaticSource::BuiltIn(b) => Ok(b.to_vec()),
        }
    }
}

fn built_in_files() -> Vec<ThemeFile> {
    let mut names: Vec<_> = BuiltInTheme::iter().collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|name| {
            let file = BuiltInTheme::get(&name)?;
            Some(ThemeFile {
                origin: Path::new("themes/default").join(&*name),
                name: name.into_owned(),
                source: StaticSource::BuiltIn(file.data),
            })
        })
        .collect()
}

/// The files under `dir/templates`, `dir/static` and `dir/i18n`; `shown` is `dir` as printed.
fn disk_files(dir: &Path, shown: &Path, diagnostics: &Diagnostics) -> anyhow::Result<Vec<ThemeFile>> {
    let mut files = Vec::new();
    for part in ["templates", "static", "i18n"] {
        let base = dir.join(part);
        if !base.is_dir() {
            continue;
        }
        let (found, problems) = super::visible_files(&base, &shown.join(part), &crate::config::Ignore::default())?;
        diagnostics.extend(problems);
        for rel in found {
            let name = format!("{part}/{rel}");
            let path = base.join(&rel);
            files.push(ThemeFile { origin: shown.join(&name), name, source: StaticSource::Disk(path) });
        }
    }
    Ok(files)
}

fn parse_strings(file: &ThemeFile, diagnostics: &Diagnostics) -> anyhow::Result<BTreeMap<String, serde_yaml::Value>> {
    let text = match read::utf8(file.bytes()?, &file.origin) {
        Ok(text) => text,
        Err(problem) => {
            diagnostics.push(problem);
            return Ok(BTreeMap::new());
        }
    };
    let block = Block { text: &text, first_line: 1 };
    match serde_yaml::from_str(&text) {
        Ok(map) => Ok(map),
        Err(e) => {
            diagnostics.push(yaml::syntax_error(&file.origin, block, Place::UiStrings, &e));
            Ok(BTreeMap::new())
        }
    }
}
