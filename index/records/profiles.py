"""A report's grade profile: how many areas it graded, with each grade's tally when the
sentence gives them ("graded the force in nine areas of policing and found it inadequate
in three, requires improvement in two …", "six 'outstanding' and two 'good'").

A record of kind ``count`` and subject ``graded areas``; its value is the number of
areas graded as stated (else the tallies' sum), its date the year the sentence names
("its previous inspection, in 2021/22, had graded it inadequate in six of eleven
areas"), else the report's. Trend and compare answers quote it beside the grades of
the same report: the profile says what the named grades leave out.
"""

from __future__ import annotations

from collections.abc import Iterator

from index.forces import NATIONAL
from index.lexicon.grades import grade_profile
from index.records.dating import dated
from index.records.record import Record, record, sentences, subjects
from index.types import DocumentMeta

GRADED_AREAS = "graded areas"


def profile_records(text: str, meta: DocumentMeta) -> Iterator[Record]:
    """Each sentence's grade profile, for each force it is about."""
    for start, end in sentences(text):
        sentence = text[start:end]
        profile = grade_profile(sentence)
        if profile is None:
            continue
        years = [d.value[:4] for d in dated(sentence)]
        when = years[0] if years else (meta.published or "")[:4] or None
        for force in subjects(sentence, meta):
            if force != NATIONAL:
                value = str(profile.areas)
                yield record(meta, force, "count", GRADED_AREAS, value, when, text, start, end)
