// Shared plumbing for the browser tests: serve dist/ under a sub-path on loopback, start
// Debian's Chromium through playwright-core, and fail on any request to another host.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, symlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import net from "node:net";

export const ROOT = resolve(import.meta.dirname, "../..");
// Screenshots land where the README shows them: every test run refreshes them.
export const OUT = join(ROOT, "docs/screenshots");
export const SUBPATH = "/tools/jobplay/";

function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

async function waitForServer(url, tries = 100) {
  for (let i = 0; i < tries; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

/** Serves dist/ at http://127.0.0.1:PORT/tools/jobplay/ with Python's static server. */
export async function serveDist() {
  const root = mkdtempSync(join(tmpdir(), "jobplay-site-"));
  mkdirSync(join(root, "tools"));
  symlinkSync(join(ROOT, "dist"), join(root, "tools/jobplay"));
  const port = await freePort();
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root], { stdio: "ignore" });
  const origin = `http://127.0.0.1:${port}`;
  await waitForServer(origin + SUBPATH);
  return {
    origin,
    url: origin + SUBPATH,
    close() {
      server.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
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
