//! An object as `kubectl get -o yaml` prints it: kubectl turns the object's JSON into YAML with
//! sigs.k8s.io/yaml (`JSONToYAML`, go-yaml underneath), so keys come out sorted, list items
//! sit at their parent key's indentation, and a string is quoted only where plain YAML would
//! read it as something else (`"1"`, `"true"`, a timestamp) or could not hold it.

use serde_json::Value;

/// `value` as YAML, ending with a newline.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_list(&mut out, items, 0),
        scalar => {
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
    out
}

fn write_map(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    for (key, value) in map {
        out.push_str(&" ".repeat(indent));
        out.push_str(&string_text(key));
        out.push(':');
        write_value_after_key(out, value, indent);
    }
}

/// A mapping's value: nested blocks on the following lines (a list at the key's own
/// indentation, as go-yaml writes it), scalars and empty collections after the colon.
fn write_value_after_key(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, indent + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_list(out, items, indent);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

fn write_list(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match item {
            // The first key shares the dash's line; the rest line up under it.
            Value::Object(map) if !map.is_empty() => {
                out.push(' ');
                let mut first = true;
                for (key, value) in map {
                    if !first {
                        out.push_str(&" ".repeat(indent + 2));
                    }
                    first = false;
                    out.push_str(&string_text(key));
                    out.push(':');
                    write_value_after_key(out, value, indent + 2);
                }
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_list(out, inner, indent + 2);
            }
            scalar => {
                out.push(' ');
                out.push_str(&scalar_text(scalar));
                out.push('\n');
            }
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_text(s),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
    }
}

/// Plain where YAML reads the text back as the same string; double-quoted (JSON escapes are
/// valid YAML) otherwise.
fn string_text(s: &str) -> String {
    if needs_quotes(s) {
        // A `Value`'s text: the page's one JSON writer (`to_string` would compile another).
        Value::from(s).to_string()
    } else {
        s.to_string()
    }
}

fn needs_quotes(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return true;
    };
    s.trim() != s
        || ",[]{}#&*!|>'\"%@`".contains(first)
        // `-`, `?` and `:` start a plain scalar unless a space (or nothing) follows: `-c` is plain.
        || ("-?:".contains(first) && !s[1..].starts_with(|c: char| !c.is_whitespace()))
        || s.contains(": ")
        || s.ends_with(':')
        || s.contains(" #")
        || s.chars().any(|c| c.is_control())
        || resolves_to_non_string(s)
}

/// YAML 1.1's implicit types, which go-yaml resolves plain scalars to.
fn resolves_to_non_string(s: &str) -> bool {
    const WORDS: [&str; 23] = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~",
    ];
    WORDS.contains(&s)
        || matches!(s, "null" | "Null" | "NULL")
        || is_number(s)
        || looks_like_timestamp(s)
}

fn is_number(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let unsigned = lower.strip_prefix(['-', '+']).unwrap_or(&lower);
    if matches!(unsigned, ".inf" | ".nan") {
        return true;
    }
    if let Some(hex) = unsigned.strip_prefix("0x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit() || c == '_');
    }
    if let Some(octal) = unsigned.strip_prefix("0o") {
        return !octal.is_empty() && octal.chars().all(|c| c.is_digit(8) || c == '_');
    }
    // [0-9_]*(.[0-9_]*)?([e][-+]?[0-9]+)? with at least one digit before the exponent.
    let (mantissa, exponent) = match unsigned.split_once('e') {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit() || c == '_');
    let has_digit = mantissa.chars().any(|c| c.is_ascii_digit());
    has_digit
        && digits(whole)
        && digits(fraction)
        && exponent.is_none_or(|e| !e.is_empty() && e.chars().all(|c| c.is_ascii_digit()))
}

/// `2025-01-01`, `2025-01-01T00:00:00Z` and the like: YAML 1.1 timestamps.
fn looks_like_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 8
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && s[5..]
            .split(['-', 'T', 't', ' '])
            .take(2)
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_come_out_as_kubectl_prints_them() {
        let pod = json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "pi-x7k2q", "labels": {"batch.kubernetes.io/job-name": "pi"}, "annotations": {"batch.kubernetes.io/job-completion-index": "0"}, "creationTimestamp": "2025-01-01T00:00:00Z", "finalizers": []},
            "spec": {"containers": [{"name": "pi", "image": "perl:5.34.0", "command": ["sh", "-c", "echo: hi # there"], "resources": {"requests": {"cpu": "250m", "memory": "1"}}}], "restartPolicy": "Never", "nodeSelector": {}},
            "status": {"phase": "Running", "podIP": "10.244.0.5", "containerStatuses": [{"ready": true, "restartCount": 0, "state": {"running": {"startedAt": "2025-01-01T00:00:02Z"}}}], "message": "two\nlines", "nominated": null}
        });
        let expected = r#"apiVersion: v1
