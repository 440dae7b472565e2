// Each tutorial of the guides, typed command by command at the page's terminal (issue 24):
// tests/tutorials/NAME.json holds the editor's text and each line with what it shows, as
// `cargo test --test tutorials` replays them natively (the page and the CLI replay the same
// scenario). Here each line is typed at the prompt and its entry compared, in order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { openPage, eventually, settled, ROOT, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();
const DIR = join(ROOT, "tests/tutorials");
const tutorials = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();

test("every tutorial has its transcript", () => {
  assert.ok(tutorials.length >= 6, `tutorials: ${tutorials}`);
});

for (const file of tutorials) {
  test(`the tutorial ${file.replace(/\.json$/, "")}, typed command by command, shows what kubectl prints`, { timeout: 180000 }, async () => {
    const { editor, lines } = JSON.parse(readFileSync(join(DIR, file), "utf8"));
    const { page, problems, context } = await openPage(chrome.browser, site.origin);
    await page.goto(site.url);
    await page.getByLabel("YAML manifests").fill(editor);
    await page.getByRole("button", { name: "Run ▶" }).click();
    const input = page.getByTestId("terminal-input");
    // kubectl loaded first (typing while it loads is tests/e2e/terminal.test.mjs's).
    await input.focus();
    await eventually(page, () => page.evaluate(() => document.documentElement.dataset.jobplayModule), "terminal", "the terminal module runs the page");
    const entries = page.locator('[data-testid="terminal-log"] .jp-term-entry');
    for (const [i, line] of lines.entries()) {
      await input.fill(line.type);
      await input.press("Enter");
      await eventually(page, () => entries.count(), i + 1, `line ${i + 1} shows: ${line.type}`, { timeout: 60000 });
      assert.equal(await settled(page, () => entries.nth(i).textContent()), line.shows, `line ${i + 1}: ${line.type}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}
