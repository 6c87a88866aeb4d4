"""The whole parse on the seeds and the devset: schema, coverage, the seeds' scores.

Accuracy on CVs the parser was not written from is measured by ``make eval``.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from cvparse import CVParseError, parse
from tests.cvparse.shared import DEVSET, SCHEMA, SEEDS, cvscore, shared_files

pytestmark = pytest.mark.shared

SEED_DOCS = shared_files(SEEDS, "*.txt")
DEV_DOCS = shared_files(DEVSET / "docs", "*")


def _check(doc: Path, gold_dir: Path) -> tuple[dict, dict]:
    result = parse(doc)
    jsonschema.validate(result, SCHEMA)
    gold = json.loads((gold_dir / f"{doc.stem}.json").read_text())
    return result, cvscore.score(gold, result)


@pytest.mark.parametrize("doc", SEED_DOCS, ids=lambda p: p.stem[:3])
def test_seed(doc):
    result, score = _check(doc, SEEDS / "gold")
    assert score["overall"] >= 0.95
    coverage, _ = cvscore.coverage(doc.read_text(), result)
    assert coverage >= 0.97


@pytest.mark.parametrize("doc", DEV_DOCS, ids=lambda p: p.stem[:2])
def test_devset_doc_parses_and_keeps_every_line(doc):
    """Any real CV gives schema-valid JSON, and nothing is silently dropped: what no
    field took is in ``unparsed``. How well it is parsed is ``make eval``'s business."""
    result = parse(doc)
    jsonschema.validate(result, SCHEMA)
    text_doc = DEVSET / "docs-text" / f"{doc.stem}.txt"
    source = text_doc.read_text() if text_doc.exists() else doc.read_text()
    _, kept = cvscore.coverage(source, result)
    assert kept >= 0.75


def test_text_bytes_and_paths(tmp_path):
    path = tmp_path / "cv.md"
    path.write_text("# Jane Doe\n\n## Education\n\n2019 PhD in Physics, MIT\n")
    for source in (path, str(path), path.read_bytes(), path.read_text()):
        result = parse(source)
        assert result["person"]["name"] == "Jane Doe"
        assert result["education"][0]["end"] == "2019"


def test_errors_are_cvparseerror(tmp_path):
    with pytest.raises(CVParseError):
        parse(b"", "cv.md")


def test_no_django_import():
    code = "import sys, cvparse; cvparse.parse('# A B'); assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_command_line(tmp_path):
    path = tmp_path / "cv.md"
    path.write_text("# Jane Doe\n")
    out = subprocess.run(
        [sys.executable, "-m", "cvparse", str(path), "--pretty"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert json.loads(out.stdout)["person"]["name"] == "Jane Doe"
    bad = subprocess.run(
        [sys.executable, "-m", "cvparse", str(tmp_path / "missing.png")],
        capture_output=True, text=True, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert bad.returncode == 2 and bad.stderr


@pytest.mark.parametrize(
    "text",
    [
        "## Experience\n" + "2019 - 2020 " * 1000,
        "## Education\n" + "Ph.D. in X, University of Y, " * 400,
        "## Awards\n" + "*a " * 3000,
        "## Experience\nAdvised by " + ", ".join(["John Smith"] * 2000),
    ],
    ids=["dates", "commas", "stars", "names"],
)
def test_pathological_lines_stay_fast(text):
    # CPU time, which a busy machine does not inflate: a guard against catastrophic
    # backtracking, not a speed target (benchmarks/parse.py has that).
    started = time.process_time()
    parse(text, "cv.md")
    assert time.process_time() - started < 2


def test_a_section_of_citations_under_an_unknown_heading_is_publications():
    source = "\n".join(
        [
            "### Education",
            "2011 PhD, Some University",
            "### Things I scribbled",
            "* Lark, A., 2019. A tale of owls and their kin. Owl Review 3: 4.",
            "* Lark, A. and B. Finch, 2017. Nests in the wild wood. Bird Letters 9: 10.",
            "### Odds and ends",
            "* I like owls, and wrote about them in 2019 for the village newsletter.",
        ]
    )
    result = parse(source)
    assert len(result["publications"]) == 2
    assert [s["heading"] for s in result["sections"]] == ["Odds and ends"]


def test_a_teaching_group_heading_names_its_entries_role():
    source = "## Teaching\n#### As teaching assistant\n* Owls and Their Kin\n* Nest Building\n"
    result = parse(source)
    assert [(t["course"], t["role"]) for t in result["teaching"]] == [
        ("Owls and Their Kin", "Teaching assistant"),
        ("Nest Building", "Teaching assistant"),
    ]
