//! The CLI as other programs use it: exit codes, the JSON contract, stderr.

use std::path::PathBuf;
use std::process::{Command, Output};

fn tierlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tierlens"))
        .args(args)
        .output()
        .expect("the CLI runs")
}

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn temp_file(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("tierlens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn cdnow_figures_under_the_contract_keys() {
    let v = json(&tierlens(&["analyze", &data("cdnow_sample.csv"), "--json"]));
    assert_eq!(v["customers"], 2357);
    assert_eq!(v["input"]["rows_read"], 6919);
    assert_eq!(v["input"]["rows_rejected"], 0);
    assert_eq!(v["input"]["encoding"], "UTF-8");
    assert_eq!(v["input"]["delimiter"], ",");
    assert_eq!(v["input"]["columns"]["customer"], "customer_id");
    assert_eq!(v["as_of"], "1998-06-30");
    assert!((v["revenue_total"].as_f64().unwrap() - 244_091.94).abs() < 1e-6);
    // Independent computation (Python, the contract's rules): 0.67455017...
    assert!((v["pareto"]["top20_share"].as_f64().unwrap() - 0.674_550_171_546).abs() < 1e-9);
    assert!((v["pareto"]["gini"].as_f64().unwrap() - 0.630_917_117_016).abs() < 1e-9);
    assert_eq!(v["pareto"]["customers_for_80pct_share"], 777);
    assert_eq!(v["abc"], serde_json::json!({"A": 777, "B": 801, "C": 779}));
    assert!((v["concentration"]["hhi"].as_f64().unwrap() - 0.002_285_796_437).abs() < 1e-12);
    for key in ["read", "analyze", "fit", "total"] {
        assert!(v["timings_ms"][key].is_number(), "timings_ms.{key}");
    }
}

#[test]
fn as_of_and_abc_options_change_the_analysis() {
    let v = json(&tierlens(&[
        "analyze",
        &data("cdnow_sample.csv"),
        "--json",
        "--as-of",
        "1997-03-31",
        "--abc",
        "0.5,0.9",
    ]));
    assert_eq!(v["as_of"], "1997-03-31");
    assert!(v["input"]["rows_after_as_of"].as_u64().unwrap() > 0);
    assert_eq!(v["tier_rule"]["by"], "cumulative");
    assert_eq!(v["tier_rule"]["a"], 0.5);
    assert_eq!(v["last_date"], "1997-03-31");
}

#[test]
fn tier_rules_filters_and_the_customer_export() {
    let customers = PathBuf::from(temp_file("customers.csv", b""));
    let sample = data("sample_small.csv");
    let v = json(&tierlens(&[
        "analyze",
        &sample,
        "--json",
        "--tier-by",
        "top",
        "--abc",
        "0.2,0.5",
        "--customers",
        customers.to_str().unwrap(),
    ]));
    let n = v["customers"].as_u64().unwrap();
    let a = v["abc"]["A"].as_u64().unwrap();
    assert_eq!(
        a,
        (n as f64 * 0.2).ceil() as u64,
        "top 20% of customers are A"
    );
    let csv = std::fs::read_to_string(&customers).unwrap();
    assert!(csv.starts_with("\u{feff}rank,customer_id,"));
    assert_eq!(
        csv.lines().count() as u64,
        n + 1,
        "every customer, one line each"
    );
    let region = v["splits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "region")
        .expect("the sample has regions");
    let first = &region["slices"][0];
    let value = first["value"].as_str().unwrap();
    let filtered = json(&tierlens(&[
        "analyze",
        &sample,
        "--json",
        "--filter",
        &format!("region={value}"),
    ]));
    assert_eq!(filtered["customers"], first["customers"]);
    assert_eq!(
        filtered["revenue_total"].as_f64().unwrap().round(),
        first["revenue"].as_f64().unwrap().round()
    );
    assert_eq!(filtered["filter"]["value"], value);
    let types = v["customer_types"]["groups"].as_array().unwrap();
    let keys: Vec<&str> = types.iter().map(|g| g["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        ["super", "high_performance", "high_potential", "risky_big"]
    );
    let quadrants: u64 = v["loyalty"]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["customers"].as_u64().unwrap())
        .sum();
    assert_eq!(quadrants, n, "the quadrants partition the customers");
}

#[test]
fn bad_tier_rules_and_filters_are_refused_with_a_reason() {
    for (args, expected) in [
        (vec!["--tier-by", "revenue", "--abc", "10,100"], "A above B"),
        (
            vec!["--tier-by", "weight"],
            "expected one of cumulative, top, revenue",
        ),
        (vec!["--filter", "region=nowhere"], "no customer has region"),
    ] {
        let mut all = vec!["analyze".to_string(), data("sample_small.csv")];
        all.extend(args.iter().map(|a| a.to_string()));
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let out = tierlens(&refs);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn map_and_encoding_options() {
    let gbk = encoding_gbk(
        "客户,交易时间,实收\nA,2024/1/5 10:00,\"￥1,200.00\"\nB,2024/1/6 11:00,￥300\n",
    );
    let file = temp_file("gbk.csv", &gbk);
    let v = json(&tierlens(&[
        "analyze",
        &file,
        "--json",
        "--encoding",
        "gbk",
        "--map",
        "date=交易时间",
        "--map",
        "amount=实收",
    ]));
    assert_eq!(v["input"]["encoding"], "GBK");
    assert_eq!(v["customers"], 2);
    assert_eq!(v["revenue_total"], 1500.0);
}

/// GBK bytes for a few characters, written by hand so the test needs no encoder.
fn encoding_gbk(text: &str) -> Vec<u8> {
    let table: &[(char, [u8; 2])] = &[
        ('客', [0xBF, 0xCD]),
        ('户', [0xBB, 0xA7]),
        ('交', [0xBD, 0xBB]),
        ('易', [0xD2, 0xD7]),
        ('时', [0xCA, 0xB1]),
        ('间', [0xBC, 0xE4]),
        ('实', [0xCA, 0xB5]),
        ('收', [0xCA, 0xD5]),
        ('￥', [0xA3, 0xA4]),
    ];
    let mut out = Vec::new();
    for c in text.chars() {
        match table.iter().find(|(k, _)| *k == c) {
            Some((_, bytes)) => out.extend_from_slice(bytes),
            None => out.push(c as u8),
        }
    }
    out
}

#[test]
fn unusable_input_exits_2_with_one_clear_line() {
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty.csv", b"", "the file is empty"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\0\0", "PNG image"),
        ("nocolumns.csv", b"name,colour\nx,red\n", "no date column"),
        (
            "allbad.csv",
            b"customer_id,date,amount\nA,never,1\n",
            "line 2, column 2",
        ),
        ("header.csv", b"customer_id,date,amount\n", "no data rows"),
    ];
    for (name, bytes, expected) in cases {
        let out = tierlens(&["analyze", &temp_file(name, bytes)]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}");
    }
    let out = tierlens(&["analyze", "/no/such/file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let out = tierlens(&["analyze", &data("cdnow_sample.csv"), "--abc", "0.9,0.8"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rejected_rows_are_written_out() {
    let file = temp_file(
        "mixed.csv",
        b"customer_id,date,amount\nA,2024-01-01,1\nB,bad,2\n=1+1,2024-01-01,x\n",
    );
    let rejected = temp_file("rejected.csv", b"");
    let v = json(&tierlens(&[
        "analyze",
        &file,
        "--json",
        "--rejected",
        &rejected,
    ]));
    assert_eq!(v["input"]["rows_rejected"], 2);
    assert_eq!(v["input"]["errors"][0]["line"], 3);
    assert_eq!(v["input"]["errors"][0]["column"], 2);
    let written = std::fs::read_to_string(&rejected).unwrap();
    assert!(written.starts_with('\u{feff}'));
    assert_eq!(written.lines().count(), 3);
    assert!(written.contains("'=1+1"), "formula neutralised: {written}");
}

#[test]
fn random_bytes_never_panic() {
    // A small deterministic fuzz: the full fuzzing lives with cargo-fuzz.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for round in 0..40 {
        let mut bytes = b"customer_id,date,amount\n".to_vec();
        for _ in 0..(round * 37) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let alphabet = b",\n\"0123456789-./abc\xff\xe4\xb8";
            bytes.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let out = tierlens(&["analyze", &temp_file("random.csv", &bytes), "--json"]);
        assert!(
            matches!(out.status.code(), Some(0) | Some(2)),
            "round {round}"
        );
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("panicked"),
            "round {round}"
        );
    }
}

#[test]
fn sample_writes_a_file_the_analysis_reads() {
    let out_file = temp_file("sample.csv", b"");
    let out = tierlens(&[
        "sample",
        "--customers",
        "300",
        "--seed",
        "1",
        "--out",
        &out_file,
    ]);
    assert!(out.status.success());
    let v = json(&tierlens(&["analyze", &out_file, "--json"]));
    assert_eq!(v["customers"], 300);
    assert_eq!(v["input"]["columns"]["account_manager"], "account_manager");
}

#[test]
fn day_month_order_is_decided_from_the_data_or_asked() {
    let dmy = temp_file(
        "dmy.csv",
        b"customer_id,date,amount\nA,03/04/2024,1\nB,25/04/2024,2\n",
    );
    let v = json(&tierlens(&["analyze", &dmy, "--json"]));
    assert_eq!(v["input"]["date_order"], "dmy");
    assert_eq!(v["first_date"], "2024-04-03");
    let ambiguous = temp_file(
        "ambiguous.csv",
        b"customer_id,date,amount\nA,03/04/2024,1\nB,05/06/2024,2\n",
    );
    let out = tierlens(&["analyze", &ambiguous]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\"03/04/2024\" (line 2)") && stderr.contains("--date-order"),
        "{stderr}"
    );
    let v = json(&tierlens(&[
        "analyze",
        &ambiguous,
        "--json",
        "--date-order",
        "mdy",
    ]));
    assert_eq!(v["first_date"], "2024-03-04");
}

#[test]
fn columns_with_meaningless_headers_are_guessed_from_their_values() {
    let file = temp_file("raw.csv", b"F1,F2,F3,F4\n1001,ACME Ltd,2024-01-05,12.50\n1002,Beta Co,2024-01-06,3.00\n1003,ACME Ltd,2024-02-01,7.25\n");
    let v = json(&tierlens(&["analyze", &file, "--json"]));
    assert_eq!(v["input"]["columns"]["customer"], "F2");
    assert_eq!(v["input"]["columns"]["date"], "F3");
    assert_eq!(v["input"]["columns"]["amount"], "F4");
    assert_eq!(
        v["input"]["columns_from_values"],
        serde_json::json!(["date", "amount", "customer"])
    );
    assert_eq!(v["customers"], 2);
}

/// CDNOW master (23,570 customers, from the `lifetimes` wheel): the CLI's
/// Pareto, ABC and concentration figures equal an independent computation
/// (`tests/reference/cdnow_master.py`, exact fractions in Python).
#[test]
fn cdnow_master_equals_the_independent_computation() {
    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(data("../reference/cdnow_master.json")).unwrap(),
    )
    .unwrap();
    let v = json(&tierlens(&["analyze", &data("CDNOW_master.txt"), "--json"]));
    assert_eq!(v["input"]["rows_read"], reference["rows"]);
    assert_eq!(v["input"]["rows_rejected"], 0);
    assert_eq!(v["customers"], reference["customers"]);
    assert_eq!(v["first_date"], reference["first_date"]);
    assert_eq!(v["last_date"], reference["last_date"]);
    let close = |path: &[&str]| {
        let (mut ours, mut theirs) = (&v, &reference);
        for key in path {
            ours = &ours[key];
            theirs = &theirs[key];
        }
        let (a, b) = (ours.as_f64().unwrap(), theirs.as_f64().unwrap());
        assert!(
            (a - b).abs() <= 1e-9 * b.abs().max(1.0),
            "{path:?}: {a} vs {b}"
        );
    };
    close(&["revenue_total"]);
    for key in ["top20_share", "gini"] {
        close(&["pareto", key]);
    }
    assert_eq!(
        v["pareto"]["customers_for_80pct_share"],
        reference["pareto"]["customers_for_80pct_share"]
    );
    assert_eq!(v["abc"], reference["abc"]);
    for key in ["top1_share", "top5_share", "top10_share", "hhi"] {
        close(&["concentration", key]);
    }
    assert_eq!(
        v["lifecycle"], reference["lifecycle"],
        "the contract's lifecycle rule"
    );
    for scheme in ["segments", "classes"] {
        let total: u64 = v["rfm"][scheme]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["customers"].as_u64().unwrap())
            .sum();
        assert_eq!(total, 23_570, "rfm.{scheme} partition the customers");
    }
    let names: Vec<&str> = v["rfm"]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 11);
    assert!(names.contains(&"Can't lose them") && names.contains(&"Champions"));
}

