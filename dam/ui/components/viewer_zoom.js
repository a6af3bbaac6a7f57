/* Viewer zoom and pan: fit, 100%, wheel zoom around the cursor and drag to pan, all as one CSS transform. */

const MAX_SCALE = 8;
// The fitted picture keeps clear of the top bar, the zoom pill and the arrows: [top, right, bottom, left].
const FIT_INSETS = [64, 80, 56, 80];
// Originals the browser can draw itself; for anything else (TIFF, PSD, RAW) zoom stays on the large preview.
const WEB_IMAGE = /^image\/(jpeg|png|webp|gif|avif|bmp)$/;

// The image box is sized to the original's pixels (from the item, else the preview's), so "100%" means one
// image pixel per screen pixel whichever file is currently drawn in it.
function resetView(inst, item) {
  const w = Number(item.width) || inst.img.naturalWidth || 1, hgt = Number(item.height) || inst.img.naturalHeight || 1;
  inst.view = { id: item.id, w, h: hgt, scale: 1, x: 0, y: 0, mode: "fit" };
  fit(inst);
}

function stageSize(inst) {
  return { w: inst.canvas.clientWidth, h: inst.canvas.clientHeight };
}

// The box a fitted picture is centred in; narrow stages give up the arrow gutters first.
function fitBox(inst) {
  const s = stageSize(inst);
  const [top, right, bottom, left] = s.w < 560 ? [FIT_INSETS[0], 16, FIT_INSETS[2], 16] : FIT_INSETS;
  return { x: left, y: top, w: Math.max(s.w - left - right, 1), h: Math.max(s.h - top - bottom, 1) };
}

function fitScale(inst) {
  const box = fitBox(inst), v = inst.view;
  return Math.max(0.01, Math.min(box.w / v.w, box.h / v.h, 1));
}

function fit(inst) {
  const v = inst.view;
  if (!v) return;
  v.scale = fitScale(inst);
  v.mode = "fit";
  clampPan(inst);
  applyView(inst);
}

function zoomAt(inst, scale, px, py) {
  const v = inst.view, min = fitScale(inst);
  scale = Math.min(Math.max(scale, min), MAX_SCALE);
  if (scale <= min * 1.001) return fit(inst);
  // Keep the image point under the cursor where it is while the scale changes.
  v.x = px - (px - v.x) * (scale / v.scale);
  v.y = py - (py - v.y) * (scale / v.scale);
  v.scale = scale;
  v.mode = "zoom";
  clampPan(inst);
  applyView(inst);
}

function toggleZoom(inst, px, py) {
  const v = inst.view;
  if (v.mode !== "fit") return fit(inst);
  zoomAt(inst, v.scale >= 1 ? 2 : 1, px, py);
}

// A fitted picture sits centred in the fit box; a zoomed one smaller than the stage on an axis stays centred
// there, and a larger one may not be dragged off the stage.
function clampPan(inst) {
  const v = inst.view, s = stageSize(inst);
  const w = v.w * v.scale, hgt = v.h * v.scale;
  if (v.mode === "fit") {
    const box = fitBox(inst);
    v.x = box.x + (box.w - w) / 2;
    v.y = box.y + (box.h - hgt) / 2;
    return;
  }
  v.x = w <= s.w ? (s.w - w) / 2 : Math.min(0, Math.max(s.w - w, v.x));
  v.y = hgt <= s.h ? (s.h - hgt) / 2 : Math.min(0, Math.max(s.h - hgt, v.y));
}

function applyView(inst) {
  const v = inst.view;
  inst.img.style.width = `${v.w}px`;
  inst.img.style.height = `${v.h}px`;
  inst.img.style.transform = `translate(${v.x}px, ${v.y}px) scale(${v.scale})`;
  inst.stage.dataset.zoom = v.mode === "fit" ? "fit" : "zoomed";
  inst.zoomLabel.textContent = v.mode === "fit" ? "Fit" : `${Math.round(v.scale * 100)}%`;
  maybeLoadOriginal(inst);
}

// Zoomed past what the 1600px preview holds, swap in the original when the browser can draw it.
function maybeLoadOriginal(inst) {
  const item = inst.item, v = inst.view;
  if (!item || v.mode === "fit" || inst.originalFor === item.id || !item.original || !WEB_IMAGE.test(item.mime || "")) return;
  if (v.w * v.scale <= (inst.img.naturalWidth || 0) * 1.05) return;
  inst.originalFor = item.id;
  const probe = new Image();
  probe.onload = () => {
    if (inst.item && inst.item.id === item.id) inst.img.src = probe.src;
  };
  probe.src = safeUrl(item.original);
}

function zoomable(inst) {
  return !!inst.view && inst.item && inst.item.kind !== "video" && inst.img.classList.contains("loaded");
}

function localPoint(inst, e) {
  const r = inst.canvas.getBoundingClientRect();
  return [e.clientX - r.left, e.clientY - r.top];
}

// A press that does not move is a click (toggle fit / 100%); one that moves pans a zoomed image.
function bindZoom(inst) {
  const c = inst.canvas;
  c.addEventListener("pointerdown", (e) => {
    if (e.button !== 0 || !zoomable(inst)) return;
    inst.drag = { x: e.clientX, y: e.clientY, vx: inst.view.x, vy: inst.view.y, moved: false };
    c.setPointerCapture(e.pointerId);
  });
  c.addEventListener("pointermove", (e) => {
    const d = inst.drag;
    if (!d) return;
    const dx = e.clientX - d.x, dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < 4) return;
    d.moved = true;
    if (inst.view.mode === "fit") return;
    c.classList.add("panning");
    inst.view.x = d.vx + dx;
    inst.view.y = d.vy + dy;
    clampPan(inst);
    applyView(inst);
  });
  const release = (e) => {
    const d = inst.drag;
    inst.drag = null;
    c.classList.remove("panning");
    if (d && !d.moved && e.type === "pointerup") toggleZoom(inst, ...localPoint(inst, e));
  };
  c.addEventListener("pointerup", release);
  c.addEventListener("pointercancel", release);
  c.addEventListener("dblclick", () => zoomable(inst) && fit(inst));
  c.addEventListener("wheel", (e) => {
    if (!zoomable(inst)) return;
    e.preventDefault(); // the wheel zooms the picture, not the page
    const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    zoomAt(inst, inst.view.scale * Math.exp(-dy * 0.0015), ...localPoint(inst, e));
  }, { passive: false });
  new ResizeObserver(() => inst.view && (inst.view.mode === "fit" ? fit(inst) : (clampPan(inst), applyView(inst)))).observe(c);
}
