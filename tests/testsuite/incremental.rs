//! Watch-mode rebuilds without the server: a tracking session takes in edits made on disk and
//! renders only what they affect, and its output always equals a clean build of the same
//! sources, files and problems alike.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use aula::output::{InPlace, Sink};
use aula::render::OutputFile;
use aula::session::{Changes, Rebuild, Session};
use aula::{BuildOptions, serve};

use crate::support::{SiteTest, Steps, files_under, printed};

/// A fixture with a tracking session writing into its own folder, as `aula serve` keeps one.
struct Watched {
    site: SiteTest,
    session: Session,
    output: InPlace,
    touched: Vec<PathBuf>,
    folders: tempfile::TempDir,
}

impl Watched {
    fn fixture(name: &str) -> Watched {
        Watched::new(SiteTest::fixture(name))
    }

    /// A session over `site`, built once.
    fn new(site: SiteTest) -> Watched {
        let folders = tempfile::tempdir().unwrap();
        let output = InPlace::create(&folders.path().join("serve")).unwrap();
        let options = BuildOptions {
            root: site.root().to_path_buf(),
            output: Some(output.dir().to_path_buf()),
            write: true,
            ..BuildOptions::default()
        };
        let mut session = Session::open(&options, true);
        session.update(&Changes::everything(), &output).unwrap();
        session.update_search(&output).unwrap();
        Watched { site, session, output, touched: Vec::new(), folders }
    }

    fn write(&mut self, path: &str, text: &str) -> &mut Self {
        self.site.write(path, text);
        self.touched.push(self.site.root().join(path));
        self
    }

    fn read(&self, path: &str) -> String {
        fs::read_to_string(self.site.root().join(path)).unwrap()
    }

    fn read_output(&self, path: &str) -> String {
        fs::read_to_string(self.output.dir().join(path)).unwrap()
    }

    fn remove(&mut self, path: &str) -> &mut Self {
        let full = self.site.root().join(path);
        if full.is_dir() { fs::remove_dir_all(&full) } else { fs::remove_file(&full) }.unwrap();
        self.touched.push(full);
        self
    }

    fn rename(&mut self, from: &str, to: &str) -> &mut Self {
        let (from, to) = (self.site.root().join(from), self.site.root().join(to));
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::rename(&from, &to).unwrap();
        self.touched.extend([from, to]);
        self
    }

    /// Hands the paths touched since the last update to the session, sorted as the server
    /// sorts what its watcher reports, then brings the search index up to date as the server
    /// does once pages reload.
    fn update(&mut self) -> Rebuild {
        let rebuild = self.update_pages();
        self.session.update_search(&self.output).unwrap();
        rebuild
    }

    /// The update without the search index.
    fn update_pages(&mut self) -> Rebuild {
        let changes =
            serve::classify::classify(self.site.root(), self.output.dir(), self.touched.iter().map(PathBuf::as_path));
        self.touched.clear();
        self.session.update(&changes, &self.output).unwrap()
    }

    /// The session's output and problems are those of a clean build (whose output, when it
    /// fails, is not written: then only the problems are compared). True when outputs were
    /// compared.
    fn assert_matches_clean_build(&self, step: &str) -> bool {
        let clean_dir = self.folders.path().join("clean");
        let report = aula::build(&BuildOptions { output: Some(clean_dir.clone()), ..self.site.options() }).unwrap();
        let problems: Vec<String> = self
            .session
            .diagnostics()
            .iter()
            .map(|d| d.display_under(std::path::Path::new(""), aula::config::Language::En))
            .collect();
        assert_eq!(problems, printed(&report), "problems after {step}");
        if report.succeeded() {
            assert_same_files(self.output.dir(), &clean_dir, step);
        }
        report.succeeded()
    }
}

fn assert_same_files(served: &Path, clean: &Path, step: &str) {
    let (served, clean) = (files_under(served), files_under(clean));
    let names = |m: &std::collections::BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<BTreeSet<_>>();
    let (s, c) = (names(&served), names(&clean));
    assert_eq!(s.difference(&c).collect::<Vec<_>>(), Vec::<&String>::new(), "stale files after {step}");
    assert_eq!(c.difference(&s).collect::<Vec<_>>(), Vec::<&String>::new(), "missing files after {step}");
    for (name, bytes) in &clean {
        assert!(served[name] == *bytes, "{name} differs from a clean build after {step}");
    }
}

