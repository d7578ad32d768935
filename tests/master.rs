//! A customer master beside the log: the join, its report, customer share.

use tierlens::engine::{self, Loaded, Request};
use tierlens::ingest::IngestError;
use tierlens::master::MasterOptions;
use tierlens::sample::{self, Spec};

fn load(log: &[u8]) -> Loaded {
    engine::load(log, &Request::default(), &|| 0.0, &mut |_| {}).unwrap()
}

fn joined(log: &[u8], master: &[u8], options: &MasterOptions) -> tierlens::analysis::Analysis {
    let mut loaded = load(log);
    loaded.join_master("master.csv", master, options).unwrap();
    engine::analyse(&loaded, &Request::default().settings, &|| 0.0)
        .unwrap()
        .analysis
}

const LOG: &[u8] = b"customer_id,date,amount,region\n\
00042,2025-03-01,100,North\n\
00042,2025-06-01,50,North\n\
00007,2025-05-01,300,South\n\
A1,2025-05-02,20,South\n\
B2,2025-05-03,10,East\n";

#[test]
fn the_sample_master_joins_its_log() {
    let spec = Spec {
        customers: 400,
        ..Spec::default()
    };
    let (mut log, mut master) = (Vec::new(), Vec::new());
    sample::write(&spec, &mut log).unwrap();
    sample::write_master(&spec, &mut master).unwrap();
    let a = joined(&log, &master, &MasterOptions::default());
    let m = a.master.as_ref().unwrap();
    assert_eq!(
        (m.key.as_str(), m.potential.as_deref()),
        ("客户编号", Some("年采购潜力"))
    );
    assert_eq!(m.log_only.customers, 400 / 41, "every 41st is left out");
    assert_eq!(m.matched + m.log_only.customers, a.customers);
    assert_eq!(m.master_only.customers, 30);
    assert!(m.replaced.contains(&"region".to_string()) && m.added == ["合作模式"]);
    assert!(a.dimensions.iter().any(|d| d.key == "合作模式"));
    let s = a.customer_share.as_ref().unwrap();
    let q = &s.quadrants;
    let placed =
        q.grow.customers + q.defend.customers + q.maintain.customers + q.deprioritise.customers;
    assert_eq!(placed, s.customers);
    assert_eq!(
        s.customers + s.questions.customers + s.without_potential,
        a.customers
    );
    assert!(
        s.questions.customers > 0,
        "the stale estimates read above 100%"
    );
    assert!(s
        .questions
        .list
        .iter()
        .all(|r| r.customer_share.unwrap() > 1.0));
    assert!((s.share - s.revenue / s.potential_total).abs() < 1e-12);
    assert!((s.headroom_total - (s.potential_total - s.revenue)).abs() < 1e-6);
    assert!(
        a.non_finite_figures().is_empty(),
        "{:?}",
        a.non_finite_figures()
    );
    // The log's own figures do not move.
    let alone = engine::run(&log, &Request::default(), &|| 0.0)
        .unwrap()
        .analysis;
    assert_eq!(
        (alone.revenue_total, alone.abc.a),
        (a.revenue_total, a.abc.a)
    );
}

#[test]
fn ids_match_as_text_and_unmatched_both_ways_are_listed() {
    let master = "客户编号,行业,地区,采购潜力\n\
42,Retail,West,1000\n\
00007,Chemicals,West,600\n\
A1,Retail,,40\n\
A1,Retail,,45\n\
P9,Retail,North,5000\n\
,Retail,North,7\n";
    let a = joined(LOG, master.as_bytes(), &MasterOptions::default());
    let m = a.master.unwrap();
    assert_eq!(m.matched, 1, "only 00007: 42 is not 00042");
    assert_eq!(m.log_only.list, ["00042", "B2"]);
    assert_eq!(
        m.master_only
            .list
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>(),
        ["P9", "42"]
    );
    assert_eq!(m.duplicates.len(), 1);
    assert_eq!(
        (m.duplicates[0].id.as_str(), &m.duplicates[0].lines[..]),
        ("A1", &[4, 5][..])
    );
    assert_eq!(m.problems[0].line, 7, "the row without an id");
    assert_eq!(m.replaced, ["region"]);
    let region = a.dimensions.iter().find(|d| d.key == "region").unwrap();
    assert!(
        region.values.contains(&"West".to_string()),
        "the master wins: {:?}",
        region.values
    );
    let s = a.customer_share.unwrap();
    // 00007: 300 of 600 in the last 12 months.
    assert_eq!(
        (s.customers, s.revenue, s.potential_total, s.share),
        (1, 300.0, 600.0, 0.5)
    );
}

#[test]
fn a_gbk_master_reads_like_utf8() {
    let text = "客户编号,客户名称,所属行业,年采购预算\n00042,华东精密机械有限公司,制造业,300\nB2,南方化工,化工,5\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let a = joined(LOG, &gbk, &MasterOptions::default());
    let m = a.master.as_ref().unwrap();
    assert_eq!((m.matched, m.potential.as_deref()), (2, Some("年采购预算")));
    let s = a.customer_share.unwrap();
    // B2 bought 10 of a potential of 5: a question, not a share of 200%.
    assert_eq!((s.customers, s.questions.customers), (1, 1));
    assert_eq!(s.questions.list[0].id, "B2");
    assert_eq!(s.revenue, 150.0);
    let top = a.top_customers.iter().find(|r| r.id == "00042").unwrap();
    assert_eq!(top.name.as_deref(), Some("华东精密机械有限公司"));
    assert_eq!(top.industry.as_deref(), Some("制造业"));
}

