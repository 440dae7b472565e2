//! The readable timeline of a run: every event, with the decisions that explain it.
//! It is also the best debugger, and what snapshot tests compare.

use crate::sim::Engine;
use crate::time::SimTime;

/// Renders events and decisions as lines: offset from start, object, type, reason, message;
/// decisions as indented `why:` lines above the events they explain.
pub fn render(engine: &Engine, with_why: bool) -> String {
    let start = engine.scenario().start;
    let mut out = String::new();
    let decisions = engine.decisions();
    let mut next_decision = 0;
    let events = engine.events();
    // What jobplay assumed about a pod's containers, at the instant it did (docs/scenario.md,
    // "Notes"), before the events of later instants.
    let notes = engine.timed_notes();
    let mut next_note = 0;
    let mut put_notes = |out: &mut String, before: Option<SimTime>| {
        while let Some((at, pod, note)) = notes
            .get(next_note)
            .filter(|n| before.is_none_or(|t| n.0 < t))
        {
            out.push_str(&format!(
                "{:>9}  note     pod/{pod}: {note}\n",
                offset(start, *at)
            ));
            next_note += 1;
        }
    };
    for (i, e) in events.iter().enumerate() {
        put_notes(&mut out, Some(e.time));
        while with_why
            && next_decision < decisions.len()
            && decisions[next_decision].before_event <= i
        {
            let d = &decisions[next_decision];
            out.push_str(&format!(
                "{:>9}  why  {}: {}\n",
                offset(start, d.time),
                d.object,
                d.summary
            ));
            next_decision += 1;
        }
        let object = format!("{}/{}", e.kind, e.name);
        out.push_str(&format!(
            "{:>9}  {:<7}  {:<28}  {:<18} {}\n",
            offset(start, e.time),
            e.type_,
            object,
            e.reason,
            e.message
        ));
    }
    put_notes(&mut out, None);
    while with_why && next_decision < decisions.len() {
        let d = &decisions[next_decision];
        out.push_str(&format!(
            "{:>9}  why  {}: {}\n",
            offset(start, d.time),
            d.object,
            d.summary
        ));
        next_decision += 1;
    }
    out
}

/// `+1m30s`, `+2.5s`.
pub fn offset(start: SimTime, t: SimTime) -> String {
    format!("+{}", (t - start).human())
}