fn set(paths: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
    v.sort();
    v
}

#[test]
fn a_body_edit_renders_only_its_lesson() {
    let mut w = Watched::fixture("valid/basic");
    let lesson = "content/01-atencion/01-escuchar.md";
    let text = w.read(lesson) + "\nUna frase más.\n";
    let rebuild = w.write(lesson, &text).update();
    // The lesson, and the course's pages that show lesson bodies (only the printable one changes).
    assert_eq!(
        rebuild.rendered,
        set(&["atencion/escuchar/index.html", "atencion/imprimir/index.html", "atencion/puntos-clave/index.html"])
    );
    assert_eq!(rebuild.changed, ["atencion/escuchar/index.html", "atencion/imprimir/index.html"]);
    assert_eq!(rebuild.lessons.len(), 1, "the lessons rendered again: where the search index is updated");
    w.assert_matches_clean_build("a body edit");
}

/// The printable page keeps the bodies it showed between edits (only the edited lesson's
/// Markdown is rendered again): edits to two lessons of a course, one after the other, and one
/// to the front matter between them, all show on it as a clean build shows them.
#[test]
fn the_printable_page_takes_each_body_edit_in_turn() {
    let mut w = Watched::fixture("valid/basic");
    let first = "content/01-atencion/01-escuchar.md";
    let second = "content/01-atencion/03-modulo/02-seguimiento.md";
    let text = w.read(first) + "\nPrimera frase nueva.\n";
    w.write(first, &text).update();
    let text = w.read(second) + "\nSegunda frase nueva.\n";
    let rebuild = w.write(second, &text).update();
    assert!(rebuild.changed.contains(&"atencion/imprimir/index.html".to_string()));
    let printed = w.read_output("atencion/imprimir/index.html");
    assert!(printed.contains("Primera frase nueva.") && printed.contains("Segunda frase nueva."));
    w.assert_matches_clean_build("two body edits in one course");
    w.write(second, &with_key(&w.read(second), "title", Some("Seguimiento, otra vez"))).update();
    let text = w.read(first).replace("Primera frase nueva.", "Primera frase, corregida.");
    w.write(first, &text).update();
    let printed = w.read_output("atencion/imprimir/index.html");
    assert!(printed.contains("Primera frase, corregida.") && !printed.contains("Primera frase nueva."));
    assert!(printed.contains("Seguimiento, otra vez") && printed.contains("Segunda frase nueva."));
    w.assert_matches_clean_build("a title edit, then a body edit");
}

#[test]
fn bodies_saved_together_are_all_taken_in() {
    let mut w = Watched::fixture("valid/basic");
    let long = "palabra ".repeat(900);
    for lesson in
        ["content/suelta.md", "content/01-atencion/03-modulo/01-cierre.md", "content/01-atencion/01-escuchar.md"]
    {
        let text = w.read(lesson);
        w.write(lesson, &format!("{text}\n{long}\n"));
    }
    let text = w.read("content/01-atencion/03-modulo/02-seguimiento.md");
    w.write("content/01-atencion/03-modulo/02-seguimiento.md", &format!("{text}\nY algo más.\n"));
    let rebuild = w.update();
    assert!(rebuild.rendered.contains(&"atencion/modulo/seguimiento/index.html".to_string()));
    assert!(
        rebuild.rendered.contains(&"index.html".to_string()),
        "longer lessons change the course's minutes on the home page"
    );
    w.assert_matches_clean_build("bodies saved together, reading times changed");
}

#[test]
fn a_title_edit_renders_the_pages_that_show_it() {
    let mut w = Watched::fixture("valid/basic");
    let lesson = "content/01-atencion/01-escuchar.md";
    let text = w.read(lesson).replace("title: Escuchar de verdad", "title: Escuchar con atención");
    let rebuild = w.write(lesson, &text).update();
    assert_eq!(
        rebuild.rendered,
        set(&[
            // the lesson, its course page, and the sidebar of every page of the course
            "atencion/escuchar/index.html",
            "atencion/index.html",
            "atencion/decir-no/index.html",
            "atencion/modulo/index.html",
            "atencion/modulo/cierre/index.html",
            "atencion/modulo/seguimiento/index.html",
            // the course's schedule, key points and printable page
            "atencion/horario/index.html",
            "atencion/imprimir/index.html",
            "atencion/puntos-clave/index.html",
            // listings of its tags, and the feed
            "etiquetas/empatia/index.html",
            "etiquetas/escucha-activa/index.html",
            "atom.xml",
        ])
    );
    w.assert_matches_clean_build("a title edit");
}

