//! Edits to the user's text that keep everything else byte for byte: adding a scripted action
//! (what the playground's "break things" buttons do, so a run replays and shares exactly).

use super::action::{Action, Target, Verb};
use super::yaml::{parse_stream, Node, Value};
use crate::decimal::Decimal;
use crate::time::SimDuration;

/// An action as one flow-style YAML item, e.g.
/// `{at: 12.5s, action: failPod, target: 'job/pi@1', exitCode: 1}`: the fields `scenario::load`
/// reads back into the same [`Action`] (`resolve_action` in `scenario/mod.rs`).
pub fn action_item(action: &Action) -> String {
    let at = format!("{}s", Decimal(action.at.as_millis() as f64 / 1000.0));
    let verb = action.verb.name();
    // The controller manager's actions point at nothing.
    let target = match &action.target {
        Target::None => String::new(),
        target => format!(", target: {}", quoted(&target.render())),
    };
    let fields = match &action.verb {
        Verb::FailPod { exit_code } => format!(", exitCode: {exit_code}"),
        Verb::SetParallelism(value) => format!(", value: {value}"),
        Verb::AddPodCondition { type_, reason } => {
            format!(", type: {}, reason: {}", quoted(type_), quoted(reason))
        }
        _ => String::new(),
    };
    format!("{{at: {at}, action: {verb}{target}{fields}}}")
}

/// `text` as a single-quoted YAML scalar: read back as written, whatever it holds.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Adds `item` to the Scenario document's `spec.actions`, creating what is missing (the
/// document, `spec`, or `actions`). Fails, changing nothing, where the text's shape would need
/// rewriting rather than inserting (a flow-style `spec` or `actions`).
pub fn add_action(text: &str, item: &str) -> Result<String, String> {
    add_item(text, "actions", item, None)
}

/// A typed line as one flow-style item, `{at: 12.5s, run: "kubectl get pods"}`: `run` as a
/// double-quoted scalar with JSON's escapes (which YAML's are a superset of), so any quote or
/// backslash survives, and a here-document's line breaks are `\n` on the item's one line.
pub fn terminal_item(at: SimDuration, run: &str) -> String {
    let at = format!("{}s", Decimal(at.as_millis() as f64 / 1000.0));
    let run = serde_json::to_string(run).unwrap_or_default();
    format!("{{at: {at}, run: {run}}}")
}

/// Adds `item` to `spec.terminal` before its item `before` (at the end when `None` or past
/// the end), as [`add_action`] adds an action.
pub fn add_terminal_line(text: &str, item: &str, before: Option<usize>) -> Result<String, String> {
    add_item(text, "terminal", item, before)
}

