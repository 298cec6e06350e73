"""Run the published Apache example (docs/deploy/apache.conf) for real, on loopback.

The example is a file for /etc/apache2/conf-available/; `runnable_config` includes it in a
main file that loads what Debian enables by default plus mod_headers and mod_allowmethods (the
guide's `a2enmod headers deflate allowmethods`), with pid, logs and locks in a temporary
directory, and replaces only what an official replaces: the folder holding the site and the
sub-path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from ..conftest import REPO
from .nginx_server import accepts, has_ipv6_loopback, uncomment

EXAMPLE = REPO / "docs" / "deploy" / "apache.conf"
APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
MODULES = Path("/usr/lib/apache2/modules")
# Debian's defaults among these (mime, dir, alias, authz_core, deflate, filter), and headers and
# allowmethods (the guide's `a2enmod headers deflate allowmethods`).
LOADED = ("mpm_event", "authz_core", "mime", "dir", "alias", "filter", "deflate", "headers", "allowmethods")
EXAMPLE_FOLDER = "/srv/www/policy-guide"
EXAMPLE_SUB_PATH = "policy-guide"
START_TIMEOUT_S = 10


def runnable_config(prefix: Path, folder: Path, port: int, sub_path: str,
                    tls: tuple[int, Path, Path] | None = None) -> Path:
    """With `tls` (port, certificate, key) also over HTTPS, in a virtual host, with the example's
    HSTS line uncommented."""
    site = EXAMPLE.read_text(encoding="utf-8")
    https = ""
    if tls:
        tls_port, cert, key = tls
        site = uncomment(site, "# Header always set Strict-Transport-Security", 1)
        https = f"""LoadModule ssl_module {MODULES / 'mod_ssl.so'}
Listen 127.0.0.1:{tls_port}
<VirtualHost 127.0.0.1:{tls_port}>
    SSLEngine on
    SSLCertificateFile {cert}
    SSLCertificateKeyFile {key}
</VirtualHost>
"""
    for old, new in ((EXAMPLE_FOLDER, str(folder)), (f"/{EXAMPLE_SUB_PATH}", f"/{sub_path}")):
        # A changed example must break the test loudly, not run with the example's own values.
        assert old in site, f"{EXAMPLE.name} no longer contains {old!r}"
        site = site.replace(old, new)
    (prefix / "policy-guide.conf").write_text(site, encoding="utf-8")
    (prefix / "empty").mkdir(exist_ok=True)
    # As root, Apache serves as another user (never as root): Debian's www-data.
    user = "User www-data\nGroup www-data" if os.geteuid() == 0 else ""
    modules = "\n".join(f"LoadModule {name}_module {MODULES / f'mod_{name}.so'}" for name in LOADED)
    main = f"""ServerRoot {prefix}
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
{f"Listen [::1]:{port}" if has_ipv6_loopback() else ""}
PidFile {prefix / 'apache2.pid'}
ErrorLog {prefix / 'error.log'}
Mutex file:{prefix} default
{user}
{modules}
TypesConfig /etc/mime.types
DocumentRoot {prefix / 'empty'}
Include {prefix / 'policy-guide.conf'}
{https}"""
    conf = prefix / "apache2.conf"
    conf.write_text(main, encoding="utf-8")
    return conf


def start(conf: Path, prefix: Path, port: int) -> subprocess.Popen:
    """`apache2 -t` first (what `apache2ctl configtest` runs), then Apache in the foreground."""
    test = subprocess.run([APACHE, "-f", str(conf), "-t"], capture_output=True, text=True)
    if test.returncode:
        raise RuntimeError(f"apache2 -t rejected the configuration:\n{test.stderr}")
    process = subprocess.Popen([APACHE, "-f", str(conf), "-DFOREGROUND"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not accepts(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log = (prefix / "error.log").read_text() if (prefix / "error.log").exists() else ""
            raise RuntimeError(f"apache2 did not start:\n{process.stderr.read()}\n{log}")
        time.sleep(0.05)
    return process
