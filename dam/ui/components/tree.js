/* Collection tree: nested collections with counts, expand/collapse, selection, and drops of assets or collections. */

const NODE_MIME = "application/x-library-collection";
const EXPAND_ON_HOVER_MS = 650;

export default function ({ data, parentElement, setTriggerValue }) {
  const inst = instanceFor(parentElement, () => createTree(parentElement));
  inst.api = { setTriggerValue };
  update(inst, data || {});
}

function createTree(root) {
  const tree = h("div", { class: "tree", role: "tree", "aria-label": "Collections", testid: "collection-tree" });
  const rootDrop = h("div", { class: "root-drop", testid: "collection-root-drop" }, icon("upload"), "Move to top level");
  const empty = h("div", { class: "tree-empty" }, "No collections yet");
  const wrap = h("div", { class: "tree-wrap" }, tree, rootDrop, empty);
  root.appendChild(wrap);
  const inst = {
    wrap, tree, rootDrop, empty, rows: new Map(), nodes: new Map(), children: new Map(), visible: [],
    expanded: new Set(), selected: null, lastSelectedId: undefined, focusId: null, dragNode: null, hoverTimer: 0,
  };
  tree.addEventListener("click", (e) => onClick(inst, e));
  tree.addEventListener("keydown", (e) => onKey(inst, e));
  tree.addEventListener("focusin", (e) => e.target.closest(".row") && setRoving(inst, rowId(e.target.closest(".row"))));
  tree.addEventListener("dragstart", (e) => onDragStart(inst, e));
  tree.addEventListener("dragend", () => endNodeDrag(inst));
  for (const target of [tree, rootDrop]) {
    target.addEventListener("dragover", (e) => onDragOver(inst, e));
    target.addEventListener("dragleave", (e) => onDragLeave(inst, e));
    target.addEventListener("drop", (e) => onDrop(inst, e));
  }
  return inst;
}

function update(inst, data) {
  const nodes = Array.isArray(data.nodes) ? data.nodes : [];
  inst.nodes = new Map(nodes.filter((n) => n && n.id != null).map((n) => [n.id, n]));
  inst.children = new Map();
  for (const node of inst.nodes.values()) {
    const parent = inst.nodes.has(node.parent_id) ? node.parent_id : null; // orphans show at the top level
    if (!inst.children.has(parent)) inst.children.set(parent, []);
    inst.children.get(parent).push(node.id);
  }
  inst.draggable = !!data.draggable_nodes;
  // A click highlights its row at once; Python's selected_id is taken whenever Python changes it.
  const selected = data.selected_id ?? null;
  const ancestors = [];
  for (let p = inst.nodes.get(selected)?.parent_id; inst.nodes.has(p) && !ancestors.includes(p); p = inst.nodes.get(p).parent_id) ancestors.push(p);
  // A collection chosen elsewhere (search, a link) or just moved under another must stay visible: open the
  // folders above it whenever the selection or its place in the tree changes (not on every rerun, so a user
  // may still collapse them).
  const place = `${selected}:${ancestors.join("/")}`;
  if (selected !== inst.lastSelectedId) inst.selected = selected;
  if (selected !== inst.lastSelectedId || place !== inst.lastPlace) {
    inst.lastSelectedId = selected;
    inst.lastPlace = place;
    for (const p of ancestors) inst.expanded.add(p);
  }
  render(inst);
}

// Visible rows in tree order; row elements are reused by id so focus and hover survive reruns.
function render(inst) {
  inst.visible = [];
  const walk = (parent, depth) => {
    for (const id of inst.children.get(parent) || []) {
      inst.visible.push({ id, depth });
      if (inst.expanded.has(id)) walk(id, depth + 1);
    }
  };
  walk(null, 0);
  const keep = new Set(inst.visible.map((v) => v.id));
  for (const [id, row] of inst.rows) {
    if (!keep.has(id)) {
      row.remove();
      inst.rows.delete(id);
    }
  }
  let prev = null;
  for (const { id, depth } of inst.visible) {
    let row = inst.rows.get(id);
    if (!row) inst.rows.set(id, (row = buildRow()));
    updateRow(inst, row, inst.nodes.get(id), depth);
    const expected = prev ? prev.nextSibling : inst.tree.firstChild;
    if (row !== expected) inst.tree.insertBefore(row, expected);
    prev = row;
  }
  inst.empty.hidden = inst.visible.length > 0;
  setRoving(inst, keep.has(inst.focusId) ? inst.focusId : keep.has(inst.selected) ? inst.selected : inst.visible[0]?.id);
}

