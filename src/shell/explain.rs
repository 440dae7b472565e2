//! `kubectl explain job|cronjob[.FIELD…] [--recursive]`: the API's own field descriptions
//! (k8s.io/api batch/v1 and core/v1 `types.go` doc comments, as the API server's OpenAPI v3
//! document gives them), laid out as kubectl's plaintext template lays them out
//! (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl; `wrap` is
//! github.com/mitchellh/go-wordwrap's `WrapString`, as kubectl's pkg/util/term uses it).
//!
//! The descriptions are `explain.bin` (`cargo run --example explain_data`): 141 schemas,
//! 234 KB of JSON, 47 KB compressed. They are compiled into the native build only: the page's
//! wasm budget has no room for them, and there the command says so.

use serde_json::Value;

use super::args::{boolean, value, Flag, Parsed};
use super::Output;

pub(super) const FLAGS: &[Flag] = &[
    boolean("recursive", None),
    value("api-version", None),
    value("output", Some('o')),
];

// Native builds and the page's terminal module have the descriptions; the page's first
// module has no kubectl at all (ARCHITECTURE.md, "The page's modules").
#[cfg(any(not(target_arch = "wasm32"), feature = "terminal"))]
const DATA: Option<&[u8]> = Some(include_bytes!("explain.bin"));
#[cfg(all(target_arch = "wasm32", not(feature = "terminal")))]
const DATA: Option<&[u8]> = None;

/// `kubectl explain RESOURCE[.FIELD…]`.
pub(super) fn explain(p: &Parsed) -> Output {
    let [what] = p.args.as_slice() else {
        return Output::fail(if p.args.is_empty() {
            "error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n"
        } else {
            "error: We accept only this format: explain RESOURCE\n"
        });
    };
    if let Some(o) = p.get("output").filter(|o| *o != "plaintext") {
        return Output::fail(format!(
            "jobplay: kubectl explain --output={o} is not simulated (plaintext is)"
        ));
    }
    let mut path = what.split('.').peekable();
    let resource = path.next().unwrap_or_default();
    // `jobs.batch.spec`: the group may follow the resource (explain.go's
    // `SplitAndParseResourceRequestWithMatchingPrefix` takes the longest resource prefix).
    path.next_if_eq(&"batch");
    let fields: Vec<&str> = path.collect();
    let root = match resource.to_lowercase().as_str() {
        "jobs" | "job" => ("Job", "io.k8s.api.batch.v1.Job"),
        "cronjobs" | "cronjob" | "cj" => ("CronJob", "io.k8s.api.batch.v1.CronJob"),
        other => {
            return Output::fail(match super::kubectl::Kind::parse(other) {
                Ok(_) => format!(
                    "jobplay: kubectl explain covers jobs and cronjobs (batch/v1), not {resource}"
                ),
                Err(e) => e,
            })
        }
    };
    let Some(data) = DATA else {
        return Output::fail("jobplay: kubectl explain runs in the jobplay command line: its field descriptions (47 KB compressed) are left out of the page");
    };
    let schemas: Value = crate::view_model::compress::decompress(data, 1 << 20)
        .ok()
        .and_then(|json| serde_json::from_slice(&json).ok())
        .unwrap_or(Value::Null);
    let doc = Doc { schemas: &schemas };
    let Some(schema) = schemas.get(root.1) else {
        return Output::fail("jobplay: the field descriptions could not be read");
    };
    let mut out = format!(
        "GROUP:      batch\nKIND:       {}\nVERSION:    v1\n\n",
        root.0
    );
    match doc.output(schema, &fields, p.is("recursive")) {
        Some(text) => {
            out.push_str(&text);
            out.push('\n');
            Output::out(out)
        }
        None => Output::fail(format!(
            "error: field \"{}\" does not exist",
            fields.last().unwrap_or(&"")
        )),
    }
}

/// The schemas, by name.
struct Doc<'a> {
    schemas: &'a Value,
}

impl<'a> Doc<'a> {
    /// `resolveRef`: the schema a `$ref` names.
    fn resolve(&self, schema: &'a Value) -> &'a Value {
        schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| self.schemas.get(r.rsplit('/').next().unwrap_or_default()))
            .unwrap_or(schema)
    }

