"""The published Apache example (docs/deploy/apache.conf) serving the built site on loopback:
`apache2 -t` accepts it and check_site.py passes through it. (The browser checks run through
nginx, test_nginx.py; the headers they depend on are the ones check_site verifies here.)"""

from __future__ import annotations

import urllib.request

from .conftest import check_site_passes, ipv6_url


def test_apache_serves_the_site(apache_site):
    with urllib.request.urlopen(apache_site.url, timeout=30) as response:
        assert response.status == 200
        assert response.headers["Server"].startswith("Apache")


def test_check_site_passes(apache_site):
    report = check_site_passes(apache_site.url)
    wasm = next(entry for entry in report["checked"] if entry["url"].endswith("/pyodide.asm.wasm"))
    assert (wasm["content_type"], wasm["content_encoding"]) == ("application/wasm", "gzip")
    assert "immutable" in wasm["cache_control"]


def test_the_site_answers_over_ipv6_as_over_ipv4(apache_site):
    """The example listens on IPv6 too: the same pages, with the same checks passing."""
    url = ipv6_url(apache_site.url)
    report = check_site_passes(url)
    assert all(entry["url"].startswith(url.rstrip("/")) for entry in report["checked"])
    assert any(entry["url"].endswith("/pyodide.asm.wasm") and entry["status"] == 200 for entry in report["checked"])
