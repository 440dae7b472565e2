//! A serde `Deserializer` over the positioned YAML tree that never gives up.
//!
//! Type mismatches and unknown fields become diagnostics with the field path and line, and the
//! deserializer carries on with a neutral value, so one object yields every problem at once (as
//! the API server reports all its validation errors). The struct field lists that serde derive
//! passes to `deserialize_struct` are the schema: a key not in the list is an unknown field,
//! worded as `kubectl apply` strict field validation words it, with a "did you mean" hint.
//!
//! All target types use `#[serde(default)]` and `Option`/`String` for enum-like fields, so
//! missing fields never fail here; validation reports them with the API server's words.

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;
use std::fmt;

use super::diagnostic::Diagnostic;
use super::yaml::{Node, Pos, Value};
use crate::decimal::{parse_f64, Decimal};
use crate::sorted_map::SortedMap;

/// What deserializing one document produced besides the value.
#[derive(Default, Debug)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    /// Where each field path was written, so later validation can point at lines.
    pub positions: SortedMap<Pos>,
    /// Each field path as the decoder meets it, sorted into `positions` at the end.
    recorded: Vec<(String, Pos)>,
    /// Every type error as the API server's JSON decoder words it, with where the decoder
    /// meets it; the API server answers with the first ([`Findings::first_go_error`]).
    pub go_errors: Vec<GoTypeError>,
}

/// One type error as `encoding/json`'s `UnmarshalTypeError` prints it (k8s.io's
/// sigs.k8s.io/json decoder keeps its wording): `json: cannot unmarshal string into Go struct
/// field JobSpec.spec.completions of type int32`.
#[derive(Debug, Clone)]
pub struct GoTypeError {
    /// The decoder's visiting order: kubectl sends JSON whose keys are sorted at every level
    /// (sigs.k8s.io/yaml `YAMLToJSON`), so the first error is the smallest path.
    pub order: Vec<Segment>,
    /// Where the bad value is.
    pub pos: Pos,
    /// The jobplay field path, for placing the diagnostic.
    pub path: String,
    /// The decoder's message.
    pub message: String,
}

/// One step of a path in the decoder's visiting order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Segment {
    Key(String),
    Index(usize),
}

impl Findings {
    /// The first position recorded for each path, ready to look up.
    fn settle_positions(&mut self) {
        self.positions = SortedMap::keeping_first(std::mem::take(&mut self.recorded));
    }

    /// The type error the API server reports: `encoding/json` keeps decoding after a type
    /// error and returns the first it met.
    pub fn first_go_error(&self) -> Option<&GoTypeError> {
        self.go_errors.iter().min_by(|a, b| a.order.cmp(&b.order))
    }
}

/// Deserializes `node` into `T`, collecting diagnostics for document `document`.
pub fn from_node<T: de::DeserializeOwned + Default>(node: &Node, document: usize) -> (T, Findings) {
    let sink = RefCell::new(Findings::default());
    let de = NodeDe {
        node,
        path: String::new(),
        document,
        sink: &sink,
        go: GoContext::default(),
    };
    let value = T::deserialize(de).unwrap_or_else(|e| {
        let mut s = sink.borrow_mut();
        s.diagnostics
            .push(Diagnostic::error(document, node.pos, "", *e.0));
        T::default()
    });
    let mut findings = sink.into_inner();
    findings.settle_positions();
    (value, findings)
}

/// The only error this deserializer raises, for shapes serde itself insists on.
#[derive(Debug)]
#[allow(
    clippy::box_collection,
    reason = "one word, where a String is three: every Result the decoding passes up (one per \
              value) is that much smaller, and errors are rare"
)]
pub struct DeError(Box<String>);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for DeError {}
impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError(Box::new(msg.to_string()))
    }

    fn invalid_type(unexpected: de::Unexpected, expected: &dyn de::Expected) -> Self {
        DeError::custom(format_args!(
            "invalid type: {}, expected {expected}",
            Unexpected(unexpected)
        ))
    }

    fn invalid_value(unexpected: de::Unexpected, expected: &dyn de::Expected) -> Self {
        DeError::custom(format_args!(
            "invalid value: {}, expected {expected}",
            Unexpected(unexpected)
        ))
    }
}

/// serde's `Unexpected` as serde words it (serde_core's `impl Display for Unexpected`), with a
/// float written by `decimal` rather than by core's float formatting, which this one message
/// would otherwise link into the page.
struct Unexpected<'a>(de::Unexpected<'a>);

