"""Bibliography files (CSL-JSON, RIS, BibLaTeX, DBLP BibTeX, ORCID works, academicpages
zips) read into publications-only CV JSON, the venue checks and the venue list: no database."""

import json

import pytest

import cvparse
from cvparse.kinds import known_venue, looks_like_venue, type_from_category
from tests.bibliography_files import (
    ACADEMICPAGES_FILES,
    BIBLATEX,
    CSL_JSON,
    DBLP,
    ORCID_WORKS,
    RIS,
    zip_of,
)


def publications(data: str | bytes, filename: str) -> list[dict]:
    result = cvparse.parse(data.encode() if isinstance(data, str) else data, filename)
    assert result["person"]["name"] is None and result["education"] == []
    return result["publications"]


def summary(paper: dict) -> tuple:
    return (
        paper["x_type"],
        paper["venue"],
        paper["year"],
        [a["name"] for a in paper["authors"]],
    )


@pytest.mark.parametrize(
    "value",
    [
        "January",
        "Dec. 2021",
        "June 3-5, 2022",
        "Spring 2020",
        "2021",
        "2021-09",
        "PDF",
        "FILE-PDF",
        "[Slides]",
        "Code",
        "https://example.org/paper.pdf",
        "www.example.org",
        "example.com/papers",
        "J. Doe, R. Roe and K. Poe",
        "Mara Quill and Piet Vale",
        "",
        None,
        "12",
    ],
)
def test_values_that_cannot_be_venues(value):
    assert not looks_like_venue(value)


@pytest.mark.parametrize(
    "value",
    [
        "EuroSys",
        "Journal of Imaginary Results",
        "Proceedings of the VLDB Endowment",
        "ACM Computing Surveys",
        "Nature",
        "IEEE Transactions on Knowledge and Data Engineering",
        "Computer Science and Engineering",
    ],
)
def test_values_that_can_be_venues(value):
    assert looks_like_venue(value)


@pytest.mark.parametrize(
    ("name", "short", "kind"),
    [
        ("EuroSys", None, "conference"),
        ("EuroSys '24", None, "conference"),
        (
            "Proceedings of the 2024 ACM SIGMOD International Conference on Management of Data",
            None,
            "conference",
        ),  # fmt: skip
        ("IEEE Transactions on Knowledge and Data Engineering", None, "journal"),
        ("IEEE Trans. Parallel Distrib. Syst.", "TPDS", "journal"),
        ("ACM Computing Surveys", None, "journal"),
        ("Advances in Neural Information Processing Systems", None, "conference"),
        ("arXiv", None, "preprint"),
        ("HotOS", None, "workshop"),
    ],
)
def test_well_known_venues_have_their_kind(name, short, kind):
    assert known_venue(name, short).kind == kind


@pytest.mark.parametrize(
    "name",
    ["ICML Workshop on Pretend Learning", "Journal of Imaginary Results", "Symposium on Nothing"],
)
def test_other_venues_are_not_guessed(name):
    assert known_venue(name) is None


def test_a_cv_sub_heading_says_the_type():
    assert type_from_category("Refereed Journal Articles") == ("article", "journal")
    assert type_from_category("Workshop Papers") == ("inproceedings", "workshop")
    assert type_from_category("Book Chapters") == ("chapter", "book")
    assert type_from_category("Selected Publications") == (None, None)


def test_csl_json():
    papers = publications(CSL_JSON, "My Library.json")
    assert [summary(p) for p in papers] == [
        ("inproceedings", "EuroSys", 2021, ["Ada Lovelace", "Jonas van der Berg"]),
        ("article", "Journal of Imaginary Results", 2019, ["Ada Lovelace", "The Pretend Group"]),
        ("preprint", None, 2023, ["Ada Lovelace"]),
        ("chapter", "Handbook of Made-Up Methods", 2020, ["Ada Lovelace"]),
    ]
    conference, article, preprint, chapter = papers
    assert (conference["month"], conference["pages"], conference["doi"]) == (
        4,
        "1-14",
        "10.5555/csl.2021",
    )
    assert (article["x_volume"], article["x_issue"], article["x_publisher"]) == (
        "12",
        "3",
        "Imaginary Press",
    )
    assert (preprint["x_arxiv"], preprint["status"]) == ("2301.01234", "preprint")
    assert (chapter["x_editors"], chapter["x_isbn"]) == (["Tessa Marlow"], "978-3-16-148410-0")


def test_csl_json_is_known_by_its_content():
    assert publications(CSL_JSON, "export.txt")[0]["x_type"] == "inproceedings"


def test_ris():
    papers = publications(RIS, "scholar.ris")
    assert [summary(p) for p in papers] == [
        (
            "article",
            "IEEE Transactions on Knowledge and Data Engineering",
            2018,
            ["Ada Lovelace", "Piet Vale"],
        ),
        ("inproceedings", "SIGMOD", 2022, ["Ada Lovelace", "Eli Thorn"]),
        ("thesis", "University of Nowhere", 2015, ["Ada Lovelace"]),
    ]
    journal, conference, _ = papers
    assert (journal["month"], journal["x_volume"], journal["x_issue"], journal["pages"]) == (
        6,
        "30",
        "6",
        "101-115",
    )
    assert conference["x_publisher"] == "ACM"
    assert [(p["x_lines"][0], p["x_lines"][-1]) for p in papers] == [(1, 12), (14, 23), (25, 30)]


