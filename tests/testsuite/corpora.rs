//! Real lessons written by others (../shared/corpora), built as a user would: copied into a new
//! site's `content/`. Skipped, with a message, where ../shared is absent (a failure under `CI=true`).

use std::path::{Path, PathBuf};

use crate::support::{SiteTest, broken_link_list, copy_dir, skip};

fn corpus(name: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora").join(name);
    if path.is_dir() {
        Some(path)
    } else {
        skip(&format!("{} is absent (the corpora live in ../shared)", path.display()));
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

/// Builds the corpus and checks it as a user would; the built site, for more checks.
fn builds_every_lesson(name: &str, language: &str, section_pages: usize) -> Option<(SiteTest, aula::BuildReport)> {
    let path = corpus(name)?;
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
    Some((site, report))
}

/// Carpentries lessons: every fenced div is a known block, opened and closed where it should be.
fn blocks_are_all_understood(report: &aula::BuildReport) {
    let block_problems: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| {
            ["unknown block kind", "is not closed", "closes no open block"].iter().any(|m| d.message.contains(m))
        })
        .collect();
    assert!(block_problems.is_empty(), "{block_problems:#?}");
}

#[test]
fn swc_shell_novice() {
    // index.md beside the episodes folders is the home page.
    let Some((site, report)) = builds_every_lesson("swc-shell-novice", "en", 1) else { return };
    blocks_are_all_understood(&report);
    let episode = site.read("episodes/filedir/index.html");
    for block in [
        "<div class=\"block block-objectives\">\n<p class=\"block-title\">Objectives</p>",
        "<div class=\"block block-challenge\">\n<p class=\"block-title\">Challenge</p>",
        "<div class=\"block block-callout\">",
        "<div class=\"block block-instructor\" data-search=\"skip\">",
        "<details class=\"block block-spoiler\">",
        "<div class=\"block block-keypoints\">",
    ] {
        assert!(episode.contains(block), "{block}");
    }
    assert!(!episode.contains(":::"), "no fence is left as text");
    // Its solutions start with `## Solution`: that is their summary, said once.
    assert!(
        episode.contains("<details class=\"block block-solution\">\n<summary id=\"solution\">Solution</summary>\n<p>")
    );
    assert!(!episode.contains("<summary>Solution</summary>"), "no second title");
    let setup = site.read("learners/setup/index.html");
    assert!(setup.contains("<summary id=\"windows\">Windows</summary>"), "headings keep their ids for links");
    // `$ ` prompts are marked, and ```` ```output ```` blocks are output, not code to copy.
    assert!(episode.contains("<code class=\"language-bash\"><span class=\"prompt\">$ </span>"));
    assert!(
        episode.contains(
            "<div class=\"code-block code-output\">\n<p class=\"code-label\" aria-hidden=\"true\">Output</p>"
        )
    );
    assert!(episode.contains(
        "<img src=\"../../episodes/fig/filesystem.svg\" alt=\"The file system is made up of a root directory"
    ));
    assert!(!report.diagnostics.iter().any(|d| d.message.contains("has no alt text")), "{{alt=…}} gives alt text");
    // The schedule runs through the episodes' `teaching` and `exercises`: 5 + 0, 30 + 10, 30 + 20…
    let schedule = site.read("episodes/schedule/index.html");
    assert!(schedule.contains("<td>1:35</td><td><a href=\"../../episodes/pipefilter/index.html\">"), "{schedule}");
    assert!(schedule.contains("<td>4:30</td><th scope=\"row\" colspan=\"3\">Total</th><td>270 min</td>"));
}

#[test]
fn swc_git_novice_es() {
    let Some((site, report)) = builds_every_lesson("swc-git-novice-es", "es", 1) else { return };
    blocks_are_all_understood(&report);
    let basics = site.read("episodes/basics/index.html");
    assert!(basics.contains("<div class=\"block block-challenge\">\n<p class=\"block-title\">Ejercicio</p>"));
    assert!(basics.contains("alt=\"Changes Are Saved Sequentially\""));
    let changes = site.read("episodes/changes/index.html");
    assert!(
        changes.contains("<details class=\"block block-solution\">\n<summary id=\"solucion\">Solución</summary>\n")
    );
    assert!(!changes.contains("<summary>Solución</summary>"), "`## Solución` is the summary, not a second title");
    assert!(!basics.contains(":::") && !changes.contains(":::"), "no fence is left as text");
    // Its glossary marks terms as `[commit]{#commit}`: the episodes' links to them work.
    assert!(site.read("learners/reference/index.html").contains("<span id=\"commit\">commit</span>"));
    assert!(!report.diagnostics.iter().any(|d| d.message.contains("anchor `#commit`")));
}

#[test]
fn github_training_kit() {
    builds_every_lesson("github-training-kit", "en", 0);
}
