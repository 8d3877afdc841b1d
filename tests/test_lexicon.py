"""The lexicon's recognisers against their table of examples (tests/lexicon/cases.tsv).

Each row: a concept, a text, and the values of every span the concept's recogniser finds
there, in order ("-" for none); a note says why the row is there (the disagreement it
fixed, the question that motivated it). Teaching the lexicon a new phrasing means adding
its row here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from index.lexicon import RECOGNISERS, Concept, Span
from index.lexicon.dates import parse_date, states_day
from index.lexicon.facts import compare_facts, stated_facts
from index.lexicon.numbers import number_value
from index.lexicon.thesaurus import expand

CASES = Path(__file__).with_name("lexicon") / "cases.tsv"


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if value == int(value) else str(value)


def shown(span: Span) -> str:
    """A span's value as the table writes it."""
    value = span.value
    if span.concept is Concept.DATE:
        return f"{value}@{span.detail}"
    if span.concept in (Concept.NUMBER, Concept.MONEY):
        return _number(value)
    if span.concept is Concept.SHARE:
        return "-".join(map(_number, value)) if isinstance(value, tuple) else _number(value)
    if span.concept is Concept.FIGURE:
        return f"{_number(value.number)} {value.noun or ' '.join(value.words)}"
    if span.concept is Concept.NEGATION:
        return f"{value}: {span.detail}"
    if span.concept is Concept.MARKER:
        return ",".join(map(str, value))
    if span.concept is Concept.BOUND:
        return str(value)
    if span.concept is Concept.SYNONYM:
        return "; ".join(value)
    return str(value)


def _rows() -> list[pytest.param]:
    rows = []
    with CASES.open(encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            if row["concept"].startswith("#"):
                continue
            text = row["text"].replace("\\n", "\n")
            rows.append(pytest.param(row["concept"], text, row["expected"], id=f"{line}"))
    return rows


@pytest.mark.parametrize(("concept", "text", "expected"), _rows())
def test_recogniser_reads_its_examples(concept: str, text: str, expected: str) -> None:
    spans = RECOGNISERS[Concept(concept)](text)
    assert (" | ".join(shown(s) for s in spans) or "-") == expected
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_the_table_covers_every_concept() -> None:
    covered = {param.values[0] for param in _rows()}
    assert covered == {c.value for c in Concept}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published 5 Aug. 2022", "2022-08-05"),
        ("Date: 05.08.2022", "2022-08-05"),
        ("2022-08-05", "2022-08-05"),
        ("August 2022", None),
        ("31/02/2022", None),
    ],
)
def test_parse_date_reads_the_first_full_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Date: 2022-11-29", True),
        ("5 Aug. 2022", True),
        ("05.08.2022", True),
        ("in the summer of 2022", False),
        ("in March 2022", False),
        ("on 16 November", True),
    ],
)
def test_states_day(text: str, day: bool) -> None:
    assert states_day(text) is day


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("thirteen", 13),
        ("twenty-one", 21),
        ("a dozen", 12),
        ("three hundred and five", 305),
        ("2,000", 2000),
        ("1.5", 1.5),
        ("no", 0),
        ("an", 1),
        ("banana", None),
    ],
)
def test_number_value(words: str, value: float | None) -> None:
    assert number_value(words) == value


def test_a_date_states_the_same_fact_whatever_its_format() -> None:
    check = compare_facts("The report was published on 5 August 2022.", "Date: 05.08.2022")
    assert check.agrees and [f.value for f in check.matching] == ["2022-08-05"]


def test_a_number_in_words_states_the_same_fact_as_digits() -> None:
    check = compare_facts("It made thirty recommendations.", "The report made 30 recommendations.")
    assert check.agrees


def test_a_different_day_is_a_different_fact() -> None:
    check = compare_facts("It was published on 5 August 2022.", "It was published 6 August 2022.")
    assert [(mine.value, theirs.value) for mine, theirs in check.differing] == [
        ("2022-08-05", "2022-08-06")
    ]


def test_a_year_or_month_is_stated_by_a_date_in_it() -> None:
    assert compare_facts("It was published in 2022.", "Published 05.08.2022").agrees
    assert compare_facts("It was published in August.", "Published 5 August 2022").agrees


def test_a_full_date_is_one_fact() -> None:
    facts = [(f.kind.value, f.value) for f in stated_facts("Published on 5 August 2022.")]
    assert facts == [("date", "2022-08-05")]


def test_a_query_in_a_readers_words_is_expanded_by_the_reports_words() -> None:
    question = "Were youngsters taken into custody in Notts?"
    assert expand(question) == (
        f"{question} children young people arrested arrest Nottinghamshire Police"
    )


def test_a_query_in_the_reports_words_is_left_alone() -> None:
    question = "How many children were arrested by Nottinghamshire Police?"
    assert expand(question) == question


def test_expansion_adds_only_the_words_not_already_said() -> None:
    assert expand("Does violence at home count as domestic abuse?") == (
        "Does violence at home count as domestic abuse?"
    )
    assert expand("How do officers film with bodycams on video?") == (
        "How do officers film with bodycams on video? body-worn video"
    )


def test_a_force_named_without_its_place_adds_its_canonical_name() -> None:
    assert expand("How did the Met and GMP do?") == (
        "How did the Met and GMP do? Metropolitan Police Service Greater Manchester Police"
    )
    assert expand("How did Kent's call handling do?") == "How did Kent's call handling do?"
