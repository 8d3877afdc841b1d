"""Build or update an index from a corpus folder: load, chunk, embed, store.

Incremental: a file whose content hash (and sidecar row) is unchanged is skipped,
a changed file has its chunks replaced, a deleted file has its chunks removed.
Crash-safe: a file is marked pending in the manifest before Chroma is touched, and
the next run starts by deleting whatever chunks pending files left behind.
The quotable units of each chunk (``index.sentences.chunk_units``) are embedded with
the chunks and stored in the manifest, in the same transaction as the chunk rows, so
answering never has to embed sentences at query time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.chunk import Chunker, ChunkerConfig
from index.embed_plan import EmbedPlan
from index.errors import LoadError, ReportQAError
from index.faults import crash_point
from index.lexical import build_lexical, lexical_matches
from index.loaders import discover, load_file, read_sidecar
from index.lock import IndexLock, writing_to
from index.manifest import Manifest
from index.settings import IndexSettings
from index.store import ChunkStore
from index.sweeps import sweep
from index.types import Chunk, Document
from index.vector_settings import check_settings, vector_settings

if TYPE_CHECKING:
    import numpy as np
    from tqdm import tqdm

    from index.embed import Embedder

log = logging.getLogger(__name__)

GROUP_CHUNKS = 512  # embed this many chunks at once, across files, for throughput


@dataclass
class BuildSummary:
    """What a build did; ``to_dict`` is the `--json` output."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    chunks_embedded: int = 0
    texts_embedded: int = 0  # chunk and unit texts sent to the model (each distinct one once)
    chunks_total: int = 0
    seconds: float = 0.0

    @property
    def chunks_per_second(self) -> float:
        return round(self.chunks_embedded / self.seconds, 1) if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["seconds"] = round(self.seconds, 2)
        data["chunks_per_second"] = self.chunks_per_second
        return data

    def line(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.removed} removed, {len(self.failed)} failed; {self.chunks_total} chunks "
            f"({self.chunks_embedded} embedded, {self.texts_embedded} texts) in "
            f"{self.seconds:.1f} s, "
            f"{self.chunks_per_second} chunks/s"
        )


@dataclass(frozen=True)
class Pending:
    """A file that needs (re)indexing, with its hash and whether it is new."""

    path: Path
    source: str
    sha256: str
    is_new: bool


@dataclass(frozen=True)
class Parsed:
    pending: Pending
    document: Document
    chunks: list[Chunk]


def file_hash(path: Path, sidecar_row: dict[str, str] | None) -> str:
    """The file's content (streamed: a huge file is not held in memory) and sidecar row."""
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256")
    if sidecar_row:
        digest.update(json.dumps(sidecar_row, sort_keys=True).encode())
    return digest.hexdigest()


@dataclass
class Run:
    """The state of one build: where it reads, where it writes, what it has done."""

    corpus: Path
    manifest: Manifest
    store: ChunkStore
    summary: BuildSummary
    sidecar: dict[str, dict[str, str]] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)  # doc_id -> source that holds it


