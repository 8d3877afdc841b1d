"""Forces entering and leaving the inspectorate's enhanced monitoring (Engage).

"moved Staffordshire Police into Engage on 6 July 2022", "placed in Engage in 2019",
"has been in Engage since June 2022" (entered); "left Engage in September 2023",
"returned to routine monitoring (Scan) in May 2024", "under enhanced monitoring until
2018" (left). "Engage" is the process only with its capital ("engage with" is a verb);
"special measures" is how the press names it. What may happen ("forces can be escalated
to enhanced monitoring") is no event. Each force a sentence names gets the date
nearest its own mention ("Greater Manchester Police (from 2020), Cleveland Police (from
2019)"); a sentence naming none is about the report's force.

Causes of concern are the milestones of a spell: "In January 2024 HMICFRS identified two
accelerated causes of concern" (raised), "the full report, published on 11 July 2024,
added a further cause of concern" (raised), "In December 2023 the cause of concern about
managing offenders was closed" (closed). Only a dated one is kept: an undated "it closed
this cause of concern" says nothing a timeline can place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.counts import COUNT_NOUNS
from index.forces import NATIONAL, force_spans
from index.lexicon.bodies import ENGAGE_NAMES, SCAN_NAMES
from index.lexicon.negation import negated
from index.records.dating import Dated, dated, nearest_date
from index.records.record import Record, record, sentences, subjects
from index.types import DocumentMeta

ENGAGE = "engage"  # a record's subject: a move into or out of Engage
CONCERN = "cause of concern"  # a record's subject: a cause of concern raised or closed
_ENGAGE = rf"(?:{ENGAGE_NAMES})"  # the lexicon's names of the phases (index.lexicon.bodies)
_ROUTINE = rf"(?:{SCAN_NAMES})"
_SO_FAR = r"(?:\s+\w+){0,6}?\s+"  # a few words between a verb and the process ("the force into")
ENTERED = re.compile(
    rf"\b(?:placed|put|moved|escalated|brought|taken|entered|went)\b{_SO_FAR}(?:in|into|under)\s+"
    rf"(?:the\s+)?(?:inspectorate['’]s\s+)?(?:\w+\s+){{0,3}}?{_ENGAGE}"
    rf"|\bentered\s+{_ENGAGE}|\b(?:in|into|under)\s+{_ENGAGE}\s+(?:since|from)\b"
    rf"|\b{_ENGAGE}\s*(?:[,(]\s*)?(?:since|from)\b",
    re.I,
)
LEFT = re.compile(
    rf"\b(?:left|leave|leaving|exit(?:ed|ing)?|c[ao]me out of|g[eo]t out of|removed from"
    rf"|taken out of|released from)\s+(?:the\s+)?"
    rf"{_ENGAGE}"
    rf"|\b(?:returned|return|moved back|went back|back)\s+to\s+(?:the\s+)?{_ROUTINE}"
    rf"|\b{_ENGAGE}\b[^.;]{{0,40}}?\buntil\b"
    rf"|\breturn\s+to\s+{_ROUTINE}",
    re.I,
)

_CONCERN = next(pattern for pattern, what in COUNT_NOUNS if what == "causes of concern")
_RAISED = re.compile(
    rf"\b(?:identified|raised|issued|published|added|gave|set out)\b[^.;]{{0,60}}?\b{_CONCERN}"
    rf"|\b{_CONCERN}\b[^.;]{{0,60}}?\b(?:was|were|had been|has been|have been)\s+"
    rf"(?:identified|raised|issued|published)\b",
    re.I,
)
_CLOSED = re.compile(
    rf"\b(?:closed|closing|discharged|lifted)\b[^.;]{{0,60}}?\b{_CONCERN}"
    rf"|\b{_CONCERN}\b[^.;]{{0,60}}?\b(?:was|were|had been|has been|have been)\s+"
    rf"(?:closed|discharged|lifted)\b",
    re.I,
)

_GENERIC = re.compile(r"\W*(?:(?:a|any|each|every) force|forces)\b", re.I)  # how it works
_MAY_BE = re.compile(r"\b(?:can|could|may|might)\s+(?:\w+\s+)?be\s+$", re.I)  # what may happen


def monitoring_cues(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, "entered" or "left") of each move into or out of Engage a sentence
    states; what may happen ("forces can be escalated to …") is none."""
    cues = [(m.start(), m.end(), "entered") for m in ENTERED.finditer(sentence)]
    cues += [(m.start(), m.end(), "left") for m in LEFT.finditer(sentence)]
    return [cue for cue in cues if not _MAY_BE.search(sentence[: cue[0]])]


