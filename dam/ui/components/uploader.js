/* Uploader: a button and a page-wide drop target that stream files and folders to the library, two at a time. */

const PARALLEL = 2;
const INTERNAL_DRAGS = [ASSET_MIME, "application/x-library-collection"];
const STATE_LABELS = { added: "Added", duplicate: "Duplicate", rejected: "Rejected" };
// Only one uploader owns the page's drop target, or a dropped file would be uploaded once per instance.
let ACTIVE = null;

export default function ({ data, parentElement, setTriggerValue }) {
  const inst = instanceFor(parentElement, () => createUploader(parentElement));
  inst.api = { setTriggerValue };
  inst.url = data?.upload_url || "";
  inst.maxBytes = Number(data?.max_bytes) || 0;
  inst.label.textContent = data?.label || "Upload to library";
  return lifecycle(inst, () => {
    ACTIVE = inst;
    const isOurs = (e) => ACTIVE === inst && isFileDrag(e);
    return all([
      listen(document, "dragenter", (e) => isOurs(e) && inst.overlay.classList.add("show")),
      listen(document, "dragover", (e) => {
        if (!isOurs(e)) return;
        e.preventDefault(); // lets the drop happen anywhere instead of the browser opening the file
        e.dataTransfer.dropEffect = "copy";
        inst.overlay.classList.add("show");
      }),
      listen(document, "dragleave", (e) => isOurs(e) && !e.relatedTarget && inst.overlay.classList.remove("show")),
      listen(document, "drop", (e) => {
        if (!isOurs(e)) return;
        e.preventDefault();
        inst.overlay.classList.remove("show");
        filesFromDrop(e.dataTransfer).then((files) => addFiles(inst, files));
      }),
      listen(window, "beforeunload", (e) => inst.queue.length + inst.active > 0 && e.preventDefault()),
      () => ACTIVE === inst && (ACTIVE = null),
    ]);
  });
}

function createUploader(root) {
  const label = h("span", { class: "label" });
  const button = h("button", { class: "primary", type: "button", testid: "upload-button" }, icon("upload"), label);
  const folderButton = h("button", { class: "folder-btn tile", type: "button", testid: "upload-folder-button", title: "Upload a folder",
    "aria-label": "Upload a folder" }, icon("folder"));
  const input = h("input", { type: "file", multiple: true, hidden: true, testid: "upload-input" });
  const folderInput = h("input", { type: "file", multiple: true, hidden: true, webkitdirectory: true, testid: "upload-folder-input" });
  const overlay = h("div", { class: "overlay", testid: "upload-overlay" },
    h("div", { class: "drop-card" }, h("div", { class: "drop-icon tile" }, icon("upload")),
      h("div", { class: "drop-title", text: "Drop to upload" }),
      h("div", { class: "drop-sub", text: "Files and whole folders are added to the library" })));
  const title = h("div", { class: "panel-title" });
  const summary = h("div", { class: "panel-summary", testid: "upload-summary" });
  const collapse = h("button", { class: "icon-btn tile toggle", type: "button", title: "Collapse", testid: "upload-collapse" }, icon("chevron"));
  const dismiss = h("button", { class: "icon-btn tile", type: "button", title: "Dismiss", testid: "upload-dismiss" }, icon("close"));
  const list = h("ul", { class: "list" });
  const panel = h("section", { class: "panel", hidden: true, testid: "upload-progress", "aria-label": "Uploads" },
    h("header", {}, h("div", { class: "panel-head" }, title, summary), collapse, dismiss), list);
  root.appendChild(h("div", { class: "uploader" }, h("div", { class: "buttons" }, button, folderButton), input, folderInput,
    overlay, panel));
  const inst = { label, overlay, panel, title, summary, list, dismiss, rows: [], queue: [], active: 0, finished: true };
  button.addEventListener("click", () => input.click());
  folderButton.addEventListener("click", () => folderInput.click());
  for (const picker of [input, folderInput]) {
    picker.addEventListener("change", () => {
      const files = [...picker.files].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
      picker.value = ""; // picking the same files again must fire "change" again
      addFiles(inst, files.filter((f) => !isHidden(f.path)));
    });
  }
  collapse.addEventListener("click", () => panel.classList.toggle("collapsed"));
  dismiss.addEventListener("click", () => inst.finished && (panel.hidden = true));
  return inst;
}

function isFileDrag(e) {
  const types = Array.from(e.dataTransfer?.types || []);
  return types.includes("Files") && !INTERNAL_DRAGS.some((t) => types.includes(t));
}

// Folders carry system litter (.DS_Store, ._AppleDouble, .git): files whose path has a dot-segment are skipped.
function isHidden(path) {
  return path.split("/").some((part) => part.startsWith("."));
}