#[test]
fn a_template_edit_renders_what_uses_it() {
    let mut w = Watched::fixture("valid/basic");
    let theme_tag = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/tag.html"));
    let tag = theme_tag.unwrap().replace("</h1>", " ·</h1>");
    let rebuild = w.write("templates/tag.html", &tag).update();
    assert_eq!(rebuild.rendered, set(&["etiquetas/empatia/index.html", "etiquetas/escucha-activa/index.html"]));
    w.assert_matches_clean_build("a template override");

    let rebuild = w.write("templates/partials/footer.html", "<footer>{{ site.title }}</footer>\n").update();
    let with_footer: Vec<String> = files_under(w.output.dir())
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("<footer"))
        .map(|(name, _)| name)
        .collect();
    assert!(with_footer.len() > 10);
    assert!(with_footer.iter().all(|page| rebuild.rendered.contains(page)), "{:?}", rebuild.rendered);
    w.assert_matches_clean_build("a partial every page includes");
}

#[test]
fn a_config_edit_renders_everything() {
    let mut w = Watched::fixture("valid/basic");
    let config = w.read("aula.yaml").replace("Un sitio pequeño", "Un sitio diminuto");
    let rebuild = w.write("aula.yaml", &config).update();
    let pages = files_under(w.output.dir()).keys().filter(|k| k.ends_with(".html") || k.ends_with(".xml")).count();
    assert_eq!(rebuild.rendered.len(), pages + 1, "every page, robots.txt too");
    w.assert_matches_clean_build("a config edit");
}

#[test]
fn a_broken_lesson_keeps_its_last_page_until_fixed() {
    let mut w = Watched::fixture("valid/basic");
    let lesson = "content/01-atencion/01-escuchar.md";
    let good = w.read(lesson);
    w.write(lesson, &good.replace("title: Escuchar de verdad", "title: [Escuchar")).update();
    let problems = w.session.diagnostics();
    assert!(
        problems.iter().any(|d| d.path.ends_with("01-escuchar.md")
            && d.message.render(aula::config::Language::En).contains("front matter")),
        "{problems:?}"
    );
    assert!(w.output.dir().join("atencion/escuchar/index.html").exists(), "the author stays on the page");
    w.assert_matches_clean_build("broken front matter");

    w.write(lesson, &good.replace("Escuchar de verdad", "Escuchar, de verdad")).update();
    w.assert_matches_clean_build("the fix");
}

#[test]
fn deleted_renamed_and_new_files_leave_nothing_stale() {
    let mut w = Watched::fixture("valid/basic");
    w.remove("content/suelta.md").update();
    assert!(!w.output.dir().join("suelta/index.html").exists());
    w.assert_matches_clean_build("a deleted lesson");

    w.rename("content/01-atencion/03-modulo", "content/01-atencion/05-etapas").update();
    w.assert_matches_clean_build("a renamed folder");

    w.rename("content/01-atencion/02-decir-no", "content/decir-no").update();
    w.assert_matches_clean_build("a bundle moved out of its course");

    w.write("content/01-atencion/06-nueva.md", "---\ntitle: Nueva\ntags: [empatía, nueva]\n---\n\nHola.\n").update();
    w.write("content/01-atencion/fig/otro.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n").update();
    w.assert_matches_clean_build("new files");

    w.remove("content/01-atencion/fig").update();
    w.assert_matches_clean_build("a deleted folder of images");
}

/// The output folder, with a search refresh cancelled as soon as it has written `writes` files,
/// as the next save cancels it in `aula serve`.
struct CancelAfter<'a> {
    output: &'a InPlace,
    writes: AtomicUsize,
    cancel: &'a AtomicBool,
}

impl Sink for CancelAfter<'_> {
    fn write(&self, file: &OutputFile) -> anyhow::Result<()> {
        self.write_bytes(&file.path, &file.bytes)
    }
    fn write_bytes(&self, output: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.output.write_bytes(output, bytes)?;
        if self.writes.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.cancel.store(true, Ordering::SeqCst);
        }
        Ok(())
    }
    fn copy(&self, source: &Path, output: &str) -> anyhow::Result<()> {
        self.output.copy(source, output)
    }
    fn remove(&self, output: &str) -> anyhow::Result<()> {
        self.output.remove(output)
    }
}

