"""The line labeller: a linear-chain CRF marking what each line of a CV is.

Labels: ``heading`` (a section's heading), ``subheading`` (a category or group inside a
section), ``entry_start`` / ``entry_cont`` (the first and the further lines of an entry),
``header`` (the name and contact block) and ``other`` (prose and the rest).

The model (``lines.crfsuite``, rebuilt by ``python -m cvparse.train``) is loaded once
per process; ``CVPARSE_LINE_MODEL`` points at another one (leave-one-out evaluation).
Without a model file every call returns no labels and the rules decide alone.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator, Set
from dataclasses import dataclass
from pathlib import Path

from ..sections import Line
from .features import features

LABELS = ("heading", "subheading", "entry_start", "entry_cont", "header", "other")
MODEL_PATH = Path(__file__).with_name("lines.crfsuite")
MODEL_ENV = "CVPARSE_LINE_MODEL"
# Below this marginal probability a label is not trusted over the rules.
TRUSTED = 0.9
# Labels are hints: a document longer than any CV (the longest real one has about
# 1,500 lines) is left to the rules, as its features would take memory in proportion.
MAX_LINES = 6_000


@dataclass(frozen=True)
class LineLabel:
    label: str
    confidence: float  # the marginal probability of the label in the best sequence


def content_lines(lines: list[Line]) -> list[Line]:
    """The lines the labeller sees: every line with text, in order."""
    return [line for line in lines if line.text]


_LOCK = threading.Lock()  # a crfsuite Tagger holds its last sequence: one caller at a time


@functools.cache
def open_model(path: str):  # -> pycrfsuite.Tagger | None
    """The CRF model at ``path``, opened once per process; None where there is none
    (a path such as "off")."""
    if not Path(path).is_file():
        return None
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def _line_model():  # -> pycrfsuite.Tagger | None
    return open_model(os.environ.get(MODEL_ENV) or str(MODEL_PATH))


def load_models() -> None:
    """Open the shipped models now: a parse under a memory cap then pays only for the
    upload, not for the program's own files."""
    from .fields import field_model

    _line_model()
    field_model()


def label_lines(lines: list[Line], fmt: str) -> dict[int, LineLabel]:
    """A label for each non-blank line, by line number ({} when no model is there)."""
    content = content_lines(lines)
    tagger = _line_model()
    if tagger is None or not content or len(content) > MAX_LINES:
        return {}
    found = features(content, fmt)
    with _LOCK:
        tags = tagger.tag(found)
        return {
            line.no: LineLabel(tag, tagger.marginal(tag, index))
            for index, (line, tag) in enumerate(zip(content, tags, strict=True))
        }


def confident(labels: dict[int, LineLabel], label: str) -> set[int]:
    """The numbers of the lines given ``label`` with a confidence the rules may trust."""
    return {
        no for no, found in labels.items() if found.label == label and found.confidence >= TRUSTED
    }


class EntryStarts(Set[int]):
    """The numbers of the lines the labeller confidently opens an entry with, labelled
    when first asked for: the publication rules ask only about a wrapped citation's
    line that nothing else marks as a start, so most documents never need the labeller
    (the labels are those of the whole document, whenever they are made)."""

    def __init__(self, lines: list[Line], fmt: str) -> None:
        self._lines, self._fmt = lines, fmt

    @functools.cached_property
    def _found(self) -> set[int]:
        return confident(label_lines(self._lines, self._fmt), "entry_start")

    def __contains__(self, no: object) -> bool:
        return no in self._found

    def __iter__(self) -> Iterator[int]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)
