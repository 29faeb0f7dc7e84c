//! SCORM packages (`aula build --scorm`): one zip per course, holding that course's site, a
//! launch page and a manifest of the course's tree. How the packages behave inside an LMS
//! runtime is in `lms`.

use std::collections::{BTreeMap, HashSet};
use std::io::Read as _;
use std::path::Path;

use aula::config::ScormVersion;

use crate::support::{SiteTest, broken_links, printed};

/// The basic fixture with a second course, whose lesson links to the first course.
fn two_courses() -> SiteTest {
    let site = SiteTest::fixture("valid/basic");
    site.write("content/02-ventas/_index.md", "---\ntitle: Ventas\n---\nVender con calma.\n");
    site.write(
        "content/02-ventas/01-vender.md",
        "---\ntitle: Vender sin presionar\n---\n\nAntes de vender, [escucha](../01-atencion/01-escuchar.md#que-es-escuchar).\n\n\
         ```quiz\nquestion: ¿Se presiona al cliente?\noptions:\n  - text: Sí\n  - text: No\n    correct: true\n```\n",
    );
    site
}

/// The entries of a zip, in their order, with their bytes.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            file.read_to_end(&mut content).unwrap();
            (file.name().to_string(), content)
        })
        .collect()
}

fn package(site: &SiteTest, course: &str) -> BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(site.public().join(format!("scorm/{course}.zip"))).expect("the course's package");
    unzip(&bytes).into_iter().collect()
}

fn text(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(files.get(path).unwrap_or_else(|| panic!("no {path} in the package")).clone()).unwrap()
}

/// The first child element of `node` named `name`.
fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> roxmltree::Node<'a, 'input> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
        .unwrap_or_else(|| panic!("no <{name}> in <{}>", node.tag_name().name()))
}

/// Checks a manifest against the structure the standard requires, and against the files of
/// its package; returns the titles of its items, indented by depth, and their `?page=`s.
fn check_manifest(files: &BTreeMap<String, Vec<u8>>, version: ScormVersion) -> Vec<String> {
    let xml = text(files, "imsmanifest.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the manifest is well-formed XML");
    let manifest = doc.root_element();
    let (cp, adlcp, scorm_type) = match version {
        ScormVersion::V1_2 => {
            ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "http://www.adlnet.org/xsd/adlcp_rootv1p2", "scormtype")
        }
        ScormVersion::V2004 => {
            ("http://www.imsglobal.org/xsd/imscp_v1p1", "http://www.adlnet.org/xsd/adlcp_v1p3", "scormType")
        }
    };
    assert_eq!(manifest.tag_name().name(), "manifest");
    assert_eq!(manifest.tag_name().namespace(), Some(cp));
    let metadata = child(manifest, "metadata");
    assert_eq!(child(metadata, "schema").text(), Some("ADL SCORM"));
    let schema_version = if version == ScormVersion::V1_2 { "1.2" } else { "2004 4th Edition" };
    assert_eq!(child(metadata, "schemaversion").text(), Some(schema_version));

    // Identifiers unique, and XML IDs (NCNames).
    let mut ids = HashSet::new();
    for node in doc.descendants().filter(|n| n.has_attribute("identifier")) {
        let id = node.attribute("identifier").unwrap();
        assert!(ids.insert(id), "identifier {id} twice");
        assert!(id.chars().next().unwrap().is_ascii_alphabetic(), "{id}");
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)), "{id}");
    }

    let organizations = child(manifest, "organizations");
    let default = organizations.attribute("default").expect("a default organization");
    let organization = child(organizations, "organization");
    assert_eq!(organization.attribute("identifier"), Some(default));
    assert!(child(organization, "title").text().is_some_and(|t| !t.is_empty()));

    let resources = child(manifest, "resources");
    let resource = child(resources, "resource");
    assert_eq!(resource.attribute("type"), Some("webcontent"));
    assert_eq!(resource.attribute((adlcp, scorm_type)), Some("sco"));
    let href = resource.attribute("href").unwrap();
    assert!(files.contains_key(href), "the SCO's href {href} is in the zip");
    let listed: Vec<&str> = resource
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "file")
        .map(|f| f.attribute("href").unwrap())
        .collect();
    let decoded: HashSet<String> =
        listed.iter().map(|h| percent_encoding::percent_decode_str(h).decode_utf8().unwrap().into_owned()).collect();
    for path in &decoded {
        assert!(files.contains_key(path), "listed file {path} is in the zip");
    }
    for path in files.keys().filter(|p| *p != "imsmanifest.xml") {
        assert!(decoded.contains(path), "{path} is listed in the manifest");
    }

    let mut tree = Vec::new();
    fn items(
        node: roxmltree::Node<'_, '_>,
        depth: usize,
        resource: &str,
        files: &BTreeMap<String, Vec<u8>>,
        tree: &mut Vec<String>,
    ) {
        for item in node.children().filter(|c| c.is_element() && c.tag_name().name() == "item") {
            let title = item.children().find(|c| c.tag_name().name() == "title").and_then(|t| t.text()).unwrap();
            let children = item.children().any(|c| c.tag_name().name() == "item");
            match item.attribute("identifierref") {
                Some(r) => {
                    assert!(!children, "{title}: an item that launches holds no items");
                    assert_eq!(r, resource, "{title} launches the SCO");
                    let page = item.attribute("parameters").and_then(|p| p.strip_prefix("?page=")).expect("a page");
                    assert!(files.contains_key(page), "{title}: its page {page} is in the zip");
                    tree.push(format!("{}{title} → {page}", "  ".repeat(depth)));
                }
                None => {
                    assert!(children, "{title}: an item without a resource holds items");
                    tree.push(format!("{}{title}", "  ".repeat(depth)));
                }
            }
            items(item, depth + 1, resource, files, tree);
        }
    }
    items(organization, 0, resource.attribute("identifier").unwrap(), files, &mut tree);
    tree
}

