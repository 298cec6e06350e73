"""The site fixture lives in tests/conftest.py, shared with tests/browser (one build per session).

REPO, SUB_PATH and Site are re-exported here for the modules that import them from `.conftest`.
"""

from __future__ import annotations

from ..conftest import REPO, SUB_PATH, Site

__all__ = ["REPO", "SUB_PATH", "Site"]
