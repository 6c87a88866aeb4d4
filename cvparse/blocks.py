"""Cutting a section's lines into entries.

Most CV entries carry one date (or range). Where the dates sit tells how to cut:

* a date that opens its line ("2019–2021 PhD studies, ...", moderncv margins joined
  onto the line) or a date line printed before its entry: every date starts an entry
  and owns the lines up to the next one;
* a date printed after the entry's heading lines (``Peking University`` /
  ``Ph.D. in CS`` / ``Sep 2022 - Present``): the lines after a date that read like
  details (bullets, "Label: value", sentences) stay with it, the next heading-like line
  opens the next entry;
* a date closing a full line under a group heading ("Stanford University" /
  "Teaching Assistant for ECON 198 2026–"): the group heading is shared context.

Undated sections are cut at headings, bold-only lines, bullets or paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DateSpan, date_only, edge_date
from .sections import Line
from .text import leading_bold

INSTITUTION = re.compile(
    r"\b(universit\w*|universidad\w*|univ\.|college|institut\w*|school|academy|polytechni\w*"
    r"|[ée]cole|escola|escuela|scuola|col[eé]gio|liceo|conservato\w*|gymnasium|hochschule"
    r"|ETH|EPFL|MIT|UCLA|KTH|IIT|IISc|lyc[eé]e|seminary|centre|center|faculty(?= of\b))\b",
    re.I,
)
_LABEL = re.compile(r"^[A-Z][A-Za-z /&().'-]{0,40}?\s?:\s+\S")
_STOP = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "for",
    "in",
    "on",
    "at",
    "to",
    "with",
    "by",
    "from",
    "as",
    "via",
    "into",
}
_ROLE = re.compile(
    r"\b(intern(ship)?|assistant|engineer|developer|researcher|scientist|professor|lecturer"
    r"|fellow|postdoc\w*|consultant|analyst|manager|director|head|chair|editor|student"
    r"|associate|scholar|visiting|instructor|tutor|teacher|officer|member|coordinator"
    r"|specialist|founder|lead|architect|programmer|trainee|apprentice|volunteer|staff"
    r"|economist|statistician|physician|curator|librarian|advisor|adviser|therapist"
    r"|clinician|counselou?r|psychologist|nurse|technician|practitioner|resident|clerk"
    r"|\bTA\b|RA)\b",
    re.I,
)
# A degree reads like a place by its shape alone ("Ph.D., Computer Science").
_DEGREE_WORD = re.compile(
    r"\b(?:Ph\.?\s?D|D\.\s?Phil|[MB]\.\s?(?:Sc|S|A|Eng)\.|[MB]Sc|MBA|MPhil|Master|Bachelor|Diploma)\b"
    r"|\b[MB]\.\s?[AS]\.(?=,|\s|$)"
)
_LOCATION = re.compile(r"^[A-Z][\w.'’ -]*(,\s*[A-Z][\w.'’ -]*){0,2}\.?$")


@dataclass
class Item:
    """A logical line: a source line, or a definition-list pair joined ("2014-: Editor")."""

    nos: list[int]
    marked: str
    text: str
    bullet: bool = False
    heading: bool = False
    bold: bool = False
    gap_before: bool = False  # a blank source line precedes it
    nested: bool = False  # a list item indented under another one


@dataclass
class Block:
    """The lines of one entry, the date that anchors it, and shared group context."""

    items: list[Item] = field(default_factory=list)
    date: DateSpan | None = None
    date_item: Item | None = None
    context: list[Item] = field(default_factory=list)

    @property
    def nos(self) -> list[int]:
        return sorted({n for it in self.context + self.items for n in it.nos})


# The end of an item's text that _continues reads: more than its longest pattern.
_TAIL = 64


class _Growing:
    """An item that wrapped lines run on into: its pieces are joined once, at the
    end, as joining the text at each line took quadratic time on long runs."""

    def __init__(self, item: Item) -> None:
        self.item = item
        self.marked, self.text = [item.marked], [item.text]
        self.tail = item.text[-_TAIL:]
        self.open_parens = item.text.count("(") - item.text.count(")")

    def add(self, line: Line) -> None:
        self.item.nos.append(line.no)
        if re.search(r"[a-z]-$", self.tail) and line.text[:1].islower():
            _drop_last_char(self.marked)  # the hyphen of a word broken across lines
            _drop_last_char(self.text)
            self.tail = self.tail[:-1]
        else:
            self.marked.append(" ")
            self.text.append(" ")
            self.tail += " "
        self.marked.append(line.marked)
        self.text.append(line.text)
        self.tail = (self.tail + line.text)[-_TAIL:]
        self.open_parens += line.text.count("(") - line.text.count(")")

    def done(self) -> Item:
        self.item.marked, self.item.text = "".join(self.marked), "".join(self.text)
        return self.item


def _drop_last_char(pieces: list[str]) -> None:
    while len(pieces) > 1 and not pieces[-1]:
        pieces.pop()
    pieces[-1] = pieces[-1][:-1]


def items_of(
    lines: list[Line], all_lines: dict[int, Line], wrap_width: int | None = None
) -> list[Item]:
    """Items of a section: definition lists (``term`` / ``: definition``) and wrapped
    lines joined. ``wrap_width``: in PDF text, a line at least this long that does not
    end a sentence runs on into the next one."""
    items: list[Item] = []
    growing: _Growing | None = None
    last_line = ""
    outer = min((ln.indent for ln in lines if ln.bullet), default=0)
    for line in lines:
        gap = line.no > 1 and not all_lines.get(line.no - 1, line).text
        if line.marked.startswith(":") and items and not line.bullet:
            prev = growing.done() if growing else items[-1]
            growing = None
            definition = line.marked.lstrip(":").strip()
            term = prev.marked.rstrip(":").strip()
            prev.nos.append(line.no)
            prev.marked = f"{term}: {definition}"
            prev.text = f"{prev.text.rstrip(':').strip()}: {line.text.lstrip(':').strip()}"
            continue
        # A long line that closes on a date (a right-aligned year) is a row, not a wrap.
        full_width = (
            not gap
            and bool(wrap_width)
            and len(last_line) >= (wrap_width or 0)
            and not _closes_on_date(last_line)
        )
        last_line = line.text
        if items and _continues(items[-1], line, full_width, growing):
            growing = growing or _Growing(items[-1])
            growing.add(line)
            continue
        if growing:
            growing.done()
            growing = None
        items.append(
            Item(
                [line.no],
                line.marked,
                line.text,
                line.bullet,
                line.heading_level is not None,
                line.bold,
                gap,
                line.bullet and line.indent >= outer + 2,
            )
        )
    if growing:
        growing.done()
    return items


def _closes_on_date(text: str) -> bool:
    found = edge_date(text)
    return found is not None and found[0].begin > 0 and not text[found[0].end :].strip(" .)")


_OPEN_END_WORDS = re.compile(
    r"(,|(?<=[A-Za-z])-|&|:|\b(and|or|of|for|the|in|at|to|with|from|by|on))$", re.I
)


_NAMED_ITEM = re.compile(r"^[\w.+-]+(?:,\s*[\w.+-]+)*\s+[–—]\s+\S")


def _continues(
    prev: Item, line: Line, full_width: bool = False, growing: _Growing | None = None
) -> bool:
    """A wrapped line of the previous one (PDF text): it starts in lower case, or the
    previous line stops mid-phrase, inside parentheses, or at full width mid-sentence.
    ``growing``: the previous item's text while lines run on into it."""
    if line.bullet or line.heading_level is not None or prev.heading or line.bold:
        return False
    if line.marked.startswith(("[", "**")) or _NAMED_ITEM.match(line.text):
        return False  # a new named item: "[fluctuator](url) – ...", "fluxr – ..."
    if is_label(line.text) or re.match(r"^[\d(]", line.text):
        return False
    text = (growing.tail if growing else prev.text).rstrip()
    open_parens = growing.open_parens if growing else text.count("(") - text.count(")")
    return (
        line.text[:1].islower()
        or (full_width and not text.endswith((".", "!", "?", ":", ";")))
        or bool(_OPEN_END_WORDS.search(text))
        or open_parens > 0
    )


