//! Handing a session over: from a session that cannot replay typed lines (the page's first
//! module) to one that does (the terminal module), through the JSON the page passes.

use std::rc::Rc;

use expect_test::{expect, Expect};

use super::*;
use crate::view_model::session::{reduce, Run, SessionAction};
use crate::view_model::terminal::{copy_text, prepare, Prepared};

const PI: &str = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sh, -c, 'sleep 30']}]\n";

/// Does what the page's computation does for the session's request, if it asks for one.
fn compute(s: &Session) -> Session {
    let Some(request) = s.computing.clone() else {
        return s.clone();
    };
    let run = match prepare(&request.scenario, &request.text, request.shown.as_ref()) {
        Prepared::Ready(run) => run,
        Prepared::Build(builder, transcript) => Run(Rc::new(builder.run()), transcript),
    };
    reduce(s, SessionAction::Finished(request.id, run))
}

/// What the page shows of a session: whether it hands over, asks for a run, the playhead,
/// whether it plays, and the terminal's text at the playhead.
fn show(s: &Session) -> String {
    let mut out = format!(
        "hand over: {}, computing: {}, playing: {}, speed: {}, presenting: {}\n",
        s.hand_over,
        s.computing.is_some(),
        s.playing,
        s.speed,
        s.presenting
    );
    match s.playback.as_ref() {
        Some(run) => out.push_str(&format!(
            "@{}\n{}",
            (s.playhead - run.start).human(),
            copy_text(&run.1.entries, s.playhead)
        )),
        None => out.push_str("(no run)\n"),
    }
    out
}

/// Starts a first-module session on `text` paused at 0, does `actions`, hands it over through
/// JSON and computes it in the terminal module: each stage's view.
fn check(text: &str, actions: Vec<SessionAction>, expect: Expect) {
    let mut s =
        compute(&Session::starting_at(text.into(), None, Some(0)).without_typed_line_replay());
    let mut log = format!("first module:\n{}", show(&s));
    for a in actions {
        log.push_str(&format!("> {a:?}\n"));
        s = compute(&reduce(&s, a));
        log.push_str(&show(&s));
    }
    let prompt = HandedPrompt {
        line: "kubectl get po".into(),
        focused: true,
    };
    let json = Handoff::of(&s, prompt.clone()).to_json();
    let handed = Handoff::from_json(&json).expect("the JSON reads back");
    assert_eq!(
        handed,
        Handoff::of(&s, prompt.clone()),
        "the handoff survives its JSON"
    );
    let t = compute(&handed.session());
    log.push_str(&format!("terminal module:\n{}", show(&t)));
    assert_eq!(t.text, s.text, "the text goes over as it is");
    assert_eq!(t.handed_prompt, Some(prompt), "and the prompt");
    assert_eq!(t.selected, s.selected, "and the object in the inspector");
    assert_eq!(t.log_filter, s.log_filter, "and the event log's filter");
    let out: String = log.lines().map(|l| format!("{}\n", l.trim_end())).collect();
    expect.assert_eq(&out);
}

#[test]
fn a_line_typed_in_the_first_module_runs_in_the_terminal_module_at_its_playhead() {
    use SessionAction::*;
    check(
        PI,
        vec![
            SetSpeed(20.0),
            Seek(12_000),
            Type("kubectl get pods".into()),
        ],
        expect![[r#"
            first module:
            hand over: false, computing: false, playing: false, speed: 5, presenting: false
            @0s
            > SetSpeed(20.0)
            hand over: false, computing: false, playing: false, speed: 20, presenting: false
            @0s
            > Seek(12000)
            hand over: false, computing: false, playing: false, speed: 20, presenting: false
            @12s
            > Type("kubectl get pods")
            hand over: true, computing: false, playing: false, speed: 20, presenting: false
            @12s
            terminal module:
            hand over: false, computing: false, playing: false, speed: 20, presenting: false
            @12s
            $ kubectl get pods
            NAME       READY   STATUS    RESTARTS   AGE
            pi-d2v22   1/1     Running   0          12s
        "#]],
    );
}

#[test]
fn run_on_a_text_with_typed_lines_hands_over_before_it_runs_and_plays_it_from_the_start() {
    use SessionAction::*;
    let typed = format!(
        "{PI}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  terminal:\n  - {{at: 5s, run: kubectl get jobs}}\n"
    );
    check(
        PI,
        vec![TogglePresent, Seek(12_000), Edit(typed), Run],
        expect![[r#"
            first module:
            hand over: false, computing: false, playing: false, speed: 5, presenting: false
            @0s
            > TogglePresent
            hand over: false, computing: false, playing: false, speed: 5, presenting: true
            @0s
            > Seek(12000)
            hand over: false, computing: false, playing: false, speed: 5, presenting: true
            @12s
            > Edit("apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sh, -c, 'sleep 30']}]\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  terminal:\n  - {at: 5s, run: kubectl get jobs}\n")
            hand over: false, computing: false, playing: false, speed: 5, presenting: true
            @12s
            > Run
            hand over: true, computing: false, playing: true, speed: 5, presenting: true
            @12s
            terminal module:
            hand over: false, computing: false, playing: true, speed: 5, presenting: true
            @0s
        "#]],
    );
}

#[test]
fn a_text_without_typed_lines_runs_in_the_first_module() {
    let s = compute(&Session::new(PI.into()).without_typed_line_replay());
    assert!(!s.hand_over);
    assert!(s.playback.is_some(), "the first module runs it itself");
}

/// The object open in the inspector and the event log's filter go over: the page looks as it
/// did (the `check` compares both on every test).
#[test]
fn the_inspectors_object_and_the_logs_filter_go_over() {
    use crate::view_model::event_log::LogFilter;
    use crate::view_model::inspector::Selected;
    use SessionAction::*;
    let filter = LogFilter {
        kinds: vec!["Pod"],
        warnings_only: true,
        why: false,
        text: "pi".into(),
    };
    check(
        PI,
        vec![
            Select(Some(Selected::Pod("pi-d2v22".into()))),
            SetLogFilter(filter),
            Type("kubectl get jobs".into()),
        ],
        expect![[r#"
            first module:
            hand over: false, computing: false, playing: false, speed: 5, presenting: false
            @0s
            > Select(Some(Pod("pi-d2v22")))
            hand over: false, computing: false, playing: false, speed: 5, presenting: false
            @0s
            > SetLogFilter(LogFilter { kinds: ["Pod"], warnings_only: true, why: false, text: "pi" })
            hand over: false, computing: false, playing: false, speed: 5, presenting: false
            @0s
            > Type("kubectl get jobs")
            hand over: true, computing: false, playing: false, speed: 5, presenting: false
            @0s
            terminal module:
            hand over: false, computing: false, playing: false, speed: 5, presenting: false
            @0s
            $ kubectl get jobs
            NAME   STATUS    COMPLETIONS   DURATION   AGE
            pi     Running   0/1                      0s
        "#]],
    );
}
