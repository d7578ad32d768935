//! Writing CSV that is safe to open in Excel or WPS.
//!
//! Every exported cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return is prefixed with a single quote, as OWASP's CSV
//! injection guidance recommends, so that a customer name such as
//! `=HYPERLINK(...)` stays text. Numbers that Tierlens itself writes are
//! passed through `number`, never through `text`, so a negative amount
//! stays a number. Files start with a UTF-8 BOM so Excel reads Chinese.

/// The byte-order mark that makes Excel read the file as UTF-8.
pub const BOM: &str = "\u{feff}";

/// A user-supplied cell, neutralised if a spreadsheet would run it.
pub fn text(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// A number Tierlens computed: written as is.
pub fn number(value: f64) -> String {
    // −0 (an empty sum, a zero times a negative) is written as 0.
    let value = value + 0.0;
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// The segmented customer table: every customer in revenue rank order
/// with tier, customer types and loyalty quadrant.
pub fn customers_csv(
    rows: impl IntoIterator<Item = impl std::borrow::Borrow<crate::analysis::CustomerRow>>,
) -> String {
    let mut out = String::from(BOM);
    out.push_str("rank,customer_id,customer_name,industry,region,account_manager,tier,types,loyalty_quadrant,revenue,share,cumulative_share,profit,transactions,purchase_days,first_purchase,last_purchase,tenure_days,average_order_value,rfm_r,rfm_f,rfm_m,rfm_segment,rfm_class,lifecycle_stage,expected_purchases,p_alive,expected_spend,clv,value_per_purchase,p_purchase_90d,expected_next_purchase,churn_risk\n");
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let row = row.borrow();
        let optional = |v: &Option<String>| text(v.as_deref().unwrap_or("")).into_owned();
        let types: Vec<&str> = row.types.iter().map(|t| t.key()).collect();
        let record = [
            row.rank.to_string(),
            text(&row.id).into_owned(),
            optional(&row.name),
            optional(&row.industry),
            optional(&row.region),
            optional(&row.account_manager),
            row.tier.to_string(),
            types.join(" "),
            row.quadrant.key().to_string(),
            number(row.revenue),
            number(row.share),
            number(row.cumulative_share),
            number(row.profit),
            row.transactions.to_string(),
            row.purchase_days.to_string(),
            row.first_purchase.to_string(),
            row.last_purchase.to_string(),
            row.tenure_days.to_string(),
            number(row.average_order_value),
            row.rfm.r.to_string(),
            row.rfm.f.to_string(),
            row.rfm.m.to_string(),
            row.segment.key().to_string(),
            row.class.key().to_string(),
            row.stage.key().to_string(),
            prediction(row, |p| p.expected_purchases),
            prediction(row, |p| p.p_alive),
            prediction(row, |p| p.expected_spend),
            prediction(row, |p| p.clv),
            prediction(row, |p| p.value_per_purchase),
            prediction(row, |p| p.p_purchase_90d),
            row.prediction
                .and_then(|p| p.expected_next_purchase)
                .map_or(String::new(), |d| d.to_string()),
            row.prediction
                .map_or(String::new(), |p| p.churn_risk.key().to_string()),
        ];
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}

/// Who to call: the call list's customers, most at stake first.
pub fn call_list_csv<'a>(calls: impl IntoIterator<Item = &'a crate::call_list::Call>) -> String {
    let mut out = String::from(BOM);
    out.push_str("customer_id,customer_name,account_manager,tier,reasons,value_at_stake,clv,p_alive,p_purchase_90d,churn_risk,expected_next_purchase,last_purchase\n");
    let mut writer = csv::Writer::from_writer(Vec::new());
    for call in calls {
        let row = &call.customer;
        let optional = |v: &Option<String>| text(v.as_deref().unwrap_or("")).into_owned();
        let reasons: Vec<&str> = call.reasons.iter().map(|r| r.key()).collect();
        let record = [
            text(&row.id).into_owned(),
            optional(&row.name),
            optional(&row.account_manager),
            row.tier.to_string(),
            reasons.join(" "),
            number(call.value_at_stake),
            prediction(row, |p| p.clv),
            prediction(row, |p| p.p_alive),
            prediction(row, |p| p.p_purchase_90d),
            row.prediction
                .map_or(String::new(), |p| p.churn_risk.key().to_string()),
            row.prediction
                .and_then(|p| p.expected_next_purchase)
                .map_or(String::new(), |d| d.to_string()),
            row.last_purchase.to_string(),
        ];
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}

/// A model figure, empty when the models are not used.
fn prediction(
    row: &crate::analysis::CustomerRow,
    figure: fn(&crate::clv::value::Prediction) -> f64,
) -> String {
    row.prediction
        .as_ref()
        .map_or(String::new(), |p| number(figure(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for cell in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"] {
            assert!(text(cell).starts_with('\''), "{cell:?}");
        }
        assert_eq!(text("华东精密"), "华东精密");
        assert_eq!(text(""), "");
    }

    #[test]
    fn numbers_stay_numbers() {
        assert_eq!(number(-12.0), "-12");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(-0.0), "0");
    }
}
