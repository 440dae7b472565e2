//! The embeddable player (`<job-playground>`): one scenario, its run, and the views the
//! host asked for. No editor chrome, no keyboard shortcuts on the document, no storage:
//! nothing outside its own subtree. The playback keys (`use_shortcuts::playback_key`) act
//! while focus is inside the widget, never on the host page. The host drives it through [`Command`]s and hears
//! back through [`WidgetEvent`]s.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::panels::{editor, stage, terminal, use_timeline};
use super::share_banner::{self, share_banner};
use super::use_session::{use_session, SessionHandle};
use super::use_shortcuts::playback_key;
use crate::sim::Engine;
use crate::view_model::embed::{face_errors, Controls, View, WidgetOptions};
use crate::view_model::kubectl;
use crate::view_model::session::{Session, SessionAction, ShareNotice};
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
    /// The text (given) has typed lines, which only the terminal module replays: the host
    /// (static/embed.js) mounts the widget again with that module.
    NeedsTerminal(String),
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
    /// The event log's accessible name, unique on the page (several widgets each have a
    /// log); the host names it after the scenario.
    pub events_label: AttrValue,
}

#[function_component(Widget)]
pub fn widget(props: &Props) -> Html {
    let options = props.options.clone();
    let session = use_session(&|| {
        let mut s = Session::starting_at(
            props.text.clone(),
            options.seed,
            Some(options.start_at.as_millis()),
        );
        s.speed = options.speed;
        s.playing = options.autoplay;
        s
    });
    use_host_commands(&session, &props.link);
    let duration = session.duration().as_millis();
    let elapsed = session.elapsed().as_millis();
    {
        // The host's getters (currentTime, duration, paused) read what was last rendered.
        let status = props.link.status.clone();
        use_effect_with((elapsed, duration, session.playing), move |now| {
            *status.borrow_mut() = *now;
        });
    }
    let errors: Vec<String> = session
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render("line"))
        .collect();
    let run = session.playback.as_ref().map(|p| Rc::as_ptr(&p.0) as usize);
    // Jobs at the playhead, before the announcements, so `ended` comes after the last
    // `jobfinished` of the same frame.
    let jobs = session
        .at_playhead()
        .map(|(_, engine)| job_states(&engine))
        .unwrap_or_default();
    use_finished_jobs(props.on_event.clone(), run, jobs);
    use_announcements(
        props.on_event.clone(),
        run,
        errors.clone(),
        duration,
        elapsed,
        session.playing,
    );
    {
        let (on_event, text) = (props.on_event.clone(), session.text.clone());
        use_effect_with(session.hand_over, move |&asked| {
            if asked {
                on_event.emit(WidgetEvent::NeedsTerminal(text));
            }
        });
    }
    {
        let on_event = props.on_event.clone();
        let failure = matches!(session.zone_data, ZoneData::Failed { .. })
            .then(|| session.zone_data.notice())
            .flatten();
        use_effect_with(failure, move |failure| {
            if let Some((title, detail)) = failure {
                on_event.emit(WidgetEvent::Error(format!("{title} {detail}")));
            }
        });
    }
    // The Timeline chart and CronJob rulers, once per run, as the playground draws them.
    let timeline = use_timeline(
        session.playback.clone(),
        options.views.contains(&View::Timeline),
    );
    // The reason a scenario does not run belongs where its picture would be, not only in
    // the (folded) editor.
    let face = face_errors(&session.diagnostics);
    let ended = duration > 0 && elapsed >= duration && !session.playing;
    let body = stage(
        &session,
        if face.is_empty() {
            "Nothing to run: the manifests hold no valid Job or CronJob."
        } else {
            "Nothing runs until these are fixed."
        },
        &|s| {
            let transport = match options.controls {
                Controls::Full => s.transport(),
                Controls::Minimal => minimal_transport(&session),
                Controls::None => html! {},
            };
            let views: Html = options
                .views
                .iter()
                .map(|v| match v {
                    View::Cluster => s.cluster(false),
                    View::Timeline => html! {
                        <>
                            if let Some(timeline) = &*timeline {
                                { s.timeline(timeline) }
                            }
                        </>
                    },
                    View::Events => s.log_named(props.events_label.clone()),
                    View::Terminal => terminal(&session, options.readonly, AttrValue::from(format!("{} terminal", props.events_label))),
                    View::Kubectl => html! { <pre class="jp-pre jp-kubectl" tabindex="0" data-testid="kubectl">{ format!("$ kubectl get cronjobs,jobs,pods\n{}", kubectl::get_all(s.engine)) }</pre> },
                })
                .collect();
            // At the end of the run, whatever the controls, one button plays it again.
            let replay = ended.then(|| {
                let onclick = session.send(|_: MouseEvent| SessionAction::SetPlaying(true));
                html! { <button class="jp-run jp-replay" aria-label="Replay" data-testid="replay" {onclick}>{ "↻ Replay" }</button> }
            });
            html! { <>{ transport }{ for replay }{ views }{ s.inspector(false) }</> }
        },
    );
    let edit = (!options.readonly).then(|| {
        // Format and Reset say what they did and offer the text before back.
        let notice = session
            .share_notice
            .clone()
            .filter(|n| matches!(n, ShareNotice::Replaced { .. }));
        html! {
            <details class="jp-widget-edit">
                <summary>{ "Edit the manifests" }</summary>
                if let Some(notice) = notice {
                    { share_banner(&notice, share_banner::Props { on_open: None, on_restore: session.send(|()| SessionAction::RestoreBeforeShare), on_dismiss: session.send(|()| SessionAction::DismissShareNotice) }) }
                }
                { editor(&session, Vec::new()) }
            </details>
        }
    });
    let onkeydown = {
        let session = session.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(action) = playback_key(&e) {
                e.prevent_default();
                session.dispatch(action);
            }
        })
    };
    html! {
        <div class={classes!("jp-root", "jp-widget", options.theme.class())} data-testid="widget" {onkeydown}>
            if !face.is_empty() {
                <ul class="jp-diagnostics jp-widget-errors" data-testid="widget-errors" aria-label="Errors in the manifests">{ for face.iter().map(|e| html! { <li class="jp-diag jp-diag-error">{ e }</li> }) }</ul>
            }
            { body }
            { for edit }
            <p class="jp-widget-credit">{ "Simulated by jobplay: the Kubernetes Job and CronJob controllers in your browser" }</p>
        </div>
    }
}

