"""Joining a side label (a margin date, a table's first cell) onto its entry line.

Both PDF margin columns (LaTeX moderncv, Word tab stops) and DOCX tables put a
short label beside the entry it belongs to. Dates are joined with a space, as
a CV written in text would ("2011–2015 PhD studies ..."); word labels with a
colon ("Programming languages: R, Python") so the core can tell label from text.
"""

from __future__ import annotations

import re

_DATE_LIKE = re.compile(
    r"\b(1[89]|20)\d\d\b|\b\d{1,2}/\d{2,4}\b|\b(present|now|today|current|since|until|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    re.I,
)


# A list number set in the margin ("12.", "[3]", "(iv)"): the entry's own prefix.
_LIST_NUMBER = re.compile(r"^(\[\d{1,3}\]|\(?\d{1,3}[.)]|\(?[ivxlc]{1,6}[.)])$", re.I)


def is_list_number(text: str) -> bool:
    return bool(_LIST_NUMBER.match(text.strip()))


def is_date_like(text: str) -> bool:
    return bool(_DATE_LIKE.search(text))


def join_label(label: str, body: str) -> str:
    label, body = label.strip(), body.strip()
    if not label:
        return body
    if not body:
        return label
    prefix = is_date_like(label) or is_list_number(label) or label.startswith(("-", "•"))
    if prefix or label.endswith((":", "-", "–", "—")):
        return f"{label} {body}"
    return f"{label}: {body}"