#[test]
fn cohorts_by_quarter_and_rfm_by_order_value() {
    let sample = data("sample_small.csv");
    let monthly = json(&tierlens(&["analyze", &sample, "--json"]));
    let quarterly = json(&tierlens(&[
        "analyze",
        &sample,
        "--json",
        "--cohort",
        "quarter",
        "--rfm-monetary",
        "aov",
    ]));
    assert_eq!(monthly["retention"]["period"], "month");
    assert_eq!(quarterly["retention"]["period"], "quarter");
    let first = &quarterly["retention"]["cohorts"][0];
    assert!(first["label"].as_str().unwrap().contains("-Q"));
    assert_eq!(
        first["shares"][0], 1.0,
        "a cohort buys in its own first period"
    );
    assert_eq!(quarterly["rfm"]["settings"]["monetary"], "average_order");
    assert_ne!(
        monthly["rfm"]["breaks"]["monetary"],
        quarterly["rfm"]["breaks"]["monetary"]
    );
}

#[test]
fn cdnow_clv_models_reproduce_the_published_estimates() {
    let v = json(&tierlens(&[
        "analyze",
        &data("cdnow_sample.csv"),
        "--json",
        "--calibration-end",
        "1997-09-30",
        "--period",
        "week",
    ]));
    let clv = &v["clv"];
    let near = |key: &str, published: f64| {
        let path: Vec<&str> = key.split('.').collect();
        let ours = clv[path[0]][path[1]].as_f64().unwrap();
        assert!(
            (ours / published - 1.0).abs() < 0.005,
            "{key}: {ours} vs {published}"
        );
    };
    near("bgnbd.r", 0.2426);
    near("bgnbd.alpha", 4.4136);
    near("bgnbd.a", 0.7929);
    near("bgnbd.b", 2.4259);
    near("bgnbd.log_likelihood", -9582.4);
    near("pareto_nbd.r", 0.5533);
    near("pareto_nbd.alpha", 10.5777);
    near("pareto_nbd.s", 0.6062);
    near("pareto_nbd.beta", 11.6679);
    near("gamma_gamma.p", 6.2496);
    near("gamma_gamma.q", 3.7442);
    near("gamma_gamma.v", 15.4435);
    assert_eq!(clv["status"], "fitted");
    assert_eq!(clv["calibration_customers"], 2357);
    assert!(clv["clv_total"].as_f64().unwrap() > 0.0);
    assert!(v["timings_ms"]["fit"].as_f64().unwrap() > 0.0);
    let holdout = &clv["holdout"];
    assert_eq!(holdout["buckets"].as_array().unwrap().len(), 8);
    assert!(holdout["error"].as_f64().unwrap().abs() < 0.25);
}

