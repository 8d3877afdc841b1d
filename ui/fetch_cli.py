"""`reportqa fetch`: download report pages and PDFs into a folder ready to index."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import ConfigError
from ui.cli_options import print_json

if TYPE_CHECKING:
    from index.fetch.client import ClientSettings
    from index.fetch.plan import FetchPlan

EXAMPLE = (
    "Example: reportqa fetch --listing https://hmicfrs.justiceinspectorates.gov.uk/publications/ "
    "--pdf --out reports/ (needs network access)"
)


def add_fetch_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "fetch",
        help="download report pages and PDFs from the web into a folder, with metadata.csv",
        description="Download report pages (kept as HTML) and PDFs, politely and resumably, "
        f"and describe each in DIR/metadata.csv. {EXAMPLE}",
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="a report page or PDF")
    parser.add_argument("--from-file", metavar="FILE", help="URLs, one a line (# comments)")
    parser.add_argument(
        "--listing",
        action="append",
        default=[],
        metavar="URL",
        help="a page listing reports: its entries on the same site are fetched, and its "
        "next pages followed (repeatable)",
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to fetch into")
    parser.add_argument(
        "--pdf", action="store_true", help="also fetch the PDFs report pages link to"
    )
    parser.add_argument(
        "--follow-prefix",
        action="append",
        default=[],
        metavar="PATH",
        help="follow only listing entries whose path starts so, e.g. /publications/",
    )
    parser.add_argument(
        "--max-listing-pages",
        type=int,
        default=500,
        metavar="N",
        help="listing pages read at most (500)",
    )
    parser.add_argument(
        "--delay",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="seconds between requests to a host (1.0)",
    )
    parser.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS", help="seconds to wait (30)"
    )
    parser.add_argument(
        "--retries", type=int, default=3, metavar="N", help="retries on 429/5xx (3)"
    )
    parser.add_argument(
        "--backoff",
        type=float,
        default=2.0,
        metavar="SECONDS",
        help="first retry's wait, doubled each time (2.0)",
    )
    parser.add_argument(
        "--max-mb", type=float, default=100.0, metavar="MB", help="largest file, in MB (100)"
    )
    parser.add_argument(
        "--user-agent", metavar="TEXT", help="User-Agent to send, e.g. with your contact details"
    )
    parser.add_argument("--index", metavar="DIR", help="index the folder into DIR afterwards")
    parser.add_argument("--model", help="embedding model for --index (default the bundled one)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any URL failed")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    parser.set_defaults(handler=cmd_fetch)
    return parser


def read_url_file(path: Path) -> list[str]:
    """The URLs in a file, one a line; blank lines and "#" comments skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the URL list {path}: {exc}") from exc
    return [line.strip() for line in text.splitlines() if line.strip() and line[:1] != "#"]


def _positive(name: str, value: float, allow_zero: bool = True) -> float:
    if value < 0 or (value == 0 and not allow_zero):
        raise ConfigError(f"{name} must be {'0 or more' if allow_zero else 'more than 0'}")
    return value


def plan_from(args: argparse.Namespace) -> tuple[FetchPlan, ClientSettings]:
    from index.fetch.client import USER_AGENT, ClientSettings
    from index.fetch.plan import FetchPlan
    from index.fetch.urls import checked

    urls = list(args.urls) + (read_url_file(Path(args.from_file)) if args.from_file else [])
    if not urls and not args.listing:
        raise ConfigError("reportqa fetch needs URLs, --from-file FILE or --listing URL")
    plan = FetchPlan(
        out=Path(args.out),
        urls=tuple(dict.fromkeys(checked(url) for url in urls)),
        listings=tuple(dict.fromkeys(checked(url) for url in args.listing)),
        pdf=args.pdf,
        follow_prefixes=tuple(args.follow_prefix),
        max_listing_pages=int(_positive("--max-listing-pages", args.max_listing_pages)),
    )
    settings = ClientSettings(
        delay=_positive("--delay", args.delay),
        timeout=_positive("--timeout", args.timeout, allow_zero=False),
        retries=int(_positive("--retries", args.retries)),
        backoff=_positive("--backoff", args.backoff),
        max_bytes=int(_positive("--max-mb", args.max_mb, allow_zero=False) * 1024 * 1024),
        user_agent=args.user_agent or USER_AGENT,
    )
    return plan, settings


def cmd_fetch(args: argparse.Namespace) -> int:
    from index.fetch.run import Fetcher

    plan, settings = plan_from(args)
    summary = Fetcher(plan, settings, progress=not args.json).run()
    if not args.json:
        for item in summary.skipped:
            print(f"skipped: {item['url']}: {item['reason']}", file=sys.stderr)
        for item in summary.failed:
            print(f"failed: {item['url']}: {item['reason']}", file=sys.stderr)
        for note in summary.notes:
            print(note, file=sys.stderr)
        print(summary.line())
    indexed = index_folder(plan.out, args) if args.index else None
    if args.json:
        print_json({"fetch": summary.to_dict(), "index": indexed})
    return 1 if args.strict and summary.failed else 0


def index_folder(corpus: Path, args: argparse.Namespace) -> dict[str, Any]:
    """`reportqa index --corpus OUT --index DIR`, run after the fetch; its summary."""
    from index.build import IndexBuilder
    from index.opening import index_embedder
    from index.settings import IndexSettings

    settings = IndexSettings.from_env(index_dir=args.index, model=args.model, chroma_url=None)
    summary = IndexBuilder(settings, index_embedder(settings), progress=not args.json).build(corpus)
    if not args.json:
        for failure in summary.failed:
            print(f"failed: {failure['file']}: {failure['reason']}", file=sys.stderr)
        print(summary.line())
    return summary.to_dict()
