//! Share links: the whole scenario (manifests, actions, seed: all in the text) and the
//! playhead, compressed into the URL fragment, `#share=1.<base64url>`. Opening the link
//! reproduces the same run at the same moment. The decoder treats the link as hostile input:
//! every failure is a sentence for the user, never a panic, never a partial scenario.
//!
//! Format 1 carries the playhead, the speed and the text; format 2 adds a varint of flags
//! after the speed (bit 0: present mode). A link without flags is still written as format 1,
//! so pages that read only format 1 open it, and every format-1 link opens here.

use super::compress::{self, DecodeError};
use super::embed::{decode_base64url, encode_base64url};

/// The fragment key: `#share=…`.
pub const PREFIX: &str = "share=";
/// The format of a link without flags, and of one with them; this build reads both.
const VERSION: &str = "1";
const VERSION_FLAGS: &str = "2";
/// Flag bit: the link was made in present mode and opens in it.
const FLAG_PRESENT: u64 = 1;
/// The largest scenario a link may expand to (the editor's own limit is smaller).
pub const MAX_TEXT: usize = 16 << 20;
/// Browsers stop opening URLs somewhere past 2 MB (Chromium's limit); say so before then.
pub const MAX_LINK: usize = 2_000_000;

/// What a link carries.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SharedScenario {
    /// The editor text, byte for byte.
    pub text: String,
    /// Milliseconds from the start of the run.
    pub playhead_ms: i64,
    /// Playback speed (virtual seconds per wall second).
    pub speed: f64,
    /// Present mode (large type, the picture at full width): the link opens in it.
    pub present: bool,
}

/// The fragment (without `#`) for `shared`.
pub fn encode(shared: &SharedScenario) -> String {
    let mut body = Vec::with_capacity(shared.text.len() + 16);
    compress::write_varint(&mut body, shared.playhead_ms.max(0) as u64);
    compress::write_varint(&mut body, (shared.speed * 100.0).round().max(0.0) as u64);
    let version = if shared.present {
        compress::write_varint(&mut body, FLAG_PRESENT);
        VERSION_FLAGS
    } else {
        VERSION
    };
    body.extend_from_slice(shared.text.as_bytes());
    let mut packed = fnv1a(&body).to_le_bytes().to_vec();
    packed.extend(compress::compress(&body));
    format!("{PREFIX}{version}.{}", encode_base64url(&packed))
}

/// True when a fragment (without `#`) is meant to be a share link, well-formed or not.
pub fn is_share_fragment(fragment: &str) -> bool {
    fragment.starts_with(PREFIX)
}

/// Reads a fragment (without `#`) written by [`encode`].
pub fn decode(fragment: &str) -> Result<SharedScenario, String> {
    let rest = fragment
        .strip_prefix(PREFIX)
        .ok_or("this is not a jobplay share link (it does not start with #share=)")?;
    let (version, data) = rest.split_once('.').ok_or(CUT_SHORT)?;
    if version != VERSION && version != VERSION_FLAGS {
        return Err(match version.parse::<u32>() {
            Ok(v) if v > 2 => format!("this link was made by a newer jobplay (link format {v}); this page reads formats {VERSION} and {VERSION_FLAGS}"),
            _ => format!("this link's format ({}) is not one jobplay writes; was it changed by hand?", printable(version)),
        });
    }
    let packed = decode_base64url(data).map_err(|(i, c)| format!("the link is damaged: character {} ({}) cannot appear in a jobplay link; was it changed by hand?", i + PREFIX.len() + VERSION.len() + 2, printable(&c.to_string())))?;
    if packed.len() < 4 {
        return Err(CUT_SHORT.into());
    }
    let (sum, compressed) = packed.split_at(4);
    let body = compress::decompress(compressed, MAX_TEXT + 32).map_err(|e| match e {
        DecodeError::Truncated => CUT_SHORT.to_string(),
        DecodeError::Corrupt => DAMAGED.to_string(),
        DecodeError::TooLarge => format!(
            "the scenario in this link is larger than {} MB, more than jobplay opens",
            MAX_TEXT >> 20
        ),
    })?;
    if fnv1a(&body).to_le_bytes() != sum {
        return Err(DAMAGED.into());
    }
    let mut at = 0;
    let playhead = compress::read_varint(&body, &mut at).map_err(|_| DAMAGED.to_string())?;
    let speed = compress::read_varint(&body, &mut at).map_err(|_| DAMAGED.to_string())?;
    let flags = if version == VERSION_FLAGS {
        compress::read_varint(&body, &mut at).map_err(|_| DAMAGED.to_string())?
    } else {
        0
    };
    let text = String::from_utf8(body[at..].to_vec()).map_err(|_| DAMAGED.to_string())?;
    Ok(SharedScenario {
        text,
        playhead_ms: i64::try_from(playhead).unwrap_or(i64::MAX),
        speed: (speed as f64 / 100.0).clamp(0.25, 1000.0),
        present: flags & FLAG_PRESENT != 0,
    })
}

