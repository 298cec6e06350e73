// The runtime's large files (pyodide.asm.wasm, python.zip), fetched by the worker itself as soon
// as it starts, with a count of the bytes received, so that the page can show progress and tell
// a slow connection (bytes still arriving) from a stalled one (engine.js). Pyodide is handed the
// same responses when it asks for these files (worker.js), so nothing is fetched twice.
//
// The bytes counted are the file's own: with Content-Encoding (br, gzip) the body yields decoded
// bytes while Content-Length is the compressed size. The total is therefore the file's size from
// the build (the page's xinzhou-engine meta); without it, Content-Length of a response sent as it
// is; otherwise unknown (the page shows the bytes received, and no total).

// Progress is said at most this often while bytes arrive (and always when a file is complete).
const PROGRESS_INTERVAL_MS = 100;

// {state, response, received}: `state` ({name, loaded, total, done}) is updated as bytes arrive,
// `onProgress` called after each update that is worth saying; `response` is the Response (for
// Pyodide, once checked); `received` settles when the whole body has arrived, or rejects naming
// the file when the connection breaks.
export function download(url, size, onProgress) {
  const name = new URL(url).pathname.split("/").pop();
  const state = { name, loaded: 0, total: size || null, done: false };
  let said = 0;
  const say = (always) => {
    const now = performance.now();
    if (!always && now - said < PROGRESS_INTERVAL_MS) return;
    said = now;
    onProgress();
  };
  const response = fetch(url);
  const received = response.then(async (answer) => {
    // Not the file: what is wrong is said by whoever checks the answer (worker.js).
    if (!answer.ok || !answer.body) return;
    if (!state.total && !answer.headers.get("content-encoding")) {
      state.total = Number(answer.headers.get("content-length")) || null;
    }
    // A copy of the body is counted; Pyodide reads the original (streaming compilation).
    const reader = answer.clone().body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      state.loaded += value.byteLength;
      say(false);
    }
    state.done = true;
    state.total = state.loaded;
    say(true);
  }).catch((error) => {
    throw { reason: "load", detail: `${name}: ${error.message || error}` };
  });
  return { state, response, received };
}
