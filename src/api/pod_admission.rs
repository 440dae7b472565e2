//! What a pod holds in the API that the simulation has no use for, as a cluster shows it:
//! what the API server's admission chain adds when the pod is created, and the IDs the
//! kubelet reports for its containers.
//!
//! - The Priority plugin (plugin/pkg/admission/priority/admission.go): `priority: 0` and
//!   `preemptionPolicy: PreemptLowerPriority` when no priority class applies.
//! - The ServiceAccount plugin (plugin/pkg/admission/serviceaccount/admission.go): the
//!   `default` service account, and unless the pod opts out, the projected
//!   `kube-api-access-xxxxx` volume mounted read-only in every container.
//! - The DefaultTolerationSeconds plugin (plugin/pkg/admission/defaulttolerationseconds/
//!   admission.go): 300 s tolerations of the `not-ready` and `unreachable` taints.
//! - The kubelet's container status (pkg/kubelet/kubelet_pods.go `convertToAPIContainerStatuses`):
//!   a `containerID` once the container was created, and its image's `imageID` once pulled.
//!
//! The engine keeps pods without any of it: a pod of a 100,000-pod run carries none of it, and
//! nothing simulated reads it. Every view of a pod (the record, `-o yaml`, `describe`) goes
//! through [`admitted`], so all of them agree.

use std::rc::Rc;

use serde_json::Value;

use super::json::object;
use super::pod::{Container, ContainerStatus, Pod};
use super::str::Str;

/// Where the ServiceAccount plugin mounts the API access volume (`DefaultAPITokenMountPath`).
pub const API_ACCESS_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

/// The pod as the API server stores it and its kubelet reports it. Adding what is already
/// there changes nothing, so a pod read back from its own record is admitted again unchanged.
pub fn admitted(pod: &Pod) -> Pod {
    let mut p = pod.clone();
    admit_priority(&mut p);
    admit_service_account(&mut p);
    admit_default_tolerations(&mut p);
    let uid = p.metadata.uid.clone();
    for statuses in [
        &mut p.status.init_container_statuses,
        &mut p.status.container_statuses,
    ] {
        for status in statuses.iter_mut() {
            report_ids(status, &uid);
        }
    }
    p
}

fn admit_priority(pod: &mut Pod) {
    let pass = &pod.spec.pass_through;
    let has_class = pass
        .priority_class_name
        .as_deref()
        .and_then(Value::as_str)
        .is_some_and(|c| !c.is_empty());
    // A pod of a priority class keeps what the class says; jobplay has no PriorityClass
    // objects, so it shows neither.
    if has_class || (pass.priority.is_some() && pass.preemption_policy.is_some()) {
        return;
    }
    let pass = &mut *pod.spec.pass_through;
    pass.priority.get_or_insert_with(|| Rc::new(Value::from(0)));
    pass.preemption_policy
        .get_or_insert_with(|| Rc::new(Value::from("PreemptLowerPriority")));
}

fn admit_service_account(pod: &mut Pod) {
    let named = |raw: &Option<Rc<Value>>| {
        raw.as_deref()
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty())
    };
    if !named(&pod.spec.pass_through.service_account_name) {
        let pass = &mut *pod.spec.pass_through;
        pass.service_account_name = Some(Rc::new(Value::from("default")));
        pass.service_account = Some(Rc::new(Value::from("default")));
    }
    let opted_out = pod
        .spec
        .pass_through
        .automount_service_account_token
        .as_deref()
        .and_then(Value::as_bool)
        == Some(false);
    if opted_out {
        return;
    }
    let existing = pod.spec.pass_through.volumes.iter().find_map(|v| {
        let name = v.get("name")?.as_str()?;
        name.starts_with("kube-api-access-")
            .then(|| name.to_string())
    });
    let volume = existing
        .clone()
        .unwrap_or_else(|| format!("kube-api-access-{}", name_suffix(&pod.metadata.uid)));
    let mount = object([
        ("mountPath", API_ACCESS_MOUNT_PATH.into()),
        ("name", volume.as_str().into()),
        ("readOnly", true.into()),
    ]);
    let mut needed = false;
    for containers in [&mut pod.spec.init_containers, &mut pod.spec.containers] {
        if containers.iter().all(mounts_api_access) {
            continue;
        }
        for c in containers.iter_mut().filter(|c| !mounts_api_access(c)) {
            c.volume_mounts.push(mount.clone());
            needed = true;
        }
    }
    if needed && existing.is_none() {
        pod.spec.pass_through.volumes.push(token_volume(&volume));
    }
}

fn mounts_api_access(c: &Container) -> bool {
    c.volume_mounts
        .iter()
        .any(|m| m.get("mountPath").and_then(Value::as_str) == Some(API_ACCESS_MOUNT_PATH))
}

/// `TokenVolumeSource`: a bound token for an hour and seven seconds, the cluster's CA and the
/// pod's namespace.
fn token_volume(name: &str) -> Value {
    let token = object([("expirationSeconds", 3607.into()), ("path", "token".into())]);
    let ca = object([("key", "ca.crt".into()), ("path", "ca.crt".into())]);
    let config_map = object([
        ("items", Value::Array(vec![ca])),
        ("name", "kube-root-ca.crt".into()),
    ]);
    let namespace = object([
        (
            "fieldRef",
            object([
                ("apiVersion", "v1".into()),
                ("fieldPath", "metadata.namespace".into()),
            ]),
        ),
        ("path", "namespace".into()),
    ]);
    let sources = vec![
        object([("serviceAccountToken", token)]),
        object([("configMap", config_map)]),
        object([(
            "downwardAPI",
            object([("items", Value::Array(vec![namespace]))]),
        )]),
    ];
    let projected = object([
        ("defaultMode", 420.into()),
        ("sources", Value::Array(sources)),
    ]);
    object([("name", name.into()), ("projected", projected)])
}

