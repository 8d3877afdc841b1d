"""reportqa seen from LangChain: the only module that imports it.

- :class:`ReportRetriever` exposes hybrid search as a ``BaseRetriever`` (``Document`` s
  with the chunk's report, place and scores), ready for an LCEL chain.
- :func:`as_runnable` is ``ReportQA.ask`` as a ``Runnable``: invoke, batch or compose it.
- :class:`EmbedderEmbeddings` lets any LangChain component embed with exactly the model,
  normalisation and offline loading the index uses.

Nothing on the ask path imports this module, so answering never loads LangChain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import ConfigDict

from index.types import Answer, Hit
from retrieval.search.filters import Filters

if TYPE_CHECKING:
    from index.embed import Embedder
    from retrieval.service import ReportQA


def hit_to_document(hit: Hit) -> LCDocument:
    """A LangChain Document carrying the chunk's report, place and scores."""
    chunk, meta = hit.chunk, hit.meta
    return LCDocument(
        page_content=chunk.text,
        id=chunk.chunk_id,
        metadata={
            "chunk_id": chunk.chunk_id,
            "doc_id": meta.doc_id,
            "source": meta.source,
            "title": meta.title,
            "force": meta.force,
            "forces": list(meta.forces),
            "report_type": meta.report_type,
            "published": meta.published,
            "url": meta.url,
            "page": chunk.page_label,
            "section": chunk.section,
            "paragraph": chunk.paragraph,
            "start": chunk.start,
            "end": chunk.end,
            "score": hit.score,
            "dense_score": hit.dense_score,
            "lexical_score": hit.lexical_score,
            "rank": hit.rank,
        },
    )


class ReportRetriever(BaseRetriever):
    """Hybrid search as a LangChain retriever. ``k``, ``filters`` and ``infer_filters``
    given to ``invoke`` apply to that call instead of the retriever's own.

    >>> retriever = ReportRetriever(qa=ReportQA.open(".reportqa/index"), k=5)
    >>> retriever.invoke("custody healthcare")[0].metadata["page"]
    >>> retriever.invoke("custody healthcare", k=2, filters=Filters(since=2021))
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    qa: Any  # a retrieval.service.ReportQA
    k: int = 10
    filters: Filters | None = None
    infer_filters: bool = True

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        k: int | None = None,
        filters: Filters | None = None,
        infer_filters: bool | None = None,
    ) -> list[LCDocument]:
        result = self.qa.search(
            query,
            k=self.k if k is None else k,
            filters=self.filters if filters is None else filters,
            infer=self.infer_filters if infer_filters is None else infer_filters,
        )
        return [hit_to_document(hit) for hit in result.hits]


def as_runnable(qa: ReportQA) -> Runnable[str | dict[str, Any], Answer]:
    """``qa.ask`` as a Runnable; input a question or ``{"question", "filters"}``."""

    def ask(request: str | dict[str, Any]) -> Answer:
        if isinstance(request, str):
            return qa.ask(request)
        return qa.ask(request["question"], request.get("filters"))

    return RunnableLambda(ask, name="reportqa.ask")


class EmbedderEmbeddings(Embeddings):
    """LangChain embeddings backed by an :class:`~index.embed.Embedder`.

    >>> from langchain_chroma import Chroma
    >>> store = Chroma(embedding_function=EmbedderEmbeddings(Embedder()), client=client)
    """

    def __init__(self, embedder: Embedder, batch_size: int = 64) -> None:
        self.embedder = embedder
        self.batch_size = batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self.embedder.embed_documents(texts, batch_size=self.batch_size).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text).tolist()
