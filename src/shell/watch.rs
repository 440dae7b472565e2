//! `kubectl get --watch` and `--watch-only` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go
//! `watch`): the current rows, then a row each time a watched object changes, as virtual
//! time passes. Each row is stamped with its instant ([`super::Stamp`]).
//!
//! A real API server sends one event per update; jobplay compares each watched object
//! before and after each instant of the run, so several updates at one instant print as one
//! row (the last state), and the rows of one instant come in name order. An object that goes
//! away (or stops matching `-l`) prints its last row, as a DELETED event does.
//!
//! A real watch runs until it is interrupted. Here it runs until the cluster has nothing
//! more to do, and then says so on standard error, or until `--request-timeout` (kubectl's
//! global flag) has passed, and then ends quietly as kubectl does.

use std::collections::BTreeMap;

use super::args::Parsed;
use super::kubectl::{self, Kind, Obj, Printer, Request, Selection};
use super::{Output, Shell, MAX_ADVANCE};
use crate::api::{CronJob, Job, Pod};
use crate::time::SimDuration;
use crate::view_model::kubectl::Columns;

/// Rows a watch prints at most: a run of many pods cannot print without end.
const MAX_ROWS: usize = 10_000;

/// `kubectl get TYPE [NAME] -w`.
pub(super) fn watch(
    shell: &mut Shell,
    p: &Parsed,
    req: &Request,
    selection: &Selection,
    printer: &Printer,
) -> Output {
    let kinds: Vec<Kind> = req.items.iter().fold(Vec::new(), |mut ks, (k, _)| {
        if !ks.contains(k) {
            ks.push(*k);
        }
        ks
    });
    let [kind] = kinds.as_slice() else {
        return Output::fail("error: you may only specify a single resource type");
    };
    let kind = *kind;
    let columns = match printer {
        Printer::Table(c) => Some(*c),
        Printer::CustomColumns(_) => {
            return Output::fail(
                "jobplay: kubectl get --watch -o custom-columns is not simulated (the table, -o wide, name, yaml, json and jsonpath are)",
            )
        }
        _ => None,
    };
    let names: Vec<&str> = req.items.iter().filter_map(|(_, n)| n.as_deref()).collect();
    for name in &names {
        if kubectl::find(shell.engine(), kind, name).is_none()
            || (kubectl::elsewhere(p) && kind != Kind::Node)
        {
            return Output::fail(format!(
                "Error from server (NotFound): {} \"{name}\" not found",
                kind_resource(kind)
            ));
        }
    }
    let bound = match p.get("request-timeout").map(request_timeout) {
        None | Some(Ok(None)) => MAX_ADVANCE,
        Some(Ok(Some(d))) => d.min(MAX_ADVANCE),
        Some(Err(e)) => return Output::fail(format!("error: {e}")),
    };
    let deadline = shell.now() + bound;
    let mut w = Watch {
        kind,
        columns,
        printer: printer.clone(),
        printed: 0,
        labels: p.is("show-labels"),
        headers: !p.is("no-headers"),
        widths: Vec::new(),
        header_printed: false,
        out: Output::default(),
        rows: 0,
    };
    // A namespace jobplay does not have holds none of the namespaced objects.
    let empty = kubectl::elsewhere(p) && kind != Kind::Node;
    let watched = |e: &crate::sim::Engine| -> BTreeMap<String, (serde_json::Value, Owned)> {
        kubectl::list(e, kind)
            .into_iter()
            .filter(|_| !empty)
            .filter(|o| names.is_empty() || names.contains(&o.name()))
            .filter(|o| selection.matches(e, *o))
            .map(|o| (o.name().to_string(), (o.json(e), Owned::of(o))))
            .collect()
    };
    let mut seen = watched(shell.engine());
    if !p.is("watch-only") {
        let objs: Vec<Obj> = seen.values().map(|(_, o)| o.obj()).collect();
        w.print(shell, &objs);
    }
    loop {
        if w.out.status != 0 {
            break;
        }
        if w.rows >= MAX_ROWS {
            w.out.err.push_str(&format!(
                "jobplay: the watch stopped after {MAX_ROWS} rows at {}\n",
                shell.now().rfc3339_millis()
            ));
            break;
        }
        let at = match shell.engine.poll_timeout() {
            Some(t) if t <= deadline => t,
            Some(_) => {
                // kubectl's request timeout closes the watch; it ends without a word.
                shell.advance_to(deadline);
                break;
            }
            None => {
                let started = shell.scenario.start;
                w.out.stamp(shell.now());
                w.out.err.push_str(&format!(
                    "jobplay: the cluster has nothing more to do after {}; kubectl would go on watching until interrupted\n",
                    (shell.now() - started).human()
                ));
                break;
            }
        };
        shell.advance_to(at);
        let now = watched(shell.engine());
        let mut changed: Vec<Owned> = Vec::new();
        for (name, (json, owned)) in &now {
            if seen.get(name).is_none_or(|(old, _)| old != json) {
                changed.push(owned.clone());
            }
        }
        // Gone, or no longer selected: the watch's DELETED event carries the last state.
        for (name, (_, owned)) in &seen {
            if !now.contains_key(name) {
                changed.push(owned.clone());
            }
        }
        if !changed.is_empty() {
            w.out.stamp(at);
            let objs: Vec<Obj> = changed.iter().map(Owned::obj).collect();
            w.print(shell, &objs);
        }
        seen = now;
    }
    w.out
}