impl fmt::Display for Unexpected<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            // serde_core's `WithDecimalPoint`: a finite value without a `.` gains `.0`.
            de::Unexpected::Float(v) => {
                let text = Decimal(v).to_string();
                let point = if v.is_finite() && !text.contains('.') {
                    ".0"
                } else {
                    ""
                };
                write!(f, "floating point `{text}{point}`")
            }
            other => other.fmt(f),
        }
    }
}

struct NodeDe<'a> {
    node: &'a Node,
    path: String,
    document: usize,
    sink: &'a RefCell<Findings>,
    go: GoContext,
}

/// What `encoding/json`'s error context would hold at this value: the innermost Go struct,
/// the JSON field names from the top (no indices, no map keys), and the visiting order.
#[derive(Clone, Default)]
struct GoContext {
    strukt: &'static str,
    fields: String,
    order: Vec<Segment>,
}

/// A scalar read as kubectl reads it: sigs.k8s.io/yaml resolves plain scalars with go-yaml
/// v2 (go.yaml.in/yaml/v2 `resolve`, YAML 1.1: `yes`/`on`/`y` are booleans, `010` is octal,
/// `1_000` and `0b11` are integers, `1e3` and `3.` are floats); quoted scalars are strings.
enum Typed<'a> {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer above `i64::MAX` that fits a `u64` (go-yaml's `ParseUint` case).
    Uint(u64),
    Float(f64),
    Str(&'a str),
}

/// How `encoding/json` names the JSON value a node becomes, in "cannot unmarshal X into a
/// string": `None` for a string (or null, which leaves a string empty).
pub fn non_string_json_kind(node: &Node) -> Option<&'static str> {
    match (&node.value, typed(node)) {
        (Value::Seq(_), _) => Some("array"),
        (Value::Map(_), _) => Some("object"),
        (_, Some(Typed::Bool(_))) => Some("bool"),
        (_, Some(Typed::Int(_) | Typed::Uint(_) | Typed::Float(_))) => Some("number"),
        _ => None,
    }
}

fn typed(node: &Node) -> Option<Typed<'_>> {
    match &node.value {
        Value::Null => Some(Typed::Null),
        Value::Scalar { text, plain: false } => Some(Typed::Str(text)),
        Value::Scalar { text, plain: true } => Some(resolve(text)),
        _ => None,
    }
}

