//! What the stage says about the text when it has errors, where the picture would be:
//! "2 errors", then each with its line (a button to it in the editor), the API server's message
//! and the hint. Warnings are left to the editor's list unless nothing is worse and they carry
//! a hint (a lower-case `kind: job` is only a warning, yet nothing runs).

use crate::scenario::diagnostic::Diagnostic;

/// The most diagnostics listed on the stage; the editor lists all of them.
pub const SHOWN: usize = 5;

/// The stage's summary of the text's problems.
pub struct Summary<'a> {
    /// "2 errors", "1 warning: nothing to run until the text is fixed", "7 errors (the first 5
    /// here, all under the editor)".
    pub heading: String,
    /// The problems listed, at most [`SHOWN`].
    pub items: Vec<&'a Diagnostic>,
}

/// The summary of `diagnostics`, if there is anything to say on the stage; `nothing_runs`
/// when there is no run to show below it.
pub fn summarize(diagnostics: &[Diagnostic], nothing_runs: bool) -> Option<Summary<'_>> {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let (listed, noun) = if errors.is_empty() {
        let hinted: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.hint.is_some()).collect();
        (hinted, "warning")
    } else {
        (errors, "error")
    };
    if listed.is_empty() {
        return None;
    }
    let n = listed.len();
    let plural = if n == 1 { "" } else { "s" };
    // Written out: a format! here costs the page more bytes than it saves (README's budget).
    let rest = if n > SHOWN {
        " (the first 5 here, all under the editor)"
    } else {
        ""
    };
    let why = if nothing_runs {
        ": nothing to run until the text is fixed"
    } else {
        ""
    };
    Some(Summary {
        heading: format!("{n} {noun}{plural}{rest}{why}"),
        items: listed.into_iter().take(SHOWN).collect(),
    })
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::*;
    use crate::scenario::load;

    /// The summary of a text as the stage shows it.
    fn check(text: &str, expect: Expect) {
        let loaded = load(text);
        let out = match summarize(&loaded.diagnostics, loaded.is_empty()) {
            None => "(nothing on the stage)\n".to_string(),
            Some(s) => {
                let mut out = format!("{}\n", s.heading);
                for i in &s.items {
                    out.push_str(&format!("  line {}: {}\n", i.line, i.message));
                    if let Some(h) = &i.hint {
                        out.push_str(&format!("    {h}\n"));
                    }
                }
                out
            }
        };
        expect.assert_eq(&out);
    }

    const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: demo\nspec:\n  paralelism: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox\n";

    #[test]
    fn a_valid_text_with_a_plain_warning_leaves_the_stage_to_the_picture() {
        check(
            JOB,
            expect![[r#"
            (nothing on the stage)
        "#]],
        );
    }

    #[test]
    fn errors_are_counted_and_listed_with_their_lines_and_hints_and_warnings_left_out() {
        check(
            &JOB.replace("Never", "Always")
                .replace("name: demo", "name: Demo"),
            expect![[r#"
                2 errors: nothing to run until the text is fixed
                  line 4: The Job "Demo" is invalid: metadata.name: Invalid value: "Demo": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
                  line 9: The Job "Demo" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
                    A Job's pods take OnFailure or Never; Always is for Deployments (a Job's pod must be able to finish).
            "#]],
        );
    }

    #[test]
    fn a_hinted_warning_is_shown_when_there_is_no_error() {
        check(
            &JOB.replace("kind: Job", "kind: job"),
            expect![[r#"
                1 warning: nothing to run until the text is fixed
                  line 2: kind "job" is not simulated; jobplay runs Job, CronJob, Service, ConfigMap and Secret documents; this one is ignored
                    Kinds are case-sensitive: write `kind: Job` ("job" is not a kind the API server knows).
            "#]],
        );
    }

    #[test]
    fn at_most_five_are_listed_and_the_rest_counted() {
        let seven: String = (0..7)
            .map(|i| JOB.replace("name: demo", &format!("name: Demo{i}")))
            .collect::<Vec<_>>()
            .join("---\n");
        let loaded = load(&seven);
        let summary = summarize(&loaded.diagnostics, true).expect("errors");
        assert_eq!(
            summary.heading,
            "7 errors (the first 5 here, all under the editor): nothing to run until the text is fixed"
        );
        assert_eq!(summary.items.len(), SHOWN);
    }
}
