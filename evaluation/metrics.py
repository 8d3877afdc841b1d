"""Pure metric functions for the evaluation: rankings, citations, mentions, entities.

Nothing here touches an index; ``evaluation.runner`` feeds these with answers.
Text matching is case-insensitive, treats number words as digits ("nine" ≡ "9")
and common date formats as one ("5 August 2022" ≡ "2022-08-05" ≡ "05/08/2022").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence

from index.forces import normalise_force
from index.lexicon.dates import dates, full_dates
from index.lexicon.numbers import numbers
from index.lexicon.span import Span

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
def _rewrite(text: str, spans: list[Span], shown: Callable[[Span], str]) -> str:
    pieces, at = [], 0
    for span in spans:
        pieces += [text[at : span.start], shown(span)]
        at = span.end
    return "".join([*pieces, text[at:]])


def normalise_dates(text: str) -> str:
    """Rewrite full dates as ISO dates ("5 August 2022", "05/08/2022" -> "2022-08-05")."""
    return _rewrite(text, full_dates(text), lambda span: span.value.iso())


def normalise_numbers(text: str) -> str:
    """Rewrite number words as digits: "twenty-one" → "21", "nine" → "9"."""
    words = [span for span in numbers(text) if span.detail == "words" and span.value is not None]
    return _rewrite(text, words, lambda span: _digits(span.value))


def _digits(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


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
    month = _month_of(phrase)
    if month:  # "June 2019" is stated by "28 June 2019" (normalised to 2019-06-28)
        pattern += rf"|\b{re.escape(month)}-\d\d\b"
    day = _day_of(phrase)
    if day:  # "16 July" is stated by "16 July 2020" (normalised to 2020-07-16)
        pattern += rf"|\b[0-9]+-{day}\b"
    return re.search(pattern, normalised_text) is not None


def _whole_date(phrase: str, detail: str) -> Span | None:
    found = dates(phrase.strip())
    whole = len(found) == 1 and found[0].text == phrase.strip() and found[0].detail == detail
    return found[0] if whole else None


def _month_of(phrase: str) -> str | None:
    """The month "2019-06" when the phrase is a month of a year ("June 2019"), else None."""
    found = _whole_date(phrase, "month")
    return str(found.value) if found and found.value.year else None


def _day_of(phrase: str) -> str | None:
    """The day "07-16" when the phrase is a day of a month without its year ("16 July")."""
    found = _whole_date(phrase, "day")
    if found is None or found.value.year is not None:
        return None
    return f"{found.value.month:02d}-{found.value.day:02d}"


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
    """A force as compared: its canonical name when the force vocabulary knows the name
    ("Cleveland", "the Met"), else the name as written, case and spaces folded."""
    return " ".join((normalise_force(force) or force).lower().split())


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
