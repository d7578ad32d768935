//! Customer ids to their interned index, without a second copy of the ids.
//!
//! A log of a million customers would otherwise keep every id twice (once
//! in `Table::ids`, once as a map key): tens of megabytes in a browser tab.
//! The table holds only indexes into `ids` and hashes each id when needed.
//!
//! The hash is keyed with a random key per index (aHash's `RandomState`):
//! with a fixed-seed hash (FxHash before) ids crafted to collide made
//! interning quadratic, 100,000 of them took 73 s. Interning CDNOW master
//! x 40's 2.79 million ids took 260 ms with FxHash, 310 ms with aHash and
//! 700 ms with std's SipHash (README "SECURITY").

use ahash::RandomState;
use hashbrown::HashTable;

#[derive(Default)]
pub struct IdIndex {
    table: HashTable<u32>,
    hasher: RandomState,
}

impl IdIndex {
    /// The index of `id` in `ids`, if it was inserted.
    pub fn find(&self, ids: &[String], id: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        self.table.find(hash, |&i| ids[i as usize] == id).copied()
    }

    /// Room for `total` ids in all, so that growing to them rehashes none.
    pub fn reserve(&mut self, total: usize, ids: &[String]) {
        let hasher = &self.hasher;
        let more = total.saturating_sub(self.table.len());
        self.table
            .reserve(more, |&i| hasher.hash_one(ids[i as usize].as_str()));
    }

    /// Appends `id` (not yet present) to `ids` and returns its index.
    pub fn insert(&mut self, ids: &mut Vec<String>, id: &str) -> u32 {
        let index = ids.len() as u32;
        let hasher = &self.hasher;
        let hash = hasher.hash_one(id);
        self.table
            .insert_unique(hash, index, |&i| hasher.hash_one(ids[i as usize].as_str()));
        ids.push(id.to_string());
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_index_has_its_own_key() {
        let (a, b) = (IdIndex::default(), IdIndex::default());
        assert_ne!(a.hasher.hash_one("C1"), b.hasher.hash_one("C1"));
    }

    #[test]
    fn ids_are_found_by_text_after_growing() {
        let mut ids = Vec::new();
        let mut index = IdIndex::default();
        for n in 0..10_000 {
            assert_eq!(index.insert(&mut ids, &format!("C{n}")), n);
        }
        assert_eq!(index.find(&ids, "C0"), Some(0));
        assert_eq!(index.find(&ids, "C9999"), Some(9999));
        assert_eq!(index.find(&ids, "C10000"), None);
        assert_eq!(index.find(&ids, ""), None);
    }
}
