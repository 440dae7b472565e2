//! The panels both layouts show (the playground, `app.rs`; the embed widget, `widget.rs`),
//! each wired to the session once: the run's state (progress while it computes, the zone
//! notice while it waits, a sentence when there is nothing to run) and, over a run, the
//! transport, the cluster, the inspector, the log with its "why"; and the editor. A layout
//! picks and places them; it wires nothing twice.

use yew::prelude::*;

use super::cluster_view::cluster_panel;
use super::cron_ruler::cron_rulers;
use super::editor::{self, editor as editor_view};
use super::event_log::{self, event_log};
use super::gantt_chart::gantt_chart;
use super::inspector::Inspector;
use super::run_notice::run_notice;
use super::run_progress::run_progress;
#[cfg(feature = "terminal")]
use super::terminal::Terminal;
use super::transport::{self, transport};
use super::use_session::SessionHandle;
use super::why_panel::why_panel;
use super::zone_data_notice::zone_data_notice;
#[cfg(feature = "terminal")]
use crate::shell::replay::TextFiles;
use crate::sim::Engine;
use crate::view_model::caption::caption;
use crate::view_model::cluster::cluster_view;
use crate::view_model::cron_ruler::{self, horizon_note, CronRuler, HorizonNote};
use crate::view_model::event_log::log_rows;
use crate::view_model::gantt::{gantt, Gantt};
use crate::view_model::inspector::{action_target, controls, inspect, Controls, Selected};
use crate::view_model::playback::Playback;
use crate::view_model::session::{Run, SessionAction};
#[cfg(feature = "terminal")]
use crate::view_model::terminal;

/// A run at the playhead, for a layout to pick panels from.
pub struct Stage<'a> {
    session: &'a SessionHandle,
    playback: &'a Playback,
    /// The cluster at the playhead.
    pub engine: &'a Engine,
}

/// The run's part of a layout: its progress while it is computed, the zone notice while it
/// waits for the tz database, `empty` when there is nothing to run; else why the run ends
/// early (if it does) and what `layout` places. `layout` is a trait object so that both
/// layouts share one copy of this function.
pub fn stage(
    session: &SessionHandle,
    empty: &'static str,
    layout: &dyn Fn(&Stage) -> Html,
) -> Html {
    // A typed line's run is computed with the run before it kept on screen
    // (`Session::rerun_keeping_view`), so the panels stay where they are meanwhile.
    if session.computing.is_some() && session.playback.is_none() {
        return run_progress(session.progress, session.stop());
    }
    let Some((playback, engine)) = session.at_playhead() else {
        return match session.zone_data.notice() {
            Some(_) => zone_data_notice(&session.zone_data),
            None => html! { <p class="jp-empty">{ empty }</p> },
        };
    };
    let stage = Stage {
        session,
        playback: &playback,
        engine: &engine,
    };
    // While a typed line's run is computed over the run kept on screen, its progress and Stop
    // come last, so the panels before keep their places (and their state).
    let progress = session
        .computing
        .is_some()
        .then(|| run_progress(session.progress, session.stop()));
    html! { <>{ run_notice(&playback.notices()) }{ layout(&stage) }{ for progress }</> }
}

impl Stage<'_> {
    /// Milliseconds from the start of the run to the playhead.
    pub fn elapsed_ms(&self) -> i64 {
        self.session.elapsed().as_millis()
    }

    /// Play and pause, speed, the scrubber with its marks and the clock; beside them the
    /// caption, the latest decision at the playhead in words.
    pub fn transport(&self) -> Html {
        let s = self.session;
        transport(transport::Props {
            playing: s.playing,
            speed: s.speed,
            elapsed_ms: self.elapsed_ms(),
            total_ms: s.duration().as_millis(),
            clock: s.playhead.rfc3339(),
            on_toggle: s.send(|()| SessionAction::TogglePlay),
            on_speed: s.send(SessionAction::SetSpeed),
            on_seek: s.send(SessionAction::Seek),
            marks: &s.marks(),
            on_mark: s.send(SessionAction::Jump),
            caption: caption(self.engine, self.playback.start),
        })
    }

    /// The nodes and their pods; with `breaks`, the controller manager can be taken down.
    pub fn cluster(&self, breaks: bool) -> Html {
        let s = self.session;
        let on_action = breaks.then(|| s.send(SessionAction::Break));
        cluster_panel(
            &cluster_view(self.engine),
            s.selected.as_ref(),
            &s.send(|x: Selected| SessionAction::Select(Some(x))),
            on_action.as_ref(),
        )
    }

    /// The selected object's tabs; with `breaks`, the actions it offers at the playhead.
    pub fn inspector(&self, breaks: bool) -> Html {
        let s = self.session;
        let Some(selected) = s.selected.clone() else {
            return html! {};
        };
        let tabs = inspect(self.engine, &selected);
        let on_close = s.send(|()| SessionAction::Select(None));
        let (target, controls, on_action) = if breaks {
            (
                action_target(self.engine, &selected),
                controls(self.engine, &selected),
                Some(s.send(SessionAction::Break)),
            )
        } else {
            (None, Controls::default(), None)
        };
        html! { <Inspector {selected} {tabs} {target} {controls} {on_close} {on_action} /> }
    }

    /// The CronJob rulers and the Timeline chart at the playhead; a row or bar picks its pod
    /// or Job.
    pub fn timeline(&self, t: &Timeline) -> Html {
        let now = self.elapsed_ms();
        let on_select = self.session.send(|x| SessionAction::Select(Some(x)));
        html! {
            <>
                if let Some((rulers, note)) = &t.rulers {
                    { cron_rulers(rulers, now, note.as_ref()) }
                }
                { gantt_chart(&t.chart, now, &on_select) }
            </>
        }
    }

    /// The event log up to the playhead, with the decision being explained above it.
    #[cfg(feature = "playground")]
    pub fn log(&self) -> Html {
        self.log_named(AttrValue::Static("Events"))
    }

    /// [`Stage::log`] under another accessible name (a widget names its own).
    pub fn log_named(&self, label: AttrValue) -> Html {
        let s = self.session;
        let (rows, more) = log_rows(self.engine, self.playback.start, &s.log_filter);
        html! {
            <>
                if let Some(details) = s.why() {
                    { why_panel(&details, s.send(|()| SessionAction::Why(None))) }
                }
                { event_log(event_log::Props { rows, more, filter: s.log_filter.clone(), on_filter: s.send(SessionAction::SetLogFilter),
                    on_why: s.send(|i: usize| SessionAction::Why(Some(i))), selected_why: s.why, label }) }
            </>
        }
    }
}

