//! How regular buying is: Wheat & Morrison's estimate ("Estimating
//! purchase regularity with two interpurchase times", Journal of Marketing
//! Research 1990), as BTYDplus's `estimateRegularity(method = "wheat")`.
//! For each customer with at least three purchase days, take the last two
//! gaps i₁, i₂ and M = i₁/(i₁+i₂). If gaps are Gamma(k) (Erlang-k), M is
//! Beta(k, k) with variance 1/(4(2k+1)), so k = (1 − 4 Var M)/(8 Var M).
//! BTYDplus picks one of the two gaps at random for i₁; we count both
//! orders, which gives the same expectation without a random draw (M and
//! 1 − M, mean ½). k ≈ 1 is the Poisson buying the NBD models assume; k of
//! 2 or more is clearly regular buying (a grocery shop, a B2B reorder
//! cycle), for which a silence longer than the usual cycle says more about
//! drop-out than the models think.

use crate::customers::Customers;
use serde::{Deserialize, Serialize};

/// Customers with two gaps needed before the estimate means anything.
const MIN_CUSTOMERS: usize = 10;
/// k from which buying counts as clearly regular (it rounds to 2).
pub const REGULAR_K: f64 = 1.5;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Regularity {
    /// The Erlang shape k of the gaps between purchases.
    pub k: f64,
    /// Customers with at least two gaps, whose last two gave the estimate.
    pub customers: usize,
    /// k ≥ `REGULAR_K`.
    pub regular: bool,
}

/// `None` with fewer than `MIN_CUSTOMERS` customers of three purchase days,
/// or when every M is ½ (perfectly equal gaps: no spread to read).
pub fn wheat(customers: &Customers) -> Option<Regularity> {
    let mut squares = 0.0;
    let mut n = 0usize;
    for c in 0..customers.len() {
        let (days, _) = customers.purchases(c);
        let [.., a, b, c] = days else { continue };
        let (first, second) = (f64::from(b.0 - a.0), f64::from(c.0 - b.0));
        if first + second <= 0.0 {
            continue;
        }
        let m = first / (first + second);
        squares += 2.0 * (m - 0.5) * (m - 0.5);
        n += 1;
    }
    if n < MIN_CUSTOMERS || squares <= 0.0 {
        return None;
    }
    // Both orders of every pair: 2n values around the known mean ½.
    let variance = squares / (2 * n - 1) as f64;
    let k = (1.0 - 4.0 * variance) / (8.0 * variance);
    Some(Regularity {
        k,
        customers: n,
        regular: k >= REGULAR_K,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customers_of(csv: &str) -> Customers {
        let mut rows = crate::ingest::read::Records::open(csv, b',').unwrap();
        let columns = crate::ingest::map::map_columns(&rows.headers.clone(), &[]).unwrap();
        let t = crate::ingest::table::build(&mut rows, &columns, &Default::default(), &mut |_| {})
            .unwrap();
        crate::customers::aggregate(&t)
    }

    #[test]
    fn clockwork_buyers_are_regular_and_random_ones_are_not() {
        // Twelve customers every 30 days, with a day of jitter: k far above 2.
        let mut csv = String::from("customer_id,date,amount\n");
        for c in 0..12 {
            for (i, jitter) in [0, 1, -1, 0].iter().enumerate() {
                let day = crate::day::Day(19_700 + 30 * i as i32 + jitter + c);
                csv.push_str(&format!("C{c},{day},10\n"));
            }
        }
        let regular = wheat(&customers_of(&csv)).unwrap();
        assert!(regular.regular && regular.k > 10.0, "{regular:?}");
        assert_eq!(regular.customers, 12);
        // CDNOW: BTYDplus finds no regularity (k about 1).
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/cdnow_sample.csv"
        ))
        .unwrap();
        let cdnow = wheat(&customers_of(&text)).unwrap();
        eprintln!("{cdnow:?}");
        assert!(!cdnow.regular && (0.5..1.5).contains(&cdnow.k), "{cdnow:?}");
        assert!(wheat(&customers_of("customer_id,date,amount\nA,2024-01-01,1\n")).is_none());
    }
}
