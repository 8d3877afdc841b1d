"""The lexical (BM25, via bm25s) side of the index, persisted beside Chroma.

It is rebuilt from the manifest's chunks whenever a build changes anything, into
a folder named for the manifest revision; a pointer file switched atomically says
which folder is current, so a reader never sees a half-written index.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.faults import crash_point
from index.text import LEXICAL_STOPWORDS, english_stemmer

if TYPE_CHECKING:
    import bm25s
    import numpy as np
    from bm25s.tokenization import Tokenizer

    from index.manifest import Manifest

POINTER = "CURRENT"


def make_tokenizer() -> Tokenizer:
    from bm25s.tokenization import Tokenizer

    return Tokenizer(stopwords=LEXICAL_STOPWORDS, stemmer=english_stemmer())


@dataclass
class LexicalIndex:
    """BM25 over chunk texts; ``chunk_ids[i]`` is the i-th indexed chunk."""

    retriever: bm25s.BM25
    tokenizer: Tokenizer
    chunk_ids: list[str]
    revision: int

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk_id, BM25 score) with score > 0; mask selects allowed chunks."""
        return self.search_masks(query, k, [mask])[0]

    def search_masks(
        self, query: str, k: int, masks: Sequence[np.ndarray | None]
    ) -> list[list[tuple[str, float]]]:
        """:meth:`search` under each mask, from one scoring of the query."""
        import numpy as np

        ids = self._query_ids(query)
        if not ids:
            return [[] for _ in masks]
        scores = self.retriever.get_scores(ids)
        k = min(k, len(self.chunk_ids))
        found = []
        for mask in masks:
            masked = scores if mask is None else scores * mask
            kth = masked[np.argpartition(-masked, k - 1)[k - 1]]
            tied = np.flatnonzero(masked >= kth)  # every chunk scoring as the k-th, too
            best = tied[np.lexsort((tied, -masked[tied]))][:k]  # equal scores: chunk id order
            found.append([(self.chunk_ids[i], float(masked[i])) for i in best if masked[i] > 0])
        return found

    def _query_ids(self, query: str) -> list[int]:
        """The query's word ids that occur in the indexed chunks."""
        if not self.chunk_ids:
            return []
        tokens = self.tokenizer.tokenize(
            [query], update_vocab=False, return_as="ids", show_progress=False
        )
        known = self.retriever.unique_token_ids_set
        return [int(t) for t in (tokens[0] if tokens else []) if t in known]


def build_lexical(manifest: Manifest, folder: Path) -> LexicalIndex:
    """Index every chunk in the manifest and switch the pointer to the new folder."""
    import bm25s

    revision = manifest.revision()
    # in chunk id order, so equal scores rank alike however the index was built
    chunks = sorted(manifest.iter_chunks(), key=lambda c: c.chunk_id)
    tokenizer = make_tokenizer()
    retriever = bm25s.BM25()
    tokens = tokenizer.tokenize(
        [c.text for c in chunks] or [""], return_as="tuple", show_progress=False
    )
    retriever.index(tokens, show_progress=False)
    target = folder / f"rev-{revision}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    retriever.save(str(target), show_progress=False)
    tokenizer.save_vocab(str(target))
    (target / "chunk_ids.json").write_text(json.dumps([c.chunk_id for c in chunks]))
    crash_point("lexical-written")
    _switch_pointer(folder, target.name)
    return LexicalIndex(retriever, tokenizer, [c.chunk_id for c in chunks], revision)


def _switch_pointer(folder: Path, name: str) -> None:
    tmp = folder / f"{POINTER}.tmp"
    tmp.write_text(name)
    os.replace(tmp, folder / POINTER)
    crash_point("after-lexical-switch")
    for old in folder.glob("rev-*"):
        if old.name != name:
            shutil.rmtree(old, ignore_errors=True)


def lexical_matches(manifest: Manifest, folder: Path) -> bool:
    """Whether the current BM25 side indexes exactly the manifest's chunks (a run killed
    after committing chunks but before switching BM25 leaves it behind)."""
    pointer = folder / POINTER
    if not pointer.exists():
        return False
    stored = folder / pointer.read_text().strip() / "chunk_ids.json"
    return stored.exists() and set(json.loads(stored.read_text())) == manifest.chunk_ids()


def load_lexical(folder: Path, attempts: int = 3) -> LexicalIndex | None:
    """The current lexical index, or None when there is none. A build that switches the
    pointer while this reads deletes the folder being read: read the new one then."""
    pointer = folder / POINTER
    for attempt in range(attempts):
        if not pointer.exists():
            return None
        name = pointer.read_text().strip()
        try:
            return _load(folder / name)
        except OSError:
            if attempt + 1 == attempts or pointer.read_text().strip() == name:
                raise  # not a switch by a build: the folder is damaged
    return None


def _load(target: Path) -> LexicalIndex:
    import bm25s

    tokenizer = make_tokenizer()
    tokenizer.load_vocab(str(target))
    retriever = bm25s.BM25.load(str(target), show_progress=False, verbosity=0)
    chunk_ids = json.loads((target / "chunk_ids.json").read_text())
    return LexicalIndex(retriever, tokenizer, chunk_ids, int(target.name.removeprefix("rev-")))


def ensure_lexical(manifest: Manifest, folder: Path) -> LexicalIndex:
    """The lexical index for the manifest's current revision, rebuilt if stale or missing."""
    current = load_lexical(folder)
    if current is not None and current.revision == manifest.revision():
        return current
    return build_lexical(manifest, folder)
