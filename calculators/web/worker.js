// Runs the Python rule package in Pyodide, off the main thread (on the main thread start-up
// freezes the page for seconds). Protocol:
//   in:  {type: "init", runtime: URL of pyodide.mjs, wheel: URL of the rules' wheel}
//        {type: "run", id, command: "estimate" | "land", text: JSON document}
//   out: {type: "progress", stage} · {type: "ready"} · {type: "failed", reason, detail}
//        {type: "result", id, status, text}   (status and text exactly as the CLI's)

let runText = null;

async function checkWasm(runtime) {
  // A .wasm served with the wrong MIME type makes loadPyodide hang for ever: say so at once.
  const wasm = new URL("pyodide.asm.wasm", runtime);
  const response = await fetch(wasm, { method: "HEAD" });
  // A server that refuses HEAD tells us nothing; loadPyodide's own fetch will then decide.
  if (response.status === 405 || response.status === 501) return;
  if (!response.ok) throw { reason: "runtime-missing", detail: `${wasm.pathname}: HTTP ${response.status}` };
  const type = (response.headers.get("content-type") || "").split(";")[0].trim();
  if (type !== "application/wasm") throw { reason: "wasm-mime", detail: `${wasm.pathname}: ${type || "no Content-Type"}` };
}

async function init({ runtime, wheel }) {
  if (typeof WebAssembly !== "object") throw { reason: "no-wasm", detail: "WebAssembly is not available" };
  postMessage({ type: "progress", stage: "runtime" });
  await checkWasm(runtime);
  const { loadPyodide } = await import(runtime);
  const indexURL = new URL(".", runtime).href;
  // packageBaseUrl: without it Pyodide would fall back to its CDN for any package it lacks.
  const pyodide = await loadPyodide({ indexURL, packageBaseUrl: indexURL });
  postMessage({ type: "progress", stage: "rules" });
  await pyodide.loadPackage(wheel, { messageCallback: () => {}, errorCallback: () => {} });
  // loadPackage only logs a failure; the import is where it shows.
  runText = pyodide.pyimport("xinzhou_policy.cli").run_text;
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

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      await init(data);
      postMessage({ type: "ready" });
    } catch (error) {
      postMessage({ type: "failed", reason: error.reason || "load", detail: String(error.detail || error.message || error) });
    }
  } else if (data.type === "run") {
    run(data);
  }
};
