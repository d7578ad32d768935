//! Every customer in one table: sorted by any column, searched by id or
//! name, filtered by tier, RFM segment, lifecycle stage and any dimension.
//!
//! The rows stay in the analysis worker (a million customers would not fit
//! the page's budget); the table asks it for the rows in view as the user
//! scrolls (`use_engine().ask_rows`), so only about a hundred rows are ever in
//! the document. A click (or Enter) on a row opens the customer's card.

use super::customer_card::CustomerCard;
use super::slicer::{chosen_dimension, dimension_groups};
use crate::clv::value::ChurnRisk;
use crate::customer_table::{Page, Query, SortKey};
use crate::dimensions::DimensionInfo;
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::lifecycle::Stage;
use crate::rfm::Segment;
use crate::tiers::Tier;
use crate::web::download;
use crate::web::engine::use_engine;
use crate::web::state::Part;
use leptos::prelude::*;

/// Row height in CSS px the stylesheet asks for; the table measures the
/// rows it draws and uses what the browser made of it (borders, zoom).
const ROW_PX: f64 = 34.0;
/// Height of the scrolling box.
const VIEW_PX: f64 = 560.0;
/// Rows fetched beyond the visible ones, on each side.
const OVERSCAN: usize = 40;
/// Browsers cap an element's height (Chromium near 33.5 million px); past
/// this the scroll bar maps proportionally onto the rows.
const MAX_SCROLL_PX: f64 = 12_000_000.0;

/// The columns, with the key each sorts by; `None` keys are not sortable.
const COLUMNS: [(Key, SortKey, bool); 15] = [
    (Key::Rank, SortKey::Rank, true),
    (Key::Customer, SortKey::Name, false),
    (Key::Tier, SortKey::Tier, false),
    (Key::Revenue, SortKey::Revenue, true),
    (Key::Profit, SortKey::Profit, true),
    (Key::Purchases, SortKey::PurchaseDays, true),
    (Key::LastPurchase, SortKey::LastPurchase, false),
    (Key::RfmScore, SortKey::Rfm, true),
    (Key::Segment, SortKey::Segment, false),
    (Key::Stage, SortKey::Stage, false),
    (Key::PAlive, SortKey::PAlive, true),
    (Key::ClvShort, SortKey::Clv, true),
    (Key::PPurchase90d, SortKey::PPurchase90d, true),
    (Key::ChurnRiskShort, SortKey::ChurnRisk, false),
    (Key::NextPurchase, SortKey::ExpectedNextPurchase, false),
];

