//! RFM: recency, frequency and monetary value, scored 1 to 5.
//!
//! - Recency: days from the last purchase to the as-of date (fewer is better).
//! - Frequency: purchase days (same-day purchases count once).
//! - Monetary: net revenue, or average order value (`MonetaryBasis`).
//!
//! Scores come from quintile breakpoints of the customers' values: with the
//! values sorted ascending, breakpoint k (k = 1..4) is the value at rank
//! ceil(k·N/5) (nearest rank). A value scores 1 + the number of breakpoints
//! it is strictly above (recency: 5 − that number), so equal values always
//! get the same score, and a tie at a breakpoint stays below it. The user
//! may give the four breakpoints of any of R, F, M instead.
//!
//! Two segment schemes, each a partition of the customers:
//! - The widely used eleven segments from the R-by-F grid (the grid copied
//!   across RFM tutorials, e.g. rsquaredacademy's `rfm` documentation):
//!   Champions R5 F4-5; Loyal customers R3-4 F4-5; Potential loyalists
//!   R4-5 F2-3; New customers R5 F1; Promising R4 F1; Need attention R3 F3;
//!   About to sleep R3 F1-2; At risk R1-2 F3-4; Can't lose them R1-2 F5;
//!   Hibernating R2 F1-2; Lost R1 F1-2 (the grid's hibernating cells split
//!   by recency, so that the longest-gone are named as lost).
//! - The eight classes Chinese CRM practice uses: R, F and M each compared
//!   with the customers' average (R "high" when the recency is *below* the
//!   average, i.e. more recent; F and M high when strictly above): 重要价值
//!   R↑F↑M↑, 重要发展 R↑F↓M↑, 重要保持 R↓F↑M↑, 重要挽留 R↓F↓M↑, 一般价值
//!   R↑F↑M↓, 一般发展 R↑F↓M↓, 一般保持 R↓F↑M↓, 一般挽留 R↓F↓M↓.

use crate::base::Base;
use crate::customer_table::{Group, RowSource};
use crate::format::Locale;
use crate::i18n;
use crate::index::{CustomerId, IndexVec};
use crate::settings::{self, Field, SettingsError};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonetaryBasis {
    #[default]
    Revenue,
    AverageOrder,
}

/// Four ascending breakpoints per measure; `None` for quintiles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RfmSettings {
    pub monetary: MonetaryBasis,
    pub recency_breaks: Option<[f64; 4]>,
    pub frequency_breaks: Option<[f64; 4]>,
    pub monetary_breaks: Option<[f64; 4]>,
}

/// One customer's raw values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Values {
    pub recency_days: f64,
    pub frequency: f64,
    pub monetary: f64,
}

/// One customer's scores, each 1..=5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    pub r: u8,
    pub f: u8,
    pub m: u8,
}

impl MonetaryBasis {
    /// `revenue` or `aov` (average order value).
    pub fn parse(text: &str) -> Result<MonetaryBasis, SettingsError> {
        settings::one_of(
            Field::RfmMonetary,
            text,
            &[
                ("revenue", MonetaryBasis::Revenue),
                ("aov", MonetaryBasis::AverageOrder),
            ],
        )
    }
}

impl RfmSettings {
    /// Breakpoints, when set, ascending and finite.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let all = [
            self.recency_breaks,
            self.frequency_breaks,
            self.monetary_breaks,
        ];
        for breaks in all.into_iter().flatten() {
            check_breaks(&breaks)?;
        }
        Ok(())
    }
}

fn check_breaks(breaks: &[f64; 4]) -> Result<(), SettingsError> {
    for &b in breaks {
        settings::finite(Field::RfmBreaks, b)?;
    }
    match breaks.windows(2).find(|w| w[0] > w[1]) {
        Some(w) => Err(SettingsError::NotAscending {
            field: Field::RfmBreaks,
            low: w[0],
            high: w[1],
        }),
        None => Ok(()),
    }
}

