"""robots.txt, read once per host with the standard library's parser (urllib.robotparser).

As the parser itself does: a 401 or 403 forbids the whole host, another 4xx (no
robots.txt) allows it. A robots.txt that cannot be read (a 5xx after retries, no
connection) forbids the host for this run, since its rules are unknown.
"""

from __future__ import annotations

from pathlib import Path
from urllib.robotparser import RobotFileParser

from index.fetch.client import FetchFailed, PoliteClient
from index.fetch.urls import origin_of

MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


class Robots:
    """Whether a URL may be fetched by this user agent, per robots.txt."""

    def __init__(self, client: PoliteClient, scratch: Path) -> None:
        self._client = client
        self._scratch = scratch
        self._agent = client.settings.user_agent
        self._parsers: dict[str, RobotFileParser] = {}
        self._unreadable: dict[str, str] = {}

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids ``url``, or None when it may be fetched."""
        origin = origin_of(url)
        if origin not in self._parsers and origin not in self._unreadable:
            self._load(origin)
        if origin in self._unreadable:
            return self._unreadable[origin]
        if self._parsers[origin].can_fetch(self._agent, url):
            return None
        return f"robots.txt of {origin} disallows it"

    def _load(self, origin: str) -> None:
        url = f"{origin}/robots.txt"
        parser = RobotFileParser(url)
        try:
            reply = self._client.get(url, self._scratch, max_bytes=MAX_ROBOTS_BYTES)
        except FetchFailed as exc:
            status = exc.status
            if status in (401, 403):
                parser.disallow_all = True
            elif status is not None and 400 <= status < 500:
                parser.allow_all = True
            else:
                self._unreadable[origin] = f"cannot read {url} ({exc}), so nothing there is fetched"
                return
        else:
            try:
                text = reply.body.read_bytes().decode("utf-8", "replace") if reply.body else ""
            finally:
                reply.discard()
            parser.parse(text.splitlines())
            delay = parser.crawl_delay(self._agent)
            if delay:
                self._client.slow_down(url, float(delay))
        parser.modified()
        self._parsers[origin] = parser
