use super::*;

const HOSTILE: &str = "<b>&\"x\"";
const HOSTILE_ESCAPED: &str = "&lt;b&gt;&amp;&quot;x&quot;";

fn axes() -> Axes<'static> {
    Axes {
        x: "Share of customers",
        y: "Share of revenue",
        aria: "Concentration chart",
    }
}

fn money(v: f64) -> String {
    format!("{v:.0}")
}

/// A valid responsive SVG document.
fn check(svg: &str) {
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(svg.trim_end().ends_with("</svg>"), "{svg}");
    let open = &svg[..svg.find('>').unwrap()];
    assert!(open.contains("viewBox=\"0 0 "), "{open}");
    assert!(open.contains("width=\"100%\""), "{open}");
    assert!(!open.contains("height="), "{open}");
    assert!(open.contains("role=\"img\""), "{open}");
    assert!(open.contains("aria-label="), "{open}");
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
}

fn no_raw_hostile(svg: &str) {
    assert!(!svg.contains("<b>"), "{svg}");
    assert!(!svg.contains("&\""), "{svg}");
    assert!(svg.contains("&lt;b&gt;&amp;"), "{svg}");
}

fn curve() -> Vec<[f64; 2]> {
    (0..=20)
        .map(|i| {
            let x = i as f64 / 20.0;
            [x, 1.0 - (1.0 - x).powi(4)]
        })
        .collect()
}

fn edge_curves() -> Vec<Vec<[f64; 2]>> {
    vec![
        vec![],
        vec![[0.5, 0.5]],
        vec![[f64::NAN, 0.2], [0.3, f64::INFINITY], [0.4, 0.4]],
        vec![[0.2, 0.7]; 5],
        vec![[f64::NAN, f64::NAN]],
        vec![[1e300, -1e300], [0.0, 0.0]],
    ]
}

#[test]
fn default_size() {
    assert_eq!(
        Size::default(),
        Size {
            width: 640,
            height: 360
        }
    );
    let svg = lorenz(&curve(), None, &axes(), Size::default());
    assert!(svg.contains("viewBox=\"0 0 640 360\""));
}

#[test]
fn aria_label_is_escaped() {
    let a = Axes {
        x: HOSTILE,
        y: HOSTILE,
        aria: HOSTILE,
    };
    let svg = lorenz(&curve(), None, &a, Size::default());
    check(&svg);
    assert!(svg.contains(&format!("aria-label=\"{HOSTILE_ESCAPED}\"")));
    no_raw_hostile(&svg);
}

#[test]
fn lorenz_normal_and_edges() {
    let svg = lorenz(&curve(), Some((0.2, 0.59)), &axes(), Size::default());
    check(&svg);
    assert!(svg.contains("polygon"), "the area fill is drawn");
    assert!(svg.contains("#1F6FEB"));
    assert!(svg.contains("20%") && svg.contains("100%"));
    for c in edge_curves() {
        check(&lorenz(&c, None, &axes(), Size::default()));
        check(&lorenz(&c, Some((f64::NAN, 0.5)), &axes(), Size::default()));
        check(&lorenz(&c, Some((5.0, -3.0)), &axes(), Size::default()));
    }
}

#[test]
fn lorenz_readout_is_red() {
    let without = lorenz(&curve(), None, &axes(), Size::default());
    assert!(!without.contains("#D1242F"));
    let with = lorenz(&curve(), Some((0.2, 0.59)), &axes(), Size::default());
    assert!(with.contains("<circle") && with.contains("fill=\"#D1242F\""));
}

#[test]
fn lorenz_multi_legend_is_escaped() {
    let series: Vec<(String, Vec<[f64; 2]>)> = (0..10)
        .map(|i| (format!("{HOSTILE} {i}"), curve()))
        .collect();
    let svg = lorenz_multi(&series, &axes(), Size::default());
    check(&svg);
    no_raw_hostile(&svg);
    assert!(svg.contains("7</text>") || svg.contains(" 7\n"));
    assert!(!svg.contains(" 8\n"), "at most 8 series");
    for c in edge_curves() {
        let s = vec![("a".to_string(), c.clone()), ("b".to_string(), vec![])];
        check(&lorenz_multi(&s, &axes(), Size::default()));
    }
    check(&lorenz_multi(&[], &axes(), Size::default()));
}

