"""`reportqa check`: each claim of a draft supported, contradicted or not found, with sources.

``ui.cli`` registers the subcommand and hands over its shared helpers (options, filters,
opening the index) so that this module need not import it back.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import ConfigError

if TYPE_CHECKING:
    from retrieval.check.results import CheckReport
    from retrieval.search.filters import Filters
    from retrieval.service import ReportQA

FORMATS = ("md", "json", "csv")
MAX_DRAFT_CHARS = 200_000


@dataclass(frozen=True)
class CliHelpers:
    """What ``ui.cli`` shares with subcommands defined elsewhere."""

    add_filters: Callable[[argparse.ArgumentParser], None]
    add_common: Callable[..., None]
    open_qa: Callable[[argparse.Namespace], ReportQA]
    filters_from: Callable[[argparse.Namespace], Filters | None]


def add_check_parser(
    commands: Any,
    evaluation: argparse.ArgumentParser,
    add_filters: Callable[[argparse.ArgumentParser], None],
    add_common: Callable[..., None],
    open_qa: Callable[[argparse.Namespace], ReportQA],
    filters_from: Callable[[argparse.Namespace], Filters | None],
) -> argparse.ArgumentParser:
    """Add `reportqa check` to the ``commands`` subparsers, and ``--claims`` to `eval`."""
    helpers = CliHelpers(add_filters, add_common, open_qa, filters_from)
    parser = commands.add_parser(
        "check",
        help="check a draft's claims against the reports: supported, contradicted, not found",
        description='Examples: reportqa check "Wiltshire Police lacked trained detectives." ; '
        "reportqa check --file draft.md --format md > checked.md",
    )
    parser.add_argument("claim", nargs="?", default="", help="one claim (or use --file)")
    parser.add_argument("--file", help="a draft to check, Markdown or plain text ('-': stdin)")
    parser.add_argument(
        "--format", choices=FORMATS, help="md (annotated draft, default), json or csv"
    )
    add_filters(parser)
    add_common(parser)  # adds --json: the same as --format json
    parser.set_defaults(handler=cmd_check, cli_helpers=helpers)
    evaluation.add_argument("--claims", help="JSONL labelled claims: score `reportqa check`")
    evaluation.set_defaults(
        handler=_eval_or_claims(evaluation.get_default("handler")), cli_helpers=helpers
    )
    return parser


def _eval_or_claims(scores: Callable[[argparse.Namespace], int]) -> Callable[..., int]:
    """`reportqa eval`'s handler, scoring labelled claims when ``--claims`` is given."""

    def handler(args: argparse.Namespace) -> int:
        if args.claims:
            return cmd_eval_claims(args, args.cli_helpers.open_qa(args))
        return scores(args)

    return handler


def read_draft(args: argparse.Namespace) -> str:
    """The claim given on the command line, or the text of --file."""
    if args.file and args.claim:
        raise ConfigError("give a claim or --file, not both")
    if args.file == "-":
        text = sys.stdin.read()
    elif args.file:
        path = Path(args.file)
        if not path.is_file():
            raise ConfigError(f"no such file: {path}")
        text = path.read_text(encoding="utf-8", errors="replace")
    else:
        text = args.claim
    if not text.strip():
        raise ConfigError('nothing to check: give a claim ("...") or --file draft.md')
    if len(text) > MAX_DRAFT_CHARS:
        raise ConfigError(f"the draft is over {MAX_DRAFT_CHARS:,} characters; split it")
    return text


def output_format(args: argparse.Namespace) -> str:
    if args.json and args.format not in (None, "json"):
        raise ConfigError("--json and --format disagree")
    return "json" if args.json else args.format or "md"


def cmd_check(args: argparse.Namespace) -> int:
    """Check the claim or draft and print it in the chosen format."""
    from retrieval.check.checker import ClaimChecker

    helpers: CliHelpers = args.cli_helpers
    draft = read_draft(args)
    form = output_format(args)
    qa = helpers.open_qa(args)
    report = ClaimChecker(qa).check_draft(draft, filters=helpers.filters_from(args))
    sys.stdout.write(render(report, form))
    return 0


def render(report: CheckReport, form: str) -> str:
    from ui.check.format import to_csv, to_json, to_markdown

    if form == "json":
        return json.dumps(to_json(report), ensure_ascii=False) + "\n"
    return to_csv(report) if form == "csv" else to_markdown(report)


def cmd_eval_claims(args: argparse.Namespace, qa: ReportQA) -> int:
    """`reportqa eval --claims FILE`: verdict accuracy, citation recall, false support."""
    from evaluation.claims import evaluate_claims, format_claims_report, load_claims
    from retrieval.check.checker import ClaimChecker

    report = evaluate_claims(ClaimChecker(qa), load_claims(Path(args.claims)))
    report["claims_file"] = str(args.claims)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(format_claims_report(report))
    return 0
