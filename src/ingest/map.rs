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
    /// The order's, payment's or deal's state: rows whose state means no
    /// revenue (cancelled, failed, Closed Lost ...) are left out.
    Status,
    /// The kind of a payment-account row (PayPal's `Type`): withdrawals and
    /// currency conversions are not sales.
    TransactionType,
    /// An amount refunded on the row, subtracted from its amount.
    Refund,
    /// The price of one unit: the amount is quantity × unit price when the
    /// file has no amount column.
    UnitPrice,
    // The richer summary's model columns (`crate::summary`): read in a
    // summary only, by their exact names.
    RepeatRevenue,
    PreviousPurchase,
    AsOf,
    CalibrationEnd,
    OrdersCal,
    LastPurchaseCal,
    RepeatRevenueCal,
    OrdersHoldout,
    WindowDays,
    RevenueRecent,
    RevenuePrevious,
    RevenueLastYear,
    ActivePeriods,
}

impl Role {
    /// In guessing order: the summary's date roles come before `Date` so that
    /// "first_order_date" is not taken as a transaction date by containment.
    /// Margin comes before profit so that 毛利率 is not taken as 毛利.
    pub const ALL: [Role; 33] = [
        Role::Customer,
        Role::RepeatRevenue,
        Role::PreviousPurchase,
        Role::AsOf,
        Role::CalibrationEnd,
        Role::OrdersCal,
        Role::LastPurchaseCal,
        Role::RepeatRevenueCal,
        Role::OrdersHoldout,
        Role::WindowDays,
        Role::RevenueRecent,
        Role::RevenuePrevious,
        Role::RevenueLastYear,
        Role::ActivePeriods,
        Role::FirstPurchase,
        Role::LastPurchase,
        Role::Date,
        Role::Refund,
        Role::UnitPrice,
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
        Role::Status,
        Role::TransactionType,
    ];

    /// The roles a transaction log cannot do without.
    pub const REQUIRED: [Role; 3] = [Role::Customer, Role::Date, Role::Amount];

    /// Roles only a customer summary has: their presence without a
    /// transaction date makes the file a summary.
    pub const SUMMARY: [Role; 2] = [Role::FirstPurchase, Role::LastPurchase];

    /// The richer summary's columns, in the order `docs/summary.md` lists them.
    pub const MODEL: [Role; 13] = [
        Role::RepeatRevenue,
        Role::PreviousPurchase,
        Role::AsOf,
        Role::CalibrationEnd,
        Role::OrdersCal,
        Role::LastPurchaseCal,
        Role::RepeatRevenueCal,
        Role::OrdersHoldout,
        Role::WindowDays,
        Role::RevenueRecent,
        Role::RevenuePrevious,
        Role::RevenueLastYear,
        Role::ActivePeriods,
    ];

