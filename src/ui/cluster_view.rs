//! Nodes as lanes, pods as cards whose state shows as text and icon as well as colour.

use yew::prelude::*;

use super::job_card::JobCard;
use crate::view_model::cluster::{ClusterView, PodCard};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub view: ClusterView,
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

fn pod(card: &PodCard) -> Html {
    let class = format!("jp-pod jp-pod-{}", card.state);
    html! {
        <div {class} data-testid="pod" data-state={card.state} title={card.name.clone()}>
            <span class="jp-pod-icon" aria-hidden="true">{ icon(card.state) }</span>
            <span class="jp-pod-name">{ &card.name }</span>
            if let Some(i) = card.index { <span class="jp-badge" title="completion index">{ format!("#{i}") }</span> }
            <span class="jp-pod-status">{ &card.status }</span>
            if card.restarts > 0 { <span class="jp-badge" title="restarts">{ format!("↻{}", card.restarts) }</span> }
            if let Some(code) = card.exit_code.filter(|c| *c != 0) { <span class="jp-badge jp-exit" title="exit code">{ format!("exit {code}") }</span> }
        </div>
    }
}

#[function_component(ClusterPanel)]
pub fn cluster_panel(props: &Props) -> Html {
    let v = &props.view;
    html! {
        <div class="jp-cluster">
            <div class="jp-jobs">{ for v.jobs.iter().map(|j| html! { <JobCard job={j.clone()} /> }) }</div>
            if !v.unscheduled.is_empty() {
                <div class="jp-lane jp-lane-pending">
                    <h3>{ "Unscheduled" }</h3>
                    <div class="jp-pods">{ for v.unscheduled.iter().map(pod) }</div>
                </div>
            }
            { for v.nodes.iter().map(|n| html! {
                <div class={classes!("jp-lane", (!n.ready).then_some("jp-lane-down"))}>
                    <h3>{ &n.name }<small>{ format!(" {} CPU · {} GiB{}", n.cpu_milli as f64 / 1000.0, n.memory_milli / 1000 / (1i128 << 30), if n.unschedulable { " · cordoned" } else { "" }) }</small></h3>
                    <div class="jp-pods">{ for n.pods.iter().map(pod) }</div>
                </div>
            }) }
        </div>
    }
}
