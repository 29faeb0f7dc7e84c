//! The Tera instance: theme templates compiled once, errors located in the template file.

use std::collections::HashMap;
use std::path::PathBuf;
use tera::{Context, ErrorKind, Tera};

use crate::content::theme::TemplateFile;
use crate::diagnostics::Diagnostic;

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
            Err(e) => Err(locate(&origins, &e, None)),
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

/// A Tera error as a diagnostic at `template-file:line:col`.
fn locate(origins: &HashMap<String, PathBuf>, error: &tera::Error, rendering: Option<(&str, &str)>) -> Diagnostic {
    let origin = |name: &str| origins.get(name).cloned().unwrap_or_else(|| PathBuf::from(name));
    let context = rendering.map(|(_, page)| format!(" (while rendering {page})")).unwrap_or_default();
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            Diagnostic::error(
                origin(report.filename()),
                span.start_line,
                span.start_col + 1,
                format!("template error: {}{context}", report.message()),
            )
        }
        other => {
            let name = rendering.map_or("", |(name, _)| name);
            Diagnostic::error(origin(name), 1, 1, format!("template error: {other}{context}"))
        }
    }
}
