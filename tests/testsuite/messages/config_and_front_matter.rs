//! See the module above: exact Spanish and English words of the problems of aula.yaml, of front
//! matter (lessons and sections) and of the content tree. (Quiz messages are checked in
//! `src/markdown/quiz.rs` until markdown problems carry their message to the diagnostics.)

use super::{says, site};

const LESSON: &str = "content/curso/01-a.md";

/// A lesson file with this front matter.
fn lesson(front: &str) -> String {
    format!("---\n{front}---\n\nTexto.\n")
}

#[test]
fn a_type_error_says_what_the_key_takes_and_the_rest_of_the_file_is_checked() {
    let text = lesson("title: Escuchar\nduration: veinte\nlayout: post\n");
    says(
        &[(LESSON, &text)],
        &[
            "content/curso/01-a.md:3:11: error: `duration` espera un número entero de minutos, como `duration: 20`; pone `veinte`",
            "content/curso/01-a.md:4:1: aviso: clave desconocida `layout` en la cabecera de la lección: aula no la usa; si es para otra herramienta, añádela a `front_matter: { ignore_keys: [layout] }` en aula.yaml",
        ],
        &[
            "content/curso/01-a.md:3:11: error: `duration` takes a whole number of minutes, such as `duration: 20`; found `veinte`",
            "content/curso/01-a.md:4:1: warning: unknown key `layout` in the lesson's front matter: aula does not use it; if it is for another tool, add it to `front_matter: { ignore_keys: [layout] }` in aula.yaml",
        ],
    );
    // The title is kept (no "missing `title`"), and the lesson is in the site.
    let report = site(&[(LESSON, &text)]).build_with(|o| o.write = false);
    assert_eq!(report.lessons, 1);
}

#[test]
fn type_errors_of_lessons_and_sections() {
    says(
        &[(LESSON, &lesson("title: A\nweight: dos\ndraft: maybe\n"))],
        &[
            "content/curso/01-a.md:3:9: error: `weight` espera un número entero, como `weight: 2`; pone `dos`",
            "content/curso/01-a.md:4:8: error: `draft` espera `true` o `false`, como `draft: true`; pone `maybe`",
        ],
        &[
            "content/curso/01-a.md:3:9: error: `weight` takes a whole number, such as `weight: 2`; found `dos`",
            "content/curso/01-a.md:4:8: error: `draft` takes `true` or `false`, such as `draft: true`; found `maybe`",
        ],
    );
    says(
        &[(LESSON, &lesson("title: [Uno, Dos]\ntags:\n  a: 1\n"))],
        &[
            "content/curso/01-a.md:2:8: error: `title` espera un texto, como `title: …` en una sola línea; pone una lista",
            "content/curso/01-a.md:3:1: error: `tags` espera un texto o una lista de textos, como `tags: [uno, dos]`; pone claves con valores",
        ],
        &[
            "content/curso/01-a.md:2:8: error: `title` takes a text, such as `title: …` on one line; found a list",
            "content/curso/01-a.md:3:1: error: `tags` takes a text or a list of texts, such as `tags: [uno, dos]`; found keys with values",
        ],
    );
    says(
        &[("content/curso/_index.md", &lesson("title: Curso\nweight: primero\n")), (LESSON, &lesson("title: A\n"))],
        &["content/curso/_index.md:3:9: error: `weight` espera un número entero, como `weight: 2`; pone `primero`"],
        &["content/curso/_index.md:3:9: error: `weight` takes a whole number, such as `weight: 2`; found `primero`"],
    );
}

#[test]
fn a_key_set_twice_warns() {
    says(
        &[(LESSON, &lesson("title: A\ntags: [uno]\ntitle: B\n"))],
        &[
            "content/curso/01-a.md:4:1: aviso: la clave `title` está repetida (ya aparece en la línea 2): vale el último valor; borra una de las dos",
        ],
        &[
            "content/curso/01-a.md:4:1: warning: duplicate key `title` (first set at line 2): the last value is used; delete one of them",
        ],
    );
}

