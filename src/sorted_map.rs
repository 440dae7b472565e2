//! A map from text keys to values, kept as a vector sorted by key, for small tables: where
//! each field of a manifest was written, each object's source, the run's CronJobs by name.
//!
//! Each `BTreeMap<K, V>` compiles its own copy of the B-tree's insert, search, removal, clone
//! and drop, a few KB of wasm per key and value type. These tables hold a handful of entries
//! or are built once and then only looked up, so a binary search over a vector does the same
//! with a fraction of the code. Lookups and iteration give exactly what the `BTreeMap` gave:
//! one value per key, keys in ascending order.
//! The shell's variables and files (`crate::sh`) are such small maps too.

/// Text keys in ascending order, each with one value.
#[derive(Clone, Debug, PartialEq)]
pub struct SortedMap<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for SortedMap<V> {
    fn default() -> Self {
        SortedMap {
            entries: Vec::new(),
        }
    }
}

impl<V> SortedMap<V> {
    /// The map of `entries` where a key given more than once keeps its first value, as
    /// inserting them in turn with `entry(key).or_insert(value)` does. Sorting once at the
    /// end keeps a long list of entries from moving the vector on every insertion.
    pub fn keeping_first(mut entries: Vec<(String, V)>) -> Self {
        // Stable: of equal keys, the first given stays first and `dedup` keeps it.
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        entries.dedup_by(|later, earlier| later.0 == earlier.0);
        SortedMap { entries }
    }

    /// The value of `key`, if it has one.
    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.slot(key).ok()?;
        Some(&self.entries[i].1)
    }

    /// Sets the value of `key`, replacing the one it had, as `BTreeMap::insert` does.
    pub fn insert(&mut self, key: String, value: V) {
        match self.slot(&key) {
            Ok(i) => self.entries[i].1 = value,
            Err(i) => self.entries.insert(i, (key, value)),
        }
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let i = self.slot(key).ok()?;
        Some(&mut self.entries[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.slot(key).is_ok()
    }

    /// Takes `key`'s value out, if it has one.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let i = self.slot(key).ok()?;
        Some(self.entries.remove(i).1)
    }

    /// The keys in ascending order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in their keys' order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The value of `key`, put there by `make` first if it has none.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.slot(key) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (key.to_string(), make()));
                i
            }
        };
        &mut self.entries[i].1
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The entries from the first key at or after `from`, in key order.
    pub fn iter_from(&self, from: &str) -> impl Iterator<Item = (&String, &V)> {
        let start = self.slot(from).unwrap_or_else(|i| i);
        self.entries[start..].iter().map(|(k, v)| (k, v))
    }

    /// Keeps the entries `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &V) -> bool) {
        self.entries.retain(|(k, v)| keep(k, v));
    }

    /// Where `key` is (`Ok`), or where it would go (`Err`).
    fn slot(&self, key: &str) -> Result<usize, usize> {
        search(self.entries.len(), &|i| self.entries[i].0.as_str(), key)
    }
}

/// A binary search of `len` ascending, distinct keys for `key`, as `binary_search_by` answers
/// it. Out of line and behind `dyn`: one copy serves every value type.
#[inline(never)]
fn search<'k>(len: usize, key_at: &dyn Fn(usize) -> &'k str, key: &str) -> Result<usize, usize> {
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        match key_at(mid).cmp(key) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return Ok(mid),
        }
    }
    Err(low)
}

impl<V> std::ops::Index<&str> for SortedMap<V> {
    type Output = V;
    fn index(&self, key: &str) -> &V {
        self.get(key).expect("no entry for the key")
    }
}

#[cfg(test)]
mod tests {
    use super::SortedMap;

    #[test]
    fn a_repeated_key_keeps_its_first_value() {
        let entries = [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)];
        let map = SortedMap::keeping_first(entries.map(|(k, v)| (k.to_string(), v)).to_vec());
        assert_eq!(
            [map.get("a"), map.get("b"), map.get("c"), map.get("d")],
            [Some(&2), Some(&1), Some(&4), None]
        );
    }

    #[test]
    fn search_answers_as_binary_search_does() {
        let all = ["b", "d", "f", "h", "j", "l", "n"];
        for len in 0..=all.len() {
            let keys = &all[..len];
            for probe in ["a", "b", "c", "d", "g", "h", "m", "n", "o"] {
                let got = super::search(keys.len(), &|i| keys[i], probe);
                assert_eq!(got, keys.binary_search(&probe), "{probe} in {keys:?}");
            }
        }
    }

    #[test]
    fn insert_replaces_like_a_btree_map() {
        let mut map = SortedMap::default();
        let mut reference = std::collections::BTreeMap::new();
        for (k, v) in [("m", 1), ("c", 2), ("x", 3), ("m", 4), ("a", 5), ("c", 6)] {
            map.insert(k.to_string(), v);
            reference.insert(k.to_string(), v);
        }
        for k in ["a", "c", "m", "x", "b", ""] {
            assert_eq!(map.get(k), reference.get(k), "{k}");
            assert_eq!(map.contains_key(k), reference.contains_key(k), "{k}");
        }
        assert_eq!(map["m"], 4);
        *map.get_mut("x").unwrap() += 10;
        *reference.get_mut("x").unwrap() += 10;
        assert_eq!(map.remove("c"), reference.remove("c"));
        assert_eq!(map.remove("c"), None);
        assert!(map.keys().eq(reference.keys()));
        assert!(map.values().eq(reference.values()));
    }
}
