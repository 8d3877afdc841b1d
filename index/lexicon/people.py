"""People and their roles: ROLE spans with the canonical role, PERSON spans, and
whether a passage names a person ("Inspector Smith", "Wendy Williams") or a name
(a quoted name, an acronym, a person).

One list of roles serves every reader: the roles a "who was the …" question asks for,
the titles that open a person's name ("Chief Constable Smith") and the roles a claim
gives someone. A role names another when it holds its words: "commissioner" is named
by "Police and Crime Commissioner", "chief constable" by "Deputy Chief Constable".
"""

from __future__ import annotations

import re

from index.forces import find_forces
from index.lexicon.dates import MONTH_NAMES
from index.lexicon.span import Concept, Span, longest_first

_MAJESTY = r"(?:hm|his majesty['\u2019]?s|her majesty['\u2019]?s)\s+"
_ACTING = r"(?:(?:temporary|acting|interim)\s+)?"
_FIRE = r"(?:\s+and\s+(?:of\s+)?fire\s+(?:and|&)\s+rescue\s+services)?"
# (pattern, canonical role), matched case-insensitively as whole words.
ROLES: tuple[tuple[str, str], ...] = (
    (rf"{_ACTING}(?:deputy|assistant) chief constable", "deputy chief constable"),
    (rf"{_ACTING}chief constable", "chief constable"),
    (  # another inspectorate's: HM Chief Inspector of Prisons, of Probation
        rf"(?:{_MAJESTY})?(?:chief )?inspector of (?:prisons|probation)",
        "inspector of another body",
    ),
    (
        # "the Chief Inspector" is the inspectorate's (a police chief inspector has a name next)
        rf"(?:{_MAJESTY})?chief inspector of constabulary{_FIRE}|hmcic"
        r"|(?-i:Chief Inspector)(?!\s+(?-i:[A-Z])|\s+of\b)",
        "chief inspector of constabulary",
    ),
    (rf"{_MAJESTY}inspector(?: of constabulary)?|inspector of constabulary|hmi", "inspector"),
    (r"(?:chief )?inspector", "inspector"),
    (
        r"police,? (?:and|&) crime commissioner"
        r"|police,? fire(?: (?:and|&) rescue)?,? (?:and|&) crime commissioner|pcc|pfcc",
        "police and crime commissioner",
    ),
    (r"commissioner", "commissioner"),
    (r"(?:deputy )?mayor", "mayor"),
    (r"home secretary|(?:policing |home office )?minister", "minister"),
    (r"secretary", "secretary"),
    (r"chief executive", "chief executive"),
    (r"(?:detective |chief )*superintendent|supt|dcs", "superintendent"),
    (r"constable", "constable"),
    (r"councillor|cllr", "councillor"),
)
_ROLE_RES = tuple((re.compile(rf"\b(?:{p})s?\b", re.I), role) for p, role in ROLES)
# Titles that open a name without being roles.
HONORIFICS = r"Sir|Dame|Mr|Mrs|Ms|Miss|Dr|Lord|Lady|Baroness"
_TITLE_WORDS = (
    r"DCS|DCI|DI|Supt|Superintendent|Constable|Inspector|Commissioner|Mayor|Minister"
    r"|Secretary|Councillor|Cllr"
)
_LOWER = r"[^\W\dA-Z_]"  # a lower-case letter, accented ones too ("Zoë")
_NAME_WORD = rf"[A-Z]{_LOWER}+(?:[-'][A-Z]?{_LOWER}+)?"
# A person: an honorific or a role and a capitalised name ("Inspector Smith").
_TITLED_NAME = re.compile(
    rf"\b(?:{HONORIFICS}|{_TITLE_WORDS})\.?\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
)
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


def roles(text: str) -> list[Span]:
    """Every ROLE, longest first where they overlap; value the canonical role."""
    found = [
        Span(Concept.ROLE, m.start(), m.end(), m.group(), role)
        for regex, role in _ROLE_RES
        for m in regex.finditer(text)
    ]
    return longest_first(found)


def role_of(words: str) -> str | None:
    """The canonical role a phrase names ("HM Inspector" -> "inspector"), else None."""
    found = [s for s in roles(words) if s.start == 0 and s.end == len(words.strip())]
    return found[0].value if found else None


def names_role(text: str, role: str) -> bool:
    """Whether ``text`` names the role, or one that holds its words ("Deputy Chief
    Constable" names "chief constable", "PCC" names "commissioner")."""
    wanted = set(role.split())
    return any(wanted <= set(span.value.split()) for span in roles(text))


def _name_like(word: str) -> bool:
    bare = word.lower().removesuffix("'s").removesuffix("\u2019s")  # "Police's" is "police"
    return bare not in _NOT_NAME_WORDS and not find_forces(word)