    /// Whether the role is one of `MODEL`.
    pub fn is_model(self) -> bool {
        Role::MODEL.contains(&self)
    }

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
            Role::Status => "status",
            Role::TransactionType => "transaction_type",
            Role::Refund => "refund",
            Role::UnitPrice => "unit_price",
            Role::RepeatRevenue => "repeat_revenue",
            Role::PreviousPurchase => "previous_purchase",
            Role::AsOf => "as_of",
            Role::CalibrationEnd => "calibration_end",
            Role::OrdersCal => "orders_cal",
            Role::LastPurchaseCal => "last_purchase_cal",
            Role::RepeatRevenueCal => "repeat_revenue_cal",
            Role::OrdersHoldout => "orders_holdout",
            Role::WindowDays => "window_days",
            Role::RevenueRecent => "revenue_recent",
            Role::RevenuePrevious => "revenue_previous",
            Role::RevenueLastYear => "revenue_last_year",
            Role::ActivePeriods => "active_periods",
        }
    }

    /// Roles whose header must match a name exactly: "类型" inside
    /// "客户类型" is the customer's type, not the transaction's.
    fn exact_only(self) -> bool {
        matches!(self, Role::TransactionType) || self.is_model()
    }

    /// The role's first Chinese header name (`客户编号`, `日期`), one the
    /// reader takes exactly; the key is its English one (`customer_name`).
    pub fn chinese_name(self) -> Option<&'static str> {
        self.names().iter().copied().find(|n| !n.is_ascii())
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
                "buyer",
                "soldto",
                "soldtoparty",
                "soldtopt",
                "payer",
                "customeremail",
                "email",
                "buyeremail",
                "fromemailaddress",
                "billingemail",
                "contactemail",
                "客户编号",
                "客户编码",
                "客户代码",
                "客户id",
                "客户号",
                "客户",
                "会员编号",
                "会员id",
                "买家会员名",
                "买家账号",
                "买家id",
                "买家昵称",
                "会员名",
                "会员账号",
                "下单账号",
                "下单帐号",
                "客户账号",
                "用户账号",
                "售达方",
                "售达方编号",
                "客户邮箱",
                "买家手机号",
                "会员手机号",
                "kundennummer",
                "kundennr",
                "kunde",
                "debitor",
                "debitornummer",
                "codeclient",
                "numeroclient",
                "client",
                "cliente",
                "codigocliente",
                "codicecliente",
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
                "closedate",
                "billingdate",
                "paidat",
                "createdat",
                "createddate",
                "createddateutc",
                "created",
                "datepaid",
                "paymentdate",
                "datecreated",
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
                "订单创建时间",
                "付款时间",
                "支付时间",
                "创建时间",
                "成交时间",
                "出库日期",
                "发货日期",
                "开单日期",
                "datum",
                "rechnungsdatum",
                "belegdatum",
                "buchungsdatum",
                "fecha",
                "fechafactura",
                "datefacture",
                "data",
                "datafattura",
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
                "lineitemquantity",
                "quantityshipped",
                "billedquantity",
                "数量",
                "件数",
                "销量",
                "销售数量",
                "实发数量",
                "购买数量",
                "商品数量",
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
                "associatedcompany",
                "billingname",
                "customerdescription",
                "soldtoname",
                "name",
                "客户名称",
                "客户名",
                "公司名称",
                "单位名称",
                "客户全称",
                "购货单位",
                "kundenname",
                "firma",
                "nomclient",
                "raisonsociale",
                "nombrecliente",
                "razonsocial",
                "ragionesociale",
                "客户简称",
                "收货人姓名",
                "买家姓名",
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
                "accountowner",
                "opportunityowner",
                "dealowner",
                "customerowner",
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
            Role::Status => &[
                "订单状态",
                "交易状态",
                "financialstatus",
                "paymentstatus",
                "orderstatus",
                "transactionstatus",
                "invoicestatus",
                "dealstage",
                "stage",
                "opportunitystage",
                "status",
                "付款状态",
                "支付状态",
                "单据状态",
                "商机阶段",
                "销售阶段",
                "阶段",
                "状态",
                "退款状态",
            ],
            Role::TransactionType => &[
                "type",
                "transactiontype",
                "交易类型",
                "单据类型",
                "业务类型",
            ],
            Role::Refund => &[
                "refundedamount",
                "amountrefunded",
                "refundamount",
                "totalrefunded",
                "refund",
                "refunds",
                "refunded",
                "退款金额",
                "已退款金额",
                "退款额",
                "退货金额",
                "退款",
            ],
            Role::UnitPrice => &[
                "unitprice",
                "price",
                "salesprice",
                "lineitemprice",
                "priceeach",
                "单价",
                "含税单价",
                "销售单价",
                "无税单价",
                "价格",
            ],
            Role::RepeatRevenue => &["repeatrevenue", "复购金额", "复购收入"],
            Role::PreviousPurchase => &["previouspurchase", "上次购买日期", "倒数第二次购买日期"],
            Role::AsOf => &["asof", "截止日期", "分析日期"],
            Role::CalibrationEnd => &["calibrationend", "校准期结束日期", "校准截止日期"],
            Role::OrdersCal => &["orderscal", "校准期订单数"],
            Role::LastPurchaseCal => &["lastpurchasecal", "校准期最近购买日期"],
            Role::RepeatRevenueCal => &["repeatrevenuecal", "校准期复购金额"],
            Role::OrdersHoldout => &["ordersholdout", "验证期订单数"],
            Role::WindowDays => &["windowdays", "趋势窗口天数"],
            Role::RevenueRecent => &["revenuerecent", "近期金额", "近期收入"],
            Role::RevenuePrevious => &["revenueprevious", "前期金额", "前期收入"],
            Role::RevenueLastYear => &["revenuelastyear", "近一年金额", "近一年收入"],
            Role::ActivePeriods => &["activeperiods", "活跃月份"],
        }
    }
}

