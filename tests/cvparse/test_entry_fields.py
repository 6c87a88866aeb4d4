"""Fields of teaching, education and position entries in the forms real CVs print them
(all people, places and courses here are made up)."""

from cvparse import parse


def _teaching(text: str) -> list[tuple]:
    result = parse(text, "cv.txt")
    return [(t["course"], t["role"], t["institution"], t["term"]) for t in result["teaching"]]


def test_teaching_told_in_sentences_with_academic_years():
    assert _teaching(
        "Ada Quill\n\nTEACHING EXPERIENCE\n"
        "Lab tutor in the Stellar Winds course in Semester-II in 2019-20.\n"
        "Teaching assistant for Fluid Dynamics course in Semester-I in 2016-17 and 2018-19.\n"
        "Teaching assistant for the Optics lab at Fernwood Institute for Semester-I in "
        "years 2015-16, 2016-17 and 2017-18.\n"
    ) == [
        ("Stellar Winds", "Lab tutor", None, "Semester-II, 2019-20"),
        ("Fluid Dynamics", "Teaching assistant", None, "Semester-I, 2016-17 and 2018-19"),
        ("Optics lab", "Teaching assistant", "Fernwood Institute",
         "Semester-I, 2015-16, 2016-17 and 2017-18"),
    ]  # fmt: skip


def test_teaching_lines_labelled_by_where_and_a_faculty_owner():
    """ "Place: Code Course Term" line by line; a professor's courses are taught by them."""
    result = parse(
        "Ada Quill\n\nCareer\nUniversity of Fernwood 2021 +\nAssistant professor\n\n"
        "Teaching\n"
        "Fernwood: Math 2210 Linear Algebra Spring 2024\n"
        "Fernwood: Math 3300 Topology Fall 2023\n"
        "Elmstead: Math 101 Calculus I Fall 2020\n",
        "cv.txt",
    )
    assert [(t["course"], t["role"], t["institution"], t["term"]) for t in result["teaching"]] == [
        ("Math 2210 Linear Algebra", "Instructor", "Fernwood", "Spring 2024"),
        ("Math 3300 Topology", "Instructor", "Fernwood", "Fall 2023"),
        ("Math 101 Calculus I", "Instructor", "Elmstead", "Fall 2020"),
    ]


def test_teaching_role_school_course_and_notes_by_commas():
    assert _teaching(
        "Ada Quill\n\nTeaching Experience\n"
        "2023–current Instructor (Faculty), Fernwood University, Quiet Algorithms "
        "(QA-1201), 3 credits (Spring)\n"
        "Covered sorting in silence\n\n"
        "2019 – 2020 Science Teacher, Escola Pequena, Vila Nova–SP, Brazil\n"
        "Responsible for the science courses\n"
    ) == [
        ("Quiet Algorithms (QA-1201)", "Instructor (Faculty)", "Fernwood University",
         "2023–current"),
        (None, "Science Teacher", "Escola Pequena", "2019 – 2020"),
    ]  # fmt: skip


def test_teaching_role_and_school_over_coded_courses():
    assert _teaching(
        "Ada Quill\n\nTeaching Experience\n"
        "Teaching Assistant, Fernwood University\n"
        "CSE 210, “Loud Compilers”, Spring 2010\n"
        "Supervisor, Elmstead College\n"
        "CST Part IB, “Quiet Types”, Fall 2008\n"
    ) == [
        ("CSE 210 Loud Compilers", "Teaching Assistant", "Fernwood University", "Spring 2010"),
        ("CST Part IB Quiet Types", "Supervisor", "Elmstead College", "Fall 2008"),
    ]


def test_a_teaching_heading_naming_the_role():
    result = parse(
        "# Ada Quill\n\n## Teaching: Instructor\n\n- GEO 101 Maps and Mapping\n- GEO 202 Rivers\n",
        "cv.md",
    )
    assert [(t["course"], t["role"]) for t in result["teaching"]] == [
        ("GEO 101 Maps and Mapping", "Instructor"),
        ("GEO 202 Rivers", "Instructor"),
    ]


def test_a_teaching_statement_is_not_a_course():
    result = parse(
        "Ada Quill\n\nTeaching\n"
        "I am interested in proposing new workshops on river ecology and field methods "
        "for first-year students.\n",
        "cv.txt",
    )
    assert result["teaching"] == []
    assert result["sections"][0]["heading"] == "Teaching"


