"""A temporary copy of the repository to which the maintainers' two procedures are applied, with
the fictional changes of fictional.toml, built and served (issue 15, (a) and (b)).

(a) scripts/new_version.py adds a version of the policy with one changed amount, and the page's
text is edited as a maintainer would; (b) scripts/new_document.py scaffolds a third document.
The copy is then built like the real site and served on its own origin. The files' hashes are
kept before and after (b): the third document must need no edit to any existing file.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import REPO, SUB_PATH, _static_server

FICTIONAL = tomllib.loads((Path(__file__).with_name("fictional.toml")).read_text(encoding="utf-8"))
BUILD_DATE = "2026-11-29"


def _hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file() and not p.is_symlink()
            and not {"node_modules", "build", "site", "__pycache__"} & set(p.relative_to(root).parts)}


@dataclass
class Copy:
    root: Path
    url: str  # the built copy's site URL, served
    site: Path
    before_document: dict[str, str]  # file hashes before scripts/new_document.py
    after_document: dict[str, str]

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(self.root / "calculators" / "src")}

    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
        """A command of the copy, with the copy's rule package."""
        return subprocess.run([sys.executable, *args], cwd=self.root, env=self.env, input=stdin,
                              capture_output=True, text=True, encoding="utf-8", timeout=600)

    def estimate(self, profile: dict) -> dict:
        run = self.run("-m", "xinzhou_policy", "estimate", "-", stdin=json.dumps(profile))
        assert run.returncode == 0, run.stdout + run.stderr
        return json.loads(run.stdout)


def _copy_repository(into: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=REPO, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    # Installed and cached, not sources: shared (the runtime and compression caches are keyed by
    # the content they were made from); the source texts beside the repository, as received.
    for shared in ("node_modules", "build"):
        (REPO / shared).mkdir(exist_ok=True)
        (into / shared).symlink_to(REPO / shared)
    if (REPO.parent / "shared").is_dir():
        (into.parent / "shared").symlink_to(REPO.parent / "shared")


def _paste(copy: Copy, document: str, text_zh: list[str], text_en: list[str]) -> None:
    """The maintainer's edit of a document's pages: each (before, after) pair, in each language."""
    for suffix, (old, new) in ((".md", text_zh), (".en.md", text_en)):
        page = copy.root / "docs" / f"{document}{suffix}"
        text = page.read_text(encoding="utf-8")
        assert text.count(old) == 1, (page, old)
        page.write_text(text.replace(old, new), encoding="utf-8")


def _new_version(copy: Copy) -> None:
    v = FICTIONAL["version"]
    run = copy.run("scripts/new_version.py", v["document"], "--in-force", v["in_force"],
                   "--validity-years", str(v["validity_years"]), "--note-zh", v["note_zh"],
                   "--note-en", v["note_en"], "--set", v["key"], v["value"], v["wording_zh"])
    assert run.returncode == 0, run.stdout + run.stderr
    _paste(copy, v["document"], v["text_zh"], v["text_en"])  # the default pages become the new text


@pytest.fixture(scope="session")
def changed_copy(tmp_path_factory) -> Copy:
    root = tmp_path_factory.mktemp("copy") / "repo"
    _copy_repository(root)
    copy = Copy(root, "", root / "site", {}, {})
    _new_version(copy)
    copy.before_document = _hashes(root)
    d = FICTIONAL["document"]
    run = copy.run("scripts/new_document.py", d["id"], *d["args"])
    assert run.returncode == 0, run.stdout + run.stderr
    copy.after_document = _hashes(root)
    _paste(copy, d["id"], d["text_zh"], d["text_en"])

    served = tmp_path_factory.mktemp("copy-served")
    handler = functools.partial(_static_server().Handler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    copy.url = f"http://127.0.0.1:{server.server_port}/{SUB_PATH}/"
    copy.site = served / SUB_PATH
    env = {**copy.env, "SITE_URL": copy.url, "BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                            "--site-dir", str(copy.site)], cwd=root, env=env, capture_output=True,
                           text=True, timeout=900)
    if build.returncode:
        server.server_close()
        pytest.fail(f"the copy's build failed:\n{build.stdout}\n{build.stderr}")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield copy
    server.shutdown()
    server.server_close()
