"""A year that names a report of a series by its title: "the State of Policing 2023
report" is the edition whose title says 2023, whenever it was published (the 2022
edition came out in 2023). The year is read as the title's when the words right before
it are words of that title."""

from __future__ import annotations

from functools import lru_cache

from index.lexicon.facts import TIMES, Fact, StatedFact, compatible, content_words, stated_facts

TITLE_WORDS = 2  # content words right before the year that the title must hold


def _named(text: str, fact: StatedFact, words: set[str]) -> bool:
    before = content_words(text[: fact.start])[-TITLE_WORDS:]
    return len(before) == TITLE_WORDS and set(before) <= words


def names_edition(text: str, year: StatedFact, title: str) -> bool:
    """Whether ``text`` names the edition of ``year`` the way the claim does, by the
    title's words and the year ("in State of Policing 2023"), not merely the year
    ("published on 9 June 2023")."""
    words = set(content_words(title))
    return any(
        f.kind is Fact.YEAR and compatible(year, f) and _named(text, f, words)
        for f in stated_facts(text)
    )


@lru_cache(maxsize=1024)
def titled_year(claim: str, title: str) -> tuple[StatedFact, StatedFact] | None:
    """The claim's year naming a report by ``title``'s words, against the year that
    title gives, when the two differ; else None (read once per claim and report: a
    claim is set against several passages of each)."""
    years = [f for f in stated_facts(title) if f.kind in TIMES]
    if not years:
        return None
    words = set(content_words(title))
    for fact in stated_facts(claim):
        if fact.kind is not Fact.YEAR or fact.start < 0:
            continue
        if _named(claim, fact, words) and not any(compatible(fact, year) for year in years):
            return fact, years[0]
    return None
