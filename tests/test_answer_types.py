"""What kind of fact a question asks for, and whether a passage states one (pure logic)."""

from __future__ import annotations

import pytest

from index.lexicon.dates import states_day
from index.lexicon.facts import Fact
from retrieval.question.answer_types import (
    ANSWER_TYPES,
    answered_by,
    asked,
    asked_facts,
    carries,
    counts_asked,
    fit,
    looked_for,
    states_figure,
)
from retrieval.question.terms import counted_nouns, role_asked

# --- asked_facts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When was the Kent PEEL report published?", {Fact.WHEN}),
        ("What date was the Wiltshire custody report published?", {Fact.WHEN}),
        ("How many officers does Kent Police have?", {Fact.NUMBER}),
        ("What was Cleveland Police's annual budget in 2019?", {Fact.MONEY}),
        ("How much money did the force save?", {Fact.MONEY, Fact.NUMBER}),
        ("What did the inspection cost?", set()),
        ("What was the impact of reduced funding on neighbourhood teams?", set()),
        ("What percentage of 999 calls were answered within ten seconds?", {Fact.SHARE}),
        ("What proportion of victims declined a risk assessment?", {Fact.SHARE}),
        # the measure named before "percentage"; "share" as a verb asks none
        ("What call-handling target percentage did the force achieve?", {Fact.SHARE}),
        ("What information did the forces share with councils?", set()),
        ("What share of crimes went unrecorded, and how many a year?", {Fact.SHARE, Fact.NUMBER}),
        ("By how much did the proportion of good cases change?", {Fact.NUMBER}),
        ("Who signed the Wiltshire PEEL report?", {Fact.WHO}),
        ("Which inspector led the Essex inspection?", {Fact.WHO}),
        ("What grade did Kent get for investigating crime?", {Fact.GRADE}),
        ("How was Kent graded for preventing crime?", {Fact.GRADE}),
        ("Which force was inspected in March 2023?", {Fact.FORCE}),
        ("What was the name of the operation targeting county lines?", {Fact.NAME}),
        ("What is the triage team called?", {Fact.NAME}),
        ("What did inspectors find about custody healthcare?", set()),
        ("How did Kent's crime-recording rate change after 2016?", {Fact.NUMBER}),
        ("How did HMICFRS rate Kent Police for legitimacy?", {Fact.GRADE}),
        ("How did inspectors rate the force?", {Fact.GRADE}),
    ],
)
def test_asked_facts_reads_the_kind_of_fact_asked(question, expected):
    assert asked_facts(question) == frozenset(expected)


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who was the chief constable when Kent was inspected?", "chief constable"),
        ("Who was Essex Police's chief constable in 2022?", "chief constable"),
        ("Which chief constable responded to the report?", "chief constable"),
        ("What did Essex Police's chief constable say?", None),  # asks what was said
        ("Who inspected Kent?", None),
    ],
)
def test_role_asked_reads_the_role_whose_holder_who_asks_for(question, role):
    assert role_asked(question) == role


def test_a_question_can_ask_for_several_facts_at_once():
    asked = asked_facts("Who signed the Wiltshire report and when was it published?")
    assert asked == {Fact.WHO, Fact.WHEN}


@pytest.mark.parametrize(
    "question",
    [
        "Which forces were graded inadequate at responding to the public?",
        "Which forces lack specialist detectives?",
        "Which constabularies have too few call handlers?",
    ],
)
def test_which_forces_is_a_list_not_a_single_force_question(question):
    assert Fact.FORCE not in asked_facts(question)


def test_which_force_singular_is_a_force_question():
    assert Fact.FORCE in asked_facts("Which police force had the longest 999 waits?")


