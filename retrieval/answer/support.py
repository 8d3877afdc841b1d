"""Does a sentence say only what its cited passages say? One check, used wherever it is asked.

A sentence cites passages with [n] markers. It is supported when every marker points to a
known citation, every number it states is in the cited text, it carries no negation the
cited text lacks, enough of its content words (stemmed) appear there, and the grades, years
and forces it names are there too. The LLM answerer checks each generated sentence with
:func:`check_sentence`; the claim checker (:mod:`retrieval.check.checker`) reads the same
comparison, :func:`compare_facts`, to say which facts match, which differ and which are absent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.lexicon.compare import compare_facts
from index.lexicon.facts import Fact, content_stems, meta_text
from index.lexicon.layout import MARKER, MARKER_RE, line_prefix, marker_numbers
from index.text import ANSWER_SENTENCE_END
from index.types import Citation

__all__ = ["MIN_OVERLAP", "Verdict", "check_sentence", "check_text", "content_stems"]

MIN_OVERLAP = 0.5  # share of a sentence's content words (stemmed) found in its cited quotes

_LEADING_MARKERS = re.compile(rf"(?:{MARKER}\s*)+(?=\S)")
_PREAMBLE = re.compile(r"^\s*(?:answer|response)\s*:\s*", re.I)


def parse_markers(sentence: str) -> list[int]:
    """The citation numbers in a sentence, in order, without repeats: "[1][2, 3]" -> [1, 2, 3]."""
    return marker_numbers(sentence)


def strip_markers(sentence: str) -> str:
    """The sentence without its [n] markers, whitespace tidied."""
    text = MARKER_RE.sub("", sentence)
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    """Sentences of generated text; trailing [n] markers stay with their sentence."""
    sentences: list[str] = []
    for line in text.splitlines():
        line = _PREAMBLE.sub("", line[len(line_prefix(line)) :]).strip()
        lead = _LEADING_MARKERS.match(line)
        if lead:  # "[1] Custody was good." cites the sentence it starts
            line = line[lead.end() :]
        start, first = 0, len(sentences)
        for match in ANSWER_SENTENCE_END.finditer(line):
            _add_sentence(sentences, line[start : match.end()])
            start = match.end()
        _add_sentence(sentences, line[start:])
        if lead and len(sentences) > first:
            sentences[first] = f"{sentences[first]} {lead.group().strip()}"
    return sentences


def _add_sentence(sentences: list[str], text: str) -> None:
    """Append a sentence; bare markers ("[2]") join the sentence before them."""
    text = text.strip()
    if strip_markers(text):
        sentences.append(text)
    elif text and sentences:
        sentences[-1] = f"{sentences[-1]} {text}"


def support_text(citation: Citation) -> str:
    """What a sentence citing this may rely on: the quote and the report's own metadata."""
    return f"{citation.quote} {meta_text(citation.meta)}"


@dataclass(frozen=True)
class Verdict:
    """Whether one generated sentence may be shown, and why not."""

    sentence: str
    markers: tuple[int, ...]
    reason: str | None = None  # None: supported
    overlap: float = 0.0

    @property
    def supported(self) -> bool:
        return self.reason is None


def check_sentence(
    sentence: str, citations: Sequence[Citation], min_overlap: float = MIN_OVERLAP
) -> Verdict:
    """Judge one sentence against the quotes its [n] markers point to."""
    markers = tuple(parse_markers(sentence))
    by_n = {c.n: c for c in citations}
    if not markers:
        return Verdict(sentence, markers, "no [n] marker")
    unknown = [n for n in markers if n not in by_n]
    if unknown:
        return Verdict(sentence, markers, f"cites unknown {unknown}")
    body = strip_markers(sentence)
    source = " ".join(support_text(by_n[n]) for n in markers)
    facts = compare_facts(body, source)  # every fact stated must be in the cited text
    unsupported = [fact for fact, _ in facts.differing] + list(facts.absent)
    missing = sorted(
        {f.value for f in unsupported if f.kind in (Fact.NUMBER, Fact.YEAR, Fact.DATE)}
    )
    if missing:
        return Verdict(sentence, markers, f"numbers {missing} not in the cited quote")
    if any(f.kind is Fact.NEGATION for f in unsupported):
        return Verdict(sentence, markers, "a negation the cited quote lacks")
    words = content_stems(body)
    if not words:
        return Verdict(sentence, markers, "no content words")
    overlap = len(words & content_stems(source)) / len(words)
    if overlap < min_overlap:
        return Verdict(sentence, markers, f"overlap {overlap:.2f} < {min_overlap}", overlap)
    if unsupported:
        named = ", ".join(f"{f.kind.value} {f.text!r}" for f in unsupported)
        return Verdict(sentence, markers, f"{named} not in the cited quote", overlap)
    return Verdict(sentence, markers, None, overlap)


def format_sentence(verdict: Verdict) -> str:
    """A kept sentence in the extractive style: its text, then its markers."""
    body = strip_markers(verdict.sentence)
    return f"{body} " + "".join(f"[{n}]" for n in verdict.markers)


def check_text(
    text: str, citations: Sequence[Citation], min_overlap: float = MIN_OVERLAP
) -> list[Verdict]:
    """A verdict for every sentence of a generated answer."""
    return [check_sentence(s, citations, min_overlap) for s in split_sentences(text)]
