"""The site as the engine tests serve it: scripts/static_server.py's handler (MIME types,
precompressed copies, the site's Content-Security-Policy), plus what a test needs to see and to
break, whatever the browser:

- every request is recorded (method, path, status);
- a fault can be set on any path ending: answered late (`delay`, seconds) or not at all
  (`status`, e.g. 404), as a slow or blocking proxy would; or its body sent slowly, spread
  evenly over `over_s` seconds whatever copy (br, gzip, plain) the browser is sent, as a slow
  connection delivers it; or stopped for good after `stall_after` bytes, as a connection that
  has died without closing;
- the Content-Security-Policy also names a report address, so a violation anywhere (page or
  worker) reaches the server, in every engine.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

REPORT_PATH = "/__csp-report"


# A slow body is sent in pieces of this size, each after its share of time.
SLOW_PIECE = 16 * 1024


@dataclass
class Fault:
    delay: float = 0.0
    status: int | None = None
    over_s: float | None = None
    stall_after: int | None = None  # bytes of the body sent before sending stops
    # Set when the test is over (Recorder.reset): a stalled answer's thread then closes it.
    released: threading.Event = field(default_factory=threading.Event)

    def send(self, source, output) -> None:
        """The body, spread over `over_s` (all at once if unset), up to `stall_after` bytes."""
        pause = self.over_s * SLOW_PIECE / max(os.fstat(source.fileno()).st_size, 1) if self.over_s else 0
        sent = 0
        while self.stall_after is None or sent < self.stall_after:
            size = SLOW_PIECE if self.stall_after is None else min(SLOW_PIECE, self.stall_after - sent)
            piece = source.read(size)
            if not piece:
                return
            output.write(piece)
            output.flush()
            sent += len(piece)
            time.sleep(pause)
        self.released.wait()


@dataclass
class Recorder:
    requests: list[tuple[str, str, int]] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)
    faults: dict[str, Fault] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0  # time.monotonic() of the last request

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.reports.clear()
            for fault in self.faults.values():
                fault.released.set()
            self.faults.clear()

    def wait_quiet(self, seconds: float = 1.0, timeout: float = 30) -> None:
        """Until the server has had no request for `seconds`: the page has loaded what it loads
        (Material's search worker fetches its index after the load event)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() - self.last < seconds and time.monotonic() < deadline:
            time.sleep(0.1)

    def count(self, ending: str) -> int:
        with self.lock:
            return sum(1 for _, path, _ in self.requests if path.endswith(ending))


def handler_class(static_server, recorder: Recorder):
    class Handler(static_server.Handler):
        def send_header(self, keyword, value):
            if keyword == "Content-Security-Policy":
                value = f"{value}; report-uri {REPORT_PATH}"
            super().send_header(keyword, value)

        def send_response(self, code, message=None):
            with recorder.lock:
                recorder.requests.append((self.command, urlsplit(self.path).path, code))
                recorder.last = time.monotonic()
            super().send_response(code, message)

        def _fault(self) -> Fault | None:
            path = urlsplit(self.path).path
            with recorder.lock:
                return next((f for ending, f in recorder.faults.items() if path.endswith(ending)), None)

        def send_head(self):
            fault = self._fault()
            if fault:
                time.sleep(fault.delay)
                if fault.status:
                    self.send_error(fault.status)
                    return None
            return super().send_head()

        def copyfile(self, source, outputfile):
            fault = self._fault()
            if fault and (fault.over_s or fault.stall_after is not None):
                fault.send(source, outputfile)
            else:
                super().copyfile(source, outputfile)

        def do_POST(self):
            if urlsplit(self.path).path != REPORT_PATH:
                self.send_error(405)
                return
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                report = json.loads(body)
            except ValueError:
                report = {"unreadable": body.decode("utf-8", "replace")}
            with recorder.lock:
                recorder.reports.append(report)
            self.send_response(204)
            self.end_headers()

        def log_message(self, format, *args):
            pass

    return Handler


def serve(static_server, directory: str, recorder: Recorder) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(handler_class(static_server, recorder), directory=directory)
    server = static_server.Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
