/* Asset grid: cards, selection, keyboard navigation, infinite scroll and dragging assets onto collections. */

const ASK_AGAIN_MS = 5000;
const EAGER_CARDS = 24; // about two screenfuls at 1440 px
const HOVER_PRELOAD_MS = 150;

export default function ({ data, parentElement, setStateValue, setTriggerValue }) {
  const inst = instanceFor(parentElement, () => createGrid(parentElement));
  inst.api = { setStateValue, setTriggerValue };
  update(inst, data || {});
  return lifecycle(inst, () => {
    // Load the next page a little before the end comes into view, so scrolling rarely waits.
    const observer = new IntersectionObserver(() => maybeLoadMore(inst), { rootMargin: "0px 0px 900px 0px" });
    observer.observe(inst.sentinel);
    // Streamlit scrolls an inner element, not the window: listen in the capture phase to hear any scroll.
    const onScroll = () => {
      if (inst.scrolled) return;
      inst.scrolled = true;
      prefetchSoon(inst);
    };
    document.addEventListener("scroll", onScroll, { capture: true, passive: true });
    return () => {
      observer.disconnect();
      document.removeEventListener("scroll", onScroll, { capture: true });
    };
  });
}

function createGrid(root) {
  const grid = h("div", { class: "grid", role: "listbox", "aria-multiselectable": "true", "aria-label": "Assets", testid: "asset-grid" });
  const sentinel = h("div", { class: "sentinel", "aria-hidden": "true" });
  const loading = h("div", { class: "loading", testid: "grid-loading" }, h("span", { class: "spinner" }), "Loading more assets");
  const empty = h("div", { class: "empty", testid: "grid-empty" }, icon("folder"), "No assets to show");
  const wrap = h("div", { class: "grid-wrap" }, grid, empty, sentinel, loading);
  root.appendChild(wrap);
  const inst = {
    wrap, grid, sentinel, loading, empty,
    cards: new Map(), items: [], order: new Map(), selected: new Set(), preloaded: new Set(),
    anchor: null, focusId: null, token: undefined, requestedAt: -1, hasMore: false,
  };
  grid.addEventListener("click", (e) => onClick(inst, e));
  grid.addEventListener("keydown", (e) => onKey(inst, e));
  grid.addEventListener("focusin", (e) => {
    const card = e.target.closest(".card");
    if (card) setRoving(inst, idOf(card));
  });
  grid.addEventListener("dragstart", (e) => onDragStart(inst, e));
  // Resting on a card fetches its large preview, so the viewer opens on a picture already in the cache.
  grid.addEventListener("pointerover", (e) => {
    const card = e.target.closest(".card");
    if (!card || idOf(card) === inst.hoverId) return;
    inst.hoverId = idOf(card);
    clearTimeout(inst.hoverTimer);
    inst.hoverTimer = setTimeout(() => preloadLarge(inst, inst.hoverId), HOVER_PRELOAD_MS);
  });
  grid.addEventListener("dragend", () => grid.querySelectorAll(".dragging").forEach((c) => c.classList.remove("dragging")));
  return inst;
}

function update(inst, data) {
  const token = data.loading_token ?? 0;
  if (inst.token !== undefined && token !== inst.token) {
    // A new result set (filters changed): forget the range anchor and the paging guard, show its top.
    inst.anchor = null;
    inst.requestedAt = -1;
    if (inst.wrap.getBoundingClientRect().top < 0) inst.wrap.scrollIntoView({ block: "start" });
  }
  inst.token = token;
  inst.grid.classList.toggle("cover", data.fit === "cover");
  reconcile(inst, Array.isArray(data.items) ? data.items : []);
  if (fromPython(inst, "selected", data.selected_rev)) inst.selected = new Set(Array.isArray(data.selected) ? data.selected : []);
  inst.hasMore = !!data.has_more;
  inst.moreUrl = typeof data.more_url === "string" && data.more_url.startsWith("/") ? data.more_url : null;
  if (!inst.hasMore) inst.requestedAt = -1;
  renderSelection(inst);
  setRoving(inst, inst.order.has(inst.focusId) ? inst.focusId : inst.items[0]?.id ?? null);
  inst.empty.hidden = inst.items.length > 0;
  inst.loading.hidden = !(inst.hasMore && inst.requestedAt === inst.items.length);
  requestAnimationFrame(() => maybeLoadMore(inst));
}

