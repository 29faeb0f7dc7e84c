//! The problems of a page's Markdown (training blocks, images, links, anchors, the markup of
//! older Carpentries lessons) and of the templates that make the pages, in both languages.

use super::says;

const COURSE: (&str, &str) = ("content/curso/_index.md", "---\ntitle: Curso\n---\n");
const LESSON: &str = "content/curso/01-a.md";

/// The front matter of lesson `01-a.md`: its body starts at line 5.
fn lesson(body: &str) -> String {
    format!("---\ntitle: A\n---\n\n{body}")
}

/// A course whose lesson `01-a.md` has `body`, with `others` beside it.
#[track_caller]
fn lesson_says(body: &str, others: &[(&str, &str)], es: &[&str], en: &[&str]) {
    let text = lesson(body);
    let mut files = vec![COURSE, (LESSON, text.as_str())];
    files.extend_from_slice(others);
    says(&files, es, en);
}

#[test]
fn unknown_block_kind_near_a_known_one() {
    lesson_says(
        "::: chalenge\nx\n:::\n",
        &[],
        &[
            "content/curso/01-a.md:5:5: aviso: el tipo de bloque `chalenge` de `::: chalenge` no existe: ¿querías decir `challenge`?",
        ],
        &[
            "content/curso/01-a.md:5:5: warning: unknown block kind `chalenge` in `::: chalenge`: did you mean `challenge`?",
        ],
    );
}

#[test]
fn unknown_block_kind_far_from_any() {
    let kinds = "`objectives`, `questions`, `keypoints`, `challenge`, `solution`, `hint`, `callout`, `discussion`, \
                 `checklist`, `prereq`, `instructor`, `spoiler`";
    lesson_says(
        "::: ejercicio\nx\n:::\n",
        &[],
        &[&format!(
            "content/curso/01-a.md:5:5: aviso: el tipo de bloque `ejercicio` de `::: ejercicio` no existe: usa uno de estos: {kinds}"
        )],
        &[&format!(
            "content/curso/01-a.md:5:5: warning: unknown block kind `ejercicio` in `::: ejercicio`: use one of {kinds}"
        )],
    );
}

#[test]
fn block_not_closed() {
    lesson_says(
        "::: challenge\nx\n",
        &[],
        &[
            "content/curso/01-a.md:5:1: aviso: el bloque `challenge` no está cerrado: añade una línea `:::` donde termina",
        ],
        &["content/curso/01-a.md:5:1: warning: block `challenge` is not closed: add a line `:::` where it ends"],
    );
}

#[test]
fn fence_that_closes_no_block() {
    lesson_says(
        "x\n\n:::\n",
        &[],
        &[
            "content/curso/01-a.md:7:1: aviso: `:::` no cierra ningún bloque abierto: quita la línea o abre un bloque encima con `::: challenge` (u otro tipo)",
        ],
        &[
            "content/curso/01-a.md:7:1: warning: `:::` closes no open block: remove the line, or open a block above it with `::: challenge` (or another kind)",
        ],
    );
}

#[test]
fn image_without_alt_text() {
    lesson_says(
        "![](fig.png)\n",
        &[("content/curso/fig.png", "png")],
        &[
            "content/curso/01-a.md:5:1: aviso: la imagen `fig.png` no tiene texto alternativo: describe lo que muestra entre los corchetes, `![lo que muestra](fig.png)`",
        ],
        &[
            "content/curso/01-a.md:5:1: warning: image `fig.png` has no alt text: describe it between the brackets, `![what it shows](fig.png)`",
        ],
    );
}

#[test]
fn missing_image() {
    lesson_says(
        "![Un esquema](fig/nada.png)\n",
        &[],
        &[
            "content/curso/01-a.md:5:1: aviso: la imagen `fig/nada.png` no existe (no hay ningún archivo content/curso/fig/nada.png): añade la imagen ahí o corrige la ruta",
        ],
        &[
            "content/curso/01-a.md:5:1: warning: image `fig/nada.png` not found (no file content/curso/fig/nada.png): add the image there, or correct the path",
        ],
    );
}

const B: (&str, &str) = ("content/curso/02-b.md", "---\ntitle: B\n---\n\n## Cómo cerrar\n\nAdiós.\n");

#[test]
fn broken_link_with_a_suggestion() {
    lesson_says(
        "Sigue con [B](02-bb.md).\n",
        &[B],
        &[
            "content/curso/01-a.md:5:11: aviso: el enlace apunta a `02-bb.md`, que no existe (no hay ningún archivo content/curso/02-bb.md): ¿querías decir `02-b.md`?",
        ],
        &[
            "content/curso/01-a.md:5:11: warning: link target `02-bb.md` not found (no file content/curso/02-bb.md): did you mean `02-b.md`?",
        ],
    );
}