#[test]
fn whale_marks_the_peak() {
    let c: Vec<[f64; 2]> = vec![[0.0, 0.0], [0.2, 1.2], [0.6, 1.68], [0.9, 1.3], [1.0, 1.0]];
    let svg = whale(&c, (0.6, 1.68), &axes(), Size::default());
    check(&svg);
    assert!(svg.contains("\n168%\n"), "{svg}");
    assert!(svg.contains("fill=\"#D1242F\""));
    for c in edge_curves() {
        check(&whale(&c, (0.5, 1.0), &axes(), Size::default()));
        check(&whale(
            &c,
            (f64::NAN, f64::INFINITY),
            &axes(),
            Size::default(),
        ));
    }
    let negative = vec![[0.0, 0.0], [0.5, -0.4], [1.0, -2.0]];
    check(&whale(&negative, (0.0, 0.0), &axes(), Size::default()));
}

#[test]
fn grouped_bars_normal_and_edges() {
    let series = ["Customers", "Revenue", "Profit"];
    let groups = vec![
        ("A".to_string(), vec![0.1, 0.6, 0.9]),
        ("B".to_string(), vec![0.2, 0.25, 0.3]),
        ("C".to_string(), vec![0.6, 0.15, 0.1]),
        (HOSTILE.to_string(), vec![0.1, 0.05, -0.3]),
    ];
    let svg = grouped_bars(&series, &groups, &axes(), Size::default());
    check(&svg);
    no_raw_hostile(&svg);
    assert!(svg.contains("-20%") || svg.contains("-30%"), "{svg}");
    assert!(svg.contains("Revenue"));
    check(&grouped_bars(&[], &[], &axes(), Size::default()));
    check(&grouped_bars(&series, &[], &axes(), Size::default()));
    let odd = vec![
        ("x".to_string(), vec![f64::NAN]),
        ("y".to_string(), vec![]),
        ("z".to_string(), vec![0.0, 0.0, 0.0, 0.0, 0.0]),
    ];
    check(&grouped_bars(&series, &odd, &axes(), Size::default()));
}

#[test]
fn hbars_normal_and_edges() {
    let rows: Vec<(String, f64)> = vec![
        ("Alice".to_string(), 120_000.0),
        (HOSTILE.to_string(), 80_000.0),
        ("Zhang Wei 张伟".to_string(), 5_000.0),
        ("Loss".to_string(), -20_000.0),
    ];
    let svg = hbars(&rows, &money, &axes(), Size::default());
    check(&svg);
    no_raw_hostile(&svg);
    assert!(svg.contains("Alice") && svg.contains("张伟"));
    assert!(svg.contains("fill=\"#D1242F\""), "negative bar is red");
    let many: Vec<(String, f64)> = (0..40).map(|i| (format!("r{i}"), i as f64)).collect();
    let tall = hbars(&many, &money, &axes(), Size::default());
    check(&tall);
    assert!(tall.contains(&format!("viewBox=\"0 0 640 {}\"", 40 * 22 + 46 + 18)));
    check(&hbars(&[], &money, &axes(), Size::default()));
    check(&hbars(
        &[("one".into(), 0.0)],
        &money,
        &axes(),
        Size::default(),
    ));
    check(&hbars(
        &[("nan".into(), f64::NAN)],
        &money,
        &axes(),
        Size::default(),
    ));
}

#[test]
fn stacked_mix_normal_and_edges() {
    let rows = vec![
        ("North".to_string(), [5.0, 10.0, 30.0]),
        (HOSTILE.to_string(), [1.0, 0.0, 0.0]),
        ("Empty".to_string(), [0.0, 0.0, 0.0]),
        ("Odd".to_string(), [f64::NAN, -1.0, 2.0]),
    ];
    let svg = stacked_mix(&["A", "B", "C"], &rows, &axes(), Size::default());
    check(&svg);
    no_raw_hostile(&svg);
    assert!(svg.contains("#F0A500") && svg.contains("#8B949E"));
    check(&stacked_mix(
        &["A", "B", "C"],
        &[],
        &axes(),
        Size::default(),
    ));
    let svg = stacked_mix(&[HOSTILE, "B", "C"], &rows[..1], &axes(), Size::default());
    no_raw_hostile(&svg);
}

