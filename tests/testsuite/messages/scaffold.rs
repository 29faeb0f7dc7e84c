//! See the module above: exact Spanish and English words.
//! What `aula init` and `aula new lesson` print: the files created, the next step, and each
//! refusal, run through the binary with `--lang`.

use std::path::Path;
use std::process::Command;

/// The lines `aula ARGS --lang LANG` prints in `dir` (stdout, then stderr), and its exit code.
fn run(dir: &Path, args: &[&str], lang: &str) -> (Option<i32>, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_aula")).args(args).args(["--lang", lang]).current_dir(dir).output();
    let out = out.unwrap();
    let mut lines: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect();
    lines.extend(String::from_utf8(out.stderr).unwrap().lines().map(str::to_string));
    (out.status.code(), lines)
}

/// Asserts what `aula ARGS` prints in a fresh copy of the folder `prepare` makes, in Spanish
/// and in English.
#[track_caller]
fn says(prepare: impl Fn(&Path), args: &[&str], code: i32, es: &[&str], en: &[&str]) {
    for (lang, want) in [("es", es), ("en", en)] {
        let tmp = tempfile::tempdir().unwrap();
        prepare(tmp.path());
        assert_eq!(run(tmp.path(), args, lang), (Some(code), want.iter().map(|l| l.to_string()).collect()), "{lang}");
    }
}

fn nothing(_: &Path) {}

/// A site made by `aula init` in Spanish.
fn a_site(dir: &Path) {
    assert_eq!(run(dir, &["init"], "es").0, Some(0));
}

#[test]
fn init_lists_what_it_created_and_the_next_step() {
    says(
        nothing,
        &["init", "academia"],
        0,
        &[
            "creado: academia/aula.yaml",
            "creado: academia/.gitignore",
            "creado: academia/content/_index.md",
            "creado: academia/content/atencion-telefonica/_index.md",
            "creado: academia/content/atencion-telefonica/01-escuchar.md",
            "creado: academia/content/atencion-telefonica/02-resolver.md",
            "creado: academia/content/atencion-telefonica/03-cerrar.md",
            "creado: academia/content/atencion-telefonica/img/escucha.svg",
            "siguiente paso: cd academia && aula serve --open",
        ],
        &[
            "created academia/aula.yaml",
            "created academia/.gitignore",
            "created academia/content/_index.md",
            "created academia/content/phone-support/_index.md",
            "created academia/content/phone-support/01-listening.md",
            "created academia/content/phone-support/02-solving.md",
            "created academia/content/phone-support/03-closing.md",
            "created academia/content/phone-support/img/listening.svg",
            "next: cd academia && aula serve --open",
        ],
    );
}

#[test]
fn init_here_needs_no_cd() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, lines) = run(tmp.path(), &["init"], "es");
    assert_eq!((code, lines[0].as_str()), (Some(0), "creado: aula.yaml"));
    assert_eq!(lines.last().unwrap(), "siguiente paso: aula serve --open");
    let tmp = tempfile::tempdir().unwrap();
    let (_, lines) = run(tmp.path(), &["init"], "en");
    assert_eq!(lines.last().unwrap(), "next: aula serve --open");
}

#[test]
fn init_refuses_a_site() {
    says(
        a_site,
        &["init"],
        2,
        &[
            "error: esta carpeta ya es un sitio (tiene aula.yaml): elige otra carpeta para el nuevo, por ejemplo `aula init mi-academia`",
        ],
        &[
            "error: this folder is a site already (it has an aula.yaml): choose another folder for the new one, such as `aula init my-academy`",
        ],
    );
}

#[test]
fn init_refuses_a_content_folder() {
    says(
        |dir| std::fs::create_dir_all(dir.join("web/content")).unwrap(),
        &["init", "web"],
        2,
        &[
            "error: web ya tiene una carpeta content/: elige una carpeta vacía o aparta esa content/ antes de crear el sitio",
        ],
        &[
            "error: web already has a content/ folder: choose an empty folder, or move that content/ away before creating the site",
        ],
    );
}

#[test]
fn init_refuses_a_file_it_would_overwrite() {
    says(
        |dir| std::fs::write(dir.join(".gitignore"), "target/\n").unwrap(),
        &["init"],
        2,
        &[
            "error: .gitignore ya existe: `aula init` solo crea archivos nuevos; elige una carpeta vacía o aparta ese archivo",
        ],
        &[
            "error: .gitignore already exists: `aula init` only creates new files; choose an empty folder or move that file away",
        ],
    );
}

#[test]
fn new_lesson_says_what_it_created_and_the_next_step() {
    says(
        a_site,
        &["new", "lesson", "atencion-telefonica/04-decir-no", "Decir no"],
        0,
        &[
            "creado: content/atencion-telefonica/04-decir-no.md",
            "siguiente paso: rellena su front matter y mírala con `aula serve --open`",
        ],
        &[
            "created content/atencion-telefonica/04-decir-no.md",
            "next: fill in its front matter and preview it with `aula serve --open`",
        ],
    );
}

#[test]
fn new_lesson_refuses_an_existing_file() {
    says(
        a_site,
        &["new", "lesson", "atencion-telefonica/01-escuchar.md", "Otra"],
        2,
        &[
            "error: content/atencion-telefonica/01-escuchar.md ya existe: elige otro nombre para la lección (aula nunca sobrescribe un archivo)",
        ],
        &[
            "error: content/atencion-telefonica/01-escuchar.md already exists: choose another name for the lesson (aula never overwrites a file)",
        ],
    );
}

#[test]
fn new_lesson_refuses_a_path_outside_content() {
    says(
        a_site,
        &["new", "lesson", "../fuera.md", "Fuera"],
        2,
        &[
            "error: ../fuera.md: la lección tiene que estar dentro de content/; escribe una ruta como `curso/01-leccion.md`",
        ],
        &["error: ../fuera.md: the lesson must be inside content/; give a path such as `course/01-lesson.md`"],
    );
}

#[test]
fn new_lesson_after_the_problems_of_aula_yaml() {
    for (lang, last) in
        [("es", "no se ha creado a.md: corrige antes aula.yaml"), ("en", "a.md not created: fix aula.yaml first")]
    {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("aula.yaml"), "title: [\n").unwrap();
        let (code, lines) = run(tmp.path(), &["new", "lesson", "a.md", "A"], lang);
        assert_eq!(code, Some(1), "{lines:#?}");
        assert!(lines[0].starts_with("aula.yaml:1:"), "{lines:#?}");
        assert_eq!(lines.last().unwrap(), last);
    }
}