#[component]
pub fn CustomerTable(
    /// How many customers the worker holds rows for.
    customers: usize,
    dimensions: Part<Vec<DimensionInfo>>,
    locale: Locale,
    ready: RwSignal<bool>,
) -> impl IntoView {
    let query = RwSignal::new(Query::default());
    let page = RwSignal::new(None::<Page>);
    let scroll_top = RwSignal::new(0.0f64);
    let card = RwSignal::new(None::<String>);
    let search = RwSignal::new(String::new());
    let total = customers;
    let scroller = NodeRef::<leptos::html::Div>::new();
    let row_px = RwSignal::new(ROW_PX);
    let engine = use_engine();
    // A new sort, search or filter starts at the top of its results.
    Effect::new(move |previous: Option<Query>| {
        let q = query.get();
        if previous.is_some_and(|p| p != q) {
            if let Some(el) = scroller.get_untracked() {
                el.set_scroll_top(0);
            }
            scroll_top.set(0.0);
        }
        q
    });

    // Fetches the rows in view whenever the query or the scroll position
    // leaves the rows at hand.
    Effect::new(move |_| {
        let q = query.get();
        let top = scroll_top.get();
        let matches = page.with_untracked(|p| p.as_ref().map_or(total, |p| p.matches));
        let (start, end) = window(top, matches, row_px.get());
        let covered = page.with_untracked(|p| {
            p.as_ref().is_some_and(|p| {
                p.query == q && p.offset <= start && p.offset + p.rows.len() >= end.min(p.matches)
            })
        });
        if !covered {
            engine.ask_rows(q, start, end - start, move |answer: Page| {
                page.set(Some(answer));
                ready.set(true);
                request_animation_frame(move || measure_rows(scroller, row_px));
            });
        }
    });
    let on_scroll = move |ev: leptos::ev::Event| {
        let top = event_target::<web_sys::Element>(&ev).scroll_top() as f64;
        scroll_top.set(top);
    };
    let body = move || {
        let Some(p) = page.get() else {
            return view! { <tr><td colspan="15" class="empty">{t(locale, Key::Loading)}</td></tr> }.into_any();
        };
        if p.matches == 0 {
            return view! { <tr><td colspan="15" class="empty" data-testid="table-empty">{t(locale, Key::NoMatches)}</td></tr> }.into_any();
        }
        let top = scroll_top.get();
        let row = row_px.get();
        let (start, end) = window(top, p.matches, row);
        // The rows at hand may cover only part of the window (more are on
        // their way): the blank rows are sized for the rows drawn.
        let drawn = (start.max(p.offset), end.min(p.offset + p.rows.len()));
        let drawn = (drawn.0.min(drawn.1), drawn.1);
        let (pad_top, pad_bottom) = padding(top, drawn, p.matches, row);
        let rows = p
            .rows
            .iter()
            .enumerate()
            .filter(|(i, _)| (start..end).contains(&(p.offset + i)))
            .map(|(_, row)| row_view(row, locale, card))
            .collect_view();
        view! {
            <tr class="pad" aria-hidden="true" style:height=format!("{pad_top}px")></tr>
            {rows}
            <tr class="pad" aria-hidden="true" style:height=format!("{pad_bottom}px")></tr>
        }
        .into_any()
    };
    let count = move || {
        page.get().map(|p| {
            view! {
                <span class="meta" data-testid="table-matches" data-value=p.matches.to_string()>
                    {format!("{} / {} {}", format::count(p.matches), format::count(p.customers), t(locale, Key::CustomersUnit))}
                </span>
            }
        })
    };
    let export = move |only_matches: bool| {
        move |_| {
            let name = if only_matches {
                "tierlens-customers-view.csv"
            } else {
                "tierlens-customers.csv"
            };
            let selected = only_matches.then(|| query.get_untracked());
            engine.ask_export(selected, move |csv: String| {
                if let Err(e) = download::save(name, "text/csv;charset=utf-8", &csv) {
                    leptos::logging::error!("download failed: {e}");
                }
            });
        }
    };
    view! {
        <section class="card" aria-labelledby="customers-title">
            <div class="section-head">
                <h2 id="customers-title">{t(locale, Key::NavCustomers)}</h2>
                {count}
                <div class="table-exports">
                    <button class="button" data-testid="export-view" on:click=export(true)>{t(locale, Key::ExportView)}</button>
                    <button class="button primary" data-testid="export-csv" on:click=export(false)>{t(locale, Key::ExportCsv)}</button>
                    <super::export_xlsx::ExportXlsx locale=locale/>
                </div>
            </div>
            <Tools dimensions=dimensions locale=locale query=query search=search/>
            <div class="vt-scroll" node_ref=scroller style:height=format!("{VIEW_PX}px") on:scroll=on_scroll tabindex="0" role="region"
                aria-label=t(locale, Key::NavCustomers)>
                <table class="data customers vt print-cut" data-testid="customer-table" aria-rowcount=move || page.get().map_or(0, |p| p.matches)>
                    <thead><tr>{headers(query, locale)}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {super::customer_list::print_cut_note(customers, locale)}
            {move || card.get().map(|id| view! { <CustomerCard id=id locale=locale open=card/> })}
        </section>
    }
}

/// The rows to have for a scroll position: those in view and the overscan.
fn window(top: f64, matches: usize, row: f64) -> (usize, usize) {
    let first = (top * scale(matches, row) / row).floor().max(0.0) as usize;
    let visible = (VIEW_PX / row).ceil() as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(matches);
    let end = (first + visible + OVERSCAN).min(matches);
    (start, end)
}

/// Keeps `row_px` at the height of a drawn row.
fn measure_rows(scroller: NodeRef<leptos::html::Div>, row_px: RwSignal<f64>) {
    let Some(row) = scroller
        .get_untracked()
        .and_then(|el| el.query_selector("tbody tr.clickable").ok().flatten())
    else {
        return;
    };
    let height = row.get_bounding_client_rect().height();
    if height > 4.0 && (height - row_px.get_untracked()).abs() > 0.01 {
        row_px.set(height);
    }
}

