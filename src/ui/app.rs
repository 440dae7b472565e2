//! The playground page: editor on the left, the running cluster on the right.

use yew::prelude::*;

use super::cluster_view::ClusterPanel;
use super::cron_ruler::CronRulers;
use super::editor::Editor;
use super::embed_dialog::EmbedDialog;
use super::event_log::EventLog;
use super::gantt_chart::GanttChart;
use super::help_overlay::HelpOverlay;
use super::inspector::Inspector;
use super::presets::{default_preset, PRESETS};
use super::run_notice::RunNotice;
use super::run_progress::RunProgress;
use super::share_banner::ShareBanner;
use super::share_dialog::ShareDialog;
use super::state::{send, Action, ShareNotice, State};
use super::transport::Transport;
use super::use_autosave::{saved_text, use_autosave};
use super::use_clock::use_clock;
use super::use_computation::use_computation;
use super::use_hash_change::use_hash_change;
use super::use_shortcuts::use_shortcuts;
use super::use_theme::{self, use_theme};
use super::use_zone_data::use_zone_data;
use super::why_panel::WhyPanel;
use super::widget::theme_class;
use super::zone_data_notice::ZoneDataNotice;
use crate::sim::Engine;
use crate::view_model::cluster::cluster_view;
use crate::view_model::cron_ruler::cron_rulers;
use crate::view_model::event_log::{log_rows, why_details};
use crate::view_model::gantt::gantt;
use crate::view_model::inspector::{action_target, controls, inspect, Selected};
use crate::view_model::playback::Playback;
use crate::view_model::share::{self, Shared};

/// Shortcuts must not fire while the user types in the editor or a control, and Space or
/// Enter on a focused button belongs to that button.
fn typing_into_a_field(e: &KeyboardEvent) -> bool {
    let tag = e
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .map(|el| el.tag_name())
        .unwrap_or_default();
    matches!(tag.as_str(), "TEXTAREA" | "INPUT" | "SELECT")
        || (tag == "BUTTON" && matches!(e.key().as_str(), " " | "Enter"))
}

/// Where this page is served, ending in `/` (the embed snippets point there).
fn page_base() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let without_fragment = href.split(['#', '?']).next().unwrap_or("");
    match without_fragment.rfind('/') {
        Some(i) => without_fragment[..=i].to_string(),
        None => "./".into(),
    }
}

/// The page's address without its fragment.
fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or("").to_string()
}

