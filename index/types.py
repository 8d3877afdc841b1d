"""The core types of reportqa, defined once and shared by every layer.

A loader turns a file into a :class:`LoadedDocument` (metadata plus ordered
:class:`Block` s); :func:`assemble` joins the blocks into the document's text and
records where each block starts. The chunker cuts that text into :class:`Chunk` s
whose ``start``/``end`` offsets slice the text back exactly. Retrieval returns
:class:`Hit` s; answerers return an :class:`Answer` made of sentences that cite
:class:`Citation` s, each quoting a verbatim span of its document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from index.lexicon.dates import years

BLOCK_SEPARATOR = "\n\n"
TextOf = Callable[[str], str | None]  # doc_id -> the document's full extracted text


@dataclass(frozen=True)
class DocumentMeta:
    """What a user cites: which report, about whom, when, where to find it."""

    doc_id: str  # the source path relative to the corpus root, without extension
    source: str  # the source path relative to the corpus root, as indexed
    title: str
    forces: tuple[str, ...] = ()  # canonical force names; ("National",) for national reports
    report_type: str | None = None  # a label from index.report_types.REPORT_TYPES
    published: str | None = None  # ISO date YYYY-MM-DD, or None when unknown
    url: str | None = None
    inspectorate: str | None = None
    date_source: str | None = None  # where ``published`` was read: "front matter" or "text"

    @property
    def force(self) -> str | None:
        """The forces as one display string ("A and B"), or None when unknown."""
        return " and ".join(self.forces) if self.forces else None

    @cached_property
    def year(self) -> int | None:  # cached: filters read it for every report per query
        return int(self.published[:4]) if self.published else None

    @property
    def sort_date(self) -> str:
        """Where the report falls in time, oldest first: its publication date, or when it
        is undated the first year its title names ("Devon and Cornwall 2016 (PEEL)"),
        after the dated reports of that year; "" (first) with neither."""
        if self.published:
            return self.published
        named = years(self.title or "")
        return f"{named[0].value[:4]}-99" if named else ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["forces"] = list(self.forces)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentMeta:
        fields = {k: data.get(k) for k in cls.__dataclass_fields__}
        fields["forces"] = tuple(data.get("forces") or ())
        return cls(**fields)


@dataclass(frozen=True)
class Block:
    """One structural unit from a loader: a heading, a paragraph or a list item."""

    text: str
    page: int | None = None  # 1-based page in the file (PDF); None for HTML/Markdown
    printed_page: str | None = None  # the number printed on that page, when it has one
    section: str = ""  # heading path, " > "-joined, e.g. "3. Findings > 3.2 Custody"
    paragraph: str | None = None  # the report's own paragraph number, e.g. "3.12"
    is_heading: bool = False


@dataclass(frozen=True)
class BlockSpan:
    """Where a block sits in its document's text."""

    start: int
    end: int
    block: Block


@dataclass(frozen=True)
class LoadedDocument:
    """A parsed file: its metadata and its blocks in reading order."""

    meta: DocumentMeta
    blocks: tuple[Block, ...]

    def assemble(self) -> Document:
        return assemble(self.meta, self.blocks)


@dataclass(frozen=True)
class Document:
    """A report's full extracted text with the position of every block."""

    meta: DocumentMeta
    text: str
    spans: tuple[BlockSpan, ...]


def assemble(meta: DocumentMeta, blocks: tuple[Block, ...] | list[Block]) -> Document:
    """Join blocks with blank lines, recording each block's character span."""
    parts: list[str] = []
    spans: list[BlockSpan] = []
    offset = 0
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        if parts:
            offset += len(BLOCK_SEPARATOR)
        spans.append(BlockSpan(offset, offset + len(text), block))
        parts.append(text)
        offset += len(text)
    return Document(meta=meta, text=BLOCK_SEPARATOR.join(parts), spans=tuple(spans))


