//! Outputs that would replace one another or could not be written: every output path the
//! site's layout gives its pages (see [`crate::content::layout`]), aula's own files and the
//! static files claim, checked in one pass for two claims on one file, a file where a folder is
//! needed, and names too long for a file system.

use std::collections::HashMap;
use std::path::Path;

use super::tags::alias_output;
use crate::content::theme::StaticFile;
use crate::content::{Listing, PageKey, Site, SitePage, source_path};
use crate::diagnostics::Diagnostic;
use crate::messages::Message;
use crate::msg;

/// Outputs that would silently replace one another, or could not be written: two claims on one
/// file, a file where another claim needs a folder, a name too long for a file system. Each is
/// reported at the later claim in [`claims`] order, naming both.
pub(in crate::content) fn output_clashes(site: &Site, statics: &[StaticFile]) -> Vec<Diagnostic> {
    let claims = claims(site, statics);
    let clash = Clash { site, statics };
    let mut found = Vec::new();
    let mut taken: HashMap<&str, usize> = HashMap::with_capacity(claims.len());
    for (n, (output, claimant)) in claims.iter().enumerate() {
        match taken.entry(output) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(n);
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                found.push(clash.same_file(output, *claimant, claims[*first.get()].1));
            }
        }
    }
    found.extend(folder_clashes(&clash, &claims, &taken));
    found.extend(long_names(&clash, &claims));
    found
}

/// The longest file or folder name most file systems take, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// Every output path the site and `statics` make, with what claims it, in the order clashes are
/// told: what the author is least likely to move first (aula's own files and pages, then the
/// theme's files), the site's own `static/` files last, so a clash is reported where the author
/// can fix it. Pages' paths are the layout's ([`Site::site_page_file`], [`Site::body_page_file`]):
/// every site page the site may make is claimed, whatever its configuration.
fn claims<'a>(site: &Site, statics: &'a [StaticFile]) -> Vec<(String, Claimant)> {
    let (by_site, by_theme): (Vec<_>, Vec<_>) = statics.iter().enumerate().partition(|(_, f)| f.by_site);
    let statics = |files: Vec<(usize, &'a StaticFile)>| {
        files.into_iter().map(|(i, f)| (f.output.clone(), Claimant::Static(i))).collect::<Vec<_>>()
    };
    let (authored, own): (Vec<_>, Vec<_>) =
        site.site_pages_claimed().into_iter().partition(|p| matches!(p, SitePage::Tag(_) | SitePage::Alias(_)));
    let site_page = |page: SitePage| (site.site_page_file(&page).0, Claimant::Page(page));
    let body_page = |key: PageKey, claimant: Claimant| (site.body_page_file(key).0, claimant);

    let mut claims = vec![
        (crate::output::MARKER.to_string(), Claimant::Marker),
        // The search index is a folder: claiming it as a file keeps everything else out of it
        // (see [`folder_clashes`]).
        (crate::search::INDEX_DIR.to_string(), Claimant::SearchIndex),
    ];
    claims.extend(own.into_iter().map(site_page));
    claims.extend(statics(by_theme));
    claims.extend((0..site.sections.len()).map(|i| body_page(PageKey::section(site, i), Claimant::Section(i))));
    claims.extend((0..site.lessons.len()).map(|i| body_page(PageKey::lesson(i), Claimant::Lesson(i))));
    claims.extend(authored.into_iter().map(site_page));
    claims.extend(site.assets.iter().enumerate().map(|(i, a)| (a.output.clone(), Claimant::Asset(i))));
    claims.extend(statics(by_site));
    claims
}

