// The terminal (issue 24): a kubernetes.io tutorial typed command by command, each output as
// kubectl prints it (the expected texts are what `jobplay run FILE --output terminal` prints
// for the same lines: the page and the CLI replay the same scenario); history and tab
// completion; Copy and Clear; a share link made after typing replays the same session; and
// the widget's view="terminal", a recorded session that plays with the demo; and kubectl
// loading only with the terminal (the page's first module hands over to the terminal module,
// ARCHITECTURE.md "The page's modules").
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openPage, eventually, settled, OUT, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();

const input = (page) => page.getByTestId("terminal-input");
const entries = (page) => page.locator('[data-testid="terminal-log"] .jp-term-entry');

/** A page with an empty editor and no run: the terminal alone, at +0s, kubectl loaded (the
 * hand-over itself, typing while it happens, has tests of its own below). */
async function emptyPlayground(viewport) {
  const opened = await openPage(chrome.browser, site.origin, { viewport });
  await opened.page.goto(site.url);
  await opened.page.getByLabel("YAML manifests").fill("");
  await opened.page.getByRole("button", { name: "Run ▶" }).click();
  await opened.page.getByText("Nothing to run yet").waitFor();
  await terminalModule(opened.page);
  return opened;
}

/** Goes to the prompt and waits for the terminal module to run the page. */
async function terminalModule(page) {
  await page.getByTestId("terminal-input").focus();
  await eventually(page, () => module(page), "terminal", "the terminal module runs the page");
}

/** Types `line` and Enter; returns what the line printed once it shows (its echo first). */
async function type(page, line) {
  const before = await entries(page).count();
  await input(page).fill(line);
  await input(page).press("Enter");
  await eventually(page, () => entries(page).count(), before + 1, `"${line}" shows`);
  return settled(page, () => entries(page).nth(before).textContent());
}

/** Asserts each line's output, typed in order. */
async function follow(page, steps) {
  for (const [line, output] of steps) {
    const shown = await type(page, line);
    const expected = `$ ${line}\n${output}`;
    if (output instanceof RegExp) assert.match(shown.trimEnd(), output, line);
    else assert.equal(shown.trimEnd(), expected.trimEnd(), line);
  }
}

const clock = (page) => page.locator(".jp-clock").first().innerText();

/** The file names the page has asked for so far. */
function requested(page) {
  const names = [];
  page.on("request", (r) => names.push(new URL(r.url()).pathname.split("/").pop()));
  return names;
}

const module = (page) => page.evaluate(() => document.documentElement.dataset.jobplayModule ?? "first");

