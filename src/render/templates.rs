//! The Tera instance: theme templates compiled once, errors located in the template file, and
//! which templates each one uses.

use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use tera::{Context, ErrorKind, Tera};

use crate::content::theme::TemplateFile;
use crate::diagnostics::{Diagnostic, line_col};
use crate::msg;

/// Compiled templates and where each came from, for error locations.
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, PathBuf>,
}

impl Templates {
    /// Compiles all templates; a syntax error anywhere is reported at its template line.
    pub fn compile(files: &[TemplateFile], global: Context) -> Result<Templates, Diagnostic> {
        let origins: HashMap<String, PathBuf> = files.iter().map(|f| (f.name.clone(), f.origin.clone())).collect();
        let mut tera = Tera::new();
        *tera.global_context() = global;
        let result = tera.add_raw_templates(files.iter().map(|f| (f.name.as_str(), f.text.as_str())));
        match result {
            Ok(()) => Ok(Templates { tera, origins }),
            Err(e) => {
                let mut problem = locate(&origins, &e, None);
                if let Some((name, needle)) = culprit(e.kind()) {
                    let text = files.iter().find(|f| f.name == name).map_or("", |f| f.text.as_str());
                    (problem.line, problem.col) = text.find(needle).map_or((1, 1), |at| line_col(text, at));
                }
                Err(problem)
            }
        }
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders template `name`; an error names the template file and line, and the page.
    pub fn render(&self, name: &str, context: &Context, page: &str) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(32 * 1024);
        match self.tera.render_to(name, context, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => Err(locate(&self.origins, &e, Some((name, page)))),
        }
    }
}

/// A fingerprint of each template together with every template it may use, so a template edit
/// renders again only the pages that use it. What a template uses is read from its text: any
/// other template named in quotes (`extends`, `include`, `import`), and every template that
/// defines components (they are callable from anywhere). That may count a template that is not
/// used, never miss one that is.
pub fn fingerprints(files: &[TemplateFile]) -> HashMap<String, u64> {
    let components: Vec<usize> = (0..files.len()).filter(|&i| defines_components(&files[i].text)).collect();
    let uses: Vec<Vec<usize>> = files
        .iter()
        .map(|f| {
            let named = (0..files.len()).filter(|&j| mentions(&f.text, &files[j].name));
            named.chain(components.iter().copied()).collect()
        })
        .collect();
    (0..files.len())
        .map(|i| {
            let mut seen = BTreeSet::from([i]);
            let mut queue = vec![i];
            while let Some(t) = queue.pop() {
                for &u in &uses[t] {
                    if seen.insert(u) {
                        queue.push(u);
                    }
                }
            }
            let mut hasher = super::inputs::fingerprinter();
            for t in seen {
                (&files[t].name, &files[t].text).hash(&mut hasher);
            }
            (files[i].name.clone(), hasher.finish())
        })
        .collect()
}

fn mentions(text: &str, name: &str) -> bool {
    text.contains(&format!("\"{name}\"")) || text.contains(&format!("'{name}'"))
}

fn defines_components(text: &str) -> bool {
    text.split("{%").skip(1).any(|tag| tag.trim_start_matches('-').trim_start().starts_with("component "))
}

/// A Tera error as a diagnostic at `template-file:line:col`: Tera's own words (English, another
/// program's) quoted inside a lead and a fix in the site's language.
fn locate(origins: &HashMap<String, PathBuf>, error: &tera::Error, rendering: Option<(&str, &str)>) -> Diagnostic {
    let origin = |name: &str| origins.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
    let (file, line, col, said) = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            (origin(report.filename()), span.start_line, span.start_col + 1, report.message().to_string())
        }
        other => {
            let name = culprit(other).map(|(name, _)| name).or(rendering.map(|(name, _)| name)).unwrap_or_default();
            (origin(name), 1, 1, other.to_string())
        }
    };
    let fix = match error.kind() {
        ErrorKind::MissingParent { parent, .. } => msg!("template-fix-parent", parent = parent.as_str()),
        _ if file.starts_with(SITE_TEMPLATES) => msg!("template-fix-override", file = &file),
        _ => msg!("template-fix-theme"),
    };
    let said = said.trim().trim_end_matches('.');
    let message = match rendering {
        Some((_, page)) => msg!("template-error-on-page", page = page, error = said, fix = fix),
        None => msg!("template-error", error = said, fix = fix),
    };
    Diagnostic::error(file, line, col, message)
}

/// The folder of a site's own templates, which override the theme's file by file.
const SITE_TEMPLATES: &str = "templates";

/// For an error without a source span: the template it is about, and what to look for in its
/// text to place it.
fn culprit(kind: &ErrorKind) -> Option<(&str, &str)> {
    match kind {
        ErrorKind::MissingParent { current, parent } => Some((current, parent)),
        ErrorKind::CircularExtend { tpl, .. } => Some((tpl, "extends")),
        ErrorKind::CircularInclude { tpl, .. } => Some((tpl, "include")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> TemplateFile {
        TemplateFile { name: name.into(), text: text.into(), origin: PathBuf::from(name) }
    }

    #[test]
    fn a_template_edit_reaches_the_templates_that_use_it() {
        let before = [
            file("base.html", "<body>{% include \"partials/footer.html\" %}</body>"),
            file("lesson.html", "{% extends \"base.html\" %}"),
            file("tag.html", "{% extends 'base.html' %}{% include \"partials/entries.html\" %}"),
            file("partials/entries.html", "<ul></ul>"),
            file("partials/footer.html", "<footer></footer>"),
        ];
        let mut after = before.clone();
        after[3].text = "<ol></ol>".into();
        let (old, new) = (fingerprints(&before), fingerprints(&after));
        let changed: Vec<&str> = before.iter().map(|f| f.name.as_str()).filter(|n| old[*n] != new[*n]).collect();
        assert_eq!(changed, ["tag.html", "partials/entries.html"]);

        after[4].text = "<footer>©</footer>".into();
        let new = fingerprints(&after);
        let changed: Vec<&str> = before.iter().map(|f| f.name.as_str()).filter(|n| old[*n] != new[*n]).collect();
        assert_eq!(changed.len(), 5, "the footer is in every page: {changed:?}");
    }

    #[test]
    fn extends_errors_name_the_template_file() {
        let mut lesson = file("lesson.html", "\n{% extends \"nope.html\" %}");
        lesson.origin = PathBuf::from("templates/lesson.html");
        let problem = Templates::compile(&[lesson], Context::new()).err().expect("a missing parent");
        assert_eq!(
            problem.to_string(),
            "templates/lesson.html:2:13: error: template error: Template 'lesson.html' is inheriting from \
             'nope.html', which doesn't exist or isn't loaded; add templates/nope.html, or extend one of the \
             theme's templates"
        );
        let circular = [file("a.html", "{% extends \"b.html\" %}"), file("b.html", "{% extends \"a.html\" %}")];
        let problem = Templates::compile(&circular, Context::new()).err().expect("a loop");
        assert!(["a.html", "b.html"].contains(&problem.path.to_str().unwrap()), "{problem}");
    }

    #[test]
    fn components_are_used_everywhere() {
        assert!(defines_components("x {%- component Button(label) %}{% endcomponent Button %}"));
        assert!(!defines_components("{{ component }} {% if component %}"));
    }
}