#[test]
fn each_syntax_error_gets_the_hint_of_its_cause() {
    let cases: [(&str, &str, &str); 8] = [
        (
            "title: A\ntags:\n\t- uno\n",
            "content/curso/01-a.md:4:1: error: hay un tabulador en la sangría de la cabecera: YAML se sangra solo con espacios; cambia el tabulador por espacios",
            "content/curso/01-a.md:4:1: error: a tab in the indentation of the front matter: YAML is indented with spaces only; replace the tab with spaces",
        ),
        (
            "title: 'Escuchar\nweight: 2\n",
            "content/curso/01-a.md:2:8: error: unas comillas abiertas aquí en la cabecera no se cierran nunca: añade las comillas de cierre al final del valor, o quita estas",
            "content/curso/01-a.md:2:8: error: a quote opened here in the front matter is never closed: add the closing quote at the end of the value, or remove this one",
        ),
        (
            "title: A\ndescription Escuchar bien\nweight: 2\n",
            "content/curso/01-a.md:3:1: error: en la cabecera, a `description Escuchar bien` le faltan los dos puntos tras la clave: escríbelo como `clave: valor`",
            "content/curso/01-a.md:3:1: error: `description Escuchar bien` in the front matter has no `:` after its key: write it as `key: value`",
        ),
        (
            "title: A\n  description: B\n",
            "content/curso/01-a.md:3:3: error: esta línea de la cabecera tiene una sangría distinta de la de las líneas de alrededor: sángrala como las claves (o los elementos de lista) del mismo nivel o, si forma parte del valor de arriba, pon ese valor entre comillas",
            "content/curso/01-a.md:3:3: error: this line of the front matter is indented unlike the lines around it: indent it as its sibling keys (or list items), or, if it goes with the value above, put that value in quotes",
        ),
        (
            "title: A\n- uno\n",
            "content/curso/01-a.md:3:1: error: hay un elemento de lista donde la cabecera espera una clave: pon la lista debajo de una clave sin nada después de los dos puntos (`tags:` y debajo `  - elemento`), o dale una clave a esta línea",
            "content/curso/01-a.md:3:1: error: a list item where the front matter expects a key: put the list under a key that has nothing after its colon (`tags:`, then `  - item`), or give this line a key",
        ),
        (
            "title: Escuchar: la base\n",
            "content/curso/01-a.md:2:8: error: este valor de la cabecera contiene `: `, que YAML lee como una clave nueva: pon el valor entero entre comillas",
            "content/curso/01-a.md:2:8: error: this value in the front matter contains `: `, which YAML reads as a new key: put the whole value in quotes",
        ),
        (
            "title: A\nauthors: @ana\n",
            "content/curso/01-a.md:3:10: error: un valor de la cabecera empieza por `@`, que YAML reserva: pon el valor entre comillas",
            "content/curso/01-a.md:3:10: error: a value in the front matter starts with `@`, which YAML keeps for itself: put the value in quotes",
        ),
        (
            "title: A\ntags: [uno, dos\n",
            "content/curso/01-a.md:3:7: error: un `[` abierto aquí en la cabecera no se cierra nunca: añade `]` al final de la lista, o escribe el valor entre comillas",
            "content/curso/01-a.md:3:7: error: a `[` opened here in the front matter is never closed: add `]` at the end of the list, or write the value in quotes",
        ),
    ];
    for (front, es, en) in cases {
        says(&[(LESSON, &lesson(front))], &[es], &[en]);
    }
    // The case: a bad indentation in aula.yaml is no unclosed quote.
    says(
        &[("aula.yaml", "title: Prueba\n  language: es\n")],
        &[
            "aula.yaml:2:3: error: esta línea de aula.yaml tiene una sangría distinta de la de las líneas de alrededor: sángrala como las claves (o los elementos de lista) del mismo nivel o, si forma parte del valor de arriba, pon ese valor entre comillas",
        ],
        &[
            "aula.yaml:2:3: error: this line of aula.yaml is indented unlike the lines around it: indent it as its sibling keys (or list items), or, if it goes with the value above, put that value in quotes",
        ],
    );
}

