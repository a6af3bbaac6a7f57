/* Asset grid cards: building a card once and bringing it up to date with its item (used by grid.js). */

// Class names come from these tables only, never from the item, so a stray value cannot inject a class.
const STATUS_LABELS = { draft: "Draft", in_review: "In review", approved: "Approved", rejected: "Rejected", archived: "Archived" };
const SOURCE_BADGES = { uploaded: ["Uploaded", "upload"], generated: ["Generated", "sparkle"], imported: ["Imported", "import"] };
const AVATAR_HUES = [212, 262, 330, 20, 145, 188, 40, 290];

function buildCard() {
  const card = h("div", { class: "card", role: "option", testid: "asset-card", tabIndex: -1, draggable: true });
  const img = h("img", { class: "thumb-img", loading: "lazy", decoding: "async", draggable: false, alt: "" });
  // A fresh image fades in instead of popping; a reused card keeps its loaded image, so nothing flickers.
  img.addEventListener("load", () => img.classList.add("loaded"));
  img.addEventListener("error", () => card.classList.add("broken"));
  const parts = {
    img,
    badges: h("div", { class: "badges", testid: "asset-badges" }),
    check: h("button", { class: "check tile", type: "button", tabIndex: -1, testid: "asset-check", "aria-label": "Select" }, icon("check")),
    name: h("div", { class: "name", testid: "asset-name" }),
    dims: h("div", { class: "dims", testid: "asset-dims" }),
    similar: h("button", { class: "similar", type: "button", tabIndex: -1, testid: "asset-similar", title: "Find similar", "aria-label": "Find similar" },
      icon("similar"), "Similar"),
    avatar: h("span", { class: "avatar tile", "aria-hidden": "true" }),
    creator: h("span", { class: "creator", testid: "asset-creator" }),
    comments: h("span", { class: "comments" }),
  };
  const hover = h("div", { class: "hover" }, h("div", { class: "hover-text" }, parts.name, parts.dims), parts.similar);
  const thumb = h("div", { class: "thumb" }, h("div", { class: "placeholder" }, icon("file")), img, parts.badges, parts.check, hover);
  card.append(thumb, h("div", { class: "meta" }, parts.avatar, parts.creator, parts.comments));
  card._parts = parts;
  return card;
}

function updateCard(card, item) {
  const key = JSON.stringify(item);
  if (card._key === key) return; // unchanged: leave the DOM (and the loaded image) alone
  card._key = key;
  const p = card._parts;
  card.dataset.assetId = String(item.id);
  card.dataset.kind = item.kind === "video" || item.kind === "document" ? item.kind : "image";
  card.setAttribute("aria-label", item.name || "Untitled asset");
  const thumb = safeUrl(item.thumb);
  if (p.img.dataset.url !== thumb) {
    p.img.dataset.url = thumb;
    p.img.classList.remove("loaded");
    card.classList.toggle("broken", !thumb);
    if (thumb) p.img.src = thumb;
    else p.img.removeAttribute("src");
  }
  p.img.alt = item.name || "";
  p.badges.replaceChildren(...badgesFor(item));
  p.name.textContent = item.name || "Untitled";
  p.name.title = item.name || "";
  p.dims.textContent = dimensions(item);
  p.creator.textContent = item.creator || "Unknown";
  p.avatar.textContent = initials(item.creator);
  p.avatar.style.setProperty("--hue", String(hueFor(item.creator || "")));
  const n = Number(item.comments) || 0;
  p.comments.replaceChildren(...(n > 0 ? [icon("comment"), String(n)] : []));
  p.comments.title = n ? `${n} comment${n === 1 ? "" : "s"}` : "";
}

function badgesFor(item) {
  const out = [];
  const source = SOURCE_BADGES[item.source];
  if (source) out.push(h("span", { class: `badge source src-${item.source}`, testid: "badge-source" }, icon(source[1]), source[0]));
  if (STATUS_LABELS[item.status]) {
    out.push(h("span", { class: `badge status st-${item.status}`, testid: "badge-status" }, h("i", { class: "dot" }),
      STATUS_LABELS[item.status]));
  }
  if (item.brand) out.push(h("span", { class: "badge brand", testid: "badge-brand" }, String(item.brand)));
  if (item.kind === "video") {
    out.push(h("span", { class: "badge duration", testid: "badge-duration" }, icon("play"), formatDuration(item.duration) || "Video"));
  } else if (item.kind === "document") {
    out.push(h("span", { class: "badge kind", testid: "badge-kind" }, icon("doc"), "Document"));
  }
  return out;
}

function dimensions(item) {
  const w = Number(item.width), hgt = Number(item.height);
  const size = w > 0 && hgt > 0 ? `${w} × ${hgt}` : "";
  const length = item.kind === "video" ? formatDuration(item.duration) : "";
  return [size, length].filter(Boolean).join(" · ");
}

function initials(name) {
  const words = String(name || "?").trim().split(/\s+/).filter(Boolean);
  return ((words[0] || "?")[0] + (words.length > 1 ? words[words.length - 1][0] : "")).toUpperCase();
}

function hueFor(text) {
  let hash = 0;
  for (const ch of text) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return AVATAR_HUES[hash % AVATAR_HUES.length];
}

// What the cursor carries while dragging: the card's thumbnail, stacked when several assets travel together.
function dragGhost(card, count) {
  const src = card._parts.img.currentSrc || card._parts.img.src;
  const ghost = h("div", { class: "drag-ghost" + (count > 1 ? " many" : "") },
    src ? h("img", { src, alt: "" }) : icon("file"),
    h("span", { class: "drag-count" }, count === 1 ? "1 asset" : `${count} assets`));
  return ghost;
}
