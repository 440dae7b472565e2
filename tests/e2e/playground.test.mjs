// End-to-end tests of the built playground in headless Chromium.
// Run with `node --test tests/e2e/` after `trunk build --release` (scripts/test does both).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openPage, eventually, settled, pauseWhen, OUT, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();

const PI = `apiVersion: batch/v1
kind: Job
metadata:
  name: e2e-pi
spec:
  completions: 3
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["sh", "-c", "echo computing; sleep 4"]
`;

async function fastest(page) {
  await page.getByLabel("Speed").selectOption("1000");
}

const editorText = (page) => () => page.getByLabel("YAML manifests").inputValue();
const playButton = (page) => page.locator(".jp-transport").getByRole("button", { name: "Play", exact: true });
const RUNNING_POD = '[data-testid="pod"][data-state="running"]';

/** Waits until a playing page shows `selector`, checking every frame the page's clock moves on
 * (a state it passes through, like a pod running, can be briefer than a look from outside). */
const seen = (page, selector, timeout = 30000) => page.waitForFunction((s) => document.querySelector(s) !== null, selector, { polling: "raf", timeout });

test("the default preset plays to completion under a sub-path with nothing fetched from elsewhere", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  await page.getByTestId("job-status").first().waitFor();
  await fastest(page);
  await page.getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  assert.deepEqual(problems, []);
  await page.screenshot({ animations: "disabled", path: join(OUT, "default-preset.png"), fullPage: true });
  await context.close();
});

