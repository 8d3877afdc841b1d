"""Report metadata: force names, report types and dates, declared or inferred.

Pure logic over strings. Declared values (front matter, a CSV) always win once
normalised; otherwise values are inferred from the title and the opening text,
conservatively: what cannot be inferred stays unknown (``None`` or ``()``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import PurePosixPath
from types import MappingProxyType

from index.types import DocumentMeta

NATIONAL = "National"

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
    "Heddlu Gwent": "Gwent Police",
    "Heddlu Dyfed-Powys": "Dyfed-Powys Police",
    "Heddlu De Cymru": "South Wales Police",
    "Heddlu Gogledd Cymru": "North Wales Police",
}

# Phrases that contain an alias but name no force; a longer match wins, so
# these swallow e.g. the "Met" in "Met Office".
_NOT_FORCES: tuple[str, ...] = (
    "Met Office",
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


def _place(force: str) -> str:
    for suffix in _PLACE_SUFFIXES:
        if force.endswith(suffix):
            return force[: -len(suffix)]
    return force


def _build_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for force in FORCES[:-1]:
        place = _place(force)
        for alias in (force, place, f"{place} Police", f"{place} Constabulary"):
            aliases[alias] = force
    aliases.update(_EXTRA_ALIASES)
    return aliases


FORCE_ALIASES: Mapping[str, str] = MappingProxyType(_build_aliases())

_ALIAS_INDEX: Mapping[str, str] = MappingProxyType(
    {_key(alias): force for alias, force in FORCE_ALIASES.items()}
    | {_key(phrase): "" for phrase in _NOT_FORCES}
)


def _case_sensitive(alias: str) -> bool:
    """Single words (Kent, Met, GMP) and "the Met" must match with their capitals.

    Multi-word names and the distinctive "-shire" counties match in any case.
    """
    if alias.startswith("the "):
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
    names = sorted(set(FORCE_ALIASES) | set(_NOT_FORCES), key=len, reverse=True)
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
    found = find_forces(name)
    return found[0] if len(found) == 1 else None


# --- report types -------------------------------------------------------------

PEEL = "PEEL inspection"
CHILD_PROTECTION = "National child protection inspection"
POST_INSPECTION = "Post-inspection review"
THEMATIC = "Thematic inspection"
CRIME_DATA = "Crime data integrity inspection"
CUSTODY = "Custody inspection"
ENGAGE = "Engage / monitoring update"
STATE_OF_POLICING = "State of Policing"
OTHER = "Other"

REPORT_TYPES: tuple[str, ...] = (
    PEEL,
    CHILD_PROTECTION,
    POST_INSPECTION,
    THEMATIC,
    CRIME_DATA,
    CUSTODY,
    ENGAGE,
    STATE_OF_POLICING,
    OTHER,
)

_TYPE_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {
        "peel": PEEL,
        "peel assessment": PEEL,
        "peel report": PEEL,
        "child protection": CHILD_PROTECTION,
        "child protection inspection": CHILD_PROTECTION,
        "ncpi": CHILD_PROTECTION,
        "post inspection review": POST_INSPECTION,
        "pir": POST_INSPECTION,
        "re inspection": POST_INSPECTION,
        "reinspection": POST_INSPECTION,
        "thematic": THEMATIC,
        "thematic report": THEMATIC,
        "crime data integrity": CRIME_DATA,
        "cdi": CRIME_DATA,
        "crime recording": CRIME_DATA,
        "custody": CUSTODY,
        "police custody": CUSTODY,
        "engage": ENGAGE,
        "monitoring": ENGAGE,
        "monitoring update": ENGAGE,
        "engage monitoring update": ENGAGE,
        "state of policing": STATE_OF_POLICING,
        "annual assessment of policing": STATE_OF_POLICING,
    }
)


def _type_key(label: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", label.casefold()).split())


def _canonical_type(label: str) -> str | None:
    """The label whose key, or a synonym's, equals this one's exactly."""
    key = _type_key(label)
    for canonical in REPORT_TYPES:
        if key == _type_key(canonical):
            return canonical
    return _TYPE_SYNONYMS.get(key)


# Splits "news (HMICFRS press release, PEEL 2021/22)" into its parts; years and
# cycle labels ("2016", "2021/22", "2023–2025") are dropped first.
_LABEL_PART_RE = re.compile(r"[()\[\],;:/|]|\s[\u2013\u2014-]\s")
_LABEL_YEARS_RE = re.compile(r"\b(?:19|20)\d\d(?:\s*[/\u2013\u2014-]\s*(?:19|20)?\d\d)?\b")


def _type_from_parts(label: str) -> str | None:
    """A known label or synonym among the parts of a free-text label ("news (engage)")."""
    for part in _LABEL_PART_RE.split(_LABEL_YEARS_RE.sub(" ", label)):
        found = _canonical_type(part) if _type_key(part) else None
        if found:
            return found
    return None


def normalise_report_type(label: str) -> str | None:
    """The canonical label for a declared type ("peel", "Child protection"...).

    Free text ("news (press release, PEEL 2023–2025)") is read like a title, then
    part by part; a label naming no known family gives None.
    """
    if not _type_key(label):
        return None
    return _canonical_type(label) or infer_report_type(label) or _type_from_parts(label)


_CHILD_PROTECTION_RE = re.compile(r"\bchild[-\s]protection\b|\bNCPI\b", re.I)
_PIR_RE = re.compile(r"\bpost[-\s]?inspection\s+(?:review|revisit)", re.I)
_RETURN_VISIT_RE = re.compile(
    r"\bre-?inspection\b|\brevisit\b|\breview\b|\bprogress\b|\bfollow[-\s]?up\b|\bPIR\b", re.I
)
_TEXT_RETURN_VISIT_RE = re.compile(r"\bre-?inspection\b|\brevisit(?:ed)?\b", re.I)

_ENGAGE_RES = (
    re.compile(r"\bEngage\b"),
    re.compile(
        r"phase of monitoring|enhanced monitoring|causes? of concern revisit"
        r"|monitoring (?:update|letter)",
        re.I,
    ),
)

# Checked in order after state of policing, Engage and post-inspection reviews.
_TYPE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (CHILD_PROTECTION, _CHILD_PROTECTION_RE),
    (
        CRIME_DATA,
        re.compile(
            r"crime data integrity|crime[-\s]recording|\bCDI\b|victim service assessment", re.I
        ),
    ),
    (CUSTODY, re.compile(r"\bcustody\b", re.I)),
    (PEEL, re.compile(r"\bPEEL\b|police effectiveness, efficiency and legitimacy", re.I)),
    (THEMATIC, re.compile(r"\bthematic\b|\bspotlight\b", re.I)),
)

_STATE_OF_POLICING_RE = re.compile(r"\bstate of policing\b|annual assessment of policing", re.I)
_UNNAMED_INSPECTION_RE = re.compile(
    r"\ban inspection (?:of|into)\b|\bpolice response to\b|\bnational overview\b", re.I
)
_TEXT_CUSTODY_RE = re.compile(r"\bpolice custody\b|\bcustody (?:suites?|facilities)\b", re.I)
_TEXT_TYPE_RULES = tuple(
    (label, _TEXT_CUSTODY_RE if label == CUSTODY else rule) for label, rule in _TYPE_RULES
)
_TEXT_WINDOW = 1500


def _post_inspection(text: str, return_visit: re.Pattern[str]) -> bool:
    return bool(
        _PIR_RE.search(text) or (_CHILD_PROTECTION_RE.search(text) and return_visit.search(text))
    )


def _type_by_rules(
    text: str, return_visit: re.Pattern[str], rules: tuple[tuple[str, re.Pattern[str]], ...]
) -> str | None:
    """The first report type whose rule matches, in priority order."""
    if _STATE_OF_POLICING_RE.search(text):
        return STATE_OF_POLICING
    if any(rule.search(text) for rule in _ENGAGE_RES):
        return ENGAGE
    if _post_inspection(text, return_visit):
        return POST_INSPECTION
    for label, rule in rules:
        if rule.search(text):
            return label
    return None


def _type_from_title(title: str) -> str | None:
    found = _type_by_rules(title, _RETURN_VISIT_RE, _TYPE_RULES)
    if found is None and _UNNAMED_INSPECTION_RE.search(title) and not find_forces(title):
        return THEMATIC
    return found


def _type_from_text(text: str) -> str | None:
    return _type_by_rules(text[:_TEXT_WINDOW], _TEXT_RETURN_VISIT_RE, _TEXT_TYPE_RULES)


def infer_report_type(title: str, text: str = "") -> str | None:
    """The report type suggested by the title, else by the opening of the text.

    Never returns "Other": an unrecognised report stays unknown (None).
    Post-inspection reviews are tested before child protection, and Engage
    letters before PEEL, since their titles mention both.
    """
    return _type_from_title(title or "") or (_type_from_text(text) if text else None)


# --- dates --------------------------------------------------------------------

_MONTHS: Mapping[str, int] = MappingProxyType(
    {
        name: number
        for number, names in enumerate(
            (
                ("jan", "january"),
                ("feb", "february"),
                ("mar", "march"),
                ("apr", "april"),
                ("may",),
                ("jun", "june"),
                ("jul", "july"),
                ("aug", "august"),
                ("sep", "sept", "september"),
                ("oct", "october"),
                ("nov", "november"),
                ("dec", "december"),
            ),
            start=1,
        )
        for name in names
    }
)
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"

# Each pattern yields (year, month, day) groups through its named groups.
_DATE_RES: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![A-Za-z])D:(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(r"(?<![\d/.-])(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})(?!\d)"),
    re.compile(
        rf"(?<!\d)(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<mn>{_MONTH}),?\s+(?P<y>\d{{4}})(?!\d)",
        re.I,
    ),
    re.compile(rf"\b(?P<mn>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})(?!\d)", re.I),
)


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month = _MONTHS[groups["mn"].rstrip(".").casefold()] if groups.get("mn") else int(groups["m"])
    try:
        day = date(int(groups["y"]), month, int(groups["d"]))
    except ValueError:
        return None
    return day.isoformat() if 1900 <= day.year <= 2100 else None


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD; numeric dates are read day first.

    A date must name its day ("August 2022" is None); impossible dates are None.
    """
    matches = sorted(
        (m for pattern in _DATE_RES for m in pattern.finditer(text)), key=lambda m: m.start()
    )
    for match in matches:
        iso = _iso(match)
        if iso:
            return iso
    return None


