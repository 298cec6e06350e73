"""What the three servers answer alike, each as published: scripts/static_server.py (the
session's `site`), and the nginx and Apache examples of docs/deploy/. A Permissions-Policy on
every answer; 405 for any method but GET and HEAD; redirects and errors never cached; no folder
listed; and, over HTTPS only, Strict-Transport-Security, as the deployment guide gives it."""

from __future__ import annotations

import http.client
import os
import ssl
import urllib.request
from urllib.parse import urlsplit

import pytest

from ..conftest import REPO, SUB_PATH
from .conftest import check_site_passes
from .test_guide import PAGES, _code_blocks, _static_server

static_server = _static_server()
SERVERS = ("site", "nginx_site", "apache_site")
# The header a site served over HTTPS adds (docs/deploy.md, the commented lines of the examples).
HSTS = "max-age=31536000"
OFF = ("camera", "microphone", "geolocation", "payment", "usb")


@pytest.fixture(params=SERVERS)
def served(request):
    return request.getfixturevalue(request.param)


def _request(url: str, method: str = "GET", context: ssl.SSLContext | None = None):
    """One request, redirects not followed: (status, headers with lower-case names, body)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=30, context=context)
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, parts.path or "/", body=b"x=1" if method in {"POST", "PUT"} else None)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _runtime_folder(site) -> str:
    return next(p.name for p in (site.root / "runtime").iterdir() if p.name.startswith("pyodide-"))


def test_permissions_policy_turns_off_what_the_site_never_uses(served):
    for path in ("index.html", "calculators/index.html", "assets/calculators/worker.js", "no-such-page.html"):
        _, headers, _ = _request(served.url + path)
        assert headers.get("permissions-policy") == static_server.PERMISSIONS_POLICY, path
    allowlists = dict(part.split("=") for part in static_server.PERMISSIONS_POLICY.split(", "))
    assert all(allowlists[feature] == "()" for feature in OFF)


def test_permissions_policy_is_what_chromium_applies(context, nginx_site):
    """Every feature the policy names is one Chromium knows (an unknown one is a console warning),
    and each is off on the page; what the site uses is not."""
    warnings = []
    context.on("console", lambda message: "Permissions-Policy" in message.text and warnings.append(message.text))
    page = context.new_page()
    page.goto(nginx_site.url + "calculators/index.html")
    allowed = page.evaluate("document.featurePolicy.allowedFeatures()")
    known = page.evaluate("document.featurePolicy.features()")
    named = [part.split("=")[0] for part in static_server.PERMISSIONS_POLICY.split(", ")]
    assert set(named) <= set(known), set(named) - set(known)
    assert not set(named) & set(allowed)
    assert warnings == []


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "TRACE"])
def test_only_get_and_head_are_allowed(served, method):
    for path in ("index.html", "calculators/index.html"):
        status, _, _ = _request(served.url + path, method)
        assert status == 405, (method, path)
    assert _request(served.url + "index.html", "HEAD")[0] == 200


def test_redirects_are_not_cached(served):
    """The site's address and a folder's, typed without their slash, are sent on; browsers keep
    a 301 without Cache-Control as long as they like, so each says no-cache."""
    base = served.url.rstrip("/")
    for url, target in ((base, f"/{SUB_PATH}/"), (served.url + "calculators", f"/{SUB_PATH}/calculators/")):
        status, headers, _ = _request(url)
        assert status == 301, url
        assert urlsplit(headers["location"]).path == target, url
        assert headers.get("cache-control") == "no-cache", url


def test_no_folder_is_listed_and_no_error_is_kept(served):
    runtime = "runtime/" + _runtime_folder(served) + "/"
    for folder in ("assets/", "data/", "search/", "runtime/", runtime):
        status, headers, body = _request(served.url + folder)
        assert status in {403, 404}, folder
        assert b"pyodide.asm.wasm" not in body and b"Index of" not in body, folder
        assert headers.get("cache-control") == "no-cache", folder
    # A runtime file not (yet) copied: its 404 must not be kept a year.
    status, headers, _ = _request(served.url + runtime + "not-copied-yet.wasm")
    assert (status, headers.get("cache-control")) == (404, "no-cache")
    status, headers, _ = _request(served.url + runtime + "pyodide.asm.wasm")
    assert (status, headers.get("cache-control")) == (200, "public, max-age=31536000, immutable")


@pytest.mark.parametrize("server", ["nginx_https", "apache_https"])
def test_hsts_over_https_only(request, server):
    """The examples' commented HSTS lines, uncommented as the guide says: the header comes with
    every answer over HTTPS and never over HTTP, and check_site passes over HTTPS."""
    https = request.getfixturevalue(server)
    context = ssl.create_default_context(cafile=str(https.tls.cert))
    for path in ("index.html", "runtime/", "no-such-page.html"):
        _, headers, _ = _request(https.https + path, context=context)
        assert headers.get("strict-transport-security") == HSTS, path
        _, headers, _ = _request(https.http + path)
        assert "strict-transport-security" not in headers, path
    report = check_site_passes(https.https, "--max-urls", "20", timeout=120,
                               env={**os.environ, "SSL_CERT_FILE": str(https.tls.cert)})
    assert len(report["checked"]) >= 20


def test_guide_gives_the_https_header(site):
    nginx = (REPO / "docs" / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    apache = (REPO / "docs" / "deploy" / "apache.conf").read_text(encoding="utf-8")
    assert f'on       "{HSTS}";' in nginx
    assert f'Header always set Strict-Transport-Security "{HSTS}"' in apache
    for page in PAGES:
        html = site.page(page)
        assert any(f"Strict-Transport-Security: {HSTS}" in block for block in _code_blocks(html)), page
        assert 'id="https"' in html, page