/// `names.SimpleNameGenerator`'s five characters, from its alphabet, drawn from the pod's UID
/// rather than at random, so a run's record stays the same.
fn name_suffix(uid: &str) -> String {
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    let mut h = hash(uid.as_bytes(), 0x6b75_6265);
    (0..5)
        .map(|_| {
            let c = ALPHABET[(h % ALPHABET.len() as u64) as usize] as char;
            h /= ALPHABET.len() as u64;
            c
        })
        .collect()
}

fn admit_default_tolerations(pod: &mut Pod) {
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        let tolerated = pod.spec.pass_through.tolerations.iter().any(|t| {
            (field(t, "key") == key || field(t, "key").is_empty())
                && matches!(field(t, "effect"), "" | "NoExecute")
        });
        if !tolerated {
            pod.spec.pass_through.tolerations.push(object([
                ("effect", "NoExecute".into()),
                ("key", key.into()),
                ("operator", "Exists".into()),
                ("tolerationSeconds", 300.into()),
            ]));
        }
    }
}

fn field<'a>(t: &'a Value, name: &str) -> &'a str {
    t.get(name).and_then(Value::as_str).unwrap_or("")
}

/// The runtime's container ID (`containerd://` and 64 hex digits, one per container instance)
/// once the container was created, and the image's digest once it was pulled.
fn report_ids(status: &mut ContainerStatus, pod_uid: &str) {
    let created = status.state.running.is_some()
        || status.state.terminated.is_some()
        || status.last_state.terminated.is_some();
    if !created || !status.container_id.is_empty() {
        return;
    }
    let instance = format!("{pod_uid}/{}/{}", status.name, status.restart_count);
    status.container_id = Str::format(format_args!(
        "containerd://{}",
        hex_digest(instance.as_bytes())
    ));
    status.image_id = Str::format(format_args!("{}", image_id(&status.image)));
}

/// The repository digest containerd reports for an image: the reference's repository as
/// Docker's normalization writes it in full (`busybox:1.36` is
/// `docker.io/library/busybox`), then `@sha256:` and a digest (the reference's own, or one
/// drawn from its text: jobplay pulls no image).
pub fn image_id(image: &str) -> String {
    let (name, digest) = match image.split_once('@') {
        Some((name, digest)) => (name, digest.to_string()),
        None => (image, format!("sha256:{}", hex_digest(image.as_bytes()))),
    };
    // The tag follows the last ':' after the last '/' (a registry's port comes before it).
    let repository = match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => &name[..i],
        _ => name,
    };
    let first = repository.split('/').next().unwrap_or("");
    let has_domain = repository.contains('/')
        && (first.contains('.') || first.contains(':') || first == "localhost");
    let full = if has_domain {
        repository.to_string()
    } else if repository.contains('/') {
        format!("docker.io/{repository}")
    } else {
        format!("docker.io/library/{repository}")
    };
    format!("{full}@{digest}")
}

/// 64 hex digits drawn from `bytes` (four FNV-1a hashes with different seeds).
fn hex_digest(bytes: &[u8]) -> String {
    (0..4u64)
        .map(|i| format!("{:016x}", hash(bytes, i)))
        .collect()
}

fn hash(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // A final mix, so that near texts differ in every digit.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_ids_name_the_repository_in_full() {
        let digest = |s: &str| s.split_once('@').map(|(n, _)| n.to_string()).unwrap();
        assert_eq!(
            digest(&image_id("busybox:1.36")),
            "docker.io/library/busybox"
        );
        assert_eq!(digest(&image_id("perl:5.34.0")), "docker.io/library/perl");
        assert_eq!(
            digest(&image_id("bitnami/kubectl")),
            "docker.io/bitnami/kubectl"
        );
        assert_eq!(
            digest(&image_id("gcr.io/myproject/job-wq-1")),
            "gcr.io/myproject/job-wq-1"
        );
        assert_eq!(
            digest(&image_id("localhost:5000/worker:v2")),
            "localhost:5000/worker"
        );
        assert_eq!(
            image_id("busybox@sha256:abc"),
            "docker.io/library/busybox@sha256:abc"
        );
        assert!(image_id("busybox").starts_with("docker.io/library/busybox@sha256:"));
        assert_eq!(
            image_id("busybox").len(),
            "docker.io/library/busybox@sha256:".len() + 64
        );
    }

    #[test]
    fn a_volume_suffix_is_five_of_the_name_generators_characters() {
        let s = name_suffix("6f68261b-8937-4b46-9ae4-ac0b28375201");
        assert_eq!(s.len(), 5);
        assert!(s
            .bytes()
            .all(|b| b"bcdfghjklmnpqrstvwxz2456789".contains(&b)));
        assert_ne!(s, name_suffix("6f68261b-8937-4b46-9ae4-ac0b28375202"));
    }
}
