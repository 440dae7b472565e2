// The cluster picture as a person sees it: pod tiles that travel from the pending area onto a
// node, nodes that hold 110 pods, big Jobs that stay one screen, and an Indexed Job's grid.
// Run with `node --test tests/e2e/cluster.test.mjs` after `trunk build --release`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openPage, eventually, pauseWhen, holdAnimations, OUT, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();

const LAPTOP = { viewport: { width: 1366, height: 768 } };

/** A Job of `completions` pods, `parallelism` at a time, each running `sh`. */
const job = (name, completions, parallelism, sh, extra = "") => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  completions: ${completions}
  parallelism: ${parallelism}
${extra}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "${sh}"]
`;

async function run(page, yaml) {
  await page.getByLabel("YAML manifests").fill(yaml);
  await page.getByRole("button", { name: "Run ▶" }).click();
}

const fastest = (page) => page.getByLabel("Speed").selectOption("1000");

test("a 500-pod Job fills three nodes of 110 pods, the rest wait with Too many pods, and the picture fits one screen", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, LAPTOP);
  await page.goto(site.url);
  await run(page, job("five-hundred", 500, 500, "sleep 30"));
  // Paused once every pod is created: 330 on the nodes, 170 waiting.
  await pauseWhen(page, '[data-testid="pending"] [data-testid="pod"]', 170);
  const pending = page.getByTestId("pending");
  await pending.getByText("FailedScheduling: 0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.").waitFor();
  for (const node of ["node-1", "node-2", "node-3"]) {
    await page.getByTestId(`node-${node}`).getByText("110/110 pods").waitFor();
  }
  assert.equal(await pending.getByTestId("pod").count(), 170, "the pods beyond 3 × 110 stay pending");
  const picture = await page.getByTestId("cluster").boundingBox();
  assert.ok(picture.height <= 768, `the cluster picture is ${picture.height} px high, more than the 768 px screen`);
  await page.getByTestId("cluster").screenshot({ animations: "disabled", path: join(OUT, "cluster-500.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a 10,000-pod Job is counted per node by phase with a bar, and the picture still fits one screen", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, LAPTOP);
  await page.goto(site.url);
  await run(page, job("ten-thousand", 10000, 10000, "sleep 30"));
  await pauseWhen(page, '[data-testid="lane-summary"]');
  const summary = page.getByTestId("pending").getByTestId("lane-summary");
  await summary.getByText(/^\d+ pods: \d+ Pending$/).waitFor();
  assert.equal(await summary.getByRole("img").getAttribute("aria-label"), (await summary.locator("p").innerText()).replace(/^\d+ pods: /, ""));
  assert.equal(await page.getByTestId("pending").getByTestId("pod").count(), 0, "no tile per pod");
  const picture = await page.getByTestId("cluster").boundingBox();
  assert.ok(picture.height <= 768, `the cluster picture is ${picture.height} px high`);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A Job of three pods on one node that holds two: the third waits in Pending until one ends. */
const queued = (name) => job(name, 3, 3, "sleep 5") + `---
apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  nodes: [{name: small, pods: "2"}]
`;

/** The lane a tile is in: `pending` or `node-NAME`. */
const laneOf = (tile) => tile.evaluate((el) => el.closest('[data-testid^="node-"], [data-testid="pending"]').dataset.testid);

/** Moves the playhead to the end of the run. */
const toTheEnd = async (page) => page.getByLabel("Virtual time").fill(await page.getByLabel("Virtual time").getAttribute("max"));

/** Where the tile of pod `name` stands in the cluster picture, and its lane. */
const placeOf = (page, name) => page.locator(`[data-testid="pod"][title^="${name}:"]`).evaluate((el) => {
  const at = el.getBoundingClientRect();
  const picture = el.closest('[data-testid="cluster"]').getBoundingClientRect();
  return { x: Math.round(at.left - picture.left), y: Math.round(at.top - picture.top), lane: el.closest('[data-testid^="node-"], [data-testid="pending"]').dataset.testid };
});

test("a pod created into the pending area travels onto its node when one frees up, and lands there", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, LAPTOP);
  await page.goto(site.url);
  await run(page, queued("travel"));
  const waiting = page.getByTestId("pending").getByTestId("pod");
  await pauseWhen(page, '[data-testid="pending"] [data-testid="pod"]');
  const name = (await waiting.first().getAttribute("title")).split(":")[0];
  assert.match(name, /^travel-/);
  // Its own appearance played out first (it grows in), so its box is where it waits.
  await waiting.first().evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  // Present mode starts while it waits: larger type moves it down the picture, with nothing
  // in the Pending area changing.
  const small = await placeOf(page, name);
  await page.getByRole("button", { name: "Present" }).click();
  await eventually(page, () => placeOf(page, name), (at) => at.y > small.y, "the pending tile's place in Present mode");
  const before = await placeOf(page, name);
  assert.equal(before.lane, "pending");
  const pendingHeight = () => page.getByTestId("pending").evaluate((el) => el.offsetHeight);
  const waitedIn = await pendingHeight();
  // The playhead moves to the end, the animations held at their first frame: the pod is on
  // the node now, finished, and what its tile shows as it sets off can be read.
  const release = await holdAnimations(context, page);
  await toTheEnd(page);
  const tile = page.locator(`[data-testid="pod"][title^="${name}:"]`);
  await eventually(page, () => laneOf(tile), "node-small", "the tile's lane");
  assert.equal(await tile.getAttribute("data-state"), "succeeded");
  assert.equal(await page.getByTestId("pending").getByTestId("pod").count(), 0);
  // It sets off from where it waited, inside the Pending area, which keeps its height for
  // the first frame (the lanes below stay where they were)...
  const setOff = await placeOf(page, name);
  assert.deepEqual([setOff.x, setOff.y, setOff.lane], [before.x, before.y, "node-small"], "the tile starts where its pending tile was");
  assert.equal(await pendingHeight(), waitedIn, "the emptied Pending area shrinks as the tile leaves, not at once");
  // ...and lands in its lane, below the pending area, when the motion ends.
  await release();
  await tile.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  const landed = await placeOf(page, name);
  assert.ok(landed.y > before.y + 20, `the tile lands on its node's lane (y ${landed.y}), below where it waited (y ${before.y})`);
  assert.deepEqual(await tile.evaluate((el) => el.getAnimations().length), 0);
  assert.ok(await pendingHeight() < waitedIn, "the empty Pending area is smaller once the motion ends");
  assert.deepEqual(problems, []);
  await context.close();
});

