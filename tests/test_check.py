"""Checking a draft: fact comparison, splitting, the CLI's JSON contract and the Markdown."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace

import pytest
from fixtures_cli import run_cli

from index.lexicon.compare import compare_facts
from index.lexicon.facts import Fact, stated_facts
from index.types import Chunk, Citation, DocumentMeta, Hit
from retrieval.answer.evidence import Evidence
from retrieval.check.checker import CheckConfig, ClaimChecker
from retrieval.check.claims import SegmentKind, claims_of, split_draft
from retrieval.check.grades import grade_claims, graded_reading, of_other_areas
from retrieval.check.results import CheckReport, ClaimCheck, ClaimVerdict, Difference
from retrieval.check.subjects import missing_subject
from retrieval.grades.table import GradeRow
from ui.check.format import to_csv, to_markdown


# -- facts (pure logic) -----------------------------------------------------------------
def kinds(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for fact in stated_facts(text):
        found.setdefault(fact.kind.value, []).append(fact.value)
    return found


def test_facts_read_numbers_years_months_grades_and_forces():
    facts = kinds("In August 2022 Kent Police was graded good; thirteen of 2,000 cases (83.6%).")
    assert facts["number"] == ["2000", "13"]
    assert facts["share"] == ["share 83.6"]
    assert "year" not in facts  # the year of a month is the month's
    assert facts["month"] == ["2022-08"]
    assert facts["grade"] == ["good"]
    assert facts["force"] == ["Kent Police"]


def test_a_span_of_years_is_one_fact_and_section_numbers_are_none():
    assert kinds("3.2 Investigating crime in PEEL 2018/19") == {"year": ["2018-2019"]}


@pytest.mark.parametrize(
    ("claim", "passage", "kind", "theirs"),
    [
        (
            "The report made 12 recommendations.",
            "The report made 13 recommendations.",
            "number",
            "13",
        ),
        ("It was published in 2021.", "It was published in 2022.", "year", "2022"),
        ("The force was graded good.", "The force was graded inadequate.", "grade", "inadequate"),
        ("Custody was not clean.", "Custody was clean.", "negation", ""),
    ],
)
def test_a_fact_stated_otherwise_differs(claim, passage, kind, theirs):
    check = compare_facts(claim, passage)
    assert [(mine.kind.value, other.text) for mine, other in check.differing] == [(kind, theirs)]


def test_figures_pair_only_when_they_count_the_same_thing():
    check = compare_facts("The report made 12 recommendations.", "Inspectors visited 40 suites.")
    assert not check.differing
    assert [f.value for f in check.absent] == ["12"]


def test_background_adds_facts_but_never_states_one_otherwise():
    check = compare_facts(
        "Kent Police recorded 96.6 percent of crimes in 2019.",
        "The force recorded 96.6 percent of crimes.",
        background="Kent Police: Crime Data Integrity re-inspection 15 January 2019",
    )
    assert check.agrees
    contrary = compare_facts("It was inspected in 2017.", "It was inspected.", background="2019")
    assert [f.value for f in contrary.absent] == ["2017"] and not contrary.differing


def test_a_report_on_another_force_does_not_contradict_by_its_metadata_alone():
    check = compare_facts(
        "Kent Police was graded good.", "The force was graded good.", "", ["Dorset Police"]
    )
    assert not check.differing
    assert [f.kind for f in check.absent] == [Fact.FORCE]


# -- verdicts from readings, with a fake search (pure logic) ------------------------------
META = DocumentMeta(
    doc_id="2022-08-exampleshire-child-protection",
    source="2022-08-exampleshire-child-protection.md",
    title="Exampleshire – child protection inspection",
    forces=("Kent Police",),
    published="2022-08-05",
)
TEXT = (
    "Summary\n\nThe report made 13 recommendations. Officers were dedicated to children. "
    "It was the first inspection of the force's roads policing."
)


class FakeQA:
    def document_text(self, doc_id: str) -> str | None:
        return TEXT if doc_id == META.doc_id else None


def evidence(sentence: str, similarity: float = 0.8) -> Evidence:
    chunk = Chunk("c0", META.doc_id, 0, TEXT, 0, len(TEXT))
    start = TEXT.index(sentence)
    return Evidence(
        Hit(chunk, META, 1.0), start, start + len(sentence), sentence, 0.7, similarity, 0.5
    )


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        (
            "Kent Police's 2022 child protection report made 13 recommendations.",
            ClaimVerdict.SUPPORTED,
        ),
        (
            "Kent Police's 2022 child protection report made 12 recommendations.",
            ClaimVerdict.CONTRADICTED,
        ),
        (
            "Kent Police's 2022 child protection report made 13 recommendations in May.",
            ClaimVerdict.PARTLY,
        ),
        ("Kent Police's drone unit cut response times.", ClaimVerdict.NOT_FOUND),
        # a passage giving none of the claim's figures is about something else, whatever
        # its year says (issue 23: a claim not stated is not found, not contradicted)
        ("Kent Police's 2019 child protection report made 45 arrests.", ClaimVerdict.NOT_FOUND),
    ],
)
def test_verdicts(claim, verdict):
    checker = ClaimChecker(FakeQA(), CheckConfig())  # type: ignore[arg-type]
    similarity = 0.3 if "drone" in claim else 0.8
    units = [evidence("The report made 13 recommendations.", similarity)]
    readings = checker.readings(claim, units, stated_facts(claim))
    from retrieval.answer.cite import CitationBook

    check = checker._result(claim, checker.best(readings), CitationBook(FakeQA().document_text))
    assert check.verdict is verdict
    if verdict is ClaimVerdict.CONTRADICTED:
        assert [str(d) for d in check.differences] == ["claim: 12 · report: 13 [1]"]
    if verdict is not ClaimVerdict.NOT_FOUND:
        assert check.citations[0].quote == TEXT[check.citations[0].start : check.citations[0].end]


def test_a_passage_giving_only_the_claims_place_in_a_series_is_about_something_else():
    """ "its first inspection" describes: a passage saying only that is not about what
    the claim says happened after it (issue 23: a claim no document states is not found)."""
    claim = "Kent Police bought 30 new vans after its first roads policing inspection."
    checker = ClaimChecker(FakeQA(), CheckConfig())  # type: ignore[arg-type]
    units = [evidence("It was the first inspection of the force's roads policing.")]
    readings = checker.readings(claim, units, stated_facts(claim))
    assert checker.best(readings).verdict is ClaimVerdict.NOT_FOUND


@pytest.mark.parametrize(
    ("figure", "verdict"),
    [("12", ClaimVerdict.CONTRADICTED), ("13", ClaimVerdict.PARTLY)],
)
def test_a_sentence_far_in_meaning_holding_the_claims_words_may_say_otherwise_not_support(
    figure, verdict
):
    claim = f"Kent Police's 2022 child protection report made {figure} recommendations."
    checker = ClaimChecker(FakeQA(), CheckConfig())  # type: ignore[arg-type]
    units = [evidence("The report made 13 recommendations.", similarity=0.4)]
    readings = checker.readings(claim, units, stated_facts(claim))
    assert checker.best(readings).verdict is verdict


def test_another_time_contradicts_only_a_passage_that_states_the_claims_point():
    """Issue 23: "placed in Engage in 2017" is not contradicted by a sentence on the
    topic that gives 2016 for something else (an inspection); it is when the passage says
    the same thing, or says it in other words close in meaning."""
    checker = ClaimChecker(FakeQA(), CheckConfig())  # type: ignore[arg-type]
    facts = compare_facts("Kent Police entered Engage in 2017.", "It was inspected in 2016.")
    assert [(m.text, t.text) for m, t in facts.differing] == [("2017", "2016")]
    assert checker.verdict(facts, 0.5, 0.5, 0.55) is ClaimVerdict.NOT_FOUND
    assert checker.verdict(facts, 1.0, 1.0, 0.55) is ClaimVerdict.CONTRADICTED
    assert checker.verdict(facts, 0.5, 0.5, 0.72) is ClaimVerdict.CONTRADICTED


def test_the_section_heading_dates_its_sentences():
    """A review's "The 2018 inspection" section dates what its sentences say."""
    claim = "In 2018 Kent Police's report made 13 recommendations."
    checker = ClaimChecker(FakeQA(), CheckConfig())  # type: ignore[arg-type]
    unit = evidence("The report made 13 recommendations.")
    undated = checker.read(claim, {"report", "made", "recommend"}, unit)
    assert [f.text for f in undated.facts.absent] == ["2018"]
    chunk = replace(unit.hit.chunk, section="The 2018 inspection")
    dated = checker.read(
        claim, {"report", "made", "recommend"}, replace(unit, hit=replace(unit.hit, chunk=chunk))
    )
    assert not dated.facts.absent and dated.verdict is ClaimVerdict.SUPPORTED


