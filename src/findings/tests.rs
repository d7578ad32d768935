use super::*;
use crate::engine::{run, Request};

fn analyse(bytes: &[u8]) -> Analysis {
    run(bytes, &Request::default(), &|| 0.0).unwrap().analysis
}

fn sample() -> Analysis {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/sample-key-accounts.csv"
    );
    analyse(&std::fs::read(path).unwrap())
}

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn find<'a>(a: &'a Analysis, key: &str) -> &'a Finding {
    a.findings
        .iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("no finding {key}"))
}

/// The sample's first page says what the reader was told, with
/// each figure taken from the analysis and written in both languages.
#[test]
fn the_sample_findings_carry_its_figures_in_both_languages() {
    let a = sample();
    let keys: Vec<&str> = a.findings.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "top20_share",
            "customers_for_80pct",
            "largest_account",
            "loss_makers",
            "whale_peak",
            "dormant_revenue",
            "clv_total",
            "call_list"
        ]
    );
    let k80 = find(&a, "customers_for_80pct");
    assert_eq!(k80.value, 396.0);
    assert_eq!(k80.text_en, "396 customers (13.2%) bring 80% of revenue.");
    assert_eq!(k80.text_zh, "396 位客户（占 13.2%）贡献了 80% 的收入。");
    let loss = find(&a, "loss_makers");
    assert_eq!(loss.value, a.profit.loss);
    assert_eq!(loss.text_en, "1,306 customers lose money, together -93.9M.");
    assert!(loss.text_zh.starts_with("1,306 位客户亏损，合计 -9,"));
    let dormant = find(&a, "dormant_revenue");
    assert_eq!(dormant.value, a.lifecycle_detail.revenue_at_risk);
    assert_eq!(
        dormant.text_en,
        format!(
            "{} dormant customers hold {} of last year's revenue.",
            a.lifecycle.dormant,
            format::short(dormant.value, Locale::En)
        )
    );
    let largest = find(&a, "largest_account");
    assert_eq!(largest.value, a.concentration.top1_share);
    assert!(largest.text_en.contains(&format::percent(largest.value)));
    let clv = find(&a, "clv_total");
    assert_eq!(clv.value, a.clv.clv_total);
    assert!(clv.text_en.contains("9 times in 10"), "{}", clv.text_en);
    for f in &a.findings {
        assert!(
            !f.text_en.contains('{') && !f.text_zh.contains('{'),
            "{f:?}"
        );
        assert!(has_han(&f.text_zh), "{f:?}");
        // English but for the largest account's name, which is the file's.
        assert!(!has_han(&f.text_en.replace(&largest_name(&a), "")), "{f:?}");
        assert!(f.value.is_finite());
    }
}

/// A name is data: control characters come out as visible escapes (one
/// line in a terminal), markup stays literal text for the page to escape.
#[test]
fn a_customer_name_is_written_as_data() {
    let csv = "customer_id,customer_name,date,amount\n\
        A,\"<b>Big</b> \u{1b}[2J\u{7}\nCo\",2024-01-10,900\n\
        B,Small,2024-02-01,100\n";
    let a = analyse(csv.as_bytes());
    let largest = find(&a, "largest_account");
    assert_eq!(largest.value, 0.9);
    assert!(
        largest.text_en.contains("<b>Big</b> \\x1b[2J\\x07\\nCo"),
        "{}",
        largest.text_en
    );
    assert!(!largest.text_en.chars().any(char::is_control));
    assert!(largest.text_en.contains("dependency threshold"));
}

/// Without revenue there are no shares to state; without losses, no loss
/// sentence: a finding is never a figure that means nothing.
#[test]
fn no_sentence_without_its_figure() {
    let csv = "customer_id,date,amount\nA,2024-01-10,0\nB,2024-02-01,0\n";
    let a = analyse(csv.as_bytes());
    assert!(a
        .findings
        .iter()
        .all(|f| f.key != "top20_share" && f.key != "largest_account" && f.key != "loss_makers"));
}
