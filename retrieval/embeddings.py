"""A LangChain ``Embeddings`` adapter over reportqa's :class:`~index.embed.Embedder`.

Lets any LangChain component (a vector store, a retriever) embed with exactly the
model, normalisation and offline loading the index uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    from index.embed import Embedder


class EmbedderEmbeddings(Embeddings):
    """LangChain embeddings backed by an :class:`Embedder`.

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
