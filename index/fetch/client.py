"""Polite HTTP GETs with httpx: a delay per host, retries with backoff on 429 and 5xx
(Retry-After honoured), conditional requests, redirects checked hop by hop (http(s)
only, each target vetted by the caller), and bodies streamed to a temporary file under
a size cap, hashed on the way."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from index.fetch.urls import normalise, origin_of

USER_AGENT = (
    "reportqa/0.1 (fetches published inspection reports for offline search; "
    "honours robots.txt and Retry-After)"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
PART_PREFIX, PART_SUFFIX = ".fetch-", ".part"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class ClientSettings:
    delay: float = 1.0  # seconds between requests to one host
    timeout: float = 30.0  # seconds to connect, or between bytes received
    retries: int = 3  # further attempts after a 429, a 5xx or a dropped connection
    backoff: float = 2.0  # the first retry's wait, doubled for each next one
    max_wait: float = 300.0  # the longest Retry-After honoured; longer gives up
    max_bytes: int = 100 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT


class FetchFailed(Exception):
    """The URL could not be fetched; the message says why (``status``: the last HTTP one)."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status


class Refused(FetchFailed):
    """The URL (or a redirect target) may not be fetched: robots.txt, or off the site."""


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None, status: int | None = None) -> None:
        super().__init__(reason)
        self.after, self.status = after, status


@dataclass(frozen=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {k: v for k, v in found.items() if v}


@dataclass(frozen=True)
class Reply:
    """A 200 (its body in ``body``, a temporary file the caller moves or deletes) or a 304."""

    url: str
    final_url: str
    status: int
    content_type: str
    validators: Validators
    body: Path | None = None
    sha256: str | None = None
    size: int = 0

    def discard(self) -> None:
        if self.body is not None:
            self.body.unlink(missing_ok=True)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), else None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def media_type(value: str | None) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