#[test]
fn unknown_keys_with_and_without_a_near_key() {
    says(
        &[
            (LESSON, &lesson("title: A\nobjetives: [x]\n")),
            ("content/curso/_index.md", &lesson("title: C\nlayout: x\n")),
        ],
        &[
            "content/curso/01-a.md:3:1: aviso: clave desconocida `objetives` en la cabecera de la lección: ¿querías decir `objectives`?",
            "content/curso/_index.md:3:1: aviso: clave desconocida `layout` en la cabecera de la sección: aula no la usa; si es para otra herramienta, añádela a `front_matter: { ignore_keys: [layout] }` en aula.yaml",
        ],
        &[
            "content/curso/01-a.md:3:1: warning: unknown key `objetives` in the lesson's front matter: did you mean `objectives`?",
            "content/curso/_index.md:3:1: warning: unknown key `layout` in the section's front matter: aula does not use it; if it is for another tool, add it to `front_matter: { ignore_keys: [layout] }` in aula.yaml",
        ],
    );
}

#[test]
fn ignore_keys_are_honoured_in_lessons_and_sections() {
    says(
        &[
            ("aula.yaml", "title: Prueba\nfront_matter: { ignore_keys: [layout, permalink] }\n"),
            (LESSON, &lesson("title: A\nlayout: post\npermalink: /a/\nlayot: x\n")),
            ("content/curso/_index.md", &lesson("title: C\nlayout: x\n")),
        ],
        &[
            "content/curso/01-a.md:5:1: aviso: clave desconocida `layot` en la cabecera de la lección: aula no la usa; si es para otra herramienta, añádela a `front_matter: { ignore_keys: [layot] }` en aula.yaml",
        ],
        &[
            "content/curso/01-a.md:5:1: warning: unknown key `layot` in the lesson's front matter: aula does not use it; if it is for another tool, add it to `front_matter: { ignore_keys: [layot] }` in aula.yaml",
        ],
    );
}

#[test]
fn config_errors() {
    says(
        &[(
            "aula.yaml",
            "title: Prueba\nlanguage: fr\nbase_url: ftp://x\nreading_speed: 0\nignore: ['x[z-a]']\nfront_matter:\n  ignore_key: [a]\ntema: x\nlayout: y\n",
        )],
        &[
            "aula.yaml:2:1: error: el idioma `fr` no está disponible: usa `es` o `en`",
            "aula.yaml:3:1: error: `base_url` `ftp://x` no es válida: usa una URL http:// o https://",
            "aula.yaml:4:1: error: `reading_speed` debe ser más de 0 palabras por minuto, como `reading_speed: 200`",
            "aula.yaml:5:1: error: el patrón `x[z-a]` de `ignore:` no es válido: escribe patrones de gitignore, como `README.md`, `/data/` o `!guardar.md`",
            "aula.yaml:6:1: error: clave desconocida `ignore_key` en `front_matter:` de aula.yaml: ¿querías decir `ignore_keys`?",
            "aula.yaml:8:1: error: clave desconocida `tema` en aula.yaml: ¿querías decir `theme`?",
            "aula.yaml:9:1: error: clave desconocida `layout` en aula.yaml: quítala o usa una de estas: title, description, base_url, language, theme, output_dir, reading_speed, ignore, front_matter, scorm, xapi, extra",
        ],
        &[
            "aula.yaml:2:1: error: unsupported language `fr`: use `es` or `en`",
            "aula.yaml:3:1: error: invalid `base_url` `ftp://x`: use an http:// or https:// URL",
            "aula.yaml:4:1: error: `reading_speed` must be more than 0 words per minute, such as `reading_speed: 200`",
            "aula.yaml:5:1: error: invalid `ignore:` pattern `x[z-a]`: write gitignore patterns such as `README.md`, `/data/` or `!keep.md`",
            "aula.yaml:6:1: error: unknown key `ignore_key` in `front_matter:` of aula.yaml: did you mean `ignore_keys`?",
            "aula.yaml:8:1: error: unknown key `tema` in aula.yaml: did you mean `theme`?",
            "aula.yaml:9:1: error: unknown key `layout` in aula.yaml: remove it, or use one of title, description, base_url, language, theme, output_dir, reading_speed, ignore, front_matter, scorm, xapi, extra",
        ],
    );
    says(
        &[("aula.yaml", "description: x\nbase_url: nada\nreading_speed: rápido\n")],
        &[
            "aula.yaml:1:1: error: falta `title`: añade una línea como `title: Nombre del sitio`",
            "aula.yaml:2:1: error: `base_url` `nada` no es válida: escribe una URL absoluta, como `https://example.org/curso/`",
            "aula.yaml:3:16: error: `reading_speed` espera un número entero de palabras por minuto, como `reading_speed: 200`; pone `rápido`",
        ],
        &[
            "aula.yaml:1:1: error: missing `title`: add a line such as `title: Name of the site`",
            "aula.yaml:2:1: error: invalid `base_url` `nada`: write an absolute URL such as `https://example.org/curso/`",
            "aula.yaml:3:16: error: `reading_speed` takes a whole number of words per minute, such as `reading_speed: 200`; found `rápido`",
        ],
    );
}

