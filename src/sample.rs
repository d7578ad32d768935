//! A realistic B2B key-account transaction log, for demos, tests and benchmarks.
//!
//! The generator models what a Chinese distributor's ERP export looks like:
//!
//! - **Heavy-tailed spend**: each customer's yearly potential is log-normal
//!   (σ = 1.9), so a fifth of the customers bring most of the revenue, and
//!   larger customers also order more often (rate ∝ size^0.45).
//! - **Seasonality**: a dip at the Spring Festival (February) and National
//!   Day (October), peaks at the half-year close (June) and year end.
//! - **Lifecycle**: about half the customers already buy when the log
//!   starts; the rest are acquired through the period (some in its last 90
//!   days: *new*). Each customer may churn (exponential lifetime, so some
//!   are *dormant* and some *lost* at the end), and some pause for 4 to 10
//!   months and come back (*reactivated*).
//! - **Profit**: gross margins around 24%, less a cost to serve of 2,500
//!   per order; 30% of the larger accounts (one a top-15 account) are
//!   served at a loss, so the whale curve peaks well above 100%.
//! - **Returns**: 1.5% of orders come back in part, as a negative amount and
//!   cost some days later.
//!
//! The same `--seed` always gives the same file (ChaCha8 is portable).

use crate::day::Day;
use rand::prelude::*;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Exp, Gamma, LogNormal, Normal};
use std::io::{self, Write};

pub struct Spec {
    pub customers: usize,
    pub seed: u64,
    pub start: Day,
    pub end: Day,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            customers: 3000,
            seed: 7,
            start: Day::from_ymd(2023, 1, 1).unwrap_or_default(),
            end: Day::from_ymd(2025, 12, 31).unwrap_or_default(),
        }
    }
}

/// Region, its cities, and the account managers who cover it.
const REGIONS: &[(&str, &[&str], &[&str], f64)] = &[
    (
        "华东",
        &["上海", "苏州", "杭州", "宁波", "南京", "无锡", "合肥"],
        &["张伟", "王芳", "陈静"],
        0.34,
    ),
    (
        "华南",
        &["深圳", "广州", "东莞", "佛山", "厦门"],
        &["李娜", "黄敏"],
        0.22,
    ),
    (
        "华北",
        &["北京", "天津", "青岛", "石家庄"],
        &["刘洋", "赵磊"],
        0.18,
    ),
    ("华中", &["武汉", "长沙", "郑州"], &["周杰"], 0.10),
    ("西南", &["成都", "重庆", "昆明"], &["杨帆"], 0.09),
    ("西北", &["西安", "兰州"], &["吴婷"], 0.04),
    ("东北", &["沈阳", "大连", "哈尔滨"], &["孙浩"], 0.03),
];

/// Industry and the words companies in it put in their names.
const INDUSTRIES: &[(&str, &[&str], f64)] = &[
    (
        "制造业",
        &["精密机械", "五金制品", "模具", "机电设备"],
        0.26,
    ),
    ("电子", &["电子科技", "光电", "半导体"], 0.16),
    ("汽车零部件", &["汽车配件", "汽车部件"], 0.12),
    ("化工", &["化工", "新材料"], 0.10),
    ("医药", &["医药", "生物科技"], 0.09),
    ("零售", &["商贸", "连锁超市", "百货"], 0.12),
    ("建筑建材", &["建材", "建设工程"], 0.09),
    ("物流", &["物流", "供应链"], 0.06),
];

const NAME_WORDS: &[&str] = &[
    "恒达", "华信", "瑞丰", "金源", "鼎盛", "宏远", "新亚", "中联", "博达", "永泰", "天成", "汇通",
    "联创", "海川", "安捷", "德润", "凯旋", "远航", "明辉", "盛世", "嘉禾", "泰和", "昌隆", "福源",
    "信达", "华盛", "东方", "长城", "蓝天", "宇通", "振华", "友邦", "环宇", "精工", "卓越", "万通",
];

/// Relative order intensity per month, January first.
const SEASON: [f64; 12] = [
    1.05, 0.55, 1.0, 1.0, 0.95, 1.15, 0.9, 0.9, 1.05, 0.85, 1.1, 1.35,
];

