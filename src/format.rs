//! Numbers as a manager reads them, in English or Chinese.
//!
//! English groups thousands (`1,234,567.89`) and shortens large sums with
//! K/M/B; Chinese uses the same grouping in tables but shortens with 万
//! (10⁴) and 亿 (10⁸), the units Chinese finance reports use. Pure code, so
//! the page's formatting is tested natively.

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Zh,
}

/// `1234567.891` with 2 decimals: `"1,234,567.89"`.
pub fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A number as a user would type it into a field: at most four decimals,
/// no trailing zeros ("80", "0.25", "12.5").
pub fn plain(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A count: `2,357`.
pub fn count(n: usize) -> String {
    grouped(n as f64, 0)
}

/// A share 0..1 as a percentage with one decimal: `67.5%`.
pub fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.1}%", share * 100.0)
    } else {
        "–".into()
    }
}

/// A large amount, shortened for a headline figure.
pub fn compact(value: f64, locale: Locale) -> String {
    compact_to(value, locale, 2)
}

/// An axis tick to two significant figures in the reader's units: `1.8K`,
/// `740K`, `9,000万`, `0.018`.
pub fn tick(value: f64, locale: Locale) -> String {
    if !value.is_finite() || value == 0.0 {
        return "0".into();
    }
    let units: &[(f64, &str)] = match locale {
        Locale::En => &[(1e9, "B"), (1e6, "M"), (1e3, "K")],
        Locale::Zh => &[(1e8, "亿"), (1e4, "万")],
    };
    let (size, unit) = units
        .iter()
        .copied()
        .find(|&(size, _)| value.abs() >= size)
        .unwrap_or((1.0, ""));
    let scaled = value / size;
    let digits = scaled.abs().log10().floor() as i32;
    let step = 10f64.powi(digits - 1);
    let rounded = (scaled / step).round() * step;
    let decimals = (1 - digits).clamp(0, 6) as usize;
    format!("{}{unit}", grouped(rounded, decimals))
}

/// `compact` with one decimal, for table cells: `89.5M`, `8,952.4万`.
pub fn short(value: f64, locale: Locale) -> String {
    compact_to(value, locale, 1)
}

fn compact_to(value: f64, locale: Locale, decimals: usize) -> String {
    let units: &[(f64, &str)] = match locale {
        Locale::En => &[(1e9, "B"), (1e6, "M"), (1e3, "K")],
        Locale::Zh => &[(1e8, "亿"), (1e4, "万")],
    };
    for &(size, unit) in units {
        if value.abs() >= size {
            return format!("{}{unit}", grouped(value / size, decimals));
        }
    }
    // Whole amounts (an axis's 0, 500) need no decimals.
    grouped(value, if value.fract() == 0.0 { 0 } else { decimals })
}

/// The currency the user says the file's amounts are in; only its symbol
/// is shown (Tierlens never converts).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Currency {
    #[default]
    None,
    Cny,
    Usd,
    Eur,
    Gbp,
    Jpy,
    Hkd,
}

impl Currency {
    pub const ALL: [Currency; 7] = [
        Currency::None,
        Currency::Cny,
        Currency::Usd,
        Currency::Eur,
        Currency::Gbp,
        Currency::Jpy,
        Currency::Hkd,
    ];

    /// The ISO 4217 code, empty for none.
    pub fn code(self) -> &'static str {
        match self {
            Currency::None => "",
            Currency::Cny => "CNY",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Jpy => "JPY",
            Currency::Hkd => "HKD",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::None => "",
            Currency::Cny | Currency::Jpy => "¥",
            Currency::Usd => "$",
            Currency::Eur => "€",
            Currency::Gbp => "£",
            Currency::Hkd => "HK$",
        }
    }

    pub fn from_code(code: &str) -> Currency {
        Currency::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code))
            .unwrap_or_default()
    }
}

/// A headline amount: shortened for the locale, with the currency symbol
/// after the sign (`-¥2.50万`).
pub fn money(value: f64, locale: Locale, currency: Currency) -> String {
    let text = compact(value, locale);
    match text.strip_prefix('-') {
        Some(rest) => format!("-{}{rest}", currency.symbol()),
        None => format!("{}{text}", currency.symbol()),
    }
}

/// A date as the locale writes it: `31 Dec 2025`, `2025年12月31日`.
pub fn date(day: crate::day::Day, locale: Locale) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let d = day.to_date();
    match locale {
        Locale::En => format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()),
        Locale::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_have_two_significant_figures() {
        assert_eq!(tick(1778.28, Locale::En), "1.8K");
        assert_eq!(tick(740_123.0, Locale::En), "740K");
        assert_eq!(tick(90_123_456.0, Locale::Zh), "9,000万");
        assert_eq!(tick(-0.01778, Locale::En), "-0.018");
        assert_eq!(tick(0.0, Locale::Zh), "0");
    }

    #[test]
    fn a_typed_number_has_no_trailing_zeros() {
        assert_eq!(plain(80.0), "80");
        assert_eq!(plain(0.25), "0.25");
        assert_eq!(plain(12.50001), "12.5");
        assert_eq!(plain(100000.0), "100000");
    }

    #[test]
    fn money_and_dates_follow_the_locale() {
        assert_eq!(money(-25_000.0, Locale::Zh, Currency::Cny), "-¥2.50万");
        assert_eq!(money(1_633_022_492.66, Locale::En, Currency::Usd), "$1.63B");
        assert_eq!(money(512.0, Locale::En, Currency::None), "512");
        assert_eq!(Currency::from_code("eur"), Currency::Eur);
        assert_eq!(Currency::from_code("xyz"), Currency::None);
        let day = crate::day::Day::parse_iso("2025-12-31").unwrap();
        assert_eq!(date(day, Locale::En), "31 Dec 2025");
        assert_eq!(date(day, Locale::Zh), "2025年12月31日");
    }

    #[test]
    fn grouping() {
        assert_eq!(grouped(1234567.891, 2), "1,234,567.89");
        assert_eq!(grouped(-1234.5, 2), "-1,234.50");
        assert_eq!(grouped(999.0, 0), "999");
        assert_eq!(grouped(-0.001, 2), "0.00");
        assert_eq!(grouped(f64::NAN, 2), "–");
        assert_eq!(count(2357), "2,357");
    }

    #[test]
    fn compact_units_follow_the_locale() {
        assert_eq!(compact(1_633_022_492.66, Locale::En), "1.63B");
        assert_eq!(compact(1_633_022_492.66, Locale::Zh), "16.33亿");
        assert_eq!(compact(244_091.94, Locale::En), "244.09K");
        assert_eq!(compact(244_091.94, Locale::Zh), "24.41万");
        assert_eq!(compact(512.0, Locale::Zh), "512");
        assert_eq!(compact(512.5, Locale::Zh), "512.50");
        assert_eq!(compact(0.0, Locale::En), "0");
        assert_eq!(compact(-25_000.0, Locale::Zh), "-2.50万");
        assert_eq!(short(89_523_800.0, Locale::Zh), "8,952.4万");
        assert_eq!(short(89_523_800.0, Locale::En), "89.5M");
    }

    #[test]
    fn percents() {
        assert_eq!(percent(0.6745501), "67.5%");
        assert_eq!(percent(f64::INFINITY), "–");
    }
}
