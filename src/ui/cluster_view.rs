//! The cluster picture: Job cards, index grids, the pending area and a lane per node, pods as
//! tiles whose state shows as text and icon as well as colour, travelling from the pending
//! area onto their node. Functions, not components: the picture is drawn with the rest of the
//! stage every frame anyway, and each component costs its lifecycle code in the wasm.

use yew::prelude::*;

use web_sys::HtmlSelectElement;

use super::click_sends;
use super::cron_job_card::cron_job_card;
use super::index_grid::index_grid;
use super::job_card::job_card;
use crate::decimal::Decimal;
use crate::scenario::action::{Action, Target, Verb};
use crate::time::SimDuration;
use crate::view_model::cluster::{ClusterView, LanePods, PodCard, TileSize};
use crate::view_model::inspector::Selected;

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

/// The controller manager's state (`down` or running), and taking it down for a while or
/// bringing it back by `on_action`.
fn controller_manager(down: bool, on_action: &Callback<Vec<Action>>) -> Html {
    // A new ref each frame is fine: drawing binds it to the (reused) select, and the button
    // reads it only when clicked.
    let pick = NodeRef::default();
    let control = if down {
        let on_action = on_action.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            on_action.emit(vec![controllers(
                Verb::ResumeControllers,
                SimDuration::ZERO,
            )])
        });
        html! { <button class="jp-break" {onclick}>{ "Bring it back now" }</button> }
    } else {
        let (on_action, select) = (on_action.clone(), pick.clone());
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
        <div class={classes!("jp-cm", down.then_some("jp-cm-down"))} role="group" aria-label="Controller manager">
            <span>{ "kube-controller-manager: " }<strong data-testid="cm-status">{ if down { "down: no Job or CronJob controller acts" } else { "running" } }</strong></span>
            { control }
        </div>
    }
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

/// A pod as a tile: its state by colour, icon and words (on the tile when it is large, in
/// its title always, which is also its accessible name: the tile's own text is hidden from
/// assistive technology), a running pod's progress as a fill. Keyed by
/// name, so a tile that moves from the pending area to a node is a new element there and
/// plays its arrival.
fn pod(card: &PodCard, size: TileSize, selected: bool, on_select: &Callback<Selected>) -> Html {
    let class = classes!(
        "jp-pod",
        "jp-tile",
        size.class(),
        format!("jp-pod-{}", card.state),
        // In tenths, as a class: the page's Content-Security-Policy allows no inline styles.
        card.progress.map(|p| format!("jp-p{}", p / 10)),
        selected.then_some("jp-selected")
    );
    let onclick = click_sends(on_select, Selected::Pod(card.name.clone()));
    let text = match size {
        TileSize::Small => String::new(),
        TileSize::Medium => icon(card.state).to_string(),
        TileSize::Large => format!("{} {}", icon(card.state), card.badge()),
    };
    html! {
        <button key={card.name.clone()} {class} data-testid="pod" data-state={card.state} title={card.describe()} aria-pressed={selected.to_string()} {onclick}>
            <span class="jp-tile-text" aria-hidden="true">{ text }</span>
        </button>
    }
}

/// A lane's pods: tiles, or counts by phase with a bar once there are too many for tiles.
fn lane_pods(
    pods: &LanePods,
    size: TileSize,
    is_selected: &dyn Fn(&str) -> bool,
    on_select: &Callback<Selected>,
) -> Html {
    if pods.aggregated {
        let words: Vec<String> = pods
            .counts
            .iter()
            .map(|c| format!("{} {}", c.count, c.label))
            .collect();
        let words = words.join(" · ");
        return html! {
            <div class="jp-agg" data-testid="lane-summary">
                // SVG geometry, not inline styles, which the page's Content-Security-Policy forbids.
                <svg class="jp-agg-bar" role="img" aria-label={words.clone()} viewBox={format!("0 0 {} 1", pods.total)} preserveAspectRatio="none">
                    { for pods.counts.iter().scan(0, |x, c| {
                        let at = *x;
                        *x += c.count;
                        Some(html! { <rect class="jp-agg-seg" data-state={c.state} x={at.to_string()} width={c.count.to_string()} height="1" /> })
                    }) }
                </svg>
                <p class="jp-agg-words">{ format!("{} pods: {words}", pods.total) }</p>
            </div>
        };
    }
    html! {
        <div class="jp-pods">
            { for pods.tiles.iter().map(|c| pod(c, size, is_selected(&c.name), on_select)) }
        </div>
    }
}

/// The picture `v`, with the pod, Job or node shown in the inspector (`selected`) highlighted;
/// a click on one selects it by `on_select`. `on_action` records "break things" actions; `None`
/// where the cluster is only watched (the widget).
pub fn cluster_panel(
    v: &ClusterView,
    selected: Option<&Selected>,
    on_select: &Callback<Selected>,
    on_action: Option<&Callback<Vec<Action>>>,
) -> Html {
    let is_selected = |name: &str| matches!(selected, Some(Selected::Pod(p)) if p == name);
    let size = v.tile_size;
    html! {
        <div class="jp-cluster" data-testid="cluster">
            if let Some(on_action) = on_action {
                { controller_manager(v.controllers_down, on_action) }
            } else if v.controllers_down {
                <p class="jp-cm jp-cm-down"><strong>{ "kube-controller-manager is down: no Job or CronJob controller acts" }</strong></p>
            }
            <div class="jp-jobs">
            { for v.cron_jobs.iter().map(|c| {
                cron_job_card(c, matches!(selected, Some(Selected::CronJob(n)) if *n == c.name), on_select)
            }) }
            { for v.jobs.iter().map(|j| {
                job_card(j, matches!(selected, Some(Selected::Job(n)) if *n == j.name), on_select)
            }) }
            </div>
            { for v.index_grids.iter().map(index_grid) }
            <div class="jp-lane jp-lane-pending" data-testid="pending">
                <h2>{ "Pending" }<small>{ format!(" · not yet on a node · {}", v.pending.total) }</small></h2>
                if let Some(reason) = &v.pending_reason {
                    <p class="jp-pending-why" data-testid="pending-why"><span aria-hidden="true">{ "⚠ " }</span>{ format!("FailedScheduling: {reason}") }</p>
                }
                { lane_pods(&v.pending, size, &is_selected, on_select) }
            </div>
            { for v.nodes.iter().map(|n| html! {
                <div class={classes!("jp-lane", (!n.ready).then_some("jp-lane-down"))} data-testid={format!("node-{}", n.name)}>
                    <h2>{ node_button(&n.name, matches!(selected, Some(Selected::Node(s)) if *s == n.name), on_select) }{ if n.ready { "" } else { " NotReady" } }<small>{ format!(" {} CPU · {} GiB · {}/{} pods{}", Decimal(n.cpu_milli as f64 / 1000.0), crate::api::quantity::int_text(n.memory_milli / 1000 / (1i128 << 30)), n.pods_bound, n.pods_allowed, if n.unschedulable { " · cordoned" } else { "" }) }</small></h2>
                    { lane_pods(&n.pods, size, &is_selected, on_select) }
                </div>
            }) }
        </div>
    }
}

/// A node's name, as a button that opens it in the inspector (cordon, drain, fail, restore).
fn node_button(name: &str, selected: bool, on_select: &Callback<Selected>) -> Html {
    let onclick = click_sends(on_select, Selected::Node(name.to_string()));
    html! { <button class={classes!("jp-node-name", selected.then_some("jp-selected"))} aria-pressed={selected.to_string()} title={format!("node {name}: inspect, cordon, drain, fail")} {onclick}>{ name }</button> }
}