/// The column index chosen for each role, with the header it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnMap {
    columns: BTreeMap<Role, usize>,
    headers: Vec<String>,
    /// Columns whose headers read as an amount, best first (see
    /// `amount_rank`), with their rank: the engine checks the values of
    /// the ones that tie before it trusts the first.
    pub amount_candidates: Vec<(usize, u8)>,
    /// No id column: the customer name column is the customer key.
    pub name_is_key: bool,
    /// Headers that appeared more than once, as written; the later copies
    /// are told apart as `金额 (2)`.
    pub duplicates: Vec<String>,
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

    /// Every mapped role and its column.
    pub fn roles(&self) -> impl Iterator<Item = (Role, usize)> + '_ {
        self.columns.iter().map(|(&role, &i)| (role, i))
    }

    pub fn get(&self, role: Role) -> Option<usize> {
        self.columns.get(&role).copied()
    }

    /// Puts `role` on column `index`, taking the column from any other role.
    pub fn set(&mut self, role: Role, index: usize) {
        self.columns.retain(|_, &mut i| i != index);
        self.columns.insert(role, index);
    }

    /// No amount column, but quantity and unit price: the amount is their product.
    pub fn derives_amount(&self) -> bool {
        self.get(Role::Amount).is_none()
            && self.get(Role::Quantity).is_some()
            && self.get(Role::UnitPrice).is_some()
    }

    /// Takes `role` off its column.
    pub fn remove(&mut self, role: Role) {
        self.columns.remove(&role);
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

/// Characters headers are compared without.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '_'
            | '-'
            | '.'
            | '('
            | ')'
            | '（'
            | '）'
            | '/'
            | '#'
            | ':'
            | '：'
            | '['
            | ']'
            | '【'
            | '】'
            | '\''
            | '"'
            | '*'
            | '\u{3000}'
    )
}

/// Lower case with spaces, underscores, hyphens, dots and brackets removed.
fn normalise(header: &str) -> String {
    Normalised::new(header).text
}

/// A header normalised, with the places where a word starts or ends in
/// the original (a separator, a change of case, a Chinese character):
/// "Shipping Method" holds "gm" only across a word break, so it is not
/// the gross-margin column.
#[derive(Clone, Debug, Default)]
pub(crate) struct Normalised {
    pub text: String,
    /// Byte offsets into `text` that are word boundaries.
    bounds: Vec<usize>,
}

impl Normalised {
    pub fn new(header: &str) -> Normalised {
        let mut text = String::with_capacity(header.len());
        let mut bounds = vec![0];
        let mut previous: Option<char> = None;
        for c in header.chars() {
            if is_separator(c) {
                bounds.push(text.len());
                previous = None;
                continue;
            }
            let word_break = match previous {
                None => true,
                Some(p) => {
                    (p.is_lowercase() && c.is_uppercase())
                        || !p.is_ascii()
                        || !c.is_ascii()
                        || p.is_ascii_digit() != c.is_ascii_digit()
                }
            };
            if word_break {
                bounds.push(text.len());
            }
            text.extend(c.to_lowercase());
            previous = Some(c);
        }
        bounds.push(text.len());
        Normalised { text, bounds }
    }

    fn is_bound(&self, at: usize) -> bool {
        self.bounds.binary_search(&at).is_ok()
    }

    /// Whether `word` stands in the header as whole words.
    pub fn has_word(&self, word: &str) -> bool {
        self.text
            .match_indices(word)
            .any(|(at, _)| self.is_bound(at) && self.is_bound(at + word.len()))
    }

    fn has_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.has_word(w))
    }
}

