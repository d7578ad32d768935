//! Customer lifetime value: the models fitted on the calibration period,
//! then each customer's expected purchases, probability alive, expected
//! value of a purchase and discounted value over the horizon, with the
//! totals a manager reads them by.
//!
//! CLV over H months with monthly discount d, as in `lifetimes`:
//!   Σ_{m=1..H} v · (E[Y(m)] − E[Y(m−1)]) / (1+d)^m,
//! E[Y] the purchase model's conditional expectation at the as-of date and
//! v the expected value of one future purchase. A month is 365.25/12 =
//! 30.44 days (lifetimes uses 30 days, or 4.345 weeks in weekly units).
//!
//! v without costs is the Gamma-Gamma expected spend. With costs it is the
//! expected *profit* of a purchase, estimated by credibility (Bühlmann &
//! Straub 1970; the empirical Bayes normal model): with n purchase days,
//! historical profit per purchase day π_c and the population's π̄ (the
//! customers' π_c weighted by their credibility n/(n+k)),
//!   v_c = (n π_c + k π̄) / (n + k) = (profit_c + k π̄) / (n + k),
//! k = σ²/τ², σ² the spread of one purchase's profit around its customer's
//! mean (each purchase's revenue times its customer's margin), τ² the
//! spread of the customers' true means (method of moments). Why not the
//! customer's own margin times the expected spend: a single odd purchase
//! (revenue 50 at a loss of 2,490, margin −49.8) times the population's
//! spend (48,498) predicts a loss of millions. Profit can be negative, so
//! Gamma-Gamma cannot model it; credibility keeps every estimate between
//! the customer's own profit per purchase and the population's, nearer the
//! customer's the more purchases it has.
//!
//! The models are fitted on the calibration period and predict from each
//! customer's whole history. When no model can be trusted (no purchase
//! log, too few customers, no repeat buying, no convergence), `status`
//! says which and every figure is the historical value instead.

use super::data::{self, History};
use super::model::{self, ModelChoice, ModelKind, Purchases};
use super::special::SameEverywhere;
use super::{bgnbd, gamma_gamma, holdout, mbgnbd, pareto_nbd, what_if};
use crate::customers::Customers;
use crate::day::Day;
use crate::parallel;
use crate::settings::{self, Field, SettingsError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Fewer calibration customers than this, or fewer repeat buyers than
/// `MIN_REPEAT_BUYERS`, cannot pin down four parameters.
pub const MIN_CUSTOMERS: usize = 20;
pub const MIN_REPEAT_BUYERS: usize = 5;
/// Log-parameters past this ran to a boundary of the likelihood: the fit
/// did not find an interior maximum.
const LOG_PARAMETER_LIMIT: f64 = 25.0;
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// The models' time unit (`--period`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Day,
    #[default]
    Week,
    Month,
}

impl TimeUnit {
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Day => 1.0,
            TimeUnit::Week => 7.0,
            TimeUnit::Month => DAYS_PER_MONTH,
        }
    }

    pub fn parse(text: &str) -> Result<TimeUnit, SettingsError> {
        settings::one_of(
            Field::Period,
            text,
            &[
                ("day", TimeUnit::Day),
                ("week", TimeUnit::Week),
                ("month", TimeUnit::Month),
            ],
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClvSettings {
    /// The end of the calibration period; the as-of date when `None`.
    pub calibration_end: Option<Day>,
    pub period: TimeUnit,
    pub horizon_months: u32,
    /// Discount rate per month.
    pub monthly_discount: f64,
    /// Points of one-year retention the what-if adds.
    pub retention_points: f64,
    /// The purchase model asked for; the best by `model::choose` when `None`.
    #[serde(default)]
    pub model: Option<ModelKind>,
}

impl Default for ClvSettings {
    fn default() -> Self {
        ClvSettings {
            calibration_end: None,
            period: TimeUnit::Week,
            horizon_months: 12,
            monthly_discount: 0.01,
            retention_points: 5.0,
            model: None,
        }
    }
}

impl ClvSettings {
    /// A horizon of 1 to 120 months, a monthly discount from 0 to 0.5 and
    /// 0 to 50 points of retention.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let horizon = f64::from(self.horizon_months);
        settings::in_range(Field::Horizon, horizon, 1.0, 120.0)?;
        settings::in_range(Field::Discount, self.monthly_discount, 0.0, 0.5)?;
        settings::in_range(Field::RetentionPoints, self.retention_points, 0.0, 50.0)?;
        Ok(())
    }
}

/// Whether the models could be used, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Fitted,
    /// A customer summary without the model columns for the calibration
    /// end asked (`summary::gaps` says which).
    NoPurchaseLog,
    TooFewCustomers,
    NoRepeatPurchases,
    /// The BG/NBD search did not reach a maximum.
    NotConverged,
}

