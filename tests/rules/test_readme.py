"""The README's worked CLI examples show the real output of the current rules."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_examples_are_current():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme_examples.py"), "--check"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
