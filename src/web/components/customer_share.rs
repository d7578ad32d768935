//! Customer share: the part of each customer's annual potential the
//! period's revenue is, the grow / defend / maintain / deprioritise
//! quadrant (lines at the medians unless the user sets them), each
//! quadrant's customers, and shares above 100% as a question to check.

use super::master_join::AddMaster;
use crate::chart::{self, Axes, Size};
use crate::customer_share::{CustomerShare, Quadrant, ShareGroup};
use crate::customer_table::CustomerRow;
use crate::format::{self, Locale};
use crate::i18n::{t, Key};
use crate::web::components::chart_view::{chart_view, fitted};
use crate::web::components::scroll_table::ScrollTable;
use crate::web::engine::use_engine;
use crate::web::state::{use_state, Part};
use leptos::prelude::*;

fn name(q: Quadrant) -> Key {
    match q {
        Quadrant::Grow => Key::QuadGrow,
        Quadrant::Defend => Key::QuadDefend,
        Quadrant::Maintain => Key::QuadMaintain,
        Quadrant::Deprioritise => Key::QuadDeprioritise,
    }
}

fn short(q: Quadrant) -> Key {
    match q {
        Quadrant::Grow => Key::GrowShort,
        Quadrant::Defend => Key::DefendShort,
        Quadrant::Maintain => Key::MaintainShort,
        Quadrant::Deprioritise => Key::DeprioritiseShort,
    }
}

/// The chart's corner for each quadrant: `chart::quadrant` names its
/// corners high-high, low-high, high-low, low-low (x, then y).
fn corner(q: Quadrant) -> usize {
    match q {
        Quadrant::Defend => 0,
        Quadrant::Maintain => 1,
        Quadrant::Grow => 2,
        Quadrant::Deprioritise => 3,
    }
}

fn group(s: &CustomerShare, q: Quadrant) -> &ShareGroup {
    match q {
        Quadrant::Grow => &s.quadrants.grow,
        Quadrant::Defend => &s.quadrants.defend,
        Quadrant::Maintain => &s.quadrants.maintain,
        Quadrant::Deprioritise => &s.quadrants.deprioritise,
    }
}

#[component]
pub fn CustomerSharePanel(
    share: Part<Option<CustomerShare>>,
    /// Whether a master was joined (else the panel offers to add one).
    has_master: bool,
    /// The period's last day.
    as_of: crate::day::Day,
    locale: Locale,
) -> impl IntoView {
    let Some(s) = share.as_ref() else {
        let why = if has_master {
            Key::NoPotential
        } else {
            Key::NoMaster
        };
        return view! {
            <section class="card" aria-labelledby="share-title" data-testid="customer-share">
                <div class="section-head"><h2 id="share-title">{t(locale, Key::ShareTitle)}</h2></div>
                <p class="hint">{t(locale, why)}</p>
                {(!has_master).then(|| view! { <AddMaster locale=locale/> })}
            </section>
        }
        .into_any();
    };
    let figure = |testid: &'static str, key: Key, value: f64, text: String| {
        view! {
            <div class="figure">
                <span class="figure-label">{t(locale, key)}</span>
                <strong data-testid=testid data-value=value.to_string()>{text}</strong>
            </div>
        }
    };
    let period = match s.from {
        Some(from) => format!(
            "{} – {}",
            format::date(from, locale),
            format::date(as_of, locale)
        ),
        None => t(locale, Key::ShareWholeFile).to_string(),
    };
    let axes = Axes {
        x: t(locale, Key::Potential),
        y: t(locale, Key::ShareColumn),
        aria: t(locale, Key::ShareTitle),
    };
    let mut names = [""; 4];
    for q in Quadrant::ALL {
        names[corner(q)] = t(locale, short(q));
    }
    let points: Vec<[f64; 3]> = s
        .points
        .iter()
        .map(|&[x, y, q]| {
            [
                x,
                y,
                Quadrant::ALL.get(q as usize).map_or(0, |&q| corner(q)) as f64,
            ]
        })
        .collect();
    let money = move |v: f64| format::compact(v, locale);
    let svg = chart::quadrant(
        &points,
        (s.potential_split, s.share_split),
        &names,
        &money,
        &|v| format::percent(v),
        &axes,
        fitted(Size::default()),
    );
    let chosen = RwSignal::new(0usize);
    let rows = Quadrant::ALL.iter().enumerate().map(|(i, &q)| {
        let g = group(s, q);
        view! {
            <tr class:chosen=move || chosen.get() == i>
                <td><button type="button" class="link" title=t(locale, name(q)) on:click=move |_| chosen.set(i)>{t(locale, short(q))}</button></td>
                <td class="num" data-testid=format!("share-{}", q.key()) data-value=g.customers.to_string()>{format::count(g.customers)}</td>
                <td class="num">{format::grouped(g.potential, 0)}</td>
                <td class="num">{format::grouped(g.revenue, 0)}</td>
                <td class="num">{format::percent(g.share)}</td>
                <td class="num">{format::grouped(g.headroom, 0)}</td>
            </tr>
        }
    }).collect_view();
    let lists = share.clone();
    let list = move || {
        let s = lists.as_ref()?;
        let q = Quadrant::ALL.get(chosen.get())?;
        Some(
            view! { <ShareList rows=group(s, *q).list.clone() locale=locale testid="share-list"/> },
        )
    };
    let questions = (s.questions.customers > 0).then(|| view! {
        <div class="data-question" data-testid="share-questions" data-value=s.questions.customers.to_string()>
            <h3>{t(locale, Key::ShareQuestions)} " (" {format::count(s.questions.customers)} ")"</h3>
            <p class="hint">{t(locale, Key::ShareQuestionsHint)}</p>
            <ShareList rows=s.questions.list.clone() locale=locale testid="share-questions-list"/>
        </div>
    });
    view! {
        <section class="card" aria-labelledby="share-title" data-testid="customer-share">
            <div class="section-head"><h2 id="share-title">{t(locale, Key::ShareTitle)}</h2></div>
            <p class="hint">{t(locale, Key::ShareHint)}</p>
            <div class="figures">
                {figure("share-total", Key::ShareOfPotential, s.share, format::percent(s.share))}
                {figure("share-potential", Key::PotentialTotal, s.potential_total, format::compact(s.potential_total, locale))}
                {figure("share-revenue", Key::PeriodRevenue, s.revenue, format::compact(s.revenue, locale))}
                {figure("share-headroom", Key::HeadroomTotal, s.headroom_total, format::compact(s.headroom_total, locale))}
                {figure("share-customers", Key::Customers, s.customers as f64, format::count(s.customers))}
                {figure("share-without", Key::WithoutPotential, s.without_potential as f64, format::count(s.without_potential))}
            </div>
            <p class="hint">{t(locale, Key::SharePeriod)} ": " {period}</p>
            <ShareEditor share=share.clone() locale=locale/>
            {chart_view(svg, "share-chart")}
            <ScrollTable label=t(locale, Key::ShareTitle)>
                <table class="data">
                    <thead><tr>
                        <th><span class="visually-hidden">{t(locale, Key::ShareQuadrant)}</span></th>
                        <th class="num">{t(locale, Key::Customers)}</th>
                        <th class="num">{t(locale, Key::Potential)}</th>
                        <th class="num">{t(locale, Key::PeriodRevenue)}</th>
                        <th class="num">{t(locale, Key::ShareColumn)}</th>
                        <th class="num">{t(locale, Key::HeadroomTotal)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </ScrollTable>
            {list}
            {questions}
        </section>
    }
    .into_any()
}

