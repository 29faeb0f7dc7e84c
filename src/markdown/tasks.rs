//! Task list items (`- [ ] text`): the checkbox and the item's text are wrapped in one `<label>`,
//! so the checkbox has an accessible name (the text) and a click on the text reaches it. Pure:
//! a pass over the events of a rendered body.

use pulldown_cmark::{Event, Tag, TagEnd};

/// The events with each task marker replaced by a labelled checkbox. The label ends where the
/// item's own text does: at the end of the item or its first paragraph, or where a block (a
/// nested list, code) starts, so that no label holds a second checkbox.
pub fn label_task_items(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut open = false;
    for event in events {
        if open && ends_item_text(&event) {
            out.push(Event::Html("</label>".into()));
            open = false;
        }
        match event {
            Event::TaskListMarker(checked) => {
                let checked = if checked { " checked=\"\"" } else { "" };
                out.push(Event::Html(
                    format!("<label class=\"task-item\"><input type=\"checkbox\" disabled=\"\"{checked}/>\n").into(),
                ));
                open = true;
            }
            other => out.push(other),
        }
    }
    out
}

fn ends_item_text(event: &Event<'_>) -> bool {
    match event {
        Event::End(end) => matches!(end, TagEnd::Item | TagEnd::Paragraph),
        Event::Start(start) => !matches!(
            start,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        Event::Html(_) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::{Labels, LinkResolver, Resolution, render};

    struct KeepLinks;

    impl LinkResolver for KeepLinks {
        fn resolve_link(&self, _: &str) -> Resolution {
            Resolution::Keep
        }
        fn resolve_image(&self, _: &str) -> Resolution {
            Resolution::Keep
        }
    }

    fn render_plain(markdown: &str) -> String {
        render(markdown, &Labels::default(), &KeepLinks).html
    }

    #[test]
    fn task_items_label_their_checkbox() {
        let cases = [
            (
                "- [ ] Saludar.",
                "<li><label class=\"task-item\"><input type=\"checkbox\" disabled=\"\"/>\nSaludar.</label></li>",
            ),
            (
                "- [x] *Escuchar*.",
                "<li><label class=\"task-item\"><input type=\"checkbox\" disabled=\"\" checked=\"\"/>\n<em>Escuchar</em>.</label></li>",
            ),
            (
                "- [ ] Uno\n  - [x] Dos",
                "<li><label class=\"task-item\"><input type=\"checkbox\" disabled=\"\"/>\nUno</label>\n<ul>\n<li><label class=\"task-item\"><input type=\"checkbox\" disabled=\"\" checked=\"\"/>\nDos</label></li>",
            ),
            (
                "- [ ] Uno\n\n- [ ] Dos",
                "<li>\n<p><label class=\"task-item\"><input type=\"checkbox\" disabled=\"\"/>\nUno</label></p>\n</li>",
            ),
        ];
        for (markdown, expected) in cases {
            let html = render_plain(markdown);
            assert!(html.contains(expected), "{markdown:?} gave\n{html}");
        }
    }
}
