"""Shared text vocabulary: sentence splitting, word tokenising, stop words, the stemmer.

Three readers split sentences, each on purpose differently, so the three patterns
live here side by side; likewise the two word tokenisers and the stop-word lists.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.lexicon.layout import MARKER

if TYPE_CHECKING:
    from Stemmer import Stemmer

# --- sentences ------------------------------------------------------------------------

# Report prose (chunking and quotable units): a sentence ends at . ! ? (optionally
# followed by a closing quote or bracket, kept in group 1) and whitespace, when the next
# sentence starts with a capital, digit or opening quote; see sentence_spans for the
# abbreviations that do not end one. Changing it changes every index's chunks and units.
SENTENCE_END = re.compile(r"(?<=[.!?])([\"')\]]?)\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "no.", "mr.", "mrs.", "ms.", "dr.", "st.", "para.", "p.")

# Generated answers: any closing quotes/brackets and the [n] citation markers after the
# full stop stay with their sentence, and a sentence may also end at a marker that is
# followed by a new capitalised sentence (models often drop the full stop).
ANSWER_SENTENCE_END = re.compile(
    rf"(?<=[.!?])[\"')\]]*(?:\s*{MARKER})*\s+"
    r"|(?<=\])\s+(?=[\"'(]?[A-Z])"
)

# Context shown around a quote in the UI: any sentence end (curly quotes included, no
# capital needed after it) or a paragraph break (a blank line), so the context stops
# at a paragraph even when it does not end in a full stop (a heading, a list item).
CONTEXT_BOUNDARY = re.compile(r"(?<=[.!?])[\"'’”)\]]*\s+|\n\s*\n")


def sentence_spans(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of report prose in text, shifted by offset."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if text[start : match.start()].lower().endswith(_ABBREVIATIONS):
            continue
        spans.append((start + offset, match.start() + len(match.group(1)) + offset))
        start = match.end()
    if start < len(text):
        spans.append((start + offset, len(text) + offset))
    return [(s, e) for s, e in spans if e > s]


_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|no|mr|mrs|ms|dr|st|para|p)\.$", re.I)


def sentence_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end], in document offsets.

    Like sentence_spans, but an abbreviation must be a whole word ("problems." ends a
    sentence). sentence_spans keeps its looser check because changing it re-chunks
    every existing index; extraction (grades, counts) uses this one.
    """
    spans, begin = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        if not _ABBREVIATION.search(text, begin, match.start()):
            spans.append((begin, begin + len(text[begin : match.end()].rstrip())))
            begin = match.end()
    return [*spans, (begin, begin + len(text[begin:end].rstrip()))]


# --- words ----------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d[\d,.]*")
_LETTERS = re.compile(r"[a-z]+")
_POSSESSIVE = re.compile(r"['’]s\b")


def words(text: str) -> list[str]:
    """Lower-cased words (hyphens and apostrophes inside kept) and numbers, edges stripped.

    How questions and evidence units are matched: "follow-up" and "2,000" stay whole; a
    possessive is its noun ("Police's" -> "police").
    """
    return [_POSSESSIVE.sub("", w.lower()).strip("'.,") for w in _WORD.findall(text)]


def letter_words(text: str) -> list[str]:
    """Lower-cased runs of letters, a possessive "'s" dropped ("force's" -> "force").

    How generated answers are checked against quotes: "follow-up" is "follow", "up".
    """
    return _LETTERS.findall(_POSSESSIVE.sub("", text.lower()))


# --- stop words -----------------------------------------------------------------------

# A question's framing ("which forces ... according to the report"): left out of the
# content words an evidence unit should share with the question.
_QUESTION_WORD_TEXT = """
    which what when where who whom whose why how many much did does do was were is are has
    have had the a an of in on for to and or by with about any its their there this that
    these those say said report reports force forces police inspection inspectorate hmicfrs
    list name tell me find show according be been it they from at as not"""
QUESTION_WORDS = frozenset(_QUESTION_WORD_TEXT.split())

# Function words and the framing every generated answer uses ("the inspectors found
# that ..."): left out when a generated sentence is checked against its quotes.
_ANSWER_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how i if in into is
    it its itself just may me might more most must my of off on once only or other our ours
    out over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours
    according found find finds noted notes note said says stated states report reports
    reported inspection inspections inspector inspectors inspectorate hmicfrs hmic
    police force forces passage passages quote quotes
    don doesn didn isn wasn aren weren hasn haven hadn won wouldn shouldn couldn"""
ANSWER_STOPWORDS = frozenset(_ANSWER_STOPWORD_TEXT.split())

# BM25 (index.lexical) uses bm25s's built-in English list; its vocabulary is saved
# with each index, so it stays that list.
LEXICAL_STOPWORDS = "en"


# --- stems ----------------------------------------------------------------------------


def english_stemmer() -> Stemmer:
    """A new Snowball English stemmer; an instance is not thread-safe, so each user keeps one."""
    import Stemmer

    return Stemmer.Stemmer("english")
