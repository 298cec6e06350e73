"""A static file server for the built site, with the headers a real server should send.

Used by `scripts/serve` and by the tests. Sends `.wasm` as application/wasm and `.mjs` as
JavaScript (Pyodide fails without them), the build's precompressed copy (FILE.br or FILE.gz)
when the client accepts it, and long cache lifetimes for paths that carry a version
(`runtime/…`).

    python scripts/static_server.py SITE_DIR [--port 8000] [--host 127.0.0.1]
"""

from __future__ import annotations

import argparse
import email.utils
import http.server
import os
from functools import partial
from pathlib import Path

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".whl": "application/zip", ".json": "application/json", ".xml": "application/xml"}
# Precompressed copies written by the build (scripts/hooks/precompress.py), best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
VERSIONED = "/runtime/"
# The Content-Security-Policy the pages are written for (no inline script or style). Pyodide
# compiles WebAssembly ('wasm-unsafe-eval'); Material's icons are data: images. Sent with every
# response, scripts included: a worker runs under the policy of its own script's response.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer"}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self):
        if VERSIONED in self.path:
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        """The precompressed copy (FILE.br, else FILE.gz) the client accepts, as nginx's
        brotli_static and gzip_static send it; else the file itself."""
        path = Path(self.translate_path(self.path))
        accepted = {e.split(";")[0].strip() for e in self.headers.get("Accept-Encoding", "").split(",")}
        if path.is_file():
            for encoding, suffix in ENCODINGS:
                copy = path.with_name(path.name + suffix)
                if encoding in accepted and copy.is_file():
                    return self._send_copy(path, copy, encoding)
        return super().send_head()

    def _send_copy(self, path: Path, copy: Path, encoding: str):
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
        body = copy.open("rb")
        self.send_response(200)
        self.send_header("Last-Modified", self.date_time_string(mtime))
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(copy.stat().st_size))
        self.end_headers()
        return body

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