#[test]
fn front_matter_missing_or_unclosed() {
    says(
        &[(LESSON, "---\ntitle: A\n\nTexto.\n")],
        &[
            "content/curso/01-a.md:1:1: error: la cabecera no está cerrada: añade una línea con `---` después de la última clave",
        ],
        &["content/curso/01-a.md:1:1: error: front matter is not closed: add a line with `---` after the last key"],
    );
    says(
        &[(LESSON, &lesson("description: x\n"))],
        &[
            "content/curso/01-a.md:1:1: aviso: falta `title` en la cabecera: se usa «A»; añade una línea como `title: A`",
        ],
        &[
            "content/curso/01-a.md:1:1: warning: missing `title` in the front matter: using «A»; add a line such as `title: A`",
        ],
    );
    says(
        &[(LESSON, "# Escuchar\n\nTexto.\n"), ("content/curso/README.md", "Datos.\n")],
        &[
            "content/curso/01-a.md:1:1: aviso: no hay cabecera: se usa «Escuchar» como título; empieza el archivo con `---`, `title: Escuchar`, `---`",
            "content/curso/README.md:1:1: aviso: `curso/README.md` no tiene cabecera y se lee como una lección: si no lo es, añade `/curso/README.md` (este archivo) o `README.md` (todos los README) a `ignore:` en aula.yaml; si lo es, ponle una cabecera",
        ],
        &[
            "content/curso/01-a.md:1:1: warning: no front matter: using «Escuchar» as the title; start the file with `---`, `title: Escuchar`, `---`",
            "content/curso/README.md:1:1: warning: `curso/README.md` has no front matter and is read as a lesson: if it is not one, add `/curso/README.md` (this file) or `README.md` (every README) to `ignore:` in aula.yaml; else give it front matter",
        ],
    );
}

#[test]
fn a_file_not_in_utf8() {
    let site = site(&[(LESSON, "")]);
    std::fs::write(site.root().join(LESSON), b"---\ntitle: A\n---\n\nLecci\xf3n\n").unwrap();
    let report = site.build_with(|o| o.write = false);
    let lines = |language| -> Vec<String> {
        report.diagnostics.iter().map(|d| d.display_under(std::path::Path::new(""), language)).collect()
    };
    assert_eq!(
        lines(aula::config::Language::Es),
        [
            "content/curso/01-a.md:1:1: error: el archivo no está en UTF-8 (byte 0xF3 en la línea 5, columna 6); guárdalo como UTF-8"
        ]
    );
    assert_eq!(
        lines(aula::config::Language::En),
        ["content/curso/01-a.md:1:1: error: the file is not UTF-8 (byte 0xF3 at line 5, col 6); save it as UTF-8"]
    );
}

