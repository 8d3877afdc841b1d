"""Report types: the canonical labels, reading one from a title or text, and from a question.

A report's type is declared (normalised by :func:`normalise_report_type`) or inferred
from its title and opening text (:func:`infer_report_type`). A question's report types
(:func:`infer_report_types`) are read more narrowly: only where it names a kind of
report, not a topic. The phrases both sides share are written once below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from index.forces import find_forces
from index.lexicon.dates import YEAR_LABEL

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

# --- phrases shared by the title/text rules and the question cues -------------------

_PEEL = r"\bPEEL\b|police effectiveness, efficiency and legitimacy"
_CHILD_PROTECTION = r"\bchild[-\s]protection\b"
_POST_INSPECTION = r"\bpost[-\s]?inspection"
_CRIME_DATA = r"crime data integrity|\bCDI\b"
_CRIME_RECORDING = r"crime[-\s]recording"
_THEMATIC = r"\bthematic\b"
_STATE_OF_POLICING = r"\bstate of policing\b|annual assessment of policing"


def _loose(phrase: str) -> str:
    """A phrase whose words may be separated by any whitespace, as in a typed question.

    Title and text rules keep their single spaces, so stored metadata stays as built.
    """
    return phrase.replace(" ", r"\s+")


# --- declared labels ------------------------------------------------------------------


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
_LABEL_YEARS_RE = re.compile(rf"\b{YEAR_LABEL}")


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


# --- titles and opening text ----------------------------------------------------------

_CHILD_PROTECTION_RE = re.compile(rf"{_CHILD_PROTECTION}|\bNCPI\b", re.I)
_PIR_RE = re.compile(rf"{_POST_INSPECTION}\s+(?:review|revisit)", re.I)
# What makes a child protection report a return visit: a title may say "review",
# "progress" or "follow-up"; running text only "re-inspection" or "revisit(ed)".
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
        re.compile(rf"{_CRIME_DATA}|{_CRIME_RECORDING}|victim service assessment", re.I),
    ),
    (CUSTODY, re.compile(r"\bcustody\b", re.I)),
    (PEEL, re.compile(_PEEL, re.I)),
    (THEMATIC, re.compile(rf"{_THEMATIC}|\bspotlight\b", re.I)),
)

_STATE_OF_POLICING_RE = re.compile(_STATE_OF_POLICING, re.I)
_UNNAMED_INSPECTION_RE = re.compile(
    r"\ban inspection (?:of|into)\b|\bpolice response to\b|\bnational overview\b", re.I
)
# In running text "custody" is often a topic; only custody facilities mark the type.
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
    text: str,
    return_visit: re.Pattern[str],
    rules: tuple[tuple[str, re.Pattern[str]], ...],
    earliest: bool = False,
) -> str | None:
    """The first report type whose rule matches, in priority order; with ``earliest``
    (running text), of the ordinary rules the one named first: an opening that says "the
    PEEL inspection" and later mentions crime-recording is a PEEL report."""
    if _STATE_OF_POLICING_RE.search(text):
        return STATE_OF_POLICING
    if any(rule.search(text) for rule in _ENGAGE_RES):
        return ENGAGE
    if _post_inspection(text, return_visit):
        return POST_INSPECTION
    found = [
        (m.start(), i, label) for i, (label, rule) in enumerate(rules) if (m := rule.search(text))
    ]
    if not found:
        return None
    return min(found)[2] if earliest else min(found, key=lambda f: f[1])[2]


def _type_from_title(title: str) -> str | None:
    found = _type_by_rules(title, _RETURN_VISIT_RE, _TYPE_RULES)
    if found is None and _UNNAMED_INSPECTION_RE.search(title) and not find_forces(title):
        return THEMATIC
    return found


def _type_from_text(text: str) -> str | None:
    return _type_by_rules(
        text[:_TEXT_WINDOW], _TEXT_RETURN_VISIT_RE, _TEXT_TYPE_RULES, earliest=True
    )


def infer_report_type(title: str, text: str = "") -> str | None:
    """The report type suggested by the title, else by the opening of the text.

    Never returns "Other": an unrecognised report stays unknown (None).
    Post-inspection reviews are tested before child protection, and Engage
    letters before PEEL, since their titles mention both.
    """
    return _type_from_title(title or "") or (_type_from_text(text) if text else None)


# --- questions ------------------------------------------------------------------------

# A report type is inferred only where the question names a kind of report
# ("custody inspections", "PEEL", "Engage letters"), not where it names a topic
# ("custody", "Engage"): topics are covered in other reports too. So most cues are
# narrower than the title rules above; PEEL and State of Policing name only reports.
_REPORT_WORDS = r"(?:inspections?|re-?inspections?|reports?|visits?|reviews?)"
_CHILD_PROTECTION_Q = re.compile(_CHILD_PROTECTION, re.I)
_CP_INSPECTIONS = re.compile(rf"{_CHILD_PROTECTION}\s+inspections\b", re.I)
# A question about child protection "reviews", "revisits" or "follow-ups" asks for the
# return visits (looser than the title rule: a question says "re-inspected").
_RETURN_VISIT_Q = re.compile(
    rf"\breview|\brevisit|\bre-?inspect|\bfollow[-\s]?up|{_POST_INSPECTION}", re.I
)
_TYPE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PEEL, re.compile(_PEEL, re.I)),
    (CHILD_PROTECTION, re.compile(rf"{_CHILD_PROTECTION}\s+{_REPORT_WORDS}", re.I)),
    (POST_INSPECTION, re.compile(rf"{_POST_INSPECTION}\s+(?:reviews?|revisits?)\b", re.I)),
    (THEMATIC, re.compile(rf"{_THEMATIC}|\bspotlight\s+reports?\b", re.I)),
    (
        CRIME_DATA,
        re.compile(rf"{_loose(_CRIME_DATA)}|\b{_CRIME_RECORDING}\s+{_REPORT_WORDS}", re.I),
    ),
    (
        CUSTODY,
        re.compile(
            rf"\bcustody\s+{_REPORT_WORDS}|\binspections?\s+of\s+(?:police\s+)?custody", re.I
        ),
    ),
    (
        ENGAGE,
        re.compile(
            r"\bEngage\s+(?:letters?|updates?|revisits?|reports?)\b|(?i:monitoring\s+"
            r"(?:updates?|letters?)|causes?\s+of\s+concern\s+revisits?)"
        ),
    ),
    (STATE_OF_POLICING, re.compile(_loose(_STATE_OF_POLICING), re.I)),
)


def infer_report_types(question: str) -> tuple[str, ...]:
    """Report types a question asks about, in REPORT_TYPES order.

    "Child protection inspections" means those inspections; "child protection" with
    "review", "revisit" or "re-inspection" means the post-inspection reviews.
    """
    found = {label for label, cue in _TYPE_CUES if cue.search(question)}
    if _CHILD_PROTECTION_Q.search(question) and _RETURN_VISIT_Q.search(question):
        found.add(POST_INSPECTION)
        if not _CP_INSPECTIONS.search(question):
            found.discard(CHILD_PROTECTION)
    return tuple(label for label in REPORT_TYPES if label in found)
