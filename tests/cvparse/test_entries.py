"""Entries of every kind, from small made-up CVs in the layouts real ones use."""

import pytest

from cvparse import parse
from cvparse.entries import advisors_in


def _parse(text: str, name: str = "cv.md") -> dict:
    return parse(text, name)


def test_academicpages_cv_template():
    result = _parse(
        "---\ntitle: CV\n---\n{% include base_path %}\n\n"
        "Education\n======\n"
        "* Ph.D in Version Control Theory, GitHub University, 2018 (expected)\n"
        "* B.S. in GitHub, GitHub University, 2012\n\n"
        "Work experience\n======\n"
        "* Summer 2015: Research Assistant\n"
        "  * Github University\n"
        "  * Duties included: Tagging issues\n"
    )
    phd, bs = result["education"]
    assert (phd["degree"], phd["field"], phd["institution"], phd["end"]) == (
        "Ph.D", "Version Control Theory", "GitHub University", "2018",
    )  # fmt: skip
    assert (bs["degree"], bs["end"]) == ("B.S.", "2012")
    (job,) = result["positions"]
    assert (job["title"], job["organization"], job["start"]) == (
        "Research Assistant", "Github University", "2015",
    )  # fmt: skip
    assert job["details"] == ["Duties included: Tagging issues"]


def test_dates_after_the_entry_lines():
    result = _parse(
        "## EDUCATION\n\n**Some University**  \n**Ph.D. in Computer Science.**  \n"
        "Advisor: Ann Lee\n\n*Sep 2022 - Present*\n\n**Some University**  \n"
        "**B.S. in Computer Science.**\n\n*Sep 2018 - June 2022*  \nGPA: 3.79/4.0 (top 5%)\n"
    )
    phd, bs = result["education"]
    assert (phd["degree"], phd["start"], phd["end"], phd["advisors"]) == (
        "Ph.D.", "2022-09", "present", ["Ann Lee"],
    )  # fmt: skip
    assert (bs["start"], bs["end"], bs["gpa"]) == ("2018-09", "2022-06", "3.79/4.0")


def test_dates_before_the_entry_lines():
    result = _parse(
        "# **Education**\n\n2021 – Present\n\n**Ph.D., Zhejiang University** — College of CS\n\n"
        "2017 - 2021\n\n■ B.Eng., Northwestern Polytechnical University\n\n"
        "GPA Ranking: 13/235 (Top 5.53%)\n"
    )
    phd, beng = result["education"]
    assert (phd["institution"], phd["start"], phd["end"]) == (
        "Zhejiang University",
        "2021",
        "present",
    )
    assert beng["institution"] == "Northwestern Polytechnical University"
    assert "GPA Ranking: 13/235 (Top 5.53%)" in beng["details"]


def test_definition_list_entries():
    result = _parse(
        "## Employment\n\n2014-\n: Associate Professor of Sociology, University of Oregon\n\n"
        "2007-2014\n: Assistant Professor of Sociology, University of Oregon\n\n"
        "## Education\n\n2004\n"
        ": PhD, Sociology and Demography, University of California, Berkeley\n"
    )
    first, second = result["positions"]
    assert (first["title"], first["organization"], first["start"], first["end"]) == (
        "Associate Professor of Sociology", "University of Oregon", "2014", "present",
    )  # fmt: skip
    assert (second["start"], second["end"]) == ("2007", "2014")
    (phd,) = result["education"]
    assert (phd["degree"], phd["field"], phd["end"]) == ("PhD", "Sociology and Demography", "2004")


def test_group_heading_shared_by_dated_lines():
    result = _parse(
        "Teaching Experience\nStanford University\n"
        "Teaching Assistant for ECON 198 (Junior Honors Seminar) 2026–\n"
        "Teaching Assistant for ECON 43 (Personal Finance) 2023–24\n",
        "cv.txt",
    )
    first, second = result["teaching"]
    assert (first["course"], first["role"], first["institution"], first["term"]) == (
        "ECON 198 (Junior Honors Seminar)", "Teaching Assistant", "Stanford University", "2026–",
    )  # fmt: skip
    assert second["term"] == "2023–24"


