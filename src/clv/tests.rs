//! The published CDNOW estimates (REFERENCES.md): calibration to
//! 1997-09-30, weeks, same-day purchases merged.

use super::*;
use crate::day::Day;
use crate::ingest::{map, read, table};

fn cdnow() -> Vec<Option<data::History>> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/cdnow_sample.csv"
    ))
    .unwrap();
    let mut rows = read::Records::open(&text, b',').unwrap();
    let columns = map::map_columns(&rows.headers.clone(), &[]).unwrap();
    let t = table::build(&mut rows, &columns, &Default::default(), &mut |_| {}).unwrap();
    let customers = crate::customers::aggregate(&t);
    let end = Day::parse_iso("1997-09-30").unwrap();
    data::histories(&customers, (end, end), 7.0)
}

fn within(value: f64, published: f64, tolerance: f64) {
    assert!(
        ((value - published) / published).abs() < tolerance,
        "{value} vs {published}"
    );
}

#[test]
fn bgnbd_reproduces_the_published_cdnow_estimates() {
    let h = cdnow();
    let g = data::grouped(&h);
    let fit = bgnbd::fit(&g);
    eprintln!("{fit:?}");
    within(fit.r, 0.2425945, 0.005);
    within(fit.alpha, 4.4136019, 0.005);
    within(fit.a, 0.7929199, 0.005);
    within(fit.b, 2.4258881, 0.005);
    within(fit.log_likelihood, -9582.429, 0.0005);
    assert!(fit.converged);
}

#[test]
fn gamma_gamma_reproduces_the_published_cdnow_estimates() {
    let h: Vec<data::History> = cdnow().into_iter().flatten().collect();
    let fit = gamma_gamma::fit(&h);
    eprintln!("{fit:?}");
    assert_eq!(fit.customers, 946);
    let direct: f64 = h
        .iter()
        .filter(|h| h.x >= 1.0 && h.mean_spend > 0.0)
        .map(|h| gamma_gamma::ln_likelihood([fit.p, fit.q, fit.v], h))
        .sum();
    within(fit.log_likelihood, direct, 1e-10);
    within(fit.log_likelihood, -4055.9177, 1e-6);
    within(fit.p, 6.25, 0.005);
    within(fit.q, 3.74, 0.005);
    within(fit.v, 15.44, 0.005);
}

#[test]
fn pareto_nbd_reproduces_the_published_cdnow_estimates() {
    let g = data::grouped(&cdnow());
    let fit = pareto_nbd::fit(&g, [0.0; 4]);
    eprintln!("{fit:?}");
    within(fit.r, 0.5533, 0.005);
    within(fit.alpha, 10.5777, 0.005);
    within(fit.s, 0.6062, 0.005);
    within(fit.beta, 11.6679, 0.005);
    within(fit.log_likelihood, -9594.976, 0.0005);
}

#[test]
fn bgnbd_per_customer_figures_of_the_paper() {
    let fit = bgnbd::BgNbd {
        r: 0.2425945,
        alpha: 4.4136019,
        a: 0.7929199,
        b: 2.4258881,
        log_likelihood: 0.0,
        converged: true,
        se: None,
    };
    // x = 2, t_x = 30.43, T = 38.86: 1.226 purchases in the next 39 weeks.
    let h = data::History {
        x: 2.0,
        t_x: 30.43,
        t: 38.86,
        mean_spend: 0.0,
    };
    within(
        bgnbd::expected_purchases(&fit, &h, 39.0).unwrap(),
        1.226,
        0.001,
    );
    // BTYD's customer 1516 (x = 26, t_x = 30.857, T = 31): 25.75659 in 52
    // weeks, P(alive) 0.9688523.
    let heavy = data::History {
        x: 26.0,
        t_x: 30.857,
        t: 31.0,
        mean_spend: 0.0,
    };
    within(
        bgnbd::expected_purchases(&fit, &heavy, 52.0).unwrap(),
        25.75659,
        0.001,
    );
    within(bgnbd::p_alive(&fit, &heavy), 0.9688523, 0.0005);
    // Huge frequencies stay finite (CLVTools #100: x = 221, t_x = 103.4).
    let huge = data::History {
        x: 221.0,
        t_x: 103.4,
        t: 104.0,
        mean_spend: 0.0,
    };
    assert!(bgnbd::p_alive(&fit, &huge).is_finite());
    assert!(bgnbd::expected_purchases(&fit, &huge, 52.0).is_some());
}

