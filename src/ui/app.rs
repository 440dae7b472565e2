//! The playground page: editor on the left, the running cluster on the right.

use yew::prelude::*;

use super::on_click;

use super::diagnostic_summary::diagnostic_summary;
use super::embed_dialog::embed_dialog;
use super::help_overlay::help_overlay;
use super::panels::{editor, stage, terminal, use_timeline};
use super::preset_gallery::preset_gallery;
use super::share_banner::{self, share_banner};
use super::share_dialog::{self, share_dialog};
use super::use_autosave::{saved_text, use_autosave};
use super::use_hash_change::use_hash_change;
use super::use_session::{use_session, SessionHandle};
use super::use_shortcuts::{playback_key, typing_into_a_field, use_shortcuts};
use super::use_theme::{self, use_theme};
use super::{narrow_screen, reveal_stage};
use crate::view_model::diagnostic_summary::summarize;
use crate::view_model::presets::default_preset;
use crate::view_model::session::{Session, SessionAction, ShareNotice};
use crate::view_model::share::{self, SharedScenario};

/// Where this page is served, ending in `/` (the embed snippets point there).
fn page_base() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let without_fragment = href.split(['#', '?']).next().unwrap_or("");
    match without_fragment.rfind('/') {
        Some(i) => without_fragment[..=i].to_string(),
        None => "./".into(),
    }
}

/// The page's address without its fragment.
fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or("").to_string()
}

