"""What a build embeds for a group of chunks: every distinct text once.

A chunk's vector and the vectors of its quotable units (``index.sentences.chunk_units``)
are rows of one batch of texts. A text met more than once in a group (a sentence in the
overlap of two chunks, a line repeated across reports, a unit that is a whole chunk) is
embedded once and its row shared. The model gives a text the same vector whichever
batch it is in, so the stored vectors, and the answers, are those of embedding every
text on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.sentences import chunk_units
from index.types import Chunk

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class EmbedPlan:
    """Distinct texts to embed and, per chunk and per unit, the row that holds its vector.

    >>> plan = EmbedPlan.of(chunks)
    >>> chunk_vectors, unit_vectors = plan.split(embedder.embed_documents(plan.texts))
    """

    texts: tuple[str, ...]  # distinct, in first-seen order: chunk texts, then unit texts
    chunk_rows: tuple[int, ...]  # row of each chunk's vector, in the order of the chunks
    unit_rows: dict[str, tuple[int, ...]]  # chunk id -> rows of its units (chunks with units)
    wanted: int  # texts before duplicates were dropped: chunks plus all their units

    @classmethod
    def of(cls, chunks: Sequence[Chunk]) -> EmbedPlan:
        rows: dict[str, int] = {}

        def row(text: str) -> int:
            return rows.setdefault(text, len(rows))

        chunk_rows = tuple(row(chunk.text) for chunk in chunks)
        unit_rows: dict[str, tuple[int, ...]] = {}
        wanted = len(chunks)
        for chunk in chunks:
            units = chunk_units(chunk)
            wanted += len(units)
            if units:
                unit_rows[chunk.chunk_id] = tuple(row(unit.text) for unit in units)
        return cls(tuple(rows), chunk_rows, unit_rows, wanted)

    def split(self, vectors: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """The chunk vectors (one row per chunk) and, per chunk id, its units' vectors."""
        if len(vectors) != len(self.texts):
            raise ValueError(f"{len(vectors)} vectors for {len(self.texts)} texts")
        units = {chunk_id: vectors[list(rows)] for chunk_id, rows in self.unit_rows.items()}
        return vectors[list(self.chunk_rows)], units
