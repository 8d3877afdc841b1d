"""Report metadata records: declared values normalised, the rest inferred.

Declared values (front matter, a CSV) always win once normalised; otherwise values
are inferred from the title and the opening text, conservatively: what cannot be
inferred stays unknown (``None`` or ``()``). The vocabulary lives in
:mod:`index.forces`, :mod:`index.report_types` and :mod:`index.dates`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from index.dates import OPENING_CHARS, find_published_date
from index.forces import NATIONAL, find_forces, normalise_force
from index.lexicon.bodies import names_inspectorate, national_report, national_title
from index.lexicon.dates import parse_date
from index.report_types import (
    OTHER,
    STATE_OF_POLICING,
    THEMATIC,
    infer_report_type,
    normalise_report_type,
)
from index.types import DocumentMeta

_NATIONAL_TYPES = frozenset({THEMATIC, STATE_OF_POLICING})
_FILE_SUFFIXES = frozenset({".pdf", ".md", ".markdown", ".html", ".htm", ".txt"})


def _clean(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    text = " ".join(str(value).split())
    return text or None


def _declared_forces(value: str) -> tuple[str, ...]:
    """Forces from a declared field ("A and B", "A; B"); unknown names are kept as written."""
    found: list[str] = []
    for part in re.split(r"[;|]", value):
        part = part.strip()
        if part:
            single = normalise_force(part)
            found.extend((single,) if single else find_forces(part) or (part,))
    return tuple(dict.fromkeys(found))


def _inferred_forces(title: str, opening: str, report_type: str | None) -> tuple[str, ...]:
    """Named forces in the title; else national cues; else at most two named in the opening."""
    in_title = find_forces(title)
    if in_title:
        return in_title
    if national_title(title) or report_type in _NATIONAL_TYPES:
        return (NATIONAL,)
    if national_report(opening):
        return (NATIONAL,)
    in_text = find_forces(opening)
    return in_text if len(in_text) <= 2 else ()


def _pretty_title(doc_id: str) -> str:
    path = PurePosixPath(doc_id.replace("\\", "/"))
    stem = path.stem if path.suffix.lower() in _FILE_SUFFIXES else path.name
    words = re.split(r"[\s_-]+", stem.strip())
    text = " ".join(w.capitalize() if w.islower() else w for w in words if w)
    return text or doc_id


def _declared(declared: Mapping[str, object], *keys: str) -> str | None:
    for key in keys:
        value = _clean(declared.get(key))
        if value:
            return value
    return None


def _report_type(declared: str | None, title: str, opening: str) -> str | None:
    if declared:
        return normalise_report_type(declared) or OTHER
    return infer_report_type(title, opening)


def _inspectorate(declared: str | None, opening: str) -> str | None:
    if declared:
        return "HMICFRS" if names_inspectorate(declared) else declared
    return "HMICFRS" if names_inspectorate(opening) else None


def build_meta(
    *,
    doc_id: str,
    source: str,
    declared: Mapping[str, object],
    title_hint: str | None,
    text: str,
) -> DocumentMeta:
    """Metadata for one report: declared values win, the rest is inferred.

    A declared report type that is not recognised becomes "Other"; a declared
    date that cannot be parsed is ignored. Nothing is guessed from file times.
    """
    opening = text[:OPENING_CHARS]
    title = _declared(declared, "title") or _clean(title_hint) or _pretty_title(doc_id)
    report_type = _report_type(_declared(declared, "report_type"), title, opening)
    declared_force = _declared(declared, "force", "forces")
    forces = (
        _declared_forces(declared_force)
        if declared_force
        else _inferred_forces(title, opening, report_type)
    )
    published_value = _declared(declared, "published")
    declared_date = parse_date(published_value) if published_value else None
    published = declared_date or find_published_date(opening)
    date_source = "front matter" if declared_date else "text" if published else None
    return DocumentMeta(
        doc_id=doc_id,
        source=source,
        title=title,
        forces=forces,
        report_type=report_type,
        published=published,
        url=_declared(declared, "source_url", "url"),
        inspectorate=_inspectorate(_declared(declared, "inspectorate"), opening),
        date_source=date_source,
    )