/// Adds `item` to the Scenario's list `spec.FIELD` before its item `before`, creating what is
/// missing.
fn add_item(text: &str, field: &str, item: &str, before: Option<usize>) -> Result<String, String> {
    let (docs, _) = parse_stream(text);
    let scenario = docs.iter().find_map(|d| {
        let root = d.root.as_ref()?;
        (root.get("kind").and_then(Node::as_str) == Some("Scenario")).then_some(root)
    });
    let Some(root) = scenario else {
        let sep = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            "\n"
        };
        return Ok(format!("{text}{sep}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  {field}:\n  - {item}\n"));
    };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let insert_before = |line: u32, new: String| -> String {
        let at = (line as usize).saturating_sub(1).min(lines.len());
        let mut out: String = lines[..at].concat();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&new);
        out.push_str(&lines[at..].concat());
        out
    };
    let Value::Map(entries) = &root.value else {
        return Err("the Scenario document is not a mapping".into());
    };
    let Some((spec_key, spec)) = entries.iter().find(|(k, _)| k.as_str() == Some("spec")) else {
        // No spec: add one after the root's last line, i.e. before the line after it.
        let last_line = entries
            .iter()
            .map(|(k, v)| last_line_of(k).max(last_line_of(v)))
            .max()
            .unwrap_or(root.pos.line);
        let indent = " ".repeat(root.pos.column as usize - 1);
        return Ok(insert_before(
            last_line + 1,
            format!("{indent}spec:\n{indent}  {field}:\n{indent}  - {item}\n"),
        ));
    };
    let spec_entries = match &spec.value {
        Value::Map(e) if spec.pos.line > spec_key.pos.line => e,
        Value::Null => {
            let indent = " ".repeat(spec_key.pos.column as usize + 1);
            return Ok(insert_before(
                spec_key.pos.line + 1,
                format!("{indent}{field}:\n{indent}- {item}\n"),
            ));
        }
        _ => {
            return Err(format!(
                "spec is written in flow style ({{...}}); add the item to spec.{field} by hand"
            ))
        }
    };
    let indent = " ".repeat(spec.pos.column as usize - 1);
    match spec_entries.iter().find(|(k, _)| k.as_str() == Some(field)) {
        None => Ok(insert_before(
            spec.pos.line,
            format!("{indent}{field}:\n{indent}- {item}\n"),
        )),
        Some((key, actions)) => match &actions.value {
            Value::Seq(items) if !items.is_empty() && actions.pos.line > key.pos.line => {
                // The first item's own line gives the indentation of its dash; the new item goes
                // after the last one, so the list reads in the order the actions were recorded
                // (or before the item asked for).
                let first = lines
                    .get(actions.pos.line as usize - 1)
                    .copied()
                    .unwrap_or("");
                let dash: String = first.chars().take_while(|c| *c == ' ').collect();
                let line = match before.and_then(|i| items.get(i)) {
                    Some(next) => next.pos.line,
                    None => {
                        let last = items.last().map_or(actions.pos.line, |i| i.pos.line);
                        item_end(&lines, last, dash.len()) + 1
                    }
                };
                Ok(insert_before(line, format!("{dash}- {item}\n")))
            }
            Value::Null => Ok(insert_before(
                key.pos.line + 1,
                format!("{indent}- {item}\n"),
            )),
            _ => Err(format!(
                "spec.{field} is written in flow style ([...]); add the item by hand"
            )),
        },
    }
}

/// Removes `spec.terminal` (the key and all its lines) from the Scenario document: the
/// terminal's Clear. The text comes back unchanged when there is none; fails, changing
/// nothing, when it is written in flow style.
pub fn remove_terminal(text: &str) -> Result<String, String> {
    let (docs, _) = parse_stream(text);
    let spec = docs.iter().find_map(|d| {
        let root = d.root.as_ref()?;
        (root.get("kind").and_then(Node::as_str) == Some("Scenario")).then_some(())?;
        match &root.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.as_str() == Some("spec")),
            _ => None,
        }
    });
    let Some((spec_key, spec)) = spec else {
        return Ok(text.to_string());
    };
    let Value::Map(entries) = &spec.value else {
        return Ok(text.to_string());
    };
    let Some((key, value)) = entries.iter().find(|(k, _)| k.as_str() == Some("terminal")) else {
        return Ok(text.to_string());
    };
    if spec.pos.line == spec_key.pos.line {
        return Err("spec is written in flow style ({...}); remove spec.terminal by hand".into());
    }
    // The next key of spec bounds it exactly (a block scalar's last line is only estimated).
    let next_key = entries
        .iter()
        .map(|(k, _)| k.pos.line)
        .filter(|l| *l > key.pos.line)
        .min();
    let last = next_key.map_or_else(|| last_line_of(value), |l| l - 1);
    let (first, last) = (key.pos.line as usize, last.max(key.pos.line) as usize);
    Ok(text
        .split_inclusive('\n')
        .enumerate()
        .filter(|(i, _)| !(first..=last).contains(&(i + 1)))
        .map(|(_, l)| l)
        .collect())
}

/// The last line of the list item on line `first` whose dash is indented by `dash`: the lines
/// after it indented deeper belong to it (a block mapping's keys, a block scalar's text). Read
/// from the text, since a scalar's value does not say how many lines it was written on (a
/// quoted `\n` is one line, a folded scalar's lines are one).
fn item_end(lines: &[&str], first: u32, dash: usize) -> u32 {
    let mut end = first;
    for (i, line) in lines.iter().enumerate().skip(first as usize) {
        if line.trim().is_empty() {
            continue;
        }
        if line.len() - line.trim_start_matches(' ').len() <= dash {
            break;
        }
        end = i as u32 + 1;
    }
    end
}

