//! Computes the run the session asks for (`RunRequest`), keyed by its id. The builder lives
//! here and nowhere else: a first slice of engine wakes runs as soon as the request appears
//! (most scenarios end within it, so they appear at once); a longer run goes on in slices of
//! about 10 ms between which the browser renders the progress and handles input (the Stop
//! button), until it ends or the user stops it. Then the playback goes to the session as
//! `Finished` with the request's id; a newer request has replaced the builder by then, and
//! the session drops anything with an old id.
//!
//! The wall clock (a `use_clock::Stopwatch`) only sizes slices; the run is counted in engine
//! wakes, so however it is sliced it is the same run.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::use_clock::Stopwatch;
use crate::view_model::playback::PlaybackBuilder;
use crate::view_model::session::{Run, RunId, RunRequest, SessionAction};
use crate::view_model::terminal::{prepare, Prepared, Transcript};

/// Engine wakes of the first slice, run as soon as the run is asked for.
const FIRST_SLICE: u64 = 3_000;
/// Wall-clock milliseconds a later slice may take: leaves the rest of a 60 Hz frame for
/// rendering.
const SLICE_MS: f64 = 10.0;
/// Engine wakes between two looks at the stopwatch.
const WAKES_PER_CHECK: u64 = 200;

/// The run being computed.
struct Computation {
    id: RunId,
    builder: PlaybackBuilder,
    /// The typed lines replayed, handed over with the run.
    transcript: Rc<Transcript>,
}

type Slot = Rc<RefCell<Option<Computation>>>;

/// How long a slice goes on.
#[derive(Clone, Copy)]
enum Budget {
    Wakes(u64),
    Millis(f64),
}

/// Computes `request`'s run, telling the session through `report`; returns the Stop verb.
#[hook]
pub fn use_computation(
    request: Option<RunRequest>,
    report: Callback<SessionAction>,
) -> Callback<()> {
    let slot: Slot = use_mut_ref(|| None);
    {
        let (slot, report) = (slot.clone(), report.clone());
        use_effect_with(request, move |request| {
            let timer: Rc<RefCell<Option<Timeout>>> = Rc::new(RefCell::new(None));
            // The typed lines are replayed first (`terminal::prepare`): a line that changed
            // nothing the engine runs keeps the run shown, with no simulation at all.
            let prepared = request
                .as_ref()
                .map(|r| (r.id, prepare(&r.scenario, &r.text, r.shown.as_ref())));
            *slot.borrow_mut() = None;
            match prepared {
                Some((id, Prepared::Ready(run))) => report.emit(SessionAction::Finished(id, run)),
                Some((id, Prepared::Build(builder, transcript))) => {
                    *slot.borrow_mut() = Some(Computation {
                        id,
                        builder: *builder,
                        transcript,
                    });
                    if slice(&slot, id, &report, Budget::Wakes(FIRST_SLICE)) {
                        schedule(timer.clone(), slot, id, report);
                    }
                }
                None => {}
            }
            move || {
                timer.borrow_mut().take();
            }
        });
    }
    Callback::from(move |()| {
        let stopped = slot.borrow_mut().take();
        if let Some(c) = stopped {
            report.emit(SessionAction::Finished(
                c.id,
                Run(Rc::new(c.builder.finish()), c.transcript),
            ));
        }
    })
}

/// Runs the next slice of run `id` after the browser has had its turn (a zero timeout yields
/// to it).
fn schedule(
    timer: Rc<RefCell<Option<Timeout>>>,
    slot: Slot,
    id: RunId,
    report: Callback<SessionAction>,
) {
    let next = timer.clone();
    let timeout = Timeout::new(0, move || {
        if slice(&slot, id, &report, Budget::Millis(SLICE_MS)) {
            schedule(next, slot, id, report);
        }
    });
    *timer.borrow_mut() = Some(timeout);
}

/// Simulates one slice of run `id`, if `slot` still holds it, then reports its progress or
/// the finished run. True while there is more of it to simulate.
fn slice(slot: &Slot, id: RunId, report: &Callback<SessionAction>, budget: Budget) -> bool {
    // The report may render at once, and a render may start a new computation in `slot`: the
    // borrow ends before it.
    let action = {
        let mut current = slot.borrow_mut();
        let Some(c) = current.as_mut().filter(|c| c.id == id) else {
            return false;
        };
        let done = match budget {
            Budget::Wakes(wakes) => c.builder.advance(wakes),
            Budget::Millis(ms) => {
                let watch = Stopwatch::start();
                loop {
                    if c.builder.advance(WAKES_PER_CHECK) {
                        break true;
                    }
                    if watch.elapsed_ms() >= ms {
                        break false;
                    }
                }
            }
        };
        if done {
            let c = current.take().expect("the computation is there");
            SessionAction::Finished(c.id, Run(Rc::new(c.builder.finish()), c.transcript))
        } else {
            SessionAction::Progress(c.id, c.builder.progress())
        }
    };
    let more = matches!(action, SessionAction::Progress(..));
    report.emit(action);
    more
}
