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
    if let Some(at) = svg.find("<g class=\"marks\">") {
        assert!(
            svg[at..].trim_end().ends_with("</g>\n</svg>"),
            "the marks end the SVG"
        );
        assert_eq!(svg[at..].matches("<g").count(), 1);
        let targets = svg.matches("data-readout=").count();
        assert_eq!(svg[at..].matches("<title>").count(), targets);
        assert_eq!(svg[at..].matches("fill=\"transparent\"").count(), targets);
    }
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
    assert!(svg.contains("#0072B2"));
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
    assert!(!without.contains("#D55E00"));
    let with = lorenz(&curve(), Some((0.2, 0.59)), &axes(), Size::default());
    assert!(with.contains("<circle") && with.contains("fill=\"#D55E00\""));
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
    assert!(svg.contains("fill=\"#D55E00\""));
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
    assert!(
        svg.contains("fill=\"#D55E00\""),
        "negative bar is vermillion"
    );
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
    assert!(svg.contains("#E69F00") && svg.contains("#C9D1DB"));
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
    assert!(svg.contains("#009E73") && svg.contains("True friends"));
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

/// The value of attribute `name` in the element text `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn num_attr(tag: &str, name: &str) -> f64 {
    attr(tag, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// Every `<element ...>` opening tag of `svg`, in order.
fn tags<'a>(svg: &'a str, element: &str) -> Vec<&'a str> {
    let open = format!("<{element} ");
    svg.match_indices(&open)
        .map(|(at, _)| {
            let end = svg[at..].find('>').map_or(svg.len(), |e| at + e);
            &svg[at..end]
        })
        .collect()
}

/// The hover targets of `svg`: (tag, readout).
fn targets(svg: &str) -> Vec<(&str, &str)> {
    let at = svg.find("<g class=\"marks\">").expect("a marks group");
    let marks = &svg[at..];
    tags(marks, "rect")
        .into_iter()
        .chain(tags(marks, "circle"))
        .map(|t| (t, attr(t, "data-readout").expect("a readout")))
        .collect()
}

fn quadrant_points(n: usize) -> Vec<[f64; 3]> {
    (0..n as u64)
        .map(|i| {
            let h = i.wrapping_mul(2654435761) % 10_000;
            let loyalty = (h % 97) as f64 * 0.5;
            let profit = ((h * 31) % 10_000) as f64 * 3.0 - 8_000.0;
            [loyalty, profit, (h % 4) as f64]
        })
        .collect()
}

/// Axis titles `x` and `y`.
fn titles(x: &'static str, y: &'static str) -> Axes<'static> {
    Axes {
        x,
        y,
        aria: "Chart",
    }
}

/// The readouts of `svg`'s hover targets, rectangles first.
fn readouts(svg: &str) -> Vec<&str> {
    targets(svg).into_iter().map(|t| t.1).collect()
}

/// The loyalty quadrant of `points` with splits at loyalty 20, profit 0.
fn scatter(points: &[[f64; 3]], names: &[&str; 4]) -> String {
    let splits = (20.0, 0.0);
    quadrant(
        points,
        splits,
        names,
        &money,
        &money,
        &axes(),
        Size::default(),
    )
}

/// Asserts that the rectangle `inner` lies within the rectangle `outer`.
fn within(inner: &str, outer: &str) {
    let edges = |tag: &str| {
        let (x, y) = (num_attr(tag, "x"), num_attr(tag, "y"));
        (
            x,
            y,
            x + num_attr(tag, "width"),
            y + num_attr(tag, "height"),
        )
    };
    let (a, b) = (edges(inner), edges(outer));
    assert!(b.0 <= a.0 && a.2 <= b.2, "x: {inner} within {outer}");
    assert!(b.1 <= a.1 && a.3 <= b.3, "y: {inner} within {outer}");
}

