//! The guides' tutorials as the page's terminal plays them. Each `tests/tutorials/NAME.yaml`
//! is a scenario text whose typed lines (`spec.terminal`, all at 0s: each runs when the one
//! before ended, as when typed one after another at the playhead) are a tutorial's commands
//! in order. Its transcript, with the text the editor holds (the typed lines removed), is kept
//! in `NAME.json`: this test replays the text and compares (`UPDATE_EXPECT=1` rewrites the
//! file), and the browser test (tests/e2e/tutorials.test.mjs) types each line into the page's
//! terminal and compares what the page shows, entry by entry.

use std::fs;
use std::path::Path;

use jobplay::scenario::{edit::remove_terminal, load};
use jobplay::view_model::record::{run_text, Overrides};

/// The transcript file's text for the tutorial `text`.
fn transcript(text: &str) -> String {
    let loaded = load(text);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render("line"))
        .collect();
    assert!(errors.is_empty(), "the tutorial loads: {errors:?}");
    let run = run_text(text, Overrides::default());
    let lines: Vec<serde_json::Value> = run
        .transcript
        .iter()
        .map(|e| {
            serde_json::json!({
                "type": e.typed(),
                "shows": format!("{}{}", e.echo, e.output_text()),
            })
        })
        .collect();
    assert_eq!(
        lines.len(),
        loaded.scenario.terminal.len(),
        "every line ran"
    );
    let editor = remove_terminal(text).expect("spec.terminal is in block style");
    let file = serde_json::json!({ "editor": editor, "lines": lines });
    serde_json::to_string_pretty(&file).expect("plain data") + "\n"
}

#[test]
fn each_tutorial_plays_as_its_transcript_file_says() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tutorials");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .expect("tests/tutorials")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "the tutorials are there: {names:?}");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    for yaml in names {
        let text = fs::read_to_string(&yaml).expect("readable");
        let json = yaml.with_extension("json");
        let actual = transcript(&text);
        if update {
            fs::write(&json, &actual).expect("writable");
            continue;
        }
        let expected = fs::read_to_string(&json).unwrap_or_default();
        assert!(
            expected == actual,
            "{} differs from what {} plays (UPDATE_EXPECT=1 rewrites it):\n{actual}",
            json.display(),
            yaml.display()
        );
    }
}
