//! The manifest editor: line numbers, diagnostics under the text, presets, Run.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::scenario::diagnostic::Diagnostic;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    /// (title, story, yaml)
    pub presets: Vec<(String, String, String)>,
    pub on_edit: Callback<String>,
    pub on_run: Callback<()>,
    pub on_load: Callback<String>,
    /// Lines to highlight: the fields behind the decision being explained.
    #[prop_or_default]
    pub highlight: Vec<u32>,
}

#[function_component(Editor)]
pub fn editor(props: &Props) -> Html {
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| on_edit.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
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
    let lines = props.text.lines().count().max(1);
    let error_lines: Vec<u32> = props.diagnostics.iter().map(|d| d.line).collect();
    let gutter: Html = (1..=lines as u32)
        .map(|n| {
            let class = classes!("jp-line", error_lines.contains(&n).then_some("jp-line-flag"), props.highlight.contains(&n).then_some("jp-line-why"));
            html! { <div {class}>{ n }</div> }
        })
        .collect();
    let run = props.on_run.reform(|_: MouseEvent| ());
    let presets: Html = props
        .presets
        .iter()
        .map(|(title, story, yaml)| {
            let on_load = props.on_load.clone();
            let yaml = yaml.clone();
            html! { <button class="jp-preset" title={story.clone()} onclick={move |_| on_load.emit(yaml.clone())}>{ title }</button> }
        })
        .collect();
    html! {
        <section class="jp-editor" aria-label="Manifests">
            <div class="jp-presets" role="toolbar" aria-label="Presets">{ presets }</div>
            <div class="jp-code">
                <div class="jp-gutter" aria-hidden="true" data-testid="gutter">{ gutter }</div>
                <textarea class="jp-text" spellcheck="false" aria-label="YAML manifests" value={props.text.clone()} {oninput} {onkeydown} />
            </div>
            <div class="jp-editor-actions">
                <button class="jp-run" onclick={run}>{ "Run ▶" }</button>
                <span class="jp-hint">{ "Ctrl+Enter runs" }</span>
            </div>
            <ul class="jp-diagnostics" aria-live="polite">
                { for props.diagnostics.iter().map(|d| {
                    let class = if d.is_error() { "jp-diag jp-diag-error" } else { "jp-diag jp-diag-warning" };
                    let line = if d.line > 0 { format!("line {}: ", d.line) } else { String::new() };
                    html! { <li {class}>{ line }{ &d.message }</li> }
                }) }
            </ul>
        </section>
    }
}