#[test]
fn an_xlsx_master_with_number_ids_matches_a_csv_log() {
    use rust_xlsxwriter::Workbook;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("客户档案").unwrap();
    for (col, header) in ["customer", "industry", "annual potential"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_number(1, 0, 42.0).unwrap();
    sheet.write_string(1, 1, "Retail").unwrap();
    sheet.write_number(1, 2, 400.0).unwrap();
    sheet.write_string(2, 0, "00042").unwrap();
    sheet.write_string(2, 1, "Mining").unwrap();
    sheet.write_number(2, 2, 300.0).unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let log = b"customer_id,date,amount\n42,2025-01-05,100\n00042,2025-02-01,150\n";
    let options = MasterOptions {
        sheet: Some("客户档案".into()),
        ..MasterOptions::default()
    };
    let a = joined(log, &bytes, &options);
    assert_eq!(
        a.master.as_ref().unwrap().matched,
        2,
        "42 as a number cell is \"42\""
    );
    let row = |id: &str| a.top_customers.iter().find(|r| r.id == id).unwrap().clone();
    assert_eq!(
        (row("42").industry.unwrap(), row("42").customer_share),
        ("Retail".into(), Some(0.25))
    );
    assert_eq!(
        (row("00042").industry.unwrap(), row("00042").customer_share),
        ("Mining".into(), Some(0.5))
    );
}

#[test]
fn a_log_is_not_a_master_and_the_page_tells_them_apart() {
    let mut loaded = load(LOG);
    let error = loaded
        .join_master("log.csv", LOG, &MasterOptions::default())
        .unwrap_err();
    assert!(matches!(error, IngestError::MasterIsALog { .. }), "{error}");
    let master = b"customer_id,potential\n00042,10\n";
    assert_eq!(
        engine::which_is_master([("a", master), ("b", LOG)]).unwrap(),
        0
    );
    assert_eq!(
        engine::which_is_master([("a", LOG), ("b", master)]).unwrap(),
        1
    );
    assert!(matches!(
        engine::which_is_master([("a", LOG), ("b", LOG)]),
        Err(IngestError::TwoLogs)
    ));
    // A one-row-per-customer summary log is still a log.
    let summary = b"customer_id,first_purchase,last_purchase,orders,revenue\n00042,2024-01-01,2025-01-01,3,90\n";
    assert_eq!(
        engine::which_is_master([("s", summary), ("m", master)]).unwrap(),
        1
    );
}

#[test]
fn the_potential_column_can_be_named_and_a_weak_guess_is_said() {
    let master = b"customer_id,budget for 2025,credit\n00042,1000,30\n";
    let a = joined(LOG, master, &MasterOptions::default());
    assert!(a
        .input
        .decisions
        .iter()
        .any(|d| d.what.contains("budget for 2025")));
    let options = MasterOptions {
        map: vec![("potential".into(), "credit".into())],
        ..MasterOptions::default()
    };
    let a = joined(LOG, master, &options);
    assert_eq!(a.master.unwrap().potential.as_deref(), Some("credit"));
    let none = MasterOptions {
        map: vec![("potential".into(), String::new())],
        ..MasterOptions::default()
    };
    assert!(joined(LOG, master, &none).customer_share.is_none());
}

#[test]
fn the_cli_writes_a_master_and_joins_it() {
    let dir = std::env::temp_dir().join(format!("tierlens-master-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (log, master) = (dir.join("log.csv"), dir.join("master.csv"));
    let cli = env!("CARGO_BIN_EXE_tierlens");
    let status = std::process::Command::new(cli)
        .args(["sample", "--customers", "120", "--out"])
        .arg(&log)
        .arg("--master-out")
        .arg(&master)
        .status()
        .unwrap();
    assert!(status.success());
    let out = std::process::Command::new(cli)
        .arg("analyze")
        .arg(&log)
        .arg("--master")
        .arg(&master)
        .args(["--json", "--share-months", "6"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["file", "matched", "log_only", "master_only", "duplicates"] {
        assert!(json["master"].get(key).is_some(), "master.{key}");
    }
    let share = &json["customer_share"];
    for key in [
        "customers",
        "potential_total",
        "revenue",
        "share",
        "headroom_total",
    ] {
        assert!(share[key].is_number(), "customer_share.{key}");
    }
    for key in ["grow", "defend", "maintain", "deprioritise"] {
        assert!(share["quadrants"][key]["customers"].is_number(), "{key}");
    }
    assert_eq!(share["months"], 6);
    let bad = std::process::Command::new(cli)
        .arg("analyze")
        .arg(&log)
        .arg("--master")
        .arg(&log)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let text = String::from_utf8_lossy(&bad.stderr);
    assert!(
        text.contains("not as a customer master") && text.lines().count() == 1,
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