function buildRow() {
  const parts = {
    chev: h("button", { class: "chev tile", type: "button", tabIndex: -1, testid: "collection-toggle", "aria-label": "Expand" }, icon("chevron")),
    folder: h("span", { class: "folder tile" }),
    label: h("span", { class: "label" }),
    count: h("span", { class: "count", testid: "collection-count" }),
  };
  const row = h("div", { class: "row", role: "treeitem", testid: "collection-row", tabIndex: -1 },
    parts.chev, parts.folder, parts.label, parts.count);
  row._parts = parts;
  return row;
}

function updateRow(inst, row, node, depth) {
  const p = row._parts;
  const hasKids = inst.children.has(node.id);
  const open = hasKids && inst.expanded.has(node.id);
  row.dataset.collectionId = String(node.id);
  row.style.setProperty("--depth", String(depth));
  row.setAttribute("aria-level", String(depth + 1));
  row.setAttribute("aria-selected", String(node.id === inst.selected));
  if (hasKids) row.setAttribute("aria-expanded", String(open));
  else row.removeAttribute("aria-expanded");
  row.draggable = inst.draggable;
  p.chev.style.visibility = hasKids ? "visible" : "hidden";
  p.chev.setAttribute("aria-label", open ? "Collapse" : "Expand");
  p.folder.replaceChildren(icon(open ? "folderOpen" : "folder"));
  p.label.textContent = node.name || "Untitled";
  p.label.title = node.name || "";
  const direct = Number(node.count) || 0, rollup = Number(node.rollup ?? node.count) || 0;
  // Collapsed folders count everything inside them; open ones show their own assets, the children show theirs.
  p.count.textContent = (hasKids && !open ? rollup : direct).toLocaleString();
  p.count.title = hasKids ? `${direct.toLocaleString()} here · ${rollup.toLocaleString()} including nested` : `${direct.toLocaleString()} assets`;
}

const rowId = (row) => {
  const n = Number(row.dataset.collectionId);
  return Number.isFinite(n) ? n : row.dataset.collectionId;
};

function setRoving(inst, id) {
  for (const [rid, row] of inst.rows) row.tabIndex = rid === id ? 0 : -1;
  inst.focusId = id ?? null;
}

function toggle(inst, id, open = !inst.expanded.has(id)) {
  if (!inst.children.has(id) || open === inst.expanded.has(id)) return;
  open ? inst.expanded.add(id) : inst.expanded.delete(id);
  render(inst);
}

function select(inst, id) {
  inst.selected = id;
  for (const [rid, row] of inst.rows) row.setAttribute("aria-selected", String(rid === id));
  inst.api.setTriggerValue("select", id);
}

function onClick(inst, e) {
  const row = e.target.closest(".row");
  if (!row) return;
  const id = rowId(row);
  if (e.target.closest(".chev")) toggle(inst, id);
  else select(inst, id);
  setRoving(inst, id);
  row.focus({ preventScroll: true });
}

function onKey(inst, e) {
  const row = e.target.closest(".row");
  if (!row || typingInField(e)) return;
  const id = rowId(row);
  const at = inst.visible.findIndex((v) => v.id === id);
  let next = null;
  if (e.key === "ArrowDown") next = inst.visible[Math.min(at + 1, inst.visible.length - 1)].id;
  else if (e.key === "ArrowUp") next = inst.visible[Math.max(at - 1, 0)].id;
  else if (e.key === "Home") next = inst.visible[0].id;
  else if (e.key === "End") next = inst.visible[inst.visible.length - 1].id;
  else if (e.key === "ArrowRight") {
    if (inst.expanded.has(id)) next = inst.children.get(id)?.[0] ?? null;
    else toggle(inst, id, true);
  } else if (e.key === "ArrowLeft") {
    if (inst.expanded.has(id)) toggle(inst, id, false);
    else next = inst.nodes.get(id)?.parent_id ?? null;
  }
  else if (e.key === "Enter" || e.key === " ") select(inst, id);
  else return;
  e.preventDefault();
  const target = inst.rows.get(next);
  if (target) {
    setRoving(inst, next);
    target.focus();
  }
}