/// Guesses a role for every column, then applies the user's overrides.
pub fn map_columns(
    headers: &[String],
    overrides: &[(String, String)],
) -> Result<ColumnMap, IngestError> {
    let map = map_columns_unchecked(headers, overrides)?;
    for role in map.shape().required() {
        if map.get(*role).is_none() && !(*role == Role::Amount && map.derives_amount()) {
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
    if map.get(Role::Amount).is_none() && !map.derives_amount() {
        let decimals = |i: usize| share(i, &|c: &str| c.contains(['.', ',']) && is_number(c));
        let pick = free
            .iter()
            .copied()
            .filter(|&i| share(i, &is_number) >= 0.9)
            .max_by(|&a, &b| decimals(a).total_cmp(&decimals(b)).then(b.cmp(&a)));
        take(Role::Amount, pick, &mut free);
    }
    if map.get(Role::Customer).is_none() {
        let distinct = |i: usize| column(i).collect::<std::collections::HashSet<&str>>().len();
        let repeats = |i: usize| distinct(i) < column(i).count();
        let text = |i: usize| share(i, &is_number) < 0.5;
        let decimals = |i: usize| share(i, &|c: &str| c.contains('.') && is_number(c));
        let pick = free
            .iter()
            .copied()
            .filter(|&i| column(i).count() * 10 >= sample.len() * 9)
            .filter(|&i| could_be_customer(&map.headers[i]))
            // Never a column of prices, dates or a few repeated labels.
            .filter(|&i| decimals(i) < 0.5 && share(i, &is_date) < 0.5)
            .filter(|&i| !is_label_column(distinct(i), column(i).count()))
            .max_by_key(|&i| (repeats(i), text(i), distinct(i), std::cmp::Reverse(i)));
        take(Role::Customer, pick, &mut free);
    }
    found
}

/// Headers that name a property of an order, never who bought it.
const NOT_CUSTOMER: &[&str] = &[
    "status", "stage", "type", "method", "mode", "channel", "currency", "category", "payment",
    "product", "item", "sku", "state", "terms", "方式", "状态", "类型", "渠道", "币种", "阶段",
    "类别", "商品", "产品", "品类", "币别", "仓库", "规格",
];

fn could_be_customer(header: &str) -> bool {
    let h = Normalised::new(header);
    !h.has_any(NOT_CUSTOMER) && h.text != "单位"
}

/// A few values repeated over most rows: a status, a stage, a method.
/// Customers repeat too, but a log has more than a handful of them.
fn is_label_column(distinct: usize, values: usize) -> bool {
    values >= 20 && distinct <= 4
}

/// The multiplier a money column's header names: `金额(万元)` is in units
/// of 10,000, `Revenue (000)` and `Sales in thousands` of 1,000.
pub fn unit_factor(header: &str) -> Option<f64> {
    let lower = header.to_lowercase();
    // Chinese units are unambiguous anywhere in the header.
    const CJK: &[(&str, f64)] = &[
        ("亿元", 1e8),
        ("(亿)", 1e8),
        ("（亿）", 1e8),
        ("百万", 1e6),
        ("万元", 1e4),
        ("(万)", 1e4),
        ("（万）", 1e4),
        ("千元", 1e3),
        ("(千)", 1e3),
        ("（千）", 1e3),
    ];
    if let Some(&(_, factor)) = CJK.iter().find(|(mark, _)| lower.contains(mark)) {
        return Some(factor);
    }
    // Latin units only as whole words: "Amount EUR" holds "teur" and
    // "Sum €" holds "m€" without naming thousands or millions.
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || "()[]（）,;".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    const THOUSANDS: &[&str] = &[
        "000",
        "'000",
        "000s",
        "thousands",
        "k",
        "k€",
        "k$",
        "keur",
        "kusd",
        "kcny",
        "krmb",
        "tsd",
        "tsd.",
        "teur",
        "t€",
    ];
    const MILLIONS: &[&str] = &[
        "m", "mm", "mn", "mio", "mio.", "millions", "m€", "meur", "musd",
    ];
    if words.iter().any(|w| THOUSANDS.contains(w)) {
        Some(1e3)
    } else if words.iter().any(|w| MILLIONS.contains(w)) {
        Some(1e6)
    } else {
        None
    }
}

/// How many of `cells` name a role exactly, and how many contain a
/// role's name (a data cell such as "North Region" does too): how much a
/// row reads as a header.
pub fn known_headers(cells: &[&str]) -> (usize, usize) {
    let mut exact = 0;
    let mut partial = 0;
    for cell in cells {
        let h = Normalised::new(cell);
        if h.text.chars().count() > 24 {
            continue;
        }
        let named = |exact: bool| {
            Role::ALL
                .iter()
                .any(|r| r.names().iter().any(|n| matches_name(&h, n, exact)))
        };
        if named(true) {
            exact += 1;
        } else if amount_rank(&h).is_some() || named(false) {
            partial += 1;
        }
    }
    (exact, partial)
}

/// `map_columns` without the check that the required roles are there.
pub fn map_columns_unchecked(
    headers: &[String],
    overrides: &[(String, String)],
) -> Result<ColumnMap, IngestError> {
    let (headers, duplicates) = unique_headers(headers);
    let (columns, amount_candidates) = guess(&headers);
    let mut map = ColumnMap {
        columns,
        headers,
        amount_candidates,
        name_is_key: false,
        duplicates,
    };
    for (role_key, header) in overrides {
        apply_override(&mut map, role_key, header)?;
    }
    if map.get(Role::Customer).is_none() {
        if let Some(name) = map.get(Role::CustomerName) {
            // No id column: the name is the key (客户名称, Account Name).
            map.set(Role::Customer, name);
            map.name_is_key = true;
        }
    }
    Ok(map)
}

/// Headers with later copies of a repeated one told apart as `金额 (2)`
/// and blank ones named by position, and the repeated headers.
fn unique_headers(headers: &[String]) -> (Vec<String>, Vec<String>) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut duplicates = Vec::new();
    let unique = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let count = seen.entry(h.as_str()).or_insert(0);
            *count += 1;
            if h.trim().is_empty() {
                // A blank header (a report's group column) still needs a name.
                return format!("(column {})", i + 1);
            }
            if *count == 1 {
                return h.clone();
            }
            if *count == 2 {
                duplicates.push(h.clone());
            }
            format!("{h} ({count})")
        })
        .collect();
    (unique, duplicates)
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

