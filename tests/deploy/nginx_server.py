"""Run the published nginx example (docs/deploy/nginx.conf) for real, on loopback.

The example is a file for /etc/nginx/conf.d/; Debian includes such files inside `http {}` of
/etc/nginx/nginx.conf. `runnable_config` wraps it the same way in a main file whose pid, logs
and temporary files are in a temporary directory, and replaces only what an official replaces:
the listening addresses (IPv4, and IPv6 where loopback has it), the folder holding the site
and the sub-path.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

from ..conftest import REPO

EXAMPLE = REPO / "docs" / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
EXAMPLE_SUB_PATH = "policy-guide"
START_TIMEOUT_S = 10


def has_ipv6_loopback() -> bool:
    """Whether this machine has ::1 (a container may have IPv4 only)."""
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


def _replace(text: str, old: str, new: str) -> str:
    # A changed example must break the test loudly, not run with the example's own values.
    assert old in text, f"{EXAMPLE.name} no longer contains {old!r}"
    return text.replace(old, new)


def uncomment(text: str, first: str, count: int) -> str:
    """Remove the `# ` of `count` lines from the one starting (after indentation) with `first`,
    as the guide tells an official to."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith(first)), None)
    assert start is not None, f"the example no longer contains {first!r}"
    for i in range(start, start + count):
        assert lines[i].lstrip().startswith("# "), lines[i]
        lines[i] = lines[i].replace("# ", "", 1)
    return "".join(lines)


def runnable_config(prefix: Path, served: Path, port: int, sub_path: str,
                    tls: tuple[int, Path, Path] | None = None) -> Path:
    """Write prefix/nginx.conf serving served/SUB_PATH/ at http://127.0.0.1:PORT/SUB_PATH/; with
    `tls` (port, certificate, key) also over HTTPS, with the example's HSTS lines uncommented."""
    site = EXAMPLE.read_text(encoding="utf-8")
    listen = f"listen 127.0.0.1:{port};"
    if tls:
        tls_port, cert, key = tls
        listen += (f"\n    listen 127.0.0.1:{tls_port} ssl;\n    ssl_certificate {cert};"
                   f"\n    ssl_certificate_key {key};")
        site = uncomment(site, "# map $https $policy_guide_hsts", 4)
        site = uncomment(site, "# add_header Strict-Transport-Security", 1)
    site = _replace(site, "listen 80;", listen)
    # The example's IPv6 line, on the same port of ::1 where the machine has it.
    site = _replace(site, "listen [::]:80;", f"listen [::1]:{port};" if has_ipv6_loopback() else "")
    site = _replace(site, "root /srv/www;", f"root {served};")
    site = _replace(site, f"/{EXAMPLE_SUB_PATH}/", f"/{sub_path}/")
    (prefix / "policy-guide.conf").write_text(site, encoding="utf-8")
    # As root, workers would run as `nobody`, who cannot read pytest's private temporary
    # directory; as any other user the directive would be ignored with a warning.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {kind}_temp_path {prefix / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # The http block holds what Debian's own nginx.conf sets there (its mime.types included).
    main = f"""{user}
worker_processes 1;
pid {prefix / 'nginx.pid'};
error_log {prefix / 'error.log'} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {prefix / 'access.log'};
{temp}
    include {prefix / 'policy-guide.conf'};
}}
"""
    conf = prefix / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    return conf


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def accepts(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start(conf: Path, prefix: Path, port: int) -> subprocess.Popen:
    """Test the configuration, then start nginx in the foreground; wait until it listens."""
    command = [NGINX, "-c", str(conf), "-p", str(prefix)]
    test = subprocess.run(command + ["-t"], capture_output=True, text=True)
    if test.returncode:
        raise RuntimeError(f"nginx -t rejected the configuration:\n{test.stderr}")
    process = subprocess.Popen(command + ["-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not accepts(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log = (prefix / "error.log").read_text() if (prefix / "error.log").exists() else ""
            raise RuntimeError(f"nginx did not start:\n{process.stderr.read()}\n{log}")
        time.sleep(0.05)
    return process


def stop(process: subprocess.Popen) -> None:
    process.terminate()  # SIGTERM: nginx's fast shutdown
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