/// One customer's prediction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// Expected purchase days over the horizon.
    pub expected_purchases: f64,
    pub p_alive: f64,
    /// Expected revenue of one purchase day.
    pub expected_spend: f64,
    /// What one future purchase day is expected to be worth: profit
    /// (credibility-weighted, see above) when costs are known, else the
    /// expected spend.
    pub value_per_purchase: f64,
    /// Discounted value over the horizon (profit when costs are known).
    pub clv: f64,
    /// The chance of at least one purchase in the next 90 days.
    pub p_purchase_90d: f64,
    /// The date by which the customer has more likely than not bought
    /// again: the median of the time to the next purchase from the as-of
    /// date. `None` when that chance stays below one half for five years.
    pub expected_next_purchase: Option<Day>,
    pub churn_risk: ChurnRisk,
    /// How far P(alive) has fallen since the last purchase (P(alive) had
    /// T been the last purchase's time, less P(alive) now).
    pub p_alive_drop: f64,
}

/// Churn risk by the chance of no purchase in the next 90 days: below a
/// third low, up to two thirds medium, above that high.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChurnRisk {
    #[default]
    Low,
    Medium,
    High,
}

impl ChurnRisk {
    pub const ALL: [ChurnRisk; 3] = [ChurnRisk::Low, ChurnRisk::Medium, ChurnRisk::High];

    /// `low`, `medium` or `high`.
    pub fn parse(text: &str) -> Result<ChurnRisk, SettingsError> {
        settings::one_of(
            Field::ChurnRisk,
            text,
            &ChurnRisk::ALL.map(|c| (c.key(), c)),
        )
    }

    pub fn of(p_purchase: f64) -> ChurnRisk {
        let none = 1.0 - p_purchase;
        if none < 1.0 / 3.0 {
            ChurnRisk::Low
        } else if none <= 2.0 / 3.0 {
            ChurnRisk::Medium
        } else {
            ChurnRisk::High
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            ChurnRisk::Low => "low",
            ChurnRisk::Medium => "medium",
            ChurnRisk::High => "high",
        }
    }
}

/// Customers per churn risk.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChurnCounts {
    pub low: usize,
    pub medium: usize,
    pub high: usize,
}

/// Days ahead for `p_purchase_90d` and the churn risk.
pub const CHURN_DAYS: f64 = 90.0;
/// How far ahead `expected_next_purchase` looks.
const NEXT_PURCHASE_YEARS: f64 = 5.0;

/// CLV summed over a group of customers, with its spread.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ValueGroup {
    pub key: String,
    pub customers: usize,
    /// Value to date: profit when costs are known, else net revenue.
    pub historical: f64,
    pub clv: f64,
    pub clv_share: f64,
    pub mean: f64,
    pub median: f64,
    pub p90: f64,
    pub mean_p_alive: f64,
    /// A 90% interval on `clv` from the purchase model's parameter
    /// uncertainty (tiers only).
    pub interval: Option<[f64; 2]>,
}

/// The groups of one dimension.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ValueSplit {
    pub key: String,
    pub header: String,
    pub groups: Vec<ValueGroup>,
}

