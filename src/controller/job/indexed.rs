//! Completion indexes (pkg/controller/job/indexed_job_utils.go): interval strings and the
//! choice of indexes to create.

/// A set of completion indexes in ascending order, as the controller's interval strings hold
/// them. A sorted vector rather than a `BTreeSet<i32>`: the set is parsed, added to a few
/// times and read in order, and the B-tree would be some KB of wasm for this one type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexSet(Vec<i32>);

impl IndexSet {
    /// Adds `index`; false if it was already there.
    pub fn insert(&mut self, index: i32) -> bool {
        match self.0.binary_search(&index) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, index);
                true
            }
        }
    }

    pub fn contains(&self, index: &i32) -> bool {
        self.0.binary_search(index).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The indexes in ascending order.
    pub fn iter(&self) -> std::slice::Iter<'_, i32> {
        self.0.iter()
    }
}

impl Extend<i32> for IndexSet {
    fn extend<I: IntoIterator<Item = i32>>(&mut self, indexes: I) {
        for i in indexes {
            self.insert(i);
        }
    }
}

impl FromIterator<i32> for IndexSet {
    fn from_iter<I: IntoIterator<Item = i32>>(indexes: I) -> Self {
        let mut set = IndexSet::default();
        set.extend(indexes);
        set
    }
}

impl IntoIterator for IndexSet {
    type Item = i32;
    type IntoIter = std::vec::IntoIter<i32>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Renders a set as Kubernetes does: runs of three or more as `a-b`, pairs as `a,b`.
/// `{1,3,4,5,7}` → `1,3-5,7`.
pub fn format_intervals(indexes: &IndexSet) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut iter = indexes.iter().copied().peekable();
    while let Some(first) = iter.next() {
        let mut last = first;
        while iter.peek() == Some(&(last + 1)) {
            last = iter.next().unwrap_or(last);
        }
        match last - first {
            0 => parts.push(first.to_string()),
            1 => parts.push(format!("{first},{last}")),
            _ => parts.push(format!("{first}-{last}")),
        }
    }
    parts.join(",")
}

/// Parses an interval string, dropping indexes at or above `completions` as the controller
/// does after an elastic scale-down. Malformed parts are skipped (validation rejects them
/// earlier where the user wrote them).
pub fn parse_intervals(text: &str, completions: i32) -> IndexSet {
    let mut out = IndexSet::default();
    for part in text.split(',').filter(|p| !p.is_empty()) {
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        if let (Ok(a), Ok(b)) = (a.parse::<i32>(), b.parse::<i32>()) {
            out.extend((a..=b.min(completions - 1)).filter(|i| *i >= 0));
        }
    }
    out
}

/// The `count` lowest indexes in `[0, completions)` not in `taken`.
pub fn lowest_free_indexes(completions: i32, taken: &IndexSet, count: usize) -> Vec<i32> {
    (0..completions)
        .filter(|i| !taken.contains(i))
        .take(count)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[i32]) -> IndexSet {
        v.iter().copied().collect()
    }

    #[test]
    fn formats_runs_pairs_and_singles_like_kubernetes() {
        assert_eq!(format_intervals(&set(&[1, 3, 4, 5, 7])), "1,3-5,7");
        assert_eq!(format_intervals(&set(&[0, 1])), "0,1");
        assert_eq!(format_intervals(&set(&[0, 1, 2, 4])), "0-2,4");
        assert_eq!(format_intervals(&set(&[2, 4, 5, 7, 8, 9])), "2,4,5,7-9");
        assert_eq!(format_intervals(&set(&[])), "");
    }

    #[test]
    fn parse_drops_indexes_beyond_completions() {
        assert_eq!(parse_intervals("0-2,4,7-9", 8), set(&[0, 1, 2, 4, 7]));
    }

    #[test]
    fn picks_the_lowest_free_indexes() {
        assert_eq!(lowest_free_indexes(6, &set(&[0, 2]), 3), vec![1, 3, 4]);
    }
}

/// What the controller remembers about one index's failures (backoffLimitPerIndex). Kubernetes
/// reads these back from the `job-index-failure-count` annotations of the index's last failed
/// pod; jobplay counts a pod once and drops its finalizer, so it keeps them here instead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IndexFailures {
    /// Failures that counted (the next pod's `job-index-failure-count`).
    pub counted: i32,
    /// Failures ignored by the pod failure policy (`job-index-ignored-failure-count`).
    pub ignored: i32,
    /// When the index's last failed pod finished.
    pub last_finish: Option<crate::time::SimTime>,
}

impl IndexFailures {
    /// Per-index back-off left at `now`: the global formula with n = all failures of the index.
    pub fn remaining(&self, now: crate::time::SimTime) -> crate::time::SimDuration {
        let n = (self.counted + self.ignored).max(0) as u32;
        match self.last_finish {
            Some(t) if n > 0 => {
                (super::backoff::delay_for(n) - (now - t)).max(crate::time::SimDuration::ZERO)
            }
            _ => crate::time::SimDuration::ZERO,
        }
    }
}
