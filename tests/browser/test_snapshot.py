"""The engine's start-up snapshot (calculators/web/snapshot.js, worker.js).

A first visit starts Python and, once the reader pauses, keeps a snapshot of the engine in
IndexedDB; the next visit restores it. Checked here: both ways of starting give the CLI's exact
results (tests/browser/test_cases.py runs every case file both ways too); the snapshot never
holds what the reader typed; a damaged snapshot, or one of another runtime, is not restored but
replaced; the page map packing keeps every byte.
"""

from __future__ import annotations

import json

from xinzhou_policy.cli import run_text

from .browsing import READY_TIMEOUT_MS, open_calculator

LAND = {"grade": 8, "area_m2": "12345.67", "total_cost": "1500000", "supported_project": True}
PROFILE = {"event_date": "2024-06-01", "role": "backbone", "revenue": "600000000",
           "previous_max_revenue": "200000000"}
# Typed before the engine is ready: the worker computes it right after start-up.
SECRET_REVENUE = "987654321.98"

# The stored record, read and written from the page through snapshot.js's own database names.
RECORD = """async ([op, change]) => {
  const open = () => new Promise((resolve, reject) => {
    const req = indexedDB.open("xinzhou-policy-engine", 1);
    req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error);
  });
  const db = await open();
  const store = db.transaction("snapshot", op === "get" ? "readonly" : "readwrite").objectStore("snapshot");
  const done = (req) => new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error);
  });
  const record = await done(store.get("engine"));
  if (op === "get") {
    db.close();
    return record && { key: record.key, length: record.length, pages: record.present.length,
                       kept: record.data.length };
  }
  if (change === "magic") record.data[0] ^= 0xff;  // the first kept page starts with the header
  if (change === "key") record.key = "0 " + record.key;
  await done(db.transaction("snapshot", "readwrite").objectStore("snapshot").put(record, "engine"));
  db.close();
  return true;
}"""


def _app(page):
    return page.locator(".calculator-app")


def _saved(page) -> None:
    page.wait_for_function("() => document.querySelector('.calculator-app').dataset.snapshot !== undefined",
                           timeout=READY_TIMEOUT_MS)
    assert _app(page).get_attribute("data-snapshot") == "saved"


def _run(page, command: str, data: dict) -> tuple[int, str]:
    result = page.evaluate("([c, t]) => window.policyCalculator.run(c, t)", [command, json.dumps(data)])
    return result["status"], result["text"]


def _start(context, site, path="calculators/land.html") -> tuple[object, str]:
    page = context.new_page()
    open_calculator(page, site, path)
    return page, _app(page).get_attribute("data-engine-start")


def test_the_second_visit_restores_the_first_visits_snapshot(context, site):
    first, how = _start(context, site)
    assert how == "fresh"
    _saved(first)
    record = first.evaluate(RECORD, ["get", None])
    # About 31 MB of memory, of which only the pages that are not all zero are kept.
    assert record["length"] > 16_000_000 and 0 < record["kept"] < record["length"]
    assert record["key"].endswith("python.zip")
    second, how = _start(context, site, "calculators/index.html")
    assert how == "snapshot"
    assert _app(second).get_attribute("data-snapshot") is None  # nothing new to keep
    for page in (first, second):
        assert _run(page, "land", LAND) == run_text("land", json.dumps(LAND))
        assert _run(page, "estimate", PROFILE) == run_text("estimate", json.dumps(PROFILE))


def test_the_snapshot_never_holds_what_the_reader_typed(context, site):
    page = context.new_page()
    page.goto(site.url + "calculators/index.html")  # the form is there before the engine
    page.fill("#f-event_date", "2024-06-01")
    page.check("#pick-revenue")  # the situation picker: its group is shown once ticked
    page.fill("#f-revenue", SECRET_REVENUE)
    page.locator(".calc-result .calc-total").wait_for(timeout=READY_TIMEOUT_MS)
    _saved(page)
    found = page.evaluate("""async (secret) => {
      const { load } = await import(new URL("../assets/calculators/snapshot.js", location.href).href);
      const db = await new Promise((resolve) => { const r = indexedDB.open("xinzhou-policy-engine", 1);
                                                   r.onsuccess = () => resolve(r.result); });
      const key = await new Promise((resolve) => { const r = db.transaction("snapshot").objectStore("snapshot").get("engine");
                                                    r.onsuccess = () => resolve(r.result.key); });
      db.close();
      const bytes = await load(key, 60000);
      const text = new TextDecoder("latin1").decode(bytes);
      return { length: bytes.length, secret: text.includes(secret), rules: text.includes("xinzhou_policy") };
    }""", SECRET_REVENUE)
    # The test can fail: the rules' own names are found in the same bytes.
    assert found["rules"] and found["length"] > 16_000_000
    assert not found["secret"]


def test_a_damaged_snapshot_or_another_runtimes_is_replaced(context, site):
    first, _ = _start(context, site)
    _saved(first)
    for change in ("magic", "key"):
        first.evaluate(RECORD, ["put", change])
        page, how = _start(context, site)
        assert how == "fresh", change
        assert _run(page, "land", LAND) == run_text("land", json.dumps(LAND))
        _saved(page)
        page.close()
    page, how = _start(context, site)
    assert how == "snapshot"
    assert _run(page, "land", LAND) == run_text("land", json.dumps(LAND))


def test_packing_keeps_every_byte(context, site):
    page = context.new_page()
    page.goto(site.url + "calculators/land.html")
    result = page.evaluate("""async () => {
      const { pack, unpack } = await import(new URL("../assets/calculators/snapshot.js", location.href).href);
      const out = [];
      // Zero pages, a non-zero byte at either end of a page, a short last page, an unaligned view.
      const buffer = new Uint8Array(4096 * 5 + 1000 + 1);
      buffer[4096] = 7; buffer[4096 * 3 - 1] = 9; buffer[4096 * 5 + 999] = 3; buffer[4096 * 5 + 1000] = 5;
      for (const bytes of [buffer.subarray(0, buffer.length - 1), buffer.subarray(1)]) {
        const packed = pack(bytes);
        const back = unpack(packed);
        out.push({ same: back.length === bytes.length && back.every((b, i) => b === bytes[i]),
                   pages: Array.from(packed.present), kept: packed.data.length });
      }
      let refused = false;
      try { const p = pack(buffer); unpack({ ...p, data: p.data.subarray(1) }); } catch { refused = true; }
      return { out, refused };
    }""")
    assert result["out"][0] == {"same": True, "pages": [0, 1, 1, 0, 0, 1], "kept": 4096 * 2 + 1000}
    assert result["out"][1]["same"] is True
    assert result["refused"] is True
