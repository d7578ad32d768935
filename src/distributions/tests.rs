use super::*;
use proptest::prelude::*;

/// The bins of `values`, each customer counted (tier C for all).
fn binned(values: &[f64]) -> (Scale, Vec<Bin>) {
    let scale = Scale::of(values.iter());
    let mut bins = scale.bins();
    for &v in values {
        bins[scale.place(v)].customers += 1;
    }
    (scale, bins)
}

/// The invariants the module promises.
fn check(values: &[f64]) -> Vec<Bin> {
    let (scale, bins) = binned(values);
    assert_eq!(bins.len(), scale.len());
    assert_eq!(
        bins.iter().map(|b| b.customers).sum::<usize>(),
        values.len()
    );
    for w in bins.windows(2) {
        assert!(w[0].low <= w[0].high, "{w:?}");
        assert_eq!(w[0].high, w[1].low, "contiguous: {w:?}");
    }
    for &v in values {
        let b = &bins[scale.place(v)];
        assert!(b.low <= v && v <= b.high, "{v} in {b:?}");
    }
    if values.len() > 1 && !bins.is_empty() {
        let distinct = values.iter().any(|v| (v - values[0]).abs() >= ZERO);
        assert!(
            !distinct || bins.len() >= MIN_BINS.min(bins.len()),
            "{}",
            bins.len()
        );
    }
    assert!(bins.len() <= MAX_BINS);
    bins
}

#[test]
fn all_equal_is_one_bin() {
    let bins = check(&[250.0; 40]);
    assert_eq!(bins.len(), 1);
    assert_eq!(
        (bins[0].low, bins[0].high, bins[0].customers),
        (250.0, 250.0, 40)
    );
}

#[test]
fn one_customer_is_one_bin() {
    let bins = check(&[-12.5]);
    assert_eq!(bins.len(), 1);
    assert_eq!(bins[0].customers, 1);
    assert!(check(&[]).is_empty());
}

#[test]
fn log_bins_by_hand() {
    // 1, 10, 100, 1000 (twice): FD gives IQR 2 decades, h = 4 / 5^(1/3)
    // = 2.34, one bin for 3 decades; raised to 8 bins of 3/8 decade.
    let (scale, bins) = binned(&[1.0, 10.0, 100.0, 1000.0, 1000.0]);
    assert_eq!(bins.len(), 8);
    assert_eq!((bins[0].low, bins[7].high), (1.0, 1000.0));
    assert!((bins[1].low - 10f64.powf(3.0 / 8.0)).abs() < 1e-9);
    assert_eq!(
        bins.iter().map(|b| b.customers).collect::<Vec<_>>(),
        [1, 0, 1, 0, 0, 1, 0, 2]
    );
    // An exact edge belongs to the bin it opens.
    let edge = bins[2].low;
    assert_eq!(scale.place(edge), 2);
}

#[test]
fn all_negative_mirrors_the_positive_case() {
    let bins = check(&[-1.0, -10.0, -100.0, -1000.0, -1000.0]);
    assert_eq!((bins[0].low, bins[7].high), (-1000.0, -1.0));
    assert_eq!(
        bins.iter().map(|b| b.customers).collect::<Vec<_>>(),
        [2, 0, 1, 0, 0, 1, 0, 1]
    );
}

#[test]
fn mixed_signs_have_a_zero_bin_between() {
    let values = [-500.0, -5.0, 0.0, 0.001, 3.0, 40.0, 700.0, 9_000.0];
    let bins = check(&values);
    let zero = bins.iter().position(|b| b.low == -5.0).unwrap();
    assert_eq!((bins[zero].high, bins[zero].customers), (3.0, 2));
    assert!(bins[..zero].iter().all(|b| b.high <= -5.0));
    // No zero at all, both signs: the zero bin is there, empty.
    let bins = check(&[-8.0, -2.0, 4.0, 16.0]);
    assert!(bins
        .iter()
        .any(|b| b.low == -2.0 && b.high == 4.0 && b.customers == 0));
}

#[test]
fn a_million_customers_spread_over_the_bins() {
    // Log-normal spend: no bar holds half the customers.
    let values: Vec<f64> = (0..1_000_000u64)
        .map(|i| {
            let u = (i as f64 + 0.5) / 1e6;
            (5.0 + 1.5 * (2f64.sqrt() * inverse_erf(2.0 * u - 1.0))).exp()
        })
        .collect();
    let bins = check(&values);
    assert_eq!(bins.len(), MAX_BINS);
    assert!(bins.iter().all(|b| b.customers < 500_000));
}

/// A rough inverse error function (Winitzki), enough for test data.
fn inverse_erf(x: f64) -> f64 {
    let a = 0.147;
    let ln = (1.0 - x * x).ln();
    let t = 2.0 / (std::f64::consts::PI * a) + ln / 2.0;
    x.signum() * ((t * t - ln / a).sqrt() - t).sqrt()
}

#[test]
fn the_median_of_even_and_odd_counts() {
    assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
    assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
    assert_eq!(median(&mut []), 0.0);
}

proptest! {
    #[test]
    fn every_value_lands_in_one_ordered_contiguous_bin(
        values in prop::collection::vec(
            prop_oneof![
                -1e7..1e7f64,
                -1.0..1.0f64,
                Just(0.0),
                (1u32..5).prop_map(|k| 10f64.powi(k as i32)),
            ],
            0..300,
        )
    ) {
        check(&values);
    }
}
