//! The `jobplay` command line: output shapes and exit statuses (docs/scenario.md, README "Command line").

use std::io::Write;
use std::process::{Command, Stdio};

fn jobplay(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobplay"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jobplay runs");
    // jobplay may exit before reading its input (a usage error); that is not a test failure.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const PI: &str = include_str!("../static/examples/pi.yaml");

#[test]
fn run_prints_json_with_the_fixed_shape_and_exits_zero() {
    let (code, out, _) = jobplay(&["run", "-", "--output", "json", "--seed", "3"], PI);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 5);
    // The fixed shape also fixes the order of the top-level keys.
    let at = |k: &str| {
        out.find(&format!("\n  \"{k}\":"))
            .unwrap_or_else(|| panic!("no top-level {k}"))
    };
    assert!(
        at("start") < at("end")
            && at("end") < at("diagnostics")
            && at("diagnostics") < at("objects")
            && at("objects") < at("events")
    );
    assert_eq!(v["events"][0]["reason"], "SuccessfulCreate");
    assert!(
        v["events"][0]["time"].as_str().unwrap().ends_with(".000Z"),
        "event times carry milliseconds"
    );
}

#[test]
fn trace_adds_the_controllers_view_to_the_record_and_nothing_else_changes() {
    let (_, plain, _) = jobplay(&["run", "-", "--output", "json"], PI);
    let (code, traced, _) = jobplay(&["run", "-", "--output", "json", "--trace"], PI);
    assert_eq!(code, 0);
    let mut v: serde_json::Value = serde_json::from_str(&traced).unwrap();
    let trace = v.as_object_mut().unwrap().remove("trace").expect("a trace");
    let plain: serde_json::Value = serde_json::from_str(&plain).unwrap();
    assert_eq!(v, plain, "the rest of the record is the untraced record");
    assert!(!plain.as_object().unwrap().contains_key("trace"));
    let entries = trace.as_array().unwrap();
    let kinds: Vec<&str> = entries
        .iter()
        .map(|e| e["entry"].as_str().unwrap())
        .collect();
    // The controller manager's zone first; then the Job is created, its first sync's pod
    // comes before that sync (inSync), the kubelet's changes after it; a sync carries the
    // status it left and what it did.
    assert_eq!(kinds[..5], ["localZone", "job", "pod", "sync", "pod"]);
    assert_eq!(entries[0]["timeZone"], "UTC");
    assert_eq!(entries[1]["inSync"], false);
    assert_eq!(entries[2]["inSync"], true);
    assert_eq!(entries[4]["inSync"], false);
    let pod = entries[2]["pod"]["metadata"]["name"].as_str().unwrap();
    assert_eq!(entries[3]["jobName"], "pi");
    assert_eq!(entries[3]["podsCreated"], serde_json::json!([pod]));
    assert_eq!(entries[3]["status"]["active"], 1);
    assert_eq!(
        entries[3]["events"][0]["message"],
        format!("Created pod: {pod}")
    );
    let done = entries
        .iter()
        .find(|e| e["entry"] == "sync" && e["finalizersRemoved"] == serde_json::json!([pod]))
        .expect("the sync that counts the pod");
    assert_eq!(done["status"]["succeeded"], 1);
    assert_eq!(done["events"][0]["reason"], "Completed");
    assert!(done["requeueAfter"].is_null());
}

#[test]
fn trace_keeps_the_cron_job_controllers_view_too() {
    let (code, traced, _) = jobplay(
        &["run", "-", "--output", "json", "--trace", "--until", "2m"],
        HELLO,
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&traced).unwrap();
    let entries = v["trace"].as_array().unwrap();
    let of = |kind: &'static str| entries.iter().filter(move |e| e["entry"] == kind);
    // The CronJob as created, then its first sync: nothing due, the next look 100 ms past
    // the next minute (nextScheduleTimeDuration).
    let created = of("cronJob").next().expect("the CronJob's creation");
    assert_eq!(created["cronJob"]["metadata"]["name"], "hello");
    assert_eq!(created["deleted"], false);
    let first = of("cronSync").next().expect("a CronJob sync");
    assert_eq!(first["cronJobName"], "hello");
    assert_eq!(first["requeueAfter"], "1m0.1s");
    // The sync that starts the first run: its Job comes just before it, marked as its own.
    let run = of("cronSync")
        .find(|e| e["jobsCreated"] == serde_json::json!(["hello-28928161"]))
        .expect("the sync that creates the first Job");
    assert_eq!(run["time"], "2025-01-01T00:01:00.100Z");
    assert_eq!(run["status"]["lastScheduleTime"], "2025-01-01T00:01:00Z");
    assert_eq!(run["status"]["active"][0]["name"], "hello-28928161");
    assert_eq!(run["events"][0]["message"], "Created job hello-28928161");
    let job = of("job")
        .find(|e| e["job"]["metadata"]["name"] == "hello-28928161")
        .expect("the Job's entry");
    assert_eq!(job["inSync"], true);
}

