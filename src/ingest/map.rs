//! Headers to roles: which column holds the customer, the date, the amount.
//!
//! Each role has a list of header names in English and Chinese as CRMs and
//! ERPs (Excel, Kingdee, Yonyou, SAP) export them. Headers are compared
//! after normalising case, spaces, underscores and punctuation, so
//! `Customer ID`, `customer_id` and `CustomerID` are one name. An exact
//! match wins over a match by containment; each column serves one role.
//! The user's own mapping (`--map ROLE=HEADER`) overrides any guess.

use super::IngestError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a column means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Customer,
    Date,
    Amount,
    FirstPurchase,
    LastPurchase,
    Orders,
    Cost,
    Margin,
    Profit,
    Quantity,
    Product,
    OrderId,
    CustomerName,
    Industry,
    Region,
    AccountManager,
}

impl Role {
    /// In guessing order: the summary's date roles come before `Date` so that
    /// "first_order_date" is not taken as a transaction date by containment.
    /// Margin comes before profit so that 毛利率 is not taken as 毛利.
    pub const ALL: [Role; 16] = [
        Role::Customer,
        Role::FirstPurchase,
        Role::LastPurchase,
        Role::Date,
        Role::Amount,
        Role::Orders,
        Role::Cost,
        Role::Margin,
        Role::Profit,
        Role::Quantity,
        Role::Product,
        Role::OrderId,
        Role::CustomerName,
        Role::Industry,
        Role::Region,
        Role::AccountManager,
    ];

    /// The roles a transaction log cannot do without.
    pub const REQUIRED: [Role; 3] = [Role::Customer, Role::Date, Role::Amount];

    /// Roles only a customer summary has: their presence without a
    /// transaction date makes the file a summary.
    pub const SUMMARY: [Role; 2] = [Role::FirstPurchase, Role::LastPurchase];

    /// The role's name in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Date => "date",
            Role::Amount => "amount",
            Role::FirstPurchase => "first_purchase",
            Role::LastPurchase => "last_purchase",
            Role::Orders => "orders",
            Role::Margin => "margin",
            Role::Profit => "profit",
            Role::Quantity => "quantity",
            Role::Product => "product",
            Role::OrderId => "order_id",
            Role::Cost => "cost",
            Role::CustomerName => "customer_name",
            Role::Industry => "industry",
            Role::Region => "region",
            Role::AccountManager => "account_manager",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.key() == key.trim())
    }

    /// Header names for this role, already normalised (see `normalise`).
    fn names(self) -> &'static [&'static str] {
        match self {
            Role::Customer => &[
                "customerid",
                "customer",
                "customerno",
                "customernumber",
                "customercode",
                "clientid",
                "client",
                "accountid",
                "account",
                "custid",
                "memberid",
                "buyerid",
                "客户编号",
                "客户编码",
                "客户代码",
                "客户id",
                "客户号",
                "客户",
                "会员编号",
                "会员id",
            ],
            Role::Date => &[
                "date",
                "orderdate",
                "transactiondate",
                "invoicedate",
                "purchasedate",
                "saledate",
                "salesdate",
                "documentdate",
                "postingdate",
                "time",
                "timestamp",
                "日期",
                "交易日期",
                "订单日期",
                "下单日期",
                "销售日期",
                "单据日期",
                "开票日期",
                "业务日期",
                "时间",
                "交易时间",
                "下单时间",
            ],
            Role::Amount => &[
                "amount",
                "revenue",
                "sales",
                "salesamount",
                "value",
                "total",
                "netamount",
                "ordervalue",
                "price",
                "spend",
                "invoiceamount",
                "turnover",
                "金额",
                "销售额",
                "收入",
                "实收金额",
                "销售金额",
                "订单金额",
                "交易金额",
                "含税金额",
                "价税合计",
                "营业额",
                "成交金额",
                "实付金额",
            ],
            Role::FirstPurchase => &[
                "firstpurchase",
                "firstpurchasedate",
                "firstorderdate",
                "firstorder",
                "firstdate",
                "customersince",
                "首次购买日期",
                "首次购买",
                "首次下单日期",
                "首单日期",
                "首次交易日期",
            ],
            Role::LastPurchase => &[
                "lastpurchase",
                "lastpurchasedate",
                "lastorderdate",
                "lastorder",
                "lastdate",
                "最近购买日期",
                "最后购买日期",
                "最近下单日期",
                "末次下单日期",
                "最近交易日期",
                "最后交易日期",
            ],
            Role::Orders => &[
                "orders",
                "ordercount",
                "numberoforders",
                "frequency",
                "purchases",
                "transactions",
                "订单数",
                "订单数量",
                "购买次数",
                "交易次数",
                "下单次数",
            ],
            Role::Margin => &[
                "margin",
                "grossmargin",
                "marginpct",
                "marginrate",
                "gm",
                "gm%",
                "毛利率",
                "利润率",
                "毛利润率",
            ],
            Role::Profit => &[
                "profit",
                "grossprofit",
                "profitamount",
                "毛利",
                "毛利额",
                "利润",
                "毛利润",
                "利润额",
            ],
            Role::Quantity => &[
                "quantity",
                "qty",
                "units",
                "数量",
                "件数",
                "销量",
                "销售数量",
            ],
            Role::Product => &[
                "product",
                "productname",
                "sku",
                "item",
                "category",
                "productcategory",
                "产品",
                "产品名称",
                "商品",
                "商品名称",
                "品类",
                "类别",
                "物料名称",
                "存货名称",
            ],
            Role::OrderId => &[
                "orderid",
                "orderno",
                "ordernumber",
                "invoiceno",
                "invoicenumber",
                "documentno",
                "订单号",
                "订单编号",
                "单据编号",
                "单号",
                "发票号",
                "销售单号",
            ],
            Role::Cost => &[
                "cost",
                "costamount",
                "cogs",
                "costofgoods",
                "成本",
                "成本金额",
                "销售成本",
            ],
            Role::CustomerName => &[
                "customername",
                "clientname",
                "accountname",
                "company",
                "companyname",
                "客户名称",
                "客户名",
                "公司名称",
                "单位名称",
                "客户全称",
            ],
            Role::Industry => &["industry", "sector", "vertical", "行业", "所属行业"],
            Role::Region => &[
                "region",
                "area",
                "territory",
                "province",
                "city",
                "地区",
                "区域",
                "大区",
                "省份",
                "城市",
                "销售区域",
            ],
            Role::AccountManager => &[
                "accountmanager",
                "salesrep",
                "salesperson",
                "owner",
                "manager",
                "kam",
                "客户经理",
                "销售员",
                "业务员",
                "销售代表",
                "负责人",
            ],
        }
    }
}

