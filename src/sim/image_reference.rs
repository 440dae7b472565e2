//! Whether a container's `image` is a reference the kubelet can read: the kubelet's image
//! manager reads it with github.com/distribution/reference `ParseNormalizedNamed` (through
//! pkg/util/parsers `ParseImageName`) before anything is pulled, and a reference it cannot
//! read leaves the container waiting in `InvalidImageName` (pkg/kubelet/images
//! image_manager.go `EnsureImageExists`). The grammar is regexp.go's, matched by hand:
//!
//! ```text
//! reference := name [ ":" tag ] [ "@" digest ]
//! name      := [ domain-and-port "/" ] path-component { "/" path-component }
//! ```
//!
//! Go lowers with `strings.ToLower`, so non-ASCII text lowers as Unicode says (the Kelvin
//! sign becomes `k`, and the messages tell uppercase from a bad format by it):
//! `crate::lowercase` lowers as core does, without core's table.

use crate::lowercase::{changes_when_lowered, to_lowercase};

/// The kubelet's message for an image it cannot read, or `None` for a readable one:
/// `couldn't parse image name "X": invalid reference format`.
pub fn parse_error(image: &str) -> Option<String> {
    let err = parse_normalized_named(image).err()?;
    Some(format!("couldn't parse image name \"{image}\": {err}"))
}

/// `ParseNormalizedNamed`: a Docker Hub short name gains `docker.io/` (and `library/`), then
/// the whole reference is parsed. Every kubelet pull reads the image, so a readable one is
/// checked in place, in the parts the normalization gives, without building the full text.
fn parse_normalized_named(s: &str) -> Result<(), String> {
    if s.len() == 64 && s.bytes().all(|b| matches!(b, b'a'..=b'f' | b'0'..=b'9')) {
        return Err(format!(
            "invalid repository name ({s}), cannot specify 64-byte hexadecimal strings"
        ));
    }
    let (domain, library, rest) = split_docker_domain(s);
    let library = if library { "library/" } else { "" };
    let remote = rest.split(':').next().unwrap_or("");
    // Go's `strings.ToLower(remote) != remote`.
    if remote.chars().any(changes_when_lowered) {
        return Err(format!(
            "invalid reference format: repository name ({library}{remote}) must be lowercase"
        ));
    }
    parse(domain, library, rest)
}

/// `splitDockerDomain`: the registry part of a name, Docker Hub's when there is none; the
/// remote name is `library/` (when the flag says so) followed by the rest.
fn split_docker_domain(name: &str) -> (&str, bool, &str) {
    let Some((maybe_domain, maybe_remote)) = name.split_once('/') else {
        return ("docker.io", true, name);
    };
    let (domain, remote) = if maybe_domain == "localhost"
        || maybe_domain.contains(['.', ':'])
        || has_upper_case(maybe_domain)
    {
        (maybe_domain, maybe_remote)
    } else if maybe_domain == "index.docker.io" {
        ("docker.io", maybe_remote)
    } else {
        ("docker.io", name)
    };
    (
        domain,
        domain == "docker.io" && !remote.contains('/'),
        remote,
    )
}

/// Go's `strings.ToLower(s) != s`, without building the lower-case copy.
fn has_upper_case(s: &str) -> bool {
    s.chars().any(changes_when_lowered)
}

/// `reference.Parse` of `domain/library rest`: the reference grammar, the name's length,
/// the digest.
fn parse(domain: &str, library: &str, rest: &str) -> Result<(), String> {
    // The text starts with `domain/`, so it matches either with `domain` as its registry or
    // with `domain` as the first component of a remote name; the rest must match alone.
    let domain_ok = is_domain_and_port(domain);
    let matched =
        match_reference(rest, is_remote_name).filter(|_| domain_ok || is_path_component(domain));
    let Some((name, digest)) = matched else {
        let full = format!("{domain}/{library}{rest}");
        return Err(
            if match_reference(&to_lowercase(&full), is_name).is_some() {
                "repository name must be lowercase"
            } else {
                "invalid reference format"
            }
            .into(),
        );
    };
    // The path is the name without its registry (`anchoredNameRegexp`'s second group).
    let path_len = library.len() + name.len() + if domain_ok { 0 } else { domain.len() + 1 };
    if path_len > 255 {
        return Err("repository name must not be more than 255 characters".into());
    }
    match digest {
        Some(d) => validate_digest(d),
        None => Ok(()),
    }
}

/// The name and digest of a reference that matches `ReferencePat`, if it does.
/// `name_ok` says what may stand before the tag: a whole name, or (after a registry already
/// read) a remote name.
fn match_reference(s: &str, name_ok: fn(&str) -> bool) -> Option<(&str, Option<&str>)> {
    let (rest, digest) = match s.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest).filter(|d| is_digest(d))?.into()),
        None => (s, None),
    };
    // A tag follows the last `:` when no `/` comes after it; otherwise any `:` is a port.
    if let Some((name, tag)) = rest.rsplit_once(':') {
        if !tag.contains('/') && is_tag(tag) && name_ok(name) {
            return Some((name, digest));
        }
    }
    name_ok(rest).then_some((rest, digest))
}

fn is_name(s: &str) -> bool {
    is_remote_name(s)
        || s.split_once('/')
            .is_some_and(|(domain, remote)| is_domain_and_port(domain) && is_remote_name(remote))
}