# --- carries -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The report was published on 5 August 2022.", True),
        ("Date of publication: 5 August 2022", True),
        ("Fieldwork took place in March.", True),
        ("The visit ended on 12/03/2023.", True),
        ("The force has improved how it answers emergency calls.", False),
    ],
)
def test_carries_when_needs_a_date(text, expected):
    assert carries(text, Fact.WHEN) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The force employs 3,200 police officers.", True),
        ("About 45 per cent of calls were answered in time.", True),
        ("Only 62% of crimes were recorded.", True),
        ("Twelve recommendations were made.", True),
        # a bare year is a date, not a count
        ("In 2022 the force restructured its control room.", False),
        # a section number is a heading, not a count
        ("11. Conclusion", False),
        ("3.2 Custody\nThe force improved its custody suites.", False),
        ("The force improved its custody suites.", False),
        # nor is a list item's number ("3. the number of trained investigators;")
        ("3. the number of skilled and properly trained investigators;", False),
        ("4) the time it takes to examine phones", False),
        ("3.5 per cent of calls were abandoned.", True),
        ("It was inspected under the integrated approach for 2018/19.", False),  # a year
    ],
)
def test_carries_number_ignores_years_and_section_numbers(text, expected):
    assert carries(text, Fact.NUMBER) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("About 45 per cent of calls were answered in time.", True),
        ("Only 62% of crimes were recorded.", True),
        ("The force failed to record more than one in five reported crimes.", True),
        ("Nine out of 10 victims were satisfied.", True),
        ("About half of the files lacked a risk assessment.", True),
        ("Two-thirds of forces had no plan.", True),
        # numbers that are no share: phone services, counts, a count before a year
        ("It took too long to answer 999 emergency calls and 101 non-emergency calls.", False),
        ("The force made 12 recommendations.", False),
        ("The backlog rose to 5 in 2020.", False),
    ],
)
def test_carries_share_needs_a_percentage_or_fraction(text, expected):
    assert carries(text, Fact.SHARE) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recorded crime rose by 83.6 per cent.", True),
        ("The force made 12 recommendations.", True),
        ("Inspectors raised three causes of concern.", True),
        ("About half of the files lacked a risk assessment.", True),
        # no figure: framing that happens to use a number word, a year, a day, an ordinal
        ("PEEL compares forces from one year to the next.", False),
        ("This is the third PEEL assessment of the force.", False),
        ("The force was inspected in 2019.", False),
        ("The report was published on 16 November.", False),
    ],
)
def test_states_figure_wants_a_figure_not_framing(text, expected):
    """What a trend is told by, besides grades: a figure, not "one year to the next"."""
    assert states_figure(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The force was graded as requires improvement at investigating crime.", True),
        ("Kent Police is good at preventing crime.", True),
        ("The force is inadequate at protecting vulnerable people.", True),
        ("The force must do more to protect vulnerable people.", False),
    ],
)
def test_carries_grade_needs_an_inspection_grade(text, expected):
    assert carries(text, Fact.GRADE) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The report was signed by Andy Cooke, HM Chief Inspector.", True),
        ("Sir Thomas Winsor signed the report.", True),
        ("Chief Constable Mark Oakes accepted the findings.", True),
        ("Wendy Williams led the inspection.", True),
        # forces and organisations are not people
        ("Greater Manchester Police was inspected in 2022.", False),
        ("The Multi-Agency Safeguarding Hub reviews every referral.", False),
        ("West Yorkshire Police and Greater Manchester Police collaborated.", False),
        ("The Home Office funded the work.", False),
        ("The College of Policing issued new guidance.", False),
        ("The Police and Crime Commissioner agreed the plan.", False),
        ("In January Kent Police changed its approach.", False),
    ],
)
def test_carries_who_tells_people_from_organisations_and_forces(text, expected):
    assert carries(text, Fact.WHO) is expected


def test_carries_force_from_a_named_force_in_the_text():
    assert carries("Kent Police improved its call handling.", Fact.FORCE)
    assert not carries("The force improved its call handling.", Fact.FORCE)


def test_a_quote_from_a_single_force_report_carries_force():
    text = "The force improved its call handling."
    assert carries(text, Fact.FORCE, ("Kent Police",))
    # a national report, or one about several forces, does not say which force
    assert not carries(text, Fact.FORCE, ("National",))
    assert not carries(text, Fact.FORCE, ("Kent Police", "Essex Police"))


def test_single_force_report_does_not_carry_other_facts_by_itself():
    text = "The force improved its call handling."
    assert not carries(text, Fact.WHEN, ("Kent Police",))
    assert not carries(text, Fact.WHO, ("Kent Police",))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Staff called it "Project Ark".', True),
        ("The MASH reviews every referral.", True),
        ("The HMICFRS report made recommendations.", False),  # the inspectorate is no answer
        ("The team reviews every referral.", False),
    ],
)
def test_carries_name_needs_a_quoted_name_acronym_or_person(text, expected):
    assert carries(text, Fact.NAME) is expected


# --- fit -----------------------------------------------------------------------------


