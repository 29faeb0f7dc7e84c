//! `aula init` and `aula new`: new sites and lessons, with front matter ready to fill in.
//! Files are created through [`crate::output::create_new_file`], which never overwrites.

use anyhow::bail;
use std::path::{Path, PathBuf};

use crate::config::FILE_NAME;
use crate::content::CONTENT_DIR;
use crate::output::create_new_file;

/// The files of a new site: config, home page and a two-lesson sample course.
const SITE: &[(&str, &str)] = &[
    (
        FILE_NAME,
        "title: Mi academia\n\
         description: Cursos de formación para nuestro equipo.\n\
         # The address the site is published at (used for the sitemap and the feed).\n\
         base_url: https://example.org/\n\
         language: es\n",
    ),
    (".gitignore", "/public\n/.public.aula-*\n"),
    (
        "content/_index.md",
        "---\ntitle: Mi academia\n---\n\nBienvenida a la formación del equipo. Elige un curso para empezar.\n",
    ),
    (
        "content/primer-curso/_index.md",
        "---\ntitle: Primer curso\ndescription: Un curso de ejemplo para ver cómo funciona aula.\nlevel: básico\n\
         objectives:\n  - Escribir una lección en Markdown.\n---\n\nEste curso muestra cómo se organiza el contenido.\n",
    ),
    (
        "content/primer-curso/01-bienvenida.md",
        "---\ntitle: Bienvenida\ndescription: Cómo está hecho este curso.\ntags: [ejemplo]\n\
         objectives:\n  - Reconocer las partes de una lección.\nkeypoints:\n  - Cada lección es un archivo Markdown.\n---\n\n\
         ## Una lección es un archivo\n\nEl número del nombre del archivo (`01-`) ordena las lecciones.\n\n\
         Sigue con [la segunda lección](02-siguientes-pasos.md).\n",
    ),
    (
        "content/primer-curso/02-siguientes-pasos.md",
        "---\ntitle: Siguientes pasos\ndescription: Qué hacer después.\ntags: [ejemplo]\n\
         prerequisites:\n  - 01-bienvenida.md\n---\n\n\
         ## Crea tu propia lección\n\nEjecuta `aula new lesson primer-curso/03-mi-leccion.md \"Mi lección\"`.\n\n\
         > [!TIP]\n> `aula serve` muestra los cambios mientras escribes.\n",
    ),
];

/// Creates a new site in `dir`. Refuses a folder that already has a site.
pub fn init_site(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if dir.join(FILE_NAME).exists() {
        bail!("{} already has a {FILE_NAME}: this is a site already", dir.display());
    }
    if dir.join(CONTENT_DIR).exists() {
        bail!("{} already has a {CONTENT_DIR}/ folder: choose an empty folder", dir.display());
    }
    let mut created = Vec::new();
    for (name, text) in SITE {
        let path = dir.join(name);
        create_new_file(&path, text)?;
        created.push(path);
    }
    Ok(created)
}

/// Creates `content/<path>` with front matter for a lesson called `title`.
pub fn new_lesson(root: &Path, path: &Path, title: &str, today: jiff::civil::Date) -> anyhow::Result<PathBuf> {
    if !root.join(FILE_NAME).exists() {
        bail!("no {FILE_NAME} in {}: run this in a site folder or pass --root", root.display());
    }
    let relative = path.strip_prefix(CONTENT_DIR).unwrap_or(path);
    if relative.is_absolute() || relative.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        bail!("{}: give a path inside {CONTENT_DIR}/, such as curso/01-leccion.md", path.display());
    }
    let mut file = root.join(CONTENT_DIR).join(relative);
    if file.extension().is_none_or(|e| e != "md") {
        file.set_extension("md");
    }
    if file.exists() {
        bail!("{} already exists", file.display());
    }
    let quoted_title = serde_yaml::to_string(title)?;
    let text = format!(
        "---\ntitle: {}description: \ndate: {today}\ntags: []\nobjectives: []\nkeypoints: []\n---\n\n",
        quoted_title
    );
    create_new_file(&file, &text)?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_lesson_has_valid_front_matter() {
        let tmp = tempfile::tempdir().unwrap();
        init_site(tmp.path()).unwrap();
        let today = "2026-11-22".parse().unwrap();
        let file =
            new_lesson(tmp.path(), Path::new("primer-curso/03-decir-no"), "Saber decir «no»: cómo", today).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(file.ends_with("content/primer-curso/03-decir-no.md"));
        assert!(text.starts_with("---\ntitle: 'Saber decir «no»: cómo'\n"), "{text}");
        assert!(new_lesson(tmp.path(), Path::new("primer-curso/03-decir-no.md"), "x", today).is_err());
        assert!(init_site(tmp.path()).is_err());
    }
}
