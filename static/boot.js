// Loads the playground's WebAssembly module. A file rather than an inline script so that the
// page runs under a strict Content-Security-Policy. URLs are relative to this script, so
// dist/ works under any sub-path.
//
// The page has its modules (ARCHITECTURE.md, "The page's modules"): this first one has no
// kubectl; when the user goes to the terminal, or the text has typed lines, it calls
// jobplayTerminal.handOver(), which loads the terminal module, takes the session from the
// first (handoffState), unmounts it and starts the second in its place with that session.
import init, { handoffState, unmount } from "./jobplay.js";

const here = new URL(".", import.meta.url);

function fail(error) {
  const app = document.getElementById("app");
  if (app) {
    app.textContent = "jobplay could not start: " + error;
  }
  console.error(error);
}

init({ module_or_path: new URL("jobplay_bg.wasm", here) }).catch(fail);
// Tiles travel onto their nodes in whichever module draws the page. Not needed for the first
// frame, so not in the way of the module's own fetch and start.
import("./travel.js").then(({ travel }) => travel(document.getElementById("app") ?? document.body));

let terminal; // the terminal module, fetched and compiled once
let handedOver; // the hand-over, once asked for
let tries = 0; // a failed import() stays failed for its URL in Chromium: a retry asks anew

function loadTerminal() {
  const retry = tries++ > 0 ? `?retry=${tries}` : "";
  terminal ??= Promise.all([
    import(new URL(`jobplay_terminal.js${retry}`, here).href),
    fetch(new URL("jobplay_terminal_bg.wasm", here)).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status} from ${r.url}`);
      return r.arrayBuffer();
    }).then((bytes) => WebAssembly.compile(bytes)),
  ]).catch((error) => {
    terminal = undefined; // a later try fetches again
    throw error;
  });
  return terminal;
}

const nextFrame = () => new Promise((ok) => requestAnimationFrame(ok));
const prompt = () => document.querySelector("[data-testid=terminal-input]");

// Resolves once the terminal module runs the page; rejects (the first module still running)
// if it could not be loaded.
function handOver() {
  handedOver ??= (async () => {
    const [module, compiled] = await loadTerminal();
    const input = prompt();
    const focused = input !== null && document.activeElement === input;
    // What was typed before kubectl was there, Enter as a line break: the terminal module's
    // prompt reads it again key by key (a line of a here-document asks for the next, a whole
    // command runs).
    const typed = [...(input?.value ?? "")].map((c) => (c === "\n" ? "Enter" : c));
    const scroll = [scrollX, scrollY];
    // Keys typed while the modules swap are kept for the second module's prompt: its first
    // render may yield to the browser before the prompt has the focus again.
    const held = [];
    const hold = (e) => {
      // Not the keys given below (untrusted), nor shortcuts.
      if (!e.isTrusted || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key.length === 1 || e.key === "Backspace" || e.key === "Enter") {
        held.push(e.key);
        e.preventDefault();
        e.stopPropagation();
      }
    };
    if (focused) addEventListener("keydown", hold, true);
    globalThis.jobplayHandoff = handoffState("", focused);
    unmount();
    try {
      module.initSync({ module: compiled });
    } catch (error) {
      removeEventListener("keydown", hold, true);
      fail(error); // the first module is gone: say why on the page
      throw error;
    }
    await nextFrame();
    scrollTo(...scroll);
    // The prompt is there (and has the focus back) within a few frames of the first render.
    const ready = () => (focused ? document.activeElement === prompt() : prompt() !== null);
    for (let i = 0; i < 120 && !ready(); i++) await nextFrame();
    // Keys typed while these are given are held too, and given after them, in order.
    held.unshift(...typed);
    while (held.length > 0) await typeInto(prompt(), held.splice(0));
    removeEventListener("keydown", hold, true);
    // Handed over: what was typed is in the terminal module's prompt.
    document.documentElement.dataset.jobplayModule = "terminal";
  })().catch((error) => {
    handedOver = undefined;
    throw error;
  });
  return handedOver;
}

// Gives `keys` to the prompt as if typed there: the text through input events, Enter as a
// key press once the prompt has taken the text in (it renders first).
async function typeInto(input, keys) {
  if (!input) return;
  for (const key of keys) {
    if (key === "Enter") {
      await nextFrame();
      input.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
      await nextFrame();
      continue;
    }
    input.value = key === "Backspace" ? input.value.slice(0, -1) : input.value + key;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

globalThis.jobplayTerminal = { handOver };
