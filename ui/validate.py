"""Checks on what a web user or API caller sends: the question, the filters, the login."""

from __future__ import annotations

from collections.abc import Iterable

from index.errors import ConfigError, ReportQAError
from retrieval.search.filters import Filters

YEAR_MIN, YEAR_MAX = 1990, 2049


class InputError(ReportQAError):
    """A request the app refuses; the message tells the user what to change."""


def check_question(text: str | None, max_chars: int, *, what: str = "question") -> str:
    """The question stripped, or InputError when it is empty or too long."""
    question = (text or "").strip()
    if not question:
        raise InputError(f"Type a {what} first.")
    if len(question) > max_chars:
        raise InputError(
            f"The {what} is {len(question)} characters long; the limit is {max_chars}. "
            "Shorten it and try again."
        )
    return question


def check_year(value: float | int | str | None, label: str) -> int | None:
    """A year from a form field (blank means no bound)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        year = int(float(value))
    except ValueError as exc:
        raise InputError(f"{label} must be a year such as 2019, not {value!r}.") from exc
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise InputError(f"{label} must be between {YEAR_MIN} and {YEAR_MAX}, not {year}.")
    return year


def filters_from_ui(
    forces: Iterable[str] | None,
    report_types: Iterable[str] | None,
    year_from: float | int | str | None,
    year_to: float | int | str | None,
) -> Filters | None:
    """Explicit filters from the form or the API; None when nothing is set."""
    since, until = check_year(year_from, "Year from"), check_year(year_to, "Year to")
    if since is not None and until is not None and since > until:
        raise InputError(f"Year from ({since}) is after year to ({until}).")
    filters = Filters.from_options(
        forces=[f for f in forces or () if f], report_types=[t for t in report_types or () if t],
        since=since, until=until,
    )
    return None if filters.is_empty() else filters


def parse_auth(spec: str | None) -> tuple[str, str] | None:
    """("user", "password") from "user:password"; None when no login is wanted."""
    if spec is None or not spec.strip():
        return None
    user, sep, password = spec.partition(":")
    if not sep or not user.strip() or not password:
        raise ConfigError("--auth must look like USER:PASSWORD (both parts non-empty)")
    return user.strip(), password
