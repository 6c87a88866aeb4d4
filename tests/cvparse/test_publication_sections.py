"""How the parser hands publication sections to the citation parser."""

import cvparse

CV = """# Ada Lovelace

ada@example.org

## Working Papers

- Lovelace, A. and Babbage, C. (2024). Engines that weave. Working paper.

## Publications

### 2023

- **Ada Lovelace**, Charles Babbage. Notes on the analytical engine. Journal of Engines, 2023.

### 2022

- Charles Babbage, Ada Lovelace. Difference tables revisited. Journal of Engines, 2022.
"""


def parsed() -> dict:
    return cvparse.parse(CV.encode(), "cv.md")


def test_a_specific_heading_is_the_category_and_a_generic_one_is_not():
    categories = {p["title"]: p["category"] for p in parsed()["publications"]}
    assert categories == {
        "Engines that weave": "Working Papers",
        "Notes on the analytical engine": None,
        "Difference tables revisited": None,
    }


def test_the_owner_is_marked_in_sections_that_never_print_the_name_in_bold():
    result = parsed()
    selves = {
        p["title"]: [a["name"] for a in p["authors"] if a["is_self"]]
        for p in result["publications"]
    }
    assert selves["Difference tables revisited"] == ["Ada Lovelace"]
    assert selves["Engines that weave"] == ["Lovelace, A."]