// Cards are reused by asset id: new ones are inserted in order, missing ones removed, the rest updated in
// place, so the scroll position and already-loaded thumbnails survive every rerun.
function reconcile(inst, items) {
  const seen = new Set();
  inst.items = items.filter((it) => it && it.id != null && !seen.has(it.id) && seen.add(it.id));
  inst.order = new Map(inst.items.map((it, i) => [it.id, i]));
  let prev = null;
  inst.items.forEach((item, index) => {
    let card = inst.cards.get(item.id);
    if (!card) inst.cards.set(item.id, (card = buildCard()));
    // The first screenful is fetched at once; lazy images would wait for a layout pass to find them in view.
    if (index < EAGER_CARDS) card._parts.img.loading = "eager";
    updateCard(card, item);
    const expected = prev ? prev.nextSibling : inst.grid.firstChild;
    if (card !== expected) inst.grid.insertBefore(card, expected);
    prev = card;
  });
  for (const [id, card] of inst.cards) {
    if (!inst.order.has(id)) {
      card.remove();
      inst.cards.delete(id);
    }
  }
}

// Once per item count, however often the observer fires; asked again only if that page never arrived
// (Streamlit drops a component's trigger batch when a newer one overtakes it before its rerun starts).
function maybeLoadMore(inst) {
  const count = inst.items.length;
  if (!inst.hasMore || !count || (inst.requestedAt === count && performance.now() - inst.requestedTime < ASK_AGAIN_MS)) return;
  if (!inst.wrap.getClientRects().length) return; // hidden (e.g. an inactive tab): nothing is being scrolled
  if (inst.sentinel.getBoundingClientRect().top > window.innerHeight + 900) return;
  inst.requestedAt = count;
  inst.requestedTime = performance.now();
  inst.loading.hidden = false;
  if (inst.moreUrl) appendNext(inst);
  else inst.api.setTriggerValue("load_more", { count });
  clearTimeout(inst.retryTimer);
  inst.retryTimer = setTimeout(() => maybeLoadMore(inst), ASK_AGAIN_MS + 50);
}

// With a page route (more_url) the grid fetches the cards after those it holds and appends them itself: no
// Streamlit rerun, and the loaded cards are not sent again. One request per item count, shared by the
// prefetch (the next page is fetched while the user is still looking at this one) and the append.
function nextPage(inst) {
  const count = inst.items.length, url = inst.moreUrl;
  if (!inst.pending || inst.pending.count !== count || inst.pending.url !== url) {
    inst.pending = { count, url, answer: fetchPage(url, count) };
  }
  return inst.pending;
}

async function fetchPage(url, count) {
  try {
    const response = await fetch(`${url}${url.includes("?") ? "&" : "?"}count=${count}`, { credentials: "same-origin" });
    return response.ok ? await response.json() : null;
  } catch (err) {
    return null;
  }
}

async function appendNext(inst) {
  const pending = nextPage(inst);
  const page = await pending.answer;
  // Meanwhile a rerun may have brought other rows (a new view, or the same pages): then this answer is stale.
  if (inst.moreUrl !== pending.url || inst.items.length !== pending.count) return;
  inst.pending = null;
  if (!page || page.token !== inst.token || !Array.isArray(page.items)) {
    inst.api.setTriggerValue("load_more", { count: pending.count }); // expired or refused: ask Python instead
    return;
  }
  reconcile(inst, inst.items.concat(page.items));
  inst.hasMore = !!page.has_more;
  renderSelection(inst);
  inst.empty.hidden = inst.items.length > 0;
  inst.loading.hidden = true;
  if (inst.hasMore) nextPage(inst); // the user is scrolling through: have the following page ready too
  requestAnimationFrame(() => maybeLoadMore(inst));
}

// Once the user scrolls, keep the next page in hand, fetched when the browser is idle (not during first paint).
function prefetchSoon(inst) {
  if (!inst.scrolled || !inst.moreUrl || !inst.hasMore) return;
  const start = () => inst.moreUrl && inst.hasMore && nextPage(inst);
  if (window.requestIdleCallback) requestIdleCallback(start, { timeout: 1500 });
  else setTimeout(start, 200);
}

// Ids travel as data-asset-id strings; Python's ids are numbers.
function idOf(card) {
  const n = Number(card.dataset.assetId);
  return Number.isFinite(n) ? n : card.dataset.assetId;
}

function renderSelection(inst) {
  inst.grid.classList.toggle("selecting", inst.selected.size > 0);
  for (const [id, card] of inst.cards) {
    const on = inst.selected.has(id);
    if (card.getAttribute("aria-selected") !== String(on)) {
      card.setAttribute("aria-selected", String(on));
      card._parts.check.setAttribute("aria-label", on ? "Deselect" : "Select");
    }
  }
}

