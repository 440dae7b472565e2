// The <job-playground> embed on the example docs page (static/embed-example.html), served
// under a sub-path with the page's strict CSP (script-src 'self' 'wasm-unsafe-eval'): any
// CSP violation, failed load or foreign request is a console error or problem, and fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openPage, OUT, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();

const widget = (page, id) => page.locator(`#${id}`);
// Playwright's locators pierce open shadow roots.
const inWidget = (page, id, testId) => widget(page, id).getByTestId(testId);
// A widget's own stylesheet is a <link> in its shadow root: computed styles are read once it applies.
const styled = (page, id) => page.waitForFunction((id) => document.getElementById(id)?.shadowRoot?.querySelector('link[rel="stylesheet"]')?.sheet != null, id);

test("each widget plays its own scenario; host and widget styles do not cross", { timeout: 90000 }, async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  let wasmFetches = 0;
  page.on("request", (r) => { if (r.url().endsWith(".wasm")) wasmFetches += 1; });
  await page.goto(site.url + "embed-example.html");

  // The first autoplaying widget is in view: it starts and finishes its Indexed Job.
  await inWidget(page, "indexed", "job-indexed").getByTestId("job-status").getByText("Complete").waitFor({ timeout: 20000 });
  // The inline one runs its own Job, with only a play button and the timeline.
  await widget(page, "inline").getByText("BackoffLimitExceeded").first().waitFor({ timeout: 20000 });
  assert.equal(await widget(page, "inline").locator(".jp-scrub").count(), 0, "controls=minimal has no scrubber");
  // The click-to-start widget has not mounted; the far one is below the fold and not loaded.
  assert.equal(await inWidget(page, "cron", "widget").count(), 0);
  assert.equal(await inWidget(page, "far", "widget").count(), 0);

  // Host CSS does not reach inside: the host hides .jp-root and colours buttons red.
  await styled(page, "indexed");
  const inside = await widget(page, "indexed").evaluate((el) => {
    const root = el.shadowRoot.querySelector(".jp-root");
    const button = el.shadowRoot.querySelector("button");
    return { display: getComputedStyle(root).display, button: getComputedStyle(button).backgroundColor, border: getComputedStyle(el.shadowRoot.querySelector(".jp-mount")).borderTopWidth };
  });
  assert.notEqual(inside.display, "none");
  assert.notEqual(inside.button, "rgb(255, 0, 0)");
  assert.equal(inside.border, "0px", "the host's div borders stay outside");
  // Widget CSS does not leak out: the host's own button keeps the host's look.
  const host = await page.locator("#host-button").evaluate((b) => ({ bg: getComputedStyle(b).backgroundColor, size: getComputedStyle(b).fontSize }));
  assert.deepEqual(host, { bg: "rgb(255, 0, 0)", size: "20px" });

  // Click to start the CronJob widget (dark theme), then scroll to the far one.
  await widget(page, "cron").getByRole("button", { name: "▶ Run the Kubernetes demo" }).click();
  await inWidget(page, "cron", "cronjob-report").waitFor();
  await styled(page, "cron");
  const dark = await widget(page, "cron").evaluate((el) => getComputedStyle(el.shadowRoot.querySelector(".jp-root")).backgroundColor);
  assert.equal(dark, "rgb(15, 18, 22)");
  await widget(page, "indexed").scrollIntoViewIfNeeded();
  await page.screenshot({ animations: "disabled", path: join(OUT, "embed-example.png") });
  await widget(page, "far").scrollIntoViewIfNeeded();
  await inWidget(page, "far", "kubectl").getByText("Complete").waitFor({ timeout: 20000 });

  assert.equal(wasmFetches, 1, "four widgets share one fetch of the module");
  assert.deepEqual(await page.evaluate(() => Object.keys(window).filter((k) => /jobplay|wasm|yew/i.test(k))), [], "nothing global");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the JS API drives a widget, events report what happened, and removal stops it", { timeout: 90000 }, async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url + "embed-example.html");
  const result = await widget(page, "cron").evaluate(async (el) => {
    const seen = [];
    for (const type of ["ready", "play", "pause", "jobfinished", "ended"]) {
      el.addEventListener(type, (e) => seen.push(type === "jobfinished" ? `${type}:${e.detail.name}:${e.detail.status}` : type));
    }
    const once = (type) => new Promise((ok) => el.addEventListener(type, (e) => ok(e), { once: true }));
    // The getters follow the widget's renders, which the methods' promises do not wait for.
    const until = (check) => new Promise((ok) => {
      const look = () => (check() ? ok() : requestAnimationFrame(look));
      look();
    });
    // Not mounted yet (it waits for a click), so the first `ready` is its own scenario's.
    if (el.shadowRoot.querySelector(".jp-start").disabled) throw new Error("the widget started before the test");
    const ready = once("ready");
    await el.seek(0);
    const { detail } = await ready;
    const finished = once("jobfinished");
    el.play();
    await finished;
    const paused = once("pause");
    el.pause();
    await paused;
    await el.seek(detail.duration);
    await until(() => el.currentTime === detail.duration);
    const at = el.currentTime;
    const reloaded = once("ready");
    await el.load("apiVersion: batch/v1\nkind: Job\nmetadata: {name: loaded}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox, command: [sh, -c, 'sleep 3']}]\n");
    await reloaded;
    const ended = once("ended");
    el.play();
    await ended;
    return { seen, duration: detail.duration, at, paused: el.paused };
  });
  assert.ok(result.duration > 1000, `a 22-minute scenario (${result.duration} s)`);
  assert.equal(result.at, result.duration, "seek(duration) moves to the end");
  assert.equal(result.paused, true);
  assert.ok(result.seen.includes("jobfinished:report-28928165:Complete"), result.seen.join(" "));
  assert.ok(result.seen.includes("jobfinished:loaded:Complete"), "load() ran the new scenario");
  assert.ok(result.seen.includes("pause") && result.seen.at(-1) === "ended");

  // Removing a playing widget stops its work: no more time updates. Its clock ticks once per
  // animation frame, so the frames drawn after removal are the ones it would have ticked on.
  const FRAMES = 30;
  const after = await widget(page, "cron").evaluate(async (el, frames) => {
    el.play();
    await new Promise((ok) => el.addEventListener("timeupdate", ok, { once: true }));
    const playing = !el.paused;
    let updates = 0;
    el.addEventListener("timeupdate", () => (updates += 1));
    el.remove();
    const before = updates;
    for (let i = 0; i < frames; i++) await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
    return { playing, before, updates, mounted: el.shadowRoot.querySelector(".jp-root") !== null };
  }, FRAMES);
  assert.equal(after.playing, true, "it was playing when removed");
  assert.equal(after.updates, after.before, `no time updates in the ${FRAMES} frames after removal`);
  assert.equal(after.mounted, false);
  assert.deepEqual(problems, []);
  await context.close();
});