/// P(alive) of a customer with x repeat purchases, the last at t_x, seen
/// at T (the oldest calibration customer's age).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AliveMatrix {
    pub t: f64,
    pub frequencies: Vec<f64>,
    pub recencies: Vec<f64>,
    /// `values[i][j]`: frequency i, recency j.
    pub values: Vec<Vec<f64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clv {
    pub settings: ClvSettings,
    pub calibration_end: Day,
    pub period_days: f64,
    pub status: Status,
    /// True when costs are known and CLV is profit, false for revenue.
    pub margin_applied: bool,
    pub calibration_customers: usize,
    pub repeat_buyers: usize,
    /// Distinct (x, t_x, T): the likelihood's evaluations per step.
    pub distinct_histories: usize,
    pub bgnbd: Option<bgnbd::BgNbd>,
    pub mbgnbd: Option<mbgnbd::MbgNbd>,
    pub pareto_nbd: Option<pareto_nbd::ParetoNbd>,
    /// The models compared and the one the predictions use.
    pub model_choice: Option<ModelChoice>,
    /// How regular buying is (Wheat & Morrison), when enough customers
    /// have three purchase days.
    pub regularity: Option<super::regularity::Regularity>,
    pub churn_risk: ChurnCounts,
    pub gamma_gamma: Option<gamma_gamma::GammaGamma>,
    /// The credibility estimate of a purchase's profit (costs known only).
    pub profit_model: Option<Credibility>,
    /// Predicted value over the horizon, or the historical value when the
    /// models are not used.
    pub clv_total: f64,
    /// A 90% interval on `clv_total` from the purchase model's parameter
    /// uncertainty (delta method; spend and profit taken as known).
    pub clv_total_interval: Option<[f64; 2]>,
    pub historical_total: f64,
    pub expected_purchases_total: f64,
    /// Share of predicted value held by the top 20% of customers by it.
    pub top20_share: f64,
    pub by_tier: Vec<ValueGroup>,
    pub by_segment: Vec<ValueGroup>,
    pub by_stage: Vec<ValueGroup>,
    pub by_dimension: Vec<ValueSplit>,
    pub alive_matrix: Option<AliveMatrix>,
    pub holdout: Option<holdout::Holdout>,
    pub what_if: Option<what_if::WhatIf>,
}

/// What the CLV section needs from the rest of the analysis.
pub struct Inputs<'a> {
    pub customers: &'a Customers,
    pub as_of: Day,
    /// False for a customer summary (no purchase log).
    pub log: bool,
    /// Per customer: profit when `margin_applied`, else revenue.
    pub historical: &'a [f64],
    pub margin_applied: bool,
    /// Tier, segment and stage, in that order.
    pub labels: Vec<Labelling>,
    /// Every dimension of the file.
    pub dimensions: Vec<Labelling>,
}

/// A labelling of customers: `of[c]` indexes `values` (`None`: no value).
/// u32, not usize: there is one per customer, and a million of them.
pub struct Labelling {
    pub key: String,
    pub header: String,
    pub values: Vec<String>,
    pub of: Vec<Option<u32>>,
}

/// Everything the models say; `None` predictions when they are not used.
pub fn lifetime_value(
    inputs: &Inputs<'_>,
    settings: ClvSettings,
) -> (Clv, Vec<Option<Prediction>>) {
    let period_days = settings.period.days();
    let calibration_end = settings
        .calibration_end
        .unwrap_or(inputs.as_of)
        .min(inputs.as_of);
    let fits = inputs.log
        || (inputs.customers.model.as_ref()).is_some_and(|m| m.fits(calibration_end, inputs.as_of));
    let calibration = if fits {
        data::histories(
            inputs.customers,
            (calibration_end, inputs.as_of),
            period_days,
        )
    } else {
        Vec::new()
    };
    let grouped = data::grouped(&calibration);
    let calibration_customers = calibration.iter().flatten().count();
    let repeat_buyers = calibration.iter().flatten().filter(|h| h.x > 0.0).count();
    let mut clv = Clv {
        settings,
        calibration_end,
        period_days,
        status: Status::Fitted,
        margin_applied: inputs.margin_applied,
        calibration_customers,
        repeat_buyers,
        distinct_histories: grouped.len(),
        bgnbd: None,
        mbgnbd: None,
        pareto_nbd: None,
        model_choice: None,
        regularity: None,
        churn_risk: ChurnCounts::default(),
        gamma_gamma: None,
        profit_model: None,
        clv_total: 0.0,
        clv_total_interval: None,
        historical_total: inputs.historical.iter().sum::<f64>() + 0.0,
        expected_purchases_total: 0.0,
        top20_share: 0.0,
        by_tier: Vec::new(),
        by_segment: Vec::new(),
        by_stage: Vec::new(),
        by_dimension: Vec::new(),
        alive_matrix: None,
        holdout: None,
        what_if: None,
    };
    clv.status = if !fits {
        Status::NoPurchaseLog
    } else if calibration_customers < MIN_CUSTOMERS {
        Status::TooFewCustomers
    } else if repeat_buyers < MIN_REPEAT_BUYERS {
        Status::NoRepeatPurchases
    } else {
        Status::Fitted
    };
    if inputs.log {
        clv.regularity = super::regularity::wheat(inputs.customers);
    }
    let model = if clv.status == Status::Fitted {
        fit_and_choose(&mut clv, inputs, &calibration, &grouped)
    } else {
        None
    };
    let (predictions, intervals) = match model {
        Some((fit, covariance)) => {
            predict_section(&mut clv, inputs, (&fit, covariance), &calibration)
        }
        None => (vec![None; inputs.customers.len()], Vec::new()),
    };
    summarise(&mut clv, inputs, &predictions);
    if let Some((total, tiers)) = intervals.split_first() {
        clv.clv_total_interval = *total;
        for (group, interval) in clv.by_tier.iter_mut().zip(tiers) {
            group.interval = *interval;
        }
    }
    (clv, predictions)
}

