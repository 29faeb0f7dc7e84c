//! Sorting the paths a file watcher reports into [`Changes`]: `aula.yaml`, the theme (templates,
//! static files, UI strings, `themes/`), or content. Editors' backup, swap and lock files,
//! hidden files (`.git`) and the output folder are left out, so they never start a rebuild.

use std::path::{Component, Path};

use crate::config;
use crate::content::{self, is_ignored_name};
use crate::session::Changes;

/// The folders under the site root whose files make the theme.
pub const THEME_DIRS: &[&str] = &["templates", "static", "i18n", "themes"];

/// What the changed `paths` (absolute, under `root`) affect. `output` is the folder being
/// served, whose own changes are ignored.
pub fn classify<'a>(root: &Path, output: &Path, paths: impl IntoIterator<Item = &'a Path>) -> Changes {
    let mut changes = Changes::default();
    for path in paths {
        if path.starts_with(output) {
            continue;
        }
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<&str> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => part.to_str(),
                _ => None,
            })
            .collect();
        if parts.is_empty() || parts.iter().any(|p| is_ignored(p)) {
            continue;
        }
        match parts[0] {
            config::FILE_NAME if parts.len() == 1 => changes.config = true,
            content::CONTENT_DIR => changes.content.push(parts[1..].join("/")),
            dir if THEME_DIRS.contains(&dir) => changes.theme = true,
            _ => {}
        }
    }
    changes.content.sort();
    changes.content.dedup();
    changes
}

/// Files no build reads, and `4913`, the file Vim writes and deletes at once to test that it may
/// write in a folder.
fn is_ignored(name: &str) -> bool {
    is_ignored_name(name) || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn paths_sorted_into_changes() {
        let root = Path::new("/sitio");
        let output = Path::new("/sitio/public");
        let changes = |paths: &[&str]| {
            let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
            classify(root, output, paths.iter().map(PathBuf::as_path))
        };
        let seen = changes(&[
            "/sitio/content/curso/01-a.md",
            "/sitio/content/curso/01-a.md",
            "/sitio/content/curso/.01-a.md.swp",
            "/sitio/content/curso/01-a.md~",
            "/sitio/content/curso/#01-a.md#",
            "/sitio/content/curso/.#01-a.md",
            "/sitio/content/curso/4913",
            "/sitio/content/.git/index",
            "/sitio/content",
            "/sitio/public/index.html",
            "/sitio/README.md",
            "/otro/content/x.md",
        ]);
        assert_eq!(seen, Changes { content: vec!["".into(), "curso/01-a.md".into()], ..Changes::default() });
        assert_eq!(changes(&["/sitio/aula.yaml"]), Changes { config: true, ..Changes::default() });
        assert!(!changes(&["/sitio/content/aula.yaml"]).config);
        for theme in
            ["/sitio/templates/base.html", "/sitio/static/x.css", "/sitio/themes/t/i18n/es.yaml", "/sitio/i18n"]
        {
            assert!(changes(&[theme]).theme, "{theme}");
        }
        assert!(changes(&["/sitio/.git/HEAD", "/sitio/templates/.base.html.swp"]).is_empty());
    }
}
