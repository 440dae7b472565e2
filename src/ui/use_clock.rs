//! The one place that reads the wall clock: while `active`, calls `on_tick` every animation
//! frame with the milliseconds since the previous frame.

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
