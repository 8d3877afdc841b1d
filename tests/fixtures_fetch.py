"""A local web server on 127.0.0.1 serving pages shaped like the inspectorate's
publications (listing -> report page -> PDF), and counting every request.

Routes can redirect, fail (404, 500, 429 with Retry-After), answer slowly, change
between runs, honour ETag / Last-Modified, and be too large; nothing here touches the
internet.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
HTML = "text/html; charset=utf-8"
PDF = "application/pdf"
LAST_MODIFIED = "Wed, 29 Jan 2025 09:00:00 GMT"


@dataclass
class Route:
    body: bytes = b""
    content_type: str = HTML
    status: int = 200
    etag: bool = True  # answer If-None-Match
    last_modified: str | None = LAST_MODIFIED  # answer If-Modified-Since
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    trickle: float = 0.0  # seconds paused halfway through the body
    first: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # answers before the body
    length: bool = True  # send Content-Length


@dataclass(frozen=True)
class Hit:
    path: str
    status: int
    at: float
    headers: dict[str, str]


class FixtureServer:
    """A threaded HTTP server on 127.0.0.1:<free port>; ``hits`` lists every request."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes = routes or {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def count(self, path: str, status: int | None = None) -> int:
        return sum(1 for h in self.hits if h.path == path and status in (None, h.status))

    def bodies_sent(self) -> list[str]:
        """Paths answered 200 (a body was sent), in order."""
        return [h.path for h in self.hits if h.status == 200]


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def _handler(server: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            arrived = time.monotonic()
            headers = {k.lower(): v for k, v in self.headers.items()}
            route = server.routes.get(self.path)
            if route is None:
                self._answer(404, {}, b"<h1>Not found</h1>", HTML)
                server.record(Hit(self.path, 404, arrived, headers))
                return
            time.sleep(route.delay)
            status, extra, body = self._choose(route, headers)
            server.record(Hit(self.path, status, arrived, headers))
            self._answer(status, extra, body, route.content_type, route)

        def _choose(self, route: Route, headers: dict[str, str]) -> tuple[int, dict, bytes]:
            if route.first:
                status, extra = route.first.pop(0)
                return status, extra, b"try later"
            if route.status != 200:
                return route.status, route.headers, b"<h1>Error</h1>"
            extra = dict(route.headers)
            if route.etag:
                extra["ETag"] = etag_of(route.body)
                if headers.get("if-none-match") == extra["ETag"]:
                    return 304, extra, b""
            if route.last_modified:
                extra["Last-Modified"] = route.last_modified
                if not route.etag and headers.get("if-modified-since") == route.last_modified:
                    return 304, extra, b""
            return 200, extra, route.body

        def _answer(
            self, status: int, extra: dict, body: bytes, kind: str, route: Route | None = None
        ) -> None:
            self.send_response(status)
            for key, value in extra.items():
                self.send_header(key, value)
            if status != 304:
                self.send_header("Content-Type", kind)
                if route is None or route.length:
                    self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status == 304:
                return
            half = len(body) // 2 if route and route.trickle else len(body)
            try:
                self.wfile.write(body[:half])
                self.wfile.flush()
                if half < len(body):
                    time.sleep(route.trickle)  # type: ignore[union-attr]
                    self.wfile.write(body[half:])
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


# --- the site ------------------------------------------------------------------------


def page(title: str, body: str, *, published_meta: str | None = None) -> bytes:
    """A report or listing page in the inspectorate's layout: banner, main, footer."""
    meta = f'<meta property="article:published_time" content="{published_meta}">'
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{title} - His Majesty's Inspectorate of Constabulary and Fire &amp; Rescue Services</title>
<meta property="og:title" content="{title}">
{meta if published_meta else ""}
</head><body>
<header class="site-header"><a href="/">HMICFRS</a>
<nav><a href="/about-us/">About us</a> <a href="/publications/">Publications</a></nav></header>
<main id="main"><article>
<div class="breadcrumb"><a href="/">Home</a> &rsaquo;
<a href="/publications/">Publications</a></div>
<h1>{title}</h1>
{body}
</article></main>
<footer><a href="/accessibility-statement.pdf">Accessibility statement (PDF)</a>
<a href="/privacy/">Privacy notice</a></footer>
</body></html>""".encode()


def report(title: str, published: str, paragraphs: list[str], pdfs: list[str] = (), **kw) -> bytes:
    links = "".join(
        f'<p class="download"><a class="button" href="{href}">Download the full report (PDF)'
        "</a></p>"
        for href in pdfs
    )
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    stated = f"<p class='meta'>Published on: {published}</p>"
    return page(title, f"{stated}{links}<h2>Summary</h2>{text}", **kw)


def listing(entries: list[tuple[str, str]], next_page: str | None, extra: str = "") -> bytes:
    items = "".join(f'<li><h2><a href="{href}">{text}</a></h2></li>' for href, text in entries)
    nav = (
        f'<nav class="pagination"><a class="next page-numbers" href="{next_page}">Next</a></nav>'
        if next_page
        else '<nav class="pagination"><a class="prev" href="/publications/">Previous</a></nav>'
    )
    filters = (
        '<form class="filters" action="/publications/"><a href="/publications/?type=peel">PEEL'
        '</a></form><p><a href="/publications/?type=custody">Custody only</a></p>'
    )
    return page("Publications", f"{filters}{extra}<ul class='results'>{items}</ul>{nav}")


KENT = "/publications/peel-2023-25-kent/"
KENT_PDF = "/wp-content/uploads/2025/01/peel-2023-25-kent.pdf"
WILTSHIRE = "/publications/wiltshire-child-protection/"
WILTSHIRE_PDF = "/wp-content/uploads/2022/08/wiltshire-child-protection.pdf"
WILTSHIRE_COPY = "/wp-content/uploads/2022/08/wiltshire-child-protection-accessible.pdf"
OLD_CUSTODY = "/publications/old-custody-link/"
CUSTODY = "/publications/lincolnshire-custody/"
MISSING = "/publications/withdrawn-report/"
BROKEN = "/publications/broken-report/"
PRIVATE = "/private/draft-report/"
FTP = "/publications/moved-to-ftp/"
STATE = "/publications/state-of-policing-2023/"
BUSY = "/publications/busy-report/"
FRAUD = "/publications/fraud-thematic/"
FRAUD_PDF = "/wp-content/uploads/fraud-full-data.pdf"
SLOW = "/publications/slow-report/"
LISTING = "/publications/"
LISTING_2 = "/publications/page/2/"
MAX_MB = 0.25  # the size cap the tests fetch with: FRAUD_PDF is over it
# What the fetch keeps: file name -> the path it came from.
EXPECTED_FILES = {
    "peel-2023-25-kent.html": KENT,
    "peel-2023-25-kent-2.pdf": KENT_PDF,  # the index names a report by its stem
    "wiltshire-child-protection.html": WILTSHIRE,
    "wiltshire-child-protection-2.pdf": WILTSHIRE_PDF,
    "lincolnshire-custody.html": CUSTODY,
    "state-of-policing-2023.html": STATE,
    "busy-report.html": BUSY,
    "fraud-thematic.html": FRAUD,
    "slow-report.html": SLOW,
}
KENT_FINDING = (
    "Kent Police had 1,240 digital devices waiting for examination, some for more than "
    "six months, which delayed investigations into child sexual abuse."
)


def site_routes(offsite: str) -> dict[str, Route]:
    """The fixture site; ``offsite`` is another server's base URL, linked but never followed."""
    kent_pdf = (CORPUS / "2022-09-metropolitan-peel-2021-22.pdf").read_bytes()
    wiltshire_pdf = (CORPUS / "2022-08-wiltshire-child-protection.pdf").read_bytes()
    page_one = [
        (KENT, "PEEL 2023–2025: An inspection of Kent Police"),
        (WILTSHIRE, "Wiltshire – National child protection inspection"),
        (OLD_CUSTODY, "Inspection of police custody in Lincolnshire"),
        (MISSING, "A withdrawn report"),
        (BROKEN, "A report the server cannot serve"),
        (PRIVATE, "A draft not for crawlers"),
        (f"{offsite}/publications/elsewhere/", "A report on another site"),
        (FTP, "A report moved to an FTP server"),
    ]
    page_two = [
        (KENT, "PEEL 2023–2025: An inspection of Kent Police"),
        (STATE, "State of Policing 2023"),
        (BUSY, "A report on a busy server"),
        (FRAUD, "Fraud: Time to choose"),
        (SLOW, "A report on a slow server"),
    ]
    return {
        "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        LISTING: Route(listing(page_one, LISTING_2)),
        LISTING_2: Route(listing(page_two, None)),
        KENT: Route(
            report(
                "PEEL 2023–2025: An inspection of Kent Police",
                "29 January 2025",
                [KENT_FINDING, "The force answered emergency calls promptly."],
                [KENT_PDF],
                published_meta="2025-01-29T09:00:00+00:00",
            )
        ),
        KENT_PDF: Route(kent_pdf, PDF),
        WILTSHIRE: Route(
            report(
                "Wiltshire – National child protection inspection",
                "5 August 2022",
                ["Wiltshire Police did not always record the voice of the child."],
                [WILTSHIRE_PDF, WILTSHIRE_COPY],
            ),
            etag=False,
        ),
        WILTSHIRE_PDF: Route(wiltshire_pdf, PDF),
        WILTSHIRE_COPY: Route(wiltshire_pdf, PDF),
        OLD_CUSTODY: Route(status=301, headers={"Location": CUSTODY}),
        CUSTODY: Route(
            report(
                "Inspection of police custody in Lincolnshire",
                "2 August 2022",
                ["Detainees in Lincolnshire were treated with respect by custody staff."],
            ),
            etag=False,
            last_modified=None,
        ),
        BROKEN: Route(status=500),
        PRIVATE: Route(report("Draft", "1 May 2024", ["Not to be fetched."])),
        FTP: Route(status=302, headers={"Location": "ftp://127.0.0.1/report.pdf"}),
        STATE: Route(state_of_policing(1)),
        BUSY: Route(
            report("Vetting in a busy force", "3 March 2023", ["Vetting backlogs grew."]),
            first=[(429, {"Retry-After": "1"})],
        ),
        FRAUD: Route(
            report(
                "Fraud: Time to choose – An inspection of the police response to fraud",
                "2 April 2019",
                ["Fraud is the most common crime in England and Wales."],
                [FRAUD_PDF],
            )
        ),
        FRAUD_PDF: Route(b"%PDF-1.4\n" + b"0" * int(MAX_MB * 1024 * 1024 * 2), PDF),
        SLOW: Route(
            report("A slow report", "4 April 2024", ["Slow servers still answer."]), delay=0.3
        ),
    }


def state_of_policing(version: int) -> bytes:
    figure = {1: "5,000", 2: "5,500"}[version]
    return report(
        "State of Policing: The Annual Assessment of Policing in England and Wales 2023",
        "4 July 2024",
        [f"Forces recruited {figure} new detectives in the year."],
    )
