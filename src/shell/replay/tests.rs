//! Replay through one `check`: a scenario text with `spec.terminal` in; the transcript (each
//! line at the time it ran and ended), the actions the run gets, its typed end and any
//! diagnostic out.

use expect_test::{expect, Expect};

use super::*;
use crate::scenario::edit::action_item;

fn check(text: &str, expect: Expect) {
    let loaded = crate::scenario::load(text);
    let mut out = String::new();
    for d in &loaded.diagnostics {
        out.push_str(&format!("load: {}\n", d.render("scenario.yaml")));
    }
    let replayed = replay(&loaded.scenario, &TextFiles::new(text));
    let start = replayed.scenario.start;
    for e in &replayed.transcript {
        out.push_str(&format!(
            "[{} .. {}]\n",
            (e.ran - start).human(),
            (e.ended - start).human()
        ));
        out.push_str(&e.echo);
        for o in &e.outputs {
            for line in o.notice.lines() {
                out.push_str(&format!("stderr: {line}\n"));
            }
            out.push_str(&o.out);
            for line in o.err.lines() {
                out.push_str(&format!("stderr: {line}\n"));
            }
        }
        if e.status() != 0 {
            out.push_str(&format!("exit {}\n", e.status()));
        }
    }
    for a in &replayed.scenario.actions {
        let item = action_item(a);
        out.push_str(&format!("action: {}\n", &item[..item.len().min(90)]));
    }
    if let Some(end) = replayed.scenario.terminal_end {
        out.push_str(&format!("terminal_end: {}\n", end.human()));
    }
    for d in &replayed.diagnostics {
        out.push_str(&format!("replay: {}\n", d.render("scenario.yaml")));
    }
    let text: String = out.lines().map(|l| format!("{}\n", l.trim_end())).collect();
    expect.assert_eq(&text);
}

const PI: &str = "apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox, command: [sh, -c, 'sleep 30']}]
";

#[test]
fn a_scenario_without_typed_lines_comes_back_unchanged() {
    let loaded = crate::scenario::load(PI);
    let replayed = replay(&loaded.scenario, &TextFiles::new(PI));
    assert_eq!(replayed.scenario, loaded.scenario);
    assert!(replayed.transcript.is_empty());
}

