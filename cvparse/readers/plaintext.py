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
    elif byte_order := _bomless_utf16(data):
        text = data.decode(byte_order, errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Text in an 8-bit encoding never holds a NUL byte.
            if b"\x00" in data[:4096] or _binary_share(data) > 0.1:
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


def _bomless_utf16(data: bytes) -> str | None:
    """The byte order of UTF-16 text without a BOM, or None.

    ASCII characters (line breaks, spaces, digits) have a zero byte, always on the same
    side: ASCII-heavy text has one in almost every other byte; text mostly in CJK has
    fewer, and must then also decode as UTF-16 throughout.
    """
    sample = data[:2000]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if min(even, odd) >= 0.05 * half or max(even, odd) < 0.1 * half:
        return None
    byte_order = "utf-16-le" if odd > even else "utf-16-be"
    if max(even, odd) <= 0.4 * half:
        try:  # not final: the sample may end inside a character
            codecs.getincrementaldecoder(byte_order)().decode(sample, final=False)
        except UnicodeDecodeError:
            return None
    return byte_order


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
