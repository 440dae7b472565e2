//! A container's environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go
//! `makeEnvironmentVariables`): the `kubernetes` Service's variables, `envFrom`, then each
//! `env` entry in order (a value with its `$(VAR)` references expanded, or a value from the
//! downward API, a ConfigMap or a Secret). A ConfigMap, Secret or key that is missing and not
//! optional is the error the kubelet reports as CreateContainerConfigError.

use std::collections::BTreeMap;

use super::expansion::expand;
use crate::api::fieldpath::{container_resource_value, field_value};
use crate::api::{Container, Pod};
use crate::scenario::Scenario;

/// The `kubernetes` Service of the default namespace, whose variables every pod gets even with
/// `enableServiceLinks: false` (`getServiceEnvVarMap`; pkg/kubelet/envvars/envvars.go
/// `FromServices` names them). Its address is the first of kubeadm's default Service range,
/// 10.96.0.0/12, and its one port is `https` 443/TCP.
const KUBERNETES_SERVICE: [(&str, &str); 8] = [
    ("KUBERNETES_PORT", "tcp://10.96.0.1:443"),
    ("KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443"),
    ("KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1"),
    ("KUBERNETES_PORT_443_TCP_PORT", "443"),
    ("KUBERNETES_PORT_443_TCP_PROTO", "tcp"),
    ("KUBERNETES_SERVICE_HOST", "10.96.0.1"),
    ("KUBERNETES_SERVICE_PORT", "443"),
    ("KUBERNETES_SERVICE_PORT_HTTPS", "443"),
];

/// Where an `envFrom` or `valueFrom` source points.
#[derive(Clone, Copy)]
enum Source {
    ConfigMap,
    Secret,
}

impl Source {
    fn data<'s>(self, scenario: &'s Scenario, name: &str) -> Option<&'s BTreeMap<String, String>> {
        match self {
            Source::ConfigMap => scenario.config_map(name),
            Source::Secret => scenario.secret(name),
        }
    }
    /// The API's NotFound error, as the kubelet's managers return it.
    fn not_found(self, name: &str) -> String {
        match self {
            Source::ConfigMap => format!("configmap \"{name}\" not found"),
            Source::Secret => format!("secret \"{name}\" not found"),
        }
    }
    fn missing_key(self, key: &str, namespace: &str, name: &str) -> String {
        let kind = match self {
            Source::ConfigMap => "ConfigMap",
            Source::Secret => "Secret",
        };
        format!("couldn't find key {key} in {kind} {namespace}/{name}")
    }
}

fn text<'v>(v: &'v serde_json::Value, key: &str) -> &'v str {
    v.get(key).and_then(serde_json::Value::as_str).unwrap_or("")
}

