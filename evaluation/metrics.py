"""Pure metric functions for the evaluation: rankings, citations, mentions, entities.

Nothing here touches an index; ``evaluation.runner`` feeds these with answers.
Text matching is case-insensitive, treats number words as digits ("nine" ≡ "9")
and common date formats as one ("5 August 2022" ≡ "2022-08-05" ≡ "05/08/2022").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from index.lexicon.dates import MONTHS

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {word: n for n, word in enumerate(_UNITS)}
NUMBER_WORDS.update({word: 20 + 10 * i for i, word in enumerate(_TENS)})

_MONTH_NUMBER = MONTHS
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

_NUMBER = re.compile(
    r"\b("
    + "|".join(_TENS)
    + r")[- ]("
    + "|".join(_UNITS[1:10])
    + r")\b|\b("
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")\b"
)
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(r"\b" + _ORDINAL + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH + r"\s+" + _ORDINAL + r",?\s+(\d{4})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")  # UK order: day first
_MONTH_YEAR = re.compile(_MONTH + r"\s+(\d{4})")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_PUNCTUATION = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
    }
)


# text normalisation ---------------------------------------------------------
def _iso(year: str | int, month: str | int, day: str | int) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def normalise_dates(text: str) -> str:
    """Rewrite the common date formats as ISO dates (lower-case text expected)."""
    text = _DAY_MONTH_YEAR.sub(lambda m: _iso(m[3], _MONTH_NUMBER[m[2]], m[1]), text)
    text = _MONTH_DAY_YEAR.sub(lambda m: _iso(m[3], _MONTH_NUMBER[m[1]], m[2]), text)
    text = _NUMERIC_DATE.sub(lambda m: _iso(m[3], m[2], m[1]), text)
    return _ISO_DATE.sub(lambda m: _iso(m[1], m[2], m[3]), text)


def normalise_numbers(text: str) -> str:
    """Rewrite number words as digits: "twenty-one" → "21", "nine" → "9"."""

    def digits(match: re.Match[str]) -> str:
        if match[1]:
            return str(NUMBER_WORDS[match[1]] + NUMBER_WORDS[match[2]])
        return str(NUMBER_WORDS[match[3]])

    return _NUMBER.sub(digits, text)


def normalise(text: str) -> str:
    """Lower-case, plain punctuation, one space, ISO dates, digits for number words,
    and a hyphen between words read as a space ("crime-recording" ≡ "crime recording")."""
    text = " ".join(text.translate(_PUNCTUATION).lower().split())
    return _WORD_HYPHEN.sub(" ", normalise_numbers(normalise_dates(text)))


def _contains(normalised_text: str, phrase: str) -> bool:
    wanted = normalise(phrase)
    if not wanted:
        return False
    # whole words; a number must not be part of a longer one ("13" is not in "2013" or "1.13")
    pattern = r"(?<!\w)(?<!\d\.)" + re.escape(wanted) + r"(?!\w)(?!\.\d)"
    month_year = _MONTH_YEAR.fullmatch(wanted)
    if month_year:  # "June 2019" is stated by "28 June 2019" (normalised to 2019-06-28)
        pattern += rf"|\b{month_year[2]}-{_MONTH_NUMBER[month_year[1]]:02d}-\d\d\b"
    return re.search(pattern, normalised_text) is not None


def mentions(text: str, phrase: str) -> bool:
    """Whether the text contains the phrase, both normalised, as whole words."""
    return _contains(normalise(text), phrase)


def mention_coverage(text: str, phrases: Sequence[str]) -> float | None:
    """Share of phrases the text mentions; None when there is nothing to check."""
    if not phrases:
        return None
    normalised = normalise(text)
    return sum(_contains(normalised, p) for p in phrases) / len(phrases)


# rankings and citations -----------------------------------------------------
def unique_in_order(items: Iterable[str]) -> list[str]:
    """Items with repeats removed, first occurrence kept."""
    return list(dict.fromkeys(items))


def recall_at_k(ranked: Sequence[str], gold: Iterable[str], k: int) -> float | None:
    """Share of gold ids among the first k ranked ids; None without gold."""
    wanted = set(gold)
    if not wanted:
        return None
    return len(wanted & set(ranked[:k])) / len(wanted)


def reciprocal_rank(ranked: Sequence[str], gold: Iterable[str]) -> float | None:
    """1 / rank of the first gold id (0 when none is ranked); None without gold."""
    wanted = set(gold)
    if not wanted:
        return None
    return next((1.0 / (i + 1) for i, item in enumerate(ranked) if item in wanted), 0.0)


def citation_recall(cited: Iterable[str], gold: Iterable[str]) -> float | None:
    """1 when any gold document is cited, else 0; None without gold."""
    wanted = set(gold)
    if not wanted:
        return None
    return float(bool(wanted & set(cited)))


def citation_precision(cited: Iterable[str], gold: Iterable[str]) -> float | None:
    """Share of distinct cited documents that are gold; None without citations or gold."""
    docs, wanted = set(cited), set(gold)
    if not docs or not wanted:
        return None
    return len(docs & wanted) / len(docs)


# entities -------------------------------------------------------------------
def _key(force: str) -> str:
    return " ".join(force.lower().split())


def _found(entity: str, predicted: set[str]) -> bool:
    """An entity is found by name, or (a joint "A and B") when every part is found."""
    if _key(entity) in predicted:
        return True
    parts = [_key(p) for p in entity.split(" and ")]
    return len(parts) > 1 and all(p in predicted for p in parts)


def entity_scores(
    predicted: Iterable[str], gold: Iterable[str]
) -> tuple[float | None, float | None]:
    """(recall, precision) of predicted forces against gold forces; None when undefined.

    A predicted force counts as correct when it is a gold force or a part of a
    joint gold entry ("Norfolk Constabulary and Suffolk Constabulary").
    """
    wanted = [g for g in gold if g.strip()]
    guessed = {_key(p) for p in predicted if p.strip()}
    recall = sum(_found(g, guessed) for g in wanted) / len(wanted) if wanted else None
    if not guessed or not wanted:
        return recall, None
    allowed = {_key(g) for g in wanted} | {_key(p) for g in wanted for p in g.split(" and ")}
    return recall, len(guessed & allowed) / len(guessed)


# summaries ------------------------------------------------------------------
def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the defined values; None when none is defined."""
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
