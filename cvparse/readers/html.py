"""HTML pages (homepages, exported CVs) to Markdown-ish lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, NavigableString, PageElement, Tag
from bs4.element import PreformattedString

from cvparse.readers.plaintext import normalise_text

# Never seen by a reader of the rendered page, or site chrome rather than CV.
_DROPPED = {"script", "style", "noscript", "template", "nav", "head", "svg", "button", "form"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol",
    "dl", "dt", "dd", "table", "thead", "tbody", "tr", "blockquote", "pre", "figure",
    "figcaption", "address", "hr", "body", "html",
}  # fmt: skip
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_BREAK = "\x00"
# Elements deeper than this are read for their text only, as libxml2 and browsers
# also stop nesting at a few hundred levels; it bounds the work per character.
_MAX_DEPTH = 256


def html_to_markdown(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    # The page title often names the owner ("Jane Doe | Home"); it is kept as front
    # matter, which the core reads for the owner's name and never shows as content.
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    front = f"---\ntitle: {' '.join(title.split())}\n---\n" if title else ""
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROPPED):
        tag.decompose()
    # Whitespace between tags means nothing in HTML; only headings and
    # paragraphs (marked with _BREAK) give a blank line.
    lines = [" ".join(line.split()) for line in _render(soup).split("\n")]
    text = "\n".join(line for line in lines if line).replace(_BREAK, "")
    return front + normalise_text(re.sub(r"\n{3,}", "\n\n", text).strip("\n")) + "\n"


@dataclass
class _Open:
    """An element being rendered: its text so far and the children still to read."""

    tag: Tag
    parts: list[str] = field(default_factory=list)
    children: list[Iterator[PageElement]] = field(default_factory=list)

    def next_child(self) -> PageElement | None:
        while self.children:
            child = next(self.children[-1], None)
            if child is not None:
                return child
            self.children.pop()
        return None


def _render(root: Tag) -> str:
    """The page as Markdown-ish text, depth first with a stack of its own: a page
    nested thousands of levels deep must not exhaust Python's recursion limit."""
    stack = [_Open(root, children=[iter(root.children)])]
    while True:
        top = stack[-1]
        child = top.next_child()
        if child is None:
            stack.pop()
            inner = "".join(top.parts)
            if not stack:
                return inner
            stack[-1].parts.append(_wrap_tag(top.tag, inner))
        elif isinstance(child, PreformattedString):
            continue  # doctype, comment, processing instruction
        elif isinstance(child, NavigableString):
            top.parts.append(_SPACES.sub(" ", str(child)))
        elif not isinstance(child, Tag) or child.name == "img":
            continue
        elif child.name == "br":
            top.parts.append("\n")
        elif len(stack) > _MAX_DEPTH:
            top.children.append(iter(child.children))  # only its text counts
        else:
            stack.append(_Open(child, children=[iter(child.children)]))


def _wrap_tag(tag: Tag, inner: str) -> str:
    """An element's Markdown from the Markdown of its content."""
    name = tag.name
    if name in _HEADINGS:
        title = " ".join(inner.split())
        return f"\n{_BREAK}\n{'#' * _HEADINGS[name]} {title}\n{_BREAK}\n" if title else ""
    if name in ("b", "strong"):
        return _wrap_inline(inner, "**")
    if name == "a":
        return _link(inner, tag.get("href"))
    if name == "li":
        return "\n- " + inner.strip() + "\n"
    if name in ("td", "th"):
        return " " + inner.strip() + " "
    if name == "p":
        return f"\n{_BREAK}\n{inner}\n{_BREAK}\n"
    if name in _BLOCKS:
        return "\n" + inner + "\n"
    return inner


def _wrap_inline(inner: str, mark: str) -> str:
    """``**text**`` that keeps surrounding spaces outside the marks."""
    stripped = inner.strip()
    if not stripped or "\n" in stripped:
        return inner
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _link(inner: str, href: object) -> str:
    label = " ".join(inner.split())
    if not isinstance(href, str) or not label or href.startswith(("#", "javascript:")):
        return inner
    href = href.strip()
    if label in (href, href.removeprefix("mailto:")) or "\n" in inner.strip():
        return inner
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    return f"{lead}[{label}]({href.replace(' ', '%20')}){trail}"
