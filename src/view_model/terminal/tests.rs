//! The terminal's model through one `check` per surface: a session typing lines (what the
//! pane shows at the playhead after each), completion, history.

use expect_test::{expect, Expect};

use super::*;
use crate::view_model::session::{reduce, Session, SessionAction};

const PI: &str = "https://kubernetes.io/examples/controllers/job.yaml";

/// Does what the page's computation does for the session's request (`ui/use_computation.rs`
/// through [`prepare`]), saying whether the run was simulated or kept.
fn compute(s: &Session, log: &mut String) -> Session {
    let Some(request) = s.computing.clone() else {
        return s.clone();
    };
    let run = match prepare(&request.scenario, &request.text, request.shown.as_ref()) {
        Prepared::Ready(run) => {
            log.push_str("(run kept)\n");
            run
        }
        Prepared::Build(builder, transcript) => {
            log.push_str("(run simulated)\n");
            Run(Rc::new(builder.run()), transcript)
        }
    };
    reduce(s, SessionAction::Finished(request.id, run))
}

/// What the pane shows: the playhead, then each line shown with its output.
fn pane(s: &Session) -> String {
    let Some(run) = s.playback.as_ref() else {
        return "(no run)\n".into();
    };
    format!(
        "@{}\n{}",
        (s.playhead - run.start).human(),
        copy_text(&run.1.entries, s.playhead)
    )
}

/// Starts a paused session on `text`, then does each action and shows the pane after it.
fn check(text: &str, actions: Vec<SessionAction>, expect: Expect) {
    let mut log = String::new();
    let mut s = compute(
        &Session::starting_at(text.to_string(), None, Some(0)),
        &mut log,
    );
    for a in actions {
        log.push_str(&format!("> {a:?}\n"));
        s = compute(&reduce(&s, a), &mut log);
        log.push_str(&pane(&s));
    }
    let out: String = log.lines().map(|l| format!("{}\n", l.trim_end())).collect();
    expect.assert_eq(&out);
}

const SCENARIO: &str = "apiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  until: 5m\n";

