"""Reading the BM25 side while a build switches it (pure logic: the load is faked)."""

from __future__ import annotations

from pathlib import Path

import pytest

import index.lexical
from index.lexical import POINTER, load_lexical


def test_a_reader_follows_the_pointer_when_a_build_deletes_the_folder_it_reads(
    tmp_path: Path, monkeypatch
):
    (tmp_path / POINTER).write_text("rev-1")
    read: list[str] = []

    def load(target: Path) -> str:
        read.append(target.name)
        if target.name == "rev-1":  # the build switched to rev-2 and deleted rev-1
            (tmp_path / POINTER).write_text("rev-2")
            raise FileNotFoundError(target / "indptr.csc.index.npy")
        return target.name

    monkeypatch.setattr(index.lexical, "_load", load)
    assert load_lexical(tmp_path) == "rev-2"
    assert read == ["rev-1", "rev-2"]


def test_a_damaged_folder_is_an_error_not_a_retry(tmp_path: Path, monkeypatch):
    (tmp_path / POINTER).write_text("rev-1")

    def load(target: Path) -> str:
        raise FileNotFoundError(target / "vocab.index.json")

    monkeypatch.setattr(index.lexical, "_load", load)
    with pytest.raises(FileNotFoundError):
        load_lexical(tmp_path)
    assert load_lexical(tmp_path / "none") is None
