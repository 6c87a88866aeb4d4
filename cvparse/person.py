"""The CV owner: name, contact details, links, address, bio and research interests;
plus the positions and degrees an "about" page states in prose."""

from __future__ import annotations

import re
from collections import Counter

from .blocks import looks_like_role
from .dates import find_dates
from .entries import INSTITUTION, advisors_in, header_pieces, position_kind
from .names import is_initials, strip_marks
from .text import links_in

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.I)
_PHONE = re.compile(r"(?<![\w/.])(?:\(\+?\d{1,4}\)\s*|\+)?\d[\d ().-]{5,}\d(?![\w/])")
PHONE_LABEL = re.compile(r"\b(phone|mobile|tel|telephone|cell|fax|e-?mail)\b", re.I)
_DOMAIN = re.compile(
    r"(?<![@\w./-])((?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*"
    r"\.(?:com|org|net|io|edu|me|info|dev|ai|cn|de|uk|ch|fr|nl|jp|site|xyz|page|app|blog)"
    r"(?:/[^\s)\]]*)?)(?![\w@-])",
    re.I,
)
SOCIAL = {
    "github.com": "GitHub",
    "scholar.google": "Google Scholar",
    "orcid.org": "ORCID",
    "linkedin.com": "LinkedIn",
    "twitter.com": "Twitter",
    "x.com": "Twitter",
    "researchgate.net": "ResearchGate",
    "gitlab.com": "GitLab",
    "dblp.org": "DBLP",
    "arxiv.org": "arXiv",
    "publons.com": "Publons",
}
# A link whose text says it is a blog ("[my blog](..)", "and [blogs](..)"): one of the
# owner's pages, not their homepage.
_BLOG_TEXT = re.compile(r"\bblogs?\b", re.I)
_HANDLE_LABEL = re.compile(r"\b(github|twitter|linkedin)\s*:\s*@?([\w.-]+)", re.I)
_HANDLE_URL = {
    "github": "https://github.com/{}",
    "twitter": "https://twitter.com/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
}
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’-]*\.?|[A-Z]\.|von|van|der|de|del|da|di|du|le|la)$")
_NOT_NAME = re.compile(
    r"\b(curriculum|vitae|resume|cv|university|department|school|institute|college|updated"
    r"|page|email|phone|street|road|student|professor|about|contact|homepage|download|pdf"
    r"|welcome|home|news|interested|click|here|menu|blog)\b",
    re.I,
)
_ADDRESS = re.compile(
    r"\b(road|street|st\.|avenue|ave\.|building|blvd|boulevard|lane|drive|dr\.|rd\.|room"
    r"|floor|suite|no\.\s?\d|p\.?o\.? box|zip|district|\d{5}|[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2})\b",
    re.I,
)


def looks_like_name(text: str) -> bool:
    tokens = text.replace(",", " ").split()
    return (
        2 <= len(tokens) <= 5
        and all(_NAME_WORD.match(t) for t in tokens)
        and not _NOT_NAME.search(text)
        and not re.search(r"\d|@", text)
    )


def display_name(text: str) -> str:
    """An ALL CAPS title line in name case; mixed case ("Ada LOVELACE") kept as printed."""
    if text.isupper():
        return " ".join(w.capitalize() if len(w) > 2 or "." not in w else w for w in text.split())
    return text


def repair_emails(text: str) -> str:
    """Undo conversion breaks and obfuscation: "name@ pku.edu.cn", "a [at] b [dot] edu"."""
    text = re.sub(r"\s*[\[(]\s*at\s*[\])]\s*", "@", text, flags=re.I)
    text = re.sub(r"\s*[\[(]\s*dot\s*[\])]\s*", ".", text, flags=re.I)
    text = re.sub(r"(?<=\w)\s*@\s+(?=\w)|(?<=\w)\s+@\s*(?=\w)", "@", text)
    return text


