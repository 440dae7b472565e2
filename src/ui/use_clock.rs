//! The one place that reads the wall clock: while `active`, `use_clock` calls `on_tick` every
//! animation frame with the milliseconds since the previous frame (playback); a [`Stopwatch`]
//! says how long a slice of work has taken (`use_computation` sizes its slices with it). Neither
//! is ever an input to a run: runs are counted in engine wakes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_render::{request_animation_frame, AnimationFrame};
use yew::prelude::*;

#[hook]
pub fn use_clock(active: bool, on_tick: Callback<f64>) {
    use_effect_with(active, move |active| {
        let handle: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
        if *active {
            schedule(handle.clone(), on_tick, None);
        }
        move || {
            handle.borrow_mut().take();
        }
    });
}

fn schedule(
    handle: Rc<RefCell<Option<AnimationFrame>>>,
    on_tick: Callback<f64>,
    last: Option<f64>,
) {
    let next = handle.clone();
    let frame = request_animation_frame(move |now_ms| {
        if let Some(prev) = last {
            // A backgrounded tab resumes with one big gap; cap it so playback does not jump.
            on_tick.emit((now_ms - prev).clamp(0.0, 100.0));
        }
        schedule(next, on_tick, Some(now_ms));
    });
    *handle.borrow_mut() = Some(frame);
}

/// Wall-clock time since it was started.
pub struct Stopwatch {
    began: f64,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        Stopwatch { began: now_ms() }
    }

    pub fn elapsed_ms(&self) -> f64 {
        now_ms() - self.began
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
