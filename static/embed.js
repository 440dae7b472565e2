// <job-playground>: a live Kubernetes Job demo in one tag.
//
//   <script type="module" src="https://your.site/jobplay/embed.js"></script>
//   <job-playground preset="indexed" autoplay></job-playground>
//
// The scenario comes from an inline <script type="text/yaml"> or <template> child (its
// indentation, tabs too, is removed), a `src` URL, or a `preset` name (static/examples).
// Attributes: autoplay, speed, seed, view (cluster timeline events kubectl), controls (full
// minimal none), readonly, theme (light dark auto), height, start-at. Methods: play(), pause(),
// seek(seconds), load(yaml). Properties: currentTime, duration, paused. Events: ready, invalid,
// play, pause, timeupdate, jobfinished ({name, status}), ended, warning (also written to the
// console), error.
//
// Everything lives in the element's shadow root; the wasm module is fetched and compiled
// once per page and shared. A widget with view="terminal", or whose scenario has typed lines
// (spec.terminal), runs in the terminal module instead (ARCHITECTURE.md, "The terminal
// module"), fetched only by a page that has such a widget. Near the viewport a widget shows its scenario's name and story;
// an autoplaying one starts when at least half of it is visible, the others on click.
// No inline script or style, no eval: it runs under script-src 'self' 'wasm-unsafe-eval'.

const here = new URL(".", import.meta.url);
const engines = {}; // one instance of each module for every widget on the page
let motion; // travel.js, the tiles' motion onto their nodes: fetched once, when a widget is first placed

function loadEngine(terminal = false) {
  const name = terminal ? "jobplay_terminal" : "jobplay_widget";
  engines[name] ??= import(new URL(`${name}.js`, here).href).then(async (m) => {
    await m.default({ module_or_path: new URL(`${name}_bg.wasm`, here) });
    return m;
  });
  return engines[name];
}

// The module a widget runs in: the terminal module for typed lines or a terminal view.
async function engineFor(first, yaml, view) {
  const terminal = /(^|\s)terminal(\s|$)/.test(view ?? "") || first.hasTypedLines(yaml);
  return { m: terminal ? await loadEngine(true) : first, terminal };
}

const ATTRIBUTES = ["autoplay", "speed", "seed", "view", "controls", "readonly", "theme", "start-at"];
const START = "▶ Run the Kubernetes demo";
// Visibility steps at which an autoplaying widget looks again: a widget taller than twice the
// viewport never is half visible, so it starts once it fills half the viewport instead.
const STEPS = Array.from({ length: 11 }, (_, i) => i / 10);

class JobPlayground extends HTMLElement {
  static observedAttributes = ["height", "theme"];

  #handle = null;
  #inTerminal = false; // mounted in the terminal module
  #attributes = {};
  #preparing = null;
  #mounting = null;
  #observers = [];
  #generation = 0;