// Entries must be taken from the DataTransfer synchronously, during the drop event; reading them is async.
function filesFromDrop(dt) {
  const entries = [], loose = [];
  for (const item of Array.from(dt.items || [])) {
    if (item.kind !== "file") continue;
    const entry = item.webkitGetAsEntry?.();
    const file = entry ? null : item.getAsFile();
    if (entry) entries.push(entry);
    else if (file) loose.push({ file, path: file.name });
  }
  if (!dt.items?.length) for (const file of Array.from(dt.files || [])) loose.push({ file, path: file.name });
  return entries.reduce((p, entry) => p.then((out) => walk(entry, out)), Promise.resolve(loose));
}

async function walk(entry, out) {
  const path = entry.fullPath.replace(/^\//, "") || entry.name;
  if (isHidden(path)) return out;
  if (entry.isFile) {
    out.push({ file: await new Promise((ok, fail) => entry.file(ok, fail)), path });
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    // readEntries hands out a directory in chunks (100 at a time in Chromium) until it returns an empty one.
    for (let batch; (batch = await new Promise((ok, fail) => reader.readEntries(ok, fail))).length;) {
      for (const child of batch) await walk(child, out);
    }
  }
  return out;
}

function addFiles(inst, files) {
  if (!files.length) return;
  if (inst.finished) {
    // A new batch replaces the finished one's list; results of a batch are reported together.
    inst.rows = [];
    inst.list.replaceChildren();
    inst.finished = false;
  }
  inst.panel.hidden = false;
  inst.panel.classList.remove("collapsed");
  for (const { file, path } of files) {
    const row = buildRow(file, path);
    inst.rows.push(row);
    inst.list.append(row.el);
    if (inst.maxBytes && file.size > inst.maxBytes) {
      finishRow(row, { path, status: "rejected", asset_id: null, reason: `larger than the ${formatBytes(inst.maxBytes)} limit` });
    } else {
      inst.queue.push(row);
    }
  }
  pump(inst);
}

function buildRow(file, path) {
  const fill = h("div", { class: "fill" });
  const state = h("span", { class: "state", text: "Waiting" });
  const reason = h("div", { class: "reason" });
  const el = h("li", { class: "file", testid: "upload-result", "data-status": "waiting", "data-path": path },
    h("span", { class: "file-icon tile" }, icon("file")),
    h("div", { class: "info" }, h("div", { class: "file-name", text: path, title: path }),
      h("div", { class: "file-size", text: formatBytes(file.size) }), reason),
    state, h("div", { class: "bar" }, fill));
  return { el, fill, state, reason, file, path, result: null };
}

function pump(inst) {
  while (inst.active < PARALLEL && inst.queue.length) send(inst, inst.queue.shift());
  renderHeader(inst);
  if (!inst.active && !inst.queue.length && !inst.finished) {
    inst.finished = true;
    renderHeader(inst);
    inst.api.setTriggerValue("done", inst.rows.map((row) => row.result));
  }
}

// The raw File is the request body (no multipart), so the server streams it straight to disk.
function send(inst, row) {
  inst.active++;
  row.el.dataset.status = "uploading";
  row.state.textContent = "0%";
  const xhr = new XMLHttpRequest();
  const url = inst.url; // read per file: the page may have issued a fresh upload link since the batch began
  xhr.open("PUT", `${url}${url.includes("?") ? "&" : "?"}name=${encodeURIComponent(row.path)}`);
  xhr.upload.onprogress = (e) => {
    if (!e.lengthComputable) return;
    const pct = Math.min(99, Math.floor((e.loaded / e.total) * 100)); // 100% only once the server has answered
    row.fill.style.width = `${pct}%`;
    row.state.textContent = `${pct}%`;
  };
  const settle = (result) => {
    inst.active--;
    finishRow(row, result);
    pump(inst);
  };
  const failed = (reason) => ({ path: row.path, status: "rejected", asset_id: null, reason });
  xhr.onload = () => {
    let result = null;
    try {
      result = JSON.parse(xhr.responseText);
    } catch (err) {
      result = null;
    }
    if (!result || !STATE_LABELS[result.status]) {
      result = failed(xhr.status === 403 ? "the upload link has expired; reload the page" : `the server answered ${xhr.status}`);
    }
    settle({ ...result, path: result.path || row.path });
  };
  xhr.onerror = () => settle(failed("network error"));
  xhr.onabort = () => settle(failed("cancelled"));
  xhr.send(row.file);
}

function finishRow(row, result) {
  row.result = result;
  row.el.dataset.status = result.status;
  row.fill.style.width = "100%";
  row.state.textContent = STATE_LABELS[result.status];
  row.reason.textContent = result.status === "added" ? "" : result.reason || "";
}

function renderHeader(inst) {
  const total = inst.rows.length, settled = inst.rows.filter((r) => r.result).length;
  const counts = { added: 0, duplicate: 0, rejected: 0 };
  for (const row of inst.rows) if (row.result) counts[row.result.status]++;
  inst.title.textContent = inst.finished ? `Uploaded ${total} file${total === 1 ? "" : "s"}` : `Uploading ${Math.min(settled + 1, total)} of ${total}`;
  inst.summary.textContent = Object.entries(counts).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(" · ") || "Starting…";
  inst.panel.classList.toggle("busy", !inst.finished);
  inst.dismiss.disabled = !inst.finished;
}
