"""The names a reader uses for a force, and the bodies that share a force's place name
but are not its police force (issue 22, item 4). The canonical names and the older
aliases are tested in tests/test_metadata.py."""

from __future__ import annotations

import pytest

from index.forces import find_forces, normalise_force

MET = "Metropolitan Police Service"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What did inspectors find in the Met?", MET),
        ("How did GMP record crime?", "Greater Manchester Police"),
        ("Was WMP graded good for investigating crime?", "West Midlands Police"),
        ("Notts custody suites", "Nottinghamshire Police"),
        ("How is N Wales doing on vetting?", "North Wales Police"),
        ("N. Wales and its rural crime team", "North Wales Police"),
        ("S Wales response times", "South Wales Police"),
        ("Avon & Somerset's call handling", "Avon and Somerset Constabulary"),
        ("Did Hants improve?", "Hampshire and Isle of Wight Constabulary"),
        ("TVP's child protection work", "Thames Valley Police"),
    ],
)
def test_a_readers_name_for_a_force_is_read_as_its_canonical_name(text, expected):
    assert find_forces(text) == (expected,)


@pytest.mark.parametrize(
    "text",
    [
        "Police in New South Wales",
        "the children's wales office",  # an initial only in capitals: "n wales", "s wales"
        "it was the victim's wales trip",
        "WMPs and other acronyms",
        "Kent Fire and Rescue Service",
        "Merseyside Fire and Rescue Authority",
        "Cleveland Fire Brigade",
        "West Midlands Fire Service",
        "Greater Manchester Fire and Rescue Service",
        "Lancashire fire and rescue service",
        "East Sussex Fire and Rescue Service",
        "Essex County Fire and Rescue Service",
        "Dorset & Wiltshire Fire and Rescue Service",
        "Devon and Somerset Fire and Rescue Service",
        "Durham and Darlington Fire and Rescue Service",
        "Hampshire and Isle of Wight Fire and Rescue Service",
        "North Wales Fire and Rescue Service",
        "Kent FRS",
        "Police Scotland",
        "Police Service of Scotland",
        "Police Service of Northern Ireland",
        "the PSNI",
    ],
)
def test_another_body_is_no_police_force(text):
    assert find_forces(text) == ()
    assert normalise_force(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kent Police and Kent Fire and Rescue Service", ("Kent Police",)),
        (
            "West Yorkshire Fire and Rescue Service worked with West Yorkshire Police",
            ("West Yorkshire Police",),
        ),
        ("Kent Firearms Unit", ("Kent Police",)),
        ("Police Scotland and the Met", (MET,)),
    ],
)
def test_a_force_beside_another_body_is_still_read(text, expected):
    assert find_forces(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("WMP", "West Midlands Police"),
        ("N Wales", "North Wales Police"),
        ("n wales", "North Wales Police"),  # a field names one force: any case
        ("Hants", "Hampshire and Isle of Wight Constabulary"),
        ("Avon & Somerset", "Avon and Somerset Constabulary"),
        ("Met", "Metropolitan Police Service"),  # a name given alone: "the Met"
    ],
)
def test_a_filter_given_a_readers_name_normalises_it(name, expected):
    assert normalise_force(name) == expected
