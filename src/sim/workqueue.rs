//! The controllers' work queues, as client-go's delaying queue keeps them
//! (`staging/src/k8s.io/client-go/util/workqueue/delaying_queue.go`, `queue.go`): a key is
//! queued once however many events ask for it, and of several `AddAfter`s for one key only the
//! earliest is kept.
//!
//! A queue holds only its bookkeeping. When a request needs the engine to wake up, the queue
//! says so (a `#[must_use]` answer) and the engine pushes the wake; when a wake comes due, the
//! engine asks the queue whether it still stands (a superseded wake is dropped unhandled).

use std::collections::BTreeMap;

use crate::time::SimTime;

/// The Job controller's queue. `enqueueSyncJobInternal` in `pkg/controller/job/job_controller.go`
/// adds every key with `AddAfter` (an immediate sync is a delay of zero). In client-go a delay
/// whose time has come has already moved the key to the work queue, so a key can be queued
/// now and wait in the delaying queue at once: a pod event at the instant a batched sync
/// comes due asks for one more sync a second later, and gets it.
#[derive(Clone, Debug, Default)]
pub struct JobQueue {
    /// Keys in the work queue, with the time their wake was pushed for.
    queued: BTreeMap<String, SimTime>,
    /// The earliest future `AddAfter` per key (the delaying queue).
    waiting: BTreeMap<String, SimTime>,
}

impl JobQueue {
    /// `AddAfter`: sync `key` at `at` (now, when `at` is not in the future). A key already
    /// queued absorbs an immediate request; a waiting one absorbs a later one and is replaced
    /// by an earlier one. True when the engine must wake at `at` for it.
    #[must_use]
    pub fn add_after(&mut self, key: &str, at: SimTime, now: SimTime) -> bool {
        // A delay that is over has moved the key to the work queue.
        if let Some(due) = self.waiting.get(key).copied().filter(|t| *t <= now) {
            self.waiting.remove(key);
            self.queued.entry(key.to_string()).or_insert(due);
        }
        if at <= now {
            if self.queued.contains_key(key) {
                return false;
            }
            self.queued.insert(key.to_string(), at);
            return true;
        }
        if self.waiting.get(key).is_some_and(|t| *t <= at) {
            return false;
        }
        self.waiting.insert(key.to_string(), at);
        true
    }

    /// Whether a wake at `at` is still one of the key's (not one an earlier request replaced
    /// or the worker already served).
    pub fn is_pending(&self, key: &str, at: SimTime) -> bool {
        self.queued.get(key) == Some(&at) || self.waiting.get(key) == Some(&at)
    }

    /// The worker takes the key at `now` (`Get`): what was queued, and a delay that is over.
    /// A later request queues it again; a delay still to come stays.
    pub fn take(&mut self, key: &str, now: SimTime) {
        self.queued.remove(key);
        if self.waiting.get(key).is_some_and(|t| *t <= now) {
            self.waiting.remove(key);
        }
    }

    /// Drops whatever is queued or waiting for `key`: its Job is gone, or the controller
    /// manager restarted with empty queues.
    pub fn forget(&mut self, key: &str) {
        self.queued.remove(key);
        self.waiting.remove(key);
    }
}

/// The CronJob controller's queue: `Add` marks a key dirty until the worker takes it; each
/// `AddAfter` waits in the delaying queue, which keeps the earliest time per key and moves the
/// key to the dirty set when that time comes (`pkg/controller/cronjob/cronjob_controllerv2.go`
/// requeues with `AddAfter` for the next schedule time).
#[derive(Clone, Debug, Default)]
pub struct CronJobQueue {
    /// Keys queued for an immediate sync. A CronJob's name each, so few: a vector searched
    /// in turn does, where a `BTreeSet<String>` would be a B-tree of its own in the wasm.
    dirty: Vec<String>,
    /// The earliest `AddAfter` per key.
    waiting: BTreeMap<String, SimTime>,
}

impl CronJobQueue {
    /// `Add`: sync `key` now, once. True when the engine must wake now for it.
    #[must_use]
    pub fn add(&mut self, key: &str) -> bool {
        if self.dirty.iter().any(|k| k == key) {
            return false;
        }
        self.dirty.push(key.to_string());
        true
    }

    /// `AddAfter`: keeps the earliest time per key (one already past is replaced). True when
    /// the engine must wake at `at` for it.
    #[must_use]
    pub fn add_after(&mut self, key: &str, at: SimTime, now: SimTime) -> bool {
        if self.waiting.get(key).is_some_and(|t| *t <= at && *t >= now) {
            return false;
        }
        self.waiting.insert(key.to_string(), at);
        true
    }

