"""Decode text files whatever their encoding, and tell Markdown from plain text."""

from __future__ import annotations

import codecs
import re

# Every line separator Python's str.splitlines() knows becomes "\n", so that
# splitlines() and split("\n") number lines alike for the core parser.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# C0 controls other than tab and newline never carry content.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MARKDOWN_SIGNS = (
    re.compile(r"^#{1,6}\s+\S", re.M),  # ATX heading
    re.compile(r"\*\*[^*\n]+\*\*"),  # bold
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),  # link
    re.compile(r"^\s{0,3}[-*+]\s+\S.*\n\s{0,3}[-*+]\s+\S", re.M),  # two list items
    re.compile(r"\A---\n"),  # YAML front matter
)


def decode_text(data: bytes) -> str | None:
    """The text of ``data``, or None when it is binary rather than text."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif _looks_like_bomless_utf16(data):
        text = data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            if _binary_share(data) > 0.1:
                return None
            text = _decode_legacy(data)
    if _binary_share(text[:4096].encode("utf-8", errors="replace")) > 0.1:
        return None
    return normalise_text(text)


def normalise_text(text: str) -> str:
    """Unify line breaks and drop control characters; change nothing else."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text.lstrip("\ufeff")))


def looks_like_markdown(text: str) -> bool:
    return any(sign.search(text) for sign in _MARKDOWN_SIGNS)


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """ASCII-heavy UTF-16 text has a zero byte in every other position."""
    sample = data[:2000]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0), odd.count(0)) > 0.4 * len(odd) and min(
        even.count(0), odd.count(0)
    ) < 0.05 * len(odd)


def _binary_share(data: bytes) -> float:
    """Share of bytes that are control characters no text file contains."""
    sample = data[:4096]
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(sample)


def _decode_legacy(data: bytes) -> str:
    # cp1252 is what Windows editors write; it leaves five bytes undefined,
    # which latin-1 maps to something rather than failing.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