/// Parses four ascending breakpoints "a,b,c,d"; empty text means the
/// quintiles (`None`).
pub fn parse_breaks(text: &str) -> Result<Option<[f64; 4]>, SettingsError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let breaks = settings::numbers::<4>(Field::RfmBreaks, text, "30,90,180,365")?;
    check_breaks(&breaks)?;
    Ok(Some(breaks))
}

/// Parses `MEASURE=A,B,C,D` (recency, frequency or monetary) into `settings`.
pub fn set_breaks(settings: &mut RfmSettings, text: &str) -> Result<(), SettingsError> {
    let malformed = || SettingsError::Malformed {
        field: Field::RfmBreaks,
        text: text.to_string(),
        expected: "MEASURE=A,B,C,D".to_string(),
        example: "recency=30,90,180,365".to_string(),
    };
    let (measure, values) = text.split_once('=').ok_or_else(malformed)?;
    let breaks = parse_breaks(values)?.ok_or_else(malformed)?;
    let slot = settings::one_of(
        Field::RfmBreaks,
        measure,
        &[("recency", 0), ("frequency", 1), ("monetary", 2)],
    )?;
    *[
        &mut settings.recency_breaks,
        &mut settings.frequency_breaks,
        &mut settings.monetary_breaks,
    ][slot] = Some(breaks);
    Ok(())
}

/// Quintile breakpoints of `values` (nearest rank); zeros when empty.
pub fn quintile_breaks(values: &[f64]) -> [f64; 4] {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.is_empty() {
        return [0.0; 4];
    }
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    [1, 2, 3, 4].map(|k| sorted[(k * n).div_ceil(5).max(1) - 1])
}

/// 1 + the number of breakpoints `value` is strictly above.
pub fn score_up(value: f64, breaks: &[f64; 4]) -> u8 {
    1 + breaks.iter().filter(|&&b| value > b).count() as u8
}

/// Recency: fewer days is better, so the scale is turned round.
pub fn score_down(value: f64, breaks: &[f64; 4]) -> u8 {
    6 - score_up(value, breaks)
}

/// The breakpoints used, per measure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breaks {
    pub recency: [f64; 4],
    pub frequency: [f64; 4],
    pub monetary: [f64; 4],
}

/// Scores every customer; also the breakpoints used.
pub fn score(values: &[Values], settings: &RfmSettings) -> (Vec<Scores>, Breaks) {
    let column = |f: fn(&Values) -> f64| values.iter().map(f).collect::<Vec<f64>>();
    let breaks = Breaks {
        recency: settings
            .recency_breaks
            .unwrap_or_else(|| quintile_breaks(&column(|v| v.recency_days))),
        frequency: settings
            .frequency_breaks
            .unwrap_or_else(|| quintile_breaks(&column(|v| v.frequency))),
        monetary: settings
            .monetary_breaks
            .unwrap_or_else(|| quintile_breaks(&column(|v| v.monetary))),
    };
    let scores = values
        .iter()
        .map(|v| Scores {
            r: score_down(v.recency_days, &breaks.recency),
            f: score_up(v.frequency, &breaks.frequency),
            m: score_up(v.monetary, &breaks.monetary),
        })
        .collect();
    (scores, breaks)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    Champions,
    LoyalCustomers,
    PotentialLoyalists,
    NewCustomers,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLoseThem,
    Hibernating,
    Lost,
}

impl Segment {
    /// A segment's key (`champions`, `at_risk`, ...).
    pub fn parse(text: &str) -> Result<Segment, SettingsError> {
        settings::one_of(Field::Segment, text, &Segment::ALL.map(|s| (s.key(), s)))
    }

    pub const ALL: [Segment; 11] = [
        Segment::Champions,
        Segment::LoyalCustomers,
        Segment::PotentialLoyalists,
        Segment::NewCustomers,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLoseThem,
        Segment::Hibernating,
        Segment::Lost,
    ];