/// The column index chosen for each role, with the header it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnMap {
    columns: BTreeMap<Role, usize>,
    headers: Vec<String>,
}

impl ColumnMap {
    /// A transaction log unless there is no date column but summary dates.
    pub fn shape(&self) -> Shape {
        let summary = Role::SUMMARY.iter().any(|r| self.columns.contains_key(r));
        if self.get(Role::Date).is_none() && summary {
            Shape::Summary
        } else {
            Shape::Transactions
        }
    }

    /// Every header of the file, in order.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    pub fn get(&self, role: Role) -> Option<usize> {
        self.columns.get(&role).copied()
    }

    /// Columns no role took, in file order.
    pub fn unmapped(&self) -> Vec<usize> {
        (0..self.headers.len())
            .filter(|i| !self.columns.values().any(|c| c == i))
            .collect()
    }

    /// Role key to header text, as reported in `input.columns`.
    pub fn report(&self) -> BTreeMap<String, String> {
        self.columns
            .iter()
            .map(|(role, &i)| (role.key().to_string(), self.headers[i].clone()))
            .collect()
    }
}

/// Lower case with spaces, underscores, hyphens, dots and brackets removed.
fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| {
            !matches!(
                c,
                ' ' | '_' | '-' | '.' | '(' | ')' | '（' | '）' | '/' | '#'
            )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Guesses a role for every column, then applies the user's overrides.
pub fn map_columns(
    headers: &[String],
    overrides: &[(String, String)],
) -> Result<ColumnMap, IngestError> {
    let map = map_columns_unchecked(headers, overrides)?;
    for role in map.shape().required() {
        if map.get(*role).is_none() {
            return Err(missing(*role, headers));
        }
    }
    Ok(map)
}

/// Fills required roles the headers did not give from what the columns
/// hold, in a sample of rows: a column of dates is the date; of the numeric
/// columns, the one with the most decimals is the amount (ids are whole
/// numbers); of the rest, a column whose values repeat is the customer
/// (text before numbers). Returns `(role, header)` overrides to apply.
pub fn guess_from_values(map: &ColumnMap, sample: &[Vec<String>]) -> Vec<(String, String)> {
    let width = map.headers.len();
    let mut free: Vec<usize> = (0..width)
        .filter(|i| !map.columns.values().any(|c| c == i))
        .collect();
    let mut found = Vec::new();
    let column = |i: usize| {
        sample
            .iter()
            .map(move |row| row.get(i).map_or("", |c| c.trim()))
            .filter(|c| !c.is_empty())
    };
    let share = |i: usize, test: &dyn Fn(&str) -> bool| {
        let (hits, total) = column(i).fold((0, 0), |(h, t), c| (h + test(c) as usize, t + 1));
        if total == 0 {
            0.0
        } else {
            hits as f64 / total as f64
        }
    };
    let mut take = |role: Role, pick: Option<usize>, free: &mut Vec<usize>| {
        if let Some(i) = pick {
            free.retain(|&f| f != i);
            found.push((role.key().to_string(), map.headers[i].clone()));
        }
    };
    let is_date = |c: &str| {
        super::values::parse_date(c, Some(super::values::DateOrder::Dmy)).is_ok() && c.len() >= 6
    };
    let is_number = |c: &str| super::values::parse_amount(c).is_ok();
    if map.get(Role::Date).is_none() && map.shape() == Shape::Transactions {
        let pick = free
            .iter()
            .copied()
            .filter(|&i| share(i, &is_date) >= 0.9)
            .max_by(|&a, &b| share(a, &is_date).total_cmp(&share(b, &is_date)));
        take(Role::Date, pick, &mut free);
    }
    if map.get(Role::Amount).is_none() {
        let decimals = |i: usize| share(i, &|c: &str| c.contains(['.', ',']) && is_number(c));
        let pick = free
            .iter()
            .copied()
            .filter(|&i| share(i, &is_number) >= 0.9)
            .max_by(|&a, &b| decimals(a).total_cmp(&decimals(b)).then(b.cmp(&a)));
        take(Role::Amount, pick, &mut free);
    }
    if map.get(Role::Customer).is_none() {
        let repeats = |i: usize| {
            let values: Vec<&str> = column(i).collect();
            let distinct: std::collections::HashSet<&&str> = values.iter().collect();
            !values.is_empty() && distinct.len() < values.len()
        };
        let text = |i: usize| share(i, &is_number) < 0.5;
        let pick = free
            .iter()
            .copied()
            .filter(|&i| column(i).count() * 10 >= sample.len() * 9)
            .max_by_key(|&i| (repeats(i), text(i), std::cmp::Reverse(i)));
        take(Role::Customer, pick, &mut free);
    }
    found
}

/// `map_columns` without the check that the required roles are there.
pub fn map_columns_unchecked(
    headers: &[String],
    overrides: &[(String, String)],
) -> Result<ColumnMap, IngestError> {
    let mut map = ColumnMap {
        columns: guess(headers),
        headers: headers.to_vec(),
    };
    for (role_key, header) in overrides {
        apply_override(&mut map, role_key, header)?;
    }
    Ok(map)
}

/// What one row of the file is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One row per purchase: customer, date, amount.
    #[default]
    Transactions,
    /// One row per customer: revenue, first and/or last purchase date, orders.
    Summary,
}

