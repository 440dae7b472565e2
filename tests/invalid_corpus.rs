//! The corpus of invalid and suspicious manifests (tests/invalid/*.yaml). Each file starts
//! with `# expect: <severity> <line>:<column> <message>` lines: the complete, ordered list of
//! diagnostics the file must produce. Messages are the API server's (or kubectl's) words.

use jobplay::scenario;

fn render(d: &jobplay::scenario::diagnostic::Diagnostic) -> String {
    let sev = if d.is_error() { "error" } else { "warning" };
    // Multi-line messages (a YAML excerpt under a syntax error) are compared on their first line.
    format!(
        "{sev} {}:{} {}",
        d.line,
        d.column,
        d.message.lines().next().unwrap_or("")
    )
}

#[test]
fn every_corpus_file_produces_exactly_its_expected_diagnostics() {
    let mut files: Vec<_> = std::fs::read_dir("tests/invalid")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 108, "the corpus has {} files", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let expected: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .map(str::to_string)
            .collect();
        assert!(
            !expected.is_empty(),
            "{} has no `# expect:` lines",
            path.display()
        );
        let got: Vec<String> = scenario::load(&text)
            .diagnostics
            .iter()
            .map(render)
            .collect();
        if got != expected {
            let got_lines: Vec<String> = got.iter().map(|g| format!("# expect: {g}")).collect();
            failures.push(format!(
                "{}:\n  expected:\n    {}\n  got:\n    {}",
                path.display(),
                expected.join("\n    "),
                got_lines.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus files differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// Ten megabytes of text: loading answers with the API server's diagnostic and does not
/// panic (the "however large"). No timing is asserted here; see the benchmarks.
#[test]
fn ten_megabytes_of_input_load_without_panicking() {
    let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: big\n  annotations:\n    note: \"PAYLOAD\"\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n";
    let text = job.replace("PAYLOAD", &"x".repeat(10 << 20));
    let loaded = scenario::load(&text);
    let messages: Vec<&str> = loaded
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages, ["The Job \"big\" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes"]);
    assert!(loaded.is_empty(), "the oversized Job is not run");

    // Ten megabytes of unbalanced brackets: one syntax error, no objects, no panic.
    let garbage = "[".repeat(10 << 20);
    let loaded = scenario::load(&garbage);
    assert!(loaded.is_empty());
    assert_eq!(loaded.diagnostics.len(), 1);
    assert!(
        loaded.diagnostics[0]
            .message
            .starts_with("YAML syntax error"),
        "{}",
        loaded.diagnostics[0].message
    );
}
