//! Value distributions: how revenue, profit and lifetime value spread over
//! the customers, as histograms whose bins follow the data.
//!
//! Spend is heavy-tailed (a few accounts bring most of the revenue), so
//! equal-width bins put nearly everyone in the first bar. The bins here are
//! log-spaced, symmetric about zero:
//!
//! - positive values get `k₊` bins of equal width in log₁₀ from the smallest
//!   to the largest value; negative values (losses, net returns) get `k₋`
//!   bins the same way on their magnitudes, left of zero; values within half
//!   a cent of zero get a zero bin, which is also there (perhaps empty) when
//!   both signs occur, so the bins stay contiguous;
//! - each side's count follows the Freedman–Diaconis rule on the log values,
//!   `h = 2 IQR n^(-1/3)` (Freedman & Diaconis, "On the histogram as a density
//!   estimator", 1981), or Sturges' `1 + log₂ n` when the IQR is 0; a side
//!   whose values are all equal has one bin; the total is then held within
//!   `MIN_BINS` to `MAX_BINS` (bins are added to, or taken from, the side
//!   whose bins are widest, or most numerous);
//! - a positive bin holds `low ≤ v < high`, a negative one `low < v ≤ high`
//!   (closed towards zero), the outermost bins include their outer edge.
//!
//! Every customer falls in exactly one bin, bins are ordered and
//! contiguous, and the counts sum to the customers; each bar is split by
//! tier. With a split dimension, every value is counted on the same bins.

use crate::base::Base;
use crate::clv::value::Prediction;
use crate::dimensions::{self, SliceKind};
use crate::index::{CustomerId, IndexVec};
use crate::tiers::{AbcCounts, Tier};
use serde::{Deserialize, Serialize};

pub const MIN_BINS: usize = 8;
pub const MAX_BINS: usize = 30;
/// Within half a cent of zero is zero.
const ZERO: f64 = 0.005;

/// One bar: the customers whose value lies between `low` and `high`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    pub low: f64,
    pub high: f64,
    pub customers: usize,
    pub by_tier: AbcCounts,
    /// Net revenue of these customers (whatever the distribution measures).
    pub revenue: f64,
}

/// Where a tier's smallest customer sits on the revenue axis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierFloor {
    pub tier: Tier,
    pub value: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    pub bins: Vec<Bin>,
    pub median: f64,
    pub mean: f64,
    /// The revenue of the smallest A and the smallest B customer (revenue
    /// only: tiers are cut on revenue).
    pub tier_floors: Vec<TierFloor>,
}

