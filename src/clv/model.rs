//! The three purchase models behind one face, and the choice between them.
//!
//! BG/NBD, MBG/NBD and Pareto/NBD are fitted on the same calibration
//! histories. Each has four parameters, so AIC = 8 − 2 ln L orders them as
//! the log-likelihood does. When the file has a holdout period the choice
//! is by holdout error instead (the mean absolute difference between each
//! customer's predicted and actual holdout purchases): the likelihood
//! rewards fitting the past, the holdout shows who predicts. A user may
//! ask for another model; a model that did not converge is never used.
//!
//! The chance of a purchase in the next t periods, from each model's
//! conditional distribution: alive at T, a BG/NBD or MBG/NBD customer's
//! rate is λ | data ~ Gamma(r+x, α+T) and drop-out happens only at a
//! purchase, so P(X(t) = 0) = 1 − P(alive) + P(alive) ((α+T)/(α+T+t))^(r+x);
//! Pareto/NBD's is in `pareto_nbd::p_purchase`.

use super::bgnbd::{self, BgNbd};
use super::data::History;
use super::mbgnbd::{self, MbgNbd};
use super::pareto_nbd::{self, ParetoNbd};
use super::special::SameEverywhere;
use crate::settings::{self, Field, SettingsError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The purchase models (the CLI's `--model` names).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    #[default]
    Bgnbd,
    Mbgnbd,
    ParetoNbd,
}

impl ModelKind {
    pub const ALL: [ModelKind; 3] = [ModelKind::Bgnbd, ModelKind::Mbgnbd, ModelKind::ParetoNbd];

    pub fn key(self) -> &'static str {
        match self {
            ModelKind::Bgnbd => "bgnbd",
            ModelKind::Mbgnbd => "mbgnbd",
            ModelKind::ParetoNbd => "pareto_nbd",
        }
    }

    /// The name the papers use (the same in every language).
    pub fn label(self) -> &'static str {
        match self {
            ModelKind::Bgnbd => "BG/NBD",
            ModelKind::Mbgnbd => "MBG/NBD",
            ModelKind::ParetoNbd => "Pareto/NBD",
        }
    }

    pub fn parse(text: &str) -> Result<ModelKind, SettingsError> {
        let options = ModelKind::ALL.map(|m| (m.key(), m));
        settings::one_of(Field::Model, text, &options)
    }
}

/// One fitted purchase model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Purchases {
    Bg(BgNbd),
    Mbg(MbgNbd),
    Pareto(ParetoNbd),
}

impl Purchases {
    pub fn kind(&self) -> ModelKind {
        match self {
            Purchases::Bg(_) => ModelKind::Bgnbd,
            Purchases::Mbg(_) => ModelKind::Mbgnbd,
            Purchases::Pareto(_) => ModelKind::ParetoNbd,
        }
    }

    pub fn log_likelihood(&self) -> f64 {
        match self {
            Purchases::Bg(m) => m.log_likelihood,
            Purchases::Mbg(m) => m.log_likelihood,
            Purchases::Pareto(m) => m.log_likelihood,
        }
    }

    /// The four parameters, in the order the papers list them.
    pub fn parameters(&self) -> [f64; 4] {
        match self {
            Purchases::Bg(m) => [m.r, m.alpha, m.a, m.b],
            Purchases::Mbg(m) => [m.r, m.alpha, m.a, m.b],
            Purchases::Pareto(m) => [m.r, m.alpha, m.s, m.beta],
        }
    }

    /// The same model at other parameters (for the interval's derivatives).
    pub fn with_parameters(&self, [p0, p1, p2, p3]: [f64; 4]) -> Purchases {
        match *self {
            Purchases::Bg(m) => Purchases::Bg(BgNbd {
                r: p0,
                alpha: p1,
                a: p2,
                b: p3,
                ..m
            }),
            Purchases::Mbg(m) => Purchases::Mbg(MbgNbd {
                r: p0,
                alpha: p1,
                a: p2,
                b: p3,
                ..m
            }),
            Purchases::Pareto(m) => Purchases::Pareto(ParetoNbd {
                r: p0,
                alpha: p1,
                s: p2,
                beta: p3,
                ..m
            }),
        }
    }