/// Real pixels per scroll pixel (1 unless the list is taller than the cap).
fn scale(matches: usize, row: f64) -> f64 {
    let real = matches as f64 * row;
    if real > MAX_SCROLL_PX {
        real / MAX_SCROLL_PX
    } else {
        1.0
    }
}

/// Heights of the blank rows above and below the rendered ones, so the
/// rendered rows sit where the scroll position says.
fn padding(top: f64, (start, end): (usize, usize), matches: usize, row: f64) -> (f64, f64) {
    let scrolled = matches as f64 * row / scale(matches, row);
    let first_exact = top * scale(matches, row) / row;
    let pad_top = (top - (first_exact - start as f64) * row).max(0.0);
    let pad_bottom = (scrolled - pad_top - (end - start) as f64 * row).max(0.0);
    (pad_top, pad_bottom)
}

fn headers(query: RwSignal<Query>, locale: Locale) -> impl IntoView {
    COLUMNS
        .iter()
        .map(|&(key, sort, numeric)| {
            let sorted = move || query.with(|q| q.sort == sort).then(|| query.with(|q| q.descending));
            let click = move |_| {
                query.update(|q| {
                    // Numbers start largest first; text starts at A.
                    q.descending = if q.sort == sort { !q.descending } else { numeric && sort != SortKey::Rank };
                    q.sort = sort;
                })
            };
            let aria = move || match sorted() {
                Some(true) => "descending",
                Some(false) => "ascending",
                None => "none",
            };
            let arrow = move || match sorted() {
                Some(true) => " ▼",
                Some(false) => " ▲",
                None => "",
            };
            view! {
                <th class:num=numeric aria-sort=aria scope="col">
                    <button type="button" class="sort" data-testid=format!("sort-{}", sort.name()) on:click=click>
                        {t(locale, key)}<span aria-hidden="true">{arrow}</span>
                    </button>
                </th>
            }
        })
        .collect_view()
}

/// The sort key as the CLI's `--sort` names it.
fn row_view(
    row: &crate::customer_table::CustomerRow,
    locale: Locale,
    card: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = row.id.clone();
    let open = {
        let id = id.clone();
        move |_| card.set(Some(id.clone()))
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            card.set(Some(id.clone()));
        }
    };
    let (segment, _) = row.segment.text(locale);
    let prediction = row.prediction.as_ref();
    view! {
        <tr class="clickable" tabindex="0" on:click=open on:keydown=on_key data-id=row.id.clone()>
            <td class="num">{row.rank}</td>
            <td class="who">
                <span class="customer-id">{row.id.clone()}</span>
                <span class="customer-name">{row.name.clone().unwrap_or_default()}</span>
            </td>
            <td><span class=format!("badge tier-{}", row.tier)>{row.tier.to_string()}</span></td>
            <td class="num" title=format::grouped(row.revenue, 2)>{format::short(row.revenue, locale)}</td>
            <td class="num" class:negative=row.profit < 0.0 title=format::grouped(row.profit, 2)>{format::short(row.profit, locale)}</td>
            <td class="num">{row.purchase_days}</td>
            <td>{row.last_purchase.to_string()}</td>
            <td class="num">{format!("{}{}{}", row.rfm.r, row.rfm.f, row.rfm.m)}</td>
            <td>{segment}</td>
            <td>{super::lifecycle::stage_name(row.stage, locale)}</td>
            <td class="num">{prediction.map(|p| format::percent(p.p_alive)).unwrap_or_default()}</td>
            <td class="num" class:negative=prediction.is_some_and(|p| p.clv < 0.0)
                data-value=prediction.map(|p| p.clv.to_string()) title=prediction.map(|p| format::grouped(p.clv, 2))>
                {prediction.map(|p| format::short(p.clv, locale)).unwrap_or_default()}
            </td>
            <td class="num" data-value=prediction.map(|p| p.p_purchase_90d.to_string())>
                {prediction.map(|p| format::percent(p.p_purchase_90d)).unwrap_or_default()}
            </td>
            <td data-value=prediction.map(|p| p.churn_risk.key())>
                {prediction.map(|p| super::lifetime_value::churn_name(p.churn_risk, locale)).unwrap_or_default()}
            </td>
            <td>{prediction.and_then(|p| p.expected_next_purchase).map(|d| d.to_string()).unwrap_or_default()}</td>
        </tr>
    }
}

