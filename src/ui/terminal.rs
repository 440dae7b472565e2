//! The terminal pane: the typed lines that have run by the playhead with what they printed
//! (an accessible log: a screen reader hears each new output), and a prompt. Enter writes
//! the line into the scenario (`SessionAction::Type`), ↑/↓ walk the history, Tab completes
//! (`view_model::terminal::complete`), Copy takes the lines shown, Clear removes the typed
//! lines from the scenario. A component: the line being typed, the history position and the
//! completion choices are its own state. The model is `view_model/terminal.rs`.

#[cfg(feature = "terminal")]
use std::rc::Rc;

#[cfg(feature = "terminal")]
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[cfg(feature = "terminal")]
use crate::time::SimTime;
#[cfg(feature = "terminal")]
use crate::view_model::handoff::HandedPrompt;
#[cfg(feature = "terminal")]
use crate::view_model::terminal::{shown_output, Completion, Transcript};

#[cfg(feature = "terminal")]
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Every typed line of the run, replayed.
    pub transcript: Rc<Transcript>,
    /// How many of them have run by the playhead.
    pub shown: usize,
    /// The playhead: a line still going (`sleep`, `kubectl wait`) shows without its output.
    pub playhead: SimTime,
    /// The lines shown, as Copy puts them on the clipboard.
    pub copy_text: AttrValue,
    /// The playhead, as the prompt shows it (`+1m30s`).
    pub at: AttrValue,
    /// No prompt, no Clear: a widget's `readonly`.
    pub readonly: bool,
    /// A line was entered.
    pub on_type: Callback<String>,
    pub on_clear: Callback<()>,
    /// Completes a line at the playhead.
    pub complete: Callback<String, Completion>,
    /// The log's accessible name, unique on the page.
    pub label: AttrValue,
    /// The prompt as the page's first module left it (`view_model::handoff`): its line, and
    /// the focus.
    pub handed: Option<HandedPrompt>,
}

/// The line typed so far, where ↑/↓ are in the history, and the last Tab's choices.
#[cfg(feature = "terminal")]
#[derive(Clone, Default, PartialEq)]
struct Prompt {
    line: String,
    history_at: Option<usize>,
    choices: Vec<String>,
    /// Why the shell would not run the line entered (it stays at the prompt to be mended).
    error: Option<String>,
    copied: bool,
    /// Escape was pressed: the next Tab leaves the prompt instead of completing, so a line
    /// being typed never traps the keyboard there.
    tab_leaves: bool,
}