#[test]
fn a_search_refresh_cut_short_is_finished_by_the_next() {
    let mut w = Watched::fixture("valid/basic");
    let lesson = "content/01-atencion/01-escuchar.md";
    let text = w.read(lesson);
    // New words in a title change its excerpts file and shards; the refresh stops after one write.
    w.write(lesson, &text.replace("title: Escuchar de verdad", "title: Escuchar sin prisa")).update_pages();
    let cancel = AtomicBool::new(false);
    let sink = CancelAfter { output: &w.output, writes: AtomicUsize::new(1), cancel: &cancel };
    let work = w.session.search_work().expect("a title changed: the index is made again");
    let update = w.session.search_done(work.run(&sink, &cancel)).unwrap();
    assert!(update.cancelled && !update.changed.is_empty(), "{update:?}");
    // The title goes back to the one the finished index was made from: what the cut-short
    // refresh wrote must be written again.
    w.write(lesson, &text).update();
    w.assert_matches_clean_build("a search refresh cut short, then a finished one");
}

fn lessons_of(root: &Path) -> Vec<String> {
    let content = root.join("content");
    let mut found: Vec<String> = walkdir::WalkDir::new(&content)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"))
        .filter(|p| p.ends_with(".md") && !p.ends_with("_index.md"))
        .collect();
    found.sort();
    found
}

/// Sets (or adds) one front matter line `key: value`, keeping the rest of the file.
fn with_key(text: &str, key: &str, value: Option<&str>) -> String {
    let Some(rest) = text.strip_prefix("---\n") else {
        return match value {
            Some(v) => format!("---\n{key}: {v}\n---\n{text}"),
            None => text.to_string(),
        };
    };
    let (front, body) = rest.split_once("\n---\n").unwrap_or((rest, ""));
    let mut lines: Vec<String> =
        front.lines().filter(|l| !l.starts_with(&format!("{key}:"))).map(str::to_string).collect();
    if let Some(v) = value {
        lines.insert(0, format!("{key}: {v}"));
    }
    format!("---\n{}\n---\n{body}", lines.join("\n"))
}

#[test]
fn any_sequence_of_edits_matches_a_clean_build() {
    let mut w = Watched::fixture("valid/basic");
    // Prerequisites turn a deleted or renamed lesson into an error that lasts: leave them out.
    let bundle = "content/01-atencion/02-decir-no/index.md";
    let text = w.read(bundle).replace("prerequisites:\n  - ../01-escuchar.md\n", "");
    w.write(bundle, &text).update();
    let mut steps = Steps(0x5eed_a01a);
    let mut compared = 0;
    // A file broken on purpose is fixed the step after.
    let mut broken: Option<(String, String)> = None;
    for n in 0..150 {
        if let Some((path, good)) = broken.take() {
            w.write(&path, &good);
        }
        let lessons = lessons_of(w.site.root());
        let lesson = lessons[steps.next(lessons.len())].clone();
        let other = lessons[steps.next(lessons.len())].clone();
        let text = w.read(&lesson);
        let op = steps.next(15);
        let step = format!("step {n} (operation {op} on {lesson})");
        match op {
            0 | 1 => w.write(&lesson, &format!("{text}\nPárrafo {n} con algunas palabras más para leer.\n")),
            2 => w.write(&lesson, &with_key(&text, "title", Some(&format!("Título {n}")))),
            3 => w.write(&lesson, &with_key(&text, "weight", Some(&steps.next(5).to_string()))),
            4 => w.write(&lesson, &with_key(&text, "draft", (steps.next(2) == 0).then_some("true"))),
            5 => w.write(&lesson, &with_key(&text, "tags", Some(&format!("[t{}, empatía]", steps.next(3))))),
            6 => {
                broken = Some((lesson.clone(), text.clone()));
                w.write(&lesson, &with_key(&text, "title", Some("[roto")))
            }
            7 => {
                let target = other.trim_start_matches("content");
                let anchor = ["", "#que-es-escuchar", "#el-paso-clave", "#no-existe"][steps.next(4)];
                w.write(&lesson, &format!("{text}\nVer [otra]({target}{anchor}).\n"))
            }
            8 if lessons.len() > 3 => w.remove(&lesson),
            9 => {
                let dir =
                    ["content", "content/01-atencion", "content/01-atencion/03-modulo", "content/nuevo"][steps.next(4)];
                let text = format!("---\ntitle: Nueva {n}\n---\n\nTexto {n}.\n");
                w.write(&format!("{dir}/{:02}-nueva-{n}.md", steps.next(9)), &text)
            }
            10 => {
                let dir = ["content", "content/01-atencion", "content/otro"][steps.next(3)];
                let name = lesson.rsplit('/').next().unwrap();
                w.rename(&lesson, &format!("{dir}/{n}-{name}"))
            }
            11 => {
                let footer = "templates/partials/footer.html";
                if steps.next(4) == 0 {
                    let good =
                        fs::read_to_string(w.site.root().join(footer)).unwrap_or_else(|_| "<footer></footer>\n".into());
                    broken = Some((footer.to_string(), good));
                    w.write(footer, "<footer>{% if %}</footer>\n")
                } else {
                    w.write(footer, &format!("<footer>{{{{ site.title }}}} {n}</footer>\n"))
                }
            }
            12 => w.write(&format!("static/extra-{}.css", steps.next(3)), &format!("/* {n} */\n")),
            13 => {
                let language = ["es", "en"][steps.next(2)];
                w.write(
                    "aula.yaml",
                    &format!("title: Academia de prueba\ndescription: Paso {n}.\nlanguage: {language}\n"),
                )
            }
            _ => {
                let svg = format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- {n} --></svg>\n");
                w.write("content/01-atencion/fig/esquema.svg", &svg)
            }
        };
        w.update();
        compared += usize::from(w.assert_matches_clean_build(&step));
    }
    assert!(compared > 100, "only {compared} steps left a site without errors to compare");
}

