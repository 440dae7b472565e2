//! Strategic merge patches as the API server applies them to Jobs, CronJobs and pod status
//! (apimachinery's util/strategicpatch `StrategicMergePatch`): a JSON merge patch, except that
//! a list whose field has a `patchMergeKey` in k8s.io/api (core/v1 and batch/v1 `types.go`)
//! merges item by item on that key, and `finalizers` (patch strategy `merge`, no key) is a
//! union. The `$patch`, `$retainKeys`, `$deleteFromPrimitiveList` and `$setElementOrder`
//! directives are not simulated: a patch that uses one is refused with a message.

use serde_json::Value;

/// The `patchMergeKey` of a list field, by the field's name (the names do not collide
/// between the types a Job's or a pod's JSON holds).
fn merge_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "containers"
        | "initContainers"
        | "ephemeralContainers"
        | "env"
        | "volumes"
        | "imagePullSecrets"
        | "resourceClaims" => "name",
        "ports" => "containerPort",
        "volumeMounts" => "mountPath",
        "volumeDevices" => "devicePath",
        "hostAliases" => "ip",
        "conditions" => "type",
        "topologySpreadConstraints" => "topologyKey",
        _ => return None,
    })
}

/// Applies `patch` to `target`; the error names a directive jobplay does not simulate.
pub fn apply(target: &mut Value, patch: &Value) -> Result<(), String> {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return Ok(());
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let Value::Object(t) = target else {
        return Ok(());
    };
    for (k, v) in p {
        if k.starts_with('$') {
            return Err(format!(
                "jobplay: the strategic merge patch directive {k} is not simulated; use --type=merge or --type=json"
            ));
        }
        if v.is_null() {
            t.remove(k);
            continue;
        }
        match (merge_key(k), v, t.get_mut(k)) {
            (Some(key), Value::Array(items), Some(Value::Array(live))) => {
                merge_list(live, items, key)?
            }
            (None, Value::Array(items), Some(Value::Array(live))) if k == "finalizers" => {
                for item in items {
                    if !live.contains(item) {
                        live.push(item.clone());
                    }
                }
            }
            _ => apply(t.entry(k.clone()).or_insert(Value::Null), v)?,
        }
    }
    Ok(())
}

/// Items with the same key merge; new ones are appended in the patch's order.
fn merge_list(live: &mut Vec<Value>, items: &[Value], key: &str) -> Result<(), String> {
    for item in items {
        let wanted = item.get(key);
        match live
            .iter_mut()
            .find(|l| wanted.is_some() && l.get(key) == wanted)
        {
            Some(existing) => apply(existing, item)?,
            None => live.push(item.clone()),
        }
    }
    Ok(())
}