/// One value of a split dimension: its customers per tier in each of the
/// overall bins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SliceCounts {
    pub value: String,
    pub kind: SliceKind,
    pub revenue: Vec<AbcCounts>,
    pub profit: Vec<AbcCounts>,
    pub clv: Vec<AbcCounts>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SplitCounts {
    pub key: String,
    pub slices: Vec<SliceCounts>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Distributions {
    pub revenue: Distribution,
    pub profit: Distribution,
    /// Customers with a lifetime value; no bins when the models did not run.
    pub clv: Distribution,
    pub splits: Vec<SplitCounts>,
}

/// The three distributions and, per dimension, each value's counts.
pub fn section(
    base: &Base<'_>,
    predictions: &IndexVec<CustomerId, Option<Prediction>>,
) -> Distributions {
    let clv: IndexVec<CustomerId, Option<f64>> = predictions
        .iter()
        .map(|p| p.as_ref().map(|p| p.clv))
        .collect();
    let measures: [Vec<Option<f64>>; 3] = [
        base.revenue.iter().map(|&v| Some(v)).collect(),
        base.profit.iter().map(|&v| Some(v)).collect(),
        clv.into_raw(),
    ];
    let scales: Vec<Scale> = measures
        .iter()
        .map(|m| Scale::of(m.iter().flatten()))
        .collect();
    let [revenue, profit, clv] = [0, 1, 2].map(|i| distribution(base, &measures[i], &scales[i]));
    let splits = base
        .table
        .categories
        .iter()
        .map(|category| SplitCounts {
            key: category.key.clone(),
            slices: dimensions::groups(category, base.revenue.raw())
                .into_iter()
                .map(|(value, kind, members)| {
                    let [revenue, profit, clv] =
                        [0, 1, 2].map(|i| counts(base, &members, &measures[i], &scales[i]));
                    SliceCounts {
                        value,
                        kind,
                        revenue,
                        profit,
                        clv,
                    }
                })
                .collect(),
        })
        .collect();
    Distributions {
        revenue: Distribution {
            tier_floors: tier_floors(base),
            ..revenue
        },
        profit,
        clv,
        splits,
    }
}

fn distribution(base: &Base<'_>, values: &[Option<f64>], scale: &Scale) -> Distribution {
    let mut bins = scale.bins();
    let mut present = Vec::new();
    for (c, v) in base.revenue.indices().zip(values) {
        let Some(v) = v.filter(|v| v.is_finite()) else {
            continue;
        };
        let bin = &mut bins[scale.place(v)];
        bin.customers += 1;
        bin.by_tier.add(base.tier[c]);
        bin.revenue += base.revenue[c];
        present.push(v);
    }
    let mean = if present.is_empty() {
        0.0
    } else {
        present.iter().sum::<f64>() / present.len() as f64
    };
    Distribution {
        bins,
        median: median(&mut present),
        mean,
        tier_floors: Vec::new(),
    }
}

fn counts(
    base: &Base<'_>,
    members: &[usize],
    values: &[Option<f64>],
    scale: &Scale,
) -> Vec<AbcCounts> {
    let mut counts = vec![AbcCounts::default(); scale.len()];
    for &c in members {
        if let Some(v) = values[c].filter(|v| v.is_finite()) {
            counts[scale.place(v)].add(base.tier.raw()[c]);
        }
    }
    counts
}

fn median(values: &mut [f64]) -> f64 {
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    let (_, &mut upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        return upper;
    }
    let lower = values[..n / 2]
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    (lower + upper) / 2.0
}

/// The smallest revenue in tiers A and B (ranks are by revenue).
fn tier_floors(base: &Base<'_>) -> Vec<TierFloor> {
    [Tier::A, Tier::B]
        .into_iter()
        .filter_map(|tier| {
            let last = base.tier_at.iter().rposition(|&t| t == tier)?;
            Some(TierFloor {
                tier,
                value: base.ranked_revenue.raw()[last],
            })
        })
        .collect()
}

/// Log-spaced bins over the magnitudes of one sign.
#[derive(Clone, Debug, PartialEq)]
struct Side {
    /// Smallest and largest magnitude.
    min: f64,
    max: f64,
    bins: usize,
    /// The `bins + 1` edges, made once: a million customers are placed.
    edges: Vec<f64>,
}

impl Side {
    fn of(mut magnitudes: Vec<f64>) -> Option<Side> {
        let n = magnitudes.len();
        if n == 0 {
            return None;
        }
        magnitudes.sort_unstable_by(f64::total_cmp);
        let (min, max) = (magnitudes[0], magnitudes[n - 1]);
        let bins = if max <= min {
            1
        } else {
            let logs = |q: f64| log10(magnitudes[((n - 1) as f64 * q).round() as usize]);
            let iqr = logs(0.75) - logs(0.25);
            let h = 2.0 * iqr / libm::cbrt(n as f64);
            let span = log10(max) - log10(min);
            if h > 0.0 {
                ((span / h).ceil() as usize).clamp(1, MAX_BINS)
            } else {
                (libm::log2(n as f64).ceil() as usize + 1).clamp(1, MAX_BINS)
            }
        };
        Some(Side {
            min,
            max,
            bins,
            edges: Vec::new(),
        })
    }

    fn spread(&self) -> f64 {
        log10(self.max) - log10(self.min)
    }

    /// Makes the edges, once the number of bins is settled.
    fn with_edges(mut self) -> Side {
        let (min, max, bins, spread) = (self.min, self.max, self.bins, self.spread());
        self.edges = (0..=bins)
            .map(|j| match j {
                0 => min,
                j if j == bins => max,
                j => libm::pow(10.0, log10(min) + spread * j as f64 / bins as f64),
            })
            .collect();
        self
    }

    /// Edge `j` of `0..=bins`, exact at both ends.
    fn edge(&self, j: usize) -> f64 {
        self.edges[j]
    }

    /// The bin of magnitude `m`: `edge(j) ≤ m < edge(j + 1)`, the last closed.
    fn place(&self, m: f64) -> usize {
        let below = self.edges.partition_point(|&e| e <= m);
        below.saturating_sub(1).min(self.bins - 1)
    }
}

/// The bins of one distribution: losses, zero, gains.
/// log10 by `libm`, as the rest of the core's maths: bin edges are then
/// the same bits in the page's wasm and in the CLI.
fn log10(v: f64) -> f64 {
    libm::log10(v)
}

#[derive(Clone, Debug, PartialEq)]
struct Scale {
    negative: Option<Side>,
    zero: Option<(f64, f64)>,
    positive: Option<Side>,
}

impl Scale {
    fn of<'a>(values: impl Iterator<Item = &'a f64>) -> Scale {
        let (mut neg, mut pos, mut zeros) = (Vec::new(), Vec::new(), Vec::new());
        for &v in values.filter(|v| v.is_finite()) {
            match v {
                v if v.abs() < ZERO => zeros.push(v),
                v if v < 0.0 => neg.push(-v),
                v => pos.push(v),
            }
        }
        let (mut negative, mut positive) = (Side::of(neg), Side::of(pos));
        // Both signs: a zero bin between them, perhaps empty, keeps the
        // bins contiguous.
        let zero = (!zeros.is_empty() || (negative.is_some() && positive.is_some())).then(|| {
            let low = negative
                .as_ref()
                .map_or_else(|| zeros.iter().copied().fold(0.0, f64::min), |s| -s.min);
            let high = positive
                .as_ref()
                .map_or_else(|| zeros.iter().copied().fold(0.0, f64::max), |s| s.min);
            (low, high)
        });
        fit_total(&mut negative, &mut positive, usize::from(zero.is_some()));
        Scale {
            negative: negative.map(Side::with_edges),
            zero,
            positive: positive.map(Side::with_edges),
        }
    }

    fn negatives(&self) -> usize {
        self.negative.as_ref().map_or(0, |s| s.bins)
    }

    fn len(&self) -> usize {
        self.negatives()
            + usize::from(self.zero.is_some())
            + self.positive.as_ref().map_or(0, |s| s.bins)
    }

    /// Empty bins with their edges, left to right.
    fn bins(&self) -> Vec<Bin> {
        let mut bins = Vec::with_capacity(self.len());
        if let Some(side) = &self.negative {
            for j in (0..side.bins).rev() {
                bins.push(empty(-side.edge(j + 1), -side.edge(j)));
            }
        }
        if let Some((low, high)) = self.zero {
            bins.push(empty(low, high));
        }
        if let Some(side) = &self.positive {
            for j in 0..side.bins {
                bins.push(empty(side.edge(j), side.edge(j + 1)));
            }
        }
        bins
    }

    /// The index of the bin holding `v` (a value the scale was made from).
    fn place(&self, v: f64) -> usize {
        let negatives = self.negatives();
        let zero = usize::from(self.zero.is_some());
        match (&self.negative, &self.positive) {
            _ if v.abs() < ZERO && self.zero.is_some() => negatives,
            (Some(side), _) if v < 0.0 => negatives - 1 - side.place(-v),
            (_, Some(side)) if v > 0.0 => negatives + zero + side.place(v),
            // Not a value of this scale: the nearest end.
            _ if v < 0.0 => 0,
            _ => self.len().saturating_sub(1),
        }
    }
}