/// Play or pause and the time, for `controls="minimal"`.
fn minimal_transport(session: &SessionHandle) -> Html {
    let label = if session.playing { "Pause" } else { "Play" };
    let text = if session.playing {
        "❚❚ Pause"
    } else {
        "▶ Play"
    };
    let onclick = session.send(|_: MouseEvent| SessionAction::TogglePlay);
    html! {
        <div class="jp-transport">
            <button class="jp-run" aria-label={label} {onclick}>{ text }</button>
            <span class="jp-clock">{ format!("+{}", session.elapsed().human()) }</span>
        </div>
    }
}

/// The host's commands reach the session through the link's shared slot; those sent before
/// the first render are delivered then.
#[hook]
fn use_host_commands(session: &SessionHandle, link: &Link) {
    let session = session.clone();
    let commands = link.commands.clone();
    let pending = link.pending.clone();
    use_effect_with((), move |_| {
        let deliver = Callback::from(move |c: Command| {
            session.dispatch(match c {
                Command::Play => SessionAction::SetPlaying(true),
                Command::Pause => SessionAction::SetPlaying(false),
                Command::Seek(ms) => SessionAction::Seek(ms),
                Command::Load(text) => SessionAction::LoadText(text),
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

/// Each Job at the playhead by name, with its final status if it has one.
fn job_states(engine: &Engine) -> Vec<(String, Option<&'static str>)> {
    engine
        .jobs()
        .map(|j| {
            let finished = j.is_finished().then(|| kubectl::job_status(j));
            (j.metadata.name.to_string(), finished)
        })
        .collect()
}

/// Emits `JobFinished` for Jobs that are Complete or Failed at the playhead and were not
/// before. A backward seek to before a Job finished forgets it, so it is reported again on
/// the way forward; a Job that is gone (deleted after finishing) stays reported.
#[hook]
fn use_finished_jobs(
    on_event: Callback<WidgetEvent>,
    run: Option<usize>,
    jobs: Vec<(String, Option<&'static str>)>,
) {
    let seen = use_mut_ref(|| (None::<usize>, Vec::<String>::new()));
    use_effect_with((run, jobs), move |(run, jobs)| {
        let (seen_run, seen) = &mut *seen.borrow_mut();
        if seen_run != run {
            *seen_run = *run;
            seen.clear();
        }
        seen.retain(|n| jobs.iter().all(|(j, status)| j != n || status.is_some()));
        for (name, status) in jobs {
            if let Some(status) = status {
                if !seen.contains(name) {
                    seen.push(name.clone());
                    on_event.emit(WidgetEvent::JobFinished {
                        name: name.clone(),
                        status: status.to_string(),
                    });
                }
            }
        }
    });
}
