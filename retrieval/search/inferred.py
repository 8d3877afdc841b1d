"""The filters a question implies: the forces it names, the report types and the years.

They are soft: reports that fit them rank first, none is excluded (see
:mod:`retrieval.plan`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.forces import find_forces
from index.lexicon.dates import years
from index.report_types import CHILD_PROTECTION, POST_INSPECTION, infer_report_types
from retrieval.search.filters import CYCLE, Filters, parse_year_range

# "According to the 2021 custody report, …": the report a question names as
# its source; the years after it are those of what the report counts.
SOURCE_LEAD = re.compile(r"\s*according to\b[^,?]*,", re.IGNORECASE)


def infer_filters(question: str) -> Filters:
    """Filters a question implies: the forces it names, report types and years.

    Words like "national" or "forces" name no force, so cross-force questions
    ("which forces...") stay unfiltered by force. When it names its source ("according
    to the 2021 report, how far did … fall between 2016 and 2019?"), only the source
    says when reports were published.
    """
    source = SOURCE_LEAD.match(question)
    since, until = parse_year_range(source.group() if source else question)
    if since is None and until is None:
        since, until = cycle_years(question)
    return Filters(
        forces=find_forces(question),
        report_types=infer_report_types(question),
        since=since,
        until=until,
    )


def with_follow_ups(inferred: Filters) -> Filters:
    """What a trend or a list across child protection inspections prefers: their
    post-inspection reviews too, where the story goes on (not for a lookup, which
    means the inspection itself)."""
    types = inferred.report_types
    if CHILD_PROTECTION not in types or POST_INSPECTION in types:
        return inferred
    return replace(inferred, report_types=(*types, POST_INSPECTION))


def cycle_years(question: str) -> tuple[int | None, int | None]:
    """The years in which reports of a named cycle came out: "PEEL 2021/22" reports were
    published in 2022 and 2023, so (2021, 2023); inferred filters only prefer them."""
    spans = []
    for match in CYCLE.finditer(question):
        first, _, last = years(match.group())[0].value.partition("-")
        spans.append((int(first), int(last or first) + 1))
    if not spans:
        return None, None
    return min(s for s, _ in spans), max(u for _, u in spans)
