"""Where a question goes: its kind (one fact, a list across forces, a trend or a
comparison) by an ordered table of rules, and its route (the grades table or sentences).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from index.lexicon.bodies import NATIONAL_BENCHMARK, monitoring
from index.lexicon.dates import YEAR
from index.records.monitoring import ENTERED, LEFT
from index.types import Kind
from retrieval.search.inferred import SOURCE_LEAD

_AGGREGATE = re.compile(
    r"^\s*(which|what)\s+(police\s+)?forces\b|\bhow many (police )?forces\b|^\s*list\b|"
    r"\bwhich (of the )?forces\b|\bforces? (that|which|where|with)\b.*\?$|\bname the forces\b|"
    r"\bin which forces\b|\bwhich force areas\b|\bacross (all )?(the )?forces\b|\bwhich reports\b",
    re.IGNORECASE,
)
_TREND = re.compile(
    # "change" as a verb ("how did X change between …", "… change?"), not a noun ("which
    # change did the inspectors praise most")
    r"\b(over time|over the years|since (the|its) (first|last|previous|earlier)|changed|"
    r"change(?=\s+(?:between|from|since|over|after|across|during)\b|\s*[?.]?\s*$)|"
    r"improv(e|ed|ing|ement)d? (since|between|from)|progress(ed)? (since|between|from)|trend|"
    rf"evolv|from {YEAR} to {YEAR}|between {YEAR} and {YEAR}|across the years|year by year|"
    r"first .* (then|and later)|earlier .* later|re-?inspection|follow[- ]up|revisit|"
    rf"trace|onwards|history of|path (from|to)|since (the|its) {YEAR}|"
    r"(go|goes|went|gone|moved?|got) from\b.+\bto\b|better or worse|how far back|"
    r"from when\b.+\bto when|between (its|the) [^?]{3,80}? and (its|the)\b)",
    re.IGNORECASE,
)
_COMPARE = re.compile(
    r"\b(compare|comparison|versus|vs\.?|differ(ence|ed|s)? (between|from)|"
    r"side by side|how did .+ and .+ (differ|compare))\b",
    re.IGNORECASE,
)

# One force set against the whole ("compare with England and Wales as a whole", "the
# national average", "other forces"): a comparison the report states, looked up.
_AGAINST_ALL = re.compile(
    r"\bcompar\w*\s+(?:\w+\s+){0,3}?(?:with|to|against)\s+(?:the\s+)?(?:rest of\s+)?"
    rf"(?:{NATIONAL_BENCHMARK})",
    re.IGNORECASE,
)
_HOW_LONG = re.compile(r"\s*how long\b", re.IGNORECASE)
# A spell's two ends named as nouns: "its time in Engage, from entry to exit".
_ENTRY = re.compile(r"\b(?:entry|entering|entrance)\b", re.IGNORECASE)
_EXIT = re.compile(r"\b(?:exit|exiting|leaving|departure)\b", re.IGNORECASE)
# "When was the Staffordshire Engage revisit letter published?": one report's date.
_PUBLISHED_ASKED = re.compile(
    r"^\s*(?:when|on what (?:date|day)|what date|in what (?:month|year))\s+(?:was|were|did)\b"
    r"[^?,]*\b(?:published|released|issued|come out|came out)\b[^,]*$",
    re.IGNORECASE,
)
# "When inspectors went back to Kent, how many …": a leading clause that dates
# what is asked; the wording after it decides the kind.
_WHEN_CLAUSE = re.compile(
    r"\s*when\s+(?!(?:did|does|do|was|were|is|are|has|have|had|will)\b)[^,?]+,\s*"
    r"(?=(?:how|what|which|who|whom|whose|why|where|did|was|were|is|are)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Rule:
    """A kind for questions whose wording (and number of forces named) fits."""

    name: str
    applies: Callable[[str, int], bool]  # (the question, how many forces it names)
    kind: Kind


# The first rule that applies decides; none: a lookup.
KIND_RULES: tuple[Rule, ...] = (
    Rule(
        "one force set against the whole",
        lambda q, n: bool(_AGAINST_ALL.search(q)) and n <= 1,
        Kind.LOOKUP,
    ),
    Rule(
        "one force compared with itself",
        lambda q, n: bool(_COMPARE.search(q)) and n == 1,
        Kind.TREND,
    ),
    Rule("a comparison", lambda q, n: bool(_COMPARE.search(q)), Kind.COMPARE),
    Rule(
        "a list across forces", lambda q, n: bool(_AGGREGATE.search(q)) and n == 0, Kind.AGGREGATE
    ),
    # "According to the 2021 custody report, how far did …": what one report
    # states is looked up, however it is worded
    Rule("one report named as the source", lambda q, n: bool(SOURCE_LEAD.match(q)), Kind.LOOKUP),
    Rule("a publication date asked", lambda q, n: bool(_PUBLISHED_ASKED.match(q)), Kind.LOOKUP),
    Rule("a change over time", lambda q, n: bool(_TREND.search(_framed(q))), Kind.TREND),
    Rule("a spell of monitoring", lambda q, n: _asks_spell(q), Kind.TREND),
    Rule("several forces", lambda q, n: n >= 2, Kind.COMPARE),
)


def _asks_spell(question: str) -> bool:
    """ "How long was Notts in Engage?", "Kent went into Engage in 2022 – when did it come
    out?", "… its time in enhanced monitoring from entry to exit": a spell of monitoring,
    from its entry to its exit."""
    if not monitoring(question):
        return False
    if _HOW_LONG.match(question):
        return True
    entered = ENTERED.search(question) or _ENTRY.search(question)
    left = LEFT.search(question) or _EXIT.search(question)
    return bool(entered and left)


def classify(question: str, forces_named: int = 0) -> Kind:
    """Lookup unless the wording asks for a list across forces, a comparison or a trend.

    >>> classify("Which forces lack specialist detectives?")
    <Kind.AGGREGATE: 'aggregate'>
    """
    return next((r.kind for r in KIND_RULES if r.applies(question, forces_named)), Kind.LOOKUP)


class Route(StrEnum):
    """Where an answer is looked for first."""

    GRADES = "grades table"  # the grades the reports state, read at index time
    SENTENCES = "sentences"  # the passages the search finds


# "Will Kent be graded good in its next PEEL inspection?": a prediction, not a finding.
_FUTURE = re.compile(
    r"^\s*will\b[^?]*\b(?:be|get|receive|achieve)\b[^?]*\b(?:grade[ds]?|rated|rating|judged)\b"
    r"|^\s*will\b[^?]*\b(?:next|future|coming|upcoming)\s+(?:\w+\s+){0,2}"
    r"(?:inspection|assessment)\b",
    re.IGNORECASE,
)


def _framed(question: str) -> str:
    """The question without a leading clause that dates it ("When HMICFRS revisited …,")."""
    lead = _WHEN_CLAUSE.match(question)
    return question[lead.end() :] if lead else question


def asks_future(question: str) -> bool:
    """Whether the question asks how a later inspection will turn out: reports record
    what inspections found, so none can answer it.

    >>> asks_future("Will Kent Police be graded good in its next PEEL inspection?")
    True
    """
    return bool(_FUTURE.search(question))