def _date_match(text: str, pos: int) -> re.Match[str] | None:
    for pattern in _DATE_RES:
        match = pattern.match(text, pos)
        if match:
            return match
    return None


def _date_at(text: str, pos: int) -> str | None:
    match = _date_match(text, pos)
    return _iso(match) if match else None


# A weekday and/or a clock time may sit between a cue and its date.
_LEAD = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?,?\s+)?"
)
_PUBLISHED_RE = re.compile(
    r"\b(?:(?:date\s+of\s+publication|publication\s+date)(?:\s+[a-z]+(?=\s*:))?"
    r"|(?:first\s+)?published(?:\s+on)?"
    r"|letter,?\s+(?:sent|dated)(?:\s+on)?)"
    rf"\s*[:\u2013-]?\s*{_LEAD}",
    re.I,
)
# Labels that open a line of a document's header: "Date:", "Dated", a letter's "Sent:".
_HEAD_LABEL_RE = re.compile(rf"(?:date\s*:|dated\b:?|sent\s*:)\s*{_LEAD}", re.I)
# A letter or e-mail header run into one line: "From: A To: B Sent: 5 May 2023".
_HEADER_LINE_RE = re.compile(r"(?:From|To)\s*:\s")
_HEADER_SENT_RE = re.compile(rf"\sSent\s*:\s*(?i:{_LEAD})")
_LEAD_RE = re.compile(_LEAD, re.I)
_HEAD_LINES = 6
_OPENING_CHARS = 4000


