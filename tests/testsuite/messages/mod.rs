//! Every diagnostic kind with its exact words in Spanish and in English: each case is a small
//! site, checked, whose problems are printed in both languages. One file per area.

mod cli;
mod config_and_front_matter;
mod markdown;
mod scaffold;

use aula::config::Language;
use std::path::Path;

use crate::support::SiteTest;

/// A site made of `files` (an `aula.yaml` with a title unless one is given), checked as
/// `aula check` does.
pub fn site(files: &[(&str, &str)]) -> SiteTest {
    let site = SiteTest::fixture("valid/empty");
    site.write("aula.yaml", "title: Prueba\n");
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

/// The problems of the site made of `files`, as printed in `language`.
#[allow(dead_code)] // until every area has its cases
pub fn printed_in(files: &[(&str, &str)], language: Language) -> Vec<String> {
    let site = site(files);
    let report = site.build_with(|o| o.write = false);
    report.diagnostics.iter().map(|d| d.display_under(Path::new(""), language)).collect()
}

/// Asserts the exact lines the site made of `files` prints, in Spanish and in English.
#[allow(dead_code)] // until every area has its cases
#[track_caller]
pub fn says(files: &[(&str, &str)], es: &[&str], en: &[&str]) {
    assert_eq!(printed_in(files, Language::Es), es, "in Spanish");
    assert_eq!(printed_in(files, Language::En), en, "in English");
}