LISTED = (
    "Progress\n\nOf the 12 recommendations made before:\n\n7 had been met;\n\n2.\n\n"
    "5 had not been met."
)


@pytest.mark.parametrize(
    ("claim", "verdict", "quoted"),
    [
        (
            "Kent Police had met 7 of the 12 recommendations.",
            ClaimVerdict.SUPPORTED,
            "7 had been met;",
        ),
        ("Kent Police had met 5 of the 12 recommendations.", ClaimVerdict.CONTRADICTED, None),
        ("Of the 12 recommendations, Kent Police had not met 7.", ClaimVerdict.CONTRADICTED, None),
    ],
)
def test_a_sentence_opening_a_list_is_read_with_one_item_at_a_time(claim, verdict, quoted):
    """Issue 23: "of the 12 recommendations:" and its items are one statement each; a
    claim taking the count of one item and the denial of another is not supported, and a
    bare item number ("2.") is no count."""
    chunk = Chunk("c2", META.doc_id, 0, LISTED, 0, len(LISTED))
    start = LISTED.index("Of the 12")
    opener = Evidence(
        Hit(chunk, META, 1.0),
        start,
        LISTED.index(":") + 1,
        LISTED[start : LISTED.index(":") + 1],
        0.7,
        0.8,
        0.5,
    )
    checker = ClaimChecker(FakeQA(), CheckConfig())  # type: ignore[arg-type]
    reading = checker.read(claim, {"met", "recommend"}, opener)
    assert reading.verdict is verdict
    if quoted:
        assert [u.text for u in reading.units][-1] == quoted