const CUT_SHORT: &str = "the link is incomplete: it was probably cut short when it was copied";
const DAMAGED: &str =
    "the link is damaged: its contents do not match their checksum; was it changed by hand?";

/// Shows at most 20 characters of untrusted text, with control characters escaped.
fn printable(s: &str) -> String {
    let shown: String = s.chars().take(20).flat_map(char::escape_debug).collect();
    if s.chars().count() > 20 {
        format!("\"{shown}…\"")
    } else {
        format!("\"{shown}\"")
    }
}

/// FNV-1a, 32 bits: detects a link damaged in transit (not an integrity guarantee).
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(text: &str) -> SharedScenario {
        SharedScenario {
            text: text.into(),
            playhead_ms: 93_500,
            speed: 20.0,
            present: false,
        }
    }

    #[test]
    fn a_link_made_in_present_mode_opens_in_it_and_older_links_still_open() {
        let presenting = SharedScenario {
            present: true,
            ..shared("kind: Job\n")
        };
        let link = encode(&presenting);
        assert!(link.starts_with("share=2."), "{link}");
        assert_eq!(decode(&link).unwrap(), presenting);
        // A link made before present mode was carried (format 1, written by hand here as
        // that build wrote it) opens as it did, not presenting.
        let mut body = Vec::new();
        compress::write_varint(&mut body, 93_500);
        compress::write_varint(&mut body, 2000);
        body.extend_from_slice(b"kind: Job\n");
        let mut packed = fnv1a(&body).to_le_bytes().to_vec();
        packed.extend(compress::compress(&body));
        let old = format!("share=1.{}", encode_base64url(&packed));
        assert_eq!(encode(&shared("kind: Job\n")), old);
        assert_eq!(decode(&old).unwrap(), shared("kind: Job\n"));
    }

    #[test]
    fn a_link_round_trips_every_byte_and_is_smaller_than_the_text() {
        for name in [
            "sequential-vs-parallel",
            "cronjob-dst",
            "pod-failure-policy-ignore",
        ] {
            let text = std::fs::read_to_string(format!(
                "{}/static/examples/{name}.yaml",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            let link = encode(&shared(&text));
            assert!(link.starts_with("share=1."), "{link}");
            assert!(
                link.len() < text.len(),
                "{name}: link {} chars for {} bytes",
                link.len(),
                text.len()
            );
            assert_eq!(decode(&link).unwrap(), shared(&text));
        }
        // Odd text survives exactly: CRLF, tabs, NUL, a BOM, emoji, trailing spaces.
        let odd = "\u{feff}kind: Job\r\n\tmetadata: {name: \"<script>alert(1)</script>\"}  \n\0✓🙂";
        assert_eq!(decode(&encode(&shared(odd))).unwrap(), shared(odd));
        assert_eq!(decode(&encode(&shared(""))).unwrap(), shared(""));
    }

    #[test]
    fn damaged_and_hostile_links_get_a_sentence_each() {
        let link = encode(&shared(
            "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\n",
        ));
        let cases: Vec<(String, &str)> = vec![
            (link[..link.len() - 3].to_string(), "cut short"),
            (link.replacen("share=1.", "share=1.A", 1), "do not match"),
            (
                link.replacen("share=1.", "share=7.", 1),
                "newer jobplay (link format 7)",
            ),
            (
                link.replacen("share=1.", "share=x<img>.", 1),
                "format (\"x<img>\")",
            ),
            (format!("{link}<script>"), "character"),
            ("share=1".into(), "cut short"),
            ("share=1.".into(), "cut short"),
            ("s=abc".into(), "not a jobplay share link"),
        ];
        for (fragment, want) in cases {
            let err = decode(&fragment).unwrap_err();
            assert!(err.contains(want), "{fragment}: {err}");
        }
    }

    #[test]
    fn a_link_that_expands_past_the_limit_is_refused() {
        // A few bytes that declare 2 GB of output: refused before any work is done.
        let mut packed = fnv1a(b"").to_le_bytes().to_vec();
        compress::write_varint(&mut packed, 2 << 30);
        packed.extend([0; 8]);
        let err = decode(&format!("share=1.{}", encode_base64url(&packed))).unwrap_err();
        assert!(err.contains("larger than 16 MB"), "{err}");
    }
}
