"""Markdown and CSV downloads of an answer, written only under a folder the app owns."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from index.types import Answer
from ui.format import answer_to_csv, answer_to_markdown

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 50) -> str:
    """A file-name-safe short form of a question."""
    words = _SLUG.sub("-", text.lower()).strip("-")
    return words[:limit].rstrip("-") or "answer"


class ExportDir:
    """One folder of exports; each answer gets its own subfolder, the oldest pruned."""

    def __init__(self, root: Path, keep: int = 200) -> None:
        self.root = root
        self.keep = keep
        root.mkdir(parents=True, exist_ok=True)

    def write(self, answer: Answer) -> tuple[Path, Path]:
        """The answer with its references as Markdown, and its citations as CSV."""
        return self.write_pair(answer.question, answer_to_markdown(answer), answer_to_csv(answer))

    def write_pair(self, title: str, markdown_text: str, csv_text: str) -> tuple[Path, Path]:
        """Markdown and CSV text as two files named after ``title``, in a new subfolder."""
        self.prune()
        folder = Path(tempfile.mkdtemp(dir=self.root))
        name = f"reportqa-{slug(title)}"
        markdown = folder / f"{name}.md"
        markdown.write_text(markdown_text, encoding="utf-8")
        table = folder / f"{name}.csv"
        # utf-8-sig so spreadsheet programs read the en dashes and quotes in titles
        table.write_text(csv_text, encoding="utf-8-sig", newline="")
        return markdown, table

    def prune(self) -> None:
        folders = sorted(
            (p for p in self.root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime
        )
        for old in folders[: max(0, len(folders) - self.keep + 1)]:
            shutil.rmtree(old, ignore_errors=True)
