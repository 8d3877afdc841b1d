"""`reportqa grades`: every inspection grade the reports state, one cited row each.

Reads only the manifest (no model is loaded), so it answers in well under a second.
"""

from __future__ import annotations

import argparse
import csv
import sys
from typing import TYPE_CHECKING

from ui.cli_options import add_common, print_json, settings_from

if TYPE_CHECKING:
    from retrieval.grades.table import GradeRow, GradeTable


def add_grades_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        "grades",
        help="every inspection grade the reports state, with its quote",
        description="One row per graded judgement. Example: reportqa grades --force Kent "
        "--area 'investigating crime' --since 2017 --csv",
    )
    parser.add_argument("--force", action="append", default=[], help="only this force (repeatable)")
    parser.add_argument("--area", action="append", default=[], help="only this area (repeatable)")
    parser.add_argument("--grade", help="only this grade, e.g. inadequate")
    parser.add_argument("--since", type=int, metavar="YYYY", help="judged in or after this year")
    parser.add_argument("--until", type=int, metavar="YYYY", help="judged in or before this year")
    parser.add_argument("--csv", action="store_true", help="print CSV for spreadsheets")
    add_common(parser, model=False)
    parser.set_defaults(handler=cmd_grades)
    return parser


def cmd_grades(args: argparse.Namespace) -> int:
    from retrieval.grades.table import GradeQuery, read_grade_table

    query = GradeQuery.from_options(args.force, args.area, args.grade, args.since, args.until)
    table = read_grade_table(settings_from(args), query)
    if args.json:
        print_json([row.to_dict() for row in table.rows])
    elif args.csv:
        write_csv(table.rows)
    else:
        print_table(table)
    return 0


def write_csv(rows: tuple[GradeRow, ...]) -> None:
    from retrieval.grades.table import COLUMNS

    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row.to_dict() for row in rows)


def print_table(table: GradeTable) -> None:
    if not table.rows:
        print("No stated grade matches these filters.")
    for row in table.rows:
        where = f", p. {row.page}" if row.page else f", {row.section}" if row.section else ""
        flag = "  [conflict: another report gives a different grade]" if row.conflict else ""
        print(f"{row.force} · {row.area} · {row.grade} · {row.cycle or 'cycle unknown'}{flag}")
        print(f"  {row.meta.title} ({row.meta.published or 'date not stated'}{where})")
        print(f"  “{' '.join(row.quote.split())}”")
    if table.unverified:
        print(f"({table.unverified} stated grades left out: their quotes no longer match the text)")
    print(f"{len(table.rows)} grades.")


def eval_grades(args: argparse.Namespace) -> int:
    """Grade extraction as the index stores it: listed, and scored when a gold is given."""
    from evaluation.grades import format_grade_report, grade_report, load_gold
    from index.manifest import read_manifest

    gold = load_gold(args.grades) if args.grades else None
    with read_manifest(settings_from(args).manifest_path, readonly=True) as manifest:
        statements = manifest.statements()
    report = grade_report(statements.judgements, len(statements.counts), gold)
    print_json(report) if args.json else print(format_grade_report(report))
    return 0
