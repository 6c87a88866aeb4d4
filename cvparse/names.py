"""Person-name helpers: split author lists, recognise name shapes, compare names.

Names are kept as written; these helpers only decide where one name ends and
the next begins, and whether two spellings ("Mogi, R.", "Ryohei MOGI") can be
the same person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from .text import PARENTHETICAL

# Lower-case particles that belong to a family name ("van der Berg", "del Mundo").
# fmt: off
PARTICLES = frozenset({
    "van", "von", "der", "den", "de", "del", "della", "dei", "di", "da", "du", "dos", "das",
    "la", "le", "al", "el", "bin", "ben", "ten", "ter", "zu", "y", "e"
})
# fmt: on
# Name suffixes that follow a name after a comma ("Smith, Jr.").
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# A group author such as "the COVerAGE-DB team".
GROUP_AUTHOR = re.compile(
    r"^(?:the\s+)?[\w .&'-]{2,60}\s(?:team|group|consortium|collaboration)$",
    re.IGNORECASE,
)
# "et al." and an elided run of names ("...") stand for authors not printed.
_GLUED_ET_AL = re.compile(r"(?<=[\w.])\s+(?=[\x01-\x06]?et\.?\s*al\b\.?[\x01-\x06]?\.?$)")
ET_AL = re.compile(r"^(?:and\s+|&\s*)?et\.?\s*al\.?$|^and\s+others$|^(?:\.\.\.|…)$", re.IGNORECASE)
# Marks printed after (or before) a name: equal contribution, corresponding author...
MARKS = "*†‡§¶#✉^"
_MARKS_TO_SPACE = str.maketrans(dict.fromkeys(MARKS, " "))

# Control characters a caller may use to mark up text (bold, links): not part of a name.
_CTRL = re.compile(r"[\x01-\x08\x0e-\x1f]")
INITIAL = re.compile(r"^(?:[A-Z\u00c0-\u00de]\.?-?){1,3}\.?$|^[A-Z][a-z]?\.$")
_CAP_WORD = re.compile(r"^[A-Z\u00c0-\u00de\u0100-\u024f][\w'’.\-\u00c0-\u024f]*$")
_CJK = re.compile(r"^[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]{2,4}$")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_initials(word: str) -> bool:
    """True for "A.", "A", "J.-P.", "GH", "Ch." — a given name cut to initials."""
    return bool(INITIAL.match(_CTRL.sub("", word).strip(",;")))


@lru_cache(maxsize=8192)
def strip_marks(name: str) -> tuple[str, str]:
    """Split a printed name into (name, marks): "Z. Jin*" -> ("Z. Jin", "*")."""
    marks = "".join(c for c in name if c in MARKS)
    clean = name.translate(_MARKS_TO_SPACE) if marks else name
    # An affiliation digit glued to the end of a name ("Zhang1") is a mark too.
    clean = re.sub(r"(?<=[a-z\u00e0-\u024f])\d{1,2}\b", "", clean)
    return " ".join(clean.split()).strip(" ,;"), marks


# Titles and degrees around a name ("Dr. Michael Jahn", "Jane Doe, PhD").
_HONORIFIC = re.compile(
    r"^(?:(?:dr|prof|professor|mr|mrs|ms)\.?\s+)+|,?\s+(?:ph\.?\s?d\.?|m\.?d\.?|jr\.?|sr\.?)$",
    re.IGNORECASE,
)
# Endings of English words that are rarely endings of names ("Prediction", "Adaptive").
_TITLE_WORD_END = re.compile(r"(tion|sion|ive|ment|ness|ity|ics|ance|ence|able|ing|ism|ogy)s?$")


def _name_word_ok(word: str) -> bool:
    w = _CTRL.sub("", word).strip(",;")
    if not w or w.endswith("-") or w.startswith("-"):  # a word cut by a line wrap
        return False
    if w in PARTICLES or w.lower() in SUFFIXES:
        return True
    if is_initials(w) or _CJK.match(w):
        return True
    if _CAP_WORD.match(w):
        return True
    # All-caps family names ("MOGI") and hyphenated ones ("Canudas-Romo").
    return bool(re.fullmatch(r"[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de'’-]+", w))


@lru_cache(maxsize=8192)
def looks_like_name(text: str, *, strict: bool = False) -> bool:
    """Whether `text` (marks already removed) reads as one person's name.

    A name has one to five words, each capitalised, an initial or a particle,
    and at least one word that is not an initial. `strict` also refuses a name
    without initials that has a word with a typical English ending
    ("Adaptive Prediction"), to tell names from title fragments.
    """
    text = re.sub(rf"\s*{PARENTHETICAL}\s*$", "", text).strip()
    if not text or len(text) > 60:
        return False
    if GROUP_AUTHOR.match(text):
        return True
    if "," in text:
        family, _, given = text.partition(",")
        return (
            (looks_like_name(family.strip()) or _name_word_ok(family.strip()))
            and bool(given.strip())
            and all(_name_word_ok(w) for w in given.split())
        )
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    if len(words) == 1:
        return bool(_CJK.match(words[0]))
    if not all(_name_word_ok(w) for w in words):
        return False
    # "Hudson EP. Slow Protein", "Jones. Forthcoming": a period that ends a sentence.
    if any(
        re.fullmatch(r"[A-Z]{2,3}\.", w) or w.endswith(".") and not is_initials(w)
        for w in words[:-1]
    ):
        return False
    full = [w for w in words if not is_initials(w) and w not in PARTICLES]
    if not full or not any(len(w.strip(".,")) >= 2 for w in full):
        return False
    titleish = any(len(w) > 5 and _TITLE_WORD_END.search(w.lower()) for w in words)
    return not (strict and len(full) == len(words) and titleish)


def _join_inverted(parts: list[str]) -> list[str]:
    """Rejoin "Family, G." pairs that a comma split tore apart."""
    out: list[str] = []
    for part in parts:
        words = _CTRL.sub("", strip_marks(part)[0]).split()  # "P. R.*" is initials with a mark
        if (
            out
            and words
            and (
                all(is_initials(w) or w.lower() in SUFFIXES for w in words)
                # "Guedes, J. d’Alpoim": initials, then a lower-case particle's name
                or len(words) > 1
                and is_initials(words[0])
                and words[1][:1].islower()
            )
            and "," not in out[-1]
            and len(out[-1].split()) <= 3
            and not any(is_initials(w) for w in out[-1].split())
        ):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


_SPLIT = re.compile(r"\s*;\s*|\s*,\s*(?:and|&)\s+|\s+(?:and|&)\s+|\s*,\s*", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[str, ...]:
    return tuple(_split_authors(text))


def split_authors(text: str) -> list[str]:
    """Split a printed author list into names, dropping "et al.".

    Handles "A, B, and C", "A and B", "A; B", APA "Family, G., Family2, G2., &
    Family3, G3.", Vancouver "Family GH, Family2 G", and the Chicago habit of
    inverting only the first author ("Family, Given, Given2 Family2, and ...").
    Names keep any marks printed with them ("Z. Jin*").
    """
    return list(_split_cached(text))


def _split_authors(text: str) -> list[str]:
    """Split a printed author list into names, dropping "et al.".

    Handles "A, B, and C", "A and B", "A; B", APA "Family, G., Family2, G2., &
    Family3, G3.", Vancouver "Family GH, Family2 G", and the Chicago habit of
    inverting only the first author ("Family, Given, Given2 Family2, and ...").
    Names keep any marks printed with them ("Z. Jin*").
    """
    text = text.strip().rstrip(";, ")
    # "Allen, F. et al.": a trailing "et al." without its comma is still a part of its own.
    text = _GLUED_ET_AL.sub(", ", text)
    # "Consigli, S., … Sanborn, T. A.": the ellipsis that skips names is a part of its own.
    text = re.sub(r"\s*(?:…|\.\.\.)\s*(?=\w)", ", …, ", text)
    if text.endswith(".") and not re.search(r"(?:^|[\s.\-])[A-Z]\.$", text):
        text = text[:-1]  # a sentence's period, not an initial's
    # Keep parentheticals after a name ("(co-first author)") with that name.
    protected = re.sub(PARENTHETICAL, lambda m: "(" + m.group(1).replace(",", "\x00") + ")", text)
    parts = [p.replace("\x00", ",").strip() for p in _SPLIT.split(protected)]
    parts = [p for p in parts if p]
    parts = _join_inverted(parts)
    # Chicago: only the first author inverted -> "Family, Given".
    if (
        len(parts) >= 2
        and "," not in parts[0]
        and len(parts[0].split()) == 1
        and not is_initials(parts[0])
        and 1 <= len(parts[1].split()) <= 3
        and not is_initials(parts[1].split()[0])
        and all(len(strip_marks(p)[0].split()) >= 2 for p in parts[2:] if not ET_AL.match(p))
    ):
        parts[0:2] = [f"{parts[0]}, {parts[1]}"]
    return [p for p in parts if not ET_AL.match(strip_marks(p)[0] or p)]


@dataclass(frozen=True)
class NameParts:
    """One person's name in the parts citation formats need (CSL, BibTeX).

    ``literal`` is set, and nothing else, for a group author kept whole ("The OpenAI
    Team"); otherwise ``family`` is set (it alone for a one-word name).
    """

    given: str = ""  # "Anna", "M. A." (Vancouver "MA" written out as initials)
    family: str = ""  # "Berg", without its particle
    particle: str = ""  # "van der": lower-case words the family name starts with
    suffix: str = ""  # "Jr.", "III"
    literal: str = ""

    @property
    def full_family(self) -> str:
        """The family name with its particle ("van der Berg"), as names are sorted and keyed."""
        return f"{self.particle} {self.family}".strip()


# Titles before a name and degrees after it: not part of the name.
_TITLE_WORDS = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "sir", "assoc", "asst"})
_DEGREES = re.compile(r"^(?:ph\.?\s?d|m\.?d|m\.?sc|b\.?sc)\.?$", re.IGNORECASE)
# Brackets, parentheses, digits and marks carry notes about a name, never the name.
_NOT_NAME = re.compile(rf"{PARENTHETICAL}|\[[^\]]*\]|\d+")
# Initials written without dots after a Vancouver family name ("Jahn MA", "Hudson EP").
_BARE_INITIALS = re.compile(r"[A-Z]{1,3}")


def _is_suffix(word: str) -> bool:
    return word.lower().strip(",") in SUFFIXES


def _is_particle(word: str) -> bool:
    # Only written in lower case: "De Luca" keeps "De" as part of its family name, as
    # BibTeX reads it.
    return word in PARTICLES


def _bare_initials(word: str) -> str:
    """ "MA" -> "M. A.": Vancouver initials spelled as other styles print them."""
    return " ".join(f"{letter}." for letter in word)


def _clean(name: str) -> str:
    name = _CTRL.sub("", name).replace("\u00a0", " ")
    return strip_marks(_NOT_NAME.sub(" ", name))[0]


def _without_titles(words: list[str]) -> list[str]:
    start = 0
    while start < len(words) - 1 and words[start].lower().rstrip(".") in _TITLE_WORDS:
        start += 1
    return [w for w in words[start:] if not _DEGREES.match(w)]


def _split_family(words: list[str]) -> tuple[str, str]:
    """(particle, family) of a family name's words: "van der Berg" -> ("van der", "Berg")."""
    start = 0
    while start < len(words) - 1 and _is_particle(words[start]):
        start += 1
    return " ".join(words[:start]), " ".join(words[start:])


def _inverted(parts: list[str]) -> NameParts:
    """ "van der Berg, Anna", "King, Jr., Martin Luther", "King, Martin Luther, Jr."."""
    family_words = _without_titles(parts[0].split())
    rest = [p for p in parts[1:] if p]
    suffixes = [p for p in rest if all(_is_suffix(w) for w in p.split())]
    given_words = _without_titles(" ".join(p for p in rest if p not in suffixes).split())
    while given_words and _is_suffix(given_words[-1]):
        suffixes.append(given_words.pop())
    # "Berg, Anna van der": the particle printed after the given names.
    trailing = len(given_words)
    while trailing > 1 and _is_particle(given_words[trailing - 1]):
        trailing -= 1
    particle, family = _split_family(given_words[trailing:] + family_words)
    given = given_words[:trailing]
    if len(given) == 1 and _BARE_INITIALS.fullmatch(given[0]) and len(given[0]) > 1:
        given = [_bare_initials(given[0])]  # "Jahn, MA"
    return NameParts(
        given=" ".join(given), family=family, particle=particle, suffix=" ".join(suffixes)
    )


@lru_cache(maxsize=16384)
def name_parts(name: str) -> NameParts:
    """The parts of a printed name, in any of the orders CVs and citation styles use.

    "Anna van der Berg" and "van der Berg, Anna" and "Berg, Anna van der" give the
    same parts; so do "Martin Luther King Jr." and "King, Jr., Martin Luther";
    "Jahn MA" gives given "M. A."; "The OpenAI Team" is a literal name. Titles
    ("Dr.", "Prof."), degrees ("PhD"), marks and notes in brackets are dropped.
    """
    text = _clean(name)
    if GROUP_AUTHOR.match(text):
        return NameParts(literal=text)
    suffix: list[str] = []
    if "," in text:
        parts = [p.strip() for p in text.split(",")]
        # "Martin Luther King, Jr.", "Jane Doe, PhD": a comma before a suffix or a degree
        # does not invert the name.
        while len(parts) > 1 and all(_is_suffix(w) or _DEGREES.match(w) for w in parts[-1].split()):
            suffix[:0] = [w for w in parts.pop().split() if _is_suffix(w)]
        if len(parts) > 1:
            inverted = _inverted(parts)
            return replace(inverted, suffix=" ".join([inverted.suffix, *suffix]).strip())
        text = parts[0]
    words = _without_titles(text.split())
    while len(words) > 2 and _is_suffix(words[-1]):
        suffix.insert(0, words.pop())
    if len(words) < 2:
        return NameParts(family=" ".join(words), suffix=" ".join(suffix))
    parts = _uninverted(words)
    return NameParts(
        given=parts.given, family=parts.family, particle=parts.particle, suffix=" ".join(suffix)
    )


def _uninverted(words: list[str]) -> NameParts:
    if not is_initials(words[0]):
        # Vancouver "Jahn M", "Hudson EP", "Chen Y. M.": the family name, then initials.
        if _BARE_INITIALS.fullmatch(words[-1]):
            return NameParts(given=_bare_initials(words[-1]), family=" ".join(words[:-1]))
        if all(is_initials(w) and "." in w for w in words[1:]):
            return NameParts(given=" ".join(words[1:]), family=words[0])
    # An all-caps family name in either place ("Ryohei MOGI", "MOGI Ryohei").
    caps = [w for w in words if len(w) > 1 and w.isupper() and not is_initials(w)]
    if len(caps) == 1 and len(words) == 2:
        family = caps[0]
        return NameParts(given=next(w for w in words if w != family), family=family)
    start = len(words) - 1
    while start > 1 and _is_particle(words[start - 1]):
        start -= 1
    particle, family = _split_family(words[start:])
    return NameParts(given=" ".join(words[:start]), family=family, particle=particle)


def parse_name(name: str) -> tuple[str, str]:
    """(given, family) of a printed name, the family name with its particle."""
    parts = name_parts(name)
    return parts.given, parts.literal or parts.full_family


@lru_cache(maxsize=8192)
def _norm_word(text: str) -> str:
    return re.sub(r"[^a-z]", "", strip_accents(text).lower())


def name_key(name: str) -> tuple[str, str]:
    """(family, first initial) normalised: case, accents and hyphens ignored."""
    given, family = parse_name(name)
    initial = _norm_word(given)[:1]
    return _norm_word(family), initial


@lru_cache(maxsize=16384)  # each author is checked against each owner spelling, twice
def same_person(a: str, b: str) -> bool:
    """Whether two printed names can be one person ("Mogi, R." ~ "Ryohei MOGI").

    Family names must agree; given names must agree on the first initial and,
    when both are spelled out, on the whole first given name.
    """
    (ga, fa), (gb, fb) = parse_name(a), parse_name(b)
    if fa and _norm_word(fa) != _norm_word(fb):
        # A family name of several words in one spelling only ("Canudas-Romo, V."
        # ~ "Vladimir Canudas Romo"): move the extra words from given to family.
        for (g1, f1), (g2, f2) in (((ga, fa), (gb, fb)), ((gb, fb), (ga, fa))):
            words = g2.split()
            for k in (1, 2):
                if len(words) > k and _norm_word(" ".join(words[-k:]) + f2) == _norm_word(f1):
                    (ga, fa), (gb, fb) = (g1, f1), (" ".join(words[:-k]), f1)
                    break
    if not fa or _norm_word(fa) != _norm_word(fb):
        # Given and family swapped ("Zhang Zili" vs "Zili Zhang").
        return (
            bool(ga and gb)
            and _norm_word(fa) == _norm_word(gb)
            and _norm_word(ga) == _norm_word(fb)
        )
    wa, wb = ga.replace(".", " ").split(), gb.replace(".", " ").split()
    if not wa or not wb:
        return True
    ia, ib = _norm_word(wa[0]), _norm_word(wb[0])
    if not ia or not ib or ia[0] != ib[0]:
        return False
    if len(ia) > 1 and len(ib) > 1 and not is_initials(wa[0]) and not is_initials(wb[0]):
        return ia == ib
    return True


def display_name(name: str) -> str:
    """ "Family, Given" -> "Given Family"; other forms unchanged."""
    name = strip_marks(name)[0]
    if "," in name:
        given, family = parse_name(name)
        return f"{given} {family}".strip()
    return name
