//! The files a pod's containers see (docs/scenario.md, "Volumes and files"): each
//! `volumeMount` of the container, from the pod's `volumes`: an `emptyDir` the pod keeps
//! between its containers (an init container's writes reach the app containers), and the
//! read-only `configMap`, `secret` and `downwardAPI` volumes made from the scenario's
//! documents and the pod (pkg/volume/util/atomic_writer.go writes their files; the
//! downward API's values as pkg/fieldpath/fieldpath.go gives them). `subPath` mounts one
//! entry of a volume. A volume jobplay cannot hold across pods (`hostPath`, a claim) is an
//! empty directory the pod's containers share, with a note.

use std::collections::BTreeMap;

use crate::sorted_map::SortedMap;

use crate::api::{Container, Pod};
use crate::scenario::Scenario;
use crate::sh::Fs;

/// The writable volumes' files that outlive one container: by volume, relative path →
/// text (`None` for a directory).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PodFiles {
    volumes: SortedMap<SortedMap<Option<String>>>,
}

/// One mount of a writable volume, to copy back after the container ran.
pub struct Mount {
    path: String,
    volume: String,
    sub_path: String,
}

/// The container's view: its files and the writable mounts, with a note on what jobplay
/// had to assume.
pub fn container_fs(
    pod: &Pod,
    container: &Container,
    scenario: &Scenario,
    files: &PodFiles,
) -> (Fs, Vec<Mount>, Option<String>) {
    let mut fs = Fs::default();
    let mut mounts = Vec::new();
    let mut note = None;
    for m in &container.volume_mounts {
        let text = |k: &str| m.get(k).and_then(serde_json::Value::as_str).unwrap_or("");
        let (name, mount_path, sub_path) = (
            text("name"),
            text("mountPath"),
            text("subPath").trim_matches('/'),
        );
        if mount_path.is_empty() {
            continue;
        }
        let read_only = m
            .get("readOnly")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        let Some(volume) = pod
            .spec
            .pass_through
            .volumes
            .iter()
            .find(|v| v.get("name").and_then(serde_json::Value::as_str) == Some(name))
        else {
            continue;
        };
        let target = crate::sh::fs::absolute("/", mount_path);
        let data = volume_files(pod, volume, scenario);
        let projected = data.is_some();
        let entries = match data {
            Some(entries) => entries,
            None => {
                if volume.get("emptyDir").is_none() {
                    note.get_or_insert_with(|| {
                        let mut n = String::from("the volume \"");
                        n.push_str(name);
                        n.push_str("\" is simulated as an empty directory the pod's containers share; its data does not outlive the pod");
                        n
                    });
                }
                if !read_only {
                    mounts.push(Mount {
                        path: target.clone(),
                        volume: name.to_string(),
                        sub_path: sub_path.to_string(),
                    });
                }
                files.volumes.get(name).cloned().unwrap_or_default()
            }
        };
        mount(&mut fs, &target, sub_path, &entries);
        // configMap, secret and downwardAPI volumes are always mounted read-only.
        if read_only || projected {
            fs.set_read_only(&target);
        }
    }
    (fs, mounts, note)
}

/// Puts a volume's entries (under `sub_path`, if given) at `target`.
fn mount(fs: &mut Fs, target: &str, sub_path: &str, entries: &SortedMap<Option<String>>) {
    if !sub_path.is_empty() {
        if let Some(Some(text)) = entries.get(sub_path) {
            fs.put(target, text);
            return;
        }
    }
    fs.mount_dir(target);
    for (rel, text) in entries.iter() {
        let rel = if sub_path.is_empty() {
            rel.as_str()
        } else {
            match rel.strip_prefix(sub_path).and_then(|r| r.strip_prefix('/')) {
                Some(r) => r,
                None => continue,
            }
        };
        let mut path = target.trim_end_matches('/').to_string();
        path.push('/');
        path.push_str(rel);
        match text {
            Some(t) => fs.put(&path, t),
            None => fs.mount_dir(&path),
        }
    }
}

/// The files of a configMap, secret or downwardAPI volume; `None` for the other kinds.
fn volume_files(
    pod: &Pod,
    volume: &serde_json::Value,
    scenario: &Scenario,
) -> Option<SortedMap<Option<String>>> {
    let mut out = SortedMap::default();
    let items = |source: &serde_json::Value| -> Vec<(String, String)> {
        source
            .get("items")
            .and_then(serde_json::Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .map(|i| {
                        let s = |k: &str| {
                            i.get(k)
                                .and_then(serde_json::Value::as_str)
                                .unwrap_or("")
                                .to_string()
                        };
                        (s("key"), s("path"))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut keyed = |data: Option<&BTreeMap<String, String>>, source: &serde_json::Value| {
        let Some(data) = data else { return };
        let chosen = items(source);
        if chosen.is_empty() {
            for (k, v) in data {
                out.insert(k.clone(), Some(v.clone()));
            }
        } else {
            for (key, path) in chosen {
                if let Some(v) = data.get(&key) {
                    out.insert(path, Some(v.clone()));
                }
            }
        }
    };
    if let Some(cm) = volume.get("configMap") {
        let name = cm
            .get("name")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        keyed(scenario.config_map(name), cm);
    } else if let Some(secret) = volume.get("secret") {
        let name = secret
            .get("secretName")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        keyed(scenario.secret(name), secret);
    } else if let Some(downward) = volume.get("downwardAPI") {
        for item in downward
            .get("items")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
        {
            let path = item
                .get("path")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("");
            let field = item
                .get("fieldRef")
                .and_then(|f| f.get("fieldPath"))
                .and_then(serde_json::Value::as_str);
            if let (false, Some(field)) = (path.is_empty(), field) {
                out.insert(
                    path.to_string(),
                    Some(crate::api::fieldpath::field_value(pod, field)),
                );
            }
        }
    } else {
        return None;
    }
    // Each file's directories exist too.
    let dirs: Vec<String> = out
        .iter()
        .map(|(k, _)| k)
        .flat_map(|k| {
            k.match_indices('/')
                .map(|(i, _)| k[..i].to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    for d in dirs {
        out.get_or_insert_with(&d, || None);
    }
    Some(out)
}

/// Keeps what the container left in its writable volumes for the containers after it.
pub fn keep_writes(fs: &Fs, mounts: &[Mount], files: &mut PodFiles) {
    for m in mounts {
        let volume = files
            .volumes
            .get_or_insert_with(&m.volume, SortedMap::default);
        let prefix = if m.sub_path.is_empty() {
            String::new()
        } else {
            let mut p = m.sub_path.clone();
            p.push('/');
            p
        };
        volume.retain(|k, _| !(prefix.is_empty() || k.starts_with(&prefix) || *k == m.sub_path));
        if !m.sub_path.is_empty() {
            volume.insert(m.sub_path.clone(), None);
        }
        for (path, text) in fs.under(&m.path) {
            let rel = &path[m.path.len() + usize::from(m.path != "/")..];
            let mut key = prefix.clone();
            key.push_str(rel);
            volume.insert(key, text.map(str::to_string));
        }
    }
}