/// One SVG per chart, drawn from small ordinary inputs, with `label` used
/// for every caller text that can come from data (category, row, series and
/// period names).
fn every_chart(label: &str) -> Vec<(&'static str, String)> {
    let a = axes();
    let size = Size::default();
    let groups = vec![
        ("A".to_string(), vec![0.1, 0.6]),
        (label.to_string(), vec![0.3, -0.2]),
    ];
    let rows = vec![("North".to_string(), 120.0), (label.to_string(), -20.0)];
    let mix = vec![(label.to_string(), [5.0, 10.0, 30.0])];
    let names = ["True friends", "Butterflies", "Barnacles", label];
    let periods: Vec<(String, f64)> = (0..4)
        .map(|i| (format!("{label}{i}"), 0.1 * i as f64))
        .collect();
    let weeks: Vec<String> = (0..4).map(|i| format!("{label}{i}")).collect();
    let actual = [1.0, 2.0, 3.0, 4.0];
    let model = [1.5, 2.5, 3.5, 4.5];
    let day = |s: &str| crate::day::Day::parse_iso(s).unwrap();
    vec![
        ("lorenz", lorenz(&curve(), Some((0.2, 0.59)), &a, size)),
        (
            "lorenz_multi",
            lorenz_multi(&[(label.to_string(), curve())], &a, size),
        ),
        ("whale", whale(&curve(), (0.5, 0.9), &a, size)),
        ("quadrant", scatter(&quadrant_points(50), &names)),
        ("period_line", period_line(&periods, &a, size)),
        (
            "tracking",
            tracking(
                &weeks,
                [(label, &actual), ("Model", &model)],
                Some(2),
                &a,
                size,
            ),
        ),
        (
            "grouped_bars",
            grouped_bars(&[label, "Revenue"], &groups, &a, size),
        ),
        (
            "grouped_bars_with",
            grouped_bars_with(&["Mean", label], &groups, &money, &a, size),
        ),
        ("hbars", hbars(&rows, &money, &a, size)),
        (
            "stacked_mix",
            stacked_mix(&[label, "B", "C"], &mix, &a, size),
        ),
        (
            "timeline",
            timeline(
                &[(day("2024-01-05"), 10.0), (day("2024-02-01"), -3.0)],
                &a,
                size,
                &money,
            ),
        ),
    ]
}

#[test]
fn every_chart_ends_with_its_hover_targets() {
    for (name, svg) in every_chart("North") {
        check(&svg);
        let found = targets(&svg);
        assert!(!found.is_empty(), "{name} has targets");
        for (tag, text) in &found {
            assert!(!text.is_empty(), "{name}: {tag}");
            let title = format!("<title>{text}</title>");
            assert!(svg.contains(&title), "{name}: {title}");
        }
        for circle in tags(&svg[svg.find("<g class=\"marks\">").unwrap()..], "circle") {
            assert_eq!(attr(circle, "r"), Some("6"), "{name}");
        }
    }
}

#[test]
fn readouts_use_the_axis_titles_and_the_values() {
    let svg = lorenz(&curve(), Some((0.2, 0.59)), &axes(), Size::default());
    let found = targets(&svg);
    assert_eq!(found.len(), 22, "21 curve points and the pick");
    assert_eq!(
        found[21].1,
        "Share of customers 20.0% · Share of revenue 59.0%"
    );
    assert_eq!(
        found[0].1,
        "Share of customers 0.0% · Share of revenue 0.0%"
    );
    let tiers = titles("Tier", "Share");
    let groups = vec![("A".to_string(), vec![0.2, 0.8])];
    let svg = grouped_bars(
        &["Share of customers", "Share of revenue"],
        &groups,
        &tiers,
        Size::default(),
    );
    assert_eq!(
        readouts(&svg),
        [
            "Tier A · Share of customers: 20.0%",
            "Tier A · Share of revenue: 80.0%"
        ]
    );
    let svg = grouped_bars_with(&["Mean"], &groups, &money, &tiers, Size::default());
    assert_eq!(targets(&svg)[0].1, "Tier A · Mean: 0");
    let lifecycle = titles("Customers", "");
    let svg = hbars(
        &[("Active".into(), 1234.0)],
        &money,
        &lifecycle,
        Size::default(),
    );
    assert_eq!(targets(&svg)[0].1, "Active · Customers: 1234");
    let split = titles("Customer share", "");
    let svg = stacked_mix(
        &["A", "B", "C"],
        &[("North".into(), [1.0, 0.0, 3.0])],
        &split,
        Size::default(),
    );
    assert_eq!(
        readouts(&svg),
        [
            "North · A · Customer share: 25.0%",
            "North · C · Customer share: 75.0%"
        ]
    );
    let names = ["True friends", "Butterflies", "Barnacles", "Strangers"];
    let loyalty = titles("Tenure", "Profit");
    let svg = quadrant(
        &[[30.0, 500.0, 0.0]],
        (20.0, 0.0),
        &names,
        &money,
        &money,
        &loyalty,
        Size::default(),
    );
    assert_eq!(targets(&svg)[0].1, "True friends · Tenure 30 · Profit 500");
    let svg = whale(
        &[[0.0, 0.0], [0.6, 1.68], [1.0, 1.0]],
        (0.6, 1.68),
        &axes(),
        Size::default(),
    );
    let found = targets(&svg);
    assert_eq!(
        found.last().unwrap().1,
        "Share of customers 60.0% · Share of revenue 168.0%"
    );
    let svg = lorenz_multi(&[("North".into(), curve())], &axes(), Size::default());
    assert_eq!(
        targets(&svg)[0].1,
        "North · Share of customers 0.0% · Share of revenue 0.0%"
    );
}

