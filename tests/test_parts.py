"""Splitting a question that asks two things into its parts (pure logic)."""

from __future__ import annotations

import pytest

from retrieval.question.parts import part_queries, question_parts


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "Who signed the letter, and when was the final report expected?",
            ["Who signed the letter", "when was the final report expected?"],
        ),
        (
            "What was the category called and how did its use compare nationally?",
            ["What was the category called", "how did its use compare nationally?"],
        ),
        ("How many cases were examined; how were they graded?", None),
        (
            "When was the visit, and in what year was it last inspected?",
            ["When was the visit", "in what year was it last inspected?"],
        ),
        (
            "Who led the review and by when must the force act?",
            ["Who led the review", "by when must the force act?"],
        ),
    ],
)
def test_a_coordinated_second_question_is_its_own_part(question, parts):
    expected = parts or ["How many cases were examined", "how were they graded?"]
    assert question_parts(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "How did Humberside Police and Merseyside Police compare in PEEL 2021/22?",
        "What happened to the force's status between 2019 and 2024?",
        "Which forces lack specialist detectives and analysts?",
        "Which forces were graded good in 2019 and in 2023?",
        "Who and when?",  # too short to be two questions
    ],
)
def test_a_question_that_asks_one_thing_stays_whole(question):
    assert question_parts(question) == [question]
    assert part_queries(question) == []


def test_a_part_naming_no_force_borrows_the_forces_of_the_question():
    queries = part_queries("When did Kent Police publish its plan, and why was it delayed?")
    assert queries == ["When did Kent Police publish its plan", "why was it delayed? (Kent Police)"]
