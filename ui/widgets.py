"""What every tab of the web UI shares: friendly errors and quiet event settings."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from html import escape
from typing import Any, TypeVar

import gradio as gr

from index.errors import ReportQAError

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])
# Events that only move values between fields: no queue, no spinner, not in the API.
QUIET: dict[str, Any] = {"queue": False, "show_progress": "hidden", "api_visibility": "private"}


def friendly(fn: F, *, notice: Callable[[str], Any] | None = None) -> F:
    """Errors become a short message for the user; unexpected ones are logged in full.

    With ``notice`` (page handlers), a refused request shows a warning and
    ``notice(message)`` becomes the outputs; without it (API endpoints), it
    raises ``gr.Error`` with the plain message.
    """

    @functools.wraps(fn)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except ReportQAError as exc:
            log.info("refused request: %s", exc)
            if notice is None:
                raise gr.Error(str(exc), print_exception=False) from None
            gr.Warning(escape(str(exc)))
            return notice(str(exc))
        except Exception:
            log.exception("unexpected error in %s", fn.__name__)
            raise gr.Error(
                "Something went wrong on the server; the details are in its log.",
                print_exception=False,
            ) from None

    return guarded  # type: ignore[return-value]
