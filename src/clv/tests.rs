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
    let t = table::build(&mut rows, &columns, None, &mut |_| {}).unwrap();
    let customers = crate::customers::aggregate(&t);
    data::histories(&customers, Day::parse_iso("1997-09-30").unwrap(), 7.0)
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
    within(fit.p, 6.25, 0.005);
    within(fit.q, 3.74, 0.005);
    within(fit.v, 15.44, 0.005);
}

#[test]
fn pareto_nbd_reproduces_the_published_cdnow_estimates() {
    let g = data::grouped(&cdnow());
    let fit = pareto_nbd::fit(&g);
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
    let p = pareto_nbd::fit(&one_timers);
    assert!(p.log_likelihood.is_finite() || !p.converged);
    let g = gamma_gamma::fit(&[]);
    assert!(!g.converged && g.customers == 0);
    assert!(bgnbd::fit(&[]).log_likelihood.is_finite());
}
