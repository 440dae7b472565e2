//! JSON objects built in code. Not `json!`: it writes out each insertion anew and turns each
//! value into one with `to_value(..).unwrap()`, whose error texts would stay in the page.

use serde_json::{Map, Value};

/// A JSON object of `entries`, in one shared loop (the array form is only the call's shape).
pub(crate) fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    object_of(&mut entries.into_iter())
}

fn object_of(entries: &mut dyn Iterator<Item = (&str, Value)>) -> Value {
    let mut map = Map::new();
    for (key, value) in entries {
        map.insert(key.to_string(), value);
    }
    Value::Object(map)
}