struct Profile {
    id: String,
    name: String,
    industry: &'static str,
    region: &'static str,
    manager: &'static str,
    /// Expected yearly revenue at full activity.
    size: f64,
    orders_per_year: f64,
    margin: f64,
    /// Yearly growth of order value: rising and falling accounts.
    trend: f64,
    active: Vec<(i32, i32)>,
}

struct Row<'a> {
    day: i32,
    profile: &'a Profile,
    amount: f64,
    cost: f64,
}

/// Writes the sample log as CSV, rows in date order.
pub fn write(spec: &Spec, out: &mut dyn Write) -> io::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let profiles = make_profiles(spec, &mut rng);
    let mut rows = Vec::new();
    for profile in &profiles {
        add_orders(profile, spec, &mut rng, &mut rows);
    }
    rows.sort_by(|a, b| {
        a.day
            .cmp(&b.day)
            .then_with(|| a.profile.id.cmp(&b.profile.id))
    });
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "customer_id",
        "customer_name",
        "industry",
        "region",
        "account_manager",
        "date",
        "amount",
        "cost",
    ])?;
    for row in rows {
        let p = row.profile;
        writer.write_record([
            p.id.as_str(),
            p.name.as_str(),
            p.industry,
            p.region,
            p.manager,
            &Day(row.day).to_string(),
            &format!("{:.2}", row.amount),
            &format!("{:.2}", row.cost),
        ])?;
    }
    writer.flush()
}

/// Ways of working with an account: a label only the master has.
const TERMS: &[&str] = &["框架协议", "直供", "项目制", "代理"];

/// Writes the customer master matching `write`'s log for the same spec:
/// one row per customer with an annual purchase potential (采购潜力), as an
/// account manager would estimate it: around twice the account's yearly
/// spend, rounded to thousands; every 23rd estimate is stale (below what
/// the customer already buys, so its share reads above 100%). Every 41st
/// customer of the log is missing, and 30 prospects that never bought are
/// added. The log's random draws are not touched: the log stays the same.
pub fn write_master(spec: &Spec, out: &mut dyn Write) -> io::Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let profiles = make_profiles(spec, &mut rng);
    let mut own = ChaCha8Rng::seed_from_u64(spec.seed ^ 0x6d61_7374_6572);
    let factor = LogNormal::new(1.2f64, 0.35).expect("valid log-normal");
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "客户编号",
        "客户名称",
        "行业",
        "地区",
        "客户经理",
        "合作模式",
        "年采购潜力",
    ])?;
    let estimate = |size: f64, i: usize, rng: &mut ChaCha8Rng| {
        let f = if i % 23 == 22 {
            0.35
        } else {
            factor.sample(rng)
        };
        format!("{:.0}", ((size * f) / 1000.0).round().max(10.0) * 1000.0)
    };
    for (i, p) in profiles.iter().enumerate() {
        let terms = TERMS[own.gen_range(0..TERMS.len())];
        let potential = estimate(p.size, i, &mut own);
        if i % 41 == 40 {
            continue;
        }
        writer.write_record([
            p.id.as_str(),
            p.name.as_str(),
            p.industry,
            p.region,
            p.manager,
            terms,
            &potential,
        ])?;
    }
    let mut names: std::collections::HashSet<String> =
        profiles.iter().map(|p| p.name.clone()).collect();
    let size = LogNormal::new(11.5, 1.5).expect("valid log-normal");
    for k in 0..30 {
        let (region, cities, managers, _) = *pick(REGIONS, |r| r.3, &mut own);
        let (industry, suffixes, _) = *pick(INDUSTRIES, |r| r.2, &mut own);
        let name = unique_name(cities, suffixes, &mut names, &mut own);
        let manager = managers[own.gen_range(0..managers.len())];
        let terms = TERMS[own.gen_range(0..TERMS.len())];
        let potential = estimate(size.sample(&mut own), 0, &mut own);
        let id = format!("C{:05}", spec.customers + k + 1);
        writer.write_record([
            id.as_str(),
            name.as_str(),
            industry,
            region,
            manager,
            terms,
            &potential,
        ])?;
    }
    writer.flush()
}

