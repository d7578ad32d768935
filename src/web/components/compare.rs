//! Key accounts over time: the two periods, the revenue bridge as a
//! waterfall, NRR and GRR, the tier migration as a shaded matrix whose cells
//! list their customers, retention per tier and per dimension value, the
//! movers, and the concentration trend.

use crate::analysis::Analysis;
use crate::chart::{self, Axes, Size, Step};
use crate::compare::{Compare, CompareSettings, GroupBridge, Movement, Slot, Span};
use crate::format::{self, Locale};
use crate::i18n::{compare_note, settings_error, t, Key};
use crate::trend::TrendPoint;
use crate::web::components::chart_view::{chart_view, fitted};
use crate::web::components::customer_list::CustomerList;
use crate::web::components::scroll_table::ScrollTable;
use crate::web::engine::use_engine;
use crate::web::state::{use_state, Part};
use leptos::prelude::*;

/// A slot's name in a movement: `new` on the left, `lost` on the right.
fn slot_name(slot: Slot, to: bool, locale: Locale) -> String {
    match (slot, to) {
        (Slot::None, false) => t(locale, Key::SlotNew).to_string(),
        (Slot::None, true) => t(locale, Key::SlotLost).to_string(),
        (s, _) => s.key().to_string(),
    }
}

/// `A→B`, `new→A`, `B→lost`; `—` for a customer in neither period.
pub fn movement_name(m: Movement, locale: Locale) -> String {
    if m.from == Slot::None && m.to == Slot::None {
        return "—".to_string();
    }
    format!(
        "{}→{}",
        slot_name(m.from, false, locale),
        slot_name(m.to, true, locale)
    )
}

fn ratio(r: Option<f64>, locale: Locale) -> String {
    r.map_or_else(
        || t(locale, Key::RetentionUndefined).to_string(),
        format::percent,
    )
}

fn value_attr(r: Option<f64>) -> String {
    r.map(|v| v.to_string()).unwrap_or_default()
}

fn span_text(s: &Span) -> String {
    format!("{} – {}", s.start, s.end)
}

