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
from index.lexicon.clauses import statements
from index.lexicon.compare import compare_facts
from index.lexicon.dates import parse_date, states_day
from index.lexicon.facts import TIMES, Fact, names_time, stated_facts
from index.lexicon.grades import grade_profile
from index.lexicon.numbers import number_value
from index.lexicon.series import names_edition, titled_year
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
    if span.concept in (Concept.PERSON, Concept.SPEAKER) and span.detail:
        return f"{value} ({span.detail})"
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


# -- comparing a sentence with a passage: the readings issue 23 asked for ------------------
def _compared(claim: str, passage: str, background: str = "") -> tuple[list[str], list[str]]:
    check = compare_facts(claim, passage, background, both_ways=True)
    differing = [
        f"{mine.kind.value}: {mine.text} / {theirs.text}" for mine, theirs in check.differing
    ]
    return differing, [f"{f.kind.value}: {f.text}" for f in check.absent]


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        # an inflected grade is the same grade
        (
            "In 2016 Exampleshire Police required improvement in efficiency.",
            "Efficiency: requires improvement. Published 2016.",
        ),
        # a negation outside the claim's statement does not count
        (
            "In 2014 Kent Police was judged to require improvement in efficiency.",
            "Kent Police was graded as requiring improvement for efficiency in 2014; nationally "
            "four forces were outstanding and none was inadequate.",
        ),
        (
            "The force identifies vulnerable people well.",
            "It identifies vulnerable people well but does not always record a risk assessment.",
        ),
        (
            "Nine forces were inspected for the fraud report.",
            "Five of the 9 forces inspected could not give basic figures for the fraud report.",
        ),
        # a negation that says the same: "short of" is "not enough", "refused" is "not granted"
        (
            "The force was short of trained detectives.",
            "The force did not have enough trained detectives.",
        ),
        (
            "The panel would have refused the licence.",
            "The panel would not have granted the licence.",
        ),
        # one share written two ways, a duration by its words
        ("A fifth of crimes went unrecorded.", "About 20 percent of crimes went unrecorded."),
        (
            "The force was given six months to improve.",
            "The force has a six-month deadline to improve.",
        ),
        # a name given a role in either order
        (
            "HM Inspector Jane Doe praised the force.",
            "Jane Doe, HM Inspector of Constabulary, praised the force.",
        ),
        # a length of time the passage's dates span, or the claim's own
        (
            "The unit ran under interim management for almost two years.",
            "The unit was put under interim management in March 2019 and left it in February 2021.",
        ),
        (
            "The prison spent three years under review after it was rated inadequate in 2012.",
            "The prison was rated inadequate in 2012 and stayed under review until 2015.",
        ),
        (
            "The chief constable served for about six years, from 2010 until 2016.",
            "The chief constable took office in 2010 and retired in 2016.",
        ),
        # a denial the passage's statement does not speak of
        (
            "The report listed three weaknesses of the unit after a visit in May, among them "
            "that it lacked enough staff to handle fraud.",
            "The report listed three weaknesses of the unit after a visit in May.",
        ),
        # tallies of grades in another order
        (
            "Kent Police was graded adequate in three and good in four of seven areas.",
            "Kent Police was graded in seven areas: good in four and adequate in three.",
        ),
        # a time taken from the clause before
        (
            "In 2014 the force required improvement for efficiency.",
            "In 2014, the force was rated good for legitimacy and requires improvement for "
            "efficiency.",
        ),
    ],
)
def test_a_paraphrase_states_the_same_facts(claim: str, passage: str) -> None:
    assert _compared(claim, passage) == ([], [])


def test_a_time_the_statement_is_compared_with_is_not_its_own() -> None:
    claim = "In 2021 the force solved 15% of burglaries."
    passage = "The force solved 15% of burglaries, 4% more than in 2019."
    assert _compared(claim, passage, "Burglary inspection 2021") == ([], [])
    assert _compared(
        "The force solved 15% of burglaries in 2019.",
        "The force solved 15% of burglaries in 2021, up from 11% in 2019.",
    )[0] == ["year: 2019 / 2021"]
    # a change since a time: the time is the comparison's, not the figure's
    since = "The solved rate fell to 15% of burglaries, a drop of 4 percentage points since 2019."
    assert _compared("In 2019 the force solved 15% of burglaries.", since, "") == (
        [],
        ["year: 2019"],
    )