/// The roles the headers name, and the amount candidates best first.
fn guess(headers: &[String]) -> (BTreeMap<Role, usize>, Vec<(usize, u8)>) {
    let normalised: Vec<Normalised> = headers.iter().map(|h| Normalised::new(h)).collect();
    let mut taken = vec![false; headers.len()];
    let mut columns = BTreeMap::new();
    let take =
        |columns: &mut BTreeMap<Role, usize>, role: Role, i: usize, taken: &mut Vec<bool>| {
            taken[i] = true;
            columns.insert(role, i);
        };
    // Exact names first for every role, so "客户名称" is never taken as the
    // customer id by containment before the name role sees it.
    for role in Role::ALL.into_iter().filter(|&r| r != Role::Amount) {
        if let Some(i) = find_column(&normalised, &taken, role, true) {
            take(&mut columns, role, i, &mut taken);
        }
    }
    // The amount by rank, before containment could give its column away.
    let candidates = amount_candidates(&normalised, &taken);
    if let Some(&(i, _)) = candidates.first() {
        take(&mut columns, Role::Amount, i, &mut taken);
    }
    for role in Role::ALL.into_iter().filter(|r| !r.exact_only()) {
        if columns.contains_key(&role) || role == Role::Amount {
            continue;
        }
        if let Some(i) = find_column(&normalised, &taken, role, false) {
            take(&mut columns, role, i, &mut taken);
        }
    }
    (columns, candidates)
}