/// Fits the three purchase models and Gamma-Gamma, compares them and
/// returns the one to predict with (`None`: none converged).
fn fit_and_choose(
    clv: &mut Clv,
    inputs: &Inputs<'_>,
    calibration: &[Option<History>],
    grouped: &[(History, f64)],
) -> Option<(Purchases, Option<Covariance>)> {
    let bg = bgnbd::fit(grouped);
    let start = [bg.r, bg.alpha, bg.a, bg.b]
        .map(|v| Some(v.ln_s()).filter(|v| v.is_finite()).unwrap_or(0.0));
    let (mbg, pareto) = parallel::join(
        || mbgnbd::fit(grouped, start),
        || pareto_nbd::fit(grouped, [start[0], start[1], 0.0, start[1]]),
    );
    clv.bgnbd = Some(bg);
    clv.mbgnbd = Some(mbg).filter(|m| m.log_likelihood.is_finite());
    clv.pareto_nbd = Some(pareto).filter(|p| p.log_likelihood.is_finite());
    let all = [
        Purchases::Bg(bg),
        Purchases::Mbg(mbg),
        Purchases::Pareto(pareto),
    ];
    let (usable, unusable): (Vec<Purchases>, Vec<Purchases>) = all.into_iter().partition(|m| {
        m.converged() && m.log_likelihood().is_finite() && usable_parameters(&m.parameters())
    });
    if usable.is_empty() {
        clv.status = Status::NotConverged;
        return None;
    }
    let (usable, covariances): (Vec<Purchases>, Vec<Option<Covariance>>) =
        parallel::map(&usable, |m| m.with_errors(grouped))
            .into_iter()
            .unzip();
    record_errors(clv, &usable);
    // Spend matters only to predictions, so only with a usable fit.
    let repeaters: Vec<History> = calibration.iter().flatten().copied().collect();
    clv.gamma_gamma = Some(gamma_gamma::fit(&repeaters))
        .filter(|g| g.converged && g.q > 1.0 && usable_parameters(&[g.p, g.q, g.v]))
        .map(|g| gamma_gamma::with_errors(g, &repeaters));
    let errors = holdout_errors(&usable, inputs, calibration, clv);
    let unusable = unusable.iter().map(Purchases::kind).collect();
    clv.model_choice = model::choose(&usable, unusable, &errors, clv.settings.model);
    let chosen = clv.model_choice.as_ref()?.chosen;
    usable
        .into_iter()
        .zip(covariances)
        .find(|(m, _)| m.kind() == chosen)
}

/// A parameter covariance matrix.
type Covariance = Vec<Vec<f64>>;

/// The usable fits, now with standard errors, in the section's figures.
fn record_errors(clv: &mut Clv, usable: &[Purchases]) {
    for m in usable {
        match *m {
            Purchases::Bg(b) => clv.bgnbd = Some(b),
            Purchases::Mbg(b) => clv.mbgnbd = Some(b),
            Purchases::Pareto(p) => clv.pareto_nbd = Some(p),
        }
    }
}

/// Each usable model's holdout error (empty without a holdout period).
fn holdout_errors(
    usable: &[Purchases],
    inputs: &Inputs<'_>,
    calibration: &[Option<History>],
    clv: &Clv,
) -> std::collections::BTreeMap<ModelKind, f64> {
    let holdouts = parallel::map(usable, |m| {
        holdout::holdout(
            m,
            inputs.customers,
            calibration,
            clv.calibration_end,
            inputs.as_of,
            clv.period_days,
        )
    });
    usable
        .iter()
        .zip(holdouts)
        .filter_map(|(m, h)| Some((m.kind(), h?.mae)))
        .collect()
}