    /// The segment of an R-by-F cell (scores 1..=5).
    pub fn of(r: u8, f: u8) -> Segment {
        match (r, f) {
            (5, 4..) => Segment::Champions,
            (3..=4, 4..) => Segment::LoyalCustomers,
            (4..=5, 2..=3) => Segment::PotentialLoyalists,
            (5, _) => Segment::NewCustomers,
            (4, _) => Segment::Promising,
            (3, 3) => Segment::NeedAttention,
            (3, _) => Segment::AboutToSleep,
            (..=2, 5..) => Segment::CantLoseThem,
            (..=2, 3..=4) => Segment::AtRisk,
            (2, _) => Segment::Hibernating,
            _ => Segment::Lost,
        }
    }

    /// The key in JSON and in the export.
    pub fn key(self) -> &'static str {
        match self {
            Segment::Champions => "champions",
            Segment::LoyalCustomers => "loyal_customers",
            Segment::PotentialLoyalists => "potential_loyalists",
            Segment::NewCustomers => "new_customers",
            Segment::Promising => "promising",
            Segment::NeedAttention => "need_attention",
            Segment::AboutToSleep => "about_to_sleep",
            Segment::AtRisk => "at_risk",
            Segment::CantLoseThem => "cant_lose_them",
            Segment::Hibernating => "hibernating",
            Segment::Lost => "lost",
        }
    }

    /// English name, as `rfm.segments[].name` reports it.
    pub fn name(self) -> &'static str {
        self.text(Locale::En).0
    }

    /// (name, recommended action) in `locale`, from the translation table.
    pub fn text(self, locale: Locale) -> (&'static str, &'static str) {
        i18n::segment_text(locale, self)
    }
}

/// The eight classes of Chinese CRM practice, from R, F, M against their averages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    ImportantValue,
    ImportantDevelop,
    ImportantKeep,
    ImportantRetain,
    GeneralValue,
    GeneralDevelop,
    GeneralKeep,
    GeneralRetain,
}

impl Class {
    pub const ALL: [Class; 8] = [
        Class::ImportantValue,
        Class::ImportantDevelop,
        Class::ImportantKeep,
        Class::ImportantRetain,
        Class::GeneralValue,
        Class::GeneralDevelop,
        Class::GeneralKeep,
        Class::GeneralRetain,
    ];

    pub fn of(recent: bool, frequent: bool, valuable: bool) -> Class {
        match (valuable, recent, frequent) {
            (true, true, true) => Class::ImportantValue,
            (true, true, false) => Class::ImportantDevelop,
            (true, false, true) => Class::ImportantKeep,
            (true, false, false) => Class::ImportantRetain,
            (false, true, true) => Class::GeneralValue,
            (false, true, false) => Class::GeneralDevelop,
            (false, false, true) => Class::GeneralKeep,
            (false, false, false) => Class::GeneralRetain,
        }
    }

    /// (Chinese name, English gloss, action in Chinese, action in
    /// English), from the translation table.
    pub fn text(self) -> (&'static str, &'static str, &'static str, &'static str) {
        i18n::class_text(self)
    }

    pub fn name(self) -> &'static str {
        self.text().0
    }

    /// The key in JSON and in the export.
    pub fn key(self) -> &'static str {
        match self {
            Class::ImportantValue => "important_value",
            Class::ImportantDevelop => "important_develop",
            Class::ImportantKeep => "important_keep",
            Class::ImportantRetain => "important_retain",
            Class::GeneralValue => "general_value",
            Class::GeneralDevelop => "general_develop",
            Class::GeneralKeep => "general_keep",
            Class::GeneralRetain => "general_retain",
        }
    }
}

/// Each customer's class, comparing with the averages of `values`.
pub fn classes(values: &[Values]) -> Vec<Class> {
    let n = values.len().max(1) as f64;
    let mean = |f: fn(&Values) -> f64| values.iter().map(f).sum::<f64>() / n;
    let (r, f, m) = (
        mean(|v| v.recency_days),
        mean(|v| v.frequency),
        mean(|v| v.monetary),
    );
    values
        .iter()
        .map(|v| Class::of(v.recency_days < r, v.frequency > f, v.monetary > m))
        .collect()
}

