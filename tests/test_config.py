"""The one settings tree: overrides by section.field, errors that list the keys."""

from __future__ import annotations

import pytest

from index.errors import ConfigError
from retrieval.config import AnswerConfig, QAConfig, ScorerConfig, SearchConfig


def test_override_changes_only_the_named_fields():
    config = QAConfig().override(["answer.refuse_below=0.25", "scorer.chunk_weight=0"])
    assert config.answer.refuse_below == 0.25
    assert config.scorer.chunk_weight == 0
    assert config.search == SearchConfig()
    assert config.answer.lookup_hits == AnswerConfig().lookup_hits
    assert QAConfig().scorer == ScorerConfig()  # the defaults are not touched


@pytest.mark.parametrize(
    "assignment", ["answer.nope=1", "nope.refuse_below=1", "refuse_below=1", "answer.refuse_below"]
)
def test_unknown_or_malformed_settings_are_refused_with_the_keys(assignment):
    with pytest.raises(ConfigError, match="search.rrf_k"):
        QAConfig().override([assignment])


def test_a_value_that_is_not_a_number_is_refused():
    with pytest.raises(ConfigError, match="number or true/false"):
        QAConfig().override(["answer.refuse_below=high"])


def test_keys_cover_every_section():
    keys = QAConfig().keys()
    assert {k.split(".")[0] for k in keys} == {"search", "answer", "scorer"}
    assert "scorer.similarity_weight" in keys and "search.prefer_weight" in keys
