use super::*;
use crate::engine::{self, Request};
use proptest::prelude::*;

const LOG: &[u8] = "customer_id,customer_name,date,amount,region
A1,Alpha Trading,2024-01-01,100,North
A1,Alpha Trading,2024-01-01,50,North
A1,Alpha Trading,2024-03-01,-20,North
B2,北京贝塔科技,2024-02-01,400,South
C3,,2024-02-10,10,
D4,delta stores,2024-01-15,90,North
D4,delta stores,2024-04-01,90,North
"
.as_bytes();

fn table_of(csv: &[u8]) -> (CustomerTable, crate::analysis::Analysis, engine::Loaded) {
    let request = Request::default();
    let loaded = engine::load(csv, &request, &|| 0.0, &mut |_| {}).unwrap();
    let outcome = engine::analyse(&loaded, &request.settings, &|| 0.0).unwrap();
    (outcome.customers, outcome.analysis, loaded)
}

fn ids(page: &Page) -> Vec<&str> {
    page.rows.iter().map(|r| r.id.as_str()).collect()
}

fn query(sort: SortKey, descending: bool) -> Query {
    Query {
        sort,
        descending,
        ..Query::default()
    }
}

#[test]
fn sorts_by_each_key_both_ways_with_missing_names_last() {
    let (mut t, _, _) = table_of(LOG);
    let all = |t: &mut CustomerTable, q: &Query| ids(&t.page(q, 0, 10)).join(",");
    assert_eq!(all(&mut t, &Query::default()), "B2,D4,A1,C3");
    assert_eq!(all(&mut t, &query(SortKey::Revenue, false)), "C3,A1,D4,B2");
    assert_eq!(all(&mut t, &query(SortKey::Id, false)), "A1,B2,C3,D4");
    assert_eq!(all(&mut t, &query(SortKey::Id, true)), "D4,C3,B2,A1");
    // C3 has no name: last both ways.
    assert_eq!(all(&mut t, &query(SortKey::Name, false)), "A1,D4,B2,C3");
    assert_eq!(all(&mut t, &query(SortKey::Name, true)), "B2,D4,A1,C3");
    assert_eq!(
        all(&mut t, &query(SortKey::LastPurchase, true)),
        "D4,C3,B2,A1"
    );
    assert_eq!(
        all(&mut t, &query(SortKey::PurchaseDays, true)),
        "D4,B2,A1,C3"
    );
    for key in SortKey::ALL {
        for descending in [false, true] {
            let page = t.page(&query(key, descending), 0, 10);
            assert_eq!(page.matches, 4, "{key:?}");
            assert_eq!(SortKey::parse(&key.name()), Ok(key));
        }
    }
    assert!(SortKey::parse("size")
        .unwrap_err()
        .to_string()
        .contains("clv"));
}

#[test]
fn search_is_case_insensitive_on_id_and_name_and_chinese() {
    let (mut t, _, _) = table_of(LOG);
    let find = |t: &mut CustomerTable, text: &str| {
        let q = Query {
            search: text.into(),
            ..Query::default()
        };
        ids(&t.page(&q, 0, 10)).join(",")
    };
    assert_eq!(find(&mut t, "ALPHA"), "A1");
    assert_eq!(find(&mut t, " a1 "), "A1");
    assert_eq!(find(&mut t, "贝塔"), "B2");
    assert_eq!(find(&mut t, "DELTA"), "D4");
    assert_eq!(find(&mut t, "zzz"), "");
}

