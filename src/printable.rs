//! User text made safe to print on one line.
//!
//! A header, a cell or a sheet name may hold line breaks, tabs or terminal
//! escape sequences (`ESC]0;title BEL`, `ESC[2J`). Put raw into an error
//! message or the CLI's report they would break the one-line contract or
//! drive the user's terminal. `printable` shows every control character as
//! an escape a reader can see and copy: `\n`, `\r`, `\t`, `\x1b`, `\u{85}`,
//! and the backslash itself stays as it is. Text without control
//! characters is borrowed, so the common case costs one scan.

use std::borrow::Cow;

/// `text` with every control character (C0, DEL, C1, and the Unicode
/// line and paragraph separators) written as a visible escape.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x100 && needs_escape(c) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_as_escapes() {
        assert_eq!(printable("a\nb\r\tc"), "a\\nb\\r\\tc");
        assert_eq!(printable("\u{1b}]0;pwned\u{7}"), "\\x1b]0;pwned\\x07");
        assert_eq!(printable("\u{1b}[2J\u{7f}\u{85}"), "\\x1b[2J\\x7f\\x85");
        assert_eq!(printable("x\u{2028}y"), "x\\u{2028}y");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(printable("客户 <b>&amp; 5\\n"), Cow::Borrowed(_)));
    }
}
