//! The customer export: every customer with every computed column, as
//! the page's "export" button and the CLI's `--customers` write it. The
//! columns and their typed cells are listed once here; the Excel export
//! (`xlsx.rs`) writes the same cells with the same columns.

use super::CustomerRow;
use crate::clv::value::Prediction;
use crate::export::BOM;
use crate::xlsx::{Cell, Kind};

/// The export's columns, in order: the CSV's header and the workbook's.
pub const COLUMNS: [(&str, Kind); 37] = [
    ("rank", Kind::Integer),
    ("customer_id", Kind::Text),
    ("customer_name", Kind::Text),
    ("industry", Kind::Text),
    ("region", Kind::Text),
    ("account_manager", Kind::Text),
    ("tier", Kind::Text),
    ("types", Kind::Text),
    ("loyalty_quadrant", Kind::Text),
    ("revenue", Kind::Money),
    ("share", Kind::Percent),
    ("cumulative_share", Kind::Percent),
    ("profit", Kind::Money),
    ("transactions", Kind::Integer),
    ("purchase_days", Kind::Integer),
    ("first_purchase", Kind::Date),
    ("last_purchase", Kind::Date),
    ("tenure_days", Kind::Integer),
    ("average_order_value", Kind::Money),
    ("rfm_r", Kind::Integer),
    ("rfm_f", Kind::Integer),
    ("rfm_m", Kind::Integer),
    ("rfm_segment", Kind::Text),
    ("rfm_class", Kind::Text),
    ("lifecycle_stage", Kind::Text),
    ("expected_purchases", Kind::Number),
    ("p_alive", Kind::Percent),
    ("expected_spend", Kind::Money),
    ("clv", Kind::Money),
    ("value_per_purchase", Kind::Money),
    ("p_purchase_90d", Kind::Percent),
    ("expected_next_purchase", Kind::Date),
    ("churn_risk", Kind::Text),
    ("potential", Kind::Money),
    ("customer_share", Kind::Percent),
    ("headroom", Kind::Money),
    ("movement", Kind::Text),
];

/// One customer's cells, in the order of `COLUMNS`.
pub fn cells(row: &CustomerRow) -> [Cell; 37] {
    let key = |k: &str| Cell::Text(k.to_string());
    let count = |n: u32| Cell::Number(f64::from(n));
    let types: Vec<&str> = row.types.iter().map(|t| t.key()).collect();
    [
        Cell::Number(row.rank as f64),
        Cell::Text(row.id.clone()),
        Cell::optional(&row.name),
        Cell::optional(&row.industry),
        Cell::optional(&row.region),
        Cell::optional(&row.account_manager),
        Cell::Text(row.tier.to_string()),
        Cell::Text(types.join(" ")),
        key(row.quadrant.key()),
        Cell::Number(row.revenue),
        Cell::Number(row.share),
        Cell::Number(row.cumulative_share),
        Cell::Number(row.profit),
        count(row.transactions),
        count(row.purchase_days),
        Cell::Date(row.first_purchase),
        Cell::Date(row.last_purchase),
        count(row.tenure_days),
        Cell::Number(row.average_order_value),
        count(row.rfm.r.into()),
        count(row.rfm.f.into()),
        count(row.rfm.m.into()),
        key(row.segment.key()),
        key(row.class.key()),
        key(row.stage.key()),
        prediction(row, |p| p.expected_purchases),
        prediction(row, |p| p.p_alive),
        prediction(row, |p| p.expected_spend),
        prediction(row, |p| p.clv),
        prediction(row, |p| p.value_per_purchase),
        prediction(row, |p| p.p_purchase_90d),
        row.prediction
            .and_then(|p| p.expected_next_purchase)
            .map_or(Cell::Empty, Cell::Date),
        row.prediction
            .map_or(Cell::Empty, |p| key(p.churn_risk.key())),
        Cell::figure(row.potential),
        Cell::figure(row.customer_share),
        Cell::figure(row.headroom),
        Cell::Text(row.movement.key()),
    ]
}

/// The segmented customer table: every customer in revenue rank order
/// with tier, customer types and loyalty quadrant.
pub fn customers_csv(
    rows: impl IntoIterator<Item = impl std::borrow::Borrow<CustomerRow>>,
) -> String {
    csv_of(&COLUMNS, rows.into_iter().map(|row| cells(row.borrow())))
}

/// A CSV with a BOM: the columns' keys, then one record per row of cells.
pub(crate) fn csv_of<const N: usize>(
    columns: &[(&str, Kind); N],
    rows: impl Iterator<Item = [Cell; N]>,
) -> String {
    let mut out = String::from(BOM);
    let header: Vec<&str> = columns.iter().map(|(key, _)| *key).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let _ = writer.write_record(row.iter().map(Cell::csv));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    out.push_str(&String::from_utf8_lossy(&bytes));
    out
}

/// A model figure, empty when the models are not used.
pub(crate) fn prediction(row: &CustomerRow, figure: fn(&Prediction) -> f64) -> Cell {
    Cell::figure(row.prediction.as_ref().map(figure))
}