    /// The fit with its standard errors, and the parameters' covariance
    /// (`None` when the information matrix is not positive definite).
    pub fn with_errors(&self, data: &[(History, f64)]) -> (Purchases, Option<Vec<Vec<f64>>>) {
        let gradient = |p: &[f64]| self.gradient_at([p[0], p[1], p[2], p[3]], data).to_vec();
        let covariance = super::optimise::covariance(&gradient, &self.parameters());
        let se = covariance.as_deref().map(super::optimise::standard_errors);
        let se = se.as_deref();
        let with = match *self {
            Purchases::Bg(m) => Purchases::Bg(BgNbd {
                se: se.and_then(bgnbd::Errors::from),
                ..m
            }),
            Purchases::Mbg(m) => Purchases::Mbg(MbgNbd {
                se: se.and_then(bgnbd::Errors::from),
                ..m
            }),
            Purchases::Pareto(m) => Purchases::Pareto(ParetoNbd {
                se: se.and_then(pareto_nbd::Errors::from),
                ..m
            }),
        };
        (with, covariance)
    }

    pub fn converged(&self) -> bool {
        match self {
            Purchases::Bg(m) => m.converged,
            Purchases::Mbg(m) => m.converged,
            Purchases::Pareto(m) => m.converged,
        }
    }

    pub fn p_alive(&self, h: &History) -> f64 {
        match self {
            Purchases::Bg(m) => bgnbd::p_alive(m, h),
            Purchases::Mbg(m) => mbgnbd::p_alive(m, h),
            Purchases::Pareto(m) => pareto_nbd::p_alive(m, h),
        }
    }

    /// E[Y(t) | x, t_x, T].
    pub fn expected_purchases(&self, h: &History, t: f64) -> Option<f64> {
        match self {
            Purchases::Bg(m) => bgnbd::expected_purchases(m, h, t),
            Purchases::Mbg(m) => mbgnbd::expected_purchases(m, h, t),
            Purchases::Pareto(m) => pareto_nbd::expected_purchases(m, h, t),
        }
    }

    /// `expected_purchases` given P(alive) (which Pareto/NBD's needs and
    /// computes at a cost).
    pub fn expected_purchases_given(&self, h: &History, t: f64, alive: f64) -> Option<f64> {
        match self {
            Purchases::Pareto(m) => pareto_nbd::expected_purchases_given(m, h, t, alive),
            _ => self.expected_purchases(h, t),
        }
    }

    /// E[X(t)] of a new customer.
    pub fn expected_repeat_purchases(&self, t: f64) -> Option<f64> {
        match self {
            Purchases::Bg(m) => bgnbd::expected_repeat_purchases(m, t),
            Purchases::Mbg(m) => mbgnbd::expected_repeat_purchases(m, t),
            Purchases::Pareto(m) => pareto_nbd::expected_repeat_purchases(m, t),
        }
    }

    /// P(at least one purchase in the next `t` periods | alive, x, t_x, T).
    pub fn p_purchase_if_alive(&self, h: &History, t: f64) -> f64 {
        let (r, alpha) = match self {
            Purchases::Pareto(m) => return pareto_nbd::p_purchase_if_alive(m, h, t),
            Purchases::Bg(m) => (m.r, m.alpha),
            Purchases::Mbg(m) => (m.r, m.alpha),
        };
        -((r + h.x) * ((alpha + h.t) / (alpha + h.t + t)).ln_s()).exp_m1_s()
    }

    /// The gradient of the summed log-likelihood in the natural
    /// parameters, at other parameters (for the Hessian).
    pub fn gradient_at(&self, p: [f64; 4], data: &[(History, f64)]) -> [f64; 4] {
        let theta = p.map(|v| v.ln_s());
        let in_logs = match self {
            Purchases::Bg(_) => {
                bgnbd::total_and_gradient(&theta, data, &bgnbd::weight_by_x(data)).1
            }
            Purchases::Mbg(_) => {
                mbgnbd::total_and_gradient(&theta, data, &bgnbd::weight_by_x(data)).1
            }
            Purchases::Pareto(_) => pareto_nbd::total_and_gradient(&theta, data).1,
        };
        // ∂/∂p = (∂/∂θ) / p, θ = ln p.
        [0, 1, 2, 3].map(|i| in_logs[i] / p[i])
    }
}

