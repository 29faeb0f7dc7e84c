//! Long listings in pages: tag pages, the tag list, the home page's courses and a course's
//! lessons, fifty entries a page, with page links, `rel=prev/next` and "página N de M".

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{SiteTest, broken_links, normalise};

/// Courses of the generated site besides `grande`, each with two lessons tagged `comun`.
const COURSES: usize = 60;
/// Lessons of the course `grande`, each with a tag of its own.
const BIG_COURSE: usize = 55;

/// A site whose listings run past one page: 61 courses on the home page, a tag on 120 lessons,
/// 56 tags, a course of 55 lessons.
pub fn long_listings(language: &str) -> SiteTest {
    let site = SiteTest::fixture("valid/empty");
    site.write("aula.yaml", &format!("title: Listas\nlanguage: {language}\nbase_url: https://example.org/\n"));
    for c in 1..=COURSES {
        site.write(&format!("content/c{c:02}/_index.md"), &format!("---\ntitle: Curso {c:02}\n---\n"));
        for l in 1..=2 {
            site.write(
                &format!("content/c{c:02}/l{l}.md"),
                &format!("---\ntitle: Lección {c:02}-{l}\ntags: [común]\n---\nTexto.\n"),
            );
        }
    }
    site.write("content/grande/_index.md", "---\ntitle: Grande\nweight: 1\n---\nIntroducción.\n");
    for l in 1..=BIG_COURSE {
        site.write(
            &format!("content/grande/l{l:02}.md"),
            &format!("---\ntitle: Parte {l:02}\ntags: [tema {l:02}]\n---\nTexto.\n"),
        );
    }
    site
}

