# ruff: noqa: E501  (fixture CVs keep their long source lines)
"""Homepage and Markdown CV layouts: publication entries spread over lines without
bullets, title-first citations, and an owner the page names only in passing. All
people, papers and places here are invented."""

import cvparse


def _pubs(result: dict) -> list[tuple]:
    return [(p["title"], p["venue"], p["year"], [a["name"] for a in p["authors"]])
            for p in result["publications"]]  # fmt: skip


TITLE_VENUE_THEN_AUTHORS = """\
# About

I build compilers for imaginary machines.

## Publications

* [Preprint] Folding Towers of Lazy Arrays. **Mira Castellan**, Odo Brandt, Lise Ferrow ([PDF](p/fold.pdf))

* Scheduling Paper Boats on Warm Ponds. Proceedings of the Symposium on Floating Systems (SFS) 2024.
Odo Brandt, **Mira Castellan**, Lise Ferrow ([PDF](p/boats.pdf))

* Composing Quiet Kernels Through Tea and Sympathy, Proceedings of the International Conference on Calm Computing (CALM) 2022.
**Mira Castellan**, Lise Ferrow ([PDF](p/quiet.pdf))

* Lazy Arrays, Theory and Practice.
Undergraduate Thesis.
**Mira Castellan** ([PDF](p/thesis.pdf)).
"""


def test_title_and_venue_line_over_the_authors_line():
    result = cvparse.parse(TITLE_VENUE_THEN_AUTHORS, "index.md")
    assert _pubs(result) == [
        (
            "Folding Towers of Lazy Arrays",
            None,
            None,
            ["Mira Castellan", "Odo Brandt", "Lise Ferrow"],
        ),
        (
            "Scheduling Paper Boats on Warm Ponds",
            "Proceedings of the Symposium on Floating Systems",
            2024,
            ["Odo Brandt", "Mira Castellan", "Lise Ferrow"],
        ),
        (
            "Composing Quiet Kernels Through Tea and Sympathy",
            "Proceedings of the International Conference on Calm Computing",
            2022,
            ["Mira Castellan", "Lise Ferrow"],
        ),
        ("Lazy Arrays, Theory and Practice", "Undergraduate Thesis", None, ["Mira Castellan"]),
    ]
    assert result["person"]["name"] == "Mira Castellan"


ITALIC_TITLE_FIRST = """\
---
layout: page
title: CV
---

[My CV as PDF](/files/cv_quennell.pdf)

## Publications
- *Counting sheep with spiking networks*, Quennell B., Ardo T., Mirsk L., Somnia 2021. [pdf](x.pdf)
- *Sheep, dreams and low-rank dynamics*, Ardo\\*, Quennell\\*, Mirsk, Journal of Sleep Models, 12, p.1-20 (2020).
- *Fences as attractors*, Quennell, Mirsk, Ardo, Pasture Computation, 3(2), 55-70 (2019).

## Posters
- *Sheep at scale*, Bertil Quennell, Tova Ardo, Lena Mirsk, Meadow Meeting 2020
"""


def test_italic_title_then_authors_then_venue():
    result = cvparse.parse(ITALIC_TITLE_FIRST, "cv.md")
    first, second, third = result["publications"]
    assert [a["name"] for a in first["authors"]] == ["Quennell B", "Ardo T", "Mirsk L"]
    assert first["venue"] == "Somnia" and first["year"] == 2021
    assert [(a["name"], a["equal_contribution"]) for a in second["authors"]] == [
        ("Ardo", True),
        ("Quennell", True),
        ("Mirsk", False),
    ]
    assert second["venue"] == "Journal of Sleep Models"
    assert third["venue"] == "Pasture Computation"
    # Two authors are on every paper; the page links to one's CV, spelled out elsewhere.
    assert result["person"]["name"] == "Bertil Quennell"
    assert all(any(a["is_self"] for a in p["authors"]) for p in result["publications"])


