"""The words of a question that name what it is about: names and service topics it
covers (key terms), the years it names, what "how many" counts, the role "who" asks for.
"""

from __future__ import annotations

import re

from index.forces import find_forces
from index.lexicon.bodies import inspectorates, monitoring
from index.lexicon.dates import MONTH_NAMES, years
from index.lexicon.people import roles
from index.lexicon.span import Span, inside
from index.text import english_stemmer
from retrieval.search.filters import CYCLE, parse_year_range

# Capitalised names and acronyms that are not at the start of the question, e.g. "Ofsted".
_NAME = re.compile(r"(?<=[\w,;:'\u2019)] )([A-Z][A-Za-z]*[a-z][A-Za-z]*|[A-Z]{2,})\b")
# Capitalised words that a question may use without naming anything specific; roles, the
# inspectorate and its monitoring are read by the lexicon (_not_topics).
_GENERIC = frozenset(
    {
        "HM",
        "PEEL",
        "Police",
        "Constabulary",
        "Service",
        "Inspectorate",
        "Majesty",
        "His",
        "Her",
        "National",
        "England",
        "Wales",
        "English",
        "Welsh",
        "I",
        "Chief",
        "Crime",
        "Report",
        "Reports",
        "Inspection",
        "Inspections",
        "UK",
        "British",
    }
)
_MONTHS = frozenset(MONTH_NAMES)
# Topic phrases that name a service other than policing.
_TOPICS = re.compile(
    r"\bfire (?:and|&) rescue\b|\bfire services?\b|\bprobation\b|\bprisons?\b"
    r"|\bchildren's services\b|\bhospitals?\b|\bschools? inspect",
    re.I,
)


def _not_topics(question: str) -> list[Span]:
    """What a question names that no report has to cover for it: roles ("the PCC", "HMI"),
    the inspectorate itself and its monitoring ("Engage", "special measures", "Scan")."""
    own = [span for span in inspectorates(question) if span.value == "HMICFRS"]
    return roles(question) + own + monitoring(question)


def key_terms(question: str) -> list[str]:
    """Names and service topics a question is about; forces are handled as forces."""
    forces_text = " ".join(find_forces(question))
    not_topics = _not_topics(question)
    names = [
        m.group(1)
        for m in _NAME.finditer(question)
        if m.group(1) not in _GENERIC
        and not inside(m.start(1), not_topics)
        and m.group(1) not in _MONTHS
        and m.group(1).lower() not in forces_text.lower()
        and not find_forces(m.group(1))
    ]
    topics = [m.group(0) for m in _TOPICS.finditer(question)]
    return list(dict.fromkeys(names + topics))


def years_named(question: str) -> list[str]:
    """Years a question names without a range or bound ("its 2024 inspection"); cycle
    labels ("PEEL 2023–2025") and years read as filters ("since 2021") are not."""
    bounds = {str(y) for y in parse_year_range(question) if y is not None}
    named = plain_years(CYCLE.sub(" ", question))
    return [y for y in dict.fromkeys(named) if y not in bounds]


def plain_years(text: str) -> list[str]:
    """The years a text names alone, not as a label ("2018/19") or a range."""
    return [span.value for span in years(text) if span.detail != "label"]


_HOW_MANY = re.compile(r"\bhow many\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?", re.I)
_NOT_COUNTED = frozenset(
    {"did", "do", "does", "was", "were", "are", "is", "had", "has", "have", "will", "would"}
    | {"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "the", "a"}
    | {"times", "more", "fewer", "people"}
)


def counted_nouns(question: str) -> tuple[str, ...]:
    """What a "how many" question counts ("how many recommendations" → recommendations),
    as stems; empty when it names nothing ("how many were there").

    >>> counted_nouns("How many senior leaders did inspectors interview?")
    ('senior', 'leader')
    """
    match = _HOW_MANY.search(question)
    if not match:
        return ()
    if match.group(1).lower() in _NOT_COUNTED:
        return ()
    nouns = [w for w in match.groups() if w and w.lower() not in _NOT_COUNTED]
    return tuple(english_stemmer().stemWords([w.lower() for w in nouns]))


def counted_name(question: str, counted: tuple[str, ...]) -> str | None:
    """The name or service a "how many" question counts, when it is one the coverage
    check looks for ("fire and rescue services"), as the question says it; None for an
    ordinary noun."""
    stemmer = english_stemmer()
    for term in key_terms(question):
        if set(stemmer.stemWords(term.lower().split())) & set(counted):
            said = re.search(re.escape(term) + r"(?:\s+[a-z]+s)?\b", question, re.I)
            return said.group(0) if said else term
    return None


_ROLE_CUE = re.compile(r"\b(?:who (?:is|was|were|are) (?:the )?|which |name (?:of )?the )", re.I)
# "Who was Kent Police's chief constable": a role after a possessive of a who-question.
_WHO = re.compile(r"\s*who\b", re.I)
_POSSESSIVE = re.compile(r"[\w)]['’]s\s+")


def role_asked(question: str) -> str | None:
    """The role whose holder a "who" question asks for ("who was the chief constable"):
    a role right after "who was the", "which" or "the name of the", or after a
    possessive when the question asks who ("who was Kent Police's chief constable")."""
    starts = {cue.end() for cue in _ROLE_CUE.finditer(question)}
    if _WHO.match(question):
        starts |= {cue.end() for cue in _POSSESSIVE.finditer(question)}
    found = [span for span in roles(question) if span.start in starts]
    return found[0].value if found else None
