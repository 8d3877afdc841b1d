"""What a question asks of the facts table (index.records): a kind of fact, what it is
about, and the values or bound that fit.

"Which forces were handed more than eight recommendations?" asks for counts of
recommendations above eight; "… recording fewer than nine in every ten crimes?" for
recording rates below 90%; "… whose chief constables are named?" for people in that
role; "Which forces has HMI Roy Wilsher reported on?" for that person; "… placed in
Engage / come out of special measures?" for Engage entries or exits. The words are the
lexicon's (bounds, roles, people, monitoring) and the extractors' (count nouns, figure
cues), so a question is read as the reports are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from index.counts import COUNT_ITEM, COUNT_NOUNS, count_what
from index.lexicon.bodies import monitoring
from index.lexicon.bounds import Bound, bounds
from index.lexicon.numbers import number_value, shares
from index.lexicon.people import people, roles
from index.records import Record
from index.records.events import revisit_asked
from index.records.figures import measures_named
from index.records.monitoring import CONCERN, ENGAGE, LEFT
from index.records.people import ROLE_SUBJECTS

# A question about people themselves: who they are, that they were quoted ("what did
# the inspector say" asks what was said, not who).
_ABOUT_PEOPLE = re.compile(
    r"\b(?:who|name[ds]?|naming|quot\w*|comment\w*|react\w*|welcom\w*"
    r"|respond\w*|put (?:his|her|their) name)\b",
    re.I,
)
_NUMBER = re.compile(r"[\d.]+")


@dataclass(frozen=True)
class FactRequest:
    """The records a question asks for; empty fields do not narrow."""

    kind: str  # one of index.records.KINDS
    subjects: frozenset[str] = frozenset()  # substrings of the subjects that fit
    values: frozenset[str] = frozenset()  # the values that fit (lower case)
    bound: Bound | None = None  # the bound a number or share must meet

    def selects(self, record: Record) -> bool:
        return (
            record.kind == self.kind
            and (not self.subjects or any(s in record.subject for s in self.subjects))
            and (not self.values or _plain(record.value) in self.values)
            and self._within_bound(record.value)
        )

    def carried_by(self, text: str) -> bool:
        """Whether a sentence states a fact of the kind asked (for a list's rows read from
        sentences): Engage named, the person or the role, a count or share that meets
        the bound."""
        if self.kind == "monitoring":
            return any(span.value == "Engage" for span in monitoring(text))
        if self.kind == "person":
            named = {_plain(span.value) for span in people(text)}
            if self.values:
                return bool(named & self.values)
            held = {ROLE_SUBJECTS.get(span.value) for span in roles(text)}
            return bool(held & self.subjects)  # "the PCC said": named or not
        if self.kind == "count":
            return any(
                count_what(m) in self.subjects and self._within_bound(m.group("number"))
                for m in COUNT_ITEM.finditer(text)
            )
        return measures_named(text) >= self.subjects and any(
            self._within_bound(f"{span.value}%") for span in shares(text)
        )

    def _within_bound(self, value: str) -> bool:
        if self.bound is None:
            return self.kind != "count" or value != "0"  # "which forces were given …"
        share = value.endswith("%")
        number = _NUMBER.search(value.replace(",", ""))
        amount = float(number.group()) if number else number_value(value)  # "nine"
        return amount is not None and share == self.bound.share and self.bound.holds(amount)


def read_fact_request(text: str) -> FactRequest | None:
    """The request a question makes of the facts table, or None when it makes none:
    counts, then figures, then people, then Engage."""
    for reader in (_counts, _figures, _people, _monitoring):
        request = reader(text)
        if request is not None:
            return request
    return None


def _bound(text: str, share: bool) -> Bound | None:
    found = [span.value for span in bounds(text) if span.value.share == share]
    return found[0] if found else None


def _counts(text: str) -> FactRequest | None:
    nouns = frozenset(what for pattern, what in COUNT_NOUNS if re.search(pattern, text, re.I))
    bound = _bound(text, share=False)
    if not nouns or bound is None:  # without a bound, the topic decides ("… about PACE")
        return None
    return FactRequest("count", nouns, bound=bound)


def _figures(text: str) -> FactRequest | None:
    """A figure of a known measure with a bound ("fewer than nine in ten crimes")."""
    measures = measures_named(text)
    share = "recording rate" in measures or "calls" in measures
    bound = _bound(text, share=share)
    if not measures or bound is None:
        return None
    return FactRequest("figure", measures, bound=bound)


def _people(text: str) -> FactRequest | None:
    """A named person, or a role whose holders the question is about."""
    names = frozenset(_plain(span.value) for span in people(text))
    asked = frozenset(
        ROLE_SUBJECTS[span.value] for span in roles(text) if span.value in ROLE_SUBJECTS
    )
    if names:
        return FactRequest("person", values=names)
    if asked and _ABOUT_PEOPLE.search(text):
        return FactRequest("person", asked)
    return None


# "Since what date had Kent been in Engage before it returned to Scan?" asks when the
# spell began, whatever else the question says of its end.
_SINCE_ASKED = re.compile(r"^\s*since\s+(?:when|what|which)\b", re.I)


# Moves into and out of Engage (not a cause of concern raised or closed).
ENGAGE_MOVES = FactRequest("monitoring", frozenset({ENGAGE}))


def _monitoring(text: str) -> FactRequest | None:
    if not any(span.value == "Engage" for span in monitoring(text)):
        return None
    if _SINCE_ASKED.match(text):
        return replace(ENGAGE_MOVES, values=frozenset({"entered"}))
    return replace(ENGAGE_MOVES, values=frozenset({"left"}) if LEFT.search(text) else frozenset())


def _plain(value: str) -> str:
    """A value as compared: lower case, one space, no honorific ("Sir Mark Rowley")."""
    words = value.lower().split()
    honorifics = {"sir", "dame", "dr", "mr", "mrs", "ms", "lord", "lady"}
    return " ".join(words[1:] if words and words[0] in honorifics else words)


def timeline_requests(text: str) -> list[FactRequest]:
    """The kinds of fact a trend or comparison is told by, besides grades: Engage when it
    speaks of monitoring (a return to Scan is a way out of Engage) or of causes of concern
    (raised and closed on the way), counts of the nouns it names, figures of the measures
    it names (a recording rate with the crimes left unrecorded, and the other way round),
    revisits when it asks when inspectors went back."""
    found = []
    nouns = frozenset(what for pattern, what in COUNT_NOUNS if re.search(pattern, text, re.I))
    if monitoring(text):
        found.append(FactRequest("monitoring"))
    elif "causes of concern" in nouns:
        found.append(FactRequest("monitoring", frozenset({CONCERN})))
    if nouns:
        found.append(FactRequest("count", nouns))
    measures = measures_named(text)
    if measures & {"recording rate", "unrecorded crimes"}:
        measures |= {"recording rate", "unrecorded crimes"}  # two sides of one record
    if measures:
        found.append(FactRequest("figure", measures))
    if revisit_asked(text):
        found.append(FactRequest("date", frozenset({"revisit"})))
    return found
