"""The lexicon: one recogniser per concept, each returning spans with a normalised value.

Every reader of text (metadata, grades and counts at index time; questions, evidence,
answers, claims and the evaluation) asks the lexicon what a text states instead of
holding its own pattern for years, dates, numbers, shares, money, grades, negation,
layout numbers, citation markers, roles, people, bodies, the inspectorate's monitoring,
the bounds a question puts on a quantity and a reader's words for the reports' (the
thesaurus). Patterns are data beside their tests: ``tests/lexicon/cases.tsv`` holds one
row per (concept, text, values).

>>> [str(s.value) for s in recognise(Concept.DATE, "Published 5 Aug. 2022")]
['2022-08-05']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from index.lexicon.bodies import bodies, inspectorates, monitoring, nationals
from index.lexicon.bounds import bounds
from index.lexicon.clauses import clauses
from index.lexicon.dates import dates, years
from index.lexicon.grades import grades, gradings
from index.lexicon.layout import list_items, markers, sections
from index.lexicon.negation import negations
from index.lexicon.numbers import figures, money, numbers, shares
from index.lexicon.people import people_in_roles, roles, speakers
from index.lexicon.quantities import quantities
from index.lexicon.span import Concept, Span
from index.lexicon.thesaurus import synonyms

RECOGNISERS: Mapping[Concept, Callable[[str], list[Span]]] = MappingProxyType(
    {
        Concept.YEAR: years,
        Concept.DATE: dates,
        Concept.NUMBER: numbers,
        Concept.FIGURE: figures,
        Concept.SHARE: shares,
        Concept.MONEY: money,
        Concept.QUANTITY: quantities,
        Concept.GRADE: grades,
        Concept.GRADING: gradings,
        Concept.NEGATION: negations,
        Concept.CLAUSE: clauses,
        Concept.SECTION: sections,
        Concept.LIST_ITEM: list_items,
        Concept.MARKER: markers,
        Concept.ROLE: roles,
        Concept.PERSON: people_in_roles,
        Concept.SPEAKER: speakers,
        Concept.INSPECTORATE: inspectorates,
        Concept.BODY: bodies,
        Concept.NATIONAL: nationals,
        Concept.MONITORING: monitoring,
        Concept.BOUND: bounds,
        Concept.SYNONYM: synonyms,
    }
)


def recognise(concept: Concept, text: str) -> list[Span]:
    """The spans of one concept in ``text``, in text order."""
    return RECOGNISERS[concept](text)


__all__ = ["RECOGNISERS", "Concept", "Span", "recognise"]