#[test]
fn each_course_is_a_scorm_package_of_its_own_tree_and_files() {
    for version in [ScormVersion::V1_2, ScormVersion::V2004] {
        let site = two_courses();
        let report = site.build_with(|o| o.scorm = Some(version));
        assert!(report.succeeded(), "{:?}", printed(&report));
        let names: Vec<String> = std::fs::read_dir(site.public().join("scorm"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(names, ["atencion.zip", "ventas.zip"], "one package per course");

        let atencion = package(&site, "atencion");
        assert_eq!(
            check_manifest(&atencion, version),
            [
                "Atención al cliente → atencion/index.html",
                "Escuchar de verdad → atencion/escuchar/index.html",
                "Decir que no → atencion/decir-no/index.html",
                "Módulo de cierre",
                "  Seguimiento → atencion/modulo/seguimiento/index.html",
                "  Cerrar la conversación → atencion/modulo/cierre/index.html",
            ],
            "{version:?}"
        );
        // The course's site: its pages, its assets, the theme, search; nothing of other courses.
        for path in [
            "index.html",
            "aula.css",
            "training.js",
            "search.js",
            "atencion/fig/esquema.svg",
            "atencion/decir-no/paso.svg",
        ] {
            assert!(atencion.contains_key(path), "{path} in the package");
        }
        assert!(atencion.keys().any(|p| p.starts_with("search-index/")), "the package can be searched");
        assert!(!atencion.keys().any(|p| p.starts_with("ventas/") || p.starts_with("suelta/")), "only its course");
        let index: String = atencion
            .iter()
            .filter(|(p, _)| p.starts_with("search-index/"))
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        assert!(index.contains("Escuchar") && !index.contains("presionar"), "its search holds its lessons only");

        let ventas = package(&site, "ventas");
        check_manifest(&ventas, version);
        let lesson = text(&ventas, "ventas/vender/index.html");
        assert!(
            lesson.contains("href=\"https://example.org/academia/atencion/escuchar/index.html#que-es-escuchar\""),
            "a link to another course goes to the published site"
        );
        let unpacked = tempfile::tempdir().unwrap();
        for (path, bytes) in &ventas {
            let file = unpacked.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
        assert_eq!(
            broken_links(unpacked.path()),
            Vec::<String>::new(),
            "every link inside the package leads somewhere"
        );

        let launch = text(&ventas, "scorm.html");
        let data = launch.split("data-launch=\"").nth(1).unwrap().split('"').next().unwrap().replace("&quot;", "\"");
        let data: serde_json::Value = serde_json::from_str(&data).unwrap();
        assert_eq!(
            data,
            serde_json::json!({
                "scorm": version_text(version), "course": "ventas", "title": "Ventas", "start": "ventas/index.html",
                "lessons": ["ventas/vender"], "quizzes": 1, "passing_score": 80
            })
        );
    }
}

fn version_text(version: ScormVersion) -> &'static str {
    version.as_str()
}

#[test]
fn scorm_2004_packages_keep_default_sequencing_with_rollup_from_any_item() {
    let site = two_courses();
    assert!(site.build_with(|o| o.scorm = Some(ScormVersion::V2004)).succeeded());
    let xml = text(&package(&site, "atencion"), "imsmanifest.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let imsss = "http://www.imsglobal.org/xsd/imsss";
    let sequencing: Vec<_> = doc.descendants().filter(|n| n.has_tag_name((imsss, "sequencing"))).collect();
    // The course and its one module.
    assert_eq!(sequencing.len(), 2);
    for s in sequencing {
        let parent = s.parent_element().unwrap();
        assert!(matches!(parent.tag_name().name(), "organization" | "item"));
        assert!(parent.attribute("identifierref").is_none(), "only clusters have rollup rules");
        let control = s.children().find(|c| c.has_tag_name((imsss, "controlMode"))).unwrap();
        assert_eq!((control.attribute("choice"), control.attribute("flow")), (Some("true"), Some("true")));
        let actions: Vec<_> = s
            .descendants()
            .filter(|n| n.has_tag_name((imsss, "rollupAction")))
            .map(|n| n.attribute("action").unwrap())
            .collect();
        assert_eq!(actions, ["completed", "satisfied"]);
    }
}

#[test]
fn packages_are_byte_identical_on_a_rebuild() {
    let site = two_courses();
    assert!(site.build_with(|o| o.scorm = Some(ScormVersion::V1_2)).succeeded());
    let first = std::fs::read(site.public().join("scorm/atencion.zip")).unwrap();
    assert!(site.build_with(|o| o.scorm = Some(ScormVersion::V1_2)).succeeded());
    assert_eq!(std::fs::read(site.public().join("scorm/atencion.zip")).unwrap(), first);
    let entries = unzip(&first);
    assert_eq!(entries[0].0, "imsmanifest.xml");
    let names: Vec<&str> = entries[1..].iter().map(|(n, _)| n.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "entries in order");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&first)).unwrap();
    for i in 0..archive.len() {
        let file = archive.by_index(i).unwrap();
        let time = file.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day()), (1980, 1, 1), "{} has the fixed time", file.name());
    }
}

