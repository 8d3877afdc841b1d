"""What kind of answer a question wants: one fact, a list across forces, or a trend."""

from __future__ import annotations

import re

from index.lexicon.bodies import NATIONAL_BENCHMARK
from index.lexicon.dates import YEAR
from index.types import Kind

_AGGREGATE = re.compile(
    r"^\s*(which|what)\s+(police\s+)?forces\b|\bhow many (police )?forces\b|^\s*list\b|"
    r"\bwhich (of the )?forces\b|\bforces? (that|which|where|with)\b.*\?$|\bname the forces\b|"
    r"\bin which forces\b|\bacross (all )?(the )?forces\b|\bwhich reports\b",
    re.IGNORECASE,
)
_TREND = re.compile(
    r"\b(over time|over the years|since (the|its) (first|last|previous|earlier)|changed?|"
    r"improv(e|ed|ing|ement)d? (since|between|from)|progress(ed)? (since|between|from)|trend|"
    rf"evolv|from {YEAR} to {YEAR}|between {YEAR} and {YEAR}|across the years|year by year|"
    r"first .* (then|and later)|earlier .* later|re-?inspection|follow[- ]up|revisit|"
    rf"trace|onwards|history of|path (from|to)|since (the|its) {YEAR})",
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


def classify(question: str, forces_named: int = 0) -> Kind:
    """Lookup unless the wording asks for a list across forces, a comparison or a trend.

    >>> classify("Which forces lack specialist detectives?")
    <Kind.AGGREGATE: 'aggregate'>
    """
    if _AGAINST_ALL.search(question) and forces_named <= 1:
        return Kind.LOOKUP
    if _COMPARE.search(question):  # one force compared with itself: over time
        return Kind.COMPARE if forces_named != 1 else Kind.TREND
    if _AGGREGATE.search(question) and forces_named == 0:
        return Kind.AGGREGATE
    if _TREND.search(question):
        return Kind.TREND
    if forces_named >= 2:
        return Kind.COMPARE
    return Kind.LOOKUP


# "Will Kent be graded good in its next PEEL inspection?": a prediction, not a finding.
_FUTURE = re.compile(
    r"^\s*will\b[^?]*\b(?:be|get|receive|achieve)\b[^?]*\b(?:grade[ds]?|rated|rating|judged)\b"
    r"|^\s*will\b[^?]*\b(?:next|future|coming|upcoming)\s+(?:\w+\s+){0,2}"
    r"(?:inspection|assessment)\b",
    re.IGNORECASE,
)


def asks_future(question: str) -> bool:
    """Whether the question asks how a later inspection will turn out: reports record
    what inspections found, so none can answer it.

    >>> asks_future("Will Kent Police be graded good in its next PEEL inspection?")
    True
    """
    return bool(_FUTURE.search(question))
