//! Slugs, order prefixes and sort keys: turning names authors write into URL segments.
//!
//! `Qué es la empatía` → `que-es-la-empatia`: accents are folded, other scripts transliterated,
//! anything that is not a letter or digit (punctuation, `¿`, emoji) separates words. Text is
//! taken in Unicode NFC first, so a name as macOS writes it (`cancio` + combining accent) gives
//! the same slug as the one typed (`canción`). A slug is at most [`LONGEST_SLUG`] bytes, cut
//! between words where it can.

use super::nfc;

/// The longest slug, in bytes. A slug names a folder of the built site, and file systems refuse
/// names over 255 bytes: a one-word title of a thousand letters failed the build as an I/O error.
pub const LONGEST_SLUG: usize = 200;

/// A URL-safe ASCII slug: lowercase letters, digits and single `-` between words, cut to
/// [`LONGEST_SLUG`]: for slugs made from names and titles, which the author did not choose.
pub fn slugify(text: &str) -> String {
    let mut slug = slugify_whole(text);
    if slug.len() > LONGEST_SLUG {
        let word_end = slug[..=LONGEST_SLUG].rfind('-').filter(|&i| i > LONGEST_SLUG / 2);
        slug.truncate(word_end.unwrap_or(LONGEST_SLUG));
    }
    slug
}

/// The slug of `text`, however long: for an explicit `slug`, which the author chose, so that a
/// slug too long for a file name is reported where it was written instead of silently cut.
pub fn slugify_whole(text: &str) -> String {
    let text = nfc(text);
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    let push = |slug: &mut String, c: char, pending: &mut bool| {
        if *pending && !slug.is_empty() {
            slug.push('-');
        }
        *pending = false;
        slug.push(c.to_ascii_lowercase());
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            push(&mut slug, c, &mut pending_dash);
        } else if c.is_alphanumeric() {
            for t in deunicode::deunicode_char(c).unwrap_or("").chars() {
                if t.is_ascii_alphanumeric() {
                    push(&mut slug, t, &mut pending_dash);
                } else {
                    pending_dash = true;
                }
            }
        } else if c == '\'' || c == '’' {
            // "don't" → "dont", as people type it in URLs
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Splits a numeric order prefix off a file or folder name: `01-escuchar` → `(Some(1), "escuchar")`.
/// A name that is only digits (`404`) keeps them: they are the name, not an order.
pub fn split_order_prefix(name: &str) -> (Option<u64>, &str) {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return (None, name);
    }
    let rest = &name[digits..];
    let Some(sep) = rest.chars().next().filter(|c| matches!(c, '-' | '_' | '.' | ' ')) else {
        return (None, name);
    };
    let rest = rest[sep.len_utf8()..].trim_start();
    if rest.is_empty() {
        return (None, name);
    }
    (name[..digits].parse().ok(), rest)
}

/// A key that sorts titles the way a reader expects: case and accents ignored.
pub fn sort_key(title: &str) -> String {
    deunicode::deunicode(&nfc(title)).to_lowercase()
}

/// A readable title from a file or folder name: `02-decir_no` → `Decir no`.
pub fn title_from_name(name: &str) -> String {
    let name = nfc(name);
    let (_, rest) = split_order_prefix(&name);
    let words = rest.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for (input, want) in [
            ("Qué es la empatía", "que-es-la-empatia"),
            ("¿Cómo mejorar la escucha?", "como-mejorar-la-escucha"),
            ("¡Domina las reclamaciones!", "domina-las-reclamaciones"),
            ("Año nuevo, niño", "ano-nuevo-nino"),
            ("  Espacios   y -- guiones  ", "espacios-y-guiones"),
            ("Paso 1 🙂 listo", "paso-1-listo"),
            ("Straße", "strasse"),
            ("Установка Git", "ustanovka-git"),
            ("don't panic", "dont-panic"),
            ("C++ & Rust", "c-rust"),
            ("🙂", ""),
            ("cancio\u{301}n", "cancion"),
        ] {
            assert_eq!(slugify(input), want, "{input}");
        }
    }

    #[test]
    fn long_slugs_are_cut_between_words() {
        assert_eq!(slugify(&"ñ".repeat(1_000_000)), "n".repeat(LONGEST_SLUG));
        let words = "palabra ".repeat(100);
        let cut = slugify(&words);
        assert!(cut.len() <= LONGEST_SLUG && cut.len() > LONGEST_SLUG - "palabra-".len(), "{cut}");
        assert!(cut.ends_with("palabra") && words.starts_with(&cut.replace('-', " ")), "{cut}");
        let exact = "a".repeat(LONGEST_SLUG);
        assert_eq!(slugify(&exact), exact);
    }

    #[test]
    fn order_prefixes() {
        for (input, want) in [
            ("01-escuchar", (Some(1), "escuchar")),
            ("10_decir-no", (Some(10), "decir-no")),
            ("3. cierre", (Some(3), "cierre")),
            ("404", (None, "404")),
            ("2024report", (None, "2024report")),
            ("01-", (None, "01-")),
            ("escuchar", (None, "escuchar")),
        ] {
            assert_eq!(split_order_prefix(input), want, "{input}");
        }
    }

    #[test]
    fn titles_from_names() {
        assert_eq!(title_from_name("02-decir_no"), "Decir no");
        assert_eq!(title_from_name("episodes"), "Episodes");
        assert_eq!(title_from_name("ñandú"), "Ñandú");
        assert_eq!(title_from_name("01-cancio\u{301}n"), "Canción");
    }

    #[test]
    fn sort_keys_ignore_accents_and_case() {
        let mut titles = vec!["Zona", "Ética", "empatía", "Escucha"];
        titles.sort_by_key(|t| sort_key(t));
        assert_eq!(titles, ["empatía", "Escucha", "Ética", "Zona"]);
    }
}