#[test]
fn target_count_is_bounded() {
    let long: Vec<[f64; 2]> = (0..=5000)
        .map(|i| {
            let x = i as f64 / 5000.0;
            [x, x.sqrt()]
        })
        .collect();
    let a = axes();
    let size = Size::default();
    let series: Vec<(String, Vec<[f64; 2]>)> =
        (0..8).map(|i| (format!("s{i}"), long.clone())).collect();
    let periods: Vec<(String, f64)> = (0..2000).map(|i| (format!("p{i}"), 0.5)).collect();
    let labels: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
    let values: Vec<f64> = (0..3000).map(f64::from).collect();
    let rows: Vec<(String, f64)> = (0..200).map(|i| (format!("r{i}"), i as f64)).collect();
    let names = ["a", "b", "c", "d"];
    for (name, svg) in [
        ("lorenz", lorenz(&long, Some((0.5, 0.7)), &a, size)),
        ("lorenz_multi", lorenz_multi(&series, &a, size)),
        ("whale", whale(&long, (0.5, 0.7), &a, size)),
        ("quadrant", scatter(&quadrant_points(20_000), &names)),
        ("period_line", period_line(&periods, &a, size)),
        (
            "tracking",
            tracking(&labels, [("x", &values), ("y", &values)], None, &a, size),
        ),
        ("hbars", hbars(&rows, &money, &a, size)),
    ] {
        let n = targets(&svg).len();
        assert!((100..=301).contains(&n), "{name}: {n} targets");
        let group = svg.len() - svg.find("<g class=\"marks\">").unwrap();
        assert!(group < 100_000, "{name}: {group} bytes of targets");
    }
    let svg = lorenz(&long, None, &a, size);
    let first_last = targets(&svg);
    assert_eq!(
        first_last[0].1,
        "Share of customers 0.0% · Share of revenue 0.0%"
    );
    assert_eq!(
        first_last[299].1,
        "Share of customers 100.0% · Share of revenue 100.0%"
    );
}

#[test]
fn hostile_text_is_escaped_in_readouts_and_titles() {
    const EVIL: &str = "<script>\"&'";
    const EVIL_ESCAPED: &str = "&lt;script&gt;&quot;&amp;&apos;";
    for (name, svg) in every_chart(EVIL) {
        check(&svg);
        if matches!(name, "lorenz" | "whale" | "timeline") {
            continue; // no data labels; their axis titles are tested below
        }
        assert!(!svg.contains("<script"), "{name}: {svg}");
        let found = targets(&svg);
        let carrying = found.iter().filter(|t| t.1.contains(EVIL_ESCAPED)).count();
        assert!(carrying > 0, "{name}: the label reaches a readout");
        let marks = &svg[svg.find("<g class=\"marks\">").unwrap()..];
        let titled = marks.split("<title>").skip(1).filter(|t| {
            t.split("</title>")
                .next()
                .is_some_and(|t| t.contains(EVIL_ESCAPED))
        });
        assert_eq!(titled.count(), carrying, "{name}: the title says the same");
    }
    let hostile_axes = Axes {
        x: EVIL,
        y: EVIL,
        aria: "a",
    };
    for svg in [
        lorenz(&curve(), Some((0.2, 0.5)), &hostile_axes, Size::default()),
        whale(&curve(), (0.5, 0.9), &hostile_axes, Size::default()),
        timeline(
            &[(crate::day::Day(19000), 10.0)],
            &hostile_axes,
            Size::default(),
            &money,
        ),
    ] {
        assert!(!svg.contains("<script"));
        assert!(targets(&svg).iter().all(|t| t.1.starts_with(EVIL_ESCAPED)));
    }
}

