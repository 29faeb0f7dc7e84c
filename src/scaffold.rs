//! `aula init` and `aula new`: a new site whose sample course teaches the syntax by example,
//! and new lessons with front matter ready to fill in, both in the site's language.
//!
//! The starter files live beside this module, in `scaffold/<lang>/`, and are built into the
//! binary. Files are created through [`crate::output::create_new_file`], which never overwrites.

use std::path::{Component, Path, PathBuf};

use crate::config::{FILE_NAME, Language};
use crate::content::CONTENT_DIR;
use crate::messages::Arg;
use crate::msg;
use crate::output::create_new_file;

/// The files of a new site in one language, by path: config, home page and a sample course.
macro_rules! starter {
    ($lang:literal: $($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("scaffold/", $lang, "/", $path)))),*]
    };
}

const SPANISH: &[(&str, &str)] = starter!("es":
    "aula.yaml",
    ".gitignore",
    "content/_index.md",
    "content/atencion-telefonica/_index.md",
    "content/atencion-telefonica/01-escuchar.md",
    "content/atencion-telefonica/02-resolver.md",
    "content/atencion-telefonica/03-cerrar.md",
    "content/atencion-telefonica/img/escucha.svg",
);

const ENGLISH: &[(&str, &str)] = starter!("en":
    "aula.yaml",
    ".gitignore",
    "content/_index.md",
    "content/phone-support/_index.md",
    "content/phone-support/01-listening.md",
    "content/phone-support/02-solving.md",
    "content/phone-support/03-closing.md",
    "content/phone-support/img/listening.svg",
);

/// The skeleton of a new lesson, with `{title}` and `{date}` to fill.
const LESSON_ES: &str = include_str!("scaffold/es/lesson.md");
const LESSON_EN: &str = include_str!("scaffold/en/lesson.md");

/// The starter files of a new site in `language`.
pub fn starter(language: Language) -> &'static [(&'static str, &'static str)] {
    match language {
        Language::Es => SPANISH,
        Language::En => ENGLISH,
    }
}

/// Creates a new site in `dir`, in `language`. Refuses a folder that already has a site, a
/// `content/` folder or any of the files it would write, before writing anything.
pub fn init_site(dir: &Path, language: Language) -> anyhow::Result<Vec<PathBuf>> {
    let folder = || match dir == Path::new(".") {
        true => Arg::from(msg!("scaffold-this-folder")),
        false => Arg::from(dir),
    };
    if dir.join(FILE_NAME).exists() {
        return Err(msg!("scaffold-site-exists", folder = folder()).into());
    }
    if dir.join(CONTENT_DIR).exists() {
        return Err(msg!("scaffold-content-exists", folder = folder()).into());
    }
    let files = starter(language);
    if let Some(path) = files.iter().map(|(name, _)| under(dir, name)).find(|p| p.exists()) {
        return Err(msg!("scaffold-file-exists", path = &path).into());
    }
    let mut created = Vec::new();
    for (name, text) in files {
        let path = under(dir, name);
        create_new_file(&path, text)?;
        created.push(path);
    }
    Ok(created)
}

/// Creates `content/<path>` (`.md` added when missing) with the skeleton of a lesson called
/// `title`, in `language`, dated `today`.
pub fn new_lesson(
    root: &Path,
    path: &Path,
    title: &str,
    language: Language,
    today: jiff::civil::Date,
) -> anyhow::Result<PathBuf> {
    let relative = path.strip_prefix(CONTENT_DIR).unwrap_or(path);
    if relative.is_absolute() || relative.components().any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)))
    {
        return Err(msg!("scaffold-lesson-outside", path = path).into());
    }
    let mut file = under(root, CONTENT_DIR).join(relative);
    if file.extension().is_none_or(|e| e != "md") {
        file.set_extension("md");
    }
    if file.exists() {
        return Err(msg!("scaffold-lesson-exists", path = &file).into());
    }
    create_new_file(&file, &lesson_text(title, language, today)?)?;
    Ok(file)
}

/// The skeleton of a lesson: front matter to fill, each key with a comment saying what it is
/// for, a first heading, a paragraph to write and a key points block.
fn lesson_text(title: &str, language: Language, today: jiff::civil::Date) -> anyhow::Result<String> {
    let skeleton = match language {
        Language::Es => LESSON_ES,
        Language::En => LESSON_EN,
    };
    // Quoted as YAML needs it: `Saber decir «no»: cómo` holds a colon.
    let quoted_title = serde_yaml::to_string(title)?;
    Ok(skeleton.replacen("{title}", quoted_title.trim_end(), 1).replacen("{date}", &today.to_string(), 1))
}

/// `dir/name`, written as the user would type it: `content/a.md` rather than `./content/a.md`.
fn under(dir: &Path, name: impl AsRef<Path>) -> PathBuf {
    if dir == Path::new(".") { name.as_ref().to_path_buf() } else { dir.join(name) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_lesson_has_valid_front_matter() {
        let tmp = tempfile::tempdir().unwrap();
        init_site(tmp.path(), Language::Es).unwrap();
        let today = "2026-11-22".parse().unwrap();
        let title = "Saber decir «no»: cómo";
        let file = new_lesson(tmp.path(), Path::new("curso/03-decir-no"), title, Language::Es, today).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(file.ends_with("content/curso/03-decir-no.md"));
        assert!(text.contains("\ntitle: 'Saber decir «no»: cómo'\n"), "{text}");
        assert!(text.contains("\ndate: 2026-11-22\n"), "{text}");
        assert!(new_lesson(tmp.path(), Path::new("curso/03-decir-no.md"), "x", Language::Es, today).is_err());
        assert!(new_lesson(tmp.path(), Path::new("../fuera.md"), "x", Language::Es, today).is_err());
        assert!(init_site(tmp.path(), Language::Es).is_err());
    }

    #[test]
    fn skeletons_fill_every_placeholder() {
        let today = "2026-11-22".parse().unwrap();
        for language in [Language::Es, Language::En] {
            let text = lesson_text("T", language, today).unwrap();
            assert!(!text.contains("{title}") && !text.contains("{date}"), "{text}");
            assert!(text.contains("\n::: keypoints\n"), "{text}");
        }
    }

    #[test]
    fn init_refuses_before_writing_anything() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(".gitignore"), "target/\n").unwrap();
        let error = init_site(tmp.path(), Language::En).unwrap_err();
        assert!(error.to_string().contains(".gitignore"), "{error}");
        assert!(!tmp.path().join(FILE_NAME).exists());
    }

    #[test]
    fn both_starters_have_the_same_kinds_of_files() {
        assert_eq!(SPANISH.len(), ENGLISH.len());
        for ((es, _), (en, _)) in SPANISH.iter().zip(ENGLISH) {
            assert_eq!(Path::new(es).extension(), Path::new(en).extension(), "{es} / {en}");
        }
    }
}
