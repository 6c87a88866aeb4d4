"""The field labeller (a CRF over one publication entry) and its use beside the rules.

Every entry here is made up; the forms are those the rules read wrongly on real CVs.
"""

import jsonschema
import pytest

from cvparse import names
from cvparse.labeller import fields
from cvparse.publications import parse_publications, sane, to_sentinels
from tests.cvparse.shared import SCHEMA

pytestmark = pytest.mark.skipif(not fields.MODEL_PATH.is_file(), reason="no field model")


# The shipped model misreads these; a first model trained on the same kinds of data
# without the feature cutoff (feature.minfreq) read them right. Strict: a model that
# reads them right again makes these fail, so the mark comes off.
KNOWN_SLIP = pytest.mark.xfail(strict=True, reason="the shipped field model misreads this form")


def parse(text: str, owner: str | None = None) -> list[dict]:
    lines = [(number, line) for number, line in enumerate(text.strip("\n").split("\n"), 1)]
    return parse_publications(lines, category=None, owner=owner)


def labelled(text: str) -> dict[str, str]:
    """The words of each label, in order, for one entry given as Markdown."""
    found = fields.label_entry(to_sentinels(text))
    words: dict[str, list[str]] = {}
    for token, label in zip(found.tokens, found.labels, strict=True):
        words.setdefault(label, []).append(token.text)
    return {label: " ".join(ws) for label, ws in words.items()}


def test_tokens_keep_bold_italic_and_link_labels_not_urls():
    tokens = fields.tokenize(to_sentinels("**Ana Ruiz**, *Deep Tides*. [PDF](https://x.org/a.pdf)"))
    assert [(t.text, t.bold, t.italic, t.link) for t in tokens] == [
        ("Ana", True, False, False),
        ("Ruiz,", True, False, False),
        ("Deep", False, True, False),
        ("Tides.", False, True, False),
        ("PDF", False, False, True),
    ]


def test_author_first_entry_is_labelled_field_by_field():
    words = labelled(
        "Ana Ruiz, Ben Okafor, and Carla Mendes. Tidal forcing of coastal upwelling. "
        "*Journal of Marine Systems*, 41(2):113–129, 2019."
    )
    assert words["author"] == "Ana Ruiz, Ben Okafor, and Carla Mendes."
    assert words["title"] == "Tidal forcing of coastal upwelling."
    assert words["venue"].startswith("Journal of Marine Systems")
    assert "2019." in words["date"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # title, venue and year, then the authors with the owner in bold
            "Sparse coding of odour in the fly brain. Neural Computation 2021. "
            "Mara Lind, **Tomas Berg**, Ines Kahl.",
            {"title": "Sparse coding of odour in the fly brain.", "venue": "Neural Computation",
             "author": "Mara Lind, Tomas Berg, Ines Kahl."},
            marks=KNOWN_SLIP,
        ),
        (
            "*Latent dynamics of motor cortex*, Okoro B., Hale J., Neurips 2022",
            {"title": "Latent dynamics of motor cortex,", "author": "Okoro B., Hale J.,",
             "venue": "Neurips", "date": "2022"},
        ),
        (
            "Marsh, J. N., M. B. Greenleaf, and T. Ortiz. Lenses for tree-shaped data. "
            "ACM Transactions on Programming Languages and Systems, 29(3), 2007.",
            {"author": "Marsh, J. N., M. B. Greenleaf, and T. Ortiz.",
             "title": "Lenses for tree-shaped data.", "date": "2007."},
        ),
        pytest.param(
            "Mixing in estuaries (with C. Mendes and D. Frey). Working paper, 2023.",
            {"title": "Mixing in estuaries", "author": "(with C. Mendes and D. Frey).",
             "status": "Working paper,"},
            marks=KNOWN_SLIP,
        ),
    ],
)  # fmt: skip
def test_labeller_reads_the_forms_the_rules_misread(text, expected):
    words = labelled(text)
    assert {label: words.get(label) for label in expected} == expected


