"""Headings in every usual form, the kind of section they name, and sub-headings."""

import pytest

from cvparse.sections import build_lines, heading_kind, split_sections


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Education", "education"),
        ("📖 Educations", "education"),
        ("Work experience", "positions"),
        ("Research and Professional Experience", "positions"),
        ("Appointments", "positions"),
        ("Internship", "positions"),
        ("Teaching Experience", "teaching"),
        ("Selected Publications", "publications"),
        ("First-Author Publications", "publications"),
        ("Peer-Reviewed Publications", "publications"),
        ("Working Papers", "publications"),
        ("Unpublished working papers", "publications"),
        ("Current Affiliation", "positions"),
        ("Chapters in Edited Volumes", "publications"),
        ("Honors & Awards", "awards"),
        ("AWARDS AND FUNDING", "awards"),
        ("Grants Awarded", "other"),
        ("Invited Talks", "other"),
        ("Professional Service", "other"),
        ("Ph.D. Dissertation Committees", "other"),
        ("Skills & Interests", "skills"),
        ("Research Interests", "interests"),
        ("About Me", "bio"),
        ("Open Source Projects", "projects"),
        ("Volunteer", "other"),
        ("Editorials and Obituaries", "publications"),
        ("Editorial Boards", "other"),
    ],
)
def test_heading_kinds(heading, kind):
    assert heading_kind(heading) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Tian Chuang Scholarship",
        "Research Intern advised by Ada Lovelace",
        "TEACHING ASSISTANT",
        "Introduction to Computer System (Honor Track)",
        "Software Engineering Institute, PKU.",
        "In preprint",
    ],
)
def test_entry_lines_name_no_section(text):
    assert heading_kind(text) is None


def _outline(source: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(s.kind, s.heading, s.sub) for s in split_sections(build_lines(source))]


def test_heading_forms():
    source = "\n".join(
        [
            "# Jane Doe",
            "**EDUCATION**",
            "MIT",
            "Publications",
            "=======",
            "Doe, J. (2020). A study of things. Journal 1: 2.",
            "TEACHING",
            "Course",
            "Talks",
            "-----",
            "A talk",
        ]
    )
    assert _outline(source)[1:] == [
        ("education", "EDUCATION", None),
        ("publications", "Publications", None),
        ("teaching", "TEACHING", None),
        ("other", "Talks", None),
    ]


def test_sub_headings_become_categories_or_parent_child():
    source = "\n".join(
        [
            "## Publications",
            "### Refereed Articles",
            "Doe, J. (2020). A study of things. Journal 1: 2.",
            "### 2024",
            "Doe, J. (2024). More things. Journal 5: 6.",
            "## Service",
            "### Departmental Service",
            "Curriculum Committee, Sociology, University of Oregon",
            "## Teaching",
            "### Courses Taught",
            "- Course",
            "### M.A. Committees",
            "A student",
        ]
    )
    assert _outline(source)[1:] == [
        ("publications", "Publications", None),
        ("publications", "Publications", "Refereed Articles"),
        ("publications", "Publications", "2024"),
        ("other", "Service", None),
        ("other", "Service: Departmental Service", "Departmental Service"),
        ("teaching", "Teaching", None),
        ("teaching", "Teaching", "Courses Taught"),
        ("other", "Teaching: M.A. Committees", "M.A. Committees"),
    ]


def test_entry_headings_stay_inside_their_section():
    source = "#### EXPERIENCE\n## Institute of Systems, Some University\nResearch Intern\n"
    sections = split_sections(build_lines(source))
    assert [(s.kind, len(s.lines)) for s in sections[1:]] == [("positions", 2)]


def test_hidden_content_is_skipped_with_line_numbers_kept():
    source = "---\ntitle: x\n---\n{% if a %}\n<!-- note -->\n# Jane Doe\n"
    lines = build_lines(source)
    assert [(ln.no, ln.text) for ln in lines if ln.text] == [(6, "Jane Doe")]


def test_under_review_is_a_publication_list_not_reviewing():
    assert heading_kind("Manuscripts Under Review") == "publications"
    assert heading_kind("Under Review") == "publications"
    assert heading_kind("Peer Review") == "other"


def test_a_sibling_of_a_section_heading_is_a_boundary_whatever_its_words():
    source = "\n".join(
        [
            "### Education",
            "2011 PhD, Some University",
            "### Things I scribbled",
            "Lark, A., 2019. A tale of owls. Owl Review 3: 4.",
            "### Stuff I taught (and learnt from)",
            "#### As a lecturer",
            "* Owls and Their Kin",
            "#### Evening classes",
            "* Knitting for Beginners",
        ]
    )
    assert _outline(source)[1:] == [
        ("education", "Education", None),
        ("other", "Things I scribbled", None),
        ("teaching", "Stuff I taught (and learnt from)", None),
        ("teaching", "Stuff I taught (and learnt from)", "As a lecturer"),
        ("teaching", "Stuff I taught (and learnt from)", "Evening classes"),
    ]


def test_a_long_heading_is_an_entry_when_section_levels_disagree():
    # Headings levels from a converted PDF say nothing: "# Project, ..." is an entry.
    source = (
        "#### EDUCATION\nSome University\n# PROJECTS\n## Owl tracker\nx\n"
        "# Owlet, a tiny OS (CS 101)\ny\n"
    )
    assert [s.kind for s in split_sections(build_lines(source))[1:]] == [
        "education",
        "projects",
    ]


def test_a_link_alone_on_its_line_is_no_heading():
    source = (
        "## Education\n2011 PhD, Some University\n[Dissertation](https://example.org/d)\n"
        "\n2008 MA, Other University\n"
    )
    sections = split_sections(build_lines(source))
    assert [(s.kind, len(s.lines)) for s in sections[1:]] == [("education", 3)]


def test_a_catch_all_part_of_a_heading_list_goes_with_the_kind_the_rest_name():
    assert heading_kind("Grants, Fellowships, & Recognitions") == "awards"
    assert heading_kind("Talks, Posters") == "other"
    assert heading_kind("Awards, Publications") is None


def test_non_paper_groups_under_publications_are_sections_of_their_own():
    source = "\n".join(
        [
            "# Publications",
            "1. Lark A. A tale of owls. Owl Rev. 2019;3:4.",
            "#### Talks at Owl Meetings (Invited)",
            "1. Lark A. Owls at night. Owl Meeting, 2020.",
            "#### Editorial Work",
            "**Peer Review. Journal Referee**",
            "Owl Review",
        ]
    )
    assert [(k, sub) for k, _, sub in _outline(source)[1:]] == [
        ("publications", None),
        ("other", "Talks at Owl Meetings (Invited)"),
        ("other", "Editorial Work"),
        ("other", "Peer Review. Journal Referee"),
    ]


def test_papers_under_a_presentations_heading_are_talks():
    source = "## Presentations\n### Conference Papers\n- A talk on owls\n## Publications\n- A\n"
    assert _outline(source)[1:] == [
        ("other", "Presentations", None),
        ("other", "Presentations: Conference Papers", "Conference Papers"),
        ("publications", "Publications", None),
    ]
