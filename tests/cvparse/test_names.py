"""Person names: splitting author lists, name shapes, and telling two spellings apart."""

import pytest

from cvparse.names import (
    display_name,
    is_initials,
    looks_like_name,
    parse_name,
    same_person,
    split_authors,
    strip_marks,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A. Szabó, C. Castelnovo", ["A. Szabó", "C. Castelnovo"]),
        ("J. Smith, A. B. Jones, and C. Lee", ["J. Smith", "A. B. Jones", "C. Lee"]),
        ("Zhuohan Li and Lianmin Zheng", ["Zhuohan Li", "Lianmin Zheng"]),
        (
            "Mogi, R., Lazzari, E., & Canudas-Romo, V.",
            ["Mogi, R.", "Lazzari, E.", "Canudas-Romo, V."],
        ),
        ("Mogi, R. & del Mundo, M.", ["Mogi, R.", "del Mundo, M."]),
        ("Miao R, Jahn M, Hudson EP", ["Miao R", "Jahn M", "Hudson EP"]),
        ("Gullickson, Aaron and Florencia Torche", ["Gullickson, Aaron", "Florencia Torche"]),
        (
            "Beilman, Greg J., Jodie H. Taylor, and Aaron Gullickson",
            ["Beilman, Greg J.", "Jodie H. Taylor", "Aaron Gullickson"],
        ),
        ("A. Szabó, S. A. Grigera, et al.", ["A. Szabó", "S. A. Grigera"]),
        (
            "Riffe, T., Mogi, R., & the COVerAGE-DB team",
            ["Riffe, T.", "Mogi, R.", "the COVerAGE-DB team"],
        ),
        ("Y. Chen*, Z. Jin*, Y. Wang", ["Y. Chen*", "Z. Jin*", "Y. Wang"]),
        ("Smith, J.; Doe, K.", ["Smith, J.", "Doe, K."]),
    ],
)
def test_split_authors(text, expected):
    assert split_authors(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A. Szabó", True),
        ("Joseph E. Gonzalez", True),
        ("Hudson EP", True),
        ("Ryohei MOGI", True),
        ("van der Berg, J.", True),
        ("Y. Du", True),  # "Du" capitalised is a family name, not a particle
        ("the COVerAGE-DB team", True),
        ("Deep learning for cats", False),
        ("Hudson EP. Slow Protein", False),  # a Vancouver list running into a title
        ("Ac-", False),
        ("Abstract", False),
    ],
)
def test_looks_like_name(text, expected):
    assert looks_like_name(text) is expected


def test_strict_names_refuse_title_words():
    assert looks_like_name("Adaptive Prediction")
    assert not looks_like_name("Adaptive Prediction", strict=True)
    assert looks_like_name("Wolfgang Banzhaf", strict=True)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mogi, R.", ("R.", "Mogi")),
        ("G. J. Nilsen", ("G. J.", "Nilsen")),
        ("Hudson EP", ("E. P.", "Hudson")),
        ("Ryohei MOGI", ("Ryohei", "MOGI")),
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
        ("Z. Jin*", ("Z.", "Jin")),
    ],
)
def test_parse_name(name, expected):
    assert parse_name(name) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Mogi, R.", "Ryohei MOGI", True),
        ("A. Szabó", "Attila Szabo", True),
        ("Z. Jin", "Zhen Jin", True),
        ("Jahn M", "Michael Jahn", True),
        ("Canudas-Romo, V.", "Vladimir Canudas Romo", True),
        ("Zili Zhang", "Zhang Zili", True),
        ("Zili Zhang", "Zhi Zhang", False),
        ("Y. Chen", "Z. Jin", False),
        ("Kowalski-Jahn M", "Michael Jahn", False),
        ("Jahn M", "Dr. Michael Jahn", True),
        ("J. Doe", "Jane Doe, PhD", True),
    ],
)
def test_same_person(a, b, expected):
    assert same_person(a, b) is expected


def test_small_helpers():
    assert is_initials("J.-P.") and is_initials("GH") and not is_initials("Jin")
    assert strip_marks("Zhen Zheng*†") == ("Zhen Zheng", "*†")
    assert display_name("Gullickson, Aaron") == "Aaron Gullickson"
    assert display_name("A. Szabó") == "A. Szabó"
