//! Category columns: the ways a manager slices customers (industry, region,
//! account manager, and any other column of labels such as channel or
//! province).
//!
//! Each customer gets the first non-empty value its rows carry (a customer
//! belongs to one region). Values are interned, so a category costs one
//! `u32` per customer. The mapped industry, region and account-manager
//! columns are always categories; any other column that no role took is
//! one too, unless it turns out to be something else: more than
//! `MAX_VALUES` distinct values (names, notes, order numbers), only numbers
//! (quantities, prices), or a single value for everyone.

use std::collections::HashMap;

/// More distinct values than this and a column is not a category.
pub const MAX_VALUES: usize = 500;

/// At most this many unmapped columns are tracked as categories.
pub const MAX_EXTRA: usize = 8;

/// No value for this customer.
pub const NONE: u32 = u32::MAX;

#[derive(Clone, Debug, Default)]
pub struct Category {
    /// The role key (`industry`, `region`, `account_manager`) or, for an
    /// unmapped column, its header.
    pub key: String,
    /// The column's header as the file writes it.
    pub header: String,
    /// Whether a role mapped this column (kept whatever its values).
    pub mapped: bool,
    pub column: usize,
    pub values: Vec<String>,
    /// Per customer: an index into `values`, or `NONE`.
    pub code: Vec<u32>,
    index: HashMap<String, u32>,
    /// Gave up: too many distinct values.
    overflow: bool,
}

impl Category {
    pub fn new(key: &str, header: &str, column: usize, mapped: bool) -> Category {
        Category {
            key: key.to_string(),
            header: header.to_string(),
            mapped,
            column,
            ..Category::default()
        }
    }

    /// A new customer, with no value yet.
    pub fn add_customer(&mut self) {
        if !self.overflow {
            self.code.push(NONE);
        }
    }

    /// Gives `customer` the value `text` unless it has one already.
    pub fn observe(&mut self, customer: usize, text: &str) {
        let text = text.trim();
        if self.overflow || text.is_empty() || self.code[customer] != NONE {
            return;
        }
        let next = self.values.len() as u32;
        let code = *self.index.entry(text.to_string()).or_insert(next);
        if code == next {
            if self.values.len() == MAX_VALUES && !self.mapped {
                self.give_up();
                return;
            }
            self.values.push(text.to_string());
        }
        self.code[customer] = code;
    }

    fn give_up(&mut self) {
        self.overflow = true;
        self.values = Vec::new();
        self.code = Vec::new();
        self.index = HashMap::new();
    }

    /// Whether this column is worth slicing by, once every row is read.
    pub fn is_useful(&self) -> bool {
        if self.mapped {
            return true;
        }
        let numeric = |v: &String| v.replace(',', "").parse::<f64>().is_ok();
        !self.overflow && self.values.len() >= 2 && !self.values.iter().all(numeric)
    }

    /// The index into `values` of `customer`'s value, if any.
    pub fn code_of(&self, customer: usize) -> Option<usize> {
        self.code
            .get(customer)
            .filter(|&&c| c != NONE)
            .map(|&c| c as usize)
    }

    /// The value of `customer`, if any.
    pub fn value_of(&self, customer: usize) -> Option<&str> {
        self.code_of(customer).map(|c| self.values[c].as_str())
    }

    /// The same category for a subset of customers: `old_of[new]` is the
    /// old index of each kept customer.
    pub fn subset(&self, old_of: &[u32]) -> Category {
        Category {
            key: self.key.clone(),
            header: self.header.clone(),
            mapped: self.mapped,
            column: self.column,
            values: self.values.clone(),
            code: old_of
                .iter()
                .map(|&o| self.code.get(o as usize).copied().unwrap_or(NONE))
                .collect(),
            index: HashMap::new(),
            overflow: self.overflow,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(values: &[&str], mapped: bool) -> Category {
        let mut c = Category::new("channel", "Channel", 3, mapped);
        for (i, v) in values.iter().enumerate() {
            c.add_customer();
            c.observe(i, v);
        }
        c
    }

    #[test]
    fn values_are_interned_and_the_first_one_stays() {
        let mut c = filled(&["Online", " Shop ", "", "Online"], false);
        c.observe(0, "Shop");
        assert_eq!(c.values, ["Online", "Shop"]);
        assert_eq!(c.code, [0, 1, NONE, 0]);
        assert_eq!(c.value_of(0), Some("Online"));
        assert_eq!(c.value_of(2), None);
        assert!(c.is_useful());
        let sub = c.subset(&[3, 2]);
        assert_eq!((sub.value_of(0), sub.value_of(1)), (Some("Online"), None));
    }

    #[test]
    fn names_numbers_and_constants_are_not_categories() {
        let many: Vec<String> = (0..=MAX_VALUES).map(|i| format!("Shop {i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(!filled(&many, false).is_useful());
        assert!(filled(&many, true).is_useful(), "a mapped column is kept");
        assert!(!filled(&["12", "1,500", "3.5"], false).is_useful());
        assert!(!filled(&["Online", "Online"], false).is_useful());
    }
}
