//! Value distributions: revenue, profit and lifetime value per customer as
//! log-binned histograms stacked by tier, with the median, the mean and
//! (for revenue) where tiers A and B start; split by a dimension, small
//! multiples on the same bins and one y axis.

use crate::chart::{self, Axes, Bar, Formats, Marker, MarkerKind, Size};
use crate::dimensions::SliceKind;
use crate::distributions::{Distribution, Distributions, SliceCounts};
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::tiers::{AbcCounts, Tier};
use crate::web::components::chart_view::{chart_view, chart_width, fitted};
use crate::web::state::{use_state, Part};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Measure {
    Revenue,
    Profit,
    Clv,
}

impl Measure {
    const ALL: [Measure; 3] = [Measure::Revenue, Measure::Profit, Measure::Clv];

    fn title(self) -> Key {
        match self {
            Measure::Revenue => Key::DistributionRevenue,
            Measure::Profit => Key::DistributionProfit,
            Measure::Clv => Key::DistributionClv,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Measure::Revenue => "revenue",
            Measure::Profit => "profit",
            Measure::Clv => "clv",
        }
    }

    /// The chart's test id; the CLV one keeps the id the old chart had.
    fn testid(self) -> &'static str {
        match self {
            Measure::Revenue => "distribution-revenue-chart",
            Measure::Profit => "distribution-profit-chart",
            Measure::Clv => "clv-distribution-chart",
        }
    }

    fn of(self, d: &Distributions) -> &Distribution {
        match self {
            Measure::Revenue => &d.revenue,
            Measure::Profit => &d.profit,
            Measure::Clv => &d.clv,
        }
    }

    fn slice(self, s: &SliceCounts) -> &[AbcCounts] {
        match self {
            Measure::Revenue => &s.revenue,
            Measure::Profit => &s.profit,
            Measure::Clv => &s.clv,
        }
    }
}

fn readout(
    bin: &crate::distributions::Bin,
    customers: usize,
    total: usize,
    locale: Locale,
) -> String {
    t(locale, Key::DistributionReadout)
        .replace("{low}", &format::short(bin.low, locale))
        .replace("{high}", &format::short(bin.high, locale))
        .replace("{customers}", &format::count(customers))
        .replace(
            "{share}",
            &format::percent(customers as f64 / total.max(1) as f64),
        )
        .replace("{revenue}", &format::short(bin.revenue, locale))
}

fn markers(d: &Distribution, locale: Locale) -> Vec<Marker> {
    let mut markers = vec![
        Marker {
            value: d.median,
            name: t(locale, Key::Median).to_string(),
            kind: MarkerKind::Median,
        },
        Marker {
            value: d.mean,
            name: t(locale, Key::MeanMarker).to_string(),
            kind: MarkerKind::Mean,
        },
    ];
    markers.extend(d.tier_floors.iter().map(|f| {
        Marker {
            value: f.value,
            name: t(
                locale,
                if f.tier == Tier::A {
                    Key::TierAStarts
                } else {
                    Key::TierBStarts
                },
            )
            .to_string(),
            kind: if f.tier == Tier::A {
                MarkerKind::TierA
            } else {
                MarkerKind::TierB
            },
        }
    }));
    markers
}

/// A histogram of `counts` on `d`'s bins.
fn draw(
    d: &Distribution,
    counts: &[AbcCounts],
    markers: &[Marker],
    y_max: f64,
    size: Size,
    locale: Locale,
) -> String {
    let total: usize = counts
        .iter()
        .map(|c| c.as_array().iter().sum::<usize>())
        .sum();
    let bars: Vec<Bar> = d
        .bins
        .iter()
        .zip(counts)
        .map(|(bin, c)| Bar {
            low: bin.low,
            high: bin.high,
            tiers: c.as_array(),
            readout: readout(bin, c.as_array().iter().sum(), total, locale),
        })
        .collect();
    let edge = move |v: f64| format::tick(v, locale);
    let count = |v: f64| format::plain(v);
    let axes = Axes {
        x: "",
        y: t(locale, Key::Customers),
        aria: t(locale, Key::DistributionsTitle),
    };
    chart::histogram(
        &bars,
        markers,
        &Formats {
            edge: &edge,
            count: &count,
        },
        y_max,
        &axes,
        size,
    )
}

