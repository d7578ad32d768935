//! Typed indices, so that a customer and a revenue rank cannot be mixed.
//!
//! Customers are numbered twice: by their place in the file (`CustomerId`,
//! the index into `Table::ids` and `Customers::list`) and by revenue
//! (`Rank`, 0 for the largest). Code that holds both used to index one
//! vector with the other's number and still compile. An `IndexVec<I, T>`
//! takes only its own index, as ruff's `ruff_index` does.

use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// An index type: a `u32` position (there are at most 2³² customers).
pub trait Idx: Copy {
    fn new(i: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! newtype_index {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl Idx for $name {
            fn new(i: usize) -> Self {
                $name(i as u32)
            }
            fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

newtype_index!(
    /// A customer: its place in `Table::ids` and `Customers::list`.
    CustomerId
);
newtype_index!(
    /// A revenue rank: 0 is the customer with the largest net revenue.
    Rank
);

/// A vector indexed by `I` only.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexVec<I, T> {
    raw: Vec<T>,
    index: PhantomData<fn(&I)>,
}

impl<I, T> Default for IndexVec<I, T> {
    fn default() -> Self {
        IndexVec::from_raw(Vec::new())
    }
}

impl<I, T> IndexVec<I, T> {
    pub fn from_raw(raw: Vec<T>) -> Self {
        IndexVec {
            raw,
            index: PhantomData,
        }
    }

    pub fn len(&self) -> usize {
        self.raw.len()
    }

    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The values in index order, for rules that take a plain slice.
    pub fn raw(&self) -> &[T] {
        &self.raw
    }

    pub fn into_raw(self) -> Vec<T> {
        self.raw
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.raw.iter()
    }
}

impl<I: Idx, T> IndexVec<I, T> {
    /// `f(i)` for every index below `n`.
    pub fn from_fn(n: usize, f: impl FnMut(I) -> T) -> Self {
        IndexVec::from_raw((0..n).map(I::new).map(f).collect())
    }

    pub fn indices(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + use<I, T> {
        (0..self.raw.len()).map(I::new)
    }

    pub fn iter_enumerated(&self) -> impl Iterator<Item = (I, &T)> {
        self.raw.iter().enumerate().map(|(i, v)| (I::new(i), v))
    }
}

impl<I: Idx, T> Index<I> for IndexVec<I, T> {
    type Output = T;
    fn index(&self, i: I) -> &T {
        &self.raw[i.index()]
    }
}

impl<I: Idx, T> IndexMut<I> for IndexVec<I, T> {
    fn index_mut(&mut self, i: I) -> &mut T {
        &mut self.raw[i.index()]
    }
}

impl<I, T> FromIterator<T> for IndexVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        IndexVec::from_raw(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_count_up_and_index_their_own_vector() {
        let ranks: IndexVec<Rank, CustomerId> =
            IndexVec::from_raw(vec![CustomerId::new(2), CustomerId::new(0)]);
        let names: IndexVec<CustomerId, &str> = IndexVec::from_raw(vec!["a", "b", "c"]);
        let by_rank: Vec<&str> = ranks.iter().map(|&c| names[c]).collect();
        assert_eq!(by_rank, ["c", "a"]);
        assert_eq!(ranks.indices().map(Rank::index).collect::<Vec<_>>(), [0, 1]);
    }
}