#[test]
fn clv_on_too_little_data_falls_back_to_historical_value() {
    let few = "customer,date,amount\na,2024-01-01,10\na,2024-02-01,20\nb,2024-01-05,5\n";
    let v = json(&tierlens(&[
        "analyze",
        &temp_file("few.csv", few.as_bytes()),
        "--json",
    ]));
    assert_eq!(v["clv"]["status"], "too_few_customers");
    assert_eq!(v["clv"]["clv_total"].as_f64().unwrap(), 35.0);
    let mut once = String::from("customer,date,amount\n");
    for i in 0..40 {
        once.push_str(&format!("c{i},2024-01-{:02},{}\n", i % 28 + 1, 10 + i));
    }
    let v = json(&tierlens(&[
        "analyze",
        &temp_file("once.csv", once.as_bytes()),
        "--json",
    ]));
    assert_eq!(v["clv"]["status"], "no_repeat_purchases");
    let out = tierlens(&["analyze", &data("cdnow_sample.csv"), "--horizon", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("horizon"));
}

#[test]
fn cdnow_master_clv_fits_agree_with_lifetimes() {
    // tests/reference/cdnow_master_lifetimes.py: lifetimes 0.11.3 on the
    // same calibration (to 1997-09-30, weeks, same-day purchases merged).
    let reference: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(data("../reference/cdnow_master_lifetimes.json")).unwrap(),
    )
    .unwrap();
    let v = json(&tierlens(&[
        "analyze",
        &data("CDNOW_master.txt"),
        "--json",
        "--calibration-end",
        "1997-09-30",
        // The holdout figures are the chosen model's; lifetimes' are BG/NBD's.
        "--model",
        "bgnbd",
    ]));
    let clv = &v["clv"];
    for (model, keys) in [
        ("bgnbd", &["r", "alpha", "a", "b", "log_likelihood"][..]),
        (
            "pareto_nbd",
            &["r", "alpha", "s", "beta", "log_likelihood"][..],
        ),
        ("gamma_gamma", &["p", "q", "v"][..]),
    ] {
        for key in keys {
            let ours = clv[model][key].as_f64().unwrap();
            let theirs = reference[model][key].as_f64().unwrap();
            assert!(
                (ours / theirs - 1.0).abs() < 0.01,
                "{model}.{key}: {ours} vs lifetimes {theirs}"
            );
        }
    }
    assert_eq!(
        clv["gamma_gamma"]["customers"],
        reference["gamma_gamma"]["customers"]
    );
    let holdout = &clv["holdout"];
    assert_eq!(holdout["actual_total"], reference["actual_holdout_total"]);
    let ours = holdout["predicted_total"].as_f64().unwrap();
    let theirs = reference["bgnbd_expected_holdout_total"].as_f64().unwrap();
    assert!((ours / theirs - 1.0).abs() < 0.01, "{ours} vs {theirs}");
}

