// Runs the Python rule package in Pyodide, off the main thread (on the main thread start-up
// freezes the page for seconds). Protocol:
//   in:  {type: "init", runtime: URL of pyodide.mjs, stdlib: URL of python.zip (the rules and
//        the standard-library modules they use, as bytecode: scripts/runtime_zip.py),
//        sizes: {wasm, stdlib} (the two files' sizes in bytes, from the build; either may be
//        missing)}
//        {type: "run", id, command: "estimate" | "land", text: JSON document}
//   out: {type: "progress", stage, files} (files: [{name, loaded, total, done}], the downloads,
//        download.js; sent again as bytes arrive) · {type: "ready", start: "snapshot" | "fresh"}
//        {type: "snapshot", saved: true | false}   (after a fresh start: snapshot.js)
//        {type: "failed", reason, detail}
//        {type: "result", id, status, text}   (status and text exactly as the CLI's)
//        {type: "result", id, cancelled: true}   (a "sweep" run overtaken by a newer one before it began)
//   batch (the batch page, batch.js; the job lives in Python, xinzhou_policy/batch.py):
//   in:  {type: "batch", id, op: "open", file: ArrayBuffer, chunk}  -> {type: "batch-progress",
//        id, summary} after each chunk of rows, then a result whose text is the last summary,
//        with `cancelled: true` if a cancel came first, and `heapBytes` (the engine's memory,
//        which only grows: its peak, for scripts/bench_batch.py)
//        {type: "batch", id, op: "cancel"}  -> result (status 0): the open under way stops
//        after its current chunk (as it does when another open comes)
//        {type: "batch", id, op: "page", start, stop, errorsOnly}  -> result (text: JSON rows)
//        {type: "batch", id, op: "csv" | "xlsx", lang}  -> {type: "result", id, status, blob}
//        (lang: the headers' language, the page's)

import { download } from "./download.js";
import * as snapshots from "./snapshot.js";

// Part of the snapshot's key: a change to what the worker does before taking the snapshot
// must not restore a snapshot taken the old way.
const SNAPSHOT_FORMAT = 2;

// Reading the snapshot normally takes tens of milliseconds, alongside the loader's own
// downloads; past this, the database is held elsewhere (snapshot.js, load) and the engine starts
// fresh rather than wait.
const SNAPSHOT_READ_DEADLINE_MS = 2500;

let runText = null;
let queuedSweep = null;
// The engine's memory (its WebAssembly heap, which grows and never shrinks: a peak).
let heapBytes = () => 0;
// The snapshot taken after a fresh start, until it is stored (saveWhenIdle).
let unsaved = null;
let saveTimer = null;
const SAVE_AFTER_IDLE_MS = 1000;

function saveWhenIdle() {
  if (!unsaved) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(async () => {
    const { key, bytes } = unsaved;
    unsaved = null;
    postMessage({ type: "snapshot", saved: await snapshots.save(key, bytes) });
  }, SAVE_AFTER_IDLE_MS);
}

// The downloads under way (download.js), by URL, until Pyodide asks for them: its fetch of one of
// these files takes the response already arriving; any other fetch (and a second one of the same
// file, after a snapshot that could not be restored) goes to the network as usual.
const handOver = new Map();
const networkFetch = self.fetch.bind(self);
self.fetch = (resource, options) => {
  const url = new URL(resource instanceof Request ? resource.url : resource, location.href).href;
  const response = handOver.get(url);
  if (!response) return networkFetch(resource, options);
  handOver.delete(url);
  return response;
};

function startDownloads(wasmURL, stdlibURL, sizes) {
  const files = [];
  const progress = () => postMessage({ type: "progress", stage: "runtime", files: files.map(({ state }) => ({ ...state })) });
  files.push(download(wasmURL, sizes.wasm, progress), download(stdlibURL, sizes.stdlib, progress));
  for (const file of files) file.response.catch(() => {}); // said through `received`
  progress();
  return files;
}

async function checkFile(file, wantType) {
  const response = await file.response;
  const path = new URL(response.url || file.state.name, location.href).pathname;
  if (!response.ok) throw { reason: "runtime-missing", detail: `${path}: HTTP ${response.status}` };
  // A .wasm served with the wrong MIME type makes loadPyodide hang for ever: say so at once.
  const type = (response.headers.get("content-type") || "").split(";")[0].trim();
  if (wantType && type !== wantType) throw { reason: "wasm-mime", detail: `${path}: ${type || "no Content-Type"}` };
}

