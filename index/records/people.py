"""Named people and their roles: "HM Inspector of Constabulary Wendy Williams", "Chief
Constable Sarah Crew", "Jane Marsh, the police and crime commissioner", "Andy
Cooke, His Majesty's Chief Inspector of Constabulary".

A person is read by the lexicon (PERSON); the role is the ROLE span right before the
name or right after it (after a comma, "the" or "as"). The record's force is the force
the sentence names, else the report's; an inspector's is the report's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.lexicon.people import people, roles
from index.lexicon.span import Span
from index.records.record import Record, record, sentences, subjects
from index.types import DocumentMeta

# The roles a record names, by the lexicon's canonical role; others are "other".
ROLE_SUBJECTS = {
    "inspector": "inspector",
    "chief inspector of constabulary": "chief inspector of constabulary",
    "chief constable": "chief constable",
    "police and crime commissioner": "police and crime commissioner",
    "mayor": "mayor",
    "minister": "minister",
}
# What may sit between a role and the name it gives: "Chief Constable of Kent, ", ", Sir ".
_BETWEEN_BEFORE = re.compile(
    r"^[\s,]*(?:of\s+\w+(?:\s+\w+)?\s*,?\s*)?(?:(?:Sir|Dame|Dr|Mr|Mrs|Ms|Lord|Lady)\.?\s+)?$"
)
# And between a name and the role after it: ", the ", " (", ", who became ".
_BETWEEN_AFTER = re.compile(
    r"^\s*(?:,\s*|\(\s*)?(?:the\s+|its\s+|as\s+|who (?:was|is|became|had been)\s+)?"
    r"(?:(?-i:[A-Z])\w+\s+){0,3}$",  # "the Staffordshire Police, Fire … Commissioner"
    re.I,
)
_INSPECTORS = {"inspector", "chief inspector of constabulary"}


def person_records(text: str, meta: DocumentMeta) -> Iterator[Record]:
    """Every named person with a role a sentence gives them."""
    year = meta.published[:4] if meta.published else None
    for start, end in sentences(text):
        sentence = text[start:end]
        found_roles = roles(sentence)
        for person in people(sentence):
            role = _role_of(sentence, person, found_roles)
            if role is None:
                continue
            subject = ROLE_SUBJECTS.get(role.value, "other")
            forces = subjects("" if subject in _INSPECTORS else sentence, meta)
            for force in forces[:1]:
                yield record(meta, force, "person", subject, person.value, year, text, start, end)


def _role_of(sentence: str, person: Span, found: list[Span]) -> Span | None:
    """The role naming the person: the nearest right before the name (a title, "Chief
    Constable Sarah Crew") or right after it ("Jane Marsh, the PCC")."""
    name = person.end - len(person.value)  # where the name starts, past any title
    before = [r for r in found if r.end <= name and _BETWEEN_BEFORE.match(sentence[r.end : name])]
    if before:
        return max(before, key=lambda r: r.end)
    after = [
        r
        for r in found
        if r.start >= person.end and _BETWEEN_AFTER.match(sentence[person.end : r.start])
    ]
    return after[0] if after else None