/// Regression (issue 12): an include is part of every page that names it, and `ignore:` decides
/// what the folder holds; editing either in watch mode gives what a clean build gives.
#[test]
fn include_and_ignore_edits_match_a_clean_build() {
    let mut w = Watched::fixture("valid/legacy-carpentries");
    let links = "content/git/_includes/links.md";
    let text = w.read(links).replace("https://git-scm.com/docs", "https://git-scm.com/book");
    w.write(links, &text).update();
    assert!(w.read_output("git/episodes/basics/index.html").contains("https://git-scm.com/book"));
    w.assert_matches_clean_build("an include edit");
    let config = w.read("aula.yaml").replace("  - /git/data/*\n", "");
    w.write("aula.yaml", &config).update();
    assert!(w.read_output("git/data/notes/index.html").contains("Not a lesson either."));
    w.assert_matches_clean_build("an ignore: edit");
}

#[test]
fn listings_that_cross_a_page_boundary_match_a_clean_build() {
    // 120 lessons tagged `común`, three pages; a course of 55 lessons, two pages.
    let mut w = Watched::new(crate::listing::long_listings("es"));
    let added = "---\ntitle: Una más\ntags: [común]\n---\nTexto.\n";
    for n in 1..=31 {
        w.write(&format!("content/c01/extra-{n:02}.md"), added);
    }
    let rebuild = w.update();
    assert!(rebuild.rendered.contains(&"etiquetas/comun/pagina/4/index.html".to_string()), "a fourth page");
    w.assert_matches_clean_build("a tag gains a page");
    for n in 1..=31 {
        w.remove(&format!("content/c01/extra-{n:02}.md"));
    }
    w.update();
    w.assert_matches_clean_build("a tag loses a page");
    for l in 1..=5 {
        w.remove(&format!("content/grande/l{l:02}.md"));
    }
    w.update();
    assert!(!w.output.dir().join("grande/pagina/2/index.html").exists(), "a course down to 50 lessons");
    w.assert_matches_clean_build("a course back on one page");
    let text = w.read("content/c02/l1.md").replace("Lección 02-1", "Lección dos");
    let rebuild = w.write("content/c02/l1.md", &text).update();
    assert!(rebuild.rendered.contains(&"etiquetas/comun/index.html".to_string()), "its tag's page shows the title");
    assert!(!rebuild.rendered.contains(&"etiquetas/comun/pagina/2/index.html".to_string()), "the others do not");
    w.assert_matches_clean_build("a title on a listing's first page");
}
