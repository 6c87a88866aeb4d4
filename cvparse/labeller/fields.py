"""The field labeller: a token-level linear-chain CRF over one publication entry.

Each whitespace token of the entry gets one of ``LABELS``, after AnyStyle's parser
(whitespace tokens, word-shape, punctuation and lexicon features with a window of
neighbours) and GROBID's citation model (layout: bold, italic, line start, relative
position). The entry text is the parser's sentinel text (``publications.to_sentinels``),
so bold, italic, underline and link labels are token features; link URLs are not tokens.

The model (``fields.crfsuite``, rebuilt by ``python -m cvparse.train``) is loaded once
per process, lazily; ``CVPARSE_FIELD_MODEL`` points at another one ("off": none).
"""

from __future__ import annotations

import functools
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from . import open_model

LABELS = (
    "author", "title", "venue", "date", "volume", "pages", "doi", "url", "publisher",
    "status", "note", "other",
)  # fmt: skip
MODEL_PATH = Path(__file__).with_name("fields.crfsuite")
MODEL_ENV = "CVPARSE_FIELD_MODEL"
# Past this many tokens an entry is no citation; the rules read it alone.
MAX_TOKENS = 400

_B_ON, _B_OFF, _I_ON, _I_OFF, _U_ON, _U_OFF = "\x01", "\x02", "\x03", "\x04", "\x05", "\x06"
_L_ON, _L_OFF, _L_URL = "\x10", "\x11", "\x12"
_STYLE = {_B_ON: ("bold", True), _B_OFF: ("bold", False), _I_ON: ("italic", True),
          _I_OFF: ("italic", False), _U_ON: ("under", True), _U_OFF: ("under", False),
          _L_ON: ("link", True), _L_OFF: ("link", False)}  # fmt: skip


@dataclass(slots=True)
class Token:
    text: str  # the token without sentinels
    start: int  # offsets in the sentinel text, sentinels inside included
    end: int
    bold: bool = False
    italic: bool = False
    under: bool = False
    link: bool = False
    line_start: bool = False


_WORD_RUN = re.compile(r"\S+")
_LINK_URL = re.compile(r"\x12[^\x11]*")
_MARKUP = re.compile(r"[\x01-\x06\x0e-\x12]")
_STRIP_MARKUP = dict.fromkeys(range(0x01, 0x07)) | dict.fromkeys(range(0x0E, 0x13))