/// Claims inside a folder that another claim makes as a file (`curso/a` beside `curso/a/index.html`).
fn folder_clashes(clash: &Clash<'_>, claims: &[(String, Claimant)], taken: &HashMap<&str, usize>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (n, (output, claimant)) in claims.iter().enumerate() {
        let folders = output.match_indices('/').map(|(at, _)| &output[..at]);
        if let Some((folder, &file)) = folders.filter_map(|f| taken.get_key_value(f)).next() {
            let later = claims[file.max(n)].1;
            let (inside, maker) = (clash.owner(*claimant), clash.owner(claims[file].1));
            let (path, (line, col), fix) = later.place(clash.site, clash.statics);
            let message = msg!(
                "clash-file-and-folder",
                folder = *folder,
                maker = maker,
                inside = inside,
                output = output.as_str(),
                fix = fix
            );
            found.push(Diagnostic::error(path, line, col, message));
        }
    }
    found
}

/// Claims with a file or folder name over [`MAX_NAME_BYTES`], each long name told once (at the
/// first claim that has it: the section, not each lesson below it).
fn long_names(clash: &Clash<'_>, claims: &[(String, Claimant)]) -> Vec<Diagnostic> {
    let mut told = std::collections::HashSet::new();
    let mut found = Vec::new();
    for (output, claimant) in claims {
        let mut end = 0;
        for name in output.split('/') {
            end += name.len() + 1;
            if name.len() <= MAX_NAME_BYTES || !told.insert(&output[..end - 1]) {
                continue;
            }
            let (path, (line, col), _) = claimant.place(clash.site, clash.statics);
            let fix = claimant.shorter();
            let start: String = name.chars().take(24).collect();
            let message = msg!(
                "url-name-too-long",
                start = start,
                owner = clash.owner(*claimant),
                bytes = name.len(),
                limit = MAX_NAME_BYTES,
                fix = fix
            );
            found.push(Diagnostic::error(path, line, col, message));
        }
    }
    found
}

/// What the messages about clashing outputs are made from.
struct Clash<'a> {
    site: &'a Site,
    statics: &'a [StaticFile],
}

impl Clash<'_> {
    fn owner(&self, claimant: Claimant) -> Message {
        claimant.owner(self.site, self.statics)
    }

    /// `second` claims `output`, which `first` claimed before.
    fn same_file(&self, output: &str, second: Claimant, first: Claimant) -> Diagnostic {
        let shown = output.strip_suffix("index.html").unwrap_or(output);
        let shown = if shown.is_empty() { "/" } else { shown };
        let (path, (line, col), fix) = second.place(self.site, self.statics);
        let (owner, first_owner) = (self.owner(second), self.owner(first));
        let message = if second.is_page() && first.is_page() {
            msg!("clash-same-url", owner = owner, first = first_owner, output = shown, fix = fix)
        } else {
            msg!("clash-same-path", owner = owner, first = first_owner, output = shown, fix = fix)
        };
        Diagnostic::error(path, line, col, message)
    }
}

/// What claims an output file; described only when two claim one.
#[derive(Clone, Copy)]
enum Claimant {
    /// The file that marks a folder as aula's output.
    Marker,
    SearchIndex,
    Page(SitePage),
    /// A static file of the theme or of the site, by its index in the theme's list.
    Static(usize),
    Section(usize),
    Lesson(usize),
    Asset(usize),
}

impl Claimant {
    /// One of aula's own files, which no author can move (not a page that shows content).
    fn is_aula_file(self) -> bool {
        use SitePage::*;
        matches!(self, Claimant::Page(NotFound | Robots | Sitemap | SitemapPart(_) | Feed | Tags | Search))
    }

    fn is_page(self) -> bool {
        !self.is_aula_file()
            && !matches!(self, Claimant::Marker | Claimant::SearchIndex | Claimant::Static(_) | Claimant::Asset(_))
    }

