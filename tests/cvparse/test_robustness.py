"""Whatever a user uploads, cvparse.parse returns schema-valid CV JSON or raises CVParseError."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvparse import parse
from cvparse.errors import CVParseError
from tests.cvparse.shared import SCHEMA, SEEDS

HERE = Path(__file__).parent
SEED_FILES = sorted(SEEDS.glob("*.txt"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = ["cv.pdf", "cv.docx", "cv.txt", "cv.md", "cv.html", "cv.bib", "cv"]


def parse_or_refuse(data: bytes | str, filename: str) -> dict | None:
    """The parse result (checked against the schema), or None for a CVParseError."""
    try:
        result = parse(data, filename)
    except CVParseError as error:
        assert str(error).strip(), "an error message must say what went wrong"
        return None
    errors = [error.message for error in VALIDATOR.iter_errors(result)]
    assert not errors, errors[:3]
    return result


@FAST
@given(text=st.text(max_size=2000))
def test_any_text(text):
    parse_or_refuse(text.encode("utf-8", errors="surrogatepass"), "cv.md")


@FAST
@given(data=st.binary(max_size=3000), filename=st.sampled_from(SUFFIXES))
def test_any_bytes_under_any_name(data, filename):
    parse_or_refuse(data, filename)


@pytest.mark.parametrize("magic", [b"%PDF-1.4\n", b"PK\x03\x04", b"@article{x,\n", b"<html>"])
@FAST
@given(tail=st.binary(max_size=2000))
def test_bytes_that_start_like_a_supported_format(magic, tail):
    parse_or_refuse(magic + tail, "cv")


lines_strategy = st.lists(
    st.sampled_from(
        [
            "",
            "# Education",
            "## Publications",
            "- **A. Author**, B. Author. A title. In *Venue*, 2021.",
            "2019 – present Postdoc, University of Somewhere",
            "* ",
            "**",
            "[link](http://x)",
            "| a | b |",
            "---",
            "{% raw %}",
            "<!--",
            "$\\blacksquare$",
            "2020–",
        ]
    )
    | st.text(max_size=80),
    max_size=8,
)


@FAST
@given(
    seed=st.sampled_from(SEED_FILES),
    cut=st.floats(0, 1),
    length=st.integers(0, 40),
    inserted=lines_strategy,
)
def test_mutated_seeds(seed, cut, length, inserted):
    lines = seed.read_text().splitlines()
    at = int(cut * len(lines))
    mutated = lines[:at] + inserted + lines[at + length :]
    result = parse_or_refuse("\n".join(mutated).encode(), seed.name)
    if result is not None and any(line.strip() for line in mutated):
        assert result["source"]["filename"] == seed.name


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(["one_column.pdf", "margin.pdf", "cv.docx"]),
    position=st.floats(0, 1),
    garbage=st.binary(min_size=1, max_size=64),
    truncate=st.booleans(),
)
def test_damaged_fixture_files(name, position, garbage, truncate):
    data = (HERE / "files" / name).read_bytes()
    at = int(position * len(data))
    damaged = data[:at] if truncate else data[:at] + garbage + data[at + len(garbage) :]
    parse_or_refuse(damaged, name)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seeds_parse_to_valid_json(path):
    result = parse_or_refuse(path.read_bytes(), path.name)
    assert result is not None and result["person"]["name"]


@pytest.mark.parametrize(
    "name",
    ["one_column.pdf", "two_column.pdf", "margin.pdf", "cv.docx", "homepage.html", "papers.bib"],
)
def test_fixture_files_parse_to_valid_json(name):
    assert parse_or_refuse((HERE / "files" / name).read_bytes(), name) is not None
