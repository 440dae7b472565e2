// Shared plumbing for the browser tests: serve dist/ under a sub-path on loopback, start
// Debian's Chromium through playwright-core, and fail on any request to another host.
import { chromium } from "playwright-core";
import { before, after } from "node:test";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, symlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";
import { isDeepStrictEqual, inspect } from "node:util";

export const ROOT = resolve(import.meta.dirname, "../..");
// Screenshots land where the README shows them: every test run refreshes them. Each is taken
// with { animations: "disabled" }: a tile still fading in or travelling is drawn where it lands.
export const OUT = join(ROOT, "docs/screenshots");
export const SUBPATH = "/tools/jobplay/";

/** Serves dist/ at http://127.0.0.1:PORT/tools/jobplay/ with Python's static server. Python
 * binds a free port itself (port 0) and says which once it listens: no port is picked and
 * released first (another process could take it), and nothing polls the server on a timer. */
export async function serveDist() {
  const root = mkdtempSync(join(tmpdir(), "jobplay-site-"));
  mkdirSync(join(root, "tools"));
  symlinkSync(join(ROOT, "dist"), join(root, "tools/jobplay"));
  const server = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root], { stdio: ["ignore", "pipe", "ignore"] });
  const port = await new Promise((ok, fail) => {
    let said = "";
    server.stdout.on("data", (chunk) => {
      said += chunk;
      const m = said.match(/Serving HTTP on \S+ port (\d+)/);
      if (m) ok(Number(m[1]));
    });
    server.on("exit", (code) => fail(new Error(`the static server exited (${code}) before it listened: ${said}`)));
    server.on("error", fail);
  });
  server.stdout.resume(); // its request log: read and dropped, so the pipe never fills
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin + SUBPATH,
    close() {
      server.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

// JOBPLAY_E2E_SLOWDOWN=N runs every page with its CPU slowed N times (DevTools throttling):
// a way to shake out tests that race the page, as a loaded machine does.
const SLOWDOWN = Number(process.env.JOBPLAY_E2E_SLOWDOWN ?? 1);

/** Serves dist/ and launches Chromium for a test file: `site` and `chrome` are filled in
 * before its first test (the same objects serveDist() and launch() return) and closed after
 * its last, with the screenshot folder made. */
export function useBrowser() {
  const site = {};
  const chrome = {};
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    Object.assign(site, await serveDist());
    Object.assign(chrome, await launch());
  });
  after(async () => {
    await chrome.close?.();
    site.close?.();
  });
  return { site, chrome };
}

/** Launches the system Chromium headless. Playwright gives every launch a fresh temporary
 * profile (it refuses a --user-data-dir of ours), so runs never share state. */
export async function launch(extraArgs = []) {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", ...extraArgs],
    headless: true,
  });
  return { browser, close: () => browser.close() };
}

/** A page that records console errors and requests that leave the site's origin. */
export async function openPage(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  if (SLOWDOWN > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOWDOWN });
  }
  const problems = [];
  page.on("console", (m) => {
    // Failed loads are reported with their URL by the response handler below.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`); });
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) problems.push(`request to another host: ${u}`);
  });
  return { context, page, problems };
}

/** Resolves once the page has drawn its next frame: the page's clock (requestAnimationFrame)
 * has had a turn, and the work it queued with it. A unit of the page's progress, not of time. */
export function nextFrame(page) {
  return page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
}

/** Reads `read()` once per frame until `expected` accepts the value, and returns it:
 * `expected` is a RegExp (matched), a function (a predicate) or a value (deeply equal).
 * The page renders in steps (Yew's scheduler hands the browser a turn between them, also
 * with part of a change still to come, and more so on a loaded machine), so a value read
 * just after an action may be the one from before it. `timeout` only bounds a failure,
 * which asserts on the last value read. */
export async function eventually(page, read, expected, message, { timeout = 20000 } = {}) {
  const accepts = expected instanceof RegExp ? (v) => typeof v === "string" && expected.test(v)
    : typeof expected === "function" ? expected
    : (v) => isDeepStrictEqual(v, expected);
  const bound = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (accepts(value)) return value;
    if (Date.now() >= bound) {
      if (expected instanceof RegExp) assert.match(value, expected, message);
      else if (typeof expected === "function") assert.fail(`${message ?? "never true"}; last read: ${inspect(value)}`);
      else assert.deepEqual(value, expected, message);
    }
    await nextFrame(page);
  }
}

/** Reads `read()` once per frame until two reads a frame apart agree, and returns that value:
 * the page at rest (paused), with every part of its last change drawn. */
export async function settled(page, read, { timeout = 20000 } = {}) {
  const bound = Date.now() + timeout;
  let last = await read();
  for (;;) {
    await nextFrame(page);
    const value = await read();
    if (isDeepStrictEqual(value, last)) return value;
    if (Date.now() >= bound) assert.fail(`the page did not come to rest: ${inspect(last)} then ${inspect(value)}`);
    last = value;
  }
}

/** Pauses the playground in the very frame where `count` elements match `selector`: for a
 * state that playback passes through (a pod running, a run mid-way), which a test looking in
 * from outside could miss or catch late on a loaded machine. Checked on every animation
 * frame, the same frames the page's clock advances on; then waits until the page shows it
 * is paused. */
export async function pauseWhen(page, selector, count = 1, { timeout = 30000 } = {}) {
  await page.waitForFunction(([selector, count]) => {
    if (document.querySelectorAll(selector).length < count) return false;
    const toggle = document.querySelector(".jp-transport .jp-play");
    if (toggle?.getAttribute("aria-label") === "Pause") toggle.click();
    return true;
  }, [selector, count], { polling: "raf", timeout });
  await page.locator(".jp-transport").getByRole("button", { name: "Play", exact: true }).waitFor();
}

/** Holds every animation of `page` at its first frame (DevTools' timeline playback rate 0),
 * so what a moving element shows as it sets off can be read, not raced; nothing else in the
 * page is slowed (playback follows frames, not the animation timeline). Returns a function
 * that lets them run again. */
export async function holdAnimations(context, page) {
  const devtools = await context.newCDPSession(page);
  await devtools.send("Animation.enable");
  await devtools.send("Animation.setPlaybackRate", { playbackRate: 0 });
  return () => devtools.send("Animation.setPlaybackRate", { playbackRate: 1 });
}