fn last_line_of(node: &Node) -> u32 {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .map(last_line_of)
            .max()
            .unwrap_or(node.pos.line),
        Value::Map(items) => items
            .iter()
            .map(|(k, v)| last_line_of(k).max(last_line_of(v)))
            .max()
            .unwrap_or(node.pos.line),
        Value::Scalar { text, .. } => node.pos.line + text.matches('\n').count() as u32,
        Value::Null => node.pos.line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load;

    const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n";

    fn actions_of(text: &str) -> Vec<(i64, Verb, Target)> {
        let loaded = load(text);
        assert!(
            loaded.diagnostics.is_empty(),
            "{:?}\n{text}",
            loaded.diagnostics
        );
        loaded
            .scenario
            .actions
            .iter()
            .map(|a| (a.at.as_millis(), a.verb.clone(), a.target.clone()))
            .collect()
    }

    /// An action `ms` after the start.
    fn at(ms: i64, verb: Verb, target: Target) -> Action {
        Action {
            at: SimDuration::from_millis(ms),
            verb,
            target,
        }
    }

    fn pod_of_pi(ms: i64, verb: Verb) -> String {
        action_item(&at(ms, verb, Target::JobNth("pi".into(), 1)))
    }

    #[test]
    fn writes_an_action_as_the_flow_item_the_playground_has_always_written() {
        let pod = Target::JobNth("pi".into(), 1);
        assert_eq!(
            action_item(&at(12_500, Verb::FailPod { exit_code: 1 }, pod.clone())),
            "{at: 12.5s, action: failPod, target: 'job/pi@1', exitCode: 1}"
        );
        assert_eq!(
            action_item(&at(2_000, Verb::EvictPod, pod)),
            "{at: 2s, action: evictPod, target: 'job/pi@1'}"
        );
        assert_eq!(
            action_item(&at(0, Verb::SetParallelism(4), Target::Job("pi".into()))),
            "{at: 0s, action: setParallelism, target: 'job/pi', value: 4}"
        );
        assert_eq!(
            action_item(&at(61_001, Verb::PauseControllers, Target::None)),
            "{at: 61.001s, action: pauseControllers}"
        );
    }

    #[test]
    fn every_verb_written_here_is_read_back_by_load_as_the_same_action() {
        let text = format!("{JOB}---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: hello}}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{{name: c, image: busybox}}]\n");
        let pod = || Target::JobNth("pi".into(), 1);
        let job = || Target::Job("pi".into());
        let node = || Target::Node("node-1".into());
        let every_verb = [
            at(12_500, Verb::FailPod { exit_code: 3 }, pod()),
            at(1, Verb::SucceedPod, Target::JobIndex("pi".into(), 0)),
            at(2_000, Verb::EvictPod, pod()),
            at(3_000, Verb::DeletePod, Target::Pod("pi-abcde".into())),
            at(
                4_000,
                Verb::AddPodCondition {
                    type_: "DisruptionTarget".into(),
                    reason: "it's: {odd}, #1".into(),
                },
                pod(),
            ),
            at(5_000, Verb::DrainNode, node()),
            at(6_000, Verb::CordonNode, node()),
            at(7_000, Verb::UncordonNode, node()),
            at(8_000, Verb::FailNode, node()),
            at(9_000, Verb::RestoreNode, node()),
            at(10_000, Verb::Suspend, job()),
            at(11_000, Verb::Resume, Target::CronJob("hello".into())),
            at(12_000, Verb::SetParallelism(0), job()),
            at(13_000, Verb::DeleteJob, job()),
            at(13_500, Verb::DeleteCronJob, Target::CronJob("hello".into())),
            at(
                14_000,
                Verb::TriggerCronJob,
                Target::CronJob("hello".into()),
            ),
            at(15_000, Verb::PauseControllers, Target::None),
            at(86_400_000, Verb::ResumeControllers, Target::None),
        ];
        let names: Vec<&str> = every_verb.iter().map(|a| a.verb.name()).collect();
        assert_eq!(names, crate::scenario::action::VERBS, "every verb, once");
        for action in every_verb {
            let out = add_action(&text, &action_item(&action)).unwrap();
            let loaded = load(&out);
            assert!(
                loaded.diagnostics.is_empty(),
                "{:?}\n{out}",
                loaded.diagnostics
            );
            assert_eq!(loaded.scenario.actions, [action], "{out}");
        }
    }

    #[test]
    fn creates_the_scenario_document_when_there_is_none() {
        let item = pod_of_pi(12_500, Verb::FailPod { exit_code: 3 });
        let out = add_action(JOB, &item).unwrap();
        assert!(out.starts_with(JOB), "the user's text is kept as it was");
        assert_eq!(
            actions_of(&out),
            [(
                12_500,
                Verb::FailPod { exit_code: 3 },
                Target::JobNth("pi".into(), 1)
            )]
        );
    }

    #[test]
    fn adds_to_existing_actions_and_keeps_the_rest_of_the_text() {
        let text = format!("{JOB}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  seed: 7   # lucky\n  actions:\n  - {{at: 5s, action: suspend, target: job/pi}}\n");
        let out = add_action(&text, &pod_of_pi(2_000, Verb::EvictPod)).unwrap();
        assert!(out.contains("  seed: 7   # lucky\n"));
        assert_eq!(actions_of(&out).len(), 2);
        assert_eq!(
            out.len(),
            text.len() + "  - {at: 2s, action: evictPod, target: 'job/pi@1'}\n".len()
        );
        assert!(out.ends_with("  - {at: 5s, action: suspend, target: job/pi}\n  - {at: 2s, action: evictPod, target: 'job/pi@1'}\n"), "appended after the existing one:\n{out}");
    }

    #[test]
    fn adds_actions_to_a_spec_without_them_and_to_a_document_without_spec() {
        let with_spec = format!(
            "{JOB}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  seed: 7\n"
        );
        assert_eq!(
            actions_of(&add_action(&with_spec, &pod_of_pi(1_000, Verb::DeletePod)).unwrap()).len(),
            1
        );
        let without_spec = format!("{JOB}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nmetadata:\n  name: x\n---\n{}", JOB.replace("name: pi", "name: other"));
        let out = add_action(&without_spec, &pod_of_pi(1_000, Verb::DeletePod)).unwrap();
        assert_eq!(actions_of(&out).len(), 1);
        assert_eq!(
            load(&out).scenario.jobs.len(),
            2,
            "the document after it is untouched"
        );
    }

    #[test]
    fn refuses_flow_style_it_would_have_to_rewrite() {
        let flow = format!(
            "{JOB}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec: {{seed: 7}}\n"
        );
        assert!(add_action(&flow, "{at: 1s, action: suspend, target: job/pi}").is_err());
    }
}

