//! The data of `v1` ConfigMaps and Secrets: what a container's environment (`configMapKeyRef`,
//! `secretKeyRef`, `envFrom`) and volumes read from them. Only what the kubelet reads is kept;
//! the documents are not otherwise validated.

use std::collections::BTreeMap;

use super::de::non_string_json_kind;
use super::diagnostic::Diagnostic;
use super::object_name;
use super::yaml::{Node, Value};

/// One ConfigMap's `data`, or one Secret's `data` (decoded) with its `stringData` over it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConfigData {
    pub name: String,
    pub data: BTreeMap<String, String>,
}

/// A ConfigMap: its `data`, each value a string. A value of another JSON type stops the API
/// server's decoder, which answers as it does for any object, and the ConfigMap is not
/// created.
pub fn load_config_map(root: &Node, d: usize) -> Result<ConfigData, Diagnostic> {
    let mut data = BTreeMap::new();
    for (key, value) in entries(root, "data") {
        let v = string_value(value)
            .map_err(|kind| cannot_handle(d, value, "ConfigMap", kind, "data"))?;
        data.insert(key.to_string(), v);
    }
    Ok(ConfigData {
        name: object_name(root),
        data,
    })
}

/// A Secret: `data` is base64 (decoded as `encoding/json` decodes a `[]byte`, with Go's
/// `base64.StdEncoding`), and `stringData` is written over it, as the API server merges it on
/// write (pkg/apis/core/v1/conversion.go `Convert_v1_Secret_To_core_Secret`). The first bad
/// value, in the decoder's order (keys sorted), is the answer, and the Secret is not created.
pub fn load_secret(root: &Node, d: usize) -> Result<ConfigData, Diagnostic> {
    let mut data = BTreeMap::new();
    for (key, value) in entries(root, "data") {
        let text =
            string_value(value).map_err(|kind| cannot_handle(d, value, "Secret", kind, "data"))?;
        let bytes = decode_std_base64(&text).map_err(|at| {
            let error = format!(
                "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte {at}"
            );
            Diagnostic::error(d, value.pos, "data", error)
        })?;
        data.insert(
            key.to_string(),
            String::from_utf8_lossy(&bytes).into_owned(),
        );
    }
    for (key, value) in entries(root, "stringData") {
        let v = string_value(value)
            .map_err(|kind| cannot_handle(d, value, "Secret", kind, "stringData"))?;
        data.insert(key.to_string(), v);
    }
    Ok(ConfigData {
        name: object_name(root),
        data,
    })
}

/// The string-keyed entries of a mapping field, by key as the decoder meets them (the YAML
/// becomes JSON with its keys sorted).
fn entries<'n>(root: &'n Node, field: &str) -> Vec<(&'n str, &'n Node)> {
    let items = match root.get(field).map(|n| &n.value) {
        Some(Value::Map(items)) => items.as_slice(),
        _ => &[],
    };
    let mut entries: Vec<_> = items
        .iter()
        .filter_map(|(k, v)| Some((k.as_str()?, v)))
        .collect();
    crate::sort::sort_by_key(&mut entries, |(k, _)| *k);
    entries
}

/// A scalar's text, or how `encoding/json` names the value that is not a string.
fn string_value(node: &Node) -> Result<String, &'static str> {
    match non_string_json_kind(node) {
        Some(kind) => Err(kind),
        None => Ok(node.as_str().unwrap_or("").to_string()),
    }
}

fn cannot_handle(d: usize, value: &Node, kind: &str, json_kind: &str, field: &str) -> Diagnostic {
    let error = format!(
        "{kind} in version \"v1\" cannot be handled as a {kind}: json: cannot unmarshal {json_kind} into Go struct field {kind}.{field} of type string"
    );
    Diagnostic::error(d, value.pos, field, error)
}