#[test]
fn filters_combine_and_pages_stop_at_the_end() {
    let (mut t, a, _) = table_of(LOG);
    let north = Query {
        dimension: Some(Filter {
            key: "region".into(),
            value: Some("North".into()),
        }),
        ..Query::default()
    };
    assert_eq!(ids(&t.page(&north, 0, 10)), ["D4", "A1"]);
    let none = Query {
        dimension: Some(Filter {
            key: "region".into(),
            value: None,
        }),
        ..Query::default()
    };
    assert_eq!(ids(&t.page(&none, 0, 10)), ["C3"]);
    let unknown = Query {
        dimension: Some(Filter {
            key: "planet".into(),
            value: Some("Mars".into()),
        }),
        ..Query::default()
    };
    assert_eq!(t.apply(&unknown), 0);
    let tier_a = Query {
        tier: Some(Tier::A),
        ..Query::default()
    };
    assert_eq!(t.apply(&tier_a), a.abc.a);
    let both = Query {
        tier: Some(Tier::A),
        ..north.clone()
    };
    assert!(t.apply(&both) <= t.apply(&tier_a));
    let page = t.page(&Query::default(), 3, 10);
    assert_eq!((page.offset, page.rows.len(), page.matches), (3, 1, 4));
    let past = t.page(&Query::default(), 99, 10);
    assert_eq!((past.offset, past.rows.len()), (4, 0));
    let huge = t.page(&Query::default(), usize::MAX, usize::MAX);
    assert!(huge.rows.is_empty());
}

#[test]
fn the_card_has_the_timeline_merged_by_day_and_the_dimensions() {
    let (t, a, loaded) = table_of(LOG);
    let card = card(&t, loaded.table(), a.as_of, "A1").unwrap();
    assert_eq!(
        card.purchases,
        [
            Purchase {
                day: Day::parse_iso("2024-01-01").unwrap(),
                amount: 150.0
            },
            Purchase {
                day: Day::parse_iso("2024-03-01").unwrap(),
                amount: -20.0
            },
        ]
    );
    let total: f64 = card.purchases.iter().map(|p| p.amount).sum();
    assert_eq!(total, card.row.revenue);
    assert_eq!(
        card.dimensions,
        [("region".to_string(), "North".to_string())]
    );
    assert_eq!(card.recency_days, a.as_of.0 - card.row.last_purchase.0);
    assert!(super::card(&t, loaded.table(), a.as_of, "nobody").is_none());
}

#[test]
fn the_export_of_everyone_is_the_old_export() {
    let (mut t, _, _) = table_of(LOG);
    let everyone = crate::customer_table::csv::customers_csv(t.rows());
    let matched = crate::customer_table::csv::customers_csv(t.matching(&Query::default()));
    assert_eq!(everyone, matched);
    assert!(everyone.starts_with(crate::export::BOM));
    assert_eq!(everyone.lines().count(), 5);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn a_query_keeps_exactly_the_matching_rows_in_key_order(
        rows in prop::collection::vec((0u8..30, 0u16..400, 1i32..5000, 0u8..3), 1..120),
        key in 0usize..16,
        descending: bool,
        tier in prop::option::of(0usize..3),
    ) {
        let mut csv = String::from("customer_id,date,amount,region\n");
        for (c, d, amount, region) in rows {
            let day = Day(19_700 + i32::from(d));
            csv.push_str(&format!("C{c},{day},{amount},R{region}\n"));
        }
        let (mut t, _, _) = table_of(csv.as_bytes());
        let q = Query {
            sort: SortKey::ALL[key],
            descending,
            tier: tier.map(|i| Tier::ALL[i]),
            ..Query::default()
        };
        let page = t.page(&q, 0, usize::MAX);
        let expected = t.rows().filter(|r| q.tier.is_none_or(|x| r.tier == x)).count();
        prop_assert_eq!(page.matches, expected);
        prop_assert!(page.rows.iter().all(|r| q.tier.is_none_or(|x| r.tier == x)));
        if let Value::Number(value) = sort_value(q.sort) {
            for w in page.rows.windows(2) {
                let rank = |r: usize| crate::index::Rank::new(r - 1);
                let (a, b) = (value(&t.rows, rank(w[0].rank)), value(&t.rows, rank(w[1].rank)));
                if let (Some(a), Some(b)) = (a, b) {
                    prop_assert!(if descending { a >= b } else { a <= b }, "{:?} {} {}", q.sort, a, b);
                } else {
                    prop_assert!(b.is_none(), "missing values last");
                }
            }
        }
    }
}
