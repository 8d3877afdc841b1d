"""The passages a claim is read against: the hits of its search, then, in each of the best
reports, the passages that share most of the claim's own words.

A report often states the claim's count or date outside the chunk a search ranks first
("The report made 13 recommendations." in its recommendations section, the title chunk
first). Within one report, the words of its title and its forces pick nothing out, so
the claim's other words look for the passage (BM25 over that report alone).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from index.types import DocumentMeta, Hit

Within = Callable[[str, set[str], int], list[Hit]]  # query, reports, k → hits


def widened(
    claim: str,
    hits: Sequence[Hit],
    within: Within,
    stems: Callable[[str], set[str]],
    reports: int,
    per_report: int,
) -> list[Hit]:
    """The hits, then up to ``per_report`` more passages of each of the ``reports`` best."""
    best = list(dict.fromkeys(hit.chunk.doc_id for hit in hits))[:reports]
    metas = {hit.chunk.doc_id: hit.meta for hit in hits}
    seen = {hit.chunk.chunk_id for hit in hits}
    more = [
        hit
        for doc in best
        for hit in within(point(claim, metas[doc], stems), {doc}, per_report)
        if hit.chunk.chunk_id not in seen
    ]
    return [*hits, *more]


def point(claim: str, meta: DocumentMeta, stems: Callable[[str], set[str]]) -> str:
    """The claim's words less those its report's title and forces hold."""
    known = stems(" ".join((meta.title, *meta.forces)))
    return " ".join(w for w in claim.split() if not stems(w) or not stems(w) <= known)
