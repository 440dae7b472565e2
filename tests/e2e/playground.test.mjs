// End-to-end tests of the built playground in headless Chromium.
// Run with `node --test tests/e2e/` after `trunk build --release` (scripts/test does both).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { serveDist, launch, openPage, OUT } from "./harness.mjs";

let site, chrome;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  site = await serveDist();
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  site?.close();
});

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

test("the default preset plays to completion under a sub-path with nothing fetched from elsewhere", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  await page.getByTestId("job-status").first().waitFor();
  await fastest(page);
  await page.getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(OUT, "default-preset.png"), fullPage: true });
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
  await page.locator('[data-testid="pod"][data-state="running"]').first().waitFor({ timeout: 10000 });
  await fastest(page);
  await card.getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  assert.equal(await card.locator(".jp-job-completions").textContent(), "3/3");
  assert.equal(await page.getByTestId("narration").textContent(), "Job e2e-pi: Job completed", "screen readers hear the outcome");
  const completed = await page.locator('[data-testid="pod"][data-state="succeeded"]').count();
  assert.equal(completed, 3, "three pods end Completed");
  assert.match(await page.locator(".jp-log").textContent(), /Created pod: e2e-pi-/);
  await page.screenshot({ path: join(OUT, "pasted-job.png"), fullPage: true });
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
  assert.equal(await diag.textContent(), 'error line 10: The Job "e2e-pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  // Underlined in place, in the highlighted copy under the text, from the value to the line's end.
  assert.deepEqual(await page.getByTestId("highlight").locator(".jp-hl-error").allTextContents(), ["Always"]);
  assert.equal(await page.getByTestId("gutter").locator(".jp-line-flag").textContent(), "10");
  // Clicking the diagnostic's line puts the caret there, with the rest of the line selected.
  await diag.getByRole("button", { name: "line 10" }).click();
  const selected = await page.getByLabel("YAML manifests").evaluate((t) => [document.activeElement === t, t.value.slice(t.selectionStart, t.selectionEnd)]);
  assert.deepEqual(selected, [true, "Always"]);
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
  assert.equal(await highlight.textContent(), messy.endsWith("\n") ? messy + "\n" : messy + "\n");
  assert.ok((await highlight.locator(".jp-hl-key").allTextContents()).includes("completions"));
  assert.ok((await highlight.locator(".jp-hl-num").allTextContents()).includes("3"));
  assert.ok((await highlight.locator(".jp-hl-str").allTextContents()).includes('"sh"'));
  assert.deepEqual(await highlight.locator(".jp-hl-comment").allTextContents(), ["# four spaces"]);
  // The textarea lies exactly over its copy: same size, same place.
  const boxes = await Promise.all([editor.boundingBox(), highlight.boundingBox()]);
  assert.equal(boxes[0].x, boxes[1].x);
  assert.equal(boxes[0].y, boxes[1].y);
  await page.getByRole("button", { name: "Format" }).click();
  assert.equal(await editor.inputValue(), PI.replace("  name: e2e-pi", "  name: e2e-pi   # four spaces"));
  await page.getByTestId("share-banner").filter({ hasText: "Formatted" }).waitFor();
  await page.getByRole("button", { name: "Bring back my text" }).click();
  assert.equal(await editor.inputValue(), messy);
  // A preset replaces the text, keeping it to bring back; Reset returns to the preset as loaded.
  await page.getByRole("button", { name: "Parallel 5/2" }).click();
  await page.getByTestId("share-banner").filter({ hasText: "Loaded the preset" }).waitFor();
  const preset = await editor.inputValue();
  assert.match(preset, /parallelism: 2/);
  await editor.fill(preset.replace("parallelism: 2", "parallelism: 4"));
  await page.getByRole("button", { name: "Reset" }).click();
  assert.equal(await editor.inputValue(), preset);
  await page.getByRole("button", { name: "Bring back my text" }).click();
  assert.match(await editor.inputValue(), /parallelism: 4/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the page fits a 375px phone", async () => {
  const { page, context, problems } = await openPage(chrome.browser, site.origin, { viewport: { width: 375, height: 800 } });
  await page.goto(site.url);
  await page.getByTestId("job-status").first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
  await page.screenshot({ path: join(OUT, "phone.png"), fullPage: false });
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
  assert.equal(await page.getByTestId("inspector-text").textContent(), "computing\n");
  await page.getByRole("tab", { name: "yaml" }).click();
  const yaml = await page.getByTestId("inspector-text").textContent();
  assert.match(yaml, /^apiVersion: v1\nkind: Pod\nmetadata:\n/, "kubectl get -o yaml's shape");
  assert.match(yaml, /\n  phase: Succeeded\n/, "with its status");
  // Keyboard: from the start, step forward to the next controller decision, then back to the
  // first one (creating the pods, at +0s).
  await page.getByLabel("Virtual time").fill("0");
  await page.locator(".jp-header h1").click();
  await page.keyboard.press("ArrowRight");
  assert.doesNotMatch(await page.getByTestId("clock").textContent(), /^\+0s \/ /, "the next decision is after the start");
  await page.keyboard.press("ArrowLeft");
  assert.match(await page.getByTestId("clock").textContent(), /^\+0s \/ /, "the first decision, creating pods, is at +0s");
  await page.keyboard.press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  await page.keyboard.press("Escape");
  assert.equal(await page.getByRole("dialog").count(), 0);
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
  await page.getByRole("button", { name: "Back-off" }).click();
  await page.getByLabel("Speed").selectOption("10");
  // Play until two attempts have failed (failed cards stay; a 3-second run at 10x is too brief
  // to wait for), then pause there, in the back-off before the third attempt or during it.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="pod"][data-state="failed"]').length >= 2, null, { timeout: 20000 });
  await page.getByRole("button", { name: "Pause" }).click();
  const at = await page.getByLabel("Virtual time").inputValue();
  const played = await shownState(page);
  assert.ok(played.pods.filter((p) => p.includes(" failed ")).length >= 2 && played.jobs.every((j) => !j.includes("Complete")), `paused mid-run at ${at} ms: ${played.pods}`);
  // Scrub to the end, back to that time, to the start and forward to it again.
  const scrubber = page.getByLabel("Virtual time");
  const end = await scrubber.getAttribute("max");
  for (const [via, label] of [[end, "from the end"], ["0", "from the start"]]) {
    await scrubber.fill(via);
    assert.notDeepEqual(await shownState(page), played, `the page at ${via} ms differs from ${at} ms`);
    await scrubber.fill(at);
    assert.deepEqual(await shownState(page), played, `scrubbed to ${at} ms ${label}`);
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
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(OUT, "dark.png"), fullPage: false });
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
  const running = page.locator('[data-testid="pod"][data-state="running"]').first();
  await running.waitFor({ timeout: 10000 });
  await page.locator(".jp-header h1").click();
  await page.keyboard.press(" "); // pause
  await running.click();
  await page.getByLabel("Exit code").fill("3");
  await page.getByRole("button", { name: "Fail with exit code" }).click();
  const text = await page.getByLabel("YAML manifests").inputValue();
  assert.match(text, /kind: Scenario\nspec:\n  actions:\n  - \{at: [0-9.]+s, action: failPod, target: 'job\/e2e-pi@[12]', exitCode: 3\}\n$/);
  // The page stays paused on the moment of the failure.
  await page.locator('[data-testid="pod"][data-state="failed"]').getByText("exit 3").waitFor({ timeout: 5000 });
  const card = page.getByTestId("job-e2e-pi");
  await fastest(page);
  await page.locator(".jp-header h1").click();
  await page.keyboard.press(" "); // play
  await card.getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  const counters = await card.locator(".jp-counters").textContent();
  assert.match(counters, /succeeded3/);
  assert.match(counters, /failed1/);
  assert.match(await page.locator(".jp-log").textContent(), /why: No new pod yet: back-off/);
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
  await page.locator('[data-testid="pod"][data-state="running"]').first().waitFor({ timeout: 10000 });
  await page.locator(".jp-header h1").click();
  await page.keyboard.press(" "); // pause
  // A node: its lane's name opens it; describe shows its condition; Cordon is recorded.
  await page.getByRole("button", { name: "node-a" }).click();
  assert.match(await page.getByTestId("inspector-text").innerText(), /Name:\s+node-a[\s\S]*Unschedulable:\s+false[\s\S]*Ready\s+True\s+KubeletReady/);
  await page.getByRole("button", { name: "Cordon" }).click();
  assert.match(await editor.inputValue(), /- \{at: [0-9.]+s, action: cordonNode, target: 'node\/node-a'\}\n/);
  await page.getByTestId("node-node-a").getByText("cordoned").waitFor();
  await page.getByRole("button", { name: "Uncordon" }).waitFor();
  // Failing the node: NotReady, its pods are evicted by the taint manager and replaced.
  await page.getByRole("button", { name: "Fail (NotReady)" }).click();
  await page.getByTestId("node-node-a").getByText("NotReady").waitFor();
  await page.getByRole("button", { name: "Restore" }).waitFor();
  assert.match(await page.getByTestId("inspector-text").innerText(), /node\.kubernetes\.io\/unreachable:NoExecute/);
  // The controller manager down for a minute: both ends are recorded; the page says it is down.
  await page.getByLabel("Outage length").selectOption({ label: "1 minute" });
  await page.getByRole("button", { name: "Take it down for" }).click();
  const text = await editor.inputValue();
  const pause = text.match(/- \{at: ([0-9.]+)s, action: pauseControllers\}/);
  const resume = text.match(/- \{at: ([0-9.]+)s, action: resumeControllers\}/);
  assert.ok(pause && resume, text);
  assert.equal(Math.round((Number(resume[1]) - Number(pause[1])) * 1000), 60000, "down for exactly a minute");
  await page.getByTestId("cm-status").filter({ hasText: "down" }).waitFor();
  // A Job: set its parallelism.
  await page.getByTestId("job-e2e-pi").getByRole("button", { name: "job/e2e-pi" }).click();
  assert.equal(await page.getByLabel("Parallelism").inputValue(), "2");
  await page.getByLabel("Parallelism").fill("4");
  await page.getByRole("button", { name: "Set parallelism" }).click();
  assert.match(await editor.inputValue(), /action: setParallelism, target: 'job\/e2e-pi', value: 4\}/);
  await fastest(page);
  await page.locator(".jp-header h1").click();
  await page.keyboard.press(" "); // play
  await page.getByTestId("cm-status").filter({ hasText: "running" }).waitFor({ timeout: 20000 });
  await page.getByTestId("job-e2e-pi").getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  assert.match(await page.locator(".jp-log").textContent(), /NodeNotReady/);
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
  await page.getByLabel("Virtual time").fill("0");
  assert.equal(await ruler.getByTestId("cron-counts").innerText(), "No scheduled time yet");
  assert.equal(await ruler.locator('[data-testid="cron-tick"][data-outcome="upcoming"]').count(), 4);
  assert.match(await ruler.getByTestId("cron-next").innerText(), /next: 2025-01-01T00:05:00Z, 2025-01-01T00:10:00Z, 2025-01-01T00:15:00Z/);
  await page.getByLabel("Virtual time").fill(String(22 * 60 * 1000));
  assert.equal(await ruler.getByTestId("cron-counts").innerText(), "3 created · 1 skipped");
  const outcomes = await ruler.locator('[data-testid="cron-tick"]').evaluateAll((ts) => ts.map((t) => t.dataset.outcome));
  assert.deepEqual(outcomes, ["created", "created", "created", "skipped"]);
  assert.match(await ruler.locator('[data-outcome="skipped"] title').textContent(), /00:20:00Z: skipped — .*concurrencyPolicy is Forbid/);
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(OUT, "cronjob-forbid.png"), fullPage: true });
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
  // Running again (and any other zone) reads the database already installed.
  await page.getByRole("button", { name: "Run ▶" }).click();
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
  assert.equal(await notice.count(), 0);
  assert.deepEqual(problems.filter((p) => !p.startsWith("HTTP 404 for ")), []);
  await context.close();
});