// The selection goes to Python in grid order, which is also the order a drag or a bulk action uses.
function orderedSelection(inst) {
  const loaded = inst.items.map((it) => it.id).filter((id) => inst.selected.has(id));
  return loaded.concat([...inst.selected].filter((id) => !inst.order.has(id)));
}

function commitSelection(inst, ids) {
  inst.selected = new Set(ids);
  renderSelection(inst);
  inst.api.setStateValue("selection", orderedSelection(inst));
}

function toggle(inst, id) {
  const next = new Set(inst.selected);
  next.has(id) ? next.delete(id) : next.add(id);
  commitSelection(inst, next);
}

function selectRange(inst, id) {
  const from = inst.order.get(inst.anchor ?? id) ?? inst.order.get(id);
  const to = inst.order.get(id);
  const next = new Set(inst.selected);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) next.add(inst.items[i].id);
  commitSelection(inst, next);
}

function open(inst, id) {
  preloadLarge(inst, id); // the viewer needs a rerun to appear: fetch its picture meanwhile
  inst.api.setTriggerValue("open", { id, index: inst.order.get(id) });
}

function preloadLarge(inst, id) {
  const url = safeUrl(inst.items[inst.order.get(id)]?.large);
  if (!url || inst.preloaded.has(url)) return;
  if (inst.preloaded.size > 200) inst.preloaded.clear();
  inst.preloaded.add(url);
  const img = new Image();
  img.decoding = "async";
  img.src = url;
}

function setRoving(inst, id) {
  if (inst.focusId === id && inst.cards.get(id)?.tabIndex === 0) return;
  inst.cards.get(inst.focusId)?.setAttribute("tabindex", "-1");
  inst.focusId = id;
  inst.cards.get(id)?.setAttribute("tabindex", "0");
}

function focusCard(inst, id) {
  const card = inst.cards.get(id);
  if (!card) return;
  setRoving(inst, id);
  card.focus({ preventScroll: true });
  card.scrollIntoView({ block: "nearest" });
}

function onClick(inst, e) {
  const card = e.target.closest(".card");
  if (!card) return;
  const id = idOf(card);
  if (e.target.closest(".similar")) {
    inst.api.setTriggerValue("similar", { id });
    return;
  }
  if (e.shiftKey) selectRange(inst, id);
  else if (e.target.closest(".check") || e.ctrlKey || e.metaKey) {
    toggle(inst, id);
    inst.anchor = id;
  } else {
    inst.anchor = id;
    open(inst, id);
  }
  focusCard(inst, id);
}

function columns(grid) {
  return getComputedStyle(grid).gridTemplateColumns.split(" ").filter(Boolean).length || 1;
}

function onKey(inst, e) {
  const card = e.target.closest(".card");
  if (!card || typingInField(e)) return;
  const id = idOf(card);
  const at = inst.order.get(id);
  const mod = e.ctrlKey || e.metaKey;
  const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns(inst.grid), ArrowUp: -columns(inst.grid) };
  let target = null;
  if (e.key in moves && !mod && !e.altKey) target = Math.min(Math.max(at + moves[e.key], 0), inst.items.length - 1);
  else if (e.key === "Home") target = 0;
  else if (e.key === "End") target = inst.items.length - 1;
  else if (e.key === "Enter") open(inst, id);
  else if (e.key === " ") {
    toggle(inst, id);
    inst.anchor = id;
  } else if (e.key === "Escape" && inst.selected.size) commitSelection(inst, []);
  else if (mod && e.key.toLowerCase() === "a") commitSelection(inst, inst.items.map((it) => it.id));
  else return;
  e.preventDefault();
  e.stopPropagation();
  if (target === null) return;
  const next = inst.items[target].id;
  if (e.shiftKey) {
    if (inst.anchor == null) inst.anchor = id;
    selectRange(inst, next);
  }
  focusCard(inst, next);
}

function onDragStart(inst, e) {
  const card = e.target.closest?.(".card");
  if (!card) return;
  const id = idOf(card);
  const ids = inst.selected.has(id) ? orderedSelection(inst) : [id];
  const names = ids.map((i) => inst.items[inst.order.get(i)]?.name).filter(Boolean);
  e.dataTransfer.effectAllowed = "copyMove";
  e.dataTransfer.setData(ASSET_MIME, JSON.stringify({ asset_ids: ids }));
  e.dataTransfer.setData("text/plain", names.join("\n"));
  const ghost = dragGhost(card, ids.length);
  inst.wrap.appendChild(ghost);
  e.dataTransfer.setDragImage(ghost, 28, 28);
  setTimeout(() => ghost.remove(), 0); // the browser has its snapshot by now
  for (const i of ids) inst.cards.get(i)?.classList.add("dragging");
}
