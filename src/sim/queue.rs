//! The ordered wake-up queue of the discrete-event engine.
//!
//! Entries are ordered by time, then by insertion sequence, so two wakes at the same instant
//! always run in the order they were scheduled: a run never depends on the heap's order.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::time::SimTime;

/// A min-queue of `(time, seq, item)`.
#[derive(Clone, Debug)]
pub struct Queue<T> {
    heap: BinaryHeap<Entry<T>>,
    next_seq: u64,
}

#[derive(Clone, Debug)]
struct Entry<T> {
    at: SimTime,
    seq: u64,
    item: T,
}

impl<T> PartialEq for Entry<T> {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl<T> Eq for Entry<T> {}
impl<T> PartialOrd for Entry<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Entry<T> {
    // Reversed: BinaryHeap is a max-heap and we want the earliest first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            heap: BinaryHeap::new(),
            next_seq: 0,
        }
    }
}

impl<T> Queue<T> {
    pub fn push(&mut self, at: SimTime, item: T) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Entry { at, seq, item });
    }
    /// The earliest entry.
    pub fn peek(&self) -> Option<(SimTime, &T)> {
        self.heap.peek().map(|e| (e.at, &e.item))
    }
    /// Removes the earliest entry.
    pub fn pop(&mut self) -> Option<(SimTime, T)> {
        self.heap.pop().map(|e| (e.at, e.item))
    }
    /// Removes the earliest entry if it is due at or before `now`.
    pub fn pop_due(&mut self, now: SimTime) -> Option<(SimTime, T)> {
        if self.heap.peek()?.at <= now {
            self.heap.pop().map(|e| (e.at, e.item))
        } else {
            None
        }
    }
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_time_order_and_keeps_insertion_order_for_ties() {
        let mut q = Queue::default();
        let t = |s| SimTime::from_millis(s);
        q.push(t(5), "late");
        q.push(t(1), "first");
        q.push(t(1), "second");
        assert_eq!(q.pop_due(t(0)), None);
        assert_eq!(q.pop_due(t(10)), Some((t(1), "first")));
        assert_eq!(q.pop_due(t(10)), Some((t(1), "second")));
        assert_eq!(q.pop_due(t(10)), Some((t(5), "late")));
        assert!(q.is_empty());
    }
}