/// The hrefs of elements with `class="{class}"` on a page.
fn hrefs_of(html: &str, class: &str) -> Vec<String> {
    let needle = format!("class=\"{class}\" href=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// The `<link rel="{rel}">` of a page's head, resolved to an output path.
fn head_link(page: &str, html: &str, rel: &str) -> Option<String> {
    let head = &html[..html.find("</head>").unwrap()];
    let needle = format!("<link rel=\"{rel}\" href=\"");
    let at = head.find(&needle)? + needle.len();
    let href = &head[at..at + head[at..].find('"').unwrap()];
    Some(resolve(page, href))
}

/// An href of output page `page`, as the output path it leads to.
fn resolve(page: &str, href: &str) -> String {
    let dir = Path::new(page).parent().unwrap();
    normalise(&dir.join(href)).to_string_lossy().replace('\\', "/")
}

/// Follows `rel=next` from a listing's first page to its last, checking `rel=prev` back, the
/// page numbers and the title; returns each page's output path.
#[track_caller]
fn walk(site: &SiteTest, first: &str, pages: usize, page_word: &str) -> Vec<String> {
    let mut seen = vec![first.to_string()];
    let mut at = first.to_string();
    assert!(head_link(&at, &site.read(&at), "prev").is_none(), "{at}: a first page has no previous one");
    for n in 2..=pages {
        let html = site.read(&at);
        let next = head_link(&at, &html, "next").unwrap_or_else(|| panic!("{at}: no rel=next"));
        let next_html = site.read(&next);
        assert_eq!(head_link(&next, &next_html, "prev").as_deref(), Some(at.as_str()), "{next}: rel=prev");
        let title = &next_html[next_html.find("<title>").unwrap()..next_html.find("</title>").unwrap()];
        assert!(title.contains(&format!("{page_word} {n} ")), "{next}: {title}");
        assert!(next_html.contains(&format!("aria-current=\"page\">{n}</a>")), "{next}: its number is marked");
        seen.push(next.clone());
        at = next;
    }
    assert!(head_link(&at, &site.read(&at), "next").is_none(), "{at}: the last page has no next one");
    seen
}

#[test]
fn a_tag_of_many_lessons_is_in_pages_of_fifty() {
    let site = long_listings("es");
    assert!(site.build().succeeded());
    let pages = walk(&site, "etiquetas/comun/index.html", 3, "Página");
    assert_eq!(pages[1], "etiquetas/comun/pagina/2/index.html");
    assert!(!site.exists("etiquetas/comun/pagina/4/index.html"));
    assert!(!site.exists("etiquetas/comun/pagina/1/index.html"), "page 1 stays at the tag's own URL");
    let first = site.read(&pages[0]);
    assert!(first.contains("Página 1 de 3"), "page 1 says it is one of three");
    assert!(first.contains("<nav class=\"paging\" aria-label=\"Páginas de la lista\">"));

    let mut lessons = Vec::new();
    for page in &pages {
        let on_page: Vec<String> = hrefs_of(&site.read(page), "entry-title").iter().map(|h| resolve(page, h)).collect();
        assert!(on_page.len() <= 50, "{page}: {} entries", on_page.len());
        lessons.extend(on_page);
    }
    let unique: BTreeSet<&String> = lessons.iter().collect();
    assert_eq!((lessons.len(), unique.len()), (2 * COURSES, 2 * COURSES), "every lesson of the tag once");
    assert!(unique.iter().all(|l| site.exists(l)), "entries lead to lessons");
    assert_eq!(broken_links(&site.public()), Vec::<String>::new());
}

#[test]
fn home_tags_and_courses_are_paged_too() {
    let site = long_listings("es");
    assert!(site.build().succeeded());

    let home = walk(&site, "index.html", 2, "Página");
    assert_eq!(home[1], "pagina/2/index.html");
    let courses: Vec<String> = home
        .iter()
        .flat_map(|p| {
            let html = site.read(p);
            let cards = html.matches("<li class=\"card\">").count();
            assert!(cards <= 50, "{p}: {cards} courses");
            let needle = "<h3><a href=\"";
            html.match_indices(needle)
                .map(|(at, _)| {
                    let rest = &html[at + needle.len()..];
                    resolve(p, &rest[..rest.find('"').unwrap()])
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let unique: BTreeSet<&String> = courses.iter().collect();
    assert_eq!((courses.len(), unique.len()), (COURSES + 1, COURSES + 1), "every course once");

    let tags = walk(&site, "etiquetas/index.html", 2, "Página");
    let tag_links: usize = tags.iter().map(|p| site.read(p).matches("<a class=\"tag\"").count()).sum();
    assert_eq!(tag_links, BIG_COURSE + 1, "every tag once");

    let course = walk(&site, "grande/index.html", 2, "Página");
    let second = site.read(&course[1]);
    assert!(site.read(&course[0]).contains("Introducción."), "the course's text is on its first page");
    assert!(!second.contains("Introducción.") && !second.contains("course-progress"), "and only there");
    let lessons: usize = course.iter().map(|p| hrefs_of(&site.read(p), "entry-title").len()).sum();
    assert_eq!(lessons, BIG_COURSE);
    assert!(second.contains("id=\"course-nav\""), "a later page keeps the course's sidebar");

    assert_eq!(site.read("404.html").matches("class=\"entry-title\"").count(), 50, "the 404 page lists 50 courses");
    assert_eq!(broken_links(&site.public()), Vec::<String>::new());
}

#[test]
fn english_sites_page_under_page() {
    let site = long_listings("en");
    assert!(site.build().succeeded());
    let pages = walk(&site, "tags/comun/index.html", 3, "Page");
    assert_eq!(pages[2], "tags/comun/page/3/index.html");
    assert!(site.read(&pages[2]).contains("Page 3 of 3"));
    assert!(site.read(&pages[2]).contains("aria-label=\"Pages of this list\""));
    assert_eq!(broken_links(&site.public()), Vec::<String>::new());
}

#[test]
fn a_lesson_cannot_take_a_listing_pages_url() {
    let site = long_listings("en");
    site.write("content/grande/page/_index.md", "---\ntitle: Page\n---\n");
    site.write("content/grande/page/two.md", "---\ntitle: Two\nslug: \"2\"\n---\nText.\n");
    let report = site.build();
    assert!(!report.succeeded());
    let printed = crate::support::printed(&report).join("\n");
    assert!(printed.contains("page 2 of"), "{printed}");
    assert!(printed.contains("grande/page/two.md"), "{printed}");
}
