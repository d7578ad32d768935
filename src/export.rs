//! Writing CSV that is safe to open in Excel or WPS.
//!
//! Every exported cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return is prefixed with a single quote, as OWASP's CSV
//! injection guidance recommends, so that a customer name such as
//! `=HYPERLINK(...)` stays text. Numbers that Tierlens itself writes are
//! passed through `number`, never through `text`, so a negative amount
//! stays a number. Files start with a UTF-8 BOM so Excel reads Chinese.

/// The byte-order mark that makes Excel read the file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// A user-supplied cell, neutralised if a spreadsheet would run it.
pub fn text(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// A number Tierlens computed: written as is.
pub fn number(value: f64) -> String {
    // −0 (an empty sum, a zero times a negative) is written as 0.
    let value = value + 0.0;
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for cell in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(text(cell).starts_with('\''), "{cell:?}");
        }
        assert_eq!(text("华东精密"), "华东精密");
        assert_eq!(text(""), "");
    }

    #[test]
    fn numbers_stay_numbers() {
        assert_eq!(number(-12.0), "-12");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(-0.0), "0");
    }
}
