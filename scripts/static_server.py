"""A static file server for the built site, with the headers a real server should send.

Used by `scripts/serve` and by the tests. Sends `.wasm` as application/wasm and `.mjs` as
JavaScript (Pyodide fails without them), gzip when the client accepts it, and long cache
lifetimes for paths that carry a version (`runtime/…`).

    python scripts/static_server.py SITE_DIR [--port 8000] [--host 127.0.0.1]
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import http.server
import os
from io import BytesIO
from functools import lru_cache, partial
from pathlib import Path

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".whl": "application/zip", ".json": "application/json", ".xml": "application/xml"}
# Already compressed: gzip would only cost time.
STORED = {".zip", ".whl", ".png", ".jpg", ".gz", ".br", ".woff2"}
VERSIONED = "/runtime/"


@lru_cache(maxsize=256)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    """Compressed once per file version (the wasm takes about half a second)."""
    return gzip.compress(path.read_bytes(), compresslevel=6)


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self):
        if VERSIONED in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix not in STORED):
            return super().send_head()
        mtime = path.stat().st_mtime
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if email.utils.parsedate_to_datetime(since).timestamp() >= int(mtime):
                    self.send_response(304)
                    self.end_headers()
                    return None
            except (TypeError, ValueError):
                pass
        body = _gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Last-Modified", self.date_time_string(mtime))
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)

    def log_message(self, format, *args):
        if os.environ.get("STATIC_SERVER_LOG"):
            super().log_message(format, *args)


def serve(root: str, host: str = "127.0.0.1", port: int = 8000) -> http.server.ThreadingHTTPServer:
    return http.server.ThreadingHTTPServer((host, port), partial(Handler, directory=root))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = serve(args.root, args.host, args.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
