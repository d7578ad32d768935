//! The landing page's template: a file to fill in that the reader maps
//! column by column without a guess.
//!
//! Its headers are the reader's own names for each role (`ingest::map`):
//! the role's key in English (`customer`, `customer_name`, `date`,
//! `amount` ...) and its first Chinese name in Chinese (`客户编号`,
//! `客户名称`, `日期`, `金额` ...), so the template cannot drift from what the
//! reader recognises. Three example rows (from `i18n::template_rows`)
//! show the shape: one row per purchase, ISO dates, plain amounts. The
//! CSV starts with a byte-order mark so that Excel opens its Chinese as
//! UTF-8; the workbook is written by `xlsx` (typed dates and amounts).

use crate::day::Day;
use crate::format::Locale;
use crate::ingest::Role;
use crate::xlsx::{self, Cell, Column, Kind, Sheet, XlsxError};

/// The template's columns, in order: the three the reader needs, then the
/// labels and the cost that most of the dashboard uses.
pub const ROLES: [Role; 8] = [
    Role::Customer,
    Role::CustomerName,
    Role::Industry,
    Role::Region,
    Role::AccountManager,
    Role::Date,
    Role::Amount,
    Role::Cost,
];

/// The file names the page offers.
pub const CSV_NAME: &str = "tierlens-template.csv";
pub const XLSX_NAME: &str = "tierlens-template.xlsx";

/// The header of `role` in `locale`'s language.
pub fn header(role: Role, locale: Locale) -> &'static str {
    match locale {
        Locale::En => role.key(),
        Locale::Zh => role.chinese_name().unwrap_or(role.key()),
    }
}

fn kind(role: Role) -> Kind {
    match role {
        Role::Date => Kind::Date,
        Role::Amount | Role::Cost => Kind::Money,
        _ => Kind::Text,
    }
}

/// The example rows as cells (dates as dates, amounts as numbers).
fn rows(locale: Locale) -> Vec<Vec<Cell>> {
    crate::i18n::template_rows(locale)
        .iter()
        .map(|row| {
            ROLES
                .iter()
                .zip(row)
                .map(|(&role, text)| match kind(role) {
                    Kind::Date => Day::parse_iso(text).map_or(Cell::Empty, Cell::Date),
                    Kind::Money => text.parse::<f64>().map_or(Cell::Empty, Cell::Number),
                    _ => Cell::Text(text.to_string()),
                })
                .collect()
        })
        .collect()
}

/// The template as CSV text (UTF-8 with a byte-order mark).
pub fn csv(locale: Locale) -> String {
    let mut out = String::from("\u{feff}");
    let headers: Vec<&str> = ROLES.iter().map(|&r| header(r, locale)).collect();
    out.push_str(&headers.join(","));
    out.push_str("\r\n");
    for row in rows(locale) {
        let cells: Vec<String> = row.iter().map(|c| quoted(&c.csv())).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The template as an `.xlsx` workbook of one sheet.
pub fn workbook(locale: Locale) -> Result<Vec<u8>, XlsxError> {
    let columns = ROLES
        .iter()
        .map(|&role| Column {
            header: header(role, locale).to_string(),
            kind: kind(role),
        })
        .collect();
    let sheet = Sheet {
        name: crate::i18n::t(locale, crate::i18n::Key::TemplateSheet).to_string(),
        columns,
        rows: Box::new(rows(locale).into_iter()),
    };
    xlsx::workbook(vec![sheet])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{run, Request};

    /// Reads `bytes` as the page would and checks that every column of the
    /// template took its role from its header, with no decision on weak
    /// evidence, and that the three rows were read.
    fn reads_back(bytes: &[u8], locale: Locale) {
        let outcome = run(bytes, &Request::default(), &|| 0.0).expect("the template reads");
        let input = &outcome.analysis.input;
        for role in ROLES {
            assert_eq!(
                input.columns.get(role.key()).map(String::as_str),
                Some(header(role, locale)),
                "{role:?} in {locale:?}"
            );
        }
        assert!(input.columns_from_values.is_empty(), "{input:?}");
        assert!(input.decisions.is_empty(), "{:?}", input.decisions);
        assert_eq!((input.rows_read, input.rows_rejected), (3, 0));
        assert_eq!(outcome.analysis.customers, 2);
    }

    #[test]
    fn the_csv_maps_every_role_in_both_languages() {
        for locale in [Locale::En, Locale::Zh] {
            reads_back(csv(locale).as_bytes(), locale);
        }
    }

    #[test]
    fn the_workbook_maps_every_role_in_both_languages() {
        for locale in [Locale::En, Locale::Zh] {
            reads_back(&workbook(locale).unwrap(), locale);
        }
    }

    #[test]
    fn headers_are_the_readers_names() {
        assert_eq!(header(Role::Customer, Locale::Zh), "客户编号");
        assert_eq!(header(Role::Amount, Locale::Zh), "金额");
        assert_eq!(header(Role::AccountManager, Locale::En), "account_manager");
        let zh = csv(Locale::Zh);
        assert!(
            zh.starts_with("\u{feff}客户编号,客户名称,行业,地区,客户经理,日期,金额,成本\r\n"),
            "{zh}"
        );
    }
}
