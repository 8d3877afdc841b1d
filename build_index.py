"""Build or update the reportqa index: ``python build_index.py --corpus corpus --index DIR``.

The same as ``reportqa index``; every option of that command works here.
"""

from __future__ import annotations

import sys

from ui.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["index", *sys.argv[1:]]))
