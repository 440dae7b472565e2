//! The embeddable player (`<job-playground>`): one scenario, its run, and the views the
//! host asked for. No editor chrome, no keyboard shortcuts on the document, no storage:
//! nothing outside its own subtree. The host drives it through [`Command`]s and hears
//! back through [`WidgetEvent`]s.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::cluster_view::ClusterPanel;
use super::editor::Editor;
use super::event_log::EventLog;
use super::inspector::Inspector;
use super::run_notice::RunNotice;
use super::run_progress::RunProgress;
use super::share_banner::ShareBanner;
use super::state::{send, Action, ShareNotice, State};
use super::transport::Transport;
use super::use_clock::use_clock;
use super::use_computation::use_computation;
use super::use_zone_data::use_zone_data;
use super::why_panel::WhyPanel;
use super::zone_data_notice::ZoneDataNotice;
use crate::sim::Engine;
use crate::view_model::cluster::cluster_view;
use crate::view_model::embed::{Controls, Theme, View, WidgetOptions};
use crate::view_model::event_log::{log_rows, why_details};
use crate::view_model::inspector::{inspect, Selected};
use crate::view_model::kubectl;
use crate::view_model::playback::Playback;
use crate::view_model::zone_data::ZoneData;

/// What the host asks of the widget.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Play,
    Pause,
    /// Milliseconds from the start of the run.
    Seek(i64),
    Load(String),
}

/// What the widget tells the host.
#[derive(Clone, Debug, PartialEq)]
pub enum WidgetEvent {
    /// The scenario ran; (duration ms).
    Ready(i64),
    /// The manifests have errors: the messages.
    Invalid(Vec<String>),
    Play,
    Pause,
    /// The playhead moved: ms from the start.
    TimeUpdate(i64),
    /// A Job reached Complete or Failed at the playhead.
    JobFinished {
        name: String,
        status: String,
    },
    /// The playhead reached the end of the run.
    Ended,
    /// The run cannot start: the reason (the tz database could not be loaded).
    Error(String),
}

/// Where the widget publishes its state for the host's getters, and the slot the host's
/// commands go through. Shared by pointer; equal only to itself.
#[derive(Clone, Default)]
pub struct Link {
    pub commands: Rc<RefCell<Option<Callback<Command>>>>,
    /// Commands sent before the widget was ready for them (its first render is async).
    pub pending: Rc<RefCell<Vec<Command>>>,
    /// (playhead ms, duration ms, playing)
    pub status: Rc<RefCell<(i64, i64, bool)>>,
}

impl PartialEq for Link {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.commands, &other.commands)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: String,
    pub options: WidgetOptions,
    pub link: Link,
    pub on_event: Callback<WidgetEvent>,
}

pub fn theme_class(theme: Theme) -> &'static str {
    match theme {
        Theme::Light => "jp-theme-light",
        Theme::Dark => "jp-theme-dark",
        Theme::Auto => "jp-theme-auto",
    }
}

