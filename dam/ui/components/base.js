/* Shared helpers for The Library's components; _base.py puts this file ahead of each component's own script. */

// Elements are built from trusted tag and class names only. Text always goes in through textContent or
// append(string) (a Text node), so an asset, creator or collection name can never become markup.
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k === "testid") el.dataset.testid = v;
    else if (k.startsWith("aria-") || k.startsWith("data-") || k === "role") el.setAttribute(k, v === true ? "true" : String(v));
    else el[k] = v; // DOM properties: src, href, type, title, tabIndex, draggable, onclick...
  }
  for (const child of children.flat()) if (child != null && child !== false) el.append(child);
  return el;
}

// Icons are path data drawn with createElementNS, so no markup string is ever parsed.
const ICONS = {
  check: "M5 12.5l4.2 4.2L19 7",
  close: "M6 6l12 12M18 6L6 18",
  left: "M15 5l-7 7 7 7",
  right: "M9 5l7 7-7 7",
  chevron: "M9 6l6 6-6 6",
  play: "M8 5.5v13l11-6.5z",
  sparkle: "M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z",
  upload: "M12 16V4M7 9l5-5 5 5M4 15v3a2 2 0 002 2h12a2 2 0 002-2v-3",
  import: "M12 4v12M7 11l5 5 5-5M4 20h16",
  folder: "M3 7a2 2 0 012-2h4l2 2h8a2 2 0 012 2v8a2 2 0 01-2 2H5a2 2 0 01-2-2z",
  folderOpen: "M3 7a2 2 0 012-2h4l2 2h7a2 2 0 012 2v1H7.5a2 2 0 00-1.9 1.4L3 19zM3 19l2.6-7.6A2 2 0 017.5 10H21l-2.6 7.6a2 2 0 01-1.9 1.4z",
  similar: "M11 4a7 7 0 105.3 11.6L20 19.3M8 11h6M11 8v6",
  comment: "M5 5h14a1 1 0 011 1v9a1 1 0 01-1 1h-7l-4 3v-3H5a1 1 0 01-1-1V6a1 1 0 011-1z",
  file: "M7 3h7l5 5v12a1 1 0 01-1 1H7a1 1 0 01-1-1V4a1 1 0 011-1zM14 3v5h5",
  doc: "M7 3h7l5 5v12a1 1 0 01-1 1H7a1 1 0 01-1-1V4a1 1 0 011-1zM14 3v5h5M9 13h6M9 17h6",
  external: "M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 01-1 1H5a1 1 0 01-1-1V7a1 1 0 011-1h5",
  grip: "M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01",
};

function icon(name, cls) {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "icon" + (cls ? " " + cls : ""));
  const path = document.createElementNS(NS, "path");
  path.setAttribute("d", ICONS[name]);
  svg.appendChild(path);
  return svg;
}

// Streamlit calls the default export on mount and again each time `data` changes, keeping the DOM we built.
// A superseded call's cleanup can still run afterwards (Streamlit runs it when it was overtaken mid-load), so
// per-instance state lives in this map, document listeners are (re)attached by whichever call finds them
// missing, and only the newest call's cleanup may detach them.
const INSTANCES = new WeakMap();

function instanceFor(parentElement, create) {
  let inst = INSTANCES.get(parentElement);
  if (!inst) {
    inst = create();
    inst.gen = 0;
    inst.detach = null;
    INSTANCES.set(parentElement, inst);
  }
  return inst;
}

function lifecycle(inst, attach) {
  const gen = ++inst.gen;
  if (!inst.detach) inst.detach = attach();
  return () => {
    if (inst.gen === gen && inst.detach) {
      inst.detach();
      inst.detach = null;
    }
  };
}

// addEventListener that hands back its own remover, so attach() can return one function undoing everything.
function listen(target, type, fn, opts) {
  target.addEventListener(type, fn, opts);
  return () => target.removeEventListener(type, fn, opts);
}

function all(removers) {
  return () => removers.forEach((remove) => remove());
}

// A value both sides change (a selection, an index) is taken from Python only when Python says it changed it:
// the wrapper bumps a revision number then (see Synced in _base.py), so late echoes of our own values are ignored.
function fromPython(inst, name, rev) {
  const slot = `${name}Rev`;
  if (inst[slot] === rev) return false;
  inst[slot] = rev;
  return true;
}

// Keys typed into a field (or used by a slider, a combobox...) belong to it. With shadow DOM the real target
// is the first node of the composed path, not event.target.
const KEY_OWNING_ROLES = /^(textbox|searchbox|combobox|slider|spinbutton|listbox|menu|menuitem|tab)$/;
function typingInField(event) {
  const t = event.composedPath()[0];
  if (!t || !t.tagName) return false;
  return t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || KEY_OWNING_ROLES.test(t.getAttribute("role") || "");
}

// URLs come from the page (signed file routes), yet a script: URL must never reach an href or a src.
function safeUrl(url) {
  const s = String(url || "");
  return /^\s*(javascript|vbscript):/i.test(s) ? "" : s;
}

function formatDuration(seconds) {
  if (seconds == null || !isFinite(seconds)) return "";
  const s = Math.max(0, Math.round(seconds));
  const hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = String(s % 60).padStart(2, "0");
  return hh ? `${hh}:${String(mm).padStart(2, "0")}:${ss}` : `${mm}:${ss}`;
}

function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let i = -1;
  do { n /= 1024; i++; } while (n >= 1024 && i < units.length - 1);
  return `${n >= 10 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
}

const ASSET_MIME = "application/x-library-assets";