#[test]
fn a_bar_target_covers_its_bar() {
    let groups = vec![
        ("A".to_string(), vec![0.1, 0.6, 0.9]),
        ("Loss".to_string(), vec![0.1, 0.05, -0.3]),
    ];
    let svg = grouped_bars(
        &["Customers", "Revenue", "Profit"],
        &groups,
        &axes(),
        Size::default(),
    );
    let drawn: Vec<&str> = tags(&svg, "rect")
        .into_iter()
        .filter(|t| attr(t, "fill") == Some("#009E73"))
        .collect();
    assert_eq!(drawn.len(), 3, "the legend square and two revenue bars");
    let found = targets(&svg);
    for (bar, category) in drawn[1..].iter().zip(["A", "Loss"]) {
        let text = format!("Share of customers {category} · Revenue: ");
        let (mark, _) = found
            .iter()
            .find(|t| t.1.starts_with(&text))
            .expect("its target");
        within(bar, mark);
        assert!(
            num_attr(mark, "height") > 200.0,
            "the full plot height: {mark}"
        );
    }
    let rows = vec![("Alice".to_string(), 100.0), ("Loss".to_string(), -40.0)];
    let svg = hbars(&rows, &money, &axes(), Size::default());
    let drawn: Vec<&str> = tags(&svg, "rect")
        .into_iter()
        .filter(|t| matches!(attr(t, "fill"), Some("#0072B2" | "#D55E00")))
        .collect();
    let found = targets(&svg);
    assert_eq!((drawn.len(), found.len()), (2, 2));
    for (bar, (mark, _)) in drawn.iter().zip(&found) {
        within(bar, mark);
    }
}

#[test]
fn the_highlighted_points_targets_sit_on_the_drawn_points() {
    let red_dot = |svg: &str| {
        let dots: Vec<&str> = tags(svg, "circle")
            .into_iter()
            .filter(|t| attr(t, "fill") == Some("#D55E00"))
            .collect();
        assert_eq!(dots.len(), 1, "{svg}");
        (num_attr(dots[0], "cx"), num_attr(dots[0], "cy"))
    };
    let svg = lorenz(&curve(), Some((0.2, 0.59)), &axes(), Size::default());
    let (cx, cy) = red_dot(&svg);
    let pick = targets(&svg)
        .into_iter()
        .find(|t| t.1 == "Share of customers 20.0% · Share of revenue 59.0%")
        .expect("the pick's target");
    assert_eq!((num_attr(pick.0, "cx"), num_attr(pick.0, "cy")), (cx, cy));
    let c = vec![[0.0, 0.0], [0.2, 1.2], [0.6, 1.68], [0.9, 1.3], [1.0, 1.0]];
    let svg = whale(&c, (0.6, 1.68), &axes(), Size::default());
    let (cx, cy) = red_dot(&svg);
    let peak: Vec<_> = targets(&svg)
        .into_iter()
        .filter(|t| t.1 == "Share of customers 60.0% · Share of revenue 168.0%")
        .collect();
    assert!(!peak.is_empty());
    for (mark, _) in peak {
        assert_eq!((num_attr(mark, "cx"), num_attr(mark, "cy")), (cx, cy));
    }
}