#[test]
fn broken_link_far_from_any_page() {
    lesson_says(
        "[Otra](otro-curso/intro.md)\n",
        &[B],
        &[
            "content/curso/01-a.md:5:1: aviso: el enlace apunta a `otro-curso/intro.md`, que no existe (no hay ningún archivo content/curso/otro-curso/intro.md): corrige la ruta o crea ese archivo",
        ],
        &[
            "content/curso/01-a.md:5:1: warning: link target `otro-curso/intro.md` not found (no file content/curso/otro-curso/intro.md): correct the path, or create that file",
        ],
    );
}

#[test]
fn link_outside_content() {
    lesson_says(
        "[Fuera](../../README.md)\n",
        &[],
        &[
            "content/curso/01-a.md:5:1: aviso: el enlace `../../README.md` apunta fuera de content/: enlaza una página del sitio o una dirección completa (`https://…`)",
        ],
        &[
            "content/curso/01-a.md:5:1: warning: link `../../README.md` points outside content/: link to a page of the site, or to a full address (`https://…`)",
        ],
    );
}

#[test]
fn link_to_a_draft() {
    lesson_says(
        "[B](02-b.md)\n",
        &[("content/curso/02-b.md", "---\ntitle: B\ndraft: true\n---\n")],
        &[
            "content/curso/01-a.md:5:1: aviso: el enlace `02-b.md` apunta a un borrador, que queda fuera de esta construcción: quita el enlace o publica la lección (quita `draft: true`)",
        ],
        &[
            "content/curso/01-a.md:5:1: warning: link `02-b.md` points to a draft, which is left out of this build: remove the link, or publish the lesson (remove `draft: true`)",
        ],
    );
}

#[test]
fn broken_anchor_near_a_heading() {
    lesson_says(
        "[B](02-b.md#como-cerar)\n",
        &[B],
        &[
            "content/curso/01-a.md:5:1: aviso: el ancla `#como-cerar` no existe en content/curso/02-b.md: ¿querías decir `#como-cerrar`?",
        ],
        &[
            "content/curso/01-a.md:5:1: warning: anchor `#como-cerar` not found in content/curso/02-b.md: did you mean `#como-cerrar`?",
        ],
    );
}

#[test]
fn broken_anchor_far_from_any_heading() {
    lesson_says(
        "[B](02-b.md#despedida)\n",
        &[B],
        &[
            "content/curso/01-a.md:5:1: aviso: el ancla `#despedida` no existe en content/curso/02-b.md: enlaza al id de uno de sus encabezados",
        ],
        &[
            "content/curso/01-a.md:5:1: warning: anchor `#despedida` not found in content/curso/02-b.md: link to the id of one of its headings",
        ],
    );
}

#[test]
fn kramdown_attribute_list_left_over() {
    lesson_says(
        "Texto.\n{: .fancy}\n",
        &[],
        &[
            "content/curso/01-a.md:6:1: aviso: la lista de atributos de kramdown `{: .fancy}` no significa nada en aula y se descarta: quítala o escribe el bloque como `::: challenge` … `:::`",
        ],
        &[
            "content/curso/01-a.md:6:1: warning: kramdown attribute list `{: .fancy}` has no meaning in aula and is dropped: remove it, or write the block as `::: challenge` … `:::`",
        ],
    );
}

#[test]
fn liquid_variable_unknown() {
    lesson_says(
        "Por {{ page.author }}.\n",
        &[],
        &[
            "content/curso/01-a.md:5:5: aviso: aula no conoce la variable de Liquid `{{ page.author }}` y la descarta: quítala o escribe su valor (las claves `site.` salen de `extra:` en aula.yaml)",
        ],
        &[
            "content/curso/01-a.md:5:5: warning: Liquid variable `{{ page.author }}` is not known to aula and is dropped: remove it, or write its value (`site.` keys come from `extra:` in aula.yaml)",
        ],
    );
}

#[test]
fn liquid_tag_not_run() {
    lesson_says(
        "Texto {% seo %}.\n",
        &[],
        &["content/curso/01-a.md:5:7: aviso: aula no ejecuta la etiqueta de Liquid `{% seo %}` y la descarta: quítala"],
        &["content/curso/01-a.md:5:7: warning: Liquid tag `{% seo %}` is not run by aula and is dropped: remove it"],
    );
}

