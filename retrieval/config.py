"""Every tunable knob of search and answers, in one typed tree.

``QAConfig`` is what :meth:`retrieval.service.ReportQA.open` takes, what ``--set
section.field=value`` on the command line changes and what ``scripts/tune.py`` varies;
the defaults were chosen on the team's questions and reported on the field set
(docs/evaluation.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from typing import Any

from index.errors import ConfigError
from index.types import Kind


@dataclass(frozen=True)
class SearchConfig:
    """Fusion knobs, tuned on the evaluation set (docs/evaluation.md)."""

    fetch_factor: int = 5  # each side fetches k * fetch_factor candidates
    min_fetch: int = 40
    rrf_k: int = 60
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    # Reports that fit the filters a question implies are searched a second time on
    # their own, and that ranking is fused in with this weight: preferred, not exclusive.
    prefer_weight: float = 1.0
    # Add the reports' words for a reader's ("youngsters" -> children, young people;
    # index/lexicon/thesaurus.py) to the query that BM25 / the embedding model reads
    # (both on: the best on the team's questions, docs/evaluation.md).
    expand_lexical: bool = True
    expand_dense: bool = True


@dataclass(frozen=True)
class AnswerConfig:
    """Thresholds and breadth, calibrated on tests/eval/questions.jsonl (docs/evaluation.md)."""

    refuse_below: float = 0.30  # best evidence score under this: the reports don't say
    lookup_hits: int = 8
    lookup_sentences: int = 6
    lookup_margin: float = 0.15  # further sentences must score within this of the best
    part_hits: int = 4  # more hits searched for each part of a two-part lookup
    part_coverage: float = 0.5  # a quote answers a part of a two-part question with this
    # share of the part's words (and its kind of fact)
    aggregate_hits: int = 60  # search wide: every report can matter
    aggregate_per_doc: int = 3
    aggregate_min: float = 0.50  # a force is listed when its best sentence reaches this
    trend_hits: int = 60
    trend_per_doc: int = 4
    trend_min: float = 0.40
    trend_quotes: int = 4  # quotes per report in a trend or comparison
    findings_only: bool = True  # a report with grades/figures quotes nothing else
    finding_reach: float = 2.0  # a trend quote stating a grade or figure may fall this many
    # lookup_margins below the report's lead (others: one)
    # Wide searches only read sentences of chunks at least this close to the question
    # (dense cosine), or found by the lexical side: it keeps aggregate answers fast.
    wide_chunk_floor: float = 0.25
    see_also: int = 3

    def search_breadth(self, kind: Kind) -> tuple[int, int | None]:
        """(k, per-document cap) to retrieve for a kind of question."""
        if kind is Kind.AGGREGATE:
            return self.aggregate_hits, self.aggregate_per_doc
        if kind in (Kind.TREND, Kind.COMPARE):
            return self.trend_hits, self.trend_per_doc
        return self.lookup_hits, None


@dataclass(frozen=True)
class ScorerConfig:
    """How a quotable unit is scored against the question (retrieval.answer.evidence)."""

    similarity_weight: float = 0.70  # the rest is the unit's share of the question's words
    type_penalty: float = 0.10  # lost by a unit without the kind of fact asked
    boilerplate_penalty: float = 0.15  # lost by a title restated or a recurring line
    prefer_bonus: float = 0.05  # won by a unit of a report the question prefers
    count_bonus: float = 0.10  # won by a number counting what "how many …" counts
    # A unit's similarity blends in its chunk's (context: "the force" is named above).
    chunk_weight: float = 0.3
    rank_weight: float = 0.0  # won by units of the best-ranked chunks, by rank


@dataclass(frozen=True)
class QAConfig:
    """Search, answer and scorer knobs together.

    >>> QAConfig().override(["answer.refuse_below=0.25"]).answer.refuse_below
    0.25
    """

    search: SearchConfig = field(default_factory=SearchConfig)
    answer: AnswerConfig = field(default_factory=AnswerConfig)
    scorer: ScorerConfig = field(default_factory=ScorerConfig)

    def override(self, assignments: Iterable[str]) -> QAConfig:
        """A copy with ``section.field=value`` assignments applied (values read as JSON)."""
        changes: dict[str, dict[str, Any]] = {}
        for assignment in assignments:
            key, sep, value = assignment.partition("=")
            section, _, name = key.strip().partition(".")
            if not sep or name not in _field_names(getattr(self, section, None)):
                raise ConfigError(
                    f"unknown setting {assignment!r}: use section.field=value with one of "
                    f"{', '.join(self.keys())}"
                )
            changes.setdefault(section, {})[name] = _value(assignment, value)
        return replace(self, **{s: replace(getattr(self, s), **c) for s, c in changes.items()})

    def keys(self) -> list[str]:
        """Every ``section.field`` that :meth:`override` accepts."""
        return [
            f"{section.name}.{name}"
            for section in fields(self)
            for name in _field_names(getattr(self, section.name))
        ]


def _field_names(section: object) -> list[str]:
    if section is None or not hasattr(section, "__dataclass_fields__"):
        return []
    return [f.name for f in fields(section)]  # type: ignore[arg-type]


def _value(assignment: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise ConfigError(f"{assignment!r}: the value must be a number or true/false") from None
