//! Success policy (pkg/controller/job/success_policy.go): Indexed Jobs may succeed
//! before every index has.

use super::indexed::{parse_intervals, IndexSet};
use crate::api::Job;

/// The index of the first rule the completed indexes satisfy, if any.
pub fn matched_success_rule(job: &Job, completed: &IndexSet) -> Option<usize> {
    let policy = job.spec.success_policy.as_ref()?;
    if completed.is_empty() {
        return None;
    }
    let completions = job.spec.completions.unwrap_or(0);
    policy.rules.iter().position(|rule| {
        let listed = rule
            .succeeded_indexes
            .as_deref()
            .map(|s| parse_intervals(s, completions));
        match (listed, rule.succeeded_count) {
            (Some(set), None) => !set.is_empty() && set.iter().all(|i| completed.contains(i)),
            (None, Some(count)) => completed.len() as i32 >= count,
            (Some(set), Some(count)) => {
                set.iter().filter(|i| completed.contains(i)).count() as i32 >= count
            }
            (None, None) => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{SuccessPolicy, SuccessPolicyRule};

    fn job(rules: Vec<SuccessPolicyRule>) -> Job {
        let mut j = Job::default();
        j.spec.completions = Some(10);
        j.spec.success_policy = Some(SuccessPolicy { rules });
        j
    }

    #[test]
    fn first_satisfied_rule_wins() {
        let j = job(vec![
            SuccessPolicyRule {
                succeeded_indexes: Some("0-2".into()),
                succeeded_count: None,
            },
            SuccessPolicyRule {
                succeeded_indexes: None,
                succeeded_count: Some(2),
            },
        ]);
        let done: IndexSet = [5, 7].into_iter().collect();
        assert_eq!(matched_success_rule(&j, &done), Some(1));
        let leaders: IndexSet = [0, 1, 2].into_iter().collect();
        assert_eq!(matched_success_rule(&j, &leaders), Some(0));
        assert_eq!(matched_success_rule(&j, &IndexSet::default()), None);
    }

    #[test]
    fn both_fields_count_within_the_listed_indexes() {
        let j = job(vec![SuccessPolicyRule {
            succeeded_indexes: Some("1,3,5".into()),
            succeeded_count: Some(2),
        }]);
        assert_eq!(
            matched_success_rule(&j, &[1, 2].into_iter().collect()),
            None
        );
        assert_eq!(
            matched_success_rule(&j, &[1, 5].into_iter().collect()),
            Some(0)
        );
    }
}