def emails_in(text: str, *, contact_line: bool) -> list[str]:
    text = repair_emails(text)
    if contact_line:
        # A PDF-to-text break inside the local part: "ada lovelace@example.edu".
        text = re.sub(
            r"(?<![\w:/.@-])([a-z][a-z0-9_.-]{1,15}) ([a-z0-9_.-]+@)",
            lambda m: (
                m.group(0)
                if m.group(1) in {"at", "email", "mail", "me", "or", "and", "to", "contact"}
                else m.group(1) + m.group(2)
            ),
            text,
        )
    return [m.group(0).rstrip(".") for m in EMAIL.finditer(text)]


def phones_in(text: str) -> list[str]:
    out = []
    for match in _PHONE.finditer(text):
        value = match.group(0).strip(" .-")
        digits = re.sub(r"\D", "", value)
        if not 9 <= len(digits) <= 15:
            continue
        if find_dates(value) and not value.startswith(("+", "(")) and len(find_dates(value)) > 1:
            continue
        if re.fullmatch(r"(19|20)\d\d\s*[-–]\s*(19|20)\d\d", value):
            continue
        out.append(value)
    return out


def social_label(url: str) -> str | None:
    return next((label for host, label in SOCIAL.items() if host in url.lower()), None)


def _with_scheme(url: str) -> str:
    return url if url.startswith("http") else f"https://{url}"


def contact_details(lines: list[tuple[int, str, str]]) -> dict:
    """Emails, phones, homepage and links from (no, marked, text) contact lines."""
    emails: list[str] = []
    phones: list[str] = []
    links: list[dict] = []
    homepage = None
    used: set[int] = set()
    for no, marked, text in lines:
        found = False
        for email in emails_in(text, contact_line=True):
            found = True
            if email.lower() not in (e.lower() for e in emails):
                emails.append(email)
        for phone in phones_in(text):
            found = True
            if re.sub(r"\D", "", phone)[-9:] not in {re.sub(r"\D", "", p)[-9:] for p in phones}:
                phones.append(phone)
        linked = [(text, url) for text, url in links_in(marked) if url.startswith("http")]
        blogs = {url for text, url in linked if _BLOG_TEXT.search(text)}
        urls = [url for _, url in linked]
        no_emails = EMAIL.sub(" ", repair_emails(text))
        urls += [_with_scheme(m.group(1)) for m in _DOMAIN.finditer(no_emails)]
        for handle in _HANDLE_LABEL.finditer(text):
            urls.append(_HANDLE_URL[handle.group(1).lower()].format(handle.group(2)))
        for url in urls:
            found = True
            label = "Blog" if url in blogs else social_label(url)
            if label:
                if all(link["url"] != url for link in links):
                    links.append({"label": label, "url": url})
            elif homepage is None and not url.lower().startswith("mailto"):
                homepage = url.rstrip(".,")
        if found:
            used.add(no)
    return {"emails": emails, "phones": phones, "homepage": homepage, "links": links, "used": used}


# Links that name a person's own page rather than a work: a profile, not a repository.
_PROFILE_URL = re.compile(
    r"^https?://(?:www\.)?(?:(?:github|gitlab|twitter|x)\.com/[\w.-]+/?$|orcid\.org/\d{4}-"
    r"|researchgate\.net/profile/|publons\.com/researcher/|linkedin\.com/in/"
    r"|scholar\.google\.[\w.]+/citations\?|dblp\.org/pid/)",
    re.I,
)
_HOMEPAGE_LABEL = re.compile(r"^(?:my |personal )?(?:home ?page|web ?site|web ?page)$", re.I)


def profile_links(marked: str) -> tuple[str | None, list[dict]]:
    """(homepage, profile links) among the links of a body line: "all code on
    [GitHub](https://github.com/alovelace); more on my [home page](https://...)"."""
    homepage = None
    links = []
    for label, url in links_in(marked):
        if _PROFILE_URL.match(url) and (kind := social_label(url)):
            links.append({"label": kind, "url": url})
        elif homepage is None and _HOMEPAGE_LABEL.match(label.strip()) and url.startswith("http"):
            homepage = url
    return homepage, links