#[test]
fn scorm_in_aula_yaml_makes_packages_and_no_scorm_makes_none() {
    let site = two_courses();
    assert!(site.build().succeeded());
    assert!(!site.exists("scorm"), "no packages unless asked for");
    let config = std::fs::read_to_string(site.root().join("aula.yaml")).unwrap();
    site.write("aula.yaml", &format!("{config}scorm:\n  version: \"2004\"\n  passing_score: 60\n"));
    assert!(site.build().succeeded());
    let launch = text(&package(&site, "ventas"), "scorm.html");
    assert!(launch.contains("&quot;scorm&quot;:&quot;2004&quot;") && launch.contains("&quot;passing_score&quot;:60"));
}

#[test]
fn a_link_to_another_course_without_a_base_url_is_a_warning_where_it_is_written() {
    let site = two_courses();
    site.write("aula.yaml", "title: Academia\nlanguage: es\n");
    let report = site.build_with(|o| o.scorm = Some(ScormVersion::V1_2));
    assert!(report.succeeded());
    assert_eq!(
        printed(&report),
        [
            "content/02-ventas/01-vender.md:5:18: warning: link `../01-atencion/01-escuchar.md#que-es-escuchar` points to another course, which is not in this course's SCORM package: set `base_url` so that it links to the published site, or remove the link"
        ]
    );
    let strict = site.build_with(|o| {
        o.scorm = Some(ScormVersion::V1_2);
        o.strict = true;
    });
    assert!(!strict.succeeded(), "a warning fails a strict build");
}

