use super::*;

/// Resolves `*.md` to a page URL and everything else as broken, like a tiny site would.
struct TwoPages;

impl LinkResolver for TwoPages {
    fn resolve_link(&self, destination: &str) -> Resolution {
        match destination.split_once('#') {
            Some(("", id)) => {
                Resolution::Local { href: format!("#{id}"), anchor: Some(AnchorCheck { page: 0, id: id.into() }) }
            }
            Some(("otra.md", id)) => Resolution::Local {
                href: format!("../otra/index.html#{id}"),
                anchor: Some(AnchorCheck { page: 1, id: id.into() }),
            },
            None if destination == "otra.md" => Resolution::Local { href: "../otra/index.html".into(), anchor: None },
            _ if destination.starts_with("https:") => Resolution::Keep,
            _ => Resolution::Broken(msg!("link-outside-content", link = destination)),
        }
    }

    fn resolve_image(&self, destination: &str) -> Resolution {
        self.resolve_link(destination)
    }
}

fn labels() -> Labels {
    Labels {
        note: "Nota".into(),
        tip: "Consejo".into(),
        anchor: "Enlace".into(),
        footnotes: "Notas".into(),
        ..Labels::default()
    }
}

fn md(text: &str) -> Rendered {
    render(text, &labels(), &TwoPages)
}

#[test]
fn headings_get_ids_anchors_and_a_toc() {
    let r = md("## ¿Qué es?\n\n### Ejemplo {#mi-ejemplo}\n\n## Ejemplo\n\n#### Detalle\n");
    let anchor = "<h2 id=\"que-es\">¿Qué es?<a class=\"anchor\" href=\"#que-es\" aria-label=\"Enlace\">#</a></h2>";
    assert!(r.html.contains(anchor), "{}", r.html);
    assert!(r.html.contains("<h3 id=\"mi-ejemplo\">"));
    let toc: Vec<_> = r.toc.iter().map(|t| (t.level, t.id.as_str())).collect();
    assert_eq!(toc, [(2, "que-es"), (3, "mi-ejemplo"), (2, "ejemplo")]);
    assert!(r.ids.contains(&"detalle".to_string()));
}

#[test]
fn links_are_rewritten_and_anchors_queued() {
    let text = "Ver [otra](otra.md#paso) y [aquí](#arriba), [web](https://x.org) y [rota](nada.md).\n";
    let r = md(text);
    assert!(r.html.contains("href=\"../otra/index.html#paso\""));
    assert!(r.html.contains("href=\"https://x.org\""));
    assert!(r.html.contains("href=\"nada.md\""), "a broken link stays as written");
    let anchors: Vec<_> = r.anchors.iter().map(|(_, a)| (a.page, a.id.as_str())).collect();
    assert_eq!(anchors, [(1, "paso"), (0, "arriba")]);
    assert_eq!(
        r.problems,
        [Problem {
            offset: text.find("[rota]").unwrap(),
            message: msg!("link-outside-content", link = "nada.md"),
            severity: Severity::Warning
        }]
    );
}

#[test]
fn images_need_alt_text() {
    let r = md("![](otra.md)\n");
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].message, msg!("image-no-alt", image = "otra.md"));
}

#[test]
fn alerts_become_titled_callouts() {
    let r = md("> [!TIP]\n> Sonríe al teléfono.\n\n> Cita normal.\n");
    assert!(
        r.html.starts_with("<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Consejo</p>")
    );
    assert!(r.html.contains("<blockquote>"));
}

#[test]
fn footnotes_are_gathered_at_the_end() {
    let r = md("Texto[^a] y más.\n\n[^a]: La nota.\n\nFinal.\n");
    let note = r.html.find("<section class=\"footnotes\"").unwrap();
    assert!(r.html.find("Final.").unwrap() < note);
    assert!(r.html.contains("<a href=\"#fn-a\" id=\"fnref-a\">1</a>"));
    assert!(r.ids.contains(&"fn-a".to_string()));
}

#[test]
fn raw_html_passes_through_and_its_ids_count() {
    let r = md("<div id=\"caja\">hola</div>\n");
    assert!(r.html.contains("<div id=\"caja\">hola</div>"));
    assert!(r.ids.contains(&"caja".to_string()));
}

#[test]
fn text_sections_for_search() {
    let r =
        md("Intro con `código`.\n\n## Escuchar\n\nUno\ndos.\n\n- tres\n- cuatro\n\n### Más\n\n```text\ncorreo\n```\n");
    let sections: Vec<_> = r.sections.iter().map(|s| (s.id.as_deref(), s.heading.as_str(), s.text.as_str())).collect();
    assert_eq!(
        sections,
        [
            (None, "", "Intro con código."),
            (Some("escuchar"), "Escuchar", "Uno dos. tres cuatro"),
            (Some("mas"), "Más", "correo"),
        ]
    );
    assert_eq!(r.summary, "Intro con código.");
}