#[test]
fn include_not_found() {
    lesson_says(
        "Texto.\n\n{% include links.md %}\n",
        &[],
        &[
            "content/curso/01-a.md:7:1: aviso: el include `links.md` no está en ninguna carpeta `_includes/` junto a la lección ni por encima de ella: añade allí el archivo o quita la línea",
        ],
        &[
            "content/curso/01-a.md:7:1: warning: include `links.md` not found in an `_includes/` folder beside the lesson or above it: add the file there, or remove the line",
        ],
    );
}

#[test]
fn include_of_a_jekyll_template() {
    lesson_says(
        "{% include base_path.html %}\n\nTexto.\n",
        &[],
        &[
            "content/curso/01-a.md:5:1: aviso: el include `base_path.html` es una plantilla de Jekyll que aula no ejecuta y se descarta: quita la línea",
        ],
        &[
            "content/curso/01-a.md:5:1: warning: include `base_path.html` is a Jekyll template aula does not run and is dropped: remove the line",
        ],
    );
}

#[test]
fn template_named_in_front_matter_not_found() {
    says(
        &[COURSE, (LESSON, "---\ntitle: A\ntemplate: especial.html\n---\n")],
        &[
            "content/curso/01-a.md:3:1: error: la plantilla `especial.html` no existe: añade templates/especial.html o quita la clave `template`",
        ],
        &[
            "content/curso/01-a.md:3:1: error: template `especial.html` not found: add templates/especial.html, or remove the `template` key",
        ],
    );
}

/// Tera's words for `{% if %}`, quoted as they are.
const TERA_SYNTAX: &str =
    "Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`";

#[test]
fn syntax_error_in_a_site_template() {
    let tera = TERA_SYNTAX;
    says(
        &[COURSE, (LESSON, "---\ntitle: A\n---\n"), ("templates/lesson.html", "<p>\n{% if %}\n")],
        &[&format!(
            "templates/lesson.html:2:7: error: error en la plantilla, según Tera: {tera}; corrígela ahí o borra templates/lesson.html para usar la del tema"
        )],
        &[&format!(
            "templates/lesson.html:2:7: error: template error: {tera}; correct it there, or delete templates/lesson.html to use the theme's"
        )],
    );
}

#[test]
fn rendering_error_in_a_site_template() {
    let tera = "Cannot divide by 0";
    let template = "{% extends \"base.html\" %}\n{% block content %}\n{{ 1 / 0 }}\n{% endblock content %}\n";
    says(
        &[COURSE, (LESSON, "---\ntitle: A\n---\n"), ("templates/lesson.html", template)],
        &[&format!(
            "templates/lesson.html:3:8: error: error en la plantilla al generar content/curso/01-a.md, según Tera: {tera}; corrígela ahí o borra templates/lesson.html para usar la del tema"
        )],
        &[&format!(
            "templates/lesson.html:3:8: error: template error while rendering content/curso/01-a.md: {tera}; correct it there, or delete templates/lesson.html to use the theme's"
        )],
    );
}

#[test]
fn site_template_extending_a_missing_one() {
    says(
        &[COURSE, (LESSON, "---\ntitle: A\n---\n"), ("templates/lesson.html", "{% extends \"nada.html\" %}\n")],
        &[
            "templates/lesson.html:1:13: error: error en la plantilla, según Tera: Template 'lesson.html' is inheriting from 'nada.html', which doesn't exist or isn't loaded; añade templates/nada.html o extiende una de las plantillas del tema",
        ],
        &[
            "templates/lesson.html:1:13: error: template error: Template 'lesson.html' is inheriting from 'nada.html', which doesn't exist or isn't loaded; add templates/nada.html, or extend one of the theme's templates",
        ],
    );
}

#[test]
fn syntax_error_in_a_theme_template() {
    let tera = TERA_SYNTAX;
    says(
        &[
            ("aula.yaml", "title: Prueba\ntheme: propio\n"),
            COURSE,
            (LESSON, "---\ntitle: A\n---\n"),
            ("themes/propio/i18n/es.yaml", include_str!("../../../themes/default/i18n/es.yaml")),
            ("themes/propio/templates/lesson.html", "{% if %}\n"),
        ],
        &[&format!(
            "themes/propio/templates/lesson.html:1:7: error: error en la plantilla, según Tera: {tera}; corrige ahí la plantilla del tema"
        )],
        &[&format!(
            "themes/propio/templates/lesson.html:1:7: error: template error: {tera}; correct the theme's template there"
        )],
    );
}