// A collection may not move under itself or anything inside it; its current parent would be a no-op.
function canMove(inst, id, parentId) {
  if (id == null || !inst.nodes.has(id)) return false;
  if ((inst.nodes.get(id).parent_id ?? null) === parentId) return false;
  for (let p = parentId; p != null; p = inst.nodes.get(p)?.parent_id ?? null) if (p === id) return false;
  return true;
}

function dropKind(inst, e) {
  const types = Array.from(e.dataTransfer?.types || []);
  if (types.includes(ASSET_MIME)) return "assets";
  if (types.includes(NODE_MIME) && inst.dragNode != null) return "node";
  return null;
}

function dropTarget(e) {
  const row = e.target.closest?.(".row");
  return row ? { row, id: rowId(row) } : e.target.closest?.(".root-drop") ? { row: e.target.closest(".root-drop"), id: null } : null;
}

function onDragStart(inst, e) {
  const row = e.target.closest?.(".row");
  if (!row || !inst.draggable) return;
  const id = rowId(row);
  inst.dragNode = id;
  e.dataTransfer.effectAllowed = "move";
  e.dataTransfer.setData(NODE_MIME, String(id));
  e.dataTransfer.setData("text/plain", inst.nodes.get(id)?.name || "");
  row.classList.add("dragging");
  inst.wrap.classList.toggle("moving", canMove(inst, id, null));
}

function endNodeDrag(inst) {
  inst.dragNode = null;
  inst.wrap.classList.remove("moving");
  clearTimeout(inst.hoverTimer);
  inst.wrap.querySelectorAll(".dragging, .drop-target").forEach((el) => el.classList.remove("dragging", "drop-target"));
}

function onDragOver(inst, e) {
  const kind = dropKind(inst, e), target = dropTarget(e);
  if (!kind || !target || (target.id === null && kind !== "node")) return;
  if (kind === "node" && !canMove(inst, inst.dragNode, target.id)) return; // not calling preventDefault refuses
  e.preventDefault();
  e.dataTransfer.dropEffect = kind === "node" ? "move" : "copy";
  if (!target.row.classList.contains("drop-target")) {
    inst.wrap.querySelectorAll(".drop-target").forEach((el) => el.classList.remove("drop-target"));
    target.row.classList.add("drop-target");
    clearTimeout(inst.hoverTimer);
    // Hovering a closed folder opens it, so a drop can reach the collections inside.
    if (target.id !== null) inst.hoverTimer = setTimeout(() => toggle(inst, target.id, true), EXPAND_ON_HOVER_MS);
  }
}

function onDragLeave(inst, e) {
  const target = dropTarget(e);
  if (target && !target.row.contains(e.relatedTarget)) {
    target.row.classList.remove("drop-target");
    clearTimeout(inst.hoverTimer);
  }
}

function onDrop(inst, e) {
  const kind = dropKind(inst, e), target = dropTarget(e);
  if (!kind || !target) return;
  e.preventDefault();
  target.row.classList.remove("drop-target");
  clearTimeout(inst.hoverTimer);
  if (kind === "node") {
    if (canMove(inst, inst.dragNode, target.id)) inst.api.setTriggerValue("reparent", { id: inst.dragNode, parent_id: target.id });
    endNodeDrag(inst);
    return;
  }
  let ids = [];
  try {
    ids = JSON.parse(e.dataTransfer.getData(ASSET_MIME)).asset_ids || [];
  } catch (err) {
    return; // not our payload after all
  }
  if (ids.length && target.id !== null) {
    target.row.classList.add("dropped"); // a short flash confirms the filing before Python answers
    setTimeout(() => target.row.classList.remove("dropped"), 700);
    inst.api.setTriggerValue("drop", { collection_id: target.id, asset_ids: ids });
  }
}
