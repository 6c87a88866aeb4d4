"""Markdown, HTML, LaTeX and icon cleanup."""

import pytest

from cvparse.text import clean_line, plain, strip_hidden


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("### **About Me**", "### About Me"),
        ("I am at <u>ARClab</u>, China", "I am at ARClab, China"),
        ("National 1 <sup>st</sup> Prize", "National 1st Prize"),
        (" $\\blacksquare$  a@b.com  $\\cdot$ ", "a@b.com"),
        ("Ada Lovelace\\*, **Mary Somerville\\***", "Ada Lovelace*, Mary Somerville*"),
        ("Charles Babbage$^*$", "Charles Babbage*"),
        ("*Proceedings of the IEEE*", "Proceedings of the IEEE"),
        ("☑ ada lovelace@example.edu", "ada lovelace@example.edu"),
        ("ðŸ”¥We are hiring!", "We are hiring!"),
        ("[BladeDISC](https://github.com/alibaba/BladeDISC). A compiler", "BladeDISC. A compiler"),
        ("727 PLC\\", "727 PLC"),
        ("| a | b |", "a: b"),
        ("| a | b | c |", "a · b · c"),
        ("|---|---|", ""),
        ("Tea &amp; coffee&nbsp;time", "Tea & coffee time"),
    ],
)
def test_cleanup(raw, expected):
    assert plain(clean_line(raw)) == expected


def test_bold_and_links_are_kept_in_marked_text():
    marked = clean_line("**A. Lovelace**, [PDF](/a.pdf) *Venue*")
    assert marked == "**A. Lovelace**, [PDF](/a.pdf) Venue"


def test_emphasis_kept_for_publications():
    assert clean_line("*Venue* $\\bullet$ x", keep_emphasis=True) == "*Venue* x"


def test_strip_hidden_keeps_line_count():
    text = "---\na: 1\n---\nx {{ site.y }}\n<!--\nz\n-->"
    assert strip_hidden(text).count("\n") == text.count("\n")