fn empty(low: f64, high: f64) -> Bin {
    Bin {
        low,
        high,
        ..Bin::default()
    }
}

/// Holds the total within `MIN_BINS..=MAX_BINS`, where the sides allow.
fn fit_total(negative: &mut Option<Side>, positive: &mut Option<Side>, zero: usize) {
    let total = |n: &Option<Side>, p: &Option<Side>| {
        n.as_ref().map_or(0, |s| s.bins) + p.as_ref().map_or(0, |s| s.bins) + zero
    };
    // Too many: take from the side with more bins.
    while total(negative, positive) > MAX_BINS {
        let side = match (negative.as_mut(), positive.as_mut()) {
            (Some(n), Some(p)) => {
                if n.bins >= p.bins {
                    n
                } else {
                    p
                }
            }
            (Some(n), None) => n,
            (None, Some(p)) => p,
            (None, None) => return,
        };
        if side.bins <= 1 {
            return;
        }
        side.bins -= 1;
    }
    // Too few: add to the side whose bins are widest (a side of one value
    // keeps its one bin).
    while total(negative, positive) < MIN_BINS {
        let width = |s: &Option<Side>| s.as_ref().map_or(0.0, |s| s.spread() / s.bins as f64);
        let side = if width(negative) >= width(positive) {
            &mut *negative
        } else {
            &mut *positive
        };
        match side.as_mut() {
            Some(s) if s.spread() > 0.0 => s.bins += 1,
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests;
