// Accessibility: axe-core finds no violations on the playground, light and dark, with a Job
// running and the inspector open. axe is injected with bypassCSP, because the page's own CSP
// (rightly) refuses injected scripts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { serveDist, launch, openPage, pauseWhen } from "./harness.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let site, chrome;
before(async () => {
  site = await serveDist();
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  site?.close();
});

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