# -- the grades table as a witness (pure logic) -------------------------------------------
def grade_row(area: str, grade: str, cycle: str, quote: str) -> GradeRow:
    return GradeRow(
        "Kent Police", area, grade, cycle, META, "3", "", None, quote, 9, 9 + len(quote), 2024
    )


def test_a_claims_grades_go_with_the_areas_after_them_or_right_before():
    pairs, unpaired = grade_claims(
        "Kent Police was rated as requiring improvement for efficiency and good for "
        "legitimacy, with its effectiveness grade still to come."
    )
    assert [(p.area, p.grade) for p in pairs] == [
        ("efficiency", "requires improvement"),
        ("legitimacy", "good"),
    ]
    assert not unpaired
    pairs, _ = grade_claims("In 2016 its efficiency required improvement.")
    assert [(p.area, p.grade) for p in pairs] == [("efficiency", "requires improvement")]


ROWS = [
    grade_row(
        "investigating crime", "requires improvement", "PEEL 2023–2025", "Investigating crime: RI"
    ),
    grade_row("legitimacy", "good", "PEEL 2016", "Legitimacy: good"),
]


def test_the_grades_table_contradicts_a_grade_a_long_sentence_leaves_unbound():
    claim = "Kent Police was graded good for investigating crime in its PEEL 2023–2025 inspection."
    reading = graded_reading(claim, stated_facts(claim), ROWS)
    assert reading is not None and reading.verdict is ClaimVerdict.CONTRADICTED
    assert [(m.value, t.value) for m, t in reading.facts.differing] == [
        ("good", "requires improvement")
    ]
    assert reading.units[0].text == "Investigating crime: RI"


def test_the_grades_table_supports_a_claim_only_of_grades_in_a_named_cycle():
    claim = "In 2016 Kent Police was graded good for legitimacy."
    assert graded_reading(claim, stated_facts(claim), ROWS).verdict is ClaimVerdict.SUPPORTED
    unnamed = "Kent Police was graded good for legitimacy."
    assert graded_reading(unnamed, stated_facts(unnamed), ROWS) is None
    more = "In 2016 Kent Police was graded good for legitimacy and made 40 arrests."
    assert graded_reading(more, stated_facts(more), ROWS) is None  # the arrests need a text


@pytest.mark.parametrize(
    ("passage", "absent"),
    [
        ("Inspectors found the force good at preventing crime.", ["good"]),  # another area
        ("Inspectors found the force inadequate at preventing crime.", ["inadequate"]),
        ("Inspectors found the force good at responding to the public.", []),  # its area
        ("Inspectors found the force good.", []),  # no area: the grade is compared
    ],
)
def test_a_grade_is_compared_only_for_the_area_it_is_given_for(passage, absent):
    claim = "Kent Police was graded inadequate at responding to the public."
    facts = of_other_areas(compare_facts(claim, passage), claim, passage)
    assert [f.text for f in facts.absent if f.kind is Fact.GRADE] == ["inadequate" for _ in absent]
    if absent:
        assert not facts.differing


# -- the claim's subject (pure logic) ------------------------------------------------------
def hit_on(text: str, forces: tuple[str, ...] = ("Kent Police",)) -> Hit:
    chunk = Chunk("c1", META.doc_id, 0, text, 0, len(text))
    return Hit(chunk, replace(META, forces=forces), 1.0)


