// The docs widget as a docs author and a reader meet it (issue 21, items 10 and 11): it waits
// until half of it is in view, names its scenario before it starts, offers Replay at the end,
// explains broken YAML on its face, reads tab-indented inline YAML, warns about bad attributes
// in the console, follows the host page's colours, draws the Timeline chart, moves a bound
// pod's tile onto its node as the playground does (static/travel.js), and leaves no
// stale "Loading". Host pages are served by the test itself under the site's origin, with the
// strict CSP a careful docs site has.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { openPage, nextFrame, eventually, holdAnimations, OUT, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/** Opens a host page made of `body` (and `css`) at site.url + name, with embed.js loaded. */
async function host(name, body, { css = "", colorScheme = "light", reducedMotion = "no-preference", viewport } = {}) {
  const opened = await openPage(chrome.browser, site.origin, { colorScheme, reducedMotion, viewport });
  const warnings = [];
  opened.page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
  await opened.page.route(`${site.url}${name}.css`, (r) => r.fulfill({ contentType: "text/css", body: css }));
  await opened.page.route(`${site.url}${name}.html`, (r) => r.fulfill({
    contentType: "text/html",
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>${name}</title><link rel="stylesheet" href="./${name}.css"><script type="module" src="./embed.js"></script></head><body>${body}</body></html>`,
  }));
  await opened.page.goto(`${site.url}${name}.html`);
  return { ...opened, warnings };
}

const shadow = (page, id, selector) => page.locator(`#${id}`).locator(selector);
const mounted = (page, id) => page.evaluate((id) => document.getElementById(id).shadowRoot?.querySelector('[data-testid="widget"]') != null, id);

/** Scrolls the page so that `fraction` of the widget's height is inside the viewport, from its top. */
function showFraction(page, id, fraction) {
  return page.evaluate(([id, fraction]) => {
    const el = document.getElementById(id);
    const top = el.getBoundingClientRect().top + scrollY;
    scrollTo(0, top - innerHeight + el.offsetHeight * fraction);
  }, [id, fraction]);
}

const SHORT = (name) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
        command: [sh, -c, "sleep 2"]
`;

test("below the fold, a widget names its scenario, waits until half of it is visible, plays, and offers Replay at the end", { timeout: 90000 }, async () => {
  const { page, problems, context } = await host("below", `
    <p class="tall">Scroll down.</p>
    <job-playground id="w" preset="pi" autoplay speed="100" height="420"></job-playground>
    <p class="tall">The end.</p>`, { css: ".tall { height: 1600px; }" });
  await page.setViewportSize({ width: 1366, height: 768 });
  assert.equal(await mounted(page, "w"), false, "nothing runs far below the fold");

  // A third in view: the reader sees the name and story, and the demo has not started.
  await showFraction(page, "w", 0.3);
  const name = shadow(page, "w", ".jp-poster-name");
  await name.getByText("One-shot (pi)", { exact: true }).waitFor();
  await shadow(page, "w", ".jp-poster-story").getByText("The docs' first Job: one pod computes pi and the Job completes.").waitFor();
  const box = await name.boundingBox();
  assert.ok(box.y > 0 && box.y + box.height < 768, `the name is on screen (y = ${box.y})`);
  // The visibility check runs in the page's rendering steps: after a few frames it has looked.
  for (let i = 0; i < 5; i++) await nextFrame(page);
  assert.equal(await mounted(page, "w"), false, "a third visible is not enough to start");
  assert.equal(await page.evaluate(() => document.getElementById("w").currentTime), 0);
  await page.screenshot({ animations: "disabled", path: join(OUT, "widget-poster.png") });

  // Over half in view: it starts and plays to its end.
  const ended = page.evaluate(() => new Promise((ok) => document.getElementById("w").addEventListener("ended", ok, { once: true })));
  await showFraction(page, "w", 0.6);
  await shadow(page, "w", '[data-testid="widget"]').waitFor();
  await eventually(page, () => page.evaluate(() => document.getElementById("w").currentTime), (t) => t > 0, "the playhead moves");
  await ended;
  assert.equal(await shadow(page, "w", ".jp-poster").isVisible(), false, "the poster is gone once it runs");

  // Replay is on the widget's face at the end, and plays the run again from its start.
  const replay = page.locator("#w").getByRole("button", { name: "Replay", exact: true });
  await replay.waitFor();
  const replayBox = await replay.boundingBox();
  const widgetBox = await page.locator("#w").boundingBox();
  assert.ok(replayBox.y >= widgetBox.y && replayBox.y + replayBox.height <= widgetBox.y + widgetBox.height, "Replay is inside the widget");
  const restarted = page.evaluate(() => new Promise((ok) => {
    const el = document.getElementById("w");
    el.addEventListener("play", () => ok({ at: el.currentTime, duration: el.duration }), { once: true });
  }));
  await replay.click();
  const { at, duration } = await restarted;
  assert.ok(at < duration, `replay starts over (${at} of ${duration} s)`);
  await replay.waitFor({ state: "hidden" });
  await page.evaluate(() => new Promise((ok) => document.getElementById("w").addEventListener("ended", ok, { once: true })));
  await replay.waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("inline YAML: its comment names it, tabs indent it, and broken YAML is explained on the face with its line", { timeout: 90000 }, async () => {
  const tabbed = ["# Tabs, inline", "# Written with tabs, as a docs page often is.", ...SHORT("tabbed").trimEnd().split("\n")]
    .map((l) => "\t\t" + l.replace(/^((?:  )*)/, (s) => "\t".repeat(s.length / 2))).join("\n");
  assert.match(tabbed, /\n\t{6}image: busybox/, "the YAML's own indentation is tabs too");
  const broken = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: broken\nspec: [\n";
  const { page, problems, context } = await host("inline", `
    <job-playground id="tabs" speed="50" view="kubectl">
\t<script type="text/yaml">
${tabbed}
\t</script>
    </job-playground>
    <job-playground id="broken" autoplay>
      <script type="text/yaml">${broken}</script>
    </job-playground>`);

  // Before its start, the tab-indented widget shows its comment's name and story.
  await shadow(page, "tabs", ".jp-poster-name").getByText("Tabs, inline", { exact: true }).waitFor();
  await shadow(page, "tabs", ".jp-poster-story").getByText("Written with tabs, as a docs page often is.").waitFor();
  await shadow(page, "tabs", ".jp-start").click();
  await shadow(page, "tabs", '[data-testid="kubectl"]').getByText("job.batch/tabbed   Complete   1/1").waitFor({ timeout: 20000 });

  // The broken one says what is wrong and where, on its face (the editor stays folded).
  const face = shadow(page, "broken", '[data-testid="widget-errors"]');
  await face.getByText(/^line 6: YAML syntax error/).waitFor();
  assert.equal(await shadow(page, "broken", "details.jp-widget-edit").evaluate((d) => d.open), false);
  const errorBox = await face.boundingBox();
  const widgetBox = await page.locator("#broken").boundingBox();
  assert.ok(errorBox.y - widgetBox.y < 60, `the reason is at the top of the widget (${errorBox.y - widgetBox.y} px down)`);
  await page.locator("#broken").screenshot({ animations: "disabled", path: join(OUT, "widget-invalid.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

test("bad attributes warn in the console; view=timeline is the Timeline chart and view=events the log", { timeout: 90000 }, async () => {
  const { page, problems, context, warnings } = await host("views", `
    <job-playground id="fast" preset="backoff" autoplay speed="fast" view="timeline"></job-playground>
    <job-playground id="events" preset="backoff" autoplay speed="1000" view="events"></job-playground>`);
  await shadow(page, "fast", '[data-testid="gantt"]').locator('[data-testid="gantt-row"]').first().waitFor({ timeout: 20000 });
  assert.equal(await shadow(page, "fast", ".jp-log").count(), 0, "timeline alone draws no log");
  await shadow(page, "events", ".jp-log").getByText("SuccessfulCreate").first().waitFor({ timeout: 20000 });
  assert.equal(await shadow(page, "events", '[data-testid="gantt"]').count(), 0);
  const speed = warnings.find((w) => w.includes('speed="fast"'));
  assert.ok(speed, warnings.join("\n"));
  assert.match(speed, /^jobplay: <job-playground speed="fast">: speed must be a number from 0\.25 to 1000 .*the default is used/);
  assert.ok(warnings.some((w) => /view="timeline".*the event log it showed before is "events"/.test(w)), warnings.join("\n"));
  assert.equal(warnings.filter((w) => w.includes("job-playground")).length, 2, "the events widget has nothing to warn about");
  await page.locator("#fast").screenshot({ animations: "disabled", path: join(OUT, "widget-timeline.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

const BACKGROUND = (page, id, selector) => page.evaluate(([id, selector]) => {
  const el = document.getElementById(id).shadowRoot.querySelector(selector);
  return el ? getComputedStyle(el).backgroundColor : null;
}, [id, selector]);

test("theme=auto follows the host page's colours, also when the host changes them, whatever the system's", { timeout: 90000 }, async () => {
  const css = "body { background: rgb(17, 17, 17); color: rgb(230, 230, 230); } body.light { background: rgb(255, 255, 255); color: rgb(0, 0, 0); } .schemed { color-scheme: dark; }";
  // The system is light; the host page is dark.
  const { page, problems, context } = await host("dark-host", `
    <job-playground id="auto" theme="auto"><script type="text/yaml">${SHORT("auto")}</script></job-playground>
    <job-playground id="light" theme="light"><script type="text/yaml">${SHORT("light")}</script></job-playground>`, { css, colorScheme: "light" });
  await eventually(page, () => BACKGROUND(page, "auto", ".jp-poster"), "rgb(15, 18, 22)", "the poster is dark in a dark page");
  await shadow(page, "auto", ".jp-start").click();
  await shadow(page, "auto", '[data-testid="job-auto"]').waitFor();
  await eventually(page, () => BACKGROUND(page, "auto", ".jp-root"), "rgb(15, 18, 22)", "the widget is dark in a dark page");
  assert.equal(await BACKGROUND(page, "light", ".jp-poster"), "rgb(247, 248, 250)", "theme=light stays light");
  await page.screenshot({ animations: "disabled", path: join(OUT, "widget-dark-host.png") });
  // The host switches to light: the widget follows.
  await page.evaluate(() => document.body.classList.add("light"));
  await eventually(page, () => BACKGROUND(page, "auto", ".jp-root"), "rgb(247, 248, 250)", "the widget turns light with its page");
  assert.deepEqual(problems, []);
  await context.close();

  // Without a background, the color-scheme the page declares decides; without one, the system.
  const bare = await host("schemed-host", `<div class="schemed"><job-playground id="a" preset="pi"></job-playground></div><job-playground id="b" preset="pi"></job-playground>`, { css: "body { background: transparent; } .schemed { color-scheme: dark; }", colorScheme: "light" });
  await eventually(bare.page, () => BACKGROUND(bare.page, "a", ".jp-poster"), "rgb(15, 18, 22)", "color-scheme: dark");
  assert.equal(await BACKGROUND(bare.page, "b", ".jp-poster"), "rgb(247, 248, 250)", "the light system");
  await bare.context.close();
});

test("once loaded, no widget shows a Loading label, and reduced motion stops transitions", { timeout: 90000 }, async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin, { reducedMotion: "reduce" });
  await page.goto(site.url + "embed-example.html");
  // The first widgets are in view: they load, name themselves, play.
  await page.locator("#indexed").getByTestId("job-indexed").getByTestId("job-status").getByText("Complete").waitFor({ timeout: 20000 });
  await page.locator("#cron").locator(".jp-poster-name").getByText("CronJob: Forbid", { exact: false }).waitFor();
  // Every element that shows text, in the page and inside the widgets' shadow roots.
  const loading = await page.evaluate(() => {
    const found = [];
    const walk = (root) => {
      for (const el of root.querySelectorAll("*")) {
        if (el.shadowRoot) walk(el.shadowRoot);
        const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join("");
        if (/loading/i.test(own) && el.checkVisibility()) found.push(`${el.tagName}.${el.className}: ${own.trim()}`);
      }
    };
    walk(document);
    return found;
  });
  assert.deepEqual(loading, []);
  // prefers-reduced-motion: a transition ends at once, in a widget as on the playground.
  const transition = (root) => page.evaluate((id) => {
    const parent = id ? document.getElementById(id).shadowRoot.querySelector(".jp-root") : document.querySelector(".jp-root");
    const probe = document.createElement("div");
    probe.style.transition = "opacity 2s ease 1s"; // CSSOM: allowed under style-src 'self'
    parent.append(probe);
    const { transitionDuration, transitionDelay } = getComputedStyle(probe);
    probe.remove();
    return `${transitionDuration} ${transitionDelay}`;
  }, root);
  assert.equal(await transition("indexed"), "0s 0s");
  await page.goto(site.url);
  await page.locator(".jp-root").waitFor();
  assert.equal(await transition(null), "0s 0s");
  assert.deepEqual(problems, []);
  await context.close();
});

test("in a widget too, a pod bound to a node travels there from where it waited", { timeout: 90000 }, async () => {
  const { page, problems, context } = await host("travel", `
    <job-playground id="w" autoplay view="cluster">
      <script type="text/yaml">
        apiVersion: batch/v1
        kind: Job
        metadata: {name: queue}
        spec:
          completions: 2
          parallelism: 2
          template:
            spec:
              restartPolicy: Never
              containers: [{name: c, image: busybox, command: [sh, -c, "sleep 3"]}]
        ---
        apiVersion: jobplay.dev/v1alpha1
        kind: Scenario
        spec:
          nodes: [{name: one, pods: "1"}]
      </script>
    </job-playground>`);
  const waiting = shadow(page, "w", '[data-testid="pending"] [data-testid="pod"]');
  await waiting.waitFor({ timeout: 30000 });
  await shadow(page, "w", ".jp-transport").getByRole("button", { name: "Pause" }).click();
  const name = (await waiting.getAttribute("title")).split(":")[0];
  // The page's animations are held at their first frame from here on, so the motion is there
  // to be read once the tile has moved. The playhead moves to the end, where the pod has had
  // its node.
  await holdAnimations(context, page);
  const scrubber = shadow(page, "w", '[aria-label="Virtual time"]');
  await scrubber.fill(await scrubber.getAttribute("max"));
  const tile = shadow(page, "w", `[data-testid="pod"][title^="${name}:"]`);
  const lane = () => tile.evaluate((el) => el.closest('[data-testid^="node-"], [data-testid="pending"]').dataset.testid);
  await eventually(page, lane, "node-one", "the tile's lane");
  assert.deepEqual(await tile.evaluate((el) => el.getAnimations().filter((a) => a.id === "travel").map((a) => a.currentTime)), [0], "the tile is travelling from where it waited");
  assert.deepEqual(problems, []);
  await context.close();
});