#[test]
fn gamma_gamma_expected_spend_of_the_first_cdnow_customers() {
    let h: Vec<data::History> = cdnow().into_iter().flatten().collect();
    let fit = gamma_gamma::GammaGamma {
        p: 6.25,
        q: 3.74,
        v: 15.44,
        log_likelihood: 0.0,
        customers: 946,
        converged: true,
        se: None,
    };
    let mean = fit.p * fit.v / (fit.q - 1.0);
    let first: Vec<f64> = h
        .iter()
        .take(10)
        .map(|h| gamma_gamma::expected_spend(&fit, h, mean))
        .collect();
    eprintln!("{first:?}");
    let published = [
        24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17,
    ];
    for (ours, theirs) in first.iter().zip(published) {
        within(*ours, theirs, 0.005);
    }
}

#[test]
fn degenerate_data_fits_without_panicking() {
    let one_timers: Vec<(data::History, f64)> = (0..5)
        .map(|i| {
            (
                data::History {
                    x: 0.0,
                    t_x: 0.0,
                    t: 10.0 + i as f64,
                    mean_spend: 0.0,
                },
                1.0,
            )
        })
        .collect();
    let b = bgnbd::fit(&one_timers);
    assert!(b.log_likelihood.is_finite() || !b.converged);
    let p = pareto_nbd::fit(&one_timers, [0.0; 4]);
    assert!(p.log_likelihood.is_finite() || !p.converged);
    let g = gamma_gamma::fit(&[]);
    assert!(!g.converged && g.customers == 0);
    assert!(bgnbd::fit(&[]).log_likelihood.is_finite());
}

#[test]
fn bgnbd_gradient_matches_the_per_customer_likelihood() {
    let g = data::grouped(&cdnow());
    let theta = [-1.3, 1.4, -0.2, 0.9];
    let p = theta.map(f64::exp);
    let direct: f64 = g.iter().map(|(h, w)| w * bgnbd::ln_likelihood(p, h)).sum();
    let by_x: Vec<(f64, f64)> = {
        let mut m = std::collections::BTreeMap::new();
        for (h, w) in &g {
            *m.entry(h.x as u64).or_insert(0.0) += w;
        }
        m.into_iter().map(|(x, w)| (x as f64, w)).collect()
    };
    let (total, gradient) = bgnbd::total_and_gradient(&theta, &g, &by_x);
    assert!(
        (total - direct).abs() < 1e-8 * direct.abs(),
        "{total} vs {direct}"
    );
    for i in 0..4 {
        let mut up = theta;
        up[i] += 1e-6;
        let mut down = theta;
        down[i] -= 1e-6;
        let numeric = (bgnbd::total_and_gradient(&up, &g, &by_x).0
            - bgnbd::total_and_gradient(&down, &g, &by_x).0)
            / 2e-6;
        assert!(
            (gradient[i] - numeric).abs() < 1e-4 * (1.0 + numeric.abs()),
            "{i}: {} vs {numeric}",
            gradient[i]
        );
    }
}

#[test]
fn mbgnbd_gradient_matches_its_likelihood() {
    let g = data::grouped(&cdnow());
    let by_x = bgnbd::weight_by_x(&g);
    let theta = [-0.6, 1.8, -0.1, 0.5];
    let direct = |t: [f64; 4]| mbgnbd::total(t.map(f64::exp), &g);
    let (total, gradient) = mbgnbd::total_and_gradient(&theta, &g, &by_x);
    assert!(
        (total - direct(theta)).abs() < 1e-9 * total.abs(),
        "{total}"
    );
    for i in 0..4 {
        let (mut up, mut down) = (theta, theta);
        up[i] += 1e-6;
        down[i] -= 1e-6;
        let numeric = (direct(up) - direct(down)) / 2e-6;
        assert!(
            (gradient[i] - numeric).abs() < 1e-4 * (1.0 + numeric.abs()),
            "{i}: {} vs {numeric}",
            gradient[i]
        );
    }
}