def is_label(text: str) -> bool:
    """A "Label: value" detail line; a job before the colon ("Postdoctoral Fellow: Some
    Society", a Word table's cells joined) opens an entry instead."""
    match = _LABEL.match(text)
    if not match:
        return False
    label = text[: text.index(":")]
    job = len(label.split()) >= 2 and looks_like_role(label)
    return not job or bool(re.search(r"advis|supervis|mentor|host|\bPI\b", label, re.I))


def looks_like_role(text: str) -> bool:
    return bool(_ROLE.search(text)) and len(text.split()) <= 8


def looks_like_location(text: str) -> bool:
    words = text.replace(",", " ").split()
    return (
        bool(_LOCATION.match(text))
        and 1 <= len(words) <= 4
        and "," in text
        and not _DEGREE_WORD.search(text)
    )


def is_detail(item: Item, prev: Item | None = None) -> bool:
    """A line that describes an entry rather than opening one."""
    text = item.text
    if item.bullet or is_label(text) or text[:1].islower() or text[:1] in "(•·-–":
        return True
    if _DEGREE_WORD.match(text):
        return False  # "B.A., History, summa cum laude" opens an entry, Latin and all
    if prev is not None and prev.text.rstrip().endswith((",", "-", "–", "&", " and", ":")):
        return True
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if len(words) >= 8 and text.rstrip().endswith("."):
        return True
    rest = [w for w in words[1:] if w.lower() not in _STOP]
    return len(rest) >= 2 and sum(w[0].islower() for w in rest) / len(rest) >= 0.5


