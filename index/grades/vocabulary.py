"""The closed vocabularies behind :mod:`index.grades`: grades, areas, cues, cycles, counts.

Grades: outstanding, good, adequate, requires improvement, inadequate (the 2014–2019
four-point scale uses the same words, less "adequate").

Areas: one label per graded area, shared across cycles where the question is the same,
so that "investigating crime" also finds the 2014 "investigating offending" judgement.

- PEEL 2021 onwards: responding to the public, investigating crime, protecting
  vulnerable people, preventing crime, managing offenders, serious and organised crime,
  treatment of the public ("police powers and public treatment"), developing a positive
  workplace ("building, supporting and protecting the workforce"), good use of
  resources (2021/22 "strategic planning, organisational management and value for
  money"), leadership and force management (2023–2025), crime data integrity
  ("recording data about crime", "crime-recording").
- PEEL 2014–2019: the pillars effectiveness, efficiency, legitimacy; their graded
  questions map onto the labels above, plus tackling anti-social behaviour (2014) and
  ethical and lawful behaviour (2015–2019).
- Crime data integrity inspections 2016–2019: crime data integrity (the overall grade)
  and its three graded questions, "crime data integrity: recording reported crime",
  "crime data integrity: systems and processes", "crime data integrity: leadership and
  culture".
- National child protection inspections (graded from 2023; the methodology's five
  topics), read only in child protection reports: "child protection: leadership",
  "… partnership working", "… initial response", "… risk assessment and referral",
  "… investigation". Earlier ones graded cases, not forces.

Cycles are in :mod:`index.grades.cycles`.
"""

from __future__ import annotations

import re

from index.lexicon.grades import GRADING
from index.lexicon.negation import COMPARISON, HEDGE, NEGATION
from index.lexicon.numbers import NUMBER_WORDS

# --- areas -----------------------------------------------------------------------------

PILLARS: tuple[str, ...] = ("effectiveness", "efficiency", "legitimacy")
CDI = "crime data integrity"
_ASB = r"anti-?\s?social behaviour"
_RESPECT = r"(?: and (?:with )?respect(?:fully)?)?"

# (pattern, the areas it names); matched case-insensitively between word boundaries.
AREA_SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"effectiveness|keeping people safe and reducing crime"
        r"|reducing crime and keeping people safe",
        ("effectiveness",),
    ),
    (r"efficiency|operating efficiently(?: and sustainably)?", ("efficiency",)),
    (r"legitimacy|treating the public and its workforce (?:fairly|legitimately)", ("legitimacy",)),
    (
        r"(?:all|each|every one|each one)(?: of the)? (?:three )?(?:PEEL )?pillars"
        r"|(?:every|each) pillar",
        PILLARS,
    ),
    (
        rf"preventing (?:and deterring )?crime(?:,? and (?:tackling )?{_ASB})?"
        r"(?:,? and reducing vulnerability)?|reducing crime and preventing offending",
        ("preventing crime",),
    ),
    (rf"tackling {_ASB}", ("tackling anti-social behaviour",)),
    (
        r"investigating (?:crime|offending)(?: and reducing re-?offending)?",
        ("investigating crime",),
    ),
    (
        r"protecting (?:vulnerable people|those who are vulnerable)(?: and supporting victims)?",
        ("protecting vulnerable people",),
    ),
    (
        r"(?:tackling |disrupting )?serious (?:and )?organised crime",
        ("serious and organised crime",),
    ),
    (
        r"responding to the public|(?:the )?response to the public|call handling",
        ("responding to the public",),
    ),
    (
        r"(?:managing|management of|(?:the way |how (?:well )?)?it manages)"
        r" (?:the most (?:prolific|dangerous) |(?:registered )?sex |dangerous )?offenders"
        r"(?: and suspects)?|offender management",
        ("managing offenders",),
    ),
    (
        r"police powers and (?:public treatment|(?:the )?treatment of the public"
        rf"|treating the public fairly{_RESPECT})|(?:its )?use of police powers"
        rf"|treatment of the public|public treatment"
        rf"|using police powers(?: and treating (?:the public|people) fairly{_RESPECT})?"
        rf"|treating (?:the public|the people it serves) (?:fairly|with fairness){_RESPECT}"
        r"|engaging with and treating the public(?: with fairness and respect)?"
        r"|(?:how it )?treats the public",
        ("treatment of the public",),
    ),
    (
        r"(?:developing|building) a positive workplace|positive workplace"
        r"|(?:building, )?supporting and protecting (?:the|its) workforce"
        r"|building and (?:supporting|developing) the workforce"
        rf"|treating (?:the|its) (?:own )?workforce (?:fairly|with fairness){_RESPECT}",
        ("developing a positive workplace",),
    ),
    (
        r"(?:making )?good use of (?:its )?resources|use of resources"
        r"|strategic planning, organisational management and value for money"
        r"|strategic planning and (?:value for money|the use of resources)",
        ("good use of resources",),
    ),
    (r"leadership and force management", ("leadership and force management",)),
    (
        r"ethical and lawful (?:workforce )?behaviour"
        r"|(?:ensuring|making sure)(?: that)? its workforce behaves ethically and lawfully",
        ("ethical and lawful behaviour",),
    ),
    (
        r"crime data integrity|recording data about crime|crime(?: data)?[- ]recording"
        r"|recording (?:of )?crime|records crime",
        (CDI,),
    ),
)

