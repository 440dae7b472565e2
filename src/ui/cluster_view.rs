//! Nodes as lanes, pods as cards whose state shows as text and icon as well as colour.

use yew::prelude::*;

use web_sys::HtmlSelectElement;

use super::cron_job_card::CronJobCard;
use super::job_card::JobCard;
use crate::scenario::action::{Action, Target, Verb};
use crate::time::SimDuration;
use crate::view_model::cluster::{ClusterView, Hidden, PodCard};
use crate::view_model::inspector::Selected;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: ClusterView,
    /// The pod or Job shown in the inspector, highlighted here.
    pub selected: Option<Selected>,
    pub on_select: Callback<Selected>,
    /// Records "break things" actions; `None` where the cluster is only watched (the widget).
    #[prop_or_default]
    pub on_action: Option<Callback<Vec<Action>>>,
}

/// The controller manager's `verb`, `after` the playhead (its actions point at nothing).
fn controllers(verb: Verb, after: SimDuration) -> Action {
    Action {
        at: after,
        verb,
        target: Target::None,
    }
}

/// How long "Take it down for" keeps the controller manager down: (label, milliseconds).
const OUTAGES: &[(&str, i64)] = &[
    ("30 seconds", 30_000),
    ("1 minute", 60_000),
    ("5 minutes", 300_000),
    ("30 minutes", 1_800_000),
    ("2 hours", 7_200_000),
];

/// The controller manager's state, and taking it down for a while or bringing it back.
#[function_component(ControllerManager)]
fn controller_manager(props: &ControllerManagerProps) -> Html {
    let pick = use_node_ref();
    let control = if props.down {
        let on_action = props.on_action.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            on_action.emit(vec![controllers(
                Verb::ResumeControllers,
                SimDuration::ZERO,
            )])
        });
        html! { <button class="jp-break" {onclick}>{ "Bring it back now" }</button> }
    } else {
        let (on_action, select) = (props.on_action.clone(), pick.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            let ms = select
                .cast::<HtmlSelectElement>()
                .and_then(|s| s.value().parse::<i64>().ok())
                .unwrap_or(60_000);
            on_action.emit(vec![
                controllers(Verb::PauseControllers, SimDuration::ZERO),
                controllers(Verb::ResumeControllers, SimDuration::from_millis(ms)),
            ]);
        });
        html! {
            <>
                <button class="jp-break" {onclick}>{ "Take it down for" }</button>
                <select ref={pick} aria-label="Outage length">
                    { for OUTAGES.iter().map(|(label, ms)| html! { <option value={ms.to_string()} selected={*ms == 60_000}>{ *label }</option> }) }
                </select>
            </>
        }
    };
    html! {
        <div class={classes!("jp-cm", props.down.then_some("jp-cm-down"))} role="group" aria-label="Controller manager">
            <span>{ "kube-controller-manager: " }<strong data-testid="cm-status">{ if props.down { "down: no Job or CronJob controller acts" } else { "running" } }</strong></span>
            { control }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ControllerManagerProps {
    down: bool,
    on_action: Callback<Vec<Action>>,
}

fn icon(state: &str) -> &'static str {
    match state {
        "succeeded" => "✔",
        "failed" => "✖",
        "running" => "▶",
        "creating" => "…",
        "crashloop" => "↻",
        "terminating" => "⏻",
        "blocked" => "⚠",
        _ => "◌",
    }
}

fn pod(card: &PodCard, selected: bool, on_select: &Callback<Selected>) -> Html {
    let class = classes!(
        "jp-pod",
        format!("jp-pod-{}", card.state),
        selected.then_some("jp-selected")
    );
    let name = card.name.clone();
    let onclick = on_select.reform(move |_: MouseEvent| Selected::Pod(name.clone()));
    html! {
        <button {class} data-testid="pod" data-state={card.state} title={format!("{}: inspect", card.name)} aria-pressed={selected.to_string()} {onclick}>
            <span class="jp-pod-icon" aria-hidden="true">{ icon(card.state) }</span>
            <span class="jp-pod-name">{ &card.name }</span>
            if let Some(i) = card.index { <span class="jp-badge" title="completion index">{ format!("#{i}") }</span> }
            <span class="jp-pod-status">{ &card.status }</span>
            if card.restarts > 0 { <span class="jp-badge" title="restarts">{ format!("↻{}", card.restarts) }</span> }
            if let Some(code) = card.exit_code.filter(|c| *c != 0) { <span class="jp-badge jp-exit" title="exit code">{ format!("exit {code}") }</span> }
        </button>
    }
}

