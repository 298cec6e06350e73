// Starts the calculation engine (worker.js) from the page's <head>, as soon as this small file
// arrives (async), so that Python loads while the page is still being parsed and drawn rather
// than after it (docs/performance.md). The page code (engine.js) takes the worker over when it
// runs; what the worker says before that is kept for it. The script tag names the files:
// data-worker, data-runtime (Pyodide's loader) and data-stdlib (the runtime archive), relative
// to the page. A classic script: module scripts wait for the page to be parsed.
(() => {
  const script = document.currentScript;
  const boot = { worker: null, error: null, events: [] };
  window.xinzhouEngineBoot = boot;
  if (typeof WebAssembly !== "object") return;  // engine.js says so, in the page's language
  const url = (name) => new URL(script.dataset[name], location.href).href;
  try {
    boot.worker = new Worker(url("worker"), { type: "module" });
  } catch (error) {
    boot.error = String(error);
    return;
  }
  boot.worker.onmessage = boot.worker.onerror = (event) => boot.events.push(event);
  boot.worker.postMessage({ type: "init", runtime: url("runtime"), stdlib: url("stdlib") });
})();