const ZONED = (name) => `apiVersion: batch/v1
kind: CronJob
metadata: {name: ${name}}
spec:
  schedule: "30 2 * * *"
  timeZone: America/New_York
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: c, image: busybox, command: [sh, -c, "sleep 3"]}]
---
apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec: {start: "2026-03-07T00:00:00Z", until: 3d}
`;

/** Mounts a widget that has not started (it runs its own scenario first: that `ready` is not
 * the one awaited), loads `yaml` into it, and gives the detail of the first `type` event after
 * the load. The mount's `ready` is always awaited: the widget's getters (`duration`) change
 * when it renders, which can be a turn of the event loop before its `ready` is sent, so a
 * non-zero duration does not mean that `ready` has gone by. */
function loadAndAwait(locator, yaml, type) {
  return locator.evaluate(async (el, [yaml, type]) => {
    const start = el.shadowRoot.querySelector(".jp-start");
    if (!start || start.hidden || start.disabled) throw new Error(`widget #${el.id} started before the test`);
    const mounted = new Promise((ok) => el.addEventListener("ready", ok, { once: true }));
    await el.seek(0);
    await mounted;
    const next = new Promise((ok) => el.addEventListener(type, (e) => ok(e.detail), { once: true }));
    await el.load(yaml);
    return next;
  }, [yaml, type]);
}

