"""LangChain's own standard tests (langchain-tests) run against the adapter: the
retriever over the session's sample index and the embeddings over the real model,
plus what a chain passes at invoke time (k, filters) beyond what they check."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_tests.integration_tests import (
    EmbeddingsIntegrationTests,
    RetrieversIntegrationTests,
)

from retrieval.langchain_adapter import EmbedderEmbeddings, ReportRetriever
from retrieval.search.filters import Filters

QUERY = "shortage of trained detectives"


class TestReportRetriever(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _service(self, qa) -> None:  # noqa: ANN001
        type(self).service = qa

    @property
    def retriever_constructor(self) -> type[ReportRetriever]:
        return ReportRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"qa": self.service}

    @property
    def retriever_query_example(self) -> str:
        return QUERY


class TestEmbedderEmbeddings(EmbeddingsIntegrationTests):
    @pytest.fixture(autouse=True)
    def _embedder(self, embedder) -> None:  # noqa: ANN001
        type(self).embedder = embedder

    @property
    def embeddings_class(self) -> type[EmbedderEmbeddings]:
        return EmbedderEmbeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {"embedder": self.embedder}


def test_filters_given_at_invoke_time_apply_to_that_call_only(qa):
    retriever = ReportRetriever(qa=qa, k=5)
    kent = retriever.invoke(QUERY, filters=Filters(forces=("Kent Police",)), k=2)
    assert len(kent) == 2 and all("Kent Police" in d.metadata["forces"] for d in kent)
    anyone = retriever.invoke(QUERY)
    assert len(anyone) == 5 and any("Kent Police" not in d.metadata["forces"] for d in anyone)
