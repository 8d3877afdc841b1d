"""A fetch run: a queue of listing pages and documents, worked one URL at a time.

A listing page is read for its entries (report pages on the same site), its next page
and, with ``pdf``, PDF links; a report page, with ``pdf``, for its PDF links. Every
completed download is committed to the state and the sidecar before the next request,
so a killed run is resumed by running the same command again.
"""

from __future__ import annotations

import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from index.errors import ConfigError, LoadError, ReportQAError
from index.fetch.client import (
    PART_PREFIX,
    PART_SUFFIX,
    ClientSettings,
    FetchFailed,
    PoliteClient,
    Refused,
    Reply,
    Validators,
)
from index.fetch.names import file_name
from index.fetch.pages import PageLinks, read_page
from index.fetch.plan import FetchPlan, Job, kind_of, meta_of, with_meta
from index.fetch.robots import Robots
from index.fetch.sidecar import entry_row, write_sidecar
from index.fetch.state import LISTINGS_DIR, Entry, FetchState, now
from index.fetch.summary import FetchSummary
from index.fetch.urls import path_of, same_site
from index.loaders.common import doc_id_for


class Fetcher:
    """Runs a FetchPlan with one polite client, with a progress bar on stderr if asked."""

    def __init__(
        self,
        plan: FetchPlan,
        settings: ClientSettings,
        client: PoliteClient | None = None,
        progress: bool = False,
    ) -> None:
        self.plan, self.out = plan, plan.out
        self.client = client or PoliteClient(settings)
        self.progress = progress
        self.summary = FetchSummary()
        self._run = 0
        self._queue: deque[Job] = deque()
        self._seen: set[str] = set()
        self._listing_pages = 0

    def run(self) -> FetchSummary:
        try:
            return self._run_in(FetchState(self.out))
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise ReportQAError(
                f"cannot write to {self.out} ({reason}): what was fetched so far is kept; "
                "free some space or fix its permissions (or choose another --out), then run "
                "the same command again to resume"
            ) from exc

    def _run_in(self, state: FetchState) -> FetchSummary:
        try:
            for stale in self.out.glob(f"{PART_PREFIX}*{PART_SUFFIX}"):
                stale.unlink()  # a download cut off by a killed run
            self._write_sidecar(state)  # refuses a broken sidecar before any download
            self._run, self.summary.resumed = state.start_run()
            self._robots = Robots(self.client, self.out)
            for url in self.plan.listings:
                self._add(Job(url, listing=True))
            self._add(*(Job(url) for url in self.plan.urls))
            self._drain(state)
            state.finish_run(self._run)
            self.summary.rows = self._write_sidecar(state)
        finally:
            state.close()
            self.client.close()
        return self.summary

    def _drain(self, state: FetchState) -> None:
        from tqdm import tqdm

        bar = tqdm(total=len(self._queue), unit="url", desc="fetching", disable=not self.progress)
        with bar:
            while self._queue:
                job = self._queue.popleft()
                if job.url not in self._seen:
                    self._seen.add(job.url)
                    bar.set_postfix_str(path_of(job.url)[-40:], refresh=False)
                    self._work(state, job)
                bar.total = bar.n + 1 + len(self._queue)
                bar.update(1)

    def _add(self, *jobs: Job) -> None:
        for job in jobs:
            if job.listing:
                if self._listing_pages >= self.plan.max_listing_pages:
                    note = f"stopped at {self._listing_pages} listing pages (--max-listing-pages)"
                    if note not in self.summary.notes:
                        self.summary.notes.append(note)
                    continue
                self._listing_pages += 1
            self._queue.append(job)

    def _write_sidecar(self, state: FetchState) -> int:
        try:
            return write_sidecar(self.out, state.documents())
        except LoadError as exc:
            raise ConfigError(
                f"{self.out / 'metadata.csv'}: {exc.reason}; fix or move it, then fetch again"
            ) from exc

    def _vet(self, job: Job) -> Callable[[str], str | None]:
        site = job.site or job.url

        def vet(url: str) -> str | None:
            if not same_site(url, site):
                return f"it is off the site of {site}"
            return self._robots.refusal(url)

        return vet

    def _work(self, state: FetchState, job: Job) -> None:
        settled = state.settled_as(job.url, self._run)
        if settled is not None:
            self.summary.settled_earlier += 1
            self._seen.add(settled.final_url)
            self._follow(state, job, settled)
            return
        old = state.get(job.url)
        try:
            reply = self.client.get(job.url, self.out, self._validators(state, old), self._vet(job))
        except Refused as exc:
            self.summary.skip(job.url, str(exc))
            return
        except FetchFailed as exc:
            self.summary.fail(job.url, str(exc))
            return
        self._seen.add(reply.final_url)
        try:
            entry = self._settle(state, job, old, reply)
        finally:
            reply.discard()
        if entry is not None:
            self._follow(state, job, entry)

    def _on_disk(self, state: FetchState, old: Entry | None) -> bool:
        """Whether the copy an entry vouches for (its own, or its holder's) is still there."""
        holder = state.get(old.duplicate_of) if old and old.duplicate_of else old
        path = self.out / holder.file if holder and holder.file else None
        return path is not None and path.is_file() and path.stat().st_size == holder.size

    def _validators(self, state: FetchState, old: Entry | None) -> Validators | None:
        """Conditional headers, when the copy they vouch for is still on disk."""
        if old is None or not self._on_disk(state, old):
            return None
        return Validators(old.etag, old.last_modified)

    def _settle(self, state: FetchState, job: Job, old: Entry | None, reply: Reply) -> Entry | None:
        """Record the reply (moving its body into place); None when it is not kept."""
        if reply.status == 304:
            if old is None:
                self.summary.fail(job.url, "answered 304 Not Modified to an unconditional GET")
                return None
            entry = replace(old, final_url=reply.final_url, checked_run=self._run)
            entry = self._refreshed(entry, reply.validators)
            return self._record(state, job, entry, unchanged=True)
        kind = kind_of(reply, job.listing)
        if kind is None:
            what = "an HTML page" if job.listing else "HTML or PDF"
            stated = reply.content_type or "of no stated type"
            self.summary.fail(job.url, f"is {stated}, not {what}")
            return None
        assert reply.body is not None and reply.sha256 is not None
        meta = read_page(reply.body.read_bytes(), reply.final_url)[0] if kind != "pdf" else None
        base = Entry(
            url=job.url,
            kind=kind,
            final_url=reply.final_url,
            file=None,
            duplicate_of=None,
            content_type=reply.content_type,
            etag=reply.validators.etag,
            last_modified=reply.validators.last_modified,
            sha256=reply.sha256,
            size=reply.size,
            fetched_at=now(),
            checked_run=self._run,
        )
        base = with_meta(base, meta)
        if old and old.sha256 == reply.sha256 and old.kind == kind and self._on_disk(state, old):
            entry = replace(old, final_url=reply.final_url, checked_run=self._run)
            entry = self._refreshed(entry, reply.validators)
            return self._record(state, job, with_meta(entry, meta), unchanged=True)
        holder = state.holding(reply.sha256, job.url) if kind != "listing" else None
        if holder is not None:
            self.summary.duplicates += 1
            entry = replace(base, duplicate_of=holder.url)
            return self._record(state, job, entry, unchanged=None)
        name = self._name(state, reply.final_url, kind, old)
        os.replace(reply.body, self.out / name)
        if old and old.file and old.file != name:
            (self.out / old.file).unlink(missing_ok=True)
        if kind != "listing":
            (self.summary.changed if old and old.file else self.summary.new).append(name)
        return self._record(state, job, replace(base, file=name), unchanged=False)

    @staticmethod
    def _refreshed(entry: Entry, validators: Validators) -> Entry:
        return replace(
            entry,
            etag=validators.etag or entry.etag,
            last_modified=validators.last_modified or entry.last_modified,
        )

    def _record(self, state: FetchState, job: Job, entry: Entry, unchanged: bool | None) -> Entry:
        if entry.kind == "pdf":
            entry = with_meta(entry, job.parent)
        if unchanged and entry.kind != "listing":
            self.summary.unchanged += 1
        old = state.get(entry.url)
        state.put(entry)
        if entry.kind == "listing":
            self.summary.listings += 1
        elif old is None or entry_row(old) != entry_row(entry):
            self._write_sidecar(state)
        return entry

    def _name(self, state: FetchState, url: str, kind: str, old: Entry | None) -> str:
        """The entry's file name: kept across reruns, else a new one free on disk."""
        suffix = ".pdf" if kind == "pdf" else ".html"
        if old and old.file and old.file.endswith(suffix) and old.kind == kind:
            return old.file
        folder = LISTINGS_DIR + "/" if kind == "listing" else ""
        if folder:
            (self.out / folder).mkdir(exist_ok=True)
        stems = {doc_id_for(name) for name in state.names()}

        def taken(name: str) -> bool:
            """In use, or sharing its stem with another report: the index names a report
            by its path without the suffix, so x.html and x.pdf would collide."""
            stem = doc_id_for(folder + name)
            return stem in stems or any((self.out / folder).glob(f"{Path(name).stem}.*"))

        return folder + file_name(url, "pdf" if kind == "pdf" else "html", taken)

    def _follow(self, state: FetchState, job: Job, entry: Entry) -> None:
        """Queue what a listing or (with ``pdf``) a report page links to."""
        if entry.kind == "pdf" or (entry.kind == "html" and not self.plan.pdf):
            return
        holder = state.get(entry.duplicate_of) if entry.duplicate_of else entry
        if holder is None or holder.file is None or not (self.out / holder.file).is_file():
            return
        links = read_page((self.out / holder.file).read_bytes(), entry.final_url)[1]
        site = job.site or job.url
        if entry.kind == "listing":
            pages = self._on_site(links.next_pages, site)
            self._add(*(Job(u, listing=True, site=site) for u in pages))
            self._add(*(Job(u, site=site) for u in self._entries(links, site, job.url)))
        if self.plan.pdf:
            parent = meta_of(entry) if entry.kind == "html" else None
            self._add(*(Job(u, site=site, parent=parent) for u in self._on_site(links.pdfs, site)))

    def _on_site(self, urls: Iterable[str], site: str) -> list[str]:
        return [url for url in urls if same_site(url, site) and url not in self._seen]

    def _entries(self, links: PageLinks, site: str, listing: str) -> list[str]:
        """A listing's entries: not its next page, not the listing itself with another
        query ("?page=2", "?sort=date"), and under --follow-prefix when given."""
        prefixes = self.plan.follow_prefixes
        listings = {path_of(url) for url in (*self.plan.listings, listing)}
        return [
            url
            for url in self._on_site(links.pages, site)
            if url not in links.next_pages
            and path_of(url) not in listings
            and (not prefixes or path_of(url).startswith(prefixes))
        ]