def test_awards_with_ranks_and_issuers():
    result = _parse(
        "## Honors & Awards\n\n"
        "2024\tPresidential Scholarship of Peking University (4/200), University Award"
        "\tPeking University\n"
        "- *2020.10* Second Prize, China Graduate Mathematical Modeling Contest (Top 15%)\n"
        "2018\tEarly Career Award, Ecological Society of America\n"
    )
    first, second, third = result["awards"]
    assert (first["title"], first["year"], first["rank"], first["issuer"]) == (
        "Presidential Scholarship of Peking University", 2024, "4/200", "Peking University",
    )  # fmt: skip
    assert (second["year"], second["rank"]) == (2020, "Top 15%")
    assert (third["title"], third["issuer"]) == (
        "Early Career Award",
        "Ecological Society of America",
    )


def test_projects_skills_and_other_sections():
    result = _parse(
        "## Projects\n\n- [BladeDISC](https://github.com/a/b). An optimizing compiler.\n\n"
        "## Skills\n\n**Programming** C++, Python\n\nLanguages: Chinese (native), English\n\n"
        "## Service\n\n### Reviewing\n\n- NeurIPS, ICML\n"
    )
    (project,) = result["projects"]
    assert project == {
        "name": "BladeDISC", "description": "An optimizing compiler.",
        "url": "https://github.com/a/b", "x_lines": [3],
    }  # fmt: skip
    assert [(s["category"], s["items"]) for s in result["skills"]] == [
        ("Programming", ["C++", "Python"]), ("Languages", ["Chinese (native)", "English"]),
    ]  # fmt: skip
    assert result["sections"] == [
        {"heading": "Service: Reviewing", "items": ["NeurIPS, ICML"], "x_lines": [15]}
    ]


def test_about_page_prose():
    result = _parse(
        "I am a Principal Research Engineer at Microsoft, working on systems. "
        "Before that, I obtained my Ph.D. in Computer Science from Tsinghua University in 2019, "
        "co-advised by Prof. Ada Lovelace and Prof. Charles Babbage. I served as a visiting "
        "scholar under the supervision of Prof. Mary Somerville at North Carolina State University "
        "in 2018.\n"
    )
    (phd,) = result["education"]
    assert (phd["institution"], phd["end"], phd["advisors"]) == (
        "Tsinghua University", "2019", ["Ada Lovelace", "Charles Babbage"],
    )  # fmt: skip
    jobs = [(p["title"], p["organization"], p["start"], p["end"]) for p in result["positions"]]
    assert jobs == [
        ("Principal Research Engineer", "Microsoft", None, "present"),
        ("visiting scholar", "North Carolina State University", "2018", None),
    ]
    assert result["positions"][1]["supervisors"] == ["Mary Somerville"]


def test_no_line_is_lost():
    text = "# Jane Doe\n\n## Hobbies\n\nClimbing\n\n## Education\n\nMIT 2019\n\nSomething odd\n"
    result = _parse(text)
    words = json_words(result)
    for line in text.splitlines():
        for word in line.replace("#", "").split():
            assert word.lower() in words


def json_words(result: dict) -> set[str]:
    import json

    return set(json.dumps(result).lower().replace('"', " ").replace(",", " ").split())


def test_degrees_under_way_in_prose_are_education():
    result = _parse(
        "I am a third-year Ph.D. student at the Department of Physics, Stanford University, "
        "advised by Prof. Jane Roe. I graduated from Peking University with a B.S. in Physics "
        "in 2021. Before that I was a Research Intern at Google.\n"
    )
    phd, bs = result["education"]
    assert (phd["institution"], phd["degree"], phd["end"], phd["advisors"]) == (
        "Stanford University", "Ph.D.", "present", ["Jane Roe"],
    )  # fmt: skip
    assert (bs["institution"], bs["field"], bs["end"]) == ("Peking University", "Physics", "2021")
    assert [(p["title"], p["organization"], p["kind"]) for p in result["positions"]] == [
        ("Research Intern", "Google", "internship")
    ]