impl Shape {
    pub fn required(self) -> &'static [Role] {
        match self {
            Shape::Transactions => &Role::REQUIRED,
            Shape::Summary => &[Role::Customer, Role::Amount],
        }
    }
}

fn guess(headers: &[String]) -> BTreeMap<Role, usize> {
    let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let mut taken = vec![false; headers.len()];
    let mut columns = BTreeMap::new();
    // Exact names first for every role, so "客户名称" is never taken as the
    // customer id by containment before the name role sees it.
    for exact in [true, false] {
        for role in Role::ALL {
            if columns.contains_key(&role) {
                continue;
            }
            if let Some(i) = find_column(&normalised, &taken, role, exact) {
                taken[i] = true;
                columns.insert(role, i);
            }
        }
    }
    columns
}

fn find_column(normalised: &[String], taken: &[bool], role: Role, exact: bool) -> Option<usize> {
    // Names are in order of preference, so search name by name.
    role.names().iter().find_map(|name| {
        normalised.iter().enumerate().position(|(i, header)| {
            !taken[i] && !header.is_empty() && matches_name(header, name, exact)
        })
    })
}

/// How much longer than a known name a header may be and still contain it:
/// "salesamountcny" contains "amount" with 8 to spare.
const MAX_EXTRA_CHARS: usize = 12;