def test_a_nearby_sentence_adds_no_time_it_gives_another_figure() -> None:
    claim, passage = "In 2019 the force solved 15% of burglaries.", "It solved 15% of burglaries."
    other = compare_facts(
        claim, passage, nearby="In 2019 it solved 11% of thefts, and it hired staff."
    )
    assert [f.text for f in other.absent] == ["2019"]
    same = compare_facts(claim, passage, nearby="In 2019 inspectors visited, and they met staff.")
    assert not same.absent and not same.differing


@pytest.mark.parametrize(
    ("claim", "passage", "differing"),
    [
        # facts of two statements are not joined
        (
            "The force was rated inadequate in 2018.",
            "The force had been rated inadequate in 2015 and remained in special measures "
            "until 2018.",
            ["year: 2018 / 2015"],
        ),
        (
            "In its January 2017 inspection, practice was good in 53 per cent of audited cases.",
            "Practice was good in 53 per cent of audited cases, against only 29 per cent in the "
            "inspection of January 2017.",
            ["share: 53 per cent / 29 per cent"],
        ),
        # a different name in the same role
        (
            "Chief Constable Ann Smith welcomed the report.",
            "Chief Constable Bob Jones welcomed the report.",
            ["who: Ann Smith / Bob Jones"],
        ),
        # another person saying the statement
        (
            "Chief Constable Ann Smith said 40 officers had joined that year.",
            "According to Mr Jones, 40 officers had joined that year.",
            ["who: Ann Smith / Jones"],
        ),
        (
            "Jane Doe was the HM Inspector who praised the force.",
            "John Roe, HM Inspector of Constabulary, praised the force.",
            ["who: Jane Doe / John Roe"],
        ),
        # a negation governing the statement
        (
            "Warwickshire Police was among the five forces inspected for the report on "
            "rural crime.",
            "Warwickshire Police was not among the five forces inspected.",
            ["negation: not / "],
        ),
        # a multiple is compared with a multiple
        (
            "Black people were six times as likely to be searched.",
            "Black people were three times as likely to be searched.",
            ["number: six times / three times"],
        ),
        (  # a place in a series, asides in brackets aside
            "It was HMIC's fifth PEEL assessment of the force.",
            "This is HMIC's fourth PEEL (police effectiveness, efficiency and legitimacy)"
            " assessment of the force.",
            ["number: fifth / fourth"],
        ),
        (  # a grade's tally goes with its grade
            "The inspectorate rated Kent Police good in four and adequate in three of seven areas.",
            "The inspectorate rated the force in seven areas: good in three and adequate in four.",
            ["number: four / three", "number: three / four"],
        ),
        (  # an item of a list naming another thing is not the claim's
            "The Ashford team had 12 detectives.",
            "Teams: Dover, 12 detectives; Ashford, 20 detectives.",
            ["number: 12 / 20"],
        ),
        (  # a place whose noun is left out counts what came before it
            "Kent Police's 2019 inspection was the inspectorate's third for the force.",
            "This is the inspectorate's second PEEL inspection of Kent Police.",
            ["number: third / second"],
        ),
    ],
)
def test_a_fact_of_another_statement_or_person_differs(
    claim: str, passage: str, differing: list[str]
) -> None:
    assert _compared(claim, passage)[0] == differing


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        ("The inspection lasted two years.", "The report was published on 21 May 2023."),
        ("It answered 95 per cent of calls.", "It answered 95 calls a day."),
        ("Inspectors visited for 12 days.", "Inspectors made 12 recommendations."),
        ("It was the second inspection of the force.", "Inspectors made 2 recommendations."),
    ],
)
def test_quantities_of_different_kinds_are_not_compared(claim: str, passage: str) -> None:
    assert not _compared(claim, passage)[0]