#[test]
fn pareto_nbd_gradient_matches_its_likelihood_on_both_branches() {
    let g = data::grouped(&cdnow());
    // α above β, then below it: the two forms of A0.
    for theta in [[-1.0, 2.5, -0.5, 1.5], [-0.6, 1.2, -0.3, 2.4]] {
        let direct = |t: [f64; 4]| pareto_nbd::total(t.map(f64::exp), &g);
        let (total, gradient) = pareto_nbd::total_and_gradient(&theta, &g);
        assert!(
            (total - direct(theta)).abs() < 1e-9 * total.abs(),
            "{total}"
        );
        for i in 0..4 {
            let (mut up, mut down) = (theta, theta);
            up[i] += 1e-6;
            down[i] -= 1e-6;
            let numeric = (direct(up) - direct(down)) / 2e-6;
            assert!(
                (gradient[i] - numeric).abs() < 1e-4 * (1.0 + numeric.abs()),
                "{theta:?} {i}: {} vs {numeric}",
                gradient[i]
            );
        }
    }
}

#[test]
fn bgnbd_new_customer_expectations_of_the_paper() {
    let fit = bgnbd::BgNbd {
        r: 0.2425945,
        alpha: 4.4136019,
        a: 0.7929199,
        b: 2.4258881,
        log_likelihood: 0.0,
        converged: true,
        se: None,
    };
    let published = [
        (0.1429, 0.0078),
        (1.0, 0.0532),
        (3.0, 0.1506),
        (31.8571, 1.0405),
        (32.0, 1.0437),
        (78.0, 1.8576),
    ];
    for (t, expected) in published {
        // Published to four decimals, from estimates rounded to seven.
        let ours = bgnbd::expected_repeat_purchases(&fit, t).unwrap();
        let error = (ours - expected).abs();
        assert!(
            error < 6e-5 || error / expected < 3e-4,
            "{t}: {ours} vs {expected}"
        );
    }
    // Survival falls from 1 and stays a probability.
    assert!((bgnbd::survival(&fit, 0.0) - 1.0).abs() < 1e-12);
    let year = bgnbd::survival(&fit, 52.0);
    assert!(year > 0.0 && year < 1.0 && bgnbd::survival(&fit, 104.0) < year);
}

#[test]
fn gamma_gamma_shrinks_a_zero_mean_repeat_spend() {
    // CDNOW master customer 10244: one repeat purchase worth 0. lifetimes
    // (p 6.2754, q 3.6245, v 14.9837) gives 10.57, not the mean 35.83.
    let fit = gamma_gamma::GammaGamma {
        p: 6.2753585928372715,
        q: 3.6244502103908856,
        v: 14.983688961947642,
        log_likelihood: 0.0,
        customers: 9450,
        converged: true,
        se: None,
    };
    let mean = fit.p * fit.v / (fit.q - 1.0);
    within(mean, 35.83, 0.001);
    let zero = data::History {
        x: 1.0,
        t_x: 4.0,
        t: 33.6,
        mean_spend: 0.0,
    };
    within(gamma_gamma::expected_spend(&fit, &zero, mean), 10.57, 0.001);
}

/// The bundled sample, analysed with the default settings.
pub(super) fn sample() -> crate::engine::Outcome {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/sample-key-accounts.csv"
    ))
    .unwrap();
    crate::engine::run(&bytes, &crate::engine::Request::default(), &|| 0.0).unwrap()
}

#[test]
fn profit_clv_of_the_sample_does_not_blow_up() {
    let outcome = sample();
    let clv = &outcome.analysis.clv;
    assert!(clv.margin_applied);
    let model = clv.profit_model.unwrap();
    eprintln!("{model:?}");
    for tier in &clv.by_tier {
        eprintln!(
            "{} {} {} {}",
            tier.key, tier.historical, tier.clv, tier.clv_share
        );
        if tier.historical > 0.0 {
            assert!(tier.clv_share > -0.5, "{}: {}", tier.key, tier.clv_share);
        }
    }
    assert!(clv.top20_share <= 1.5, "{}", clv.top20_share);
    // C01359: revenue 50, one purchase, a loss of 2,490.
    let (row, _) = outcome.customers.find("C01359").unwrap();
    let p = row.prediction.unwrap();
    eprintln!("C01359 {p:?}");
    assert!(p.clv.abs() < 25_000.0, "{}", p.clv);
    // Every customer's expected profit per purchase lies between its own
    // and the population's.
    let population = model.population_per_purchase;
    for row in outcome.customers.rows() {
        let Some(p) = row.prediction else { continue };
        let own = row.profit / f64::from(row.purchase_days.max(1));
        let (low, high) = (own.min(population), own.max(population));
        let slack = 1e-9 * (1.0 + low.abs() + high.abs());
        assert!(
            p.value_per_purchase >= low - slack && p.value_per_purchase <= high + slack,
            "{}: {} not within {low}..{high}",
            row.id,
            p.value_per_purchase
        );
    }
    let odd = outcome.analysis.non_finite_figures();
    assert!(odd.is_empty(), "{odd:?}");
}

