"""`reportqa facts`: every fact the reports state beside their grades (Engage entry and
exit, publication, fieldwork and revisit dates, named people, figures, counts), one cited
row each; and `reportqa eval --facts GOLD.csv`.

Reads only the manifest (no model is loaded).
"""

from __future__ import annotations

import argparse
import csv
import sys
from typing import TYPE_CHECKING

from ui.cli_options import add_common, print_json, settings_from

if TYPE_CHECKING:
    from retrieval.facts.table import FactTable


def add_facts_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from index.records import KINDS

    parser = commands.add_parser(
        "facts",
        help="every fact the reports state (Engage, dates, people, figures, counts), quoted",
        description="One row per stated fact. Example: reportqa facts --kind monitoring "
        "--force Staffordshire --csv",
    )
    parser.add_argument(
        "--kind", action="append", default=[], choices=KINDS, help="only this kind (repeatable)"
    )
    parser.add_argument("--force", action="append", default=[], help="only this force (repeatable)")
    parser.add_argument("--since", type=int, metavar="YYYY", help="holding in or after this year")
    parser.add_argument("--until", type=int, metavar="YYYY", help="holding in or before this year")
    parser.add_argument("--csv", action="store_true", help="print CSV for spreadsheets")
    add_common(parser, model=False)
    parser.set_defaults(handler=cmd_facts)
    return parser


def cmd_facts(args: argparse.Namespace) -> int:
    from retrieval.facts.table import COLUMNS, FactQuery, read_fact_table

    query = FactQuery.from_options(args.kind, args.force, args.since, args.until)
    table = read_fact_table(settings_from(args), query)
    if args.json:
        print_json([row.to_dict() for row in table.rows])
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row.to_dict() for row in table.rows)
    else:
        print_facts(table)
    return 0


def print_facts(table: FactTable) -> None:
    if not table.rows:
        print("No stated fact matches these filters.")
    for row in table.rows:
        r = row.record
        where = f", p. {r.page}" if r.page else f", {r.section}" if r.section else ""
        print(f"{r.force} · {r.kind} · {r.subject}: {r.value} · {r.when or 'when not stated'}")
        print(f"  {row.meta.title} ({row.meta.published or 'date not stated'}{where})")
        print(f"  “{' '.join(r.quote.split())}”" if r.quote else "  (the report's own metadata)")
    if table.unverified:
        print(f"({table.unverified} stated facts left out: their quotes no longer match the text)")
    print(f"{len(table.rows)} facts.")


def eval_facts(args: argparse.Namespace) -> int:
    """The index's records and counts scored against a gold CSV, per kind."""
    from evaluation.facts import format_fact_report, load_fact_gold, score_facts
    from retrieval.facts.table import read_fact_table

    table = read_fact_table(settings_from(args))
    report = score_facts((row.record for row in table.rows), load_fact_gold(args.facts))
    print_json(report) if args.json else print(format_fact_report(report))
    return 0
