"""requirements.txt pins every Python package the project installs, each with its hashes, and is
compiled from requirements.in (the top-level choices); scripts/setup installs it in hash-checking
mode. Read from the files and from the environment the tests run in (the .venv scripts/setup
made), without installing anything."""

from __future__ import annotations

import importlib.metadata
import re

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..conftest import REPO

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def _entries(path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of each requirement of a requirements file, continuation lines
    joined; an entry without == is kept with version None."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    entries = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = PIN.match(line)
        name = canonicalize_name(match.group(1) if match else Requirement(line.split(" --")[0]).name)
        entries[name] = (match.group(2).rstrip(" \\;") if match else None,
                         re.findall(r"--hash=sha256:([0-9a-f]{64})", line))
    return entries


def test_every_package_is_pinned_with_its_hashes():
    entries = _entries(REPO / "requirements.txt")
    unpinned = sorted(name for name, (version, _) in entries.items() if version is None)
    unhashed = sorted(name for name, (_, hashes) in entries.items() if not hashes)
    assert (unpinned, unhashed) == ([], [])


def test_requirements_txt_is_compiled_from_requirements_in():
    """Each top-level choice is pinned at the same version in both files (requirements.in was
    not changed without compiling it again)."""
    compiled = _entries(REPO / "requirements.txt")
    chosen = _entries(REPO / "requirements.in")
    assert chosen and all(version for version, _ in chosen.values()), "requirements.in pins every choice"
    assert {name: compiled.get(name, (None,))[0] for name in chosen} == \
        {name: version for name, (version, _) in chosen.items()}


def test_nothing_installed_beneath_the_choices_is_left_unpinned():
    """Walk what the top-level packages require, as installed here (markers evaluated for this
    Python): every package reached is pinned in requirements.txt at the version installed."""
    compiled = _entries(REPO / "requirements.txt")
    todo = [canonicalize_name(name) for name in _entries(REPO / "requirements.in")]
    reached: dict[str, str] = {}
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        distribution = importlib.metadata.distribution(name)
        reached[name] = distribution.version
        for requirement in map(Requirement, distribution.requires or []):
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    assert len(reached) > len(_entries(REPO / "requirements.in"))
    assert {name: compiled.get(name, (None,))[0] for name in reached} == reached


def test_setup_installs_in_hash_checking_mode():
    setup = (REPO / "scripts" / "setup").read_text(encoding="utf-8")
    assert "pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt" in setup
    # The rule package: its own install, editable, with nothing more.
    assert "--no-deps --no-build-isolation -e calculators" in setup