#[test]
fn the_customer_list_sorts_filters_and_opens_a_card_like_the_page() {
    let file = data("cdnow_sample.csv");
    let analysis = json(&tierlens(&["analyze", &file, "--json"]));
    let page = json(&tierlens(&[
        "customers",
        &file,
        "--json",
        "--sort",
        "clv",
        "--desc",
        "--limit",
        "200",
    ]));
    assert_eq!(page["customers"], analysis["customers"]);
    let clv: Vec<f64> = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["prediction"]["clv"].as_f64().unwrap())
        .collect();
    assert_eq!(clv.len(), 200);
    assert!(clv.windows(2).all(|w| w[0] >= w[1]), "largest CLV first");
    let a = json(&tierlens(&["customers", &file, "--json", "--tier", "A"]));
    assert_eq!(a["matches"], analysis["abc"]["A"]);
    let dormant = json(&tierlens(&[
        "customers",
        &file,
        "--json",
        "--stage",
        "dormant",
    ]));
    assert_eq!(dormant["matches"], analysis["lifecycle"]["dormant"]);
    let id = page["rows"][0]["id"].as_str().unwrap().to_string();
    let found = json(&tierlens(&["customers", &file, "--json", "--search", &id]));
    assert!(found["rows"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == id.as_str()));
    // The card's timeline adds up to the customer's net revenue.
    let card = json(&tierlens(&["customers", &file, "--json", "--card", &id]));
    let total: f64 = card["purchases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["amount"].as_f64().unwrap())
        .sum();
    let revenue = card["row"]["revenue"].as_f64().unwrap();
    assert!(
        (total - revenue).abs() < 1e-6 * revenue.abs().max(1.0),
        "{total} vs {revenue}"
    );
    for bad in [
        &["customers", &file, "--sort", "size"][..],
        &["customers", &file, "--tier", "D"],
        &["customers", &file, "--card", "no such customer"],
    ] {
        let output = tierlens(bad);
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr)
                .trim()
                .lines()
                .count()
                .min(1),
            1
        );
    }
}