/// The chosen model's predictions and the figures made from them.
fn predict_section(
    clv: &mut Clv,
    inputs: &Inputs<'_>,
    (fit, covariance): (&Purchases, Option<Covariance>),
    calibration: &[Option<History>],
) -> (Vec<Option<Prediction>>, Vec<Option<[f64; 2]>>) {
    let (settings, period_days) = (clv.settings, clv.period_days);
    let spend = SpendModel::new(clv.gamma_gamma, calibration);
    // With no holdout the calibration is already every history now.
    let now = if clv.calibration_end == inputs.as_of {
        std::borrow::Cow::Borrowed(calibration)
    } else {
        std::borrow::Cow::Owned(data::histories(
            inputs.customers,
            (inputs.as_of, inputs.as_of),
            period_days,
        ))
    };
    let (worth, profit_model) = worth_per_purchase(inputs, &spend, &now);
    clv.profit_model = profit_model;
    let predictions = predict_all(
        fit,
        &spend,
        &now,
        &worth,
        &settings,
        inputs.as_of,
        period_days,
    );
    clv.holdout = holdout::holdout(
        fit,
        inputs.customers,
        calibration,
        clv.calibration_end,
        inputs.as_of,
        period_days,
    );
    clv.alive_matrix = Some(alive_matrix(fit, calibration));
    // The what-if scales BG/NBD's drop-out, so it needs a usable BG/NBD.
    clv.what_if = clv
        .bgnbd
        .filter(|b| b.converged && usable_parameters(&[b.r, b.alpha, b.a, b.b]))
        .and_then(|b| what_if::what_if(&b, &now, &worth, &settings, period_days));
    let intervals = match covariance {
        Some(c) => super::interval::intervals(
            fit,
            &c,
            &now,
            &worth,
            &inputs.labels,
            &month_steps(&settings, period_days),
        ),
        None => Vec::new(),
    };
    (predictions, intervals)
}

fn usable_parameters(values: &[f64]) -> bool {
    values
        .iter()
        .all(|v| v.is_finite() && *v > 0.0 && v.ln_s().abs() < LOG_PARAMETER_LIMIT)
}

/// The credibility model of a purchase's profit: the population's profit
/// per purchase day and k, the weight of the population in purchases.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Credibility {
    pub population_per_purchase: f64,
    pub prior_purchases: f64,
}

/// k when the customers' means do not differ beyond chance: everyone is
/// given the population's figure (a finite stand-in for infinity).
const NO_CREDIBILITY: f64 = 1e9;

impl Credibility {
    /// Bühlmann–Straub's moment estimates over customers with purchases.
    pub fn estimate(customers: &Customers, profits: &[f64]) -> Credibility {
        let (mut n_total, mut n_squared, mut profit_total) = (0.0, 0.0, 0.0);
        let (mut within, mut within_dof, mut groups) = (0.0, 0.0, 0.0);
        for (c, &profit) in profits.iter().enumerate().take(customers.len()) {
            let (days, amounts) = customers.purchases(c);
            let n = days.len() as f64;
            if n == 0.0 {
                continue;
            }
            (n_total, n_squared, profit_total, groups) = (
                n_total + n,
                n_squared + n * n,
                profit_total + profit,
                groups + 1.0,
            );
            let revenue = customers.list[c].revenue;
            if n > 1.0 && revenue > 0.0 {
                let (margin, mean) = (profit / revenue, profit / n);
                within += amounts
                    .iter()
                    .map(|a| {
                        let d = a * margin - mean;
                        d * d
                    })
                    .sum::<f64>();
                within_dof += n - 1.0;
            }
        }
        let population = if n_total > 0.0 {
            profit_total / n_total
        } else {
            0.0
        };
        let between: f64 = profits
            .iter()
            .enumerate()
            .take(customers.len())
            .map(|(c, &profit)| {
                let n = customers.purchases(c).0.len() as f64;
                if n > 0.0 {
                    {
                        let d = profit / n - population;
                        n * d * d
                    }
                } else {
                    0.0
                }
            })
            .sum();
        let sigma2 = if within_dof > 0.0 {
            within / within_dof
        } else {
            0.0
        };
        let tau2 = (between - (groups - 1.0) * sigma2) / (n_total - n_squared / n_total.max(1.0));
        let k = if tau2 > 0.0 && tau2.is_finite() {
            (sigma2 / tau2).min(NO_CREDIBILITY)
        } else {
            NO_CREDIBILITY
        };
        Credibility {
            population_per_purchase: collective_mean(customers, profits, k, population) + 0.0,
            prior_purchases: k,
        }
    }