test("a pasted Job runs: pods appear, run and finish, and the Job reaches Complete", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  await page.getByLabel("YAML manifests").fill(PI);
  await page.getByRole("button", { name: "Run ▶" }).click();
  const card = page.getByTestId("job-e2e-pi");
  await card.waitFor();
  // At 5x a pod is visibly created and running before the Job completes.
  await page.waitForFunction((running) => document.querySelector(running) !== null && !document.querySelector('[data-testid="job-e2e-pi"] [data-testid="job-status"]').textContent.includes("Complete"), RUNNING_POD, { polling: "raf", timeout: 30000 });
  await fastest(page);
  await card.getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  assert.equal(await card.locator(".jp-job-completions").textContent(), "3/3");
  await eventually(page, () => page.getByTestId("narration").textContent(), "Job e2e-pi: Job completed", "screen readers hear the outcome");
  await eventually(page, () => page.locator('[data-testid="pod"][data-state="succeeded"]').count(), 3, "three pods end Completed");
  await eventually(page, () => page.locator(".jp-log").textContent(), /Created pod: e2e-pi-/);
  await page.screenshot({ animations: "disabled", path: join(OUT, "pasted-job.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("an invalid manifest is explained with its line, and the text survives a reload", async () => {
  const { page, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  const broken = PI.replace("restartPolicy: Never", "restartPolicy: Always");
  await page.getByLabel("YAML manifests").fill(broken);
  await page.getByRole("button", { name: "Run ▶" }).click();
  const diag = page.locator(".jp-diag-error").first();
  await diag.waitFor();
  assert.equal(await diag.textContent(), 'error line 10: The Job "e2e-pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"' +
    "A Job's pods take OnFailure or Never; Always is for Deployments (a Job's pod must be able to finish).");
  // Underlined in place, in the highlighted copy under the text, from the value to the line's end.
  await eventually(page, () => page.getByTestId("highlight").locator(".jp-hl-error").allTextContents(), ["Always"]);
  await eventually(page, () => page.getByTestId("gutter").locator(".jp-line-flag").allTextContents(), ["10"]);
  // Clicking the diagnostic's line puts the caret there, with the rest of the line selected.
  await diag.getByRole("button", { name: "line 10" }).click();
  const selected = () => page.getByLabel("YAML manifests").evaluate((t) => [document.activeElement === t, t.value.slice(t.selectionStart, t.selectionEnd)]);
  await eventually(page, selected, [true, "Always"]);
  // The text is saved as it changes (after the page renders it): reload once it is.
  await eventually(page, () => page.evaluate(() => localStorage.getItem("jobplay.editor.v1")), broken, "saved");
  await page.reload();
  assert.equal(await page.getByLabel("YAML manifests").inputValue(), broken);
  await context.close();
});

test("the editor highlights YAML, formats without changing meaning, and Reset and presets keep the user's text", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  const editor = page.getByLabel("YAML manifests");
  const highlight = page.getByTestId("highlight");
  const messy = PI.replace("  name: e2e-pi", "    name: e2e-pi   # four spaces").replace("  completions: 3", "\tcompletions: 3");
  await editor.fill(messy);
  // The highlighted copy follows every keystroke, with keys, numbers, strings and comments told apart.
  await eventually(page, () => highlight.textContent(), messy.endsWith("\n") ? messy + "\n" : messy + "\n");
  assert.ok((await highlight.locator(".jp-hl-key").allTextContents()).includes("completions"));
  assert.ok((await highlight.locator(".jp-hl-num").allTextContents()).includes("3"));
  assert.ok((await highlight.locator(".jp-hl-str").allTextContents()).includes('"sh"'));
  assert.deepEqual(await highlight.locator(".jp-hl-comment").allTextContents(), ["# four spaces"]);
  // The textarea lies exactly over its copy: same size, same place.
  const boxes = await Promise.all([editor.boundingBox(), highlight.boundingBox()]);
  assert.equal(boxes[0].x, boxes[1].x);
  assert.equal(boxes[0].y, boxes[1].y);
  await page.getByRole("button", { name: "Format" }).click();
  await eventually(page, editorText(page), PI.replace("  name: e2e-pi", "  name: e2e-pi   # four spaces"));
  await page.getByTestId("share-banner").filter({ hasText: "Formatted" }).waitFor();
  await page.getByRole("button", { name: "Bring back my text" }).click();
  await eventually(page, editorText(page), messy);
  // A preset replaces the text, keeping it to bring back; Reset returns to the preset as loaded.
  await page.getByRole("button", { name: "Parallel 5/2" }).click();
  await page.getByTestId("share-banner").filter({ hasText: "Loaded the preset" }).waitFor();
  const preset = await eventually(page, editorText(page), /name: parallel\n/, "the preset's text");
  assert.match(preset, /parallelism: 2/);
  await editor.fill(preset.replace("parallelism: 2", "parallelism: 4"));
  await page.getByRole("button", { name: "Reset" }).click();
  await eventually(page, editorText(page), preset);
  await page.getByRole("button", { name: "Bring back my text" }).click();
  await eventually(page, editorText(page), /parallelism: 4/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the page fits a 375px phone", async () => {
  const { page, context, problems } = await openPage(chrome.browser, site.origin, { viewport: { width: 375, height: 800 } });
  await page.goto(site.url);
  await page.getByTestId("job-status").first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
  // docs/screenshots/phone.png is made at 390x844 by first.test.mjs.
  assert.deepEqual(problems, []);
  await context.close();
});

test("clicking a pod opens the inspector with its log, and the keyboard steps through decisions", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  await page.getByLabel("YAML manifests").fill(PI);
  await page.getByRole("button", { name: "Run ▶" }).click();
  await fastest(page);
  await page.getByTestId("job-e2e-pi").getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  await page.locator('[data-testid="pod"]').first().click();
  await page.getByRole("tab", { name: "logs" }).click();
  await eventually(page, () => page.getByTestId("inspector-text").textContent(), "computing\n");
  await page.getByRole("tab", { name: "yaml" }).click();
  const yaml = await eventually(page, () => page.getByTestId("inspector-text").textContent(), /^apiVersion: v1\nkind: Pod\nmetadata:\n/, "kubectl get -o yaml's shape");
  assert.match(yaml, /\n  phase: Succeeded\n/, "with its status");
  // Keyboard: from the start, step forward to the next controller decision, then back to the
  // first one (creating the pods, at +0s).
  // The run has played to its end, where the page stops by itself: nothing moves but the keys.
  await playButton(page).waitFor();
  await page.getByLabel("Virtual time").fill("0");
  const clock = () => page.getByTestId("clock").textContent();
  await eventually(page, clock, /^\+0s \/ /, "at the start");
  await page.locator(".jp-header h1").click();
  await page.keyboard.press("ArrowRight");
  await eventually(page, clock, (c) => !/^\+0s \/ /.test(c), "the next decision is after the start");
  await page.keyboard.press("ArrowLeft");
  await eventually(page, clock, /^\+0s \/ /, "the first decision, creating pods, is at +0s");
  await page.keyboard.press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  await page.keyboard.press("Escape");
  await eventually(page, () => page.getByRole("dialog").count(), 0, "Escape closes it");
  assert.deepEqual(problems, []);
  await context.close();
});

// Everything the page shows of the run at the playhead: pod cards, Job cards, the timeline and
// the events listed.
async function shownState(page) {
  return page.evaluate(() => ({
    clock: document.querySelector('[data-testid="clock"]').textContent,
    pods: [...document.querySelectorAll('[data-testid="pod"]')].map((p) => `${p.title} ${p.dataset.state} ${p.innerText.replace(/\s+/g, " ")}`),
    jobs: [...document.querySelectorAll('article[data-testid^="job-"]')].map((j) => j.innerText.replace(/\s+/g, " ")),
    gantt: document.querySelector('[data-testid="gantt"]')?.textContent ?? "",
    log: document.querySelector(".jp-log")?.innerText ?? "",
  }));
}

test("scrubbing back and forth shows the same state as playing to that time", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  await page.getByTestId("presets").getByRole("button", { name: /^Back-off/ }).click();
  await page.getByLabel("Speed").selectOption("10");
  // Play until two attempts have failed (failed cards stay; a 3-second run at 10x is too brief
  // to wait for), then pause there (in that frame), in the back-off before the third attempt.
  await pauseWhen(page, '[data-testid="pod"][data-state="failed"]', 2);
  const [at, played] = await settled(page, async () => [await page.getByLabel("Virtual time").inputValue(), await shownState(page)]);
  assert.ok(played.pods.filter((p) => p.includes(" failed ")).length >= 2 && played.jobs.every((j) => !j.includes("Complete")), `paused mid-run at ${at} ms: ${played.pods}`);
  // Scrub to the end, back to that time, to the start and forward to it again.
  const scrubber = page.getByLabel("Virtual time");
  const end = await scrubber.getAttribute("max");
  for (const [via, label] of [[end, "from the end"], ["0", "from the start"]]) {
    await scrubber.fill(via);
    // Once the page is at `via` (its scrubber says so and it has come to rest), it differs.
    await eventually(page, () => scrubber.inputValue(), via);
    assert.notDeepEqual(await settled(page, () => shownState(page)), played, `the page at ${via} ms differs from ${at} ms`);
    await scrubber.fill(at);
    await eventually(page, () => shownState(page), played, `scrubbed to ${at} ms ${label}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the dark theme follows the system setting", async () => {
  const { page, context, problems } = await openPage(chrome.browser, site.origin, { colorScheme: "dark" });
  await page.goto(site.url);
  await page.getByTestId("job-status").first().waitFor();
  const background = await page.locator(".jp-root").evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(background, "rgb(15, 18, 22)", "the dark palette is in use");
  // The picture shows the run under way: a pod running.
  await seen(page, RUNNING_POD);
  await page.screenshot({ animations: "disabled", path: join(OUT, "dark.png"), fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test("pod cards change state with a short fade, and without one when the system asks for reduced motion", async () => {
  const { page, context, problems } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  const pod = page.locator('[data-testid="pod"]').first();
  await pod.waitFor({ timeout: 10000 });
  const transition = () => pod.evaluate((el) => getComputedStyle(el).transitionDuration);
  assert.equal(await transition(), "0.3s, 0.3s, 0.3s");
  await page.emulateMedia({ reducedMotion: "reduce" });
  assert.equal(await transition(), "0s");
  assert.deepEqual(problems, []);
  await context.close();
});

test("failing a pod from the inspector records the action in the scenario and the Job replaces the pod after the back-off", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  await page.getByLabel("YAML manifests").fill(PI);
  await page.getByRole("button", { name: "Run ▶" }).click();
  const running = page.locator(RUNNING_POD).first();
  // Paused in the first frame with a pod running (at 5x it runs for under a second).
  await pauseWhen(page, RUNNING_POD);
  await running.click();
  await page.getByLabel("Exit code").fill("3");
  await page.getByRole("button", { name: "Fail with exit code" }).click();
  await eventually(page, editorText(page), /kind: Scenario\nspec:\n  actions:\n  - \{at: [0-9.]+s, action: failPod, target: 'job\/e2e-pi@[12]', exitCode: 3\}\n$/);
  // The page stays paused on the moment of the failure.
  await page.locator('[data-testid="pod"][data-state="failed"]').getByText("exit 3").waitFor();
  assert.equal(await playButton(page).count(), 1, "still paused");
  const card = page.getByTestId("job-e2e-pi");
  await fastest(page);
  await page.locator(".jp-header h1").click();
  await page.keyboard.press(" "); // play
  await card.getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  const counters = await card.locator(".jp-counters").textContent();
  assert.match(counters, /succeeded3/);
  assert.match(counters, /failed1/);
  await eventually(page, () => page.locator(".jp-log").textContent(), /why: No new pod yet: back-off/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("nodes, Jobs and the controller manager can be broken from the page, each recorded into the scenario", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  const editor = page.getByLabel("YAML manifests");
  const twoNodes = PI.replace("completions: 3", "completions: 6") + "---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  nodes: [{name: node-a, cpu: '4'}, {name: node-b, cpu: '4'}]\n";
  await editor.fill(twoNodes);
  await page.getByRole("button", { name: "Run ▶" }).click();
  await pauseWhen(page, RUNNING_POD);
  const inspector = () => page.getByTestId("inspector-text").innerText();
  // A node: its lane's name opens it; describe shows its condition; Cordon is recorded.
  await page.getByRole("button", { name: "node-a" }).click();
  await eventually(page, inspector, /Name:\s+node-a[\s\S]*Unschedulable:\s+false[\s\S]*Ready\s+True\s+KubeletReady/);
  await page.getByRole("button", { name: "Cordon" }).click();
  await eventually(page, editorText(page), /- \{at: [0-9.]+s, action: cordonNode, target: 'node\/node-a'\}\n/);
  await page.getByTestId("node-node-a").getByText("cordoned").waitFor();
  await page.getByRole("button", { name: "Uncordon" }).waitFor();
  // Failing the node: NotReady, its pods are evicted by the taint manager and replaced.
  await page.getByRole("button", { name: "Fail (NotReady)" }).click();
  await page.getByTestId("node-node-a").getByText("NotReady").waitFor();
  await page.getByRole("button", { name: "Restore" }).waitFor();
  await eventually(page, inspector, /node\.kubernetes\.io\/unreachable:NoExecute/);
  // The controller manager down for a minute: both ends are recorded; the page says it is down.
  await page.getByLabel("Outage length").selectOption({ label: "1 minute" });
  await page.getByRole("button", { name: "Take it down for" }).click();
  const text = await eventually(page, editorText(page), (t) => t.includes("action: pauseControllers}") && t.includes("action: resumeControllers}"), "both ends recorded");
  const pause = text.match(/- \{at: ([0-9.]+)s, action: pauseControllers\}/);
  const resume = text.match(/- \{at: ([0-9.]+)s, action: resumeControllers\}/);
  assert.ok(pause && resume, text);
  assert.equal(Math.round((Number(resume[1]) - Number(pause[1])) * 1000), 60000, "down for exactly a minute");
  await page.getByTestId("cm-status").filter({ hasText: "down" }).waitFor();
  // A Job: set its parallelism.
  await page.getByTestId("job-e2e-pi").getByRole("button", { name: "job/e2e-pi" }).click();
  await eventually(page, () => page.getByLabel("Parallelism").inputValue(), "2");
  await page.getByLabel("Parallelism").fill("4");
  await page.getByRole("button", { name: "Set parallelism" }).click();
  await eventually(page, editorText(page), /action: setParallelism, target: 'job\/e2e-pi', value: 4\}/);
  await fastest(page);
  await page.locator(".jp-header h1").click();
  await page.keyboard.press(" "); // play
  await page.getByTestId("cm-status").filter({ hasText: "running" }).waitFor({ timeout: 20000 });
  await page.getByTestId("job-e2e-pi").getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  await eventually(page, () => page.locator(".jp-log").textContent(), /NodeNotReady/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a CronJob preset explains its schedule, ticks, and shows Forbid skipping a run", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  await page.getByRole("button", { name: "CronJob: Forbid" }).click();
  const card = page.getByTestId("cronjob-report");
  await card.waitFor();
  assert.match(await card.getByTestId("schedule-words").innerText(), /^Every 5 minutes, at minute 0, 5, \.\.\. 55 of every hour every day/);
  await fastest(page);
  // The controller's own words for the skipped tick, then a late start.
  await card.getByText(/concurrencyPolicy is Forbid/).first().waitFor({ timeout: 20000 });
  await page.getByTestId("job-report-28928170").waitFor({ timeout: 20000 });
  await card.getByRole("button", { name: "cronjob/report" }).click();
  await page.getByTestId("inspector-text").getByText("Concurrency Policy:").waitFor();
  assert.match(await page.getByTestId("inspector-text").innerText(), /Schedule:\s+\*\/5 \* \* \* \*/);
  // The cron ruler: every scheduled time of the run, told apart by what became of it.
  const ruler = page.getByTestId("cron-ruler-report");
  assert.match(await ruler.getByTestId("cron-words").innerText(), /^Every 5 minutes/);
  // Played to the end (where the page stops by itself), then scrubbed back to the start.
  await ruler.getByTestId("cron-counts").filter({ hasText: "3 created · 1 skipped" }).waitFor({ timeout: 20000 });
  await playButton(page).waitFor({ timeout: 20000 });
  await page.getByLabel("Virtual time").fill("0");
  await eventually(page, () => ruler.getByTestId("cron-counts").innerText(), "No scheduled time yet");
  await eventually(page, () => ruler.locator('[data-testid="cron-tick"][data-outcome="upcoming"]').count(), 4);
  await eventually(page, () => ruler.getByTestId("cron-next").innerText(), /next: 2025-01-01T00:05:00Z, 2025-01-01T00:10:00Z, 2025-01-01T00:15:00Z/);
  await page.getByLabel("Virtual time").fill(String(22 * 60 * 1000));
  await eventually(page, () => ruler.getByTestId("cron-counts").innerText(), "3 created · 1 skipped");
  await eventually(page, () => ruler.locator('[data-testid="cron-tick"]').evaluateAll((ts) => ts.map((t) => t.dataset.outcome)), ["created", "created", "created", "skipped"]);
  assert.match(await ruler.locator('[data-outcome="skipped"] title').textContent(), /00:20:00Z: skipped — .*concurrencyPolicy is Forbid/);
  assert.deepEqual(problems, []);
  await page.screenshot({ animations: "disabled", path: join(OUT, "cronjob-forbid.png"), fullPage: true });
  await context.close();
});

test("the cron ruler marks a daylight-saving change, with the tz database fetched only then", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  const tzdb = [];
  page.on("request", (r) => { if (r.url().endsWith("/tzdb.bin")) tzdb.push(r.url()); });
  await page.goto(site.url);
  await page.getByTestId("pod").first().waitFor();
  assert.deepEqual(tzdb, [], "a scenario in UTC does not download the tz database");
  await page.getByRole("button", { name: "CronJob: DST" }).click();
  const ruler = page.getByTestId("cron-ruler-nightly");
  await ruler.waitFor();
  assert.equal(await ruler.getByTestId("cron-dst").count(), 1);
  assert.match(await ruler.innerText(), /2026-03-08T03:00:00-04:00: clocks go forward 1h/);
  assert.deepEqual(tzdb, [`${site.url}tzdb.bin`], "fetched once, beside the module");
  // Running again (and any other zone) reads the database already installed. Paused first, so
  // that playing again says the new run has started (a run starts playing).
  await page.locator(".jp-transport").getByRole("button", { name: "Pause", exact: true }).click();
  await playButton(page).waitFor();
  await page.getByRole("button", { name: "Run ▶" }).click();
  await page.locator(".jp-transport").getByRole("button", { name: "Pause", exact: true }).waitFor();
  await ruler.waitFor();
  assert.equal(tzdb.length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("edits made while the tz database loads do not change the run waiting for it", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  let release;
  const gate = new Promise((ok) => (release = ok));
  await page.route("**/tzdb.bin", async (route) => { await gate; await route.continue(); });
  await page.goto(site.url);
  await page.getByRole("button", { name: "CronJob: DST" }).click();
  await page.getByTestId("zone-data").filter({ hasText: "Loading the time zone database" }).waitFor();
  const editor = page.getByLabel("YAML manifests");
  await editor.fill((await editor.inputValue()).replace("name: nightly", "name: renamed"));
  release();
  await page.getByTestId("cron-ruler-nightly").waitFor();
  assert.equal(await page.getByTestId("cron-ruler-renamed").count(), 0, "the run is of the text Run was pressed on");
  assert.match(await editor.inputValue(), /name: renamed/, "the edit is kept in the editor");
  assert.deepEqual(problems, []);
  await context.close();
});

test("when the tz database cannot be loaded the page says which field needs it, and Run tries again", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.route("**/tzdb.bin", (route) => route.fulfill({ status: 404, body: "gone" }));
  await page.goto(site.url);
  await page.getByRole("button", { name: "CronJob: DST" }).click();
  const notice = page.getByTestId("zone-data");
  await notice.filter({ hasText: "could not be loaded" }).waitFor();
  const text = await notice.innerText();
  assert.match(text, /CronJob nightly spec\.timeZone is America\/New_York/);
  assert.match(text, /HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/tools\/jobplay\/tzdb\.bin/);
  assert.equal(await page.getByTestId("cron-ruler-nightly").count(), 0, "nothing runs on guessed offsets");
  await page.unroute("**/tzdb.bin");
  await page.getByRole("button", { name: "Run ▶" }).click();
  await page.getByTestId("cron-ruler-nightly").waitFor();
  await eventually(page, () => notice.count(), 0, "the notice goes");
  assert.deepEqual(problems.filter((p) => !p.startsWith("HTTP 404 for ")), []);
  await context.close();
});

test("a long run is simulated between frames with its progress shown, and can be stopped", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  // Big enough that no machine finishes it before the test stops it.
  const big = PI.replace("completions: 3", "completions: 200000").replace("parallelism: 2", "parallelism: 500").replace("sleep 4", "sleep 30");
  await page.getByLabel("YAML manifests").fill(big);
  await page.getByRole("button", { name: "Run ▶" }).click();
  const progress = page.getByTestId("computing");
  await progress.waitFor();
  // The page repaints while it computes: the figures move.
  const first = await progress.innerText();
  await page.waitForFunction((before) => document.querySelector("[data-testid=computing]")?.innerText !== before, first);
  assert.match(await progress.innerText(), /Simulating…[\s\S]*of virtual time simulated · [\d,]+ pods · [\d,]+ events/);
  // The figures beside the button keep changing, so it never holds still for a pointer click:
  // it is clicked where it is.
  await page.getByRole("button", { name: "Stop and show what ran so far" }).dispatchEvent("click");
  await page.getByTestId("run-notice").getByText(/You stopped the simulation at \+\d/).waitFor();
  await eventually(page, () => progress.count(), 0, "the progress goes");
  await page.getByTestId("job-e2e-pi").waitFor();
  await eventually(page, () => page.getByRole("button", { name: "Play" }).count(), 1, "paused at the end of what ran");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Gantt timeline shows a row per completion index, failures, the back-off gap and the Job's end", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  const indexed = PI.replace("parallelism: 2", "parallelism: 3\n  completionMode: Indexed\n  backoffLimit: 2")
    .replace('"echo computing; sleep 4"', '"sleep 4; exit $((JOB_COMPLETION_INDEX / 2))"');
  await page.getByLabel("YAML manifests").fill(indexed);
  await page.getByRole("button", { name: "Run ▶" }).click();
  await fastest(page);
  await page.getByTestId("job-e2e-pi").getByTestId("job-status").filter({ hasText: "Failed" }).waitFor({ timeout: 20000 });
  const gantt = page.getByTestId("gantt");
  await gantt.getByText("Failed", { exact: true }).waitFor();
  await eventually(page, () => gantt.getByTestId("gantt-row").count(), 3, "one row per index");
  assert.match(await gantt.locator("figcaption").innerText(), /one row per completion index/);
  await eventually(page, () => gantt.getByText(/^back-off \d+s$/).count(), (n) => n >= 1, "the wait before a retry is labelled");
  await eventually(page, () => gantt.locator("text.jp-g-fail").allTextContents(), (failures) => failures.filter((t) => t.startsWith("✖ 1")).length >= 2, "failures with their exit code");
  // The event log's filters: warnings only, then a text filter.
  const log = page.locator(".jp-log");
  const rows = () => log.locator("li").allInnerTexts();
  await log.getByLabel("Warnings only").check();
  await eventually(page, rows, (warnings) => warnings.length > 0 && warnings.every((t) => /BackoffLimitExceeded|BackOff/.test(t)), "only warnings");
  await log.getByLabel("Warnings only").uncheck();
  await log.getByLabel("Filter events by text").fill("e2e-pi-1-");
  await eventually(page, rows, (matched) => matched.length > 0 && matched.every((t) => t.includes("e2e-pi-1-")), "text filter");
  await log.getByLabel("Filter events by text").fill("");
  // The reason the Job failed, explained with the field behind it, highlighted in the editor.
  await log.getByRole("button", { name: /why: Job fails/ }).click();
  const why = page.getByTestId("why-panel");
  await eventually(page, () => why.innerText(), /spec\.backoffLimit\s+2\s+line 9/);
  await eventually(page, () => page.getByTestId("gutter").locator(".jp-line-why").allInnerTexts(), ["9"]);
  await why.getByRole("button", { name: "Close the explanation" }).click();
  await eventually(page, () => page.getByTestId("gutter").locator(".jp-line-why").count(), 0, "the highlight goes with the explanation");
  await gantt.locator("rect.jp-g-running").first().click();
  await page.getByTestId("inspector-text").waitFor();
  // Presentation mode enlarges the type for a projector.
  const before = await page.locator(".jp-root").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await page.getByRole("button", { name: "Present" }).click();
  await eventually(page, () => page.locator(".jp-root").evaluate((el) => parseFloat(getComputedStyle(el).fontSize)), (after) => after >= before * 1.3, `presentation type vs ${before}px`);
  await page.getByRole("button", { name: "Present" }).click();
  await page.screenshot({ animations: "disabled", path: join(OUT, "gantt.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