/// Why the model used was used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The lowest holdout error.
    Holdout,
    /// No holdout: the lowest AIC.
    Aic,
    /// The user asked for it.
    Asked,
    /// The user asked for a model that did not converge.
    AskedUnusable,
}

/// The models compared and the one predictions come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelChoice {
    pub chosen: ModelKind,
    pub basis: Basis,
    /// The reason in plain words (English; the page words it from `basis`).
    pub reason: String,
    pub log_likelihood: BTreeMap<String, f64>,
    pub aic: BTreeMap<String, f64>,
    /// Empty without a holdout period.
    pub holdout_mae: BTreeMap<String, f64>,
    /// The models that did not converge (never used).
    pub unusable: Vec<ModelKind>,
}

/// AIC of a four-parameter model.
pub fn aic(log_likelihood: f64) -> f64 {
    8.0 - 2.0 * log_likelihood
}

/// Chooses among `usable` fits (at least one) by holdout error when
/// `holdout_mae` has every one of them, else by AIC; `asked` wins when it
/// is usable.
pub fn choose(
    usable: &[Purchases],
    unusable: Vec<ModelKind>,
    holdout_mae: &BTreeMap<ModelKind, f64>,
    asked: Option<ModelKind>,
) -> Option<ModelChoice> {
    let by_holdout =
        !holdout_mae.is_empty() && usable.iter().all(|m| holdout_mae.contains_key(&m.kind()));
    let score = |m: &Purchases| match by_holdout {
        true => holdout_mae.get(&m.kind()).copied().unwrap_or(f64::INFINITY),
        false => aic(m.log_likelihood()),
    };
    let best = usable
        .iter()
        .min_by(|a, b| score(a).total_cmp(&score(b)).then(a.kind().cmp(&b.kind())))?;
    let asked_usable = asked.filter(|k| usable.iter().any(|m| m.kind() == *k));
    let (chosen, basis) = match (asked, asked_usable) {
        (_, Some(k)) => (k, Basis::Asked),
        (Some(_), None) => (best.kind(), Basis::AskedUnusable),
        (None, None) if by_holdout => (best.kind(), Basis::Holdout),
        (None, None) => (best.kind(), Basis::Aic),
    };
    let figures = |f: &dyn Fn(&Purchases) -> Option<f64>| -> BTreeMap<String, f64> {
        usable
            .iter()
            .filter_map(|m| Some((m.kind().key().to_string(), f(m)?)))
            .collect()
    };
    let mut choice = ModelChoice {
        chosen,
        basis,
        reason: String::new(),
        log_likelihood: figures(&|m| Some(m.log_likelihood())),
        aic: figures(&|m| Some(aic(m.log_likelihood()))),
        holdout_mae: figures(&|m| holdout_mae.get(&m.kind()).copied()),
        unusable,
    };
    choice.reason = reason(&choice, asked);
    Some(choice)
}

/// The choice in one plain sentence.
fn reason(c: &ModelChoice, asked: Option<ModelKind>) -> String {
    let name = c.chosen.label();
    let figure = |map: &BTreeMap<String, f64>| map.get(c.chosen.key()).copied().unwrap_or(0.0);
    match c.basis {
        Basis::Holdout => format!(
            "{name} predicted the holdout period best: off by {:.3} purchases per customer on average.",
            figure(&c.holdout_mae)
        ),
        Basis::Aic => format!(
            "{name} fits the calibration period best (lowest AIC, {:.1}); there is no holdout period to check predictions against.",
            figure(&c.aic)
        ),
        Basis::Asked => format!("{name} was chosen by hand."),
        Basis::AskedUnusable => format!(
            "{} did not converge, so {name}, the best of the others, is used.",
            asked.map_or("", ModelKind::label)
        ),
    }
}
