"""The `reportqa` command as people run it: a child process from the project root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(
    *args: str, stdin: str | None = None, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    """`reportqa ARGS…` (python -m ui.cli), its output captured as text, never raising on
    a non-zero exit: the tests read the exit code and stderr themselves."""
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=timeout,
        check=False,
    )
