"""Training data for the line labeller: the real CVs beside the project (read, never
copied) and synthetic CVs made up on the spot. See NOTICE."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..labeller import content_lines
from ..readers import read
from ..sections import Line, build_lines
from .align import align

# The shared data folder beside the project checkout (seeds and the development set).
SHARED = Path(__file__).resolve().parents[3] / "shared"


@dataclass
class Document:
    """One training document: its non-blank lines, their labels and the reader format."""

    stem: str
    fmt: str
    lines: list[Line]
    labels: list[str]


def real_documents(shared: Path = SHARED) -> list[Document]:
    """The real CVs with gold under ``shared`` (none when it is absent), labelled by
    aligning each gold file with the lines the parser's own reader gives."""
    found = []
    for gold_path in sorted(shared.glob("*/gold/*.json")):
        stem = gold_path.stem
        folder = gold_path.parent.parent
        candidates = [p for p in folder.glob(f"{stem}.*") if p.suffix != ".json"]
        candidates += list((folder / "docs").glob(f"{stem}.*"))
        if not candidates:
            continue
        source = candidates[0]
        try:
            document = read(source.read_bytes(), source.name)
        except Exception as exc:  # a reader bug on one document must not stop training
            print(f"skipped {source.name}: {type(exc).__name__}: {exc}")
            continue
        lines = content_lines(build_lines(document.text))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        found.append(Document(stem, document.format, lines, align(lines, gold)))
    return found