def test_owner_from_front_matter_author():
    text = '---\ntitle: "Curriculum Vitae"\nauthor: "Ines Moravec"\n---\n\n## Education\n\n- 2019: PhD, Some University\n'
    assert cvparse.parse(text, "cv.qmd")["person"]["name"] == "Ines Moravec"


def test_owner_spelled_out_in_a_link_only():
    text = (
        "![banner](https://img.example.org/render?text=Tamsin%20Okafor&size=60)\n\n"
        "### Interested In\n* Rivers, Bridges\n\n"
        "### Publications\n"
        "* [Okafor, T., and Veld, J. (2021). Bridges that hum. Journal of Quiet Structures, 4, 1-9.]"
        "(https://example.org/paper)\n"
    )
    result = cvparse.parse(text, "about.md")
    assert result["person"]["name"] == "Tamsin Okafor"
    assert result["person"]["research_interests"] == ["Rivers", "Bridges"]
    assert [a["is_self"] for a in result["publications"][0]["authors"]] == [True, False]


def test_abbreviated_bold_owner_is_spelled_out_from_a_profile_link():
    text = (
        "## Publications\n"
        '* <b>K. Arden</b>, P. Lusk, "A quiet cipher for loud sensors," <i>Journal of Hush</i>, 2019.\n'
        '* P. Lusk, <b>K. Arden</b>, "Whispered keys," <i>Hush Letters</i>, 2018.\n\n'
        "## Service\n"
        "* Reviewer: [profile](https://reviews.example.org/people/4242/kestrel-arden)\n"
    )
    assert cvparse.parse(text, "cv.md")["person"]["name"] == "Kestrel Arden"


MULTI_LINE_ENTRIES = (
    "# Juno Falk\n\njuno.falk@example.org\n\n"
    "## Experience\n\n"
    "**Senior Analyst**  \nBright Analytics, Springfield  \n2019 – present  \n"
    "Built forecasting pipelines for river levels.\n\n"
    "**Analyst**\\\nDim Data Ltd., Shelbyville\\\n2016 – 2019\n\n"
    "Research Assistant\nInstitute of Rivers, Ogdenville\n2014 – 2016\nRan field surveys.\n\n"
    "## Education\n\n"
    "Ph.D. in Statistics\nUniversity of North Haverbrook\n2010 – 2014\n\n"
    "B.Sc. in Mathematics\nCapital City College\n2006 – 2010\n\n"
    "## Publications\n\n"
    "Folding Towers of Lazy Arrays\nJuno Falk, Odo Brandt\nJournal of Arrays, 2021\n\n"
    "Scheduling Paper Boats on Warm Ponds\nOdo Brandt, Juno Falk, Lise Ferrow\n"
    "Proceedings of the Symposium on Floating Systems, 2020\n\n"
    "Rivers that Remember  \nJuno Falk  \nRiver Review 12(3), 2019\n"
)


def test_entries_of_several_lines_without_bullets_and_hard_breaks():
    result = cvparse.parse(MULTI_LINE_ENTRIES, "cv.md")
    assert [
        (p["organization"], p["title"], p["start"], p["end"], p["location"])
        for p in result["positions"]
    ] == [
        ("Bright Analytics", "Senior Analyst", "2019", "present", "Springfield"),
        ("Dim Data Ltd", "Analyst", "2016", "2019", "Shelbyville"),
        ("Institute of Rivers", "Research Assistant", "2014", "2016", "Ogdenville"),
    ]
    assert [(e["degree"], e["institution"]) for e in result["education"]] == [
        ("Ph.D.", "University of North Haverbrook"),
        ("B.Sc.", "Capital City College"),
    ]
    assert _pubs(result) == [
        ("Folding Towers of Lazy Arrays", "Journal of Arrays", 2021, ["Juno Falk", "Odo Brandt"]),
        (
            "Scheduling Paper Boats on Warm Ponds",
            "Proceedings of the Symposium on Floating Systems",
            2020,
            ["Odo Brandt", "Juno Falk", "Lise Ferrow"],
        ),
        ("Rivers that Remember", "River Review", 2019, ["Juno Falk"]),
    ]
    assert result["unparsed"] == []