/// The pods a lane does not show as cards, summed up by status.
fn hidden(h: &Hidden) -> Html {
    if h.count == 0 {
        return html! {};
    }
    let parts: Vec<String> = h
        .by_status
        .iter()
        .map(|(status, n)| format!("{n} {status}"))
        .collect();
    html! { <span class="jp-pods-hidden" data-testid="pods-hidden">{ format!("+{} more: {}", h.count, parts.join(", ")) }</span> }
}

#[function_component(ClusterPanel)]
pub fn cluster_panel(props: &Props) -> Html {
    let v = &props.view;
    let is_selected = |name: &str| matches!(&props.selected, Some(Selected::Pod(p)) if p == name);
    let pods = |cards: &[PodCard]| -> Html {
        cards
            .iter()
            .map(|c| pod(c, is_selected(&c.name), &props.on_select))
            .collect()
    };
    html! {
        <div class="jp-cluster">
            if let Some(on_action) = props.on_action.clone() {
                <ControllerManager down={v.controllers_down} {on_action} />
            } else if v.controllers_down {
                <p class="jp-cm jp-cm-down"><strong>{ "kube-controller-manager is down: no Job or CronJob controller acts" }</strong></p>
            }
            <div class="jp-jobs">
            { for v.cron_jobs.iter().map(|c| {
                let selected = matches!(&props.selected, Some(Selected::CronJob(n)) if *n == c.name);
                html! { <CronJobCard cron_job={c.clone()} {selected} on_select={props.on_select.clone()} /> }
            }) }
            { for v.jobs.iter().map(|j| {
                let selected = matches!(&props.selected, Some(Selected::Job(n)) if *n == j.name);
                html! { <JobCard job={j.clone()} {selected} on_select={props.on_select.clone()} /> }
            }) }
            </div>
            if !v.unscheduled.is_empty() {
                <div class="jp-lane jp-lane-pending">
                    <h2>{ "Unscheduled" }</h2>
                    <div class="jp-pods">{ pods(&v.unscheduled) }{ hidden(&v.unscheduled_hidden) }</div>
                </div>
            }
            { for v.nodes.iter().map(|n| html! {
                <div class={classes!("jp-lane", (!n.ready).then_some("jp-lane-down"))} data-testid={format!("node-{}", n.name)}>
                    <h2>{ node_button(&n.name, matches!(&props.selected, Some(Selected::Node(s)) if *s == n.name), &props.on_select) }{ if n.ready { "" } else { " NotReady" } }<small>{ format!(" {} CPU · {} GiB{}", n.cpu_milli as f64 / 1000.0, n.memory_milli / 1000 / (1i128 << 30), if n.unschedulable { " · cordoned" } else { "" }) }</small></h2>
                    <div class="jp-pods">{ pods(&n.pods) }{ hidden(&n.hidden) }</div>
                </div>
            }) }
        </div>
    }
}

/// A node's name, as a button that opens it in the inspector (cordon, drain, fail, restore).
fn node_button(name: &str, selected: bool, on_select: &Callback<Selected>) -> Html {
    let node = name.to_string();
    let onclick = on_select.reform(move |_: MouseEvent| Selected::Node(node.clone()));
    html! { <button class={classes!("jp-node-name", selected.then_some("jp-selected"))} aria-pressed={selected.to_string()} title={format!("node {name}: inspect, cordon, drain, fail")} {onclick}>{ name }</button> }
}
