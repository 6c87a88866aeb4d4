"""Training data for the labellers: the real CVs beside the project (read, never
copied) and synthetic CVs made up on the spot. See NOTICE."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from .. import parse, publications
from ..labeller import content_lines
from ..readers import read
from ..sections import Line, build_lines
from .align import align
from .fieldalign import words

# The shared data folder beside the project checkout (seeds and the development set).
SHARED = Path(__file__).resolve().parents[3] / "shared"


@dataclass
class Document:
    """One training document: its non-blank lines, their labels and the reader format."""

    stem: str
    fmt: str
    lines: list[Line]
    labels: list[str]


def sources(shared: Path = SHARED) -> list[tuple[str, Path, Path]]:
    """(stem, gold path, source path) of each real CV with gold under ``shared``."""
    found = []
    for gold_path in sorted(shared.glob("*/gold/*.json")):
        folder = gold_path.parent.parent
        candidates = [p for p in folder.glob(f"{gold_path.stem}.*") if p.suffix != ".json"]
        candidates += list((folder / "docs").glob(f"{gold_path.stem}.*"))
        if candidates:
            found.append((gold_path.stem, gold_path, candidates[0]))
    return found


def real_documents(shared: Path = SHARED) -> list[Document]:
    """The real CVs with gold under ``shared`` (none when it is absent), labelled by
    aligning each gold file with the lines the parser's own reader gives."""
    found = []
    for stem, gold_path, source in sources(shared):
        try:
            document = read(source.read_bytes(), source.name)
        except Exception as exc:  # a reader bug on one document must not stop training
            print(f"skipped {source.name}: {type(exc).__name__}: {exc}")
            continue
        lines = content_lines(build_lines(document.text))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        found.append(Document(stem, document.format, lines, align(lines, gold)))
    return found


# A gold publication pairs with the entry that holds this share of its title's words.
_TITLE_COVER = 0.85


def real_publications(shared: Path = SHARED) -> dict[str, list[tuple[str, frozenset[int], dict]]]:
    """Per real CV under ``shared``: (entry sentinel text, line breaks, gold publication)
    of each publication entry the parser cuts (rules only, as benchmarks/eval_fields.py
    reads them) that a gold publication's title pairs with."""
    found: dict[str, list[tuple[str, frozenset[int], dict]]] = {}
    saved = os.environ.get("CVPARSE_LINE_MODEL")
    os.environ["CVPARSE_LINE_MODEL"] = "off"  # the shipped line model has seen these CVs
    try:
        for stem, gold_path, source in sources(shared):
            publications.TRACE = []
            try:
                parse(source)
            except Exception as exc:  # a parser bug on one document must not stop training
                print(f"skipped {source.name}: {type(exc).__name__}: {exc}")
            traced, publications.TRACE = publications.TRACE, None
            gold = json.loads(gold_path.read_text(encoding="utf-8")).get("publications") or []
            have = [set(words(t["text"])) for t in traced]
            ranked = sorted(
                (sum(w in have[j] for w in title) / len(title), -i, -j, i, j)
                for i, g in enumerate(gold)
                if (title := words(g.get("title") or ""))
                for j in range(len(traced))
            )
            used_gold, used_entry, pairs = set(), set(), []
            for cover, _, _, i, j in reversed(ranked):
                if cover < _TITLE_COVER or i in used_gold or j in used_entry:
                    continue
                used_gold.add(i)
                used_entry.add(j)
                pairs.append((traced[j]["source"], frozenset(traced[j]["breaks"]), gold[i]))
            found[stem] = pairs
    finally:
        publications.TRACE = None
        if saved is None:
            os.environ.pop("CVPARSE_LINE_MODEL")
        else:
            os.environ["CVPARSE_LINE_MODEL"] = saved
    return found
