//! Field errors rendered as `k8s.io/apimachinery/pkg/util/validation/field/errors.go` does
//! (`Error.Error` and `ErrorType.String`): `<path>: <type phrase>[: <value>][: <detail>]`.

/// One validation error, before it is placed on a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub body: String,
}

impl FieldError {
    pub fn required(path: &str, detail: &str) -> Self {
        let body = if detail.is_empty() {
            "Required value".to_string()
        } else {
            format!("Required value: {detail}")
        };
        FieldError {
            path: path.into(),
            body,
        }
    }
    /// `Invalid value: <value>: <detail>`; pass the value already rendered (see [`quote`]).
    pub fn invalid(path: &str, value: impl std::fmt::Display, detail: &str) -> Self {
        FieldError {
            path: path.into(),
            body: format!("Invalid value: {value}: {detail}"),
        }
    }
    pub fn not_supported(path: &str, value: &str, supported: &[&str]) -> Self {
        let list: Vec<String> = supported.iter().map(|s| format!("{s:?}")).collect();
        FieldError {
            path: path.into(),
            body: format!(
                "Unsupported value: {value:?}: supported values: {}",
                list.join(", ")
            ),
        }
    }
    pub fn forbidden(path: &str, detail: &str) -> Self {
        FieldError {
            path: path.into(),
            body: format!("Forbidden: {detail}"),
        }
    }
    pub fn too_long(path: &str, max: usize) -> Self {
        FieldError {
            path: path.into(),
            body: format!("Too long: may not be more than {max} bytes"),
        }
    }
    /// The full message as kubectl prints one error.
    pub fn message(&self) -> String {
        format!("{}: {}", self.path, self.body)
    }
}

/// A string value as Go's `%q` prints it in an `Invalid value` message.
pub fn quote(s: &str) -> String {
    format!("{s:?}")
}

/// `IsDNS1123Label`: the messages apimachinery gives, joined as the API server joins them.
pub fn dns1123_label_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !is_dns1123_label_shape(value) {
        errs.push("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".to_string());
    }
    errs
}

fn is_dns1123_label_shape(v: &str) -> bool {
    let b = v.as_bytes();
    !b.is_empty()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// `IsDNS1123Subdomain` (object names of Jobs, CronJobs, ConfigMaps ...).
pub fn dns1123_subdomain_errors(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 253 {
        errs.push("must be no more than 253 characters".to_string());
    }
    if value.is_empty() || !value.split('.').all(is_dns1123_label_shape) {
        errs.push("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')".to_string());
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_the_api_server() {
        assert_eq!(
            FieldError::required("spec.completions", "when completion mode is Indexed").message(),
            "spec.completions: Required value: when completion mode is Indexed"
        );
        assert_eq!(FieldError::not_supported("spec.completionMode", "Foo", &["NonIndexed", "Indexed"]).message(), "spec.completionMode: Unsupported value: \"Foo\": supported values: \"NonIndexed\", \"Indexed\"");
        assert_eq!(
            FieldError::invalid("spec.parallelism", -1, "must be greater than or equal to 0")
                .message(),
            "spec.parallelism: Invalid value: -1: must be greater than or equal to 0"
        );
    }

    #[test]
    fn dns_names() {
        assert!(dns1123_label_errors("pi-2").is_empty());
        assert_eq!(dns1123_label_errors("Pi").len(), 1);
        assert_eq!(dns1123_label_errors(&"a".repeat(64)).len(), 1);
        assert!(dns1123_subdomain_errors("a.b-c").is_empty());
        assert_eq!(dns1123_subdomain_errors("-a").len(), 1);
    }
}
