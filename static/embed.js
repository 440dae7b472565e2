// <job-playground>: a live Kubernetes Job demo in one tag.
//
//   <script type="module" src="https://your.site/jobplay/embed.js"></script>
//   <job-playground preset="indexed" autoplay></job-playground>
//
// The scenario comes from an inline <script type="text/yaml"> or <template> child, a `src`
// URL, or a `preset` name (static/examples). Attributes: autoplay, speed, seed, view
// (cluster timeline kubectl), controls (full minimal none), readonly, theme (light dark
// auto), height, start-at. Methods: play(), pause(), seek(seconds), load(yaml). Properties:
// currentTime, duration, paused. Events: ready, invalid, play, pause, timeupdate,
// jobfinished ({name, status}), ended, warning, error.
//
// Everything lives in the element's shadow root; the wasm module is fetched and compiled
// once per page and shared; widgets start when scrolled into view (autoplay) or on click.
// No inline script or style, no eval: it runs under script-src 'self' 'wasm-unsafe-eval'.

const here = new URL(".", import.meta.url);
let engine; // one module instance for every widget on the page

function loadEngine() {
  engine ??= import(new URL("jobplay.js", here).href).then(async (m) => {
    await m.default({ module_or_path: new URL("jobplay_bg.wasm", here) });
    return m;
  });
  return engine;
}

const ATTRIBUTES = ["autoplay", "speed", "seed", "view", "controls", "readonly", "theme", "start-at"];

class JobPlayground extends HTMLElement {
  static observedAttributes = ["height"];

  #handle = null;
  #mounting = null;
  #observer = null;
  #generation = 0;

  connectedCallback() {
    if (this.shadowRoot) {
      this.#arm();
      return;
    }
    const shadow = this.attachShadow({ mode: "open" });
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = new URL("jobplay.css", here).href;
    const mount = document.createElement("div");
    mount.className = "jp-mount";
    const start = document.createElement("button");
    start.className = "jp-start";
    start.type = "button";
    start.textContent = "▶ Run the Kubernetes demo";
    start.addEventListener("click", () => this.#start(true));
    shadow.append(style, start, mount);
    this.#applyHeight();
    this.#arm();
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#generation += 1;
    this.#handle?.destroy();
    this.#handle?.free();
    this.#handle = null;
    this.#mounting = null;
    const mount = this.shadowRoot?.querySelector(".jp-mount");
    mount?.replaceChildren();
    const start = this.shadowRoot?.querySelector(".jp-start");
    if (start) start.hidden = false;
  }

  attributeChangedCallback() {
    this.#applyHeight();
  }

  // Autoplaying widgets start when scrolled into view; the others wait for a click.
  #arm() {
    if (!this.hasAttribute("autoplay")) return;
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        this.#observer?.disconnect();
        this.#start(true);
      }
    }, { rootMargin: "200px" });
    this.#observer.observe(this);
  }

  #applyHeight() {
    const h = this.getAttribute("height");
    // CSSOM, not a style attribute: allowed under a strict style-src.
    this.style.height = h ? (/^\d+$/.test(h) ? `${h}px` : h) : "";
  }

  async #scenario() {
    const inline = this.querySelector('script[type="text/yaml"], template');
    if (inline) {
      const text = inline instanceof HTMLTemplateElement ? inline.content.textContent : inline.textContent;
      return dedent(text);
    }
    const src = this.getAttribute("src");
    const preset = this.getAttribute("preset");
    const url = src ? new URL(src, document.baseURI) : preset ? new URL(`examples/${encodeURIComponent(preset)}.yaml`, here) : null;
    if (!url) throw new Error("no scenario: add a <script type=\"text/yaml\"> child, a src URL or a preset name");
    const response = await fetch(url);
    if (!response.ok) throw new Error(`could not load ${src ? `src="${src}"` : `preset="${preset}"`}: HTTP ${response.status} from ${url}`);
    return response.text();
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
    const start = this.shadowRoot.querySelector(".jp-start");
    start.disabled = true;
    start.textContent = "Loading…";
    try {
      const [m, yaml] = await Promise.all([loadEngine(), this.#scenario()]);
      if (generation !== this.#generation || !this.isConnected) return null;
      const attributes = {};
      for (const name of ATTRIBUTES) {
        if (this.hasAttribute(name)) attributes[name] = this.getAttribute(name);
      }
      const mount = this.shadowRoot.querySelector(".jp-mount");
      start.hidden = true;
      this.#handle = m.mountWidget(mount, yaml, attributes, (type, detail) => {
        this.dispatchEvent(new CustomEvent(type, { detail, bubbles: false }));
      });
      return this.#handle;
    } catch (error) {
      start.disabled = false;
      start.textContent = `jobplay could not start: ${error.message ?? error}`;
      this.dispatchEvent(new CustomEvent("error", { detail: { message: String(error.message ?? error) } }));
      this.#mounting = null;
      return null;
    }
  }

  play() { return this.#start(true).then(() => undefined); }
  pause() { this.#handle?.pause(); }
  seek(seconds) { return this.#start(false).then((h) => h?.seek(Number(seconds))); }
  load(yaml) { return this.#start(false).then((h) => h?.load(String(yaml))); }
  get currentTime() { return this.#handle?.currentTime ?? 0; }
  get duration() { return this.#handle?.duration ?? 0; }
  get paused() { return this.#handle?.paused ?? true; }
}

// Inline YAML is usually indented to match the page; remove the common indentation.
function dedent(text) {
  const lines = text.replace(/^\s*\n/, "").replace(/\s+$/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join("\n") + "\n";
}

if (!customElements.get("job-playground")) {
  customElements.define("job-playground", JobPlayground);
}