test("kubectl loads with the terminal: the page starts without it, and going to the prompt hands the session over, the line being typed too", { timeout: 90000 }, async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  const names = requested(page);
  await page.goto(site.url);
  // The default preset, paused at a moment of its own, in Present mode at 20×.
  await page.getByRole("button", { name: "Present" }).click();
  await page.getByLabel("Speed").selectOption("20");
  await eventually(page, async () => /\+[1-9]/.test(await clock(page)), true, "the preset has played");
  await page.getByRole("button", { name: "Pause" }).first().click();
  const paused = await settled(page, () => clock(page));
  assert.ok(names.includes("jobplay_bg.wasm"));
  assert.ok(!names.some((n) => n.startsWith("jobplay_terminal") || n.startsWith("jobplay_widget")), `only the first module: ${names}`);
  assert.equal(await module(page), "first");
  // Typing starts at once; the terminal module arrives meanwhile and takes the page over.
  await input(page).click();
  await page.keyboard.type("kubectl get jo");
  await eventually(page, () => module(page), "terminal", "the terminal module runs the page");
  assert.ok(names.includes("jobplay_terminal_bg.wasm"));
  assert.equal(await input(page).inputValue(), "kubectl get jo", "the line being typed is kept");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "terminal-input", "and the focus");
  assert.equal(await settled(page, () => clock(page)), paused, "the playhead is where it was");
  assert.equal(await page.getByLabel("Speed").inputValue(), "20");
  assert.equal(await page.getByRole("button", { name: "Present" }).getAttribute("aria-pressed"), "true");
  await page.keyboard.type("bs");
  await page.keyboard.press("Enter");
  await eventually(page, () => entries(page).count(), 1, "the line runs");
  assert.match(await entries(page).first().textContent(), /^\$ kubectl get jobs\nNAME +STATUS +COMPLETIONS +DURATION +AGE\nflaky +/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Job tutorial (pi), typed command by command, prints what kubectl prints", { timeout: 120000 }, async () => {
  const { page, problems, context } = await emptyPlayground();
  await follow(page, [
    ["kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml", "job.batch/pi created"],
    ["kubectl describe job pi", /^\$ kubectl describe job pi\nName:\s+pi\nNamespace:\s+default\n[^]*Pods Statuses:\s+1 Active \(0 Ready\) \/ 0 Succeeded \/ 0 Failed\n[^]*Normal\s+SuccessfulCreate\s+0s\s+job-controller\s+Created pod: pi-d2v22/],
    ["kubectl get pods", "NAME       READY   STATUS              RESTARTS   AGE\npi-d2v22   0/1     ContainerCreating   0          0s"],
  ]);
  assert.match(await clock(page), /\+0s/);
  await follow(page, [
    ["kubectl wait --for=condition=complete --timeout=300s job/pi", "job.batch/pi condition met"],
  ]);
  // The wait took virtual time: the playhead is where the Job completed, and the picture too.
  assert.match(await clock(page), /\+13s/);
  await page.getByTestId("job-pi").getByTestId("job-status").filter({ hasText: "Complete" }).waitFor();
  await follow(page, [
    ["kubectl get pods", "NAME       READY   STATUS      RESTARTS   AGE\npi-d2v22   0/1     Completed   0          13s"],
    // perl -Mbignum=bpi -wle 'print bpi(2000)': 2,000 digits of π, computed in the pod.
    ["kubectl logs pi-d2v22", /^\$ kubectl logs pi-d2v22\n3\.14159265358979323846[0-9]{1969}4780275901$/],
    ["kubectl delete job pi", 'job.batch "pi" deleted from default namespace'],
    ["kubectl get jobs", "No resources found in default namespace."],
  ]);
  // The typed lines are in the scenario, each at the virtual time it was typed.
  const text = await page.getByLabel("YAML manifests").inputValue();
  assert.match(text, /terminal:\n  - \{at: 0s, run: "kubectl apply -f https:\/\/kubernetes.io\/examples\/controllers\/job.yaml"\}\n/);
  assert.match(text, /- \{at: 13s, run: "kubectl delete job pi"\}/);
  // Scrubbing back hides the later lines, and the cluster is as it was before them; the wait
  // typed at +0s is still waiting at +5s, without its output.
  await page.getByLabel("Virtual time").fill("5000");
  await eventually(page, () => entries(page).count(), 4, "the lines typed by +5s");
  assert.equal(await entries(page).last().textContent(), "$ kubectl wait --for=condition=complete --timeout=300s job/pi\n");
  await page.getByTestId("job-pi").getByTestId("job-status").filter({ hasText: "Running" }).waitFor();
  await page.getByTestId("terminal").screenshot({ animations: "disabled", path: join(OUT, "terminal.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the CronJob tutorial (Running Automated Tasks with a CronJob), typed command by command", { timeout: 120000 }, async () => {
  const { page, problems, context } = await emptyPlayground();
  await follow(page, [
    ["kubectl create -f https://k8s.io/examples/application/job/cronjob.yaml", "cronjob.batch/hello created"],
    ["kubectl get cronjob hello", "NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   * * * * *   <none>     False     0        <none>          0s"],
    ["sleep 70", ""],
    ["kubectl get jobs", "NAME             STATUS     COMPLETIONS   DURATION   AGE\nhello-28928161   Complete   1/1           3s         10s"],
    ["kubectl get cronjob hello", "NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   * * * * *   <none>     False     0        10s             70s"],
    ["kubectl get pods", "NAME                   READY   STATUS      RESTARTS   AGE\nhello-28928161-d2v22   0/1     Completed   0          10s"],
    ["kubectl logs hello-28928161-d2v22", /^\$ kubectl logs hello-28928161-d2v22\n[^]*Hello from the Kubernetes cluster$/],
    ["kubectl delete cronjob hello", 'cronjob.batch "hello" deleted from default namespace'],
  ]);
  assert.match(await clock(page), /\+1m10s/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("history, tab completion, errors, Copy and Clear", { timeout: 90000 }, async () => {
  const { page, problems, context } = await emptyPlayground();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await type(page, "kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml");
  // Tab completes a command, a resource type and a name present at the playhead.
  await input(page).fill("kubectl ge");
  await input(page).press("Tab");
  await eventually(page, () => input(page).inputValue(), "kubectl get ");
  await input(page).pressSequentially("jo");
  await input(page).press("Tab");
  await eventually(page, () => input(page).inputValue(), "kubectl get jobs ");
  await input(page).press("Tab");
  await eventually(page, () => input(page).inputValue(), "kubectl get jobs pi ");
  await input(page).fill("kubectl d");
  await input(page).press("Tab");
  await eventually(page, () => page.getByTestId("terminal-choices").innerText(), "delete  describe  drain");
  // Escape, then Tab, leaves the prompt with its line kept: no keyboard trap.
  await input(page).press("Escape");
  await input(page).press("Tab");
  await eventually(page, () => input(page).evaluate((i) => i === i.getRootNode().activeElement), false);
  assert.equal(await input(page).inputValue(), "kubectl d");
  await input(page).focus();
  // An error is kubectl's, on the error stream.
  const shown = await type(page, "kubectl foo");
  assert.match(shown, /^\$ kubectl foo\nerror: unknown command "foo" for "kubectl"/);
  assert.equal(await entries(page).last().locator(".jp-term-err").count(), 1);
  // ↑ brings back the lines typed, newest first; ↓ returns to an empty line.
  await input(page).press("ArrowUp");
  await eventually(page, () => input(page).inputValue(), "kubectl foo");
  await input(page).press("ArrowUp");
  await eventually(page, () => input(page).inputValue(), "kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml");
  await input(page).press("ArrowDown");
  await input(page).press("ArrowDown");
  await eventually(page, () => input(page).inputValue(), "");
  // Space typed here is a space, not the page's play/pause.
  await input(page).pressSequentially("kubectl get pods");
  await eventually(page, () => input(page).inputValue(), "kubectl get pods");
  // The log is announced politely, each output as it is added.
  const log = page.getByTestId("terminal-log");
  assert.equal(await log.getAttribute("role"), "log");
  assert.equal(await log.getAttribute("aria-live"), "polite");
  await page.getByTestId("terminal-copy").click();
  await eventually(page, () => page.getByTestId("terminal-copy").innerText(), "Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^\$ kubectl apply -f https:\/\/kubernetes.io\/examples\/controllers\/job.yaml\njob.batch\/pi created\n\$ kubectl foo\nerror: unknown command "foo" for "kubectl"/);
  await page.getByTestId("terminal-clear").click();
  await eventually(page, () => entries(page).count(), 0, "Clear removes the typed lines");
  assert.doesNotMatch(await page.getByLabel("YAML manifests").inputValue(), /terminal:/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the prompt takes a here-document line by line, as a shell's > prompt does, and a paste of several lines runs each", { timeout: 90000 }, async () => {
  const { page, problems, context } = await emptyPlayground();
  await input(page).click();
  // Enter inside an open here-document starts a new line; the delimiter ends it and runs it.
  for (const line of ["cat <<EOF > note.txt", "hello from a here-document"]) {
    await page.keyboard.type(line);
    await page.keyboard.press("Enter");
    assert.equal(await entries(page).count(), 0, `"${line}" waits for more`);
  }
  assert.equal(await input(page).getAttribute("rows"), "3", "the prompt grows with its lines");
  await page.keyboard.type("EOF");
  await page.keyboard.press("Enter");
  await eventually(page, () => entries(page).count(), 1, "the here-document runs");
  assert.equal(await entries(page).first().textContent(), "$ cat <<EOF > note.txt\n> hello from a here-document\n> EOF\n");
  // What it wrote is there for the next line, which the shell reads with its variables.
  await follow(page, [["f=note.txt; cat $f | wc -l", "1"]]);
  // A paste of two command lines: each is a line of its own.
  await input(page).fill("kubectl get jobs\nkubectl get pods");
  await input(page).press("Enter");
  await eventually(page, () => entries(page).count(), 4, "both pasted lines");
  assert.equal(await entries(page).nth(2).textContent(), "$ kubectl get jobs\nNo resources found in default namespace.\n");
  assert.equal(await entries(page).nth(3).textContent(), "$ kubectl get pods\nNo resources found in default namespace.\n");
  // kubectl explain, from the API's own field descriptions, in the page too.
  await follow(page, [["kubectl explain job.spec.backoffLimit", /^\$ kubectl explain job.spec.backoffLimit\nGROUP:\s+batch\nKIND:\s+Job\nVERSION:\s+v1\n\nFIELD: backoffLimit <integer>\n\n\nDESCRIPTION:\n\s+Specifies the number of retries/]]);
  // A line the shell cannot read is not run: it stays at the prompt, with the shell's reason.
  await input(page).fill("kubectl get pods )");
  await input(page).press("Enter");
  await page.getByTestId("terminal-error").filter({ hasText: /^sh: line 1: syntax error/ }).waitFor();
  assert.equal(await input(page).inputValue(), "kubectl get pods )");
  assert.equal(await entries(page).count(), 5, "the refused line is not an entry");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a share link made after typing replays the same lines, outputs and cluster", { timeout: 90000 }, async () => {
  const { page, problems, context } = await emptyPlayground();
  const lines = ["kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml", "sleep 20", "kubectl get pods", "kubectl get jobs"];
  for (const line of lines) await type(page, line);
  const typed = await page.getByTestId("terminal-log").innerText();
  await page.getByRole("button", { name: "Share" }).click();
  const link = await page.getByTestId("share-link").inputValue();
  const other = await openPage(chrome.browser, site.origin);
  await other.page.goto(link);
  await eventually(other.page, () => entries(other.page).count(), lines.length, "every typed line");
  assert.equal(await settled(other.page, () => other.page.getByTestId("terminal-log").innerText()), typed);
  assert.match(await clock(other.page), /\+20s/);
  // The link's text has typed lines: the page handed itself over to the terminal module.
  assert.equal(await module(other.page), "terminal");
  await other.page.getByTestId("job-pi").getByTestId("job-status").filter({ hasText: "Complete" }).waitFor();
  assert.deepEqual([...problems, ...other.problems], []);
  await other.context.close();
  await context.close();
});

test("the terminal fits a phone and a projector", { timeout: 90000 }, async () => {
  for (const [name, viewport, present] of [["terminal-390", { width: 390, height: 844 }, false], ["terminal-1366", { width: 1366, height: 768 }, false], ["terminal-present", { width: 1366, height: 768 }, true]]) {
    const { page, problems, context } = await emptyPlayground(viewport);
    await type(page, "kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml");
    await type(page, "kubectl get pods -o wide");
    if (present) await page.getByRole("button", { name: "Present" }).click();
    // Nothing of the terminal is cut off sideways: its box fits the page.
    const box = await page.getByTestId("terminal").boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= viewport.width + 1, `${name}: ${JSON.stringify(box)}`);
    await input(page).scrollIntoViewIfNeeded();
    await page.screenshot({ animations: "disabled", path: join(OUT, `${name}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

const RECORDED = `apiVersion: jobplay.dev/v1alpha1
kind: Scenario
spec:
  terminal:
  - {at: 0s, run: "kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml"}
  - {at: 5s, run: "kubectl get pods"}
  - {at: 6s, run: "kubectl wait --for=condition=complete --timeout=300s job/pi"}
  - {at: 20s, run: "kubectl get jobs"}
`;

test("the widget's view=terminal plays a recorded session with the demo, without a prompt when readonly", { timeout: 90000 }, async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.route(`${site.url}terminal-host.html`, (r) => r.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>terminal</title><script type="module" src="./embed.js"></script></head><body>
      <job-playground id="w" view="cluster terminal" readonly autoplay speed="2"><script type="text/yaml">${RECORDED}</script></job-playground></body></html>`,
  }));
  await page.goto(`${site.url}terminal-host.html`);
  const log = page.locator("#w").locator('[data-testid="terminal-log"] .jp-term-entry');
  // Each line appears at its time, with its output, as the demo plays.
  await eventually(page, () => log.count(), 1, "the apply at 0s");
  assert.equal(await log.first().textContent(), "$ kubectl apply -f https://kubernetes.io/examples/controllers/job.yaml\njob.batch/pi created\n");
  await eventually(page, () => log.count(), 2, "the get at 5s");
  assert.match(await log.nth(1).textContent(), /pi-d2v22   1\/1     Running   0          5s/);
  await eventually(page, () => log.count(), 4, "the rest by 20s", { timeout: 60000 });
  assert.match(await log.nth(3).textContent(), /pi     Complete   1\/1           13s        20s/);
  assert.equal(await page.locator("#w").locator('[data-testid="terminal-input"]').count(), 0, "readonly: no prompt");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a line entered before kubectl has arrived runs once it has; a module that cannot be fetched is said, and fetched again on the next try", { timeout: 90000 }, async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  let release;
  const arrived = new Promise((ok) => { release = ok; });
  let attempts = 0;
  await page.route("**/jobplay_terminal_bg.wasm", async (route) => {
    attempts += 1;
    if (attempts === 1) return route.abort("internetdisconnected");
    await arrived;
    return route.continue();
  });
  await page.goto(site.url);
  await page.getByRole("button", { name: "Pause" }).first().click();
  // The first try fails: the page says so and goes on with the first module.
  await input(page).click();
  await page.getByText("The terminal could not be loaded").first().waitFor();
  assert.equal(await module(page), "first");
  // The next try is held back until the line is entered.
  await page.getByRole("button", { name: "Pause" }).or(page.getByRole("button", { name: "Play" })).first().focus();
  await input(page).click();
  await page.keyboard.type("kubectl get jobs");
  await page.keyboard.press("Enter");
  assert.equal(await page.getByTestId("terminal-loading").innerText(), "Loading kubectl: the line runs once it is here.");
  assert.equal(await input(page).inputValue(), "kubectl get jobs\n", "the line waits in the prompt");
  release();
  await eventually(page, () => module(page), "terminal", "the terminal module runs the page");
  await eventually(page, () => entries(page).count(), 1, "the line entered before runs");
  assert.match(await entries(page).first().textContent(), /^\$ kubectl get jobs\nNAME +STATUS/);
  assert.equal(await input(page).inputValue(), "", "and the prompt is empty");
  // The failed fetch was the one problem.
  assert.equal(problems.filter((p) => !p.includes("jobplay_terminal_bg.wasm")).length, 0, problems.join("\n"));
  await context.close();
});

test("a widget loads the terminal module only for typed lines: at its start, or when load() brings them", { timeout: 90000 }, async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  const names = requested(page);
  await page.route(`${site.url}two-widgets.html`, (r) => r.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widgets</title><script type="module" src="./embed.js"></script></head><body>
      <job-playground id="w" preset="pi" view="cluster"></job-playground></body></html>`,
  }));
  await page.goto(`${site.url}two-widgets.html`);
  const widget = page.locator("#w");
  await widget.evaluate((w) => w.play());
  await widget.getByTestId("job-pi").waitFor();
  assert.ok(names.includes("jobplay_widget_bg.wasm"), `the widget module: ${names}`);
  assert.ok(!names.some((n) => n.startsWith("jobplay_terminal") || n === "jobplay_bg.wasm"), `a widget without typed lines: the widget module alone: ${names}`);
  // load() brings a scenario whose Job only a typed line applies: the widget moves to the
  // terminal module, which applies it.
  const before = await widget.evaluate((w) => w.duration);
  assert.ok(before < 20, `the preset's run ends before 20s: ${before}`);
  // load() resolves once the widget has moved; a command right after it goes to the moved
  // widget.
  await widget.evaluate(async (w, yaml) => { await w.load(yaml); await w.seek(3); }, RECORDED);
  assert.ok(names.includes("jobplay_terminal_bg.wasm"), "the terminal module");
  await eventually(page, () => widget.evaluate((w) => w.currentTime), 3, "the seek after load()");
  // The typed lines' run: it lasts to the last line, at 20s, and the Job the first applied.
  await eventually(page, () => widget.evaluate((w) => w.duration >= 20), true, "the typed lines' run");
  await widget.getByTestId("job-pi").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("the hand-over keeps the object in the inspector and the event log's filter", { timeout: 90000 }, async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await page.goto(site.url);
  await page.getByLabel("YAML manifests").fill(`apiVersion: batch/v1
kind: Job
metadata: {name: kept}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox, command: [sh, -c, "echo kept; sleep 5"]}]
`);
  await page.getByRole("button", { name: "Run ▶" }).click();
  await page.getByTestId("job-kept").waitFor();
  await page.locator('[data-testid="pod"]').first().click();
  await page.getByTestId("inspector-text").waitFor();
  // Its first line names the object (the rest ages as the run plays).
  const firstLine = async () => (await page.getByTestId("inspector-text").textContent()).split("\n")[0];
  const before = await eventually(page, firstLine, /kept-[a-z0-9]{5}/, "the pod in the inspector");
  await page.getByLabel("Filter events by text").fill("kept");
  assert.equal(await module(page), "first");
  await terminalModule(page);
  await eventually(page, firstLine, before, "the same object in the inspector");
  assert.equal(await page.getByLabel("Filter events by text").inputValue(), "kept");
  assert.deepEqual(problems, []);
  await context.close();
});