def test_positions_opened_by_month_day_short_year_and_month_ranges():
    result = parse(
        "Ada Quill\n\nWork Experience\n"
        "Sep./01/21– Current - Associate Professor, Fernwood University, Elmstead–NC, USA\n"
        "Leads a group on quiet computing.\n\n"
        "Jun–Aug, 2016 - Visiting Scholar, University of Elmstead, Vila Nova, Portugal\n"
        "Taught a summer course.\n",
        "cv.txt",
    )
    assert [(p["title"], p["organization"], p["start"], p["end"]) for p in result["positions"]] == [
        ("Associate Professor", "Fernwood University", "2021-09", "present"),
        ("Visiting Scholar", "University of Elmstead", "2016-06", "2016-08"),
    ]


def test_confidence_marks_entries_whose_checks_fail():
    result = parse(
        "Ada Quill\n\nEducation\n"
        "Fernwood University, Ph.D. in Quiet Computing, 2015 – 2020\n"
        "Advisor: Wren Holloway\n\n"
        "Experience\n"
        "2012 – 2096 Research Scientist, Elmstead Laboratory\n",
        "cv.txt",
    )
    (phd,) = result["education"]
    assert phd["x_confidence"]["entry"] >= 0.85
    assert set(phd["x_confidence"]["fields"]) == {
        "institution",
        "degree",
        "start",
        "end",
        "advisors",
    }
    (job,) = result["positions"]
    assert job["x_confidence"]["fields"]["start"] < 0.5  # a year no CV can have yet
    assert job["x_confidence"]["entry"] < 0.6


def test_degrees_in_capitals_initials_and_old_names():
    result = parse(
        "Ada Quill\n\nEducation\n"
        "Fernwood University\nPH.D. IN RIVER PLANNING 2012\n\n"
        "Fernwood University\nM.U. P. IN URBAN PLANNING 2008\n\n"
        "Elmstead Institute of Technology\nB.ARCH (HONS.) IN ARCHITECTURE 2005\n\n"
        "Tripos Part II, Natural Sciences, University of Elmstead June 2003\n\n"
        "- **Oak Institute of Technology**, Oak Town, MA, USA (2001 – 2003)\n"
        "  - S.M. in Quiet Engineering\n\n"
        "1/2014–8/16 Postdoctoral Fellowship, Fernwood University, Oak Town–NC, USA\n",
        "cv.md",
    )
    assert [e["degree"] for e in result["education"]] == [
        "PH.D.", "M.U. P.", "B.ARCH (HONS.)", "Tripos Part II", "S.M.", "Postdoctoral Fellowship",
    ]  # fmt: skip
    assert result["education"][-1]["end"] == "2016-08"


def test_a_degree_at_two_schools_keeps_the_first():
    result = parse(
        "Ada Quill\n\nEducation\n"
        "PhD in Demography, 2019 – 2023\n"
        "Fernwood University and Centre for Quiet Studies\n",
        "cv.txt",
    )
    (phd,) = result["education"]
    assert phd["institution"] == "Fernwood University"
    assert "Centre for Quiet Studies" in phd["details"]


def test_a_role_in_lower_case_under_its_employer():
    result = parse(
        "Ada Quill\n\nCareer\nFernwood University 2020-2023\nHill assistant professor\n",
        "cv.txt",
    )
    (job,) = result["positions"]
    assert (job["title"], job["organization"], job["kind"]) == (
        "Hill assistant professor", "Fernwood University", "employment",
    )  # fmt: skip


def test_advisors_named_in_the_sentence_after_the_degree():
    result = parse(
        "# Ada Quill\n\n"
        "I recently completed a PhD in geology at Fernwood University. I was advised by "
        "Wren Holloway and Tam Ochre. During my PhD, I was also a researcher at Rockworks "
        "working with Ivo Slate and Pia Marl. I completed my undergraduate at Elmstead "
        "College, where I was advised by Cy Basalt.\n",
        "about.md",
    )
    assert {e["institution"]: e["advisors"] for e in result["education"]} == {
        "Fernwood University": ["Wren Holloway", "Tam Ochre"],
        "Elmstead College": ["Cy Basalt"],
    }
    assert {p["organization"]: p["supervisors"] for p in result["positions"]} == {
        "Rockworks": ["Ivo Slate", "Pia Marl"],
    }


def test_awards_told_as_sentences_and_at_events():
    result = parse(
        "Ada Quill\n\nAwards\n"
        "Awarded Certificate of Merit (top 2% marks) in Geography by the National Board of "
        "School Examinations (NBSE) in 2009.\n"
        "Best Poster Award, 3rd Workshop on Quiet Rivers at RIVCON 2021\n",
        "cv.txt",
    )
    assert [(a["title"], a["issuer"], a["rank"], a["year"]) for a in result["awards"]] == [
        ("Certificate of Merit in Geography", "National Board of School Examinations (NBSE)",
         "top 2% marks", 2009),
        ("Best Poster Award", "3rd Workshop on Quiet Rivers at RIVCON", None, 2021),
    ]  # fmt: skip
