//! One stable sort for the crate's cold paths (loading a scenario, the inspector's views).
//!
//! The standard library's stable sort is some 3 KB of wasm for every type and comparison it
//! is instantiated with, and every `sort_by` call site is its own instantiation. Here every
//! caller shares one: the sort of indexes in `stable_order`, behind a `dyn` comparison. The
//! result is exactly `sort_by`'s (a stable sort's order is determined by the comparison).
//! The engine's hot paths keep `sort_by`: this costs an index vector per call.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`, as `items.sort_by(cmp)` does.
pub(crate) fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` stably by `key`, as `items.sort_by_key(key)` does.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The indexes `0..n` in ascending order by `cmp`, equal ones in index order.
#[inline(never)]
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves `items[order[k]]` to position `k` for every `k`, by swaps along each cycle.
fn permute<T>(items: &mut [T], order: Vec<usize>) {
    // `to[i]`: where the item now at `i` belongs.
    let mut to = vec![0; order.len()];
    for (k, i) in order.into_iter().enumerate() {
        to[i] = k;
    }
    for i in 0..items.len() {
        while to[i] != i {
            let j = to[i];
            items.swap(i, j);
            to.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    /// Every permutation of a small list with ties sorts exactly as the standard
    /// library's stable sort does.
    #[test]
    fn sorts_exactly_as_the_standard_stable_sort() {
        let base = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (0, 'f')];
        let mut seeds: Vec<Vec<(i32, char)>> = vec![base.to_vec(), Vec::new(), vec![(1, 'x')]];
        // Rotations and reversals give orders with ties before and after each other.
        for r in 0..base.len() {
            let mut v = base.to_vec();
            v.rotate_left(r);
            seeds.push(v.clone());
            v.reverse();
            seeds.push(v);
        }
        for items in seeds {
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = items.clone();
            super::sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, expected, "from {items:?}");
            let mut got = items.clone();
            super::sort_by(&mut got, |a, b| b.0.cmp(&a.0));
            let mut expected = items.clone();
            expected.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(got, expected, "descending from {items:?}");
        }
    }
}