#[test]
fn typed_lines_run_at_the_playhead_and_reads_keep_the_run() {
    use SessionAction::*;
    check(
        SCENARIO,
        vec![
            Type(format!("kubectl apply -f {PI}")),
            Type("kubectl get jobs".into()),
            Type("sleep 20".into()),
            Type("kubectl get pods".into()),
            Type("kubectl wait --for=condition=complete --timeout=300s job/pi".into()),
            Seek(10_000),
            Type("kubectl get jobs".into()),
            ClearTerminal,
        ],
        expect![[r#"
            > Type("kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml")
            (run simulated)
            @0s
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            > Type("kubectl get jobs")
            (run kept)
            @0s
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           0s         0s
            > Type("sleep 20")
            (run kept)
            @20s
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           0s         0s
            $ sleep 20
            > Type("kubectl get pods")
            (run kept)
            @20s
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           0s         0s
            $ sleep 20
            $ kubectl get pods
            NAME       READY   STATUS      RESTARTS   AGE
            pi-d2v22   0/1     Completed   0          20s
            > Type("kubectl wait --for=condition=complete --timeout=300s job/pi")
            (run kept)
            @20s
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           0s         0s
            $ sleep 20
            $ kubectl get pods
            NAME       READY   STATUS      RESTARTS   AGE
            pi-d2v22   0/1     Completed   0          20s
            $ kubectl wait --for=condition=complete --timeout=300s job/pi
            job.batch/pi condition met
            > Seek(10000)
            @10s
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           0s         0s
            $ sleep 20
            > Type("kubectl get jobs")
            (run kept)
            @20s
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           0s         0s
            $ sleep 20
            $ kubectl get jobs
            NAME   STATUS     COMPLETIONS   DURATION   AGE
            pi     Complete   1/1           13s        20s
            $ kubectl get pods
            NAME       READY   STATUS      RESTARTS   AGE
            pi-d2v22   0/1     Completed   0          20s
            $ kubectl wait --for=condition=complete --timeout=300s job/pi
            job.batch/pi condition met
            > ClearTerminal
            (no run)
        "#]],
    );
}

#[test]
fn tab_completes_commands_types_flags_files_and_names_at_the_playhead() {
    let loaded = crate::scenario::load(&format!(
        "{SCENARIO}  terminal:\n  - {{at: 0s, run: 'kubectl apply -f {PI}'}}\n"
    ));
    let replayed = replay::replay(&loaded.scenario, &crate::shell::NoFiles);
    let playback = Playback::compute(replayed.scenario);
    let engine = playback.at(playback.start + SimDuration::from_secs(5));
    let files = vec!["pi.yaml".to_string(), "presets/pi.yaml".to_string()];
    let mut out = String::new();
    for line in [
        "",
        "kub",
        "kubectl ",
        "kubectl de",
        "kubectl get j",
        "kubectl get jobs ",
        "kubectl logs ",
        "kubectl describe job/",
        "kubectl apply -f ",
        "kubectl get pods -o w",
        "kubectl delete job pi --c",
        "kubectl cordon ",
        "helm ",
    ] {
        let c = complete(line, Some(&engine), &files);
        out.push_str(&format!("{line:?} → {:?}", c.line));
        if !c.choices.is_empty() {
            out.push_str(&format!(" [{}]", c.choices.join(" ")));
        }
        out.push('\n');
    }
    expect![[r#"
        "" → "" [kubectl sleep echo]
        "kub" → "kubectl "
        "kubectl " → "kubectl " [annotate apply cordon create delete describe drain get label logs patch uncordon version wait]
        "kubectl de" → "kubectl de" [delete describe]
        "kubectl get j" → "kubectl get jobs "
        "kubectl get jobs " → "kubectl get jobs pi "
        "kubectl logs " → "kubectl logs " [job/pi pod/pi-d2v22]
        "kubectl describe job/" → "kubectl describe job/pi "
        "kubectl apply -f " → "kubectl apply -f " [pi.yaml presets/pi.yaml https://kubernetes.io/examples/controllers/job.yaml https://kubernetes.io/examples/application/job/cronjob.yaml https://kubernetes.io/examples/application/job/indexed-job.yaml https://kubernetes.io/examples/application/job/indexed-job-vars.yaml https://kubernetes.io/examples/controllers/job-pod-failure-policy-failjob.yaml https://kubernetes.io/examples/controllers/job-pod-failure-policy-ignore.yaml https://kubernetes.io/examples/controllers/job-pod-failure-policy-config-issue.yaml]
        "kubectl get pods -o w" → "kubectl get pods -o wide "
        "kubectl delete job pi --c" → "kubectl delete job pi --cascade="
        "kubectl cordon " → "kubectl cordon node-" [node-1 node-2 node-3]
        "helm " → "helm "
    "#]]
    .assert_eq(&out);
}

#[test]
fn history_goes_back_and_forth_and_past_the_newest_to_an_empty_line() {
    let h = vec!["a".to_string(), "b".to_string()];
    let mut at = None;
    let mut seen = Vec::new();
    for up in [true, true, true, false, false, false] {
        at = history_step(&h, at, up);
        seen.push(at.map_or("(new)", |i| h[i].as_str()));
    }
    assert_eq!(seen, ["b", "a", "a", "b", "(new)", "(new)"]);
    assert_eq!(history_step(&[], None, true), None);
}

#[test]
fn a_share_link_made_after_typing_replays_the_same_transcript_and_cluster() {
    use crate::view_model::share::{decode, encode, SharedScenario};
    use SessionAction::*;
    let mut log = String::new();
    let mut s = compute(
        &Session::starting_at(SCENARIO.into(), None, Some(0)),
        &mut log,
    );
    for line in [
        format!("kubectl apply -f {PI}"),
        "sleep 20".into(),
        "kubectl delete job pi".into(),
        "kubectl get jobs".into(),
    ] {
        s = compute(&reduce(&s, Type(line)), &mut log);
    }
    let link = encode(&SharedScenario {
        text: s.text.clone(),
        playhead_ms: s.elapsed().as_millis(),
        speed: s.speed,
        present: false,
    });
    let opened = compute(&Session::shared(&decode(&link).unwrap()), &mut log);
    let (typed, shared) = (s.playback.unwrap(), opened.playback.unwrap());
    assert_eq!(opened.playhead - shared.start, s.playhead - typed.start);
    assert_eq!(shared.1.entries, typed.1.entries);
    assert_eq!(shared.1.entries.len(), 4);
    // The same cluster at every point: the same scenario ran to the same end.
    assert_eq!(shared.last.scenario(), typed.last.scenario());
    assert_eq!(shared.end, typed.end);
    assert_eq!(shared.last.events().to_vec(), typed.last.events().to_vec());
}

#[test]
fn a_line_still_going_shows_without_its_output_until_it_ends() {
    let loaded = crate::scenario::load(&format!(
        "{SCENARIO}  terminal:\n  - {{at: 0s, run: 'kubectl apply -f {PI}'}}\n  - {{at: 0s, run: 'kubectl wait --for=condition=complete job/pi'}}\n"
    ));
    let replayed = replay::replay(&loaded.scenario, &crate::shell::NoFiles);
    let start = replayed.scenario.start;
    let at = |s: i64| copy_text(&replayed.transcript, start + SimDuration::from_secs(s));
    expect![[r#"
        $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
        job.batch/pi created
        $ kubectl wait --for=condition=complete job/pi
    "#]]
    .assert_eq(&at(5));
    assert!(
        at(13).ends_with("job.batch/pi condition met\n"),
        "{}",
        at(13)
    );
}

#[test]
fn a_watch_reveals_its_rows_as_the_playhead_passes_them() {
    let loaded = crate::scenario::load(&format!(
        "{SCENARIO}  terminal:\n  - {{at: 0s, run: 'kubectl apply -f {PI}'}}\n  - {{at: 0s, run: 'kubectl get jobs -w --request-timeout=30s'}}\n"
    ));
    let replayed = replay::replay(&loaded.scenario, &crate::shell::NoFiles);
    let start = replayed.scenario.start;
    let at = |s: i64| copy_text(&replayed.transcript, start + SimDuration::from_secs(s));
    let (early, late) = (at(1), at(30));
    assert!(early.len() < late.len(), "{early}\n---\n{late}");
    assert!(late.starts_with(&early), "{early}\n---\n{late}");
    expect![[r#"
        $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
        job.batch/pi created
        $ kubectl get jobs -w --request-timeout=30s
        NAME   STATUS    COMPLETIONS   DURATION   AGE
        pi     Running   0/1           0s         0s
        pi     Running   0/1           3s         3s
        pi     Complete   1/1           13s        13s
        jobplay: the cluster has nothing more to do after 14s; kubectl would go on watching until interrupted
    "#]]
    .assert_eq(&late);
}

#[test]
fn a_paste_of_several_lines_types_each_a_here_document_is_one_and_shell_lines_run() {
    use SessionAction::*;
    check(
        SCENARIO,
        vec![
            Type(format!("kubectl apply -f {PI}\nkubectl get jobs\n")),
            Type("cat <<EOF > note.txt\nhello from a here-document\nEOF".into()),
            Type("ns=default; cat note.txt; kubectl get jobs -n $ns -o name".into()),
        ],
        expect![[r#"
            > Type("kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml\nkubectl get jobs\n")
            (run simulated)
            @0s
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           0s         0s
            > Type("cat <<EOF > note.txt\nhello from a here-document\nEOF")
            (run kept)
            @0s
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           0s         0s
            $ cat <<EOF > note.txt
            > hello from a here-document
            > EOF
            > Type("ns=default; cat note.txt; kubectl get jobs -n $ns -o name")
            (run kept)
            @0s
            $ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml
            job.batch/pi created
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1           0s         0s
            $ cat <<EOF > note.txt
            > hello from a here-document
            > EOF
            $ ns=default; cat note.txt; kubectl get jobs -n $ns -o name
            hello from a here-document
            job.batch/pi
        "#]],
    );
}
