//! Embedding: the `<job-playground>` element's attributes read into options (every bad value
//! named, with what was expected), the scenario carried in an iframe URL's fragment, and the
//! ready-made snippets the playground's Embed button offers. Pure; the UI wires it up.

use crate::time::SimDuration;

/// What a widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Cluster,
    Timeline,
    Kubectl,
}

/// How much of the transport a widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Controls {
    Full,
    Minimal,
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    Auto,
}

/// A widget's options, from its attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetOptions {
    pub autoplay: bool,
    pub speed: f64,
    pub seed: Option<u64>,
    pub views: Vec<View>,
    pub controls: Controls,
    pub readonly: bool,
    pub theme: Theme,
    pub start_at: SimDuration,
}

impl Default for WidgetOptions {
    fn default() -> Self {
        WidgetOptions {
            autoplay: false,
            speed: 5.0,
            seed: None,
            views: vec![View::Cluster, View::Timeline],
            controls: Controls::Full,
            readonly: false,
            theme: Theme::Auto,
            start_at: SimDuration::ZERO,
        }
    }
}

/// Reads attributes (name, value) as the element has them. Bad values keep the default and
/// are reported, one message per attribute.
pub fn parse_options(attrs: &[(String, String)]) -> (WidgetOptions, Vec<String>) {
    let mut o = WidgetOptions::default();
    let mut problems = Vec::new();
    for (name, value) in attrs {
        let v = value.trim();
        let mut bad = |expected: &str| {
            problems.push(format!(
                "<job-playground {name}=\"{value}\">: {expected}; the default is used"
            ))
        };
        match name.as_str() {
            "autoplay" => o.autoplay = v != "false",
            "readonly" => o.readonly = v != "false",
            "speed" => match v.trim_end_matches('x').parse::<f64>() {
                Ok(s) if s > 0.0 && s <= 1000.0 => o.speed = s,
                _ => bad("speed must be a number from 0.25 to 1000 (times real time)"),
            },
            "seed" => match v.parse::<u64>() {
                Ok(s) => o.seed = Some(s),
                Err(_) => bad("seed must be a whole number"),
            },
            "view" => {
                let mut views = Vec::new();
                for part in v.split([' ', ',']).filter(|p| !p.is_empty()) {
                    match part {
                        "cluster" => views.push(View::Cluster),
                        "timeline" => views.push(View::Timeline),
                        "kubectl" => views.push(View::Kubectl),
                        _ => {}
                    }
                }
                if views.is_empty()
                    || v.split([' ', ','])
                        .any(|p| !p.is_empty() && !matches!(p, "cluster" | "timeline" | "kubectl"))
                {
                    bad("view lists one or more of cluster, timeline, kubectl");
                } else {
                    o.views = views;
                }
            }
            "controls" => match v {
                "full" | "" => o.controls = Controls::Full,
                "minimal" => o.controls = Controls::Minimal,
                "none" => o.controls = Controls::None,
                _ => bad("controls is full, minimal or none"),
            },
            "theme" => match v {
                "light" => o.theme = Theme::Light,
                "dark" => o.theme = Theme::Dark,
                "auto" | "" => o.theme = Theme::Auto,
                _ => bad("theme is light, dark or auto"),
            },
            "start-at" => match SimDuration::parse(v) {
                Ok(d) if d >= SimDuration::ZERO => o.start_at = d,
                _ => bad("start-at is a duration from the start such as 90s or 5m"),
            },
            _ => {}
        }
    }
    (o, problems)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// URL-safe base64 without padding (RFC 4648 §5) of UTF-8 text.
pub fn encode_fragment(text: &str) -> String {
    encode_base64url(text.as_bytes())
}

/// The inverse of [`encode_fragment`]; says what is wrong rather than guessing.
pub fn decode_fragment(text: &str) -> Result<String, String> {
    let bytes = decode_base64url(text).map_err(|(i, c)| {
        format!(
            "the scenario in the link is damaged: character {} ({c:?}) is not URL-safe base64",
            i + 1
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        "the scenario in the link is damaged: it is not UTF-8 text (was the link cut short?)"
            .to_string()
    })
}

/// URL-safe base64 without padding (RFC 4648 §5).
pub fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Bytes from URL-safe base64; on a character outside the alphabet, its index and itself.
pub fn decode_base64url(text: &str) -> Result<Vec<u8>, (usize, char)> {
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for (i, c) in text.chars().enumerate() {
        let v = u8::try_from(c)
            .ok()
            .and_then(|b| B64.iter().position(|x| *x == b))
            .ok_or((i, c))?;
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
    }
    Ok(bytes)
}

/// Ready-made snippets for the Embed dialog: (title, text). `base` is where the built
/// playground is served, ending in `/`.
pub fn snippets(base: &str, yaml: &str) -> Vec<(&'static str, String)> {
    let indented: String = yaml
        .trim_end()
        .lines()
        .map(|l| format!("    {l}\n"))
        .collect();
    let script = format!("<script type=\"module\" src=\"{base}embed.js\"></script>");
    let element = format!("<job-playground autoplay view=\"cluster timeline\">\n  <script type=\"text/yaml\">\n{indented}  </script>\n</job-playground>");
    let src = format!("{base}embed.html#s={}", encode_fragment(yaml));
    let iframe = format!("<iframe src=\"{src}\" title=\"jobplay: a Kubernetes Job demo\" width=\"100%\" height=\"520\" loading=\"lazy\" style=\"border: 0\"></iframe>");
    let hugo = format!(
        "<!-- layouts/shortcodes/job-playground.html -->\n{script}\n<job-playground autoplay{{{{ with .Get \"view\" }}}} view=\"{{{{ . }}}}\"{{{{ end }}}}>\n  <script type=\"text/yaml\">{{{{ .Inner | safeHTML }}}}</script>\n</job-playground>\n\n<!-- in a page -->\n{{{{< job-playground view=\"cluster timeline\" >}}}}\n{}\n{{{{< /job-playground >}}}}",
        yaml.trim_end()
    );
    vec![
        ("HTML", format!("{script}\n{element}")),
        ("iframe", iframe),
        ("mdBook", format!("<!-- mdBook passes raw HTML through: paste into any chapter -->\n{script}\n{element}")),
        ("Hugo", hugo),
        ("Docusaurus", format!("{{/* In an .mdx page */}}\n<iframe src=\"{src}\" title=\"jobplay: a Kubernetes Job demo\" width=\"100%\" height=\"520\" loading=\"lazy\" style={{{{border: 0}}}} />")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn attributes_become_options_and_bad_values_are_named() {
        let (o, problems) = parse_options(&attrs(&[
            ("autoplay", ""),
            ("speed", "20"),
            ("view", "cluster kubectl"),
            ("controls", "minimal"),
            ("theme", "dark"),
            ("start-at", "90s"),
            ("seed", "7"),
        ]));
        assert!(o.autoplay);
        assert_eq!(
            (o.speed, o.seed, o.controls, o.theme),
            (20.0, Some(7), Controls::Minimal, Theme::Dark)
        );
        assert_eq!(o.views, [View::Cluster, View::Kubectl]);
        assert_eq!(o.start_at, SimDuration::from_secs(90));
        assert!(problems.is_empty());
        let (o, problems) = parse_options(&attrs(&[
            ("speed", "fast"),
            ("view", "cluster gantt"),
            ("theme", "pink"),
        ]));
        assert_eq!(o, WidgetOptions::default());
        assert_eq!(problems.len(), 3);
        assert_eq!(problems[0], "<job-playground speed=\"fast\">: speed must be a number from 0.25 to 1000 (times real time); the default is used");
    }

    #[test]
    fn fragments_round_trip_any_text_and_reject_damage() {
        for text in [
            "",
            "a",
            "ab",
            "abc",
            "apiVersion: batch/v1\nkind: Job # ü ✓\n",
        ] {
            assert_eq!(decode_fragment(&encode_fragment(text)).unwrap(), text);
        }
        assert_eq!(encode_fragment("Job"), "Sm9i");
        assert!(decode_fragment("Sm9i!")
            .unwrap_err()
            .contains("character 5"));
    }

    #[test]
    fn snippets_carry_the_scenario() {
        let s = snippets("https://example.org/jobplay/", "kind: Job\n");
        let titles: Vec<&str> = s.iter().map(|(t, _)| *t).collect();
        assert_eq!(titles, ["HTML", "iframe", "mdBook", "Hugo", "Docusaurus"]);
        assert!(s[0].1.contains(
            "<script type=\"module\" src=\"https://example.org/jobplay/embed.js\"></script>"
        ));
        assert!(s[0].1.contains("    kind: Job\n"));
        assert!(s[1]
            .1
            .contains(&format!("embed.html#s={}", encode_fragment("kind: Job\n"))));
    }
}