/// The resource as NotFound names it.
fn kind_resource(kind: Kind) -> &'static str {
    match kind {
        Kind::Pod => "pods",
        Kind::Job => "jobs.batch",
        Kind::CronJob => "cronjobs.batch",
        Kind::Node => "nodes",
        Kind::Event => "events",
        Kind::Empty(r) => r,
    }
}

/// kubectl's `--request-timeout`: `0` (none), a number of seconds, or a Go duration
/// (client-go's clientcmd `ClientConfig` error text otherwise).
fn request_timeout(text: &str) -> Result<Option<SimDuration>, String> {
    let invalid = || {
        "Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)".to_string()
    };
    let d = match text.parse::<i64>() {
        Ok(secs) if secs >= 0 => SimDuration::from_secs(secs),
        Ok(_) => return Err(invalid()),
        Err(_) => SimDuration::parse(text).map_err(|_| invalid())?,
    };
    Ok((d > SimDuration::ZERO).then_some(d))
}

/// A watched object's last state, kept to print it once it is gone.
#[derive(Clone)]
enum Owned {
    Pod(Box<Pod>),
    Job(Box<Job>),
    CronJob(Box<CronJob>),
    Node(Box<crate::sim::store::NodeState>),
}

impl Owned {
    fn of(o: Obj) -> Owned {
        match o {
            Obj::Pod(p) => Owned::Pod(Box::new(p.clone())),
            Obj::Job(j) => Owned::Job(Box::new(j.clone())),
            Obj::CronJob(c) => Owned::CronJob(Box::new(c.clone())),
            Obj::Node(n) => Owned::Node(Box::new(n.clone())),
        }
    }
    fn obj(&self) -> Obj<'_> {
        match self {
            Owned::Pod(p) => Obj::Pod(p),
            Owned::Job(j) => Obj::Job(j),
            Owned::CronJob(c) => Obj::CronJob(c),
            Owned::Node(n) => Obj::Node(n),
        }
    }
}

/// The watch's printer: kubectl's tab writer with `RememberWidths` (cli-runtime's
/// printers/tabwriter.go), flushed after each event, so later rows keep the columns' widths
/// and a wider cell widens its column from then on; the header once, before the first row.
struct Watch {
    kind: Kind,
    /// `None` for the other printers.
    columns: Option<Columns>,
    printer: Printer,
    /// Objects printed so far (the YAML printer puts `---` between them).
    printed: usize,
    labels: bool,
    headers: bool,
    widths: Vec<usize>,
    header_printed: bool,
    out: Output,
    rows: usize,
}

impl Watch {
    fn print(&mut self, shell: &Shell, objs: &[Obj]) {
        if objs.is_empty() {
            return;
        }
        self.rows += objs.len();
        let Some(columns) = self.columns else {
            self.print_each(shell, objs);
            return;
        };
        let engine = shell.engine();
        let text = kubectl::table(engine, self.kind, objs, false, columns);
        let mut lines: Vec<Vec<String>> = text.lines().map(cells).collect();
        if self.labels {
            for (i, line) in lines.iter_mut().enumerate() {
                line.push(match i {
                    0 => "LABELS".into(),
                    _ => kubectl::label_text(&objs[i - 1].labels()),
                });
            }
        }
        if self.header_printed || !self.headers {
            lines.remove(0);
        }
        self.header_printed = true;
        self.flush(&lines);
    }

    /// `-o name|yaml|json|jsonpath`: each object on its own (cli-runtime's printers; the YAML
    /// printer writes `---` before every object but the first). A template's error ends the
    /// watch, as kubectl's does.
    fn print_each(&mut self, shell: &Shell, objs: &[Obj]) {
        for o in objs {
            let text = match &self.printer {
                Printer::Name => Ok(format!("{}/{}\n", o.kind().kind_string(), o.name())),
                printer => printer.generic(&o.json(shell.engine())),
            };
            match text {
                Ok(text) => {
                    if matches!(self.printer, Printer::Yaml) && self.printed > 0 {
                        self.out.out.push_str("---\n");
                    }
                    self.out.out.push_str(&text);
                    self.printed += 1;
                }
                Err(e) => {
                    self.out.err.push_str(&e);
                    self.out.status = 1;
                    self.rows = MAX_ROWS;
                    return;
                }
            }
        }
    }

    /// Writes rows padded to the remembered widths (each cell plus 3, at least 6; the last
    /// column unpadded).
    fn flush(&mut self, rows: &[Vec<String>]) {
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                let w = (cell.chars().count() + 3).max(6);
                match self.widths.get_mut(i) {
                    Some(old) => *old = (*old).max(w),
                    None => self.widths.push(w),
                }
            }
        }
        for row in rows {
            let last = row.len().saturating_sub(1);
            for (i, cell) in row.iter().enumerate() {
                if i == last {
                    self.out.out.push_str(cell);
                } else {
                    let w = self.widths[i];
                    self.out.out.push_str(&format!("{cell:<w$}"));
                }
            }
            self.out.out.push('\n');
        }
    }
}

/// A printed table line's cells: columns are at least three blanks apart, and no cell
/// holds three blanks in a row.
fn cells(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line.trim_end();
    while let Some(i) = rest.find("   ") {
        out.push(rest[..i].to_string());
        rest = rest[i..].trim_start_matches(' ');
    }
    out.push(rest.to_string());
    out
}