def test_nested_list_items_detail_their_parent_unless_it_names_a_school():
    text = (
        "# Ada Quill\n\n## Teaching\n"
        "* Teaching Assistant for *Digital Circuits*, Fall 2018, Fernwood University\n"
        "  * Gave a guest lecture on low-power adders\n"
        "  * Graded problem sets and held office hours\n"
        "* Instructor for *Intro to Logic*, Spring 2017, Fernwood University\n\n"
        "## Service\n"
        "* Capital City College\n"
        "  * Tutor, Algebra I\n"
        "  * Tutor, Geometry\n"
    )
    result = cvparse.parse(text, "cv.md")
    teaching = result["teaching"]
    assert [t["term"] for t in teaching] == ["Fall 2018", "Spring 2017"]
    assert len(teaching[0]["details"]) == 2


def test_a_one_name_author_inside_an_author_list():
    text = (
        "## Publications\n"
        '* <b>K. Arden</b>, P. Lusk, Ravindra and T. Moll, "Quiet ciphers," '
        "<i>Journal of Hush</i>, May 2019.\n"
    )
    pub = cvparse.parse(text, "cv.md")["publications"][0]
    assert pub["title"] == "Quiet ciphers"
    assert [a["name"] for a in pub["authors"]] == ["K. Arden", "P. Lusk", "Ravindra", "T. Moll"]


def test_a_teaching_role_label_inside_a_service_section_lists_teaching():
    text = (
        "# Ada Quill\n\n# Service\n\n"
        "**Teaching Assistant**\n"
        "- Signals and Systems, Fernwood University, 2023, 2024.\n"
        "- Compilers (Honours Track), Fernwood University, 2022.\n\n"
        "**Reviewing**\n"
        "- Journal of Hush, 2023\n"
    )
    result = cvparse.parse(text, "about.md")
    assert [(t["course"], t["role"], t["institution"]) for t in result["teaching"]] == [
        ("Signals and Systems", "Teaching Assistant", "Fernwood University"),
        ("Compilers (Honours Track)", "Teaching Assistant", "Fernwood University"),
    ]
    assert [(s["heading"], s["items"]) for s in result["sections"]] == [
        ("Service: Reviewing", ["Journal of Hush, 2023"])
    ]


def test_about_page_prose_states_degrees_and_jobs():
    text = (
        "# About\n\n"
        "I am currently a research engineer at Quiet Labs. I recently completed a PhD in "
        "geology at Fernwood University, focusing on slow rocks. During my PhD, I was also a "
        "visiting researcher at Stone Institute working with Ida Brann and Olaf Rask.\n\n"
        "## Thesis\n\n* *PhD Thesis*: Rocks That Wait ([PDF](thesis.pdf))\n"
    )
    result = cvparse.parse(text, "about.md")
    assert [(e["degree"], e["field"], e["institution"]) for e in result["education"]] == [
        ("PhD", "geology", "Fernwood University")
    ]
    assert [(p["title"], p["organization"]) for p in result["positions"]] == [
        ("research engineer", "Quiet Labs"),
        ("visiting researcher", "Stone Institute"),
    ]
    thesis = result["publications"][0]
    assert (thesis["title"], thesis["venue"]) == ("Rocks That Wait", "PhD Thesis")


