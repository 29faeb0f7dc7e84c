//! Real lessons written by others (../shared/corpora), built as a user would: copied into a new
//! site's `content/`. Skipped, with a message, where ../shared is absent.

use std::path::{Path, PathBuf};

use crate::support::{SiteTest, broken_link_list, copy_dir};

fn corpus(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora").join(name);
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent (the corpora live in ../shared)", path.display());
        None
    }
}

/// A site whose content is a copy of the corpus, and the number of Markdown files in it.
fn site_with(corpus: &Path, language: &str) -> (SiteTest, usize) {
    let site = SiteTest::fixture("valid/empty");
    site.write("aula.yaml", &format!("title: Corpus\nlanguage: {language}\nbase_url: https://example.org/x/\n"));
    copy_dir(corpus, &site.root().join("content"));
    let md = walkdir::WalkDir::new(site.root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    (site, md)
}

fn builds_every_lesson(name: &str, language: &str, section_pages: usize) {
    let Some(path) = corpus(name) else { return };
    let (site, markdown_files) = site_with(&path, language);
    let report = site.build();
    let errors: Vec<_> =
        report.diagnostics.iter().filter(|d| d.severity == aula::diagnostics::Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(report.lessons, markdown_files - section_pages, "every lesson a page");
    let pages = site.output_files().keys().filter(|k| k.ends_with("index.html")).count();
    assert!(pages > report.lessons, "{pages} pages for {} lessons", report.lessons);
    // A link that does not work in the built site is one aula warned about.
    let unreported: Vec<_> = broken_link_list(&site.public())
        .into_iter()
        .filter(|b| {
            let target = b.link.split('#').next().unwrap_or_default();
            let fragment = b.link.split_once('#').map(|(_, f)| format!("`#{f}`"));
            !report.diagnostics.iter().any(|d| {
                (!target.is_empty() && d.message.contains(&format!("`{target}")))
                    || fragment.as_ref().is_some_and(|f| d.message.contains(f))
            })
        })
        .collect();
    assert!(unreported.is_empty(), "broken links aula did not warn about: {unreported:#?}");
}

#[test]
fn swc_shell_novice() {
    // index.md beside the episodes folders is the home page.
    builds_every_lesson("swc-shell-novice", "en", 1);
}

#[test]
fn github_training_kit() {
    builds_every_lesson("github-training-kit", "en", 0);
}