@dataclass(frozen=True)
class Chunk:
    """A retrievable slice of one document; ``doc.text[start:end] == text``."""

    chunk_id: str
    doc_id: str
    ordinal: int
    text: str
    start: int
    end: int
    page: int | None = None
    printed_page: str | None = None
    section: str = ""
    paragraph: str | None = None

    @property
    def page_label(self) -> str | None:
        """The page a reader should look at: the printed number when known."""
        if self.printed_page:
            return self.printed_page
        return str(self.page) if self.page is not None else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class Hit:
    """A chunk returned by search, with its document's metadata and scores."""

    chunk: Chunk
    meta: DocumentMeta
    score: float  # the fused score used for ranking (higher is better)
    dense_score: float | None = None  # cosine similarity, when the dense side found it
    lexical_score: float | None = None  # BM25 score, when the lexical side found it
    rank: int = 0
    preferred: bool = False  # its report fits what the question implies (a soft filter)

    def to_dict(self) -> dict[str, Any]:
        """The `reportqa search --json` shape."""
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "chunk_id": self.chunk.chunk_id,
            "doc_id": self.meta.doc_id,
            "source": self.meta.source,
            "title": self.meta.title,
            "force": self.meta.force,
            "report_type": self.meta.report_type,
            "published": self.meta.published,
            "page": self.chunk.page_label,
            "section": self.chunk.section,
            "text": self.chunk.text,
        }


@dataclass(frozen=True)
class Citation:
    """A verbatim quote with everything needed to cite it.

    ``quote`` must equal the document text between ``start`` and ``end``;
    answerers check this before returning (see ``retrieval.verify``).
    """

    n: int
    meta: DocumentMeta
    quote: str
    start: int
    end: int
    page: str | None = None  # printed page when known, else the file's page number
    section: str = ""
    paragraph: str | None = None
    chunk_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The `reportqa ask --json` citation shape."""
        return {
            "n": self.n,
            "doc_id": self.meta.doc_id,
            "source": self.meta.source,
            "url": self.meta.url,
            "title": self.meta.title,
            "force": self.meta.force,
            "report_type": self.meta.report_type,
            "published": self.meta.published,
            "page": self.page,
            "section": self.section,
            "paragraph": self.paragraph,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class TableRow:
    """One row of an aggregate or trend answer: a force (or year) and its evidence; rows
    read from the grades table also carry the grade, its area and cycle, rows of the facts
    table the date the fact holds for."""

    force: str
    text: str
    citations: tuple[int, ...]
    published: str | None = None
    title: str | None = None
    grade: str | None = None
    area: str | None = None
    cycle: str | None = None
    when: str | None = None  # as precise as stated: "2019", "2022-06", "2022-06-28"

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"force": self.force, "text": self.text}
        if self.grade:
            row |= {"grade": self.grade, "area": self.area, "cycle": self.cycle}
        if self.when:
            row["when"] = self.when
        return row | {"citations": list(self.citations)}


class Kind(StrEnum):
    """What an answer is: one fact, a row per force, a time series, a side-by-side, or
    (the vanilla baseline) ranked passages."""

    LOOKUP = "lookup"
    AGGREGATE = "aggregate"
    TREND = "trend"
    COMPARE = "compare"
    PASSAGES = "passages"


class RefusalReason(StrEnum):
    """Why an answer is a refusal."""

    NO_MATCHING_REPORTS = "no_matching_reports"  # the explicit filters match no report
    WEAK_EVIDENCE = "weak_evidence"  # no passage is close enough to the question
    NOT_COVERED = "not_covered"  # the closest reports never mention what it asks about
    FACT_NOT_STATED = "fact_not_stated"  # close passages, none states the asked fact
    FUTURE = "future"  # it asks how a later inspection will grade: no report can say
    ERROR = "error"  # answering failed (evaluation records it as a refusal)


@dataclass(frozen=True)
class Refusal:
    """A refusal's reason, and what the question is about that no report mentions."""

    reason: RefusalReason
    missing: tuple[str, ...] = ()
    detail: str = ""  # a sentence for people, e.g. which filters matched nothing


@dataclass
class Answer:
    """A grounded answer: text with [n] markers, its citations, and how it was made."""

    question: str
    kind: Kind
    answer: str
    refusal: Refusal | None = None
    filters: dict[str, Any] = field(default_factory=dict)
    table: list[TableRow] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    see_also: list[Hit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # conflicts, dropped LLM sentences, fallbacks
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return self.refusal is not None

    def to_dict(self) -> dict[str, Any]:
        """The `reportqa ask --json` shape."""
        return {
            "question": self.question,
            "kind": self.kind,
            "answer": self.answer,
            "refused": self.refused,
            "filters": self.filters,
            "table": [row.to_dict() for row in self.table],
            "citations": [c.to_dict() for c in self.citations],
            "see_also": [h.to_dict() for h in self.see_also],
            "notes": self.notes,
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