fn matches_name(header: &str, name: &str, exact: bool) -> bool {
    if exact {
        header == name
    } else {
        // Containment only for names of some length ("id" alone would match
        // far too much), and only in header-like text: a sentence that
        // mentions 客户 is a note, not the customer column.
        let (h, n) = (header.chars().count(), name.chars().count());
        n >= 2 && h <= n + MAX_EXTRA_CHARS && header.contains(name)
    }
}

fn apply_override(map: &mut ColumnMap, role_key: &str, header: &str) -> Result<(), IngestError> {
    let role = Role::from_key(role_key).ok_or_else(|| {
        let keys: Vec<&str> = Role::ALL.iter().map(|r| r.key()).collect();
        IngestError::UnknownRole(role_key.to_string(), keys.join(", "))
    })?;
    let wanted = header.trim();
    if wanted.is_empty() {
        // `ROLE=` with no header: the user says the file has no such column.
        map.columns.remove(&role);
        return Ok(());
    }
    let index = map
        .headers
        .iter()
        .position(|h| h == wanted)
        .or_else(|| {
            map.headers
                .iter()
                .position(|h| normalise(h) == normalise(wanted))
        })
        .ok_or_else(|| IngestError::MappedColumnNotFound {
            role: role.key().into(),
            header: wanted.into(),
            found: list_headers(&map.headers),
        })?;
    // A column serves one role: the override takes it from any guess.
    map.columns.retain(|_, &mut i| i != index);
    map.columns.insert(role, index);
    Ok(())
}

fn missing(role: Role, headers: &[String]) -> IngestError {
    let examples = match role {
        Role::Customer => "customer_id, customer, 客户编号 or 客户",
        Role::Date => "date, order_date, 日期 or 交易日期 (or, for one row per customer, first_purchase / last_purchase, 首次购买日期 / 最近购买日期)",
        _ => "amount, revenue, sales, 金额 or 销售额",
    };
    IngestError::MissingColumn {
        role,
        expected: examples.into(),
        found: list_headers(headers),
        headers: headers.to_vec(),
    }
}