def people(text: str) -> list[Span]:
    """Every PERSON: a title and a name ("Inspector Smith"), or two name-like
    capitalised words in a row that are no organisation, place, month or title."""
    found = [
        Span(Concept.PERSON, m.start(), m.end(), m.group(), m["name"])
        for m in _TITLED_NAME.finditer(text)
    ]
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
                start = match.start() + len(" ".join(words[:i])) + (1 if i else 0)
                end = start + len(f"{first} {second}")
                end -= 2 if second.endswith(("'s", "\u2019s")) else 0  # "Andy Cooke's report"
                found.append(Span(Concept.PERSON, start, end, text[start:end], text[start:end]))
                break
    return longest_first(found)


def has_person(text: str) -> bool:
    """A title and a name, or two name-like capitalised words in a row."""
    return bool(people(text))


def has_name(text: str) -> bool:
    """A quoted name, an acronym that is not the inspectorate's own, or a person."""
    acronyms = set(_ACRONYM.findall(text)) - _COMMON_ACRONYMS
    return bool(_QUOTED.search(text) or acronyms or has_person(text))


# What may sit between a role and the name it gives: "Chief Constable of Kent, ", ", Sir ".
_BETWEEN_BEFORE = re.compile(
    rf"^[\s,]*(?:of\s+\w+(?:\s+\w+)?\s*,?\s*)?(?:(?:{HONORIFICS})\.?\s+)?$"
)
# And between a name and the role after it: ", the ", " (", ", who became ", " was the ".
_BETWEEN_AFTER = re.compile(
    r"^\s*(?:,\s*|\(\s*)?(?:the\s+|its\s+|as\s+|who (?:was|is|became|had been)\s+(?:the\s+)?"
    r"|(?:was|is|became|had been)\s+(?:the\s+|its\s+)?)?"
    r"(?:(?-i:[A-Z])\w+\s+){0,3}$",  # "the Staffordshire Police, Fire … Commissioner"
    re.I,
)


def person_role(text: str, person: Span, found: list[Span] | None = None) -> Span | None:
    """The ROLE naming a PERSON of ``text``: the nearest right before the name (a title,
    "Chief Constable Sarah Crew") or right after it ("Jane Marsh, the PCC",
    "Zoë Billingham was the HM Inspector")."""
    found = roles(text) if found is None else found
    name = person.end - len(person.value)  # where the name starts, past any title
    before = [r for r in found if r.end <= name and _BETWEEN_BEFORE.match(text[r.end : name])]
    if before:
        return max(before, key=lambda r: r.end)
    after = [
        r
        for r in found
        if r.start >= person.end and _BETWEEN_AFTER.match(text[person.end : r.start])
    ]
    return after[0] if after else None


def people_in_roles(text: str) -> list[Span]:
    """Every PERSON, its detail the canonical role the text gives them ("" for none)."""
    found = roles(text)
    spans = []
    for person in people(text):
        role = person_role(text, person, found)
        detail = role.value if role is not None else ""
        spans.append(
            Span(person.concept, person.start, person.end, person.text, person.value, detail)
        )
    return spans


# Who says a statement: "According to Mr Jones, …", "said Chief Constable Ann Smith",
# "Ann Smith, the chief constable, said …", "Ann Smith told …".
_SPEECH_BEFORE = re.compile(
    r"\b(?:according to|said|says|added|warned)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}$", re.I
)
_SPEECH_AFTER = re.compile(
    r"^(?:'s?\s+view)?\s*(?:,[^,.;]{1,80},\s*)?(?:has\s+|had\s+|also\s+)*"
    r"(?:said|says|told|warned|added|commented|explained|stated|remarked)\b",
    re.I,
)


def speaks(text: str, person: Span) -> bool:
    """Whether the person is who says the statement ("According to Mr Jones, …")."""
    before, after = text[max(0, person.start - 60) : person.start], text[person.end :]
    return bool(_SPEECH_BEFORE.search(before) or _SPEECH_AFTER.match(after))


def speakers(text: str, persons: list[Span] | None = None) -> list[Span]:
    """Every SPEAKER: a PERSON who says the statement, with the role the text gives them
    (of ``persons``, the text's people in roles when already read)."""
    return [
        Span(Concept.SPEAKER, p.start, p.end, p.text, p.value, p.detail)
        for p in (people_in_roles(text) if persons is None else persons)
        if speaks(text, p)
    ]


def surname(name: str) -> str:
    """The name a person is known by across texts: "Sir Andy Cooke", "Mr Cooke" -> "cooke"."""
    words = name.split()
    return words[-1].casefold().removesuffix("'s").removesuffix("\u2019s") if words else ""
