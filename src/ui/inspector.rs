//! The inspector: kubectl views, logs, YAML and jobplay's notes for the selected object, as at
//! the playhead.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::on_click;

use crate::scenario::action::{Action, Target, Verb};
use crate::time::SimDuration;
use crate::view_model::inspector::{Controls, Selected, Tab};

#[derive(Properties)]
pub struct Props {
    pub selected: Selected,
    /// `None` when the object does not exist at this moment.
    pub tabs: Option<Vec<Tab>>,
    /// The object's scenario target, when actions can apply to it now.
    #[prop_or_default]
    pub target: Option<Target>,
    /// What the offered actions depend on (Suspend or Resume, Cordon or Uncordon ...).
    #[prop_or_default]
    pub controls: Controls,
    pub on_close: Callback<()>,
    /// Records actions into the scenario at the playhead (each `at` counts from it); `None`
    /// where the run is only watched (the embed widget), so no action is offered.
    #[prop_or_default]
    pub on_action: Option<Callback<Vec<Action>>>,
}

/// Never equal, so the inspector is drawn on every render of its layout: it is anyway, as its
/// `on_close` is new each time, and comparing the tabs first would only cost time and code.
impl PartialEq for Props {
    fn eq(&self, _: &Self) -> bool {
        false
    }
}

/// (label, verb) of the other actions offered for a pod.
const POD_ACTIONS: &[(&str, Verb)] = &[
    ("Succeed", Verb::SucceedPod),
    ("Evict", Verb::EvictPod),
    ("Delete", Verb::DeletePod),
];

/// `verb` on `target`, at the playhead.
fn now(verb: Verb, target: &Target) -> Vec<Action> {
    vec![Action {
        at: SimDuration::ZERO,
        verb,
        target: target.clone(),
    }]
}

/// The button's tooltip: what it writes into the scenario.
fn recorded(verb: &Verb, target: &Target) -> String {
    format!(
        "{} {}: recorded into the scenario's actions",
        verb.name(),
        target.render()
    )
}

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
    // `usize::default`, as the playground's snippet tab: one copy of the hook for both.
    let active = use_state(usize::default);
    // New refs each render are fine: drawing binds them to the (reused) inputs, and the
    // buttons read them only when clicked.
    let (exit_code, parallelism) = (NodeRef::default(), NodeRef::default());
    let title = match &props.selected {
        Selected::CronJob(n) => format!("cronjob/{n}"),
        Selected::Job(n) => format!("job/{n}"),
        Selected::Pod(n) => format!("pod/{n}"),
        Selected::Node(n) => format!("node/{n}"),
    };
    let close = on_click(&props.on_close);
    let button =
        |label: &'static str, verb: Verb, target: &Target, on_action: &Callback<Vec<Action>>| {
            let title = recorded(&verb, target);
            let onclick = on_action.reform({
                let target = target.clone();
                move |_: MouseEvent| now(verb.clone(), &target)
            });
            html! { <button class="jp-break" {title} {onclick}>{ label }</button> }
        };
    // A button that records the verb `make` builds from the number typed beside it
    // (`exitCode: 3`, `value: 4`); nothing while the field holds no number in `range`.
    let with_number = |label: &'static str,
                       make: fn(i32) -> Verb,
                       input: &NodeRef,
                       range: std::ops::RangeInclusive<i32>,
                       target: &Target,
                       on_action: &Callback<Vec<Action>>| {
        let title = recorded(&make(0), target);
        let (on_action, input, target) = (on_action.clone(), input.clone(), target.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(n) = number_in(&input, &range) {
                on_action.emit(now(make(n), &target));
            }
        });
        html! { <button class="jp-break" {title} {onclick}>{ label }</button> }
    };
    let actions = props.target.as_ref().zip(props.on_action.as_ref()).map(|(target, on_action)| match &props.selected {
        Selected::Pod(_) => match props.controls.exit_disabled() {
            // A finished pod: its containers cannot be made to exit again; removing it still applies.
            Some(reason) => html! {
                <>
                    <button class="jp-break" disabled=true title={reason} aria-describedby="jp-exit-why">{ "Fail with exit code" }</button>
                    <button class="jp-break" disabled=true title={reason} aria-describedby="jp-exit-why">{ "Succeed" }</button>
                    { for POD_ACTIONS[1..].iter().map(|(l, v)| button(l, v.clone(), target, on_action)) }
                    <p class="jp-action-why" id="jp-exit-why" data-testid="action-why">{ reason }</p>
                </>
            },
            None => html! {
                <>
                    <span class="jp-action-number">
                        { with_number("Fail with exit code", |exit_code| Verb::FailPod { exit_code }, &exit_code, 0..=255, target, on_action) }
                        <input ref={exit_code.clone()} type="number" min="0" max="255" value="1" aria-label="Exit code" />
                    </span>
                    { for POD_ACTIONS.iter().map(|(l, v)| button(l, v.clone(), target, on_action)) }
                </>
            },
        },
        Selected::Node(_) => html! {
            <>
                { if props.controls.cordoned { button("Uncordon", Verb::UncordonNode, target, on_action) } else { button("Cordon", Verb::CordonNode, target, on_action) } }
                { button("Drain", Verb::DrainNode, target, on_action) }
                { if props.controls.node_down { button("Restore", Verb::RestoreNode, target, on_action) } else { button("Fail (NotReady)", Verb::FailNode, target, on_action) } }
            </>
        },
        Selected::CronJob(_) => html! {
            <>
                { if props.controls.suspended { button("Resume", Verb::Resume, target, on_action) } else { button("Suspend", Verb::Suspend, target, on_action) } }
                { button("Run now", Verb::TriggerCronJob, target, on_action) }
                { button("Delete", Verb::DeleteCronJob, target, on_action) }
            </>
        },
        Selected::Job(_) => html! {
            <>
                { if props.controls.suspended { button("Resume", Verb::Resume, target, on_action) } else { button("Suspend", Verb::Suspend, target, on_action) } }
                <span class="jp-action-number">
                    { with_number("Set parallelism", Verb::SetParallelism, &parallelism, 0..=100_000, target, on_action) }
                    <input ref={parallelism.clone()} type="number" min="0" value={props.controls.parallelism.to_string()} aria-label="Parallelism" />
                </span>
                { button("Delete", Verb::DeleteJob, target, on_action) }
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