/// Headers that name something other than the money a customer paid:
/// a price per unit, a tax, a fee, a forecast.
const NOT_AMOUNT: &[&str] = &[
    "unit",
    "tax",
    "taxes",
    "vat",
    "gst",
    "shipping",
    "freight",
    "postage",
    "delivery",
    "insurance",
    "discount",
    "discounts",
    "fee",
    "fees",
    "commission",
    "cost",
    "costs",
    "balance",
    "refund",
    "refunds",
    "refunded",
    "list",
    "deposit",
    "tip",
    "tips",
    "duty",
    "coupon",
    "expected",
    "forecast",
    "weighted",
    "probability",
    "recurring",
    "contract",
    "qty",
    "quantity",
    "count",
    "rate",
    "id",
    "number",
    "no",
    "margin",
    "profit",
    "单价",
    "税额",
    "税金",
    "税",
    "运费",
    "邮费",
    "保险",
    "优惠",
    "折扣",
    "佣金",
    "余额",
    "退款",
    "退货",
    "成本",
    "定金",
    "手续费",
    "毛利",
    "利润",
    "数量",
    "率",
    "预计",
    "预期",
    "编号",
    "单号",
    "weight",
    "wt",
    "kg",
    "kgs",
    "lbs",
    "items",
    "item",
    "visits",
    "days",
    "terms",
    "flag",
    "units",
    "pieces",
    "pcs",
    "重",
    "重量",
    "净重",
    "毛重",
    "件数",
    "天数",
    "次数",
    "人数",
    "积分",
    "points",
    "date",
    "time",
    "year",
    "month",
    "日期",
    "时间",
    "年份",
    "月份",
];
/// What the customer actually paid, net of what came off.
const NET_AMOUNT: &[&str] = &[
    "net",
    "paid",
    "actual",
    "received",
    "collected",
    "settled",
    "excl",
    "实付",
    "实收",
    "实际",
    "净",
    "到账",
    "已付",
    "无税",
    "不含税",
    "净额",
];
/// 应付 and 应收: what the buyer owes after discounts, as Chinese shops
/// and ERPs write it.
const TOTAL_AMOUNT: &[&str] = &[
    "total",
    "totals",
    "合计",
    "总额",
    "总计",
    "总价",
    "小计金额",
    "应付",
    "应收",
];
const GENERIC_AMOUNT: &[&str] = &[
    "amount",
    "sales",
    "revenue",
    "value",
    "turnover",
    "spend",
    "sum",
    "金额",
    "销售额",
    "收入",
    "营业额",
    "成交额",
    "货款",
    "营收",
    "收款",
    "销售金额",
];
/// Before what came off (discounts, refunds) or with tax on top.
const GROSS_AMOUNT: &[&str] = &[
    "gross",
    "subtotal",
    "incl",
    "含税",
    "价税合计",
    "原价",
    "总金额",
];

/// Where a header stands among amount columns, lower first: 0 net or
/// paid, 1 total, 2 a plain amount, 3 gross or before discounts, plus 2
/// for a formatted copy; `None` when it names no amount (`Unit Price`,
/// `Shipping`, `Insurance Amount`, `Expected Revenue`).
fn amount_rank(header: &Normalised) -> Option<u8> {
    let total = header.has_any(TOTAL_AMOUNT);
    let price = header.has_word("price") || header.has_word("价格");
    if header.has_any(NOT_AMOUNT) || (price && !total) {
        return None;
    }
    let rank = if header.has_any(GROSS_AMOUNT) {
        3
    } else if header.has_any(NET_AMOUNT) {
        0
    } else if total {
        1
    } else if header.has_any(GENERIC_AMOUNT) || price {
        2
    } else {
        return None;
    };
    Some(rank + if header.has_word("formatted") { 2 } else { 0 })
}

/// Untaken columns that read as amounts, best rank first, then leftmost.
/// Beside a fee column (PayPal, payment processors), `Net` is what is left
/// after the processor's fee, and `Gross` is what the customer paid.
fn amount_candidates(normalised: &[Normalised], taken: &[bool]) -> Vec<(usize, u8)> {
    let fees = normalised
        .iter()
        .any(|h| h.has_word("fee") || h.has_word("fees") || h.has_word("手续费"));
    let mut found: Vec<(usize, u8)> = normalised
        .iter()
        .enumerate()
        .filter(|&(i, h)| !taken[i] && h.text.chars().count() <= 24)
        .filter_map(|(i, h)| {
            // "salesamount" written as one word has no word breaks to read.
            let plain = Role::Amount.names().contains(&h.text.as_str()).then_some(2);
            let rank = amount_rank(h).or(plain)?;
            Some((
                i,
                match rank {
                    3 if fees && h.has_word("gross") => 0,
                    0 if fees && h.has_word("net") => 3,
                    rank => rank,
                },
            ))
        })
        .collect();
    found.sort_by_key(|&(i, rank)| (rank, i));
    found
}

