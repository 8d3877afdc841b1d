"""Grade and count extraction: each source shape, negatives, cycles, offsets, the corpus gold."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_loaders import laid_out_pdf

from evaluation.grades import load_gold, score_grades
from index.counts import Count, extract_counts
from index.grades import Judgement, extract_grades
from index.grades.cycles import CYCLES
from index.lexicon.grades import GRADES
from index.loaders import discover, load_file, read_sidecar
from index.types import DocumentMeta

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "eval" / "grades.csv"

LINCS = DocumentMeta(
    doc_id="lincs",
    source="lincs.md",
    title="PEEL 2021/22 – An inspection of Lincolnshire Police",
    forces=("Lincolnshire Police",),
    report_type="PEEL inspection",
    published="2022-06-01",
)
OVERVIEW = DocumentMeta(
    doc_id="overview",
    source="overview.md",
    title="Policing in 2024: an overview",
    forces=("National",),
    report_type="State of Policing",
    published="2024-07-01",
)


def triples(judgements: list[Judgement]) -> set[tuple[str, str, str]]:
    return {(j.force, j.area, j.grade) for j in judgements}


def grades_in(text: str, meta: DocumentMeta = LINCS) -> set[tuple[str, str, str]]:
    found = extract_grades(text, meta)
    for judgement in found:
        assert text[judgement.start : judgement.end] == judgement.quote
        assert judgement.grade in GRADES
        assert judgement.cycle is None or judgement.cycle in CYCLES
    return triples(found)


def load(path: Path):  # noqa: ANN201
    return load_file(path, path.parent, {}).assemble()


# --- prose ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "area", "grade"),
    [
        (
            "Inspectors graded the force inadequate at investigating crime.",
            "investigating crime",
            "inadequate",
        ),
        (
            "The force requires improvement in responding to the public, the report says.",
            "responding to the public",
            "requires improvement",
        ),
        (
            "Lincolnshire is good at preventing crime and anti-social behaviour.",
            "preventing crime",
            "good",
        ),
        (
            "We judged the force to be outstanding at managing offenders and suspects.",
            "managing offenders",
            "outstanding",
        ),
        (
            "This year it was rated 'good' for its treatment of the public.",
            "treatment of the public",
            "good",
        ),
        (
            "Its crime-recording was judged adequate after a long audit.",
            "crime data integrity",
            "adequate",
        ),
    ],
)
def test_prose_states_a_grade(sentence: str, area: str, grade: str) -> None:
    assert grades_in(f"Summary\n\n{sentence}") == {("Lincolnshire Police", area, grade)}


def test_prose_list_gives_each_area_its_own_grade() -> None:
    text = (
        "In its last inspection the force was graded outstanding for protecting vulnerable "
        "people; good for leadership and force management and for building, supporting and "
        "protecting the workforce; and as requiring improvement for investigating crime."
    )
    assert grades_in(text) == {
        ("Lincolnshire Police", "protecting vulnerable people", "outstanding"),
        ("Lincolnshire Police", "leadership and force management", "good"),
        ("Lincolnshire Police", "developing a positive workplace", "good"),
        ("Lincolnshire Police", "investigating crime", "requires improvement"),
    }


def test_areas_before_the_grade_and_the_named_areas_form() -> None:
    text = (
        "The force was graded in nine areas. The inadequate areas were investigating crime and "
        "responding to the public. Treatment of the public was judged good, but the response "
        "to the public was not."
    )
    assert grades_in(text) == {
        ("Lincolnshire Police", "investigating crime", "inadequate"),
        ("Lincolnshire Police", "responding to the public", "inadequate"),
        ("Lincolnshire Police", "treatment of the public", "good"),
    }


def test_all_three_pillars() -> None:
    assert grades_in("The force was rated good in all three pillars.") == {
        ("Lincolnshire Police", pillar, "good")
        for pillar in ("effectiveness", "efficiency", "legitimacy")
    }


# --- negatives -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "No force was graded inadequate for investigating crime this year.",
        "Forces need to improve how they manage offenders and suspects.",
        "The force shared good practice on protecting vulnerable people with its neighbours.",
        "If nothing changes, the force could be graded inadequate at responding to the public.",
        "The remaining areas, preventing crime and investigating crime, received one good grade "
        "and one adequate grade.",
        "Ofsted rated the council's children's services inadequate last spring.",
        "The force did not have adequate arrangements for managing offenders.",
        "Two recommendations on investigating crime were still outstanding.",
        "Most forces were judged good at protecting vulnerable people.",
        "Ofsted rated the council's work on protecting vulnerable people inadequate.",
        "The force's initial response was graded good in 12 of the 40 cases.",
    ],
)
def test_no_judgement(sentence: str) -> None:
    assert grades_in(f"Summary\n\n{sentence}") == set()


def test_national_report_keeps_only_judgements_that_name_a_force() -> None:
    text = (
        "Several forces were graded inadequate for investigating crime.\n\n"
        "Kent Police was graded outstanding at preventing crime, and Essex Police good at "
        "investigating crime.\n\n"
        "Treatment of the public was graded inadequate in two forces, Dorset Police and "
        "Surrey Police."
    )
    assert grades_in(text, OVERVIEW) == {
        ("Kent Police", "preventing crime", "outstanding"),
        ("Essex Police", "investigating crime", "good"),
        ("Dorset Police", "treatment of the public", "inadequate"),
        ("Surrey Police", "treatment of the public", "inadequate"),
    }


def test_child_protection_topics_only_in_child_protection_reports() -> None:
    meta = DocumentMeta(
        "cp",
        "cp.md",
        "Rutland – child protection inspection",
        ("Leicestershire Police",),
        "National child protection inspection",
        "2024-10-01",
    )
    text = (
        "Inspectors graded the force adequate for partnership working and good for its "
        "initial response.\n\nOf the 60 cases audited, 20 were graded inadequate."
    )
    assert grades_in(text, meta) == {
        ("Leicestershire Police", "child protection: partnership working", "adequate"),
        ("Leicestershire Police", "child protection: initial response", "good"),
    }
    assert grades_in(text) == set()


# --- headings and tables -----------------------------------------------------------------


def test_headings_and_list_lines() -> None:
    text = (
        "2. Investigating crime – requires improvement\n\n"
        "3.1 Protecting vulnerable people – outstanding\n\n"
        "efficiency in the way it plans ahead – good;\n\n"
        "4. Use of force – cause of concern\n\n"
        "5. Other areas – adequate"
    )
    assert grades_in(text) == {
        ("Lincolnshire Police", "investigating crime", "requires improvement"),
        ("Lincolnshire Police", "protecting vulnerable people", "outstanding"),
        ("Lincolnshire Police", "efficiency", "good"),
    }


def test_markdown_table_as_loaded(tmp_path: Path) -> None:
    path = tmp_path / "2022-05-lincolnshire-peel.md"
    path.write_text(
        "---\ntitle: PEEL 2021/22 – Lincolnshire Police\nforce: Lincolnshire Police\n"
        "report_type: PEEL\npublished: 2022-05-10\n---\n\n# Judgments\n\n"
        "| Area of policing | Grade |\n|---|---|\n"
        "| Responding to the public | Inadequate |\n"
        "| Good use of resources | Adequate (previously good) |\n"
        "| Two further areas | Good |\n"
        "| Providing a service to victims of crime | Not graded |\n\n"
        "## Over time\n\n| Area | 2017 | PEEL 2021/22 |\n|---|---|---|\n"
        "| Effectiveness | Requires improvement | – |\n",
        encoding="utf-8",
    )
    doc = load(path)
    found = extract_grades(doc.text, doc.meta)
    assert {(j.area, j.grade, j.cycle) for j in found} == {
        ("responding to the public", "inadequate", "PEEL 2021/22"),
        ("good use of resources", "adequate", "PEEL 2021/22"),
        ("good use of resources", "good", "PEEL 2018/19"),
        ("effectiveness", "requires improvement", "PEEL 2017"),
    }
    assert all(doc.text[j.start : j.end] == j.quote for j in found)


def test_html_table_as_loaded(tmp_path: Path) -> None:
    path = tmp_path / "peel-hampshire.html"
    path.write_text(
        "<html><head><title>PEEL 2023–2025: Hampshire and Isle of Wight Constabulary</title>"
        "</head><body><main><h1>PEEL 2023–2025: Hampshire and Isle of Wight Constabulary</h1>"
        "<p>Published on: 3 March 2025</p><h2>Our judgments</h2><table>"
        "<tr><th>Area</th><th>Grade</th></tr>"
        "<tr><td>Investigating crime</td><td>Good</td></tr>"
        "<tr><td>Leadership and force management</td><td>Requires improvement</td></tr>"
        "</table></main></body></html>",
        encoding="utf-8",
    )
    doc = load(path)
    found = extract_grades(doc.text, doc.meta)
    assert {(j.force, j.area, j.grade, j.cycle) for j in found} == {
        (
            "Hampshire and Isle of Wight Constabulary",
            "investigating crime",
            "good",
            "PEEL 2023–2025",
        ),
        (
            "Hampshire and Isle of Wight Constabulary",
            "leadership and force management",
            "requires improvement",
            "PEEL 2023–2025",
        ),
    }


def test_pdf_text(tmp_path: Path) -> None:
    lines = [
        (16, "Summary of judgments", 0),
        (10, "Area of policing Grade", 6),
        (10, "Responding to the public Requires improvement", 4),
        (10, "Managing offenders and suspects Outstanding", 4),
        (10, "The force was also graded good at protecting vulnerable people.", 8),
    ]
    path = laid_out_pdf(tmp_path / "peel-2021-22-north-wales.pdf", [lines], None, None)
    doc = load(path)
    meta = DocumentMeta(
        "pdf",
        "pdf.pdf",
        "PEEL 2021/22: North Wales",
        ("North Wales Police",),
        "PEEL inspection",
        "2022-03-01",
    )
    assert grades_in(doc.text, meta) == {
        ("North Wales Police", "responding to the public", "requires improvement"),
        ("North Wales Police", "managing offenders", "outstanding"),
        ("North Wales Police", "protecting vulnerable people", "good"),
    }


def test_grade_line_under_an_area_line() -> None:
    text = (
        "Investigating crime\n\nInadequate (down one grade)\n\n"
        "Tackling serious and organised crime Good"
    )
    found = extract_grades(text, LINCS)
    assert triples(found) == {
        ("Lincolnshire Police", "investigating crime", "inadequate"),
        ("Lincolnshire Police", "serious and organised crime", "good"),
    }
    assert found[0].quote == "Investigating crime\n\nInadequate (down one grade)"


# --- cycles ----------------------------------------------------------------------------------


def test_cycles_from_text_and_report() -> None:
    text = (
        "In 2016 the force had been graded good for legitimacy.\n\n"
        "It is now graded good at investigating crime, a step up from the previous inspection."
        "\n\nIn its 2018/19 assessment the force was rated inadequate for efficiency."
    )
    found = {(j.area, j.cycle) for j in extract_grades(text, LINCS)}
    assert found == {
        ("legitimacy", "PEEL 2016"),
        ("investigating crime", "PEEL 2021/22"),
        ("efficiency", "PEEL 2018/19"),
    }


def test_no_cycle_is_guessed_from_the_publication_date_alone() -> None:
    news = DocumentMeta(
        "news", "news.md", "Force welcomes report", ("Kent Police",), None, "2022-06-01"
    )
    found = extract_grades("The force was graded good at investigating crime.", news)
    assert [(j.area, j.cycle) for j in found] == [("investigating crime", None)]
    annual = DocumentMeta(
        "sop", "sop.md", "State of Policing 2022", ("National",), None, "2023-06-01"
    )
    found = extract_grades("Kent Police was graded inadequate at responding to the public.", annual)
    assert [j.cycle for j in found] == ["PEEL 2021/22"]  # the title's programme year


# --- the phrasings of news pages and summaries ------------------------------------------------

KENT = DocumentMeta("kent", "kent.md", "Kent Police: the inspection", ("Kent Police",), None, None)
KENT_CP = DocumentMeta(
    "kent-cp", "kent-cp.md", "Kent – child protection", ("Kent Police",), "Child protection", None
)
KENT_CDI = DocumentMeta(
    "kent-cdi", "kent-cdi.md", "Kent Police: crime data integrity", ("Kent Police",), None, None
)
KENT_EFFECTIVENESS = DocumentMeta(
    "kent-e", "kent-e.md", "PEEL: police effectiveness 2016 – Kent", ("Kent Police",), None, None
)


@pytest.mark.parametrize(
    ("text", "meta", "expected"),
    [
        (  # the grade first, a colon, then only areas; Markdown emphasis read as spaces
            "**Adequate:** protecting vulnerable people; and using police powers and treating "
            "people fairly and respectfully\n\n**Inadequate:** responding to the public",
            KENT,
            {
                ("protecting vulnerable people", "adequate"),
                ("treatment of the public", "adequate"),
                ("responding to the public", "inadequate"),
            },
        ),
        (  # shorter area names at a line's start
            "vulnerability – inadequate\n\ncrime prevention – good",
            KENT,
            {("protecting vulnerable people", "inadequate"), ("preventing crime", "good")},
        ),
        (  # a list of "area – grade" pairs after a colon
            "The grades: investigation – requires improvement; serious and organised crime – good.",
            KENT,
            {
                ("investigating crime", "requires improvement"),
                ("serious and organised crime", "good"),
            },
        ),
        (  # a count sentence, then the graded areas it counts
            "It was graded inadequate in three areas. The three inadequate areas included "
            "recording data about crime, responding to the public and managing offenders.",
            KENT,
            {
                ("crime data integrity", "inadequate"),
                ("responding to the public", "inadequate"),
                ("managing offenders", "inadequate"),
            },
        ),
        (
            "The force has been graded inadequate in each of the three pillars.",
            KENT,
            {
                ("effectiveness", "inadequate"),
                ("efficiency", "inadequate"),
                ("legitimacy", "inadequate"),
            },
        ),
        (  # overall judgements: the report's overall area
            "Kent Police received an overall judgment of inadequate.",
            KENT,
            {("overall", "inadequate")},
        ),
        ("Overall judgment\n\n**Inadequate**", KENT_CDI, {("crime data integrity", "inadequate")}),
        (
            "The force was graded 'requires improvement' overall.",
            KENT_EFFECTIVENESS,
            {("effectiveness", "requires improvement")},
        ),
        (
            "The force was judged 'good' overall for effectiveness.",
            KENT,
            {("effectiveness", "good")},
        ),
        (  # reworded areas
            'Kent Police was rated "Outstanding" for how well it manages the most prolific '
            "offenders.",
            KENT,
            {("managing offenders", "outstanding")},
        ),
        (  # a list item led by its grade
            "**good** at operating efficiently and sustainably (efficiency)",
            KENT,
            {("efficiency", "good")},
        ),
        (
            "HMICFRS rated the force 'good' for its work with safeguarding partners and "
            "'adequate' for assessing risk and making referrals.",
            KENT_CP,
            {
                ("child protection: partnership working", "good"),
                ("child protection: risk assessment and referral", "adequate"),
            },
        ),
    ],
)
def test_news_and_summary_phrasings(text: str, meta: DocumentMeta, expected: set) -> None:
    assert {(area, grade) for _, area, grade in grades_in(text, meta)} == expected


@pytest.mark.parametrize(
    "text",
    [
        "Inspectors found custody in Kent to be very good overall.",  # praise, not a grade
        "The investigation was good and thorough.",  # a heading's short name, in prose
        "Good: the force has made progress on responding to the public, inspectors said.",
        "It was judged good at reducing crime, with good management of sex offenders.",
    ],
)
def test_praise_and_prose_are_not_taken_for_grades(text: str) -> None:
    found = {area for _, area, _ in grades_in(text, KENT)}
    assert found <= {"effectiveness"}


# --- counts ----------------------------------------------------------------------------------


def test_counts() -> None:
    text = (
        "The inspection made 13 recommendations.\n\n"
        "Inspectors identified two causes of concern and 11 areas for improvement.\n\n"
        "The review made no recommendations.\n\n"
        "In 2019 the force had made four recommendations to its partners."
    )
    found = extract_counts(text, LINCS)
    assert {(c.what, c.number) for c in found} == {
        ("recommendations", 13),
        ("causes of concern", 2),
        ("areas for improvement", 11),
        ("recommendations", 0),
    }
    assert all(isinstance(c, Count) and text[c.start : c.end] == c.quote for c in found)
    assert {c.force for c in found} == {"Lincolnshire Police"}


# --- scoring and the sample corpus -----------------------------------------------------------


def test_score_grades_counts_keys_once() -> None:
    gold = [
        {
            "doc_id": "d",
            "force": "Kent Police",
            "area": "efficiency",
            "grade": "good",
            "cycle": "PEEL 2017",
            "quote_contains": "x",
        },
        {
            "doc_id": "d",
            "force": "Kent Police",
            "area": "efficiency",
            "grade": "good",
            "cycle": "PEEL 2016",
            "quote_contains": "y",
        },
        {
            "doc_id": "d",
            "force": "Kent Police",
            "area": "legitimacy",
            "grade": "good",
            "cycle": "PEEL 2017",
            "quote_contains": "z",
        },
    ]
    found = [
        Judgement("d", "Kent Police", "efficiency", "good", "PEEL 2016", 0, 1, "a"),
        Judgement("d", "Kent Police", "effectiveness", "good", "PEEL 2016", 0, 1, "a"),
    ]
    score = score_grades(found, gold)
    assert (score["precision"], score["recall"], score["cycle_agreement"]) == (0.5, 0.5, 1.0)
    assert score["misses"] == [
        {"doc_id": "d", "force": "Kent Police", "area": "legitimacy", "grade": "good"}
    ]
    assert score["false_hits"][0]["area"] == "effectiveness"


@pytest.fixture(scope="module")
def corpus_documents() -> dict:
    sidecar = read_sidecar(CORPUS)
    documents = (load_file(path, CORPUS, sidecar).assemble() for path in discover(CORPUS))
    return {doc.meta.doc_id: doc for doc in documents}


def test_gold_quotes_are_in_the_corpus(corpus_documents: dict) -> None:
    gold = load_gold(GOLD)
    assert len(gold) >= 100
    for row in gold:
        assert row["quote_contains"] in corpus_documents[row["doc_id"]].text, row
        assert row["grade"] in GRADES and row["cycle"] in CYCLES, row


def test_corpus_precision_and_recall(corpus_documents: dict) -> None:
    found = [
        judgement
        for doc in corpus_documents.values()
        for judgement in extract_grades(doc.text, doc.meta)
    ]
    for judgement in found:
        assert corpus_documents[judgement.doc_id].text[judgement.start : judgement.end] == (
            judgement.quote
        )
    score = score_grades(found, load_gold(GOLD))
    assert score["precision"] >= 0.95, score["false_hits"]
    assert score["recall"] >= 0.90, score["misses"]
