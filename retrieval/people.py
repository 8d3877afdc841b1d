"""People, roles and names in text: who a "who" question wants, and whether a passage
names a person ("Inspector Smith", "Wendy Williams"), a role's holder or a name."""

from __future__ import annotations

import re

from index.dates import MONTH_NAMES
from index.forces import find_forces

# A person: an honorific or role and a capitalised name, or two or three capitalised
# words that are not an organisation, place, month or title word.
_ROLE_NAME = re.compile(
    r"\b(?:Sir|Dame|Mr|Mrs|Ms|Miss|Dr|Lord|Lady|Baroness|DCS|DCI|DI|Supt|Superintendent|"
    r"Constable|Inspector|Commissioner|Mayor|Minister|Secretary|Councillor|Cllr)\.?\s+"
    r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
)
_NAME_WORD = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_CAPITALISED = re.compile(rf"\b{_NAME_WORD}(?:\s+{_NAME_WORD})+")
_NOT_NAME_WORDS = frozenset(
    {
        "police",
        "constabulary",
        "service",
        "services",
        "inspectorate",
        "majesty",
        "his",
        "her",
        "the",
        "crime",
        "commissioner",
        "council",
        "report",
        "office",
        "home",
        "chief",
        "constable",
        "inspector",
        "inspection",
        "national",
        "child",
        "protection",
        "peel",
        "policing",
        "college",
        "county",
        "city",
        "borough",
        "fire",
        "rescue",
        "england",
        "wales",
        "scotland",
        "kingdom",
        "united",
        "government",
        "ministry",
        "justice",
        "authority",
        "panel",
        "partnership",
        "board",
        "team",
        "unit",
        "hub",
        "safeguarding",
        "agency",
        "agencies",
        "force",
        "forces",
        "group",
        "operation",
        "department",
        "court",
        "courts",
        "news",
        "release",
        "press",
        "review",
        "engage",
        "state",
        "annual",
        "assessment",
        "summary",
        "introduction",
        "conclusion",
        "in",
        "on",
        "at",
        "and",
        "of",
        "for",
        "a",
        "an",
        "this",
        "that",
        "these",
        "it",
        "as",
        "mayor",
        "minister",
        "secretary",
        "act",
        "strategy",
        "plan",
        "programme",
        *(m.lower() for m in MONTH_NAMES),
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)
_QUOTED = re.compile(r"['\u2018\u201c\"][A-Za-z][^'\u2019\u201d\"]{2,60}['\u2019\u201d\"]")
_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")
_COMMON_ACRONYMS = frozenset({"HMICFRS", "HMIC", "PEEL", "HMI", "PCC", "OBE", "QPM", "CBE"})


_ROLES = (
    r"chief constable|deputy chief constable|(?:hm |his majesty's |her majesty's |chief )?"
    r"inspector(?: of constabulary)?|police and crime commissioner|commissioner|mayor|minister"
    r"|chief executive|superintendent|pcc"
)
_ROLE_ASKED = re.compile(
    rf"\bwho (?:is|was|were|are) (?:the )?(?P<a>{_ROLES})\b|\bwhich (?P<b>{_ROLES})\b"
    rf"|\bname (?:of )?the (?P<c>{_ROLES})\b",
    re.I,
)


def role_asked(question: str) -> str | None:
    """The role whose holder a "who" question asks for ("who was the chief constable")."""
    match = _ROLE_ASKED.search(question)
    if not match:
        return None
    role = (match["a"] or match["b"] or match["c"]).lower()
    return role.split()[-1] if role.endswith("inspector") else role


def names_role(text: str, role: str) -> bool:
    """Whether ``text`` names the role ("Chief Constable", "HM Inspector")."""
    return re.search(rf"\b{re.escape(role)}s?\b", text, re.I) is not None


def _name_like(word: str) -> bool:
    return word.lower() not in _NOT_NAME_WORDS and not find_forces(word)


def has_person(text: str) -> bool:
    """A role and a name ("Inspector Smith"), or two name-like capitalised words in a row."""
    if _ROLE_NAME.search(text):
        return True
    for match in _CAPITALISED.finditer(text):
        words = match.group().split()
        for i, (first, second) in enumerate(zip(words, words[1:], strict=False)):
            after = words[i + 2] if i + 2 < len(words) else ""
            if (
                _name_like(first)
                and _name_like(second)
                and after.lower() not in _NOT_NAME_WORDS  # "Crown Prosecution Service"
                and not find_forces(f"{first} {second}")
            ):
                return True
    return False


def has_name(text: str) -> bool:
    acronyms = set(_ACRONYM.findall(text)) - _COMMON_ACRONYMS
    return bool(_QUOTED.search(text) or acronyms or has_person(text))
