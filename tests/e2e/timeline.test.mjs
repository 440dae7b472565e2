// The Timeline and CronJobs that fit (issue 21, items 4 and 5), as a person sees them:
// the kubernetes.io `hello` CronJob keeps the page to a few screens and shows only the Jobs
// that exist; the chart has a time axis, a label column that never runs under the bars, a
// back-off label before every replacement, a legend, and every row of a 500-pod Job.
// Run with `node --test tests/e2e/timeline.test.mjs` after `trunk build --release`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openPage, eventually, settled, pauseWhen, OUT, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();

// https://kubernetes.io/examples/application/job/cronjob.yaml, as the "Running Automated
// Tasks with a CronJob" task page prints it.
const HELLO = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
`;

const LONG = "nightly-report-generator-for-the-finance-department";
const FLAKY = `apiVersion: batch/v1
kind: Job
metadata:
  name: ${LONG}
spec:
  backoffLimit: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "sleep 3; exit 1"]
`;

const BIG = `apiVersion: batch/v1
kind: Job
metadata:
  name: big
spec:
  completions: 500
  parallelism: 500
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "sleep 5"]
`;

async function run(page, yaml) {
  await page.getByLabel("YAML manifests").fill(yaml);
  await page.getByRole("button", { name: "Run ▶" }).click();
}

const gantt = (page) => page.getByTestId("gantt");

test("the pasted hello CronJob runs ten minutes, says how to run longer and keeps the page to a few screens", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: { width: 1366, height: 768 } });
  await page.goto(site.url);
  await run(page, HELLO);
  await page.getByTestId("cronjob-hello").waitFor();
  await eventually(page, () => page.getByTestId("cron-horizon").innerText(),
    /Simulated the first 10m; add a Scenario with until: 2h to run longer:\s+---\s+apiVersion: jobplay\.dev\/v1alpha1\s+kind: Scenario\s+spec:\s+until: 2h/);
  await page.getByLabel("Speed").selectOption("20");
  // Mid-run: the fifth Job exists, so the history limit has deleted the first ones.
  await pauseWhen(page, '[data-testid="job-hello-28928165"]');
  const shown = await settled(page, () => page.evaluate(() => ({
    rows: [...document.querySelectorAll('[data-testid="gantt"] [data-testid="gantt-label"]')].map((l) => l.textContent),
    jobs: [...document.querySelectorAll('article[data-testid^="job-hello-"]')].map((a) => a.dataset.testid.slice(4)),
    ticks: document.querySelectorAll('[data-testid="cron-tick"]').length,
    tall: document.body.scrollHeight,
    screen: innerHeight,
  })));
  assert.ok(shown.rows.length >= 1 && shown.rows.length <= 5, `a few Jobs, not one per scheduled time: ${shown.rows}`);
  assert.deepEqual(shown.rows, [...shown.rows].sort(), "oldest first");
  assert.deepEqual([...shown.rows].sort(), [...shown.jobs].sort(), "the Timeline has a row for each Job that exists, and only those");
  assert.ok(!shown.rows.includes("hello-28928161"), "the first Job was deleted by the history limit and is gone");
  assert.equal(shown.ticks, 9, "+1m … +9m on the ruler, each its own mark");
  assert.ok(shown.tall <= 4 * shown.screen, `the page is ${shown.tall}px tall, at most four ${shown.screen}px screens`);
  await page.screenshot({ animations: "disabled", path: join(OUT, "cronjob.png"), fullPage: true });
  // At the end the page is no taller.
  await page.getByLabel("Speed").selectOption("1000");
  await page.locator(".jp-transport").getByRole("button", { name: "Play", exact: true }).click();
  await eventually(page, () => page.getByTestId("clock").innerText(), /\+10m/);
  const end = await settled(page, () => page.evaluate(() => document.body.scrollHeight));
  assert.ok(end <= 4 * 768, `at the end the page is ${end}px tall`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Timeline has a time axis, a legend, a label column that never runs under the bars, and a back-off label before every retry", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: { width: 1366, height: 768 } });
  await page.goto(site.url);
  await run(page, FLAKY);
  await page.getByLabel("Speed").selectOption("1000");
  await page.getByTestId(`job-${LONG}`).getByTestId("job-status").filter({ hasText: "Failed" }).waitFor({ timeout: 30000 });
  const chart = gantt(page);
  const axis = await eventually(page, () => chart.getByTestId("gantt-axis").locator(".jp-g-tick text").allTextContents(), (t) => t.length >= 3 && t[0] === "+0", "the axis is labelled from +0");
  assert.ok(axis.slice(1).every((t) => /^\+\d+[smh]/.test(t)), `relative labels: ${axis}`);
  await chart.getByTestId("gantt-mark").filter({ hasText: "Failed" }).waitFor();
  const legend = await chart.getByTestId("gantt-legend").innerText();
  for (const word of ["Pending", "ContainerCreating", "Running", "succeeded", "failed", "back-off", "condition"]) {
    assert.match(legend, new RegExp(word), `the legend explains ${word}`);
  }
  // Four pods (one and three retries): three waits, each labelled in the row of the pod that waited.
  await eventually(page, () => chart.getByText(/^back-off \d+s$/).allTextContents(), (t) => t.length === 3, "a back-off label before every retry");
  // The label column: names cut with an ellipsis, whole in the title, never under the plot.
  const labels = chart.getByTestId("gantt-label");
  await eventually(page, () => labels.count(), 4);
  for (let i = 0; i < 4; i++) {
    const label = labels.nth(i);
    const full = await label.getAttribute("title");
    assert.ok(full.startsWith(`${LONG}-`), full);
    assert.ok(await label.evaluate((el) => el.scrollWidth > el.clientWidth), "the long name is cut");
    const box = await label.boundingBox();
    const plot = await page.getByTestId("gantt-row").nth(i).locator("svg").boundingBox();
    assert.ok(box.x + box.width <= plot.x + 0.5, `label right ${box.x + box.width} <= plot left ${plot.x}`);
    assert.ok(Math.abs(box.y - plot.y) < 2, "on the row's line");
  }
  // Condition labels stay inside the plot.
  const box = await chart.getByTestId("gantt-scroll").boundingBox();
  for (const mark of await chart.getByTestId("gantt-mark").locator("text").all()) {
    const m = await mark.boundingBox();
    assert.ok(m.x >= box.x && m.x + m.width <= box.x + box.width, `${await mark.textContent()} inside the chart`);
  }
  // Focus shows the whole name.
  await labels.first().focus();
  await eventually(page, () => labels.first().evaluate((el) => el.scrollWidth <= el.clientWidth + 1), true, "the focused label shows the whole name");
  await labels.first().blur();
  await chart.screenshot({ animations: "disabled", path: join(OUT, "timeline.png") });
  // At 390 px the text stays readable (11 px or more) and the plot scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const sizes = await settled(page, () => chart.evaluate((el) => [...el.querySelectorAll("text, .jp-g-label, figcaption, li")].map((t) => parseFloat(getComputedStyle(t).fontSize))));
  assert.ok(Math.min(...sizes) >= 11, `smallest text ${Math.min(...sizes)}px`);
  assert.ok(await chart.getByTestId("gantt-scroll").evaluate((el) => el.scrollWidth > el.clientWidth), "the plot scrolls sideways on a phone");
  assert.deepEqual(problems, []);
  await context.close();
});

test("every row of a 500-pod Job can be scrolled to, and only the rows in view are drawn", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: { width: 1366, height: 768 } });
  await page.goto(site.url);
  await run(page, BIG);
  await page.getByLabel("Speed").selectOption("1000");
  await page.getByTestId("job-big").getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 60000 });
  const scroll = gantt(page).getByTestId("gantt-scroll");
  const drawn = await settled(page, () => scroll.getByTestId("gantt-row").count());
  assert.ok(drawn > 10 && drawn < 60, `${drawn} rows drawn of 500`);
  assert.equal(await page.getByText(/more rows not drawn/).count(), 0);
  await scroll.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const last = await eventually(page, () => scroll.getByTestId("gantt-row").last().getAttribute("data-row"), "499", "the last row is drawn");
  assert.equal(last, "499");
  const row = await scroll.getByTestId("gantt-row").last().boundingBox();
  const view = await scroll.boundingBox();
  assert.ok(row.y >= view.y && row.y + row.height <= view.y + view.height + 1, "and in view");
  assert.ok(await scroll.getByTestId("gantt-row").count() < 60, "still only the rows in view");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a day of the hello CronJob draws counted marks on its ruler, not a solid bar", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { viewport: { width: 1366, height: 768 } });
  await page.goto(site.url);
  await run(page, `${HELLO}---\napiVersion: jobplay.dev/v1alpha1\nkind: Scenario\nspec:\n  until: 24h\n`);
  const ticks = page.getByTestId("cron-ruler-hello").getByTestId("cron-tick");
  await eventually(page, () => ticks.count(), (n) => n > 10, "the ruler is drawn");
  const counted = await ticks.evaluateAll((all) => all.map((t) => Number(t.dataset.count ?? 1)));
  assert.equal(counted.reduce((a, b) => a + b, 0), 1439, "every scheduled time is counted once");
  assert.ok(counted.length <= 60, `${counted.length} marks for 1,439 scheduled times`);
  // Neighbouring counts do not overlap.
  const boxes = await page.getByTestId("cron-ruler-hello").locator(".jp-cr-count").evaluateAll((all) => all.map((t) => t.getBoundingClientRect()).map((r) => [r.left, r.right]));
  for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i][0] >= boxes[i - 1][1], `count ${i} starts after count ${i - 1} ends`);
  assert.equal(await page.getByTestId("cron-horizon").count(), 0, "an explicit until needs no note");
  assert.deepEqual(problems, []);
  await context.close();
});
