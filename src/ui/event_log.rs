//! The event log up to the playhead, newest first, with the controller's reasons.

use yew::prelude::*;

use crate::sim::{Decision, EventRecord};
use crate::time::SimTime;
use crate::view_model::timeline::offset;

/// Rows shown at most; older ones are summarised.
const MAX_ROWS: usize = 200;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub events: Vec<EventRecord>,
    pub decisions: Vec<Decision>,
    pub start: SimTime,
}

#[function_component(EventLog)]
pub fn event_log(props: &Props) -> Html {
    let mut rows: Vec<Html> = Vec::new();
    let mut d = props.decisions.len();
    for (i, e) in props.events.iter().enumerate().rev() {
        while d > 0 && props.decisions[d - 1].before_event > i {
            d -= 1;
        }
        let class = if e.type_ == "Warning" { "jp-ev jp-ev-warning" } else { "jp-ev" };
        rows.push(html! {
            <li {class}>
                <span class="jp-ev-time">{ offset(props.start, e.time) }</span>
                <span class="jp-ev-obj">{ format!("{}/{}", e.kind, e.name) }</span>
                <span class="jp-ev-reason">{ &e.reason }</span>
                <span class="jp-ev-msg">{ &e.message }</span>
            </li>
        });
        while d > 0 && props.decisions[d - 1].before_event == i {
            let why = &props.decisions[d - 1];
            rows.push(html! { <li class="jp-why"><span class="jp-ev-time">{ offset(props.start, why.time) }</span>{ format!("why: {}", why.summary) }</li> });
            d -= 1;
        }
        if rows.len() >= MAX_ROWS {
            break;
        }
    }
    html! {
        <section class="jp-log" aria-label="Events">
            <h2>{ "Events" }</h2>
            <ol reversed=true>{ rows }</ol>
        </section>
    }
}
