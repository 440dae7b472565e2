//! The kubernetes.io example manifests the guides apply by URL
//! (`kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml`), bundled: jobplay
//! fetches nothing. Copies of website/content/en/examples in kubernetes/website, as the guides
//! print them.

/// (path under `/examples/`, text).
const BUNDLED: &[(&str, &str)] = &[
    ("controllers/job.yaml", include_str!("examples/job.yaml")),
    (
        "application/job/cronjob.yaml",
        include_str!("examples/cronjob.yaml"),
    ),
    (
        "application/job/indexed-job.yaml",
        include_str!("examples/indexed-job.yaml"),
    ),
    (
        "application/job/indexed-job-vars.yaml",
        include_str!("examples/indexed-job-vars.yaml"),
    ),
    (
        "controllers/job-pod-failure-policy-failjob.yaml",
        include_str!("examples/job-pod-failure-policy-failjob.yaml"),
    ),
    (
        "controllers/job-pod-failure-policy-ignore.yaml",
        include_str!("examples/job-pod-failure-policy-ignore.yaml"),
    ),
    (
        "controllers/job-pod-failure-policy-config-issue.yaml",
        include_str!("examples/job-pod-failure-policy-config-issue.yaml"),
    ),
];

/// The URLs of the bundled examples.
pub fn urls() -> impl Iterator<Item = String> {
    BUNDLED
        .iter()
        .map(|(name, _)| format!("https://kubernetes.io/examples/{name}"))
}

/// Whether `path` is a URL (kubectl reads `http://` and `https://` filenames over the network).
pub fn is_url(path: &str) -> bool {
    path.starts_with("http://") || path.starts_with("https://")
}

/// The bundled text for `url`, or an error naming the URL and what is bundled.
pub fn fetch(url: &str) -> Result<&'static str, String> {
    let rest = url
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let path = [
        "kubernetes.io/examples/",
        "k8s.io/examples/",
        "www.kubernetes.io/examples/",
    ]
    .iter()
    .find_map(|host| rest.strip_prefix(host));
    path.and_then(|p| BUNDLED.iter().find(|(name, _)| *name == p))
        .map(|(_, text)| *text)
        .ok_or_else(|| {
            let list: Vec<String> = BUNDLED
                .iter()
                .map(|(name, _)| format!("https://kubernetes.io/examples/{name}"))
                .collect();
            format!(
                "jobplay fetches nothing and has no copy of \"{url}\"; its bundled examples are: {}",
                list.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_example_loads_without_errors() {
        for (name, text) in BUNDLED {
            let loaded = crate::scenario::load(text);
            assert!(!loaded.has_errors(), "{name}: {:?}", loaded.diagnostics);
            assert!(!loaded.is_empty(), "{name}");
        }
    }

    #[test]
    fn both_hosts_resolve_and_others_are_named() {
        assert!(fetch("https://k8s.io/examples/application/job/cronjob.yaml").is_ok());
        assert!(fetch("https://kubernetes.io/examples/controllers/job.yaml").is_ok());
        let e = fetch("https://example.com/job.yaml").unwrap_err();
        assert!(
            e.starts_with(
                "jobplay fetches nothing and has no copy of \"https://example.com/job.yaml\""
            ),
            "{e}"
        );
    }
}
