"""Rule-based extraction of the counts a report states: causes of concern, areas for
improvement and recommendations ("made 13 recommendations", a row "Recommendations | 43").

Pure functions over a document's text and metadata, like :mod:`index.grades`; each count
is quoted verbatim (``quote == text[start:end]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexicon.dates import CAPITAL_MONTH, YEAR
from index.lexicon.numbers import COUNT_NUMBER, number_value
from index.text import sentence_ranges
from index.types import DocumentMeta

COUNT_NOUNS: tuple[tuple[str, str], ...] = (
    (r"causes? of concern", "causes of concern"),
    (r"areas? for (?:further )?improvement", "areas for improvement"),
    (r"recommendations?", "recommendations"),
)
_NOUNS = "|".join(f"(?P<w{i}>{pattern})" for i, (pattern, _) in enumerate(COUNT_NOUNS))
COUNT_ITEM = re.compile(  # "13 recommendations", "two further areas for improvement"
    rf"(?P<number>{COUNT_NUMBER})\s+(?:(?:new|further|more|accelerated|principal)\s+)?(?:{_NOUNS})\b",
    re.I,
)
COUNT_VERB = re.compile(
    r"\b(?:made|makes|set out|sets out|identified|identifies|highlighted|highlights|contained"
    r"|contains|gave|gives|raised|raises|issued|issues)\s+(?:a total of\s+)?",
    re.I,
)
COUNT_JOIN = re.compile(  # between two counts: ", and identified "
    r"(?:,\s*|\s+)(?:and\s+)?(?:(?:also\s+)?(?:made|identified|set out|highlighted)\s+)?", re.I
)
COUNT_ROW = re.compile(rf"^(?:{_NOUNS})(?:\s*\|)?\s+(?P<number>\d{{1,3}})$", re.I)
EARLIER_YEAR = re.compile(rf"\b[Ii]n (?:{CAPITAL_MONTH} )?({YEAR})\b")


def count_what(item: re.Match[str]) -> str:
    """The canonical noun ("recommendations"…) of a COUNT_ITEM or COUNT_ROW match."""
    groups = item.groupdict()
    return next(what for i, (_, what) in enumerate(COUNT_NOUNS) if groups.get(f"w{i}"))


@dataclass(frozen=True)
class Count:
    """A stated number of causes of concern, areas for improvement or recommendations."""

    doc_id: str
    force: str  # the report's force ("National" for national reports; "" when unknown)
    what: str  # "causes of concern" | "areas for improvement" | "recommendations"
    number: int
    start: int
    end: int
    quote: str  # == text[start:end]
    page: str | None = None  # where the quote sits (index.statements.place fills these)
    section: str = ""
    paragraph: str | None = None


def extract_counts(text: str, meta: DocumentMeta) -> list[Count]:
    """The numbers of causes of concern, areas for improvement and recommendations the
    report states ("made 13 recommendations", a table row "Recommendations | 43"),
    the first passage per (force, what, number); counts of earlier reports are skipped."""
    found: dict[tuple[str, str, int], Count] = {}
    for match in re.finditer(r"[^\n]+", text):
        line = match.group().strip()
        start = text.index(line, match.start())
        row = COUNT_ROW.match(line)
        items = (
            [(start, start + len(line), row)]
            if row
            else [
                (s, e, item)
                for s, e in sentence_ranges(text, start, start + len(line))
                if not _earlier(text[s:e], meta)
                for item in _count_items(text[s:e])
            ]
        )
        for s, e, item in items:
            what = count_what(item)
            number = int(number_value(item.group("number")) or 0)
            for force in meta.forces or ("",):
                count = Count(meta.doc_id, force, what, number, s, e, text[s:e])
                found.setdefault((force, what, number), count)
    return sorted(found.values(), key=lambda c: (c.start, c.what))


def _count_items(sentence: str) -> list[re.Match[str]]:
    """The counts a sentence states after a verb: "made 13 recommendations", "identified
    two causes of concern and 11 areas for improvement"."""
    items = []
    for verb in COUNT_VERB.finditer(sentence):
        if re.search(r"\bhad\s+$", sentence[: verb.start()]):
            continue  # "had made": an earlier report's
        position = verb.end()
        while item := COUNT_ITEM.match(sentence, position):
            items.append(item)
            join = COUNT_JOIN.match(sentence, item.end())
            position = join.end() if join else item.end()
    return items


def _earlier(sentence: str, meta: DocumentMeta) -> bool:
    """The sentence is set in a year before the report's ("In March 2022 … made 13 …")."""
    year = EARLIER_YEAR.search(sentence)
    return bool(year and meta.published and year.group(1) < meta.published[:4])