test("with reduced motion a pod moves onto its node without travelling", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, LAPTOP);
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(site.url);
  await run(page, queued("still"));
  await pauseWhen(page, '[data-testid="pending"] [data-testid="pod"]');
  const name = (await page.getByTestId("pending").getByTestId("pod").first().getAttribute("title")).split(":")[0];
  await holdAnimations(context, page);
  await toTheEnd(page);
  const tile = page.locator(`[data-testid="pod"][title^="${name}:"]`);
  await eventually(page, () => laneOf(tile), "node-small", "the tile's lane");
  assert.deepEqual(await tile.evaluate((el) => el.getAnimations().length), 0, "no motion at all");
  assert.deepEqual(problems, []);
  await context.close();
});

test("hovering or focusing a tile shows the pod's name and status; reduced motion keeps the words and drops the motion", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, LAPTOP);
  await page.goto(site.url);
  await run(page, job("hover", 2, 2, "sleep 20"));
  await pauseWhen(page, '[data-testid="pod"][data-state="running"]');
  const tile = page.locator('[data-testid="pod"][data-state="running"]').first();
  const title = await tile.getAttribute("title");
  assert.match(title, /^hover-[a-z0-9]{5}: Running, \d+% of its 20s run$/);
  // The title is the tile's accessible name too (its own text is hidden from assistive technology).
  await page.getByRole("button", { name: title, exact: true }).waitFor();
  // Keyboard focus draws the same words beside the tile.
  await page.keyboard.press("Tab");
  await tile.focus();
  const shown = await tile.evaluate((el) => [el.matches(":focus-visible"), getComputedStyle(el, "::before").content]);
  assert.deepEqual(shown, [true, JSON.stringify(title)]);
  assert.notEqual(await tile.evaluate((el) => getComputedStyle(el).animationName), "none");
  await page.emulateMedia({ reducedMotion: "reduce" });
  assert.equal(await tile.evaluate((el) => getComputedStyle(el).animationName), "none");
  assert.equal(await tile.getAttribute("title"), title, "the same words without motion");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a finished 12-index Job's card shows its completed indexes as 0-11, and a finished pod offers only what can still apply", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, LAPTOP);
  await page.goto(site.url);
  await run(page, job("twelve", 12, 4, "sleep 2", "  completionMode: Indexed\n"));
  await fastest(page);
  const card = page.getByTestId("job-twelve");
  await card.getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  assert.equal(await card.getByTestId("completed-indexes").textContent(), "0-11");
  const grid = page.getByTestId("index-grid-twelve");
  assert.equal(await grid.locator('[data-state="succeeded"]').count(), 12);
  await page.locator('[data-testid="pod"][data-state="succeeded"]').first().click();
  const inspector = page.locator(".jp-inspector");
  assert.equal(await inspector.getByRole("button", { name: "Succeed" }).isDisabled(), true);
  assert.equal(await inspector.getByRole("button", { name: "Fail with exit code" }).isDisabled(), true);
  assert.equal(await inspector.getByRole("button", { name: "Delete" }).isDisabled(), false);
  await inspector.getByTestId("action-why").getByText("The pod has already Succeeded").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("the per-index retries preset's grid shows its failed indexes with their attempts", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, LAPTOP);
  await page.goto(site.url);
  await page.getByRole("button", { name: "Per-index retries" }).click();
  await fastest(page);
  const card = page.getByTestId("job-job-backoff-limit-per-index-example");
  await card.getByTestId("job-status").filter({ hasText: "Failed" }).waitFor({ timeout: 20000 });
  assert.equal(await card.getByTestId("failed-indexes").textContent(), "0,2,4,6,8");
  assert.equal(await card.getByTestId("completed-indexes").textContent(), "1,3,5,7,9");
  const grid = page.getByTestId("index-grid-job-backoff-limit-per-index-example");
  const failed = grid.locator('[data-state="failedindex"]');
  assert.equal(await failed.count(), 5);
  assert.equal(await failed.first().getAttribute("title"), "index 0: failed index, 2 attempts");
  assert.equal(await failed.first().textContent(), "0×2");
  await grid.getByText("5 failed index · 5 succeeded").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a 500-index Job mid-run: the index grid and the cluster picture on one screen (screenshot)", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, LAPTOP);
  await page.goto(site.url);
  await run(page, job("render", 500, 60, "sleep $((3 + JOB_COMPLETION_INDEX % 7)); if [ $((JOB_COMPLETION_INDEX % 37)) -eq 5 ]; then exit 1; fi", "  completionMode: Indexed\n  backoffLimitPerIndex: 1\n  maxFailedIndexes: 50\n"));
  await page.getByLabel("Speed").selectOption("20");
  await pauseWhen(page, '[data-testid="index-grid-render"] [data-state="succeeded"]', 150);
  const grid = page.getByTestId("index-grid-render");
  assert.equal(await grid.locator(".jp-ix").count(), 500);
  assert.ok(await grid.locator('[data-state="running"]').count() > 0, "some indexes are running");
  assert.ok(await grid.locator('[data-state^="failed"]').count() > 0, "some indexes have failed");
  const picture = await page.getByTestId("cluster").boundingBox();
  assert.ok(picture.height <= 768, `the cluster picture is ${picture.height} px high`);
  await page.getByTestId("cluster").screenshot({ animations: "disabled", path: join(OUT, "indexed-big.png") });
  assert.deepEqual(problems, []);
  await context.close();
});