    /// Whether a delayed wake at `at` is still the key's earliest.
    pub fn is_waiting_until(&self, key: &str, at: SimTime) -> bool {
        self.waiting.get(key) == Some(&at)
    }

    /// The delay of `key` is over: it leaves the delaying queue (the engine then `add`s it).
    pub fn delay_over(&mut self, key: &str) {
        self.waiting.remove(key);
    }

    /// The worker takes the key (`Get`): a later `add` queues it again.
    pub fn take(&mut self, key: &str) {
        self.dirty.retain(|k| k != key);
    }

    /// A restarted controller manager starts with empty queues (what it had waiting is lost;
    /// the keys already dirty still have their wakes).
    pub fn forget_delays(&mut self) {
        self.waiting.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::SimDuration;

    fn at(secs: i64) -> SimTime {
        SimTime::DEFAULT_START + SimDuration::from_secs(secs)
    }

    #[test]
    fn a_job_sync_already_pending_earlier_absorbs_a_later_request() {
        let mut q = JobQueue::default();
        assert!(q.add_after("pi", at(5), at(0)));
        assert!(!q.add_after("pi", at(7), at(0)), "5 s comes first");
        assert!(q.is_pending("pi", at(5)));
        assert!(!q.is_pending("pi", at(7)));
    }

    #[test]
    fn an_earlier_job_sync_replaces_the_pending_one_whose_wake_becomes_stale() {
        let mut q = JobQueue::default();
        assert!(q.add_after("pi", at(5), at(0)));
        assert!(q.add_after("pi", at(1), at(0)));
        assert!(q.is_pending("pi", at(1)));
        assert!(!q.is_pending("pi", at(5)), "the 5 s wake is dropped");
    }

    #[test]
    fn a_taken_or_forgotten_job_key_is_queued_again_by_the_next_request() {
        let mut q = JobQueue::default();
        assert!(q.add_after("pi", at(1), at(0)));
        q.take("pi", at(1));
        assert!(!q.is_pending("pi", at(1)));
        assert!(q.add_after("pi", at(9), at(1)));
        q.forget("pi");
        assert!(
            q.add_after("pi", at(20), at(1)),
            "forgotten: a later time wins"
        );
    }

    #[test]
    fn a_request_at_the_instant_a_sync_comes_due_gets_a_sync_of_its_own() {
        // client-go: at 1 s the delay is over and the key is in the work queue; a pod event
        // then asks for 2 s, which waits in the delaying queue. Both syncs happen.
        let mut q = JobQueue::default();
        assert!(q.add_after("pi", at(1), at(0)));
        assert!(q.add_after("pi", at(2), at(1)));
        assert!(q.is_pending("pi", at(1)), "the sync due now still runs");
        q.take("pi", at(1));
        assert!(q.is_pending("pi", at(2)), "and the later one stays");
        assert!(!q.add_after("pi", at(3), at(1)));
    }

    #[test]
    fn an_immediate_request_keeps_a_later_delay_as_add_does() {
        let mut q = JobQueue::default();
        assert!(q.add_after("pi", at(10), at(0)));
        assert!(q.add_after("pi", at(0), at(0)), "queued now");
        assert!(!q.add_after("pi", at(0), at(0)), "queued once");
        q.take("pi", at(0));
        assert!(q.is_pending("pi", at(10)));
    }

    #[test]
    fn cron_job_adds_are_deduplicated_until_the_worker_takes_the_key() {
        let mut q = CronJobQueue::default();
        assert!(q.add("hello"));
        assert!(!q.add("hello"), "already dirty");
        q.take("hello");
        assert!(q.add("hello"));
    }

    #[test]
    fn the_delaying_queue_keeps_the_earliest_add_after_per_key() {
        let mut q = CronJobQueue::default();
        assert!(q.add_after("hello", at(60), at(0)));
        assert!(!q.add_after("hello", at(120), at(0)));
        assert!(q.add_after("hello", at(30), at(0)));
        assert!(q.is_waiting_until("hello", at(30)));
        assert!(!q.is_waiting_until("hello", at(60)));
        q.delay_over("hello");
        assert!(!q.is_waiting_until("hello", at(30)));
        assert!(q.add_after("hello", at(90), at(30)));
        q.forget_delays();
        assert!(!q.is_waiting_until("hello", at(90)));
    }
}
