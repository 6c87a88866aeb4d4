"""Source lines, headings and the CV's sections.

A heading is recognised in every usual form: ``# Markdown``, a setext underline
(``===``/``---``), a bold-only line, an ALL CAPS line or a short Title-Case line —
the weaker forms only when they name a known kind of section. Each section gets a
``kind`` (education, positions, publications, ...) from its heading's words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .text import TABLE_RULE, bullet_of, clean_line, is_bold_only, plain, strip_hidden

# Kinds in the order they are tried: the first whose pattern a heading contains wins
# ("Teaching Experience" is teaching, "Awards and Funding" awards, "Grants Awarded" other).
KIND_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "bio",
        r"^(about|about me|summary|profile|biography|bio|short bio|introduction|overview"
        r"|personal statement|professional summary|research summary|who am i)$",
    ),
    (
        "other",
        r"\b(news|updates|hobbies|volunteer\w*|references|referees|personal information"
        r"|personal details|personal data|contact|leaves?|current research|misc\w*"
        r"|extracurricular|activities|memberships?|affiliations|media|press"
        r"|(?<!programming )languages"
        r"|citizenship|visa|professional development)\b",
    ),
    (
        "teaching",
        r"\b(teaching|taught|courses taught|courses|instruct\w*|tutor\w*|lectures given)\b",
    ),
    (
        "awards",
        r"\b(awards?|honou?rs?|prizes?|fellowships?|scholarships?|distinctions|achievements"
        r"|recognitions?|medals?)\b",
    ),
    ("other", r"\b(grants?|funding|granted|funds?)\b"),
    (
        "other",
        r"\b(service|services|(?<!under )review|reviewer|reviewing|referee|refereeing|committees?"
        r"|editorial|outreach|leadership|supervis\w*|advis\w*|mentor\w*|mentees|panels?"
        r"|(graduate |doctoral |ph\.?d\.? )students)\b",
    ),
    (
        "other",
        r"\b(talks?|presentations?|seminars?|posters?|colloqui\w*|keynotes?"
        r"|conferences? attended)\b",
    ),
    (
        "skills",
        r"\b(skills?|competenc\w*|programming|proficiency|certifications?|certificates"
        r"|tools|technologies|expertise)\b",
    ),
    (
        "interests",
        r"\b(research interests?|interests?|interested in|areas? of (interest|research|expertise)"
        r"|(research |primary |secondary )?fields( of (interest|specialization))?"
        r"|research (areas?|topics|focus|directions?))\b",
    ),
    (
        "education",
        r"\b(education\w*|academic background|academic training|degrees"
        r"|qualifications|schooling|studies|training)\b",
    ),
    (
        "publications",
        r"\b(publications?|papers?|articles?|preprints?|manuscripts?|books?"
        r"|chapters?|patents?|proceedings|journals?|bibliography"
        r"|peer.reviewed|theses|thesis|monographs?|works? in progress"
        r"|research outputs?|under review|submitted|in preparation"
        r"|first.author|co.authored|reports?|dissertations?|edited volumes?|outputs?"
        r"|abstracts|encyclop\w+|editorials|obituar(?:y|ies)|commentar(?:y|ies)|essays)\b",
    ),
    ("projects", r"\b(projects?|open.source|software)\b"),
    (
        "positions",
        r"\b(experiences?|employment|appointments?|positions?|work history|career|affiliation"
        r"|internships?|jobs?|research history|professional background|work)\b",
    ),
)
# Words that qualify a section name without naming one ("Selected", "Recent", "Other"...).
_MODIFIERS = set(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "in",
        "on",
        "for",
        "to",
        "with",
        "by",
        "at",
        "my",
        "&",
        "/",
        "selected",
        "recent",
        "other",
        "academic",
        "professional",
        "research",
        "work",
        "current",
        "university",
        "departmental",
        "institutional",
        "external",
        "internal",
        "invited",
        "awarded",
        "full",
        "list",
        "complete",
        "additional",
        "relevant",
        "key",
        "major",
        "personal",
        "refereed",
        "peer",
        "reviewed",
        "edited",
        "volumes",
        "volume",
        "conference",
        "journal",
        "technical",
        "main",
        "graduate",
        "undergraduate",
        "student",
        "students",
        "phd",
        "ph.d",
        "doctoral",
        "teaching",
        "working",
        "unpublished",
        "published",
        "forthcoming",
        "entries",
        "scholarly",
    ]
)
_STATUS_LINE = re.compile(r"^(in |to appear|accepted|published|forthcoming)", re.I)

# A role noun at the end ("TEACHING ASSISTANT", "Research Intern") names a job, not a section.
_ROLE_TAIL = re.compile(
    r"\b(assistant|intern|engineer|professor|lecturer|scientist|researcher|fellow|student"
    r"|analyst|consultant|director|manager|member|associate)$",
    re.I,
)
YEAR_HEADING = re.compile(r"^(19|20)\d\d(\s*[–-]\s*((19|20)\d\d|present))?$", re.I)
DOCUMENT_TITLE = re.compile(r"^(curriculum vit(ae|æ)|cv|r[ée]sum[ée]|vita)$", re.I)
_NAME_LIKE = re.compile(r"^[A-Z][\w'’.-]*(\s+[A-Z][\w'’.-]*){1,3}$")
# Numbering before a heading ("3.", "IV.", "B)") and a count after it ("(42)", "[12]").
_HEADING_DRESS = re.compile(r"^(\d{1,2}|[ivx]{1,4}|[a-h])[.)]\s+|\s*[(\[]\d+[)\]]$")
_HEADING_ATTRIBUTES = re.compile(r"\s*\{[#.:\w][^{}]*\}\s*$")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s")
_LINK_ONLY = re.compile(r"\s*\[[^\]]+\]\([^)]*\)\s*")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_PAGE_FOOTER = re.compile(r"^(page\s+\d+(\s+of\s+\d+)?|\d+\s*/\s*\d+|-?\s*\d{1,2}\s*-?)$", re.I)

# Kinds whose list items are entries each: a sub-heading over a list names a group.
LISTED = ("teaching", "awards")
STRUCTURED = ("education", "positions", "publications", "awards", "teaching", "projects", "skills")


@dataclass
class Line:
    """One source line: its number, marked text (bold/links kept) and plain text."""

    no: int
    marked: str
    text: str
    bullet: bool = False
    heading_level: int | None = None  # set for explicit (#, setext) headings
    bold: bool = False
    raw: str = ""  # the source line without its heading marks or bullet
    indent: int = 0  # spaces before a bullet: nested list items are indented more
    atx: bool = False  # a "# Heading"


@dataclass
class Section:
    """A run of lines under one heading (a sub-heading starts a new Section)."""

    kind: str | None  # None: the preamble before the first heading
    heading: str | None
    level: int
    sub: str | None = None  # the sub-heading inside a parent of the same kind
    lines: list[Line] = field(default_factory=list)
    heading_line: int | None = None


# Compiled once: heading_kind runs on most lines of a document, several times each.
_KIND_REGEXES = tuple((kind, re.compile(pattern)) for kind, pattern in KIND_PATTERNS)
_HEADING_JUNK = re.compile(r"[^\w\s&/,.'()\[\]-]")
_BRACKETS = re.compile(r"[()\[\]]")
_WHITESPACE = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
_HEADING_WORD = re.compile(r"[a-z][\w.'-]*")


def heading_kind(title: str) -> str | None:
    """The kind of section a heading's words name, or None when it names none."""
    # The section splitter, the line labeller and the entry parsers ask about the same
    # lines: remembered, but only short ones, so the cache stays small whatever the upload.
    return _heading_kind(title) if len(title) > _CACHED_TITLE else _cached_heading_kind(title)


