//! Edits to the user's text that keep everything else byte for byte: adding a scripted action
//! (what the playground's "break things" buttons do, so a run replays and shares exactly).

use super::yaml::{parse_stream, Node, Value};

/// An action as one flow-style YAML item, e.g. `{at: 12.5s, action: failPod, target: 'job/pi@1'}`.
pub fn action_item(at_millis: i64, verb: &str, target: &str, extra: &str) -> String {
    let at = format!("{}s", at_millis as f64 / 1000.0);
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(", {extra}")
    };
    // The controller manager's actions point at nothing.
    let target = if target.is_empty() {
        String::new()
    } else {
        format!(", target: '{target}'")
    };
    format!("{{at: {at}, action: {verb}{target}{extra}}}")
}

/// Adds `item` to the Scenario document's `spec.actions`, creating what is missing (the
/// document, `spec`, or `actions`). Fails, changing nothing, where the text's shape would need
/// rewriting rather than inserting (a flow-style `spec` or `actions`).
pub fn add_action(text: &str, item: &str) -> Result<String, String> {
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
        return Ok(format!("{text}{sep}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  actions:\n  - {item}\n"));
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
            format!("{indent}spec:\n{indent}  actions:\n{indent}  - {item}\n"),
        ));
    };
    let spec_entries = match &spec.value {
        Value::Map(e) if spec.pos.line > spec_key.pos.line => e,
        Value::Null => {
            let indent = " ".repeat(spec_key.pos.column as usize + 1);
            return Ok(insert_before(
                spec_key.pos.line + 1,
                format!("{indent}actions:\n{indent}- {item}\n"),
            ));
        }
        _ => {
            return Err(
                "spec is written in flow style ({...}); add the action to spec.actions by hand"
                    .into(),
            )
        }
    };
    let indent = " ".repeat(spec.pos.column as usize - 1);
    match spec_entries
        .iter()
        .find(|(k, _)| k.as_str() == Some("actions"))
    {
        None => Ok(insert_before(
            spec.pos.line,
            format!("{indent}actions:\n{indent}- {item}\n"),
        )),
        Some((key, actions)) => match &actions.value {
            Value::Seq(items) if !items.is_empty() && actions.pos.line > key.pos.line => {
                // The first item's own line gives the indentation of its dash; the new item goes
                // after the last one, so the list reads in the order the actions were recorded.
                let first = lines
                    .get(actions.pos.line as usize - 1)
                    .copied()
                    .unwrap_or("");
                let dash: String = first.chars().take_while(|c| *c == ' ').collect();
                Ok(insert_before(
                    last_line_of(actions) + 1,
                    format!("{dash}- {item}\n"),
                ))
            }
            Value::Null => Ok(insert_before(
                key.pos.line + 1,
                format!("{indent}- {item}\n"),
            )),
            _ => {
                Err("spec.actions is written in flow style ([...]); add the action by hand".into())
            }
        },
    }
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
    use crate::scenario::action::{Target, Verb};
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

    #[test]
    fn creates_the_scenario_document_when_there_is_none() {
        let item = action_item(12_500, "failPod", "job/pi@1", "exitCode: 3");
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
        let out = add_action(&text, &action_item(2_000, "evictPod", "job/pi@1", "")).unwrap();
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
            actions_of(
                &add_action(&with_spec, &action_item(1_000, "deletePod", "job/pi@1", "")).unwrap()
            )
            .len(),
            1
        );
        let without_spec = format!("{JOB}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nmetadata:\n  name: x\n---\n{}", JOB.replace("name: pi", "name: other"));
        let out = add_action(
            &without_spec,
            &action_item(1_000, "deletePod", "job/pi@1", ""),
        )
        .unwrap();
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
