// On reading pages (home, the documents, the estimate's explanation): once the page is loaded
// and the browser is idle, fetch the calculators' runtime into the HTTP cache, so that a
// calculator opened afterwards finds it there instead of downloading about 3.5 MB first
// (docs/performance.md has the figures; docs/about.md tells readers). Not on a connection the
// browser calls slow (2g, slow-2g) or where the reader asked to save data.
//
// fetch() and not <link rel="prefetch">, which WebKit ignores. The URLs and the cache mode are
// the engine's own (worker.js and Pyodide's loader: the same files, fetched with the default
// mode), and the runtime's paths are cached for a year, so the worker is served from the cache.
// One file at a time, each read to its end (a partial body is not cached) and then dropped.
// performance.mark("xinzhou-runtime-fetched") when all are in (scripts/bench_phone.py waits
// for it).

const IDLE_FALLBACK_MS = 2000; // where requestIdleCallback is missing (WebKit)

function allowed() {
  const connection = navigator.connection;
  if (!connection) return true; // WebKit and Firefox say nothing of the connection
  return !connection.saveData && !["slow-2g", "2g"].includes(connection.effectiveType);
}

// The files the engine's worker loads, from <meta name="xinzhou-engine"> (engine.js reads the
// same): Pyodide's loader, glue, wasm and lock file, and the rules' archive.
function runtimeFiles() {
  const meta = document.querySelector('meta[name="xinzhou-engine"]');
  if (!meta) return [];
  const files = new URLSearchParams(meta.content);
  const runtime = new URL(files.get("runtime"), location.href);
  return [runtime, ...["pyodide.asm.mjs", "pyodide-lock.json"].map((name) => new URL(name, runtime)),
          new URL(files.get("stdlib"), location.href), new URL("pyodide.asm.wasm", runtime)];
}

async function fetchAll() {
  try {
    for (const url of runtimeFiles()) {
      const response = await fetch(url);
      if (!response.ok) return; // a server without the runtime: the calculator page says so
      const reader = response.body.getReader();
      while (!(await reader.read()).done);
    }
    performance.mark("xinzhou-runtime-fetched");
  } catch (error) {
    // Offline, or the page left: nothing is lost but the head start.
    console.info("runtime not fetched ahead:", error);
  }
}

function whenIdle() {
  if (!allowed()) return;
  if ("requestIdleCallback" in window) requestIdleCallback(fetchAll, { timeout: IDLE_FALLBACK_MS * 5 });
  else setTimeout(fetchAll, IDLE_FALLBACK_MS);
}

if (document.readyState === "complete") whenIdle();
else addEventListener("load", whenIdle, { once: true });