def _anchor(item: Item, prev: Item | None) -> tuple[DateSpan, str, bool] | None:
    """(date, remaining text, date opens the line) when the item carries an entry date."""
    if prev is not None and prev.text.rstrip().endswith((":", ",")) and not item.bullet:
        return None  # a continuation ("Defence date:" / "24/04/2020, ...")
    if is_label(item.text) and not re.match(r"^[\d*]", item.text):
        return None  # "Paternity leave: 2021 – 2021" is a detail
    if span := date_only(item.text):
        return span, "", True
    found = edge_date(item.text)
    if found is None:
        return None
    span, rest = found
    opens = span.begin <= 3 or item.text[: span.begin].strip(" *_`") == ""
    if not opens and len(item.text) > 240:
        return None  # a sentence that merely ends with a year
    return span, rest, opens


def _is_full(rest: str) -> bool:
    return len(rest.split()) >= 2 and not looks_like_location(rest)


def cut(items: list[Item], *, roles: bool = False, listed: bool = False) -> list[Block]:
    """Entries of a section: see the module docstring. ``roles``: a job title printed
    just after an entry's date still belongs to it (positions). ``listed``: each bullet
    is an entry of its own, even under a heading (courses, honours)."""
    anchors = {}
    for index, item in enumerate(items):
        found = _anchor(item, items[index - 1] if index else None)
        if found:
            anchors[index] = found
    # Where entries open with their dates, a date closing a bullet is a detail's
    # ("- Collaborated with X, leading to papers at Y 2024.").
    opening = [i for i, (_, _, opens) in anchors.items() if opens]
    if len(opening) >= 2 and len(opening) * 2 > len(anchors):
        anchors = {i: a for i, a in anchors.items() if a[2] or not items[i].bullet}
    if roles:
        # Dated bullets under dated paragraphs ("**2017–2019** Researcher, X" then
        # "- **2018** Consultant, project Y"): the job's parts, not jobs of their own.
        paragraphs = [i for i in anchors if not items[i].bullet]
        if len(paragraphs) >= 2 and min(anchors) in paragraphs:
            anchors = {i: a for i, a in anchors.items() if not items[i].bullet}
    heads = [i for i, it in enumerate(items) if it.heading]
    if len(heads) >= 2 and heads[0] == 0 and not any(date_only(items[i].text) for i in heads):
        return _cut_at_headings(items, heads, anchors)
    if listed and len(items) >= 3 and all(leading_bold(it.marked) for it in items):
        # "**Course**, Instructor, spring 2013, 12 students" line after line: each line
        # is one entry, wherever its date sits in it
        return [
            Block([it], *(anchors[i][0], it) if i in anchors else ()) for i, it in enumerate(items)
        ]
    bullets = {i for i, it in enumerate(items) if it.bullet and not it.nested}
    mostly_undated_list = listed and set(anchors) <= bullets and len(bullets) > 2 * len(anchors)
    if not anchors or mostly_undated_list:
        return _cut_undated(items, listed)
    full = [i for i, (_, rest, _) in anchors.items() if _is_full(rest)]
    if len(full) * 2 > len(anchors):
        return _cut_full_lines(items, anchors)
    first = min(anchors)
    leading = all(is_detail(it) for it in items[:first])
    return _cut_leading(items, anchors) if leading else _cut_trailing(items, anchors, roles)


def _cut_at_headings(items: list[Item], heads: list[int], anchors: dict) -> list[Block]:
    """Entries set as headings ("### Title, Unit, Employer" over "June 2011–present"):
    each heading opens an entry that owns the lines, its dates among them, below it."""
    blocks: list[Block] = []
    for index, item in enumerate(items):
        if index in heads:
            blocks.append(Block([item]))
        else:
            blocks[-1].items.append(item)
        if index in anchors and blocks[-1].date is None:
            blocks[-1].date, blocks[-1].date_item = anchors[index][0], item
    return blocks


def _cut_full_lines(items: list[Item], anchors: dict) -> list[Block]:
    """Each dated line is an entry. A line-opening date owns what follows it; lines
    before a line-closing date are group context shared by the entries below them."""
    blocks: list[Block] = []
    context: list[Item] = []
    current: Block | None = None
    current_opens = False
    # With nothing before the first dated line, the lines after a dated line are its own
    # (Awesome-CV: "Ph.D. in X  2016 – 2021" / "University" / "City"); with a group
    # heading first, they head the next group ("Stanford University" / "TA for ... 2025").
    owns_following = min(anchors) == 0
    context_fresh = context_used = False
    for index, item in enumerate(items):
        prev = items[index - 1] if index else None
        if index in anchors:
            span, _, current_opens = anchors[index]
            current_opens = current_opens or owns_following
            current = Block([item], span, item, list(context))
            blocks.append(current)
            context_used = context_used or bool(context)
            context_fresh = False
            continue
        if current is not None and (current_opens or is_detail(item, prev)):
            current.items.append(item)
            continue
        if not context_fresh:
            context, context_fresh, context_used = [], True, False
        context.append(item)
        current = None
    if context and not context_used and blocks:
        blocks[-1].items.extend(context)  # trailing lines no entry claimed
    return blocks