def test_skill_categories_on_lines_of_their_own():
    result = _parse("# Skills\n\n**Programming**\nC++, Python\n\n**Robotics**\nROS 2, MuJoCo\n")
    assert [(s["category"], s["items"]) for s in result["skills"]] == [
        ("Programming", ["C++", "Python"]),
        ("Robotics", ["ROS 2", "MuJoCo"]),
    ]


def test_flat_bullet_list_is_one_item_per_bullet():
    result = _parse(
        "# Service\n\n- Reviewer: Journal A, Journal B\n- Associate Editor, IEEE IROS 2024\n"
        "- Co-organiser, Workshop on Robots, RSS 2023\n"
    )
    assert result["sections"][0]["items"] == [
        "Reviewer: Journal A, Journal B",
        "Associate Editor, IEEE IROS 2024",
        "Co-organiser, Workshop on Robots, RSS 2023",
    ]


def test_awesome_cv_position_lines():
    """Title and dates, then the employer in bold, then the place on a line of its own."""
    result = _parse(
        "# Experience\n\nPostdoctoral Researcher Sep 2021 – Present\n"
        "**ETH Zürich, Robotic Systems Lab**\nZürich, Switzerland\n- Led the perception stack\n"
        "Visiting Researcher Jan 2018 – Apr 2018\n"
        "**University of Tokyo, JSK Robotics Laboratory**\nTokyo, Japan\n"
    )
    first, second = result["positions"]
    assert (first["organization"], first["department"], first["location"]) == (
        "ETH Zürich", "Robotic Systems Lab", "Zürich, Switzerland",
    )  # fmt: skip
    assert (second["organization"], second["department"]) == (
        "University of Tokyo", "JSK Robotics Laboratory",
    )  # fmt: skip


def test_a_named_laboratory_alone_is_the_employer():
    result = _parse("# Experience\n\n2016–2022 **Postdoc**, Harbour Science Laboratory\n")
    assert result["positions"][0]["organization"] == "Harbour Science Laboratory"


def test_award_issuer_by_acronym_and_rank_after_a_comma():
    result = _parse(
        "# Awards\n\n2024 Best Paper Award Finalist, IEEE ICRA\n"
        "2021 Best Doctoral Thesis in Engineering, 1 of 3 awarded\n"
    )
    first, second = result["awards"]
    assert (first["title"], first["issuer"]) == ("Best Paper Award Finalist", "IEEE ICRA")
    assert (second["title"], second["rank"]) == (
        "Best Doctoral Thesis in Engineering",
        "1 of 3 awarded",
    )


def test_dissertation_below_the_degrees_belongs_to_the_doctorate():
    result = _parse(
        "# Education\n\nPh.D., History: Example University\n2013\n\n"
        "B.A., History: Other College\n2007\n\n"
        "Dissertation: “A Study of Things.” Advisors: Ada Lovelace and Charles Babbage.\n"
    )
    doctorate, bachelor = result["education"]
    assert doctorate["details"] == ["Dissertation: “A Study of Things.”"]
    assert doctorate["advisors"] == ["Ada Lovelace", "Charles Babbage"]
    assert bachelor["details"] == [] and bachelor["advisors"] == []


def test_profile_links_address_and_current_position_in_body_sections():
    result = _parse(
        "# Ada Lovelace\n\n## Personal information\n\nAddress: 1 Example Street, 12345 Town\n\n"
        "## Current position\n\nResearch fellow, Analytical Engines Lab, Example University.\n\n"
        "## Outreach\n\nAll code on [GitHub](https://github.com/alovelace/), more on my "
        "[home page](https://alovelace.example.org/) and [ORCID](https://orcid.org/0000-0000-0000-0000).\n"
        "A repository: [engine](https://github.com/alovelace/engine).\n"
    )
    person = result["person"]
    assert person["address"] == "1 Example Street, 12345 Town"
    assert person["headline"] == "Research fellow, Analytical Engines Lab, Example University"
    assert person["homepage"] == "https://alovelace.example.org/"
    assert person["links"] == [
        {"label": "GitHub", "url": "https://github.com/alovelace/"},
        {"label": "ORCID", "url": "https://orcid.org/0000-0000-0000-0000"},
    ]


