//! One stable sort for the crate's cold paths (loading a scenario, the inspector's views) and
//! the Job controller's rarer sorts (pods to delete, pods by index).
//!
//! The standard library's stable sort is some 3 KB of wasm for every type and comparison it
//! is instantiated with, and every `sort_by` call site is its own instantiation. Here every
//! caller shares one: a merge sort of indexes in `stable_order`, behind a `dyn` comparison,
//! written out so that not even one copy of the standard sort is compiled for it. The result
//! is exactly `sort_by`'s (a stable sort's order is determined by the comparison, and every
//! caller's comparison is a total order). The engine's per-step paths keep `sort_by`: this
//! costs two index vectors per call.

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`, as `items.sort_by(cmp)` does.
pub(crate) fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    // Nothing to order, and nothing allocated: the controller sorts many one-pod groups.
    if items.len() < 2 {
        return;
    }
    let (order, scratch) = stable_order(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    permute(items, order, scratch);
}

/// Sorts `items` stably by `key`, as `items.sort_by_key(key)` does.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The indexes `0..n` in ascending order by `cmp`, equal ones in index order, and the merge's
/// scratch vector (as long, for `permute` to reuse): a bottom-up merge sort, runs of 1, 2,
/// 4, ... merged pairwise.
#[inline(never)]
fn stable_order(
    n: usize,
    cmp: &mut dyn FnMut(usize, usize) -> Ordering,
) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..n).collect();
    let mut scratch = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut low = 0;
        while low < n {
            let mid = (low + width).min(n);
            let high = (mid + width).min(n);
            merge(
                &order[low..mid],
                &order[mid..high],
                &mut scratch[low..high],
                cmp,
            );
            low = high;
        }
        std::mem::swap(&mut order, &mut scratch);
        width *= 2;
    }
    (order, scratch)
}

/// Merges the sorted runs `left` and `right` into `out`; of equal items, `left`'s go first,
/// which keeps the sort stable.
fn merge(
    left: &[usize],
    right: &[usize],
    out: &mut [usize],
    cmp: &mut dyn FnMut(usize, usize) -> Ordering,
) {
    let (mut l, mut r) = (0, 0);
    for slot in out.iter_mut() {
        let take_right =
            l == left.len() || (r < right.len() && cmp(right[r], left[l]) == Ordering::Less);
        if take_right {
            *slot = right[r];
            r += 1;
        } else {
            *slot = left[l];
            l += 1;
        }
    }
}

/// Moves `items[order[k]]` to position `k` for every `k`, by swaps along each cycle; `to` is
/// scratch space as long as `order`.
fn permute<T>(items: &mut [T], order: Vec<usize>, mut to: Vec<usize>) {
    // `to[i]`: where the item now at `i` belongs.
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

    /// Lists of every length up to 70 and one of 1,000, with many ties, sort as the standard
    /// library's stable sort does: runs of every length meet in the merges.
    #[test]
    fn long_lists_with_ties_sort_as_the_standard_stable_sort() {
        // xorshift64: any fixed sequence does; the index keeps each item's first place.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for len in (0..70).chain([1000]) {
            let items: Vec<(u64, usize)> = (0..len).map(|i| (next() % 7, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            let mut got = items.clone();
            super::sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, expected, "length {len}");
        }
    }
}
