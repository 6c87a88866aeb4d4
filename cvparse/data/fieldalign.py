"""Field labeller examples from the real CVs: each gold publication aligned with the
tokens of the entry the parser cut for it.

The gold says what an entry's title, authors, venue and year are, not where they are
printed. The title, the author list and the venue are each the run of tokens its
words explain best (Kadane, as cvparse/data/align.py does for lines), claimed in that
order so that a word shared by title and venue goes to the title; the year, pages, DOI,
links and status words are found by their shape. Punctuation joins the token before
it; what no field claims is ``other``, as in the public corpora. An entry whose title,
authors or venue cannot be found is left out rather than taught half-labelled.

Real CVs carry their owners' contact details: ``private`` says which tokens must not
reach the model as words (train.py drops their lexical features).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..labeller.fields import LINK_WORDS, STATUS, Token, tokenize
from .fieldsynth import Example

# Words that lead into a status word: "to appear", "under review", "in press".
_STATUS_LEAD = frozenset({"to", "in", "under", "paper", "conditionally", "and"})
_VENUE_LEAD = re.compile(r"^(?:in|proc|proceedings|of|the|\d+(?:st|nd|rd|th)|annual)$")
_VOLUME = re.compile(r"^(?:vol|volume|no|issue|nr)$")
_NUMBERISH = re.compile(r"^\(?\d+(?:\.\d+)?[a-z]?\)?(?:\(\d+(?:[-–]\d+)?\))?[,.:;]?$")
_PAGE_RANGE = re.compile(r"^(?:pp?\.)?\d+\s*[-–]+\s*\d+[,.:;)]?$")
_DOI = re.compile(r"10\.\d{4,9}/|^doi", re.I)
_PAGES_LEAD = re.compile(r"^(?:pp?|pages?)$")
_BRACKETED = re.compile(r"^[\[(|]+(\w+)[\])|,.]*$")
_EMAIL = re.compile(r"\S@\S")
_PHONE = re.compile(r"^\+?[\d()][\d ().\-–]{6,}\d$")
_URL = re.compile(r"https?:|www\.|\.(?:com|org|edu|net|io|de|uk|cn|ac)\b|/~|~\w", re.I)


def words(text: str) -> list[str]:
    """Lower-case letter and digit runs without accents; single letters (initials) kept."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return [w for w in re.split(r"[^0-9a-z&]+", text) if w]


def private(token: Token) -> bool:
    """Whether a token looks like an e-mail address, a phone number or a web address."""
    text = token.text.strip("()[]<>,.;:")
    return bool(_EMAIL.search(text) or _PHONE.match(text) or _URL.search(text))


def _best_run(scores: list[float]) -> tuple[int, int, float]:
    """The contiguous run with the highest total score (Kadane); (0, -1, 0) if none."""
    best = (0, -1, 0.0)
    start, running = 0, 0.0
    for index, score in enumerate(scores):
        if running <= 0:
            if score <= 0:
                continue  # a run starts on a token that scores
            start, running = index, 0.0
        running += score
        if running > best[2]:
            best = (start, index, running)
    return best


def _claim(
    token_words: list[list[str]],
    wanted: set[str],
    free: list[bool],
    *,
    miss: float = 1.5,
    neutral: set[str] = frozenset(),
) -> tuple[int, int, float]:
    """The free run of tokens best explained by ``wanted``, and the share of ``wanted``
    it holds. Tokens without words (punctuation) and words in ``neutral`` count for
    nothing either way."""
    scores = []
    for ws, ok in zip(token_words, free, strict=True):
        ws = [w for w in ws if w not in neutral]
        if not ok:
            scores.append(-100.0)
        elif not ws:
            scores.append(0.0)
        else:
            scores.append(1.0 if all(w in wanted for w in ws) else -miss)
    first, last, _ = _best_run(scores)
    held = {w for ws in token_words[first : last + 1] for w in ws} & wanted
    return first, last, len(held) / len(wanted) if wanted else 0.0


