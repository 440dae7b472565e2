//! The inspector: kubectl views, logs, YAML and jobplay's notes for the selected object, as at
//! the playhead.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::Breaking;
use crate::view_model::inspector::{Controls, Selected, Tab};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub selected: Selected,
    /// `None` when the object does not exist at this moment.
    pub tabs: Option<Vec<Tab>>,
    /// The object's scenario target, when actions can apply to it now.
    pub target: Option<String>,
    /// What the offered actions depend on (Suspend or Resume, Cordon or Uncordon ...).
    #[prop_or_default]
    pub controls: Controls,
    pub on_close: Callback<()>,
    /// Actions to record into the scenario at the playhead.
    pub on_action: Callback<Vec<Breaking>>,
}

/// (label, verb) of the other actions offered for a pod.
const POD_ACTIONS: &[(&str, &str)] = &[
    ("Succeed", "succeedPod"),
    ("Evict", "evictPod"),
    ("Delete", "deletePod"),
];

/// The number typed into an input, if it is one within `range`.
fn number_in(input: &NodeRef, range: &std::ops::RangeInclusive<i32>) -> Option<i32> {
    input
        .cast::<HtmlInputElement>()?
        .value()
        .trim()
        .parse()
        .ok()
        .filter(|n| range.contains(n))
}

#[function_component(Inspector)]
pub fn inspector(props: &Props) -> Html {
    let active = use_state(|| 0usize);
    let exit_code = use_node_ref();
    let parallelism = use_node_ref();
    let title = match &props.selected {
        Selected::CronJob(n) => format!("cronjob/{n}"),
        Selected::Job(n) => format!("job/{n}"),
        Selected::Pod(n) => format!("pod/{n}"),
        Selected::Node(n) => format!("node/{n}"),
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let button = |label: &'static str, verb: &'static str, target: &str| {
        let on_action = props.on_action.clone();
        let target = target.to_string();
        html! { <button class="jp-break" title={format!("{verb} {target}: recorded into the scenario's actions")} onclick={move |_| on_action.emit(vec![Breaking::now(verb, target.clone(), "")])}>{ label }</button> }
    };
    // A button that records `verb` with the number typed beside it (`exitCode: 3`, `value: 4`).
    let with_number = |label: &'static str,
                       verb: &'static str,
                       field: &'static str,
                       input: &NodeRef,
                       range: std::ops::RangeInclusive<i32>,
                       target: &str| {
        let title = format!("{verb} {target}: recorded into the scenario's actions");
        let (on_action, input, target) =
            (props.on_action.clone(), input.clone(), target.to_string());
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(n) = number_in(&input, &range) {
                on_action.emit(vec![Breaking::now(
                    verb,
                    target.clone(),
                    format!("{field}: {n}"),
                )]);
            }
        });
        html! { <button class="jp-break" {title} {onclick}>{ label }</button> }
    };
    let actions = props.target.as_ref().map(|target| match &props.selected {
        Selected::Pod(_) => html! {
            <>
                <span class="jp-action-number">
                    { with_number("Fail with exit code", "failPod", "exitCode", &exit_code, 0..=255, target) }
                    <input ref={exit_code.clone()} type="number" min="0" max="255" value="1" aria-label="Exit code" />
                </span>
                { for POD_ACTIONS.iter().map(|(l, v)| button(l, v, target)) }
            </>
        },
        Selected::Node(_) => html! {
            <>
                { if props.controls.cordoned { button("Uncordon", "uncordonNode", target) } else { button("Cordon", "cordonNode", target) } }
                { button("Drain", "drainNode", target) }
                { if props.controls.node_down { button("Restore", "restoreNode", target) } else { button("Fail (NotReady)", "failNode", target) } }
            </>
        },
        Selected::CronJob(_) => html! {
            <>
                { if props.controls.suspended { button("Resume", "resume", target) } else { button("Suspend", "suspend", target) } }
                { button("Run now", "triggerCronJob", target) }
            </>
        },
        Selected::Job(_) => html! {
            <>
                { if props.controls.suspended { button("Resume", "resume", target) } else { button("Suspend", "suspend", target) } }
                <span class="jp-action-number">
                    { with_number("Set parallelism", "setParallelism", "value", &parallelism, 0..=100_000, target) }
                    <input ref={parallelism.clone()} type="number" min="0" value={props.controls.parallelism.to_string()} aria-label="Parallelism" />
                </span>
                { button("Delete", "deleteJob", target) }
            </>
        },
    });
    let body = match &props.tabs {
        None => {
            html! { <p class="jp-muted">{ "Not in the cluster at this moment (not created yet, or deleted)." }</p> }
        }
        Some(tabs) => {
            let current = (*active).min(tabs.len().saturating_sub(1));
            html! {
                <>
                    <div class="jp-tabs" role="tablist">
                        { for tabs.iter().enumerate().map(|(i, t)| {
                            let active = active.clone();
                            html! { <button role="tab" aria-selected={(i == current).to_string()} class={classes!("jp-tab", (i == current).then_some("jp-tab-on"))} onclick={move |_| active.set(i)}>{ t.title }</button> }
                        }) }
                    </div>
                    <pre class="jp-pre" role="tabpanel" tabindex="0" data-testid="inspector-text">{ &tabs[current].text }</pre>
                </>
            }
        }
    };
    html! {
        <section class="jp-inspector" aria-label="Inspector">
            <header><strong>{ title }</strong><button class="jp-close" aria-label="Close inspector" onclick={close}>{ "×" }</button></header>
            if let Some(actions) = actions { <div class="jp-actions" role="group" aria-label="Break things">{ actions }</div> }
            { body }
        </section>
    }
}
