// Share links and untrusted content: a link reproduces the run at the same moment in a fresh
// browser, never replaces the user's own text without asking, explains a damaged link, and
// hostile text (in manifests, logs and links) is shown as text and never runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, eventually, settled, pauseWhen, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: shared
spec:
  completions: 6
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
        command: ["sh", "-c", "sleep 7; exit $((RANDOM % 2))"]
`;

// Every place a user's text reaches the page: an annotation, a log line, an event message
// (the pod name comes from the Job's), and a validation message quoting a bad value.
const HOSTILE = `apiVersion: batch/v1
kind: Job
metadata:
  name: hostile
  annotations:
    note: "<img src=x onerror=\\"window.__pwned='annotation'\\">"
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
        command: ["sh", "-c", "echo '<script>window.__pwned=\\"log\\"</script><img src=x onerror=window.__pwned=1>'"]
---
apiVersion: batch/v1
kind: Job
metadata:
  name: "<svg onload=window.__pwned='name'>"
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox}]
`;

async function fastest(page) {
  await page.getByLabel("Speed").selectOption("1000");
}

/** What the cluster shows: the clock, each Job's counters and status, each pod's state. */
async function snapshot(page) {
  return {
    clock: await page.getByTestId("clock").innerText(),
    jobs: await page.locator("[data-testid^=job-]:not([data-testid=job-status])").evaluateAll((els) => els.map((e) => e.innerText)),
    pods: await page.getByTestId("pod").evaluateAll((els) => els.map((e) => `${e.title} ${e.dataset.state}`)),
  };
}

async function shareLink(page) {
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const link = await page.getByTestId("share-link").inputValue();
  await page.getByRole("button", { name: "Close", exact: true }).click();
  return link;
}

test("a share link opened in a fresh browser reproduces the run at the same moment", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  await page.getByLabel("YAML manifests").fill(JOB);
  await page.getByRole("button", { name: "Run ▶" }).click();
  await page.getByTestId("job-shared").waitFor();
  await page.getByLabel("Speed").selectOption("20");
  // Paused mid-run, in the first frame with a pod succeeded.
  await pauseWhen(page, '[data-testid="pod"][data-state="succeeded"]');
  const before = await settled(page, () => snapshot(page));
  const link = await shareLink(page);
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/tools\/jobplay\/#share=1\.[A-Za-z0-9_-]+$/);
  assert.ok(link.length < JOB.length + 120, `the link (${link.length} chars) is compressed`);
  await context.close();

  const fresh = await openPage(chrome.browser, site.origin);
  await fresh.page.goto(link);
  await fresh.page.getByTestId("job-shared").waitFor();
  assert.equal(await fresh.page.getByLabel("YAML manifests").inputValue(), JOB, "every byte of the text");
  await eventually(fresh.page, () => snapshot(fresh.page), before, "the same state at the same moment");
  assert.equal(await fresh.page.getByRole("button", { name: "Play" }).count(), 1, "opened paused");
  await eventually(fresh.page, () => new URL(fresh.page.url()).hash, "", "the fragment is dropped once opened");
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.context.close();
});

test("a share link asks before replacing the user's own text, and the text can be brought back", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  const link = await shareLink(page); // the default preset, as shipped
  const mine = JOB.replace("name: shared", "name: mine");
  await page.getByLabel("YAML manifests").fill(mine);
  await page.goto(link);
  const banner = page.getByTestId("share-banner");
  await banner.waitFor();
  assert.match(await banner.innerText(), /This link carries a shared scenario \(\d+ lines\)/);
  assert.equal(await page.getByLabel("YAML manifests").inputValue(), mine, "nothing replaced yet");
  await page.getByTestId("share-open").click();
  const shared = await eventually(page, () => page.getByLabel("YAML manifests").inputValue(), (text) => text !== mine, "the shared text replaces mine");
  // Both texts are saved as the page renders them: reload once they are.
  const saved = () => page.evaluate(() => [localStorage.getItem("jobplay.editor.v1"), localStorage.getItem("jobplay.editor.before-share.v1")]);
  await eventually(page, saved, [shared, mine], "saved");
  await page.reload(); // the replaced text survives a reload too
  await page.getByLabel("YAML manifests").waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem("jobplay.editor.before-share.v1")), mine);
  await page.goto(link); // same document: only the fragment changes
  // Same text as saved now: handled without asking (the fragment is dropped at once).
  await page.waitForFunction(() => location.hash === "");
  assert.equal(await page.getByTestId("share-open").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();

  const second = await openPage(chrome.browser, site.origin);
  await second.page.goto(site.url);
  await second.page.getByLabel("YAML manifests").fill(mine);
  await second.page.goto(link);
  await second.page.getByTestId("share-open").click();
  await second.page.getByTestId("share-restore").click();
  await eventually(second.page, () => second.page.getByLabel("YAML manifests").inputValue(), mine, "brought back");
  await second.context.close();
});

test("a damaged share link is explained and changes nothing", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  const link = await shareLink(page);
  await page.getByLabel("YAML manifests").fill(JOB);
  for (const [broken, why] of [
    [link.slice(0, -12), /cut short|do not match/],
    [link.replace("#share=1.", "#share=9."), /newer jobplay \(link format 9\)/],
    [link + "%3Cscript%3E", /cannot appear in a jobplay link/],
  ]) {
    await page.goto(site.url + "#blank");
    await page.goto(broken); // same document: read on hashchange
    const banner = page.getByTestId("share-banner");
    // The banner may still be the last link's until this one is read.
    await eventually(page, () => banner.innerText(), why);
    assert.match(await banner.innerText(), /Your own text is unchanged/);
    assert.equal(await page.getByLabel("YAML manifests").inputValue(), JOB);
  }
  // Opened as a fresh page, the same: the link is read before anything else.
  await page.goto("about:blank");
  await page.goto(link.slice(0, -12));
  await page.getByTestId("share-banner").waitFor();
  assert.equal(await page.getByLabel("YAML manifests").inputValue(), JOB);
  assert.deepEqual(problems, []);
  await context.close();
});

test("hostile text in manifests, logs and share links is shown as text and never runs", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(site.url);
  await page.getByLabel("YAML manifests").fill(HOSTILE);
  await page.getByRole("button", { name: "Run ▶" }).click();
  await fastest(page);
  await page.getByTestId("job-hostile").getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  // The invalid name is quoted in its diagnostic, as text.
  assert.match(await page.locator(".jp-diag-error").first().innerText(), /<svg onload=window.__pwned='name'>/);
  await page.getByTestId("pod").first().click();
  await page.getByRole("tab", { name: "logs" }).click();
  await eventually(page, () => page.getByTestId("inspector-text").innerText(), /<script>window.__pwned="log"<\/script><img src=x onerror=window.__pwned=1>/);
  const link = await shareLink(page);

  const inert = async (p, where) => {
    assert.equal(await p.evaluate(() => window.__pwned), undefined, `${where}: nothing ran`);
    assert.equal(await p.locator(".jp-root img, .jp-root script, .jp-root svg[onload]").count(), 0, `${where}: no element came from the text`);
  };
  await inert(page, "pasted");
  const fresh = await openPage(chrome.browser, site.origin);
  fresh.page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await fresh.page.goto(link);
  await fresh.page.getByTestId("job-hostile").waitFor();
  assert.equal(await fresh.page.getByLabel("YAML manifests").inputValue(), HOSTILE);
  await fastest(fresh.page);
  await fresh.page.keyboard.press(" ");
  await fresh.page.getByTestId("job-hostile").getByTestId("job-status").filter({ hasText: "Complete" }).waitFor({ timeout: 20000 });
  await inert(fresh.page, "shared");
  // A link whose fragment is itself markup.
  await fresh.page.goto(site.url + "#share=<img src=x onerror=alert(1)>");
  await eventually(fresh.page, () => fresh.page.getByTestId("share-banner").innerText(), /^This share link could not be opened: [\s\S]*Your own text is unchanged\./, "the markup link is read and refused");
  await inert(fresh.page, "markup link");
  assert.deepEqual(dialogs, []);
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.context.close();
  await context.close();
});
