//! What a page's template is given: one list of named values, made by one function per kind
//! of page. Rendering makes the list a Tera context; watch mode makes the very same list a
//! fingerprint (see `inputs`), so a page's fingerprint covers every value its template sees and
//! no copy of the list is kept by hand beside it.
//!
//! Values made from Markdown bodies (the HTML, the table of contents, the summary) are the one
//! exception: a fingerprint takes in what they are made from instead, the body's source
//! ([`Values::bodies`]), so that telling whether a page changed does not render its Markdown.

use serde::Serialize;
use std::hash::{Hash, Hasher};
use tera::{Context, Value};

use super::inputs::{Fingerprinter, fingerprinter};
use crate::content::Site;

/// The values of one page, as a context to render or as their fingerprint.
pub(super) enum Values {
    Context(Context),
    Fingerprint(Fingerprinter),
}

impl Values {
    /// Values to render a template with.
    pub fn context() -> Values {
        Values::Context(Context::new())
    }

    /// Values taken in only as a fingerprint.
    pub fn fingerprint() -> Values {
        Values::Fingerprint(fingerprinter())
    }

    /// Whether these values make a fingerprint: nothing that only feeds the fingerprint's
    /// exceptions (Markdown bodies) needs making.
    pub fn fingerprinting(&self) -> bool {
        matches!(self, Values::Fingerprint(_))
    }

    pub fn insert<T: Serialize + Hash + ?Sized>(&mut self, key: &'static str, value: &T) {
        match self {
            Values::Context(ctx) => ctx.insert(key, value),
            Values::Fingerprint(h) => (key, value).hash(h),
        }
    }

    /// HTML inserted as it is (not escaped by the template).
    pub fn insert_html(&mut self, key: &'static str, html: &str) {
        match self {
            Values::Context(ctx) => ctx.insert_value(key, Value::safe_string(html)),
            Values::Fingerprint(h) => (key, html).hash(h),
        }
    }

    /// No value under `key` (a template's `{% if key %}` is false).
    pub fn insert_none(&mut self, key: &'static str) {
        match self {
            Values::Context(ctx) => ctx.insert_value(key, Value::none()),
            Values::Fingerprint(h) => (key, ()).hash(h),
        }
    }

    /// A value made from Markdown bodies: in a context only; a fingerprint takes in the bodies'
    /// source instead (see [`Self::bodies`]).
    pub fn insert_from_bodies<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Values::Context(ctx) = self {
            ctx.insert(key, value);
        }
    }

    /// HTML made from Markdown bodies, as [`Self::insert_from_bodies`].
    pub fn insert_html_from_bodies(&mut self, key: &'static str, html: &str) {
        if let Values::Context(ctx) = self {
            ctx.insert_value(key, Value::safe_string(html));
        }
    }

    /// Takes in, for a fingerprint, the source of every body whose rendered Markdown the page
    /// shows: lessons `lessons` and sections `sections` of `site`, with the files they include.
    pub fn bodies(&mut self, site: &Site, lessons: impl IntoIterator<Item = usize>, sections: &[usize]) {
        let Values::Fingerprint(h) = self else { return };
        for i in lessons {
            let lesson = &site.lessons[i];
            (&lesson.source, &lesson.body).hash(h);
            site.includes_above(&lesson.dir).for_each(|include| include.hash(h));
        }
        for &i in sections {
            let section = &site.sections[i];
            (&section.dir, &section.source, &section.body).hash(h);
            site.includes_above(&section.dir).for_each(|include| include.hash(h));
        }
    }

    /// The context to render.
    pub fn into_context(self) -> Context {
        match self {
            Values::Context(ctx) => ctx,
            Values::Fingerprint(_) => unreachable!("values made for a fingerprint are not rendered"),
        }
    }

    /// The fingerprint of the values, with the template they are given to (by name and
    /// fingerprint) and the site-wide ones every template sees.
    pub fn finish(self, template: (&str, Option<u64>), global: u64) -> u64 {
        match self {
            Values::Fingerprint(mut h) => {
                (template, global).hash(&mut h);
                h.finish()
            }
            Values::Context(_) => unreachable!("values made for rendering are not fingerprinted"),
        }
    }
}
