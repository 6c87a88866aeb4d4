"""The line labeller: closed-vocabulary features, the shipped model, the aligner and
the synthetic CVs it is trained on. Every CV here is fictional."""

import pytest

from cvparse import parse
from cvparse.data.align import align
from cvparse.data.synth import synthetic_document
from cvparse.labeller import (
    MAX_LINES,
    MODEL_PATH,
    EntryStarts,
    confident,
    content_lines,
    fields,
    label_lines,
    load_models,
    open_model,
)
from cvparse.labeller.features import VOCABULARY, features
from cvparse.publications import parse_publications
from cvparse.sections import build_lines

CV = """# Quentin Marlow

quentin@example.org · +1 555 010 2030

## Education

2012–2017 Ph.D. in Geography, University of Lakemont
Thesis: River sediments in cold climates

2008–2012 B.Sc. in Geology, Ashford College

## Experience

2019–present Assistant Professor, Greywater Institute
2017–2019 Postdoctoral Fellow, Redcliff Research Centre
"""


def _word_features(feats: list[list[str]]) -> set[str]:
    return {k.split("=", 1)[1] for f in feats for k in f if k.startswith(("w=", "first="))}


def test_features_name_only_closed_vocabulary_words():
    lines = content_lines(build_lines(CV))
    words = _word_features(features(lines, "markdown"))
    assert words - {"oov"} <= VOCABULARY
    assert not any(
        "marlow" in k.lower() or "lakemont" in k.lower()
        for f in features(lines, "markdown")
        for k in f
    )


def test_shipped_model_is_small_and_holds_no_document_word():
    pycrfsuite = pytest.importorskip("pycrfsuite")
    assert MODEL_PATH.stat().st_size < 3 * 1024 * 1024
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    names = {name for name, _ in tagger.info().state_features}
    words = {n.split("=", 1)[1] for n in names if n.startswith(("w=", "first="))}
    assert words - {"oov"} <= VOCABULARY


def test_labels_of_a_plain_markdown_cv():
    lines = build_lines(CV)
    labels = {ln.text: label_lines(lines, "markdown")[ln.no].label for ln in content_lines(lines)}
    assert labels["Education"] == labels["Experience"] == "heading"
    assert labels["Quentin Marlow"] == "header"
    assert labels["2012–2017 Ph.D. in Geography, University of Lakemont"] == "entry_start"
    assert labels["Thesis: River sediments in cold climates"] == "entry_cont"
    assert labels["2017–2019 Postdoctoral Fellow, Redcliff Research Centre"] == "entry_start"


def test_no_model_no_labels(monkeypatch, tmp_path):
    monkeypatch.setenv("CVPARSE_LINE_MODEL", str(tmp_path / "missing.crfsuite"))
    assert label_lines(build_lines(CV), "markdown") == {}


def test_a_document_longer_than_any_cv_is_left_to_the_rules():
    lines = build_lines(CV + "\n".join(f"- Item {n}" for n in range(MAX_LINES)))
    assert label_lines(build_lines(CV), "markdown")
    assert label_lines(lines, "markdown") == {}


def test_aligner_finds_entries_headings_and_header():
    gold = {
        "person": {"name": "Quentin Marlow", "emails": ["quentin@example.org"]},
        "education": [
            {"institution": "University of Lakemont", "degree": "Ph.D.", "field": "Geography",
             "start": "2012", "end": "2017",
             "details": ["Thesis: River sediments in cold climates"]},
            {"institution": "Ashford College", "degree": "B.Sc.", "field": "Geology",
             "start": "2008", "end": "2012", "details": []},
        ],
        "positions": [
            {"organization": "Greywater Institute", "title": "Assistant Professor",
             "start": "2019", "end": "present"},
            {"organization": "Redcliff Research Centre", "title": "Postdoctoral Fellow",
             "start": "2017", "end": "2019"},
        ],
    }  # fmt: skip
    lines = content_lines(build_lines(CV))
    assert align(lines, gold) == [
        "header",
        "header",
        "heading",
        "entry_start",
        "entry_cont",
        "entry_start",
        "heading",
        "entry_start",
        "entry_start",
    ]


@pytest.mark.parametrize("seed", range(6))
def test_synthetic_documents_label_every_line_with_text(seed):
    text, fmt, labels = synthetic_document(seed)
    assert synthetic_document(seed) == (text, fmt, labels)  # reproducible
    for line in content_lines(build_lines(text)):
        assert labels[line.no - 1] is not None, line.text


def test_labelled_start_opens_a_citation_after_an_unfinished_line():
    lines = list(
        enumerate(
            [
                "Marlow, Q., & Vance, U. (2021). Sediments in cold rivers. Rivers, 4(2),",
                "10–20. https://doi.org/10.1000/rivers.",
                "2021.004",
                "Vance, U., & Marlow, Q. (2019). Ice and gravel. Cold Regions Letters, 7, 1–9.",
            ],
            start=1,
        )
    )
    assert len(parse_publications(lines, category=None, owner=None)) == 1
    assert len(parse_publications(lines, category=None, owner=None, starts={4})) == 2


def test_entry_starts_are_labelled_when_first_asked_for():
    lines = build_lines(CV)
    starts = EntryStarts(lines, "markdown")
    assert "_found" not in vars(starts)  # no labelling until a rule asks
    labelled = confident(label_lines(lines, "markdown"), "entry_start")
    assert labelled  # the CV's dated entries
    assert {line.no for line in lines if line.no in starts} == labelled
    assert set(starts) == labelled and len(starts) == len(labelled)


def test_models_open_once_per_process():
    load_models()
    opened = open_model.cache_info().misses
    for _ in range(2):
        assert label_lines(build_lines(CV), "markdown")
        assert fields.label_entry("Marlow, Q. (2021). Sediments in cold rivers. Rivers, 4, 1-9.")
        parse(CV.encode(), "cv.md")
    assert open_model.cache_info().misses == opened
