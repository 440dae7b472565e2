// Pod tiles travel from the Pending area onto their node (issue 21, item 1). The wasm draws
// each tile where its pod is at the playhead, keyed by the pod's name, so a pod that the
// scheduler binds becomes a new tile in its node's lane; this adds only the motion between
// the two places (FLIP: the tile is laid out in its new place, then animated from the old).
// It changes nothing that is shown once the motion ends, reads no time, and does nothing
// when the reader prefers reduced motion. Used by static/boot.js and static/embed.js.

const TILE = '[data-testid="pod"]';
const PENDING = '[data-testid="pending"]';
// Travels started by one frame at most: a seek can bind hundreds of pods at once, and
// measuring and animating them all would cost that frame more than the motion is worth.
const MOST_AT_ONCE = 60;
const DURATION_MS = 650;
const EASING = "cubic-bezier(0.3, 0, 0.2, 1)";

// A tile's pod: its title, which is also its accessible name, starts `name: ` (a pod's name
// has no colon; src/view_model/cluster.rs, `PodCard::describe`).
const podOf = (tile) => tile.title.slice(0, tile.title.indexOf(":"));

/** Where `element`'s box is laid out in the page, transforms left out: tiles play their
 * stylesheet animations (jp-created, jp-arrive) as they appear, and a box measured mid-way
 * through one would be scaled and shifted. */
function laidOut(element) {
  let x = 0;
  let y = 0;
  for (let at = element; at; at = at.offsetParent) {
    // An offset is from the inside of its parent's border.
    x += at.offsetLeft + (at === element ? 0 : at.clientLeft);
    y += at.offsetTop + (at === element ? 0 : at.clientTop);
  }
  return { x, y };
}

/** Where `tile` stands inside its cluster picture, in CSS pixels: scrolling the page between
 * two frames moves both places alike. */
function place(tile) {
  const picture = tile.closest('[data-testid="cluster"]');
  if (!picture) return null;
  const at = laidOut(tile);
  const origin = laidOut(picture);
  return { x: at.x - origin.x, y: at.y - origin.y };
}

/** Watches `root` (the page's app, or a widget's shadow mount) for pods leaving Pending. */
export function travel(root) {
  const reduced = matchMedia("(prefers-reduced-motion: reduce)");
  let waiting = new Map(); // pod name → its tile's place in the Pending area, as last drawn
  let pendingHeight = 0; // the Pending area's height, as last drawn

  // After every change and every resize: a change elsewhere (Present mode, the editor, a
  // phone turned) moves the Pending area without touching it. With no tile there (or a lane
  // counted by phase) this reads nothing.
  const measurePending = () => {
    waiting = new Map();
    const lane = root.querySelector(PENDING);
    const tiles = lane?.querySelectorAll(TILE) ?? [];
    pendingHeight = tiles.length > 0 ? lane.offsetHeight : 0;
    for (const tile of tiles) {
      const at = place(tile);
      if (at) waiting.set(podOf(tile), at);
    }
  };

  const observer = new MutationObserver((records) => {
    const arrived = []; // tiles added to a node's lane
    for (const record of records) {
      if (record.target.closest?.(PENDING)) continue;
      for (const added of record.addedNodes) {
        if (added.nodeType === Node.ELEMENT_NODE && added.matches(TILE)) arrived.push(added);
      }
    }
    const flying = reduced.matches ? [] : arrived.filter((tile) => waiting.has(podOf(tile)));
    if (flying.length > 0) {
      holdPending(root.querySelector(PENDING), pendingHeight);
      for (const tile of flying.slice(0, MOST_AT_ONCE)) fly(tile, waiting.get(podOf(tile)));
    }
    measurePending();
  });
  observer.observe(root, { childList: true, subtree: true });
  new ResizeObserver(measurePending).observe(root);
  return observer;
}

/** The Pending area, emptier now, shrinks to its new height while its tiles leave rather
 * than at once: the lanes below keep their places for the travels' first frame (so each tile
 * sets off from inside the area it waited in), then slide up as it shrinks. */
function holdPending(lane, height) {
  if (!lane || lane.offsetHeight >= height) return;
  // min-height is of the content box: the lane's padding and border are left out.
  const content = height - (lane.offsetHeight - parseFloat(getComputedStyle(lane).height));
  lane.animate([{ minHeight: `${content}px` }, { minHeight: "0px" }], { duration: DURATION_MS, easing: EASING });
}

/** Moves `tile` from `from` (its place in the Pending area) to where it now stands. */
function fly(tile, from) {
  const to = place(tile);
  if (!to) return;
  const dx = from.x - to.x;
  const dy = from.y - to.y;
  if (Math.abs(dx) + Math.abs(dy) < 2) return;
  // The keyframes also hold the tile opaque and above the lanes it crosses, overriding the
  // stylesheet's arrival animation (static/jobplay.css, jp-arrive) while it travels.
  tile.animate(
    [
      { transform: `translate(${dx}px, ${dy}px)`, opacity: 1, zIndex: 5 },
      { transform: "none", opacity: 1, zIndex: 5 },
    ],
    { duration: DURATION_MS, easing: EASING, id: "travel" },
  );
}