def test_clinical_positions_with_places_and_supervisor_notes():
    result = _parse(
        "# Clinical Experience\n\n**Practicum Therapist** (08/2022-05/2024)  \n"
        "Example Psychology Clinic, Chapel Hill, NC  \n"
        "Supervisors: Ada Lovelace, Ph.D., and Mary Somerville, Psy.D.\n"
        "- Individual therapy for adults\n\n"
        "# Research Experience\n\n"
        "- 2019-2025: Research Assistant, Mood and Sleep Lab, Example University "
        "(PI: Charles Babbage, Ph.D.)\n"
    )
    clinic, lab = result["positions"]
    assert (clinic["organization"], clinic["location"], clinic["kind"]) == (
        "Example Psychology Clinic", "Chapel Hill, NC", "other",
    )  # fmt: skip
    assert clinic["supervisors"] == ["Ada Lovelace", "Mary Somerville"]
    assert clinic["details"] == ["Individual therapy for adults"]
    assert (lab["organization"], lab["department"], lab["supervisors"]) == (
        "Example University", "Mood and Sleep Lab", ["Charles Babbage"],
    )  # fmt: skip


def test_apa_degree_lines_over_institution_and_place():
    result = _parse(
        "ADA LOVELACE, PH.D.\n\nEDUCATION\n\n"
        "Ph.D., Computer Science (APA-accredited)                  2016\n"
        "Example University, Boston, MA\nAdvisor: Charles Babbage, Ph.D.\n"
        "M.S., Mathematics                                         2012\n"
        "Other College, Springfield, IL\n",
        "cv.txt",
    )
    doctorate, master = result["education"]
    assert (doctorate["institution"], doctorate["field"], doctorate["advisors"]) == (
        "Example University", "Computer Science", ["Charles Babbage"],
    )  # fmt: skip
    assert doctorate["details"] == ["APA-accredited", "Boston, MA"]
    assert (master["institution"], master["details"]) == ("Other College", ["Springfield, IL"])


def test_a_job_before_a_colon_opens_an_entry():
    """Word tables join a row's first cell with a colon: "Fellow: Some Society"."""
    result = _parse(
        "# Appointments\nAssistant Professor: Example University\n2015–2021\n\n"
        "Postdoctoral Fellow: Society of Fellows, Other University\n2013–2015\n"
    )
    jobs = [(p["title"], p["organization"], p["start"]) for p in result["positions"]]
    assert jobs == [
        ("Assistant Professor", "Example University", "2015"),
        ("Postdoctoral Fellow", "Other University", "2013"),
    ]


def test_institution_and_state_above_the_degree():
    """awesome-cv order: the school in bold, its place, then the degree with dates."""
    result = _parse(
        "# Education\n\n**Widget University**\nBoston, MA\n"
        "Ph.D. in Computer Science Sep. 2010 - Aug. 2015\n"
    )
    (phd,) = result["education"]
    assert (phd["institution"], phd["degree"], phd["field"], phd["details"]) == (
        "Widget University", "Ph.D.", "Computer Science", ["Boston, MA"],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Supervisors: Ada Lovelace, Ph.D., and Mary Somerville, Psy.D.",
            ["Ada Lovelace", "Mary Somerville"],
        ),
        ("Advisors: Ada Lovelace, PhD; Charles Babbage, MD", ["Ada Lovelace", "Charles Babbage"]),
        ("Advisor: Ada Lovelace; Best Thesis Award", ["Ada Lovelace"]),
        ("Supervisors: Ada Lovelace, Ph.D. ; Deliver CBT to adults", ["Ada Lovelace"]),
        ("(PI: Ada Lovelace, Ph.D.)", ["Ada Lovelace"]),
        ("Co-advisors: Ada Lovelace & Charles Babbage", ["Ada Lovelace", "Charles Babbage"]),
    ],
)
def test_advisors_with_degrees_and_separators(text, names):
    assert advisors_in(text) == names