fn one(d: &Distribution, measure: Measure, locale: Locale) -> impl IntoView {
    let customers: usize = d.bins.iter().map(|b| b.customers).sum();
    let body = if d.bins.is_empty() {
        view! { <p class="note">{t(locale, Key::DistributionNoClv)}</p> }.into_any()
    } else {
        let counts: Vec<AbcCounts> = d.bins.iter().map(|b| b.by_tier).collect();
        let size = Size {
            width: chart_width(),
            height: 300,
        };
        let svg = draw(d, &counts, &markers(d, locale), 0.0, size, locale);
        let id = measure.key();
        let figures = [
            ("median", d.median, format::short(d.median, locale)),
            ("mean", d.mean, format::short(d.mean, locale)),
            ("customers", customers as f64, format::count(customers)),
        ];
        let slots = ["{median}", "{mean}", "{customers}"];
        let summary = template_parts(t(locale, Key::DistributionSummary), &slots)
            .into_iter()
            .map(|part| match part {
                Piece::Text(text) => text.into_any(),
                Piece::Slot(i) => {
                    let (name, value, shown) = figures[i].clone();
                    view! {
                        <b data-testid=format!("distribution-{id}-{name}") data-value=value.to_string()>{shown}</b>
                    }
                    .into_any()
                }
            })
            .collect_view();
        view! {
            <p class="distribution-summary">{summary}</p>
            {chart_view(svg, measure.testid())}
        }
        .into_any()
    };
    view! {
        <div class="distribution">
            <h3>{t(locale, measure.title())}</h3>
            {body}
        </div>
    }
}

enum Piece {
    Text(String),
    Slot(usize),
}

/// `template` cut at each of `slots` (in any order), so figures can be
/// marked up where the translation puts them.
fn template_parts(template: &str, slots: &[&str]) -> Vec<Piece> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some((at, i)) = slots
        .iter()
        .enumerate()
        .filter_map(|(i, s)| rest.find(s).map(|at| (at, i)))
        .min()
    {
        parts.push(Piece::Text(rest[..at].to_string()));
        parts.push(Piece::Slot(i));
        rest = &rest[at + slots[i].len()..];
    }
    parts.push(Piece::Text(rest.to_string()));
    parts
}

fn slice_name(s: &SliceCounts, locale: Locale) -> String {
    match s.kind {
        SliceKind::Value => s.value.clone(),
        SliceKind::Missing => t(locale, Key::NoValue).to_string(),
        SliceKind::Other => t(locale, Key::OtherValues).to_string(),
    }
}

/// Small multiples of one measure per value of the split dimension.
fn split_view(d: &Distributions, key: &str, measure: Measure, locale: Locale) -> Option<AnyView> {
    let split = d.splits.iter().find(|s| s.key == key)?;
    let whole = measure.of(d);
    if whole.bins.is_empty() {
        return None;
    }
    let y_max = split
        .slices
        .iter()
        .flat_map(|s| {
            measure
                .slice(s)
                .iter()
                .map(|c| c.as_array().iter().sum::<usize>())
        })
        .max()
        .unwrap_or(0) as f64;
    let size = fitted(Size {
        width: 420,
        height: 260,
    });
    let charts = split
        .slices
        .iter()
        .map(|s| {
            let svg = draw(whole, measure.slice(s), &[], y_max, size, locale);
            view! {
                <div class="small-multiple">
                    <h4>{slice_name(s, locale)}</h4>
                    {chart_view(svg, "distribution-split-chart")}
                </div>
            }
        })
        .collect_view();
    Some(
        view! { <div class="small-multiples" data-testid="distribution-split">{charts}</div> }
            .into_any(),
    )
}

#[component]
pub fn DistributionsPanel(distributions: Part<Distributions>, locale: Locale) -> impl IntoView {
    let state = use_state();
    let measure = RwSignal::new(Measure::Revenue);
    let d = distributions.clone();
    let charts = Measure::ALL
        .into_iter()
        .map(|m| one(m.of(&d), m, locale))
        .collect_view();
    let split = move || {
        let key = state.split_by.get()?;
        let chosen = measure.get();
        let buttons = Measure::ALL
            .into_iter()
            .map(|m| {
                view! {
                    <label>
                        <input type="radio" name="distribution-measure" checked=m == chosen
                            on:change=move |_| measure.set(m)/>
                        {t(locale, m.title())}
                    </label>
                }
            })
            .collect_view();
        let view = split_view(&distributions, &key, chosen, locale)?;
        Some(view! {
            <h3>{t(locale, Key::DistributionSplitTitle)}</h3>
            <fieldset class="distribution-choices">
                <legend>{t(locale, Key::DistributionMeasure)}</legend>
                {buttons}
            </fieldset>
            {view}
        })
    };
    view! {
        <section class="card" aria-labelledby="distributions-title" data-testid="distributions">
            <h2 id="distributions-title">{t(locale, Key::DistributionsTitle)}</h2>
            <p class="note">{t(locale, Key::DistributionsIntro)}</p>
            <div class="distribution-grid">{charts}</div>
            {split}
        </section>
    }
}
