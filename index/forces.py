"""Police forces: the canonical names, their aliases, and finding them in text.

Forty-three territorial forces, British Transport Police and the pseudo-force
"National" (reports about all forces). A name is read through aliases ("the Met",
"GMP", "Herts", "N Wales") and never from a phrase that only contains one ("Met Office",
"Kent Fire and Rescue Service": a fire and rescue body is not its place's police force).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

NATIONAL = "National"  # the pseudo-force of reports about all forces; last in FORCES

FORCES: tuple[str, ...] = (
    "Avon and Somerset Constabulary",
    "Bedfordshire Police",
    "Cambridgeshire Constabulary",
    "Cheshire Constabulary",
    "City of London Police",
    "Cleveland Police",
    "Cumbria Constabulary",
    "Derbyshire Constabulary",
    "Devon and Cornwall Police",
    "Dorset Police",
    "Durham Constabulary",
    "Dyfed-Powys Police",
    "Essex Police",
    "Gloucestershire Constabulary",
    "Greater Manchester Police",
    "Gwent Police",
    "Hampshire and Isle of Wight Constabulary",
    "Hertfordshire Constabulary",
    "Humberside Police",
    "Kent Police",
    "Lancashire Constabulary",
    "Leicestershire Police",
    "Lincolnshire Police",
    "Merseyside Police",
    "Metropolitan Police Service",
    "Norfolk Constabulary",
    "North Wales Police",
    "North Yorkshire Police",
    "Northamptonshire Police",
    "Northumbria Police",
    "Nottinghamshire Police",
    "South Wales Police",
    "South Yorkshire Police",
    "Staffordshire Police",
    "Suffolk Constabulary",
    "Surrey Police",
    "Sussex Police",
    "Thames Valley Police",
    "Warwickshire Police",
    "West Mercia Police",
    "West Midlands Police",
    "West Yorkshire Police",
    "Wiltshire Police",
    "British Transport Police",
    NATIONAL,
)

# Hand-written aliases. Each force's canonical name, its place name alone and
# "<place> Police" / "<place> Constabulary" are added by _build_aliases().
_EXTRA_ALIASES: dict[str, str] = {
    "the Met": "Metropolitan Police Service",
    "Met Police": "Metropolitan Police Service",
    "Metropolitan Police": "Metropolitan Police Service",
    "MPS": "Metropolitan Police Service",
    "GMP": "Greater Manchester Police",
    "West Mids": "West Midlands Police",
    "WMP": "West Midlands Police",
    "TVP": "Thames Valley Police",
    "BTP": "British Transport Police",
    "British Transport": "British Transport Police",
    "Dyfed Powys": "Dyfed-Powys Police",
    "Hampshire": "Hampshire and Isle of Wight Constabulary",
    "Hampshire Constabulary": "Hampshire and Isle of Wight Constabulary",
    "Hampshire Police": "Hampshire and Isle of Wight Constabulary",
    "Isle of Wight": "Hampshire and Isle of Wight Constabulary",
    "Hants": "Hampshire and Isle of Wight Constabulary",
    "Beds Police": "Bedfordshire Police",
    "Cambs": "Cambridgeshire Constabulary",
    "Glos": "Gloucestershire Constabulary",
    "Herts": "Hertfordshire Constabulary",
    "Leics": "Leicestershire Police",
    "Lincs": "Lincolnshire Police",
    "Northants": "Northamptonshire Police",
    "Notts": "Nottinghamshire Police",
    "Staffs": "Staffordshire Police",
    "North Yorks": "North Yorkshire Police",
    "South Yorks": "South Yorkshire Police",
    "West Yorks": "West Yorkshire Police",
    "N Wales": "North Wales Police",
    "N. Wales": "North Wales Police",
    "S Wales": "South Wales Police",
    "S. Wales": "South Wales Police",
    "Heddlu Gwent": "Gwent Police",
    "Heddlu Dyfed-Powys": "Dyfed-Powys Police",
    "Heddlu De Cymru": "South Wales Police",
    "Heddlu Gogledd Cymru": "North Wales Police",
}

# Phrases that contain an alias but name no force; a longer match wins, so
# these swallow e.g. the "Met" in "Met Office". "<place> Fire…" (a fire and rescue
# service, authority or brigade) is added for every place by _build_not_forces().
_NOT_FORCES: tuple[str, ...] = (
    "Met Office",
    "Dorset and Wiltshire Fire",
    "Durham and Darlington Fire",
    "Devon and Somerset Fire",
    "Cambridgeshire and Peterborough Fire",
    "Essex County Fire",
    "New South Wales",
    "New Hampshire",
    "Kent State",
    "University of Kent",
    "University of Essex",
    "University of Sussex",
    "University of Surrey",
    "Durham University",
)

_NATIONAL_NAMES: frozenset[str] = frozenset(
    {
        "national",
        "national report",
        "national thematic",
        "national overview",
        "all forces",
        "all 43 forces",
        "england and wales",
        "all forces in england and wales",
    }
)

_PLACE_SUFFIXES = (" Police Service", " Constabulary", " Police")
_DASHES = "\u2010\u2011\u2012\u2013\u2014-"  # hyphen last: literal inside [...]
_SEPARATOR = rf"[\s{_DASHES}]+"


def _key(name: str) -> str:
    """A lookup key: case-folded, '&' read as 'and', dashes and spaces collapsed."""
    text = name.replace("&", " and ").casefold()
    text = re.sub(rf"[{_DASHES}]", " ", text)
    return " ".join(text.split())


def place_of(force: str) -> str:
    """The place a force is named after ("Kent Police" -> "Kent")."""
    for suffix in _PLACE_SUFFIXES:
        if force.endswith(suffix):
            return force[: -len(suffix)]
    return force


def _build_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for force in FORCES[:-1]:
        place = place_of(force)
        for alias in (force, place, f"{place} Police", f"{place} Constabulary"):
            aliases[alias] = force
    aliases.update(_EXTRA_ALIASES)
    return aliases


FORCE_ALIASES: Mapping[str, str] = MappingProxyType(_build_aliases())


def _build_not_forces() -> tuple[str, ...]:
    """:data:`_NOT_FORCES` and each place's fire and rescue body ("Kent Fire and Rescue
    Service", "Cleveland Fire Brigade", "Kent FRS"): another body than its police force."""
    places = [
        alias
        for alias in FORCE_ALIASES
        if not alias.startswith("the ") and not alias.endswith(_PLACE_SUFFIXES)
    ]
    return _NOT_FORCES + tuple(f"{place} {body}" for place in places for body in ("Fire", "FRS"))


