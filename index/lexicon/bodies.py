"""Bodies a passage may speak for: the INSPECTORATE (HMICFRS under its names, and other
inspectorates) and the NATIONAL picture ("England and Wales", "all 43 forces")."""

from __future__ import annotations

import re

from index.lexicon.span import Concept, Span

# HMICFRS and its former names; the long form mentions fire and rescue services.
_OWN = (
    r"\bHMICFRS\b|\bHMIC\b"
    r"|\b(?:Her|His) Majesty['\u2019]?s (?:Chief )?Inspector(?:ate)? of Constabulary"
    r"(?:\s+and\s+(?:of\s+)?Fire\s+(?:and|&)\s+Rescue\s+Services?)?"
    r"|\bHM (?:Chief )?Inspector(?:ate|s)? of Constabulary"
    r"(?:\s+and\s+(?:of\s+)?Fire\s+(?:and|&)\s+Rescue\s+Services?)?"
    r"|\bInspector(?:ate)?s?\s+of\s+Constabulary\s+and\s+(?:of\s+)?Fire\s+(?:and|&)\s+Rescue"
    r"\s+Services?"
)
_OWN_RE = re.compile(_OWN, re.I)
# Other inspectorates, whose grades are not the police inspectorate's.
OTHER_INSPECTORATE = r"\b(?:Ofsted|CQC|Care Quality Commission|Estyn)\b"
_OTHERS = re.compile(OTHER_INSPECTORATE, re.I)
# The country or every force, as a subject or a benchmark.
NATIONAL = (
    r"\bengland and wales\b|\b(?:all|every one of the|each of the) 43 (?:police )?forces\b"
    r"|\b43 (?:police )?forces\b|\ball (?:police )?forces\b|\bnational overview\b"
    r"|\bnationally\b|\bthe national (?:average|picture|rate|figure)\b"
)
_NATIONAL_RE = re.compile(NATIONAL, re.I)


def inspectorates(text: str) -> list[Span]:
    """Every INSPECTORATE named; value "HMICFRS" for the police inspectorate, else the
    other inspectorate's name."""
    found = [
        Span(Concept.INSPECTORATE, m.start(), m.end(), m.group(), "HMICFRS")
        for m in _OWN_RE.finditer(text)
    ]
    found += [
        Span(Concept.INSPECTORATE, m.start(), m.end(), m.group(), m.group())
        for m in _OTHERS.finditer(text)
    ]
    return sorted(found, key=lambda s: s.start)


def names_other_inspectorate(text: str) -> bool:
    """Whether ``text`` names an inspectorate other than the police one (Ofsted, CQC)."""
    return _OTHERS.search(text) is not None


def without_inspectorate(text: str) -> str:
    """``text`` without the police inspectorate's names (its long name mentions fire and
    rescue services, which is no topic of the text)."""
    return _OWN_RE.sub(" ", text)


def nationals(text: str) -> list[Span]:
    """Every NATIONAL phrase; value the phrase in lower case."""
    return [
        Span(Concept.NATIONAL, m.start(), m.end(), m.group(), m.group().lower())
        for m in _NATIONAL_RE.finditer(text)
    ]
