"""Line labels for a real CV, found by aligning its gold CV JSON with its lines.

The gold says what the entries are, not where: each entry (and each item of a free
section) is matched to the contiguous run of lines its words explain best, words
weighted by how rare they are in the document (a year or "University" explains
little). The first line of the run starts the entry. Lines no entry claims are the
name and contact block (words of the gold person), headings (a section name, a gold
section heading or publication category, an explicit Markdown heading) or other.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

from ..sections import YEAR_HEADING, Line, heading_kind

LISTS = ("education", "positions", "publications", "awards", "teaching", "projects", "skills")
_SKIP_KEYS = {"url", "links", "note", "kind", "status", "equal_contribution", "is_self"}
_MIN_SHARE = 0.5  # a line joins an entry's run when at least this share of it is explained


def words(text: str) -> list[str]:
    """Normalised words: no accents, no case, no punctuation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return [w for w in re.split(r"[^0-9a-z]+", text) if len(w) > 1 or w.isdigit()]


def _strings(value: object) -> list[str]:
    """Every string (and number) inside a gold entry, its links aside."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, int | float):
        return [str(value)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in _SKIP_KEYS for s in _strings(v)]
    return []


def _units(gold: dict) -> list[set[str]]:
    """The word sets of the gold's entries and free-section items."""
    units = [set(words(" ".join(_strings(e)))) for kind in LISTS for e in gold.get(kind, [])]
    units += [set(words(item)) for s in gold.get("sections", []) for item in s.get("items", [])]
    return [u for u in units if u]


def _person_words(gold: dict) -> set[str]:
    person = dict(gold.get("person") or {})
    person.pop("bio", None)
    person.pop("research_interests", None)
    found = set(words(" ".join(_strings(person))))
    for link in person.get("links") or []:
        found |= set(words(link.get("url") or ""))
    return found | set(words(person.get("homepage") or ""))


def _share(line_words: list[str], unit: set[str], weight: dict[str, float]) -> float:
    total = sum(weight[w] for w in line_words)
    return sum(weight[w] for w in line_words if w in unit) / total if total else 0.0


def _best_run(shares: list[float]) -> tuple[int, int, float]:
    """The contiguous run with the most explained share above _MIN_SHARE (Kadane)."""
    best = (0, -1, 0.0)
    start, running = 0, 0.0
    for index, share in enumerate(shares):
        if running <= 0:
            start, running = index, 0.0
        running += share - _MIN_SHARE
        if running > best[2]:
            best = (start, index, running)
    return best


def _line_words(lines: list[Line]) -> list[list[str]]:
    """Each line's words, a word hyphenated across two lines joined on both."""
    found = [words(line.text) for line in lines]
    for index in range(len(lines) - 1):
        head, tail = found[index], found[index + 1]
        if re.search(r"[a-z][-‐‑]$", lines[index].text) and head and tail:
            joined = head[-1] + tail[0]
            head[-1], tail[0] = joined, joined
    return found


def _runs(shares: list[float], unit: set[str], line_words: list[list[str]], weight) -> list:
    """The unit's best run of lines, and a second as good (an entry printed twice)."""
    unit_weight = sum(weight.get(w, 0.0) for w in unit)
    shares = list(shares)
    found: list[tuple[int, int]] = []
    best_gain = 0.0
    for _ in range(2):
        first, last, gain = _best_run(shares)
        if last < first or gain < 0.8 * best_gain:
            break
        present = {w for ws in line_words[first : last + 1] for w in ws} & unit
        if sum(weight[w] for w in present) < 0.4 * unit_weight:
            break  # not in the text as written (a gold spelling the reader lost)
        found.append((first, last))
        best_gain = max(best_gain, gain)
        shares[first : last + 1] = [0.0] * (last + 1 - first)
    return found


def _owner(lines: list[Line], index: int, found: list, claims: dict) -> int:
    """The unit a line belongs to: the one explaining most of it; between equals (a
    date line between two entries of that year) the one on the side it sits closer to."""
    best = max(share for share, _ in found)
    units = [unit for share, unit in found if share >= best - 1e-9]
    if len(units) == 1:
        return units[0]
    before = lines[index].no - lines[index - 1].no if index else 99
    after = lines[index + 1].no - lines[index].no if index + 1 < len(lines) else 99
    side = index + 1 if after < before else index - 1
    near = [u for u in units if any(u == other for _, other in claims.get(side, []))]
    return (near or units)[-1 if after < before else 0]