class IndexBuilder:
    """Bring an index in step with a corpus folder.

    >>> builder = IndexBuilder(IndexSettings(index_dir=Path("/tmp/idx")), Embedder())
    >>> builder.build(Path("corpus")).to_dict()["chunks_total"]
    """

    def __init__(self, settings: IndexSettings, embedder: Embedder, progress: bool = False) -> None:
        self.settings = settings
        self.embedder = embedder
        limit = min(settings.chunk_tokens or embedder.max_tokens, embedder.max_tokens)
        config = ChunkerConfig(max_tokens=limit, overlap_tokens=settings.overlap_tokens)
        self.chunker = Chunker(embedder.count_tokens, config)
        self.progress = progress

    def build(self, corpus: Path) -> BuildSummary:
        """Bring the index in line with ``corpus``; one writer at a time (IndexLock), and a
        full disk or read-only folder is one clear error with the index left as it was."""
        if not corpus.is_dir():
            raise ReportQAError(f"corpus folder {corpus} does not exist or is not a folder")
        started = time.perf_counter()
        with (
            writing_to(self.settings.index_dir),
            IndexLock(self.settings.index_dir),
            Manifest.open(self.settings.manifest_path) as manifest,
        ):
            summary = self._build(corpus, manifest)
        summary.seconds = time.perf_counter() - started
        return summary

    def _build(self, corpus: Path, manifest: Manifest) -> BuildSummary:
        wanted = vector_settings(self.embedder, self.chunker)
        check_settings(manifest, wanted, self.settings.index_dir)
        store = ChunkStore.open(
            self.settings, model=self.embedder.name, dimension=self.embedder.dimension
        )
        manifest.set_settings(wanted)
        run = Run(corpus, manifest, store, BuildSummary())
        changed = manifest.refresh_statements()  # grades read by older rules, or none
        crash_point("after-statements-refresh")
        changed = self._recover(run) or bool(sweep(manifest, store)) or changed
        crash_point("after-recover")
        pending = self._plan(run)
        crash_point("after-plan")
        self._index(run, pending)
        changed = changed or bool(pending) or run.summary.removed > 0
        if changed or not lexical_matches(manifest, self.settings.lexical_path):
            manifest.bump_revision()
            crash_point("before-lexical")
            build_lexical(manifest, self.settings.lexical_path)
        manifest.checkpoint()
        run.summary.chunks_total = manifest.chunk_count()
        return run.summary

    @staticmethod
    def _recover(run: Run) -> bool:
        """Undo what an interrupted run left half-done: chunks of files still pending."""
        stale = [r for r in run.manifest.files().values() if r.state == "pending"]
        for record in stale:
            log.info("cleaning up after an interrupted build: %s", record.source)
            run.store.delete_doc(record.doc_id)
            run.manifest.remove_file(record.source, record.doc_id)
        return bool(stale)

    @staticmethod
    def _plan(run: Run) -> list[Pending]:
        """Compare the corpus with the manifest: remove deleted files, list what to index."""
        try:
            run.sidecar = read_sidecar(run.corpus)
        except LoadError as exc:
            run.summary.failed.append({"file": exc.path, "reason": exc.reason})
        records = run.manifest.files()
        run.owners = {r.doc_id: r.source for r in records.values() if r.state == "done"}
        on_disk = {p.relative_to(run.corpus).as_posix(): p for p in discover(run.corpus)}
        if not on_disk and records:
            raise ReportQAError(
                f"no reports (PDF, HTML, Markdown) found in {run.corpus}; the index still "
                f"holds {len(records)} files and was left unchanged. Check --corpus."
            )
        for source in sorted(set(records) - set(on_disk)):
            record = records[source]
            held = record.state == "done"  # a failed file holds no chunks of its own
            if held:
                run.store.delete_doc(record.doc_id)
                run.owners.pop(record.doc_id, None)
            run.manifest.remove_file(source, record.doc_id, forget=held)
            run.summary.removed += held
        pending: list[Pending] = []
        for source, path in on_disk.items():
            try:
                digest = file_hash(path, run.sidecar.get(source))
            except OSError as exc:  # deleted or made unreadable since it was listed
                reason = f"could not be read ({exc.strerror or exc}); what was indexed stays"
                run.summary.failed.append({"file": source, "reason": reason})
                continue
            record = records.get(source)
            if record and record.sha256 == digest and record.state == "done":
                run.summary.unchanged += 1
            elif record and record.sha256 == digest and record.state == "failed":
                run.summary.failed.append({"file": source, "reason": record.error or "failed"})
            else:
                pending.append(Pending(path, source, digest, record is None))
        return pending

    def _index(self, run: Run, pending: list[Pending]) -> None:
        bar = self._bar(len(pending))
        for group in self._groups(run, pending):
            plan = EmbedPlan.of([c for p in group for c in p.chunks])
            vectors, unit_vectors = self._embed(plan)
            crash_point("after-embed")
            self._write(run, group, vectors, unit_vectors)
            crash_point("after-commit")
            sweep(run.manifest, run.store)
            run.summary.texts_embedded += len(plan.texts)
            for parsed in group:
                run.summary.chunks_embedded += len(parsed.chunks)
                run.summary.added += parsed.pending.is_new
                run.summary.updated += not parsed.pending.is_new
            if bar is not None:
                bar.update(len(group))
                bar.set_postfix(chunks=run.summary.chunks_embedded)
        if bar is not None:
            bar.close()

    def _embed(self, plan: EmbedPlan) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Chunk vectors, and per chunk id the vectors of its units (chunks with units only).

        Chunks and unit texts go through the model in one call, so its length-sorted
        batching packs the short unit texts together; each distinct text goes once.
        """
        vectors = self.embedder.embed_documents(plan.texts, batch_size=self.settings.batch_size)
        return plan.split(vectors)

    def _groups(self, run: Run, pending: list[Pending]) -> Iterator[list[Parsed]]:
        """Parse and chunk files, yielding groups of about GROUP_CHUNKS chunks to embed."""
        group: list[Parsed] = []
        for item in pending:
            parsed = self._parse(run, item)
            crash_point("after-parse")
            if parsed is None:
                continue
            group.append(parsed)
            if sum(len(p.chunks) for p in group) >= GROUP_CHUNKS:
                yield group
                group = []
        if group:
            yield group

    def _parse(self, run: Run, item: Pending) -> Parsed | None:
        """Load and chunk one file; a bad file is recorded as failed and skipped."""
        try:
            loaded = load_file(item.path, run.corpus, run.sidecar)
            owner = run.owners.setdefault(loaded.meta.doc_id, item.source)
            if owner != item.source:
                raise LoadError(
                    item.source, f"same report name as {owner}; keep each report in one format"
                )
            document = loaded.assemble()
            if not document.text.strip():
                raise LoadError(item.source, "no text found in the file")
        except LoadError as exc:
            log.warning("skipped %s", exc)
            doc_id = Path(item.source).with_suffix("").as_posix()
            owned = run.owners.get(doc_id) in (None, item.source)
            if owned:  # drop what this file's previous version had indexed
                run.store.delete_doc(doc_id)
                run.owners.pop(doc_id, None)
            run.manifest.mark_failed(item.source, doc_id, item.sha256, exc.reason, forget=owned)
            run.summary.failed.append({"file": item.source, "reason": exc.reason})
            return None
        return Parsed(item, document, self.chunker.chunk(document))

    @staticmethod
    def _write(
        run: Run, group: list[Parsed], vectors: np.ndarray, unit_vectors: dict[str, np.ndarray]
    ) -> None:
        """Pending first, then Chroma, then done (the old chunks are swept after): a kill
        anywhere is recoverable, and readers see each report as it was or as it is.

        A whole embedding group is written at once: one manifest transaction each
        side of batched upserts; the unit vectors go into the closing transaction.
        """
        run.manifest.mark_pending(
            [(p.pending.source, p.document.meta.doc_id, p.pending.sha256) for p in group]
        )
        crash_point("after-pending")
        chunks = [c for p in group for c in p.chunks]
        metas = [p.document.meta for p in group for _ in p.chunks]
        run.store.upsert(chunks, metas, vectors)  # beside the old chunks: see index.sweeps
        crash_point("after-chroma-upsert")
        run.manifest.commit_documents(
            [(p.pending.source, p.pending.sha256, p.document, p.chunks) for p in group],
            unit_vectors,
        )

    def _bar(self, total: int) -> tqdm | None:
        if not self.progress or not total:
            return None
        from tqdm import tqdm

        return tqdm(total=total, unit="file", desc="indexing")