def _title_end(
    tokens: list[Token], token_words: list[list[str]], first: int, last: int, title: set[str]
) -> int:
    """Where the title run really ends: at its closing quote, or at the first sentence
    end by which it holds all its title words ("... energy consumption. Energy Policy")."""
    held = {w for ws in token_words[first : last + 1] for w in ws} & title
    seen: set[str] = set()
    for k in range(first, last):
        seen.update(token_words[k])
        end = tokens[k].text.rstrip(".,;:")[-1:] in '"”' or (
            tokens[k].text[-1] in ".?!" and held <= seen
        )
        if end:
            return k
    return last


def _leads(token_words: list[str]) -> bool:
    return bool(token_words) and all(_VENUE_LEAD.match(w) for w in token_words)


def _author_words(gold: dict) -> set[str]:
    """Each author's name words and initials; connectors of a printed author list."""
    found = {"and", "&", "et", "al", "with"}
    for author in gold.get("authors") or []:
        for word in words(author.get("name") or ""):
            found |= {word, word[0]}
    return found


def label_entry(tokens: list[Token], gold: dict) -> list[str] | None:
    """A label for each token of one entry given its gold publication, or None when
    the title, the authors or the venue cannot be found in it."""
    token_words = [words(t.text) for t in tokens]
    labels = ["" for _ in tokens]
    free = [True] * len(tokens)

    def mark(first: int, last: int, label: str) -> None:
        for index in range(first, last + 1):
            if free[index]:
                labels[index], free[index] = label, False

    # A link label of a few words ("[Poster]", "Phys. Rev. B") is a link or the venue,
    # never part of the title or the authors; a whole entry linked is just the entry.
    short_link = _short_links(tokens)
    unlinked = [not link for link in short_link]
    title = set(words(gold.get("title") or ""))
    first, last, share = _claim(token_words, title, unlinked)
    if share < 0.85:
        return None
    mark(first, _title_end(tokens, token_words, first, last, title), "title")
    authors = gold.get("authors") or []
    if authors:
        usable = [f and u for f, u in zip(free, unlinked, strict=True)]
        first, last, _ = _claim(token_words, _author_words(gold), usable, miss=1.0)
        held = {w for ws in token_words[first : last + 1] for w in ws}
        found = sum(
            any(len(w) > 1 and w in held for w in words(a.get("name") or "")) for a in authors
        )
        # An entry may print no authors (the owner's own list) or leave out the owner
        # ("with X and Y").
        if last >= first and found >= max(1, (len(authors) - 1) // 2):
            mark(first, last, "author")
        elif len(authors) > 1:
            return None
    names = [set(words(gold.get(key) or "")) for key in ("venue", "venue_short")]
    if names[0]:
        # "Proceedings of the 30th", "in 2024 IEEE ...", a badge's year "[OSDI'24]", an
        # arXiv number: none of them in the gold venue, all of them printed with it.
        lead = {w for ws in token_words for w in ws if _VENUE_LEAD.match(w)}
        numbers = {w for ws in token_words for w in ws if w.isdigit()}
        venue = names[0] | names[1]
        first, last, _ = _claim(
            token_words, venue, free, miss=1.0, neutral=(lead | numbers) - venue
        )
        held = {w for ws in token_words[first : last + 1] for w in ws}
        if max(len(held & name) / len(name) for name in names if name) < 0.5:
            return None
        while first > 0 and free[first - 1]:
            before = token_words[first - 1]
            year_inside = first > 1 and all(w in numbers for w in before) and before
            if not (_leads(before) or year_inside and _leads(token_words[first - 2])):
                break
            first -= 1
        mark(first, last, "venue")
    # DOIs, links ("PDF", "code", "[link]" in plain text) and web addresses the fields left.
    for index, token in enumerate(tokens):
        doi = gold.get("doi") and gold["doi"].lower() in token.text.lower()
        bracketed = _BRACKETED.match(token.text)
        link_word = bracketed is not None and bracketed.group(1).lower() in LINK_WORDS
        if _DOI.search(token.text) or doi:
            mark(index, index, "doi")
        elif short_link[index] or link_word or _URL.search(token.text):
            mark(index, index, "url")
    _mark_by_shape(tokens, token_words, gold, labels, free, mark)
    labels = _punctuation_joins(tokens, labels)
    # A long stretch no field explains is another entry run in, or prose: not taught.
    run = 0
    for token, label in zip(tokens, labels, strict=True):
        run = run + 1 if label == "other" and any(c.isalpha() for c in token.text) else 0
        if run > _MOST_UNEXPLAINED:
            return None
    return labels


def _short_links(tokens: list[Token], most: int = 3) -> list[bool]:
    """Whether each token sits in a run of at most ``most`` linked tokens."""
    found = [False] * len(tokens)
    index = 0
    while index < len(tokens):
        end = index
        while end < len(tokens) and tokens[end].link:
            end += 1
        if end > index:
            found[index:end] = [end - index <= most] * (end - index)
        index = end + 1 if end == index else end
    return found


def _mark_by_shape(tokens, token_words, gold: dict, labels, free, mark) -> None:
    """Year (and a month beside it), pages, volume and status words among free tokens."""
    year = str(gold.get("year") or "")
    for index, ws in enumerate(token_words):
        if not free[index] or not ws:
            continue
        text = tokens[index].text
        if year and (year in ws or re.search(rf"['’]{year[2:]}\b", text)):
            mark(index, index, "date")
            for side in (index - 1, index + 1):
                near = token_words[side] if 0 <= side < len(tokens) else []
                if near and free[side] and near[0][:3] in _MONTHS and near[0].isalpha():
                    mark(side, side, "date")
    pages = words(gold.get("pages") or "")
    for index, ws in enumerate(token_words):
        if not free[index] or not ws:
            continue
        text = tokens[index].text
        gold_pages = pages and ws[0] == pages[0] and (len(pages) == 1 or ws[-1] == pages[-1])
        if gold_pages or _PAGE_RANGE.match(text):
            mark(index, index, "pages")
            if (
                index
                and free[index - 1]
                and all(_PAGES_LEAD.match(w) for w in token_words[index - 1] or ["-"])
            ):
                mark(index - 1, index - 1, "pages")
        elif all(_VOLUME.match(w) for w in ws) and index + 1 < len(tokens):
            if _NUMBERISH.match(tokens[index + 1].text):
                mark(index, index + 1, "volume")
        elif _NUMBERISH.match(text) and index and labels[index - 1] == "venue":
            mark(index, index, "volume")
        elif any(w in STATUS for w in ws):
            first = index
            while (
                first
                and free[first - 1]
                and all(w in STATUS or w in _STATUS_LEAD for w in token_words[first - 1] or ["x"])
            ):
                first -= 1
            mark(first, index, "status")


_MOST_UNEXPLAINED = 8  # words in a row
_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}


def _punctuation_joins(tokens: list[Token], labels: list[str]) -> list[str]:
    """Tokens without a letter or digit take the label before them; the rest, other."""
    out: list[str] = []
    for token, label in zip(tokens, labels, strict=True):
        if not any(c.isalnum() for c in token.text) and out:
            label = label or out[-1]
        out.append(label or "other")
    return out


def examples(entries: Iterable[tuple[str, frozenset[int], dict]]) -> list[Example]:
    """Examples from (entry sentinel text, line breaks, gold publication) triples."""
    found = []
    for text, breaks, gold in entries:
        tokens = tokenize(text, breaks)
        labels = label_entry(tokens, gold) if tokens else None
        if labels is not None:
            found.append(Example(tokens, labels))
    return found
