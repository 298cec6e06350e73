"""A temporary copy of the repository to which the maintainers' two procedures are applied, with
the fictional changes of fictional.toml, built and served (issue 15, (a) and (b)).

(a) scripts/new_version.py adds a renewal of the policy after a gap, with values of two clauses
changed, and the maintainer's steps of the guide follow (the page's text edited, the readings
whose words changed reviewed, a case file per changed clause, validity.toml's cases rewritten);
(b) scripts/new_document.py scaffolds a third document, a fixed amount per person with a count
cap. The copy's pages outside the policy's are rendered before the renewal, for
test_pages_about_versions.py.
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
    pages_before: dict[str, str] = None  # the pages outside the documents', rendered, before (a)

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(self.root / "calculators" / "src")}

    def run(self, *args: str, stdin: str = "", timeout: int = 600) -> subprocess.CompletedProcess:
        """A command of the copy, with the copy's rule package."""
        return subprocess.run([sys.executable, *args], cwd=self.root, env=self.env, input=stdin,
                              capture_output=True, text=True, encoding="utf-8", timeout=timeout)

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


def _edit(path: Path, pairs: list[list[str]]) -> None:
    """A maintainer's edit of a file: each (before, after) pair, each before found once."""
    text = path.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, (path, old)
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _paste(copy: Copy, document: str, text_zh: list, text_en: list) -> None:
    """The maintainer's edit of a document's pages, in each language: a (before, after) pair, or
    a list of them."""
    for suffix, pairs in ((".md", text_zh), (".en.md", text_en)):
        _edit(copy.root / "docs" / f"{document}{suffix}", pairs if isinstance(pairs[0], list) else [pairs])


def _drop_version(register: Path, reading: str, version: str) -> None:
    """The review of a reading whose words the new version changed: it stays with the earlier ones."""
    text = register.read_text(encoding="utf-8")
    block = text.index(f'id = "{reading}"')
    line = text.index("versions = [", block)
    end = text.index("\n", line)
    assert f', "{version}"]' in text[line:end], (reading, text[line:end])
    register.write_text(text[:line] + text[line:end].replace(f', "{version}"]', "]") + text[end:], encoding="utf-8")


PAGES_RENDERED = """
import json, sys
from pathlib import Path
sys.path.insert(0, "scripts/hooks")
from _documents import page_of
from _values import render_placeholders
docs = Path("docs")
pages = {}
for page in sorted(docs.rglob("*.md")):
    name = page.relative_to(docs).as_posix()
    if name.startswith(("maintainers/", "data/")) or page_of(name):
        continue
    pages[name] = render_placeholders(page.read_text(encoding="utf-8"), "en" if name.endswith(".en.md") else "zh", name)
print(json.dumps(pages, ensure_ascii=False))
"""


def rendered_pages(copy: Copy) -> dict[str, str]:
    """Every page outside the documents' own, with its values filled in (as the build does)."""
    run = copy.run("-c", PAGES_RENDERED)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def _new_version(copy: Copy) -> None:
    v = FICTIONAL["version"]
    sets = [arg for key, value, wording in v["sets"] for arg in ("--set", key, value, wording)]
    run = copy.run("scripts/new_version.py", v["document"], "--in-force", v["in_force"], "--issued", v["issued"],
                   "--validity-years", str(v["validity_years"]), "--number", v["number"],
                   "--note-zh", v["note_zh"], "--note-en", v["note_en"],
                   "--title-zh", v["title_zh"], "--title-en", v["title_en"], *sets)
    assert run.returncode == 0, run.stdout + run.stderr
    _paste(copy, v["document"], v["text_zh"], v["text_en"])  # the default pages become the new text
    register = copy.root / "calculators/src/xinzhou_policy/documents" / v["document"] / "readings.toml"
    for reading in v["readings_not_kept"]:
        _drop_version(register, reading, v["in_force"])
    cases = copy.root / "tests/rules/cases"
    for name, text in v["cases"].items():
        (cases / name).write_text(text.lstrip(), encoding="utf-8")
    _edit(cases / "validity.toml", v["validity_cases"])


@pytest.fixture(scope="session")
def changed_copy(tmp_path_factory) -> Copy:
    root = tmp_path_factory.mktemp("copy") / "repo"
    _copy_repository(root)
    copy = Copy(root, "", root / "site", {}, {})
    copy.pages_before = rendered_pages(copy)
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