#[cfg(test)]
mod terminal_tests {
    use super::*;
    use crate::scenario::load;

    /// The typed lines `load` reads back, as (at in ms, run).
    fn lines_of(text: &str) -> Vec<(i64, String)> {
        let loaded = load(text);
        assert!(
            loaded.diagnostics.is_empty(),
            "{:?}\n{text}",
            loaded.diagnostics
        );
        let t = loaded.scenario.terminal;
        t.iter()
            .map(|e| (e.at.as_millis(), e.run.clone()))
            .collect()
    }

    #[test]
    fn typed_lines_are_written_where_asked_and_read_back_as_typed() {
        let quoting = r#"kubectl get pods -o 'jsonpath={.items[*].metadata.name}' "a\b""#;
        let text = add_terminal_line(
            "",
            &terminal_item(SimDuration::from_millis(0), "kubectl get jobs"),
            None,
        )
        .unwrap();
        let text = add_terminal_line(
            &text,
            &terminal_item(SimDuration::from_millis(30_000), "sleep 30"),
            None,
        )
        .unwrap();
        let text = add_terminal_line(
            &text,
            &terminal_item(SimDuration::from_millis(1_500), quoting),
            Some(1),
        )
        .unwrap();
        assert_eq!(
            lines_of(&text),
            vec![
                (0, "kubectl get jobs".to_string()),
                (1_500, quoting.to_string()),
                (30_000, "sleep 30".to_string())
            ]
        );
    }

    #[test]
    fn clear_removes_the_typed_lines_and_keeps_everything_else() {
        let text = "apiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  seed: 3\n  terminal:\n  - {at: 0s, run: kubectl get jobs}\n  - at: 1s\n    run: |\n      kubectl get pods\n  actions:\n  - {at: 5s, action: pauseControllers}\n";
        let cleared = remove_terminal(text).unwrap();
        assert_eq!(
            cleared,
            "apiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  seed: 3\n  actions:\n  - {at: 5s, action: pauseControllers}\n"
        );
        assert_eq!(remove_terminal(&cleared).unwrap(), cleared);
        assert!(remove_terminal("kind: Scenario\nspec: {terminal: []}\n").is_err());
    }
}
