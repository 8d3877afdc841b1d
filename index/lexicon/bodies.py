"""Bodies a passage may speak for: the INSPECTORATE (HMICFRS under its names, and other
inspectorates), the NATIONAL picture ("England and Wales", "all 43 forces"), the
inspectorate's MONITORING of a force ("Engage", "special measures", "Scan"), and any
BODY a claim may be about besides the forces (index.forces names those): "Police
Scotland", "Kent Fire and Rescue Service", "the National Crime Agency"."""

from __future__ import annotations

import re

from index.lexicon.span import Concept, Span, longest_first

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
# The country or every force: (pattern, how strongly it makes a text national). "report":
# a report's own text says it covers every force; "title": a title that names the whole
# service; "benchmark": a figure or judgement set against the whole.
NATIONAL_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:all|every one of the|each of the) 43 (?:police )?forces|national overview", "report"),
    (
        r"england and wales|(?:all|43) (?:police )?forces|in (?:the )?police (?:service|forces)",
        "title",
    ),
    (
        r"nationally|(?:the\s+)?national (?:average|picture|rate|figure)|(?:the\s+)?average"
        r"|other forces|forces? (?:nationally|elsewhere|as a whole)",
        "benchmark",
    ),
)
_NATIONAL_RES = tuple((re.compile(rf"\b(?:{p})\b", re.I), scope) for p, scope in NATIONAL_PHRASES)
# The whole a force is compared against: "England and Wales", "the national average".
NATIONAL_BENCHMARK = "|".join(p for p, _ in NATIONAL_PHRASES[1:]) + r"|(?:the\s+)?national\b"


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
    """Every NATIONAL phrase, longest first; value the phrase in lower case, detail how
    strongly it makes a text national ("report", "title", "benchmark")."""
    found = [
        Span(
            Concept.NATIONAL,
            m.start(),
            m.end(),
            m.group(),
            " ".join(m.group().lower().split()),
            scope,
        )
        for regex, scope in _NATIONAL_RES
        for m in regex.finditer(text)
    ]
    return longest_first(found)


def national_report(opening: str) -> bool:
    """Whether a report's opening says it covers every force ("all 43 forces")."""
    return any(span.detail == "report" for span in nationals(opening))


def national_title(title: str) -> bool:
    """Whether a title names the whole service ("… in England and Wales")."""
    return any(span.detail in ("report", "title") for span in nationals(title))


# The inspectorate's monitoring of forces: (pattern, phase). Engage is the enhanced phase
# that the press calls "special measures" (not the courts' special measures for a
# witness or victim); Scan is routine monitoring. The phase names are
# read with their capital ("engage with victims" is no phase), whatever flags a pattern
# embedding them is compiled with (the records' cues: index.records.monitoring).
ENGAGE_NAMES = (
    r"(?-i:\bEngage\b|\bENGAGE\b|\bPPOG\b)|(?i:\bengage (?:phase|stage|process)\b"
    r"|\benhanced (?:level of )?monitoring\b|\bpolicing performance oversight group\b"
    r"|\bspecial measures\b(?![^.]{0,40}\b(?:witness|victim|court)))"
)
SCAN_NAMES = (
    r"(?-i:\bScan\b|\bSCAN\b)|(?i:\broutine monitoring\b|\b(?:the )?default (?:phase of )?"
    r"monitoring\b)"
)
MONITORING_PHASES: tuple[tuple[str, str], ...] = ((ENGAGE_NAMES, "Engage"), (SCAN_NAMES, "Scan"))
_MONITORING_RES = tuple((re.compile(p), phase) for p, phase in MONITORING_PHASES)


def monitoring(text: str) -> list[Span]:
    """Every MONITORING phase named; value "Engage" or "Scan"."""
    found = [
        Span(Concept.MONITORING, m.start(), m.end(), m.group(), phase)
        for regex, phase in _MONITORING_RES
        for m in regex.finditer(text)
    ]
    return longest_first(found)


def names_inspectorate(text: str) -> bool:
    """Whether ``text`` names the police inspectorate (HMICFRS, HMIC, its long names)."""
    return _OWN_RE.search(text) is not None


# A named police, fire or other public body: capitalised words ending in what it is.
_BODY_END = (
    r"Fire\s+(?:and|&)\s+Rescue\s+(?:Service|Authority)|Fire\s+Brigade|Police\s+Service"
    r"|Police|Constabulary|Agency"
)
_NAME_WORD = (
    r"(?!(?:The|A|An|This|That|Its|Their|Every|Each|All|No|HM|His|Her)\b)[A-Z][\w'\u2019-]*"
)
_BODY = re.compile(
    rf"\b(?:{_NAME_WORD}\s+(?:(?:and|&|of(?:\s+the)?)\s+)?)+(?:{_BODY_END})\b(?!\s+Station)"
    r"|\bPolice\s+(?:Scotland|Service\s+of\s+Northern\s+Ireland)\b|\bPSNI\b"
)


def bodies(text: str) -> list[Span]:
    """Every BODY named (a force too: which ones are forces is for index.forces); value
    the name as written, detail "police" or "fire" or "other"."""
    found = []
    for match in _BODY.finditer(text):
        name = match.group()
        if "Inspector" in name:
            continue  # "HM Inspectorate of Constabulary" is the inspectorate
        kind = (
            "fire"
            if "Fire" in name
            else "police"
            if re.search(r"Police|Constab|PSNI", name)
            else "other"
        )
        found.append(Span(Concept.BODY, match.start(), match.end(), name, name, kind))
    return found