#[cfg(feature = "terminal")]
#[function_component(Terminal)]
pub fn terminal(props: &Props) -> Html {
    let handed = props.handed.clone().unwrap_or_default();
    let prompt = use_state(|| Prompt {
        line: handed.line,
        ..Prompt::default()
    });
    let input = use_node_ref();
    {
        // Typing goes on where the first module left it: the focus is back in the prompt.
        let input = input.clone();
        use_effect_with((), move |_| {
            if handed.focused {
                if let Some(i) = input.cast::<HtmlTextAreaElement>() {
                    let _ = i.focus();
                }
            }
        });
    }
    let log = use_node_ref();
    {
        // As a terminal does, the newest line is in view: the log scrolls to its end when text
        // appears (a line, its output, a watch's next rows).
        let log = log.clone();
        use_effect_with(props.copy_text.len(), move |_| {
            if let Some(log) = log.cast::<web_sys::Element>() {
                log.set_scroll_top(log.scroll_height());
            }
        });
    }
    let entries = &props.transcript.entries;
    let history: Vec<String> = entries.iter().map(|e| e.typed()).collect();
    // Coming back to the prompt, Tab completes again.
    let onfocus = {
        let prompt = prompt.clone();
        Callback::from(move |_: FocusEvent| {
            if prompt.tab_leaves {
                prompt.set(Prompt {
                    tab_leaves: false,
                    ..(*prompt).clone()
                });
            }
        })
    };
    let oninput = {
        let prompt = prompt.clone();
        Callback::from(move |e: InputEvent| {
            let line = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            prompt.set(Prompt {
                line,
                ..Prompt::default()
            });
        })
    };
    let onkeydown = {
        let (prompt, on_type, complete) = (
            prompt.clone(),
            props.on_type.clone(),
            props.complete.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            // The playback keys (Space, arrows) must not reach the page while typing here.
            e.stop_propagation();
            // The line is the field's own text: the state may not have caught up with input
            // events given just before (a line typed again after the hand-over).
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let p = Prompt {
                line: area.value(),
                ..(*prompt).clone()
            };
            match e.key().as_str() {
                // A line the shell would continue (an open quote or here-document, a trailing
                // `\`) takes a new line at the caret, as a terminal's `> ` prompt does;
                // Shift+Enter always. Written here rather than left to the browser, so a
                // pressed-again Enter (static/boot.js, after the hand-over) does it too.
                "Enter" if e.shift_key() || crate::shell::is_open(&format!("{}\n", p.line)) => {
                    e.prevent_default();
                    let caret = area
                        .selection_start()
                        .ok()
                        .flatten()
                        .map_or(p.line.len(), |c| char_offset(&p.line, c as usize));
                    let mut line = p.line.clone();
                    line.insert(caret, '\n');
                    // The field at once too, so keys typed before the next render land after
                    // the line break.
                    area.set_value(&line);
                    let after = (line[..caret].encode_utf16().count() + 1) as u32;
                    let _ = area.set_selection_range(after, after);
                    prompt.set(Prompt {
                        line,
                        ..Prompt::default()
                    });
                }
                "Enter" => {
                    e.prevent_default();
                    if let Some((n, message)) = crate::shell::syntax_error(&p.line) {
                        prompt.set(Prompt {
                            error: Some(format!("sh: line {n}: {message}")),
                            ..p
                        });
                        return;
                    }
                    if !p.line.trim().is_empty() {
                        on_type.emit(p.line.clone());
                    }
                    prompt.set(Prompt::default());
                }
                "Escape" => prompt.set(Prompt {
                    choices: Vec::new(),
                    tab_leaves: true,
                    ..p
                }),
                "Tab"
                    if !e.shift_key()
                        && !p.tab_leaves
                        && (!p.line.is_empty() || !p.choices.is_empty()) =>
                {
                    e.prevent_default();
                    let c = complete.emit(p.line.clone());
                    prompt.set(Prompt {
                        line: c.line,
                        choices: c.choices,
                        ..p
                    });
                }
                // Within several lines the arrows move the caret.
                key @ ("ArrowUp" | "ArrowDown") if !p.line.contains('\n') => {
                    e.prevent_default();
                    let at = crate::view_model::terminal::history_step(
                        &history,
                        p.history_at,
                        key == "ArrowUp",
                    );
                    let line = at.map_or_else(String::new, |i| history[i].clone());
                    prompt.set(Prompt {
                        line,
                        history_at: at,
                        ..Prompt::default()
                    });
                }
                _ => {}
            }
        })
    };
    let copy = {
        let (text, prompt) = (props.copy_text.clone(), prompt.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                // Not awaited: the button says "Copied" once the write was asked for.
                let _ = w.navigator().clipboard().write_text(&text);
                prompt.set(Prompt {
                    copied: true,
                    ..(*prompt).clone()
                });
            }
        })
    };
    let clear = props.on_clear.reform(|_: MouseEvent| ());
    let focus = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(i) = input.cast::<HtmlTextAreaElement>() {
                let _ = i.focus();
            }
        })
    };
    let lines = entries[..props.shown.min(entries.len())]
        .iter()
        .map(|e| {
            let output: Html = e
                .outputs
                .iter()
                .map(|o| {
                    let (notice, out, err) = shown_output(e, o, props.playhead);
                    html! {
                        <>
                            if !notice.is_empty() { <span class="jp-term-err">{ notice.to_string() }</span> }
                            if !out.is_empty() { <span>{ out.to_string() }</span> }
                            if !err.is_empty() { <span class="jp-term-err">{ err.to_string() }</span> }
                        </>
                    }
                })
                .collect();
            html! {
                <div class="jp-term-entry" key={e.index}>
                    <pre class="jp-term-echo">{ e.echo.clone() }</pre>
                    <pre class="jp-term-out">{ output }</pre>
                </div>
            }
        })
        .collect::<Html>();
    let p = &*prompt;
    // As tall as what is typed (a here-document pasted whole), up to a screenful.
    let rows = (p.line.matches('\n').count() + 1).min(12);
    html! {
        <section class="jp-terminal" aria-label={props.label.clone()} data-testid="terminal">
            <div class="jp-term-bar">
                <h2>{ "Terminal" }</h2>
                <span class="jp-muted jp-term-hint">{ "kubectl at the playhead" }</span>
                <button onclick={copy} data-testid="terminal-copy" title="Copy the lines shown, as a terminal shows them">{ if p.copied { "Copied" } else { "Copy" } }</button>
                if !props.readonly {
                    <button onclick={clear} data-testid="terminal-clear" disabled={entries.is_empty()} title="Removes the typed lines (spec.terminal) from the scenario, and runs it again without them">{ "Clear typed lines" }</button>
                }
            </div>
            <div class="jp-term-screen" onclick={focus}>
                <div ref={log} class="jp-term-log" role="log" aria-live="polite" aria-label={format!("{} output", props.label)} tabindex="0" data-testid="terminal-log">
                    { lines }
                </div>
                if !p.choices.is_empty() {
                    <p class="jp-term-choices" data-testid="terminal-choices">{ p.choices.join("  ") }</p>
                }
                if let Some(error) = &p.error {
                    <p class="jp-term-choices jp-term-err" role="alert" data-testid="terminal-error">{ error.clone() }</p>
                }
                if !props.readonly {
                    <label class="jp-term-prompt">
                        <span class="jp-term-at" aria-hidden="true">{ format!("{} $", props.at) }</span>
                        <textarea ref={input} class="jp-term-input" rows={rows.to_string()} value={p.line.clone()} {oninput} {onkeydown} {onfocus}
                            spellcheck="false" autocomplete="off" autocapitalize="off"
                            aria-label={format!("kubectl command at {} (Tab completes; Escape, then Tab, leaves)", props.at)} data-testid="terminal-input"
                            placeholder="kubectl get pods" />
                    </label>
                }
            </div>
        </section>
    }
}