class PoliteClient:
    """GETs one at a time, never two to a host closer than its delay."""

    def __init__(
        self,
        settings: ClientSettings,
        http: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._http = http or httpx.Client(
            headers={"User-Agent": settings.user_agent},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
        )
        self._sleep, self._clock = sleep, clock
        self._next: dict[str, float] = {}  # origin -> earliest time of its next request
        self._delays: dict[str, float] = {}  # origin -> a longer delay (robots Crawl-delay)

    def close(self) -> None:
        self._http.close()

    def slow_down(self, url: str, seconds: float) -> None:
        """Wait at least ``seconds`` between requests to this URL's host, from now on."""
        origin = origin_of(url)
        self._delays[origin] = max(seconds, self._delays.get(origin, 0.0))
        self._hold_off(origin, seconds)

    def _pause(self, origin: str) -> None:
        wait = self._next.get(origin, 0.0) - self._clock()
        if wait > 0:
            self._sleep(wait)

    def _rest(self, origin: str) -> None:
        """Start the host's delay once an answer is over (so a slow answer never
        shortens the quiet time between two requests)."""
        delay = max(self.settings.delay, self._delays.get(origin, 0.0))
        self._hold_off(origin, delay)

    def _hold_off(self, origin: str, seconds: float) -> None:
        self._next[origin] = max(self._next.get(origin, 0.0), self._clock() + seconds)

    def get(
        self,
        url: str,
        into: Path,
        validators: Validators | None = None,
        vet: Callable[[str], str | None] | None = None,
        max_bytes: int | None = None,
    ) -> Reply:
        """GET ``url``, retrying; ``vet`` gives a reason to refuse a URL or redirect target.

        Raises FetchFailed (or Refused) with a one-line reason.
        """
        settings = self.settings
        for attempt in range(settings.retries + 1):
            try:
                return self._attempt(url, into, validators or Validators(), vet, max_bytes)
            except _Retry as retry:
                tries = f"{attempt + 1} attempt{'s' if attempt else ''}"
                if attempt == settings.retries:
                    raise FetchFailed(f"{retry} (gave up after {tries})", retry.status) from None
                wait = retry.after if retry.after is not None else settings.backoff * 2**attempt
                if wait > settings.max_wait:
                    raise FetchFailed(
                        f"{retry}; the server asks to wait {wait:.0f} s, "
                        f"longer than {settings.max_wait:.0f} s",
                        retry.status,
                    ) from None
                self._hold_off(origin_of(url), wait)
        raise AssertionError("unreachable")

    def _attempt(
        self,
        url: str,
        into: Path,
        validators: Validators,
        vet: Callable[[str], str | None] | None,
        max_bytes: int | None,
    ) -> Reply:
        target = url
        for _ in range(self.settings.max_redirects + 1):
            reason = vet(target) if vet else None
            if reason:
                raise Refused(reason if target == url else f"redirected to {target}: {reason}")
            response = self._send(target, validators)
            try:
                if not response.has_redirect_location:
                    return self._reply(url, response, into, max_bytes)
                location = response.headers["location"]
                following = normalise(location, base=str(response.url))
                if following is None:
                    raise FetchFailed(
                        f"redirected to {location!r}, which is not an http(s) address; not followed"
                    )
                target = following
            finally:
                response.close()
                self._rest(origin_of(target))
        raise FetchFailed(f"more than {self.settings.max_redirects} redirects")

    def _send(self, url: str, validators: Validators) -> httpx.Response:
        self._pause(origin_of(url))
        request = self._http.build_request("GET", url, headers=validators.headers())
        try:
            return self._http.send(request, stream=True)
        except httpx.InvalidURL as exc:  # httpx reads a redirect's Location even unfollowed
            self._rest(origin_of(url))
            raise FetchFailed(
                f"redirected to a location that is not an http(s) address ({exc}); not followed"
            ) from None
        except httpx.TimeoutException:
            self._rest(origin_of(url))
            raise _Retry(f"no answer within {self.settings.timeout:g} s") from None
        except httpx.TransportError as exc:
            self._rest(origin_of(url))
            raise _Retry(f"connection failed ({exc or type(exc).__name__})") from None

    def _reply(self, url: str, response: httpx.Response, into: Path, cap: int | None) -> Reply:
        status = response.status_code
        if status in RETRY_STATUSES:
            after = retry_after(response.headers.get("retry-after"))
            raise _Retry(f"HTTP {status} {response.reason_phrase}".rstrip(), after, status)
        if status not in (200, 304):
            raise FetchFailed(f"HTTP {status} {response.reason_phrase}".rstrip(), status)
        headers = response.headers
        reply = Reply(
            url=url,
            final_url=normalise(str(response.url)) or url,
            status=status,
            content_type=media_type(headers.get("content-type")),
            validators=Validators(headers.get("etag"), headers.get("last-modified")),
        )
        if status == 304:
            return reply
        body, sha256, size = self._save(response, into, cap or self.settings.max_bytes)
        return replace(reply, body=body, sha256=sha256, size=size)

    def _save(self, response: httpx.Response, into: Path, cap: int) -> tuple[Path, str, int]:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchFailed(f"is {_mb(int(declared))}, over the {_mb(cap)} size limit (--max-mb)")
        handle, name = tempfile.mkstemp(dir=into, prefix=PART_PREFIX, suffix=PART_SUFFIX)
        path, digest, size = Path(name), hashlib.sha256(), 0
        try:
            with os.fdopen(handle, "wb") as out:
                for chunk in response.iter_bytes(_CHUNK):
                    size += len(chunk)
                    if size > cap:
                        raise FetchFailed(f"is over the {_mb(cap)} size limit (--max-mb)")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        except httpx.TimeoutException:
            path.unlink(missing_ok=True)
            raise _Retry(f"the download stalled for {self.settings.timeout:g} s") from None
        except httpx.TransportError as exc:
            path.unlink(missing_ok=True)
            raise _Retry(f"the download broke off ({exc or type(exc).__name__})") from None
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path, digest.hexdigest(), size


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"
