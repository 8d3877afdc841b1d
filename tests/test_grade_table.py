"""The grades table: stored with the index, listed by `reportqa grades`, answering grade
questions, with conflicts flagged."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
from functools import partial
from pathlib import Path

import fixtures_cli
import pytest

from evaluation.grades import load_gold, score_grades
from index.grades import Judgement
from index.manifest import Manifest
from index.types import DocumentMeta, Kind
from retrieval.grades.answers import answer_from_grades, sentence_states, ungraded_areas
from retrieval.grades.table import COLUMNS, GradeQuery, flag_conflicts, grade_table
from retrieval.question.grade_request import grade_request

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "eval" / "grades.csv"


run_cli = partial(fixtures_cli.run_cli, timeout=300)


# --- pure logic: conflicts, queries, answers -------------------------------------------------

TEXT = "Kent was graded good at investigating crime. Kent was graded inadequate at it."
KENT_A = DocumentMeta(
    "kent-a", "a.md", "PEEL 2021/22 – Kent", ("Kent Police",), "PEEL inspection", "2022-05-01"
)
KENT_B = DocumentMeta(
    "kent-b", "b.md", "State of Policing 2022", ("National",), "State of Policing", "2023-06-01"
)
DOCS = {"kent-a": KENT_A, "kent-b": KENT_B}


def judgement(
    doc_id: str, grade: str, start: int, end: int, cycle: str = "PEEL 2021/22"
) -> Judgement:
    return Judgement(
        doc_id, "Kent Police", "investigating crime", grade, cycle, start, end, TEXT[start:end]
    )


GOOD = judgement("kent-a", "good", 0, 44)
INADEQUATE = judgement("kent-b", "inadequate", 45, 78)


def test_two_reports_giving_different_grades_for_one_cycle_are_both_listed_and_flagged():
    table = grade_table([GOOD, INADEQUATE], DOCS, lambda _: TEXT)
    assert [(r.grade, r.conflict) for r in table.rows] == [("good", True), ("inadequate", True)]


def test_different_cycles_or_the_same_grade_are_not_a_conflict():
    later = judgement("kent-b", "inadequate", 45, 78, cycle="PEEL 2023–2025")
    again = judgement("kent-b", "good", 45, 78)
    assert not any(r.conflict for r in grade_table([GOOD, later], DOCS, lambda _: TEXT).rows)
    assert not any(
        r.conflict
        for r in flag_conflicts(list(grade_table([GOOD, again], DOCS, lambda _: TEXT).rows))
    )


def test_a_quote_that_no_longer_matches_its_text_is_left_out_and_counted():
    table = grade_table([GOOD, INADEQUATE], DOCS, lambda d: TEXT if d == "kent-a" else "changed")
    assert [r.meta.doc_id for r in table.rows] == ["kent-a"] and table.unverified == 1


def test_queries_take_names_people_type_and_refuse_unknown_ones():
    query = GradeQuery.from_options(["kent"], ["Investigating offending"], "Inadequate", 2023)
    assert query.forces == ("Kent Police",) and query.areas == ("investigating crime",)
    assert query.grade == "inadequate" and query.since == 2023
    table = grade_table([GOOD, INADEQUATE], DOCS, lambda _: TEXT, query)
    assert [r.meta.doc_id for r in table.rows] == ["kent-b"]
    for bad in ({"areas": ["custody suites"]}, {"grade": "superb"}, {"forces": ["Atlantis"]}):
        with pytest.raises(Exception, match="unknown"):
            GradeQuery.from_options(**bad)


def test_grade_questions_are_recognised_and_others_are_not():
    listed = grade_request(
        "Which forces were graded inadequate for investigating crime?", Kind.AGGREGATE, ()
    )
    assert listed and listed.grades == {"inadequate"} and listed.areas == ("investigating crime",)
    pillars = grade_request(
        "Which forces were graded good in all three pillars in 2018/19?", Kind.AGGREGATE, ()
    )
    assert pillars and pillars.every_area and pillars.cycles == ("PEEL 2018/19",)
    series = grade_request("How have Kent's grades moved?", Kind.TREND, ("Kent Police",))
    assert series and series.forces == ("Kent Police",)
    assert grade_request("Which forces lack specialist detectives?", Kind.AGGREGATE, ()) is None
    two_parts = "How did Kent's grades compare with other forces, and what is its unit called?"
    assert grade_request(two_parts, Kind.COMPARE, ("Kent Police",)) is None
    assert grade_request("Which forces were graded good at custody?", Kind.AGGREGATE, ()) is None
    for anything in (
        "Which forces have been graded outstanding for something at some point?",
        "Which forces picked up at least one inadequate grade in the 2021/22 PEEL round?",
    ):
        any_area = grade_request(anything, Kind.AGGREGATE, ())
        assert any_area is not None and any_area.areas == (), anything
    assert (
        grade_request("How did Kent's recording rate change?", Kind.TREND, ("Kent Police",)) is None
    )


def test_a_grade_list_answer_has_one_cited_row_per_force_and_a_series_is_ordered_by_cycle():
    rows = grade_table([GOOD, INADEQUATE], DOCS, lambda _: TEXT).rows
    request = grade_request(
        "Which forces were graded inadequate at investigating crime?", Kind.AGGREGATE, ()
    )
    answer = answer_from_grades("q", request, rows, lambda _: TEXT)
    assert answer and [r.force for r in answer.table] == ["Kent Police"]
    assert answer.citations[0].quote == INADEQUATE.quote and answer.table[0].grade == "inadequate"
    nothing = grade_request(
        "Which forces were graded outstanding at investigating crime?", Kind.AGGREGATE, ()
    )
    # nothing fits: the caller falls back to sentences
    assert answer_from_grades("q", nothing, rows, lambda _: TEXT) is None
    later = judgement("kent-b", "inadequate", 45, 78, cycle="PEEL 2023–2025")
    series = grade_request("How have Kent's grades changed?", Kind.TREND, ("Kent Police",))
    trend = answer_from_grades(
        "q", series, grade_table([later, GOOD], DOCS, lambda _: TEXT).rows, lambda _: TEXT
    )
    assert trend and [r.cycle for r in trend.table] == ["PEEL 2021/22", "PEEL 2023–2025"]
    assert trend.answer.splitlines()[0].startswith(
        "PEEL 2021/22, Kent Police: investigating crime good [1]"
    )


def test_a_lookup_asking_only_for_a_force_grades_is_answered_from_the_table():
    kent = ("Kent Police",)
    asked = grade_request(
        "In which areas was Kent graded inadequate in PEEL 2021/22?", Kind.LOOKUP, kent
    )
    assert asked and asked.grades == {"inadequate"} and asked.cycles == ("PEEL 2021/22",)
    rows = grade_table([GOOD, INADEQUATE], DOCS, lambda _: TEXT).rows
    answer = answer_from_grades("q", asked, rows, lambda _: TEXT)
    assert answer and answer.kind is Kind.LOOKUP
    assert answer.answer == "PEEL 2021/22, Kent Police: investigating crime inadequate [1]."
    # a lookup asking something else too, or only using a grade word, is not a grade lookup
    for other in (
        "How was Kent graded in PEEL 2021/22, and which inspector commented?",
        "Who graded Kent inadequate in PEEL 2021/22?",
        "Were Kent's leaders setting a good example?",
    ):
        assert grade_request(other, Kind.LOOKUP, kent) is None, other
    assert grade_request("What grades did Kent get?", Kind.LOOKUP, ()) is None  # no force


# --- stored with the index --------------------------------------------------------------------


def test_the_index_stores_every_stated_grade_and_meets_the_gold(sample_index):
    with Manifest.open(sample_index.manifest_path) as manifest:
        stored = manifest.db.execute(
            "SELECT COUNT(*) FROM statements WHERE kind = 'grade'"
        ).fetchone()[0]
        statements = manifest.statements()
    score = score_grades(statements.judgements, load_gold(GOLD))
    assert stored == len(statements.judgements) > 100
    assert score["precision"] >= 0.95 and score["recall"] >= 0.90, score
    assert any(c.what == "recommendations" for c in statements.counts)
    placed = [j for j in statements.judgements if j.section or j.page]
    assert len(placed) == len(statements.judgements)  # every row knows where it sits


def test_an_index_from_before_the_table_is_read_from_its_text_then_refreshed(
    sample_index, tmp_path
):
    copy = tmp_path / "index"
    shutil.copytree(sample_index.index_dir, copy)
    path = copy / sample_index.manifest_path.name
    with Manifest.open(path) as manifest:
        expected = manifest.statements()
    db = sqlite3.connect(path)
    db.executescript(
        "DROP TABLE statements; DELETE FROM settings WHERE key = 'statements_version';"
    )
    db.close()
    with Manifest.open_readonly(path) as old:  # read-only, no table: computed on the fly
        assert old.statements() == expected
    with Manifest.open(path) as manifest:
        assert manifest.refresh_statements() is True
        assert manifest.refresh_statements() is False
        assert manifest.statements() == expected


# --- the command --------------------------------------------------------------------------------


def test_grades_command_json_and_csv_contract(sample_index):
    index = str(sample_index.index_dir)
    listed = run_cli(
        "grades",
        "--index",
        index,
        "--grade",
        "inadequate",
        "--area",
        "responding to the public",
        "--json",
    )
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert set(rows[0]) == set(COLUMNS)
    assert {r["force"] for r in rows} >= {"Staffordshire Police", "Metropolitan Police Service"}
    assert all(r["grade"] == "inadequate" and r["area"] == "responding to the public" for r in rows)
    with Manifest.open_readonly(sample_index.manifest_path) as manifest:
        for row in rows:
            assert (manifest.document_text(row["doc_id"]) or "")[row["start"] : row["end"]] == row[
                "quote"
            ]
    kent = run_cli("grades", "--index", index, "--force", "Kent", "--since", "2019", "--csv")
    assert kent.returncode == 0, kent.stderr
    table = list(csv.DictReader(io.StringIO(kent.stdout)))
    assert tuple(table[0]) == COLUMNS
    assert {r["force"] for r in table} == {"Kent Police"} and "outstanding" in {
        r["grade"] for r in table
    }
    bad = run_cli("grades", "--index", index, "--area", "custody suites")
    assert bad.returncode == 1 and "unknown area 'custody suites'" in bad.stderr


def test_grade_rows_quote_their_reports_verbatim(qa):
    for row in qa.grades().rows:
        assert (qa.document_text(row.meta.doc_id) or "")[row.start : row.end] == row.quote


def test_grade_questions_are_answered_from_the_table_with_one_cited_row_per_force(qa):
    answer = qa.ask(
        "Which forces have been graded inadequate for responding to the public in a PEEL "
        "inspection?"
    )
    forces = [row.force for row in answer.table]
    assert forces == sorted(set(forces)) and {"Staffordshire Police", "Sussex Police"} <= set(
        forces
    )
    assert all(row.grade == "inadequate" for row in answer.table)
    assert any("grades the reports state" in note for note in answer.notes)
    series = qa.ask(
        "How did Sussex Police's grade for responding to the public change between PEEL "
        "2021/22 and PEEL 2023–2025?"
    )
    assert [(r.cycle, r.grade) for r in series.table if r.grade] == [
        ("PEEL 2021/22", "inadequate"),
        ("PEEL 2023–2025", "good"),
    ]  # the grades lead, oldest first; sentences tell what the table does not
    assert series.answer.splitlines()[0].startswith("PEEL 2021/22, Sussex Police:")
    other = qa.ask("Which forces lack specialist detectives?")
    assert not any("grades the reports state" in note for note in other.notes)


def test_a_sentence_adds_a_force_to_a_grade_list_only_when_it_pairs_the_grade_and_area():
    """A list's rows read from sentences (the forces the table lacks) must give the asked
    grade to the asked area, not name both in one list of other pairs."""
    request = grade_request(
        "Which forces have been graded outstanding for crime recording?", Kind.AGGREGATE, ()
    )
    assert request is not None
    meta = DocumentMeta(
        "a", "a.md", "PEEL 2023–2025: Avon and Somerset", ("Avon and Somerset Constabulary",)
    )
    listed = (
        "In PEEL 2021/22 it had been graded outstanding for treating the public fairly; and as "
        "requiring improvement for responding to the public and crime-recording."
    )
    assert not sentence_states(request, listed, meta)
    assert sentence_states(request, "It was graded outstanding for crime recording.", meta)
    pillars = grade_request(
        "Which forces were graded good in all three pillars in 2018/19?", Kind.AGGREGATE, ()
    )
    assert pillars is not None and pillars.every_area
    assert not sentence_states(pillars, "It was graded good for efficiency in 2018/19.", meta)


def test_an_area_the_table_leaves_ungraded_for_a_graded_force_is_named_as_not_stated():
    """Kent's PEEL 2021/22 grades are in the table, but none for responding to the public:
    a quote giving other areas' grades would not answer, so the lookup says so."""
    rows = grade_table([GOOD], DOCS, lambda _: TEXT).rows
    kent = ("Kent Police",)

    def ungraded(question: str, forces: tuple[str, ...] = kent) -> list[str]:
        request = grade_request(question, Kind.LOOKUP, forces)
        return ungraded_areas(request, rows) if request else []

    asked = "What grade did Kent get for responding to the public in PEEL 2021/22?"
    assert ungraded(asked) == ["a grade for responding to the public"]
    assert ungraded("What grade did Kent get for investigating crime in PEEL 2021/22?") == []
    # nothing to judge by: another cycle, or a force the table does not grade
    assert ungraded("What grade did Kent get for responding to the public in PEEL 2023–25?") == []
    assert ungraded(asked.replace("Kent", "Essex"), ("Essex Police",)) == []