/// Words that make a header an attribute of the customer or the order,
/// not the customer itself: "Customer Type", 客户地区, "Client Since",
/// "Customer Reference", 客户订单号 hold the word customer and are not it.
const ATTRIBUTE_WORDS: &[&str] = &[
    "type",
    "status",
    "stage",
    "country",
    "region",
    "city",
    "province",
    "state",
    "group",
    "level",
    "tier",
    "class",
    "category",
    "segment",
    "since",
    "date",
    "reference",
    "ref",
    "order",
    "po",
    "source",
    "note",
    "notes",
    "owner",
    "manager",
    "industry",
    "terms",
    "currency",
    "类型",
    "状态",
    "阶段",
    "地区",
    "区域",
    "城市",
    "省份",
    "等级",
    "级别",
    "分组",
    "分类",
    "类别",
    "日期",
    "订单",
    "来源",
    "备注",
    "经理",
    "行业",
    "性质",
    "币种",
];

/// Headers a status column never has: the delivery's or the contact's
/// state says nothing about whether the order was paid.
const NOT_STATUS: &[&str] = &[
    "delivery",
    "fulfillment",
    "fulfilment",
    "shipping",
    "shipment",
    "lifecycle",
    "lead",
    "approval",
    "物流",
    "发货",
    "配送",
    "审核",
    "生命周期",
    "客户",
];

/// Whether a header found by containment may serve `role`.
fn fits(role: Role, header: &Normalised) -> bool {
    match role {
        Role::Customer | Role::CustomerName => !header.has_any(ATTRIBUTE_WORDS),
        Role::Status => !header.has_any(NOT_STATUS),
        _ => true,
    }
}

fn find_column(
    normalised: &[Normalised],
    taken: &[bool],
    role: Role,
    exact: bool,
) -> Option<usize> {
    // Names are in order of preference, so search name by name.
    role.names().iter().find_map(|name| {
        normalised.iter().enumerate().position(|(i, header)| {
            !taken[i]
                && !header.text.is_empty()
                && matches_name(header, name, exact)
                && (exact || fits(role, header))
        })
    })
}

/// How much longer than a known name a header may be and still contain it:
/// "salesamountcny" contains "amount" with 8 to spare.
const MAX_EXTRA_CHARS: usize = 12;

fn matches_name(header: &Normalised, name: &str, exact: bool) -> bool {
    if exact {
        header.text == name
    } else {
        // Containment only for names of some length ("id" alone would match
        // far too much), as whole words, and only in header-like text: a
        // sentence that mentions 客户 is a note, not the customer column.
        let (h, n) = (header.text.chars().count(), name.chars().count());
        n >= 2 && h <= n + MAX_EXTRA_CHARS && header.has_word(name)
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
    map.set(role, index);
    if role == Role::Amount {
        // The user's choice is not a guess to check against others.
        map.amount_candidates = vec![(index, 0)];
    }
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
        header_line: 1,
        sheets: Vec::new(),
    }
}