fn optional(v: &serde_json::Value) -> bool {
    v.get("optional")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

/// Whether the container reads a ConfigMap or Secret for its environment: only then can
/// building it fail (the check runs at every container start, so it is kept cheap).
pub fn reads_config(c: &Container) -> bool {
    !c.env_from.is_empty()
        || c.env.iter().any(|e| {
            e.value_from.as_ref().is_some_and(|f| {
                f.get("configMapKeyRef").is_some() || f.get("secretKeyRef").is_some()
            })
        })
}

/// The environment the container's process gets (the container runtime adds `HOSTNAME`),
/// or the kubelet's error.
pub fn make_environment_variables(
    pod: &Pod,
    c: &Container,
    scenario: &Scenario,
) -> Result<BTreeMap<String, String>, String> {
    let namespace = pod.metadata.namespace.as_str();
    let mut env: BTreeMap<String, String> = BTreeMap::new();
    for from in &c.env_from {
        let (source, r) = match (&from.config_map_ref, &from.secret_ref) {
            (Some(r), _) => (Source::ConfigMap, r),
            (None, Some(r)) => (Source::Secret, r),
            (None, None) => continue,
        };
        let name = text(r, "name");
        let Some(data) = source.data(scenario, name) else {
            if optional(r) {
                continue;
            }
            return Err(source.not_found(name));
        };
        let prefix = from.prefix.as_deref().unwrap_or("");
        for (k, v) in data {
            env.insert(format!("{prefix}{k}"), v.clone());
        }
    }
    let service = |name: &str| {
        KUBERNETES_SERVICE
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
    };
    for var in &c.env {
        let value = match (&var.value, &var.value_from) {
            (Some(v), _) if !v.is_empty() => {
                // References resolve against the variables before this one and the Service
                // variables, never later ones (`MappingFuncFor(tmpEnv, serviceEnv)`).
                expand(v, |name| {
                    env.get(name).map(String::as_str).or_else(|| service(name))
                })
            }
            (_, Some(from)) => match value_from(pod, c, scenario, namespace, from)? {
                Some(v) => v,
                None => continue,
            },
            _ => String::new(),
        };
        env.insert(var.name.to_string(), value);
    }
    for (k, v) in KUBERNETES_SERVICE {
        env.entry(k.to_string()).or_insert_with(|| v.to_string());
    }
    Ok(env)
}

/// One `valueFrom`: its value, `None` for an optional source that is missing (the variable is
/// then not set), or the kubelet's error.
fn value_from(
    pod: &Pod,
    c: &Container,
    scenario: &Scenario,
    namespace: &str,
    from: &serde_json::Value,
) -> Result<Option<String>, String> {
    if let Some(f) = from.get("fieldRef") {
        return Ok(Some(field_value(pod, text(f, "fieldPath"))));
    }
    if let Some(r) = from.get("resourceFieldRef") {
        return Ok(Some(container_resource_value(r, c)));
    }
    let (source, r) = match (from.get("configMapKeyRef"), from.get("secretKeyRef")) {
        (Some(r), _) => (Source::ConfigMap, r),
        (None, Some(r)) => (Source::Secret, r),
        (None, None) => return Ok(Some(String::new())),
    };
    let (name, key) = (text(r, "name"), text(r, "key"));
    let Some(data) = source.data(scenario, name) else {
        return if optional(r) {
            Ok(None)
        } else {
            Err(source.not_found(name))
        };
    };
    match data.get(key) {
        Some(v) => Ok(Some(v.clone())),
        None if optional(r) => Ok(None),
        None => Err(source.missing_key(key, namespace, name)),
    }
}

/// A container's command and args with their `$(VAR)` references expanded against its
/// environment (pkg/kubelet/container/helpers.go `ExpandContainerCommandAndArgs`); `None`
/// when no argument has a reference or a `$$`, so nothing changes.
pub fn expand_command_and_args(c: &Container, env: &BTreeMap<String, String>) -> Option<Container> {
    let refers = |a: &crate::api::Str| a.contains("$(") || a.contains("$$");
    if !c.command.iter().chain(&c.args).any(refers) {
        return None;
    }
    let lookup = |name: &str| env.get(name).map(String::as_str);
    let mut expanded = c.clone();
    for arg in expanded.command.iter_mut().chain(expanded.args.iter_mut()) {
        if refers(arg) {
            *arg = expand(arg, lookup).into();
        }
    }
    Some(expanded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load;

    /// The kubelet's environment for the first container of the first Job's template in
    /// `text`, one `NAME=value` per line (the Service variables left out), or its error.
    fn check(text: &str) -> String {
        let loaded = load(text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let job = &loaded.scenario.jobs[0];
        let mut pod = Pod::default();
        pod.metadata.name = "work-x7k2p".into();
        pod.metadata.namespace = "default".into();
        pod.metadata.annotations.insert(
            "batch.kubernetes.io/job-completion-index".into(),
            "3".into(),
        );
        pod.spec = job.spec.template.spec.clone();
        let c = &pod.spec.containers[0];
        match make_environment_variables(&pod, c, &loaded.scenario) {
            Ok(env) => env
                .iter()
                .filter(|(k, _)| !k.starts_with("KUBERNETES_"))
                .map(|(k, v)| format!("{k}={v}\n"))
                .collect(),
            Err(e) => format!("error: {e}\n"),
        }
    }

    const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: work}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n";

    #[test]
    fn env_values_expand_earlier_variables_and_read_configmaps_and_secrets() {
        let text = format!(
            "{JOB}        envFrom:\n        - configMapRef: {{name: settings}}\n          prefix: CFG_\n        env:\n        - {{name: GREETING, value: hello}}\n        - {{name: MESSAGE, value: '$(GREETING) from $(POD) at $(KUBERNETES_SERVICE_HOST)'}}\n        - name: POD\n          valueFrom: {{fieldRef: {{fieldPath: metadata.name}}}}\n        - name: INDEX\n          valueFrom: {{fieldRef: {{fieldPath: \"metadata.annotations['batch.kubernetes.io/job-completion-index']\"}}}}\n        - name: PASSWORD\n          valueFrom: {{secretKeyRef: {{name: creds, key: password}}}}\n        - name: MAYBE\n          valueFrom: {{secretKeyRef: {{name: creds, key: absent, optional: true}}}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: settings}}\ndata: {{mode: fast}}\n---\napiVersion: v1\nkind: Secret\nmetadata: {{name: creds}}\ndata: {{password: czNjcjN0}}\n"
        );
        expect_test::expect![[r#"
            CFG_mode=fast
            GREETING=hello
            INDEX=3
            MESSAGE=hello from $(POD) at 10.96.0.1
            PASSWORD=s3cr3t
            POD=work-x7k2p
        "#]]
        .assert_eq(&check(&text));
    }

    #[test]
    fn a_missing_source_or_key_is_the_kubelets_error_unless_optional() {
        let env = |entry: &str| {
            check(&format!("{JOB}        env:\n        - {entry}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: settings}}\ndata: {{mode: fast}}\n"))
        };
        assert_eq!(
            env("{name: A, valueFrom: {configMapKeyRef: {name: settings, key: speed}}}"),
            "error: couldn't find key speed in ConfigMap default/settings\n"
        );
        assert_eq!(
            env("{name: A, valueFrom: {secretKeyRef: {name: creds, key: password}}}"),
            "error: secret \"creds\" not found\n"
        );
        assert_eq!(
            env("{name: A, valueFrom: {secretKeyRef: {name: creds, key: password, optional: true}}}"),
            ""
        );
    }

    #[test]
    fn command_and_args_expand_against_the_environment() {
        let loaded = load(&format!(
            "{JOB}        command: [sh, -c, 'echo \"Job index: $(INDEX) $(date) $$(INDEX)\"']\n"
        ));
        let c = &loaded.scenario.jobs[0].spec.template.spec.containers[0];
        let env = BTreeMap::from([("INDEX".to_string(), "3".to_string())]);
        let expanded = expand_command_and_args(c, &env).unwrap();
        assert_eq!(
            expanded.command[2].as_str(),
            "echo \"Job index: 3 $(date) $(INDEX)\""
        );
    }
}