#[test]
fn mbgnbd_reproduces_the_published_cdnow_estimates() {
    let g = data::grouped(&cdnow());
    let fit = mbgnbd::fit(&g, [0.0; 4]);
    eprintln!("{fit:?}");
    within(fit.r, 0.525, 0.005);
    within(fit.alpha, 6.183, 0.005);
    within(fit.a, 0.891, 0.005);
    within(fit.b, 1.614, 0.005);
    assert!(fit.converged);
    let direct: f64 = g
        .iter()
        .map(|(h, w)| w * mbgnbd::ln_likelihood([fit.r, fit.alpha, fit.a, fit.b], h))
        .sum();
    within(fit.log_likelihood, direct, 1e-9);
    // x = 2, t_x = 30.43, T = 38.86: 1.226 purchases in 39 weeks (lifetimes
    // asserts this within 0.05 for MBG/NBD).
    let h = data::History {
        x: 2.0,
        t_x: 30.43,
        t: 38.86,
        mean_spend: 0.0,
    };
    let expected = mbgnbd::expected_purchases(&fit, &h, 39.0).unwrap();
    eprintln!("E[Y(39)] = {expected}");
    assert!((expected - 1.226).abs() < 0.05, "{expected}");
    // A one-time buyer is not certainly alive; P(alive) stays a probability.
    let once = data::History {
        x: 0.0,
        t_x: 0.0,
        t: 30.0,
        mean_spend: 0.0,
    };
    assert!(mbgnbd::p_alive(&fit, &once) < 1.0);
    for x in [0.0, 10.0, 221.0] {
        let h = data::History {
            x,
            t_x: 20.0,
            t: 104.0,
            mean_spend: 0.0,
        };
        let alive = mbgnbd::p_alive(&fit, &h);
        assert!((0.0..=1.0).contains(&alive), "{x}: {alive}");
    }
    // Hardie's new-customer expectations, within lifetimes' 5%.
    for (t, published) in [(1.0, 0.0532), (31.8571, 1.0405), (78.0, 1.8576)] {
        let ours = mbgnbd::expected_repeat_purchases(&fit, t).unwrap();
        assert!((ours / published - 1.0).abs() < 0.05, "{t}: {ours}");
    }
}

#[test]
fn pareto_nbd_per_customer_figures_of_the_walkthrough() {
    // BTYD walkthrough: customer 1516 (x 26, t_x 30.86, T 31), P(alive)
    // 0.9979 and 25.46 purchases in 52 weeks.
    let fit = pareto_nbd::ParetoNbd {
        r: 0.5534,
        alpha: 10.5802,
        s: 0.6061,
        beta: 11.6562,
        log_likelihood: 0.0,
        converged: true,
        se: None,
    };
    let heavy = data::History {
        x: 26.0,
        t_x: 30.86,
        t: 31.0,
        mean_spend: 0.0,
    };
    within(pareto_nbd::p_alive(&fit, &heavy), 0.9979, 0.0005);
    within(
        pareto_nbd::expected_purchases(&fit, &heavy, 52.0).unwrap(),
        25.46,
        0.001,
    );
    // The chance of a purchase: Simpson in w against a fine sum in u.
    let (big_r, big_a, big_b) = (fit.r + 2.0, fit.alpha + 40.0, fit.beta + 40.0);
    let h = data::History {
        x: 2.0,
        t_x: 10.0,
        t: 40.0,
        mean_spend: 0.0,
    };
    let t = 13.0;
    let steps = 200_000;
    let du = t / steps as f64;
    let fine: f64 = (0..steps)
        .map(|i| {
            let u = (i as f64 + 0.5) * du;
            big_r / big_a
                * (big_a / (big_a + u)).powf(big_r + 1.0)
                * (big_b / (big_b + u)).powf(fit.s)
                * du
        })
        .sum();
    within(pareto_nbd::p_purchase_if_alive(&fit, &h, t), fine, 1e-6);
}

