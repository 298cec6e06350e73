"""The session's build of the site, served by real nginx and Apache with the published examples.

The `site` build (tests/conftest.py) is reused: it was built for
http://127.0.0.1:PORT/policy-guide/ of the fixture's own server, and nginx listens on another
port. The port shows only in each page's canonical link and in sitemap.xml, which no browser
fetches; every link and asset is relative, and 404.html's links are path-absolute
(/policy-guide/…), which stays right because the sub-path is the same. So a second build would
test nothing more (check_site reports the other port as a note, not a problem).

Apache serves the same build with the published Apache example (apache_site).

Without nginx or apache2 the tests are skipped on a workstation, but fail in CI (CI set):
scripts/setup installs both.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from ..conftest import SUB_PATH, Site
from . import apache_server, nginx_server


@pytest.fixture(scope="session")
def nginx_site(site, tmp_path_factory) -> Site:
    if not shutil.which(nginx_server.NGINX):
        reason = "nginx is missing (apt-get install nginx; scripts/setup does it)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; the nginx tests cannot be skipped in CI")
        pytest.skip(reason)
    prefix = tmp_path_factory.mktemp("nginx")
    port = nginx_server.free_port()
    conf = nginx_server.runnable_config(prefix, site.root.parent, port, SUB_PATH)
    process = nginx_server.start(conf, prefix, port)
    yield Site(site.root, f"http://127.0.0.1:{port}/{SUB_PATH}/")
    nginx_server.stop(process)


@pytest.fixture(scope="session")
def apache_site(site, tmp_path_factory) -> Site:
    if not shutil.which(apache_server.APACHE):
        reason = "apache2 is missing (apt-get install apache2; scripts/setup does it)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; the Apache tests cannot be skipped in CI")
        pytest.skip(reason)
    prefix = tmp_path_factory.mktemp("apache")
    # Apache never serves as root, and pytest's temporary directory is private to its user:
    # a copy of the site goes where Apache's user can read it.
    folder = Path(tempfile.mkdtemp(prefix="policy-guide-apache-"))
    try:
        folder.chmod(0o755)
        shutil.copytree(site.root, folder / SUB_PATH)
        port = nginx_server.free_port()
        conf = apache_server.runnable_config(prefix, folder / SUB_PATH, port, SUB_PATH)
        process = apache_server.start(conf, prefix, port)
        yield Site(folder / SUB_PATH, f"http://127.0.0.1:{port}/{SUB_PATH}/")
        nginx_server.stop(process)
    finally:
        shutil.rmtree(folder)
