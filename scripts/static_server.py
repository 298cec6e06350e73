"""A static file server for the built site, with the headers a real server should send.

For local use and intranet previews (`scripts/serve`, the tests): a published site is served
by nginx or Apache (docs/deploy.md). Sends `.wasm` as application/wasm and `.mjs` as JavaScript
(Pyodide fails without them), the build's precompressed copy (FILE.br or FILE.gz) when the
client accepts it, and long cache lifetimes for paths that carry a version (`runtime/…`). It
lists no folder, answers a malformed request with a plain error (never a traceback), refuses
HTTP/0.9, cuts off a client that sends no complete request head within the timeout, and lets
no one client hold more than a few connections.

    python scripts/static_server.py SITE_DIR [--port 8000] [--host 127.0.0.1] [--timeout 20]
"""

from __future__ import annotations

import argparse
import collections
import email.utils
import http.server
import io
import os
import posixpath
import socket
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import unquote

TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".whl": "application/zip", ".json": "application/json", ".xml": "application/xml"}
# Precompressed copies written by the build (scripts/hooks/precompress.py), best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
VERSIONED = "/runtime/"
IMMUTABLE = "public, max-age=31536000, immutable"
# Only a file found is kept a year: a 404 under runtime/ may be a file not yet copied.
CACHED_STATUSES = {200, 206, 304}
# The Content-Security-Policy the pages are written for (no inline script or style). Pyodide
# compiles WebAssembly ('wasm-unsafe-eval'); Material's icons are data: images. Sent with every
# response, scripts included: a worker runs under the policy of its own script's response.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
# Powerful features the site never uses, turned off for it and anything it could be made to
# embed; every name is one Chromium knows (an unknown one is a console warning). Reading aloud
# (speechSynthesis) needs none of them.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "clipboard-read", "display-capture", "encrypted-media",
    "geolocation", "gyroscope", "hid", "idle-detection", "local-fonts", "magnetometer",
    "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock", "serial",
    "usb", "xr-spatial-tracking"))
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer", "Permissions-Policy": PERMISSIONS_POLICY}
ALLOWED_METHODS = "GET, HEAD"
# Seconds a connection has to send a whole request head (idle time included), and that one
# read or write may wait: nginx's client_header_timeout and send_timeout, shorter.
IDLE_TIMEOUT_S = 20
# Connections one client address may hold at once; a browser opens 6 per host.
MAX_CONNECTIONS_PER_CLIENT = 32
_connections = collections.Counter()  # (server address, client address) -> open connections
_connections_lock = threading.Lock()


class _HeadInput(io.RawIOBase):
    """The connection's input. While `deadline` is set (the request head is being read), no read
    waits past it: a client sending its head a byte at a time is cut off as one that sends
    nothing."""

    def __init__(self, sock: socket.socket, timeout: float) -> None:
        super().__init__()
        self.sock, self.timeout, self.deadline = sock, timeout, None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        wait = self.timeout
        if self.deadline is not None:
            wait = min(wait, self.deadline - time.monotonic())
            if wait <= 0:
                raise TimeoutError("no complete request head in time")
        self.sock.settimeout(wait)
        try:
            return self.sock.recv_into(buffer)
        finally:
            self.sock.settimeout(self.timeout)


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}
    timeout = IDLE_TIMEOUT_S
    # An error found before the request's version is read (HTTP/9.9, garbage) is still answered
    # with a status line and headers, not as HTTP/0.9's bare body.
    default_request_version = "HTTP/1.0"

    def setup(self):
        super().setup()
        self.rfile.close()
        self._input = _HeadInput(self.connection, self.timeout)
        self.rfile = io.BufferedReader(self._input)

    def handle(self):
        key = (self.server.server_address, self.client_address[0])
        with _connections_lock:
            _connections[key] += 1
            refused = _connections[key] > MAX_CONNECTIONS_PER_CLIENT
        try:
            if refused:
                self._start_request()
                self.send_error(503, "Too many connections from this address")
            else:
                super().handle()
        except (ConnectionError, TimeoutError):
            # The reader left (a closed tab, a lost network) or stopped reading: nothing to
            # answer, nothing to log.
            self.close_connection = True
        finally:
            with _connections_lock:
                _connections[key] -= 1
                if not _connections[key]:
                    del _connections[key]

    def _start_request(self):
        # What an error answer reads, set before each request: an error found before the request
        # line is parsed (a URL too long) must not take the previous request's path.
        self.command, self.path, self.requestline = None, "", ""
        self.request_version = self.default_request_version
        self._status = None

    def handle_one_request(self):
        self._start_request()
        self._input.deadline = time.monotonic() + self.timeout
        super().handle_one_request()

    def parse_request(self):
        words = str(self.raw_requestline, "iso-8859-1").split()
        try:
            if len(words) == 2:
                # `GET /path`, HTTP/0.9: its answer would be the bare file, with no headers.
                self.requestline = " ".join(words)
                self.close_connection = True
                self.send_error(400, "HTTP/0.9 is not supported")
                return False
            if not super().parse_request():
                return False
        finally:
            self._input.deadline = None
        if "\x00" in unquote(self.path):
            self.send_error(400, "NUL in the path")
            return False
        return True

    def _served_path(self) -> str:
        """The path of the file answered: the query and fragment left out, as translate_path."""
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        return posixpath.normpath(unquote(path)) if path else ""

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def end_headers(self):
        versioned = self._status in CACHED_STATUSES and VERSIONED in self._served_path()
        self.send_header("Cache-Control", IMMUTABLE if versioned else "no-cache")
        if self._status == 405:
            self.send_header("Allow", ALLOWED_METHODS)
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def _not_allowed(self):
        self.send_error(405)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = _not_allowed

    def list_directory(self, path):
        """No listing: a folder without index.html is not found, as with nginx and Apache
        (which answer 403)."""
        self.send_error(404)
        return None

    def send_head(self):
        """The precompressed copy (FILE.br, else FILE.gz) the client accepts, as nginx's
        brotli_static and gzip_static send it; else the file itself."""
        path = Path(self.translate_path(self.path))
        accepted = {e.split(";")[0].strip() for e in self.headers.get("Accept-Encoding", "").split(",")}
        try:
            is_file = path.is_file()
        except OSError:  # a name too long for the file system
            is_file = False
        if is_file:
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


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # Python's default of 5 waiting connections drops a browser's burst of 6 or more: each one
    # dropped waits a second for the retry.
    request_queue_size = 128


def serve(root: str, host: str = "127.0.0.1", port: int = 8000,
          timeout: float = IDLE_TIMEOUT_S) -> Server:
    handler = type("Handler", (Handler,), {"timeout": timeout})
    return Server((host, port), partial(handler, directory=root))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--timeout", type=float, default=IDLE_TIMEOUT_S,
                        help="seconds a client has to send a request (default %(default)s)")
    args = parser.parse_args()
    server = serve(args.root, args.host, args.port, args.timeout)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
