// embed.html: a full-page <job-playground> whose scenario travels in the URL fragment
// (#s=<URL-safe base64 of the YAML>&view=...&speed=...), for hosts that cannot run scripts.
import "./embed.js";

function decode(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bytes = Uint8Array.from(atob(b64 + "===".slice((b64.length + 3) % 4)), (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

const params = new URLSearchParams(location.hash.slice(1));
const widget = document.createElement("job-playground");
for (const name of ["view", "controls", "speed", "seed", "theme", "start-at"]) {
  if (params.has(name)) widget.setAttribute(name, params.get(name));
}
widget.setAttribute("autoplay", "");
if (!params.has("edit")) widget.setAttribute("readonly", "");
try {
  const yaml = params.has("s") ? decode(params.get("s")) : null;
  if (yaml) {
    const child = document.createElement("script");
    child.type = "text/yaml";
    child.textContent = yaml;
    widget.append(child);
  } else {
    widget.setAttribute("preset", params.get("preset") ?? "pi");
  }
} catch {
  const p = document.createElement("p");
  p.className = "jp-frame-error";
  p.textContent = "This embed link's scenario is damaged (was the link cut short?).";
  document.body.append(p);
}
document.body.append(widget);
