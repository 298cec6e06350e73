// What the calculator and batch pages share: the page's language, a DOM builder, and the
// engine, the worker that runs the rule package (worker.js): its start-up, the failure reasons
// in the page's language, its download progress, and the pairing of each request with its answer.

export const lang = document.documentElement.lang.startsWith("en") ? "en" : "zh";
// The start-up fails when nothing has moved for this long: no byte of the runtime has arrived and
// no step of the start has been reached. A slow connection that still delivers is never given up
// (on a phone network the runtime can take well over 20 s).
const STALL_TIMEOUT_MS = 15000;
const STALL_S = STALL_TIMEOUT_MS / 1000;
// Once every byte has arrived, what is left (compiling the wasm, starting Python, importing the
// rules) is the device's own work, slower on a slow or busy one: it is given this long, so that a
// start that has really failed (Pyodide only logs a wasm it cannot instantiate, and waits) is
// still reported.
const START_TIMEOUT_MS = 60000;
// Bytes as a reader reads them, e.g. "2.7 MB".
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)}\u00a0MB`; // never broken across lines

const TEXT = {
  zh: {
    loading: "正在加载计算引擎（首次约需数秒）…", runtime: "正在加载 Python 运行环境…", rules: "正在加载奖补规则…",
    starting: "正在启动 Python 运行环境…", progress: "计算引擎下载进度", form: "加载期间即可填写，就绪后立即计算。",
    files: { "pyodide.asm.wasm": "Python 运行环境", "python.zip": "奖补规则和 Python 标准库" },
    received: (loaded, total) => (total ? `已接收 ${megabytes(loaded)} / ${megabytes(total)}` : `已接收 ${megabytes(loaded)}`),
    file: (label, name, bytes) => `${label}（${name}）：${bytes}`,
    reasons: {
      "no-wasm": "浏览器不支持或禁用了 WebAssembly。",
      "wasm-mime": "服务器未以 application/wasm 类型提供 .wasm 文件（请网站管理员检查 MIME 类型配置）。",
      "runtime-missing": "运行环境文件缺失。", worker: "浏览器阻止了后台计算线程（可能是安全策略所致）。",
      stalled: `加载停滞：已有 ${STALL_S} 秒没有收到任何数据。`, load: "运行环境加载失败。",
      start: `启动失败：文件已全部收到，但 ${START_TIMEOUT_MS / 1000} 秒内未能启动。`,
    },
  },
  en: {
    loading: "Loading the calculation engine (a few seconds the first time)…", runtime: "Loading the Python runtime…",
    rules: "Loading the award rules…", starting: "Starting the Python runtime…", progress: "Calculation engine download",
    form: "You can fill in the form meanwhile: it is computed as soon as the engine is ready.",
    files: { "pyodide.asm.wasm": "Python runtime", "python.zip": "award rules and Python standard library" },
    received: (loaded, total) => (total ? `${megabytes(loaded)} of ${megabytes(total)} received` : `${megabytes(loaded)} received`),
    file: (label, name, bytes) => `${label} (${name}): ${bytes}`,
    reasons: {
      "no-wasm": "WebAssembly is unavailable or disabled in this browser.",
      "wasm-mime": "The server does not send .wasm files as application/wasm (ask the site administrator to check the MIME types).",
      "runtime-missing": "Runtime files are missing.", worker: "The browser blocked the background worker (possibly a security policy).",
      stalled: `Loading stalled: no data has arrived for ${STALL_S} s.`, load: "The runtime failed to load.",
      start: `Starting failed: every file has arrived, but the engine has not started within ${START_TIMEOUT_MS / 1000} s.`,
    },
  },
}[lang];

// Text is only ever added as text nodes, never parsed as HTML.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// ------------------------------------------------------------------------------ the worker
// A worker with its init message sent: {worker, error, events}, where events keeps what the
// worker says until startEngine listens. The runtime's files are named in the head, by
// <meta name="xinzhou-engine" content="runtime=…&stdlib=…&wasm-size=…&stdlib-size=…"> (URLs
// relative to the page; the sizes of pyodide.asm.wasm and python.zip in bytes, download.js), so
// they are known wherever this module runs from, head or body.
function spawn() {
  const started = { worker: null, error: null, events: [] };
  if (typeof WebAssembly !== "object") return started; // startEngine says so, in the page's language
  const meta = document.querySelector('meta[name="xinzhou-engine"]');
  if (!meta) {
    started.error = { reason: "runtime-missing", detail: 'meta name="xinzhou-engine"' };
    return started;
  }
  const files = new URLSearchParams(meta.content);
  const url = (name) => new URL(files.get(name), location.href).href;
  try {
    started.worker = new Worker(new URL("worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    started.error = { reason: "worker", detail: String(error) };
    return started;
  }
  started.worker.onmessage = started.worker.onerror = (event) => started.events.push(event);
  const size = (name) => Number(files.get(name)) || undefined;
  started.worker.postMessage({ type: "init", runtime: url("runtime"), stdlib: url("stdlib"),
                               sizes: { wasm: size("wasm-size"), stdlib: size("stdlib-size") } });
  return started;
}

let booted = null;

// The page's engine worker, started on the first call (boot.js from the head, or the page code
// through startEngine, whichever runs first); every later call gives the same one. A module is
// evaluated once per page, so there is one `booted` whatever imports this file.
export function bootEngine() {
  booted ??= spawn();
  return booted;
}

// ------------------------------------------------------------------------------ progress
// Below the status line while the engine starts: what is loading, the bytes received of each
// file and their total, and one bar for the whole download; `meanwhile` says what the reader can
// already do. The status line (a live region) changes only from step to step, the bar with
// every few chunks, so a screen reader is not read every number.
function progressView(status, meanwhile) {
  const fill = el("span", { class: "calc-progress-fill" });
  const bar = el("div", { class: "calc-progress-bar", role: "progressbar", "aria-label": TEXT.progress,
                          "aria-valuemin": "0", "aria-valuemax": "100" }, fill);
  const list = el("ul", { class: "calc-progress-files" });
  const box = el("div", { class: "calc-progress" }, bar, list, el("p", { class: "calc-progress-note" }, meanwhile));
  status.after(box);
  let files = [];
  return {
    // files: the worker's downloads ({name, loaded, total, done}), as it last said them.
    show(latest) {
      files = latest;
      box.hidden = false;
      const loaded = files.reduce((sum, f) => sum + f.loaded, 0);
      const known = files.length && files.every((f) => f.total);
      const total = known ? files.reduce((sum, f) => sum + f.total, 0) : null;
      list.replaceChildren(...files.map((f) => el("li", {}, TEXT.file(TEXT.files[f.name] || f.name, f.name, TEXT.received(f.loaded, f.total)))));
      bar.setAttribute("aria-valuetext", TEXT.received(loaded, total));
      if (total) {
        const percent = Math.min(100, Math.round((loaded / total) * 100));
        bar.setAttribute("aria-valuenow", String(percent));
        bar.classList.remove("is-indeterminate");
        fill.style.width = `${percent}%`;
      } else {
        // Without a total the bar is indeterminate (no aria-valuenow), the bytes still counted.
        bar.removeAttribute("aria-valuenow");
        bar.classList.add("is-indeterminate");
      }
    },
    // What is still arriving, for a failure's message: each file with its bytes so far.
    pending: () => files.filter((f) => !f.done).map((f) => `${f.name}: ${TEXT.received(f.loaded, f.total)}`).join("; "),
    downloaded: () => files.length > 0 && files.every((f) => f.done),
    reset() { files = []; this.show([]); bar.classList.add("is-indeterminate"); },
    hide() { box.hidden = true; },
  };
}

// Takes over the engine (bootEngine) and reports in `status`. `ready` is the page's own text for
// "ready"; `failed` starts the failure message, to which the reason is added; `meanwhile` says
// what the reader can do while the engine loads; `onRestart` is called when a page the reader
// comes back to starts a new engine (see `suspend`). Returns {ready, request(message,
// onProgress)}: `ready` settles with the current engine's start-up; every request is answered
// (one made during the start-up once it is over), and a failure rejects what is still waiting.
export function startEngine(app, status, { ready: readyText, failed, meanwhile, onRestart }) {
  const progress = progressView(status, meanwhile);
  let worker = null;
  let nextId = 0;
  const pending = new Map();
  let ready = null;
  let settle = null;
  // Until the worker is done with IndexedDB: reading its snapshot at start, or, after a fresh
  // start, storing one (worker.js, snapshot.js). See `suspend`.
  let usingStorage = true;
  let suspended = false;

  // The deadline: restarted by every sign of progress from the worker until it is ready; the
  // stall deadline while files arrive, the start deadline once they all have.
  let stallTimer = null;
  const watch = () => {
    clearTimeout(stallTimer);
    if (progress.downloaded()) {
      stallTimer = setTimeout(() => fail("start", status.textContent), START_TIMEOUT_MS);
      return;
    }
    // What was loading: the files still arriving, or before the worker has said anything, its
    // own script.
    stallTimer = setTimeout(() => fail("stalled", progress.pending() || "worker.js"), STALL_TIMEOUT_MS);
  };

  function stop(reason, detail) {
    clearTimeout(stallTimer);
    progress.hide();
    if (worker) worker.terminate();
    worker = null;
    // A worker lost in the middle of a job (e.g. out of memory) answers nothing more.
    for (const { reject } of pending.values()) reject(new Error(`${reason}: ${detail || ""}`));
    pending.clear();
  }

  function fail(reason, detail) {
    status.className = "calc-status is-failed";
    status.textContent = failed + (TEXT.reasons[reason] || TEXT.reasons.load) + (detail ? ` (${detail})` : "");
    app.classList.add("engine-failed");
    settle.reject(new Error(`${reason}: ${detail || ""}`));
    stop(reason, detail);
  }

  function take(started) {
    ready = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    ready.catch(() => {});
    usingStorage = true;
    status.className = "calc-status";
    status.textContent = TEXT.loading;
    progress.reset();
    app.classList.remove("engine-ready", "engine-failed");
    delete app.dataset.engineStart;
    delete app.dataset.snapshot;
    if (typeof WebAssembly !== "object") return fail("no-wasm");
    if (started.error) return fail(started.error.reason, started.error.detail);
    worker = started.worker;
    watch();
    worker.onerror = (event) => fail("worker", event.message);
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") {
        if (data.files) progress.show(data.files);
        watch();
        const stage = data.stage === "runtime" && progress.downloaded() ? TEXT.starting : TEXT[data.stage];
        if (status.textContent !== stage) status.textContent = stage;
      } else if (data.type === "failed") fail(data.reason, data.detail);
      else if (data.type === "ready") {
        clearTimeout(stallTimer);
        progress.hide();
        status.className = "calc-status is-ready";
        status.textContent = readyText;
        app.classList.add("engine-ready");
        // How the engine started: "snapshot" (restored from this browser's copy, snapshot.js)
        // or "fresh"; after a fresh start, data-snapshot says whether a copy was kept.
        app.dataset.engineStart = data.start;
        usingStorage = data.start === "fresh";
        // For measurements in any browser (scripts/bench_calculators.py, tests/engines).
        performance.mark("xinzhou-engine-ready");
        settle.resolve();
      } else if (data.type === "snapshot") {
        app.dataset.snapshot = data.saved ? "saved" : "not-saved";
        usingStorage = false;
      } else if (data.type === "batch-progress") {
        pending.get(data.id)?.onProgress?.(data.summary);
      } else if (data.type === "result") {
        const { resolve, reject } = pending.get(data.id);
        pending.delete(data.id);
        if (data.error) reject(new Error(data.error));
        else resolve(data);
      }
    };
    // What the worker said before this code ran, in order.
    for (const event of started.events.splice(0)) {
      if (event.type === "error") worker.onerror(event);
      else worker.onmessage(event);
    }
  }

  // A page left while its worker uses IndexedDB can be kept frozen in the back-forward cache
  // (Firefox and WebKit do) with the transaction open, and every later page of the site then
  // waits for the database until the frozen page is evicted, half a minute or more. Such a page
  // stops its worker as it is left, which ends the transaction, and starts a new engine (from
  // the snapshot, if one was stored) if the reader comes back to it.
  function suspend() {
    if (!worker || !usingStorage) return;
    stop("suspended", "the page was left");
    suspended = true;
  }

  function resume(event) {
    if (!suspended || event.persisted === false) return;
    suspended = false;
    take(spawn());
    onRestart?.();
  }

  take(bootEngine());
  addEventListener("pagehide", suspend);
  addEventListener("pageshow", resume);
  // Chromium's page lifecycle: a background tab can be frozen without being left.
  document.addEventListener("freeze", suspend);
  document.addEventListener("resume", resume);

  async function request(message, onProgress) {
    await ready;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...message, id });
    });
  }

  return { get ready() { return ready; }, request };
}