#[function_component(Widget)]
pub fn widget(props: &Props) -> Html {
    let options = props.options.clone();
    let state = use_reducer(|| {
        let mut s = State::starting_at(
            props.text.clone(),
            options.seed,
            Some(options.start_at.as_millis()),
        );
        s.speed = options.speed;
        s.playing = options.autoplay;
        s
    });
    let on_tick = send(&state, Action::Tick);
    use_clock(state.playing && state.playback.is_some(), on_tick);
    use_computation(state.computing.clone(), send(&state, |()| Action::Computed));
    use_zone_data(
        state.zone_data.is_fetching(),
        send(&state, Action::ZoneData),
    );
    let on_stop = send(&state, |()| Action::StopComputing);
    {
        // The host's commands reach the reducer through the shared slot.
        let state = state.clone();
        let commands = props.link.commands.clone();
        let pending = props.link.pending.clone();
        use_effect_with((), move |_| {
            let deliver = Callback::from(move |c: Command| {
                state.dispatch(match c {
                    Command::Play => Action::SetPlaying(true),
                    Command::Pause => Action::SetPlaying(false),
                    Command::Seek(ms) => Action::Seek(ms),
                    Command::Load(text) => Action::LoadText(text),
                })
            });
            for c in pending.borrow_mut().drain(..) {
                deliver.emit(c);
            }
            *commands.borrow_mut() = Some(deliver);
            let commands = commands.clone();
            move || {
                commands.borrow_mut().take();
            }
        });
    }
    let duration = state
        .playback
        .as_ref()
        .map_or(0, |p| (p.end - p.start).as_millis());
    let elapsed = state.elapsed().as_millis();
    *props.link.status.borrow_mut() = (elapsed, duration, state.playing);
    let errors: Vec<String> = state
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render("line"))
        .collect();
    let run = state.playback.as_ref().map(|p| Rc::as_ptr(p) as usize);
    use_announcements(
        props.on_event.clone(),
        run,
        errors.clone(),
        duration,
        elapsed,
        state.playing,
    );
    {
        let on_event = props.on_event.clone();
        let failure = matches!(state.zone_data, ZoneData::Failed { .. })
            .then(|| state.zone_data.notice())
            .flatten();
        use_effect_with(failure, move |failure| {
            if let Some((title, detail)) = failure {
                on_event.emit(WidgetEvent::Error(format!("{title} {detail}")));
            }
        });
    }

    let on_toggle = send(&state, |()| Action::TogglePlay);
    let on_speed = send(&state, Action::SetSpeed);
    let on_seek = send(&state, Action::Seek);
    let on_select = send(&state, |s: Selected| Action::Select(Some(s)));
    let on_filter = send(&state, Action::SetLogFilter);
    let on_why = send(&state, |i: usize| Action::Why(Some(i)));
    let on_close_why = send(&state, |()| Action::Why(None));
    let on_close = send(&state, |()| Action::Select(None));
    let cursor = use_mut_ref(|| None::<(Rc<Playback>, Engine)>);
    let finished = use_mut_ref(Vec::<String>::new);
    let body = match &state.playback {
        _ if state.computing.is_some() => {
            html! { <RunProgress progress={state.progress} {on_stop} /> }
        }
        None if state.zone_data.notice().is_some() => {
            html! { <ZoneDataNotice zone_data={state.zone_data.clone()} /> }
        }
        None => {
            html! { <p class="jp-empty">{ "Nothing to run: the manifests hold no valid Job or CronJob." }</p> }
        }
        Some(playback) => {
            let mut slot = cursor.borrow_mut();
            if !matches!(&*slot, Some((p, _)) if Rc::ptr_eq(p, playback)) {
                *slot = Some((playback.clone(), playback.start_engine()));
                finished.borrow_mut().clear();
            }
            let engine = &mut slot.as_mut().expect("cursor was just set").1;
            playback.seek(engine, state.playhead);
            report_finished_jobs(engine, &mut finished.borrow_mut(), &props.on_event);
            let transport = match options.controls {
                Controls::Full => {
                    html! { <Transport playing={state.playing} speed={state.speed} elapsed_ms={elapsed} total_ms={duration} clock={state.playhead.rfc3339()} {on_toggle} {on_speed} {on_seek} /> }
                }
                Controls::Minimal => html! {
                    <div class="jp-transport">
                        <button class="jp-run" aria-label={if state.playing { "Pause" } else { "Play" }} onclick={on_toggle.reform(|_: MouseEvent| ())}>{ if state.playing { "❚❚ Pause" } else { "▶ Play" } }</button>
                        <span class="jp-clock">{ format!("+{}", state.elapsed().human()) }</span>
                    </div>
                },
                Controls::None => html! {},
            };
            let log = log_rows(engine, playback.start, &state.log_filter);
            let why = state
                .why
                .and_then(|i| why_details(&playback.last, playback.start, i));
            let views: Html = options.views.iter().map(|v| match v {
                View::Cluster => html! { <ClusterPanel view={cluster_view(engine)} selected={state.selected.clone()} on_select={on_select.clone()} /> },
                View::Timeline => html! { <>{ for why.clone().map(|details| html! { <WhyPanel {details} on_close={on_close_why.clone()} /> }) }<EventLog rows={log.0.clone()} more={log.1} filter={state.log_filter.clone()} on_filter={on_filter.clone()} on_why={on_why.clone()} selected_why={state.why} /></> },
                View::Kubectl => html! { <pre class="jp-pre jp-kubectl" tabindex="0" data-testid="kubectl">{ format!("$ kubectl get cronjobs,jobs,pods\n{}", kubectl::get_all(engine)) }</pre> },
            }).collect();
            let inspector = state.selected.clone().map(|selected| {
                let tabs = inspect(engine, &selected);
                html! { <Inspector {selected} {tabs} target={None::<String>} on_close={on_close.clone()} on_action={Callback::from(|_| ())} /> }
            });
            html! { <><RunNotice lines={playback.notices()} />{ transport }{ views }{ for inspector }</> }
        }
    };
    let editor = (!options.readonly).then(|| {
        let on_edit = send(&state, Action::Edit);
        let on_run = send(&state, |()| Action::Run);
        let on_load = send(&state, Action::LoadText);
        let on_format = send(&state, |()| Action::Format);
        let on_reset = Some(send(&state, |()| Action::Reset));
        // Format and Reset say what they did and offer the text before back.
        let notice = state.share_notice.clone().filter(|n| matches!(n, ShareNotice::Replaced { .. }));
        let on_restore = send(&state, |()| Action::RestoreBeforeShare);
        let on_dismiss = send(&state, |()| Action::DismissShareNotice);
        html! {
            <details class="jp-widget-edit">
                <summary>{ "Edit the manifests" }</summary>
                if let Some(notice) = notice {
                    <ShareBanner {notice} on_open={Callback::from(|()| ())} {on_restore} {on_dismiss} />
                }
                <Editor text={state.text.clone()} diagnostics={state.diagnostics.clone()} presets={Vec::new()} {on_edit} {on_run} {on_load} {on_format} {on_reset} />
            </details>
        }
    });
    html! {
        <div class={classes!("jp-root", "jp-widget", theme_class(options.theme))} data-testid="widget">
            if !errors.is_empty() && options.readonly {
                <ul class="jp-diagnostics">{ for errors.iter().map(|e| html! { <li class="jp-diag jp-diag-error">{ e }</li> }) }</ul>
            }
            { body }
            { for editor }
            <p class="jp-widget-credit">{ "Simulated by jobplay: the Kubernetes Job and CronJob controllers in your browser" }</p>
        </div>
    }
}