#[test]
fn a_course_whose_progress_cannot_fit_scorm_1_2_is_an_error_that_names_2004() {
    // Progress kept in its compact form costs a character a lesson and a few a quiz: 1.2's 4,096
    // characters hold some 4,000 lessons without quizzes (see the unit tests of `package`), or
    // fewer with many quizzes, as here: 60 lessons of 25 quizzes each.
    let site = SiteTest::fixture("valid/small");
    let quiz = "```quiz\nquestion: ¿Sí?\noptions:\n  - text: Sí\n    correct: true\n  - text: 'No'\n```\n";
    for i in 0..60 {
        site.write(
            &format!("content/curso/{i:03}-leccion-numero-{i}-de-un-curso-largo.md"),
            &format!("---\ntitle: Lección {i}\n---\n{}", quiz.repeat(25)),
        );
    }
    let report = site.build_with(|o| o.scorm = Some(ScormVersion::V1_2));
    assert!(!report.succeeded());
    let said = printed(&report);
    assert_eq!(said.len(), 1, "{:?}", &said[..said.len().min(3)]);
    let start = "content/curso/_index.md:1:1: error: this course has 61 lessons and 1500 quizzes";
    assert!(said[0].starts_with(start), "{}", said[0]);
    assert!(said[0].contains("SCORM 2004"), "{}", said[0]);
    assert!(!Path::new(&site.public().join("index.html")).exists(), "a failed build writes nothing");
    assert!(site.build_with(|o| o.scorm = Some(ScormVersion::V2004)).succeeded(), "2004 keeps 64,000 characters");
}

#[test]
fn xapi_settings_reach_every_page_and_the_launch_page() {
    let site = two_courses();
    let config = std::fs::read_to_string(site.root().join("aula.yaml")).unwrap();
    site.write(
        "aula.yaml",
        &format!("{config}xapi:\n  endpoint: https://lrs.example.org/xapi\n  username: ana\n  password: secreto\n"),
    );
    assert!(site.build_with(|o| o.scorm = Some(ScormVersion::V1_2)).succeeded());
    let want = "data-xapi=\"{&quot;activity_base&quot;:&quot;https://example.org/academia/&quot;,&quot;auth&quot;:&quot;Basic YW5hOnNlY3JldG8=&quot;,&quot;endpoint&quot;:&quot;https://lrs.example.org/xapi/&quot;,&quot;passing_score&quot;:80}\"";
    for page in ["index.html", "atencion/escuchar/index.html", "ventas/index.html"] {
        assert!(
            site.read(page).contains(want),
            "{page}: {}",
            site.read(page).lines().find(|l| l.contains("training.js")).unwrap()
        );
    }
    assert!(text(&package(&site, "ventas"), "scorm.html").contains(want));
}

#[test]
fn a_site_without_courses_is_told_that_it_has_nothing_to_package() {
    let site = SiteTest::fixture("valid/empty");
    site.write("content/suelta.md", "---\ntitle: Suelta\n---\nTexto.\n");
    let report = site.build_with(|o| o.scorm = Some(ScormVersion::V1_2));
    assert_eq!(
        printed(&report),
        [
            "content:1:1: warning: no SCORM package was made: a package holds one course, and this site has no course (a folder under `content/` with lessons); put the lessons in one"
        ]
    );
    assert!(!site.exists("scorm"));
}
