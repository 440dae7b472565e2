//! Computes the run the session asks for (`RunRequest`), keyed by its id. The builder lives
//! here and nowhere else: a first slice runs as soon as the request appears (most scenarios
//! end within it, so they appear at once); a longer run goes on one slice per animation frame,
//! reporting its progress, until it ends or the user stops it; then the playback goes to the
//! session as `Finished` with the request's id (a newer request has replaced the builder by
//! then, and the session drops anything with an old id).
//!
//! Slices are counted in engine wakes, never in time, so however a run is sliced it is the
//! same run. Their size follows the frame intervals `use_clock` measures (it stays the only
//! reader of the wall clock): halved when frames come late, grown while they come on time.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::use_clock::use_clock;
use crate::view_model::playback::PlaybackBuilder;
use crate::view_model::session::{Run, RunId, RunRequest, SessionAction};

/// Engine wakes of the first slice, run as soon as the run is asked for.
const FIRST_SLICE: u64 = 3_000;
/// Bounds of a frame's slice, in engine wakes.
const SLICE_MIN: u64 = 100;
const SLICE_MAX: u64 = 200_000;
/// Frame intervals (ms) above which slices shrink, and below which they grow: a 60 Hz frame
/// is 16.7 ms, so a slice may take most of one and rendering the rest.
const LATE_FRAME_MS: f64 = 24.0;
const ON_TIME_FRAME_MS: f64 = 18.0;

/// The run being computed.
struct Computation {
    id: RunId,
    builder: PlaybackBuilder,
    /// Wakes the next frame's slice simulates.
    slice: u64,
}

type Slot = Rc<RefCell<Option<Computation>>>;

/// Computes `request`'s run, telling the session through `report`; returns the Stop verb.
#[hook]
pub fn use_computation(
    request: Option<RunRequest>,
    report: Callback<SessionAction>,
) -> Callback<()> {
    let slot: Slot = use_mut_ref(|| None);
    {
        let (slot, report) = (slot.clone(), report.clone());
        use_effect_with(request.clone(), move |request| {
            let started = request.as_ref().map(|r| Computation {
                id: r.id,
                builder: PlaybackBuilder::new((*r.scenario).clone()),
                slice: FIRST_SLICE,
            });
            *slot.borrow_mut() = started;
            slice(&slot, &report);
        });
    }
    {
        let (slot, report) = (slot.clone(), report.clone());
        use_clock(
            request.is_some(),
            Callback::from(move |frame_ms: f64| {
                if let Some(c) = slot.borrow_mut().as_mut() {
                    c.slice = if frame_ms > LATE_FRAME_MS {
                        (c.slice / 2).max(SLICE_MIN)
                    } else if frame_ms < ON_TIME_FRAME_MS {
                        (c.slice + c.slice / 2).min(SLICE_MAX)
                    } else {
                        c.slice
                    };
                }
                slice(&slot, &report);
            }),
        );
    }
    Callback::from(move |()| {
        let stopped = slot.borrow_mut().take();
        if let Some(c) = stopped {
            report.emit(SessionAction::Finished(
                c.id,
                Run(Rc::new(c.builder.finish())),
            ));
        }
    })
}

/// Simulates one slice of the run in `slot`, then reports: its progress, or the finished run.
fn slice(slot: &Slot, report: &Callback<SessionAction>) {
    // The report may render synchronously, which may start a new computation in `slot`: the
    // borrow ends before it.
    let action = {
        let mut current = slot.borrow_mut();
        let Some(c) = current.as_mut() else { return };
        if c.builder.advance(c.slice) {
            let c = current.take().expect("the computation is there");
            SessionAction::Finished(c.id, Run(Rc::new(c.builder.finish())))
        } else {
            SessionAction::Progress(c.id, c.builder.progress())
        }
    };
    report.emit(action);
}
