"""The question-answering path as a LangChain Runnable, and search as a BaseRetriever.

``build_chain(qa)`` composes plan → retrieve → answer, so it can be invoked,
batched, streamed or composed with other runnables. ``ReportRetriever`` exposes the
hybrid search to any LangChain pipeline as ``Document`` s with full metadata.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import ConfigDict

from index.types import Hit
from retrieval.filters import Filters

if TYPE_CHECKING:
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
    """Hybrid search as a LangChain retriever.

    >>> retriever = ReportRetriever(qa=qa, k=5)
    >>> retriever.invoke("custody healthcare")[0].metadata["page"]
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    qa: Any  # a retrieval.service.ReportQA
    k: int = 10
    filters: Filters | None = None
    infer_filters: bool = True

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LCDocument]:
        result = self.qa.search(query, k=self.k, filters=self.filters, infer=self.infer_filters)
        return [hit_to_document(hit) for hit in result.hits]


def _request(value: str | dict[str, Any]) -> dict[str, Any]:
    return {"question": value} if isinstance(value, str) else value


def build_chain(qa: ReportQA) -> Runnable:
    """plan → retrieve → answer; input a question or {"question", "filters"}."""
    plan = RunnableLambda(
        lambda request: qa.plan(request["question"], request.get("filters")), name="plan"
    )
    retrieve = RunnableLambda(qa.retrieve, name="retrieve")
    answer = RunnableLambda(qa.compose, name="answer")
    return RunnableLambda(_request, name="request") | plan | retrieve | answer