def test_awarding_body_on_the_next_line():
    result = _parse(
        "HONORS AND AWARDS\nBest Paper Award                          2021\nACM SIGCHI Conference\n"
        "Graduate Research Fellowship              2018\nNational Science Foundation\n"
        "2017 Special Award for Doctoral Studies from Example\nUniversity of Elsewhere.\n",
        "cv.txt",
    )
    assert [(a["title"], a["issuer"], a["details"]) for a in result["awards"]] == [
        ("Best Paper Award", "ACM SIGCHI Conference", None),
        ("Graduate Research Fellowship", "National Science Foundation", None),
        ("Special Award for Doctoral Studies", "Example University of Elsewhere", None),
    ]


def test_one_school_over_several_degrees():
    result = _parse(
        "# Education\n\n**Example University**\n- Ph.D., Computer Science, 2013\n"
        "- M.S., Computer Science, 2010\n"
    )
    assert [(e["institution"], e["degree"], e["field"], e["end"]) for e in result["education"]] == [
        ("Example University", "Ph.D.", "Computer Science", "2013"),
        ("Example University", "M.S.", "Computer Science", "2010"),
    ]


def test_school_lines_over_undated_bullets():
    """Plain text from Word: a school on a line of its own, the courses or honours below."""
    result = _parse(
        "Teaching\nExample University\n- Engines 101\n- Looms 202 (seminar)\nOther College\n"
        "- Punch Cards\n\nHonors\nExample University\n- Dean's List\n- Engine Prize\n",
        "cv.txt",
    )
    assert [(t["course"], t["institution"]) for t in result["teaching"]] == [
        ("Engines 101", "Example University"),
        ("Looms 202", "Example University"),
        ("Punch Cards", "Other College"),
    ]
    assert [(a["title"], a["issuer"]) for a in result["awards"]] == [
        ("Dean's List", "Example University"),
        ("Engine Prize", "Example University"),
    ]


def test_degree_lines_without_blank_lines_between_entries():
    result = _parse(
        "Education\nPh.D., History\nExample University\n2013\nM.A., History\nExample University\n"
        "2010\nB.A., History and Italian, summa cum laude\nOther College\n2007\n",
        "cv.txt",
    )
    assert [(e["degree"], e["institution"], e["end"]) for e in result["education"]] == [
        ("Ph.D.", "Example University", "2013"),
        ("M.A.", "Example University", "2010"),
        ("B.A.", "Other College", "2007"),
    ]


def test_markdown_tables_of_degrees_and_skills():
    result = _parse(
        "# Education\n\n| Degree | Institution | Year |\n|---|---|---|\n"
        "| Ph.D., Mathematics | Example University | 2013 |\n\n"
        "# Skills\n\n| Category | Skills |\n|---|---|\n| Programming | Python, Rust |\n"
    )
    (phd,) = result["education"]
    assert (phd["degree"], phd["institution"], phd["end"]) == (
        "Ph.D.",
        "Example University",
        "2013",
    )
    assert result["skills"] == [
        {"category": "Programming", "items": ["Python", "Rust"], "x_lines": [11]}
    ]
    # the column names are labels, kept in `unparsed` rather than read as entries
    assert result["unparsed"] == ["Degree · Institution · Year", "Category: Skills"]


def test_job_without_a_role_word_over_its_employer():
    """academicpages: "* 2024: Site Collaborator" with the employer as a sub-bullet."""
    result = _parse(
        "Work experience\n======\n* Spring 2024: Site Collaborator\n  * Example University\n"
        "  * Duties included: improving the template\n"
    )
    (job,) = result["positions"]
    assert (job["title"], job["organization"], job["details"]) == (
        "Site Collaborator", "Example University", ["Duties included: improving the template"],
    )  # fmt: skip


