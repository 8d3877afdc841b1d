"""Answers that read the facts table (issue 22 item 3): what a question asks of it, a list
that is the union of table rows and sentences, and a trend told as a dated timeline."""

from __future__ import annotations

import pytest

from index.types import Answer, Citation, DocumentMeta, Kind, RefusalReason, TableRow
from retrieval.answer.cite import CitationBook, check_answer
from retrieval.answer.lists import union
from retrieval.answer.timeline import Entry, timeline_groups, write_line
from retrieval.question.fact_request import read_fact_request, timeline_requests
from retrieval.question.grade_request import record_request

# --- what a question asks of the table ----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "Which forces were handed more than eight recommendations in one inspection?",
            ("count", {"recommendations"}, set(), "> 8"),
        ),
        (
            "Which forces came out of an inspection with 15 or more areas for improvement?",
            ("count", {"areas for improvement"}, set(), ">= 15"),
        ),
        (
            "Which forces were caught recording fewer than nine in every ten crimes?",
            ("figure", {"recording rate"}, set(), "< 90%"),
        ),
        (
            "Which forces' chief constables are named in the reports?",
            ("person", {"chief constable"}, set(), "None"),
        ),
        (
            "Which forces has HMI Roy Wilsher reported on?",
            ("person", set(), {"roy wilsher"}, "None"),
        ),
        (  # moves into and out of Engage, not causes of concern raised or closed
            "Which forces were put into special measures?",
            ("monitoring", {"engage"}, set(), "None"),
        ),
        ("Which forces have come out of Engage?", ("monitoring", {"engage"}, {"left"}, "None")),
        (  # when the spell began, whatever the question says of its end
            "Since what date had Kent Police been in Engage before it returned to Scan?",
            ("monitoring", {"engage"}, {"entered"}, "None"),
        ),
    ],
)
def test_what_a_list_question_asks_of_the_facts_table(question: str, expected: tuple) -> None:
    request = read_fact_request(question)
    assert request is not None
    found = (request.kind, set(request.subjects), set(request.values), str(request.bound))
    assert found == expected


@pytest.mark.parametrize(
    "question",
    [
        "Which forces' custody inspections raised a cause of concern about PACE?",  # a topic
        "How did Greater Manchester Police's grades change?",  # a force is no person
        "Which forces lack specialist detectives?",
        "What did the inspector say about custody in Kent?",  # a role, not about its holder
    ],
)
def test_questions_the_facts_table_does_not_answer(question: str) -> None:
    assert read_fact_request(question) is None


def test_a_sentence_carries_the_asked_fact_only_within_the_bound() -> None:
    more = read_fact_request("Which forces were given more than eight recommendations?")
    assert more is not None
    assert more.carried_by("The report made nine recommendations.")
    assert not more.carried_by("The report made eight recommendations.")
    assert not more.carried_by("It identified nine areas for improvement.")
    rate = read_fact_request("Which forces recorded fewer than nine in ten crimes?")
    assert rate is not None
    assert rate.carried_by("The force recorded 83.6 percent of reported crimes.")
    assert not rate.carried_by("The force recorded 96.6 percent of reported crimes.")


def test_a_trend_is_told_by_the_kinds_of_fact_it_names() -> None:
    kinds = {
        r.kind
        for r in timeline_requests(
            "Trace GMP's crime-recording record up to the report that put it in special measures."
        )
    }
    assert kinds == {"figure", "monitoring"}
    assert timeline_requests("How did Kent's neighbourhood policing change?") == []
    revisits = timeline_requests("When did inspectors go back to Kent and to Essex?")
    assert [(r.kind, set(r.subjects)) for r in revisits] == [("date", {"revisit"})]
    # crimes left unrecorded and the recording rate are two sides of one record
    unrecorded = timeline_requests("How many crimes did Kent and Essex leave unrecorded?")
    assert [(r.kind, set(r.subjects)) for r in unrecorded] == [
        ("figure", {"recording rate", "unrecorded crimes"})
    ]
    # a return to Scan is a way out of Engage: the spell is told, causes of concern too
    scan = timeline_requests("How did Kent get back to Scan?")
    assert [(r.kind, set(r.subjects)) for r in scan] == [("monitoring", set())]
    concerns = timeline_requests("Walk me through Kent's causes of concern.")
    assert {(r.kind, frozenset(r.subjects)) for r in concerns} == {
        ("count", frozenset({"causes of concern"})),
        ("monitoring", frozenset({"cause of concern"})),
    }


# --- a list: the tables' rows, then the forces only sentences name ---------------------------

TEXT = "Kent made 12 recommendations. Essex made nine. Surrey made ten recommendations."


def _meta(doc: str, force: str) -> DocumentMeta:
    return DocumentMeta(doc, f"{doc}.md", f"Report on {force}", (force,))