/// The fragment the page was opened with, without `#`.
fn page_fragment() -> String {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// Drops a share link's fragment from the address bar once it has been dealt with, so a
/// reload shows the user's own (saved) text rather than asking again.
fn forget_share_fragment() {
    if let Some(w) = web_sys::window() {
        let path = w.location().pathname().unwrap_or_default()
            + &w.location().search().unwrap_or_default();
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
}

/// The first session: a share link's scenario (asking first if it would replace the user's
/// own work), else the saved text, else the default preset.
fn initial_session() -> Session {
    #[cfg(feature = "terminal")]
    if let Some(handed) = super::terminal_module::handed_over() {
        return handed.session();
    }
    let own = saved_text().unwrap_or_else(|| default_preset().yaml.to_string());
    let fragment = page_fragment();
    if share::is_share_fragment(&fragment) {
        Session::from_share_link(own, share::decode(&fragment))
    } else {
        Session::new(own)
    }
}

/// The playground's keys: the playback keys, and the page's own (help, dismiss, the editor
/// while presenting); the action a key press asks for, if it is one of them.
fn shortcut(e: &KeyboardEvent) -> Option<SessionAction> {
    if typing_into_a_field(e) || e.ctrl_key() || e.meta_key() || e.alt_key() {
        return None;
    }
    playback_key(e).or(match e.key().as_str() {
        "?" => Some(SessionAction::ToggleHelp),
        "Escape" => Some(SessionAction::Dismiss),
        // Only while presenting; otherwise the reducer leaves the session as it is.
        "e" | "E" => Some(SessionAction::TogglePresentEditor),
        _ => None,
    })
}

/// Share links: one pasted into the open tab is received, and a link's fragment leaves the
/// address bar once it has been dealt with (kept only while the user is being asked).
#[hook]
fn use_share_links(session: &SessionHandle) {
    {
        let session = session.clone();
        use_hash_change(Callback::from(move |()| {
            let fragment = page_fragment();
            if share::is_share_fragment(&fragment) {
                session.dispatch(SessionAction::ShareLink(share::decode(&fragment)));
            }
        }));
    }
    let asking = matches!(session.share_notice, Some(ShareNotice::Offer { .. }));
    use_effect_with((asking, session.links_received), move |(asking, _)| {
        if !asking {
            forget_share_fragment();
        }
    });
}

#[function_component(App)]
pub fn app() -> Html {
    // Read once, before the first session, whose text is then saved (a first visit has none
    // yet); and the gallery starts open beside the editor, but on a phone is a menu to open.
    let (first_visit, narrow) = *use_state(|| (saved_text().is_none(), narrow_screen()));
    let session = use_session(&initial_session);
    super::terminal_module::use_hand_over(&session);
    let (theme, on_theme) = use_theme();
    // Present mode: the picture and the caption at full width, large type for a projector.
    let presenting = session.presenting;
    let on_present = session.send(|_: MouseEvent| SessionAction::TogglePresent);
    let on_present_editor = session.send(|_: MouseEvent| SessionAction::TogglePresentEditor);
    use_autosave(session.text.clone(), session.before_share.clone());
    use_share_links(&session);
    use_shortcuts({
        let session = session.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(action) = shortcut(&e) {
                e.prevent_default();
                session.dispatch(action);
            }
        })
    });
    let timeline = use_timeline(session.playback.clone(), true);
    // The text's errors, summarised where the picture is: instead of it when nothing runs.
    let nothing_runs = session.playback.is_none() && session.computing.is_none();
    let problems = summarize(&session.diagnostics, nothing_runs).map(|s| diagnostic_summary(&s));
    let only_problems = problems.is_some() && nothing_runs && session.zone_data.notice().is_none();
    let body = if only_problems {
        html! {}
    } else {
        stage(
            &session,
            "Nothing to run yet: paste a Job manifest, or pick a preset.",
            &|s| {
                // Screen readers hear what the Job controller says, not every kubelet event.
                let narration = s
                    .engine
                    .events()
                    .iter()
                    .rev()
                    .find(|e| e.kind == "Job" || e.kind == "CronJob")
                    .map(|e| format!("{} {}: {}", e.kind, e.name, e.message))
                    .unwrap_or_default();
                html! {
                    <>
                        { s.transport() }
                        { s.cluster(true) }
                        { s.inspector(true) }
                        if let Some(timeline) = &*timeline {
                            { s.timeline(timeline) }
                        }
                        <div class="jp-sr-only" aria-live="polite" data-testid="narration">{ narration }</div>
                        { s.log() }
                    </>
                }
            },
        )
    };
    // The fields behind the decision being explained are highlighted in the editor.
    let highlight: Vec<u32> = session
        .why()
        .iter()
        .flat_map(|d| d.fields.iter().filter_map(|f| f.2))
        .collect();
    let gallery = preset_gallery(
        !narrow,
        &session.send(|yaml| {
            reveal_stage();
            SessionAction::LoadText(yaml)
        }),
    );
    let on_toggle_help = session.send(|()| SessionAction::ToggleHelp);
    let on_toggle_embed = session.send(|()| SessionAction::ToggleEmbed);
    let on_toggle_share = session.send(|()| SessionAction::ToggleShare);
    // The dialogs' own state: whether the link was copied, which snippet is shown. Each
    // dialog starts afresh when its header button opens it (only that button does).
    let (copied, embed_tab) = (use_state(|| false), use_state(usize::default));
    let open_share = {
        let (copied, toggle) = (copied.clone(), on_toggle_share.clone());
        Callback::from(move |_: MouseEvent| {
            copied.set(false);
            toggle.emit(());
        })
    };
    let open_embed = {
        let (tab, toggle) = (embed_tab.clone(), on_toggle_embed.clone());
        Callback::from(move |_: MouseEvent| {
            tab.set(0);
            toggle.emit(());
        })
    };
    // Opening or declining a shared scenario is dealing with its link.
    let on_open = session.send(|()| {
        forget_share_fragment();
        SessionAction::OpenShared
    });
    let on_dismiss = session.send(|()| {
        forget_share_fragment();
        SessionAction::DismissShareNotice
    });
    let on_restore = session.send(|()| SessionAction::RestoreBeforeShare);
    let elapsed = session.elapsed();
    html! {
        <div class={classes!("jp-root", theme.class(), presenting.then_some("jp-present"), (presenting && !session.present_editor).then_some("jp-editor-hidden"))}>
            <header class="jp-header">
                <h1>{ "jobplay" }</h1>
                <span class="jp-tagline" title="The controllers, validation and kubectl output jobplay follows">{ format!("Kubernetes Jobs, simulated in your browser · as Kubernetes {}", crate::KUBERNETES_VERSION) }</span>
                <button class="jp-present-button" aria-pressed={presenting.to_string()} onclick={on_present}>{ "Present" }</button>
                if presenting {
                    <button class="jp-present-editor-button" aria-pressed={session.present_editor.to_string()} title="Show or hide the editor (E)" onclick={on_present_editor}>{ if session.present_editor { "Hide editor" } else { "Show editor" } }</button>
                }
                <button class="jp-theme-button" aria-label={format!("{} (change)", use_theme::label(theme))} title={use_theme::label(theme)} onclick={on_click(&on_theme)} data-testid="theme">{ use_theme::label(theme) }</button>
                <button class="jp-share-button" onclick={open_share}>{ "Share" }</button>
                <button class="jp-embed-button" onclick={open_embed}>{ "Embed" }</button>
                <button class="jp-help-button" aria-label="Keyboard shortcuts" onclick={on_click(&on_toggle_help)}>{ "?" }</button>
            </header>
            if session.show_help { { help_overlay(&on_toggle_help) } }
            if session.show_share {
                { share_dialog(share_dialog::Props {
                    link: format!("{}#{}", page_address(), share::encode(&SharedScenario { text: session.text.clone(), playhead_ms: elapsed.as_millis(), speed: session.speed, present: presenting })),
                    at: format!("+{}", elapsed.human()), text_bytes: session.text.len(), on_close: on_toggle_share.clone(), copied }) }
            }
            if let Some(notice) = &session.share_notice {
                { share_banner(notice, share_banner::Props { on_open: Some(on_open), on_restore, on_dismiss }) }
            }
            if session.show_embed { { embed_dialog(&page_base(), &session.text, &embed_tab, &on_toggle_embed) } }
            <main class="jp-main">
                <div class="jp-pane">
                    if first_visit {
                        <p class="jp-first-visit" data-testid="first-visit">{ "Pick a story or paste a Job; press Space to pause." }</p>
                    }
                    { gallery }
                    { editor(&session, highlight) }
                </div>
                <section class="jp-stage" aria-label="Simulated cluster">{ for problems }{ body }{ terminal(&session, false, AttrValue::Static("Terminal")) }</section>
            </main>
        </div>
    }
}