/// A run's Timeline chart, and its CronJob rulers with the note on running longer when it has
/// any CronJob.
pub struct Timeline {
    chart: std::rc::Rc<Gantt>,
    rulers: Option<(Vec<CronRuler>, Option<HorizonNote>)>,
}

/// The run's [`Timeline`], once per run (each frame only cuts it at the playhead); none
/// unless `shown`. Both layouts draw it with [`Stage::timeline`].
#[hook]
pub fn use_timeline(run: Option<Run>, shown: bool) -> std::rc::Rc<Option<Timeline>> {
    use_memo((run, shown), |(run, shown)| {
        let p = run.as_ref().filter(|_| *shown)?;
        let rulers = cron_ruler::cron_rulers(&p.last, p.start, p.end);
        let note = horizon_note(&p.last, p.start, p.end);
        Some(Timeline {
            chart: std::rc::Rc::new(gantt(&p.last, p.start, p.end)),
            rulers: (!rulers.is_empty()).then_some((rulers, note)),
        })
    })
}

/// The terminal at the playhead (`readonly`: without its prompt and Clear). Drawn outside
/// [`stage`] by the playground, so the prompt keeps its focus while a typed line's run is
/// computed and works before there is any run.
#[cfg(feature = "terminal")]
pub fn terminal(session: &SessionHandle, readonly: bool, label: AttrValue) -> Html {
    let s = session;
    let transcript = s.playback.as_ref().map(|r| r.1.clone()).unwrap_or_default();
    let shown = terminal::shown(&transcript.entries, s.playhead);
    let copy_text = terminal::copy_text(&transcript.entries, s.playhead);
    let complete = {
        let s = s.clone();
        Callback::from(move |line: String| {
            let names = TextFiles::new(&s.text).names();
            let at = s.at_playhead();
            terminal::complete(&line, at.as_ref().map(|(_, e)| &**e), &names)
        })
    };
    html! {
        <Terminal {transcript} {shown} playhead={s.playhead} copy_text={copy_text} at={format!("+{}", s.elapsed().human())}
            {readonly} on_type={s.send(SessionAction::Type)} on_clear={s.send(|()| SessionAction::ClearTerminal)}
            {complete} {label} handed={s.handed_prompt.clone()} />
    }
}

/// The first module's terminal: the prompt, which hands the page over to the terminal module
/// (`terminal_module`) once the user goes to it.
#[cfg(not(feature = "terminal"))]
pub fn terminal(session: &SessionHandle, readonly: bool, label: AttrValue) -> Html {
    let failed = session.send(SessionAction::HandOverFailed);
    let on_focus = Callback::from(move |()| super::terminal_module::hand_over(failed.clone()));
    let at = format!("+{}", session.elapsed().human());
    super::terminal::before_kubectl(at.into(), label, readonly, on_focus)
}

/// The editor over the session's text, with the lines to `highlight`.
pub fn editor(session: &SessionHandle, highlight: Vec<u32>) -> Html {
    let s = session;
    editor_view(editor::Props {
        text: &s.text,
        diagnostics: &s.diagnostics,
        lines: &s.highlighted(),
        on_edit: s.send(SessionAction::Edit),
        on_run: s.send(|()| SessionAction::Run),
        on_format: s.send(|()| SessionAction::Format),
        on_reset: s.send(|()| SessionAction::Reset),
        highlight,
    })
}
