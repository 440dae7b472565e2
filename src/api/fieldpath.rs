//! The downward API's values: a pod field by path (`pkg/fieldpath/fieldpath.go`
//! `ExtractFieldPathAsString`, with the kubelet's own cases from pkg/kubelet/kubelet_pods.go
//! `podFieldSelectorRuntimeValue`) and a container resource (pkg/api/v1/resource/helpers.go
//! `ExtractContainerResourceValue`). The kubelet's environment, downwardAPI volumes and
//! `kubectl describe` read them.

use std::collections::BTreeMap;

use super::quantity::Quantity;
use super::{Container, Pod, Str};

/// A pod field named by a `fieldRef.fieldPath`, as a string.
pub fn field_value(pod: &Pod, path: &str) -> String {
    let m = &pod.metadata;
    let keyed = |prefix: &str, map: &BTreeMap<Str, Str>| -> Option<String> {
        let key = path.strip_prefix(prefix)?.strip_suffix("']")?;
        Some(map.get(key).map(|v| v.to_string()).unwrap_or_default())
    };
    if let Some(v) = keyed("metadata.labels['", &m.labels) {
        return v;
    }
    if let Some(v) = keyed("metadata.annotations['", &m.annotations) {
        return v;
    }
    match path {
        "metadata.labels" => format_map(&m.labels),
        "metadata.annotations" => format_map(&m.annotations),
        "metadata.name" => m.name.to_string(),
        "metadata.namespace" => m.namespace.to_string(),
        "metadata.uid" => m.uid.to_string(),
        "spec.nodeName" => pod.spec.node_name.to_string(),
        "spec.serviceAccountName" => pod
            .spec
            .pass_through
            .service_account_name
            .as_deref()
            .and_then(serde_json::Value::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or("default")
            .into(),
        "status.hostIP" | "status.hostIPs" => pod.status.host_ip.to_string(),
        "status.podIP" | "status.podIPs" => pod.status.pod_ip.to_string(),
        _ => String::new(),
    }
}

/// `fieldpath.FormatMap`: `key="value"` lines, keys sorted, each value quoted as Go's
/// `strconv.Quote` quotes it (the escapes a label or annotation value can need).
fn format_map(map: &BTreeMap<Str, Str>) -> String {
    let mut out = String::new();
    for (k, v) in map {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(k);
        out.push_str("=\"");
        for c in v.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out
}

/// A `resourceFieldRef` for cpu and memory: the container's own limit or request divided by
/// the divisor, rounded up.
pub fn container_resource_value(r: &serde_json::Value, c: &Container) -> String {
    let resource = r
        .get("resource")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("");
    let Some((kind, name)) = resource.split_once('.') else {
        return String::new();
    };
    let res = c.resources.clone().unwrap_or_default();
    let list = if kind == "limits" {
        &res.limits
    } else {
        &res.requests
    };
    let q = list.get(name).and_then(|q| q.milli_value()).unwrap_or(0);
    let divisor = match r.get("divisor") {
        Some(serde_json::Value::String(s)) => Quantity(s.clone()).milli_value(),
        Some(v) => Quantity(v.to_string()).milli_value(),
        None => Some(1000),
    }
    .filter(|d| *d > 0)
    .unwrap_or(1000);
    crate::api::quantity::int_text((q + divisor - 1).div_euclid(divisor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_as_a_whole_are_formatted_as_fieldpath_formats_a_map() {
        let mut pod = Pod::default();
        pod.metadata.labels.insert("b".into(), "two \"2\"".into());
        pod.metadata.labels.insert("a".into(), "one".into());
        assert_eq!(
            field_value(&pod, "metadata.labels"),
            "a=\"one\"\nb=\"two \\\"2\\\"\""
        );
        assert_eq!(field_value(&pod, "metadata.labels['a']"), "one");
        assert_eq!(field_value(&pod, "metadata.labels['c']"), "");
        assert_eq!(field_value(&pod, "spec.serviceAccountName"), "default");
    }
}
