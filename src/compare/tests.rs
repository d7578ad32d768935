use super::*;
use crate::engine::{run, Request};
use crate::settings::Settings;

fn analyse(csv: &str, compare: &str) -> crate::analysis::Analysis {
    let request = Request {
        settings: Settings {
            compare: CompareSettings::parse(compare).unwrap(),
            ..Settings::default()
        },
        ..Request::default()
    };
    run(csv.as_bytes(), &request, &|| 0.0).unwrap().analysis
}

fn cell<'a>(c: &'a Compare, from: &str, to: &str) -> &'a Cell {
    &c.migration[from][to]
}

/// Five customers over two periods, by hand:
/// period 1: P 100, Q 30, R 10.0051 (rounds to 10.01), S −5 then +1 (in, −4);
/// period 2: P 120, Q 10, T 50 (new); R and S are gone.
#[test]
fn a_small_case_by_hand() {
    let csv = "customer_id,date,amount\n\
        P,2024-01-10,100\nQ,2024-02-01,30\nR,2024-03-01,10.0051\nS,2024-03-02,-5\nS,2024-03-03,1\n\
        P,2024-07-01,120\nQ,2024-08-01,10\nT,2024-09-01,50\nU,2024-12-01,-3\n";
    let a = analyse(csv, "2024-01-01..2024-06-30,2024-07-01..2024-12-31");
    let c = &a.compare;
    let b = &c.bridge;
    assert_eq!(b.cents, [13_601, 5_000, 601, 2_000, 2_000, 18_000]);
    assert_eq!((b.start, b.new, b.lost, b.end), (136.01, 50.0, 6.01, 180.0));
    // NRR = (136.01 − 6.01 + 20 − 20) / 136.01; GRR = (136.01 − 6.01 − 20) / 136.01.
    assert!((c.nrr.unwrap() - 13_000.0 / 13_601.0).abs() < 1e-12);
    assert!((c.grr.unwrap() - 11_000.0 / 13_601.0).abs() < 1e-12);
    // Period-1 tiers by the cumulative rule: P (0% above) A, Q (73.5%) A,
    // R (95.6%) C, S C. Period 2: P A, T (66.7%) A, Q (94.4%) B.
    assert_eq!(cell(c, "A", "A").customers, 1, "P stays A");
    assert_eq!(cell(c, "A", "B").customers, 1, "Q falls to B");
    assert_eq!(cell(c, "A", "B").list[0].id, "Q");
    assert_eq!(cell(c, "none", "A").customers, 1, "T is new and A");
    assert_eq!(cell(c, "C", "none").customers, 2, "R and S are lost");
    assert_eq!(cell(c, "C", "none").revenue_before, 6.01);
    assert_eq!(cell(c, "C", "none").revenue, 0.0);
    assert_eq!(c.customers, [4, 3]);
    assert_eq!(c.outside, 1, "U has only a return");
    assert_eq!(c.notes, [Note::Period1BeforeFile, Note::Period2AfterAsOf]);
    let p = a.top_customers.iter().find(|r| r.id == "T").unwrap();
    assert_eq!(p.movement.key(), "none>A");
}

#[test]
fn period_one_empty_leaves_retention_undefined() {
    let csv = "customer_id,date,amount\nA,2024-07-01,10\nB,2024-08-01,5\n";
    let a = analyse(csv, "");
    assert_eq!(a.compare.nrr, None);
    assert_eq!(a.compare.grr, None);
    assert!(a.compare.notes.contains(&Note::Period1Empty));
    assert!(a.compare.notes.contains(&Note::Period1BeforeFile));
    assert!(
        a.non_finite_figures().is_empty(),
        "{:?}",
        a.non_finite_figures()
    );
    let json = serde_json::to_value(&a.compare).unwrap();
    assert!(json["nrr"].is_null());
}

#[test]
fn the_default_periods_are_the_last_two_years() {
    let as_of = Day::parse_iso("2024-02-29").unwrap();
    let [p1, p2] = default_spans(as_of);
    assert_eq!(p2.start.to_string(), "2023-03-01");
    assert_eq!(p2.end, as_of);
    assert_eq!(p1.start.to_string(), "2022-03-01");
    assert_eq!(p1.end.to_string(), "2023-02-28");
}

