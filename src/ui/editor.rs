//! The manifest editor: a native textarea over a highlighted copy of the text (so typing,
//! selection, undo, IME and phones behave as they always do), line numbers, diagnostics
//! underlined in place and listed below with their hints (click one to jump to it; the stage's
//! summary jumps through [`show_line`]), Format, Reset, Run.
//!
//! The textarea is sized to its text (rows and columns) and the box around both scrolls, so
//! the highlighted copy beneath always lines up with it without any scroll syncing.
//!
//! A function, not a component: the layouts draw it every frame anyway (its callbacks are new
//! each time), and the highlighted lines are kept per text by the session handle.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::on_click;

use crate::scenario::diagnostic::Diagnostic;
use crate::view_model::highlight::{Mark, Span};

/// What the editor shows and its callbacks.
pub struct Props<'a> {
    pub text: &'a str,
    pub diagnostics: &'a [Diagnostic],
    /// The text's lines highlighted (`view_model::highlight`).
    pub lines: &'a [Vec<Span>],
    pub on_edit: Callback<String>,
    pub on_run: Callback<()>,
    pub on_format: Callback<()>,
    /// Puts back the text as it was loaded.
    pub on_reset: Callback<()>,
    /// Lines to highlight: the fields behind the decision being explained.
    pub highlight: Vec<u32>,
}

/// The editor.
pub fn editor(props: Props) -> Html {
    // New refs each frame are fine: drawing binds them to the (reused) elements, and the
    // diagnostics' buttons read them only when clicked.
    let textarea = NodeRef::default();
    let code = NodeRef::default();
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            on_edit.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let onkeydown = {
        let on_run = props.on_run.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_run.emit(());
            }
        })
    };
    let lines = props.lines;
    let rows = lines.len().max(1);
    let cols = lines
        .iter()
        .map(|spans| spans.iter().map(|s| s.text.chars().count()).sum::<usize>())
        .max()
        .unwrap_or(0)
        + 2;
    let gutter: Html = (1..=rows as u32)
        .map(|n| {
            let messages: Vec<&str> = props
                .diagnostics
                .iter()
                .filter(|d| d.line == n)
                .map(|d| d.message.as_str())
                .collect();
            let class = classes!(
                "jp-line",
                (!messages.is_empty()).then_some("jp-line-flag"),
                props.highlight.contains(&n).then_some("jp-line-why")
            );
            let title = (!messages.is_empty()).then(|| messages.join("\n"));
            html! { <div {class} {title}>{ n }</div> }
        })
        .collect();
    let highlighted: Html = lines
        .iter()
        .map(|spans| html! { <>{ for spans.iter().map(span) }{ "\n" }</> })
        .collect();
    let run = props.on_run.reform(|_: MouseEvent| super::reveal_stage());
    let format = on_click(&props.on_format);
    let reset = on_click(&props.on_reset);
    let diagnostics: Html = props
        .diagnostics
        .iter()
        .map(|d| {
            let (textarea, code, line, column) = (textarea.clone(), code.clone(), d.line, d.column);
            diagnostic_item(
                d,
                Callback::from(move |_: MouseEvent| {
                    if let (Some(area), Some(code)) = (textarea.cast(), code.cast()) {
                        jump_to(&area, &code, line, column);
                    }
                }),
            )
        })
        .collect();
    html! {
        <section class="jp-editor" aria-label="Manifests">
            <div class="jp-code" ref={code.clone()}>
                <div class="jp-gutter" aria-hidden="true" data-testid="gutter">{ gutter }</div>
                <div class="jp-text-stack">
                    <pre class="jp-hl" aria-hidden="true" data-testid="highlight">{ highlighted }</pre>
                    <textarea ref={textarea} class="jp-text" spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off" aria-label="YAML manifests"
                        rows={rows.to_string()} cols={cols.to_string()} value={props.text.to_string()} {oninput} {onkeydown} />
                </div>
            </div>
            <div class="jp-editor-actions">
                <button class="jp-run" onclick={run}>{ "Run ▶" }</button>
                <button onclick={format} title="Two spaces per level, no tabs or trailing spaces; comments kept">{ "Format" }</button>
                <button onclick={reset} title="Put back the text as it was loaded (your edits are kept to bring back)">{ "Reset" }</button>
                <span class="jp-hint">{ "Ctrl+Enter runs" }</span>
            </div>
            <ul class="jp-diagnostics" aria-live="polite">{ diagnostics }</ul>
        </section>
    }
}

fn span(s: &Span) -> Html {
    let mark = match s.mark {
        Mark::None => None,
        Mark::Warning => Some("jp-hl-warning"),
        Mark::Error => Some("jp-hl-error"),
    };
    let class = classes!(
        (!s.token.class().is_empty()).then_some(s.token.class()),
        mark
    );
    if class.is_empty() {
        html! { { s.text.clone() } }
    } else {
        html! { <span {class}>{ s.text.clone() }</span> }
    }
}

/// One diagnostic: its severity (for screen readers; colour shows it), a button to its line
/// that runs `jump`, the message and its hint. The editor's list and the stage's summary.
pub fn diagnostic_item(d: &Diagnostic, jump: Callback<MouseEvent>) -> Html {
    let (class, severity) = if d.is_error() {
        ("jp-diag jp-diag-error", "error ")
    } else {
        ("jp-diag jp-diag-warning", "warning ")
    };
    html! {
        <li {class}><span class="jp-sr-only">{ severity }</span>
            if d.line > 0 {
                <button class="jp-diag-jump" onclick={jump} title="Show this line in the editor">{ format!("line {}", d.line) }</button>{ ": " }
            }
            { &d.message }
            if let Some(hint) = &d.hint { <p class="jp-diag-hint">{ hint }</p> }
        </li>
    }
}

/// Shows a line of the playground's editor (the one on the page, outside any widget): for
/// the stage's summary of the text's problems.
#[cfg(feature = "playground")]
pub fn show_line(line: u32, column: u32) {
    if let (Some(area), Some(code)) = (find(".jp-main .jp-text"), find(".jp-main .jp-code")) {
        jump_to(&area, &code, line, column);
    }
}

/// The page's first element matching `selector`, as the type it is expected to be.
pub fn find<T: JsCast>(selector: &str) -> Option<T> {
    let document = web_sys::window()?.document()?;
    document.query_selector(selector).ok()??.dyn_into().ok()
}

/// Puts the caret at a diagnostic's place, selects the rest of that line and scrolls it into
/// view inside the editor box.
fn jump_to(area: &HtmlTextAreaElement, code: &HtmlElement, line: u32, column: u32) {
    let (start, end) = utf16_range(&area.value(), line, column);
    let _ = area.focus();
    let _ = area.set_selection_range(start, end);
    let line_height = f64::from(area.scroll_height()) / f64::from(area.rows().max(1));
    code.set_scroll_top(((f64::from(line) - 4.0).max(0.0) * line_height) as i32);
}

/// The textarea offsets (UTF-16 code units, as the DOM counts) from a 1-based line and column
/// to the end of that line.
fn utf16_range(text: &str, line: u32, column: u32) -> (u32, u32) {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            let l = l.strip_suffix('\r').unwrap_or(l);
            let before: u32 = l
                .chars()
                .take(column.max(1) as usize - 1)
                .map(|c| c.len_utf16() as u32)
                .sum();
            let all: u32 = l.chars().map(|c| c.len_utf16() as u32).sum();
            return (offset + before.min(all), offset + all);
        }
        offset += l.chars().map(|c| c.len_utf16() as u32).sum::<u32>() + 1;
    }
    (offset, offset)
}
