//! The customer export: every customer with every computed column, as
//! the page's "export" button and the CLI's `--customers` write it.

use super::CustomerRow;
use crate::clv::value::Prediction;
use crate::export::{number, text, BOM};

/// The segmented customer table: every customer in revenue rank order
/// with tier, customer types and loyalty quadrant.
pub fn customers_csv(
    rows: impl IntoIterator<Item = impl std::borrow::Borrow<CustomerRow>>,
) -> String {
    let mut out = String::from(BOM);
    out.push_str("rank,customer_id,customer_name,industry,region,account_manager,tier,types,loyalty_quadrant,revenue,share,cumulative_share,profit,transactions,purchase_days,first_purchase,last_purchase,tenure_days,average_order_value,rfm_r,rfm_f,rfm_m,rfm_segment,rfm_class,lifecycle_stage,expected_purchases,p_alive,expected_spend,clv,value_per_purchase,p_purchase_90d,expected_next_purchase,churn_risk,potential,customer_share,headroom\n");
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
            row.potential.map_or(String::new(), number),
            row.customer_share.map_or(String::new(), number),
            row.headroom.map_or(String::new(), number),
        ];
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}

/// A model figure, empty when the models are not used.
pub(crate) fn prediction(row: &CustomerRow, figure: fn(&Prediction) -> f64) -> String {
    row.prediction
        .as_ref()
        .map_or(String::new(), |p| number(figure(p)))
}