#[test]
fn the_model_can_be_chosen_and_the_outlook_is_exported() {
    let file = data("cdnow_sample.csv");
    let v = json(&tierlens(&[
        "analyze",
        &file,
        "--json",
        "--calibration-end",
        "1997-09-30",
        "--model",
        "mbgnbd",
    ]));
    let clv = &v["clv"];
    let near = |value: &serde_json::Value, published: f64| {
        let ours = value.as_f64().unwrap();
        assert!(
            (ours / published - 1.0).abs() < 0.005,
            "{ours} vs {published}"
        );
    };
    near(&clv["mbgnbd"]["r"], 0.525);
    near(&clv["mbgnbd"]["alpha"], 6.183);
    near(&clv["mbgnbd"]["a"], 0.891);
    near(&clv["mbgnbd"]["b"], 1.614);
    assert!(clv["mbgnbd"]["se"]["r"].as_f64().unwrap() > 0.0);
    let choice = &clv["model_choice"];
    assert_eq!(choice["chosen"], "mbgnbd");
    assert_eq!(choice["basis"], "asked");
    assert_eq!(choice["holdout_mae"].as_object().unwrap().len(), 3);
    assert_eq!(choice["aic"].as_object().unwrap().len(), 3);
    let [lo, hi] = [0, 1].map(|i| clv["clv_total_interval"][i].as_f64().unwrap());
    let total = clv["clv_total"].as_f64().unwrap();
    assert!(lo < total && total < hi);
    let risk = &clv["churn_risk"];
    let counted: u64 = ["low", "medium", "high"]
        .iter()
        .map(|k| risk[k].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 2357);
    let bad = tierlens(&["analyze", &file, "--model", "nbd"]);
    assert_eq!(bad.status.code(), Some(2));

    let out = std::env::temp_dir().join("tierlens-outlook.csv");
    let status = tierlens(&["analyze", &file, "--customers", out.to_str().unwrap()]);
    assert!(status.status.success());
    let csv = std::fs::read_to_string(&out).unwrap();
    let header = csv.lines().next().unwrap();
    for column in ["p_purchase_90d", "expected_next_purchase", "churn_risk"] {
        assert!(header.contains(column), "{column}");
    }
    let page = json(&tierlens(&[
        "customers",
        &file,
        "--json",
        "--churn-risk",
        "low",
        "--sort",
        "p_purchase_90d",
        "--desc",
    ]));
    let rows = page["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    let chances: Vec<f64> = rows
        .iter()
        .map(|r| r["prediction"]["p_purchase_90d"].as_f64().unwrap())
        .collect();
    assert!(chances.windows(2).all(|w| w[0] >= w[1]));
    assert!(rows.iter().all(|r| r["prediction"]["churn_risk"] == "low"));
}