def test_a_length_of_time_of_something_else_is_not_compared() -> None:
    claim = "He had led the force for nearly five years when he retired."
    passage = "The merger of the two forces was delayed by 12 months because of the pandemic."
    assert not _compared(claim, passage)[0]
    assert _compared("The inquiry lasted four years.", "The inquiry lasted 12 months.")[0] == [
        "duration: four years / 12 months"
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # issue 23: a claim joining two statements is checked one statement at a time
        (
            "West Midlands Police was graded good in 2022, and the force then opened two suites.",
            [
                "West Midlands Police was graded good in 2022",
                "and the force then opened two suites.",
            ],
        ),
        (
            "Cleveland was graded inadequate in 2019 and the force entered Engage in 2019.",
            ["Cleveland was graded inadequate in 2019", "and the force entered Engage in 2019."],
        ),
        (
            "Kent Police was graded good for efficiency in 2019, though its support for "
            "victims required improvement.",
            [
                "Kent Police was graded good for efficiency in 2019",
                "though its support for victims required improvement.",
            ],
        ),
        # one statement: "and" joins two things, two years, or sits inside a force's name
        (
            "The force was good at preventing crime and anti-social behaviour in 2022.",
            ["The force was good at preventing crime and anti-social behaviour in 2022."],
        ),
        (
            "It was rated inadequate in 2015 and 2016.",
            ["It was rated inadequate in 2015 and 2016."],
        ),
        (
            "Bedfordshire and Hertfordshire were inspected in 2021.",
            ["Bedfordshire and Hertfordshire were inspected in 2021."],
        ),
        # nor inside a quantity ("one and a half years")
        (
            "Kent was monitored for one and a half years, from May 2020 to November 2021.",
            ["Kent was monitored for one and a half years, from May 2020 to November 2021."],
        ),
    ],
)
def test_a_claims_statements_are_read_one_by_one(sentence: str, expected: list[str]) -> None:
    assert statements(sentence) == expected


@pytest.mark.parametrize(
    ("claim", "passage"),
    [
        (
            "The unit ran under interim management for four years.",
            "The unit was put under interim management in March 2019 and left it in February 2021.",
        ),
        (
            "The prison spent two years under review after it was rated inadequate in 2012.",
            "The prison was rated inadequate in 2012 and stayed under review until 2015.",
        ),
        (  # one time within another spans nothing
            "Officers answered the call within ten seconds in 2022.",
            "Officers answered the call in September 2022.",
        ),
    ],
)
def test_a_length_of_time_no_two_dates_span_is_not_stated(claim: str, passage: str) -> None:
    differing, absent = _compared(claim, passage)
    assert not differing
    assert [a for a in absent if a.startswith("duration:")]


@pytest.mark.parametrize(
    ("text", "grades"),
    [
        ("The team offers a good service to local schools.", []),
        ("It is an outstanding example of joint working.", []),
        ("Inspectors found good practice in most teams.", []),
        ("It has good relationships with schools.", []),
        ("Practice was good in 40 per cent of the cases examined.", []),
        ("The force was judged outstanding last year.", ["outstanding"]),
        ("The force received a good grade overall.", ["good"]),
        ("It was rated as an outstanding force.", ["outstanding"]),
        ("It was graded good at preventing crime.", ["good"]),
    ],
)
def test_a_grade_word_describing_a_thing_gives_no_grade(text: str, grades: list[str]) -> None:
    assert [f.value for f in stated_facts(text) if f.kind is Fact.GRADE] == grades


def test_a_sentence_nearby_counting_a_grade_otherwise_adds_no_count() -> None:
    check = compare_facts(
        "Kent Police was graded good in four and adequate in three of seven areas.",
        "Kent Police has good relationships with its partners in seven areas.",
        nearby="It was graded in seven areas: good in three and adequate in four.",
    )
    assert [f.text for f in check.absent] == ["four", "three"]


def test_a_figure_goes_with_the_statement_nearby_that_speaks_of_what_it_counts() -> None:
    check = compare_facts(
        "In Kent, 30 per cent of burglaries involving repeat victims were solved.",
        "Last year 30 per cent of burglaries in the county were solved.",
        nearby="For repeat victims of burglary, the figure was 40 per cent.",
    )
    assert [(mine.text, theirs.text) for mine, theirs in check.differing] == [
        ("30 per cent", "40 per cent")
    ]
    unqualified = compare_facts(
        "In Kent, 30 per cent of burglaries were solved.",
        "Last year 30 per cent of burglaries in the county were solved.",
        nearby="For repeat victims of burglary, the figure was 40 per cent.",
    )
    assert not unqualified.differing