def test_dated_bullets_under_a_dated_job_are_its_parts():
    source = "\n".join(
        [
            "## Employment",
            "**2019 – to date** Lecturer, Department of Owls, Some University.",
            "",
            "**2015 – 2019** Researcher, Owl Institute.",
            "",
            "- **2017 – 2018** Field lead, Night Survey project, with Bird Trust.",
            "- **2015 – 2016** Analyst, Nest Census.",
            "",
            "**2014** Intern, Finch Lab.",
        ]
    )
    positions = parse(source)["positions"]
    assert [(p["start"], p["end"]) for p in positions] == [
        ("2019", "present"),
        ("2015", "2019"),
        ("2014", None),
    ]
    assert len(positions[1]["details"]) == 2


def test_a_training_list_without_degrees_is_no_education():
    source = "\n".join(
        [
            "## Education",
            "**2012** PhD in Ornithology, Some University",
            "## Other Training",
            "**2019** Summer course on owl calls, Bird Institute.",
            "**2017** Workshop on nest mapping, Other University.",
        ]
    )
    result = parse(source)
    assert [e["degree"] for e in result["education"]] == ["PhD"]
    assert [s["heading"] for s in result["sections"]] == ["Other Training"]


def test_a_teaching_role_said_first_as_a_sentence():
    source = "## Teaching\n\n**2016** _Tutor._ Owl Biology, Faculty of Science, Some University.\n"
    (entry,) = parse(source)["teaching"]
    assert (entry["role"], entry["course"], entry["term"]) == ("Tutor", "Owl Biology", "2016")


def test_a_teaching_assistantship_among_appointments_is_teaching():
    source = "\n".join(
        [
            "# Appointments",
            "**2020-Current** Research Fellow, Owl Institute",
            "",
            "**2017-2019** Teaching Associate, Some University",
        ]
    )
    result = parse(source)
    assert [p["title"] for p in result["positions"]] == ["Research Fellow"]
    assert [(t["role"], t["institution"], t["course"]) for t in result["teaching"]] == [
        ("Teaching Associate", "Some University", None)
    ]


def test_offices_held_under_an_honours_heading_are_no_awards():
    source = "\n".join(
        [
            "## Honors",
            "**2019** Vice-president of the Owl Watchers Society",
            "",
            "**2018** Student Representative at the Library Committee, Some University",
            "",
            "**2016** Founder and Secretary of the Night Club for Birds",
            "## Awards",
            "**2020** Golden Feather Award, Owl Institute",
        ]
    )
    result = parse(source)
    assert [a["title"] for a in result["awards"]] == ["Golden Feather Award"]
    assert [s["heading"] for s in result["sections"]] == ["Honors"]


def test_a_role_named_after_an_institute_or_held_in_a_centre():
    source = "\n".join(
        [
            "## Appointments",
            "**2020-Current** Owl Institute Fellow, Some University",
            "",
            "**2017 - 2019** Researcher in the Night Bird Research Center, Bird Institute",
        ]
    )
    positions = parse(source)["positions"]
    assert [(p["title"], p["organization"]) for p in positions] == [
        ("Owl Institute Fellow", "Some University"),
        ("Researcher", "Bird Institute"),
    ]


def test_a_teaching_assistantship_stays_a_job_beside_a_teaching_section():
    source = "\n".join(
        [
            "# Appointments",
            "**2017-2019** Teaching Associate, Some University",
            "# Teaching",
            "**2018** Owl Biology, Some University",
        ]
    )
    result = parse(source)
    assert [p["title"] for p in result["positions"]] == ["Teaching Associate"]
    assert [t["course"] for t in result["teaching"]] == ["Owl Biology"]


def test_jobs_set_as_headings_own_the_date_lines_below_them():
    source = "\n".join(
        [
            "## Experience",
            "### Curator, Owl Wing, Some Museum",
            "June 2011–present",
            "### Lecturer, Department of Birds, Some University",
            "May 2009–June 2011",
            "### Web Developer, Bird Centre",
            "December 2005–May 2009",
        ]
    )
    positions = parse(source)["positions"]
    assert [(p["title"], p["start"], p["end"]) for p in positions] == [
        ("Curator", "2011-06", "present"),
        ("Lecturer", "2009-05", "2011-06"),
        ("Web Developer", "2005-12", "2009-05"),
    ]


