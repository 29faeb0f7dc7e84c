//! The bytes of the index files: every file is a classic script that hands its data to the
//! `aulaSearch` registry (so it loads over HTTP and from `file://` alike), and posting lists are
//! packed as base-64 variable-length integers inside a JavaScript string.

/// 64 characters that need no escaping inside a JavaScript string literal.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `n` as a variable-length integer: 5 bits per character, the sixth bit set on every
/// character but the last.
pub fn push_varint(out: &mut String, mut n: u64) {
    loop {
        let low = (n & 0x1f) as usize;
        n >>= 5;
        if n == 0 {
            out.push(ALPHABET[low] as char);
            return;
        }
        out.push(ALPHABET[low | 0x20] as char);
    }
}

/// Reads back what [`push_varint`] wrote (the browser has the same decoder).
#[cfg(test)]
pub fn read_varints(text: &str) -> Vec<u64> {
    let mut values = Vec::new();
    let (mut value, mut shift) = (0u64, 0);
    for c in text.bytes() {
        let digit = ALPHABET.iter().position(|&a| a == c).expect("alphabet character") as u64;
        value |= (digit & 0x1f) << shift;
        if digit & 0x20 == 0 {
            values.push(value);
            value = 0;
            shift = 0;
        } else {
            shift += 5;
        }
    }
    values
}

/// A JavaScript string literal (double-quoted, safe inside `<script>`-loaded files).
pub fn js_string(out: &mut String, text: &str) {
    out.push('"');
    // Most text needs no escape: copy runs of it at once. Bytes are checked, not chars: every
    // character to escape starts with an ASCII byte or 0xE2 (U+2028, U+2029).
    let mut rest = text;
    while let Some(i) = first_special(rest.as_bytes()) {
        out.push_str(&rest[..i]);
        let c = rest[i..].chars().next().expect("a char starts here");
        escape_char(out, c);
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(rest);
    out.push('"');
}

/// The index of the first byte that may start a character to escape. Blocks are tested whole
/// first, which the compiler turns into vector instructions.
fn first_special(bytes: &[u8]) -> Option<usize> {
    let special = |b: u8| b < b' ' || b == b'"' || b == b'\\' || b == b'<' || b == 0xE2;
    const BLOCK: usize = 32;
    for (n, block) in bytes.chunks(BLOCK).enumerate() {
        if block.iter().fold(false, |found, &b| found | special(b)) {
            return block.iter().position(|&b| special(b)).map(|i| n * BLOCK + i);
        }
    }
    None
}

fn escape_char(out: &mut String, c: char) {
    {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let numbers = [0, 1, 31, 32, 33, 1000, 1 << 20, u32::MAX as u64];
        let mut text = String::new();
        for n in numbers {
            push_varint(&mut text, n);
        }
        assert_eq!(read_varints(&text), numbers);
        let mut small = String::new();
        push_varint(&mut small, 31);
        assert_eq!(small.len(), 1, "values under 32 take one character");
    }

    #[test]
    fn strings_are_escaped_for_scripts() {
        let mut out = String::new();
        js_string(&mut out, "a \"b\" \\ </script>\nñ");
        assert_eq!(out, r#""a \"b\" \\ \u003c/script>\nñ""#);
    }
}
