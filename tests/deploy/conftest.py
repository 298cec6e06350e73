"""The session's build of the site, served by real nginx and Apache with the published examples.

The `site` build (tests/conftest.py) is reused: it was built for
http://127.0.0.1:PORT/policy-guide/ of the fixture's own server, and nginx listens on another
port. The port shows only in each page's canonical link and in sitemap.xml, which no browser
fetches; every link and asset is relative, and 404.html's links are path-absolute
(/policy-guide/…), which stays right because the sub-path is the same. So a second build would
test nothing more (check_site reports the other port as a note, not a problem).

Apache serves the same build with the published Apache example (apache_site).

nginx_https and apache_https serve it over HTTPS too (a certificate made for 127.0.0.1), with
the examples' HSTS lines uncommented as the guide says.

Without nginx or apache2 the tests are skipped on a workstation, but fail in CI (CI set):
scripts/setup installs both.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import REPO, SUB_PATH, Site
from . import apache_server, nginx_server


def check_site_passes(url: str, *args: str, env: dict | None = None, timeout: float = 300) -> dict:
    """scripts/check_site.py --json against a served copy of the session's build, as an official
    would run it: no problem with the server's set-up. That build is undeployed, so its footer
    still holds every placeholder: exactly those are reported, and they alone fail the check."""
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_site.py"), url, "--json", *args],
                            capture_output=True, text=True, timeout=timeout, env=env)
    report = json.loads(result.stdout)
    server = [p for p in report["problems"] if p["kind"] != "placeholder"]
    assert server == [], json.dumps(server, ensure_ascii=False, indent=1)
    placeholders = {p["detail"] for p in report["problems"] if p["kind"] == "placeholder"}
    assert {"extra.publisher.icp", "extra.publisher.psb", "extra.publisher.site_code"} <= placeholders
    assert result.returncode == 1
    return report


def ipv6_url(url: str) -> str:
    """The same address over IPv6 loopback; skipped where the machine has no ::1 (the examples
    listen on IPv6 too: docs/deploy.md, IPv6)."""
    if not nginx_server.has_ipv6_loopback():
        pytest.skip("this machine has no IPv6 loopback (::1)")
    return url.replace("//127.0.0.1:", "//[::1]:")


def _require(program: str, package: str) -> None:
    if not shutil.which(program):
        reason = f"{package} is missing (apt-get install {package}; scripts/setup does it)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; the {package} tests cannot be skipped in CI")
        pytest.skip(reason)


def _nginx(site: Site, prefix: Path, tls=None):
    _require(nginx_server.NGINX, "nginx")
    port = nginx_server.free_port()
    conf = nginx_server.runnable_config(prefix, site.root.parent, port, SUB_PATH, tls)
    return nginx_server.start(conf, prefix, port), port


def _apache(site: Site, prefix: Path, folder: Path, tls=None):
    _require(apache_server.APACHE, "apache2")
    # Apache never serves as root, and pytest's temporary directory is private to its user:
    # a copy of the site goes where Apache's user can read it.
    folder.chmod(0o755)
    shutil.copytree(site.root, folder / SUB_PATH)
    port = nginx_server.free_port()
    conf = apache_server.runnable_config(prefix, folder / SUB_PATH, port, SUB_PATH, tls)
    return apache_server.start(conf, prefix, port), port


@pytest.fixture(scope="session")
def nginx_site(site, tmp_path_factory) -> Site:
    process, port = _nginx(site, tmp_path_factory.mktemp("nginx"))
    yield Site(site.root, f"http://127.0.0.1:{port}/{SUB_PATH}/")
    nginx_server.stop(process)


@pytest.fixture(scope="session")
def apache_site(site, tmp_path_factory) -> Site:
    folder = Path(tempfile.mkdtemp(prefix="policy-guide-apache-"))
    try:
        process, port = _apache(site, tmp_path_factory.mktemp("apache"), folder)
        yield Site(folder / SUB_PATH, f"http://127.0.0.1:{port}/{SUB_PATH}/")
        nginx_server.stop(process)
    finally:
        shutil.rmtree(folder)


@dataclass(frozen=True)
class Tls:
    cert: Path  # a self-signed certificate for 127.0.0.1, its own authority
    key: Path


@dataclass(frozen=True)
class HttpsSite:
    http: str  # the site's address over HTTP
    https: str  # and over HTTPS, same server
    tls: Tls


@pytest.fixture(scope="session")
def tls(tmp_path_factory) -> Tls:
    folder = tmp_path_factory.mktemp("tls")  # read by nginx and Apache as root, at start
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return Tls(cert, key)


@pytest.fixture(scope="module")
def nginx_https(site, tls, tmp_path_factory) -> HttpsSite:
    tls_port = nginx_server.free_port()
    process, port = _nginx(site, tmp_path_factory.mktemp("nginx-https"), (tls_port, tls.cert, tls.key))
    yield HttpsSite(f"http://127.0.0.1:{port}/{SUB_PATH}/", f"https://127.0.0.1:{tls_port}/{SUB_PATH}/", tls)
    nginx_server.stop(process)


@pytest.fixture(scope="module")
def apache_https(site, tls, tmp_path_factory) -> HttpsSite:
    folder = Path(tempfile.mkdtemp(prefix="policy-guide-apache-"))
    try:
        tls_port = nginx_server.free_port()
        process, port = _apache(site, tmp_path_factory.mktemp("apache-https"), folder,
                                (tls_port, tls.cert, tls.key))
        yield HttpsSite(f"http://127.0.0.1:{port}/{SUB_PATH}/", f"https://127.0.0.1:{tls_port}/{SUB_PATH}/", tls)
        nginx_server.stop(process)
    finally:
        shutil.rmtree(folder)