# The graded topics of a national child protection inspection (its methodology's names).
CHILD_PROTECTION_SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"leadership(?:, management and governance| and (?:governance|management))?",
        ("child protection: leadership",),
    ),
    (
        r"partnership working|(?:its )?work with (?:safeguarding )?partners",
        ("child protection: partnership working",),
    ),
    (
        r"initial (?:response|contact)|responding to children (?:at risk(?: of harm)?|in need)",
        ("child protection: initial response",),
    ),
    (
        r"risk assessment and referrals?|assessing risk and making referrals",
        ("child protection: risk assessment and referral",),
    ),
    (
        r"investigations?|investigating (?:child )?abuse(?:, neglect and exploitation)?",
        ("child protection: investigation",),
    ),
)
# Shorter names a heading or a list line may give an area ("vulnerability – inadequate");
# read only at a line's start, never in running prose ("the investigation was good").
HEADING_AREA_SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"crime prevention|prevention", ("preventing crime",)),
    (r"investigations?|investigating", ("investigating crime",)),
    (r"vulnerability|vulnerable people", ("protecting vulnerable people",)),
    (r"offenders|managing offenders and suspects", ("managing offenders",)),
    (r"workforce|the workforce", ("developing a positive workplace",)),
    (r"resources", ("good use of resources",)),
    (r"police powers|fairness|public treatment", ("treatment of the public",)),
)
OVERALL = "overall"  # a force's overall judgement, where a report gives one

# The graded questions of a crime data integrity report, as worded in a table's first cell.
CDI_QUESTIONS: tuple[tuple[str, str], ...] = (
    (r"recording reported crime", f"{CDI}: recording reported crime"),
    (r"systems and processes", f"{CDI}: systems and processes"),
    (r"leadership and culture", f"{CDI}: leadership and culture"),
)
ALL_AREAS = frozenset(
    [label for _, labels in AREA_SYNONYMS + CHILD_PROTECTION_SYNONYMS for label in labels]
    + [label for _, label in CDI_QUESTIONS]
    + [OVERALL]
)
# A label or line that names an overall judgement: "Overall", "Overall judgment:".
OVERALL_LABEL = re.compile(r"^overall(?: grade| judge?ment| rating)?:?$", re.I)
OVERALL_AFTER = re.compile(r"^\s*overall\b(?!\s+(?:for|at|in|on)\b)", re.I)  # "good overall"
OVERALL_BEFORE = re.compile(  # "an overall judgment of", "overall grade:"
    r"\boverall (?:grade|judge?ment|rating)(?:\s+(?:of|was|is|as))?\s*:?\s*(?:['\u2018\"\u201c])?$",
    re.I,
)


def _bounded(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.I)


AREA_RES = tuple((_bounded(pattern), areas) for pattern, areas in AREA_SYNONYMS)
CHILD_PROTECTION_RES = tuple(
    (_bounded(pattern), areas) for pattern, areas in CHILD_PROTECTION_SYNONYMS
)
CDI_QUESTION_RES = tuple((_bounded(pattern), area) for pattern, area in CDI_QUESTIONS)

