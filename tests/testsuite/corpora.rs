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
                (!target.is_empty() && d.message.render(aula::config::Language::En).contains(&format!("`{target}")))
                    || fragment.as_ref().is_some_and(|f| d.message.render(aula::config::Language::En).contains(f))
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
            ["unknown block kind", "is not closed", "closes no open block"]
                .iter()
                .any(|m| d.message.render(aula::config::Language::En).contains(m))
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
    assert!(
        !report.diagnostics.iter().any(|d| d.message.render(aula::config::Language::En).contains("has no alt text")),
        "{{alt=…}} gives alt text"
    );
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
    assert!(
        !report.diagnostics.iter().any(|d| d.message.render(aula::config::Language::En).contains("anchor `#commit`"))
    );
}

#[test]
fn github_training_kit() {
    builds_every_lesson("github-training-kit", "en", 0);
}

/// Older Carpentries lessons (Jekyll, kramdown): a small one with every kind of `{: .x}`.
#[test]
fn legacy_carpentries_markup_becomes_blocks() {
    let site = SiteTest::fixture("valid/legacy-carpentries");
    let report = site.build();
    assert!(report.succeeded(), "{:#?}", report.diagnostics);
    insta::assert_snapshot!(site.main_of("git/episodes/basics/index.html"));
    for (path, bytes) in site.output_files().iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes).replace("<code>{{ not liquid }}</code>", "");
        assert!(!["{:", "{%", "{{"].iter().any(|m| html.contains(m)), "legacy markup left in {path}");
    }
    let reference = site.read("git/reference/index.html");
    assert!(reference.contains("<dt><span id=\"version-control\">version control</span></dt>"), "{{:auto_ids}}");
    // Left-over markup is reported where it is written, one warning each.
    let printed = crate::support::printed(&report);
    let leftovers: Vec<_> = printed.iter().filter(|p| p.contains("02-leftovers.md")).collect();
    for expected in [
        "02-leftovers.md:5:1: warning: kramdown attribute list `{: .fancy}`",
        "02-leftovers.md:7:27: warning: Liquid tag `{% if %}`",
        "02-leftovers.md:7:49: warning: Liquid tag `{% endif %}`",
        "02-leftovers.md:7:65: warning: Liquid variable `{{ page.author }}`",
        "02-leftovers.md:9:1: warning: include `missing.md` not found",
        "02-leftovers.md:11:31: warning: link target `../data/notes.md` not found",
    ] {
        assert!(leftovers.iter().any(|p| p.contains(expected)), "{expected} in {leftovers:#?}");
    }
    assert_eq!(leftovers.len(), 6, "{leftovers:#?}");
    assert!(!printed.iter().any(|p| p.contains("01-basics.md")), "{printed:#?}");
}

/// `ignore:` leaves files and folders out: not read, not pages, not copied; a negated pattern
/// keeps a file in.
#[test]
fn ignore_patterns_leave_files_out_of_the_site() {
    let site = SiteTest::fixture("valid/legacy-carpentries");
    let report = site.build();
    assert!(site.exists("git/data/keep/index.html"), "kept by `!/git/data/keep.md`");
    for gone in ["git/data/notes/index.html", "git/readme/index.html", "git/data/readme/index.html"] {
        assert!(!site.exists(gone), "{gone}");
    }
    assert!(!report.diagnostics.iter().any(|d| d.path.ends_with("README.md")), "{:#?}", report.diagnostics);
}

/// A `README.md` without front matter is most often no lesson: the warning offers `ignore:`.
#[test]
fn readme_without_front_matter_suggests_ignore() {
    let site = SiteTest::fixture("valid/legacy-carpentries");
    site.write("aula.yaml", "title: X\nlanguage: en\n");
    let printed = crate::support::printed(&site.build());
    assert!(
        printed.iter().any(|p| p.contains(
            "git/README.md:1:1: warning: `git/README.md` has no front matter and is read as a lesson: if it is not one, add `/git/README.md` (this file) or `README.md` (every README) to `ignore:` in aula.yaml"
        )),
        "{printed:#?}"
    );
}

/// The older Carpentries lesson, copied as it is: every challenge a block, every solution
/// collapsed, no kramdown or Liquid left as text.
#[test]
fn swc_git_novice_legacy() {
    // index.md is the home page; the two files of `_includes/` are include text, not lessons.
    let Some((site, report)) = builds_every_lesson("swc-git-novice-legacy", "en", 3) else { return };
    blocks_are_all_understood(&report);
    let sources = corpus("swc-git-novice-legacy").expect("the corpus is there").join("_episodes");
    for entry in std::fs::read_dir(&sources).expect("episodes") {
        let path = entry.expect("an episode").path();
        let text = std::fs::read_to_string(&path).expect("an episode");
        let slug = path.file_stem().and_then(|s| s.to_str()).expect("a name").split_once('-').expect("NN-").1;
        let html = site.read(&format!("episodes/{slug}/index.html"));
        let count = |class: &str| text.lines().filter(|l| l.trim_start_matches(['>', ' ']) == class).count();
        assert_eq!(html.matches("<div class=\"block block-challenge\">").count(), count("{: .challenge}"), "{slug}");
        assert_eq!(html.matches("<details class=\"block block-solution\">").count(), count("{: .solution}"), "{slug}");
    }
    for (path, bytes) in site.output_files().iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert!(!html.contains("{:") && !html.contains("{%"), "kramdown or Liquid left in {path}");
    }
}
