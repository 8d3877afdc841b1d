"""Rule-based extraction of the counts a report states: causes of concern, areas for
improvement and recommendations ("made 13 recommendations", a row "Recommendations | 43"),
and its grade profile: how many areas it graded ("graded the force in nine areas of
policing and found it inadequate in three, …", "six 'outstanding' and two 'good'", read by
:func:`index.lexicon.grades.grade_profile`), counted as ``graded areas``.

Pure functions over a document's text and metadata, like :mod:`index.grades`; each count
is quoted verbatim (``quote == text[start:end]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.forces import NATIONAL, find_forces
from index.lexicon.dates import years
from index.lexicon.grades import grade_profile
from index.lexicon.numbers import COUNT_NUMBER, number_value
from index.text import sentence_ranges
from index.types import DocumentMeta

GRADED_AREAS = "graded areas"  # a grade profile: the number of areas a report graded
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
    r"\b(?:made|makes|making|set out|sets out|setting out|identified|identifies|identifying"
    r"|highlighted|highlights|contained|contains|gave|gives|raised|raises|raising|issued|issues"
    r"|carried|carries)\s+(?:a total of\s+)?",
    re.I,
)
# The count named before its verb: "Of the 43 recommendations made then", "two matters were
# causes of concern".
COUNT_BEFORE = re.compile(
    rf"\b(?:the|its|their)\s+(?P<number>{COUNT_NUMBER})\s+(?:{_NOUNS})\s+"
    r"(?:it\s+|that\s+\w+\s+)?(?:made|set out|raised|identified)\b",
    re.I,
)
COUNT_WERE = re.compile(
    rf"\b(?P<number>{COUNT_NUMBER})\s+(?:matters|issues|areas|problems)\s+(?:were|was)\s+"
    rf"(?:{_NOUNS})",
    re.I,
)
COUNT_JOIN = re.compile(  # between two counts: ", and identified "
    r"(?:,\s*|\s+)(?:and\s+)?(?:(?:also\s+)?(?:made|identified|set out|highlighted)\s+)?", re.I
)
COUNT_ROW = re.compile(  # "Recommendations | 43", "Recommendations in the interim report | 3"
    rf"^(?:{_NOUNS})(?:[^|\n]{{0,60}}\|)?\s+(?P<number>\d{{1,3}})$", re.I
)

_BY_THE_FORCE = re.compile(r"\bthe force\s+(?:had\s+|has\s+)?$", re.I)


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
    year: str | None = None  # an earlier report's year ("in 2021 … made 12"); None: this one's


def extract_counts(text: str, meta: DocumentMeta) -> list[Count]:
    """The numbers of causes of concern, areas for improvement and recommendations the
    report states ("made 13 recommendations", a table row "Recommendations | 43"), and
    its sentences' grade profiles, read in the same pass; the first passage per (force,
    what, number, year); a count an earlier report made ("in 2021 it had made 12")
    carries that report's year."""
    found: dict[tuple[str, str, int, str | None], Count] = {}
    for match in re.finditer(r"[^\n]+", text):
        line = match.group().strip()
        start = text.index(line, match.start())
        row = COUNT_ROW.match(line)
        ranges = [] if row else list(sentence_ranges(text, start, start + len(line)))
        items = (
            [(start, start + len(line), row)]
            if row
            else [(s, e, item) for s, e in ranges for item in _count_items(text[s:e])]
        )
        for s, e, item in items:
            what = count_what(item)
            number = int(number_value(item.group("number")) or 0)
            year = _earlier(text[s:e], meta)
            for force in meta.forces or ("",):
                count = Count(meta.doc_id, force, what, number, s, e, text[s:e], year=year)
                found.setdefault((force, what, number, year), count)
        for s, e in ranges:
            for count in _profile(text, s, e, meta):
                found.setdefault((count.force, count.what, count.number, count.year), count)
    return sorted(found.values(), key=lambda c: (c.start, c.what))


def _profile(text: str, start: int, end: int, meta: DocumentMeta) -> list[Count]:
    """A sentence's grade profile, for each force it names (else the report's own); an
    earlier inspection's ("its previous inspection, in 2021/22, had graded it inadequate
    in six of eleven areas") carries that inspection's year."""
    sentence = text[start:end]
    profile = grade_profile(sentence)
    if profile is None:
        return []
    year = _earlier(sentence, meta)
    return [
        Count(meta.doc_id, force, GRADED_AREAS, profile.areas, start, end, sentence, year=year)
        for force in find_forces(sentence) or meta.forces
        if force != NATIONAL
    ]


def _count_items(sentence: str) -> list[re.Match[str]]:
    """The counts a sentence states after a verb: "made 13 recommendations", "identified
    two causes of concern and 11 areas for improvement"."""
    items = [*COUNT_BEFORE.finditer(sentence), *COUNT_WERE.finditer(sentence)]
    for verb in COUNT_VERB.finditer(sentence):
        if _BY_THE_FORCE.search(sentence[: verb.start()]):
            continue  # "the force had made four recommendations to its partners"
        position = verb.end()
        while item := COUNT_ITEM.match(sentence, position):
            items.append(item)
            join = COUNT_JOIN.match(sentence, item.end())
            position = join.end() if join else item.end()
    return items


def _earlier(sentence: str, meta: DocumentMeta) -> str | None:
    """The year before the report's that a sentence is set in ("In March 2022 … made 13",
    "the 2021 inspection … made 12"), else None."""
    if not meta.published:
        return None
    found = [y.value[:4] for y in years(sentence) if y.value[:4] < meta.published[:4]]
    return found[0] if found else None
