"""Spot cited passages that disagree on a figure or date for the same thing."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from index.types import Citation

# "13 recommendations", "2,000 officers", "6 causes of concern": a number and the noun after it.
_FIGURE = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s+(?:[a-z-]+\s+)?([a-z]{4,}s)\b")
# "published on 5 August 2022", "inspected in March 2022"
_DATED = re.compile(
    r"\b(published|inspected|inspection|visited|fieldwork)\b[^.]{0,30}?"
    r"\b(\d{1,2} \w+ \d{4}|\w+ \d{4})\b",
    re.IGNORECASE,
)


def _claims(citation: Citation) -> dict[str, str]:
    """Key (what is counted or dated) -> value, from one quote."""
    claims = {noun: number.replace(",", "") for number, noun in _FIGURE.findall(citation.quote)}
    for event, when in _DATED.findall(citation.quote):
        claims[event.lower()] = when
    return claims


def find_conflicts(citations: Sequence[Citation]) -> list[str]:
    """Notes like "The sources differ on recommendations: [1] says 13, [2] says 9."

    Only quotes about the same force (and from different passages) are compared.
    """
    seen: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for citation in citations:
        for key, value in _claims(citation).items():
            seen[(citation.meta.force or "", key)][value].append(citation.n)
    notes = []
    for (_, key), values in seen.items():
        if len(values) > 1:
            parts = ", ".join(
                f"{'/'.join(f'[{n}]' for n in ns)} says {value}" for value, ns in values.items()
            )
            notes.append(f"The sources differ on {key}: {parts}.")
    return notes
