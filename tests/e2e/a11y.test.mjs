// Accessibility: axe-core finds no violations on the playground, light and dark, with a Job
// running and the inspector open, nor in the widgets of the example docs page, light and dark
// (a dark host page turns its theme="auto" widgets dark), played, at rest and before a start.
// axe is injected with bypassCSP, because the page's own CSP (rightly) refuses injected scripts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { openPage, pauseWhen, useBrowser } from "./harness.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const { site, chrome } = useBrowser();

for (const colorScheme of ["light", "dark"]) {
  test(`axe-core reports no violations in the ${colorScheme} theme`, async () => {
    const { page, context } = await openPage(chrome.browser, site.origin, { colorScheme, bypassCSP: true });
    await page.goto(site.url);
    // Paused as soon as the Job has a pod (the Job stays running), so axe reads a page at rest.
    await pauseWhen(page, '[data-testid="pod"]');
    await page.locator('[data-testid="pod"]').first().click();
    await page.getByTestId("inspector-text").waitFor();
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    assert.deepEqual(found, []);
    await context.close();
  });
}

for (const colorScheme of ["light", "dark"]) {
  test(`axe-core reports no violations in the widgets of a ${colorScheme} docs page`, { timeout: 90000 }, async () => {
    const { page, context } = await openPage(chrome.browser, site.origin, { colorScheme, bypassCSP: true });
    if (colorScheme === "dark") {
      // The host page goes dark as a docs site's dark mode does: its widgets follow it.
      await page.route("**/embed-example.css", async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: (await response.text()) + "\nbody { background: rgb(24, 26, 27); color: rgb(220, 220, 220); }\n" });
      });
    }
    await page.goto(site.url + "embed-example.html");
    await page.locator("#indexed").getByTestId("job-indexed").getByTestId("job-status").getByText("Complete").waitFor({ timeout: 20000 });
    await page.locator("#inline").getByText("BackoffLimitExceeded").first().waitFor({ timeout: 20000 });
    // The CronJob widget before its start (its poster), then played for a moment and paused.
    await page.locator("#cron").locator(".jp-poster-name").getByText("CronJob: Forbid").waitFor();
    await page.addScriptTag({ path: axePath });
    const run = () => page.evaluate(async () => {
      const result = await window.axe.run({ include: [["job-playground"]] }, { resultTypes: ["violations"] });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    });
    assert.deepEqual(await run(), []);
    await page.locator("#cron").getByRole("button", { name: "▶ Run the Kubernetes demo" }).click();
    await page.locator("#cron").getByTestId("cronjob-report").waitFor();
    await page.locator("#cron").evaluate((el) => el.pause());
    await page.locator("#cron").getByRole("button", { name: "Play", exact: true }).waitFor();
    assert.deepEqual(await run(), []);
    await context.close();
  });
}