def _cut_leading(items: list[Item], anchors: dict) -> list[Block]:
    """Dates printed before their entries: each date owns the lines to the next one."""
    blocks: list[Block] = []
    pre: list[Item] = []
    for index, item in enumerate(items):
        if index in anchors:
            blocks.append(Block([item], anchors[index][0], item))
        elif blocks:
            blocks[-1].items.append(item)
        else:
            pre.append(item)
    if pre and blocks:
        blocks[0].items[0:0] = pre
    return blocks


def _cut_trailing(items: list[Item], anchors: dict, roles: bool) -> list[Block]:
    """Dates printed after the entry's heading lines."""
    blocks: list[Block] = []
    current = Block()
    after_date = False
    for index, item in enumerate(items):
        prev = items[index - 1] if index else None
        if index in anchors:
            if after_date and current.items[-1] is current.date_item and not anchors[index][1]:
                current.items.append(item)  # a second date line right after the first
                continue
            if current.date is not None:
                blocks.append(current)
                current = Block()
            current.items.append(item)
            current.date, current.date_item = anchors[index][0], item
            after_date = True
            continue
        if after_date:
            lacks_role = roles and not any(looks_like_role(it.text) for it in current.items)
            # After a blank line, a plain line opens the next entry even if it reads like
            # a detail ("B.A., History and Italian, summa cum laude").
            new_paragraph = item.gap_before and not item.bullet and not is_label(item.text)
            if (lacks_role and looks_like_role(item.text)) or (
                not new_paragraph and is_detail(item, prev)
            ):
                current.items.append(item)
                continue
            blocks.append(current)
            current = Block()
            after_date = False
        current.items.append(item)
    if current.items:
        if current.date is None and blocks:
            blocks[-1].items.extend(current.items)
        else:
            blocks.append(current)
    return blocks


def _cut_undated(items: list[Item], listed: bool = False) -> list[Block]:
    """No dates: entries open at headings/bold lines, else at bullets, else paragraphs."""
    headers = [i for i, it in enumerate(items) if it.heading or it.bold]
    if headers:
        blocks: list[Block] = []
        for index, item in enumerate(items):
            if index in headers or not blocks:
                blocks.append(Block([item]))
            else:
                blocks[-1].items.append(item)
        return [piece for block in blocks for piece in _split_named_bullets(block, listed)]
    if any(it.bullet for it in items):
        blocks = []
        head: list[Item] = []
        group: list[Item] = []  # a school bullet over the items nested under it
        for index, item in enumerate(items):
            following = items[index + 1] if index + 1 < len(items) else None
            if item.bullet and not item.nested:
                group = []
                if listed and following and following.nested and _names_a_school(item):
                    group = [item]  # "* University of X" over the courses taught there
                else:
                    blocks.append(Block([item], context=head))
            elif item.nested and group:
                blocks.append(Block([item], context=group))
            elif listed and following and following.bullet and _names_a_school(item):
                head = [item]  # "University of X" over the courses taught there
            elif blocks:
                blocks[-1].items.append(item)  # a nested item details its parent
            else:
                blocks.append(Block([item]))
        return blocks
    blocks = []
    for index, item in enumerate(items):
        prev = items[index - 1] if index else None
        if blocks and not item.gap_before and is_detail(item, prev):
            blocks[-1].items.append(item)
        else:
            blocks.append(Block([item]))
    return blocks


def _names_a_school(item: Item) -> bool:
    return (
        bool(INSTITUTION.search(item.text)) and len(item.text.split()) <= 8 and not is_detail(item)
    )


def _split_named_bullets(block: Block, listed: bool = False) -> list[Block]:
    """A group label over bullets that each start with a name (a link or bold run):
    the bullets are the entries, the label their shared context."""
    head, rest = block.items[0], block.items[1:]
    bullets = [it for it in rest if it.bullet]
    named = all(it.marked.startswith(("[", "**[", "**")) for it in bullets)
    if not bullets or not (named or (listed and head.heading)):
        return [block]
    out: list[Block] = []
    for item in rest:
        if item.bullet or not out:
            out.append(Block([item], context=[head]))
        else:
            out[-1].items.append(item)
    return out
