/* Asset viewer: a dark stage that steps through the loaded results locally, then tells Python where it is. */

const NEED_MORE_WITHIN = 3;
const PRELOAD_AHEAD = 2;
// Held-down arrow keys step many times a second: the picture swaps at once, Python hears where it settled.
// Everything for Python leaves together in one flush, because Streamlit keeps only the newest batch of a
// component's triggers when a second batch arrives before the first one's rerun has started.
const REPORT_AFTER_MS = 120;
// A "need more" that got lost that way (or a page that failed to load) is asked again after this long.
const ASK_AGAIN_MS = 2500;

export default function ({ data, parentElement, setStateValue, setTriggerValue }) {
  const inst = instanceFor(parentElement, () => createViewer(parentElement));
  inst.api = { setStateValue, setTriggerValue };
  update(inst, data || {});
  return lifecycle(inst, () => listen(document, "keydown", (e) => onKey(inst, e), true));
}

function createViewer(root) {
  const img = h("img", { class: "media", testid: "viewer-image", alt: "", draggable: false, decoding: "async" });
  const video = h("video", { class: "media-video", testid: "viewer-video", controls: true, preload: "metadata", playsInline: true });
  const canvas = h("div", { class: "canvas" }, img, video,
    h("div", { class: "busy" }, h("span", { class: "spinner" })),
    h("div", { class: "missing" }, icon("file"), h("span", { text: "No preview for this file" })));
  const counter = h("span", { class: "counter", testid: "viewer-counter", "aria-live": "polite" });
  const title = h("span", { class: "title", testid: "viewer-title" });
  const original = h("a", { class: "tool tile", target: "_blank", rel: "noopener", title: "Open original", testid: "viewer-original" },
    icon("external"));
  const close = h("button", { class: "tool tile close", type: "button", title: "Close (Esc)", testid: "viewer-close", "aria-label": "Close" },
    icon("close"));
  const prev = h("button", { class: "nav tile prev", type: "button", testid: "viewer-prev", "aria-label": "Previous" }, icon("left"));
  const next = h("button", { class: "nav tile next", type: "button", testid: "viewer-next", "aria-label": "Next" }, icon("right"));
  const zoomLabel = h("button", { class: "zoom", type: "button", testid: "viewer-zoom", title: "Toggle fit / 100%" });
  const stage = h("div", { class: "stage", testid: "viewer-stage", tabIndex: -1, role: "region", "aria-label": "Asset viewer" },
    canvas, h("div", { class: "topbar" }, counter, title, h("span", { class: "spacer" }), original, close), prev, next,
    h("div", { class: "bottombar" }, zoomLabel, h("span", { class: "hint", text: "Click to zoom · scroll to zoom · drag to pan" })));
  root.appendChild(stage);
  const inst = {
    stage, canvas, img, video, counter, title, original, zoomLabel, prev, next,
    items: [], total: 0, index: 0, item: null, shownKey: null, askedAt: -1, pendingStep: 0, preloaded: new Map(),
  };
  img.addEventListener("load", () => {
    img.classList.add("loaded");
    stage.classList.remove("busy");
    // The first draw of an item fits it; a later load (the original replacing the preview) keeps the zoom.
    if (!inst.view || inst.view.id !== inst.item?.id) resetView(inst, inst.item);
  });
  img.addEventListener("error", () => stage.classList.add("broken"));
  prev.addEventListener("click", () => step(inst, -1));
  next.addEventListener("click", () => step(inst, +1));
  close.addEventListener("click", () => inst.api.setTriggerValue("close", true));
  zoomLabel.addEventListener("click", () => zoomable(inst) && toggleZoom(inst, inst.canvas.clientWidth / 2, inst.canvas.clientHeight / 2));
  bindZoom(inst);
  return inst;
}

function update(inst, data) {
  inst.items = Array.isArray(data.items) ? data.items : [];
  inst.total = Math.max(Number(data.total) || 0, inst.items.length);
  inst.stage.classList.toggle("overlay", data.layout === "overlay");
  inst.stage.style.setProperty("--panel-width", `${Number(data.panel_width) || 0}px`);
  inst.stage.style.height = data.layout === "overlay" ? "" : data.height || "75vh";
  if (fromPython(inst, "index", data.index_rev)) {
    inst.index = Number(data.index) || 0; // the page opened another asset
    inst.pendingStep = 0;
  }
  if (inst.pendingStep && inst.items.length > inst.askedAt) {
    // The user pressed "next" past the loaded items and the next page has arrived: finish those steps now.
    const delta = inst.pendingStep;
    inst.pendingStep = 0;
    return step(inst, delta);
  }
  show(inst);
}

function clampIndex(inst, i) {
  return Math.min(Math.max(i, 0), Math.max(inst.items.length - 1, 0));
}

