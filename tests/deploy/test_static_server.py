"""scripts/static_server.py, the server of `scripts/serve` and of intranet previews, run as an
official runs it, on a small site, and sent what a careless or hostile client sends: no folder
is listed, a malformed request gets a clean error with the site's headers (never a traceback,
never silence), only the path decides the cache lifetime, slow clients are cut off and cannot
hold every connection, HTTP/0.9 is refused, and a reader who leaves mid-transfer leaves no
traceback in the log."""

from __future__ import annotations

import importlib.util
import os
import socket
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import REPO
from .nginx_server import accepts, free_port

SCRIPT = REPO / "scripts" / "static_server.py"
_spec = importlib.util.spec_from_file_location("static_server", SCRIPT)
static_server = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(static_server)

# Short, so that the tests of slow clients are quick; the default is checked on its own.
TIMEOUT_S = 2
BIG = 24 << 20  # bytes of a runtime file, far more than the sockets' buffers hold
FILES = {
    "index.html": b"<!doctype html><title>home</title>",
    "calculators/index.html": b"<!doctype html><title>calculators</title>",
    "assets/site.css": b"body{}",
    "data/policy.json": b"{}",
    "search/search_index.json": b"{}",
    "runtime/pyodide-1/pyodide.asm.wasm": os.urandom(BIG),
}
FOLDERS = ("assets/", "data/", "search/", "runtime/", "runtime/pyodide-1/")


