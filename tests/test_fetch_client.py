"""The polite client and robots.txt against the local server, on a fake clock: how long
it waits between requests and after a 429 or 5xx, when it gives up, which redirects it
refuses, the size cap and conditional requests."""

from __future__ import annotations

import re

import httpx
import pytest
from fixtures_fetch import PDF, FixtureServer, Route, etag_of

from index.fetch.client import ClientSettings, FetchFailed, PoliteClient, Refused, Validators
from index.fetch.robots import Robots

pytestmark = pytest.mark.network


class FakeTime:
    """A clock that moves only when the client sleeps; every send is stamped on it."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self.sends: list[tuple[float, str]] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def stamp(self, request: httpx.Request) -> None:
        self.sends.append((self.now, request.url.path))

    def gaps(self) -> list[float]:
        return [b[0] - a[0] for a, b in zip(self.sends, self.sends[1:], strict=False)]


def client(fake: FakeTime, **settings: object) -> PoliteClient:
    chosen = ClientSettings(**{"delay": 2.0, "retries": 2, "backoff": 0.5, **settings})
    http = httpx.Client(timeout=chosen.timeout, event_hooks={"request": [fake.stamp]})
    return PoliteClient(chosen, http=http, sleep=fake.sleep, clock=fake.clock)


def serve(**routes: Route) -> FixtureServer:
    return FixtureServer({"/" + name.replace("_", "-"): route for name, route in routes.items()})


def test_requests_to_a_host_are_spaced_by_the_delay(tmp_path):
    fake = FakeTime()
    with serve(a=Route(b"a"), b=Route(b"b"), c=Route(b"c")) as site:
        polite = client(fake)
        for path in ("/a", "/b", "/c", "/a"):
            polite.get(site.url(path), tmp_path).discard()
    assert fake.gaps() == [2.0, 2.0, 2.0]


def test_a_429_is_retried_after_the_wait_it_asks_for(tmp_path):
    fake = FakeTime()
    busy = Route(b"done", first=[(429, {"Retry-After": "7"})])
    with serve(busy=busy) as site:
        reply = client(fake).get(site.url("/busy"), tmp_path)
    assert reply.status == 200 and reply.body.read_bytes() == b"done"
    assert fake.gaps() == [7.0]
    reply.discard()


def test_a_retry_after_longer_than_the_cap_gives_up(tmp_path):
    fake = FakeTime()
    busy = Route(b"x", first=[(503, {"Retry-After": "3600"})])
    asks = "asks to wait 3600 s, longer than 300 s"
    with serve(busy=busy) as site, pytest.raises(FetchFailed, match=asks):
        client(fake).get(site.url("/busy"), tmp_path)
    assert len(fake.sends) == 1


def test_5xx_is_retried_with_doubling_backoff_then_given_up(tmp_path):
    fake = FakeTime()
    gave_up = r"HTTP 502 Bad Gateway \(gave up after 3 attempts\)"
    with serve(broken=Route(status=502)) as site, pytest.raises(FetchFailed, match=gave_up):
        client(fake, delay=0.1).get(site.url("/broken"), tmp_path)
    assert fake.gaps() == [0.5, 1.0]
    assert list(tmp_path.iterdir()) == []


def test_a_404_is_not_retried(tmp_path):
    fake = FakeTime()
    with FixtureServer() as site, pytest.raises(FetchFailed, match="HTTP 404") as caught:
        client(fake).get(site.url("/gone"), tmp_path)
    assert caught.value.status == 404 and len(fake.sends) == 1


def test_a_slow_answer_times_out(tmp_path):
    fake = FakeTime()
    late = r"no answer within 0.3 s \(gave up after 2"
    with serve(slow=Route(b"late", delay=1.5)) as site, pytest.raises(FetchFailed, match=late):
        client(fake, timeout=0.3, retries=1).get(site.url("/slow"), tmp_path)


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("file:///etc/passwd", "not an http(s) address"),
        ("ftp://127.0.0.1/report.pdf", "not an http(s) address"),
        ("javascript:alert(1)", "not an http(s) address"),
        ("/loop", "more than 5 redirects"),
    ],
)
def test_redirects_only_to_http_and_not_forever(tmp_path, location, reason):
    loop = Route(status=302, headers={"Location": location})
    with serve(loop=loop) as site, pytest.raises(FetchFailed, match=re.escape(reason)):
        client(FakeTime()).get(site.url("/loop"), tmp_path)


def test_each_redirect_target_is_vetted(tmp_path):
    with serve(moved=Route(status=301, headers={"Location": "/private/x"})) as site:
        with pytest.raises(Refused, match="redirected to .*/private/x: no"):
            client(FakeTime()).get(
                site.url("/moved"), tmp_path, vet=lambda url: "no" if "private" in url else None
            )
        assert site.count("/private/x") == 0


@pytest.mark.parametrize("length", [True, False])
def test_a_file_over_the_size_cap_is_refused_and_nothing_is_left(tmp_path, length):
    big = Route(b"%PDF-" + b"0" * 300_000, PDF, length=length)
    with serve(big=big) as site, pytest.raises(FetchFailed, match="size limit"):
        client(FakeTime(), max_bytes=100_000).get(site.url("/big"), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_conditional_requests_get_304_without_a_body(tmp_path):
    page = Route(b"<p>report</p>")
    with serve(page=page) as site:
        polite = client(FakeTime())
        reply = polite.get(site.url("/page"), tmp_path, Validators(etag=etag_of(page.body)))
        assert (reply.status, reply.body) == (304, None)
        reply = polite.get(site.url("/page"), tmp_path, Validators(etag='"stale"'))
        assert reply.status == 200 and reply.validators.etag == etag_of(page.body)
        reply.discard()


def robots_for(site: FixtureServer, tmp_path, fake: FakeTime) -> Robots:
    return Robots(client(fake, delay=0.5), tmp_path)


def test_robots_rules_and_crawl_delay_are_obeyed(tmp_path):
    fake = FakeTime()
    rules = b"User-agent: *\nDisallow: /\n\n"
    rules += b"User-agent: reportqa\nDisallow: /drafts/\nCrawl-delay: 3\n"
    with serve(robots_txt=Route(rules, "text/plain"), a=Route(b"a"), b=Route(b"b")) as site:
        site.routes["/robots.txt"] = site.routes.pop("/robots-txt")
        robots = robots_for(site, tmp_path, fake)
        assert robots.refusal(site.url("/drafts/one")) == f"robots.txt of {site.base} disallows it"
        assert robots.refusal(site.url("/a")) is None  # our own group, not "*"
        robots._client.get(site.url("/a"), tmp_path).discard()
        robots._client.get(site.url("/b"), tmp_path).discard()
        assert site.count("/robots.txt") == 1
    assert fake.gaps() == [3.0, 3.0]


@pytest.mark.parametrize(
    ("status", "allowed"), [(404, True), (403, False), (401, False), (500, False)]
)
def test_a_missing_or_unreadable_robots_txt(tmp_path, status, allowed):
    with serve(robots_txt=Route(status=status)) as site:
        site.routes["/robots.txt"] = site.routes.pop("/robots-txt")
        refusal = robots_for(site, tmp_path, FakeTime()).refusal(site.url("/report"))
    assert (refusal is None) is allowed
    if status == 500:
        assert "cannot read" in refusal