// Steps past the loaded items add up while the next page is on its way, so no key press is lost.
function step(inst, delta) {
  const target = inst.index + inst.pendingStep + delta;
  if (target < 0 || target >= inst.total) return;
  if (target >= inst.items.length) {
    inst.pendingStep = target - inst.index;
    inst.stage.classList.add("busy");
    return askForMore(inst);
  }
  inst.pendingStep = 0;
  inst.index = target;
  inst.stepped = true;
  show(inst);
  scheduleReport(inst);
}

function scheduleReport(inst) {
  clearTimeout(inst.reportTimer);
  inst.reportTimer = setTimeout(() => report(inst), REPORT_AFTER_MS);
}

function report(inst) {
  if (inst.stepped) {
    const index = inst.index, id = inst.items[index]?.id;
    inst.stepped = false;
    inst.api.setStateValue("index", index);
    inst.api.setTriggerValue("step", { index, id });
  }
  if (inst.wantMore) {
    inst.wantMore = false;
    inst.api.setTriggerValue("need_more", { count: inst.items.length });
  }
}

function askForMore(inst) {
  const count = inst.items.length;
  if (count >= inst.total || inst.askedAt === count) return;
  inst.askedAt = count;
  inst.wantMore = true;
  scheduleReport(inst);
  clearTimeout(inst.askTimer);
  inst.askTimer = setTimeout(() => {
    if (inst.items.length !== count) return;
    inst.askedAt = -1;
    if (inst.pendingStep || inst.items.length - 1 - inst.index < NEED_MORE_WITHIN) askForMore(inst);
  }, ASK_AGAIN_MS);
}

function show(inst) {
  inst.index = clampIndex(inst, inst.index);
  const item = inst.items[inst.index] || null;
  inst.counter.textContent = inst.total ? `${inst.index + 1} of ${inst.total}` : "0 of 0";
  inst.prev.disabled = inst.index <= 0;
  inst.next.disabled = inst.index + 1 >= inst.total;
  if (inst.items.length - 1 - inst.index < NEED_MORE_WITHIN) askForMore(inst);
  const key = JSON.stringify(item);
  if (key === inst.shownKey) return;
  inst.shownKey = key;
  inst.item = item;
  render(inst, item);
  preloadNeighbours(inst);
}

function render(inst, item) {
  const { stage, img, video } = inst;
  const kind = !item ? "none" : item.kind === "video" ? "video" : item.kind === "document" ? "document" : "image";
  stage.dataset.kind = kind;
  stage.classList.remove("broken", "busy");
  inst.title.textContent = item ? item.name || "Untitled" : "";
  inst.title.title = inst.title.textContent;
  const original = safeUrl(item?.original), large = safeUrl(item?.large);
  inst.original.hidden = !original;
  if (original) inst.original.href = original;
  inst.view = null;
  inst.originalFor = null;
  if (kind !== "video" && video.getAttribute("src")) {
    video.pause();
    video.removeAttribute("src"); // stop buffering a video nobody is watching
    video.load();
  }
  if (kind === "video") {
    img.removeAttribute("src");
    img.classList.remove("loaded");
    video.poster = large;
    video.src = original;
    return;
  }
  if (!large) {
    img.removeAttribute("src");
    stage.classList.add("broken");
    return;
  }
  img.classList.remove("loaded");
  img.alt = item.name || "";
  img.src = large;
  // A preloaded neighbour is usually already decoded: draw it in this frame instead of waiting for "load".
  if (img.complete && img.naturalWidth) {
    img.classList.add("loaded");
    resetView(inst, item);
  } else {
    stage.classList.add("busy");
  }
}

// Neighbours' previews are fetched ahead so stepping swaps instantly; old ones are let go.
function preloadNeighbours(inst) {
  const wanted = new Set();
  for (let d = -1; d <= PRELOAD_AHEAD; d++) {
    const url = safeUrl(inst.items[inst.index + d]?.large);
    if (d && url) wanted.add(url);
  }
  for (const url of inst.preloaded.keys()) if (!wanted.has(url)) inst.preloaded.delete(url);
  for (const url of wanted) {
    if (inst.preloaded.has(url)) continue;
    const im = new Image();
    im.decoding = "async";
    im.src = url;
    im.decode().catch(() => {}); // decoded ahead too, so the step draws in its first frame (errors show on use)
    inst.preloaded.set(url, im);
  }
}

function onKey(inst, e) {
  // Only connectedness is checked: while a fragment reruns, Streamlit hides its elements for a moment, and
  // a key pressed then still belongs to the viewer.
  if (e.altKey || e.ctrlKey || e.metaKey || typingInField(e) || !inst.stage.isConnected) return;
  if (e.key === "Escape") {
    inst.api.setTriggerValue("close", true); // not stopped: an enclosing st.dialog closes on Esc as well
    return;
  }
  const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
  if (!delta) return;
  // Captured at the document so the grid behind the viewer does not also move its focus.
  e.preventDefault();
  e.stopPropagation();
  step(inst, delta);
}
