"""How the web UI is served: one set of defaults shared by the CLI, the app and its actions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"  # loopback unless told otherwise (then use --auth)
    port: int = 7860
    concurrency: int = 2  # questions answered at once
    max_question_chars: int = 500


DEFAULTS = ServeSettings()