#[test]
fn until_overrides_the_end_of_the_run() {
    let (_, out, _) = jobplay(&["run", "-", "-o", "json", "--until", "5s"], PI);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["end"], "2025-01-01T00:00:05Z");
}

#[test]
fn invalid_input_that_leaves_nothing_to_run_exits_two_with_file_line_messages() {
    let bad = PI.replace("restartPolicy: Never", "restartPolicy: Always");
    let (code, _, err) = jobplay(&["run", "-"], &bad);
    assert_eq!(code, 2);
    assert_eq!(err.trim(), "-:13:22: error: The Job \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
}

#[test]
fn validate_exits_zero_for_valid_input_and_two_for_invalid() {
    assert_eq!(jobplay(&["validate", "-"], PI).0, 0);
    let typo = PI.replace("command:", "comand:");
    let (code, out, _) = jobplay(&["validate", "-"], &typo);
    assert_eq!(code, 0, "an unknown field is a warning");
    assert_eq!(out.trim(), "-:12:9: warning: unknown field \"spec.template.spec.containers[0].comand\" (did you mean `command`?)");
    let (code, _, _) = jobplay(
        &["validate", "-"],
        &PI.replace("backoffLimit: 4", "backoffLimit: -4"),
    );
    assert_eq!(code, 2);
}

#[test]
fn get_and_describe_outputs_have_kubectl_shapes() {
    let (_, get, _) = jobplay(&["run", "-", "-o", "get"], PI);
    assert!(get.starts_with("NAME           STATUS     COMPLETIONS   DURATION   AGE\njob.batch/pi   Complete   1/1           "), "{get}");
    let (_, describe, _) = jobplay(&["run", "-", "-o", "describe"], PI);
    assert!(
        describe.starts_with("Name:             pi\nNamespace:        default\n"),
        "{describe}"
    );
    assert!(
        describe.contains("Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n"),
        "{describe}"
    );
    assert!(
        describe.contains("  Normal  Completed         "),
        "{describe}"
    );
}

#[test]
fn get_with_nothing_left_says_so_on_standard_error_as_kubectl_does() {
    let ttl = PI.replacen("spec:\n", "spec:\n  ttlSecondsAfterFinished: 0\n", 1);
    let (code, get, err) = jobplay(&["run", "-", "-o", "get", "--until", "10m"], &ttl);
    assert_eq!((code, get.as_str()), (0, ""), "{err}");
    assert_eq!(err, "No resources found in default namespace.\n");
}

#[test]
fn unknown_commands_and_flags_exit_two() {
    assert_eq!(jobplay(&["explode"], "").0, 2);
    assert_eq!(jobplay(&["run", "-", "--frobnicate"], PI).0, 2);
    assert_eq!(jobplay(&["run", "-", "--output", "yaml"], PI).0, 2);
}

#[test]
fn share_makes_a_link_and_open_gives_back_every_byte() {
    let text = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: perl}]\n";
    let (code, link, err) = jobplay(
        &[
            "share",
            "-",
            "--at",
            "1m30s",
            "--base",
            "http://localhost:8080/",
        ],
        text,
    );
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        link.starts_with("http://localhost:8080/#share=1."),
        "{link}"
    );
    let (code, back, _) = jobplay(&["share", "--open", link.trim_end()], "");
    assert_eq!((code, back.as_str()), (0, text));
    let (code, _, err) = jobplay(&["share", "--open", &link.trim_end()[..link.len() - 9]], "");
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "jobplay share: the link is incomplete: it was probably cut short when it was copied\n"
        )
    );
    let (code, _, err) = jobplay(&["share", "-", "--at", "soon"], text);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "jobplay share: --at takes a duration from the start such as 90s or 5m\n"
        )
    );
}

const HELLO: &str = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: hello\n            image: busybox:1.28\n            command: [/bin/sh, -c, date; echo Hello from the Kubernetes cluster]\n          restartPolicy: OnFailure\n";

