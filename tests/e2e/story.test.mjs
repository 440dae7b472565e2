// The story of a run: each controller decision on screen at the instant it is taken (the
// caption beside the transport, the event log), ←/→ between decisions, the scrubber's marks,
// playback keys whatever control has focus, and Present mode for a projector.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openPage, eventually, OUT, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();

const caption = (page) => () => page.getByTestId("caption").innerText();
const clock = (page) => () => page.getByTestId("clock").innerText();
const toggleLabel = (page) => () => page.locator(".jp-transport .jp-play").getAttribute("aria-label");

/** Opens the playground on its default preset (Back-off), paused at `ms` from the start. */
async function backOffAt(page, ms) {
  await page.goto(site.url);
  await page.getByTestId("caption").waitFor();
  if ((await toggleLabel(page)()) === "Pause") await page.locator(".jp-transport .jp-play").click();
  await eventually(page, toggleLabel(page), "Play", "paused");
  await page.locator(".jp-scrub").fill(String(ms));
  await eventually(page, clock(page), new RegExp(`^\\+${ms / 1000}s /`), "the playhead moved");
}

test("at +8s in the back-off preset the back-off decision is on screen; → steps to the next; a mark seeks", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: { width: 1366, height: 768 } });
  // The first pod fails at +5s; the controller counts the failure and waits at +6s, and
  // syncs again at +7s, still waiting: no event until the next pod at +15s.
  await backOffAt(page, 8000);
  await eventually(page, caption(page), /^\+7s\s+Next pod in 8s; the back-off \(10s\) doubles after each failure\.$/, "the caption says what the controller decided");
  assert.ok(await page.getByTestId("caption").isVisible());
  const rows = () => page.locator(".jp-log li").allInnerTexts();
  await eventually(page, async () => (await rows()).slice(0, 3), (top) => /why: No new pod yet: back-off 8s remaining/.test(top[0]) && /why: No new pod yet: back-off 9s/.test(top[1]) && /why: Pod flaky-\w+ failed with exit code 1: failure 1 of the 4/.test(top[2]), "the log lists the decisions at their instant, newest first");
  // The caption sits beside the transport, above the picture.
  const bar = await page.locator(".jp-transport").boundingBox();
  const text = await page.getByTestId("caption").boundingBox();
  assert.ok(text.y >= bar.y && text.y - (bar.y + bar.height) < 40, `caption right under the transport: ${JSON.stringify([bar, text])}`);
  const size = await page.getByTestId("caption").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(size >= 17, `the caption is large: ${size}px`);

  // → moves the playhead to the next decision, and the caption follows.
  await page.keyboard.press("ArrowRight");
  await eventually(page, clock(page), /^\+15s \//, "→ steps to the next decision");
  await eventually(page, caption(page), /^\+15s\s+Job flaky starts 1 pod/);
  await page.keyboard.press("ArrowLeft");
  await eventually(page, clock(page), /^\+7s \//, "← steps back");
  await eventually(page, caption(page), /^\+7s\s+Next pod in 8s/);

  // The scrubber's marks: decisions, failures and condition changes, each a button.
  const marks = page.locator(".jp-marks .jp-mark");
  assert.ok(await marks.count() >= 10, "a mark per decision instant");
  assert.ok(await page.locator(".jp-mark-failure").count() >= 3, "the three failed pods are marked");
  assert.ok(await page.locator(".jp-mark-condition").count() >= 1, "the Job's Complete is marked");
  const third = page.getByRole("button", { name: /^\+43s: Pod flaky-\w+ failed$/ });
  const thirdBox = await third.boundingBox();
  const scrub = await page.locator(".jp-scrub").boundingBox();
  assert.ok(thirdBox.y >= scrub.y + scrub.height - 4 && thirdBox.x > scrub.x + scrub.width * 0.4 && thirdBox.x < scrub.x + scrub.width * 0.55, `the +43s mark sits under the scrubber about half-way: ${JSON.stringify([thirdBox, scrub])}`);
  await page.getByRole("button", { name: /^\+44s: Pod flaky-\w+ failed \(exit 1\): 3 of 4 allowed failures/ }).click();
  await eventually(page, clock(page), /^\+44s \//, "clicking a mark seeks there");
  await eventually(page, caption(page), /^\+44s\s+Pod flaky-\w+ failed \(exit 1\): 3 of 4 allowed failures\. Next pod in 39s/);
  assert.equal(await toggleLabel(page)(), "Play", "a mark pauses there");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Space, ←/→ and +/− act on playback whatever was clicked last, except text fields", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: { width: 1366, height: 768 } });
  await page.goto(site.url);
  await page.getByTestId("caption").waitFor();
  const present = page.getByRole("button", { name: "Present", exact: true });
  const playing = async () => (await toggleLabel(page)()) === "Pause";

  // After clicking Present, Space plays or pauses; Present stays on.
  await present.click();
  await eventually(page, () => present.getAttribute("aria-pressed"), "true");
  const was = await playing();
  await page.keyboard.press(" ");
  await eventually(page, playing, !was, "Space toggled playback after clicking Present");
  assert.equal(await present.getAttribute("aria-pressed"), "true", "Present is still on");
  await page.keyboard.press(" ");
  await eventually(page, playing, was, "and back");
  await present.click();
  await eventually(page, () => present.getAttribute("aria-pressed"), "false");

  // After clicking a preset, Space pauses it rather than loading it again.
  await page.getByTestId("presets").getByRole("button", { name: /^Back-off/ }).click();
  await eventually(page, playing, true, "a preset plays");
  await eventually(page, clock(page), (c) => !c.startsWith("+0s /"), "the preset is under way");
  await page.keyboard.press(" ");
  await eventually(page, playing, false, "Space paused the preset");
  const pausedAt = await clock(page)();
  assert.notEqual(pausedAt.split(" ")[0], "+0s", "not restarted");

  // With the speed select focused, Space plays or pauses and → steps, the speed unchanged.
  const speed = page.getByLabel("Speed");
  await speed.focus();
  const before = await speed.inputValue();
  await page.keyboard.press(" ");
  await eventually(page, playing, true, "Space with the speed select focused");
  await page.keyboard.press("ArrowRight");
  await eventually(page, playing, false, "→ steps (and pauses)");
  assert.equal(await speed.inputValue(), before, "→ did not change the speed");
  await page.keyboard.press("+");
  await eventually(page, () => speed.inputValue(), (v) => Number(v) > Number(before), "+ is faster");
  // The focused control shows it.
  const outline = await speed.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, "none", "focus is visible");

  // A text field keeps its keys.
  const filter = page.getByLabel("Filter events by text");
  await filter.click();
  const state = await playing();
  await page.keyboard.press(" ");
  assert.equal(await filter.inputValue(), " ", "Space types into the filter");
  assert.equal(await playing(), state);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Present mode: the picture and the caption at full width, projector-size text, and a share link keeps it", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: { width: 1920, height: 1080 } });
  await backOffAt(page, 8000);
  await page.getByRole("button", { name: "Present", exact: true }).click();
  const editor = page.locator(".jp-editor");
  await editor.waitFor({ state: "hidden" });
  assert.ok(await page.getByTestId("presets").isHidden(), "the preset gallery goes with the editor");
  await eventually(page, caption(page), /^\+7s\s+Next pod in 8s/, "the caption stays");
  const captionBox = await page.getByTestId("caption").boundingBox();
  assert.ok(captionBox.y + captionBox.height < 1080, `the caption is on the first screen: ${JSON.stringify(captionBox)}`);
  const stage = await page.locator(".jp-stage").boundingBox();
  assert.ok(stage.width > 1800, `the picture takes the full width: ${stage.width}px`);
  const logSize = await page.locator(".jp-log ol").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(logSize >= 20, `the log at projector size: ${logSize}px`);
  const captionSize = await page.getByTestId("caption").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(captionSize >= 28, `the caption larger still: ${captionSize}px`);
  await page.screenshot({ animations: "disabled", path: join(OUT, "present.png") });

  // E, or the visible button, brings the editor back.
  await page.keyboard.press("e");
  await editor.waitFor({ state: "visible" });
  await page.getByRole("button", { name: "Hide editor" }).click();
  await editor.waitFor({ state: "hidden" });
  await page.getByRole("button", { name: "Show editor" }).waitFor();

  // A share link made in present mode opens in present mode.
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const link = await page.getByTestId("share-link").inputValue();
  assert.match(link, /#share=2\./);
  await context.close();
  const fresh = await openPage(chrome.browser, site.origin, { viewport: { width: 1920, height: 1080 } });
  await fresh.page.goto(link);
  await fresh.page.getByTestId("caption").waitFor();
  await eventually(fresh.page, () => fresh.page.getByRole("button", { name: "Present", exact: true }).getAttribute("aria-pressed"), "true", "opened presenting");
  await fresh.page.locator(".jp-editor").waitFor({ state: "hidden" });
  await eventually(fresh.page, caption(fresh.page), /^\+7s\s+Next pod in 8s/, "at the shared moment");
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.context.close();
});

test("inside a widget the playback keys work while it has focus, and never on the host page", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: { width: 1366, height: 768 } });
  await page.goto(site.url + "embed-example.html");
  const widget = page.locator("#indexed");
  const toggle = widget.locator(".jp-transport .jp-play");
  await toggle.waitFor({ timeout: 20000 });
  const label = () => toggle.getAttribute("aria-label");
  // Focus on the widget's speed select: Space plays or pauses, → leaves the speed alone.
  const speed = widget.getByLabel("Speed");
  await speed.focus();
  const before = await label();
  const value = await speed.inputValue();
  await page.keyboard.press(" ");
  await eventually(page, label, before === "Pause" ? "Play" : "Pause", "Space inside the widget");
  await page.keyboard.press("ArrowRight");
  assert.equal(await speed.inputValue(), value, "→ did not change the widget's speed");
  // On the host page the keys are the page's: the widget does not hear them.
  await speed.evaluate((el) => el.blur());
  await eventually(page, label, "Play", "paused by →");
  await page.keyboard.press(" ");
  for (let i = 0; i < 3; i++) await page.evaluate(() => new Promise(requestAnimationFrame));
  assert.equal(await label(), "Play", "Space on the host page leaves the widget alone");
  assert.deepEqual(problems, []);
  await context.close();
});
