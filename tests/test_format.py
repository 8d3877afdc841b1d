"""Plain-text and Markdown renderings of answers (pure logic)."""

from __future__ import annotations

from index.types import Answer, Kind, TableRow
from ui.format import answer_to_markdown, answer_to_text
from ui.render import table_html

QUOTE = (
    "Inspectors graded the force inadequate in three areas: responding, investigating, managing."
)


def _answer(rows: list[TableRow]) -> Answer:
    return Answer("How was Kent graded?", Kind.TREND, "…", table=rows)


def test_grade_rows_show_their_grade_not_the_quote_they_share():
    rows = [
        TableRow(
            "Kent Police",
            QUOTE,
            (1,),
            grade="inadequate",
            area="responding to the public",
            cycle="PEEL 2021/22",
        ),
        TableRow("Kent Police", QUOTE, (1,), grade="inadequate", area="investigating crime"),
    ]
    text = answer_to_text(_answer(rows))
    assert "- Kent Police: PEEL 2021/22, responding to the public: inadequate [1]" in text
    assert "- Kent Police: investigating crime: inadequate [1]" in text
    assert QUOTE not in text  # no references here; a quote shared by grades is cited once
    assert "| Kent Police | investigating crime: inadequate | [1] |" in answer_to_markdown(
        _answer(rows)
    )
    assert "<td>investigating crime: inadequate</td>" in table_html(_answer(rows))


def test_quote_rows_show_their_quote():
    text = answer_to_text(_answer([TableRow("Kent Police", QUOTE, (2,))]))
    assert f"- Kent Police: {QUOTE} [2]" in text