    /// The expected profit of one future purchase of a customer with
    /// `purchases` purchase days and `profit` to date.
    pub fn expected(&self, profit: f64, purchases: f64) -> f64 {
        let k = self.prior_purchases;
        (profit + k * self.population_per_purchase) / (purchases + k)
    }
}

/// Bühlmann–Straub's estimate of the population's mean: the customers'
/// means weighted by their credibility n/(n+k), so that a few heavy buyers
/// do not set the figure every light buyer is pulled towards.
fn collective_mean(customers: &Customers, profits: &[f64], k: f64, fallback: f64) -> f64 {
    let (mut weighted, mut weights) = (0.0, 0.0);
    for (c, &profit) in profits.iter().enumerate().take(customers.len()) {
        let n = customers.purchases(c).0.len() as f64;
        if n > 0.0 {
            let z = n / (n + k);
            (weighted, weights) = (weighted + z * profit / n, weights + z);
        }
    }
    if weights > 0.0 {
        weighted / weights
    } else {
        fallback
    }
}

/// Per customer, what one future purchase is worth (0 for customers the
/// models do not see): profit by credibility when costs are known, else
/// the expected spend.
fn worth_per_purchase(
    inputs: &Inputs<'_>,
    spend: &SpendModel,
    now: &[Option<History>],
) -> (Vec<f64>, Option<Credibility>) {
    if !inputs.margin_applied {
        let worth = now
            .iter()
            .map(|h| h.as_ref().map_or(0.0, |h| spend.expected(h)))
            .collect();
        return (worth, None);
    }
    let model = Credibility::estimate(inputs.customers, inputs.historical);
    let worth = (0..inputs.customers.len())
        .map(|c| {
            let purchases = inputs.customers.purchases(c).0.len() as f64;
            finite(model.expected(inputs.historical[c], purchases))
        })
        .collect();
    (worth, Some(model))
}

/// The expected value of a purchase: Gamma-Gamma when it fitted, else the
/// customer's own mean (or everyone's, for one-time buyers).
pub struct SpendModel {
    fit: Option<gamma_gamma::GammaGamma>,
    population_mean: f64,
}

impl SpendModel {
    fn new(fit: Option<gamma_gamma::GammaGamma>, calibration: &[Option<History>]) -> Self {
        let mut spends: Vec<f64> = calibration
            .iter()
            .flatten()
            .filter(|h| h.x >= 1.0 && h.mean_spend >= 0.0)
            .map(|h| h.mean_spend)
            .collect();
        // Summed in one order whatever the file's.
        spends.sort_unstable_by(f64::total_cmp);
        let population_mean = match fit {
            Some(g) => g.p * g.v / (g.q - 1.0),
            None if spends.is_empty() => 0.0,
            None => spends.iter().sum::<f64>() / spends.len() as f64,
        };
        SpendModel {
            fit,
            population_mean,
        }
    }

    pub fn expected(&self, h: &History) -> f64 {
        match &self.fit {
            Some(g) => gamma_gamma::expected_spend(g, h, self.population_mean),
            None if h.x >= 1.0 && h.mean_spend >= 0.0 => h.mean_spend,
            None => self.population_mean,
        }
    }
}

/// The horizon's month ends in model periods, with their discount factors.
pub fn month_steps(settings: &ClvSettings, period_days: f64) -> Vec<(f64, f64)> {
    (1..=settings.horizon_months)
        .map(|m| {
            let t = f64::from(m) * DAYS_PER_MONTH / period_days;
            (t, (1.0 + settings.monthly_discount).powi_s(-(m as i32)))
        })
        .collect()
}

