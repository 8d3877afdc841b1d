"""Spot cited passages that disagree on a figure or date for the same thing."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from index.lexicon.dates import When, dates
from index.lexicon.numbers import figures
from index.types import Citation

# "published on 5 August 2022", "inspected in March 2022": an event and its date.
_EVENT = re.compile(r"\b(published|inspected|inspection|visited|fieldwork)\b", re.I)
_REACH = 30  # characters from the event to its date, within the sentence


@dataclass(frozen=True)
class _Claim:
    citation: Citation
    value: str  # as the quote writes it (a date) or normalised (a count)
    when: When | None = None  # a date's value: compared within its year


def _claims(citation: Citation) -> dict[str, _Claim]:
    """Key (what is counted or dated) -> claim, from one quote: "13 recommendations"
    (a year is no count: "the 2022 recommendations"), "published on 5 August 2022"."""
    claims = {
        figure.value.noun: _Claim(citation, _shown(figure.value.number))
        for figure in figures(citation.quote)
        if figure.value.noun
    }
    quote = citation.quote
    for event in _EVENT.finditer(quote):
        found = [
            d
            for d in dates(quote)
            if 0 <= d.start - event.end() <= _REACH and "." not in quote[event.end() : d.start]
        ]
        if found:
            claims[event.group(1).lower()] = _Claim(citation, found[0].text, found[0].value)
    return claims


def _shown(number: float | None) -> str:
    if number is None:
        return "?"
    return str(int(number)) if number == int(number) else str(number)


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
    if a.when is not None and b.when is not None:
        return a.when.years() == b.when.years() and not _agree(a.when, b.when)
    return a.value != b.value and (one.year is None or other.year is None or one.year == other.year)


def _agree(a: When, b: When) -> bool:
    """Whether two dates may be the same: equal, or one within the other ("September
    2022" holds "22 September 2022"; "2022" holds both)."""
    return _within(a, b) or _within(b, a)


def _within(inner: When, outer: When) -> bool:
    if outer.month is not None and inner.month != outer.month:
        return False
    return outer.day is None or inner.day == outer.day