def test_a_claim_about_a_body_no_report_names_is_not_in_the_indexed_reports():
    hits = [hit_on("Kent Police rated its custody good.")]
    claim = "HMICFRS rated Police Scotland's custody suites good in 2018."
    assert missing_subject(claim, hits) == "Police Scotland"
    assert missing_subject(claim, hits, lambda name: [hit_on(f"{name} was visited.")]) is None
    assert missing_subject("Kent Police's custody was good.", hits) is None
    # the subject is the body named first; another named later is no subject
    hits = [hit_on("Warwickshire ran custody with West Mercia.", ("Warwickshire Police",))]
    assert (
        missing_subject("Warwickshire Police ran custody with Leicestershire Police.", hits) is None
    )


# -- drafts ------------------------------------------------------------------------------
DRAFT = """# Briefing

Wiltshire Police lacked trained detectives. The 2022 inspection made 12 recommendations.

- West Yorkshire Police's mounted section cost £4 million a year.
"""


def test_a_draft_splits_into_claims_with_headings_and_blank_lines_kept():
    segments = split_draft(DRAFT)
    assert "".join(s.text + ("\n" if s.line_end else "") for s in segments) == DRAFT
    assert [s.kind for s in segments[:2]] == [SegmentKind.HEADING, SegmentKind.BLANK]
    assert claims_of(DRAFT) == [
        "Wiltshire Police lacked trained detectives. ",
        "The 2022 inspection made 12 recommendations.",
        "West Yorkshire Police's mounted section cost £4 million a year.",
    ]


def fake_report() -> CheckReport:
    citation = Citation(2, META, "The report made 13 recommendations.", 9, 44, page="3")
    checks = (
        ClaimCheck(
            "Wiltshire Police lacked trained detectives. ",
            ClaimVerdict.SUPPORTED,
            (citation,),
            line=3,
        ),
        ClaimCheck(
            "The 2022 inspection made 12 recommendations.",
            ClaimVerdict.CONTRADICTED,
            (citation,),
            differences=(Difference("number", "12", "13", 2),),
            line=3,
        ),
        ClaimCheck(
            "West Yorkshire Police's mounted section cost £4 million a year.",
            ClaimVerdict.NOT_FOUND,
            line=5,
        ),
    )
    return CheckReport(tuple(split_draft(DRAFT)), checks)


def test_markdown_annotates_the_draft_lists_fixes_and_footnotes_sources():
    text = to_markdown(fake_report())
    lines = text.splitlines()
    assert lines[0] == "# Briefing"
    assert lines[2].startswith("Wiltshire Police lacked trained detectives.[^2] The 2022")
    assert "**[✗ contradicted: claim: 12 · report: 13[^2]]**" in lines[2]
    assert "## Claims to fix" in text
    assert "- ? **not found** (line 5): West Yorkshire Police's mounted section" in text
    footnote = next(line for line in lines if line.startswith("[^2]:"))
    assert (
        "Exampleshire – child protection inspection, Kent Police, 5 August 2022, p. 3" in footnote
    )
    assert footnote.endswith('"The report made 13 recommendations."')


def test_csv_has_a_row_per_claim():
    rows = to_csv(fake_report()).splitlines()
    assert rows[0].startswith("n,line,claim,verdict")
    assert len(rows) == 4 and "claim: 12 · report: 13 [2]" in rows[2]


