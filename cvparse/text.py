"""Text cleanup: Markdown, HTML bits, LaTeX and icon glyphs out; bold and links kept on demand.

Two levels of cleaning:

* ``clean_line`` gives "marked" text: plain prose that still keeps ``**bold**`` runs,
  ``[label](url)`` links and backtick badges, which the publication parser and the
  owner-name inference read.
* ``plain`` turns marked text into the plain text CV JSON wants.
"""

from __future__ import annotations

import html
import re
import unicodedata

from .readers.labels import join_label

# What a reader never sees: front matter, HTML comments, Liquid/Jinja code. Replaced by
# as many newlines as they held so that line numbers stay those of the source.
# YAML (---) or TOML (+++, Hugo) front matter.
_FRONT_MATTER = re.compile(r"\A\s*(---|\+\+\+)[ \t]*\n(.*?)\n\1[ \t]*(?:\n|\Z)", re.S)
# What a page hides, as (opener, closer) pairs; Liquid comment blocks come before
# the "{% %}" tags they are made of.
_HIDDEN_PAIRS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"\{%-?\s*comment\s*-?%\}"), re.compile(r"\{%-?\s*endcomment\s*-?%\}")),
    (re.compile(r"\{%"), re.compile(r"%\}")),
    (re.compile(r"\{\{"), re.compile(r"\}\}")),
    # Quarto / R Markdown code chunks (```{r} ... ```): code, not what the page shows.
    (
        re.compile(r"^[ \t]*```+[ \t]*\{[^}\n]*\}[^\n]*\n", re.M),
        re.compile(r"^[ \t]*```+[ \t]*$", re.M),
    ),
)
# kramdown attribute lists ("{: .prompt-tip }") and Pandoc fenced-div marks (":::").
_HIDDEN_LINE = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*$|^[ \t]*:{3,}[^\n]*$", re.M)
_FRONT_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*[:=][ \t]*(\S.*?)[ \t]*$", re.M)

