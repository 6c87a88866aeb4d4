"""Field labeller examples from real CVs: each gold publication aligned with its entry,
and no contact details among the features the model learns from.

Every entry and gold record here is made up.
"""

import json
import re

import pytest

from cvparse.data.fieldalign import label_entry, private
from cvparse.labeller import fields
from cvparse.publications import to_sentinels
from cvparse.train import private_free_features
from tests.cvparse.shared import SHARED


def aligned(text: str, gold: dict) -> dict[str, str] | None:
    """The words of each label, in order, for one Markdown entry and its gold."""
    tokens = fields.tokenize(to_sentinels(text))
    labels = label_entry(tokens, gold)
    if labels is None:
        return None
    words: dict[str, list[str]] = {}
    for token, label in zip(tokens, labels, strict=True):
        words.setdefault(label, []).append(token.text)
    return {label: " ".join(ws) for label, ws in words.items()}


def people(*names: str) -> list[dict]:
    return [{"name": name} for name in names]


def test_author_first_entry_with_proceedings_month_and_pages():
    words = aligned(
        'R. Okafor, **L. Brandt**, and T. Vasquez, "Tidal energy in narrow straits," in '
        "Proceedings of the 12th IEEE Conference on Ocean Systems (OCEANSYS), Mar. 2021, "
        "pp. 101–109. DOI: 10.1000/os.2021.17",
        {"title": "Tidal energy in narrow straits",
         "authors": people("R. Okafor", "L. Brandt", "T. Vasquez"),
         "venue": "IEEE Conference on Ocean Systems", "venue_short": "OCEANSYS",
         "year": 2021, "pages": "101–109", "doi": "10.1000/os.2021.17"},
    )  # fmt: skip
    assert words == {
        "author": "R. Okafor, L. Brandt, and T. Vasquez,",
        "title": '"Tidal energy in narrow straits,"',
        "venue": "in Proceedings of the 12th IEEE Conference on Ocean Systems (OCEANSYS),",
        "date": "Mar. 2021,",
        "pages": "pp. 101–109.",
        "doi": "DOI: 10.1000/os.2021.17",
    }


def test_badge_title_first_and_the_owner_left_out():
    words = aligned(
        "[OSDI'24] Sharded logs for fast recovery (with P. Nair and Q. Holm). "
        "[PDF](https://example.org/p.pdf)",
        {"title": "Sharded logs for fast recovery",
         "authors": people("Ada Lindqvist", "P. Nair", "Q. Holm"),
         "venue": "OSDI", "venue_short": "OSDI", "year": 2024},
    )  # fmt: skip
    assert words == {
        "venue": "[OSDI'24]",
        "title": "Sharded logs for fast recovery",
        "author": "(with P. Nair and Q. Holm).",
        "url": "PDF",
    }


def test_title_ends_where_a_venue_sharing_its_words_begins():
    words = aligned(
        "Kaur, S. (2019). Compact cities and energy demand. Energy Policy, 12(3), 40–52.",
        {"title": "Compact cities and energy demand", "authors": people("Kaur, S."),
         "venue": "Energy Policy", "year": 2019},
    )  # fmt: skip
    assert words["title"] == "Compact cities and energy demand."
    assert words["venue"] == "Energy Policy,"
    assert (words["volume"], words["pages"]) == ("12(3),", "40–52.")


@pytest.mark.parametrize(
    ("text", "gold"),
    [
        (  # the gold title is not in the entry: another paper was paired with it
            "J. Moss. Waves on shallow shelves. Ocean Letters, 2020.",
            {"title": "Deep water solitons", "authors": people("J. Moss"), "year": 2020},
        ),
        (  # a venue the entry never names
            "J. Moss. Waves on shallow shelves. Ocean Letters, 2020.",
            {"title": "Waves on shallow shelves", "authors": people("J. Moss"),
             "venue": "Journal of Fluid Mechanics", "year": 2020},
        ),
        (  # a second entry run into this one: a long stretch no field explains
            "J. Moss. Waves on shallow shelves. Ocean Letters, 2020. K. Lund and J. Moss. "
            "Rip currents near steep beaches revisited with new field data. 2019.",
            {"title": "Waves on shallow shelves", "authors": people("J. Moss"),
             "venue": "Ocean Letters", "year": 2020},
        ),
    ],
)  # fmt: skip
def test_entries_that_cannot_be_aligned_are_left_out(text, gold):
    assert aligned(text, gold) is None


@pytest.mark.parametrize(
    ("text", "is_private"),
    [
        ("ada.lind@example.org", True),
        ("(ada@example.org)", True),
        ("+44 20 7946 0958", True),
        ("https://example.org/~ada", True),
        ("www.ada-lind.net", True),
        ("ada-lind.github.io/cv", True),
        ("Nature", False),
        ("2021,", False),
        ("pp. 101–109", False),
    ],
)
def test_contact_details_are_recognised(text, is_private):
    assert private(fields.Token(text, 0, len(text))) is is_private


def test_no_contact_detail_becomes_a_lexical_feature():
    tokens = fields.tokenize(
        "A. Lind. Tides. Ocean Letters, 2020. Contact ada.lind@example.org or see "
        "ada-lind.github.io for code."
    )
    found = private_free_features(tokens)
    everything = " ".join(f for own in found for f in own)
    assert "ada.lind@" not in everything and "ada-lind.github" not in everything
    # Everything else keeps its words; a contact token keeps its shape and neighbours.
    page = found[-3]
    assert "w=tides" in found[2] and "1:w=for" in page
    assert any(f.startswith("shape=") for f in page)


@pytest.mark.shared
@pytest.mark.skipif(not fields.MODEL_PATH.is_file(), reason="no field model")
def test_shipped_model_holds_no_real_owners_contact_details():
    """The real CVs' e-mail addresses, phone numbers and web pages: none is a word the
    shipped field model knows."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(fields.MODEL_PATH))
    known = {attribute.split("=", 1)[1] for attribute, _ in tagger.info().state_features
             if "w=" in attribute}  # fmt: skip
    details = set()
    for gold in SHARED.glob("*/gold/*.json"):
        person = json.loads(gold.read_text(encoding="utf-8")).get("person") or {}
        pages = [person.get("homepage") or ""] + [
            link.get("url") or "" for link in person.get("links") or []
        ]
        for value in (person.get("emails") or []) + (person.get("phones") or []) + pages:
            for token in fields.tokenize(value):
                if private(token):
                    # As the labeller spells a word: no punctuation around it, 24 letters.
                    details.add(re.sub(r"^\W+|\W+$", "", token.text.lower())[:24])
    assert details and not details & known
