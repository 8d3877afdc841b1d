"""The vanilla pipeline the evaluation compares against.

What a user would write in ten lines with LangChain: a ``langchain_chroma.Chroma``
store holding the index's chunks, embedded with the same model, and
``similarity_search(question, k=4)`` whose passages are the answer. No hybrid
search, no filters, no sentence evidence, never a refusal.

The store lives in a temporary folder. By default it is fed the vectors the index
already holds for those chunks (read with ``ChunkStore.vectors`` and checked on a
sample to equal what the adapter computes), which saves re-embedding the corpus;
``reembed=True`` goes through ``Chroma.add_texts`` instead, as a user would.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from evaluation.metrics import unique_in_order
from index.types import Answer, Chunk, Citation, DocumentMeta
from retrieval.langchain_adapter import EmbedderEmbeddings

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from langchain_chroma import Chroma
    from langchain_core.documents import Document as LCDocument

    from index.store import ChunkStore
    from retrieval.service import ReportQA

log = logging.getLogger(__name__)

COLLECTION = "vanilla_baseline"
SAMPLE = 8  # chunks re-embedded to check the reused vectors


def chunk_metadata(chunk: Chunk) -> dict[str, Any]:
    """What the baseline's store keeps beside a chunk: enough to cite it."""
    return {
        "chunk_id": chunk.chunk_id,
        "doc_id": chunk.doc_id,
        "start": chunk.start,
        "end": chunk.end,
    }


def batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """Consecutive slices of items, each at most size long."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


class VanillaBaseline:
    """LangChain Chroma + similarity_search(k=4), answering with the top passages.

    >>> baseline = VanillaBaseline.build(qa)
    >>> baseline.answer("Which forces lack specialist detectives?").citations[0].quote
    >>> baseline.close()
    """

    name = "baseline"

    def __init__(
        self, store: Chroma, documents: dict[str, DocumentMeta], folder: str, passages: int = 4
    ) -> None:
        self.store = store
        self.documents = documents
        self.folder = folder
        self.passages = passages

    @classmethod
    def build(cls, qa: ReportQA, *, reembed: bool = False, passages: int = 4) -> VanillaBaseline:
        """A baseline over the chunks of qa's index, in a fresh temporary Chroma."""
        import chromadb
        from langchain_chroma import Chroma

        folder = tempfile.mkdtemp(prefix="reportqa-baseline-")
        client = chromadb.PersistentClient(
            path=folder, settings=chromadb.Settings(anonymized_telemetry=False)
        )
        embeddings = EmbedderEmbeddings(qa.searcher.embedder)
        chunks = list(qa.manifest.iter_chunks())
        if not reembed and not _load_stored(client, qa.searcher.store, chunks, embeddings):
            reembed = True
        store = Chroma(collection_name=COLLECTION, embedding_function=embeddings, client=client)
        if reembed:
            for batch in batches(chunks, 512):
                store.add_texts(
                    [c.text for c in batch],
                    metadatas=[chunk_metadata(c) for c in batch],
                    ids=[c.chunk_id for c in batch],
                )
        return cls(store, qa.manifest.documents(), folder, passages)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def ranked_docs(self, question: str, k: int) -> list[str]:
        """Documents of the top-k passages, in rank order."""
        found = self.store.similarity_search(question, k=k)
        return unique_in_order(d.metadata["doc_id"] for d in found)

    def answer(self, question: str) -> Answer:
        """The top passages joined, each one cited; never a refusal."""
        found = self.store.similarity_search(question, k=self.passages)
        citations = [self._citation(i + 1, d) for i, d in enumerate(found)]
        text = "\n\n".join(c.quote for c in citations)
        return Answer(question, "passages", text, citations=citations)

    def _citation(self, n: int, found: LCDocument) -> Citation:
        data = found.metadata
        return Citation(
            n=n,
            meta=self.documents[data["doc_id"]],
            quote=found.page_content,
            start=int(data["start"]),
            end=int(data["end"]),
            chunk_id=data["chunk_id"],
        )


def _load_stored(
    client: ClientAPI, source: ChunkStore, chunks: list[Chunk], embeddings: EmbedderEmbeddings
) -> bool:
    """Copy the index's vectors into a new collection; False when they don't match the model."""
    if not chunks:
        return False
    vectors = source.vectors([c.chunk_id for c in chunks])
    sample = np.asarray(embeddings.embed_documents([c.text for c in chunks[:SAMPLE]]))
    if not np.allclose(sample, vectors[:SAMPLE], atol=1e-3):
        log.warning("stored vectors differ from the model's; re-embedding for the baseline")
        return False
    collection = client.create_collection(COLLECTION, embedding_function=None)
    for batch in batches(range(len(chunks)), client.get_max_batch_size()):
        collection.add(
            ids=[chunks[i].chunk_id for i in batch],
            embeddings=vectors[batch.start : batch.stop],
            documents=[chunks[i].text for i in batch],
            metadatas=[chunk_metadata(chunks[i]) for i in batch],
        )
    return True
