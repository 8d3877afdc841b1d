"""What kind of answer a question wants (retrieval.question.route), from its wording and the
number of forces it names. Pure logic: no index, no model."""

from __future__ import annotations

import pytest

from index.types import Kind
from retrieval.question.route import asks_future, classify

# --- lookup: one fact from one report ------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "forces_named"),
    [
        ("On what date did the inspectorate publish its report on Avon and Somerset?", 1),
        ("Who signed off the custody inspection of Thames Valley Police?", 1),
        ("How many custody suites does Northumbria Police run?", 1),
        ("What grade did Sussex Police get for treating the public fairly?", 1),
        ("What did inspectors say about mental health triage in Hampshire?", 1),
        ("Which force has the longest wait for 101 calls?", 0),  # one force, not a list
        ("What is a cause of concern?", 0),
        ("How long did the inspection of Kent Police take?", 1),  # a duration it states
        # one report named as the source: what it states, however it is worded
        ("According to the 2021 custody report, how far did detentions fall from 2015 to 2018?", 0),
        ("According to the report, how did the backlog change between 2019 and 2021?", 0),
        # a leading clause that dates the question does not make it a trend
        ("When inspectors revisited Kent in 2020, how many recommendations were met?", 1),
        ("When HMICFRS made its follow-up visit in 2019, which gaps did it find?", 0),
        # when one report came out is one fact, whatever the report is called
        ("When was the Staffordshire Engage revisit letter published?", 1),
        ("On what date was the follow-up report on Kent released?", 1),
        # "change" as a noun asks what was credited, not how things moved
        ("Who led the Kent inspection, and which change did she praise most?", 1),
        # one end of a spell asked: a date, looked up
        ("When did Kent leave Engage?", 1),
        ("Why was Kent placed in special measures?", 1),
    ],
)
def test_fact_questions_are_lookups(question, forces_named):
    assert classify(question, forces_named) is Kind.LOOKUP


# --- aggregate: a list across forces --------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Which forces were told to improve how they supervise investigations?",
        "What police forces had a backlog of seized phones awaiting examination?",
        "How many forces were rated inadequate for responding to the public?",
        "List every report that mentions body-worn video.",
        "Which of the forces still used paper custody records?",
        "In which force areas did the commissioner publish a response?",
        "Is there a force that does not vet its volunteers?",
        "Name the forces that run a dedicated rural crime team.",
        "In which forces were detainees kept waiting for an appropriate adult?",
        "Across all the forces, what was found about stop and search records?",
        "Which reports criticise the handling of missing children?",
    ],
)
def test_questions_across_forces_are_aggregates(question):
    assert classify(question) is Kind.AGGREGATE


def test_a_list_question_that_names_a_force_is_not_an_aggregate():
    """Naming a force narrows the list to that force's reports: it is no longer a list
    across forces."""
    question = "Which reports criticise the handling of missing children?"
    assert classify(question, forces_named=0) is Kind.AGGREGATE
    assert classify(question, forces_named=1) is Kind.LOOKUP


# --- trend: one force over time -------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "When inspectors went back in 2023, what had changed at Wiltshire Police?",
        "When did inspectors revisit Cleveland Police?",
        "How did Kent's call handling change?",
        "How has call handling at Bedfordshire Police changed since its last inspection?",
        "Did Gwent Police improve between 2017 and 2022 on crime recording?",
        "How did Suffolk's custody provision evolve over the years?",
        "What is the trend in repeat victims of domestic abuse in Cleveland?",
        "How did Durham's neighbourhood policing fare from 2016 to 2023?",
        "What did the re-inspection of Lincolnshire's custody suites find?",
        "What did the follow-up visit to Wiltshire conclude about child protection?",
        "Has Northamptonshire Police progressed since the previous inspection?",
        "How long did Cumbria spend in Engage before it got out?",  # from entry to exit
        "How long was Gwent in special measures?",
        # a spell's two ends asked: its entry and its exit
        "Kent went into Engage in 2022 – when did it come out of Engage?",
        "Take me through Surrey's spell in special measures, entry to exit.",
        "How has Cumbria's record moved from its 2016 audit to its exit from Engage?",
        "How did Gwent go from a failing force to a good one?",
        "Did Essex's custody get better or worse between its 2017 inspection and the 2022 one?",
        "How far back do Kent's recording problems go?",
        "Walk me through the causes of concern, from when they were raised to when they closed.",
    ],
)
def test_questions_about_change_over_time_are_trends(question):
    assert classify(question, forces_named=1) is Kind.TREND


