"""The `reportqa` command: index, fetch, info, search, ask, grades, facts, check, eval, serve.

Library errors (``ReportQAError``) become one line on stderr and exit 1; heavy
imports happen inside the subcommands so `reportqa --help` stays fast.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ConfigError, ReportQAError
from ui.cli_options import (
    add_common,
    add_filters,
    add_knobs,
    filters_from,
    open_qa,
    print_json,
    settings_from,
)
from ui.settings import DEFAULTS

if TYPE_CHECKING:
    from index.types import Hit
    from retrieval.search.filters import Filters
    from retrieval.service import ReportQA

Handler = Callable[[argparse.Namespace], int]


def cmd_index(args: argparse.Namespace) -> int:
    from index.build import IndexBuilder
    from index.opening import index_embedder

    settings = settings_from(args)
    builder = IndexBuilder(settings, index_embedder(settings), progress=not args.json)
    summary = builder.build(Path(args.corpus))
    if args.json:
        print_json(summary.to_dict())
    else:
        for failure in summary.failed:
            print(f"failed: {failure['file']}: {failure['reason']}", file=sys.stderr)
        print(summary.line())
    return 1 if args.strict and summary.failed else 0


def cmd_info(args: argparse.Namespace) -> int:
    from index.info import index_info

    info = index_info(settings_from(args))
    if args.json:
        print_json(info)
        return 0
    print(f"index:      {info['index']}")
    print(f"documents:  {info['documents']}  chunks: {info['chunks']}")
    print(f"model:      {info['model']} (dimension {info['dimension']})")
    print(f"forces:     {', '.join(info['forces'])}")
    print(f"years:      {', '.join(map(str, info['years']))}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    qa = open_qa(args)
    result = qa.search(args.query, k=args.k, filters=filters_from(args), infer=not args.no_infer)
    if args.json:
        print_json([hit.to_dict() for hit in result.hits])
        return 0
    for note in result.notes:
        print(note)
    for hit in result.hits:
        print(format_hit(hit))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from ui.format import answer_to_text

    qa = open_qa(args)
    if args.batch:
        return ask_batch(qa, Path(args.batch), filters_from(args))
    answer = qa.ask(args.question, filters=filters_from(args))
    print_json(answer.to_dict()) if args.json else print(answer_to_text(answer))
    return 0


def ask_batch(qa: ReportQA, path: Path, filters: Filters | None) -> int:
    """One question per line (or JSONL with a "question" field) in, one JSON answer per line out."""
    from ui.format import read_questions

    for question in read_questions(path):
        print_json(qa.ask(question, filters=filters).to_dict())
        sys.stdout.flush()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ui.app import serve

    serve(
        open_qa(args),
        host=args.host,
        port=args.port,
        auth=args.auth or os.environ.get("REPORTQA_AUTH"),
        concurrency=args.concurrency,
        max_question_chars=args.max_question_chars,
    )
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from evaluation.questions import load_questions
    from evaluation.report import format_report
    from evaluation.runner import evaluate

    if args.grades is not None:
        from ui.grades.cli import eval_grades

        return eval_grades(args)
    if args.facts:
        from ui.facts_cli import eval_facts

        return eval_facts(args)
    if not args.questions:
        raise ConfigError(
            "reportqa eval needs --questions FILE (or --grades [GOLD.csv], --facts GOLD.csv)"
        )
    qa = open_qa(args)
    questions = load_questions(Path(args.questions))
    report = evaluate(qa, questions, k=args.k, baseline=not args.no_baseline)
    report["questions_file"] = str(args.questions)
    print_json(report) if args.json else print(format_report(report))
    return 0


def format_hit(hit: Hit) -> str:
    from ui.format import hit_to_text

    return hit_to_text(hit)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportqa",
        description="Search and question answering with verbatim citations over inspection "
        "reports, offline.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    index = commands.add_parser(
        "index",
        help="build or update the index from a folder of reports",
        description="Build or update the index. Example: reportqa index --corpus corpus",
    )
    index.add_argument("--corpus", default="corpus", help="folder of PDF, HTML, Markdown reports")
    index.add_argument("--strict", action="store_true", help="exit 1 when any file failed")
    add_common(index)
    index.set_defaults(handler=cmd_index)

    info = commands.add_parser("info", help="what the index holds")
    add_common(info, model=False)
    info.set_defaults(handler=cmd_info)

    search = commands.add_parser(
        "search",
        help="ranked passages for a query",
        description='Hybrid search. Example: reportqa search "custody healthcare" --k 5',
    )
    search.add_argument("query")
    search.add_argument("--k", type=int, default=10, help="how many passages (default 10)")
    search.add_argument(
        "--no-infer", action="store_true", help="don't infer filters from the query"
    )
    add_filters(search)
    add_common(search)
    add_knobs(search)
    search.add_argument("--reranker", help="a local CrossEncoder folder to rerank with")
    search.set_defaults(handler=cmd_search)

    ask = commands.add_parser(
        "ask",
        help="a cited answer to a question",
        description='Example: reportqa ask "Which forces lack specialist detectives?"',
    )
    ask.add_argument("question", nargs="?", default="")
    ask.add_argument("--batch", help="a file of questions (one a line, or JSONL with 'question')")
    add_filters(ask)
    add_common(ask)
    add_knobs(ask)
    ask.add_argument("--reranker", help="a local CrossEncoder folder to rerank with")
    ask.add_argument(
        "--llm",
        help="generate with ollama:MODEL or openai:MODEL (env OPENAI_BASE_URL, "
        "OPENAI_API_KEY); the extractive answer is the fallback",
    )
    ask.set_defaults(handler=cmd_ask)

    serve = commands.add_parser(
        "serve",
        help="start the web interface (binds 127.0.0.1 by default)",
        description="Example: reportqa serve --index .reportqa/index --port 7860",
    )
    serve.add_argument(
        "--host", default=DEFAULTS.host, help=f"address to bind (default {DEFAULTS.host})"
    )
    serve.add_argument("--port", type=int, default=DEFAULTS.port, help="port (default %(default)s)")
    serve.add_argument("--auth", help="require a login, USER:PASSWORD (env REPORTQA_AUTH)")
    serve.add_argument(
        "--concurrency", type=int, default=DEFAULTS.concurrency, help="questions answered at once"
    )
    serve.add_argument(
        "--max-question-chars",
        type=int,
        default=DEFAULTS.max_question_chars,
        help="longest question accepted (default %(default)s)",
    )
    add_common(serve)
    add_knobs(serve)
    serve.add_argument("--reranker", help="a local CrossEncoder folder to rerank with")
    serve.add_argument("--llm", help="generate with ollama:MODEL or openai:MODEL")
    serve.set_defaults(handler=cmd_serve)

    from ui.facts_cli import add_facts_parser
    from ui.fetch_cli import add_fetch_parser
    from ui.grades.cli import add_grades_parser

    add_fetch_parser(commands)
    add_grades_parser(commands)
    add_facts_parser(commands)

    evaluation = commands.add_parser(
        "eval",
        help="score answers on a labelled question set, beside a vanilla baseline",
        description="Example: reportqa eval --questions tests/eval/questions.jsonl",
    )
    evaluation.add_argument("--questions", help="JSONL labelled questions")
    evaluation.add_argument(
        "--grades",
        nargs="?",
        const="",
        metavar="GOLD.csv",
        help="score the index's extracted grades against a gold CSV (without one: list them)",
    )
    evaluation.add_argument(
        "--facts", metavar="GOLD.csv", help="score the index's stated facts against a gold CSV"
    )
    evaluation.add_argument("--k", type=int, default=10, help="recall@k and MRR cut-off")
    evaluation.add_argument("--no-baseline", action="store_true", help="skip the baseline")
    add_common(evaluation)
    add_knobs(evaluation)
    evaluation.set_defaults(handler=cmd_eval)
    from ui.check.cli import add_check_parser

    add_check_parser(commands, evaluation, add_filters, add_common, open_qa, filters_from)
    return parser


def configure_logging(verbosity: int) -> None:
    """Only the CLI configures logging; the level sits on the handler, since some
    libraries (bm25s) set their own loggers to DEBUG at import."""
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    from index.embed import offline_environment

    offline_environment()
    handler: Handler = args.handler
    try:
        return handler(args)
    except ReportQAError as exc:
        print(f"reportqa: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("reportqa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `reportqa grades --csv | head`: the reader has enough
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
