"""What the `reportqa` subcommands share: common options, filters, knobs, opening the
index and printing JSON (kept apart so subcommand modules need not import ui.cli)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from index.settings import IndexSettings

if TYPE_CHECKING:
    from retrieval.search.filters import Filters
    from retrieval.service import ReportQA


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=None))


def settings_from(args: argparse.Namespace) -> IndexSettings:
    return IndexSettings.from_env(
        index_dir=args.index, model=getattr(args, "model", None), chroma_url=args.chroma_url
    )


def filters_from(args: argparse.Namespace) -> Filters | None:
    """Explicit filters from --force/--type/--since/--until (they win over inferred ones)."""
    from retrieval.search.filters import Filters

    filters = Filters.from_options(
        forces=args.force or (), report_types=args.type or (), since=args.since, until=args.until
    )
    return None if filters.is_empty() else filters


def open_qa(args: argparse.Namespace) -> ReportQA:
    from retrieval.config import QAConfig
    from retrieval.service import ReportQA

    return ReportQA.open(
        settings_from(args),
        config=QAConfig().override(getattr(args, "set", None) or ()),
        reranker=getattr(args, "reranker", None),
        llm=getattr(args, "llm", None),
    )


def add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="append", help="only this force (repeatable)")
    parser.add_argument("--type", action="append", help="only this report type (repeatable)")
    parser.add_argument("--since", type=int, metavar="YYYY", help="published in or after")
    parser.add_argument("--until", type=int, metavar="YYYY", help="published in or before")


def add_knobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set",
        action="append",
        metavar="SECTION.FIELD=VALUE",
        help="change a search/answer/scorer setting, e.g. answer.refuse_below=0.25 (repeatable)",
    )


def add_common(parser: argparse.ArgumentParser, *, model: bool = True) -> None:
    parser.add_argument(
        "--index", help="index folder (env REPORTQA_INDEX; default .reportqa/index)"
    )
    parser.add_argument(
        "--chroma-url", help="a Chroma server, e.g. http://127.0.0.1:8000 (env REPORTQA_CHROMA_URL)"
    )
    if model:
        parser.add_argument(
            "--model",
            help="sentence-transformers model: a local folder or cached name "
            "(env REPORTQA_EMBED_MODEL; default the bundled all-MiniLM-L6-v2)",
        )
    parser.add_argument("--json", action="store_true", help="print JSON for programs")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
