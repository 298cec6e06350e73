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

// Takes over the worker that boot.js started from the page's head, and reports in `status`.
// `ready` is the page's own text for "ready"; `failed` starts the failure message, to which the
// reason is added. Returns {ready: Promise, request(message, onProgress)}; every request is
// answered, a failure rejects what is still waiting.
export function startEngine(app, status, { ready: readyText, failed }) {
  let worker = null;
  let nextId = 0;
  const pending = new Map();
  let settle;
  const ready = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  ready.catch(() => {});

  function fail(reason, detail) {
    status.className = "calc-status is-failed";
    status.textContent = failed + (TEXT.reasons[reason] || TEXT.reasons.load) + (detail ? ` (${detail})` : "");
    app.classList.add("engine-failed");
    settle.reject(new Error(`${reason}: ${detail || ""}`));
    if (worker) worker.terminate();
    // A worker lost in the middle of a job (e.g. out of memory) answers nothing more.
    for (const { reject } of pending.values()) reject(new Error(`${reason}: ${detail || ""}`));
    pending.clear();
  }

  status.textContent = TEXT.loading;
  const boot = window.xinzhouEngineBoot;
  if (typeof WebAssembly !== "object") fail("no-wasm");
  else if (!boot) fail("runtime-missing", "boot.js");
  else if (boot.error) fail("worker", boot.error);
  else worker = boot.worker;
  if (worker) {
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
        settle.resolve();
      } else if (data.type === "snapshot") {
        app.dataset.snapshot = data.saved ? "saved" : "not-saved";
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
    for (const event of boot.events.splice(0)) {
      if (event.type === "error") worker.onerror(event);
      else worker.onmessage(event);
    }
  }

  async function request(message, onProgress) {
    await ready;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...message, id });
    });
  }

  return { ready, request };
}
