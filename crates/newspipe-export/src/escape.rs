//! Small hand-rolled escapers that append to a byte buffer (JSON strings, CSV fields, TSV cells,
//! HTML text and attribute values).

/// `ESCAPE[b]` is 0 when byte `b` is copied as is, otherwise the escape character.
const JSON_ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Appends `s` as a quoted JSON string.
pub fn json_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc = JSON_ESCAPE[b as usize];
        if esc == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        if esc == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', esc]);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Appends `s` as a JSON string, or `null` for `None`.
pub fn json_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends an unsigned integer in decimal.
#[inline]
pub fn uint(out: &mut Vec<u8>, n: u64) {
    let mut buf = itoa::Buffer::new();
    out.extend_from_slice(buf.format(n).as_bytes());
}

/// Appends `s` as one CSV field (RFC 4180): quoted when it contains a comma, a quote, a line
/// break or leading/trailing spaces; quotes inside are doubled.
pub fn csv_field(out: &mut Vec<u8>, s: &str) {
    let needs_quotes = s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        || s.starts_with(' ')
        || s.ends_with(' ');
    if !needs_quotes {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    out.push(b'"');
    for part in s.split_inclusive('"') {
        out.extend_from_slice(part.as_bytes());
        if part.ends_with('"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

/// Appends `s` as one TSV cell on one line: backslash, tab, line feed and carriage return are
/// written as `\\`, `\t`, `\n`, `\r`.
pub fn tsv_cell(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc = match b {
            b'\\' => b'\\',
            b'\t' => b't',
            b'\n' => b'n',
            b'\r' => b'r',
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(&[b'\\', esc]);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Appends `s` as HTML text: `&`, `<` and `>` become entities.
pub fn html_text(out: &mut Vec<u8>, s: &str) {
    html(out, s, false);
}

/// Appends `s` as the value of a double-quoted HTML attribute: `"` and `'` become entities too.
pub fn html_attribute(out: &mut Vec<u8>, s: &str) {
    html(out, s, true);
}

fn html(out: &mut Vec<u8>, s: &str, attribute: bool) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' if attribute => b"&quot;",
            b'\'' if attribute => b"&#39;",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(entity);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Appends `s` on one line, with every run of whitespace folded to one space (for `#` comments).
pub fn one_line(out: &mut Vec<u8>, s: &str) {
    let mut first = true;
    for word in s.split_whitespace() {
        if !first {
            out.push(b' ');
        }
        out.extend_from_slice(word.as_bytes());
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl Fn(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn html_text_and_attributes_are_escaped() {
        let mut out = Vec::new();
        html_text(&mut out, "<b>\"Tom\" & 'Jerry'</b>");
        assert_eq!(out, b"&lt;b&gt;\"Tom\" &amp; 'Jerry'&lt;/b&gt;");
        out.clear();
        html_attribute(&mut out, "a\"b'c<d>&");
        assert_eq!(out, b"a&quot;b&#39;c&lt;d&gt;&amp;");
    }

    #[test]
    fn json_strings_round_trip_through_serde_json() {
        for s in [
            "",
            "plain",
            "quote \" backslash \\ slash /",
            "line\nbreak\ttab\r\u{8}\u{c}",
            "\u{0}\u{1f}\u{7f}",
            "“curly” é 😀",
        ] {
            let json = with(|o| json_str(o, s));
            assert_eq!(serde_json::from_str::<String>(&json).unwrap(), s);
            assert_eq!(json, serde_json::to_string(s).unwrap());
        }
        assert_eq!(with(|o| json_opt_str(o, None)), "null");
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(with(|o| csv_field(o, "Moscow")), "Moscow");
        assert_eq!(with(|o| csv_field(o, "a,b")), "\"a,b\"");
        assert_eq!(with(|o| csv_field(o, "say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(with(|o| csv_field(o, "two\nlines")), "\"two\nlines\"");
        assert_eq!(with(|o| csv_field(o, " pad")), "\" pad\"");
    }

    #[test]
    fn tsv_cells_stay_on_one_line() {
        assert_eq!(with(|o| tsv_cell(o, "a\tb\nc\\d")), "a\\tb\\nc\\\\d");
        assert_eq!(with(|o| one_line(o, " a \n\t b ")), "a b");
        assert_eq!(with(|o| uint(o, 1234567)), "1234567");
    }
}
