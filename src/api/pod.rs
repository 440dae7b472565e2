//! `v1` Pod, pod template and containers.
//!
//! Fields the simulation reads are typed; the rest of the Kubernetes schema is listed as
//! pass-through `serde_json::Value`s, so a real manifest raises no unknown-field warnings and
//! its values survive into the record unchanged.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::rc::Rc;

use super::meta::{Condition, ObjectMeta, Time};
use super::quantity::Quantity;
use super::shared::Shared;
use super::str::Str;
use super::table::deserialize_by_table;

/// A pass-through field. Behind a pointer: most are absent, and an absent pointer is one word
/// where a `Value` is four, over 40-odd fields of a spec and its containers. Shared, so a copy
/// of the parts that hold them points at the same values.
type Raw = Option<Rc<serde_json::Value>>;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Pod {
    pub api_version: Str,
    pub kind: Str,
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
    pub status: PodStatus,
}

/// A pod is written as the API server stores it and its kubelet reports it
/// ([`super::pod_admission::admitted`]).
impl Serialize for Pod {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Fields<'a> {
            api_version: &'a Str,
            kind: &'a Str,
            metadata: &'a ObjectMeta,
            spec: &'a PodSpec,
            status: &'a PodStatus,
        }
        let pod = super::pod_admission::admitted(self);
        Fields {
            api_version: &pod.api_version,
            kind: &pod.kind,
            metadata: &pod.metadata,
            spec: &pod.spec,
            status: &pod.status,
        }
        .serialize(serializer)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodTemplateSpec {
    pub metadata: ObjectMeta,
    pub spec: PodSpec,
}

deserialize_by_table!(PodTemplateSpec {
    metadata: "metadata",
    spec: "spec",
});