#[test]
fn ranges_are_checked() {
    for (text, ok) in [
        ("2024-01-01..2024-06-30,2024-07-01..2024-12-31", true),
        ("2024-01-01..2024-01-01,2024-01-02..2024-01-02", true),
        ("2024-06-30..2024-01-01,2024-07-01..2024-12-31", false),
        ("2024-01-01..2024-07-01,2024-07-01..2024-12-31", false),
        ("2024-01-01..2024-06-30", false),
        ("2024-01-01..x,2024-07-01..2024-12-31", false),
    ] {
        assert_eq!(CompareSettings::parse(text).is_ok(), ok, "{text}");
    }
    let e = CompareSettings::parse("2024-06-30..2024-01-01,2024-07-01..2024-12-31").unwrap_err();
    assert_eq!(e.field(), Field::Compare);
    assert!(
        e.to_string()
            .starts_with("--compare: 2024-06-30 is after 2024-01-01"),
        "{e}"
    );
    assert_eq!(Movement::parse("new→A").unwrap().key(), "none>A");
    assert_eq!(Movement::parse("b>lost").unwrap().key(), "B>none");
    assert!(Movement::parse("A-B").is_err());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn the_bridge_adds_up_and_the_cells_count_every_customer(
            rows in prop::collection::vec((0u8..15, 0u16..500, -3000i32..20000, 0u8..3), 1..90)
        ) {
            let mut csv = String::from("customer_id,date,amount,region\n");
            for (c, d, cents, region) in rows {
                let day = Day(19_700 + i32::from(d));
                csv.push_str(&format!("C{c},{day},{}.{:02},R{region}\n", cents / 100, (cents % 100).abs()));
            }
            let a = analyse(&csv, "");
            let c = &a.compare;
            let check = |b: &Bridge| {
                let [s, n, l, e, x, end] = b.cents;
                prop_assert_eq!(s + n - l + e - x, end);
                prop_assert!(e >= 0 && x >= 0);
                Ok(())
            };
            check(&c.bridge)?;
            for g in c.by_tier.iter().chain(c.by_dimension.values().flatten()) {
                check(&g.bridge)?;
            }
            let cells: Vec<&Cell> = c.migration.values().flat_map(|to| to.values()).collect();
            let in_either = cells.iter().map(|x| x.customers).sum::<usize>();
            prop_assert_eq!(in_either + c.outside, a.customers);
            let from_p1: usize = c.migration.iter().filter(|(k, _)| *k != "none")
                .flat_map(|(_, to)| to.values()).map(|x| x.customers).sum();
            prop_assert_eq!(from_p1, c.customers[0]);
            // Dimension values partition the customers, so their bridges add up.
            for groups in c.by_dimension.values() {
                let total: i64 = groups.iter().map(|g| g.bridge.cents[0]).sum();
                prop_assert_eq!(total, c.bridge.cents[0]);
            }
            prop_assert!(a.non_finite_figures().is_empty(), "{:?}", a.non_finite_figures());
        }
    }
}

#[test]
fn the_migration_lists_carry_both_period_revenues() {
    let csv = "customer_id,date,amount\nP,2024-01-10,100\nQ,2024-02-01,30\nQ,2024-08-01,-40\nQ,2024-08-02,1\nT,2024-09-01,50\n";
    let request = Request {
        settings: Settings {
            compare: CompareSettings::parse("2024-01-01..2024-06-30,2024-07-01..2024-12-31")
                .unwrap(),
            ..Settings::default()
        },
        ..Request::default()
    };
    let outcome = run(csv.as_bytes(), &request, &|| 0.0).unwrap();
    let lists = outcome.customers.migration_lists();
    let q = lists.iter().find(|m| m.id == "Q").unwrap();
    assert_eq!(
        (q.revenue_before, q.revenue, q.change),
        (Some(30.0), Some(-39.0), -69.0)
    );
    let p = lists.iter().find(|m| m.id == "P").unwrap();
    assert_eq!(
        (p.revenue, p.change, p.movement.key().as_str()),
        (None, -100.0, "A>none")
    );
    assert_eq!(lists.len(), 3);
    let rows = bridge_rows(&outcome.analysis.compare);
    assert_eq!(rows.iter().filter(|r| r.dimension == "tier").count(), 3);
}