def _cited(n: int, doc: str, force: str, start: int, end: int) -> tuple[TableRow, Citation]:
    citation = Citation(n, _meta(doc, force), TEXT[start:end], start, end)
    return TableRow(force, TEXT[start:end], (n,), title=f"Report on {force}"), citation


def test_a_list_is_the_union_of_table_rows_and_sentence_rows_one_per_force() -> None:
    kent, kent_c = _cited(1, "a", "Kent Police", 0, 29)
    table = Answer("q", Kind.AGGREGATE, "", table=[kent], citations=[kent_c])
    surrey, surrey_c = _cited(1, "c", "Surrey Police", 46, 77)
    again, again_c = _cited(2, "a", "Kent Police", 0, 29)
    essex, essex_c = _cited(3, "b", "Essex Police", 30, 45)
    sentences = Answer(
        "q",
        Kind.AGGREGATE,
        "",
        table=[surrey, again, essex],
        citations=[surrey_c, again_c, essex_c],
    )
    merged = union(table, sentences)
    assert [(r.force, r.citations) for r in merged.table] == [
        ("Essex Police", (1,)),
        ("Kent Police", (2,)),  # the table's row, kept
        ("Surrey Police", (3,)),
    ]
    assert merged.answer == (
        "3 forces in the indexed reports: Essex Police [1], Kent Police [2], Surrey Police [3]."
    )
    assert check_answer(merged, lambda _: TEXT) is merged  # every quote verbatim, every [n] defined


# --- a timeline ------------------------------------------------------------------------------


def test_timeline_lines_group_a_cycle_of_grades_and_put_the_undated_last() -> None:
    meta = _meta("a", "Kent Police")
    text = "Investigating crime: good. Responding: inadequate. Kent left Engage in May 2024."

    def cite(start: int, end: int) -> Citation:
        return Citation(0, meta, text[start:end], start, end)

    entries = [
        Entry("Kent Police", "", cite(0, 26), "good", "investigating crime", None),
        Entry("Kent Police", "2022", cite(27, 50), "inadequate", "responding", "PEEL 2021/22"),
        Entry("Kent Police", "2022", cite(0, 26), "good", "investigating crime", "PEEL 2021/22"),
        Entry("Kent Police", "2024-05", cite(51, 82)),
    ]
    book = CitationBook(lambda _: text)
    ordered = sorted(timeline_groups(entries, by_force=False), key=lambda g: g[0])
    lines = [line.text for _, group in ordered if (line := write_line(group, book))]
    assert lines == [
        "PEEL 2021/22, Kent Police: responding inadequate [1]; investigating crime good [2].",
        "2024-05, Kent Police: Kent left Engage in May 2024. [3]",
        "Cycle unknown, Kent Police: investigating crime good [2].",
    ]


def test_when_a_force_entered_engage_is_told_by_each_date_the_sources_give() -> None:
    """Issue 22 item 3: the table's dates, the most precise statement of each; a year
    that a day falls in says nothing more; two dates are said to differ."""
    from index.records import Record
    from retrieval.facts.answers import dates_answer
    from retrieval.facts.table import FactRow

    texts = {
        "letter": "Kent Police was moved into Engage on 6 July 2022.",
        "release": "Kent Police entered Engage in June 2022.",
        "annual": "Kent Police was placed in Engage in 2022.",
    }

    def row(doc: str, when: str, value: str = "entered") -> FactRow:
        meta = DocumentMeta(doc_id=doc, source=f"{doc}.md", title=doc, forces=("Kent Police",))
        quote = texts[doc]
        record = Record(
            doc, "Kent Police", "monitoring", "engage", value, when, 0, len(quote), quote
        )
        return FactRow(record, meta)

    rows = [row("annual", "2022"), row("release", "2022-06"), row("letter", "2022-07-06")]
    request = read_fact_request("When was Kent Police moved into Engage?")
    answer = dates_answer(
        "When was Kent Police moved into Engage?", request, "Kent Police", rows, texts.get
    )
    assert answer is not None and [c.meta.doc_id for c in answer.citations] == ["letter", "release"]
    assert answer.notes == [
        "The sources give different dates: [1] says 6 July 2022, [2] says June 2022."
    ]
    left = read_fact_request("When did Kent Police leave Engage?")
    assert (
        dates_answer("When did Kent Police leave Engage?", left, "Kent Police", rows, texts.get)
        is None
    )


# --- on the sample corpus --------------------------------------------------------------------


def test_a_bounded_count_list_comes_from_the_facts_table(qa) -> None:
    answer = qa.ask("Which forces were handed more than eight recommendations in one inspection?")
    forces = {row.force for row in answer.table}
    assert {"Derbyshire Constabulary", "Wiltshire Police", "Greater Manchester Police"} <= forces
    assert "Warwickshire Police" not in forces  # exactly eight
    assert any("facts the reports state" in note for note in answer.notes)


