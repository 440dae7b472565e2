//! The event log up to the playhead, newest first, with the controller's reasons, and its
//! filters (object kinds, warnings only, reasons shown, text). A function, not a component: it
//! is drawn with the rest of the stage every frame anyway.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::click_sends;
use crate::view_model::event_log::{LogFilter, LogRow, KINDS};

/// What the log shows and its callbacks.
pub struct Props {
    pub rows: Vec<LogRow>,
    /// More rows matched than are shown.
    pub more: bool,
    pub filter: LogFilter,
    pub on_filter: Callback<LogFilter>,
    /// A reason was chosen (its decision index), to be explained.
    pub on_why: Callback<usize>,
    /// The decision being explained.
    pub selected_why: Option<usize>,
    /// The section's accessible name: unique on the page, as each landmark's must be (a docs
    /// page may hold several widgets, each with its log).
    pub label: AttrValue,
}

/// A checkbox's handler: sends the filter with `change` made. The new filter is worked out
/// now, so every checkbox shares one closure type (each brings a call shim and drop glue
/// into the wasm).
fn toggle(
    filter: &LogFilter,
    on_filter: &Callback<LogFilter>,
    change: impl FnOnce(&mut LogFilter),
) -> Callback<Event> {
    let mut toggled = filter.clone();
    change(&mut toggled);
    on_filter.reform(move |_: Event| toggled.clone())
}

/// The log.
pub fn event_log(props: Props) -> Html {
    let f = &props.filter;
    let on_text = {
        let filter = f.clone();
        props.on_filter.reform(move |e: InputEvent| LogFilter {
            text: e.target_unchecked_into::<HtmlInputElement>().value(),
            ..filter.clone()
        })
    };
    let rows: Html = props
        .rows
        .iter()
        .map(|r| match r {
            LogRow::Event { time, object, reason, message, warning } => html! {
                <li class={if *warning { "jp-ev jp-ev-warning" } else { "jp-ev" }}>
                    <span class="jp-ev-time">{ time }</span>
                    <span class="jp-ev-obj">{ object }</span>
                    <span class="jp-ev-reason">{ reason }</span>
                    <span class="jp-ev-msg">{ message }</span>
                </li>
            },
            LogRow::Why { time, summary, index, .. } => {
                let index = *index;
                let onclick = click_sends(&props.on_why, index);
                let pressed = props.selected_why == Some(index);
                html! {
                    <li class="jp-why">
                        <span class="jp-ev-time">{ time }</span>
                        <button class="jp-why-button" aria-pressed={pressed.to_string()} title="Explain: show the fields behind this decision" {onclick}>{ format!("why: {summary}") }</button>
                    </li>
                }
            }
        })
        .collect();
    html! {
        <section class="jp-log" aria-label={props.label}>
            <h2>{ "Events" }</h2>
            <div class="jp-log-filters" role="group" aria-label="Filter events">
                { for KINDS.iter().map(|kind| {
                    let k: &'static str = kind;
                    let on = f.kinds.contains(&k);
                    let onchange = toggle(f, &props.on_filter, move |f| if f.kinds.contains(&k) { f.kinds.retain(|x| *x != k) } else { f.kinds.push(k) });
                    html! { <label><input type="checkbox" checked={on} {onchange} />{ format!(" {k}") }</label> }
                }) }
                <label><input type="checkbox" checked={f.warnings_only} onchange={toggle(f, &props.on_filter, |f| f.warnings_only = !f.warnings_only)} />{ " Warnings only" }</label>
                <label><input type="checkbox" checked={f.why} onchange={toggle(f, &props.on_filter, |f| f.why = !f.why)} />{ " Reasons (why)" }</label>
                <input type="search" class="jp-log-search" placeholder="Filter text" aria-label="Filter events by text" value={f.text.clone()} oninput={on_text} />
            </div>
            if props.rows.is_empty() {
                <p class="jp-muted">{ "No events match." }</p>
            }
            <ol reversed=true>{ rows }</ol>
            if props.more {
                <p class="jp-muted">{ "Older events are not listed; narrow the filter or move the playhead to see them." }</p>
            }
        </section>
    }
}
