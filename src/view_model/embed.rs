//! Embedding: the `<job-playground>` element's attributes read into options (every bad value
//! named, with what was expected), inline YAML made parseable, the name and story a widget
//! shows before it starts, its errors as the reader sees them, the scenario carried in an
//! iframe URL's fragment, and the ready-made snippets the playground's Embed button offers.
//! Pure; the UI wires it up.

use crate::decimal::parse_f64;
use crate::scenario::{self, diagnostic::Diagnostic};
use crate::time::SimDuration;
use crate::view_model::presets::PRESETS;

/// What a widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Cluster,
    /// The Timeline (Gantt) chart, and the CronJob rulers when there are CronJobs.
    Timeline,
    /// The event log with its "why" (before issue 21 this was `view="timeline"`).
    Events,
    Kubectl,
    /// The scenario's typed lines (`spec.terminal`), each appearing at its time with its
    /// output as the demo plays; with a prompt unless `readonly`.
    Terminal,
}

/// The `view` attribute's words, in the order the README lists them.
const VIEW_WORDS: [(&str, View); 5] = [
    ("cluster", View::Cluster),
    ("timeline", View::Timeline),
    ("events", View::Events),
    ("kubectl", View::Kubectl),
    ("terminal", View::Terminal),
];

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

impl Theme {
    /// The page's or widget's root class for the theme (static/jobplay.css).
    pub fn class(self) -> &'static str {
        match self {
            Theme::Light => "jp-theme-light",
            Theme::Dark => "jp-theme-dark",
            Theme::Auto => "jp-theme-auto",
        }
    }
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
            views: vec![View::Cluster, View::Events],
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
            "speed" => match parse_f64(v.trim_end_matches('x')) {
                Some(s) if s > 0.0 && s <= 1000.0 => o.speed = s,
                _ => bad("speed must be a number from 0.25 to 1000 (times real time)"),
            },
            "seed" => match v.parse::<u64>() {
                Ok(s) => o.seed = Some(s),
                Err(_) => bad("seed must be a whole number"),
            },
            "view" => {
                let words = v.split([' ', ',']).filter(|p| !p.is_empty());
                let views: Option<Vec<View>> = words
                    .map(|w| {
                        VIEW_WORDS
                            .iter()
                            .find(|(n, _)| *n == w)
                            .map(|(_, view)| *view)
                    })
                    .collect();
                match views {
                    Some(views) if !views.is_empty() => {
                        // A page written before `events` existed meant the log by "timeline":
                        // it still gets a working widget, and its author learns of the change.
                        if views.contains(&View::Timeline) && !views.contains(&View::Events) {
                            problems.push(format!("<job-playground {name}=\"{value}\">: \"timeline\" is the Timeline chart; the event log it showed before is \"events\" (view=\"{v} events\" shows both)"));
                        }
                        o.views = views;
                    }
                    _ => bad(
                        "view lists one or more of cluster, timeline, events, kubectl, terminal",
                    ),
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

/// Columns between tab stops when a tab indents inline YAML: 2. An author who indents with
/// tabs means one tab per level; YAML's customary level is 2 columns and a sequence entry's
/// `- ` is 2 wide, so with stops every 2 columns the keys of a mapping in a list item line up
/// under the first one, after its dash (with 4 or 8 they would not). A page indented with
/// tabs around YAML indented with spaces reads the same whatever the width.
const TAB_STOP: usize = 2;

/// The scenario written inside a `<job-playground>` (a `<script type="text/yaml">` or
/// `<template>` child), as YAML: the text is indented to match the page, often with tabs,
/// which YAML forbids as indentation. Each line's leading tabs advance to the next tab stop
/// (tabs after the first other character are left alone: there they are YAML's own
/// business), then the indentation all non-blank lines share is removed, with the blank lines
/// before and the whitespace after the text.
pub fn inline_scenario(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(expand_leading_tabs).collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let mut out = String::with_capacity(text.len());
    for l in first.map_or(&[][..], |i| &lines[i..]) {
        out.push_str(l.get(indent..).unwrap_or("").trim_end());
        out.push('\n');
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn expand_leading_tabs(line: &str) -> String {
    let body = line.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line[..line.len() - body.len()].chars() {
        let width = if c == '\t' {
            TAB_STOP - out.len() % TAB_STOP
        } else {
            1
        };
        out.extend(std::iter::repeat_n(' ', width));
    }
    out.push_str(body);
    out
}

/// What a widget says about its scenario before it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Intro {
    pub name: String,
    /// Empty when the scenario tells none.
    pub story: String,
}

/// The name and story of a widget's scenario, from the first of:
/// 1. the preset its `preset` attribute names, or whose text it is (a `src` URL pointing at
///    one of static/examples): the gallery's title and story (`presets.rs`);
/// 2. the comment lines the text starts with (blank lines before them are skipped): the first
///    is the name, the ones after it the story, joined into one paragraph;
/// 3. the Jobs and CronJobs it runs (`Job pi`, `CronJob hello and 2 more`), without a story;
/// 4. "A Kubernetes Job demo" when nothing in it runs.
pub fn intro(preset: Option<&str>, text: &str) -> Intro {
    let known = PRESETS
        .iter()
        .find(|p| preset.map_or(p.yaml == text, |id| p.id == id));
    if let Some(p) = known {
        return Intro {
            name: p.title.into(),
            story: p.story.into(),
        };
    }
    let comments: Vec<&str> = text
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .map_while(|l| l.trim().strip_prefix('#'))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if let Some((name, story)) = comments.split_first() {
        return Intro {
            name: name.to_string(),
            story: story.join(" "),
        };
    }
    let loaded = scenario::load(text);
    let s = &loaded.scenario;
    let mut objects = s
        .jobs
        .iter()
        .map(|j| ("Job", &j.metadata.name))
        .chain(s.cron_jobs.iter().map(|c| ("CronJob", &c.metadata.name)));
    let name = match objects.next() {
        None => "A Kubernetes Job demo".to_string(),
        Some((kind, first)) => match objects.count() {
            0 => format!("{kind} {first}"),
            more => format!("{kind} {first} and {more} more"),
        },
    };
    Intro {
        name,
        story: String::new(),
    }
}

/// At most this many errors on a widget's face; the editor lists them all.
pub const FACE_ERRORS: usize = 3;

/// The errors a widget shows on its face, where the picture would be: the first
/// [`FACE_ERRORS`] as `line N: message` (the text's line, counted as the author's editor does),
/// then how many more there are.
pub fn face_errors(diagnostics: &[Diagnostic]) -> Vec<String> {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let mut lines: Vec<String> = errors
        .iter()
        .take(FACE_ERRORS)
        .map(|d| match d.line {
            0 => d.message.clone(),
            n => format!("line {n}: {}", d.message),
        })
        .collect();
    if errors.len() > FACE_ERRORS {
        lines.push(format!("and {} more", errors.len() - FACE_ERRORS));
    }
    lines
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
    let element = format!("<job-playground autoplay view=\"cluster timeline events\">\n  <script type=\"text/yaml\">\n{indented}  </script>\n</job-playground>");
    let src = format!("{base}embed.html#s={}", encode_fragment(yaml));
    let iframe = format!("<iframe src=\"{src}\" title=\"jobplay: a Kubernetes Job demo\" width=\"100%\" height=\"520\" loading=\"lazy\" style=\"border: 0\"></iframe>");
    let hugo = format!(
        "<!-- layouts/shortcodes/job-playground.html -->\n{script}\n<job-playground autoplay{{{{ with .Get \"view\" }}}} view=\"{{{{ . }}}}\"{{{{ end }}}}>\n  <script type=\"text/yaml\">{{{{ .Inner | safeHTML }}}}</script>\n</job-playground>\n\n<!-- in a page -->\n{{{{< job-playground view=\"cluster timeline events\" >}}}}\n{}\n{{{{< /job-playground >}}}}",
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
    use expect_test::{expect, Expect};

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

    /// The widget's reading of its `view` attribute: the views, then each warning.
    fn check_view(value: &str, expect: Expect) {
        let (o, problems) = parse_options(&attrs(&[("view", value)]));
        let mut out = format!("{:?}\n", o.views);
        for p in problems {
            out.push_str(&p);
            out.push('\n');
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn timeline_is_the_chart_events_the_log_and_the_old_meaning_warns() {
        check_view(
            "cluster timeline events",
            expect![[r#"
            [Cluster, Timeline, Events]
        "#]],
        );
        check_view(
            "events,kubectl",
            expect![[r#"
            [Events, Kubectl]
        "#]],
        );
        check_view(
            "timeline",
            expect![[r#"
            [Timeline]
            <job-playground view="timeline">: "timeline" is the Timeline chart; the event log it showed before is "events" (view="timeline events" shows both)
        "#]],
        );
        check_view(
            "cluster gantt",
            expect![[r#"
            [Cluster, Events]
            <job-playground view="cluster gantt">: view lists one or more of cluster, timeline, events, kubectl, terminal; the default is used
        "#]],
        );
        assert_eq!(
            WidgetOptions::default().views,
            [View::Cluster, View::Events]
        );
    }

    /// Inline text as the widget hands it to the parser (`→` for a tab, `·` for a space in
    /// the input; the output shows spaces as they are), and whether it loads without errors.
    fn check_inline(text: &str, expect: Expect) {
        let text = text.replace('→', "\t").replace('·', " ");
        let out = inline_scenario(&text);
        let errors: Vec<String> = scenario::load(&out)
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render("line"))
            .collect();
        expect.assert_eq(&format!("{out}-- errors: {errors:?}\n"));
    }

    #[test]
    fn inline_yaml_indented_with_tabs_loads_as_its_author_saw_it() {
        // The page and the YAML both indented with tabs.
        check_inline(
            "\n→→→apiVersion: batch/v1\n→→→kind: Job\n→→→metadata:\n→→→→name: tabs\n→→→spec:\n→→→→template:\n→→→→→spec:\n→→→→→→restartPolicy: Never\n→→→→→→containers:\n→→→→→→- name: c\n→→→→→→→image: busybox\n→→",
            expect![[r#"
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: tabs
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: c
                        image: busybox
                -- errors: []
            "#]],
        );
    }

    #[test]
    fn tabs_for_the_page_and_spaces_for_the_yaml_or_mixed_line_up() {
        // The page's indentation in tabs, the YAML's own in spaces.
        check_inline(
            "→→kind: Job\n→→apiVersion: batch/v1\n→→metadata: {name: m}\n→→spec:\n→→··template:\n→→····spec:\n→→······restartPolicy: Never\n→→······containers: [{name: c, image: busybox}]\n",
            expect![[r#"
                kind: Job
                apiVersion: batch/v1
                metadata: {name: m}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: busybox}]
                -- errors: []
            "#]],
        );
        // A level of 2 written as a tab or as two spaces reads the same.
        check_inline(
            "→kind: Job\n→apiVersion: batch/v1\n→metadata: {name: m}\n→spec:\n→→template:\n→→··spec:\n→→→→restartPolicy: Never\n→→→→containers:\n→→→→- name: c\n→→→→··image: busybox\n",
            expect![[r#"
                kind: Job
                apiVersion: batch/v1
                metadata: {name: m}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: c
                        image: busybox
                -- errors: []
            "#]],
        );
        // A tab after the indentation is YAML's to read: it stays.
        check_inline(
            "··kind:→Job\n",
            expect![[r#"
            kind:	Job
            -- errors: ["line:1:7: error: YAML syntax error: ':' must be followed by a valid YAML whitespace\n  1 | kind:\tJob\n            ^"]
        "#]],
        );
        check_inline(
            "",
            expect![[r#"
            -- errors: []
        "#]],
        );
    }

    fn check_intro(preset: Option<&str>, text: &str, expect: Expect) {
        let i = intro(preset, text);
        expect.assert_eq(&format!("{}\n{}\n", i.name, i.story));
    }

    #[test]
    fn a_widget_names_its_scenario_and_tells_its_story() {
        check_intro(
            Some("backoff"),
            "",
            expect![[r#"
            Back-off
            Three failures, then success: replacement delays double 10s, 20s, 40s.
        "#]],
        );
        // A src URL pointing at a preset's file.
        check_intro(
            None,
            PRESETS[1].yaml,
            expect![[r#"
            One-shot (pi)
            The docs' first Job: one pod computes pi and the Job completes.
        "#]],
        );
        check_intro(
            None,
            "\n# Back-off, inline\n#   Each attempt fails after 2 s;\n# after 4 the Job gives up.\nkind: Job\n# not the story\n",
            expect![[r#"
                Back-off, inline
                Each attempt fails after 2 s; after 4 the Job gives up.
            "#]],
        );
        let job = |name: &str| {
            format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: {name}}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{{name: c, image: busybox}}]\n")
        };
        check_intro(
            None,
            &job("solo"),
            expect![[r#"
            Job solo

        "#]],
        );
        check_intro(
            None,
            &format!("{}---\n{}---\n{}", job("a"), job("b"), job("c")),
            expect![[r#"
            Job a and 2 more

        "#]],
        );
        check_intro(
            Some("no-such-preset"),
            "kind: [",
            expect![[r#"
            A Kubernetes Job demo

        "#]],
        );
    }

    #[test]
    fn the_face_shows_the_first_errors_with_their_lines() {
        let text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: broken\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: [busybox\n";
        let lines = face_errors(&scenario::load(text).diagnostics);
        expect![[r#"
            [
                "line 11: YAML syntax error: while parsing a flow sequence, expected ',' or ']'",
            ]
        "#]]
        .assert_debug_eq(&lines);
        let many: String = (0..5).map(|i| format!("# {i}\nkind: [\n---\n")).collect();
        let lines = face_errors(&scenario::load(&many).diagnostics);
        assert_eq!(lines.len(), FACE_ERRORS + 1);
        assert_eq!(lines[FACE_ERRORS], "and 2 more");
        assert!(
            lines[0].starts_with("line 3: YAML syntax error"),
            "{lines:?}"
        );
    }

    #[test]
    fn the_readme_lists_every_preset_a_widget_accepts() {
        let readme = include_str!("../../README.md");
        let listed = readme
            .split_once("<!-- presets:")
            .and_then(|(_, rest)| rest.split_once("-->"))
            .and_then(|(_, rest)| rest.split_once("<!-- /presets -->"))
            .map(|(list, _)| list.trim());
        let ids: Vec<String> = PRESETS.iter().map(|p| format!("`{}`", p.id)).collect();
        let expected = ids.join(", ");
        assert_eq!(
            listed,
            Some(expected.as_str()),
            "README.md's preset list (between <!-- presets: ... --> and <!-- /presets -->) should read:\n  {expected}"
        );
        // A widget's `preset` fetches static/examples/<id>.yaml: each one exists and is the preset.
        for p in PRESETS {
            let path = format!(
                "{}/static/examples/{}.yaml",
                env!("CARGO_MANIFEST_DIR"),
                p.id
            );
            assert_eq!(
                std::fs::read_to_string(&path).ok().as_deref(),
                Some(p.yaml),
                "{path}"
            );
        }
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