/// Recency, frequency and monetary value of each customer.
pub fn values(base: &Base<'_>, basis: MonetaryBasis) -> IndexVec<CustomerId, Values> {
    base.by_customer(|c| {
        let customer = base.customer(c);
        Values {
            recency_days: f64::from(base.as_of.0 - customer.last.0),
            frequency: f64::from(customer.purchase_days),
            monetary: match basis {
                MonetaryBasis::Revenue => customer.revenue,
                MonetaryBasis::AverageOrder if customer.transactions > 0 => {
                    customer.revenue / f64::from(customer.transactions)
                }
                MonetaryBasis::AverageOrder => 0.0,
            },
        }
    })
}

/// A named group with its recommended action (an RFM segment or class).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub name: String,
    pub action: String,
    #[serde(flatten)]
    pub group: Group,
}

/// The RFM section: segments, classes and the R-by-F grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rfm {
    pub settings: RfmSettings,
    pub breaks: Breaks,
    /// The eleven segments of the R-by-F grid, in `Segment::ALL` order.
    pub segments: Vec<Named>,
    /// The eight classes from R, F, M against their averages.
    pub classes: Vec<Named>,
    /// The 25 R-by-F cells, R then F ascending.
    pub grid: Vec<GridCell>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridCell {
    pub r: u8,
    pub f: u8,
    pub customers: usize,
    pub revenue: f64,
    /// Mean monetary value (the chosen basis) of the cell's customers.
    pub average_monetary: f64,
}

pub fn section(
    base: &Base<'_>,
    rows: &RowSource<'_>,
    values: &IndexVec<CustomerId, Values>,
    settings: &RfmSettings,
    breaks: Breaks,
) -> Rfm {
    let en = Locale::En;
    let labels = rows.labels();
    let segments = Segment::ALL
        .iter()
        .map(|&s| Named {
            name: s.name().to_string(),
            action: s.text(en).1.to_string(),
            group: rows.group(s.key(), |c| labels.segments[c] == s),
        })
        .collect();
    let classes = Class::ALL
        .iter()
        .map(|&k| Named {
            name: k.name().to_string(),
            action: k.text().3.to_string(),
            group: rows.group(k.key(), |c| labels.classes[c] == k),
        })
        .collect();
    Rfm {
        settings: *settings,
        breaks,
        segments,
        classes,
        grid: grid(&labels.scores, values, &base.revenue),
    }
}