/// Tells the host about a new run, play and pause, time and the end, once per change.
#[hook]
fn use_announcements(
    on_event: Callback<WidgetEvent>,
    run: Option<usize>,
    errors: Vec<String>,
    duration: i64,
    elapsed: i64,
    playing: bool,
) {
    {
        let on_event = on_event.clone();
        use_effect_with((run, errors, duration), move |(run, errors, duration)| {
            if !errors.is_empty() {
                on_event.emit(WidgetEvent::Invalid(errors.clone()));
            }
            if run.is_some() {
                on_event.emit(WidgetEvent::Ready(*duration));
            }
        });
    }
    {
        let on_event = on_event.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(playing, move |playing| {
            // The initial paused state is not news.
            if !std::mem::take(&mut *first.borrow_mut()) || *playing {
                on_event.emit(if *playing {
                    WidgetEvent::Play
                } else {
                    WidgetEvent::Pause
                });
            }
        });
    }
    {
        let on_event = on_event.clone();
        use_effect_with(elapsed, move |elapsed| {
            on_event.emit(WidgetEvent::TimeUpdate(*elapsed))
        });
    }
    let ended = duration > 0 && elapsed >= duration && !playing;
    use_effect_with(ended, move |ended| {
        if *ended {
            on_event.emit(WidgetEvent::Ended);
        }
    });
}

/// Emits `JobFinished` for Jobs that are Complete or Failed at the playhead and were not
/// before (a backward seek forgets them, so they are reported again on the way forward).
fn report_finished_jobs(engine: &Engine, seen: &mut Vec<String>, on_event: &Callback<WidgetEvent>) {
    let now_finished: Vec<(String, &'static str)> = engine
        .jobs()
        .filter(|j| j.is_finished())
        .map(|j| (j.metadata.name.to_string(), kubectl::job_status(j)))
        .collect();
    seen.retain(|n| now_finished.iter().any(|(f, _)| f == n) || engine.job(n).is_none());
    for (name, status) in now_finished {
        if !seen.contains(&name) {
            seen.push(name.clone());
            on_event.emit(WidgetEvent::JobFinished {
                name,
                status: status.into(),
            });
        }
    }
}