test("a long run is simulated between frames with its progress shown, and can be stopped", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  const big = PI.replace("completions: 3", "completions: 20000").replace("parallelism: 2", "parallelism: 500").replace("sleep 4", "sleep 30");
  await page.getByLabel("YAML manifests").fill(big);
  await page.getByRole("button", { name: "Run ▶" }).click();
  const progress = page.getByTestId("computing");
  await progress.waitFor();
  // The page repaints while it computes: the figures move.
  const first = await progress.innerText();
  await page.waitForFunction((before) => document.querySelector("[data-testid=computing]")?.innerText !== before, first);
  assert.match(await progress.innerText(), /Simulating…[\s\S]*of virtual time simulated · [\d,]+ pods · [\d,]+ events/);
  await page.getByRole("button", { name: "Stop and show what ran so far" }).click();
  await page.getByTestId("run-notice").getByText(/You stopped the simulation at \+\d/).waitFor();
  assert.equal(await progress.count(), 0);
  await page.getByTestId("job-e2e-pi").waitFor();
  assert.equal(await page.getByRole("button", { name: "Play" }).count(), 1, "paused at the end of what ran");
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
  assert.equal(await gantt.getByTestId("gantt-row").count(), 3, "one row per index");
  assert.match(await gantt.locator("figcaption").innerText(), /one row per completion index/);
  assert.ok(await gantt.getByText(/^back-off \d+s$/).count() >= 1, "the wait before a retry is labelled");
  const failures = await gantt.locator("text.jp-g-fail").allTextContents();
  assert.ok(failures.filter((t) => t.startsWith("✖ 1")).length >= 2, `failures with their exit code: ${failures}`);
  await gantt.getByText("Failed", { exact: true }).waitFor();
  // The event log's filters: warnings only, then a text filter.
  const log = page.locator(".jp-log");
  await log.getByLabel("Warnings only").check();
  const warnings = await log.locator("li").allInnerTexts();
  assert.ok(warnings.length > 0 && warnings.every((t) => /BackoffLimitExceeded|BackOff/.test(t)), `only warnings: ${warnings}`);
  await log.getByLabel("Warnings only").uncheck();
  await log.getByLabel("Filter events by text").fill("e2e-pi-1-");
  const matched = await log.locator("li").allInnerTexts();
  assert.ok(matched.length > 0 && matched.every((t) => t.includes("e2e-pi-1-")), `text filter: ${matched}`);
  await log.getByLabel("Filter events by text").fill("");
  // The reason the Job failed, explained with the field behind it, highlighted in the editor.
  await log.getByRole("button", { name: /why: Job fails/ }).click();
  const why = page.getByTestId("why-panel");
  assert.match(await why.innerText(), /spec\.backoffLimit\s+2\s+line 9/);
  assert.deepEqual(await page.getByTestId("gutter").locator(".jp-line-why").allInnerTexts(), ["9"]);
  await why.getByRole("button", { name: "Close the explanation" }).click();
  assert.equal(await page.getByTestId("gutter").locator(".jp-line-why").count(), 0);
  await gantt.locator("rect.jp-g-running").first().click();
  await page.getByTestId("inspector-text").waitFor();
  // Presentation mode enlarges the type for a projector.
  const before = await page.locator(".jp-root").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await page.getByRole("button", { name: "Present" }).click();
  const after = await page.locator(".jp-root").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(after >= before * 1.3, `presentation type ${after}px vs ${before}px`);
  await page.getByRole("button", { name: "Present" }).click();
  await page.screenshot({ path: join(OUT, "gantt.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