/// Expected purchases over the horizon and their discounted count: what a
/// history contributes, per unit of spend.
pub fn discounted_purchases(fit: &Purchases, h: &History, steps: &[(f64, f64)]) -> (f64, f64) {
    let (mut previous, mut discounted) = (0.0, 0.0);
    let alive = fit.p_alive(h);
    for &(t, factor) in steps {
        let expected = fit
            .expected_purchases_given(h, t, alive)
            .unwrap_or(previous);
        discounted += (expected - previous).max(0.0) * factor;
        previous = expected.max(previous);
    }
    (previous, discounted)
}

/// A history's figures that do not depend on the customer's value.
#[derive(Clone, Copy)]
struct Outlook {
    purchases: f64,
    discounted: f64,
    alive: f64,
    p_purchase_90d: f64,
    next_purchase: Option<f64>,
    p_alive_drop: f64,
}

fn outlook(fit: &Purchases, h: &History, steps: &[(f64, f64)], period_days: f64) -> Outlook {
    let (purchases, discounted) = discounted_purchases(fit, h, steps);
    let alive = finite(fit.p_alive(h)).clamp(0.0, 1.0);
    let p_purchase_90d =
        finite(alive * fit.p_purchase_if_alive(h, CHURN_DAYS / period_days)).clamp(0.0, 1.0);
    Outlook {
        purchases,
        discounted,
        alive,
        p_purchase_90d,
        next_purchase: next_purchase(fit, h, alive, period_days),
        p_alive_drop: (finite(fit.p_alive(&History { t: h.t_x, ..*h })) - alive).max(0.0),
    }
}

/// Periods from T to the median of the time to the next purchase: where
/// P(alive) · P(purchase by t | alive) reaches one half, by bisection
/// (the chance rises with t). `None` when it stays below for five years.
fn next_purchase(fit: &Purchases, h: &History, alive: f64, period_days: f64) -> Option<f64> {
    let target = 0.5 / alive;
    let cap = NEXT_PURCHASE_YEARS * 365.25 / period_days;
    // NaN (alive 0) fails every comparison and gives no date.
    let reachable = target <= 1.0 && fit.p_purchase_if_alive(h, cap) >= target;
    if !reachable {
        return None;
    }
    let (mut low, mut high) = (0.0, cap);
    // 2^−16 of five years is under an hour: a day is all a date needs.
    for _ in 0..16 {
        let mid = 0.5 * (low + high);
        if fit.p_purchase_if_alive(h, mid) >= target {
            high = mid;
        } else {
            low = mid;
        }
    }
    Some(high)
}

fn predict_all(
    fit: &Purchases,
    spend: &SpendModel,
    now: &[Option<History>],
    worth: &[f64],
    settings: &ClvSettings,
    as_of: Day,
    period_days: f64,
) -> Vec<Option<Prediction>> {
    let steps = month_steps(settings, period_days);
    // Customers with equal (x, t_x, T) share their expectations.
    let mut cache: HashMap<[u64; 3], Outlook> = HashMap::new();
    now.iter()
        .zip(worth)
        .map(|(h, &worth)| {
            let h = h.as_ref()?;
            let o = *cache
                .entry(h.key())
                .or_insert_with(|| outlook(fit, h, &steps, period_days));
            Some(Prediction {
                expected_purchases: o.purchases,
                p_alive: o.alive,
                expected_spend: spend.expected(h),
                value_per_purchase: worth,
                clv: finite(o.discounted * worth) + 0.0,
                p_purchase_90d: o.p_purchase_90d,
                expected_next_purchase: o
                    .next_purchase
                    .map(|t| Day(as_of.0 + (t * period_days).ceil() as i32)),
                churn_risk: ChurnRisk::of(o.p_purchase_90d),
                p_alive_drop: o.p_alive_drop,
            })
        })
        .collect()
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// Each customer's value: predicted, or historical without a model.
fn values(inputs: &Inputs<'_>, predictions: &[Option<Prediction>]) -> Vec<f64> {
    predictions
        .iter()
        .zip(inputs.historical)
        .map(|(p, &h)| p.map_or(h, |p| p.clv))
        .collect()
}

fn summarise(clv: &mut Clv, inputs: &Inputs<'_>, predictions: &[Option<Prediction>]) {
    let values = values(inputs, predictions);
    clv.clv_total = values.iter().sum::<f64>() + 0.0;
    clv.expected_purchases_total = predictions
        .iter()
        .flatten()
        .map(|p| p.expected_purchases)
        .sum::<f64>()
        + 0.0;
    clv.top20_share = top_share(&values, 0.2);
    for p in predictions.iter().flatten() {
        match p.churn_risk {
            ChurnRisk::Low => clv.churn_risk.low += 1,
            ChurnRisk::Medium => clv.churn_risk.medium += 1,
            ChurnRisk::High => clv.churn_risk.high += 1,
        }
    }
    let by = |labelling: &Labelling| -> Vec<ValueGroup> {
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); labelling.values.len()];
        for (c, of) in labelling.of.iter().enumerate() {
            if let Some(v) = of.and_then(|v| members.get_mut(v as usize)) {
                v.push(c);
            }
        }
        labelling
            .values
            .iter()
            .zip(&members)
            .map(|(key, members)| {
                value_group(key, members, &values, inputs, predictions, clv.clv_total)
            })
            .collect()
    };
    if let [tier, segment, stage] = &inputs.labels[..] {
        (clv.by_tier, clv.by_segment, clv.by_stage) = (by(tier), by(segment), by(stage));
    }
    clv.by_dimension = inputs
        .dimensions
        .iter()
        .map(|labelling| {
            let mut groups = by(labelling);
            groups.sort_by(|a, b| b.clv.total_cmp(&a.clv).then(a.key.cmp(&b.key)));
            groups.truncate(crate::dimensions::MAX_SLICES);
            ValueSplit {
                key: labelling.key.clone(),
                header: labelling.header.clone(),
                groups,
            }
        })
        .collect();
}