    /// The template's `output`: follows `path`, then prints the description and the fields;
    /// `None` when the path leads nowhere.
    fn output(&self, schema: &'a Value, path: &[&str], recursive: bool) -> Option<String> {
        let resolved = self.resolve(schema);
        let Some((first, rest)) = path.split_first() else {
            let mut out = String::from("DESCRIPTION:\n");
            let mut description = String::new();
            self.description(schema, &mut description);
            if description.is_empty() {
                description.push_str("<empty>");
            }
            out.push_str(&indent(4, &wrap(76, &description)));
            out.push('\n');
            if let Some(docs) = external_docs(resolved, 0) {
                out.push('\n');
                out.push_str(&docs);
            }
            let mut fields = String::new();
            self.field_list(schema, 1, recursive, &mut Vec::new(), &mut fields);
            if !fields.is_empty() {
                out.push_str("FIELDS:\n");
                out.push_str(&fields);
            }
            return Some(out);
        };
        if let Some(sub) = resolved.get("properties").and_then(|p| p.get(*first)) {
            let mut out = String::new();
            if rest.is_empty() {
                out.push_str(&format!("FIELD: {first} <{}>\n", self.type_guess(sub)));
                out.push_str(&enum_text(sub, true, 0));
                out.push_str("\n\n");
            }
            out.push_str(&self.output(sub, rest, recursive)?);
            return Some(out);
        }
        if let Some(items) = resolved.get("items") {
            return self.output(items, path, recursive);
        }
        if let Some(map) = resolved
            .get("additionalProperties")
            .filter(|a| a.is_object())
        {
            return self.output(map, path, recursive);
        }
        resolved
            .get("allOf")
            .and_then(Value::as_array)
            .and_then(|all| all.iter().find_map(|s| self.output(s, path, recursive)))
    }

    /// The template's `description`: the schema's own, then those of what it is made of.
    fn description(&self, schema: &'a Value, out: &mut String) {
        let s = self.resolve(schema);
        if let Some(d) = s.get("description").and_then(Value::as_str) {
            out.push_str(d);
            out.push('\n');
        }
        for sub in s
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.description(sub, out);
        }
        if let Some(items) = s.get("items") {
            self.description(items, out);
        }
        if let Some(map) = s.get("additionalProperties").filter(|a| a.is_object()) {
            self.description(map, out);
        }
    }

    /// The template's `fieldList`: each property (in name order) and those of what the schema
    /// is made of; nested under each field with `--recursive`. A `$ref` already on the way
    /// down ends the descent (cycles).
    fn field_list(
        &self,
        schema: &'a Value,
        level: usize,
        recursive: bool,
        history: &mut Vec<&'a str>,
        out: &mut String,
    ) {
        let reference = schema.get("$ref").and_then(Value::as_str);
        if let Some(r) = reference {
            if history.contains(&r) {
                return;
            }
            history.push(r);
        }
        let resolved = self.resolve(schema);
        let required: Vec<&str> = resolved
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if let Some(Value::Object(props)) = resolved.get("properties") {
            for (name, field) in props {
                self.field_detail(
                    name,
                    field,
                    required.contains(&name.as_str()),
                    level,
                    recursive,
                    out,
                );
                if recursive {
                    self.field_list(field, level + 1, recursive, history, out);
                }
            }
        }
        for sub in resolved
            .get("allOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            self.field_list(sub, level, recursive, history, out);
        }
        if let Some(items) = resolved.get("items") {
            self.field_list(items, level, recursive, history, out);
        }
        if let Some(map) = resolved
            .get("additionalProperties")
            .filter(|a| a.is_object())
        {
            self.field_list(map, level, recursive, history, out);
        }
        if reference.is_some() {
            history.pop();
        }
    }

    /// The template's `fieldDetail`: `name<TAB><type>`, `-required-`, a short enum, then
    /// (unless recursive) the description.
    fn field_detail(
        &self,
        name: &str,
        field: &'a Value,
        required: bool,
        level: usize,
        short: bool,
        out: &mut String,
    ) {
        let pad = level * 2;
        out.push_str(&" ".repeat(pad));
        out.push_str(&format!("{name}\t<{}>", self.type_guess(field)));
        if required {
            out.push_str(" -required-");
        }
        out.push_str(&enum_text(field, false, pad));
        out.push('\n');
        if short {
            return;
        }
        let description = field
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("<no description>");
        out.push_str(&indent(pad + 2, &wrap(78 - pad, description)));
        out.push('\n');
        if let Some(docs) = external_docs(field, pad) {
            out.push('\n');
            out.push_str(&docs);
        }
        out.push('\n');
    }

    /// The template's `typeGuess`: `string`, `integer`, `Object`, `[]Container`,
    /// `map[string]string`, or the name of the object a `$ref` names.
    fn type_guess(&self, schema: &'a Value) -> String {
        if let Some(items) = schema.get("items") {
            return format!("[]{}", self.type_guess(items));
        }
        if let Some(map) = schema.get("additionalProperties").filter(|a| a.is_object()) {
            return format!("map[string]{}", self.type_guess(map));
        }
        let all = schema.get("allOf").and_then(Value::as_array);
        if let (Some([one]), None) = (all.map(Vec::as_slice), schema.get("properties")) {
            return self.type_guess(one);
        }
        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let target = self.schemas.get(r.rsplit('/').next().unwrap_or_default());
            return match target.and_then(|t| text(t.get("type"))) {
                Some(t) if t != "object" => t,
                _ => {
                    let name = r.rsplit('/').next().unwrap_or_default();
                    let last = name.rsplit('.').next().unwrap_or_default();
                    if last.is_empty() { "Object" } else { last }.to_string()
                }
            };
        }
        match text(schema.get("type")) {
            Some(t) if t == "object" => "Object".into(),
            Some(t) if !t.is_empty() => t,
            _ => "Object".into(),
        }
    }
}