def _bare_date(line: str) -> str | None:
    """The date when the line is nothing but a full date ("28 June 2019", "Friday 5 May 2023")."""
    lead = _LEAD_RE.match(line)
    match = _date_match(line, lead.end() if lead else 0)
    if match and not line[match.end() :].strip(" .,;"):
        return _iso(match)
    return None


def _labelled_date(line: str) -> str | None:
    """The date after a line's opening "Date:"/"Dated"/"Sent:", or a header's "Sent:" field."""
    label = _HEAD_LABEL_RE.match(line)
    if label is None and _HEADER_LINE_RE.match(line):
        label = _HEADER_SENT_RE.search(line)
    return _date_at(line, label.end()) if label else None


def _head_date(text: str) -> str | None:
    """A labelled date, or a date alone on its line, in the first lines of the text."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:_HEAD_LINES]:
        found = _labelled_date(line) or _bare_date(line)
        if found:
            return found
    return None


def find_published_date(text: str) -> str | None:
    """The publication date stated in the opening text, or None.

    Read from a header line ("Date: 2022-11-29", "Sent: 5 May 2023", a line that
    is only a date) near the top, else from the date right after a cue such as
    "Published on", "Date of publication:" or a letter's "sent on". A date that
    merely occurs in a sentence is never taken, nor one without its day.
    """
    opening = text[:_OPENING_CHARS]
    found = _head_date(opening)
    if found:
        return found
    for cue in _PUBLISHED_RE.finditer(opening):
        found = _date_at(opening, cue.end())
        if found:
            return found
    return None


# --- the whole record ---------------------------------------------------------

_INSPECTORATE_RE = re.compile(
    r"\bHMICFRS\b|\bHMIC\b"
    r"|\b(?:Her|His) Majesty['\u2019]?s (?:Chief )?Inspector(?:ate)? of Constabulary"
    r"|\bHM (?:Chief )?Inspector(?:ate|s)? of Constabulary",
    re.I,
)
_NATIONAL_TITLE_RE = re.compile(
    r"\bnational overview\b|\bengland and wales\b|\b(?:all|43) (?:police )?forces\b"
    r"|\bin (?:the )?police (?:service|forces)\b",
    re.I,
)
_NATIONAL_TEXT_RE = re.compile(
    r"\b(?:all|every one of the|each of the) 43 (?:police )?forces\b|\bnational overview\b", re.I
)
_NATIONAL_TYPES = frozenset({THEMATIC, STATE_OF_POLICING})
_FILE_SUFFIXES = frozenset({".pdf", ".md", ".markdown", ".html", ".htm", ".txt"})


def _clean(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    text = " ".join(str(value).split())
    return text or None


def _declared_forces(value: str) -> tuple[str, ...]:
    """Forces from a declared field ("A and B", "A; B"); unknown names are kept as written."""
    found: list[str] = []
    for part in re.split(r"[;|]", value):
        part = part.strip()
        if part:
            single = normalise_force(part)
            found.extend((single,) if single else find_forces(part) or (part,))
    return tuple(dict.fromkeys(found))


def _inferred_forces(title: str, opening: str, report_type: str | None) -> tuple[str, ...]:
    """Named forces in the title; else national cues; else at most two named in the opening."""
    in_title = find_forces(title)
    if in_title:
        return in_title
    if _NATIONAL_TITLE_RE.search(title) or report_type in _NATIONAL_TYPES:
        return (NATIONAL,)
    if _NATIONAL_TEXT_RE.search(opening):
        return (NATIONAL,)
    in_text = find_forces(opening)
    return in_text if len(in_text) <= 2 else ()


def _pretty_title(doc_id: str) -> str:
    path = PurePosixPath(doc_id.replace("\\", "/"))
    stem = path.stem if path.suffix.lower() in _FILE_SUFFIXES else path.name
    words = re.split(r"[\s_-]+", stem.strip())
    text = " ".join(w.capitalize() if w.islower() else w for w in words if w)
    return text or doc_id


def _declared(declared: Mapping[str, object], *keys: str) -> str | None:
    for key in keys:
        value = _clean(declared.get(key))
        if value:
            return value
    return None


def _report_type(declared: str | None, title: str, opening: str) -> str | None:
    if declared:
        return normalise_report_type(declared) or OTHER
    return infer_report_type(title, opening)


def _inspectorate(declared: str | None, opening: str) -> str | None:
    if declared:
        return "HMICFRS" if _INSPECTORATE_RE.search(declared) else declared
    return "HMICFRS" if _INSPECTORATE_RE.search(opening) else None


def build_meta(
    *,
    doc_id: str,
    source: str,
    declared: Mapping[str, object],
    title_hint: str | None,
    text: str,
) -> DocumentMeta:
    """Metadata for one report: declared values win, the rest is inferred.

    A declared report type that is not recognised becomes "Other"; a declared
    date that cannot be parsed is ignored. Nothing is guessed from file times.
    """
    opening = text[:_OPENING_CHARS]
    title = _declared(declared, "title") or _clean(title_hint) or _pretty_title(doc_id)
    report_type = _report_type(_declared(declared, "report_type"), title, opening)
    declared_force = _declared(declared, "force", "forces")
    forces = (
        _declared_forces(declared_force)
        if declared_force
        else _inferred_forces(title, opening, report_type)
    )
    published_value = _declared(declared, "published")
    published = (parse_date(published_value) if published_value else None) or (
        find_published_date(opening)
    )
    return DocumentMeta(
        doc_id=doc_id,
        source=source,
        title=title,
        forces=forces,
        report_type=report_type,
        published=published,
        url=_declared(declared, "source_url", "url"),
        inspectorate=_inspectorate(_declared(declared, "inspectorate"), opening),
    )