@pytest.mark.parametrize(
    ("text", "owner", "expected"),
    [
        (  # title, venue and year, then the authors with the owner in bold
            "Sparse coding of odour in the fly brain. Neural Computation 2021. "
            "Mara Lind, **Tomas Berg**, Ines Kahl.",
            None,
            {"title": "Sparse coding of odour in the fly brain",
             "authors": ["Mara Lind", "Tomas Berg", "Ines Kahl"], "year": 2021},
        ),
        (  # an italic title, "Family I." authors, a short venue and its year
            "*Latent dynamics of motor cortex*, Okoro B., Hale J., Neurips 2022",
            None,
            {"title": "Latent dynamics of motor cortex", "authors": ["Okoro B", "Hale J"],
             "year": 2022},
        ),
        (  # only the first author inverted
            "Marsh, J. N., M. B. Greenleaf, and T. Ortiz. Lenses for tree-shaped data. "
            "ACM Transactions on Programming Languages and Systems, 29(3), 2007.",
            None,
            {"title": "Lenses for tree-shaped data",
             "authors": ["Marsh, J. N.", "M. B. Greenleaf", "T. Ortiz"], "year": 2007},
        ),
    ],
)  # fmt: skip
def test_forms_the_rules_misread(text, owner, expected):
    [pub] = parse(text, owner)
    assert pub["title"] == expected["title"]
    # As the scorer compares names: family and first initial, punctuation aside.
    keys = [names.name_key(a["name"]) for a in pub["authors"]]
    assert keys == [names.name_key(n) for n in expected["authors"]]
    assert pub["year"] == expected["year"]


@pytest.mark.parametrize(
    "text",
    [
        "R. Osei and L. Park. Cheap talk in committees. January 2020. [PDF](https://x.org/a.pdf)",
        "L. Park. Voting with feet. [PDF](https://x.org/b.pdf) [Code](https://x.org/c)",
        "Osei, R. (2018). Strategic abstention. Working paper. FILE-PDF",
    ],
)
def test_venue_is_never_a_month_or_a_link_label(text):
    [pub] = parse(text)
    assert pub["venue"] is None or sane("venue", pub["venue"])
    assert (pub["venue"] or "").lower() not in {"january", "pdf", "code", "file-pdf"}


def test_confidence_on_every_entry_in_range_and_schema_valid():
    pubs = parse(
        "1. A. Ruiz and B. Okafor. Tidal forcing. *J. Mar. Syst.*, 41:113–129, 2019.\n"
        "2. Mixing in estuaries (with C. Mendes). Working paper, 2023.\n"
        "3. **A. Ruiz**. Upwelling index. In *Proc. OCEANS*, 2020.\n"
    )
    assert len(pubs) == 3
    for pub in pubs:
        confidence = pub["x_confidence"]
        assert 0.0 <= confidence["entry"] <= 1.0
        assert set(confidence["fields"]) == {"title", "authors", "venue", "year"}
        assert all(0.0 <= v <= 1.0 for v in confidence["fields"].values())
    person = {"name": "A. Ruiz", "headline": None, "emails": [], "phones": [], "homepage": None,
              "links": [], "address": None, "bio": None, "research_interests": []}  # fmt: skip
    lists = ("education", "positions", "awards", "teaching", "projects", "skills", "sections")
    document = {"schema": "cv-json/1", "source": {"filename": "x.md", "format": "markdown"},
                "person": person, "publications": pubs, "unparsed": [],
                **{name: [] for name in lists}}  # fmt: skip
    if SCHEMA:
        jsonschema.validate(document, SCHEMA)


def test_without_a_model_the_rules_read_alone(monkeypatch):
    monkeypatch.setenv(fields.MODEL_ENV, "off")
    assert fields.label_entry("A. Ruiz. Tidal forcing. 2019.") is None
    [pub] = parse("A. Ruiz. Tidal forcing of upwelling. Ocean Letters, 2019.")
    assert pub["title"] == "Tidal forcing of upwelling"
    assert 0.0 <= pub["x_confidence"]["entry"] <= 1.0