#[test]
fn quadrant_normal_and_edges() {
    let mut points = Vec::new();
    for i in 0..200 {
        let loyalty = (i % 17) as f64 * 3.0;
        let profit = ((i * 7919) % 2000) as f64 * 50.0 - 10_000.0;
        let q = match (loyalty > 20.0, profit > 0.0) {
            (true, true) => 0.0,
            (false, true) => 1.0,
            (true, false) => 2.0,
            (false, false) => 3.0,
        };
        points.push([loyalty, profit, q]);
    }
    points.push([f64::NAN, 1.0, 0.0]);
    points.push([1.0, 1.0, f64::NAN]);
    let names = ["True friends", "Butterflies", "Barnacles", HOSTILE];
    let svg = quadrant(
        &points,
        (20.0, 0.0),
        &names,
        &money,
        &money,
        &axes(),
        Size::default(),
    );
    check(&svg);
    no_raw_hostile(&svg);
    assert!(svg.contains("#1A7F37") && svg.contains("True friends"));
    assert!(
        svg.contains(">\n-1000\n") || svg.contains("-1000"),
        "real values on ticks"
    );
    check(&quadrant(
        &[],
        (0.0, 0.0),
        &names,
        &money,
        &money,
        &axes(),
        Size::default(),
    ));
    let one = [[3.0, 3.0, 9.0]];
    check(&quadrant(
        &one,
        (3.0, 3.0),
        &names,
        &money,
        &money,
        &axes(),
        Size::default(),
    ));
    let bad = (f64::NAN, f64::INFINITY);
    check(&quadrant(
        &one,
        bad,
        &names,
        &money,
        &money,
        &axes(),
        Size::default(),
    ));
}

#[test]
fn tiny_and_huge_sizes_do_not_panic() {
    for size in [
        Size {
            width: 0,
            height: 0,
        },
        Size {
            width: 1,
            height: 1,
        },
        Size {
            width: u32::MAX,
            height: u32::MAX,
        },
    ] {
        check(&lorenz(&curve(), Some((0.1, 0.3)), &axes(), size));
        check(&whale(&curve(), (0.5, 0.9), &axes(), size));
        check(&hbars(&[("a".into(), 1.0)], &money, &axes(), size));
    }
}

#[test]
fn helpers() {
    assert_eq!(pct(0.0), "0%");
    assert_eq!(pct(-0.0), "0%");
    assert_eq!(pct(0.2), "20%");
    assert_eq!(pct(1.68), "168%");
    assert_eq!(pct(0.025), "2.5%");
    assert_eq!(escape(HOSTILE), HOSTILE_ESCAPED);
    let r = extent([f64::NAN, 2.0, 2.0].into_iter(), &[], 0.05);
    assert!(r.start < 2.0 && r.end > 2.0);
    let r = extent(std::iter::empty(), &[], 0.05);
    assert!(r.start < r.end);
    assert_eq!(bar_extent([0.5, 0.2].into_iter()).start, 0.0);
    assert_eq!(bar_extent([-0.5].into_iter()).end, 0.0);
}

