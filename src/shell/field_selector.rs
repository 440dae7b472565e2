//! `--field-selector` as the API server reads it: apimachinery's `fields.ParseSelector`
//! (`k=v`, `k==v`, `k!=v`, joined by commas), then each kind's field labels
//! (pkg/apis/batch/v1/conversion.go for Jobs; pkg/apis/core/v1/conversion.go for pods,
//! nodes and events; apimachinery's runtime/conversion.go `DefaultMetaV1FieldSelectorConversion`
//! for the rest, CronJobs among them) with their errors.

/// One term: a field label, whether it must equal (else differ), and the value.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Term {
    field: String,
    equals: bool,
    value: String,
}

/// A parsed field selector, with its text as given (errors quote it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSelector {
    pub text: String,
    terms: Vec<Term>,
}

/// The kinds whose field labels differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fields {
    Job,
    Pod,
    Node,
    Event,
    /// `metadata.name` and `metadata.namespace` only (CronJobs and the empty kinds).
    Meta,
}

const JOB: &[&str] = &["metadata.name", "metadata.namespace", "status.successful"];
const POD: &[&str] = &[
    "metadata.name",
    "metadata.namespace",
    "spec.nodeName",
    "spec.restartPolicy",
    "spec.schedulerName",
    "spec.serviceAccountName",
    "spec.hostNetwork",
    "status.phase",
    "status.podIP",
    "status.podIPs",
    "status.nominatedNodeName",
    "spec.host",
];
const NODE: &[&str] = &["metadata.name", "spec.unschedulable"];
const EVENT: &[&str] = &[
    "involvedObject.kind",
    "involvedObject.namespace",
    "involvedObject.name",
    "involvedObject.uid",
    "involvedObject.apiVersion",
    "involvedObject.resourceVersion",
    "involvedObject.fieldPath",
    "reason",
    "reportingComponent",
    "source",
    "type",
    "metadata.namespace",
    "metadata.name",
];

impl FieldSelector {
    /// `fields.ParseSelector`: the error is its text.
    pub fn parse(text: &str) -> Result<FieldSelector, String> {
        let mut terms = Vec::new();
        for part in text.split(',').filter(|p| !p.is_empty()) {
            let (field, equals, value) = if let Some((f, v)) = part.split_once("!=") {
                (f, false, v)
            } else if let Some((f, v)) = part.split_once("==") {
                (f, true, v)
            } else if let Some((f, v)) = part.split_once('=') {
                (f, true, v)
            } else {
                return Err(format!(
                    "invalid selector: '{text}'; can't understand '{part}'"
                ));
            };
            terms.push(Term {
                field: field.trim().to_string(),
                equals,
                value: value.trim().to_string(),
            });
        }
        Ok(FieldSelector {
            text: text.to_string(),
            terms,
        })
    }

    /// The API server's answer to a label it does not index for `kind`, as its conversion
    /// function words it.
    pub fn check(&self, kind: Fields) -> Result<(), String> {
        let (known, wording): (&[&str], fn(&str) -> String) = match kind {
            Fields::Job => (JOB, |l| {
                format!("field label \"{l}\" not supported for Job")
            }),
            Fields::Pod => (POD, |l| format!("field label not supported: {l}")),
            Fields::Node => (NODE, |l| format!("field label not supported: {l}")),
            Fields::Event => (EVENT, |l| format!("field label not supported: {l}")),
            Fields::Meta => (&["metadata.name", "metadata.namespace"], |l| {
                format!("\"{l}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
            }),
        };
        match self
            .terms
            .iter()
            .find(|t| !known.contains(&t.field.as_str()))
        {
            Some(t) => Err(wording(&t.field)),
            None => Ok(()),
        }
    }

    /// Whether an object whose field labels read as `value` matches (every term holds).
    pub fn matches(&self, value: impl Fn(&str) -> String) -> bool {
        self.terms.iter().all(|t| {
            let field = if t.field == "spec.host" {
                "spec.nodeName"
            } else {
                &t.field
            };
            (value(field) == t.value) == t.equals
        })
    }
}