def dated_moves(
    sentence: str, cues: list[tuple[int, int, str]] | None = None
) -> list[tuple[str, Dated | None]]:
    """Each move a sentence states, in its order, with the date right after its cue (else
    the last before it): "entered Engage in June 2022 and left it in May 2024" (of
    ``cues``, the sentence's :func:`monitoring_cues` when already read)."""
    found = monitoring_cues(sentence) if cues is None else cues
    return [(value, nearest_date(sentence, end)) for _, end, value in sorted(found)]


def monitoring_records(text: str, meta: DocumentMeta) -> Iterator[Record]:
    """Every force a sentence moves into or out of Engage, with the date it gives."""
    pending: list[tuple[int, str]] = []  # a cue naming no force: "several forces were moved …"
    for start, end in sentences(text):
        sentence = text[start:end]
        if _GENERIC.match(sentence):
            continue  # "A force is moved into Engage when …": the process, no event
        found = monitoring_cues(sentence)
        cues = [(at, value) for at, _, value in found]
        named = force_spans(sentence)
        if not cues and pending and named:  # "They included the Met in June 2022, …"
            cues = [(0, pending[0][1])]
        pending = cues if cues and not named else []
        if not cues:
            continue
        mentions = named or [(0, 0, force) for force in subjects(sentence, meta)]
        forces = [m for m in mentions if m[2] != NATIONAL]  # monitoring is of a force
        if len(forces) == 1 and len({value for _, value in cues}) > 1:
            # one force's moves in and out: each with the date right after its cue
            for value, date in dated_moves(sentence, found):
                when = date.value if date else None
                yield record(
                    meta, forces[0][2], "monitoring", ENGAGE, value, when, text, start, end
                )
            continue
        for at, _, force in forces:
            value = min(cues, key=lambda cue: abs(cue[0] - at))[1]
            date = nearest_date(sentence, at)
            when = date.value if date else None
            yield record(meta, force, "monitoring", ENGAGE, value, when, text, start, end)


def concern_cues(sentence: str) -> list[tuple[int, str]]:
    """(offset, "raised" or "closed") of each cause of concern a sentence says was raised
    or closed; "had not closed the cause of concern" is neither."""
    return [
        (m.start(), value)
        for regex, value in ((_RAISED, "raised"), (_CLOSED, "closed"))
        for m in regex.finditer(sentence)
        if not negated(sentence[max(0, m.start() - 20) : m.end()])  # "had not yet closed"
    ]


def concern_records(text: str, meta: DocumentMeta) -> Iterator[Record]:
    """Each dated raising or closing of a force's cause of concern: the date nearest its
    cue, a month or day before a bare year ("in January 2024, as part of its PEEL
    2023–2025 inspection, … identified …" is January 2024)."""
    for start, end in sentences(text):
        sentence = text[start:end]
        if _GENERIC.match(sentence):
            continue
        for at, value in concern_cues(sentence):
            found = dated(sentence)
            precise = [d for d in found if len(d.value) > 4] or found
            if not precise:
                continue
            date = min(precise, key=lambda d: min(abs(d.start - at), abs(d.end - at)))
            for force in subjects(sentence, meta):
                if force != NATIONAL:
                    yield record(
                        meta, force, "monitoring", CONCERN, value, date.value,
                        text, start, end,
                    )  # fmt: skip