# Lines an address block also holds: "727 PLC", "Department of X", "University of Y".
_ADDRESS_PART = re.compile(
    r"^(?:\d+[\w-]*\s+[A-Z]|(?:department|dept\.|school|faculty|institute|division|centre"
    r"|center|laborator\w*|college|university)\b)",
    re.I,
)


def _address_part(text: str) -> bool:
    if EMAIL.search(text) or _DOMAIN.search(text) or phones_in(text) or len(text.split()) > 14:
        return False
    if looks_like_role(text) or re.search(r"\s[·|]\s", text):
        return False  # "PhD Student · Some University" is a headline
    return bool(_ADDRESS_PART.match(text) or INSTITUTION.search(text) and "," not in text[-3:])


def address_of(texts: list[tuple[int, str]]) -> tuple[str | None, set[int]]:
    """A postal address: the preamble lines that read like one, with the department,
    university or building lines set right above or below them, joined."""
    strong = {i for i, (_, t) in enumerate(texts) if _ADDRESS.search(t) and not EMAIL.search(t)}
    if not strong:
        return None, set()
    picked = set(strong)
    for index in sorted(strong):
        for step in (-1, 1):
            nxt = index + step
            while 0 <= nxt < len(texts) and nxt not in picked and _address_part(texts[nxt][1]):
                picked.add(nxt)
                nxt += step
    lines = [texts[i] for i in sorted(picked)]
    return ", ".join(t.strip(" ,") for _, t in lines), {no for no, _ in lines}


_CONTACT_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_LINK_WORDS = re.compile(r"^(?:home ?page|web ?site|web|home|cv|blog|e-?mail|mail)$", re.I)


def contact_remainder(marked: str) -> list[str]:
    """What a contact line says besides e-mails, phones, links and their labels:
    "Research Scientist · Example Labs · [a@b.org](mailto:a@b.org)" -> the first two."""

    def drop_contact_link(match: re.Match[str]) -> str:
        label, url = match.group(1).strip(), match.group(2)
        contact = (
            url.startswith("mailto:")
            or social_label(url)
            or EMAIL.search(label)
            or _DOMAIN.fullmatch(label)
            or _LINK_WORDS.match(label)
        )
        return " " if contact else label

    rest = _CONTACT_LINK.sub(drop_contact_link, marked).replace("**", "")
    rest = EMAIL.sub(" ", repair_emails(rest))
    for phone in phones_in(rest):
        rest = rest.replace(phone, " ")
    rest = _DOMAIN.sub(" ", rest)
    rest = _HANDLE_LABEL.sub(" ", rest)
    rest = re.sub(
        r"\b(?:e-?mail|phone|mobile|tel|fax|web(?:site)?|homepage|github|twitter|linkedin)\s*:",
        " ",
        rest,
        flags=re.I,
    )
    parts = [p.strip(" ,;|·•◇") for p in re.split(r"\t|\s[|·•◇/]\s|\s{3,}", rest)]
    # not a label whose value went ("Google Scholar:"), nor a stray piece of an
    # e-mail address split by the conversion ("ada lovelace@...")
    return [
        p
        for p in parts
        if re.search(r"[A-Za-z]{2}", p) and not p.endswith(":") and not re.fullmatch(r"[a-z]+", p)
    ]


def is_address(text: str) -> bool:
    return bool(_ADDRESS.search(text))


def affiliation_of(address_lines: list[str]) -> str | None:
    """The department and university lines an address opens with: how the owner is known."""
    parts = []
    for line in address_lines:
        if re.search(r"\d", line) or not (_ADDRESS_PART.match(line) or INSTITUTION.search(line)):
            break
        parts.append(line.strip(" ,"))
    return ", ".join(parts) or None


def interests_in(text: str) -> list[str]:
    """Research interests named in a sentence ("My interests include X, Y and Z")."""
    match = re.search(
        r"(?:interests?\s+(?:include|includes|are|is|lie|lies)(?:\s+in)?"
        r"|focus(?:es)?\s+on|intersection of)\s+(.+?)(?:[.;]|, with\b|$)",
        text,
        re.I,
    )
    if not match:
        return []
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group(1))
    return [p.strip(" *") for p in parts if 0 < len(p.split()) <= 6]


