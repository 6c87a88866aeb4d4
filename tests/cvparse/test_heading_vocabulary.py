"""Section kinds from the heading words real CVs use, in every dress: emoji, numbering,
counts, trailing colons, case. Generic headings only; none is taken from a real CV."""

import pytest

import cvparse
from cvparse.sections import heading_kind

VOCABULARY = {
    "publications": [
        "Publications",
        "Peer-reviewed articles",
        "Peer Reviewed Journal Articles",
        "Journal articles",
        "Journal Publications",
        "Refereed publications",
        "Refereed Journal Papers",
        "Book chapters",
        "Books",
        "Books and Monographs",
        "Edited volumes",
        "Manuscripts under review",
        "Manuscripts in preparation",
        "Submitted manuscripts",
        "Working papers",
        "Work in progress",
        "Works in Progress",
        "Conference proceedings",
        "Conference papers",
        "Refereed Conference Proceedings",
        "Preprints",
        "Theses",
        "Dissertation",
        "Patents",
        "Technical reports",
        "Selected publications",
        "Other publications",
        "Scholarly output",
        "Research output",
        "Book reviews",
        "Encyclopedia entries",
        "Abstracts",
        "Conference abstracts",
        "Papers",
        "Articles in refereed journals",
        "Publications and preprints",
        "Publications & Manuscripts",
        "Non-refereed publications",
        "Policy reports",
    ],
    "positions": [
        "Academic appointments",
        "Professional experience",
        "Research experience",
        "Employment",
        "Employment history",
        "Work experience",
        "Experience",
        "Positions held",
        "Professional positions",
        "Academic positions",
        "Appointments",
        "Industry experience",
        "Internships",
        "Career history",
        "Relevant experience",
        "Postdoctoral positions",
        "Research positions",
        "Visiting positions",
    ],
    "education": [
        "Education",
        "Education and training",
        "Education & Training",
        "Degrees",
        "Academic degrees",
        "Academic background",
        "Academic qualifications",
        "Educational background",
        "Studies",
        "Academic training",
        "Postgraduate training",
    ],
    "awards": [
        "Awards",
        "Honors and awards",
        "Honours",
        "Fellowships",
        "Fellowships and awards",
        "Scholarships",
        "Prizes",
        "Distinctions",
        "Awards and Fellowships",
        "Academic honors",
        "Grants and Fellowships",
    ],
    "teaching": [
        "Teaching",
        "Teaching experience",
        "Courses taught",
        "Teaching assistantships",
    ],
    "other": [
        "Professional development",
        "Grants",
        "Research funding",
        "Grants and funding",
        "External funding",
        "Invited talks",
        "Talks",
        "Presentations",
        "Conference presentations",
        "Invited presentations",
        "Seminars and colloquia",
        "Posters",
        "Supervision",
        "Students advised",
        "Student supervision",
        "Mentoring",
        "Graduate students supervised",
        "Doctoral students",
        "Service",
        "Professional service",
        "Departmental service",
        "Editorial boards",
        "Peer review",
        "Reviewing",
        "Committees",
        "Memberships",
        "Professional memberships",
        "Professional affiliations",
        "Outreach",
        "Media coverage",
        "Languages",
        "References",
        "News",
        "Hobbies",
    ],
    "skills": [
        "Skills",
        "Technical skills",
        "Computer skills",
        "Programming languages",
        "Certifications",
        "Tools",
        "Software skills",
    ],
    "interests": [
        "Research interests",
        "Areas of interest",
        "Interests",
        "Interested in",
        "Fields of specialization",
        "Research areas",
    ],
    "bio": ["About", "About me", "Summary", "Profile", "Biography", "Short bio"],
    "projects": ["Projects", "Research projects", "Software", "Open-source software"],
}
CASES = [(heading, kind) for kind, headings in VOCABULARY.items() for heading in headings]


@pytest.mark.parametrize(("heading", "kind"), CASES)
def test_heading_words_name_the_kind(heading, kind):
    assert heading_kind(heading) == kind


# Each way a heading is dressed leaves its kind alone.
DRESSES = [
    "{}",
    "{}:",
    "{} :",
    "{UPPER}",
    "3. {}",
    "3) {}",
    "IV. {}",
    "B. {}",
    "{} (42)",
    "{} [12]",
    "📝 {}",
    "🎓 {} 🎓",
    "§ {}",
    "{} —",
]


@pytest.mark.parametrize("dress", DRESSES)
@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Publications", "publications"),
        ("Journal articles", "publications"),
        ("Professional experience", "positions"),
        ("Education and training", "education"),
        ("Honors and awards", "awards"),
        ("Invited talks", "other"),
        ("Teaching", "teaching"),
    ],
)
def test_dressed_headings_keep_their_kind(dress, heading, kind):
    text = dress.format(heading, UPPER=heading.upper())
    assert heading_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Quantum Computing Fellowship Program Committee Meeting Notes",
        "Postdoctoral Research Associate",
        "Graduate Teaching Assistant",
        "University of Somewhere",
        "A Study of Sparse Books in Libraries, 2019",
        "2019 – 2021",
        "Senior Software Engineer",
        "Department of History",
    ],
)
def test_entry_lines_are_no_headings(text):
    assert heading_kind(text) is None


def test_numbered_headings_in_plain_text_open_sections():
    text = (
        "JANE ROE\njane.roe@example.org\n\n"
        "1. EDUCATION\nPhD in Chemistry, Fernwood University, 2015–2020\n"
        "BSc in Chemistry, Capital City College, 2011–2015\n\n"
        "2. PROFESSIONAL EXPERIENCE\nPostdoctoral Fellow, Lake Institute, 2020–2023\n"
        "Assistant Professor, Upland University, 2023–present\n\n"
        "3. Publications (2)\n"
        "Roe, J., & Oster, D. (2022). Salts that sing. Journal of Loud Chemistry, 3, 1–9.\n"
        "Oster, D., & Roe, J. (2020). Quiet acids. Acid Letters, 7, 10–20.\n"
    )
    result = cvparse.parse(text, "cv.txt")
    assert [e["institution"] for e in result["education"]] == [
        "Fernwood University",
        "Capital City College",
    ]
    titles = [p["title"] for p in result["positions"]]
    assert titles == ["Postdoctoral Fellow", "Assistant Professor"]
    assert [(p["title"], p["category"]) for p in result["publications"]] == [
        ("Salts that sing", None),
        ("Quiet acids", None),
    ]
    assert result["unparsed"] == [] and result["sections"] == []