#[test]
fn a_cronjob_without_until_runs_ten_minutes_and_says_how_to_run_longer() {
    let (code, out, err) = jobplay(&["run", "-", "-o", "json"], HELLO);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["end"], "2025-01-01T00:10:00Z");
    let jobs = v["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "Job")
        .count();
    assert_eq!(jobs, 9, "a Job a minute, +1m to +9m");
    assert_eq!(
        err,
        "jobplay: Simulated the first 10m; add a Scenario with `until: 2h` to run longer (or pass --until 2h):\n---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  until: 2h\n\n"
    );
    // The timeline ends where the record does; --until runs longer and says nothing.
    let (_, timeline, _) = jobplay(&["run", "-"], HELLO);
    assert!(
        timeline.contains("+9m") && !timeline.contains("+10m"),
        "{timeline}"
    );
    let (_, out, err) = jobplay(&["run", "-", "-o", "json", "--until", "2h"], HELLO);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["end"], "2025-01-01T02:00:00Z");
    assert_eq!(err, "");
}

#[test]
fn shell_runs_a_script_from_standard_input_with_echo_and_exits_with_the_last_status() {
    let script = "# the pi tutorial\nkubectl apply -f https://kubernetes.io/examples/controllers/job.yaml\nkubectl wait --for=condition=complete job/pi --timeout=1m\nkubectl get job nope\n";
    let (code, out, err) = jobplay(&["shell", "--echo"], script);
    assert_eq!(
        out,
        "$ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml\njob.batch/pi created\n$ kubectl wait --for=condition=complete job/pi --timeout=1m\njob.batch/pi condition met\n$ kubectl get job nope\n"
    );
    assert_eq!(
        err,
        "Error from server (NotFound): jobs.batch \"nope\" not found\n"
    );
    assert_eq!(code, 1);
}

#[test]
fn shell_reads_files_relative_to_the_working_directory_and_reports_bad_scripts() {
    let dir = std::env::temp_dir().join(format!("jobplay-shell-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("pi.yaml"), PI).unwrap();
    let run = |script: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jobplay"))
            .args(["shell"])
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let _ = child.stdin.take().unwrap().write_all(script.as_bytes());
        let o = child.wait_with_output().unwrap();
        (
            o.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    assert_eq!(
        run("kubectl apply -f pi.yaml && kubectl get jobs -o name\n"),
        (
            0,
            "job.batch/pi created\njob.batch/pi\n".into(),
            String::new()
        )
    );
    let (code, out, err) = run("kubectl apply -f pi.yaml > /dev/null\njob=pi\nkubectl get jobs -o name | grep \"/$job\"\nkubectl get jobs )\nkubectl get jobs\n");
    assert_eq!((code, out.as_str()), (2, "job.batch/pi\n"), "{err}");
    assert_eq!(
        err, "sh: line 1: syntax error: unexpected \")\"\n",
        "the script stops there"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

const TYPED: &str = "apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  terminal:
  - {at: 0s, run: 'kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml'}
  - {at: 5s, run: 'kubectl wait --for=condition=complete --timeout=300s job/pi'}
";

#[test]
fn run_replays_typed_lines_into_the_record_and_prints_them_as_the_terminal_does() {
    let (code, out, err) = jobplay(&["run", "-", "--output", "terminal"], TYPED);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        out,
        "$ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml\njob.batch/pi created\n$ kubectl wait --for=condition=complete --timeout=300s job/pi\njob.batch/pi condition met\n"
    );
    let (_, out, _) = jobplay(&["run", "-", "--output", "json"], TYPED);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["terminal"][1]["ran"], "2025-01-01T00:00:05Z");
    assert_eq!(v["terminal"][1]["output"], "job.batch/pi condition met\n");
    assert_eq!(v["objects"][0]["metadata"]["name"], "pi");
}

#[test]
fn shell_starts_from_a_scenarios_typed_lines() {
    let dir = std::env::temp_dir().join(format!("jobplay-typed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("typed.yaml");
    std::fs::write(&file, TYPED).unwrap();
    let (code, out, err) = jobplay(
        &["shell", "--scenario", file.to_str().unwrap()],
        "kubectl get jobs\n",
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.starts_with("$ kubectl apply"), "{out}");
    assert!(
        out.ends_with("pi     Complete   1/1           13s        13s\n"),
        "{out}"
    );
}