#[component]
pub fn ComparePanel(analysis: Part<Analysis>, locale: Locale) -> impl IntoView {
    let c = &analysis.compare;
    let notes = c
        .notes
        .iter()
        .map(|n| view! { <p class="note" data-testid="compare-note">{compare_note(locale, *n, &analysis)}</p> })
        .collect_view();
    let periods = c
        .periods
        .iter()
        .zip([Key::Period1, Key::Period2])
        .zip(c.customers)
        .map(|((span, key), n)| {
            view! {
                <div class="stat">
                    <span class="stat-label">{t(locale, key)}</span>
                    <span class="stat-value small">{span_text(span)}</span>
                    <span class="stat-note">{format::count(n)} " " {t(locale, Key::Customers)}</span>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="compare-title">
            <div class="section-head">
                <h2 id="compare-title">{t(locale, Key::CompareTitle)}</h2>
            </div>
            <p class="hint">{t(locale, Key::CompareHint)}</p>
            <PeriodsEditor settings=CompareSettings { periods: c.periods.clone().try_into().ok() } locale=locale/>
            {notes}
            <div class="stats">{periods}</div>
            <Bridge compare=c.clone() locale=locale/>
            <Migration compare=c.clone() locale=locale/>
            <h3>{t(locale, Key::RetentionByTier)}</h3>
            {retention_table(&c.by_tier, None, locale, "retention-by-tier")}
            <ByDimension compare=c.clone() headers=analysis.dimensions.iter().map(|d| (d.key.clone(), d.header.clone())).collect() locale=locale/>
            <Movers compare=c.clone() locale=locale/>
            <Trend trend=analysis.trend.clone() rising=analysis.concentration.top1_rising locale=locale/>
        </section>
    }
}

#[component]
fn Bridge(compare: Compare, locale: Locale) -> impl IntoView {
    let b = &compare.bridge;
    let steps = [
        (Key::BridgeStart, Step::Total, b.start, "start"),
        (Key::BridgeNew, Step::Up, b.new, "new"),
        (Key::BridgeLost, Step::Down, b.lost, "lost"),
        (Key::BridgeExpansion, Step::Up, b.expansion, "expansion"),
        (
            Key::BridgeContraction,
            Step::Down,
            b.contraction,
            "contraction",
        ),
        (Key::BridgeEnd, Step::Total, b.end, "end"),
    ];
    let drawn: Vec<(String, Step, f64)> = steps
        .iter()
        .map(|&(key, step, v, _)| (t(locale, key).to_string(), step, v))
        .collect();
    let axes = Axes {
        x: "",
        y: "",
        aria: t(locale, Key::BridgeChartTitle),
    };
    let svg = chart::waterfall(
        &drawn,
        &|v| format::short(v, locale),
        &axes,
        fitted(Size::default()),
    );
    let figures = steps
        .iter()
        .map(|&(key, _, v, id)| {
            view! {
                <div class="stat">
                    <span class="stat-label">{t(locale, key)}</span>
                    <span class="stat-value" data-key=id data-value=v.to_string() title=format::grouped(v, 2)>
                        {format::short(v, locale)}
                    </span>
                </div>
            }
        })
        .collect_view();
    view! {
        <h3>{t(locale, Key::BridgeTitle)}</h3>
        <div class="stats" data-testid="compare-bridge">{figures}</div>
        {chart_view(svg, "compare-bridge-chart")}
        <div class="stats">
            <div class="stat">
                <span class="stat-label">{t(locale, Key::Nrr)}</span>
                <span class="stat-value" data-testid="compare-nrr" data-value=value_attr(compare.nrr)>{ratio(compare.nrr, locale)}</span>
            </div>
            <div class="stat">
                <span class="stat-label">{t(locale, Key::Grr)}</span>
                <span class="stat-value" data-testid="compare-grr" data-value=value_attr(compare.grr)>{ratio(compare.grr, locale)}</span>
            </div>
        </div>
        <p class="hint">{t(locale, Key::NrrHint)}</p>
    }
}

/// The matrix: a button per cell, shaded by its share of the customers in
/// either period; the chosen cell's customers below.
#[component]
fn Migration(compare: Compare, locale: Locale) -> impl IntoView {
    let chosen = RwSignal::new(None::<Movement>);
    let total: usize = compare
        .migration
        .values()
        .flat_map(|to| to.values())
        .map(|c| c.customers)
        .sum();
    let head = Slot::ALL
        .iter()
        .map(|&s| view! { <th scope="col">{slot_name(s, true, locale)}</th> })
        .collect_view();
    let rows = Slot::ALL
        .iter()
        .map(|&from| {
            let cells = Slot::ALL
                .iter()
                .map(|&to| {
                    let m = Movement { from, to };
                    let Some(cell) = compare.migration.get(from.key()).and_then(|r| r.get(to.key())) else {
                        return view! { <td class="matrix-empty">"—"</td> }.into_any();
                    };
                    let share = if total > 0 { cell.customers as f64 / total as f64 } else { 0.0 };
                    // Lost customers have no period-2 revenue: their cell shows what was lost.
                    let money = if to == Slot::None { cell.revenue_before } else { cell.revenue };
                    let (shade, ink) = super::heat::tint((0, 114, 178), (share * 2.5).min(0.9));
                    // The name a screen reader gives the button starts with what it shows.
                    let label = format!(" {} · {}", t(locale, Key::Customers), movement_name(m, locale));
                    view! {
                        <td>
                            <button type="button" class="matrix-cell"
                                style:background-color=shade style:color=ink
                                data-from=from.key() data-to=to.key() data-value=cell.customers.to_string()
                                aria-pressed=move || (chosen.get() == Some(m)).to_string()
                                on:click=move |_| chosen.set(Some(m))>
                                <span class="matrix-count">{format::count(cell.customers)}</span>
                                <span class="matrix-money">{format::short(money, locale)}</span>
                                <span class="visually-hidden">{label}</span>
                            </button>
                        </td>
                    }
                    .into_any()
                })
                .collect_view();
            view! { <tr><th scope="row">{slot_name(from, false, locale)}</th>{cells}</tr> }
        })
        .collect_view();
    let list = move || {
        let m = chosen.get()?;
        let cell = compare
            .migration
            .get(m.from.key())?
            .get(m.to.key())?
            .clone();
        let title = t(locale, Key::CellCustomers).replace("{m}", &movement_name(m, locale));
        let showing = t(locale, Key::CellShowing)
            .replace("{shown}", &format::count(cell.list.len()))
            .replace("{n}", &format::count(cell.customers));
        Some(view! {
            <h4 data-testid="migration-list-title" data-value=m.key()>{title}</h4>
            <p class="hint">{showing}</p>
            <CustomerList rows=cell.list locale=locale testid="migration-list" of=Key::MigrationTitle/>
        })
    };
    let outside = t(locale, Key::OutsideBoth).replace("{n}", &format::count(compare.outside));
    view! {
        <h3>{t(locale, Key::MigrationTitle)}</h3>
        <p class="hint">{t(locale, Key::MigrationHint)}</p>
        <ScrollTable label=t(locale, Key::MigrationTitle)>
            <table class="data migration" data-testid="migration-matrix">
                <thead><tr><th scope="col">{t(locale, Key::FromTo)}</th>{head}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollTable>
        {(compare.outside > 0).then(|| view! { <p class="hint">{outside}</p> })}
        {list}
    }
}

/// Customers, both period revenues, NRR and GRR per group.
fn retention_table(
    groups: &[GroupBridge],
    dimension: Option<&str>,
    locale: Locale,
    testid: &'static str,
) -> impl IntoView {
    let rows = groups
        .iter()
        .map(|g| {
            let value = g.value.clone().unwrap_or_else(|| t(locale, Key::NoValue).to_string());
            view! {
                <tr data-value=g.value.clone().unwrap_or_default()>
                    <td data-user-text=g.value.is_some().then_some("")>{value}</td>
                    <td class="num">{format::count(g.customers)}</td>
                    <td class="num">{format::grouped(g.bridge.start, 0)}</td>
                    <td class="num">{format::grouped(g.bridge.end, 0)}</td>
                    <td class="num" data-value=value_attr(g.bridge.nrr)>{g.bridge.nrr.map(format::percent).unwrap_or("—".into())}</td>
                    <td class="num" data-value=value_attr(g.bridge.grr)>{g.bridge.grr.map(format::percent).unwrap_or("—".into())}</td>
                </tr>
            }
        })
        .collect_view();
    let first = match dimension {
        Some(header) => view! { <th data-user-text="">{header.to_string()}</th> }.into_any(),
        None => view! { <th>{t(locale, Key::Tier)}</th> }.into_any(),
    };
    let label = match dimension {
        Some(_) => t(locale, Key::RetentionByValue),
        None => t(locale, Key::RetentionByTier),
    };
    view! {
        <ScrollTable label=label class="short">
            <table class="data" data-testid=testid>
                <thead>
                    <tr>
                        {first}
                        <th class="num">{t(locale, Key::Customers)}</th>
                        <th class="num">{t(locale, Key::BridgeStart)}</th>
                        <th class="num">{t(locale, Key::BridgeEnd)}</th>
                        <th class="num">{t(locale, Key::Nrr)}</th>
                        <th class="num">{t(locale, Key::Grr)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollTable>
    }
}

#[component]
fn ByDimension(compare: Compare, headers: Vec<(String, String)>, locale: Locale) -> impl IntoView {
    if compare.by_dimension.is_empty() {
        return None;
    }
    let tables = compare
        .by_dimension
        .iter()
        .map(|(key, groups)| {
            // The column's header as the file writes it (user text).
            let header = headers
                .iter()
                .find(|(k, _)| k == key)
                .map_or(key.as_str(), |(_, h)| h.as_str());
            retention_table(groups, Some(header), locale, "retention-by-value")
        })
        .collect_view();
    Some(view! { <h3>{t(locale, Key::RetentionByValue)}</h3>{tables} })
}

#[component]
fn Movers(compare: Compare, locale: Locale) -> impl IntoView {
    let table = |kind: &str, key: Key| {
        let listed = compare.movers.iter().filter(|m| m.kind == kind).count();
        let testid = format!("movers-{kind}");
        let rows = compare
            .movers
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| {
                view! {
                    <tr data-id=m.id.clone()>
                        <td>
                            <div class="customer-id">{m.id.clone()}</div>
                            <div class="customer-name">{m.name.clone().unwrap_or_default()}</div>
                        </td>
                        <td>{movement_name(m.movement, locale)}</td>
                        <td class="num">{format::grouped(m.revenue_before, 0)}</td>
                        <td class="num">{format::grouped(m.revenue, 0)}</td>
                        <td class="num" class:negative=m.change < 0.0 data-value=m.change.to_string()>{format::grouped(m.change, 0)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h4>{t(locale, key)}</h4>
            <ScrollTable label=t(locale, key) class="short">
                <table class="data print-cut" data-testid=testid>
                    <thead>
                        <tr>
                            <th>{t(locale, Key::Customer)}</th>
                            <th>{t(locale, Key::Movement)}</th>
                            <th class="num">{t(locale, Key::BridgeStart)}</th>
                            <th class="num">{t(locale, Key::BridgeEnd)}</th>
                            <th class="num">{t(locale, Key::Change)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
            {super::customer_list::print_cut_note(listed, locale)}
        }
    };
    view! {
        <h3>{t(locale, Key::MoversTitle)}</h3>
        <p class="hint">{t(locale, Key::MoversHint)}</p>
        {compare.movers.is_empty().then(|| view! { <p class="note">{t(locale, Key::NoMovers)}</p> })}
        <div class="two-columns movers">
            <div>{table("gainer", Key::Gainers)}</div>
            <div>{table("decliner", Key::Decliners)}</div>
        </div>
    }
}

#[component]
fn Trend(trend: Vec<TrendPoint>, rising: Option<[f64; 2]>, locale: Locale) -> impl IntoView {
    if trend.is_empty() {
        return view! { <h3>{t(locale, Key::TrendTitle)}</h3><p class="note">{t(locale, Key::TrendNone)}</p> }.into_any();
    }
    let monthly = !trend[0].period.contains('Q');
    let hint = t(
        locale,
        if monthly {
            Key::TrendHintMonth
        } else {
            Key::TrendHintQuarter
        },
    );
    let label = |p: &TrendPoint| format!("{}{}", p.period, if p.complete { "" } else { "*" });
    let periods: Vec<String> = trend.iter().map(label).collect();
    let series = [
        (
            t(locale, Key::Top1),
            trend.iter().map(|p| p.top1_share).collect(),
        ),
        (
            t(locale, Key::Top5),
            trend.iter().map(|p| p.top5_share).collect(),
        ),
        (
            t(locale, Key::Top20ShareShort),
            trend.iter().map(|p| p.top20_share).collect(),
        ),
    ];
    let axes = Axes {
        x: "",
        y: "",
        aria: t(locale, Key::TrendChartTitle),
    };
    let svg = chart::share_lines(&periods, &series, &axes, fitted(Size::default()));
    let rows = trend
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <td>{label(p)}</td>
                    <td class="num">{format::count(p.customers)}</td>
                    <td class="num">{format::grouped(p.revenue, 0)}</td>
                    <td class="num" data-value=p.top1_share.to_string()>{format::percent(p.top1_share)}</td>
                    <td class="num">{format::percent(p.top5_share)}</td>
                    <td class="num">{format!("{:.4}", p.hhi)}</td>
                    <td class="num">{format::percent(p.top20_share)}</td>
                </tr>
            }
        })
        .collect_view();
    let rising = rising.map(|[from, to]| {
        let text = t(locale, Key::TrendRising)
            .replace("{from}", &format::percent(from))
            .replace("{to}", &format::percent(to));
        view! { <div class="warning" role="note" data-testid="trend-rising"><strong>"⚠ " {text}</strong></div> }
    });
    view! {
        <h3>{t(locale, Key::TrendTitle)}</h3>
        <p class="hint">{hint}</p>
        {rising}
        {chart_view(svg, "trend-chart")}
        <ScrollTable label=t(locale, Key::TrendTitle) class="short">
            <table class="data" data-testid="trend-table">
                <thead>
                    <tr>
                        <th>{t(locale, Key::TrendPeriod)}</th>
                        <th class="num">{t(locale, Key::Customers)}</th>
                        <th class="num">{t(locale, Key::Revenue)}</th>
                        <th class="num">{t(locale, Key::Top1)}</th>
                        <th class="num">{t(locale, Key::Top5)}</th>
                        <th class="num">{t(locale, Key::Hhi)}</th>
                        <th class="num">{t(locale, Key::Top20ShareShort)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ScrollTable>
    }
    .into_any()
}

/// The two periods as four dates, or the default; checked by
/// `CompareSettings::validate` like `--compare`, then rerun.
#[component]
fn PeriodsEditor(settings: CompareSettings, locale: Locale) -> impl IntoView {
    let engine = use_engine();
    let current = use_state().request.get_untracked().settings.compare;
    let shown = current.periods.or(settings.periods);
    let dates = [0, 1].map(|i| {
        let span = shown.map(|p| p[i]);
        [span.map(|s| s.start), span.map(|s| s.end)]
            .map(|d| RwSignal::new(d.map(|d| d.to_string()).unwrap_or_default()))
    });
    let default = RwSignal::new(current.periods.is_none());
    let error = RwSignal::new(None::<String>);
    let apply = move |_| {
        let chosen = if default.get_untracked() {
            Ok(CompareSettings::default())
        } else {
            let typed = dates.map(|[s, e]| {
                format!("{}..{}", s.get_untracked().trim(), e.get_untracked().trim())
            });
            if typed
                .iter()
                .any(|t| t.starts_with("..") || t.ends_with(".."))
            {
                Err(t(locale, Key::CompareNeedDates).to_string())
            } else {
                CompareSettings::parse(&typed.join(",")).map_err(|e| settings_error(locale, &e))
            }
        };
        match chosen {
            Ok(chosen) => {
                error.set(None);
                engine.change_settings(|s| s.compare = chosen);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let inputs = dates
        .into_iter()
        .zip([Key::Period1, Key::Period2])
        .enumerate()
        .map(|(i, ([start, end], key))| {
            let date = move |value: RwSignal<String>, label: Key, testid: String| {
                view! {
                    <label>{t(locale, label)}
                        <input type="date" data-testid=testid prop:value=move || value.get()
                            prop:disabled=move || default.get()
                            on:input=move |ev| value.set(event_target_value(&ev))/>
                    </label>
                }
            };
            view! {
                <fieldset class="period">
                    <legend>{t(locale, key)}</legend>
                    {date(start, Key::PeriodStart, format!("compare-p{}-start", i + 1))}
                    {date(end, Key::PeriodEnd, format!("compare-p{}-end", i + 1))}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <div class="rule-editor periods-editor">
            <label class="check">
                <input type="checkbox" data-testid="compare-default" prop:checked=move || default.get()
                    on:change=move |ev| default.set(event_target_checked(&ev))/>
                {t(locale, Key::CompareDefault)}
            </label>
            {inputs}
            <button type="button" class="secondary" data-testid="apply-compare" on:click=apply>{t(locale, Key::Apply)}</button>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="compare-error">{e}</p> })}
        </div>
    }
}