#[test]
fn prerequisites() {
    says(
        &[
            (LESSON, &lesson("title: A\nprerequisites: [02-bb.md, 03-c.md, nada]\n")),
            ("content/curso/02-b.md", &lesson("title: B\n")),
            ("content/curso/03-c.md", &lesson("title: C\ndraft: true\n")),
        ],
        &[
            "content/curso/01-a.md:3:17: error: requisito previo desconocido `02-bb.md`: ninguna lección tiene esta ruta o este id; ¿querías decir `02-b.md`?",
            "content/curso/01-a.md:3:27: error: el requisito previo `03-c.md` es un borrador y queda fuera de esta construcción: quítalo o publícalo",
            "content/curso/01-a.md:3:36: error: requisito previo desconocido `nada`: ninguna lección tiene esta ruta o este id; escribe la ruta del archivo .md de la lección, relativa a este archivo, o su id",
        ],
        &[
            "content/curso/01-a.md:3:17: error: unknown prerequisite `02-bb.md`: no lesson has this path or id; did you mean `02-b.md`?",
            "content/curso/01-a.md:3:27: error: prerequisite `03-c.md` is a draft, left out of this build: remove it or publish it",
            "content/curso/01-a.md:3:36: error: unknown prerequisite `nada`: no lesson has this path or id; write the path of the lesson's .md file, relative to this file, or its id",
        ],
    );
}

#[test]
fn clashes_ids_dates_tags_and_aliases() {
    says(
        &[(LESSON, &lesson("title: A\nslug: b\n")), ("content/curso/02-b.md", &lesson("title: B\n"))],
        &[
            "content/curso/02-b.md:1:1: error: dos páginas en una misma URL: content/curso/02-b.md y content/curso/01-a.md generan `curso/b/`; cámbiale el nombre a uno de los archivos o dale su propio `slug`",
        ],
        &[
            "content/curso/02-b.md:1:1: error: two pages on one URL: content/curso/02-b.md and content/curso/01-a.md both make `curso/b/`; rename one of the files or give it its own `slug`",
        ],
    );
    says(
        &[
            (LESSON, &lesson("title: A\nid: x\ndate: 10/03/2026\ntags: ['¿?']\naliases: ['https://x.org/a']\n")),
            ("content/curso/02-b.md", &lesson("title: B\nid: x\n")),
        ],
        &[
            "content/curso/01-a.md:4:1: error: `date` `10/03/2026` no es una fecha válida: escribe las fechas como AAAA-MM-DD, por ejemplo 2026-03-10",
            "content/curso/01-a.md:5:9: aviso: la etiqueta `¿?` no tiene letras ni cifras con las que hacer una página: cámbiala",
            "content/curso/01-a.md:6:12: error: el alias `https://x.org/a` no es una ruta de este sitio: escríbelo como `/ruta/antigua/`",
            "content/curso/02-b.md:3:1: error: el id `x` es también el id de content/curso/01-a.md: los ids separan el progreso de cada lección, dale a esta su propio `id`",
        ],
        &[
            "content/curso/01-a.md:4:1: error: invalid `date` `10/03/2026`: write dates as YYYY-MM-DD, e.g. 2026-03-10",
            "content/curso/01-a.md:5:9: warning: tag `¿?` has no letters or digits to make a page from: reword it",
            "content/curso/01-a.md:6:12: error: alias `https://x.org/a` is not a path on this site: write it as `/old/path/`",
            "content/curso/02-b.md:3:1: error: id `x` is also the id of content/curso/01-a.md: ids keep learner progress apart, give this lesson its own `id`",
        ],
    );
}

#[test]
fn section_pages() {
    says(
        &[("content/curso/index.md", &lesson("title: I\n")), (LESSON, &lesson("title: A\n"))],
        &[
            "content/curso/index.md:1:1: aviso: `index.md` junto a otras lecciones se lee como la página de su carpeta: cámbiale el nombre a `_index.md`",
        ],
        &[
            "content/curso/index.md:1:1: warning: `index.md` beside other lessons is read as the page of its folder: rename it to `_index.md`",
        ],
    );
    says(
        &[
            ("content/curso/_index.MD", &lesson("title: C\n")),
            ("content/curso/_index.md", &lesson("title: C\n")),
            (LESSON, &lesson("title: A\n")),
        ],
        &[
            "content/curso/_index.md:1:1: error: una segunda página `_index` para la carpeta `content/curso`: deja solo una",
        ],
        &[
            "content/curso/_index.md:1:1: error: a second `_index` page for the folder `content/curso`: keep one of them",
        ],
    );
}
