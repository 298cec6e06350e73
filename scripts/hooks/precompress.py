"""Precompressed copies of the site's files: FILE.br (brotli, quality 11) and FILE.gz (gzip -9).

A web server sends them as they are (nginx `gzip_static`, and `brotli_static` with Debian's
module: docs/deploy.md), so a reader gets the smallest encoding without the server compressing
anything at request time. Brotli at quality 11 is the smallest and slowest to make: the wasm
alone takes one to two minutes. Every result is therefore kept in build/compressed/, named by
the hash of the content, and the runtime files known before the pages render are compressed
in a background thread meanwhile.

A copy is only written where it is smaller than the file by a tenth: already-compressed files
(images, fonts) gain nothing. This hook must run after every hook and plugin that writes into
the site: it is last in mkdocs.yml, and its on_post_build has the lowest priority.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import brotli
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "compressed"
# Known to be compressed already, or not worth a copy.
SKIP = {".br", ".gz", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".woff", ".woff2", ".whl", ".xlsx"}
MIN_BYTES = 1024
KEEP_UNUSED_DAYS = 14  # cache entries no build has used for this long are removed
EARLY = [ROOT / "node_modules" / "pyodide" / name for name in ("pyodide.asm.wasm", "pyodide.asm.mjs")]

_pool = ThreadPoolExecutor(max_workers=1)
_early: list[Future] = []


def _compressed(data: bytes) -> tuple[bytes, bytes]:
    """(brotli, gzip) of data, from the cache when this content was compressed before."""
    digest = hashlib.sha256(data).hexdigest()
    br, gz = CACHE / f"{digest}.br", CACHE / f"{digest}.gz"
    if not (br.exists() and gz.exists()):
        CACHE.mkdir(parents=True, exist_ok=True)
        for path, body in ((br, brotli.compress(data, quality=11)),
                           (gz, gzip.compress(data, compresslevel=9, mtime=0))):
            # A build stopped half-way leaves no truncated entry; builds at once (the test
            # suite's parts, scripts/run_tests.py) each write their own partial file.
            partial = path.with_name(f"{path.name}.partial-{os.getpid()}-{threading.get_ident()}")
            partial.write_bytes(body)
            partial.replace(path)
    for path in (br, gz):
        os.utime(path)  # marks the entry as used (see _prune)
    return br.read_bytes(), gz.read_bytes()


def _prune() -> None:
    """Each edit of a page leaves its old copies behind: drop those unused for a while."""
    limit = time.time() - KEEP_UNUSED_DAYS * 86400
    for path in CACHE.glob("*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except FileNotFoundError:  # another build's partial file, renamed meanwhile
            continue


def on_config(config):
    # The brotli module releases the interpreter lock while it works, so this runs on the
    # other core while MkDocs renders pages.
    _early[:] = [_pool.submit(_compressed, path.read_bytes()) for path in EARLY if path.exists()]
    return config


# After mkdocs-static-i18n's on_post_build (priority -100): it builds the other languages, and
# only then writes the search index of all of them.
@event_priority(-200)
def on_post_build(config):
    for future in _early:
        future.result()
    for path in sorted(Path(config["site_dir"]).rglob("*")):
        if not path.is_file() or path.suffix in SKIP:
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        for suffix, body in zip((".br", ".gz"), _compressed(data)):
            target = path.with_name(path.name + suffix)
            if len(body) < 0.9 * len(data):
                target.write_bytes(body)
            else:
                target.unlink(missing_ok=True)
    _prune()