# --------------------------------------------------------------------- prose (about pages)
_ROLE_SENTENCE = re.compile(
    r"\bI\s+(?:am|'m|was|served as|worked as|work as|joined \S+ as)\s+"
    r"(?:currently\s+|now\s+|also\s+)?"
    r"(?:a|an|the)\s+(?P<title>[^,;]+?)\s+(?:at|with|in)\s+(?:the\s+)?(?P<org>[^;]+?)"
    r"(?=,\s+(?:working|where|leading|focusing|overseeing|and)\b|\s+(?:working|under)\s"
    r"|\.\s|\.$|;|$|\s+in\s+\d{4})",
)
_ROLE_AT = re.compile(_ROLE_SENTENCE.pattern.replace(r"(?:at|with|in)", "at"))
_DEGREE_SENTENCE = re.compile(
    r"\b(?:obtained|received|earned|completed|got|finished)\s+(?:my|a|an)\s+(?P<degree>[\w.']+)"
    r"(?:\s+degree)?(?:\s+in\s+(?P<field>[^,]+?))?\s+(?:from|at)\s+(?:the\s+)?(?P<inst>[^,.]+?)"
    r"(?:\s+in\s+(?P<year>(?:19|20)\d\d))?(?=[,.]|\s+under|\s+with|$)",
)
_GRADUATED_SENTENCE = re.compile(
    r"\bgraduated\s+from\s+(?:the\s+)?(?P<inst>[^,.]+?)\s+with\s+(?:a|an|my)\s+"
    r"(?P<degree>[\w.']+)(?:\s+degree)?(?:\s+in\s+(?P<field>[^,.]+?))?"
    r"(?:\s+in\s+(?P<year>(?:19|20)\d\d))?(?=[,.]|$)",
)
# "I am a third-year Ph.D. student at X": a degree under way, not a job.
_STUDENT_TITLE = re.compile(
    r"\b(?P<degree>ph\.?\s?d\.?|doctoral|master'?s?|m\.?s\.?|undergraduate|bachelor'?s?)"
    r"(?:\s+\w+)?\s+(?:student|candidate)\b",
    re.I,
)