/// The byte offset of the `utf16`th UTF-16 unit of `text` (a text field's caret), at most
/// its end.
#[cfg(feature = "terminal")]
fn char_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The pane in the page's first module, before kubectl has loaded (without the Cargo feature
/// `terminal`; `ui/terminal_module.rs`): the same frame and prompt, no typed lines yet (a text
/// with some is handed over before it runs). Going to the prompt hands the page over to the
/// terminal module. What is typed meanwhile (Enter too: a new line here) static/boot.js types
/// again into the terminal module's prompt, which reads each Enter as it reads its own (a
/// here-document's line asks for the next, a whole command runs).
#[cfg(not(feature = "terminal"))]
pub fn before_kubectl(
    at: AttrValue,
    label: AttrValue,
    readonly: bool,
    on_focus: Callback<()>,
) -> Html {
    let onfocus = on_focus.reform(|_: FocusEvent| ());
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        // The playback keys (Space, arrows) must not reach the page while typing here.
        e.stop_propagation();
        let input: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        let typed = !input.value().trim().is_empty();
        match e.key().as_str() {
            // A new line here, as in the terminal module's prompt (for a here-document).
            "Enter" if typed => {
                input.set_rows((input.value().matches('\n').count() as u32 + 2).min(12));
                let pane = input.closest(".jp-terminal").ok().flatten();
                if let Some(note) =
                    pane.and_then(|t| t.query_selector(".jp-term-loading").ok().flatten())
                {
                    note.set_text_content(Some("Loading kubectl: the line runs once it is here."));
                }
            }
            // Escape, then Tab, leaves, as in the terminal module's prompt.
            "Escape" => {
                let _ = input.set_attribute("data-tab-leaves", "");
            }
            // Tab completes once kubectl is there; until then it keeps the focus here.
            "Tab" if typed && !e.shift_key() && !input.has_attribute("data-tab-leaves") => {
                e.prevent_default()
            }
            "Tab" | "Shift" => {}
            _ => {
                let _ = input.remove_attribute("data-tab-leaves");
            }
        }
    });
    html! {
        <section class="jp-terminal" aria-label={label.clone()} data-testid="terminal">
            <div class="jp-term-bar">
                <h2>{ "Terminal" }</h2>
                <span class="jp-muted jp-term-hint">{ "kubectl at the playhead" }</span>
            </div>
            <div class="jp-term-screen">
                <div class="jp-term-log" role="log" aria-live="polite" aria-label={format!("{label} output")} tabindex="0" data-testid="terminal-log"></div>
                if !readonly {
                    <label class="jp-term-prompt">
                        <span class="jp-term-at" aria-hidden="true">{ format!("{at} $") }</span>
                        <textarea class="jp-term-input" rows="1" {onfocus} {onkeydown}
                            spellcheck="false" autocomplete="off" autocapitalize="off"
                            aria-label={format!("kubectl command at {at} (Tab completes; Escape, then Tab, leaves)")} data-testid="terminal-input"
                            placeholder="kubectl get pods" />
                    </label>
                    <p class="jp-muted jp-term-loading" role="status" data-testid="terminal-loading"></p>
                }
            </div>
        </section>
    }
}