_NOT_FORCE_PHRASES: tuple[str, ...] = _build_not_forces()

_ALIAS_INDEX: Mapping[str, str] = MappingProxyType(
    {_key(alias): force for alias, force in FORCE_ALIASES.items()}
    | {_key(phrase): "" for phrase in _NOT_FORCE_PHRASES}
)


def _case_sensitive(alias: str) -> bool:
    """Single words (Kent, Met, GMP), "the Met" and initials ("N Wales") must match with
    their capitals.

    Other multi-word names and the distinctive "-shire" counties match in any case.
    """
    if alias.startswith("the ") or re.match(r"[A-Z]\.?\s", alias):
        return True
    return " " not in alias and not alias.casefold().endswith("shire")


def _alias_pattern(alias: str) -> str:
    words = re.split(_SEPARATOR, alias.replace("&", " and ").strip())
    parts = ["(?:and|&)" if w.casefold() == "and" else re.escape(w) for w in words]
    if words[0] == "the":
        parts[0] = "[Tt]he"
    body = _SEPARATOR.join(parts) + r"\b"
    return body if _case_sensitive(alias) else f"(?i:{body})"


def _compile_alias_regex() -> re.Pattern[str]:
    """A lookahead at each word start, so overlapping candidates are all seen."""
    names = sorted(set(FORCE_ALIASES) | set(_NOT_FORCE_PHRASES), key=len, reverse=True)
    alternatives = "|".join(_alias_pattern(name) for name in names)
    return re.compile(rf"\b(?=({alternatives}))")


_ALIAS_RE = _compile_alias_regex()


def _alias_spans(text: str) -> list[tuple[int, int, str]]:
    """Non-overlapping alias matches (start, end, text), longest first, then in order."""
    found = sorted(
        ((m.start(1), m.end(1), m.group(1)) for m in _ALIAS_RE.finditer(text)),
        key=lambda span: (span[0] - span[1], span[0]),
    )
    taken: list[tuple[int, int, str]] = []
    for span in found:
        if all(span[1] <= other[0] or span[0] >= other[1] for other in taken):
            taken.append(span)
    return sorted(taken)


def force_spans(text: str) -> list[tuple[int, int, str]]:
    """Each mention of a force in ``text``: (start, end, canonical force), in order."""
    found = ((s, e, _ALIAS_INDEX.get(_key(name), "")) for s, e, name in _alias_spans(text))
    return [(s, e, force) for s, e, force in found if force]


def find_forces(text: str) -> tuple[str, ...]:
    """All distinct forces named in ``text``, in order of first appearance.

    Never returns "National": no wording in running text names that pseudo-force.
    """
    forces = (_ALIAS_INDEX.get(_key(span[2]), "") for span in _alias_spans(text))
    return tuple(dict.fromkeys(force for force in forces if force))


def normalise_force(name: str) -> str | None:
    """The canonical force for a name or alias, "National", or None when unsure."""
    key = _key(name)
    if not key:
        return None
    if key in _NATIONAL_NAMES:
        return NATIONAL
    if key in _ALIAS_INDEX:
        return _ALIAS_INDEX[key] or None
    if _key(f"the {name}") in _ALIAS_INDEX:  # a name given alone: "Met" is "the Met"
        return _ALIAS_INDEX[_key(f"the {name}")] or None
    found = find_forces(name)
    return found[0] if len(found) == 1 else None