  connectedCallback() {
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: "open" });
      const style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("jobplay.css", here).href;
      const mount = document.createElement("div");
      mount.className = "jp-mount";
      // The poster: what the reader sees before the widget starts.
      const poster = document.createElement("div");
      poster.className = "jp-poster";
      const name = document.createElement("p");
      name.className = "jp-poster-name";
      const story = document.createElement("p");
      story.className = "jp-poster-story";
      const start = document.createElement("button");
      start.className = "jp-start";
      start.type = "button";
      start.addEventListener("click", () => this.#start(true));
      const problem = document.createElement("p");
      problem.className = "jp-poster-error";
      problem.setAttribute("role", "alert");
      poster.append(name, story, start, problem);
      shadow.append(style, mount, poster);
      motion ??= import("./travel.js");
      motion.then(({ travel }) => travel(mount));
      this.#applyHeight();
    }
    this.#resetPoster();
    this.#arm();
  }

  disconnectedCallback() {
    for (const o of this.#observers) o.disconnect();
    this.#observers = [];
    this.#generation += 1;
    this.#handle?.destroy();
    this.#handle?.free();
    this.#handle = null;
    this.#preparing = null;
    this.#mounting = null;
    this.#part(".jp-mount")?.replaceChildren();
    this.#resetPoster();
  }

  attributeChangedCallback() {
    this.#applyHeight();
    this.#applyScheme();
  }

  #part(selector) {
    return this.shadowRoot?.querySelector(selector);
  }

  // The poster as before a start: the button ready, no name yet, no problem.
  #resetPoster() {
    const poster = this.#part(".jp-poster");
    if (!poster) return;
    poster.hidden = false;
    const start = this.#part(".jp-start");
    start.disabled = false;
    start.textContent = START;
    for (const p of poster.querySelectorAll("p")) {
      p.textContent = "";
      p.hidden = true;
    }
    this.#applyScheme();
  }

  #arm() {
    // Near the viewport: the name and story (and the engine, ready for a start).
    const near = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        near.disconnect();
        this.#prepare().catch(() => {});
      }
    }, { rootMargin: "200px" });
    near.observe(this);
    this.#observers.push(near);
    this.#watchHostScheme();
    if (!this.hasAttribute("autoplay")) return;
    // Autoplay waits until the reader can see the demo: half of it, or half the viewport.
    const visible = new IntersectionObserver((entries) => {
      const e = entries.at(-1);
      const viewport = e.rootBounds?.height ?? innerHeight;
      if (e.isIntersecting && (e.intersectionRatio >= 0.5 || e.intersectionRect.height >= viewport / 2)) {
        visible.disconnect();
        this.#start(true);
      }
    }, { threshold: STEPS });
    visible.observe(this);
    this.#observers.push(visible);
  }

  #applyHeight() {
    const h = this.getAttribute("height");
    // CSSOM, not a style attribute: allowed under a strict style-src.
    this.style.height = h ? (/^\d+$/.test(h) ? `${h}px` : h) : "";
  }

  // theme="auto" follows the host page (hostScheme); light and dark are fixed by the widget's CSS.
  #applyScheme() {
    const theme = this.getAttribute("theme");
    const fixed = theme === "light" || theme === "dark" ? theme : null;
    const scheme = fixed ?? hostScheme(this);
    for (const part of [this.#part(".jp-mount"), this.#part(".jp-poster")]) {
      if (part && part.dataset.scheme !== scheme) part.dataset.scheme = scheme;
    }
  }

  // Hosts switch themes by changing an attribute (a class, data-theme, a style) on an ancestor,
  // by swapping a stylesheet, or by following the system: each is watched while connected.
  #watchHostScheme() {
    const again = () => this.#applyScheme();
    const attributes = new MutationObserver(again);
    for (const n of ancestors(this)) attributes.observe(n, { attributes: true });
    attributes.observe(document.head, { childList: true, subtree: true, attributes: true });
    const media = matchMedia("(prefers-color-scheme: dark)");
    media.addEventListener("change", again);
    // A background that fades to its new colour is read once it has arrived.
    const faded = (e) => { if (e.target instanceof Node && e.target.contains(this)) again(); };
    document.addEventListener("transitionend", faded);
    this.#observers.push(attributes, {
      disconnect() {
        media.removeEventListener("change", again);
        document.removeEventListener("transitionend", faded);
      },
    });
    again();
  }

  async #scenario() {
    const inline = this.querySelector('script[type="text/yaml"], template');
    if (inline) {
      const text = inline instanceof HTMLTemplateElement ? inline.content.textContent : inline.textContent;
      return { text, inline: true };
    }
    const src = this.getAttribute("src");
    const preset = this.getAttribute("preset");
    const url = src ? new URL(src, document.baseURI) : preset ? new URL(`examples/${encodeURIComponent(preset)}.yaml`, here) : null;
    if (!url) throw new Error("no scenario: add a <script type=\"text/yaml\"> child, a src URL or a preset name");
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load ${src ? `src="${src}"` : `preset="${preset}"`}: HTTP ${response.status} from ${url}`);
    return { text: await response.text(), inline: false };
  }

  // The engine and the scenario (once), and the poster's name and story.
  #prepare() {
    const generation = this.#generation;
    this.#preparing ??= (async () => {
      const [first, scenario] = await Promise.all([loadEngine(), this.#scenario()]);
      const yaml = scenario.inline ? first.inlineScenario(scenario.text) : scenario.text;
      const { m, terminal } = await engineFor(first, yaml, this.getAttribute("view"));
      if (generation === this.#generation) {
        const preset = scenario.inline || this.hasAttribute("src") ? undefined : this.getAttribute("preset") ?? undefined;
        const [name, story] = m.widgetIntro(preset, yaml).split("\n");
        this.#say(".jp-poster-name", name);
        this.#say(".jp-poster-story", story);
      }
      return { m, yaml, terminal };
    })().catch((error) => {
      if (generation === this.#generation) {
        this.#preparing = null;
        this.#fail(error);
      }
      throw error;
    });
    return this.#preparing;
  }

  #say(selector, text) {
    const p = this.#part(selector);
    if (!p) return;
    p.textContent = text;
    p.hidden = !text;
  }

  #fail(error) {
    const message = String(error?.message ?? error);
    this.#say(".jp-poster-error", `jobplay could not start: ${message}`);
    this.dispatchEvent(new CustomEvent("error", { detail: { message } }));
  }

  // Mounts the widget (once) and, when asked, plays it.
  #start(play) {
    this.#mounting ??= this.#mount();
    return this.#mounting.then((handle) => {
      if (play && handle) handle.play();
      return handle;
    });
  }

  async #mount() {
    const generation = this.#generation;
    const start = this.#part(".jp-start");
    start.disabled = true;
    this.#say(".jp-poster-error", "");
    let prepared;
    try {
      prepared = await this.#prepare();
    } catch {
      // #prepare said why on the poster.
      if (generation === this.#generation) {
        start.disabled = false;
        this.#mounting = null;
      }
      return null;
    }
    if (generation !== this.#generation || !this.isConnected) return null;
    const attributes = {};
    for (const name of ATTRIBUTES) {
      if (this.hasAttribute(name)) attributes[name] = this.getAttribute(name);
    }
    this.#part(".jp-poster").hidden = true;
    this.#inTerminal = prepared.terminal;
    this.#attributes = attributes;
    this.#handle = this.#mountIn(prepared.m, prepared.yaml, attributes);
    return this.#handle;
  }

  #mountIn(m, yaml, attributes) {
    return m.mountWidget(this.#part(".jp-mount"), yaml, attributes, (type, detail) => {
      if (type === "needsterminal") {
        // Typed lines arrived later (load(), or a reader's edit): the terminal module takes
        // the widget over, with the text as it is now.
        this.#moveToTerminal(detail.text, attributes);
        return;
      }
      // An author testing a page looks at the console, not at events nobody listens to.
      if (type === "warning") console.warn(`jobplay: ${detail}`, this);
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: false }));
    }, this.#part(".jp-poster-name").textContent);
  }

  // Mounts the widget again in the terminal module with `yaml`. Commands given meanwhile
  // (play(), seek(), load()) wait for it: they go through #mounting, which is the move now.
  #moveToTerminal(yaml, attributes) {
    const generation = this.#generation;
    const old = this.#handle;
    const moved = (async () => {
      let m;
      try {
        m = await loadEngine(true);
      } catch (error) {
        this.#fail(error);
        return old;
      }
      if (generation !== this.#generation || !this.isConnected) return null;
      this.#handle = null;
      old?.destroy();
      old?.free();
      this.#part(".jp-mount")?.replaceChildren();
      this.#inTerminal = true;
      this.#handle = this.#mountIn(m, yaml, attributes);
      return this.#handle;
    })();
    this.#mounting = moved;
    return moved;
  }

  play() { return this.#start(true).then(() => undefined); }
  pause() { this.#handle?.pause(); }
  seek(seconds) { return this.#start(false).then((h) => h?.seek(Number(seconds))); }
  // A scenario with typed lines moves the widget to the terminal module before it loads; the
  // promise resolves once it has.
  load(yaml) {
    const text = String(yaml);
    return this.#start(false).then(async (h) => {
      if (h && !this.#inTerminal && (await loadEngine()).hasTypedLines(text)) {
        await this.#moveToTerminal(text, this.#attributes);
        return;
      }
      h?.load(text);
    });
  }
  get currentTime() { return this.#handle?.currentTime ?? 0; }
  get duration() { return this.#handle?.duration ?? 0; }
  get paused() { return this.#handle?.paused ?? true; }
}

// The elements around `element`, nearest first, out of any shadow roots it sits in.
function* ancestors(element) {
  for (let n = element; (n = n.parentElement ?? n.getRootNode().host); ) yield n;
}

// The host page's colour scheme where the widget sits: the first opaque background among its
// ancestors (dark below the perceptual middle, L* 50, relative luminance 0.18), else the
// color-scheme it inherits when that names one scheme, else the system's preference.
function hostScheme(element) {
  for (const n of ancestors(element)) {
    const rgba = getComputedStyle(n).backgroundColor.match(/[\d.]+/g)?.map(Number);
    if (rgba && rgba.length >= 3 && (rgba[3] ?? 1) >= 0.5) {
      const [r, g, b] = rgba.map((c) => c / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18 ? "dark" : "light";
    }
  }
  const parent = ancestors(element).next().value;
  const declared = parent ? getComputedStyle(parent).colorScheme : "";
  const dark = /\bdark\b/.test(declared);
  const light = /\blight\b/.test(declared);
  if (dark !== light) return dark ? "dark" : "light";
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

if (!customElements.get("job-playground")) {
  customElements.define("job-playground", JobPlayground);
}
