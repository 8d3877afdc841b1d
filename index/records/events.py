"""The report's own dates: when it was published, when its fieldwork took place, when the
inspectorate went back (a revisit or post-inspection review).

The publication date is the report's metadata (front matter, a sidecar, or the date its
opening states: see :mod:`index.metadata`), quoted where the text states it and else
cited by the report itself. Fieldwork and revisit dates are read from sentences whose
cue ("inspected", "visited", "fieldwork took place", "between 14 and 25 May 2018"; "post-
inspection review", "revisited") comes with a date; a span of dates is kept as "from/to".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from index.forces import NATIONAL
from index.lexicon.dates import When, dates
from index.records.dating import nearest_date
from index.records.record import Record, record, sentences
from index.types import DocumentMeta

_FIELDWORK = re.compile(
    r"\b(?:inspect(?:ed|ion)|visit(?:ed)?|examined|fieldwork|assessment|evidence-gathering)\b",
    re.I,
)
_CARRIED_OUT = re.compile(r"\b(?:took place|carried out|conducted|made|between|during)\b", re.I)
_REVISIT = re.compile(
    r"\b(?:post-inspection review|revisit(?:ed)?|re-?inspect(?:ion|ed)|returned|went back"
    r"|follow-up (?:visit|inspection))\b",
    re.I,
)
# How a question asks for a revisit: "when did inspectors go back", "return to Wiltshire".
_BACK = re.compile(r"\b(?:go|goes|went|gone|come|came) back\b|\breturn(?:ed|s)?\b", re.I)
# Another inspection than the report's own: "when inspectors last visited in 2012".
_ANOTHER = re.compile(r"\b(?:last|previous(?:ly)?|earlier|prior|had (?:been )?\w+ed)\b", re.I)
_PUBLISHED = re.compile(r"\bpublish(?:ed|ing)?\b|\breleased\b|\bdate of publication\b", re.I)
# A date that dates something else: "published on 5 May", "commissioned in March", or a
# date naming another inspection or report ("its November 2022 inspection of vetting").
_ELSE_VERBS = r"(?-i:publish\w*|released|commissioned|wrote|written|letter|dated|sent)"
_DATES_ELSE = re.compile(rf"\b{_ELSE_VERBS}\b[^.;]{{0,40}}$", re.I)
_DATES_ELSE_AFTER = re.compile(rf"^(?:(?!\band\b)[^.;,]){{0,60}}?\b{_ELSE_VERBS}\b", re.I)
_NAMES_ANOTHER = re.compile(
    r"^['’]?s?\s+(?:\w+\s+)?(?:inspection|re-?inspection|report|assessment)\b", re.I
)
_WINDOW_DAYS = 2 * 366  # fieldwork or a revisit falls within two years before publication


def revisit_asked(text: str) -> bool:
    """Whether a question asks when the inspectorate went back (a revisit, a re-inspection,
    a post-inspection review)."""
    return bool(_REVISIT.search(text) or _BACK.search(text))


def states_revisit(text: str) -> bool:
    """Whether a passage speaks of the inspectorate going back ("returned to carry out a
    post-inspection review", "revisited the force")."""
    return bool(_REVISIT.search(text))


def event_records(text: str, meta: DocumentMeta) -> Iterator[Record]:
    """The publication date, then fieldwork and revisit dates, of the report."""
    force = " and ".join(f for f in meta.forces if f != NATIONAL) or NATIONAL
    yield from _published(text, meta, force)
    for start, end in sentences(text):
        sentence = text[start:end]
        if " | " in sentence or _ANOTHER.search(sentence):
            continue
        for cue, subject in ((_REVISIT, "revisit"), (_FIELDWORK, "fieldwork")):
            if subject == "revisit" and force == NATIONAL:
                continue  # a national report revisits no force of its own
            found = cue.search(sentence)
            span = _dated(sentence, found.start(), meta.published) if found else None
            if span:
                yield record(meta, force, "date", subject, span, span, text, start, end)
                break


def _published(text: str, meta: DocumentMeta, force: str) -> Iterator[Record]:
    """The publication date, quoting the sentence that states it when one does."""
    if not meta.published:
        return
    for start, end in sentences(text[:4000]):
        sentence = text[start:end]
        if _PUBLISHED.search(sentence) and any(
            d.value.iso() == meta.published for d in dates(sentence)
        ):
            yield record(
                meta, force, "date", "published", meta.published, meta.published, text, start, end
            )
            return
    yield Record(meta.doc_id, force, "date", "published", meta.published, meta.published, 0, 0, "")


def _dated(sentence: str, at: int, published: str | None) -> str | None:
    """The date or span of dates nearest a cue at ``at``, when it can be the report's own
    fieldwork or revisit: within two years before publication, and a month or a day
    unless the sentence says the inspection took place or was carried out then."""
    found = nearest_date(sentence, at, after_first=False)
    if found is None or found.value == published or not _before_publication(found.first, published):
        return None
    before, after = sentence[: found.start], sentence[found.end :]
    if _DATES_ELSE.search(before) or _DATES_ELSE_AFTER.match(after) or _NAMES_ANOTHER.match(after):
        return None
    if not before.strip():  # a timeline's entry ("August 2022 Wiltshire – …"), not a sentence
        return None
    if found.first.last_year or (found.first.month is None and not _CARRIED_OUT.search(sentence)):
        return None  # "the 2018/19 programme" names a cycle, not when the fieldwork was
    return found.value


def _before_publication(when: When, published: str | None) -> bool:
    if not published or when.year is None:
        return True
    begun = date(when.year, when.month or 1, when.day or 1)
    issued = date.fromisoformat(published)
    return timedelta(0) <= issued - begun <= timedelta(days=_WINDOW_DAYS)