/// Customers with their potential, share and headroom.
#[component]
fn ShareList(
    rows: Vec<CustomerRow>,
    locale: Locale,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let note = super::customer_list::print_cut_note(rows.len(), locale);
    let body = rows.into_iter().map(|c| view! {
        <tr>
            <td>
                <div class="customer-id">{c.id.clone()}</div>
                <div class="customer-name">{c.name.clone().unwrap_or_default()}</div>
            </td>
            <td><span class=format!("badge tier-{}", c.tier)>{c.tier.to_string()}</span></td>
            <td class="num">{c.potential.map(|v| format::grouped(v, 0)).unwrap_or_default()}</td>
            <td class="num">{c.customer_share.map(format::percent).unwrap_or_default()}</td>
            <td class="num">{c.headroom.map(|v| format::grouped(v, 0)).unwrap_or_default()}</td>
        </tr>
    }).collect_view();
    view! {
        <ScrollTable label=t(locale, Key::ShareColumn) class="short">
            <table class="data print-cut" data-testid=testid>
                <thead><tr>
                    <th>{t(locale, Key::Customer)}</th>
                    <th>{t(locale, Key::Tier)}</th>
                    <th class="num">{t(locale, Key::Potential)}</th>
                    <th class="num">{t(locale, Key::ShareColumn)}</th>
                    <th class="num">{t(locale, Key::HeadroomTotal)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </ScrollTable>
        {note}
    }
}

/// The months of revenue and the two lines; an empty line means the median.
#[component]
fn ShareEditor(share: Part<Option<CustomerShare>>, locale: Locale) -> impl IntoView {
    let state = use_state();
    let engine = use_engine();
    let settings = state.request.with_untracked(|r| r.settings.customer_share);
    let text = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let months = RwSignal::new(settings.months.to_string());
    let potential_line = RwSignal::new(text(settings.potential_split));
    let share_line = RwSignal::new(text(settings.share_split.map(|v| v * 100.0)));
    let apply = move |_| {
        let line = |s: String| {
            s.trim()
                .replace(',', "")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
        };
        let p = line(potential_line.get_untracked());
        let sh = line(share_line.get_untracked()).map(|v| v / 100.0);
        let m = months
            .get_untracked()
            .trim()
            .parse::<u32>()
            .unwrap_or(settings.months);
        engine.change_settings(|s| {
            s.customer_share.months = m;
            s.customer_share.potential_split = p;
            s.customer_share.share_split = sh;
        });
    };
    let (median_potential, median_share) =
        share.as_ref().map_or((String::new(), String::new()), |s| {
            (
                format!(
                    "{} {}",
                    t(locale, Key::Median),
                    format::grouped(s.potential_split, 0)
                ),
                format!(
                    "{} {}",
                    t(locale, Key::Median),
                    format::grouped(s.share_split * 100.0, 1)
                ),
            )
        });
    view! {
        <div class="rule-editor">
            <label>{t(locale, Key::ShareMonths)} " "
                <input type="text" inputmode="numeric" size="4" data-testid="share-months"
                    prop:value=move || months.get() on:input=move |ev| months.set(event_target_value(&ev))/>
            </label>
            <label>{t(locale, Key::PotentialLine)} " "
                <input type="text" inputmode="decimal" size="10" placeholder=median_potential data-testid="potential-split"
                    prop:value=move || potential_line.get() on:input=move |ev| potential_line.set(event_target_value(&ev))/>
            </label>
            <label>{t(locale, Key::ShareLine)} " "
                <input type="text" inputmode="decimal" size="8" placeholder=median_share data-testid="share-split"
                    prop:value=move || share_line.get() on:input=move |ev| share_line.set(event_target_value(&ev))/>
            </label>
            <button type="button" class="secondary" data-testid="apply-share" on:click=apply>{t(locale, Key::Apply)}</button>
        </div>
    }
}