test("widgets fetch the tz database once, from beside the module, only when a scenario names a zone", { timeout: 90000 }, async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  const tzdb = [];
  page.on("request", (r) => { if (r.url().endsWith("/tzdb.bin")) tzdb.push(r.url()); });
  await page.goto(site.url + "embed-example.html");
  await inWidget(page, "indexed", "job-indexed").getByTestId("job-status").getByText("Complete").waitFor({ timeout: 20000 });
  assert.deepEqual(tzdb, [], "the example page's scenarios run in UTC");
  // Two widgets ask at the same moment: one fetch answers both.
  const readies = await Promise.all(["cron", "far"].map((id) => loadAndAwait(widget(page, id), ZONED(`zoned-${id}`), "ready")));
  assert.deepEqual(readies.map((detail) => detail.duration), [259200, 259200]);
  // Each shows the scenario it was given.
  await inWidget(page, "cron", "cronjob-zoned-cron").waitFor();
  await widget(page, "far").getByTestId("kubectl").getByText("cronjob.batch/zoned-far").waitFor();
  assert.deepEqual(tzdb, [`${site.url}tzdb.bin`]);
  assert.deepEqual(problems, []);
  await context.close();

  // Without it, the widget says why it cannot run, as an `error` event and on its face.
  const second = await openPage(chrome.browser, site.origin);
  await second.page.route("**/tzdb.bin", (route) => route.fulfill({ status: 503, body: "" }));
  await second.page.goto(site.url + "embed-example.html");
  const { message } = await loadAndAwait(widget(second.page, "cron"), ZONED("unlucky"), "error");
  assert.match(message, /^The time zone database could not be loaded\. CronJob unlucky spec\.timeZone is America\/New_York, .*HTTP 503 from /);
  await inWidget(second.page, "cron", "zone-data").filter({ hasText: "HTTP 503" }).waitFor();
  assert.deepEqual(second.problems.filter((p) => !p.startsWith("HTTP 503 for ")), []);
  await second.context.close();
});

test("the iframe embed reproduces a shared scenario from its URL fragment", { timeout: 90000 }, async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  const yaml = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: shared-in-a-link\nspec:\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: c, image: busybox, command: [sh, -c, 'echo ü; sleep 2']}\n";
  const s = Buffer.from(yaml, "utf8").toString("base64url");
  await page.goto(`${site.url}embed.html#s=${s}&view=kubectl&speed=100`);
  await page.locator("job-playground").getByTestId("kubectl").getByText("job.batch/shared-in-a-link   Complete   2/2").waitFor({ timeout: 20000 });
  // The playground's Embed button gives an iframe snippet that reproduces its scenario.
  await page.goto(site.url);
  await page.getByRole("button", { name: "Parallel 5/2" }).click();
  await page.getByRole("button", { name: "Embed" }).click();
  await page.getByRole("tab", { name: "iframe" }).click();
  const snippet = await page.getByTestId("embed-snippet").inputValue();
  const src = snippet.match(/src="([^"]+)"/)[1];
  assert.ok(src.startsWith(site.url + "embed.html#s="), src);
  await page.getByRole("tab", { name: "Hugo" }).click();
  assert.match(await page.getByTestId("embed-snippet").inputValue(), /layouts\/shortcodes\/job-playground\.html/);
  await page.goto(src);
  await page.reload();
  await page.locator("job-playground").getByTestId("job-parallel").getByTestId("job-status").getByText("Complete").waitFor({ timeout: 30000 });
  // A damaged link says so instead of failing silently.
  await page.goto(`${site.url}embed.html#s=%%%`);
  await page.reload();
  await page.getByText("This embed link's scenario is damaged").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