/// go-yaml v2's `resolve` for a plain scalar (timestamps aside: they stay strings here).
fn resolve(t: &str) -> Typed<'_> {
    match t {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Typed::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Typed::Bool(false)
        }
        "" | "~" | "null" | "Null" | "NULL" => return Typed::Null,
        ".nan" | ".NaN" | ".NAN" => return Typed::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Typed::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Typed::Float(f64::NEG_INFINITY),
        _ => {}
    }
    match t.as_bytes()[0] {
        b'.' => match parse_f64(t) {
            Some(f) if go_float_syntax(t) => Typed::Float(f),
            _ => Typed::Str(t),
        },
        b'0'..=b'9' | b'+' | b'-' => {
            let plain = t.replace('_', "");
            if let Some(i) = go_parse_int(&plain) {
                Typed::Int(i)
            } else if let Some(u) = go_parse_uint(&plain) {
                Typed::Uint(u)
            } else if yaml_style_float(&plain) {
                parse_f64(&plain).map_or(Typed::Str(t), Typed::Float)
            } else if let Some(bits) = plain.strip_prefix("0b") {
                i64::from_str_radix(bits, 2).map_or(Typed::Str(t), Typed::Int)
            } else if let Some(bits) = plain.strip_prefix("-0b") {
                i64::from_str_radix(&format!("-{bits}"), 2).map_or(Typed::Str(t), Typed::Int)
            } else {
                Typed::Str(t)
            }
        }
        _ => Typed::Str(t),
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)`: an optional sign, then `0x`, `0o`, `0b`, a leading `0`
/// (octal) or decimal digits.
fn go_parse_int(s: &str) -> Option<i64> {
    let (negative, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let v = go_parse_magnitude(body)?;
    if negative {
        0i64.checked_sub_unsigned(v)
    } else {
        i64::try_from(v).ok()
    }
}

/// Go's `strconv.ParseUint(s, 0, 64)`: no sign.
fn go_parse_uint(s: &str) -> Option<u64> {
    go_parse_magnitude(s)
}

fn go_parse_magnitude(body: &str) -> Option<u64> {
    let lower = body.to_ascii_lowercase();
    let (digits, radix) = if let Some(h) = lower.strip_prefix("0x") {
        (h.to_string(), 16)
    } else if let Some(o) = lower.strip_prefix("0o") {
        (o.to_string(), 8)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (b.to_string(), 2)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (lower[1..].to_string(), 8)
    } else {
        (lower, 10)
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(&digits, radix).ok()
}

/// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn yaml_style_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let digits = |b: &[u8], i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    let mut i = 0;
    if b.first() == Some(&b'.') {
        i = 1;
        if !digits(b, &mut i) {
            return false;
        }
    } else {
        if !digits(b, &mut i) {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(b, &mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(b, &mut i) {
            return false;
        }
    }
    i == b.len()
}

/// Whether Go's `strconv.ParseFloat` reads `t` (for the `.`-led scalars go-yaml tries).
fn go_float_syntax(t: &str) -> bool {
    yaml_style_float(t)
}

/// A float as Go's encoding/json writes it (sigs.k8s.io/yaml hands kubectl's JSON to it):
/// shortest digits, exponent form only below 1e-6 or from 1e21, `e+21` / `e-7`.
fn go_json_float(f: f64) -> String {
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let e = format!("{:e}", Decimal(f));
        match e.split_once('e') {
            Some((m, exp)) if !exp.starts_with('-') => format!("{m}e+{exp}"),
            _ => e,
        }
    } else {
        Decimal(f).to_string()
    }
}

/// How a node's value is quoted in an `Invalid value:` message.
fn shown(node: &Node) -> String {
    match typed(node) {
        Some(Typed::Str(s)) => format!("{s:?}"),
        Some(Typed::Null) => "null".into(),
        Some(Typed::Bool(b)) => b.to_string(),
        Some(Typed::Int(i)) => i.to_string(),
        Some(Typed::Uint(u)) => u.to_string(),
        Some(Typed::Float(f)) => go_json_float(f),
        None => match node.value {
            Value::Seq(_) => "[...]".into(),
            _ => "{...}".into(),
        },
    }
}

impl<'a> NodeDe<'a> {
    fn child(&self, node: &'a Node, segment: &str) -> NodeDe<'a> {
        let path = if self.path.is_empty() {
            segment.to_string()
        } else if segment.starts_with('[') {
            format!("{}{segment}", self.path)
        } else {
            format!("{}.{segment}", self.path)
        };
        NodeDe {
            node,
            path,
            document: self.document,
            sink: self.sink,
            go: self.go.clone(),
        }
    }

    /// Notes the type error the API server's decoder would report here, `go_type` being the
    /// Go type of the field (`int32`, `[]v1.Container`).
    fn go_error(&self, go_type: &str) {
        let value = match (&self.node.value, typed(self.node)) {
            (Value::Seq(_), _) => "array".to_string(),
            (Value::Map(_), _) => "object".to_string(),
            (_, Some(Typed::Str(_))) => "string".to_string(),
            (_, Some(Typed::Bool(_))) => "bool".to_string(),
            (_, Some(Typed::Int(i)))
                if go_type.starts_with("int") || go_type.starts_with("uint") =>
            {
                // A number that is not an integer of the field's size is quoted as JSON has it.
                format!("number {i}")
            }
            (_, Some(Typed::Uint(u)))
                if go_type.starts_with("int") || go_type.starts_with("uint") =>
            {
                format!("number {u}")
            }
            (_, Some(Typed::Float(f)))
                if go_type.starts_with("int") || go_type.starts_with("uint") =>
            {
                format!("number {}", go_json_float(f))
            }
            (_, Some(Typed::Int(_) | Typed::Uint(_) | Typed::Float(_))) => "number".to_string(),
            _ => return,
        };
        let message = if self.go.strukt.is_empty() {
            format!("json: cannot unmarshal {value} into Go value of type {go_type}")
        } else {
            format!(
                "json: cannot unmarshal {value} into Go struct field {}.{} of type {go_type}",
                self.go.strukt, self.go.fields
            )
        };
        self.sink.borrow_mut().go_errors.push(GoTypeError {
            order: self.go.order.clone(),
            pos: self.node.pos,
            path: self.path.clone(),
            message,
        });
    }

    /// The Go type of a string field: the named string types of the Kubernetes types
    /// jobplay reads, by JSON name and struct, else `string`.
    fn go_string_type(&self) -> &'static str {
        let last = self.go.fields.rsplit('.').next().unwrap_or("");
        match (last, self.go.strukt) {
            ("completionMode", "JobSpec") => "v1.CompletionMode",
            ("podReplacementPolicy", "JobSpec") => "v1.PodReplacementPolicy",
            ("restartPolicy", "PodSpec") => "v1.RestartPolicy",
            ("restartPolicy", "Container") => "v1.ContainerRestartPolicy",
            ("concurrencyPolicy", "CronJobSpec") => "v1.ConcurrencyPolicy",
            ("action", "PodFailurePolicyRule") => "v1.PodFailurePolicyAction",
            ("operator", "PodFailurePolicyOnExitCodesRequirement") => {
                "v1.PodFailurePolicyOnExitCodesOperator"
            }
            ("type", "PodFailurePolicyOnPodConditionsPattern") => "v1.PodConditionType",
            ("status", "PodFailurePolicyOnPodConditionsPattern") => "v1.ConditionStatus",
            ("uid", "ObjectMeta" | "OwnerReference") => "types.UID",
            _ => "string",
        }
    }

    /// The Go type of a list field, by its JSON name (the lists of the Kubernetes types
    /// jobplay reads).
    fn go_list_type(&self) -> String {
        let last = self.go.fields.rsplit('.').next().unwrap_or("");
        let elem = match (last, self.go.strukt) {
            ("containers" | "initContainers" | "ephemeralContainers", _) => "v1.Container",
            ("command" | "args" | "finalizers", _) => "string",
            ("values", "PodFailurePolicyOnExitCodesRequirement") => "int32",
            ("values", _) => "string",
            ("rules", "PodFailurePolicy") => "v1.PodFailurePolicyRule",
            ("rules", "SuccessPolicy") => "v1.SuccessPolicyRule",
            ("onPodConditions", _) => "v1.PodFailurePolicyOnPodConditionsPattern",
            ("matchExpressions", _) => "v1.LabelSelectorRequirement",
            ("env", _) => "v1.EnvVar",
            ("envFrom", _) => "v1.EnvFromSource",
            ("ownerReferences", _) => "v1.OwnerReference",
            _ => "interface {}",
        };
        format!("[]{elem}")
    }

    fn record_position(&self) {
        if !self.path.is_empty() {
            self.sink
                .borrow_mut()
                .recorded
                .push((self.path.clone(), self.node.pos));
        }
    }

    fn error(&self, what: &str) {
        let msg = format!(
            "{}: Invalid value: {}: {what}",
            self.path_or_root(),
            shown(self.node)
        );
        self.sink.borrow_mut().diagnostics.push(Diagnostic::error(
            self.document,
            self.node.pos,
            self.path.clone(),
            msg,
        ));
    }

    fn path_or_root(&self) -> &str {
        if self.path.is_empty() {
            "<document>"
        } else {
            &self.path
        }
    }

    // The scalar readers below are the non-generic part of the `Deserializer` methods, out of
    // line: each method is compiled once per visitor type, and all of them would otherwise
    // carry their own copy of the checks and diagnostics.

    /// An integer field's value: in `min..=max`, else zero with the decoder's error.
    #[inline(never)]
    fn int_value(&self, min: i64, max: i64, what: &str) -> i64 {
        self.record_position();
        // A float JSON writes without a fraction (`1e3` is 1000) is an integer to Go's decoder.
        let integral = match typed(self.node) {
            Some(Typed::Float(f)) => go_json_float(f).parse::<i64>().ok().map(Typed::Int),
            other => other,
        };
        match integral {
            Some(Typed::Int(i)) if (min..=max).contains(&i) => i,
            Some(Typed::Int(_)) => {
                self.go_error(go_int_type(min, max));
                self.error(&format!("must be {what} between {min} and {max}"));
                0
            }
            Some(Typed::Null) => {
                // An explicit null for a number reads as "unset" in most tooling; serde only
                // gets here for non-Option numbers, where zero is the neutral value.
                0
            }
            _ => {
                self.go_error(go_int_type(min, max));
                self.error(&format!("must be {what}"));
                0
            }
        }
    }

    /// A boolean field's value, `false` with the decoder's error when it is not one.
    #[inline(never)]
    fn bool_value(&self) -> bool {
        self.record_position();
        match typed(self.node) {
            Some(Typed::Bool(b)) => b,
            Some(Typed::Null) => false,
            _ => {
                self.go_error("bool");
                self.error("must be true or false");
                false
            }
        }
    }

    /// A number field's value, zero with the decoder's error when it is not one.
    #[inline(never)]
    fn f64_value(&self) -> f64 {
        self.record_position();
        match typed(self.node) {
            Some(Typed::Int(i)) => i as f64,
            Some(Typed::Float(f)) if f.is_finite() => f,
            _ => {
                self.go_error("float64");
                self.error("must be a number");
                0.0
            }
        }
    }

    /// A string field's text. Kubernetes rejects `name: 123` ("cannot unmarshal number into
    /// ... string"): say so, and keep the text so nothing downstream sees an empty name.
    #[inline(never)]
    fn str_value(&self) -> &'a str {
        self.record_position();
        match (&self.node.value, typed(self.node)) {
            (_, Some(Typed::Str(s))) => s,
            (_, Some(Typed::Null)) => "",
            (Value::Scalar { text, .. }, _) => {
                self.go_error(self.go_string_type());
                self.error("must be a string (quote it)");
                text
            }
            _ => {
                self.go_error(self.go_string_type());
                self.error("must be a string");
                ""
            }
        }
    }

    /// A list's items; none, with the decoder's error, when the node is not a list.
    #[inline(never)]
    fn seq_items(&self) -> &'a [Node] {
        self.record_position();
        match &self.node.value {
            Value::Seq(items) => items,
            Value::Null => &[],
            _ => {
                self.go_error(&self.go_list_type());
                self.error("must be a list");
                &[]
            }
        }
    }

    /// A map's entries; none, with the decoder's error, when the node is not an object.
    #[inline(never)]
    fn map_items(&self) -> &'a [(Node, Node)] {
        self.record_position();
        match &self.node.value {
            Value::Map(items) => items,
            Value::Null => &[],
            _ => {
                self.go_error(match self.go.fields.rsplit('.').next() {
                    Some("requests" | "limits") => "v1.ResourceList",
                    _ => "map[string]string",
                });
                self.error("must be an object");
                &[]
            }
        }
    }

    /// The fields of struct `name`; none, with the decoder's error, when the node is not an
    /// object.
    #[inline(never)]
    fn struct_map(&self, name: &'static str, fields: &'static [&'static str]) -> Map<'_, 'a> {
        self.record_position();
        let items: &'a [(Node, Node)] = match &self.node.value {
            Value::Map(items) => items,
            Value::Null => &[],
            _ => {
                self.go_error(&format!("v1.{name}"));
                self.error("must be an object");
                &[]
            }
        };
        Map::new(self, items, Some(fields)).in_struct(name)
    }
}

/// The Go integer type of a field, by its range.
fn go_int_type(min: i64, max: i64) -> &'static str {
    match (min, max) {
        (0, _) if max == i64::from(u8::MAX) => "uint8",
        (0, _) if max == i64::from(u16::MAX) => "uint16",
        (0, _) if max == i64::from(u32::MAX) => "uint32",
        (0, _) => "uint64",
        (_, _) if max == i64::from(i8::MAX) => "int8",
        (_, _) if max == i64::from(i16::MAX) => "int16",
        (_, _) if max == i64::from(i32::MAX) => "int32",
        _ => "int64",
    }
}

// `int_value` keeps the value within the field type's range, so the cast is exact; visiting
// with the type's own method (not `visit_i64`) spares serde's visitor its range check, whose
// error path would bring serde's "invalid value" texts into the page.
macro_rules! int_method {
    ($name:ident, $visit:ident: $ty:ty, $min:expr, $max:expr, $what:expr) => {
        fn $name<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
            visitor.$visit(self.int_value($min, $max, $what) as $ty)
        }
    };
}

impl<'a> de::Deserializer<'a> for NodeDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.record_position();
        match &self.node.value {
            Value::Seq(items) => visitor.visit_seq(Seq {
                de: &self,
                items,
                next: 0,
            }),
            Value::Map(items) => visitor.visit_map(Map::new(&self, items, None)),
            _ => match typed(self.node) {
                Some(Typed::Null) | None => visitor.visit_unit(),
                Some(Typed::Bool(b)) => visitor.visit_bool(b),
                Some(Typed::Int(i)) => visitor.visit_i64(i),
                Some(Typed::Uint(u)) => visitor.visit_u64(u),
                Some(Typed::Float(f)) => visitor.visit_f64(f),
                Some(Typed::Str(s)) => visitor.visit_str(s),
            },
        }
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_bool(self.bool_value())
    }

    int_method!(
        deserialize_i8, visit_i8: i8,
        i64::from(i8::MIN), i64::from(i8::MAX), "an integer"
    );
    int_method!(
        deserialize_i16, visit_i16: i16,
        i64::from(i16::MIN), i64::from(i16::MAX), "an integer"
    );
    int_method!(
        deserialize_i32, visit_i32: i32,
        i64::from(i32::MIN), i64::from(i32::MAX), "a 32-bit integer"
    );
    int_method!(
        deserialize_i64, visit_i64: i64,
        i64::MIN, i64::MAX, "an integer"
    );
    int_method!(
        deserialize_u8, visit_u8: u8,
        0, i64::from(u8::MAX), "a non-negative integer"
    );
    int_method!(
        deserialize_u16, visit_u16: u16,
        0, i64::from(u16::MAX), "a non-negative integer"
    );
    int_method!(
        deserialize_u32, visit_u32: u32,
        0, i64::from(u32::MAX), "a non-negative integer"
    );
    int_method!(
        deserialize_u64, visit_u64: u64,
        0, i64::MAX, "a non-negative integer"
    );

    fn deserialize_f32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_f64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_f64(self.f64_value())
    }

    fn deserialize_char<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }
    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str(self.str_value())
    }
    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }
    fn deserialize_bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }
    fn deserialize_byte_buf<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.record_position();
        match self.node.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        let items = self.seq_items();
        visitor.visit_seq(Seq {
            de: &self,
            items,
            next: 0,
        })
    }
    fn deserialize_tuple<V: Visitor<'a>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        let items = self.map_items();
        visitor.visit_map(Map::new(&self, items, None))
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_map(self.struct_map(name, fields))
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.record_position();
        match typed(self.node) {
            Some(Typed::Str(s)) if variants.contains(&s) => {
                visitor.visit_enum(s.into_deserializer())
            }
            _ => {
                let supported: Vec<String> = variants.iter().map(|v| format!("{v:?}")).collect();
                let msg = format!(
                    "{}: Unsupported value: {}: supported values: {}",
                    self.path_or_root(),
                    shown(self.node),
                    supported.join(", ")
                );
                self.sink.borrow_mut().diagnostics.push(Diagnostic::error(
                    self.document,
                    self.node.pos,
                    self.path.clone(),
                    msg,
                ));
                Err(DeError(Box::default()))
            }
        }
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }
    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

struct Seq<'s, 'a> {
    de: &'s NodeDe<'a>,
    items: &'a [Node],
    next: usize,
}

impl<'a> Seq<'_, 'a> {
    /// The next element's deserializer. Kept out of line: `next_element_seed` is generic, and
    /// this part is the same for every element type.
    #[inline(never)]
    fn next_child(&mut self) -> Option<NodeDe<'a>> {
        let node = self.items.get(self.next)?;
        let mut child = self.de.child(node, &format!("[{}]", self.next));
        child.go.order.push(Segment::Index(self.next));
        self.next += 1;
        Some(child)
    }
}

impl<'a> SeqAccess<'a> for Seq<'_, 'a> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.next_child() {
            Some(child) => seed.deserialize(child).map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

struct Map<'s, 'a> {
    de: &'s NodeDe<'a>,
    items: &'a [(Node, Node)],
    fields: Option<&'static [&'static str]>,
    next: usize,
    value: Option<(&'a Node, String)>,
    seen: Vec<&'a str>,
    /// The Go struct this map decodes into, when it is one.
    strukt: Option<&'static str>,
}

impl<'s, 'a> Map<'s, 'a> {
    fn new(
        de: &'s NodeDe<'a>,
        items: &'a [(Node, Node)],
        fields: Option<&'static [&'static str]>,
    ) -> Self {
        Map {
            de,
            items,
            fields,
            next: 0,
            value: None,
            seen: Vec::new(),
            strukt: None,
        }
    }

    fn in_struct(mut self, name: &'static str) -> Self {
        self.strukt = Some(name);
        self
    }

    fn warn_unknown(&self, key: &str, key_node: &Node) {
        let full = if self.de.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.de.path)
        };
        if let Some(why) = dropped_by_default(self.strukt, key) {
            let msg = format!("{full} is dropped: {why}");
            let sink = &mut self.de.sink.borrow_mut().diagnostics;
            sink.push(Diagnostic::warning(
                self.de.document,
                key_node.pos,
                full,
                msg,
            ));
            return;
        }
        let mut msg = format!("unknown field \"{full}\"");
        if let Some(best) = self.fields.and_then(|f| closest(key, f)) {
            msg.push_str(&format!(" (did you mean `{best}`?)"));
        }
        self.de
            .sink
            .borrow_mut()
            .diagnostics
            .push(Diagnostic::warning(
                self.de.document,
                key_node.pos,
                full,
                msg,
            ));
    }
}

/// Fields Kubernetes v1.37 knows but a cluster with default feature gates clears on create
/// (its `PrepareForCreate` drops them), so a manifest with one runs as if without it: they are
/// not unknown, and jobplay runs the object without them, as such a cluster does. `strukt` is
/// the type being decoded: a Job's spec, or the one in a CronJob's `jobTemplate`.
fn dropped_by_default(strukt: Option<&str>, key: &str) -> Option<&'static str> {
    // pkg/api/job/util.go `DropDisabledFields`; the gate in pkg/features/kube_features.go.
    (strukt == Some("JobSpec") && key == "scheduling").then_some(
        "the API server clears a Job's spec.scheduling (gang scheduling) unless the WorkloadWithJob feature gate is on, and it is alpha and off by default in Kubernetes v1.37; jobplay runs the Job without it",
    )
}

impl<'a> MapAccess<'a> for Map<'_, 'a> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.next_key() {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    // Inlined into its callers: a struct's fields call it from `api::table::decode_into`,
    // which is already out of line once per field type.
    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        seed.deserialize(self.value_child())
    }
}

impl<'a> Map<'_, 'a> {
    /// The next key to hand to the visitor, reporting the keys it must not see (not a plain
    /// string, repeated, unknown). Kept out of line, as is [`Map::value_child`]: the
    /// `MapAccess` methods are generic, and these parts are the same for every field.
    #[inline(never)]
    fn next_key(&mut self) -> Option<String> {
        while let Some((key_node, value_node)) = self.items.get(self.next) {
            self.next += 1;
            let key = match typed(key_node) {
                Some(Typed::Str(s)) => s.to_string(),
                _ => match &key_node.value {
                    Value::Scalar { text, .. } => text.clone(),
                    _ => {
                        let msg = "a mapping key must be a plain string".to_string();
                        self.de
                            .sink
                            .borrow_mut()
                            .diagnostics
                            .push(Diagnostic::error(
                                self.de.document,
                                key_node.pos,
                                self.de.path.clone(),
                                msg,
                            ));
                        continue;
                    }
                },
            };
            if self.seen.iter().any(|k| *k == key) {
                let msg = format!("mapping key \"{key}\" already defined");
                self.de
                    .sink
                    .borrow_mut()
                    .diagnostics
                    .push(Diagnostic::error(
                        self.de.document,
                        key_node.pos,
                        self.de.path.clone(),
                        msg,
                    ));
                continue;
            }
            if let Some(fields) = self.fields {
                if !fields.contains(&key.as_str()) {
                    self.warn_unknown(&key, key_node);
                    continue;
                }
            }
            if let Value::Scalar { text, .. } = &key_node.value {
                self.seen.push(text);
            }
            self.value = Some((value_node, key.clone()));
            return Some(key);
        }
        None
    }

    /// The deserializer of the value whose key was handed out last.
    #[inline(never)]
    fn value_child(&mut self) -> NodeDe<'a> {
        // A visitor asking for a value before its key is a bug, not an input error: serde's
        // own `MapDeserializer` panics here too, and every caller is spared an error path.
        let (node, key) = self
            .value
            .take()
            .expect("MapAccess::next_value called before next_key");
        let order = Segment::Key(key.clone());
        let field = self.strukt.map(|s| (s, key.clone()));
        let segment = if self.fields.is_some() || is_simple_key(&key) {
            key
        } else {
            format!("[{key:?}]")
        };
        let mut child = self.de.child(node, &segment);
        child.go.order.push(order);
        if let Some((strukt, key)) = field {
            child.go.strukt = strukt;
            child.go.fields = if child.go.fields.is_empty() {
                key
            } else {
                format!("{}.{key}", child.go.fields)
            };
        }
        child
    }
}

fn is_simple_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

/// The known field closest to a misspelt one, if it is close enough to be a likely typo.
pub fn closest<'f>(key: &str, fields: &[&'f str]) -> Option<&'f str> {
    let lower = key.to_ascii_lowercase();
    fields
        .iter()
        .map(|f| (edit_distance(&lower, &f.to_ascii_lowercase()), *f))
        .filter(|(d, f)| *d <= (f.len() / 3).max(1))
        .min()
        .map(|(_, f)| f)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::super::yaml::parse_stream;
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Default, Debug)]
    #[serde(default, rename_all = "camelCase")]
    struct Container {
        name: String,
        command: Vec<String>,
    }
    #[derive(Deserialize, Default, Debug)]
    #[serde(default, rename_all = "camelCase")]
    struct Spec {
        completions: Option<i32>,
        containers: Vec<Container>,
        labels: std::collections::BTreeMap<String, String>,
    }

    /// serde's own wording of an unexpected value, which `DeError` rewrites without core's
    /// float formatting.
    #[test]
    fn unexpected_values_are_worded_as_serde_words_them() {
        use serde::de::{Error, Unexpected as U};
        struct Expected;
        impl de::Expected for Expected {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
        }
        let floats = [
            1.5,
            3.0,
            -0.0,
            1e21,
            1e-7,
            f64::INFINITY,
            f64::NAN,
            0.1 + 0.2,
        ];
        let unexpected =
            floats
                .map(U::Float)
                .into_iter()
                .chain([U::Signed(-3), U::Str("x"), U::Map]);
        for u in unexpected {
            assert_eq!(
                *DeError::invalid_type(u, &Expected).0,
                format!("invalid type: {u}, expected a string"),
            );
            assert_eq!(
                *DeError::invalid_value(u, &Expected).0,
                format!("invalid value: {u}, expected a string"),
            );
        }
    }

    fn decode(text: &str) -> (Spec, Findings) {
        let (docs, _) = parse_stream(text);
        from_node(docs[0].root.as_ref().unwrap(), 0)
    }

    #[test]
    fn unknown_fields_are_warned_with_path_line_and_hint() {
        let (spec, f) = decode("completions: 3\ncontainers:\n- name: a\n  comand: [sleep, '5']\n");
        assert_eq!(spec.completions, Some(3));
        assert_eq!(f.diagnostics.len(), 1);
        let d = &f.diagnostics[0];
        assert_eq!(
            d.message,
            "unknown field \"containers[0].comand\" (did you mean `command`?)"
        );
        assert_eq!((d.line, d.column), (4, 3));
    }

    #[test]
    fn every_type_error_is_reported_not_just_the_first() {
        let (_, f) = decode("completions: three\ncontainers:\n- name: 5\n");
        let msgs: Vec<&str> = f.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "completions: Invalid value: \"three\": must be a 32-bit integer",
                "containers[0].name: Invalid value: 5: must be a string (quote it)"
            ]
        );
        assert_eq!(f.diagnostics[1].line, 3);
    }

    #[test]
    fn plain_scalars_resolve_as_kubectls_yaml_reader_resolves_them() {
        let n = |t: &str| match resolve(t) {
            Typed::Null => "null".to_string(),
            Typed::Bool(b) => format!("bool {b}"),
            Typed::Int(i) => format!("int {i}"),
            Typed::Uint(u) => format!("uint {u}"),
            Typed::Float(f) => format!("float {}", go_json_float(f)),
            Typed::Str(s) => format!("str {s}"),
        };
        let got: Vec<String> = [
            "yes",
            "off",
            "y",
            "~",
            "010",
            "0o17",
            "0x1F",
            "1_000",
            "0b101",
            "1e3",
            "3.",
            ".5",
            "1e21",
            "1:30",
            "18446744073709551615",
        ]
        .iter()
        .map(|t| n(t))
        .collect();
        assert_eq!(
            got,
            [
                "bool true",
                "bool false",
                "bool true",
                "null",
                "int 8",
                "int 15",
                "int 31",
                "int 1000",
                "int 5",
                "float 1000",
                "float 3",
                "float 0.5",
                "float 1e+21",
                "str 1:30",
                "uint 18446744073709551615",
            ]
        );
    }

    #[test]
    fn positions_are_kept_for_validation() {
        let (_, f) = decode("labels:\n  app: x\ncompletions: 2\n");
        assert_eq!(
            f.positions["completions"],
            Pos {
                line: 3,
                column: 14
            }
        );
    }

    #[test]
    fn huge_numbers_are_errors_not_panics() {
        let (spec, f) = decode("completions: 99999999999999999999999\n");
        assert_eq!(spec.completions, Some(0));
        assert_eq!(f.diagnostics.len(), 1);
    }
}