async function init({ runtime, stdlib, sizes = {} }) {
  if (typeof WebAssembly !== "object") throw { reason: "no-wasm", detail: "WebAssembly is not available" };
  if (!stdlib) throw { reason: "runtime-missing", detail: "init needs `stdlib`, the URL of the runtime archive python.zip (data-stdlib)" };
  const wasmURL = new URL("pyodide.asm.wasm", runtime).href;
  const [wasm, zip] = startDownloads(wasmURL, stdlib, sizes);
  handOver.set(wasmURL, wasm.response);
  handOver.set(new URL(stdlib, location.href).href, zip.response);
  // A connection that breaks in the middle of a file fails the start-up at once, naming the file
  // (Pyodide itself would only log it, and wait).
  const broken = Promise.all([wasm.received, zip.received]).then(() => new Promise(() => {}));
  const key = `${SNAPSHOT_FORMAT} ${runtime} ${stdlib}`;
  // Side by side: the downloads' checks, the loader, the saved snapshot's read, and the glue the
  // loader would otherwise fetch only once it has itself arrived (the same module: imported once).
  const [, , { loadPyodide }, saved] = await Promise.race([broken, Promise.all([
    checkFile(wasm, "application/wasm"), checkFile(zip), import(runtime),
    snapshots.load(key, SNAPSHOT_READ_DEADLINE_MS), import(new URL("pyodide.asm.mjs", runtime).href)])]);
  const indexURL = new URL(".", runtime).href;
  // stdLibURL: the archive of bytecode made at build time (the standard-library modules the
  // rules use, and the rules), in place of Pyodide's python_stdlib.zip: no module is compiled
  // from source here, and no package is loaded afterwards. packageBaseUrl: without it Pyodide
  // would name its CDN as the place of any package it lacks.
  const options = { indexURL, packageBaseUrl: indexURL, stdLibURL: stdlib };
  if (saved) {
    try {
      const pyodide = await Promise.race([broken, loadPyodide({ ...options, _loadSnapshot: saved })]);
      runText = pyodide.pyimport("xinzhou_policy.cli").run_text;
      heapBytes = () => pyodide._module.HEAPU8.byteLength;
      return { start: "snapshot" };
    } catch (error) {
      if (error.reason) throw error; // a download that broke: no second start would fare better
      // A snapshot this runtime cannot restore (damaged, or a browser's change): start afresh.
      console.info("engine snapshot not restored, starting afresh:", error);
      await snapshots.forget();
    }
  }
  const pyodide = await Promise.race([broken, loadPyodide({ ...options, _makeSnapshot: true })]);
  postMessage({ type: "progress", stage: "rules" });
  const cli = pyodide.pyimport("xinzhou_policy.cli");
  runText = cli.run_text;
  heapBytes = () => pyodide._module.HEAPU8.byteLength;
  // The documents' data (TOML, about 50 ms in wasm) is read once, into the snapshot: after
  // "ready", in the same task, so that no request runs before it and ready is not held up.
  return { start: "fresh", snapshot: () => { cli.prepare(); return pyodide.makeMemorySnapshot(); }, key };
}

function run({ id, command, text }) {
  try {
    const result = runText(command, text);
    const [status, output] = result.toJs();
    result.destroy();
    postMessage({ type: "result", id, status, text: output });
  } catch (error) {
    // Every request gets an answer, so no promise on the page waits for ever.
    postMessage({ type: "result", id, error: String(error) });
  }
}

// ------------------------------------------------------------------------------ batch
function batchRequest(request) {
  const result = runText("batch", JSON.stringify(request));
  const [status, text] = result.toJs();
  result.destroy();
  return { status, text };
}

// Each open, and each cancel, makes the open under way stale: it stops at its next chunk.
let currentOpen = 0;
// Between chunks: the messages that came meanwhile (a cancel) are handled first.
const yieldToMessages = () => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = resolve;
  channel.port2.postMessage(null);
});

async function batchOpen({ id, file, chunk }) {
  const mine = ++currentOpen;
  // base64 carries the bytes through run_text's text; the reading (CSV in UTF-8 or GB18030, or
  // .xlsx) is Python's.
  const url = new FileReaderSync().readAsDataURL(new Blob([file]));
  let answer = batchRequest({ op: "open", data: url.slice(url.indexOf(",") + 1) });
  if (answer.status !== 0) return answer;
  let summary = JSON.parse(answer.text);
  postMessage({ type: "batch-progress", id, summary });
  // Chunks, so that the page can show progress while this thread computes, and cancel.
  while (summary.done < summary.rows) {
    await yieldToMessages();
    if (mine !== currentOpen) return { ...answer, cancelled: true };
    answer = batchRequest({ op: "compute", stop: summary.done + chunk });
    summary = JSON.parse(answer.text);
    postMessage({ type: "batch-progress", id, summary });
  }
  return { ...answer, heapBytes: heapBytes() };
}

function batchFile(op, lang) {
  // The file is made here, off the page's thread: a large result would stall the page.
  const answer = JSON.parse(batchRequest({ op, lang }).text);
  if (op === "csv") return new Blob([answer.text], { type: "text/csv;charset=utf-8" });
  const binary = atob(answer.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

async function batch(data) {
  const { id, op } = data;
  try {
    if (op === "open") postMessage({ type: "result", id, ...await batchOpen(data) });
    else if (op === "cancel") {
      currentOpen++;
      postMessage({ type: "result", id, status: 0 });
    } else if (op === "page") postMessage({ type: "result", id, ...batchRequest({ op, start: data.start, stop: data.stop, errors_only: data.errorsOnly }) });
    else postMessage({ type: "result", id, status: 0, blob: batchFile(op, data.lang) });
  } catch (error) {
    postMessage({ type: "result", id, error: String(error) });
  }
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    let started;
    try {
      started = await init(data);
    } catch (error) {
      postMessage({ type: "failed", reason: error.reason || "load", detail: String(error.detail || error.message || error) });
      return;
    }
    postMessage({ type: "ready", start: started.start });
    if (started.snapshot) {
      // Taken in this same task, before any request (a later message) has run: the snapshot
      // holds the rules as imported, never a reader's input. Packed and stored once the reader
      // has paused, so that it never delays a result.
      unsaved = { key: started.key, bytes: started.snapshot() };
      saveWhenIdle();
    }
  } else if (data.type === "run" && data.command === "sweep") {
    // A what-if sweep waits one turn: a newer one sent meanwhile (the reader still typing)
    // replaces it, and the stale one is answered as cancelled, never computed.
    if (queuedSweep) postMessage({ type: "result", id: queuedSweep.id, cancelled: true });
    queuedSweep = data;
    setTimeout(() => {
      if (queuedSweep !== data) return;
      queuedSweep = null;
      run(data);
      saveWhenIdle();
    });
  } else if (data.type === "run") {
    run(data);
    saveWhenIdle();
  } else if (data.type === "batch") {
    await batch(data);
    saveWhenIdle();
  }
};
