// First contact and the phone (issue 21, items 6 and 9): what a person sees on a first visit
// to the playground on a laptop (1366x768) and on a phone (390x844).
// Run with `node --test tests/e2e/first.test.mjs` after `trunk build --release`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openPage, eventually, OUT, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

// A Job with a long comment above it, so its error is far down the editor.
const COMMENT = Array.from({ length: 60 }, (_, i) => `# note ${i + 1}`).join("\n") + "\n";
const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: first
spec:
  completions: 6
  parallelism: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", "echo hello from a pod that prints a long line of text; sleep 3"]
`;
const ALWAYS_LINE = 60 + 10;

const runButton = (page) => page.getByRole("button", { name: "Run ▶" });

/** The box of `locator` lies inside the viewport. */
async function onScreen(page, locator, what) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  assert.ok(box, `${what} is laid out`);
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height,
    `${what} is within the ${width}x${height} viewport: ${JSON.stringify(box)}`);
}

test("at 1366x768 the gallery tells each preset's story as text and Run stays on screen", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: LAPTOP });
  await page.goto(site.url);
  await page.getByTestId("job-status").first().waitFor();
  // A first visit says what to do.
  assert.equal(await page.getByTestId("first-visit").textContent(), "Pick a story or paste a Job; press Space to pause.");
  // Grouped by topic, each story in plain text (not a tooltip).
  const gallery = page.getByTestId("presets");
  for (const topic of ["Basics", "Parallel and work queues", "Indexed", "Failures and policies", "CronJobs"]) {
    await gallery.getByRole("region", { name: topic }).waitFor();
  }
  const backoff = gallery.getByRole("button", { name: /^Back-off/ });
  const story = backoff.locator(".jp-preset-story");
  assert.equal(await story.textContent(), "Three failures, then success: replacement delays double 10s, 20s, 40s.");
  assert.ok(await story.isVisible(), "the story is on screen as text");
  await onScreen(page, story, "the default preset's story");
  await onScreen(page, runButton(page), "Run on load");
  // Scrolling the page down to the log and the timeline leaves Run where it was.
  await page.mouse.move(1000, 400);
  await page.mouse.wheel(0, 3000);
  await eventually(page, () => page.evaluate(() => window.scrollY > 0), true, "the page scrolled");
  await onScreen(page, runButton(page), "Run after scrolling the page");
  // So does scrolling the editor's text.
  await page.getByLabel("YAML manifests").fill(COMMENT + JOB);
  await page.locator(".jp-code").evaluate((c) => { c.scrollTop = c.scrollHeight; });
  await eventually(page, () => page.locator(".jp-code").evaluate((c) => c.scrollTop > 0), true, "the editor scrolled");
  await onScreen(page, runButton(page), "Run after scrolling the editor");
  assert.deepEqual(problems, []);
  await context.close();
});

test("typing a mistake summarises it on the stage without Run, with a hint and a button to its line", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: LAPTOP });
  await page.goto(site.url);
  await page.getByTestId("job-status").first().waitFor();
  const editor = page.getByLabel("YAML manifests");
  await editor.fill(COMMENT + JOB.replace("restartPolicy: Never", "restartPolicy: Always"));
  // No Run: the text is checked once typing pauses, and the stage says what is wrong.
  const summary = page.locator(".jp-stage").getByTestId("summary");
  await eventually(page, () => summary.locator("h2").textContent().catch(() => null), "1 error");
  assert.equal(await summary.locator("li").textContent(),
    `error line ${ALWAYS_LINE}: The Job "first" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"` +
    "A Job's pods take OnFailure or Never; Always is for Deployments (a Job's pod must be able to finish).");
  await onScreen(page, summary, "the summary");
  // The editor underlines it too, also without Run.
  assert.deepEqual(await page.getByTestId("gutter").locator(".jp-line-flag").allTextContents(), [String(ALWAYS_LINE)]);
  // Its line button puts the caret on that line and scrolls the editor to it.
  await page.locator(".jp-code").evaluate((c) => { c.scrollTop = 0; });
  await editor.evaluate((t) => t.setSelectionRange(0, 0));
  await summary.getByRole("button", { name: `line ${ALWAYS_LINE}` }).click();
  const caret = () => editor.evaluate((t) => ({
    focused: document.activeElement === t,
    line: t.value.slice(0, t.selectionStart).split("\n").length,
    selected: t.value.slice(t.selectionStart, t.selectionEnd),
  }));
  await eventually(page, caret, { focused: true, line: ALWAYS_LINE, selected: "Always" });
  // The line is inside the editor's visible box.
  const visible = await page.locator(".jp-code").evaluate((c, line) => {
    const t = c.querySelector("textarea");
    const lineHeight = t.scrollHeight / t.rows;
    const top = t.getBoundingClientRect().top + parseFloat(getComputedStyle(t).paddingTop) + (line - 1) * lineHeight;
    const box = c.getBoundingClientRect();
    return top >= box.top && top + lineHeight <= box.bottom;
  }, ALWAYS_LINE);
  assert.ok(visible, `line ${ALWAYS_LINE} is scrolled into the editor's view`);
  // Fixed, the summary goes, still without Run.
  await editor.fill(COMMENT + JOB);
  await eventually(page, () => summary.count(), 0, "the summary leaves once the text is valid");
  // A text with nothing valid: the summary stands where the picture was, not "Nothing to run".
  await editor.fill(JOB.replace("kind: Job", "kind: job"));
  await runButton(page).click();
  await eventually(page, () => summary.locator("h2").textContent().catch(() => null), "1 warning: nothing to run until the text is fixed");
  assert.match(await summary.textContent(), /Kinds are case-sensitive: write `kind: Job`/);
  assert.equal(await page.locator(".jp-stage .jp-empty").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a 390px phone the presets are a menu, Run brings the picture into view and every event fits", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: PHONE, isMobile: true, hasTouch: true });
  await page.goto(site.url);
  await page.getByTestId("job-status").first().waitFor();
  // The header's buttons on one row.
  const tops = await page.locator(".jp-header button").evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().top));
  assert.ok(Math.max(...tops) - Math.min(...tops) < 8, `header buttons share a row: ${tops}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
  // The presets are a closed menu; opened, the stories are there as text.
  const gallery = page.getByTestId("presets");
  const parallel = gallery.getByRole("button", { name: /^Parallel 5\/2/ });
  assert.equal(await gallery.evaluate((d) => d.open), false, "the menu starts closed");
  assert.equal(await parallel.isVisible(), false);
  await gallery.locator("summary").tap();
  await parallel.waitFor();
  assert.equal(await parallel.locator(".jp-preset-story").textContent(), "Five completions, two pods at a time.");
  await onScreen(page, parallel, "a preset in the opened menu");
  // Run brings the picture into view from the top of the page.
  await gallery.locator("summary").tap();
  await page.getByLabel("YAML manifests").fill(JOB);
  await page.evaluate(() => window.scrollTo(0, 0));
  const stageTop = () => page.locator(".jp-stage").evaluate((s) => Math.round(s.getBoundingClientRect().top));
  assert.ok(await stageTop() > 300, "the picture starts below the editor");
  await onScreen(page, runButton(page), "Run on the phone");
  await runButton(page).tap();
  await eventually(page, async () => { const top = await stageTop(); return top >= -1 && top <= 16; }, true, "the picture's top is at the top of the screen");
  await page.getByTestId("job-first").waitFor();
  await page.getByLabel("Speed").selectOption("1000");
  await page.getByTestId("job-first").getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  // Every event row, and every part of it, lies within the screen's width.
  const rows = await page.locator(".jp-log li").evaluateAll((lis) => lis.map((li) => {
    const parts = [li, ...li.children].map((e) => e.getBoundingClientRect());
    return { text: li.textContent.slice(0, 60), left: Math.min(...parts.map((r) => r.left)), right: Math.max(...parts.map((r) => r.right)) };
  }));
  assert.ok(rows.length >= 10, `the log has events: ${rows.length}`);
  const off = rows.filter((r) => r.left < 0 || r.right > PHONE.width + 0.5);
  assert.deepEqual(off, [], "no event row starts or ends off screen");
  await page.screenshot({ animations: "disabled", path: join(OUT, "phone.png") });
  assert.deepEqual(problems, []);
  await context.close();
});
