"""Negation and its scope, and the words that weaken a statement.

NEGATION: "not", "no", "never", "none", "neither", "nor", "without", "cannot", "n't";
its scope runs from the word to the end of its clause (a comma, semicolon, colon,
dash, full stop, "but", or a word opening another clause: "because", "which" …).
DENIAL words say that something is missing ("lacked", "failed", "too few"); of them,
the DENYING words deny what follows as "not" does ("short of", "refused"). HEDGE words
make a statement conditional ("if", "would"); COMPARISON words set it against another
("below", "than").
"""

from __future__ import annotations

import re

from index.lexicon.layout import strip_markers
from index.lexicon.span import Concept, Span

NEGATION = r"\b(?:not|no|never|none|neither|nor|without|cannot)\b|n['\u2019]t\b"
NEGATION_WORDS = frozenset({"not", "no", "never", "none", "neither", "nor", "without", "cannot"})
DENIAL = (
    r"\b(?:lack(?:s|ed|ing)?|fail(?:s|ed|ing)?|unable|absence|absent|insufficient|too few"
    r"|short(?:age)? of|fewer|less than)\b"
)
HEDGE = r"\b(?:if|whether|unless|would|could|might|should|aims?|hopes?|expects?)\b"
COMPARISON = r"\b(?:below|above|than)\b"
# Words that deny what follows them as "not" does: "short of trained officers" says what
# "does not have enough trained officers" says; "refused" what "did not grant" says.
DENYING = (
    r"\b(?:lack(?:s|ed|ing)?|fail(?:s|ed|ing)?(?= to\b)|unable|insufficient|too few"
    r"|short of|shortage of|refus(?:e|es|ed|ing))\b"
)
_NEGATION = re.compile(NEGATION, re.I)
_DENIAL = re.compile(DENIAL, re.I)
_DENYING = re.compile(DENYING, re.I)
_CLAUSE_END = re.compile(
    r"[,;:.!?\u2013\u2014]|\s-\s|\b(?:but|because|which|who|that|when|while|whereas|so that"
    r"|unless|until|after|before|although|though)\b",
    re.I,
)


def negations(text: str, *, denying: bool = False) -> list[Span]:
    """Every NEGATION; value the word, detail the scope's text (to its clause's end).
    With ``denying``, the words that deny as "not" does too ("lacked", "refused")."""
    found = []
    matches = [*_NEGATION.finditer(text), *(_DENYING.finditer(text) if denying else ())]
    for match in sorted(matches, key=lambda m: m.start()):
        end = _CLAUSE_END.search(text, match.end())
        scope = text[match.end() : end.start() if end else len(text)].strip()
        found.append(
            Span(
                Concept.NEGATION,
                match.start(),
                match.end(),
                match.group(),
                match.group().lower(),
                scope,
            )
        )
    return found


def negated(text: str) -> bool:
    """Whether a text carries a negation (citation markers are no words)."""
    return bool(_NEGATION.search(strip_markers(text)))


def denies(text: str) -> bool:
    """A negation, or a word that denies ("lacked", "failed", "unable")."""
    return negated(text) or _DENIAL.search(text) is not None