_BULLET = re.compile(
    r"^\s*(?:[-*+•·◦▪▫■□➢➤►▸‣⁃●○◆◇✓✔☐☑❖]|\(cid:\d+\)|\d{1,3}[.)](?=\s)|\u2013|\u2014)\s+"
)
_SEPARATOR_GLYPHS = "•·◇◆|⋅∙▪■◦●"
_SEPARATOR = re.compile(rf"[{_SEPARATOR_GLYPHS}]")
_SEPARATORS_BETWEEN = re.compile(rf"\s+[{_SEPARATOR_GLYPHS}](\s+[{_SEPARATOR_GLYPHS}])*\s+")
_SEPARATORS_FIRST = re.compile(rf"^([{_SEPARATOR_GLYPHS}]\s*)+(?=\S)")
_SEPARATORS_LAST = re.compile(rf"(\s*[{_SEPARATOR_GLYPHS}])+$")
_TAG_BOLD = re.compile(r"<(b|strong)>(.*?)</\1>", re.I)
_TAG_SUPSUB = re.compile(r"\s?<su[pb]>(.*?)</su[pb]>", re.I)
_INLINE_TAG = re.compile(r"</?(u|i|em|ins|span|a|small|font|mark|abbr|code)\b[^<>]*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_LATEX_SUP = re.compile(r"\$\s*\^\{?\s*(\*|\\dagger|\\ddagger|[^${}]{1,3})\s*\}?\s*\$")
_LATEX_CMD = re.compile(r"\$\s*\\[a-zA-Z]+\s*\$")
_LATEX_MATH = re.compile(r"\$([^$]{1,40})\$")
_CID = re.compile(r"\(cid:\d+\)")
_LATEX_MARKS = {"\\dagger": "†", "\\ddagger": "‡"}
_ITALIC_STAR = re.compile(r"(?<![*\w])\*(?![*\s])([^*\n]+?)(?<![\s*])\*(?![*\w])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?![_\s])([^_\n]+?)(?<![\s_])_(?![\w_])")
# A parenthetical (one level of nesting allowed), its inside as group 1. Unlike
# "\([^)]*\)", it fails at once on a "(" followed by another, so scanning a run of
# "(" with no ")" takes linear, not quadratic, time.
PARENTHETICAL = r"\(((?:[^()]|\([^()]*\))*+)\)"
# A link's target after its label: the URL (group 1; parentheses in it balanced, as in
# Wikipedia's), then maybe a title. Labels and targets stop at an opening bracket,
# for the same linear time as PARENTHETICAL on runs of "[" or "](".
_TARGET = r"\(((?:[^()\s]|\([^()\s]*\))*+)(?:[^()]|\([^()]*\))*+\)"
_IMAGE = re.compile(rf"!\[[^\[\]]*\]{_TARGET}")
_LINK = re.compile(rf"\[([^\[\]]*)\]{_TARGET}")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MOJIBAKE = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]{1,3}")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
_SPACES = re.compile(r"\s+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def strip_hidden(text: str) -> str:
    """Blank out front matter, HTML comments and template code, keeping line numbers."""
    text = _FRONT_MATTER.sub(lambda match: "\n" * match.group(0).count("\n"), text)
    pieces, done = [], 0
    for start, end in _hidden_spans(text):
        pieces += [text[done:start], "\n" * text.count("\n", start, end)]
        done = end
    return "".join(pieces) + text[done:]


def _hidden_spans(text: str) -> list[tuple[int, int]]:
    """The hidden spans, leftmost first, none inside another. Each closer is looked for
    once from its opener, and an opener with no closer ends the search for its kind:
    a page of unclosed "{{" takes linear time, not quadratic as a lazy regex does."""
    found = [(m.start(), len(_HIDDEN_PAIRS), m.end()) for m in _HIDDEN_LINE.finditer(text)]
    for rank, (opener, closer) in enumerate(_HIDDEN_PAIRS):
        at = 0
        while (start := opener.search(text, at)) and (end := closer.search(text, start.end())):
            found.append((start.start(), rank, end.end()))
            at = end.end()
    spans: list[tuple[int, int]] = []
    for start, _rank, end in sorted(found):  # at one place, the kind listed first wins
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans


def front_matter(text: str) -> dict[str, str]:
    """The top-level scalar fields of a page's YAML or TOML front matter (``title``,
    ``author``, ``name``...), lower-cased keys, quotes removed."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    fields = {}
    for key, value in _FRONT_FIELD.findall(match.group(2)):
        value = value.strip().strip("\"'").strip()
        if value and not value.startswith(("[", "{", "|", ">", "&", "!")):
            fields.setdefault(key.lower(), value)
    return fields


def _fix_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252 ("ðŸ”¥" -> the emoji), which converters often leave."""

    def fix(match: re.Match[str]) -> str:
        try:
            return match.group(0).encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group(0)

    return _MOJIBAKE.sub(fix, text)


def _is_icon(char: str) -> bool:
    category = unicodedata.category(char)
    return (
        category in ("So", "Co", "Cs") or char in "\ufe0f\u200d\u200b\ufeff\u2190\u2191\u2192\u2193"
    )


def bullet_of(raw: str) -> tuple[bool, str]:
    """(is a list item, the line without its bullet)."""
    match = _BULLET.match(raw)
    if match and not re.match(r"^\s*\*\*", raw):
        return True, raw[match.end() :]
    return False, raw


def clean_line(raw: str, *, keep_emphasis: bool = False) -> str:
    """Marked text of one source line: bold and links kept, everything else plain.

    ``keep_emphasis`` also keeps italics, escapes and inline HTML for the publication
    parser, which reads italics as venues.
    """
    if not raw.strip():
        return ""
    s = raw if raw.isascii() else _fix_mojibake(raw)
    if TABLE_RULE.match(s) or _RULE.match(s):
        return ""
    if s.strip().startswith("|") and s.strip().endswith("|"):
        cells = [c.strip() for c in s.strip().strip("|").split("|") if c.strip()]
        # two cells are a label and its text ("Programming | Python, Rust"), as in Word
        two = len(cells) == 2 and len(cells[0]) <= 40
        s = join_label(cells[0], cells[1]) if two else " · ".join(cells)
    s = s.rstrip()
    if s.endswith("\\"):
        s = s[:-1]
    has_tags, has_latex = "<" in s, "$" in s
    if has_tags:
        s = re.sub(r"<br\s*/?>", " ", s, flags=re.I)
    if has_latex:
        s = _LATEX_SUP.sub(lambda m: _LATEX_MARKS.get(m.group(1), m.group(1)), s)
        s = _LATEX_CMD.sub(" " if keep_emphasis else " · ", s)
    if "(cid:" in s:
        s = re.sub(r"^\s*\(cid:\d+\)\s*", "" if keep_emphasis else "• ", s)  # icon bullets
        s = _CID.sub(" ", s)
    if keep_emphasis:
        return _SPACES.sub(" ", _drop_icons(s).replace("\t", " · ")).strip()
    if has_tags:
        s = _TAG_BOLD.sub(r"**\2**", s)
        s = _TAG_SUPSUB.sub(r"\1", s)
        s = _AUTOLINK.sub(r"\1", s)
        s = _INLINE_TAG.sub("", s)
        s = _TAG.sub(" ", s)
    if "&" in s:
        s = html.unescape(s)
    if has_latex:
        s = _LATEX_MATH.sub(r"\1", s)
    if "![" in s:
        s = _IMAGE.sub(" ", s)
    if "*" in s or "_" in s:
        # Escaped marks are real characters: shield them from the italic rules.
        s = s.replace("\\*", "\x00").replace("\\_", "\x01")
        s = _ITALIC_STAR.sub(r"\1", s)
        s = _ITALIC_UNDERSCORE.sub(r"\1", s)
        s = s.replace("\x00", "*").replace("\x01", "_")
        s = re.sub(r"\*\*\s*\*\*", " ", s)  # empty bold runs left by removed glyphs
    if "\\" in s:
        s = re.sub(r"\\([\[\]#&$%{}()`~|<>.!+-])", r"\1", s)
    s = _drop_icons(s).replace("\t", " · ")
    s = _SPACES.sub(" ", s).strip()
    return _tidy_separators(s)


def _drop_icons(s: str) -> str:
    return s if s.isascii() else _NON_ASCII.sub(lambda m: " " if _is_icon(m[0]) else m[0], s)


def _tidy_separators(s: str) -> str:
    """Separator glyphs between contact items become ' · '; stray ones at the ends go."""
    if not _SEPARATOR.search(s):
        return s.strip()  # most lines: nothing to tidy
    s = _SEPARATORS_BETWEEN.sub(" · ", s)
    s = _SEPARATORS_FIRST.sub("", s) if not _BULLET.match(s) else s
    s = _SEPARATORS_LAST.sub("", s)
    return s.strip()


def plain(marked: str) -> str:
    """Plain text: no bold marks, links reduced to their labels, whitespace folded."""
    s = _LINK.sub(lambda m: m.group(1) or m.group(2), marked)
    s = s.replace("**", "").replace("__", "").replace("`", "")
    s = _SPACES.sub(" ", s).strip()
    return s.strip(" ·")


def links_in(marked: str) -> list[tuple[str, str]]:
    """(label, url) pairs of the Markdown links in marked text."""
    return [(m.group(1), m.group(2)) for m in _LINK.finditer(marked)]


def is_bold_only(marked: str) -> bool:
    """The whole line (bar punctuation) is one bold run."""
    s = marked.strip().rstrip(".:,;")
    return s.startswith("**") and s.endswith("**") and len(s) > 4 and "**" not in s[2:-2]


def leading_bold(marked: str) -> tuple[str, str] | None:
    """(bold text, rest) when the line starts with a bold run followed by more text."""
    match = re.match(r"^\*\*(.+?)\*\*\s*(.*)$", marked.strip())
    if match and match.group(2):
        return match.group(1).strip(), match.group(2).strip()
    return None


def fold(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


def split_outside_parens(s: str, separators: str = ",") -> list[str]:
    """Split on any of ``separators`` when not inside (), [] or quotes."""
    parts: list[str] = []
    depth = 0
    current = []
    for char in s:
        if char in "([{“":
            depth += 1
        elif char in ")]}”" and depth:
            depth -= 1
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]