/// The 25 R-by-F cells: customers, revenue and mean monetary value.
fn grid(
    scores: &IndexVec<CustomerId, Scores>,
    values: &IndexVec<CustomerId, Values>,
    revenue: &IndexVec<CustomerId, f64>,
) -> Vec<GridCell> {
    let mut cells: Vec<GridCell> = (1..=5u8)
        .flat_map(|r| {
            (1..=5u8).map(move |f| GridCell {
                r,
                f,
                customers: 0,
                revenue: 0.0,
                average_monetary: 0.0,
            })
        })
        .collect();
    for (c, s) in scores.iter_enumerated() {
        let cell = &mut cells[usize::from(s.r - 1) * 5 + usize::from(s.f - 1)];
        cell.customers += 1;
        cell.revenue += revenue[c];
        cell.average_monetary += values[c].monetary;
    }
    for cell in &mut cells {
        if cell.customers > 0 {
            cell.average_monetary /= cell.customers as f64;
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quintile_scores_by_hand_with_ties() {
        // Ten values; breakpoints at ranks 2, 4, 6, 8: 1, 2, 3, 5.
        let v = [1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 5.0, 8.0, 9.0];
        let b = quintile_breaks(&v);
        assert_eq!(b, [1.0, 2.0, 3.0, 5.0]);
        let scores: Vec<u8> = v.iter().map(|&x| score_up(x, &b)).collect();
        assert_eq!(
            scores,
            [1, 1, 2, 2, 3, 3, 3, 4, 5, 5],
            "equal values, equal scores"
        );
        // Recency turns the scale round: the most recent score 5.
        assert_eq!(score_down(1.0, &b), 5);
        assert_eq!(score_down(9.0, &b), 1);
        // All equal: everyone scores 1 (nothing is above a breakpoint).
        assert_eq!(quintile_breaks(&[4.0; 7]), [4.0; 4]);
        assert_eq!(score_up(4.0, &[4.0; 4]), 1);
        assert_eq!(quintile_breaks(&[]), [0.0; 4]);
    }

    #[test]
    fn breakpoints_are_parsed_and_checked() {
        assert_eq!(
            parse_breaks(" 30, 90,180 ,365"),
            Ok(Some([30.0, 90.0, 180.0, 365.0]))
        );
        assert_eq!(parse_breaks(""), Ok(None));
        assert!(parse_breaks("1,2,3").is_err());
        assert!(parse_breaks("4,3,2,1").is_err());
        assert!(parse_breaks("1,2,x,4").is_err());
    }

    #[test]
    fn custom_breakpoints_replace_the_quintiles() {
        let values = [
            Values {
                recency_days: 10.0,
                frequency: 1.0,
                monetary: 50.0,
            },
            Values {
                recency_days: 400.0,
                frequency: 12.0,
                monetary: 5000.0,
            },
        ];
        let settings = RfmSettings {
            frequency_breaks: Some([1.0, 2.0, 5.0, 10.0]),
            ..RfmSettings::default()
        };
        let (scores, breaks) = score(&values, &settings);
        assert_eq!(breaks.frequency, [1.0, 2.0, 5.0, 10.0]);
        assert_eq!((scores[0].f, scores[1].f), (1, 5));
        // Recency keeps its quintiles: with two customers the breakpoints
        // are 10, 10, 400, 400, so 400 days is above two of them: R = 3.
        assert_eq!((scores[0].r, scores[1].r), (5, 3));
    }

    #[test]
    fn the_grid_at_its_boundaries() {
        use Segment::*;
        let grid = [
            // f = 1       2                   3                   4               5
            [Lost, Lost, AtRisk, AtRisk, CantLoseThem], // r = 1
            [Hibernating, Hibernating, AtRisk, AtRisk, CantLoseThem], // r = 2
            [
                AboutToSleep,
                AboutToSleep,
                NeedAttention,
                LoyalCustomers,
                LoyalCustomers,
            ], // r = 3
            [
                Promising,
                PotentialLoyalists,
                PotentialLoyalists,
                LoyalCustomers,
                LoyalCustomers,
            ], // r = 4
            [
                NewCustomers,
                PotentialLoyalists,
                PotentialLoyalists,
                Champions,
                Champions,
            ], // r = 5
        ];
        for r in 1..=5u8 {
            for f in 1..=5u8 {
                assert_eq!(
                    Segment::of(r, f),
                    grid[r as usize - 1][f as usize - 1],
                    "R{r} F{f}"
                );
            }
        }
        let used: std::collections::HashSet<Segment> = grid.iter().flatten().copied().collect();
        assert_eq!(used.len(), Segment::ALL.len(), "every segment has a cell");
    }

    #[test]
    fn the_eight_classes_against_the_averages() {
        // Averages: recency 100, frequency 4, monetary 400.
        let v = |r, f, m| Values {
            recency_days: r,
            frequency: f,
            monetary: m,
        };
        let values = [
            v(10.0, 8.0, 900.0),
            v(190.0, 0.0, 100.0),
            v(100.0, 4.0, 200.0),
        ];
        let c = classes(&values);
        assert_eq!(
            c,
            [
                Class::ImportantValue,
                Class::GeneralRetain,
                Class::GeneralRetain
            ],
            "equal to the average is low"
        );
        assert_eq!(Class::of(true, false, true), Class::ImportantDevelop);
        assert_eq!(Class::of(false, true, true), Class::ImportantKeep);
        assert_eq!(Class::of(true, true, false), Class::GeneralValue);
        assert!(classes(&[]).is_empty());
    }
}
