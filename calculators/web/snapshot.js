// The engine's start-up snapshot, kept in this browser. After the first start-up the worker
// copies the engine's memory (a Pyodide memory snapshot: the interpreter with the rules imported,
// taken before any input is seen) into IndexedDB; later visits restore it instead of starting
// Python again (figures: docs/performance.md). Nothing is sent anywhere, and nothing the reader
// types is in it. One record, replaced when the runtime changes (its key names the runtime's
// files, which carry their version). IndexedDB, not the Cache API: intranet sites are often
// plain HTTP, where the Cache API does not exist.
//
// The snapshot is 31 MB, two thirds of it zero-filled pages: pages of PAGE bytes that are all
// zero are left out (about 11 MB is kept), which costs a few ms either way, where gzip would cost
// a hundred.

export const DATABASE = "xinzhou-policy-engine";
const STORE = "snapshot";
const RECORD = "engine";
const PAGE = 4096;

function isZero(words, bytes, page) {
  const start = page * PAGE;
  const end = Math.min(start + PAGE, bytes.length);
  if (end - start === PAGE) {
    for (let i = start >> 2, stop = end >> 2; i < stop; i++) if (words[i] !== 0) return false;
    return true;
  }
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

// {length, present: one byte per page (1 = kept), data: the kept pages in order}.
export function pack(bytes) {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length >> 2);
  const pages = Math.ceil(aligned.length / PAGE);
  const present = new Uint8Array(pages);
  let kept = 0;
  for (let p = 0; p < pages; p++) {
    if (!isZero(words, aligned, p)) { present[p] = 1; kept += Math.min(PAGE, aligned.length - p * PAGE); }
  }
  const data = new Uint8Array(kept);
  let at = 0;
  for (let p = 0; p < pages; p++) {
    if (!present[p]) continue;
    const page = aligned.subarray(p * PAGE, Math.min((p + 1) * PAGE, aligned.length));
    data.set(page, at);
    at += page.length;
  }
  return { length: aligned.length, present, data };
}

export function unpack({ length, present, data }) {
  const bytes = new Uint8Array(length);
  let at = 0;
  for (let p = 0; p < present.length; p++) {
    if (!present[p]) continue;
    const size = Math.min(PAGE, length - p * PAGE);
    bytes.set(data.subarray(at, at + size), p * PAGE);
    at += size;
  }
  if (at !== data.length) throw new Error("snapshot record does not match its page map");
  return bytes;
}

// ------------------------------------------------------------------------------ IndexedDB
function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open() {
  if (typeof indexedDB === "undefined") return Promise.reject(new Error("no IndexedDB"));
  const req = indexedDB.open(DATABASE, 1);
  req.onupgradeneeded = () => req.result.createObjectStore(STORE);
  return request(req);
}

async function transact(mode, action) {
  const db = await open();
  try {
    const tx = db.transaction(STORE, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
    });
    const result = await request(action(tx.objectStore(STORE)));
    await done;
    return result;
  } finally {
    db.close();
  }
}

// The snapshot saved under `key`, or null: none, another runtime's, storage unavailable (a
// private window may refuse IndexedDB), or not read within `deadlineMs`: the database can be
// held by a page frozen in the back-forward cache (of another tab, or of an older version of this
// site) and would hold this start with it. The worker then starts Python the long way.
export async function load(key, deadlineMs) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => {
      console.info(`engine snapshot not read within ${deadlineMs} ms: starting afresh`);
      resolve(null);
    }, deadlineMs);
  });
  const read = transact("readonly", (store) => store.get(RECORD)).then(
    (record) => (record && record.key === key ? unpack(record) : null), () => null);
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

// Resolves true once stored; false where the browser refuses (quota, private window): later
// visits then start the long way, as this one did.
export async function save(key, bytes) {
  try {
    await transact("readwrite", (store) => store.put({ key, ...pack(bytes) }, RECORD));
    return true;
  } catch {
    return false;
  }
}

export async function forget() {
  try {
    await transact("readwrite", (store) => store.delete(RECORD));
  } catch {
    // Nothing stored, or no storage: nothing to forget.
  }
}
