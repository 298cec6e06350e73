"""One build of the site per test session, served from a sub-path of a plain static server.

The build uses SITE_URL=http://127.0.0.1:PORT/policy-guide/ and the server serves the build
directory's parent, so every test (tests/site, tests/browser) sees the site exactly as an
intranet server under a sub-path would serve it. The fixture is lazy: a session that runs only
tests/rules never builds the site.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SUB_PATH = "policy-guide"


@dataclass(frozen=True)
class Site:
    root: Path  # the build directory
    url: str  # site_url, with the sub-path and a trailing slash

    def page(self, path: str) -> str:
        return (self.root / path).read_text(encoding="utf-8")

    @property
    def origin(self) -> str:
        """scheme://host:port of the server, without the sub-path."""
        return self.url.split("/" + SUB_PATH + "/")[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # The types the runtime needs, whatever /etc/mime.types says on the machine: Pyodide cannot
    # instantiate a .wasm served as anything but application/wasm, nor import an .mjs served
    # as anything but JavaScript.
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    served = tmp_path_factory.mktemp("served")
    handler = functools.partial(_QuietHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    url = f"http://127.0.0.1:{server.server_port}/{SUB_PATH}/"
    root = served / SUB_PATH
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(root)],
        cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode:
        server.server_close()
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Site(root, url)
    server.shutdown()
    server.server_close()