kind: Pod
metadata:
  annotations:
    batch.kubernetes.io/job-completion-index: "0"
  creationTimestamp: "2025-01-01T00:00:00Z"
  finalizers: []
  labels:
    batch.kubernetes.io/job-name: pi
  name: pi-x7k2q
spec:
  containers:
  - command:
    - sh
    - -c
    - "echo: hi # there"
    image: perl:5.34.0
    name: pi
    resources:
      requests:
        cpu: 250m
        memory: "1"
  nodeSelector: {}
  restartPolicy: Never
status:
  containerStatuses:
  - ready: true
    restartCount: 0
    state:
      running:
        startedAt: "2025-01-01T00:00:02Z"
  message: "two\nlines"
  nominated: null
  phase: Running
  podIP: 10.244.0.5
"#;
        assert_eq!(to_yaml(&pod), expected);
    }

    /// Reads YAML back as the playground reads manifests (its parser and deserializer).
    fn read_back(text: &str) -> Value {
        let (documents, errors) = crate::scenario::yaml::parse_stream(text);
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        let (value, findings) = crate::scenario::de::from_node::<Value>(
            documents[0].root.as_ref().expect("a document"),
            0,
        );
        assert!(
            findings.diagnostics.is_empty(),
            "{:?}\n{text}",
            findings.diagnostics
        );
        value
    }

    /// Every string comes back as itself, and every other scalar as its own type.
    #[test]
    fn the_yaml_reads_back_as_the_same_values() {
        let strings = [
            "",
            " lead",
            "trail ",
            "true",
            "No",
            "~",
            "null",
            "10",
            "-1.5",
            "1e3",
            ".5",
            "0x1F",
            "0o17",
            ".inf",
            "2025-01-01",
            "- item",
            "a: b",
            "a:",
            "#c",
            "*ref",
            "&a",
            "!tag",
            "@x",
            "'q'",
            "\"q\"",
            "tab\there",
            "10.244.0.5",
            "250m",
            "4Gi",
            "plain words",
            "x #y",
            "1_000",
            "+",
            "e3",
            "new\nline",
        ];
        let value = json!({"strings": strings.to_vec(), "numbers": [0, -3, 2.5], "flags": [true, false], "nothing": null, "nested": [[1, 2], []], "empty": {}, "list of maps": [{"a": 1, "b": [{"c": "d"}]}]});
        let text = to_yaml(&value);
        assert_eq!(read_back(&text), value, "{text}");
        assert!(
            text.lines().all(|l| !l.ends_with(' ')),
            "no trailing spaces:\n{text}"
        );
    }

    /// What YAML 1.1 (go-yaml, so kubectl and the API server) would read as a number, a bool,
    /// null or a timestamp is quoted; ordinary Kubernetes values are not.
    #[test]
    fn quotes_exactly_what_yaml_would_read_as_something_else() {
        for s in [
            "true",
            "No",
            "y",
            "OFF",
            "~",
            "null",
            "10",
            "-1.5",
            "1e3",
            ".5",
            "0x1F",
            "0o17",
            ".inf",
            "-.Inf",
            "2025-01-01",
            "2025-01-01T00:00:00Z",
            "2025",
            "1_000",
            "",
            " x",
            "x ",
            "-",
            "- a",
            ": b",
            "?",
        ] {
            assert!(needs_quotes(s), "{s:?} must be quoted");
        }
        for s in [
            "10.244.0.5",
            "250m",
            "4Gi",
            "Never",
            "perl:5.34.0",
            "batch.kubernetes.io/job-name",
            "e3",
            "1.2.3",
            "sh",
            "-c",
            "--all",
            "plain words",
            "OnFailure",
            "abc-123",
        ] {
            assert!(!needs_quotes(s), "{s:?} stays plain");
        }
    }
}