def test_entries_as_year_tag_bold_title_authors_italic_venue_links():
    text = (
        "# Ada Quill\n\n## Publications\n"
        "`2025`\n__Folding Quiet Arrays__\n**Ada Quill**, Odo Brandt\n*arXiv preprint*\n"
        "[Paper](https://arxiv.org/abs/0000.00001) · [Code](https://example.org/code)\n\n"
        "`2024`\n__Boats on Warm Ponds__\nOdo Brandt, **Ada Quill**\n*Under review*\n\n"
        "`2023`\n__Trellis of Gains__\nLise Ferrow, **Ada Quill**\n*Journal of Trellises*\n"
        "[Paper](https://example.org/trellis)\n"
    )
    pubs = cvparse.parse(text, "resume.md")["publications"]
    assert [(p["title"], p["venue"], p["status"], p["year"]) for p in pubs] == [
        ("Folding Quiet Arrays", "arXiv", "preprint", 2025),
        ("Boats on Warm Ponds", None, "under_review", 2024),
        ("Trellis of Gains", "Journal of Trellises", "published", 2023),
    ]


def test_a_year_closing_a_detail_bullet_opens_no_entry():
    text = (
        "# Ada Quill\n\n## Research Experience\n"
        "`May 2024 - Present`\n__Quiet Labs__\nResearch Intern\n"
        "- Built array folding tools.\n"
        "- Worked with a partner team, leading to papers at SFS 2024 and CALM 2025.\n\n"
        "`Aug 2021 - May 2024`\n__Fernwood University__\nResearch Assistant\n"
        "- Counted moss.\n"
    )
    positions = cvparse.parse(text, "resume.md")["positions"]
    assert [(p["organization"], p["title"], p["start"]) for p in positions] == [
        ("Quiet Labs", "Research Intern", "2024-05"),
        ("Fernwood University", "Research Assistant", "2021-08"),
    ]
    assert len(positions[0]["details"]) == 2


def test_about_page_news_dates_studies_and_states_internships():
    text = (
        "# Ada Quill\n\n"
        "I am a first-year Ph.D. student at Fernwood University, advised by Prof. Ida Brann.\n\n"
        "# News\n\n"
        "- 03/2026: Start QuietSoft internship in Lakeside. Building tools mentored by Olaf Rask.\n"
        "- 09/2025: Begin my Ph.D. journey at Fernwood University.\n"
    )
    result = cvparse.parse(text, "about.md")
    assert [(e["institution"], e["start"]) for e in result["education"]] == [
        ("Fernwood University", "2025-09")
    ]
    assert [
        (p["organization"], p["title"], p["start"], p["location"], p["supervisors"])
        for p in result["positions"]
    ] == [("QuietSoft", "Intern", "2026-03", "Lakeside", ["Olaf Rask"])]


def test_teaching_told_in_sentences_lists_linked_courses():
    text = (
        "# Ada Quill\n\n# Teaching\n\n"
        "At Fernwood University, I served as a teaching assistant\n"
        "for [Quiet Algorithms](https://example.org/qa), and a head teaching assistant for\n"
        "[Loud Compilers](https://example.org/lc).\n\n"
        "I also like gardening, which is unrelated to teaching.\n"
    )
    result = cvparse.parse(text, "about.md")
    assert [(t["course"], t["role"], t["institution"]) for t in result["teaching"]] == [
        ("Quiet Algorithms", "teaching assistant", "Fernwood University"),
        ("Loud Compilers", "head teaching assistant", "Fernwood University"),
    ]


def test_a_sentence_introducing_software_lists_projects():
    text = (
        "# Ada Quill\n\n# Research\n\n"
        "I work on quiet arrays and loud compilers.\n\n"
        "Some software projects I have helped build:\n\n"
        "* [Hushpack](https://github.com/example/hushpack)\n"
        "* [Loudc](https://gitlab.com/example/loudc)\n"
    )
    result = cvparse.parse(text, "about.md")
    assert [(p["name"], p["url"]) for p in result["projects"]] == [
        ("Hushpack", "https://github.com/example/hushpack"),
        ("Loudc", "https://gitlab.com/example/loudc"),
    ]