/// The template's `externalDocs`, at an indentation.
fn external_docs(schema: &Value, pad: usize) -> Option<String> {
    let docs = schema.get("externalDocs")?;
    let mut out = format!(
        "{}EXTERNAL DOCS:\n",
        " ".repeat(if pad == 0 { 0 } else { pad + 2 })
    );
    let inner = if pad == 0 { 4 } else { pad + 4 };
    if let Some(d) = docs.get("description").and_then(Value::as_str) {
        out.push_str(&indent(inner, &wrap(76 - pad, d)));
        out.push('\n');
    }
    if let Some(u) = docs.get("url").and_then(Value::as_str) {
        out.push_str(&indent(inner, &format!("URL: {u}")));
        out.push('\n');
    }
    Some(out)
}

/// The template's `extractEnum`: `ENUM:` and a value a line (the field's own view), or
/// `enum: a, b, c, d, ....` after four (the field list).
fn enum_text(schema: &Value, long: bool, pad: usize) -> String {
    let Some(values) = schema.get("enum").and_then(Value::as_array) else {
        return String::new();
    };
    let shown = |v: &Value| match v {
        Value::String(s) if s.is_empty() => "\"\"".to_string(),
        Value::String(s) => s.clone(),
        other => super::jsonpath::go_text(other),
    };
    if long {
        let mut out = String::from("ENUM:");
        for v in values {
            out.push_str("\n    ");
            out.push_str(&shown(v));
        }
        return out;
    }
    let mut out = format!("\n{}enum: ", " ".repeat(pad));
    for (i, v) in values.iter().enumerate() {
        if i >= 4 {
            out.push_str(", ....");
            break;
        }
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&shown(v));
    }
    out
}

/// The template's `indent`: `amount` blanks before the text and after each line break.
fn indent(amount: usize, text: &str) -> String {
    let pad = " ".repeat(amount);
    format!("{pad}{}", text.replace('\n', &format!("\n{pad}")))
}

/// go-wordwrap's `WrapString` (v1.0.1, as kubectl's go.mod pins it): breaks at white space
/// so that lines stay within `limit` characters where a word allows; a line break in the
/// text is kept; a word longer than the limit stays whole.
fn wrap(limit: usize, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut line, mut word, mut space) = (0usize, String::new(), String::new());
    let (mut word_len, mut space_len) = (0usize, 0usize);
    for c in text.chars() {
        if c == '\n' {
            if word.is_empty() {
                if line + space_len <= limit {
                    out.push_str(&space);
                }
            } else {
                out.push_str(&space);
                out.push_str(&word);
            }
            space.clear();
            word.clear();
            (space_len, word_len) = (0, 0);
            out.push('\n');
            line = 0;
        } else if c.is_whitespace() && c != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                line += space_len + word_len;
                out.push_str(&space);
                out.push_str(&word);
                space.clear();
                word.clear();
                (space_len, word_len) = (0, 0);
            }
            space.push(c);
            space_len += 1;
        } else {
            word.push(c);
            word_len += 1;
            if line + space_len + word_len > limit && word_len < limit {
                out.push('\n');
                line = 0;
                space.clear();
                space_len = 0;
            }
        }
    }
    if word.is_empty() {
        if line + space_len <= limit {
            out.push_str(&space);
        }
    } else {
        out.push_str(&space);
        out.push_str(&word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_blanks_keeps_line_breaks_and_never_splits_a_word() {
        expect_test::expect![[r#"
            aaa bbb
            ccc
            dddddddddddddd
            e
            f  g h"#]]
        .assert_eq(&wrap(8, "aaa bbb ccc dddddddddddddd e\nf  g h"));
    }
}
