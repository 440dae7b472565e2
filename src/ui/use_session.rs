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
use crate::scenario::diagnostic::Diagnostic;
use crate::sim::Engine;
use crate::view_model::event_log::{why_details, WhyDetails};
use crate::view_model::highlight::{highlight, Span};
use crate::view_model::marks::{marks, Mark};
use crate::view_model::playback::Playback;
use crate::view_model::session::{reduce, Run, Session, SessionAction};

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

/// A value worked out from the session when a layout first draws it, kept while its key stays
/// the same: a memo that a layout which never draws the value never pays for (a widget
/// without the full transport, or read-only).
struct Kept<K, V>(Rc<RefCell<Option<KeptValue<K, V>>>>);

/// A kept value and its key.
type KeptValue<K, V> = (K, Rc<V>);

impl<K, V> Clone for Kept<K, V> {
    fn clone(&self) -> Self {
        Kept(self.0.clone())
    }
}

impl<K: PartialEq, V> Kept<K, V> {
    /// The value kept for `key`, made by `make` if the key is new.
    fn get(&self, key: K, make: impl FnOnce(&K) -> V) -> Rc<V> {
        let mut slot = self.0.borrow_mut();
        match &*slot {
            Some((k, v)) if *k == key => v.clone(),
            _ => {
                let v = Rc::new(make(&key));
                *slot = Some((key, v.clone()));
                v
            }
        }
    }
}

/// The session and its verbs.
#[derive(Clone)]
pub struct SessionHandle {
    state: UseReducerHandle<Session>,
    stop: Callback<()>,
    cursor: Cursor,
    /// The scrubber's marks, per run.
    marks: Kept<Run, Vec<Mark>>,
    /// The editor's highlighted lines, per text and diagnostics.
    highlighted: Kept<(String, Vec<Diagnostic>), Vec<Vec<Span>>>,
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
        match &self.state.playback {
            Some(run) => self.marks.get(run.clone(), |run| marks(run)),
            None => Rc::default(),
        }
    }

    /// The text's lines highlighted, with its diagnostics underlined.
    pub fn highlighted(&self) -> Rc<Vec<Vec<Span>>> {
        let key = (self.state.text.clone(), self.state.diagnostics.clone());
        self.highlighted
            .get(key, |(text, diagnostics)| highlight(text, diagnostics))
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

/// The session, started by `init` on the first render. `init` is a trait object so that both
/// layouts share one copy of this hook (a generic would be compiled once per caller).
#[hook]
pub fn use_session(init: &dyn Fn() -> Session) -> SessionHandle {
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
    SessionHandle {
        state,
        stop,
        cursor,
        marks: Kept(use_mut_ref(|| None)),
        highlighted: Kept(use_mut_ref(|| None)),
    }
}