_SENTENCE_END = re.compile(
    r"(?<!\bProf\.)(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bSt\.)(?<![A-Z]\.)(?<=[.!?])\s+(?=[A-Z])"
)


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph; "Prof. X" and "Ph.D. in" do not end one."""
    return _SENTENCE_END.split(text)


def prose_positions(text: str) -> list[dict]:
    """Positions an "about" paragraph states: "I am a X at Y", "I was a X at Y"."""
    out = []
    for sentence in sentences(text):
        match = _ROLE_AT.search(sentence) or _ROLE_SENTENCE.search(sentence)
        if not match:
            continue
        title = re.sub(r"\s+under the .*$", "", match.group("title"))
        if not looks_like_role(title) or _STUDENT_TITLE.search(title):
            continue
        org_text = match.group("org").strip(" .")
        pieces = header_pieces(org_text)
        orgs = [p for p in pieces if INSTITUTION.search(p)]
        org = orgs[-1] if orgs else (pieces[0] if pieces else org_text)
        department = ", ".join(p for p in pieces if p != org) or None
        years = find_dates(sentence)
        current = re.search(r"\b(am|'m)\b", sentence[: match.start("title")])
        out.append(
            {
                "organization": org,
                "department": department,
                "title": title,
                "kind": position_kind(title),
                "start": str(years[0].year) if years and not current else None,
                "end": "present" if current else None,
                "supervisors": advisors_in(sentence),
                "location": None,
                "details": [],
            }
        )
    return out


def prose_degrees(text: str) -> list[dict]:
    """Degrees an "about" paragraph states: "I obtained my Ph.D. in X from Y in 2019"."""
    out = []
    for sentence in sentences(text):
        match = _DEGREE_SENTENCE.search(sentence) or _GRADUATED_SENTENCE.search(sentence)
        if not match:
            continue
        out.append(
            {
                "institution": match.group("inst").strip(),
                "degree": match.group("degree"),
                "field": match.group("field"),
                "start": None,
                "end": match.group("year"),
                "advisors": advisors_in(sentence),
                "gpa": None,
                "details": [],
            }
        )
    return out


def prose_studies(text: str) -> list[dict]:
    """Degrees under way: "I am a third-year Ph.D. student at X, advised by Y"."""
    out = []
    for sentence in sentences(text):
        match = _ROLE_AT.search(sentence) or _ROLE_SENTENCE.search(sentence)
        student = _STUDENT_TITLE.search(match.group("title")) if match else None
        if not match or not student or not re.search(r"\b(am|'m)\b", sentence):
            continue
        pieces = header_pieces(match.group("org").strip(" ."))
        places = [p for p in pieces if INSTITUTION.search(p)]
        out.append(
            {
                "institution": places[-1] if places else (pieces[0] if pieces else None),
                "degree": student.group("degree"),
                "field": None,
                "start": None,
                "end": "present",
                "advisors": advisors_in(sentence),
                "gpa": None,
                "details": [],
            }
        )
    return out


def name_in_prose(text: str) -> str | None:
    """ "Hi, I am **Jane Doe**" / "My name is Jane Doe"."""
    match = re.search(
        r"\b(?:I am|I'm|my name is|this is)\s+\**([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})", text
    )
    name = match.group(1).rstrip(".") if match else ""
    if name and looks_like_name(name):
        return name
    return None


def name_from_contact(email: str | None, homepage: str | None) -> str | None:
    """A last resort: "jane.doe@x.org" or "janedoe.github.io" gives a name-like string."""
    for source in (
        email and email.split("@")[0],
        homepage and re.sub(r"^https?://(www\.)?", "", homepage).split(".")[0],
    ):
        if source and re.fullmatch(r"[a-z]+[._-][a-z]+", source, re.I):
            return " ".join(p.capitalize() for p in re.split(r"[._-]", source))
    return None


_FORM_OF_ADDRESS = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|miss|dear|sir|by|with|and)$", re.I)


def spelled_out(short: str, text: str) -> str | None:
    """The full form of a name printed with initials or as a family name alone ("U. Doe",
    "Doe, J.", "Doe"), where the document spells it out: in prose, a link's text, or a
    URL ("/jane-doe", "?text=Jane%20Doe" in a header image). None if not found, or if
    the name is already spelled out or several people fit."""
    words = re.findall(r"[^\W\d_][\w'’-]*\.?", strip_marks(short)[0])
    family = [w.rstrip(".") for w in words if not is_initials(w)]
    initials = [w[0].upper() for w in words if is_initials(w)]
    if len(family) != 1 or len(words) > 1 and not initials:
        return None
    surname = re.escape(family[0])
    decoded = re.sub(r"[-_+]|%20", " ", text)
    found: Counter[str] = Counter()
    for pattern, flags in (
        (rf"\b([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){{0,2}}) {surname}\b(?![-'’])", 0),
        # URL slugs; two letters there are initials ("ba_lark"), not a given name
        (rf"(?<![A-Za-z])([a-z]{{3,}}) {surname}(?![A-Za-z])", re.I),
    ):
        for match in re.finditer(pattern, decoded, flags):
            given = match.group(1).split()
            if any(_FORM_OF_ADDRESS.match(w) or _NOT_NAME.match(w) for w in given):
                continue
            if initials and given[0][0].upper() != initials[0]:
                continue
            full = " ".join(w.capitalize() if w.islower() else w for w in given)
            found[f"{full} {family[0]}"] += 1
        if found:
            break  # a name printed in the text beats one read from a URL
    if len(found) == 1 or len(found) > 1 and len(set(found.values())) > 1:
        return found.most_common(1)[0][0]
    return None