fn make_profiles(spec: &Spec, rng: &mut ChaCha8Rng) -> Vec<Profile> {
    let size = LogNormal::new(11.0, 1.9).expect("valid log-normal");
    let mut names = std::collections::HashSet::new();
    let mut profiles: Vec<Profile> = (0..spec.customers)
        .map(|i| {
            let (region, cities, managers, _) = *pick(REGIONS, |r| r.3, rng);
            let (industry, suffixes, _) = *pick(INDUSTRIES, |r| r.2, rng);
            let name = unique_name(cities, suffixes, &mut names, rng);
            let size: f64 = size.sample(rng);
            Profile {
                id: format!("C{:05}", i + 1),
                name,
                industry,
                region,
                manager: managers[rng.gen_range(0..managers.len())],
                size,
                orders_per_year: (3.0 * (size / 60_000.0).powf(0.45)).clamp(0.7, 60.0),
                margin: Normal::new(0.24f64, 0.07)
                    .expect("valid normal")
                    .sample(rng)
                    .clamp(0.04, 0.45),
                trend: Normal::new(0.0, 0.18).expect("valid normal").sample(rng),
                active: activity(spec, rng),
            }
        })
        .collect();
    add_loss_makers(&mut profiles, rng);
    profiles
}

fn pick<'a, T>(items: &'a [T], weight: impl Fn(&T) -> f64, rng: &mut ChaCha8Rng) -> &'a T {
    let total: f64 = items.iter().map(&weight).sum();
    let mut x = rng.gen::<f64>() * total;
    for item in items {
        x -= weight(item);
        if x <= 0.0 {
            return item;
        }
    }
    &items[items.len() - 1]
}

fn unique_name(
    cities: &[&str],
    suffixes: &[&str],
    taken: &mut std::collections::HashSet<String>,
    rng: &mut ChaCha8Rng,
) -> String {
    for attempt in 0.. {
        let city = cities[rng.gen_range(0..cities.len())];
        let word = NAME_WORDS[rng.gen_range(0..NAME_WORDS.len())];
        let suffix = suffixes[rng.gen_range(0..suffixes.len())];
        let name = match attempt {
            0..=20 => format!("{city}{word}{suffix}有限公司"),
            n => format!("{city}{word}{suffix}有限公司第{}分公司", n - 20),
        };
        if taken.insert(name.clone()) {
            return name;
        }
    }
    unreachable!("the loop returns once a name is free")
}

/// The spans of days in which a customer buys: acquisition to churn, with
/// an optional pause in the middle.
fn activity(spec: &Spec, rng: &mut ChaCha8Rng) -> Vec<(i32, i32)> {
    let (start, end) = (spec.start.0, spec.end.0);
    let span = (end - start) as f64;
    let acquired = if rng.gen_bool(0.5) {
        start + rng.gen_range(0..120)
    } else {
        // Acquisition picks up over time: a square-root ramp.
        start + (span * rng.gen::<f64>().sqrt()) as i32
    };
    let lifetime: f64 = Exp::new(1.0 / (4.0 * 365.0))
        .expect("valid rate")
        .sample(rng);
    let churned = acquired + lifetime as i32;
    let stop = churned.min(end);
    if rng.gen_bool(0.08) && stop - acquired > 300 {
        let pause_at = acquired + rng.gen_range(30..(stop - acquired - 150).max(31));
        let resume = pause_at + rng.gen_range(120..300);
        // Returning customers buy again until the end: the reactivated.
        return vec![(acquired, pause_at), (resume.min(end), end)];
    }
    vec![(acquired, stop)]
}

/// Cost to serve one order (delivery, invoicing, a sales call), booked with
/// its cost of goods: what makes many small accounts lose money.
const SERVE_COST: f64 = 2500.0;

/// Chance that one of the larger accounts is served at a loss.
const LOSS_SHARE: f64 = 0.3;

