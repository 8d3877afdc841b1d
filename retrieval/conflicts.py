"""Spot cited passages that disagree on a figure or date for the same thing."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from index.types import Citation

# "13 recommendations", "2,000 officers", "6 causes of concern": a number and the noun
# after it; a year is no count ("the 2022 recommendations").
_FIGURE = re.compile(r"\b(?!(?:19|20)\d\d\b)(\d[\d,]*(?:\.\d+)?)\s+(?:[a-z-]+\s+)?([a-z]{4,}s)\b")
# "published on 5 August 2022", "inspected in March 2022"
_DATED = re.compile(
    r"\b(published|inspected|inspection|visited|fieldwork)\b[^.]{0,30}?"
    r"\b(\d{1,2} \w+ \d{4}|\w+ \d{4})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Claim:
    citation: Citation
    value: str
    dated: bool  # a date (compared within its year) or a count (within its report's year)


def _claims(citation: Citation) -> dict[str, _Claim]:
    """Key (what is counted or dated) -> claim, from one quote."""
    claims = {
        noun: _Claim(citation, number.replace(",", ""), dated=False)
        for number, noun in _FIGURE.findall(citation.quote)
    }
    for event, when in _DATED.findall(citation.quote):
        claims[event.lower()] = _Claim(citation, when, dated=True)
    return claims


def find_conflicts(citations: Sequence[Citation]) -> list[str]:
    """Notes like "The sources differ on recommendations: [1] says 13, [2] says 9."

    Only quotes about the same force are compared, and only from different reports (one
    report giving two dates of publication speaks of an interim and a final report);
    counts only between reports of the same year (a later report counts a later year),
    dates only within one year (dates years apart are two inspections or editions; a
    month agrees with a date in it: "September 2022", "22 September 2022").
    """
    seen: dict[tuple[str, str], list[_Claim]] = defaultdict(list)
    for citation in citations:
        for key, claim in _claims(citation).items():
            seen[(citation.meta.force or "", key)].append(claim)
    notes = []
    for (_, key), claims in seen.items():
        if any(_disagree(a, b) for a, b in combinations(claims, 2)):
            values: dict[str, list[int]] = defaultdict(list)
            for claim in claims:
                values[claim.value].append(claim.citation.n)
            parts = ", ".join(
                f"{'/'.join(f'[{n}]' for n in ns)} says {value}" for value, ns in values.items()
            )
            notes.append(f"The sources differ on {key}: {parts}.")
    return notes


def _disagree(a: _Claim, b: _Claim) -> bool:
    one, other = a.citation.meta, b.citation.meta
    if one.doc_id == other.doc_id:
        return False
    if a.dated:
        agree = a.value == b.value or _within(a.value, b.value) or _within(b.value, a.value)
        return not agree and a.value[-4:] == b.value[-4:]  # years apart: two events
    return a.value != b.value and (one.year is None or other.year is None or one.year == other.year)


def _within(date: str, month: str) -> bool:
    """Whether ``month`` ("September 2022") is the month of ``date`` ("22 September 2022")."""
    return date.lower().endswith(" " + month.lower())