/// Go's `base64.StdEncoding.DecodeString` (encoding/base64 `decodeQuantum`, not strict): `=`
/// padding required, CR and LF skipped; on bad input, the byte offset Go's
/// `CorruptInputError` names.
pub fn decode_std_base64(text: &str) -> Result<Vec<u8>, usize> {
    let src = text.as_bytes();
    let mut out = Vec::with_capacity(src.len() / 4 * 3);
    let mut si = 0;
    loop {
        let mut quantum = [0u8; 4];
        let mut len = 4;
        let mut j = 0;
        while j < 4 {
            if si == src.len() {
                match j {
                    0 => return Ok(out),
                    _ => return Err(si - j),
                }
            }
            let c = src[si];
            si += 1;
            if let Some(v) = sextet(c) {
                quantum[j] = v;
                j += 1;
                continue;
            }
            if c == b'\n' || c == b'\r' {
                continue;
            }
            if c != b'=' || j < 2 {
                return Err(si - 1);
            }
            if j == 2 {
                si = skip_newlines(src, si);
                if si == src.len() {
                    return Err(src.len());
                }
                if src[si] != b'=' {
                    return Err(si - 1);
                }
                si += 1;
            }
            si = skip_newlines(src, si);
            if si < src.len() {
                return Err(si);
            }
            len = j;
            break;
        }
        let v = quantum.iter().fold(0u32, |acc, &s| acc << 6 | u32::from(s));
        out.extend_from_slice(&v.to_be_bytes()[1..len]);
        if len < 4 {
            return Ok(out);
        }
    }
}

fn sextet(c: u8) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

fn skip_newlines(src: &[u8], mut si: usize) -> usize {
    while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
        si += 1;
    }
    si
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::yaml::parse_stream;

    /// Go's answers (encoding/base64, StdEncoding.DecodeString) for each input.
    #[test]
    fn base64_decodes_and_fails_where_go_does() {
        let cases: &[(&str, Result<&[u8], usize>)] = &[
            ("", Ok(b"")),
            ("YWRtaW4=", Ok(b"admin")),
            ("MWYyZDFlMmU2N2Rm", Ok(b"1f2d1e2e67df")),
            ("YQ==", Ok(b"a")),
            ("YW\nRt\r\naW4=", Ok(b"admin")),
            ("YWRtaW4", Err(4)),
            ("YQ", Err(0)),
            ("Y", Err(0)),
            ("YW*t", Err(2)),
            ("YQ=", Err(3)),
            ("YQ=x", Err(2)),
            ("=QQQ", Err(0)),
            ("YQ==YQ==", Err(4)),
        ];
        for (input, want) in cases {
            let got = decode_std_base64(input);
            assert_eq!(got.as_deref().map_err(|e| *e), *want, "{input:?}");
        }
    }

    fn load(text: &str) -> (ConfigData, Vec<String>) {
        let (docs, _) = parse_stream(text);
        let root = docs[0].root.as_ref().unwrap();
        let loaded = match root.get("kind").and_then(Node::as_str) {
            Some("Secret") => load_secret(root, 0),
            _ => load_config_map(root, 0),
        };
        match loaded {
            Ok(data) => (data, vec![]),
            Err(d) => (
                ConfigData::default(),
                vec![format!("line {}: {}", d.line, d.message)],
            ),
        }
    }

    #[test]
    fn a_secret_decodes_its_data_and_string_data_wins() {
        let (secret, errors) = load(
            "kind: Secret\nmetadata: {name: creds}\ndata:\n  user: YWRtaW4=\n  password: b2xk\nstringData:\n  password: new\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(secret.name, "creds");
        assert_eq!(
            secret.data.into_iter().collect::<Vec<_>>(),
            [
                ("password".into(), "new".into()),
                ("user".into(), "admin".into())
            ]
        );
    }

    #[test]
    fn bad_values_are_answered_as_the_api_server_decodes_them() {
        let (_, errors) = load("kind: Secret\nmetadata: {name: s}\ndata:\n  token: not base64!\n");
        assert_eq!(errors, ["line 4: Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 3"]);
        let (_, errors) = load(
            "kind: ConfigMap\nmetadata: {name: c}\ndata:\n  zone: 1\n  port: true\n  name: web\n",
        );
        // The decoder meets `port` first (keys sorted) and stops there.
        assert_eq!(errors, ["line 5: ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field ConfigMap.data of type string"]);
    }
}
