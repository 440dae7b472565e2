// Loads the playground's WebAssembly module. A file rather than an inline script so that the
// page runs under a strict Content-Security-Policy. URLs are relative to this script, so
// dist/ works under any sub-path.
import init from "./jobplay.js";

const here = new URL(".", import.meta.url);
init({ module_or_path: new URL("jobplay_bg.wasm", here) }).catch((error) => {
  const app = document.getElementById("app");
  if (app) {
    app.textContent = "jobplay could not start: " + error;
  }
  console.error(error);
});