#[test]
fn lines_run_at_their_time_or_after_the_line_before_and_changes_become_actions() {
    check(
        "apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  terminal:
  - {at: 0s, run: 'kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml'}
  - {at: 5s, run: 'kubectl get jobs'}
  - {at: 5s, run: 'sleep 20'}
  - {at: 10s, run: 'kubectl get pods'}
  - {at: 30s, run: 'kubectl wait --for=condition=complete --timeout=300s job/pi'}
  - {at: 30s, run: 'kubectl delete job pi && kubectl get jobs'}
",
        expect![[r#"
            [0s .. 0s]
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            [5s .. 5s]
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           5s         5s
            [5s .. 25s]
            $ sleep 20
            [25s .. 25s]
            $ kubectl get pods
            NAME       READY   STATUS      RESTARTS   AGE
            pi-d2v22   0/1     Completed   0          25s
            [30s .. 30s]
            $ kubectl wait --for=condition=complete --timeout=300s job/pi
            job.batch/pi condition met
            [30s .. 30s]
            $ kubectl delete job pi && kubectl get jobs
            job.batch "pi" deleted from default namespace
            stderr: No resources found in default namespace.
            action: {at: 0s, action: applyJob, target: 'job/pi'}
            action: {at: 30s, action: deleteJob, target: 'job/pi'}
            terminal_end: 30s
        "#]],
    );
}

#[test]
fn files_are_the_texts_documents_by_name_and_the_presets() {
    check(
        &format!(
            "{PI}---
apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  terminal:
  - {{at: 0s, run: kubectl apply -f pi.yaml}}
  - {{at: 1s, run: kubectl apply -f nope.yaml}}
  - {{at: 1s, run: kubectl apply -f presets/cronjob.yaml}}
"
        ),
        expect![[r#"
            [0s .. 0s]
            $ kubectl apply -f pi.yaml
            job.batch/pi unchanged
            [1s .. 1s]
            $ kubectl apply -f nope.yaml
            stderr: error: the path "nope.yaml" does not exist (the editor's documents are read as NAME.yaml, the presets as presets/ID.yaml)
            exit 1
            [1s .. 1s]
            $ kubectl apply -f presets/cronjob.yaml
            cronjob.batch/hello created
            stderr: error: resource mapping not found for name: "" namespace: "" from "presets/cronjob.yaml": no matches for kind "Scenario" in version "jobplay.dev/v1alpha1"
            stderr: ensure CRDs are installed first (jobplay simulates batch/v1 Job and CronJob)
            exit 1
            action: {at: 1s, action: applyCronJob, target: 'cronjob/hello'}
            terminal_end: 1s
        "#]],
    );
}

#[test]
fn bad_lines_are_diagnostics_and_left_out() {
    check(
        "apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  until: 1m
  terminal:
  - {run: kubectl get pods}
  - {at: soon, run: kubectl get pods}
  - {at: 1s, run: '  '}
  - {at: 1s, run: 'kubectl get pods )'}
  - {at: 1s, run: 'kubectl version --client'}
  - {at: 1s, run: 'ns=kube-system; kubectl get pods -n $ns'}
  - {at: 2m, run: 'kubectl get pods'}
",
        expect![[r#"
            load: scenario.yaml:6:5: error: spec.terminal[0].at: Required value: when the line was typed, e.g. 45s
            load: scenario.yaml:7:10: error: spec.terminal[1].at: "soon" is not a duration (expected e.g. 30s, 5m, 1h30m, 250ms)
            load: scenario.yaml:8:19: error: spec.terminal[2].run: Required value: the command line, e.g. "kubectl get pods"
            load: scenario.yaml:9:19: error: spec.terminal[3].run: line 1: syntax error: unexpected ")"
            [1s .. 1s]
            $ kubectl version --client
            Client Version: v1.37.2
            Kustomize Version: v5.8.1
            [1s .. 1s]
            $ ns=kube-system; kubectl get pods -n $ns
            stderr: No resources found in kube-system namespace.
            [2m .. 2m]
            $ kubectl get pods
            stderr: No resources found in default namespace.
            terminal_end: 2m
            replay: scenario.yaml:12:19: warning: spec.terminal[6]: runs at 2m after the start, after the run's end (spec.until: 1m); the page cannot show it
        "#]],
    );
}

#[test]
fn a_sleep_past_the_last_event_makes_the_run_last_to_its_end() {
    let text = format!(
        "{PI}---
apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  terminal:
  - {{at: 0s, run: sleep 2h}}
"
    );
    let run = crate::view_model::record::run_text(&text, Default::default());
    assert_eq!((run.end - run.engine.scenario().start).human(), "2h");
}

#[test]
fn a_cluster_the_caller_has_is_read_rather_than_simulated_and_changes_nothing() {
    let text = format!(
        "{PI}---
apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  terminal:
  - {{at: 5s, run: kubectl get pods}}
  - {{at: 20s, run: kubectl get jobs}}
"
    );
    let loaded = crate::scenario::load(&text);
    let files = TextFiles::new(&text);
    let simulated = replay(&loaded.scenario, &files);
    // The run the page already shows: its checkpoints give the cluster at each line's time.
    let shown = crate::view_model::playback::Playback::compute(simulated.scenario.clone());
    let asked = std::cell::Cell::new(0);
    let read = replay_with(&loaded.scenario, &files, &|s: &Scenario, t| {
        asked.set(asked.get() + 1);
        let mut ran = shown.last.scenario().clone();
        ran.terminal_end = None;
        let known = (*s == ran).then(|| shown.at(t));
        asked.set(asked.get() + usize::from(known.is_some()));
        known
    });
    // Both lines read the cluster from the run shown.
    assert_eq!(asked.get(), 2 + 2);
    assert_eq!(read.transcript, simulated.transcript);
    assert_eq!(read.scenario, simulated.scenario);
}