    fn owner(self, site: &Site, statics: &[StaticFile]) -> Message {
        let path = |p: &Path| msg!("clash-owner-path", path = p);
        match self {
            Claimant::Marker => msg!("clash-owner-marker"),
            Claimant::SearchIndex => msg!("clash-owner-search-index"),
            Claimant::Page(page) => match page {
                SitePage::Tags => msg!("clash-owner-tag-list"),
                SitePage::Search => msg!("clash-owner-search-page"),
                SitePage::NotFound
                | SitePage::Robots
                | SitePage::Sitemap
                | SitePage::SitemapPart(_)
                | SitePage::Feed => {
                    msg!("clash-owner-aula-file")
                }
                SitePage::Keypoints(course) | SitePage::Schedule(course) | SitePage::Print(course) => {
                    msg!("clash-owner-course-page", course = &site.sections[course].title)
                }
                SitePage::ListingPage(listing, n) => {
                    let of = match listing {
                        Listing::Tags => Claimant::Page(SitePage::Tags).owner(site, statics),
                        Listing::Tag(i) => Claimant::Page(SitePage::Tag(i)).owner(site, statics),
                        Listing::Section(i) => Claimant::Section(i).owner(site, statics),
                    };
                    msg!("clash-owner-listing-page", page = n, listing = of)
                }
                SitePage::Tag(i) => msg!("clash-owner-tag", tag = &site.tags[i].name),
                SitePage::Alias(i) => {
                    let l = &site.lessons[site.aliases[i].lesson];
                    msg!("clash-owner-alias", alias = alias_written(site, i), path = &l.path())
                }
            },
            Claimant::Static(i) if statics[i].by_site => path(&statics[i].origin),
            Claimant::Static(i) => msg!("clash-owner-theme-file", path = &statics[i].origin),
            Claimant::Section(i) => {
                let s = &site.sections[i];
                path(&s.path().unwrap_or_else(|| source_path(&s.dir)))
            }
            Claimant::Lesson(i) => path(&site.lessons[i].path()),
            Claimant::Asset(i) => path(&source_path(&site.assets[i].source)),
        }
    }

    /// How to fix a name too long for a file system.
    fn shorter(self) -> Message {
        match self {
            Claimant::Section(_) => msg!("fix-section-slug-shorter"),
            Claimant::Lesson(_) => msg!("fix-lesson-slug-shorter"),
            Claimant::Page(SitePage::Tag(_)) => msg!("fix-tag-shorter"),
            Claimant::Page(SitePage::Alias(_)) => msg!("fix-alias-shorter"),
            Claimant::Marker | Claimant::SearchIndex | Claimant::Page(_) | Claimant::Static(_) | Claimant::Asset(_) => {
                msg!("fix-rename-file")
            }
        }
    }

    /// Where to report a clash, and how to fix it.
    fn place(self, site: &Site, statics: &[StaticFile]) -> (std::path::PathBuf, (usize, usize), Message) {
        match self {
            Claimant::Page(SitePage::Tag(i)) => {
                let t = &site.tags[i];
                let first = &site.lessons[t.lessons[0]];
                (first.path(), first.positions.of_item("tags", &t.name), msg!("fix-tag-clash"))
            }
            Claimant::Page(SitePage::Alias(i)) => {
                let l = &site.lessons[site.aliases[i].lesson];
                (l.path(), l.positions.of_item("aliases", alias_written(site, i)), msg!("fix-remove-alias"))
            }
            Claimant::Marker | Claimant::SearchIndex | Claimant::Page(_) => {
                (std::path::PathBuf::new(), (1, 1), msg!("fix-none"))
            }
            Claimant::Static(i) => (statics[i].origin.clone(), (1, 1), msg!("fix-static-file")),
            Claimant::Section(i) => {
                let s = &site.sections[i];
                let path = s.path().unwrap_or_else(|| source_path(&s.dir));
                (path, (1, 1), msg!("fix-section-clash"))
            }
            Claimant::Lesson(i) => {
                let l = &site.lessons[i];
                let position = if l.meta.slug.is_some() { l.positions.of("slug") } else { (1, 1) };
                (l.path(), position, msg!("fix-lesson-clash"))
            }
            Claimant::Asset(i) => (source_path(&site.assets[i].source), (1, 1), msg!("fix-asset-clash")),
        }
    }
}

/// Alias `i` as its lesson's front matter writes it.
fn alias_written(site: &Site, i: usize) -> &str {
    let a = &site.aliases[i];
    let l = &site.lessons[a.lesson];
    l.meta.aliases.iter().find(|x| alias_output(x).as_deref() == Some(&a.output)).map_or("", String::as_str)
}