/// Search box and the four filters.
#[component]
fn Tools(
    dimensions: Part<Vec<DimensionInfo>>,
    locale: Locale,
    query: RwSignal<Query>,
    search: RwSignal<String>,
) -> impl IntoView {
    // Searching waits for a pause in typing, so a fast typist's every
    // letter does not become a query over a million rows.
    let typed = move |ev| {
        let text = event_target_value(&ev);
        search.set(text.clone());
        set_timeout(
            move || {
                if search.get_untracked() == text {
                    query.update(|q| q.search = text.clone());
                }
            },
            std::time::Duration::from_millis(180),
        );
    };
    let tiers = Tier::ALL
        .iter()
        .map(|tier| (tier.to_string(), tier.to_string()))
        .collect::<Vec<_>>();
    let segments = Segment::ALL
        .iter()
        .map(|s| (s.key().to_string(), s.text(locale).0.to_string()))
        .collect::<Vec<_>>();
    let stages = Stage::ALL
        .iter()
        .map(|s| {
            (
                s.key().to_string(),
                super::lifecycle::stage_name(*s, locale).to_string(),
            )
        })
        .collect::<Vec<_>>();
    let set_tier = move |v: String| {
        query.update(|q| q.tier = Tier::ALL.into_iter().find(|t| t.to_string() == v))
    };
    let set_segment = move |v: String| {
        query.update(|q| q.segment = Segment::ALL.into_iter().find(|s| s.key() == v))
    };
    let set_stage =
        move |v: String| query.update(|q| q.stage = Stage::ALL.into_iter().find(|s| s.key() == v));
    let risks = ChurnRisk::ALL
        .iter()
        .map(|r| {
            (
                r.key().to_string(),
                super::lifetime_value::churn_name(*r, locale).to_string(),
            )
        })
        .collect::<Vec<_>>();
    let set_risk = move |v: String| {
        query.update(|q| q.churn_risk = ChurnRisk::ALL.into_iter().find(|r| r.key() == v))
    };
    let movements = crate::compare::Movement::all()
        .filter(|m| m.key() != "none>none")
        .map(|m| (m.key(), super::compare::movement_name(m, locale)))
        .collect::<Vec<_>>();
    let set_movement =
        move |v: String| query.update(|q| q.movement = crate::compare::Movement::parse(&v).ok());
    view! {
        <div class="table-tools">
            <label class="search">{t(locale, Key::Search)}
                <input type="search" data-testid="table-search" placeholder=t(locale, Key::SearchHint)
                    prop:value=move || search.get() on:input=typed/>
            </label>
            {choice(t(locale, Key::Tier), "filter-tier", tiers, locale, set_tier)}
            {choice(t(locale, Key::Segment), "filter-segment", segments, locale, set_segment)}
            {choice(t(locale, Key::Stage), "filter-stage", stages, locale, set_stage)}
            {choice(t(locale, Key::ChurnRiskShort), "filter-churn-risk", risks, locale, set_risk)}
            {choice(t(locale, Key::Movement), "filter-movement", movements, locale, set_movement)}
            <DimensionChoice dimensions=dimensions locale=locale query=query/>
        </div>
    }
}

/// A labelled select whose first option means "any".
fn choice(
    label: &'static str,
    testid: &'static str,
    options: Vec<(String, String)>,
    locale: Locale,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, text)| view! { <option value=value>{text}</option> })
        .collect_view();
    view! {
        <label>{label}
            <select data-testid=testid on:change=move |ev| set(event_target_value(&ev))>
                <option value="">{t(locale, Key::Any)}</option>
                {options}
            </select>
        </label>
    }
}

/// Any value of any dimension (industry, region, manager, other columns).
#[component]
fn DimensionChoice(
    dimensions: Part<Vec<DimensionInfo>>,
    locale: Locale,
    query: RwSignal<Query>,
) -> impl IntoView {
    if dimensions.is_empty() {
        return None;
    }
    let groups = dimension_groups(&dimensions, "");
    let change = move |ev| {
        let value = event_target_value(&ev);
        query.update(|q| {
            q.dimension = chosen_dimension(&value).map(|(key, v)| crate::settings::Filter {
                key: key.to_string(),
                value: Some(v.to_string()),
            })
        });
    };
    Some(view! {
        <label>{t(locale, Key::Dimension)}
            <select data-testid="filter-dimension" on:change=change>
                <option value="">{t(locale, Key::Any)}</option>
                {groups}
            </select>
        </label>
    })
}