pub fn list_headers(headers: &[String]) -> String {
    let shown: Vec<String> = headers
        .iter()
        .take(30)
        .map(|h| format!("\"{h}\""))
        .collect();
    let more = headers.len().saturating_sub(30);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn plain_english_headers() {
        let map = map_columns(&headers(&["customer_id", "date", "amount"]), &[]).unwrap();
        assert_eq!(map.get(Role::Customer), Some(0));
        assert_eq!(map.get(Role::Date), Some(1));
        assert_eq!(map.get(Role::Amount), Some(2));
        assert_eq!(map.get(Role::Cost), None);
    }

    #[test]
    fn chinese_headers_and_the_name_column_is_not_the_id() {
        let h = headers(&[
            "客户名称",
            "客户编号",
            "交易日期",
            "实收金额",
            "成本",
            "客户经理",
        ]);
        let map = map_columns(&h, &[]).unwrap();
        assert_eq!(map.get(Role::Customer), Some(1));
        assert_eq!(map.get(Role::CustomerName), Some(0));
        assert_eq!(map.get(Role::Date), Some(2));
        assert_eq!(map.get(Role::Amount), Some(3));
        assert_eq!(map.get(Role::Cost), Some(4));
        assert_eq!(map.get(Role::AccountManager), Some(5));
    }

    #[test]
    fn spelling_variants_normalise() {
        let map = map_columns(
            &headers(&["Customer ID", "Order-Date", "Sales Amount (CNY)"]),
            &[],
        )
        .unwrap();
        assert_eq!(map.get(Role::Customer), Some(0));
        assert_eq!(map.get(Role::Date), Some(1));
        assert_eq!(map.get(Role::Amount), Some(2));
    }

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split(',').map(String::from).collect())
            .collect()
    }

    #[test]
    fn columns_are_guessed_from_their_values_when_headers_say_nothing() {
        let h = headers(&["A", "B", "C", "D"]);
        let map = ColumnMap {
            columns: guess(&h),
            headers: h.clone(),
        };
        let sample = rows(&[
            "7,ACME,2024-01-05,12.50",
            "8,Beta,2024-01-06,3.00",
            "9,ACME,2024-02-01,7.25",
        ]);
        let found = guess_from_values(&map, &sample);
        assert_eq!(
            found,
            [
                ("date".into(), "C".into()),
                ("amount".into(), "D".into()),
                ("customer".into(), "B".into())
            ] as [(String, String); 3]
        );
    }

    #[test]
    fn values_fill_only_what_headers_left_open() {
        let h = headers(&["客户", "X", "Y"]);
        let map = ColumnMap {
            columns: guess(&h),
            headers: h.clone(),
        };
        let sample = rows(&["A,20240105,99", "B,20240106,100"]);
        let found = guess_from_values(&map, &sample);
        assert_eq!(
            found,
            [("date".into(), "X".into()), ("amount".into(), "Y".into())] as [(String, String); 2]
        );
    }

    #[test]
    fn margin_is_not_taken_for_profit() {
        let h = headers(&[
            "客户",
            "日期",
            "金额",
            "毛利率(%)",
            "毛利额",
            "数量",
            "商品名称",
            "订单号",
        ]);
        let map = map_columns(&h, &[]).unwrap();
        assert_eq!(map.get(Role::Margin), Some(3));
        assert_eq!(map.get(Role::Profit), Some(4));
        assert_eq!(map.get(Role::Quantity), Some(5));
        assert_eq!(map.get(Role::Product), Some(6));
        assert_eq!(map.get(Role::OrderId), Some(7));
        assert_eq!(
            map.get(Role::Orders),
            None,
            "an order number is not an order count"
        );
    }

    #[test]
    fn a_customer_summary_is_recognised() {
        let h = headers(&[
            "客户编号",
            "销售额",
            "首次购买日期",
            "最近购买日期",
            "订单数",
        ]);
        let map = map_columns(&h, &[]).unwrap();
        assert_eq!(map.shape(), Shape::Summary);
        assert_eq!(map.get(Role::FirstPurchase), Some(2));
        assert_eq!(map.get(Role::LastPurchase), Some(3));
        assert_eq!(map.get(Role::Orders), Some(4));
        assert_eq!(
            map.get(Role::Date),
            None,
            "first/last dates are not transaction dates"
        );
        let h = headers(&[
            "customer_id",
            "revenue",
            "first_order_date",
            "last_order_date",
        ]);
        assert_eq!(map_columns(&h, &[]).unwrap().shape(), Shape::Summary);
        let h = headers(&["customer_id", "date", "amount", "last_purchase"]);
        assert_eq!(map_columns(&h, &[]).unwrap().shape(), Shape::Transactions);
    }

    #[test]
    fn an_empty_override_unmaps_a_role() {
        let h = headers(&["customer_id", "date", "amount", "cost"]);
        let map = map_columns(&h, &[("cost".into(), "".into())]).unwrap();
        assert_eq!(map.get(Role::Cost), None);
        let err = map_columns(&h, &[("amount".into(), " ".into())]).unwrap_err();
        assert!(
            matches!(
                err,
                IngestError::MissingColumn {
                    role: Role::Amount,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn a_sentence_is_not_a_header() {
        let h = headers(&["CDNOW 样本：2,357 位客户，1997-01-01 至 1998-06-30"]);
        assert!(matches!(
            map_columns(&h, &[]),
            Err(IngestError::MissingColumn {
                role: Role::Customer,
                ..
            })
        ));
    }

    #[test]
    fn override_takes_the_column_from_a_guess() {
        let h = headers(&["buyer", "when", "amount", "total"]);
        let overrides = vec![
            ("customer".to_string(), "buyer".to_string()),
            ("date".to_string(), "when".to_string()),
            ("amount".to_string(), "total".to_string()),
        ];
        let map = map_columns(&h, &overrides).unwrap();
        assert_eq!(map.get(Role::Amount), Some(3));
        assert_eq!(map.report()["amount"], "total");
    }

    #[test]
    fn missing_role_names_what_was_found() {
        let err = map_columns(&headers(&["who", "when", "amount"]), &[]).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("no customer column"), "{text}");
        assert!(text.contains("\"who\", \"when\", \"amount\""), "{text}");
    }

    #[test]
    fn bad_overrides_say_why() {
        let h = headers(&["customer_id", "date", "amount"]);
        let err = map_columns(&h, &[("amount".into(), "price".into())]).unwrap_err();
        assert!(matches!(err, IngestError::MappedColumnNotFound { .. }));
        let err = map_columns(&h, &[("colour".into(), "date".into())]).unwrap_err();
        assert!(err.to_string().contains("unknown role \"colour\""));
    }
}