class Served:
    def __init__(self, port: int, log: Path) -> None:
        self.port, self.log, self.offset = port, log, 0

    def mark(self) -> None:
        self.offset = self.log.stat().st_size

    def assert_no_traceback(self) -> None:
        """Nothing the server wrote to its standard error since mark() is a traceback."""
        with self.log.open("rb") as log:
            log.seek(self.offset)
            text = log.read().decode("utf-8", "replace")
        assert "Traceback" not in text and "Exception" not in text, text[-3000:]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The script itself, on a free port, its standard error kept in a file."""
    root = tmp_path_factory.mktemp("site")
    for name, body in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(body)
    port = free_port()
    log = root.parent / "static_server.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen([sys.executable, str(SCRIPT), str(root), "--port", str(port),
                                    "--timeout", str(TIMEOUT_S)], stderr=stderr)
    deadline = time.monotonic() + 10
    while not accepts(port):
        assert process.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.05)
    yield Served(port, log)
    process.terminate()
    process.wait(timeout=10)


def _connect(port: int, source: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket()
    sock.settimeout(5)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    return sock


def _exchange(port: int, request: bytes) -> bytes:
    """Send `request` as it is and read the whole answer (the server closes the connection)."""
    with _connect(port) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def _head(answer: bytes) -> tuple[int, dict[str, str]]:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("iso-8859-1").split("\r\n")
    assert head[0].startswith("HTTP/1."), answer[:200]
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(head[0].split()[1]), headers


def _get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    answer = _exchange(port, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    status, headers = _head(answer)
    return status, headers, answer.split(b"\r\n\r\n", 1)[1]


@pytest.fixture
def server(served):
    served.mark()
    return served


def test_no_folder_is_listed(server):
    port = server.port
    for folder in FOLDERS:
        status, headers, body = _get(port, "/" + folder)
        assert status == 404, folder
        assert b"Directory listing" not in body and b"pyodide.asm.wasm" not in body, folder
        assert headers["cache-control"] == "no-cache", folder
    # A folder with an index.html is that page, as nginx's `index` and Apache's DirectoryIndex.
    status, _, body = _get(port, "/calculators/")
    assert (status, body) == (200, FILES["calculators/index.html"])
    # A folder named without its slash is sent to it; the redirect is not cached.
    status, headers, _ = _get(port, "/calculators")
    assert (status, headers["location"], headers["cache-control"]) == (301, "/calculators/", "no-cache")
    server.assert_no_traceback()


MALFORMED = {
    "encoded NUL in the path": (b"GET /index.html%00.js HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "raw NUL in the path": (b"GET /index.html\x00.js HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    "HTTP/9.9": (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 505),
    "HTTP/2.0 in plain text": (b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    "a 100 KB URL": (b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    "a 70 KB header": (b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n", 431),
    "one word": (b"hello\r\n\r\n", 400),
    "four words": (b"GET / HTTP/1.1 more\r\n\r\n", 400),
    "no version number": (b"GET / HTTP/x.y\r\n\r\n", 400),
    "binary garbage (a TLS hello)": (b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + bytes(range(32)) + b"\r\n\r\n", 400),
    "a name too long for the file system": (b"GET /" + b"a" * 5000 + b".html HTTP/1.1\r\nHost: x\r\n\r\n", 404),
    "bytes that are not UTF-8": (b"GET /%ff%fe.html HTTP/1.1\r\nHost: x\r\n\r\n", 404),
    "a way out of the folder": (b"GET /../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 404),
    "an absolute URL": (b"GET http://other.example/index.html HTTP/1.1\r\nHost: x\r\n\r\n", 404),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_request_gets_a_clean_error(server, case):
    port = server.port
    request, expected = MALFORMED[case]
    answer = _exchange(port, request)
    assert answer, "no answer at all"
    status, headers = _head(answer)
    assert status == expected
    for name, value in static_server.SECURITY_HEADERS.items():
        assert headers[name.lower()] == value, name
    assert headers["cache-control"] == "no-cache"
    server.assert_no_traceback()


def test_http_09_is_refused(server):
    """`GET /index.html` with no version is HTTP/0.9, whose answer is the bare file: no status,
    no Content-Type, no Content-Security-Policy. It is refused at once, with headers."""
    port = server.port
    with _connect(port) as sock:
        sock.settimeout(TIMEOUT_S / 2)  # an HTTP/0.9 client sends one line, then waits
        sock.sendall(b"GET /index.html\r\n")
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except TimeoutError:
            pass
    assert answer, "no answer before the idle timeout"
    status, headers = _head(answer)
    assert status == 400
    assert headers["content-security-policy"] == static_server.CSP
    assert FILES["index.html"] not in answer
    server.assert_no_traceback()


def test_only_the_path_decides_the_cache_lifetime(server):
    port = server.port
    assert _get(port, "/runtime/pyodide-1/pyodide.asm.wasm")[1]["cache-control"] == \
        "public, max-age=31536000, immutable"
    for path in ("/index.html?/runtime/x", "/index.html#/runtime/x", "/runtime/../index.html",
                 "/index.html?v=/runtime/"):
        status, headers, body = _get(port, path)
        assert (status, headers["cache-control"]) == (200, "no-cache"), path
        assert body == FILES["index.html"], path
    # A file missing under runtime/ may be copied later: its 404 must not be kept a year.
    status, headers, _ = _get(port, "/runtime/pyodide-1/missing.wasm")
    assert (status, headers["cache-control"]) == (404, "no-cache")


def test_default_timeout_is_bounded():
    assert 0 < static_server.Handler.timeout <= 60
    assert 0 < static_server.MAX_CONNECTIONS_PER_CLIENT <= 64


def _closed_within(sock: socket.socket, seconds: float, dribble: bool = False) -> float | None:
    """Seconds until the server closes `sock` (None: still open after `seconds`). With
    `dribble`, a byte of a request head is sent every 0.2 s meanwhile, as a slow-loris client."""
    start = time.monotonic()
    sock.settimeout(0.2)
    request = b"GET /index.html HTTP/1.1\r\nHost: x\r\n" + b"X-Slow: 1\r\n" * 1000
    sent = 0
    while time.monotonic() - start < seconds:
        try:
            if dribble:
                sock.send(request[sent:sent + 1])
                sent += 1
            if sock.recv(65536) == b"":
                return time.monotonic() - start
        except TimeoutError:
            continue
        except (BrokenPipeError, ConnectionResetError):
            return time.monotonic() - start
    return None


def test_idle_and_slow_clients_are_cut_off(server):
    """A connection that never sends a request, and one that sends its request head a byte at a
    time (each byte well within the timeout), are both closed once the timeout has passed."""
    port = server.port
    idle = [_connect(port) for _ in range(10)]
    slow = _connect(port)
    try:
        assert _closed_within(slow, TIMEOUT_S * 3, dribble=True) is not None, "the slow client is still served"
        for sock in idle:
            assert _closed_within(sock, TIMEOUT_S) is not None, "an idle connection is still open"
    finally:
        for sock in idle + [slow]:
            sock.close()
    server.assert_no_traceback()


def test_one_client_cannot_hold_every_connection(server):
    port = server.port
    limit = static_server.MAX_CONNECTIONS_PER_CLIENT
    held = [_connect(port) for _ in range(limit)]
    try:
        time.sleep(0.5)  # the server has taken them all
        # One more from the same address is refused at once, with an answer ...
        with _connect(port) as extra:
            extra.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = b""
            try:
                while chunk := extra.recv(65536):
                    answer += chunk
            except ConnectionResetError:
                pass
        assert answer.startswith(b"HTTP/1.0 503"), answer[:100]
        # ... while another client is still served.
        with _connect(port, source="127.0.0.2") as other:
            other.sendall(b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert other.recv(65536).startswith(b"HTTP/1.0 200")
    finally:
        for sock in held:
            sock.close()
    # Once they are gone, the first client is served again.
    deadline = time.monotonic() + TIMEOUT_S * 2
    while _get(port, "/index.html")[0] != 200:
        assert time.monotonic() < deadline, "the client's connections were never released"
        time.sleep(0.1)
    server.assert_no_traceback()


def test_a_reader_leaving_mid_transfer_leaves_no_traceback(server):
    port = server.port
    for reset in (False, True):
        for _ in range(3):
            sock = _connect(port)
            sock.sendall(b"GET /runtime/pyodide-1/pyodide.asm.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
            assert sock.recv(65536).startswith(b"HTTP/1.0 200")
            if reset:  # the connection is reset (RST), as a phone losing its network
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
    time.sleep(0.5)  # the server has noticed
    assert _get(port, "/index.html")[0] == 200
    server.assert_no_traceback()


def test_methods_other_than_get_and_head_are_not_allowed(server):
    port = server.port
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "TRACE"):
        answer = _exchange(port, f"{method} /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".encode())
        status, headers = _head(answer)
        assert (status, headers.get("allow")) == (405, "GET, HEAD"), method
    status, _ = _head(_exchange(port, b"HEAD /index.html HTTP/1.1\r\nHost: x\r\n\r\n"))
    assert status == 200
