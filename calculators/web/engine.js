// What the calculator and batch pages share: the page's language, a DOM builder, and the
// engine, the worker that runs the rule package (worker.js): its start-up, the failure reasons
// in the page's language, and the pairing of each request with its answer.

export const lang = document.documentElement.lang.startsWith("en") ? "en" : "zh";
const LOAD_TIMEOUT_MS = 20000;

const TEXT = {
  zh: {
    loading: "正在加载计算引擎（首次约需数秒）…", runtime: "正在加载 Python 运行环境…", rules: "正在加载奖补规则…",
    reasons: {
      "no-wasm": "浏览器不支持或禁用了 WebAssembly。",
      "wasm-mime": "服务器未以 application/wasm 类型提供 .wasm 文件（请网站管理员检查 MIME 类型配置）。",
      "runtime-missing": "运行环境文件缺失。", worker: "浏览器阻止了后台计算线程（可能是安全策略所致）。",
      timeout: "加载超时。", load: "运行环境加载失败。",
    },
  },
  en: {
    loading: "Loading the calculation engine (a few seconds the first time)…", runtime: "Loading the Python runtime…",
    rules: "Loading the award rules…",
    reasons: {
      "no-wasm": "WebAssembly is unavailable or disabled in this browser.",
      "wasm-mime": "The server does not send .wasm files as application/wasm (ask the site administrator to check the MIME types).",
      "runtime-missing": "Runtime files are missing.", worker: "The browser blocked the background worker (possibly a security policy).",
      timeout: "Loading timed out.", load: "The runtime failed to load.",
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
// <meta name="xinzhou-engine" content="runtime=…&stdlib=…"> (URLs relative to the page), so
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
  started.worker.postMessage({ type: "init", runtime: url("runtime"), stdlib: url("stdlib") });
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

// Takes over the engine (bootEngine) and reports in `status`. `ready` is the page's own text for
// "ready"; `failed` starts the failure message, to which the reason is added; `onRestart` is
// called when a page the reader comes back to starts a new engine (see `suspend`). Returns
// {ready, request(message, onProgress)}: `ready` settles with the current engine's start-up;
// every request is answered, and a failure rejects what is still waiting.
export function startEngine(app, status, { ready: readyText, failed, onRestart }) {
  let worker = null;
  let nextId = 0;
  const pending = new Map();
  let ready = null;
  let settle = null;
  // Until the worker is done with IndexedDB: reading its snapshot at start, or, after a fresh
  // start, storing one (worker.js, snapshot.js). See `suspend`.
  let usingStorage = true;
  let suspended = false;

  function stop(reason, detail) {
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
    app.classList.remove("engine-ready", "engine-failed");
    delete app.dataset.engineStart;
    delete app.dataset.snapshot;
    if (typeof WebAssembly !== "object") return fail("no-wasm");
    if (started.error) return fail(started.error.reason, started.error.detail);
    worker = started.worker;
    const timer = setTimeout(() => fail("timeout"), LOAD_TIMEOUT_MS);
    worker.onerror = (event) => { clearTimeout(timer); fail("worker", event.message); };
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") status.textContent = TEXT[data.stage];
      else if (data.type === "failed") { clearTimeout(timer); fail(data.reason, data.detail); }
      else if (data.type === "ready") {
        clearTimeout(timer);
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