Span = tuple[int, int, tuple[str, ...]]


def area_spans(text: str, child_protection: bool = False) -> list[Span]:
    """Non-overlapping area mentions (start, end, areas), longest first, in text order;
    child protection topics too in a child protection report."""
    regexes = CHILD_PROTECTION_RES + AREA_RES if child_protection else AREA_RES
    found = sorted(
        ((m.start(), m.end(), areas) for regex, areas in regexes for m in regex.finditer(text)),
        key=lambda span: (span[0] - span[1], span[0]),
    )
    taken: list[Span] = []
    for span in found:
        if all(span[1] <= other[0] or span[0] >= other[1] for other in taken):
            taken.append(span)
    return sorted(taken)


def area_labels(text: str, child_protection: bool = False) -> tuple[str, ...]:
    """The area labels a text names: a label itself, or the areas its wording names."""
    wording = text.strip().lower()
    if wording in ALL_AREAS:
        return (wording,)
    spans = area_spans(text, child_protection)
    return tuple(dict.fromkeys(area for *_, areas in spans for area in areas))


def cdi_question(cell: str) -> tuple[str, ...] | None:
    """The crime data integrity question a table cell asks ("How effective is…?"), if any."""
    if not (cell.lower().startswith("how ") and cell.endswith("?")):
        return None
    return next(((area,) for regex, area in CDI_QUESTION_RES if regex.search(cell)), None)


# --- cues: when a grade word in prose is a grade -----------------------------------------

STRONG_CUE = re.compile(rf"\b(?:{GRADING}|rates|found|finds)\b", re.I)
WEAK_CUE = re.compile(  # right before the grade: "was", "remained", "was now"
    r"\b(?:was|were|is|are|be|been|being|remained|remains|became|as)"
    r"(?:\s+(?:still|now|also|again|consistently|judged|graded|rated))*\s+$",
    re.I,
)
# Negation, hypothesis or comparison in the clause before the grade.
BLOCKED = re.compile(rf"{NEGATION}|{HEDGE}|{COMPARISON}", re.I)
TALLY = re.compile(rf"(?:\b{NUMBER_WORDS}|(?<!\d)\d{{1,3}})\s+$", re.I)  # "one good grade"
PENDING = re.compile(r"recommendation|action|device|cases|backlog|warrant", re.I)
# What may follow a grade used as a grade (not "good practice", "inadequate governance").
# Words that make a grade word plain praise: "very good", "generally good".
INTENSIFIED = re.compile(
    r"\b(?:very|really|particularly|quite|extremely|generally|largely|mostly|broadly|so|too"
    r"|fairly|reasonably|consistently)\s+$",
    re.I,
)
NEXT_OK = re.compile(
    r"^(?:\s*[.,;:)(\u2013\u2014]|\s*$|\s+-\s|\s+(?:at|for|in|on|and|or|but|both|with|across"
    r"|overall|when|while|since|after|as|from|to|by|under|again|among|compared|rather)\b)",
    re.I,
)
# "good at X", "good overall for X"
GOVERNS = re.compile(r"^\s*(?:grades?\s+)?(?:overall\s+)?(?:both\s+)?(?:at|for|in|on)\b", re.I)
AREAS_WERE = re.compile(  # "inadequate areas were", "the three inadequate areas included"
    r"^\s*areas?\s+(?:was|were|is|are|included?|includes|comprised)\b", re.I
)
WERE = re.compile(r"^\s+(?:was|were|is|are)\b", re.I)
AREAS_BEFORE = re.compile(r"\bareas?\s+$", re.I)  # "areas requiring improvement were"
PLURAL_SUBJECT = re.compile(
    r"\b(?:forces|no force|every force|each force|any force|other forces|all forces)\b", re.I
)

HEADING_AREA_RES = tuple((_bounded(pattern), areas) for pattern, areas in HEADING_AREA_SYNONYMS)


def heading_area_spans(text: str) -> list[Span]:
    """The shorter area names a heading may start with ("vulnerability – inadequate")."""
    found = [(m.start(), m.end(), a) for regex, a in HEADING_AREA_RES for m in regex.finditer(text)]
    return sorted(found, key=lambda span: (span[0], span[0] - span[1]))
