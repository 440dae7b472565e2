//! An append-only list whose copies share everything but the newest entries.
//!
//! A run's record (events, decisions, the pods a Job created, removed pods) only ever grows.
//! Seeking keeps copies of the engine at checkpoints; with a plain `Vec` each copy would copy
//! the whole record (600,000 events in the 100,000-completion benchmark). Here full chunks are
//! frozen behind reference counts, so a copy costs one pointer per chunk plus the unfrozen
//! tail, and every copy reads the same frozen entries.

use std::ops::{Index, Range};
use std::rc::Rc;

/// Entries per frozen chunk: big enough that the chunk list stays short, small enough that
/// copying the tail is cheap.
const CHUNK: usize = 1024;

#[derive(Debug)]
pub struct AppendLog<T> {
    frozen: Vec<Rc<[T]>>,
    tail: Vec<T>,
}

impl<T> Default for AppendLog<T> {
    fn default() -> Self {
        AppendLog {
            frozen: Vec::new(),
            tail: Vec::new(),
        }
    }
}

impl<T: Clone> Clone for AppendLog<T> {
    fn clone(&self) -> Self {
        AppendLog {
            frozen: self.frozen.clone(),
            tail: self.tail.clone(),
        }
    }
}

impl<T> AppendLog<T> {
    pub fn push(&mut self, value: T) {
        if self.tail.capacity() == 0 {
            self.tail.reserve_exact(CHUNK);
        }
        self.tail.push(value);
        if self.tail.len() == CHUNK {
            let full = std::mem::take(&mut self.tail);
            self.frozen.push(Rc::from(full));
        }
    }

    pub fn len(&self) -> usize {
        self.frozen.len() * CHUNK + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        match self.frozen.get(i / CHUNK) {
            Some(chunk) => Some(&chunk[i % CHUNK]),
            None => self.tail.get(i - self.frozen.len() * CHUNK),
        }
    }

    pub fn last(&self) -> Option<&T> {
        self.len().checked_sub(1).and_then(|i| self.get(i))
    }

    /// Oldest first; reversible and sized, like a slice's iterator.
    pub fn iter(&self) -> Iter<'_, T> {
        Iter {
            log: self,
            range: 0..self.len(),
        }
    }

    pub fn to_vec(&self) -> Vec<T>
    where
        T: Clone,
    {
        self.iter().cloned().collect()
    }
}

impl<T> Index<usize> for AppendLog<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        self.get(i)
            .unwrap_or_else(|| panic!("index {i} out of an append log of {}", self.len()))
    }
}

/// The entries of an [`AppendLog`] in order.
#[derive(Clone)]
pub struct Iter<'a, T> {
    log: &'a AppendLog<T>,
    range: Range<usize>,
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = &'a T;
    fn next(&mut self) -> Option<&'a T> {
        self.range.next().map(|i| &self.log[i])
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.range.size_hint()
    }
}

impl<T> DoubleEndedIterator for Iter<'_, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.range.next_back().map(|i| &self.log[i])
    }
}

impl<T> ExactSizeIterator for Iter<'_, T> {}

impl<'a, T> IntoIterator for &'a AppendLog<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<T> FromIterator<T> for AppendLog<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut log = AppendLog::default();
        for item in items {
            log.push(item);
        }
        log
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_was_pushed_across_chunk_boundaries() {
        let log: AppendLog<usize> = (0..3 * CHUNK + 5).collect();
        assert_eq!(log.len(), 3 * CHUNK + 5);
        for i in [0, CHUNK - 1, CHUNK, 2 * CHUNK + 7, 3 * CHUNK + 4] {
            assert_eq!(log[i], i);
        }
        assert_eq!(log.get(3 * CHUNK + 5), None);
        assert_eq!(log.last(), Some(&(3 * CHUNK + 4)));
        assert!(log.iter().copied().eq(0..3 * CHUNK + 5));
        assert!(log.iter().rev().copied().eq((0..3 * CHUNK + 5).rev()));
        assert_eq!(log.iter().len(), 3 * CHUNK + 5);
    }

    #[test]
    fn a_copy_shares_frozen_chunks_and_diverges_after_them() {
        let mut original: AppendLog<String> = (0..CHUNK + 3).map(|i| i.to_string()).collect();
        let mut copy = original.clone();
        assert!(
            Rc::ptr_eq(&original.frozen[0], &copy.frozen[0]),
            "frozen entries are shared, not copied"
        );
        original.push("original".into());
        copy.push("copy".into());
        assert_eq!(original[CHUNK + 3], "original");
        assert_eq!(copy[CHUNK + 3], "copy");
        assert_eq!(copy[CHUNK + 2], (CHUNK + 2).to_string());
    }

    #[test]
    fn an_empty_log_has_nothing_to_read() {
        let log: AppendLog<u8> = AppendLog::default();
        assert!(log.is_empty());
        assert_eq!(log.last(), None);
        assert_eq!(log.iter().next(), None);
    }
}