def _style_runs(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each style is on: (from, to) offsets, from its opening to its closing mark."""
    runs: dict[str, list[tuple[int, int]]] = {}
    opened: dict[str, int] = {}
    for m in _MARKUP.finditer(text):
        if m.group() not in _STYLE:
            continue
        key, on = _STYLE[m.group()]
        if on:
            opened.setdefault(key, m.start())
        elif key in opened:
            runs.setdefault(key, []).append((opened.pop(key), m.start()))
    for key, start in opened.items():
        runs.setdefault(key, []).append((start, len(text)))
    return runs


def tokenize(text: str, breaks: frozenset[int] = frozenset()) -> list[Token]:
    """Whitespace tokens of sentinel ``text`` with the styles they carry; a link's URL
    is skipped. ``breaks``: offsets where a source line began."""
    marked = _MARKUP.search(text) is not None
    visible = _LINK_URL.sub(lambda m: " " * len(m.group()), text) if marked else text
    runs = _style_runs(text) if marked else {}
    tokens: list[Token] = []
    for m in _WORD_RUN.finditer(visible):
        word = m.group().translate(_STRIP_MARKUP) if marked else m.group()
        if not word:
            continue
        start, end = m.start(), m.end()
        token = Token(word, start, end, line_start=start in breaks or not tokens)
        for key, spans in runs.items():
            if any(a < end and start < b for a, b in spans):
                setattr(token, key, True)
        tokens.append(token)
    return tokens


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = _words(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december spring summer fall autumn winter"
)
STATUS = _words(
    "accepted appear forthcoming press submitted review revision preparation progress "
    "preprint manuscript draft revise resubmit r&r minor major pending filed working mimeo"
)
VENUE = _words(
    "journal proceedings proc conference conf symposium workshop transactions trans review "
    "letters lett annals annual bulletin quarterly magazine international intl int meeting "
    "congress arxiv biorxiv medrxiv ssrn acm ieee usenix siam aaai springer nature science "
    "advances reports research studies society association forum colloquium summit series "
    "j phys rev chem am natl acad sci econ"
)
PUBLISHER = _words(
    "press publishers publisher publishing verlag books university elsevier wiley routledge "
    "springer palgrave sage blackwell brill macmillan oxford cambridge mit"
)
LINK_WORDS = _words(
    "pdf code slides video link url html bibtex bib poster project website paper talk "
    "preprint arxiv doi github data dataset abstract supplement supplementary demo blog"
)
FUNCTION = _words(
    "and & with et al al. in of the on for to a an eds ed editors editor edited by vol no pp "
    "p pages volume issue chapter thesis dissertation phd patent technical report tech "
    "rep ch sec best paper award oral spotlight invited equal contribution corresponding"
)
_PARTICLES = _words("van von der de den del della di da du le la dos das ter ten bin al")
_YEAR = re.compile(r"^(?:19|20)\d\d[a-z]?$")
_CORE = re.compile(r"^[^\w]*(.*?)[^\w]*$", re.S)
_DOI = re.compile(r"10\.\d{4,9}/", re.I)
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|edu|net|io)\b", re.I)
_SHAPE_RUNS = re.compile(r"(.)\1+")


def _shape(core: str) -> str:
    mapped = "".join(
        "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in core
    )
    return _SHAPE_RUNS.sub(r"\1\1", mapped)[:8]


@functools.lru_cache(maxsize=16384)
def _word_features(text: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """(own features, what a neighbour at each offset sees) of one token's text."""
    core = _CORE.match(text).group(1)
    low = core.lower()
    shape = _shape(core)
    first = text[0] if not text[0].isalnum() else "a"
    last = text[-1] if not text[-1].isalnum() else "a"
    flags = []
    if _YEAR.match(core) or re.fullmatch(r"['’]\d\d", text.strip(",.;:)]")):
        flags.append("year")
    elif core.isdigit():
        flags.append("num_small" if len(core) <= 2 else "num_big")
    if re.search(r"\d[-–—]+\d", core):
        flags.append("range")
    if re.fullmatch(r"[A-Z]\.(?:-?[A-Z]\.)*,?|[A-Z]{1,3},?", text):
        flags.append("initials")
    if len(core) > 1 and core.isupper():
        flags.append("caps")
    bare = low.rstrip(".")
    for name, lexicon in _LEXICONS:
        if bare in lexicon:
            flags.append(name)
    if _DOI.search(text) or low.startswith("doi"):
        flags.append("doi")
    if _URLISH.search(text):
        flags.append("url")
    if "@" in text:
        flags.append("email")
    if any(c in "*†‡§¶#" for c in text):
        flags.append("mark")
    own = (f"w={low[:24]}", f"shape={shape}", f"first={first}", f"last={last}",
           f"suf={low[-3:]}", f"len={min(len(core), 10)}", *flags)  # fmt: skip
    seen = (f"w={low[:24]}", f"shape={shape}", f"last={last}", f"first={first}",
            *(f for f in flags if f in _SEEN))  # fmt: skip
    return own, {offset: tuple(f"{offset}:{f}" for f in seen) for offset in (2, 1, -1, -2)}


_LEXICONS = (("month", MONTHS), ("status", STATUS), ("venue", VENUE), ("publisher", PUBLISHER),
             ("linkword", LINK_WORDS), ("func", FUNCTION), ("particle", _PARTICLES))  # fmt: skip
_SEEN = frozenset(("year", "initials", "venue", "month", "status", "func", "linkword", "caps"))
_SENTENCE_END = re.compile(r"[.?!][\"”’')\]]*$")


def features(tokens: list[Token]) -> list[list[str]]:
    """CRF features for each token: its own, running counts along the entry (sentences
    and years before it, inside quotes, parentheses or brackets), its styles, and what
    two neighbours each side look like."""
    words = [_word_features(t.text) for t in tokens]
    total = len(tokens)
    out: list[list[str]] = []
    sentences = quotes = parens = brackets = years = 0
    for index, token in enumerate(tokens):
        own, _ = words[index]
        text = token.text
        # Inside quotes from an opening quote to the token that closes them.
        if text[0] in '"“':
            quotes = 1
        parens += text[0] == "("
        brackets += text[0] == "["
        current = [*own, f"pos={10 * index // total}", f"sent={min(sentences, 4)}",
                   f"years={min(years, 2)}"]  # fmt: skip
        if quotes:
            current.append("quoted")
        if parens:
            current.append("paren")
        if brackets:
            current.append("bracket")
        if token.bold:
            current.append("bold")
        if token.italic:
            current.append("italic")
        if token.under:
            current.append("under")
        if token.link:
            current.append("link")
        if token.line_start:
            current.append("line_start")
        if index == 0:
            current.append("BOS")
        elif tokens[index - 1].bold != token.bold:
            current.append("bold_change")
        if index == total - 1:
            current.append("EOS")
        # What the neighbour k - index tokens away looks like.
        for k in range(max(0, index - 2), min(total, index + 3)):
            if k != index:
                current.extend(words[k][1][k - index])
        out.append(current)
        if text.rstrip(".,;:)")[-1:] in '"”' and (len(text) > 1 or not quotes):
            quotes = 0
        parens = max(0, parens - text.count(")"))
        brackets = max(0, brackets - text.count("]"))
        years += "year" in own
        if _SENTENCE_END.search(text) and "initials" not in own:
            sentences += 1
    return out


@dataclass(frozen=True)
class Labelled:
    tokens: list[Token]
    labels: list[str]
    confidence: list[float]  # marginal probability of each token's label


_LOCK = threading.Lock()  # a crfsuite Tagger holds its last sequence: one caller at a time


def field_model():  # -> pycrfsuite.Tagger | None
    return open_model(os.environ.get(MODEL_ENV) or str(MODEL_PATH))


def label_entry(text: str, breaks: frozenset[int] = frozenset()) -> Labelled | None:
    """The labels of one entry's sentinel text, or None without a model (or no tokens)."""
    tagger = field_model()
    # Tokens are at least words: a text of more words than that is refused unread.
    if tagger is None or len(text.split(maxsplit=MAX_TOKENS)) > MAX_TOKENS:
        return None
    tokens = tokenize(text, breaks)
    if not tokens or len(tokens) > MAX_TOKENS:
        return None
    found = features(tokens)
    with _LOCK:
        tagger.set(found)
        labels = tagger.tag()
        confidence = [tagger.marginal(label, i) for i, label in enumerate(labels)]
    return Labelled(tokens, labels, confidence)


@dataclass(frozen=True)
class Span:
    label: str
    start: int  # sentinel-text offsets
    end: int
    confidence: float  # the mean marginal of its tokens


def spans(labelled: Labelled) -> list[Span]:
    """Runs of tokens with one label, in order."""
    found: list[Span] = []
    run: list[int] = []
    for index, label in enumerate(labelled.labels):
        if run and labelled.labels[run[0]] != label:
            found.append(_span(labelled, run))
            run = []
        run.append(index)
    if run:
        found.append(_span(labelled, run))
    return found


def _span(labelled: Labelled, run: list[int]) -> Span:
    tokens = labelled.tokens
    mean = sum(labelled.confidence[i] for i in run) / len(run)
    return Span(labelled.labels[run[0]], tokens[run[0]].start, tokens[run[-1]].end, mean)