def test_trend_wording_without_a_force_is_still_a_trend():
    assert classify("How has the use of Taser changed over time?") is Kind.TREND


# --- compare: two or more forces side by side --------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Compare Dyfed-Powys Police and North Wales Police on rural crime.",
        "Staffordshire Police versus West Mercia Police: who answers 999 calls faster?",
        "Nottinghamshire vs. Derbyshire on the quality of investigations",
        "How did Kent Police and Essex Police differ in recording sexual offences?",
        "What is the difference between Merseyside and Cheshire custody staffing?",
        "Show Norfolk's and Suffolk's vetting findings side by side.",
    ],
)
def test_comparison_wording_with_two_forces_is_a_comparison(question):
    assert classify(question, forces_named=2) is Kind.COMPARE


def test_two_forces_named_without_comparison_wording_is_a_comparison():
    question = "What do Surrey Police and Sussex Police say about their joint vetting unit?"
    assert classify(question, forces_named=0) is Kind.LOOKUP
    assert classify(question, forces_named=2) is Kind.COMPARE
    assert classify(question, forces_named=3) is Kind.COMPARE


def test_comparison_wording_without_a_named_force_is_a_comparison():
    assert classify("Compare how rural and urban forces handle burglary.") is Kind.COMPARE


def test_comparison_beats_the_list_wording_when_several_forces_are_named():
    question = "Which forces did better, Avon and Somerset or Gloucestershire? Compare them."
    assert classify(question, forces_named=2) is Kind.COMPARE


def test_comparison_wording_about_one_force_is_not_a_comparison_of_forces():
    question = "How did Hertfordshire's 2022 custody findings compare with earlier ones?"
    assert classify(question, forces_named=1) is not Kind.COMPARE
    assert classify(question, forces_named=2) is Kind.COMPARE


@pytest.mark.parametrize(
    "question",
    [
        "How did Kent's recording rate compare with the national average?",
        "What was the unit called, and how did its use compare with England and Wales?",
        "How did the force's 2014 grade compare with the rest of England and Wales?",
        "How does the number of detectives compare to other forces?",
    ],
)
def test_one_force_against_the_national_picture_is_a_lookup(question):
    """The report states the comparison; there is no second force to set beside it."""
    assert classify(question, forces_named=1) is Kind.LOOKUP
    assert classify(question, forces_named=0) is Kind.LOOKUP


def test_a_trend_question_naming_two_forces_is_a_trend():
    question = "How has vetting changed over time in Cumbria and Lancashire?"
    assert classify(question, forces_named=2) is Kind.TREND


def test_classify_ignores_case():
    assert classify("WHICH FORCES LACK A DRONE UNIT?") is Kind.AGGREGATE
    assert classify("COMPARE KENT AND ESSEX", forces_named=2) is Kind.COMPARE
    assert classify("HAS KENT IMPROVED SINCE 2019 OVER TIME?", forces_named=1) is Kind.TREND


def test_kinds_read_as_their_json_strings():
    kinds = [Kind.LOOKUP, Kind.AGGREGATE, Kind.TREND, Kind.COMPARE]
    assert [str(k) for k in kinds] == ["lookup", "aggregate", "trend", "compare"]
    assert classify("Which forces lack a drone unit?") == "aggregate"


def test_comparing_two_inspections_of_one_force_is_a_trend():
    question = "Compare the 2018 and 2022 inspections of Leicestershire Police."
    assert classify(question, forces_named=1) is Kind.TREND


@pytest.mark.parametrize(
    "question",
    [
        "Trace Surrey Police's custody inspections.",
        "What happened to Kent's crime recording from 2014 onwards?",
        "Give the history of Essex Police's Engage status.",
        "Describe Durham's path from its 2019 inspection to leaving Engage.",
        "Since the 2021 inspection in Devon, has the force hired more call handlers?",
    ],
)
def test_wording_that_follows_one_force_through_time_is_a_trend(question):
    assert classify(question, forces_named=1) is Kind.TREND


@pytest.mark.parametrize(
    ("question", "future"),
    [
        ("Will Nottinghamshire Police be graded good in its next PEEL inspection?", True),
        ("Will Kent get an outstanding grade for investigating crime?", True),
        ("What will the next inspection of Kent look at?", False),  # plans are reported
        ("When will the force be inspected again?", False),
        ("What grade was Kent given in its last PEEL inspection?", False),
    ],
)
def test_a_prediction_of_a_later_inspection_is_recognised(question, future):
    assert asks_future(question) is future