def test_dash_separated_teaching_fields_split_course_role_and_year():
    result = parse(
        "# Wren Tallis\n\n## Teaching\n\n**Northmoor University**\n"
        "- Marsh Ecology (with Ida Brook) - Head TA - *2021*\n"
        "- Owl1x: Night Flight - Lab Instructor - *2019, 2020*\n"
        "- Physics - Waves and Optics (with Al Fenn) - *2018*\n",
        "cv.md",
    )
    assert [(t["course"], t["role"], t["term"], t["details"]) for t in result["teaching"]] == [
        ("Marsh Ecology", "Head TA", "2021", ["with Ida Brook"]),
        ("Owl1x: Night Flight", "Lab Instructor", "2019, 2020", []),
        ("Physics - Waves and Optics", None, "2018", ["with Al Fenn"]),
    ]
    assert {t["institution"] for t in result["teaching"]} == {"Northmoor University"}


def test_a_course_code_label_in_a_teaching_section_is_a_course():
    result = parse(
        "# Wren Tallis\n\n## Teaching\n\n"
        "- Heron 210: Wading Birds, Northmoor University, 2019\n"
        "- Heron 315: Estuaries, Northmoor University, 2020\n",
        "cv.md",
    )
    assert [t["course"] for t in result["teaching"]] == [
        "Heron 210: Wading Birds",
        "Heron 315: Estuaries",
    ]


def test_a_course_list_under_a_teaching_job_gives_one_entry_per_course():
    result = parse(
        "Wren Tallis\n\nTeaching Experience\n\n"
        "Spring 2021 Lecturer, Northmoor College, Fenwick, ME\n"
        "Courses taught (online):\n"
        "Marsh Ecology.\n"
        "Heron 210: Wading Birds.\n\n"
        "2018 – 2020 Graduate Associate in Teaching, Northmoor College, Fenwick, ME\n",
        "cv.txt",
    )
    assert [(t["course"], t["role"], t["institution"], t["term"]) for t in result["teaching"]] == [
        ("Marsh Ecology", "Lecturer", "Northmoor College", "Spring 2021"),
        ("Heron 210: Wading Birds", "Lecturer", "Northmoor College", "Spring 2021"),
        (None, "Graduate Associate in Teaching", "Northmoor College", "2018 – 2020"),
    ]
    assert result["teaching"][0]["details"] == ["Fenwick, ME", "Courses taught (online)"]
    assert not result["sections"]  # "Courses taught (online):" opened no section


def test_bold_led_teaching_lines_are_one_entry_each_with_the_bold_course():
    result = parse(
        "# Wren Tallis\n\n## Teaching\n\n"
        "**Marsh Ecology** (NMU), Instructor, fall 2019, 30 student lecture course\n"
        "**Wading Birds**, Co-instructor, spring 2018, 12 student field course\n"
        "**Estuary Mapping** (NMU), Teaching assistant, fall 2017\n",
        "cv.md",
    )
    assert [(t["course"], t["role"], t["institution"], t["term"]) for t in result["teaching"]] == [
        ("Marsh Ecology", "Instructor", "NMU", "fall 2019"),
        ("Wading Birds", "Co-instructor", None, "spring 2018"),
        ("Estuary Mapping", "Teaching assistant", "NMU", "fall 2017"),
    ]
    assert result["teaching"][1]["details"] == ["12 student field course"]


def test_a_sentence_case_label_in_a_teaching_line_is_part_of_the_course():
    result = parse(
        "# Wren Tallis\n\n## Teaching\n\n"
        "- Use of reference managers: Zotero, Northmoor University, 2016\n"
        "- Fenwick: Marsh Ecology, 2015\n",
        "cv.md",
    )
    assert [(t["course"], t["institution"]) for t in result["teaching"]] == [
        ("Use of reference managers: Zotero", "Northmoor University"),
        ("Marsh Ecology", "Fenwick"),
    ]