/// Declares `PodSpec` from two lists of fields: those the simulation reads, which are its own,
/// and the pass-through rest, kept behind one shared pointer (`PodSpecPassThrough`). It reads
/// as one flat object through `PodSpecFields` and writes as one through `PodSpecFieldsRef`,
/// the spec exactly as the API writes it, so every field is listed once and manifests,
/// diagnostics and the record are as before.
macro_rules! pod_spec {
    (
        read { $( $(#[$read_attr:meta])* $read:ident = $read_json:literal: $read_ty:ty, )* }
        pass_through { $( $(#[$pass_attr:meta])* $pass:ident = $pass_json:literal: $pass_ty:ty, )* }
        raw { $( $raw:ident = $raw_json:literal, )* }
    ) => {
        /// A pod's spec. The pass-through fields (some thirty, most absent) take one word in
        /// each pod instead of some 300 bytes, and a pod made from a template shares them
        /// with it: on the 100,000-completion run, 259 -> 227 MB natively and 0.56 -> 0.52 s
        /// of engine time (interleaved runs).
        #[derive(Clone, Debug, Default, PartialEq, Deserialize)]
        #[serde(from = "PodSpecFields")]
        pub struct PodSpec {
            $( pub $read: $read_ty, )*
            pub pass_through: Shared<PodSpecPassThrough>,
        }

        /// The fields of a pod spec the simulation does not read, kept for the record.
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct PodSpecPassThrough {
            $( pub $pass: $pass_ty, )*
            $( pub $raw: Raw, )*
        }

        /// A pod spec as one flat object, as the API reads it.
        #[derive(Default)]
        struct PodSpecFields {
            $( $read: $read_ty, )*
            $( $pass: $pass_ty, )*
            $( $raw: Raw, )*
        }

        /// A pod spec as one flat object, as the API writes it. Borrowed: writing a spec
        /// copies none of it.
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct PodSpecFieldsRef<'a> {
            $( $(#[$read_attr])* $read: &'a $read_ty, )*
            $( $(#[$pass_attr])* $pass: &'a $pass_ty, )*
            $( #[serde(rename = $raw_json, skip_serializing_if = "Option::is_none")] $raw: &'a Raw, )*
        }

        impl Serialize for PodSpec {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let pass = &*self.pass_through;
                PodSpecFieldsRef {
                    $( $read: &self.$read, )*
                    $( $pass: &pass.$pass, )*
                    $( $raw: &pass.$raw, )*
                }
                .serialize(serializer)
            }
        }

        // Decoding errors name the Go type the API server decodes into: v1.PodSpec.
        deserialize_by_table!(PodSpecFields as "PodSpec" {
            $( $read: $read_json, )*
            $( $pass: $pass_json, )*
            $( $raw: $raw_json, )*
        });

        #[cfg(test)]
        impl PodSpecFields {
            /// The raw fields' slots, for the tests.
            const RAW: &'static [(&'static str, fn(&mut PodSpecFields) -> &mut Raw)] =
                &[$( ($raw_json, |f| &mut f.$raw), )*];
        }

        impl From<PodSpecFields> for PodSpec {
            fn from(fields: PodSpecFields) -> Self {
                // Specs without any (most) share the one empty value. Field by field, the raw
                // ones by their tag: comparing with a whole default compiled a `Value`
                // comparison per raw field.
                let empty = $( fields.$pass == <$pass_ty>::default() && )* $( fields.$raw.is_none() && )* true;
                let pass_through = PodSpecPassThrough { $( $pass: fields.$pass, )* $( $raw: fields.$raw, )* };
                let pass_through = if empty { Shared::default() } else { Shared::new(pass_through) };
                PodSpec { $( $read: fields.$read, )* pass_through }
            }
        }
    };
}

pod_spec! {
    read {
        #[serde(skip_serializing_if = "Vec::is_empty")]
        init_containers = "initContainers": Shared<Vec<Container>>,
        containers = "containers": Shared<Vec<Container>>,
        /// `Always` (pod default), `OnFailure` or `Never`; Jobs accept only the last two.
        #[serde(skip_serializing_if = "Option::is_none")]
        restart_policy = "restartPolicy": Option<Str>,
        /// Seconds the kubelet waits between SIGTERM and SIGKILL (default 30).
        #[serde(skip_serializing_if = "Option::is_none")]
        termination_grace_period_seconds = "terminationGracePeriodSeconds": Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        active_deadline_seconds = "activeDeadlineSeconds": Option<i64>,
        /// Set by the scheduler when the pod is bound.
        #[serde(skip_serializing_if = "Str::is_empty")]
        node_name = "nodeName": Str,
        /// Indexed Job pods get `<job>-<index>`.
        #[serde(skip_serializing_if = "Str::is_empty")]
        hostname = "hostname": Str,
        #[serde(skip_serializing_if = "Option::is_none")]
        scheduler_name = "schedulerName": Option<Str>,
    }
    pass_through {
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        node_selector = "nodeSelector": BTreeMap<String, String>,
        /// With a headless Service of this name, Indexed pods resolve as `<hostname>.<subdomain>`.
        #[serde(skip_serializing_if = "Str::is_empty")]
        subdomain = "subdomain": Str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        volumes = "volumes": Vec<serde_json::Value>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        tolerations = "tolerations": Vec<serde_json::Value>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        scheduling_gates = "schedulingGates": Vec<serde_json::Value>,
    }
    raw {
        ephemeral_containers = "ephemeralContainers",
        dns_policy = "dnsPolicy",
        service_account_name = "serviceAccountName",
        service_account = "serviceAccount",
        automount_service_account_token = "automountServiceAccountToken",
        host_network = "hostNetwork",
        host_pid = "hostPID",
        host_ipc = "hostIPC",
        share_process_namespace = "shareProcessNamespace",
        security_context = "securityContext",
        image_pull_secrets = "imagePullSecrets",
        affinity = "affinity",
        host_aliases = "hostAliases",
        priority_class_name = "priorityClassName",
        priority = "priority",
        dns_config = "dnsConfig",
        readiness_gates = "readinessGates",
        runtime_class_name = "runtimeClassName",
        enable_service_links = "enableServiceLinks",
        preemption_policy = "preemptionPolicy",
        overhead = "overhead",
        topology_spread_constraints = "topologySpreadConstraints",
        set_hostname_as_fqdn = "setHostnameAsFQDN",
        os = "os",
        host_users = "hostUsers",
        resource_claims = "resourceClaims",
        resources = "resources",
        hostname_override = "hostnameOverride",
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    pub name: Str,
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub image: Str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<Str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<EnvVar>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub env_from: Vec<EnvFromSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<ResourceRequirements>,
    /// On an init container, `Always` makes it a restartable "sidecar".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restart_policy: Option<Str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volume_mounts: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_dir: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ports: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resize_policy: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restart_policy_rules: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_devices: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub liveness_probe: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readiness_probe: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub startup_probe: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_message_path: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub termination_message_policy: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_pull_policy: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_context: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stdin: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stdin_once: Raw,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tty: Raw,
}

deserialize_by_table!(Container {
    name: "name",
    image: "image",
    command: "command",
    args: "args",
    env: "env",
    env_from: "envFrom",
    resources: "resources",
    restart_policy: "restartPolicy",
    volume_mounts: "volumeMounts",
    working_dir: "workingDir",
    ports: "ports",
    resize_policy: "resizePolicy",
    restart_policy_rules: "restartPolicyRules",
    volume_devices: "volumeDevices",
    liveness_probe: "livenessProbe",
    readiness_probe: "readinessProbe",
    startup_probe: "startupProbe",
    lifecycle: "lifecycle",
    termination_message_path: "terminationMessagePath",
    termination_message_policy: "terminationMessagePolicy",
    image_pull_policy: "imagePullPolicy",
    security_context: "securityContext",
    stdin: "stdin",
    stdin_once: "stdinOnce",
    tty: "tty",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvVar {
    pub name: Str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_from: Option<serde_json::Value>,
}

deserialize_by_table!(EnvVar {
    name: "name",
    value: "value",
    value_from: "valueFrom",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnvFromSource {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_map_ref: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<serde_json::Value>,
}

deserialize_by_table!(EnvFromSource {
    prefix: "prefix",
    config_map_ref: "configMapRef",
    secret_ref: "secretRef",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRequirements {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub requests: BTreeMap<String, Quantity>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub limits: BTreeMap<String, Quantity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims: Raw,
}

deserialize_by_table!(ResourceRequirements {
    requests: "requests",
    limits: "limits",
    claims: "claims",
});

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PodStatus {
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub phase: Str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub reason: Str,
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub message: Str,
    #[serde(rename = "hostIP", skip_serializing_if = "Str::is_empty")]
    pub host_ip: Str,
    #[serde(
        rename = "hostIPs",
        skip_serializing_if = "IpList::is_empty",
        skip_deserializing
    )]
    pub host_ips: IpList,
    #[serde(rename = "podIP", skip_serializing_if = "Str::is_empty")]
    pub pod_ip: Str,
    #[serde(
        rename = "podIPs",
        skip_serializing_if = "IpList::is_empty",
        skip_deserializing
    )]
    pub pod_ips: IpList,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub init_container_statuses: Vec<ContainerStatus>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub container_statuses: Vec<ContainerStatus>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerStatus {
    pub name: Str,
    pub state: ContainerState,
    #[serde(skip_serializing_if = "is_empty_state")]
    pub last_state: ContainerState,
    pub ready: bool,
    pub restart_count: i32,
    pub image: Str,
    /// The image's digest and the runtime's container ID: only a pod's views fill them in
    /// (`pod_admission::admitted`); the engine leaves them empty.
    #[serde(rename = "imageID")]
    pub image_id: Str,
    #[serde(rename = "containerID", skip_serializing_if = "Str::is_empty")]
    pub container_id: Str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<bool>,
}

/// `status.hostIPs` / `status.podIPs`: the kubelet sets each list beside its singular field, the
/// first entry equal to it (pkg/kubelet/kubelet_pods.go `generateAPIPodStatus`); a simulated
/// pod has one address of each, so the list is that one address, written `[{"ip": …}]`.
/// kubectl reads the lists (`get -o wide`'s IP column, `describe`'s `IPs:`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IpList(pub Str);

impl IpList {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for IpList {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        struct Ip<'a>(&'a str);
        impl Serialize for Ip<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("ip", self.0)?;
                map.end()
            }
        }
        let mut seq = s.serialize_seq(Some(1))?;
        seq.serialize_element(&Ip(&self.0))?;
        seq.end()
    }
}

fn is_empty_state(s: &ContainerState) -> bool {
    s.waiting.is_none() && s.running.is_none() && s.terminated.is_none()
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerState {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiting: Option<ContainerStateWaiting>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub running: Option<ContainerStateRunning>,
    /// Boxed: a status holds two states (`state`, `lastState`), most of them not terminated,
    /// and an absent box is one word where the struct is a dozen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminated: Option<Box<ContainerStateTerminated>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerStateWaiting {
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub reason: Str,
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub message: Str,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerStateRunning {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Time>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContainerStateTerminated {
    pub exit_code: i32,
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub reason: Str,
    #[serde(skip_serializing_if = "Str::is_empty")]
    pub message: Str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<Time>,
}

impl Container {
    /// `restartPolicy: Always`: on an init container, a restartable one, a sidecar
    /// (pkg/api/v1/pod/util.go `IsRestartableInitContainer`).
    pub fn is_restartable(&self) -> bool {
        self.restart_policy.as_deref() == Some("Always")
    }
}

impl Pod {
    pub fn name(&self) -> &str {
        &self.metadata.name
    }
    pub fn is_terminal(&self) -> bool {
        self.status.phase == "Succeeded" || self.status.phase == "Failed"
    }
    pub fn is_deleting(&self) -> bool {
        self.metadata.deletion_timestamp.is_some()
    }
    /// Job-controller "active": not finished and not being deleted.
    pub fn is_active(&self) -> bool {
        !self.is_terminal() && !self.is_deleting()
    }
    pub fn is_ready(&self) -> bool {
        self.status
            .conditions
            .iter()
            .any(|c| c.type_ == "Ready" && c.is_true())
    }
    pub fn has_condition(&self, type_: &str, status: &str) -> bool {
        self.status
            .conditions
            .iter()
            .any(|c| c.type_ == type_ && c.status == status)
    }
    /// Completion index from the annotation, as `getCompletionIndex` reads it.
    pub fn completion_index(&self) -> Option<i32> {
        let v = self
            .metadata
            .annotations
            .get(super::well_known::JOB_COMPLETION_INDEX)?;
        v.parse::<i32>().ok().filter(|i| *i >= 0)
    }
    pub fn has_tracking_finalizer(&self) -> bool {
        self.metadata
            .finalizers
            .iter()
            .any(|f| f == super::well_known::JOB_TRACKING_FINALIZER)
    }
    pub fn restart_count_sum(&self) -> i32 {
        self.status
            .container_statuses
            .iter()
            .chain(&self.status.init_container_statuses)
            .map(|c| c.restart_count)
            .sum()
    }
    pub fn max_restart_count(&self) -> i32 {
        self.status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::table::Table;

    /// Pass-through fields read and write as plain fields of the spec, and the pods copied
    /// from one spec share them until one of them writes.
    #[test]
    fn pass_through_fields_read_and_write_flat_and_are_shared() {
        let json = serde_json::json!({
            "containers": [{"name": "c", "image": "busybox"}],
            "nodeName": "node-1",
            "nodeSelector": {"disk": "ssd"},
            "hostPID": true,
            "affinity": {"nodeAffinity": {}},
            "volumes": [{"name": "v", "emptyDir": {}}],
            "subdomain": "svc",
        });
        let spec: PodSpec = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(spec.node_name, "node-1");
        assert_eq!(
            spec.pass_through.host_pid.as_deref(),
            Some(&serde_json::json!(true))
        );
        assert_eq!(serde_json::to_value(&spec).unwrap(), json);
        let mut copy = spec.clone();
        assert!(Shared::ptr_eq(&copy.pass_through, &spec.pass_through));
        copy.pass_through.subdomain = "other".into();
        assert_eq!(spec.pass_through.subdomain, "svc", "a write copies");
        let plain: PodSpec = serde_json::from_value(serde_json::json!({"containers": []})).unwrap();
        assert!(
            Shared::ptr_eq(&plain.pass_through, &PodSpec::default().pass_through),
            "without pass-through fields: the one empty value"
        );
    }

    type ContainerSlot = fn(&mut Container) -> &mut Raw;

    /// A container's pass-through fields' slots.
    const CONTAINER_RAW: &[(&str, ContainerSlot)] = &[
        ("workingDir", |c| &mut c.working_dir),
        ("ports", |c| &mut c.ports),
        ("resizePolicy", |c| &mut c.resize_policy),
        ("restartPolicyRules", |c| &mut c.restart_policy_rules),
        ("volumeDevices", |c| &mut c.volume_devices),
        ("livenessProbe", |c| &mut c.liveness_probe),
        ("readinessProbe", |c| &mut c.readiness_probe),
        ("startupProbe", |c| &mut c.startup_probe),
        ("lifecycle", |c| &mut c.lifecycle),
        ("terminationMessagePath", |c| {
            &mut c.termination_message_path
        }),
        ("terminationMessagePolicy", |c| {
            &mut c.termination_message_policy
        }),
        ("imagePullPolicy", |c| &mut c.image_pull_policy),
        ("securityContext", |c| &mut c.security_context),
        ("stdin", |c| &mut c.stdin),
        ("stdinOnce", |c| &mut c.stdin_once),
        ("tty", |c| &mut c.tty),
    ];

    /// The flat pod spec's table names its fields as its `Serialize` does.
    #[test]
    fn pod_spec_table_names_the_fields_serialize_writes() {
        let written = crate::api::table::serialized_field_names::<PodSpec>();
        assert_eq!(PodSpecFields::FIELDS, written);
    }

    /// The decoding tables name the fields as the derived `Serialize` writes them: every raw
    /// field set, serialized, decodes back to the same value (a misspelt table entry would
    /// be skipped as unknown and lose the field).
    #[test]
    fn table_decoding_reads_back_every_field_serialize_writes() {
        let value = || Some(Rc::new(serde_json::json!(1)));
        let mut container = Container {
            name: "c".into(),
            image: "busybox".into(),
            command: vec!["sh".into()],
            args: vec!["-c".into()],
            restart_policy: Some("Always".into()),
            volume_mounts: vec![serde_json::json!({"name": "v"})],
            ..Container::default()
        };
        for (_, slot) in CONTAINER_RAW {
            *slot(&mut container) = value();
        }
        let json = serde_json::to_value(&container).unwrap();
        assert_eq!(json.as_object().unwrap().len(), Container::FIELDS.len() - 3);
        let back: Container = serde_json::from_value(json).unwrap();
        assert_eq!(back, container);

        let mut fields = PodSpecFields {
            containers: Shared::new(vec![container.clone()]),
            init_containers: Shared::new(vec![container]),
            restart_policy: Some("Never".into()),
            subdomain: "s".into(),
            ..PodSpecFields::default()
        };
        for (_, slot) in PodSpecFields::RAW {
            *slot(&mut fields) = value();
        }
        let spec = PodSpec::from(fields);
        let json = serde_json::to_value(&spec).unwrap();
        for name in PodSpecFields::RAW.iter().map(|(name, _)| name) {
            assert!(json.get(name).is_some(), "{name} is not written");
        }
        let back: PodSpec = serde_json::from_value(json).unwrap();
        assert_eq!(back, spec);
    }
}
