// The container's shell as a person sees it: a pod's log shows what `||`, `&&` and
// `${VAR:-x}` produced, its run takes busybox's `sleep 1m`, and what jobplay did not run is
// named in the inspector's "jobplay notes" tab. Run after `trunk build --release`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, eventually, useBrowser } from "./harness.mjs";

const { site, chrome } = useBrowser();

const script = (name, text) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["sh", "-c", ${JSON.stringify(text)}]
`;

/** Runs `yaml` to its end and opens the inspector on its only pod. */
async function inspectPod(page, yaml, job) {
  await page.goto(site.url);
  await page.getByLabel("YAML manifests").fill(yaml);
  await page.getByRole("button", { name: "Run ▶" }).click();
  await page.getByLabel("Speed").selectOption("1000");
  await page.getByTestId(`job-${job}`).getByTestId("job-status").filter({ hasText: /Complete|Failed/ }).waitFor({ timeout: 20000 });
  await page.locator('[data-testid="pod"]').first().click();
}

const inspectorText = (page) => () => page.getByTestId("inspector-text").textContent();

test("a script's || and && lists, ${VAR:-x} and sleep 1m run as sh runs them, with no notes", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  const yaml = script("e2e-lists", "false || echo fallback; false && echo never; echo \"queue ${QUEUE:-default}\"; sleep 1m");
  await inspectPod(page, yaml, "e2e-lists");
  await page.getByRole("tab", { name: "logs" }).click();
  await eventually(page, inspectorText(page), "fallback\nqueue default\n");
  // Nothing was assumed, so there is no notes tab.
  assert.equal(await page.getByRole("tab", { name: "jobplay notes" }).count(), 0);
  // One minute of sleep: the pod ran from its start for 60 s (describe's Started/Finished).
  await page.getByRole("tab", { name: "describe" }).click();
  const describe = await eventually(page, inspectorText(page), /Finished:/, "describe shows the finished container");
  const at = (label) => Date.parse(describe.match(new RegExp(`${label}:\\s+(.+)`))[1]);
  assert.equal((at("Finished") - at("Started")) / 1000, 60, describe);
  assert.deepEqual(problems, []);
  await context.close();
});

test("what the shell does not run is named in the pod's jobplay notes", async () => {
  const { page, problems, context } = await openPage(chrome.browser, site.origin);
  await inspectPod(page, script("e2e-noted", "sleep 2; curl -s http://example.com"), "e2e-noted");
  await page.getByRole("tab", { name: "jobplay notes" }).click();
  await eventually(page, inspectorText(page), /"curl" is not simulated; jobplay took it as succeeding with no output \(line 1\)/, "the note on curl");
  assert.deepEqual(problems, []);
  await context.close();
});