def align(lines: list[Line], gold: dict) -> list[str]:
    """A label for each line of ``lines`` (a document's non-blank lines, in order)."""
    line_words = _line_words(lines)
    df = Counter(w for ws in line_words for w in set(ws))
    weight = {w: math.log(1 + len(lines) / n) for w, n in df.items()}
    context = _Context(lines, line_words, gold, weight)
    claims: dict[int, list[tuple[float, int]]] = {}  # line -> [(share, unit)]
    for number, unit in enumerate(_units(gold)):
        shares = [
            0.0 if index in context.reserved else _share(ws, unit, weight)
            for index, ws in enumerate(line_words)
        ]
        for first, last in _runs(shares, unit, line_words, weight):
            for index in range(first, last + 1):
                claims.setdefault(index, []).append((shares[index], number))
    owner = {index: _owner(lines, index, found, claims) for index, found in claims.items()}
    labels = ["other"] * len(lines)
    for index in sorted(owner):
        same = index - 1 in owner and owner[index - 1] == owner[index]
        labels[index] = "entry_cont" if same else "entry_start"
    context.label_unclaimed(labels)
    return labels


class _Context:
    """What the gold says besides entries: headings, categories and the owner's details."""

    def __init__(
        self, lines: list[Line], line_words: list[list[str]], gold: dict, weight: dict
    ) -> None:
        self.lines, self.line_words, self.weight = lines, line_words, weight
        self.tops, self.subs = set(), set()
        for section in gold.get("sections", []):
            parts = (section.get("heading") or "").split(":", 1)
            self.tops.add(" ".join(words(parts[0])))
            if len(parts) > 1:
                self.subs.add(" ".join(words(parts[1])))
        for pub in gold.get("publications", []):
            self.subs.add(" ".join(words(pub.get("category") or "")))
        self.person = _person_words(gold)
        # Lines no entry may claim: headings, and the owner's block at the top.
        self.reserved = {i for i, line in enumerate(lines) if self._named_heading(i)}
        for index in range(len(lines)):
            if index and (lines[index].heading_level or index in self.reserved):
                break
            if self._personal(index):
                self.reserved.add(index)

    def _key(self, index: int) -> str:
        return " ".join(self.line_words[index])

    def _personal(self, index: int) -> bool:
        share = _share(self.line_words[index], self.person, self.weight)
        return bool(self.person) and share >= 0.6

    def _named_heading(self, index: int) -> bool:
        line = self.lines[index]
        key = self._key(index)
        if key in self.tops or key in self.subs:
            return bool(key)
        text = line.text.strip().rstrip(":")
        if line.heading_level and YEAR_HEADING.match(text):
            return True  # "## 2024" over that year's papers
        marked = bool(line.heading_level or line.bold or text.isupper())
        return marked and len(text.split()) <= 5 and heading_kind(text) is not None

    def label_unclaimed(self, labels: list[str]) -> None:
        """Headings, sub-headings and the contact block among the unclaimed lines."""
        lines = self.lines
        levels = [ln.heading_level for ln in lines if ln.heading_level]
        top_level = min(levels, default=None)
        seen_heading = False
        for index, line in enumerate(lines):
            text = line.text.strip().rstrip(":").strip()
            key = self._key(index)
            if index in self.reserved and not self._named_heading(index):
                labels[index] = "header"
                continue
            if labels[index] != "other" or not key:
                continue
            if len(text.split()) <= 8:
                named = heading_kind(text) is not None or key in self.tops
                deeper = line.heading_level and top_level and line.heading_level > top_level
                if key in self.subs or YEAR_HEADING.match(text):
                    labels[index] = "subheading"
                elif deeper and seen_heading:
                    labels[index] = "heading" if named and heading_kind(text) else "subheading"
                elif named or (line.heading_level and seen_heading):
                    labels[index] = "heading"
                seen_heading = seen_heading or labels[index] == "heading"
            if labels[index] != "other":
                continue
            if self._personal(index) or (not seen_heading and len(text.split()) <= 12):
                labels[index] = "header"  # the owner's block: name, title, contact
            elif index and labels[index - 1].startswith("entry") and len(text.split()) <= 3:
                labels[index] = "entry_cont"  # "Link.", a last word the gold spelled apart