def test_biblatex_journaltitle_date_and_eprint():
    article, preprint = publications(BIBLATEX, "refs.bib")
    assert summary(article) == (
        "article",
        "ACM Computing Surveys",
        2017,
        ["Ada Lovelace", "Mara Quill"],
    )
    assert (article["month"], article["status"], article["x_venue_kind"]) == (
        9,
        "published",
        "journal",
    )
    assert article["title"] == "Approximate Graphs for GPU Fleets"
    assert (preprint["year"], preprint["month"], preprint["x_arxiv"]) == (2024, 2, "2402.05678")
    assert (preprint["x_type"], preprint["status"]) == ("preprint", "preprint")


def test_dblp_crossref_is_resolved_and_proceedings_left_out():
    (paper,) = publications(DBLP, "dblp.bib")
    assert paper["x_lines"] == list(range(1, 9))  # the source lines, for the review
    assert summary(paper) == ("inproceedings", "EuroSys", 2021, ["Ada Lovelace", "Piet Vale"])
    assert (paper["x_publisher"], paper["x_editors"], paper["x_isbn"]) == (
        "ACM",
        ["Tessa Marlow"],
        "978-1-4503-0000-0",
    )


def test_orcid_works_summaries_are_the_owners():
    papers = publications(ORCID_WORKS, "works.json")
    assert [summary(p) for p in papers] == [
        ("article", "Transactions on Made-Up Systems", 2016, []),
        ("inproceedings", "International Conference on Machine Learning", 2020, []),
    ]
    assert all(p["x_by_owner"] for p in papers)
    assert (papers[0]["doi"], papers[0]["month"]) == ("10.5555/orcid.2016", 5)


def test_orcid_bulk_works_name_their_contributors():
    work = {
        "put-code": 3,
        "type": "book-chapter",
        "title": {"title": {"value": "Streaming Joins"}},
        "journal-title": {"value": "Handbook of Made-Up Methods"},
        "publication-date": {"year": {"value": "2014"}},
        "contributors": {
            "contributor": [
                {
                    "credit-name": {"value": "Mara Quill"},
                    "contributor-attributes": {"contributor-role": "author"},
                },
                {
                    "credit-name": {"value": "A. Lovelace"},
                    "contributor-orcid": {"path": "0000-0002-0000-0001"},
                    "contributor-attributes": {"contributor-role": "author"},
                },
                {
                    "credit-name": {"value": "Tessa Marlow"},
                    "contributor-attributes": {"contributor-role": "editor"},
                },
            ]
        },
    }
    data = json.dumps({"path": "/0000-0002-0000-0001/works", "bulk": [{"work": work}]})
    (paper,) = publications(data, "works.json")
    assert summary(paper) == (
        "chapter",
        "Handbook of Made-Up Methods",
        2014,
        ["Mara Quill", "A. Lovelace"],
    )
    assert [a["is_self"] for a in paper["authors"]] == [False, True]
    assert paper["x_editors"] == ["Tessa Marlow"] and "x_by_owner" not in paper


def test_academicpages_zip():
    papers = publications(zip_of(ACADEMICPAGES_FILES), "publications.zip")
    assert [summary(p) for p in papers] == [
        ("article", "Journal of Imaginary Results", 2009, ["Lovelace, A.", "Vale, P."]),
        ("inproceedings", "SIGMOD", 2015, ["Lovelace, A."]),
    ]
    assert papers[0]["month"] == 10
    assert (papers[0]["x_lines"][0], papers[1]["x_lines"][0]) == (1, 14)
    assert papers[0]["links"] == [{"label": "URL", "url": "https://example.org/files/paper1.pdf"}]


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("refs.bib", "@article{a, title={One}, journal={J}\n@misc{b, title={Two}}", "line 1"),
        ("works.json", '[{"type": "book", "title": "x"', "The JSON file is malformed"),
        ("works.json", '{"name": "no works"}', "neither CSL-JSON"),
        ("refs.ris", "TY  - JOUR\nER  - \n", "no records with a title"),
        ("refs.json", "[]", "neither CSL-JSON"),
    ],
)
def test_malformed_bibliographies_are_refused_whole(filename, data, message):
    with pytest.raises(cvparse.CVParseError, match=message):
        cvparse.parse(data.encode(), filename)


def test_malformed_front_matter_names_its_file():
    files = {**ACADEMICPAGES_FILES, "_publications/broken.md": "---\ntitle: [unclosed\n---\n"}
    with pytest.raises(cvparse.CVParseError, match="broken.md: its front matter is not valid"):
        cvparse.parse(zip_of(files), "site.zip")


def test_a_markdown_cv_opening_with_a_link_is_still_a_cv():
    result = cvparse.parse(b"[Ada Lovelace](https://example.org)\n\n## Publications\n", "cv.md")
    assert result["source"]["format"] == "markdown"


@pytest.mark.parametrize(
    ("data", "filename", "degree"),
    [
        ("@mastersthesis{a, title={T}, author={Doe, Jane}, school={U}}", "a.bib", "masters"),
        ("@phdthesis{a, title={T}, author={Doe, Jane}, school={U}}", "a.bib", "doctoral"),
        ("@thesis{a, title={T}, author={Doe, Jane}, type={mathesis}, institution={U}}", "a.bib",
         "masters"),
        ("@thesis{a, title={T}, author={Doe, Jane}, institution={U}}", "a.bib", None),
        ("@article{a, title={T}, author={Doe, Jane}, journal={J}, type={PhD}}", "a.bib", None),
        ("TY  - THES\nTI  - T\nAU  - Doe, Jane\nM3  - Bachelor's thesis\nER  - \n", "a.ris",
         "bachelors"),
        ('[{"type": "thesis", "title": "T", "genre": "Doctoral dissertation"}]', "a.json",
         "doctoral"),
    ],
)  # fmt: skip
def test_a_thesis_degree_comes_from_what_the_source_states(data, filename, degree):
    (paper,) = publications(data, filename)
    assert paper["x_thesis_degree"] == degree
