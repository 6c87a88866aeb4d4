"""Dates in every form CVs print them, and the cv-json rules for lone dates."""

import pytest

from cvparse.dates import date_only, edge_date, find_dates


def _resolve(text: str, *, lone_is_end: bool = False) -> tuple[str | None, str | None]:
    spans = find_dates(text)
    assert spans, text
    return spans[0].resolve(lone_is_end=lone_is_end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sep 2022 - Present", ("2022-09", "present")),
        ("Jul. 2023 - Apr. 2024", ("2023-07", "2024-04")),
        ("Sept. 2021 - Present", ("2021-09", "present")),
        ("Sep 2018 - June 2022", ("2018-09", "2022-06")),
        ("2019.03 – 2019.07", ("2019-03", "2019-07")),
        ("2022.01 – 2025", ("2022-01", "2025")),
        ("2021 – Present", ("2021", "present")),
        ("2017 - 2021", ("2017", "2021")),
        ("2020–", ("2020", "present")),
        ("2014-:", ("2014", "present")),
        ("2014–17", ("2014", "2017")),
        ("2024 +", ("2024", "present")),
        ("2019+", ("2019", "present")),
        ("1/2019–8/22", ("2019-01", "2022-08")),
        ("8/2022–now", ("2022-08", "present")),
        ("5/2016–5/2022", ("2016-05", "2022-05")),
        ("8–12/2009", ("2009-08", "2009-12")),
        ("04/05/2021 – Present", ("2021-05", "present")),
        ("01/10/2016 – 24/04/2020", ("2016-10", "2020-04")),
        ("09/2019", ("2019-09", None)),
        ("2019/09", ("2019-09", None)),
        ("Fall 2022", ("2022", None)),
        ("2023 Spring", ("2023", None)),
        ("Nov 25, 2015", ("2015-11", None)),
        ("OCTOBER 10, 2024", ("2024-10", None)),
        ("since 2021", ("2021", "present")),
        ("until 2019", (None, "2019")),
        ("Lab tutor in Semester-II in 2017-18.", ("2017", "2018")),
        ("2016/17", ("2016", "2017")),
        ("Sep./01/21– Current - Lecturer", ("2021-09", "present")),
        ("Mar/3/1998", ("1998-03", None)),
        ("Jun–Sep, 2016 - Visiting Student", ("2016-06", "2016-09")),
        ("Feb - May 2012", ("2012-02", "2012-05")),
        ("3/2004–11/8 B.A.", ("2004-03", "2008-11")),
        ("September 2019 – to date Lecturer", ("2019-09", "present")),
        ("2019 to date", ("2019", "present")),
    ],
)
def test_forms(text, expected):
    assert _resolve(text) == expected


def test_lone_date_on_education_is_the_end():
    assert _resolve("2019", lone_is_end=True) == (None, "2019")
    assert _resolve("expected May 2027", lone_is_end=True) == (None, "2027-05")
    assert _resolve("since 2021", lone_is_end=True) == ("2021", "present")


def test_lone_date_elsewhere_is_the_start():
    assert _resolve("2019") == ("2019", None)


@pytest.mark.parametrize(
    "text",
    ["DOI: 10.1109/HPCA61900.2025.00105", "pp. 1395–1407", "ISBN: 9798400710797", "Room 1234"],
)
def test_numbers_that_are_not_dates(text):
    assert find_dates(text) == []


def test_date_only_lines():
    assert date_only("**2023 Spring**")
    assert date_only("*Sep 2022 - Present*")
    assert not date_only("2022 Award of Honor")


def test_edge_dates_keep_the_rest_of_the_line():
    span, rest = edge_date("PhD in Economics 2020–")
    assert (span.resolve(lone_is_end=True), rest) == (("2020", "present"), "PhD in Economics")
    span, rest = edge_date("2011–2015 PhD studies, Leipzig")
    assert rest == "PhD studies, Leipzig"
    assert edge_date("Born in 1985 in a small town") is None


def test_a_date_opening_the_closing_parenthetical_is_the_entrys():
    span, rest = edge_date("B.A., Ornithology, Some University (2007, with Honors)")
    assert span.resolve(lone_is_end=True) == (None, "2007")
    assert rest == "B.A., Ornithology, Some University (with Honors)"
