//! The inspector: kubectl views, logs, JSON and jobplay's notes for the selected object, as at
//! the playhead.

use yew::prelude::*;

use crate::view_model::inspector::{Selected, Tab};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub selected: Selected,
    /// `None` when the object does not exist at this moment.
    pub tabs: Option<Vec<Tab>>,
    /// The object's scenario target, when actions can apply to it now.
    pub target: Option<String>,
    /// Whether the selected Job or CronJob is suspended (to offer Resume rather than Suspend).
    pub suspended: bool,
    pub on_close: Callback<()>,
    /// (verb, target, extra fields) of an action to record at the playhead.
    pub on_action: Callback<(&'static str, String, &'static str)>,
}

/// (label, verb, extra fields) of the actions offered for a pod.
const POD_ACTIONS: &[(&str, &str, &str)] = &[("Fail (exit 1)", "failPod", "exitCode: 1"), ("Succeed", "succeedPod", ""), ("Evict", "evictPod", ""), ("Delete", "deletePod", "")];

#[function_component(Inspector)]
pub fn inspector(props: &Props) -> Html {
    let active = use_state(|| 0usize);
    let title = match &props.selected {
        Selected::CronJob(n) => format!("cronjob/{n}"),
        Selected::Job(n) => format!("job/{n}"),
        Selected::Pod(n) => format!("pod/{n}"),
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let button = |label: &'static str, verb: &'static str, extra: &'static str, target: &str| {
        let on_action = props.on_action.clone();
        let target = target.to_string();
        html! { <button class="jp-break" title={format!("{verb} {target}: recorded into the scenario's actions")} onclick={move |_| on_action.emit((verb, target.clone(), extra))}>{ label }</button> }
    };
    let actions = props.target.as_ref().map(|target| match &props.selected {
        Selected::Pod(_) => POD_ACTIONS.iter().map(|(l, v, e)| button(l, v, e, target)).collect::<Html>(),
        Selected::CronJob(_) => html! {
            <>
                { if props.suspended { button("Resume", "resume", "", target) } else { button("Suspend", "suspend", "", target) } }
                { button("Run now", "triggerCronJob", "", target) }
            </>
        },
        Selected::Job(_) => html! {
            <>
                { if props.suspended { button("Resume", "resume", "", target) } else { button("Suspend", "suspend", "", target) } }
                { button("Delete", "deleteJob", "", target) }
            </>
        },
    });
    let body = match &props.tabs {
        None => html! { <p class="jp-muted">{ "Not in the cluster at this moment (not created yet, or deleted)." }</p> },
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