/// Loss-makers: about a quarter of the larger accounts are served at a loss
/// (deep discounts, rush orders, long credit), one of them a top-15
/// account; with the cost to serve of the small ones, this gives the
/// 20/80/30 whale curve of key-account practice.
fn add_loss_makers(profiles: &mut [Profile], rng: &mut ChaCha8Rng) {
    let n = profiles.len();
    let mut ranked: Vec<usize> = (0..n).collect();
    ranked.sort_by(|&a, &b| profiles[b].size.total_cmp(&profiles[a].size));
    for &i in ranked.iter().take(n * 2 / 5) {
        if rng.gen_bool(LOSS_SHARE) {
            profiles[i].margin = -rng.gen_range(0.05..0.3);
        }
    }
    if let Some(&big) = ranked.get(n.min(15) / 2) {
        profiles[big].margin = -0.06;
    }
}

fn add_orders<'a>(p: &'a Profile, spec: &Spec, rng: &mut ChaCha8Rng, rows: &mut Vec<Row<'a>>) {
    let max_season = SEASON.iter().cloned().fold(0.0, f64::max);
    let daily_peak = p.orders_per_year * max_season / 365.0;
    let gap = Exp::new(daily_peak).expect("positive rate");
    let order_value = Gamma::new(2.0, p.size / p.orders_per_year / 2.0).expect("valid gamma");
    let mut first_order = true;
    for &(from, to) in &p.active {
        let mut t = from as f64;
        loop {
            // The first order falls on the acquisition day itself.
            if !first_order {
                t += gap.sample(rng);
            }
            if t > to as f64 {
                break;
            }
            let day = t as i32;
            let month = Day(day).month() as usize;
            if !first_order && rng.gen::<f64>() > SEASON[month - 1] / max_season {
                continue;
            }
            first_order = false;
            let years = (day - spec.start.0) as f64 / 365.0;
            let amount = (order_value.sample(rng) * (1.0 + p.trend).powf(years)).max(50.0);
            let margin = p.margin + rng.gen_range(-0.03..0.03);
            rows.push(Row {
                day,
                profile: p,
                amount,
                cost: amount * (1.0 - margin) + SERVE_COST,
            });
            maybe_return(p, day, amount, margin, spec, rng, rows);
        }
    }
}

fn maybe_return<'a>(
    p: &'a Profile,
    day: i32,
    amount: f64,
    margin: f64,
    spec: &Spec,
    rng: &mut ChaCha8Rng,
    rows: &mut Vec<Row<'a>>,
) {
    if !rng.gen_bool(0.015) {
        return;
    }
    let when = day + rng.gen_range(3..30);
    if when > spec.end.0 {
        return;
    }
    let back = amount * rng.gen_range(0.1..1.0);
    rows.push(Row {
        day: when,
        profile: p,
        amount: -back,
        cost: -back * (1.0 - margin),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{run, Request};

    fn sample(customers: usize, seed: u64) -> Vec<u8> {
        let mut out = Vec::new();
        write(
            &Spec {
                customers,
                seed,
                ..Spec::default()
            },
            &mut out,
        )
        .unwrap();
        out
    }

    #[test]
    fn same_seed_same_file() {
        assert_eq!(sample(200, 3), sample(200, 3));
        assert_ne!(sample(200, 3), sample(200, 4));
    }

    #[test]
    fn the_sample_shows_what_it_is_for() {
        let bytes = sample(3000, 7);
        let outcome = run(&bytes, &Request::default(), &|| 0.0).unwrap();
        let a = outcome.analysis;
        assert_eq!(a.customers, 3000);
        assert_eq!(a.input.rows_rejected, 0);
        assert!(
            (0.70..0.92).contains(&a.pareto.top20_share),
            "80/20 shows: {}",
            a.pareto.top20_share
        );
        assert!(
            a.returns.rows > 0 && a.returns.total < 0.0,
            "returns present"
        );
        assert!(a.first_date.year() == 2023 && a.last_date.year() == 2025);
        assert_eq!(a.input.columns.len(), 8, "{:?}", a.input.columns);
    }
}