/// The fragment the page was opened with, without `#`.
fn page_fragment() -> String {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// Drops a share link's fragment from the address bar once it has been dealt with, so a
/// reload shows the user's own (saved) text rather than asking again.
fn forget_share_fragment() {
    if let Some(w) = web_sys::window() {
        let path = w.location().pathname().unwrap_or_default()
            + &w.location().search().unwrap_or_default();
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
}

/// The first state: a share link's scenario (asking first if it would replace the user's own
/// work), else the saved text, else the default preset.
fn initial_state() -> State {
    let own = saved_text().unwrap_or_else(|| default_preset().yaml.to_string());
    let fragment = page_fragment();
    if share::is_share_fragment(&fragment) {
        State::from_share_link(own, share::decode(&fragment))
    } else {
        State::new(own)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);
    let (theme, on_theme) = use_theme();
    // Presentation mode: large type for a trainer's projector.
    let presenting = use_state(|| false);
    let on_present = {
        let presenting = presenting.clone();
        Callback::from(move |_: MouseEvent| presenting.set(!*presenting))
    };
    use_autosave(state.text.clone(), state.before_share.clone());
    {
        let state = state.clone();
        use_hash_change(Callback::from(move |()| {
            let fragment = page_fragment();
            if share::is_share_fragment(&fragment) {
                state.dispatch(Action::ShareLink(share::decode(&fragment)));
            }
        }));
    }
    {
        let asking = matches!(state.share_notice, Some(ShareNotice::Offer { .. }));
        // Keep the link in the address bar only while the user is being asked about it.
        use_effect_with((asking, state.links_received), move |(asking, _)| {
            if !asking {
                forget_share_fragment();
            }
        });
    }
    let on_tick = {
        let state = state.clone();
        Callback::from(move |ms: f64| state.dispatch(Action::Tick(ms)))
    };
    use_clock(state.playing && state.playback.is_some(), on_tick);
    use_computation(state.computing.clone(), send(&state, |()| Action::Computed));
    use_zone_data(
        state.zone_data.is_fetching(),
        send(&state, Action::ZoneData),
    );
    let on_stop = send(&state, |()| Action::StopComputing);

    let on_edit = send(&state, Action::Edit);
    let on_load = send(&state, Action::LoadText);
    let on_run = send(&state, |()| Action::Run);
    let on_format = send(&state, |()| Action::Format);
    let on_reset = Some(send(&state, |()| Action::Reset));
    let on_toggle = send(&state, |()| Action::TogglePlay);
    let on_speed = send(&state, Action::SetSpeed);
    let on_seek = send(&state, Action::Seek);
    let on_select = send(&state, |s: Selected| Action::Select(Some(s)));
    let on_filter = send(&state, Action::SetLogFilter);
    let on_why = send(&state, |i: usize| Action::Why(Some(i)));
    let on_close_why = send(&state, |()| Action::Why(None));
    let on_close_inspector = send(&state, |()| Action::Select(None));
    let on_action = send(&state, Action::Break);
    let on_toggle_help = send(&state, |()| Action::ToggleHelp);
    let on_toggle_embed = send(&state, |()| Action::ToggleEmbed);
    let on_toggle_share = send(&state, |()| Action::ToggleShare);
    let on_open_shared = {
        let state = state.clone();
        Callback::from(move |()| {
            forget_share_fragment();
            state.dispatch(Action::OpenShared);
        })
    };
    let on_dismiss_share = {
        let state = state.clone();
        Callback::from(move |()| {
            forget_share_fragment();
            state.dispatch(Action::DismissShareNotice);
        })
    };
    let on_restore = send(&state, |()| Action::RestoreBeforeShare);
    let on_key = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if typing_into_a_field(&e) || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let action = match e.key().as_str() {
                " " => Action::TogglePlay,
                "ArrowRight" => Action::StepDecision(true),
                "ArrowLeft" => Action::StepDecision(false),
                "+" | "=" => Action::Faster,
                "-" | "_" => Action::Slower,
                "?" => Action::ToggleHelp,
                "Escape" => Action::Dismiss,
                _ => return,
            };
            e.prevent_default();
            state.dispatch(action);
        })
    };
    use_shortcuts(on_key);

    // The engine at the playhead: a cache owned by the component, moved forward cheaply while
    // playing and rebuilt from a checkpoint only on backward seeks or a new run.
    let cursor = use_mut_ref(|| None::<(std::rc::Rc<Playback>, Engine)>);
    // The Gantt chart of the whole run, once per run; each frame only cuts it at the playhead.
    let chart = use_memo(
        state
            .playback
            .as_ref()
            .map(|p| std::rc::Rc::as_ptr(p) as usize),
        {
            let playback = state.playback.clone();
            move |_| playback.map(|p| std::rc::Rc::new(gantt(&p.last, p.start, p.end)))
        },
    );
    // The CronJobs' rulers, likewise once per run.
    let rulers = use_memo(
        state
            .playback
            .as_ref()
            .map(|p| std::rc::Rc::as_ptr(p) as usize),
        {
            let playback = state.playback.clone();
            move |_| {
                playback
                    .map(|p| std::rc::Rc::new(cron_rulers(&p.last, p.start, p.end)))
                    .filter(|r| !r.is_empty())
            }
        },
    );
    // The decision being explained: shown beside the log, its fields highlighted in the editor.
    let why = match (&state.playback, state.why) {
        (Some(p), Some(i)) => why_details(&p.last, p.start, i),
        _ => None,
    };
    let body = match &state.playback {
        _ if state.computing.is_some() => {
            html! { <RunProgress progress={state.progress} {on_stop} /> }
        }
        None if state.zone_data.notice().is_some() => {
            html! { <ZoneDataNotice zone_data={state.zone_data.clone()} /> }
        }
        Some(playback) => {
            let mut slot = cursor.borrow_mut();
            let fresh = !matches!(&*slot, Some((p, _)) if std::rc::Rc::ptr_eq(p, playback));
            if fresh {
                *slot = Some((playback.clone(), playback.start_engine()));
            }
            let engine = &mut slot.as_mut().expect("cursor was just set").1;
            playback.seek(engine, state.playhead);
            let view = cluster_view(engine);
            let inspector = state.selected.clone().map(|selected| {
                let tabs = inspect(engine, &selected);
                let target = action_target(engine, &selected);
                let controls = controls(engine, &selected);
                html! { <Inspector {selected} {tabs} {target} {controls} on_close={on_close_inspector.clone()} on_action={on_action.clone()} /> }
            });
            let total = (playback.end - playback.start).as_millis();
            let log = log_rows(engine, playback.start, &state.log_filter);
            // Screen readers hear what the Job controller says, not every kubelet event.
            let narration = engine
                .events()
                .iter()
                .rev()
                .find(|e| e.kind == "Job" || e.kind == "CronJob")
                .map(|e| format!("{} {}: {}", e.kind, e.name, e.message))
                .unwrap_or_default();
            html! {
                <>
                    <RunNotice lines={playback.notices()} />
                    <Transport playing={state.playing} speed={state.speed} elapsed_ms={state.elapsed().as_millis()} total_ms={total}
                        clock={state.playhead.rfc3339()} {on_toggle} {on_speed} {on_seek} />
                    <ClusterPanel view={view} selected={state.selected.clone()} on_select={on_select.clone()} on_action={Some(on_action.clone())} />
                    { for inspector }
                    if let Some(rulers) = (*rulers).clone() {
                        <CronRulers {rulers} now={state.elapsed().as_millis()} />
                    }
                    if let Some(chart) = (*chart).clone() {
                        <GanttChart gantt={chart} now={state.elapsed().as_millis()} on_select={on_select.clone()} />
                    }
                    <div class="jp-sr-only" aria-live="polite" data-testid="narration">{ narration }</div>
                    if let Some(details) = why.clone() {
                        <WhyPanel {details} on_close={on_close_why.clone()} />
                    }
                    <EventLog rows={log.0.clone()} more={log.1} filter={state.log_filter.clone()} on_filter={on_filter.clone()} on_why={on_why.clone()} selected_why={state.why} />
                </>
            }
        }
        None => {
            html! { <p class="jp-empty">{ "Nothing to run yet: paste a Job manifest, or pick a preset." }</p> }
        }
    };
    let highlight: Vec<u32> = why
        .iter()
        .flat_map(|d| d.fields.iter().filter_map(|f| f.2))
        .collect();
    let presets: Vec<(String, String, String)> = PRESETS
        .iter()
        .map(|p| (p.title.to_string(), p.story.to_string(), p.yaml.to_string()))
        .collect();
    html! {
        <div class={classes!("jp-root", theme_class(theme), presenting.then_some("jp-present"))}>
            <header class="jp-header">
                <h1>{ "jobplay" }</h1>
                <span class="jp-tagline">{ "Kubernetes Jobs, simulated in your browser" }</span>
                <button class="jp-present-button" aria-pressed={presenting.to_string()} onclick={on_present}>{ "Present" }</button>
                <button class="jp-theme-button" aria-label={format!("{} (change)", use_theme::label(theme))} title={use_theme::label(theme)} onclick={on_theme.reform(|_: MouseEvent| ())} data-testid="theme">{ use_theme::label(theme) }</button>
                <button class="jp-share-button" onclick={on_toggle_share.reform(|_: MouseEvent| ())}>{ "Share" }</button>
                <button class="jp-embed-button" onclick={on_toggle_embed.reform(|_: MouseEvent| ())}>{ "Embed" }</button>
                <button class="jp-help-button" aria-label="Keyboard shortcuts" onclick={on_toggle_help.reform(|_: MouseEvent| ())}>{ "?" }</button>
            </header>
            if state.show_help { <HelpOverlay on_close={on_toggle_help.clone()} /> }
            if state.show_share {
                <ShareDialog link={format!("{}#{}", page_address(), share::encode(&Shared { text: state.text.clone(), playhead_ms: state.elapsed().as_millis(), speed: state.speed }))}
                    at={format!("+{}", state.elapsed().human())} text_bytes={state.text.len()} on_close={on_toggle_share.clone()} />
            }
            if let Some(notice) = state.share_notice.clone() {
                <ShareBanner {notice} on_open={on_open_shared} on_restore={on_restore} on_dismiss={on_dismiss_share} />
            }
            if state.show_embed { <EmbedDialog base={page_base()} yaml={state.text.clone()} on_close={on_toggle_embed.clone()} /> }
            <main class="jp-main">
                <Editor text={state.text.clone()} diagnostics={state.diagnostics.clone()} {presets} {on_edit} {on_run} {on_load} {on_format} {on_reset} {highlight} />
                <section class="jp-stage" aria-label="Simulated cluster">{ body }</section>
            </main>
        </div>
    }
}