pub fn list_headers(headers: &[String]) -> String {
    let shown: Vec<String> = headers
        .iter()
        .take(30)
        .map(|h| format!("\"{}\"", super::values::clip(h)))
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
        let map = map_columns_unchecked(&h, &[]).unwrap();
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
        let map = map_columns_unchecked(&h, &[]).unwrap();
        let sample = rows(&["A,20240105,99", "B,20240106,100"]);
        let found = guess_from_values(&map, &sample);
        assert_eq!(
            found,
            [("date".into(), "X".into()), ("amount".into(), "Y".into())] as [(String, String); 2]
        );
    }

    #[test]
    fn the_amount_is_chosen_by_rank_not_position() {
        let pick = |list: &[&str]| {
            let map = map_columns_unchecked(&headers(list), &[]).unwrap();
            map.get(Role::Amount)
                .map_or(String::new(), |i| list[i].to_string())
        };
        assert_eq!(
            pick(&["Insurance Amount", "Net Sales", "Gross Sales"]),
            "Net Sales"
        );
        assert_eq!(
            pick(&["总金额", "买家应付邮费", "买家实际支付金额"]),
            "买家实际支付金额"
        );
        assert_eq!(pick(&["Subtotal", "Shipping", "Taxes", "Total"]), "Total");
        assert_eq!(pick(&["Amount", "Expected Revenue"]), "Amount");
        assert_eq!(pick(&["Unit Price", "Qty"]), "");
        assert_eq!(
            pick(&["N. Revenue (formatted)", "N. Revenue"]),
            "N. Revenue"
        );
        // Beside a fee, "Net" is what the processor left: Gross is paid.
        assert_eq!(pick(&["Gross", "Fee", "Net"]), "Gross");
    }

    #[test]
    fn names_match_whole_words_only() {
        let map = map_columns_unchecked(
            &headers(&["customer_id", "date", "amount", "Shipping Method"]),
            &[],
        )
        .unwrap();
        assert_eq!(map.get(Role::Margin), None, "\"gm\" across a word break");
        assert_eq!(normalise("Sales Amount (CNY)"), "salesamountcny");
        assert!(Normalised::new("NetAmount").has_word("amount"));
        assert!(!Normalised::new("Internet Sales").has_word("net"));
    }

    #[test]
    fn attributes_of_the_customer_are_not_the_customer() {
        for list in [
            [
                "Customer Name",
                "Customer Reference",
                "Invoice Date",
                "Amount",
            ],
            ["客户名称", "客户订单号", "日期", "金额"],
            ["Customer Name", "Customer Type", "Date", "Amount"],
            ["Client Name", "Client Since", "Order Date", "Order Value"],
            ["客户名称", "客户地区", "日期", "金额"],
        ] {
            let map = map_columns(&headers(&list), &[]).unwrap();
            assert_eq!(map.get(Role::Customer), Some(0), "{list:?}");
        }
        let map = map_columns(&headers(&["客户", "日期", "金额", "物流状态"]), &[]).unwrap();
        assert_eq!(
            map.get(Role::Status),
            None,
            "a delivery's state is not the payment's"
        );
    }

    #[test]
    fn the_name_is_the_key_when_there_is_no_id() {
        let map = map_columns(&headers(&["日期", "客户名称", "金额", "结算方式"]), &[]).unwrap();
        assert_eq!(map.get(Role::Customer), Some(1));
        assert!(map.name_is_key);
        let map = map_columns(
            &headers(&["Account Name", "Close Date", "Amount", "Stage"]),
            &[],
        )
        .unwrap();
        assert_eq!(
            (map.get(Role::Customer), map.get(Role::Status)),
            (Some(0), Some(3))
        );
    }

    #[test]
    fn quantity_times_price_stands_in_for_the_amount() {
        let map = map_columns(&headers(&["客户", "日期", "数量", "单价"]), &[]).unwrap();
        assert!(map.derives_amount());
        assert_eq!(map.get(Role::UnitPrice), Some(3));
    }

    #[test]
    fn repeated_and_blank_headers_get_names() {
        let map = map_columns_unchecked(&headers(&["", "金额", "金额"]), &[]).unwrap();
        assert_eq!(map.headers(), ["(column 1)", "金额", "金额 (2)"]);
        assert_eq!(map.duplicates, ["金额"]);
    }

    #[test]
    fn units_in_headers() {
        assert_eq!(unit_factor("金额(万元)"), Some(1e4));
        assert_eq!(unit_factor("销售额（千元）"), Some(1e3));
        assert_eq!(unit_factor("Revenue (000)"), Some(1e3));
        assert_eq!(unit_factor("Sales in thousands"), Some(1e3));
        assert_eq!(unit_factor("Umsatz k€"), Some(1e3));
        assert_eq!(unit_factor("收入(亿元)"), Some(1e8));
        assert_eq!(unit_factor("金额(元)"), None);
        assert_eq!(unit_factor("Amount EUR"), None);
        assert_eq!(unit_factor("Sum €"), None);
        assert_eq!(unit_factor("Revenue (m)"), Some(1e6));
        assert_eq!(unit_factor("Amount"), None);
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