fn is_remote_name(s: &str) -> bool {
    s.split('/').all(is_path_component)
}

/// `alphanumeric (separator alphanumeric)*` with lowercase alphanumerics and the separators
/// `.`, `_`, `__` and `-`+.
fn is_path_component(s: &str) -> bool {
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !s.starts_with(alnum) || !s.ends_with(alnum) {
        return false;
    }
    s.split(alnum)
        .filter(|sep| !sep.is_empty())
        .all(|sep| matches!(sep, "." | "_" | "__") || sep.bytes().all(|b| b == b'-'))
}

/// `host (":" port)?`, the host a domain name or a bracketed IPv6 address.
fn is_domain_and_port(s: &str) -> bool {
    let (host, port) = match s.rfind(':') {
        Some(i) if !s[i + 1..].contains(']') => (&s[..i], Some(&s[i + 1..])),
        _ => (s, None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let ipv6 = host.len() > 2
        && host.starts_with('[')
        && host.ends_with(']')
        && host[1..host.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':');
    port_ok && (ipv6 || host.split('.').all(is_domain_component))
}

fn is_domain_component(s: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric();
    s.starts_with(ok) && s.ends_with(ok) && s.chars().all(|c| ok(c) || c == '-')
}

/// `[\w][\w.-]{0,127}`.
fn is_tag(s: &str) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    s.len() <= 128 && s.starts_with(word) && s.chars().all(|c| word(c) || c == '.' || c == '-')
}

/// `algorithm ":" hex{32,}`, the algorithm letters and digits in parts joined by `-_+.`.
fn is_digest(s: &str) -> bool {
    let Some((algorithm, hex)) = s.split_once(':') else {
        return false;
    };
    let part_ok = |p: &str| {
        p.starts_with(|c: char| c.is_ascii_alphabetic())
            && p.chars().all(|c| c.is_ascii_alphanumeric())
    };
    algorithm.split(['-', '_', '+', '.']).all(part_ok)
        && hex.len() >= 32
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// go-digest's `Digest.Validate` for a digest the grammar accepted: a known algorithm
/// (sha256, sha384, sha512) with its exact length of lowercase hex.
fn validate_digest(d: &str) -> Result<(), String> {
    let (algorithm, hex) = d.split_once(':').unwrap_or((d, ""));
    let size = match algorithm {
        "sha256" => 32,
        "sha384" => 48,
        "sha512" => 64,
        _ => return Err("unsupported digest algorithm".into()),
    };
    if hex.len() != size * 2 {
        return Err("invalid checksum digest length".into());
    }
    if !hex.bytes().all(|b| matches!(b, b'a'..=b'f' | b'0'..=b'9')) {
        return Err("invalid checksum digest format".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What distribution/reference v0.6.0's `ParseNormalizedNamed` answers (checked by running
    /// it, with sha256 and sha512 linked as they are in the kubelet), for the images of the
    /// guides and the edges of the grammar.
    #[test]
    fn reads_references_as_the_kubelet_does() {
        let sha = "sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";
        for (image, want) in [
            ("busybox", None),
            ("busybox:1.36", None),
            ("perl:5.34.0", None),
            ("docker.io/library/busybox:latest", None),
            ("gcr.io/project/job-wq-1", None),
            ("localhost:5000/queue_worker:v1", None),
            ("localhost:5000", None),
            ("registry.k8s.io/e2e-test-images/agnhost:2.52", None),
            ("[::1]:5000/busybox", None),
            ("a__b/c-----d.e_f", None),
            (&format!("busybox@{sha}") as &str, None),
            (&format!("busybox:1.36@{sha}"), None),
            ("gcr.io/<project>/job-wq-1", Some("invalid reference format")),
            ("Busybox", Some("invalid reference format: repository name (library/Busybox) must be lowercase")),
            ("busybox:", Some("invalid reference format")),
            ("busybox:-tag", Some("invalid reference format")),
            ("a___b", Some("invalid reference format")),
            ("-busybox", Some("invalid reference format")),
            ("busy box", Some("invalid reference format")),
            ("", Some("invalid reference format")),
            ("Gcr.io/x", None),
            ("gcr.io/foo.com:5000/bar", Some("invalid reference format")),
            ("a_b.c/repo", None),
            ("a_b.c:5000/repo", Some("invalid reference format")),
            ("LOCALHOST/x", None),
            ("localhost/X", Some("invalid reference format: repository name (X) must be lowercase")),
            ("docker.io/Library/busybox", Some("invalid reference format: repository name (Library/busybox) must be lowercase")),
            ("busybox@sha256:abc", Some("invalid reference format")),
            ("busybox@md5:ffffffffffffffffffffffffffffffff", Some("unsupported digest algorithm")),
            ("busybox@sha256:ffffffffffffffffffffffffffffffff", Some("invalid checksum digest length")),
            (&format!("busybox@sha256:{}", "F".repeat(64)), Some("invalid checksum digest format")),
            (&"f".repeat(64), Some("invalid repository name (ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff), cannot specify 64-byte hexadecimal strings")),
            (&format!("a/{}", "b".repeat(260)), Some("repository name must not be more than 255 characters")),
        ] {
            let got = parse_normalized_named(image).err();
            assert_eq!(got.as_deref(), want, "{image:?}");
        }
    }
}
