//! The JavaScript face of the embeddable widget: `mountWidget(root, yaml, attributes,
//! onEvent, name)` mounts one player into an element (inside the `<job-playground>` element's
//! shadow root) and returns a handle with `play()`, `pause()`, `seek(seconds)`, `load(yaml)`,
//! `destroy()` and the `currentTime`, `duration` and `paused` getters; `inlineScenario` and
//! `widgetIntro` prepare what the element shows before it mounts. static/embed.js defines the
//! custom element around it. Several widgets share the one wasm module and nothing else.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use yew::{AppHandle, Callback};

use super::widget::{Command, Link, Props, Widget, WidgetEvent};
use crate::view_model::embed::{inline_scenario, intro, parse_options};

/// Attribute names the widget reads.
const ATTRIBUTES: &[&str] = &[
    "autoplay", "speed", "seed", "view", "controls", "readonly", "theme", "start-at",
];

/// One mounted widget.
#[wasm_bindgen]
pub struct WidgetHandle {
    app: Option<AppHandle<Widget>>,
    link: Link,
}

#[wasm_bindgen]
impl WidgetHandle {
    fn send(&self, command: Command) {
        match self.link.commands.borrow().as_ref() {
            Some(cb) => cb.emit(command),
            None => self.link.pending.borrow_mut().push(command),
        }
    }
    pub fn play(&self) {
        self.send(Command::Play);
    }
    pub fn pause(&self) {
        self.send(Command::Pause);
    }
    /// Moves the playhead to `seconds` from the start of the run (clamped to the run).
    pub fn seek(&self, seconds: f64) {
        if seconds.is_finite() {
            self.send(Command::Seek((seconds * 1000.0).round() as i64));
        }
    }
    /// Replaces the scenario and runs it.
    pub fn load(&self, yaml: String) {
        self.send(Command::Load(yaml));
    }
    /// Unmounts the widget: its clock stops and it lets go of everything.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
    #[wasm_bindgen(getter, js_name = currentTime)]
    pub fn current_time(&self) -> f64 {
        self.link.status.borrow().0 as f64 / 1000.0
    }
    #[wasm_bindgen(getter)]
    pub fn duration(&self) -> f64 {
        self.link.status.borrow().1 as f64 / 1000.0
    }
    #[wasm_bindgen(getter)]
    pub fn paused(&self) -> bool {
        !self.link.status.borrow().2
    }
}

/// Mounts a widget into `root`. `attributes` is a plain object of the element's attribute
/// values; `on_event(type, detail)` receives the widget's events; `name` is the scenario's
/// (from `widgetIntro`), for the accessible names of the widget's parts. Attribute problems
/// come back at once as `warning` events, naming the attribute and what it expects.
#[wasm_bindgen(js_name = mountWidget)]
pub fn mount_widget(
    root: web_sys::Element,
    yaml: String,
    attributes: Object,
    on_event: Function,
    name: String,
) -> WidgetHandle {
    let attrs: Vec<(String, String)> = ATTRIBUTES
        .iter()
        .filter_map(|name| {
            Reflect::get(&attributes, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_string())
                .map(|v| (name.to_string(), v))
        })
        .collect();
    let (options, problems) = parse_options(&attrs);
    let emit = move |kind: &str, detail: JsValue| {
        let _ = on_event.call2(&JsValue::NULL, &JsValue::from_str(kind), &detail);
    };
    for p in problems {
        emit("warning", JsValue::from_str(&p));
    }
    let on_event = Callback::from(move |e: WidgetEvent| match e {
        WidgetEvent::Ready(ms) => emit(
            "ready",
            detail(&[("duration", JsValue::from_f64(ms as f64 / 1000.0))]),
        ),
        WidgetEvent::Invalid(messages) => emit(
            "invalid",
            detail(&[(
                "messages",
                messages
                    .iter()
                    .map(|m| JsValue::from_str(m))
                    .collect::<js_sys::Array>()
                    .into(),
            )]),
        ),
        WidgetEvent::Play => emit("play", JsValue::NULL),
        WidgetEvent::Pause => emit("pause", JsValue::NULL),
        WidgetEvent::TimeUpdate(ms) => emit(
            "timeupdate",
            detail(&[("currentTime", JsValue::from_f64(ms as f64 / 1000.0))]),
        ),
        WidgetEvent::JobFinished { name, status } => emit(
            "jobfinished",
            detail(&[
                ("name", JsValue::from_str(&name)),
                ("status", JsValue::from_str(&status)),
            ]),
        ),
        WidgetEvent::Ended => emit("ended", JsValue::NULL),
        WidgetEvent::Error(message) => {
            emit("error", detail(&[("message", JsValue::from_str(&message))]))
        }
        WidgetEvent::NeedsTerminal(text) => emit(
            "needsterminal",
            detail(&[("text", JsValue::from_str(&text))]),
        ),
    });
    let link = Link::default();
    let props = Props {
        text: yaml,
        options,
        link: link.clone(),
        on_event,
        events_label: format!("Events: {name}").into(),
    };
    let app = yew::Renderer::<Widget>::with_root_and_props(root, props).render();
    WidgetHandle {
        app: Some(app),
        link,
    }
}

/// The scenario written inside the element, made ready for the parser: leading tabs expanded
/// and the page's indentation removed (`view_model::embed::inline_scenario`).
#[wasm_bindgen(js_name = inlineScenario)]
pub fn inline_scenario_js(text: &str) -> String {
    inline_scenario(text)
}

/// Whether `text` has typed lines (`spec.terminal`), which only the terminal module replays
/// (ARCHITECTURE.md, "The page's modules"): static/embed.js mounts such a widget with it.
#[wasm_bindgen(js_name = hasTypedLines)]
pub fn has_typed_lines(text: &str) -> bool {
    !crate::scenario::load(text).scenario.terminal.is_empty()
}

/// What a widget says before it starts: the name of the scenario (`text`), or of the preset
/// its `preset` attribute names, a line break, and its story (`view_model::embed::intro`).
#[wasm_bindgen(js_name = widgetIntro)]
pub fn widget_intro(preset: Option<String>, text: &str) -> String {
    let i = intro(preset.as_deref(), text);
    i.name + "\n" + &i.story
}

fn detail(fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Runs a scenario to its end with no page at all and says what happened:
/// `"<succeeded> <failed> <wakes> <events>"` summed over its Jobs. For measuring the engine in
/// the browser beside the native figure (`node bench/browser.mjs`); the page itself never calls it.
#[wasm_bindgen(js_name = simulateToEnd)]
pub fn simulate_to_end(yaml: &str) -> String {
    let loaded = crate::scenario::load(yaml);
    let horizon = crate::sim::Horizon::of(&loaded.scenario);
    let mut engine = crate::sim::Engine::new(loaded.scenario);
    crate::sim::run_to_end(&mut engine, horizon);
    let (succeeded, failed) = engine.jobs().fold((0, 0), |(s, f), j| {
        (s + j.status.succeeded, f + j.status.failed)
    });
    format!(
        "{succeeded} {failed} {} {}",
        engine.dispatched(),
        engine.events().len()
    )
}