def test_a_place_the_passage_does_not_give_describes_and_is_not_missing() -> None:
    check = compare_facts(
        "Gwent Police's first PEEL assessment came out in November 2014.",
        "The PEEL assessment of Gwent Police was published on 27 November 2014.",
    )
    assert check.agrees


EDITION = "Annual Review of Roads Policing in England and Wales 2022"


@pytest.mark.parametrize(
    ("claim", "differing"),
    [
        # issue 23: a year after the series' name is the edition's, not the publication's
        ("The Roads Policing 2023 review was the first by Jane Doe.", ("2023", "2022")),
        ("The Roads Policing 2022 review was the first by Jane Doe.", None),
        ("In 2023 the roads policing review was the first by Jane Doe.", None),
        ("Kent Police's roads improved in 2023.", None),
    ],
)
def test_a_year_after_a_series_name_is_its_editions(claim, differing):
    found = titled_year(claim, EDITION)
    assert ((found[0].text, found[1].text) if found else None) == differing


def test_a_passage_naming_the_edition_itself_is_of_that_edition():
    year = titled_year("The Roads Policing 2023 review said so.", EDITION)[0]
    assert names_edition("As Roads Policing 2023 says, it was so.", year, EDITION)
    assert not names_edition("It was published on 9 June 2023.", year, EDITION)


def test_a_figure_of_a_part_does_not_state_the_figure_of_the_whole():
    """Issue 23: "80 per cent of these crimes" (violent crimes, named before) is no figure
    of all crime."""
    part = "Violence was worse: 80 per cent (give or take 4.5 per cent) of these crimes were kept."
    assert _compared("The force kept 80 per cent of all crime.", part) == (
        [],
        ["share: 80 per cent"],
    )
    assert _compared("The force kept 80 per cent of violent crimes.", part) == ([], [])


# --- grade profiles: how many areas a report graded, and each grade's tally ----------------


@pytest.mark.parametrize(
    ("sentence", "areas", "tallies"),
    [
        (
            "Inspectors graded the force in seven areas of policing and found it good in "
            "three, adequate in two and **inadequate** in two.",
            7,
            {"good": 3, "adequate": 2, "inadequate": 2},
        ),
        ("The inspectorate graded Kent Police across 11 areas.", 11, {}),
        (  # the tallies' sum when no whole is stated
            "Kent Police was graded outstanding in two areas, good in five and adequate in one.",
            8,
            {"outstanding": 2, "good": 5, "adequate": 1},
        ),
        (
            "The force received some of the best grades of any force: four 'outstanding' and "
            "three 'good'.",
            7,
            {"outstanding": 4, "good": 3},
        ),
        ("Its last inspection rated it inadequate in four of ten areas.", 10, {"inadequate": 4}),
        (  # assessed in more areas than it graded
            "The inspectorate assessed the force in twelve areas and made graded judgments in 11.",
            11,
            {},
        ),
        # no profile: one tally, other things counted, some areas only, no grading
        ("The force was graded inadequate in two areas.", None, None),
        ("The force reached the top grade in five areas.", None, None),
        ("Inspectors reviewed 50 cases, rating 20 good and 30 inadequate.", None, None),
        ("The remaining six graded areas were judged good in four, adequate in two.", None, None),
        ("Officers work in nine areas of the county: good in two, poor in seven.", None, None),
    ],
)
def test_a_grade_profile_counts_the_areas_a_report_graded(
    sentence: str, areas: int | None, tallies: dict[str, int] | None
) -> None:
    profile = grade_profile(sentence)
    if areas is None:
        assert profile is None
        return
    assert profile is not None
    assert (profile.areas, dict(profile.tallies)) == (areas, tallies)


@pytest.mark.parametrize(
    ("claimed", "stated", "named"),
    [
        ("released on 2 March", "on 2 March 2017", True),
        ("released on 2 March", "in March 2017", False),  # the day is not given
        ("released on 2 March", "in 2017", False),
        ("in March 2017", "on 2 March 2017", True),
        ("in 2017", "the 2016/17 inspection", True),
    ],
)
def test_a_time_is_named_only_by_a_statement_giving_each_of_its_parts(
    claimed: str, stated: str, named: bool
) -> None:
    (mine,) = [f for f in stated_facts(claimed) if f.kind in TIMES]
    theirs = [f for f in stated_facts(stated) if f.kind in TIMES]
    assert any(names_time(mine, f) for f in theirs) is named
