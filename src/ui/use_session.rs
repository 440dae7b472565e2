//! The one core under both layouts (`app.rs`, the playground; `widget.rs`, the embed): the
//! session (`view_model/session.rs`) in a Yew reducer, the effects it needs (the playback
//! clock, the run's computation, the tz database, validation as you type), and the engine at
//! the playhead. Returns a [`SessionHandle`]: the session to read, and verbs.

use std::cell::{RefCell, RefMut};
use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

use super::use_clock::use_clock;
use super::use_computation::use_computation;
use super::use_validation::use_validation;
use super::use_zone_data::use_zone_data;
use crate::sim::Engine;
use crate::view_model::event_log::{why_details, WhyDetails};
use crate::view_model::marks::{marks, Mark};
use crate::view_model::playback::Playback;
use crate::view_model::session::{reduce, Session, SessionAction};

impl Reducible for Session {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        Rc::new(reduce(&self, action))
    }
}

/// The engine at the playhead: moved forward cheaply while playing, rebuilt from a
/// checkpoint only on a backward seek or a new run. A cache the component owns, like a memo:
/// moving it while rendering changes nothing anyone else sees.
#[derive(Clone)]
struct Cursor(Rc<RefCell<Option<Followed>>>);

/// The run the cursor follows, and its engine where the playhead was last.
type Followed = (Rc<Playback>, Engine);

/// The scrubber's marks and the run they belong to: a cache like the cursor, filled on the
/// first ask per run (a widget without the full transport never asks).
type MarksCache = Rc<RefCell<Option<(Rc<Playback>, Rc<Vec<Mark>>)>>>;

/// The session and its verbs.
#[derive(Clone)]
pub struct SessionHandle {
    state: UseReducerHandle<Session>,
    stop: Callback<()>,
    cursor: Cursor,
    marks: MarksCache,
}

impl Deref for SessionHandle {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.state
    }
}

impl SessionHandle {
    pub fn dispatch(&self, action: SessionAction) {
        self.state.dispatch(action);
    }

    /// A callback that turns its argument into an action on the session.
    pub fn send<T: 'static>(&self, make: fn(T) -> SessionAction) -> Callback<T> {
        sending(self.state.dispatcher(), make)
    }

    /// Stops computing the run and shows what has been simulated so far.
    pub fn stop(&self) -> Callback<()> {
        self.stop.clone()
    }

    /// The run shown and the engine at the playhead, if there is a run.
    pub fn at_playhead(&self) -> Option<(Rc<Playback>, RefMut<'_, Engine>)> {
        let playback = self.state.playback.as_ref()?.0.clone();
        let mut slot = self.cursor.0.borrow_mut();
        if !matches!(&*slot, Some((p, _)) if Rc::ptr_eq(p, &playback)) {
            *slot = Some((playback.clone(), playback.start_engine()));
        }
        let mut engine = RefMut::map(slot, |s| &mut s.as_mut().expect("the cursor was set").1);
        playback.seek(&mut engine, self.state.playhead);
        Some((playback, engine))
    }

    /// The scrubber's marks of the run shown (none without a run).
    pub fn marks(&self) -> Rc<Vec<Mark>> {
        let Some(run) = &self.state.playback else {
            return Rc::default();
        };
        let mut slot = self.marks.borrow_mut();
        match &*slot {
            Some((p, m)) if Rc::ptr_eq(p, &run.0) => m.clone(),
            _ => {
                let m = Rc::new(marks(run));
                *slot = Some((run.0.clone(), m.clone()));
                m
            }
        }
    }

    /// The decision being explained, with the fields that set it.
    pub fn why(&self) -> Option<WhyDetails> {
        let p = self.state.playback.as_ref()?;
        why_details(&p.last, p.start, self.state.why?)
    }
}

/// A callback that dispatches the action `make` builds from its argument. `make` is a function
/// pointer, not a closure type per call site: each closure type would bring its own call shim
/// and drop glue into the wasm, where this is one per argument type.
fn sending<T: 'static>(
    dispatcher: UseReducerDispatcher<Session>,
    make: fn(T) -> SessionAction,
) -> Callback<T> {
    Callback::from(move |t: T| dispatcher.dispatch(make(t)))
}

/// The session, started by `init` on the first render.
#[hook]
pub fn use_session(init: impl FnOnce() -> Session) -> SessionHandle {
    let state = use_reducer_eq(init);
    let dispatcher = state.dispatcher();
    use_clock(
        state.playing && state.playback.is_some(),
        sending(dispatcher.clone(), SessionAction::Tick),
    );
    let stop = use_computation(state.computing.clone(), dispatcher.to_callback());
    use_zone_data(
        state.zone_data.is_fetching(),
        sending(dispatcher.clone(), SessionAction::ZoneData),
    );
    use_validation(
        state.unchecked,
        sending(dispatcher.clone(), SessionAction::Validate),
    );
    let cursor = Cursor(use_mut_ref(|| None));
    let marks = use_mut_ref(|| None);
    SessionHandle {
        state,
        stop,
        cursor,
        marks,
    }
}