def test_a_spell_in_engage_is_told_from_entry_to_exit_oldest_first(qa) -> None:
    answer = qa.ask("How long did Cleveland spend in Engage before it got out?")
    assert answer.kind is Kind.TREND and not answer.refused
    lines = answer.answer.splitlines()
    entered = next(i for i, line in enumerate(lines) if "placed in Engage in 2019" in line)
    left = next(i for i, line in enumerate(lines) if "left Engage in September 2023" in line)
    assert entered < left
    assert all(row.force == "Cleveland Police" for row in answer.table)


def test_a_spell_is_told_by_its_causes_of_concern_raised_on_the_way(qa) -> None:
    """Entry, each dated cause of concern, the revisit and the exit, oldest first."""
    answer = qa.ask(
        "Nottinghamshire Police went into Engage in 2024: which causes of concern came up "
        "before it left Engage?"
    )
    assert answer.kind is Kind.TREND and not answer.refused
    text = answer.answer
    said = ["11 March 2024", "11 July 2024", "22 May 2025"]
    assert all(date in text for date in said)
    assert [text.index(date) for date in said] == sorted(text.index(date) for date in said)


def test_a_record_of_grades_is_told_with_each_report_s_grade_profile(qa) -> None:
    """Beside the grades the table holds, how many areas the report graded, as a dated
    line of the timeline (the grades alone leave out the areas the table lacks)."""
    answer = qa.ask(
        "How did Avon and Somerset Constabulary's grades change between PEEL 2021/22 and "
        "PEEL 2023-2025?"
    )
    assert answer.kind is Kind.TREND and not answer.refused
    lines = answer.answer.splitlines()
    profile = "2025, Avon and Somerset Constabulary: Inspectors graded the constabulary in eight"
    assert any(line.startswith(profile) for line in lines), lines
    assert lines.index(next(line for line in lines if line.startswith(profile))) == len(lines) - 1


def test_a_spell_in_engage_no_report_states_is_refused_as_not_stated(qa) -> None:
    """The facts table holds every force's Engage entries and exits: a force that never
    had one is not answered with another force's date."""
    refused = qa.ask("When was Kent Police moved into Engage?")
    assert refused.refused and refused.refusal.reason is RefusalReason.FACT_NOT_STATED
    assert "Kent Police was in Engage" in refused.answer
    answered = qa.ask("When was Staffordshire Police moved into Engage?")
    assert not answered.refused and "6 July 2022" in answered.answer
    both = qa.ask("When was Staffordshire Police moved into Engage and what were the causes?")
    assert not any("facts the reports state" in note for note in both.notes)  # sentences say why
    left = qa.ask("When did Staffordshire Police leave Engage?")
    assert not left.refused and "May 2024" in left.answer
    assert all(
        c.meta.forces == ("Staffordshire Police",) or "Staffordshire" in c.quote
        for c in left.citations
    )


def test_a_record_named_by_cycle_is_compared_at_it_and_traced_through_it() -> None:
    """ "Compare the 2018/19 PEEL results of A and B" is told by that cycle's grades; a trend
    "through to its 2021/22 inspection" by every cycle up to it."""
    compare = record_request(
        "Compare the 2018/19 PEEL results of Kent Police and Essex Police.",
        Kind.COMPARE,
        ("Kent Police", "Essex Police"),
    )
    trend = record_request(
        "Trace how Kent Police's PEEL results changed through to its 2021/22 inspection.",
        Kind.TREND,
        ("Kent Police",),
    )
    assert compare.cycles == ("PEEL 2018/19",) and trend.cycles == ()


def test_a_round_up_of_several_forces_lists_each_sentence_under_its_own_force() -> None:
    """A page on four PEEL reports: a sentence about one force is that force's row alone;
    a sentence naming none falls back to its section's heading."""
    from index.types import Chunk, Hit
    from retrieval.answer.evidence import Evidence
    from retrieval.answer.lists import aggregate
    from retrieval.config import AnswerConfig
    from retrieval.question.reading import read_question

    text = "Kent Police was praised for its custody. Its cells were clean."
    forces = ("Kent Police", "Essex Police", "Surrey Police", "Sussex Police")
    meta = DocumentMeta("r", "r.md", "Four PEEL reports", forces)
    chunk = Chunk("r:0", "r", 0, text, 0, len(text), section="Essex Police")
    hit = Hit(chunk, meta, 1.0)
    first, second = text[:40], text[41:]
    evidence = [
        Evidence(hit, 0, 40, first, 0.9, 0.9, 0.5),
        Evidence(hit, 41, len(text), second, 0.8, 0.8, 0.5),
    ]
    question = read_question("Which forces keep clean custody cells?")
    answer = aggregate(question, evidence, lambda _: text, AnswerConfig())
    assert answer is not None
    assert [(row.force, row.text) for row in answer.table] == [
        ("Essex Police", second),
        ("Kent Police", first),
    ]