def _heading_kind(title: str) -> str | None:
    t = _HEADING_JUNK.sub(" ", plain(title).lower())
    t = _HEADING_DRESS.sub("", t.strip(" :.-"))
    t = _WHITESPACE.sub(" ", _BRACKETS.sub(" ", t)).strip(" :.-")
    words = t.split()
    if not words or len(words) > 7 or _DIGIT.search(t) or _ROLE_TAIL.search(t):
        return None
    if _STATUS_LINE.match(t):
        return None
    if "," in t:
        kinds = {heading_kind(part) for part in t.split(",")}
        # "Grants, Fellowships, & Recognitions": a catch-all part ("Grants") goes with
        # the one kind the other parts name.
        named = kinds - {"other"} if None not in kinds else kinds
        return named.pop() if len(named) == 1 else ("other" if kinds == {"other"} else None)
    found = next((kind for kind, pattern in _KIND_REGEXES if pattern.search(t)), None)
    if found is None:
        return None
    # A section name is (nearly) all section words: "Tian Chuang Scholarship" is an award.
    rest = t
    for _, pattern in _KIND_REGEXES:
        rest = pattern.sub(" ", rest)
    leftover = [w for w in _HEADING_WORD.findall(rest) if w.strip(".") not in _MODIFIERS]
    return found if len(leftover) <= max(1, len(words) // 4) else None


_CACHED_TITLE = 300
_cached_heading_kind = functools.lru_cache(maxsize=4096)(_heading_kind)


def loose_kind(title: str) -> str | None:
    """The one kind of section a marked heading's words name among others ("Stuff I
    taught (or helped teach)"), or None when it names none or several."""
    t = plain(title).lower()
    if re.search(r"\d", t) or _ROLE_TAIL.search(t.strip(" :.")):
        return None
    kinds = {kind for kind, pattern in _KIND_REGEXES if pattern.search(t)}
    # Not papers: "Consulting reports" are not; a list of papers tells itself by its
    # citations (the parser's `_lists_citations`).
    return kinds.pop() if len(kinds) == 1 and kinds != {"publications"} else None


def _looks_like_heading_text(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 7 and not text.endswith((".", ",", ";")) and len(text) <= 60


def build_lines(source: str) -> list[Line]:
    """Every source line, cleaned, with explicit headings marked."""
    raw_lines = strip_hidden(source).splitlines()
    lines: list[Line] = []
    for index, raw in enumerate(raw_lines):
        no = index + 1
        level = None
        body = raw
        if atx := _ATX.match(raw):
            level, body = len(atx.group(1)), atx.group(2)
        elif (
            index + 1 < len(raw_lines)
            and raw.strip()
            and _SETEXT.match(raw_lines[index + 1])
            and not _SETEXT.match(raw)
            and len(raw.split()) <= 8
        ):
            level = 1 if raw_lines[index + 1].strip().startswith("=") else 2
        if level is not None:
            body = _HEADING_ATTRIBUTES.sub("", body)  # Pandoc's "## Education {#edu .x}"
        bullet, body = bullet_of(body) if level is None else (False, body)
        marked = clean_line(body)
        text = plain(marked)
        if bullet and _NUMBERED.match(raw) and heading_kind(text) and len(text.split()) <= 5:
            bullet = False  # "3. PUBLICATIONS": a numbered heading, not a list item
        if level is not None and not text:
            level = None
        if _PAGE_FOOTER.match(text):
            marked = text = ""
        indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip()) if bullet else 0
        line = Line(no, marked, text, bullet, level, is_bold_only(marked), body, indent)
        line.atx = level is not None and atx is not None
        lines.append(line)
    return lines


def is_table_header(line: Line, following: Line | None) -> bool:
    """The column names of a Markdown table, over its rule: labels, not an entry."""
    return (
        following is not None
        and "|" in line.raw
        and "|" in following.raw
        and bool(TABLE_RULE.match(following.raw))
    )


def implicit_level(line: Line, prev: Line | None, nxt: Line | None) -> int | None:
    """The level of a bold-only, ALL CAPS or lone short line naming a known kind of
    section (CAPS ranks above bold, bold above plain), or None if it is no heading."""
    if line.bullet or not _looks_like_heading_text(line.text) or ":" in line.text.rstrip(":"):
        return None
    if heading_kind(line.text) is None:
        return None
    letters = re.sub(r"[^A-Za-z]", "", line.text)
    if letters.isupper() and len(letters) > 3:
        return 5
    if line.bold:
        return 6
    # A Title-Case line standing alone (PDF text): a short one with a known name.
    alone_before = prev is None or prev.heading_level is not None or not prev.text.endswith(",")
    first = line.text.split()[0].lower()
    short = len(line.text.split()) <= 5 and first not in ("a", "an", "the")
    italic = re.fullmatch(r"\s*([*_])[^*_].*[^*_]\1\s*", line.raw)  # "*Under review*": a detail
    linked = _LINK_ONLY.fullmatch(line.raw)  # "[Dissertation](url)": a link, not a heading
    # "Courses taught:" right under an entry's line, no blank between: it introduces the
    # entry's own list, it opens no section.
    introduces = line.text.endswith(":") and prev is not None and prev.no == line.no - 1
    if (
        line.text[0].isupper()
        and short
        and alone_before
        and nxt
        and not italic
        and not linked
        and not (introduces and prev.heading_level is None)
    ):
        return 7
    return None


def split_sections(lines: list[Line]) -> list[Section]:
    """Group lines under their headings; the first Section is the preamble."""
    sections = [Section(kind=None, heading=None, level=0)]
    top: Section | None = None  # the current top-level section
    top_index = 0
    top_atx = False
    # The one "#" level every heading naming a known kind has, if they agree on one
    section_level = _common_level([ln for ln in lines if ln.atx and heading_kind(ln.text)])
    sub_level: int | None = None  # the level of the sub-headings seen under `top`
    content = [ln for ln in lines if ln.text]
    for position, line in enumerate(content):
        prev = content[position - 1] if position else None
        nxt = content[position + 1] if position + 1 < len(content) else None
        level = line.heading_level or implicit_level(line, prev, nxt)
        if level is None:
            sections[-1].lines.append(line)
            continue
        title = line.text.strip().rstrip(":.").strip()
        kind = heading_kind(title)
        current = sections[-1]
        if top is None:
            title_line = not sections[0].lines or (
                len(sections[0].lines) <= 3 and _NAME_LIKE.match(title)
            )
            if DOCUMENT_TITLE.match(title) or (kind is None and title_line and len(sections) == 1):
                sections[0].lines.append(line)  # the title line (the owner's name)
                continue
            top = _open(sections, kind or "other", title, level, line)
            top_atx = line.atx
            top_index = len(sections) - 1
            continue
        deeper = level > top.level
        top_empty = not any(sec.lines for sec in sections[top_index:])
        if deeper and kind == "publications" and heading_kind(top.heading or "") == "other":
            kind = "other"  # "Conference Papers" under "Presentations": talks, not papers
        # ...unless it names a kind of its own under a catch-all parent ("Main" / "Education").
        own_kind = kind in STRUCTURED and top.kind == "other"
        if line.heading_level is not None and deeper and level == sub_level and not own_kind:
            # A sibling of an earlier sub-heading stays inside the same parent.
            groups = top.kind == "publications" or (top.kind in LISTED and nxt and nxt.bullet)
            named_other = top.kind == "publications" and _named_other(title)
            same = kind == top.kind or (kind is None and groups and not named_other)
            _open_sub(sections, top, title, line, kind=None if same else "other")
            sub_level = level
            continue
        # A short unknown heading no deeper than its section is a section of its own
        # ("## Research" over "### Publications"); a long one is an entry's heading.
        # A short unknown heading no deeper than its section is a section of its own
        # ("## Research" over "### Publications"); a long one is an entry's heading...
        short_title = len(title.split()) <= 3 and not re.search(r"[,\d(]", title)
        marked = line.heading_level is not None
        # ...unless it is a sibling of its section's own heading, whatever its words
        # ("### Education" then "### Stuff I taught"): its kind is the one its words
        # name, if any.
        sibling = (
            line.atx and top_atx and level == top.level == section_level
        ) and not YEAR_HEADING.match(title)
        if kind is None and ((short_title and marked and not deeper) or sibling):
            kind = (loose_kind(title) if sibling else None) or "other"
        if kind is None:
            if top.kind in LISTED and marked and deeper and nxt and nxt.bullet:
                # "#### As teaching assistant" over a list of courses: a group of entries
                _open_sub(sections, top, title, line)
                sub_level = level
                continue
            if top.kind in STRUCTURED and top.kind != "publications":
                current.lines.append(line)  # an entry's own heading
                continue
            if top.kind == "publications":
                if YEAR_HEADING.match(title) or (len(title.split()) <= 6 and ":" not in title):
                    # "Presentations at Scientific Meetings" among kinds of papers: no papers
                    _open_sub(sections, top, title, line, kind=_named_other(title))
                    sub_level = level
                else:
                    current.lines.append(line)  # a paper's title set as a heading
                continue
            if deeper:
                _open_sub(sections, top, title, line, kind="other")
                sub_level = level
                continue
            kind = "other"
        elif kind == top.kind and (deeper or (top_empty and kind != "other")):
            _open_sub(sections, top, title, line)
            sub_level = level
            continue
        elif kind == "other" and deeper:
            # ...but not a heading inside a non-paper group ("Editorial Activities")
            in_other = current.kind == "other" and sub_level is not None and level > sub_level
            absorbs = top.kind in ("publications", "skills") and not in_other
            _open_sub(sections, top, title, line, kind=None if absorbs else "other")
            sub_level = level
            continue
        top = _open(sections, kind, title, level, line)
        top_atx = line.atx
        top_index = len(sections) - 1
        sub_level = None
    return sections


def _named_other(title: str) -> str | None:
    """ "other" when a heading's words name only a kind without entries of its own."""
    return "other" if loose_kind(title) == "other" else None


def _common_level(headings: list[Line]) -> int | None:
    levels = {ln.heading_level for ln in headings}
    return levels.pop() if len(levels) == 1 else None


def _open(sections: list[Section], kind: str, title: str, level: int, line: Line) -> Section:
    """A new top-level section."""
    section = Section(kind=kind, heading=title, level=level, heading_line=line.no)
    sections.append(section)
    return section


def _open_sub(
    sections: list[Section], top: Section, title: str, line: Line, kind: str | None = None
) -> None:
    """A sub-heading: a category of the parent's kind, or a "Parent: Child" part."""
    sub_kind = kind or top.kind
    heading = f"{top.heading}: {title}" if sub_kind == "other" else top.heading
    sections.append(Section(sub_kind, heading, top.level, sub=title, heading_line=line.no))
