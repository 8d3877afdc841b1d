"""What checking a draft returns: a verdict per claim, its citations and differing facts.

``to_dict`` gives the `reportqa check --json` shape; each citation is the
`reportqa ask --json` citation object.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from index.types import Citation
from retrieval.check.claims import Segment, SegmentKind


class ClaimVerdict(StrEnum):
    SUPPORTED = "supported"
    PARTLY = "partly supported"  # no fact differs; some are absent from the evidence
    CONTRADICTED = "contradicted"  # the evidence states a different fact
    NOT_FOUND = "not found"  # no report is about the claim


@dataclass(frozen=True)
class Difference:
    """A fact the claim states and the report states otherwise, with the citation saying so."""

    kind: str  # number, year, month, grade, force, negation
    claim: str
    report: str
    citation: int | None

    def __str__(self) -> str:
        cited = f" [{self.citation}]" if self.citation else ""
        return f"claim: {self.claim} · report: {self.report}{cited}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "claim": self.claim,
            "report": self.report,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class ClaimCheck:
    """One claim's verdict and its evidence."""

    claim: str
    verdict: ClaimVerdict
    citations: tuple[Citation, ...] = ()
    matching: tuple[str, ...] = ()  # "number: 13", "force: Wiltshire Police"
    differences: tuple[Difference, ...] = ()
    absent: tuple[str, ...] = ()  # the claim's facts no cited sentence states
    overlap: float = 0.0  # share of the claim's topic words in the evidence
    similarity: float = 0.0  # the closest sentence's cosine similarity to the claim
    line: int = 0  # the claim's line in the draft (1-based; 0 for a lone claim)
    note: str = ""  # why there is no evidence: "Police Scotland is not in the indexed reports"

    @property
    def ok(self) -> bool:
        return self.verdict is ClaimVerdict.SUPPORTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "line": self.line,
            "verdict": self.verdict.value,
            "citations": [c.to_dict() for c in self.citations],
            "matching": list(self.matching),
            "differences": [d.to_dict() for d in self.differences],
            "absent": list(self.absent),
            "overlap": self.overlap,
            "similarity": self.similarity,
            "note": self.note,
        }


def joined(whole: ClaimCheck, parts: Sequence[ClaimCheck]) -> ClaimCheck:
    """The verdict on a claim from the checks of the statements it joins: any statement
    contradicted, contradicted; all supported, supported; some supported and the others
    not, partly supported (the others listed as absent); none found, the whole's."""
    verdicts = [p.verdict for p in parts]
    if ClaimVerdict.CONTRADICTED in verdicts:
        return next(p for p in parts if p.verdict is ClaimVerdict.CONTRADICTED)
    if ClaimVerdict.SUPPORTED not in verdicts:
        return whole
    cited = {(c.meta.doc_id, c.start, c.end): c for p in parts for c in p.citations}
    verdict = (
        ClaimVerdict.SUPPORTED
        if all(v is ClaimVerdict.SUPPORTED for v in verdicts)
        else ClaimVerdict.PARTLY
    )
    unstated = tuple(
        f"statement: {p.claim}" for p in parts if p.verdict is not ClaimVerdict.SUPPORTED
    )
    return ClaimCheck(
        whole.claim,
        verdict,
        tuple(cited.values()),
        matching=tuple(m for p in parts for m in p.matching),
        absent=tuple(a for p in parts for a in p.absent) + unstated,
        overlap=max(p.overlap for p in parts),
        similarity=max(p.similarity for p in parts),
    )


@dataclass(frozen=True)
class CheckReport:
    """A checked draft: its segments in order, and a check per claim segment."""

    segments: tuple[Segment, ...]
    checks: tuple[ClaimCheck, ...]
    filters: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def pairs(self) -> list[tuple[Segment, ClaimCheck | None]]:
        """Each segment with its claim's check (None for headings, blank lines, prefixes)."""
        checks = iter(self.checks)
        return [(s, next(checks) if s.kind is SegmentKind.CLAIM else None) for s in self.segments]

    def citations(self) -> list[Citation]:
        """Every citation once, by number."""
        seen = {c.n: c for check in self.checks for c in check.citations}
        return [seen[n] for n in sorted(seen)]

    def counts(self) -> dict[str, int]:
        return {v.value: sum(c.verdict is v for c in self.checks) for v in ClaimVerdict}

    def to_dict(self) -> dict[str, Any]:
        """The `reportqa check --json` shape."""
        return {
            "claims": [{"n": i, **c.to_dict()} for i, c in enumerate(self.checks, start=1)],
            "summary": self.counts(),
            "filters": self.filters,
            "notes": list(self.notes),
        }
