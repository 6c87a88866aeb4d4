"""The owner: name, contact details, links, address."""

import pytest

from cvparse import parse
from cvparse.person import emails_in, phones_in, spelled_out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("☑ ada lovelace@example.edu", ["adalovelace@example.edu"]),
        ("Email: name@ pku.edu.cn", ["name@pku.edu.cn"]),
        ("maria.garcia [at] somewhere [dot] edu", ["maria.garcia@somewhere.edu"]),
        ("contact me at jane@x.org", ["jane@x.org"]),
    ],
)
def test_emails_repaired(text, expected):
    assert emails_in(text, contact_line=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(+86) 191-171-62013", ["(+86) 191-171-62013"]),
        ("Phone: (217) 555-0134", ["(217) 555-0134"]),
        ("Mobile phone: +49 123 456 789", ["+49 123 456 789"]),
        ("2019.03 – 2019.07", []),
        ("1995 - 2001", []),
    ],
)
def test_phones(text, expected):
    assert phones_in(text) == expected


def test_contact_block():
    person = parse(
        "# ADA LOVELACE\n\nAnalytical Building, No.5 Engine Road, Beijing, China\n\n"
        "Homepage: adalovelace.com ◇ Email: al@example.edu ◇ Github: alovelace\n\n## Education\n"
    )["person"]
    assert person["name"] == "Ada Lovelace"
    assert person["emails"] == ["al@example.edu"]
    assert person["homepage"] == "https://adalovelace.com"
    assert person["links"] == [{"label": "GitHub", "url": "https://github.com/alovelace"}]
    assert person["address"].startswith("Analytical Building")


def test_name_from_the_bold_self_author():
    person = parse(
        "Ph.D. STUDENT · SOME UNIVERSITY\n\n## Publications\n\n"
        '- **Ada Lovelace**, Ann Lee. "A Paper About Things". In NSDI, 2024.\n'
        '- Ann Lee, **Ada Lovelace**. "Another Paper About Things". In OSDI, 2023.\n'
    )["person"]
    assert person["name"] == "Ada Lovelace"
    assert person["headline"] == "Ph.D. Student, Some University"


def test_name_from_about_prose():
    person = parse("Hi, I am **Mary Somerville**. I work on symbolic regression and more things.\n")
    assert person["person"]["name"] == "Mary Somerville"


def test_capitals_name_with_degrees_and_address_block():
    result = parse(
        "ADA B. LOVELACE, PH.D.\nDepartment of Mathematics\nExample University\n"
        "12 Analytical Street, Town, ST 12345\na.lovelace@example.org\n\n"
        "EDUCATION\n\nPh.D., Mathematics, Example University, 2020\n",
        "cv.txt",
    )
    person = result["person"]
    assert person["name"] == "Ada B. Lovelace"
    assert person["address"] == (
        "Department of Mathematics, Example University, 12 Analytical Street, Town, ST 12345"
    )
    assert person["headline"] == "Department of Mathematics, Example University"
    assert result["sections"] == []


def test_address_on_the_contact_line():
    result = parse(
        "**Ada Lovelace**\n12 Analytical Street, London, UK\ta.lovelace@example.org\n\n"
        "# Education\n\nPh.D., Mathematics, Example University, 2013\n",
        "cv.md",
    )
    assert result["person"]["address"] == "12 Analytical Street, London, UK"
    assert result["person"]["emails"] == ["a.lovelace@example.org"]


def test_headline_on_the_contact_line():
    result = parse(
        "# Ada Lovelace\n\nResearch Scientist · Example Labs · "
        "[a.lovelace@example.org](mailto:a.lovelace@example.org) · "
        "[GitHub](https://github.com/alovelace) · Google Scholar:\n\n## Education\n\n"
        "Ph.D., Mathematics, Example University, 2013\n",
        "cv.md",
    )
    person = result["person"]
    assert person["headline"] == "Research Scientist, Example Labs"
    assert person["emails"] == ["a.lovelace@example.org"]
    assert result["sections"] == []


def test_mailto_link_in_a_sentence_and_a_blog_link():
    source = "\n".join(
        [
            "I study owls. You can send me [a note](mailto:owl.lark@example.org)",
            "or read my [blog](https://owl-notes.example.net) and",
            "[code](https://github.com/owllark).",
            "",
            "## Education",
            "2011 PhD, Some University",
        ]
    )
    info = parse(source)["person"]
    assert info["emails"] == ["owl.lark@example.org"]
    assert info["homepage"] is None
    assert {"label": "Blog", "url": "https://owl-notes.example.net"} in info["links"]


def test_two_letters_in_a_url_slug_are_initials_not_a_given_name():
    assert spelled_out("Lark, A.", "http://twitter.com/ab_lark") is None
    assert spelled_out("Lark, A.", "http://example.org/ada-lark") == "Ada Lark"
