//! Writes `src/shell/explain.bin`, the field descriptions `kubectl explain job|cronjob` prints
//! (`jobplay shell`): from Kubernetes' own OpenAPI v3 document for batch/v1
//! (api/openapi-spec/v3/apis__batch__v1_openapi.json in k8s.io/kubernetes, which the API server
//! serves and kubectl's explain reads), the schemas Job and CronJob reach, with only the keys
//! kubectl's plaintext template reads, compressed with `view_model::compress`.
//!
//! `cargo run --example explain_data -- [PATH_TO_OPENAPI_JSON]` (default: the Go module
//! cache's k8s.io/kubernetes@v1.37.2).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// The keys the plaintext template (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/
/// plaintext.tmpl) reads.
const KEEP: &[&str] = &[
    "$ref",
    "additionalProperties",
    "allOf",
    "description",
    "enum",
    "externalDocs",
    "items",
    "properties",
    "required",
    "type",
    "x-kubernetes-group-version-kind",
];

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        let home = std::env::var("HOME").unwrap_or_default();
        format!("{home}/go/pkg/mod/k8s.io/kubernetes@v1.37.2/api/openapi-spec/v3/apis__batch__v1_openapi.json")
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc: Value = serde_json::from_str(&text).expect("the OpenAPI document is JSON");
    let schemas = doc["components"]["schemas"]
        .as_object()
        .expect("components.schemas");
    let mut kept: BTreeMap<String, Value> = BTreeMap::new();
    let mut todo = vec![
        "io.k8s.api.batch.v1.Job".to_string(),
        "io.k8s.api.batch.v1.CronJob".to_string(),
    ];
    while let Some(name) = todo.pop() {
        if kept.contains_key(&name) {
            continue;
        }
        let schema = &schemas[&name];
        refs(schema, &mut todo);
        kept.insert(name, strip(schema));
    }
    let json = serde_json::to_vec(&kept).expect("serializes");
    let packed = jobplay::view_model::compress::compress(&json);
    std::fs::write("src/shell/explain.bin", &packed).expect("writes src/shell/explain.bin");
    eprintln!(
        "{} schemas, {} bytes of JSON, {} compressed",
        kept.len(),
        json.len(),
        packed.len()
    );
}

/// The schemas a schema refers to.
fn refs(schema: &Value, out: &mut Vec<String>) {
    match schema {
        Value::Object(m) => {
            if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                out.push(r.rsplit('/').next().unwrap_or_default().to_string());
            }
            m.values().for_each(|v| refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// A schema with only the keys kubectl reads, its sub-schemas likewise.
fn strip(schema: &Value) -> Value {
    let Value::Object(m) = schema else {
        return schema.clone();
    };
    let mut out = Map::new();
    for key in KEEP {
        let Some(v) = m.get(*key) else { continue };
        let v = match (*key, v) {
            ("properties", Value::Object(props)) => {
                Value::Object(props.iter().map(|(k, p)| (k.clone(), strip(p))).collect())
            }
            ("items" | "additionalProperties", Value::Object(_)) => strip(v),
            ("allOf", Value::Array(all)) => Value::Array(all.iter().map(strip).collect()),
            _ => v.clone(),
        };
        out.insert(key.to_string(), v);
    }
    Value::Object(out)
}
