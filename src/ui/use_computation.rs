//! Finishes a long run between frames: while a run is being computed, advances its builder in
//! slices of about one frame's budget of wall-clock time, telling the reducer after each
//! slice (progress, or done). Reads the wall clock (performance.now) only to size slices; the
//! run itself depends on wake counts, never on time, so it is the same however it is sliced.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::state::Computing;

/// Wall-clock milliseconds a slice may take: leaves the rest of a 60 Hz frame for rendering.
const SLICE_MS: f64 = 10.0;
/// Engine wakes between two looks at the clock.
const WAKES_PER_CHECK: u64 = 200;

#[hook]
pub fn use_computation(computing: Option<Rc<Computing>>, on_slice: Callback<()>) {
    use_effect_with(computing, move |computing| {
        let timer: Rc<RefCell<Option<Timeout>>> = Rc::new(RefCell::new(None));
        if let Some(computing) = computing {
            schedule(timer.clone(), computing.clone(), on_slice);
        }
        move || {
            timer.borrow_mut().take();
        }
    });
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn schedule(timer: Rc<RefCell<Option<Timeout>>>, computing: Rc<Computing>, on_slice: Callback<()>) {
    let next = timer.clone();
    // A zero timeout yields to the browser, which renders the progress and handles input
    // (the Stop button) before the next slice.
    let timeout = Timeout::new(0, move || {
        let done = {
            let mut slot = computing.builder.borrow_mut();
            let Some(builder) = slot.as_mut() else { return };
            let began = now_ms();
            loop {
                if builder.advance(WAKES_PER_CHECK) {
                    break true;
                }
                if now_ms() - began >= SLICE_MS {
                    break false;
                }
            }
        };
        on_slice.emit(());
        if !done {
            schedule(next, computing, on_slice);
        }
    });
    *timer.borrow_mut() = Some(timeout);
}