fn value_group(
    key: &str,
    members: &[usize],
    values: &[f64],
    inputs: &Inputs<'_>,
    predictions: &[Option<Prediction>],
    total: f64,
) -> ValueGroup {
    let mut sorted: Vec<f64> = members.iter().map(|&c| values[c]).collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let sum: f64 = sorted.iter().sum::<f64>() + 0.0;
    let alive: Vec<f64> = members
        .iter()
        .filter_map(|&c| predictions[c].map(|p| p.p_alive))
        .collect();
    ValueGroup {
        key: key.to_string(),
        customers: n,
        // + 0.0: an empty f64 sum is −0, which JSON and exports would show.
        historical: members.iter().map(|&c| inputs.historical[c]).sum::<f64>() + 0.0,
        clv: sum + 0.0,
        clv_share: if total != 0.0 { sum / total + 0.0 } else { 0.0 },
        mean: if n > 0 { sum / n as f64 + 0.0 } else { 0.0 },
        median: nearest_rank(&sorted, 0.5) + 0.0,
        p90: nearest_rank(&sorted, 0.9) + 0.0,
        mean_p_alive: if alive.is_empty() {
            0.0
        } else {
            alive.iter().sum::<f64>() / alive.len() as f64
        },
        interval: None,
    }
}

/// The nearest-rank quantile of sorted values (0 for none).
fn nearest_rank(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Share of the total held by the top `share` of customers by value
/// (the Pareto module's rule, on predicted value).
fn top_share(values: &[f64], share: f64) -> f64 {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    crate::pareto::top_share(&sorted, share)
}

const MATRIX_RECENCIES: usize = 20;

/// P(alive) over frequencies 0 to the 99th percentile (at most 40) and
/// recencies from 0 to the oldest customer's age.
fn alive_matrix(fit: &Purchases, calibration: &[Option<History>]) -> AliveMatrix {
    let mut xs: Vec<f64> = calibration.iter().flatten().map(|h| h.x).collect();
    xs.sort_by(f64::total_cmp);
    let t = calibration
        .iter()
        .flatten()
        .map(|h| h.t)
        .fold(0.0, f64::max);
    let top = nearest_rank(&xs, 0.99).clamp(5.0, 40.0) as usize;
    let frequencies: Vec<f64> = (0..=top).map(|x| x as f64).collect();
    let recencies: Vec<f64> = (0..=MATRIX_RECENCIES)
        .map(|j| t * j as f64 / MATRIX_RECENCIES as f64)
        .collect();
    let values = frequencies
        .iter()
        .map(|&x| {
            recencies
                .iter()
                .map(|&t_x| {
                    finite(fit.p_alive(&History {
                        x,
                        t_x,
                        t,
                        mean_spend: 0.0,
                    }))
                })
                .collect()
        })
        .collect();
    AliveMatrix {
        t,
        frequencies,
        recencies,
        values,
    }
}
