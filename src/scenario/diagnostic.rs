//! What the user is told about their input: errors that keep an object from running, and
//! warnings that do not.

use serde::Serialize;

use super::yaml::Pos;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The object (or document) is not run.
    Error,
    /// Reported; the object still runs.
    Warning,
}

/// One message about the input, pointing at a document, a line and a field path.
/// Serialized exactly as the record's `diagnostics` entries (docs/scenario.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Zero-based document index in the pasted stream.
    pub document: usize,
    /// 1-based line in the pasted text (0 when the diagnostic is not about a place in the text).
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The field path, Kubernetes style (`spec.template.spec.containers[0].image`); empty for the
    /// document as a whole.
    pub path: String,
    pub message: String,
    /// A plain-language line on what probably went wrong (`hints.rs`), beside the API server's
    /// exact message. For people, not for the record: it is not serialized.
    #[serde(skip)]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(
        document: usize,
        pos: Pos,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, document, pos, path, message)
    }
    pub fn warning(
        document: usize,
        pos: Pos,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, document, pos, path, message)
    }
    fn new(
        severity: Severity,
        document: usize,
        pos: Pos,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            document,
            line: pos.line,
            column: pos.column,
            path: path.into(),
            message: message.into(),
            hint: None,
        }
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column: severity: message`, as `jobplay validate` prints it.
    pub fn render(&self, file: &str) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "{file}:{}:{}: {sev}: {}",
            self.line, self.column, self.message
        )
    }
}
