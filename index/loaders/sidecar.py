"""metadata.csv: per-file metadata a user supplies next to bulk-downloaded reports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from index.errors import LoadError

SIDECAR_NAME = "metadata.csv"
FILE_COLUMN = "file"


def _key(name: str) -> str:
    key = name.strip().replace("\\", "/")
    while key.startswith("./"):
        key = key[2:]
    return key


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise LoadError(SIDECAR_NAME, f"cannot read the file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise LoadError(SIDECAR_NAME, "is not UTF-8 text; save it as UTF-8 CSV") from exc


def _rows(text: str) -> list[tuple[int, list[str]]]:
    """Non-blank CSV rows with the line each ends on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise LoadError(SIDECAR_NAME, f"is not valid CSV (line {reader.line_num}: {exc})") from exc
    return [(n, row) for n, row in rows if any(cell.strip() for cell in row)]


def parse_sidecar(text: str) -> dict[str, dict[str, str]]:
    """Rows keyed by their `file` value; values trimmed, empty cells dropped."""
    rows = _rows(text)
    if not rows:
        return {}
    header = [name.strip().lower() for name in rows[0][1]]
    if FILE_COLUMN not in header:
        raise LoadError(SIDECAR_NAME, f"has no '{FILE_COLUMN}' column in its header row")
    table: dict[str, dict[str, str]] = {}
    for number, row in rows[1:]:
        if len(row) != len(header):
            raise LoadError(
                SIDECAR_NAME, f"line {number} has {len(row)} fields, the header has {len(header)}"
            )
        values = {k: v.strip() for k, v in zip(header, row, strict=True) if v.strip()}
        key = _key(values.pop(FILE_COLUMN, ""))
        if not key:
            raise LoadError(SIDECAR_NAME, f"line {number} has an empty '{FILE_COLUMN}' value")
        if key in table:
            raise LoadError(SIDECAR_NAME, f"line {number} repeats the file '{key}'")
        table[key] = values
    return table


def read_sidecar(root: Path) -> dict[str, dict[str, str]]:
    """The corpus root's metadata.csv keyed by relative path; {} when there is none."""
    path = root / SIDECAR_NAME
    if not path.is_file():
        return {}
    return parse_sidecar(_read_text(path))