#[test]
fn the_tiers_differ_in_lightness_too() {
    fn luminance(c: plotters::style::RGBColor) -> f64 {
        let lin = |v: u8| {
            let s = f64::from(v) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }
    let (a, b, c) = (luminance(BLUE), luminance(AMBER), luminance(GREY));
    assert!(a + 0.15 < b && b + 0.15 < c, "{a} {b} {c}");
    assert!(luminance(RED) + 0.1 < b, "losses read darker than tier B");
    assert_eq!(PALETTE.len(), 8);
    for (i, x) in PALETTE.iter().enumerate() {
        assert!(PALETTE[..i].iter().all(|y| y != x), "distinct colours");
    }
}

#[test]
fn a_saved_chart_stands_alone() {
    let svg = grouped_bars(
        &["x"],
        &[("A".to_string(), vec![0.5])],
        &axes(),
        Size::default(),
    );
    let (file, w, h) = standalone(&svg);
    assert_eq!((w, h), (640, 360));
    assert!(file.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 360\" width=\"640\" height=\"360\""), "{file}");
    assert!(file.contains("<rect x=\"0\" y=\"0\" width=\"640\" height=\"360\" fill=\"#FFFFFF\"/>"));
    assert!(
        !file.contains("marks") && !file.contains("transparent") && !file.contains("data-readout")
    );
    assert!(file.trim_end().ends_with("</svg>"));
    assert_eq!(file.matches("<svg").count(), 1);
    assert!(file.contains("aria-label=\"Concentration chart\""));
    assert_eq!(standalone("not a chart").0, "not a chart");
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

#[test]
fn histogram_labels_are_thinned_and_text_escaped() {
    let bars: Vec<Bar> = (0..30)
        .map(|i| Bar {
            low: 10f64.powf(i as f64 / 5.0),
            high: 10f64.powf((i + 1) as f64 / 5.0),
            tiers: [i, 2 * i, 30 - i],
            readout: format!("{HOSTILE} {i}"),
        })
        .collect();
    let markers = [Marker {
        value: 1000.0,
        name: HOSTILE.into(),
        kind: MarkerKind::Median,
    }];
    let count = |v: f64| format!("{v:.0}");
    let formats = Formats {
        edge: &money,
        count: &count,
    };
    let svg = histogram(&bars, &markers, &formats, 0.0, &axes(), Size::default());
    check(&svg);
    no_raw_hostile(&svg);
    assert_eq!(svg.matches("data-readout=").count(), 30);
    // Every labelled edge has the room of the widest label.
    let labels: Vec<String> = (0..=30)
        .map(|i| money(10f64.powf(i as f64 / 5.0)))
        .collect();
    let shown = labelled_edges(&labels, 560.0);
    let slot = 560.0 / 30.0;
    let widest = labels.iter().map(|l| text_width(l)).max().unwrap() as f64;
    assert!(shown.len() > 2 && shown.len() < 31, "{shown:?}");
    assert!(shown
        .windows(2)
        .all(|w| (w[1] - w[0]) as f64 * slot >= widest));
    // A value on a bin edge, and inside a log bin.
    assert_eq!(position(&bars, 1.0), Some(0.0));
    assert!((position(&bars, 10f64.powf(0.1)).unwrap() - 0.5).abs() < 1e-9);
    assert_eq!(position(&bars, 1e9), None);
}

#[test]
fn a_legend_wraps_onto_a_new_row_rather_than_running_past_the_edge() {
    let names: Vec<String> = ["Share of customers", "Share of revenue", "Share of profit"]
        .map(String::from)
        .to_vec();
    let wide = legend_places(&names, 640);
    assert!(wide.iter().all(|p| p.1 == wide[0].1), "{wide:?}");
    let narrow = legend_places(&names, 300);
    assert!(narrow.last().unwrap().1 > narrow[0].1, "{narrow:?}");
    for (&(x, _), name) in narrow.iter().zip(&names) {
        assert!(x + 15 + text_width(name) as i32 <= 300, "{name} at {x}");
    }
    let labels: Vec<&str> = names.iter().map(String::as_str).collect();
    assert_eq!(legend_px(&labels, 640), LEGEND_ROW_PX);
    assert!(legend_px(&labels, 300) >= 2 * LEGEND_ROW_PX);
}

#[test]
fn period_labels_thin_out_on_a_narrow_chart() {
    let points: Vec<(String, f64)> = (1..=12)
        .map(|m| (format!("2024-{m:02}"), 0.1 + m as f64 / 100.0))
        .collect();
    let axes = Axes {
        x: "",
        y: "Repeat rate",
        aria: "Repeat rate",
    };
    let labels = |width| {
        let svg = period_line(&points, &axes, Size { width, height: 240 });
        check(&svg);
        // Drawn labels only: the text of each <text> element.
        svg.split("</text>")
            .filter(|chunk| {
                chunk
                    .rsplit('>')
                    .next()
                    .is_some_and(|t| t.trim().starts_with("2024-"))
            })
            .count()
    };
    // Every month where there is room, fewer as the chart narrows.
    assert_eq!(labels(1200), 12);
    let (wide, narrow) = (labels(640), labels(300));
    assert!(
        wide < 12 && narrow < wide && narrow >= 2,
        "{wide} at 640 px, {narrow} at 300 px"
    );
}