# -- end to end: the real index ------------------------------------------------------------
def run_check(sample_index, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return run_cli("check", *args, "--index", str(sample_index.index_dir), stdin=stdin)


def test_cli_json_contract(sample_index):
    done = run_check(
        sample_index, "The 2022 inspection of Wiltshire Police made 12 recommendations.", "--json"
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"claims", "summary", "filters", "notes"}
    (claim,) = data["claims"]
    assert claim["verdict"] == "contradicted"
    assert {"claim": "12", "report": "13", "kind": "number"}.items() <= claim["differences"][
        0
    ].items()
    cited = {c["n"]: c for c in claim["citations"]}
    assert claim["differences"][0]["citation"] in cited
    citation = cited[claim["differences"][0]["citation"]]
    assert set(citation) >= {
        "n",
        "doc_id",
        "title",
        "force",
        "published",
        "page",
        "section",
        "quote",
        "start",
        "end",
        "url",
    }
    assert citation["doc_id"].startswith("20")
    assert "13 recommendations" in citation["quote"]
    assert data["summary"]["contradicted"] == 1


def test_cli_checks_a_markdown_file(sample_index, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Custody\n\nOf 74 Warwickshire cases in which police had identified children at risk, "
        "28 were judged inadequate.\n\nWest Yorkshire Police's mounted section was found to cost "
        "£4 million a year.\n",
        encoding="utf-8",
    )
    done = run_check(sample_index, "--file", str(draft), "--format", "md")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == ["# Custody", ""]
    assert lines[2].endswith("28 were judged inadequate.[^1]")
    assert "not found" in lines[4]
    assert any(line.startswith("[^1]: HMICFRS, Warwickshire") for line in lines)


def test_cli_refuses_nothing_to_check(sample_index):
    done = run_check(sample_index)
    assert done.returncode == 1
    assert "nothing to check" in done.stderr


def test_filters_apply_to_the_evidence(qa):
    from retrieval.search.filters import Filters

    checker = ClaimChecker(qa)
    report = checker.check_draft(
        "The 2022 inspection of Wiltshire Police made 13 recommendations.",
        filters=Filters.from_options(forces=["Kent Police"]),
    )
    assert all(c.meta.forces == ("Kent Police",) for c in report.citations())
    assert report.checks[0].verdict is not ClaimVerdict.SUPPORTED


def test_a_reports_fact_outside_its_best_passage_is_read(qa):
    """Issue 23: the count sits in the report's recommendations section, not the passage a
    search ranks first for the claim; the checker reads the best reports' passages that
    share the claim's words too."""
    check, _ = ClaimChecker(qa).check_claim(
        "Wiltshire Police's child protection inspection, published in August 2022, "
        "made 12 recommendations."
    )
    assert check.verdict is ClaimVerdict.CONTRADICTED
    assert ("12", "13") in [(d.claim, d.report) for d in check.differences]


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        (
            "Staffordshire Police was in Engage from 6 July 2022 until it returned to Scan "
            "in May 2024.",
            ClaimVerdict.SUPPORTED,
        ),
        (
            "Staffordshire Police was in Engage from 6 July 2021 until it returned to Scan "
            "in May 2024.",
            ClaimVerdict.CONTRADICTED,
        ),
    ],
)
def test_moves_into_and_out_of_engage_are_checked_against_the_facts_table(qa, claim, verdict):
    check, _ = ClaimChecker(qa).check_claim(claim)
    assert check.verdict is verdict
    for citation in check.citations:
        assert (
            citation.quote == qa.document_text(citation.meta.doc_id)[citation.start : citation.end]
        )


def test_a_claim_dating_its_report_to_the_day_is_not_contradicted_by_another_edition():
    """ "The report, released on 2 March, judged …": a report stating that date agrees;
    another year's report, which never states it, grading otherwise speaks of another
    report. A report that does state the date still contradicts."""
    released = "The effectiveness report was released on 2 March 2017."
    graded = "It judged Kent Police inadequate at keeping people safe and reducing crime."
    other = "Effectiveness at keeping people safe and reducing crime | Requires improvement"
    filler = "The commissioner thanked the officers. Funding was low. Demand was high. "
    texts = {"first": f"{released}\n\n{filler * 2}\n\n{graded}", "later": other}
    metas = {
        doc: DocumentMeta(doc, f"{doc}.md", f"Kent PEEL ({doc})", ("Kent Police",))
        for doc in texts
    }

    class TwoReports:
        def document_text(self, doc_id: str) -> str | None:
            return texts.get(doc_id)

    def unit(doc: str, sentence: str, similarity: float) -> Evidence:
        text = texts[doc]
        chunk = Chunk(f"{doc}:0", doc, 0, text, 0, len(text))
        start = text.index(sentence)
        hit = Hit(chunk, metas[doc], 1.0)
        return Evidence(hit, start, start + len(sentence), sentence, 0.7, similarity, 0.5)

    checker = ClaimChecker(TwoReports(), CheckConfig())  # type: ignore[arg-type]
    for claim, verdict in (
        (
            "Kent's effectiveness report, released on 2 March, judged the force inadequate at "
            "keeping people safe and reducing crime.",
            ClaimVerdict.PARTLY,  # the date is not in the sentence that grades
        ),
        (  # the date no report states: the other edition's grade still contradicts
            "Kent's effectiveness report, released on 9 May, judged the force inadequate at "
            "keeping people safe and reducing crime.",
            ClaimVerdict.CONTRADICTED,
        ),
    ):
        units = [unit("first", graded, 0.8), unit("later", other, 0.6)]
        readings = checker.readings(claim, units, stated_facts(claim))
        assert checker.best(readings, claim).verdict is verdict, claim