#[test]
fn the_chance_of_a_purchase_and_the_next_one() {
    let g = data::grouped(&cdnow());
    let bg = model::Purchases::Bg(bgnbd::fit(&g));
    let once = data::History {
        x: 0.0,
        t_x: 0.0,
        t: 30.0,
        mean_spend: 0.0,
    };
    // BG/NBD: P(X(t) = 0) = 1 − P(alive) + P(alive) ((α+T)/(α+T+t))^(r+x).
    let [r, alpha, _, _] = bg.parameters();
    let none = ((alpha + 30.0) / (alpha + 30.0 + 13.0)).powf(r);
    within(
        bg.p_alive(&once) * bg.p_purchase_if_alive(&once, 13.0),
        1.0 - none,
        1e-12,
    );
    // Rising in t, below P(alive).
    let heavy = data::History {
        x: 10.0,
        t_x: 38.0,
        t: 39.0,
        mean_spend: 0.0,
    };
    for m in [
        bg,
        model::Purchases::Mbg(mbgnbd::fit(&g, [0.0; 4])),
        model::Purchases::Pareto(pareto_nbd::fit(&g, [0.0; 4])),
    ] {
        let p: Vec<f64> = [1.0, 4.0, 13.0, 52.0, 520.0]
            .iter()
            .map(|&t| m.p_alive(&heavy) * m.p_purchase_if_alive(&heavy, t))
            .collect();
        assert!(p.windows(2).all(|w| w[1] >= w[0]), "{:?} {p:?}", m.kind());
        assert!(p[4] <= m.p_alive(&heavy) + 1e-12);
    }
    assert_eq!(value::ChurnRisk::of(0.9), value::ChurnRisk::Low);
    assert_eq!(value::ChurnRisk::of(0.5), value::ChurnRisk::Medium);
    assert_eq!(value::ChurnRisk::of(0.2), value::ChurnRisk::High);
}

#[test]
fn the_model_is_chosen_by_holdout_then_aic_and_can_be_asked_for() {
    let g = data::grouped(&cdnow());
    let bg = model::Purchases::Bg(bgnbd::fit(&g));
    let mbg = model::Purchases::Mbg(mbgnbd::fit(&g, [0.0; 4]));
    let usable = [bg, mbg];
    let none = std::collections::BTreeMap::new();
    // CDNOW: MBG/NBD's likelihood is the higher (-9582.14 against -9582.43).
    let by_aic = model::choose(&usable, vec![], &none, None).unwrap();
    assert_eq!(by_aic.chosen, model::ModelKind::Mbgnbd);
    assert_eq!(by_aic.basis, model::Basis::Aic);
    assert!(by_aic.reason.contains("AIC"));
    let errors = [
        (model::ModelKind::Bgnbd, 0.5),
        (model::ModelKind::Mbgnbd, 0.6),
    ]
    .into_iter()
    .collect();
    let by_holdout = model::choose(&usable, vec![], &errors, None).unwrap();
    assert_eq!(by_holdout.chosen, model::ModelKind::Bgnbd);
    assert_eq!(by_holdout.basis, model::Basis::Holdout);
    assert_eq!(by_holdout.holdout_mae.len(), 2);
    let asked = model::choose(&usable, vec![], &none, Some(model::ModelKind::Bgnbd)).unwrap();
    assert_eq!(
        (asked.chosen, asked.basis),
        (model::ModelKind::Bgnbd, model::Basis::Asked)
    );
    let unusable = model::choose(
        &usable,
        vec![model::ModelKind::ParetoNbd],
        &none,
        Some(model::ModelKind::ParetoNbd),
    )
    .unwrap();
    assert_eq!(unusable.basis, model::Basis::AskedUnusable);
    assert_eq!(
        model::ModelKind::parse("pareto_nbd"),
        Ok(model::ModelKind::ParetoNbd)
    );
    assert!(model::ModelKind::parse("x").is_err());
}