def test_fit_is_the_share_of_asked_facts_carried():
    both = frozenset({Fact.WHO, Fact.WHEN})
    assert fit("Andy Cooke published it on 5 August 2022.", both) == 1.0
    assert fit("It was published on 5 August 2022.", both) == 0.5
    assert fit("It was published recently.", both) == 0.0


def test_how_many_is_fitted_by_digits_or_by_words_that_count_it():
    number, crimes = frozenset({Fact.NUMBER}), counted_nouns("How many crimes went unrecorded?")
    assert fit("It failed to record 24,300 offences a year.", number, counted=crimes) == 1.0
    assert fit("It failed to record nine crimes in ten.", number, counted=crimes) == 1.0
    assert fit("The force was graded good in all three pillars.", number, counted=crimes) == 0.0
    assert fit("The force was graded good in all three pillars.", number) == 1.0  # no noun


def test_fit_is_full_when_nothing_is_asked():
    assert fit("Anything at all.", frozenset()) == 1.0


def test_fit_uses_the_report_forces():
    assert fit("The force improved.", frozenset({Fact.FORCE}), ("Kent Police",)) == 1.0
    assert fit("The force improved.", frozenset({Fact.FORCE}), ()) == 0.0


# --- what "how many" counts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many recommendations did the inspection make?", ("recommend",)),
        ("How many senior leaders did inspectors interview?", ("senior", "leader")),
        ("How many fire and rescue services were graded inadequate?", ("fire",)),
        ("How many were introduced?", ()),
        ("How many times was Taser drawn?", ()),
        ("What share of calls were answered?", ()),
    ],
)
def test_counted_nouns_reads_what_a_how_many_question_counts(question, counted):
    assert counted_nouns(question) == counted


def test_the_day_of_a_date_is_no_number():
    assert not carries("The report was published on 16 November 2021.", Fact.NUMBER)
    assert not carries("It was published on November 16, 2021.", Fact.NUMBER)
    assert carries("On 16 November 2021 it made 12 recommendations.", Fact.NUMBER)


def test_a_number_counts_what_was_asked_only_when_it_names_it():
    counted = counted_nouns("How many recommendations did it make?")
    assert counts_asked("The report made 12 recommendations for urgent improvement.", counted)
    assert counts_asked("It made nine of its recommendations public.", counted)
    assert not counts_asked("Of 74 cases, 23 were graded good.", counted)
    assert carries("Of 74 cases, 23 were graded good.", Fact.NUMBER)  # still a number
    assert not counts_asked("It made 12 recommendations.", ())


def test_on_what_date_asks_for_a_day_that_a_month_or_season_does_not_give():
    assert looked_for("On what date was the force moved into Engage?") == {Fact.DATE}
    assert not looked_for("When was the force moved into Engage?")
    assert states_day("On 6 July 2022 the force was moved into Engage.")
    assert states_day("It was moved on 06/07/2022.")
    assert not states_day("In the summer of 2022 it was moved into Engage.")
    assert not states_day("It was moved in July 2022.")


# --- the registry ------------------------------------------------------------------------


def test_every_answer_type_has_one_entry_and_a_refusal_name():
    facts = [t.fact for t in ANSWER_TYPES]
    assert len(facts) == len(set(facts))
    assert asked(frozenset({Fact.WHO, Fact.WHEN})) == "the date or person asked for"


@pytest.mark.parametrize(
    ("stated", "asks"),
    [
        (Fact.YEAR, Fact.WHEN),
        (Fact.MONTH, Fact.WHEN),
        (Fact.DATE, Fact.WHEN),
        (Fact.NUMBER, Fact.NUMBER),
        (Fact.GRADE, Fact.GRADE),
        (Fact.FORCE, None),
    ],
)
def test_a_claims_stated_fact_asks_its_answer_type_of_the_quotes(stated, asks):
    assert answered_by(stated) is asks


def test_a_day_is_looked_for_not_scored():
    question = "On what date was the force moved into Engage?"
    assert asked_facts(question) == {Fact.WHEN}
    assert fit("The force was moved into Engage in 2022.", asked_facts(question)) == 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The force's annual budget was £180 million.", True),
        ("It saved £1.2m by merging control rooms.", True),
        ("Richard Lewis became the third chief constable within ten months.", False),
        ("The force has 1,300 officers.", False),
    ],
)
def test_carries_money_is_an_amount_not_any_number(text, expected):
    assert carries(text, Fact.MONEY) is expected
