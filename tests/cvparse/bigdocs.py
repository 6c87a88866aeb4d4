"""Large fictional CVs and pathological inputs, for the time and memory checks.

Shared by tests/cvparse/test_robustness.py and benchmarks/parse.py. Every
generator takes a size and returns bytes whose length grows linearly with it.
"""

from __future__ import annotations

import copy
import io

# One line pattern per section; {i} numbers the entry, {y} is its year.
_ENTRIES = {
    "Education": "{y}–{y2} PhD in Imaginary Science, University of Nowhere {i}",
    "Positions": "{y}–{y2}: Research Fellow {i}, Institute of Examples, Someplace",
    "Publications": (
        "Example, M., Coauthor, A. {i}, and Other, B. ({y}). A study of item {i}. "
        "*Journal of Examples* {i}({n}), 1–20. doi:10.1234/ex.{i}"
    ),
    "Teaching": "{y}: Lecturer, Introduction to Examples {i} (Fall), University of Nowhere",
    "Awards": "{y} Prize for Fictional Work no. {i}, Society of Examples",
    "Talks": '"Talk about item {i}", Workshop on Examples, Someplace, {y}',
}
_NAME = "Morgan Example"
_CONTACT = "morgan@example.org · https://example.org"


def _sections(entries: int) -> list[tuple[str, list[str]]]:
    """``entries`` entry lines spread over the usual sections."""
    per = max(1, entries // len(_ENTRIES))
    return [
        (
            title,
            [
                pattern.format(i=i, y=2024 - i % 40, y2=2025 - i % 40, n=i % 12 + 1)
                for i in range(per)
            ],
        )
        for title, pattern in _ENTRIES.items()
    ]


def long_markdown_cv(entries: int) -> bytes:
    lines = [f"# {_NAME}", "", _CONTACT, ""]
    for title, items in _sections(entries):
        lines += [f"## {title}", "", *(f"- {item}" for item in items), ""]
    return "\n".join(lines).encode()


def long_html_cv(entries: int) -> bytes:
    parts = [f"<html><body><h1>{_NAME}</h1><p>{_CONTACT}</p>"]
    for title, items in _sections(entries):
        parts.append(f"<h2>{title}</h2><ul>")
        parts += (f"<li>{item.replace('*', '')}</li>" for item in items)
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts).encode()


def docx_paragraphs(paragraphs: int) -> bytes:
    """A Word CV of ``paragraphs`` short paragraphs under one heading (40,000 fit in
    140 kB). They are copies of one template: python-docx's own add_paragraph looks
    its style up each time and would take a minute."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading(_NAME, level=0)
    document.add_paragraph(_CONTACT)
    document.add_heading("Notes", level=1)
    template = document.add_paragraph("-")._p
    for i in range(paragraphs):
        paragraph = copy.deepcopy(template)
        paragraph.find(f".//{qn('w:t')}").text = f"Note {i}"
        template.addprevious(paragraph)
    template.getparent().remove(template)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def line_of_parens(size: int) -> bytes:
    """A publications section holding one line of ``size`` "(" with no ")"."""
    return f"# {_NAME}\n\n## Publications\n\n".encode() + b"(" * size


def repeated_initials(size: int) -> bytes:
    """A publications section holding ``size`` repetitions of "A. " (initials, periods)."""
    return f"# {_NAME}\n\n## Publications\n\n".encode() + b"A. " * size