/// Writes one SVG per chart to `$TMPDIR/tierlens-charts` for a visual check:
/// `cargo test --lib chart::tests::dump_samples -- --ignored`.
#[test]
#[ignore]
fn dump_samples() {
    let dir = std::env::temp_dir().join("tierlens-charts");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, svg: String| std::fs::write(dir.join(name), svg).unwrap();
    let a = axes();
    write(
        "lorenz.svg",
        lorenz(&curve(), Some((0.2, 0.59)), &a, Size::default()),
    );
    let flat: Vec<[f64; 2]> = (0..=10)
        .map(|i| [i as f64 / 10.0, (i as f64 / 10.0).powf(0.6)])
        .collect();
    let series = vec![
        ("North".to_string(), curve()),
        ("华东".to_string(), flat),
        (
            HOSTILE.to_string(),
            vec![[0.0, 0.0], [0.1, 0.5], [1.0, 1.0]],
        ),
    ];
    write(
        "lorenz_multi.svg",
        lorenz_multi(&series, &a, Size::default()),
    );
    let c: Vec<[f64; 2]> = (0..=50)
        .map(|i| {
            let x = i as f64 / 50.0;
            [
                x,
                1.68 * (1.0 - (1.0 - x / 0.6).powi(2)).max(-1.0) * if x > 0.6 { 0.8 } else { 1.0 },
            ]
        })
        .collect();
    let peak = c.iter().fold(
        (0.0, f64::MIN),
        |p, q| if q[1] > p.1 { (q[0], q[1]) } else { p },
    );
    write("whale.svg", whale(&c, peak, &a, Size::default()));
    let groups = vec![
        ("A".to_string(), vec![0.1, 0.6, 0.9]),
        ("B".to_string(), vec![0.2, 0.25, 0.3]),
        ("C".to_string(), vec![0.6, 0.15, 0.1]),
        ("Loss-making".to_string(), vec![0.1, 0.05, -0.3]),
    ];
    write(
        "grouped_bars.svg",
        grouped_bars(
            &["Customers", "Revenue", "Profit"],
            &groups,
            &a,
            Size::default(),
        ),
    );
    let rows: Vec<(String, f64)> = vec![
        ("Alice".to_string(), 120_000.0),
        ("Bob".to_string(), 80_000.0),
        ("张伟".to_string(), 5_000.0),
        ("Loss".to_string(), -20_000.0),
    ];
    write("hbars.svg", hbars(&rows, &money, &a, Size::default()));
    let mix = vec![
        ("North".to_string(), [5.0, 10.0, 30.0]),
        ("South".to_string(), [1.0, 0.0, 0.0]),
        ("Empty".to_string(), [0.0, 0.0, 0.0]),
        ("华东".to_string(), [3.0, 3.0, 3.0]),
    ];
    write(
        "stacked_mix.svg",
        stacked_mix(&["A", "B", "C"], &mix, &a, Size::default()),
    );
    let mut points = Vec::new();
    for i in 0..400u64 {
        let h = i.wrapping_mul(2654435761) % 10_000;
        let loyalty = (h % 97) as f64 * 0.5;
        let profit = ((h * 31) % 10_000) as f64 * ((h % 7) as f64 * 3.0 + 1.0) - 8_000.0;
        let q = match (loyalty > 20.0, profit > 1000.0) {
            (true, true) => 0.0,
            (false, true) => 1.0,
            (true, false) => 2.0,
            (false, false) => 3.0,
        };
        points.push([loyalty, profit, q]);
    }
    let names = ["True friends", "Butterflies", "Barnacles", "Strangers"];
    write(
        "quadrant.svg",
        quadrant(
            &points,
            (20.0, 1000.0),
            &names,
            &money,
            &money,
            &a,
            Size::default(),
        ),
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn num() -> impl Strategy<Value = f64> {
        prop_oneof![
            4 => -2.0f64..3.0,
            2 => -1e7f64..1e9,
            1 => prop::num::f64::ANY,
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 64,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]
        #[test]
        fn any_numbers(
            xs in prop::collection::vec((num(), num(), num()), 0..40),
            a in num(),
            b in num(),
            w in 0u32..3000,
            h in 0u32..3000,
        ) {
            let size = Size { width: w, height: h };
            let curve: Vec<[f64; 2]> = xs.iter().map(|p| [p.0, p.1]).collect();
            let a3 = axes();
            check(&lorenz(&curve, Some((a, b)), &a3, size));
            check(&lorenz_multi(&[("s".into(), curve.clone())], &a3, size));
            check(&whale(&curve, (a, b), &a3, size));
            let groups: Vec<(String, Vec<f64>)> =
                xs.iter().map(|p| ("g".to_string(), vec![p.0, p.1, p.2])).collect();
            check(&grouped_bars(&["x", "y", "z"], &groups, &a3, size));
            let rows: Vec<(String, f64)> = xs.iter().map(|p| ("r".to_string(), p.0)).collect();
            check(&hbars(&rows, &money, &a3, size));
            let mix: Vec<(String, [f64; 3])> =
                xs.iter().map(|p| ("m".to_string(), [p.0, p.1, p.2])).collect();
            check(&stacked_mix(&["A", "B", "C"], &mix, &a3, size));
            let pts: Vec<[f64; 3]> = xs.iter().map(|p| [p.0, p.1, p.2]).collect();
            let names = ["a", "b", "c", "d"];
            check(&quadrant(&pts, (a, b), &names, &money, &money, &a3, size));
        }
    }
}