#[test]
fn bgnbd_standard_errors_of_lifetimes() {
    // lifetimes' quickstart summary on CDNOW: se(r) 0.012557, se(α)
    // 0.378221, se(a) 0.185719, se(b) 0.705345.
    let g = data::grouped(&cdnow());
    let (fit, covariance) = model::Purchases::Bg(bgnbd::fit(&g)).with_errors(&g);
    assert!(covariance.is_some());
    let model::Purchases::Bg(b) = fit else {
        unreachable!()
    };
    let se = b.se.unwrap();
    eprintln!("{se:?}");
    within(se.r, 0.012557, 0.02);
    within(se.alpha, 0.378221, 0.02);
    within(se.a, 0.185719, 0.02);
    within(se.b, 0.705345, 0.02);
}

#[test]
fn the_sample_has_intervals_around_its_clv() {
    let clv = sample().analysis.clv;
    let [lo, hi] = clv.clv_total_interval.unwrap();
    assert!(
        lo < clv.clv_total && clv.clv_total < hi,
        "{lo} {} {hi}",
        clv.clv_total
    );
    for tier in &clv.by_tier {
        let [lo, hi] = tier.interval.unwrap();
        assert!(lo <= tier.clv && tier.clv <= hi, "{}", tier.key);
    }
    let choice = clv.model_choice.unwrap();
    assert_eq!(choice.aic.len(), 3);
    assert!(clv.mbgnbd.unwrap().se.is_some());
    let c = clv.churn_risk;
    assert_eq!(c.low + c.medium + c.high, clv.calibration_customers);
}

#[test]
fn who_to_call_lists_valuable_customers_at_risk_most_at_stake_first() {
    let outcome = sample();
    let calls = &outcome.analysis.call_list;
    assert!(!calls.is_empty());
    for call in calls {
        let p = call.customer.prediction.unwrap();
        assert!(!call.reasons.is_empty());
        let high_risk = p.churn_risk == value::ChurnRisk::High;
        assert!(high_risk || p.p_alive_drop >= crate::call_list::FADING_DROP);
    }
    assert!(calls
        .windows(2)
        .all(|w| w[0].value_at_stake >= w[1].value_at_stake));
    let manager = calls[0].customer.account_manager.clone();
    let theirs: Vec<_> = crate::call_list::of_manager(calls, manager.as_deref()).collect();
    assert!(!theirs.is_empty() && theirs.iter().all(|c| c.customer.account_manager == manager));
    let csv = crate::call_list::csv(theirs);
    assert_eq!(
        csv.lines().count(),
        1 + crate::call_list::of_manager(calls, manager.as_deref()).count()
    );
}

#[test]
fn credibility_by_hand() {
    // A: 2 purchases of 100 at margin 0.2; B: 100 and 300 at 0.5; C: one
    // purchase of 50 at a loss of 2,490. Per purchase: A 20, 20; B 50, 150;
    // C −2,490. σ² = (0 + 5,000) / 2 = 2,500; Σ n (X − X̄)² with X̄ = −450
    // is 5,208,400; τ² = (5,208,400 − 2 σ²) / (5 − 9/5) = 1,626,062.5.
    let text = "customer_id,date,amount,cost\n\
        A,2024-01-01,100,80\nA,2024-02-01,100,80\n\
        B,2024-01-01,100,50\nB,2024-03-01,300,150\n\
        C,2024-01-05,50,2540\n";
    let mut rows = crate::ingest::read::Records::open(text, b',').unwrap();
    let columns = crate::ingest::map::map_columns(&rows.headers.clone(), &[]).unwrap();
    let t =
        crate::ingest::table::build(&mut rows, &columns, &Default::default(), &mut |_| {}).unwrap();
    let customers = crate::customers::aggregate(&t);
    let profits = crate::profit::per_customer(&customers, 0.25);
    let model = value::Credibility::estimate(&customers, &profits);
    within(model.prior_purchases, 2500.0 / 1_626_062.5, 1e-9);
    // The population's mean weights each customer by n / (n + k).
    within(model.population_per_purchase, -789.564_944_786_375, 1e-9);
    within(model.expected(-2490.0, 1.0), -2_487.389_668_718_251, 1e-9);
}
