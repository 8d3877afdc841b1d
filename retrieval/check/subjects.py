"""Whom a claim is about, and whether the indexed reports speak of them at all.

A claim about Police Scotland, a fire and rescue service or a force the collection does
not cover is not found, whatever another force's report says of the same thing: the
reader is told the subject is not in the indexed reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from index.forces import find_forces, force_spans
from index.lexicon.bodies import bodies
from index.types import Hit


def subject_of(claim: str) -> str | None:
    """The force or other body a claim names first ("Police Scotland", "Kent Fire and
    Rescue Service", "the National Crime Agency"), taken to be what it is about."""
    named = [(start, force) for start, _, force in force_spans(claim)]
    named += [(b.start, b.value) for b in bodies(claim) if not find_forces(b.value)]
    return min(named)[1] if named else None


def mentions(subject: str, hit: Hit) -> bool:
    """Whether a retrieved passage, or its report, is about or names the subject."""
    if subject in hit.meta.forces or subject in find_forces(hit.chunk.text):
        return True
    return _key(subject) in _key(hit.chunk.text)


def _key(text: str) -> str:
    return " ".join(text.replace("&", "and").casefold().split())


def missing_subject(
    claim: str, hits: Sequence[Hit], search: Callable[[str], Sequence[Hit]] | None = None
) -> str | None:
    """The claim's subject when no passage retrieved for it names it, nor any retrieved
    for the subject's name alone (``search``), else None."""
    subject = subject_of(claim)
    if subject is None or any(mentions(subject, hit) for hit in hits):
        return None
    if search is not None and any(mentions(subject, hit) for hit in search(subject)):
        return None
    return subject
