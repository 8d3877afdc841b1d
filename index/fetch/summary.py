"""What a fetch did: counts for the summary line, and every URL skipped or failed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class FetchSummary:
    new: list[str] = field(default_factory=list)  # files written for the first time
    changed: list[str] = field(default_factory=list)  # files rewritten with new content
    unchanged: int = 0  # 304s, and 200s whose content hash had not changed
    duplicates: int = 0  # URLs whose content another URL's file already holds
    settled_earlier: int = 0  # done by the interrupted run this one resumed
    listings: int = 0  # listing pages read
    skipped: list[dict[str, str]] = field(default_factory=list)  # robots.txt, off the site
    failed: list[dict[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    resumed: bool = False
    rows: int = 0  # rows in metadata.csv

    def skip(self, url: str, reason: str) -> None:
        self.skipped.append({"url": url, "reason": reason})

    def fail(self, url: str, reason: str) -> None:
        self.failed.append({"url": url, "reason": reason})

    def line(self) -> str:
        parts = [
            f"{len(self.new)} new",
            f"{len(self.changed)} changed",
            f"{self.unchanged} unchanged",
        ]
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate{'s' if self.duplicates != 1 else ''}")
        if self.settled_earlier:
            parts.append(f"{self.settled_earlier} done before the interruption")
        text = "fetched: " + ", ".join(parts)
        text += f"; {len(self.skipped)} skipped, {len(self.failed)} failed"
        text += f"; {self.listings} listing page{'s' if self.listings != 1 else ''} read"
        text += f"; metadata.csv has {self.rows} row{'s' if self.rows != 1 else ''}"
        return text + (" (resumed an interrupted run)" if self.resumed else "")

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
