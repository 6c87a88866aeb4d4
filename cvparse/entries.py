"""Fields of education, positions, awards, teaching, projects, skills and other entries."""

from __future__ import annotations

import re

from .blocks import INSTITUTION, Block, Item, is_detail, looks_like_location, looks_like_role
from .dates import DateSpan, date_only, find_dates
from .sections import heading_kind
from .text import PARENTHETICAL, fold, leading_bold, links_in, plain, split_outside_parens

_ORG = re.compile(
    r"\b(universit\w*|college|institut\w*|school|academy|laborator\w*|lab|labs|centre|center"
    r"|hospital|foundation|council|ministry|society|association|agency|bank|inc\.?|ltd\.?"
    r"|llc|corp\w*|company|gmbh|group|team|department|dept\.?|faculty|division|unit|office"
    r"|research|platform|cloud|technolog\w*|systems|sciences?)\b",
    re.I,
)
_DEPARTMENT = re.compile(
    r"^(department|dept\.?|school of|faculty|division|college of|institute of|center for"
    r"|centre for|laboratory|lab\b|group|team|platform|key laboratory|program)",
    re.I,
)
# A lab named before its kind ("Robotic Systems Lab"): a department only beside a
# stronger employer, else the employer itself ("Harbour Science Laboratory").
_NAMED_LAB = re.compile(
    r"^[A-Z][\w-]*(?: (?:[A-Z][\w-]*|and|of|for|&)){0,4} (?:Lab|Laboratory|Group)$"
)
_DEGREE = re.compile(
    r"(?<![\w.])(Ph\.?\s?D\.?|PH\.\s?D\.?|PHD|D\.?Phil\.?|S\.M\.|M\.\s?U\.\s?P\.?|MURP|MUP"
    r"|[MB]\.?\s?(?:Arch|ARCH)\.?(?:\s?\((?:Hons?|HONS?)\.?\))?|Tripos(?: Part [IVX]+[AB]?)?"
    r"|Postdoc(?:toral)? (?:[Ff]ellowship|[Ff]ellow|[Tt]raining|[Rr]esearcher)"
    r"|Sc\.?D\.?|Dr\.?\s?rer\.?\s?nat\.?"
    r"|Doctor(?:ate)?(?: of [A-Z]\w+| rerum naturalium)?|M\.?D\.?(?=[\s,])|M\.?B\.?A\.?"
    r"|M\.?Phil\.?|M\.?Sc?i?\.?|M\.?Eng\.?|M\.?A\.?|MRes|LL\.?M\.?"
    r"|Master(?:'?s)?(?: of (?:[A-Z]\w+)(?: [A-Z]\w+)?| degree)?|B\.?Sc?\.?(?:\s?\([^)]*\))?"
    r"|B\.?Eng\.?|B\.?E\.?|B\.?A\.?|B\.?S\.?|A\.?B\.?|B\.?Tech\.?"
    r"|Bachelor(?:'?s)?(?: of (?:[A-Z]\w+)(?: [A-Z]\w+)?| degree)?|Diploma|Dipl\.?-\w+"
    r"|Abitur|Licen[cs]iate|Minor|High school|Elementary school|Certificate|Habilitation"
    r"|[A-Z][\w ]{0,30}Certificate)(?![\w])",
)
_ADVISOR = re.compile(
    r"\b(?:co-?)?(?:advis(?:ed|ors?|ers?)|supervis(?:ed|ors?)|mentors?|mentored|hosts?|hosted)"
    r"\b\s*(?:by|:)?\s*"
    r"|\bunder the (?:co-?)?(?:supervision|guidance|direction) of\s+"
    r"|\b(?:group|laboratory|lab) of\s+"
    r"|\b(?:assistant|RA) to\s+"
    r"|\bcommittee\s*:\s*"
    r"|\bPI\s*:\s*",
    re.I,
)
# Degrees written after a name: "Rebecca E. Stanton, Ph.D.", "Elena Ruiz, Psy.D."
CREDENTIALS = re.compile(
    r",?\s*\b(?:Ph\.?\s?D|Psy\.?\s?D|M\.?D|Ed\.?D|J\.?D|M\.?A|M\.?Sc?|MBA|MPH|DPhil)\.?(?=[\s,;)]|$)"
)
_TITLE_WORDS = re.compile(r"^(?:(?:Prof(?:essor)?|Dr|Senior Engineer|Mr|Ms|Mrs)\.?\s+)+", re.I)
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][\w'’.-]*|[A-Z]\.(?:[A-Z]\.)*|von|van|der|de|del|da|di|du|le|la|y)$"
)
# Words of subjects and fields, never of a person's name ("Lab of Embedded Systems").
_SUBJECT_WORDS = {
    "system",
    "systems",
    "computing",
    "computer",
    "science",
    "sciences",
    "engineering",
    "data",
    "learning",
    "service",
    "services",
    "network",
    "networks",
    "software",
    "intelligence",
    "machine",
    "biology",
    "physics",
    "chemistry",
    "mathematics",
    "economics",
    "technology",
    "information",
    "security",
    "energy",
    "materials",
    "design",
    "analysis",
    "theory",
    "health",
    "medicine",
    "management",
    "embedded",
    "vision",
    "language",
}
_GENERIC_SCHOOL = re.compile(r"^(high|elementary|primary|secondary|middle) school$", re.I)
_GPA = re.compile(
    r"\b(?:c?GPA|grade(?: point average)?)\s*:?\s*(?:GPA\s*:?\s*)?"
    r"(\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)?)",
    re.I,
)
_RANK = re.compile(
    r"(\b(?:top|rank(?:ed|ing)?:?)\s*\d+(?:\.\d+)?\s*%?|\b\d+(?:\.\d+)?\s*%|\b\d+\s*/\s*\d+\b"
    r"|\b\d+(?:st|nd|rd|th)?\s+(?:out\s+)?of\s+\d+)",
    re.I,
)
# Names of bodies by their acronyms only: "IEEE ICRA", "ACM SIGCHI", "NeurIPS".
_ACRONYMS = re.compile(r"^(?:[A-Z][a-z]*[A-Z][A-Za-z]*)(?:\s+[A-Z][a-z]*[A-Z][A-Za-z]*){0,2}$")
_TEACH_ROLE = re.compile(
    r"\b((?:head |senior |lead |chief |graduate )?(?:teaching assistant|teaching fellow|TA"
    r"|teacher assistant|teaching associate|co-instructor|instructor|guest lecturer|lecturer"
    r"|lecture|tutor|grader|course coordinator|demonstrator|teacher|course assistant))\b",
    re.I,
)


# --------------------------------------------------------------------- shared helpers
_STOP_WORDS = {"a", "an", "the", "and", "or", "of", "for", "in", "on", "at", "to", "with", "by"}


def _split_at(match: re.Match[str]) -> str:
    """ "Engineer at Google" splits; "University of North Carolina at Chapel Hill" not."""
    before = re.split(r"[,;]", match.string[: match.start()])[-1]
    return match.group(0) if re.search(r"universit|college|institut", before, re.I) else " ; "


def header_pieces(text: str) -> list[str]:
    """Comma / dash / colon / sentence pieces of a header, keeping parentheses whole."""
    text = re.sub(r"\s+[—–|·]\s+|\t|\s{3,}|(?<=[a-z]):\s+(?=[A-Z])", " ; ", text)
    # "School of X at the Y University" is two pieces; "University of X at Chapel Hill" one.
    text = re.sub(r"\s+at\s+the\s+(?=[A-Z])", " ; ", text)
    text = re.sub(r"\s+at\s+(?=[A-Z])", _split_at, text)
    text = re.sub(r"(?<=[a-z\)])\.\s+(?=[A-Z])", " ; ", text)
    return [s.strip(" .;") for s in split_outside_parens(text, ",;") if s.strip(" .;")]


def person_names(text: str) -> list[str]:
    """Names listed after a trigger: "X and Y", "Prof. X, Dr. Y"; stops at the first non-name."""
    names = []
    text = re.sub(r"\b(?:Prof(?:essor)?|Dr|Mr|Mrs|Ms)\.?\s+", "", text)
    text = CREDENTIALS.sub("", text)
    text = re.split(
        r"(?<![A-Z])[.;:)](?=\s|$)|\)|\s\((?!co-?advis|advis|chair)"
        r"|\s(?:at|in|from|on|for|since)\s",
        text,
    )[0]
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text):
        part = _TITLE_WORDS.sub("", part.strip(" *"))
        part = re.sub(
            r"^(?:(?:senior|staff|principal|chief|lead|engineer|manager|researcher"
            r"|scientist|associate|assistant|professor)\s+)+",
            "",
            part,
            flags=re.I,
        )
        part = re.sub(r"\s*\(.*$", "", part).strip()
        tokens = part.split()
        if not 2 <= len(tokens) <= 5 or not all(_NAME_TOKEN.match(t) for t in tokens):
            break
        if _ORG.search(part) or any(t.lower() in _SUBJECT_WORDS for t in tokens):
            break
        names.append(part)
    return names


# "; Charles Babbage, MD": another name in a list (not "; Deliver CBT for ...", and
# not the " ; " that joins an entry's lines).
_NAME_AFTER_SEMICOLON = re.compile(
    r"(?<!\s);\s+(?=(?:Prof\.?\s+|Dr\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z]\.)*\s+[A-Z][a-z'’-]+"
    r"(?:,|\s*$|\s+and\b|\s*;))"
)


def advisors_in(text: str) -> list[str]:
    """People named as advisors, supervisors, mentors or hosts."""
    found: list[str] = []
    for match in _ADVISOR.finditer(text):
        tail = text[match.end() :]
        if match.group(0).lower().startswith("committee"):
            # Only the members the CV marks as (co-)advisors.
            names = re.findall(r"([A-Z][\w'’. -]+?)\s*\((?:co-?)?advis\w*\)", tail)
            names = [n.strip() for n in names]
        else:
            if re.search(r"(?:ors|ers|s)\s*:?\s*$", match.group(0), re.I):
                # several named: "Advisors: A, PhD; B, MD" lists them with semicolons
                tail = _NAME_AFTER_SEMICOLON.sub(", ", tail)
            names = person_names(tail)
        found.extend(n for n in names if n not in found)
    return found


_ADVISOR_LINE = re.compile(r"^(?:co-?)?(?:advis|supervis|mentor|host|PI\b)\w*\s*:", re.I)


def _without_advisor_lines(details: list[str], names: list[str]) -> list[str]:
    """Details less the "Advisor: X" lines whose names the entry's field holds."""
    return [d for d in details if not (_ADVISOR_LINE.match(d) and any(n in d for n in names))]


def _first_date(block: Block) -> DateSpan | None:
    if block.date:
        return block.date
    for item in block.items:
        if spans := find_dates(item.text):
            return spans[0]
    return None


def _strip_dates(text: str) -> str:
    spans = find_dates(text)
    for span in reversed(spans):
        text = text[: span.begin] + " " + text[span.end :]
    text = re.sub(r"\b(present|now|current|since|expected)\b", " ", text, flags=re.I)
    # markup the date leaves empty: "**2024-:**", "*2022 – 2025*"
    text = re.sub(r"\*\*[\s:,.–—-]*\*\*(?!\*)|(?<!\*)\*[\s:,.–—-]+\*(?!\*)", " ", text)
    text = re.sub(r"^[\s:,.·|–—-]+|[\s:,·|–—(-]+$", "", fold(text))
    return re.sub(r"\(\s*\)", "", text).strip()


def _date_text(text: str) -> str:
    """The dates of a line as printed, several kept together ("Fall 2022, Fall 2023")."""
    spans = find_dates(text)
    return text[spans[0].begin : spans[-1].end].strip(" *")


def _lines_without_date(block: Block) -> list[Item]:
    """The block's items with the anchoring date cut out of its line."""
    out = []
    for item in block.items:
        if item is block.date_item:
            rest = _strip_dates(item.text)
            if rest:
                out.append(
                    Item(
                        item.nos,
                        _strip_dates(item.marked),
                        rest,
                        item.bullet,
                        item.heading,
                        item.bold,
                    )
                )
        else:
            out.append(item)
    return out


def _x(block: Block, entry: dict) -> dict:
    entry["x_lines"] = block.nos
    return entry


def _is_header(item: Item, prev: Item | None) -> bool:
    return not is_detail(item, prev) or item.heading or item.bold


# --------------------------------------------------------------------- education
def education(block: Block) -> dict:
    items = _lines_without_date(block)
    context = [it.text for it in block.context]
    text = " ; ".join(context + [it.text for it in items])
    degree = field = institution = None
    details: list[str] = []
    # "Boston, MA" is a state, not a Master of Arts
    degrees = [m for m in _DEGREE.finditer(text) if not _STATE_CODE.match(text, m.start())]
    # "High school, X-Gymnasium, Abitur": the qualification, not the kind of school.
    named = [m for m in degrees if not _GENERIC_SCHOOL.match(m.group(1))]
    if match := (named or degrees or [None])[0]:
        degree = match.group(1).strip() if named else None
        after = text[match.end() :]
        if fm := re.match(
            r"\s*(?:studies\s*)?(?:in|of)\s+(?:the\s+)?([^,;.(—–]+(?:\([^)]*\))?)", after
        ):
            field = fm.group(1).strip()
    segments = [s for it in context + [i.text for i in items] for s in header_pieces(it)]
    header = [
        s
        for index, it in enumerate(items)
        if index == 0 or not is_detail(it, items[index - 1])
        for s in header_pieces(it.text)
    ]
    header = [s for it in context for s in header_pieces(it)] + header
    institution = _institution_in(header, bool(named)) or _institution_in(segments, bool(named))
    if institution is None and degree:
        # "IIT Bombay — B.Tech. in CS": the header piece that is no degree, place or field
        rest = [
            seg for seg in header
            if not (_DEGREE.search(seg) or looks_like_location(seg) or _LABEL_TEXT.match(seg))
        ]  # fmt: skip
        institution = rest[0] if rest else None
    if institution:
        # a place in parentheses goes, an acronym ("(NTNU)") is part of the name
        institution = re.sub(r"\s*\((?![A-Z]+\))(?:[A-Z][\w ]+, )?[A-Z][\w ]+\)$", "", institution)
        institution = re.sub(r"^(?:at|from)\s+(?:the\s+)?", "", institution)
        if degree and institution.startswith(degree):
            institution = institution[len(degree) :].strip(" ,")
        if joint := _TWO_SCHOOLS.match(institution):
            institution = joint.group(1)  # the degree's school; the partner stays a detail
            details.append(joint.group(2))
    if field is None and degree:
        # the entry's own lines, not a school set above several degrees
        own = [s for it in items for s in header_pieces(it.text)]
        for seg in own:
            if seg.startswith(degree.rstrip(".")):
                remainder = seg[len(degree.rstrip(".")) :].lstrip(". ")
                remainder = re.sub(r"^\([^)]*\)\s*", "", remainder)  # "(Hons)"
                if remainder and len(remainder.split()) <= 5 and not INSTITUTION.search(remainder):
                    field = remainder  # "Ph.D. Economics, MIT"
                    break
                continue
            if seg is not institution and not INSTITUTION.search(seg) and not _ADVISOR.search(seg):
                if (
                    len(seg.split()) <= 5
                    and not looks_like_location(seg)
                    and not re.search(r"\d", seg)
                ):
                    field = seg
                break
            break
    note = re.search(r"\s*\(([^()]*)\)$", field or "")
    if field and note and _DEGREE_NOTE.search(note.group(1)):
        field = field[: note.start()]  # "Clinical Psychology (APA-accredited)"
        details.append(note.group(1))
    gpa_match = _GPA.search(text)
    known = {degree, field, institution} - {None}
    # the place under an institution set above its degrees ("Boston, MA")
    details.extend(it.text for it in block.context if looks_like_location(it.text.strip(" .")))
    for it in items:
        if degree and it.text.startswith(degree) and len(it.text) < 80:
            # the degree line: keep what it says besides degree, field and place
            details.extend(
                seg
                for seg in header_pieces(it.text)
                if not any(k and (seg in k or k in seg) for k in known)
                and not looks_like_location(seg)
            )
            continue
        if institution and it.text.strip(" .") == institution:
            continue
        if institution and it.text.startswith(institution + ","):
            place = it.text[len(institution) + 1 :].strip(" .")
            if looks_like_location(place) or re.fullmatch(r"[A-Z][\w .'-]{1,30}", place):
                details.append(place)  # "University X, Town, ST": the place stays a detail
                continue
        details.append(it.text)
    start, end = _dates(block, lone_is_end=True)
    advisors = advisors_in(text)
    return _x(
        block,
        {
            "institution": institution,
            "degree": degree,
            "field": field,
            "start": start,
            "end": end,
            "advisors": advisors,
            "gpa": gpa_match.group(1).replace(" ", "") if gpa_match else None,
            "details": _without_advisor_lines(details, advisors),
        },
    )


# "University of X and Centre for Y": two bodies, each named by its kind.
_SCHOOL_WORD = r"(?:Universit\w*|Universidad\w*|College|Institut\w*|School|Centre|Center|Academy)"
_TWO_SCHOOLS = re.compile(
    rf"^((?:[A-Z][\w'’.-]*\s+){{0,4}}{_SCHOOL_WORD}(?:\s+(?:of|for|de|di)\s+[A-Z][\w'’.-]*"
    rf"(?:\s+[A-Z][\w'’.-]*){{0,3}})?)\s+and\s+(?:the\s+)?"
    rf"((?:[A-Z][\w'’.-]*\s+){{0,4}}{_SCHOOL_WORD}(?:\s+[\w'’.-]+){{0,5}})$"
)
_LABEL_TEXT = re.compile(r"^[A-Z][A-Za-z /&-]{0,30}:\s")
_STATE_CODE = re.compile(r"(?<=[a-z], )[A-Z]{2}(?=\s*(?:$|;|\d{5}|,\s*USA))")
# A note on a degree in parentheses, not a part of its field ("Natural Sciences (Physics)").
_DEGREE_NOTE = re.compile(
    r"accredit|hono|distinction|laude|part-time|full-time|online|expected|track|minor|major"
    r"|program|joint|dual",
    re.I,
)
_DOCTORATE = re.compile(r"ph\.?\s?d|d\.?\s?phil|doctor|sc\.?d|ed\.?d|psy\.?d|dr\.", re.I)
_DISSERTATION = re.compile(r"^(?:doctoral |ph\.?\s?d\.? )?(?:dissertation|thesis)\b", re.I)
_LABELLED_ADVISORS = re.compile(r"\s+(?=(?:co-?)?(?:advis|supervis)\w*\s*:)", re.I)


def dissertations_to_doctorate(found: list[dict]) -> None:
    """A dissertation line printed after the last degree (below a table of degrees)
    belongs to the one doctorate, with the advisors it names."""
    doctorates = [e for e in found if e["degree"] and _DOCTORATE.search(e["degree"])]
    if len(doctorates) != 1 or any(_DISSERTATION.match(d) for d in doctorates[0]["details"]):
        return
    target = doctorates[0]
    for entry in found:
        if entry is target or (entry["degree"] and _DOCTORATE.search(entry["degree"])):
            continue
        # a master's thesis stays with its master's; a dissertation is doctoral
        moved = [d for d in entry["details"] if re.match(r"dissertation\b", d, re.I)]
        for detail in moved:
            entry["details"].remove(detail)
            named = [a for a in entry["advisors"] if a in detail]
            entry["advisors"] = [a for a in entry["advisors"] if a not in named]
            target["advisors"].extend(a for a in named if a not in target["advisors"])
            target["details"].append(_LABELLED_ADVISORS.split(detail)[0])


def _institution_in(segments: list[str], named_degree: bool) -> str | None:
    """The first piece naming a place of study, a university before any other school."""
    found = [s for s in segments if INSTITUTION.search(s) and not _ADVISOR.search(s)]
    if named_degree:
        found = [s for s in found if not _GENERIC_SCHOOL.match(s)] or found
    universities = [s for s in found if re.search(r"univ|college|ETH|EPFL|MIT|KTH|IIT", s, re.I)]
    return (universities or found or [None])[0]


def _dates(block: Block, *, lone_is_end: bool) -> tuple[str | None, str | None]:
    span = _first_date(block)
    return span.resolve(lone_is_end=lone_is_end) if span else (None, None)


# --------------------------------------------------------------------- positions
def position(block: Block) -> dict:
    items = _lines_without_date(block)
    headers: list[Item] = []
    details: list[str] = []
    for index, item in enumerate(items):
        prev = items[index - 1] if index else None
        opening = index == 0 or item.nos == (block.date_item.nos if block.date_item else None)
        if not details and (opening or _is_header(item, prev)) and len(headers) < 4:
            headers.append(item)
        else:
            details.append(item.text)
    pieces = [
        piece
        for index, it in enumerate(block.context + headers)
        # a place line ("Zürich, Switzerland") is one place, not two pieces
        for piece in (
            [it.text.strip(" .")]
            if index and looks_like_location(it.text.strip(" .")) and not _org_rank(it.text)
            else _joined_places(header_pieces(_SUPERVISOR_NOTE.sub("", it.text)))
        )
    ]
    title = org = department = location = None
    rest: list[str] = []
    for piece in pieces:
        core = re.sub(
            r"\s+(?:advised|supervised|mentored|hosted) by .*$|\s+to\s+[A-Z].*$", "", piece
        )
        placed = _ROLE_AT_ORG.match(core)
        if (
            title is None
            and placed
            and looks_like_role(placed.group(1))
            and _org_rank(placed.group(2))
        ):
            title = placed.group(1)  # "Researcher in the Owl Research Center"
            rest.append(placed.group(2))
        elif (
            title is None
            and looks_like_role(core)
            and (
                not INSTITUTION.search(core) or _ROLE_LAST.search(core)  # "Some Institute Fellow"
            )
        ):
            title = core
        elif looks_like_location(piece) or (rest and re.fullmatch(r"[A-Z][a-z]+", piece)):
            location = location or piece
        else:
            rest.append(piece)
    depts = [p for p in rest if _DEPARTMENT.match(p)]
    labs = [p for p in rest if _NAMED_LAB.match(p) and p not in depts]
    if any(_org_rank(p) > 2 for p in rest if p not in labs):
        depts += labs
    ranked = sorted(
        (p for p in rest if p not in depts), key=lambda p: -_org_rank(p)
    )  # stable: the first of the best
    if ranked and _org_rank(ranked[0]) > 0:
        org = ranked[0]
    elif rest:
        org = rest[0]
    if org:
        others = [p for p in rest if p is not org and p in depts]
        department = ", ".join(others) or None
        if re.search(r"\(([^()]+)\)$", org) and looks_like_location(
            re.search(r"\(([^()]+)\)$", org).group(1)
        ):
            location = location or re.search(r"\(([^()]+)\)$", org).group(1)
            org = org[: org.rfind("(")].strip()
    if title is None and len(rest) >= 2 and headers and headers[0].marked.startswith("**"):
        title = rest.pop(0)  # moderncv: the bold first piece is the job
        org = org if org != title else (rest[0] if rest else None)
    # "* 2015: Research Assistant" over "  * Some University": the employer below; a
    # job no role word names ("Site Collaborator") is then the title
    untitled = title is None and org is not None and not _org_rank(org)
    if org is None or untitled:
        found = next((d for d in details if len(d.split()) <= 8 and _org_rank(d) >= 2), None)
        if found:
            title, org = (org, found) if untitled else (title, found)
            details.remove(found)
    if title is None and details and _short_role(details[0]):
        title = details.pop(0)  # "Hill assistant professor": a role in lower case reads as a note
    if title and org is None and " at " in title:
        title, org = title.split(" at ", 1)
    if title and org is None and location and "," in location:
        # "Senior Analyst" / "Bright Analytics, Springfield": the employer and its town.
        head, tail = (p.strip() for p in location.split(",", 1))
        if len(head.split()) >= 2 or _org_rank(head):
            org, location = head, tail
    unused = [p for p in rest if p is not org and p not in depts and p != title]
    details = unused + details if org else details
    text = " ; ".join(it.text for it in block.context + items)
    start, end = _dates(block, lone_is_end=False)
    supervisors = advisors_in(text)
    return _x(
        block,
        {
            "organization": org.strip(" .") if org else None,
            "department": department,
            "title": smart_case(title.strip(" .")) if title else None,
            "kind": position_kind(title or ""),
            "start": start,
            "end": end,
            "supervisors": supervisors,
            "location": location,
            "details": _without_advisor_lines(details, supervisors),
        },
    )


# A role and where it is held, in one piece: "Researcher in the Owl Research Center".
_ROLE_AT_ORG = re.compile(r"^([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+(?:in|at)\s+(?:the\s+)?(\S.*)$")
_ROLE_LAST = re.compile(r"\b(?:fellow|scholar|director|researcher|scientist|assistant)$", re.I)
# "(PI: Ada Lovelace, Ph.D.)" after an employer names the supervisor, not the employer.
_SUPERVISOR_NOTE = re.compile(
    r"\s*\((?:PI|supervisors?|advisors?|mentors?|hosts?)\s*:[^)]*\)", re.I
)
_REGION_CODE = re.compile(r"^[A-Z]{2,3}$")  # "NC", "USA", "UK"


def _joined_places(pieces: list[str]) -> list[str]:
    """ "Durham", "NC" -> "Durham, NC": a town and its state or country code are one place."""
    out: list[str] = []
    for piece in pieces:
        town = out[-1] if out else ""
        if (
            _REGION_CODE.match(piece)
            and re.fullmatch(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}", town)
            and not _org_rank(town)
            and not looks_like_role(town)
            and len(out) > 1
        ):
            out[-1] = f"{town}, {piece}"
        else:
            out.append(piece)
    return out


def _short_role(text: str) -> bool:
    return (
        looks_like_role(text)
        and len(text.split()) <= 5
        and not re.search(r"[.;:]\s|[.;:]$", text)
        and not _org_rank(text)
    )


_STRONG_ORG = re.compile(
    r"\b(institut\w*|laborator\w*|academy|inc\.?|ltd\.?|corp\w*|company|gmbh|unit|hospital"
    r"|foundation|ministry|agency|bank|council|society|association)\b",
    re.I,
)


def _org_rank(piece: str) -> int:
    """How much a header piece reads like an employer: a university over an institute
    over any organisation word; a sentence not at all."""
    words = re.findall(r"[A-Za-z][\w'-]*", piece)
    lower = [w for w in words[1:] if w.islower() and w not in _STOP_WORDS]
    if len(words) > 3 and len(lower) * 2 >= len(words) - 1:
        return 0
    if re.search(r"\b(universi[td]\w*|college|polytechni\w*|[ée]cole|ETH|EPFL|MIT)\b", piece, re.I):
        return 3
    if _STRONG_ORG.search(piece):
        return 2
    return 1 if _ORG.search(piece) else 0


def smart_case(text: str) -> str:
    """ALL CAPS role lines ("RESEARCH INTERN OF LLM TRAINING") in title case, acronyms kept."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    if len(letters) < 6 or sum(c.isupper() for c in letters) < 0.7 * len(letters):
        return text
    small = {"of", "in", "and", "for", "the", "at", "on", "to"}
    words = []
    for i, word in enumerate(text.split()):
        lower = word.lower()
        if i and lower in small:
            words.append(lower)
        elif (len(word) <= 3 and word.isalpha() and lower not in {"top"}) or not word.isupper():
            words.append(word)  # DL, LLM: acronyms; "Ph.D." as printed
        else:
            words.append(word.capitalize())
    return " ".join(words)


def position_kind(title: str) -> str:
    t = title.lower()
    if "intern" in t:
        return "internship"
    if "practicum" in t:
        return "other"  # clinical training, neither a job nor research
    if "visiting" in t or "visitor" in t:
        return "visiting"
    if re.search(r"\b(?:professor|lecturer|reader)\b", t) and "research" not in t:
        return "employment"
    if re.search(r"research|postdoc|fellow|scientist|assistant|scholar", t):
        return "research"
    if t:
        return "employment"
    return "other"


# --------------------------------------------------------------------- awards
def award(block: Block) -> dict:
    items = _lines_without_date(block)
    first = items[0].marked if items else ""
    extra = [it.text for it in items[1:]]
    span = _first_date(block)
    bold = leading_bold(first)
    line = plain(first)
    rank = None
    details: list[str] = []
    # Ranks and notes in parentheses: "(4/200)", "(Top 15%)", "(for best thesis)".
    for paren in re.findall(r"\(([^()]*)\)", line):
        rank_match = _RANK.search(paren)
        if rank_match and rank is None:
            rank = rank_match.group(1).strip()
            leftover = fold(paren.replace(rank_match.group(1), "").strip(" ,;"))
            if leftover and len(paren.split()) <= 5 and "," not in paren:
                rank = fold(paren)  # "(top 1% marks)", "(Top 5% of the class)": one rank
            elif leftover:
                details.append(leftover)
            line = line.replace(f"({paren})", " ")
        elif re.match(r"^(for|awarded|given)\b", paren, re.I) or re.search(
            r"[^\x00-\u024f]", paren
        ):
            details.append(paren)
            line = line.replace(f"({paren})", " ")
    line = fold(line)
    if rank is None and (
        rank_match := re.search(r"\((top[^)]*)\)|\b(top \d+(?:\.\d+)?%)", line, re.I)
    ):
        rank = rank_match.group(1) or rank_match.group(2)
    issuer: str | None = None
    if bold:
        title = plain(bold[0])
        tail = plain(bold[1]).strip(" ,.")
    else:
        parts = [p for p in re.split(r"\s{2,}|\t| · ", line) if p.strip()] or [""]
        title, tail = parts[0], ", ".join(parts[1:])
        pieces = split_outside_parens(title, ",")
        for piece in pieces[1:]:
            if rank is None and re.match(_RANK.pattern, piece, re.I):
                rank = piece  # "Best Thesis Award, 1 of 3 awarded"
            elif issuer is None and _ACRONYMS.match(piece):
                issuer = piece  # "Best Paper Award Finalist, IEEE ICRA"
            else:
                continue
            pieces.remove(piece)
        title = ", ".join(pieces)
        if tail and len(pieces) > 1:  # "Title, note<TAB>Issuer"
            title = pieces[0]
            details.extend(pieces[1:])
        events = [p for p in pieces[1:] if _EVENT.search(p)]
        if not tail and issuer is None and len(pieces) == 2 and events:
            title, issuer = pieces[0], events[0]  # "Best Paper Award, 2nd Workshop on X"
        elif not tail and any(_ORG.search(p) or INSTITUTION.search(p) for p in pieces[1:]):
            title, tail = pieces[0], ", ".join(pieces[1:])
        if not tail and issuer is None:
            # "Awarded X by the Y Board (YB) in 2007."
            title = re.sub(r"\s+(?:in|on)\W*$", "", re.sub(_AWARDED, "", title))
            by = re.split(r"\s+(?:by|from)\s+(?:the\s+)?", title, maxsplit=1)
            if len(by) == 2 and (_ORG.search(by[1]) or _BODY.search(by[1])):
                title, issuer = by[0], by[1].strip(" .")
    title = fold(title).strip(" ,.")
    if tail:
        tail_parts = split_outside_parens(tail, ",;")
        orgs = [p for p in tail_parts if INSTITUTION.search(p) or _ORG.search(p)]
        if orgs and issuer is None:
            # The organisations closing the line: "Center for X, University of Y".
            run = []
            for part in reversed(tail_parts):
                if part not in orgs:
                    break
                run.insert(0, part)
            issuer = ", ".join(run) if run else orgs[0]
        named = issuer.split(", ") if issuer else []
        details.extend(p for p in tail_parts if p not in named)
    if issuer is None and (
        of := re.search(
            r"\b(?:of|at)\s+((?:the\s+)?[A-Z][\w ]*(?:Universit\w+|College|Institute)[\w ]*)$",
            title,
        )
    ):
        issuer = of.group(1).strip()
    if issuer is None and block.context:
        issuer = ", ".join(it.text for it in block.context)  # the school over a list of honours
    if issuer is None and extra and _is_body(extra[0]):
        # the awarding body on the line under the award, or wrapped onto it
        # ("Special Award from Some" / "University of Elsewhere.")
        wrapped = re.search(r"\s+(?:from|by)\s+(?:the\s+)?([A-Z][\w'’ -]*)$", title)
        issuer = f"{wrapped.group(1)} {extra.pop(0)}" if wrapped else extra.pop(0)
        title = title[: wrapped.start()] if wrapped else title
    details.extend(extra)
    return _x(
        block,
        {
            "title": title,
            "year": span.year if span else None,
            "issuer": issuer.strip(" .") if issuer else None,
            "rank": rank,
            "details": "; ".join(d for d in details if d) or None,
        },
    )


_AWARDED = re.compile(r"^(?:awarded|received|won|granted|recipient of)\s+(?:the\s+|an?\s+)?", re.I)
_EVENT = re.compile(
    r"\b(?:workshop|conference|symposium|congress|meeting|summit|competition|olympiad"
    r"|hackathon|hack-a-thon|challenge)\b",
    re.I,
)
_BODY = re.compile(r"\b(?:board|committee|trust|fund|commission|government)\b|\([A-Z]{2,}\)", re.I)


def _is_body(text: str) -> bool:
    """A line naming an organisation alone: "National Science Foundation", "ACM SIGCHI"."""
    if len(text.split()) > 8 or looks_like_location(text) or re.search(r"[.;:]\s", text):
        return False
    return bool(_org_rank(text) or INSTITUTION.search(text) or re.match(r"[A-Z]{2,}[\w-]*\s", text))


# --------------------------------------------------------------------- teaching
# Words of when in the year a course ran, left on a line when its year is cut out.
_TERM = re.compile(
    r"\b(?:(?:semester|term|quarter|trimester)[\s-]*(?:[IVX]+\b|\d\b)?"
    r"|spring|summer|fall|autumn|winter|michaelmas|lent|easter)\b",
    re.I,
)
# "Lab tutor in the Astrophysics course in Semester-II", "TA for Compilers at X":
# a role, then the course, then where and when.
_TEACH_SENTENCE = re.compile(
    r"^(?P<role>(?:[A-Z][\w-]*\s+){0,3}?[\w-]*?"
    r"(?:assistant|fellow|instructor|lecturer|lecture|tutor|grader|teacher|demonstrator|TA|CA"
    r"|coordinator|supervisor|associate))s?\s+(?:for|in|on)\s+(?:the\s+)?(?P<rest>\S.*)$",
    re.I,
)
# Where a course told in a sentence ends: " at Some University", " in Semester-II",
# " for Semester-I in years".
_COURSE_END = re.compile(
    r",?\s+(?:at\s+(?:the\s+)?(?=[A-Z])|(?:in|for|during)\s+(?:the\s+)?(?=(?i:years?\b"
    r"|academic|semester|term|quarter|spring|summer|fall|autumn|winter|\d))"
    r"|(?=(?i:semester|term|quarter)\b))",
)
_AT_PLACE = re.compile(r"\bat\s+(?:the\s+)?([A-Z][^,;]*?)(?=\s+(?:in|for|during)\s|[,;]|$)")
_TERM_BEFORE = re.compile(rf"({_TERM.pattern})[\s,]*(?:(?:in|of)\s+)?(?:years?\s+)?", re.I)
_COURSE_WORD = re.compile(r"\s+(?:course|class|module|unit)$", re.I)
# "HIST 230", "CS-101", "Bi1x", "Spanish 340": a subject and a number name a course.
_COURSE_CODE = re.compile(
    r"^(?:[A-Z]{2,6}\s?-?\d{2,4}[A-Z]?|[A-Z][a-z]{0,11}\.?\s?\d{1,4}[A-Za-z]?"
    r"|[A-Z]{2,4} Part [IVX]+[AB]?)$"
)
# "(with A. Colleague)": who taught it alongside, a note rather than part of the course.
_CO_TEACHER = re.compile(r"\s*\((with\s[^()]+)\)")
# "Course - Role - Year": fields of a teaching line set apart by spaced dashes.
_DASH_FIELDS = re.compile(r"\s+[-–—]\s+")
_COURSE_NOTE = re.compile(
    r"^(?:\d+\s*(?:credits?|credit hours?|hours?|hrs?|h|ECTS|students|weeks?)\b.*"
    r"|yearly|annually|single event|online|in person|\d+ times)$",
    re.I,
)
_QUOTED = re.compile(r"[‘’'“”\"]([^‘’“”\"]{3,}?)[’'”\"]")
# "São Paulo–SP", "Durham-NC": a town and its state's code; then maybe its country.
_TOWN_CODE = re.compile(r"^[A-Z][\w .'’-]*[a-z]\s?[–-]\s?[A-Z]{2}$")
_COUNTRY = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)?$|^[A-Z]\.?[A-Z]\.?(?:[A-Z]\.?)?$")
_TOWN = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,2}$")
_TEACH_LABEL = re.compile(r"^([A-Z][\w .&/-]{0,40}?)\s?:\s+(\S.*)$")


def is_course_code(text: str) -> bool:
    """A label that is a course's code ("HIST 230", "Spanish 340"), not a place or kind."""
    return bool(_COURSE_CODE.match(text))


def teaching_role(piece: str) -> str | None:
    """A piece naming a teaching role: "Teaching Assistant", "Instructor (Faculty)"."""
    bare = re.sub(PARENTHETICAL, " ", piece).strip()
    if len(bare.split()) > 5 or INSTITUTION.search(bare):
        return None
    if (
        _TEACH_ROLE.search(bare)
        or (looks_like_role(bare) and len(bare.split()) <= 4)
        or (re.fullmatch(r"(?:\w+ )?(?:supervisor|examiner|marker)", bare, re.I))
    ):
        role = smart_case(piece.strip(" .:"))
        return "Lecturer" if role.lower() == "lecture" else role
    return None


def _names_place(label: str) -> bool:
    """A label naming where ("Houston", "Some University"), not a title in sentence case."""
    return bool(INSTITUTION.search(label)) or not re.search(r"(?:^|\s)[a-z]", label)


def _teaching_line(text: str) -> dict:
    """Role, course, institution and notes of the line that opens a teaching entry."""
    found: dict = {"role": None, "course": None, "institution": None, "notes": []}
    text = re.sub(r"^(?:spring|summer|fall|autumn|winter)\b[\s,·]*", "", text, flags=re.I)
    # "Tutor. Student Tutoring Program, ...": a role said first, as a sentence of its own
    lead = re.match(r"^([^.,;:()]{2,40})\.\s+(?=\S)", text)
    if lead and (role := teaching_role(lead.group(1))):
        found["role"], text = role, text[lead.end() :]
    label = _TEACH_LABEL.match(text)
    if label and not _COURSE_CODE.match(label.group(1)):  # "HIST 230: Plague ..." is a course
        name, text = label.group(1), label.group(2)
        if role := teaching_role(name):
            found["role"] = role
        elif _names_place(name) and not re.search(r"teach|course|class", name, re.I):
            found["institution"] = name  # "Houston: Math 2451 ..."
        elif not re.search(r"teach|course|class", name, re.I):
            text = f"{name}: {text}"  # "Use of Reference Managers: Zotero": a course title
    sentence = _TEACH_SENTENCE.match(text)
    # "Graduate Associate in Teaching": a title, not a role in a course called "Teaching"
    sentence = (
        None if sentence and re.match(r"teaching\b", sentence.group("rest"), re.I) else sentence
    )
    named = sentence and teaching_role(sentence.group("role"))
    if named and re.match(r"\w+ed\b", named):  # "Acted as TA for": the role itself
        named = (_TEACH_ROLE.search(named) or [None, None])[1]
        named = None if named and named.lower() == "lecture" else named  # "Gave lectures on"
    if sentence and named:
        found["role"] = found["role"] or smart_case(named)
        text = re.sub(r"^(?:the\s+)?(?:course|class|module)\s+", "", sentence.group("rest"))
        cut_at = _COURSE_END.search(text)
        course, tail = (text[: cut_at.start()], text[cut_at.start() :]) if cut_at else (text, "")
        if "," not in course:  # else the course and the rest are listed with commas
            if at := _AT_PLACE.search(tail):
                found["institution"] = found["institution"] or at.group(1).strip(" .")
            course = re.sub(r"\s+(?:from|since|in|during)$", "", course.strip(" .,"))
            course = _COURSE_WORD.sub("", course)
            quoted = _QUOTED.search(course)
            found["course"] = (quoted.group(1) if quoted else course) or None
            return found
    for co_teacher in _CO_TEACHER.finditer(text):
        found["notes"].append(co_teacher.group(1))
    text = _CO_TEACHER.sub("", text)
    pieces = [p.strip(" .") for p in split_outside_parens(text, ",;") if p.strip(" .")]
    pieces = [f for p in pieces for f in _dash_fields(p)]
    if len(pieces) >= 3 and _town_after_school(pieces[-3:]):
        found["notes"].append(f"{pieces[-2]}, {pieces[-1]}")  # "..., Some College, Town, ST"
        pieces = pieces[:-2]
    code = None
    last = None  # what the previous piece was
    for piece in pieces:
        quoted = _QUOTED.fullmatch(piece)
        if date_only(piece):
            last = "date"
            continue
        if last == "course" and not _QUOTED.match(found["course"]) and _course_goes_on(piece):
            found["course"] += f", {piece}"  # "The Venetian Republic, 1450–1797"
            continue
        last = "course" if found["course"] is None else None
        if quoted and found["course"] is None:
            found["course"] = f"{code} {quoted.group(1)}" if code else quoted.group(1)
        elif _COURSE_CODE.match(piece) and found["course"] is None and code is None:
            code = piece
        elif found["role"] is None and (role := teaching_role(piece)):
            found["role"] = role
        elif INSTITUTION.search(piece) or _org_rank(piece) >= 2:
            if found["institution"] is None:
                found["institution"] = piece
            else:
                found["notes"].append(piece)
        elif (
            looks_like_location(piece)
            or _TOWN_CODE.match(piece)
            or (found["notes"] and _TOWN_CODE.match(found["notes"][-1]) and _COUNTRY.match(piece))
            or _COURSE_NOTE.match(piece)
            or _TERM.fullmatch(piece)
        ):
            found["notes"].append(piece)
        elif found["course"] is None:
            found["course"] = f"{code} {piece}" if code else piece
            continue
        else:
            found["notes"].append(piece)
        last = None
    if found["course"] is None and code:
        found["course"] = code
    return found


def _town_after_school(pieces: list[str]) -> bool:
    """A school, then its town and state or country: "Some College", "Town", "ST"."""
    school, town, region = pieces
    return bool(
        (INSTITUTION.search(school) or _org_rank(school) >= 2)
        and _TOWN.match(town)
        and _COUNTRY.match(region)
    )


def _dash_fields(piece: str) -> list[str]:
    """ "Course - TA - 2017" as its fields; a dash inside a title ("Physics - Waves") stays,
    so the piece is cut only where a field after a dash is a role or a date."""
    fields = [f.strip(" .") for f in _DASH_FIELDS.split(piece) if f.strip(" .")]
    if len(fields) > 1 and any(teaching_role(f) or date_only(f) for f in fields[1:]):
        return fields
    return [piece]


def _course_goes_on(piece: str) -> bool:
    """A comma piece after a course that is still its title, not a role, school or note."""
    return not (
        teaching_role(piece)
        or INSTITUTION.search(piece)
        or _org_rank(piece) >= 2
        or looks_like_location(piece)
        or _TOWN_CODE.match(piece)
        or _COURSE_NOTE.match(piece)
        or _TERM.fullmatch(piece)
        or find_dates(piece)
    ) and bool(re.match(r"[\dA-Z]", piece))


def _bold_course(item: Item) -> tuple[str, str | None, str] | None:
    """(course, school, rest) of a line led by a course's name in bold (not a role,
    school or date), the school when an acronym in brackets follows: "(SDSU)"."""
    bold = leading_bold(item.marked)
    if bold is None:
        return None
    name = plain(bold[0]).strip(" .,")
    # "**Lecture for course X**" tells a role too: that line is read whole
    if (
        find_dates(name)
        or _TEACH_ROLE.search(name)
        or INSTITUTION.search(name)
        or _org_rank(name) >= 2
    ):
        return None
    rest = plain(bold[1]).lstrip(" .,;:")
    if school := re.match(r"^\(([A-Z][A-Za-z&.]{1,9})\)[\s,;]*", rest):
        return name, school.group(1), rest[school.end() :]
    return name, None, rest


def teaching(block: Block, institution_hint: str | None = None) -> dict:
    items = _lines_without_date(block)
    hint: dict = {"role": None, "institution": institution_hint}
    for it in block.context:  # a group heading: "Teaching Assistant, Some University"
        heard = _teaching_line(it.text)
        hint["role"] = hint["role"] or heard["role"]
        # a name over courses is where they were taught ("Houston", "Some University")
        hint["institution"] = hint["institution"] or heard["institution"] or heard["course"]
    role = course = institution = None
    details: list[str] = []
    for index, item in enumerate(items):
        text = item.text
        if index and (
            _ADVISOR_LINE.match(text)
            or (is_detail(item, items[index - 1]) and not _TEACH_LABEL.match(text))
        ):
            details.append(text)
            continue
        found = _teaching_line(text)
        if not index and (titled := _bold_course(item)):
            # "**Course** (SDSU), Instructor, fall 2012": the bold run is the course
            course_name, school, rest = titled
            found = _teaching_line(rest)
            if found["course"]:  # with the course named, what else reads as one is a note
                found["notes"].insert(0, found["course"])
            found["course"] = course_name
            found["institution"] = school or found["institution"]
        # Below the course, a line of its own gives a missing role or school (one field
        # per line); a line with a course or with both is another entry's, or a note.
        single = bool(found["role"]) != bool(found["institution"]) and not found["course"]
        if index and (
            not (found["course"] or found["role"] or found["institution"])
            or (course and not single)
            or (course and (role if found["role"] else institution))
        ):
            details.append(text)
            continue
        role = role or found["role"]
        course = course or found["course"]
        institution = institution or found["institution"]
        details.extend(found["notes"])
    if course:
        course = _strip_dates(course) if find_dates(course) else course
        if paren := re.search(r"\s*\(([^()A-Z]*)\)$", course):
            # a lower-case note ("(undergraduate)", "(lecture, 120 students)"), not a title
            details.insert(0, paren.group(1))
            course = course[: paren.start()]
    dated = block.date_item or next((it for it in block.items if find_dates(it.text)), None)
    term = _date_text(dated.text) if dated else None
    when = _TERM_BEFORE.search(dated.text) if term and dated and not _TERM.search(term) else None
    if when and when.end() == find_dates(dated.text)[0].begin:
        term = f"{when.group(1)}, {term}"  # "Semester-II, 2017-18"
    return _x(
        block,
        {
            "course": course.strip(" .,") if course else None,
            "role": role or hint["role"],
            "institution": institution or hint["institution"],
            "term": term,
            "details": details,
        },
    )


# "Courses taught (in Spanish): First Course." A label over the courses of a job.
_COURSES_LABEL = re.compile(r"^((?:courses?|classes|modules)\b[^:]{0,40}):\s*(\S.*)$", re.I)


def listed_courses(block: Block) -> list[dict]:
    """A teaching job over a labelled list of its courses ("Instructor, Some College" /
    "Courses taught: Course A." / "Course B."): one entry per course, each with the
    job's role, school and term; any other block is one entry."""
    start = next(
        (i for i, it in enumerate(block.items) if i and _COURSES_LABEL.match(it.text)), None
    )
    if start is None:
        return [teaching(block)]
    listed = block.items[start:]
    label = _COURSES_LABEL.match(listed[0].text)
    courses = [label.group(2), *(it.text for it in listed[1:])]
    if len(courses) < 2 or any(find_dates(c) or len(c.split()) > 12 for c in courses):
        return [teaching(block)]
    job = teaching(Block(block.items[:start], block.date, block.date_item, block.context))
    found = []
    for course, item in zip(courses, listed, strict=True):
        entry = {**job, "course": course.strip(" ."), "details": [*job["details"], label.group(1)]}
        found.append({**entry, "x_lines": sorted({*job["x_lines"], *item.nos})})
    return found


# --------------------------------------------------------------------- projects
def project(block: Block) -> dict:
    first = block.items[0]
    links = links_in(first.marked)
    name_match = re.match(r"^\**\[([^\]]+)\]\(([^)]*)\)\**", first.marked)
    url = None
    if name_match:
        name, url = name_match.group(1), name_match.group(2)
        rest = plain(first.marked[name_match.end() :]).lstrip(" .:—–-")
    else:
        bold = leading_bold(first.marked)
        if bold:
            name, rest = plain(bold[0]), plain(bold[1]).lstrip(" .:—–-")
        elif first.heading or first.bold or len(block.items) > 1:
            name, rest = first.text, ""
        else:
            parts = re.split(r"\s+[—–:-]\s+|\.\s+", first.text, maxsplit=1)
            name, rest = parts[0], parts[1] if len(parts) > 1 else ""
        if links:
            url = links[0][1]
    description = " ".join(([rest] if rest else []) + [it.text for it in block.items[1:]])
    return _x(
        block,
        {
            "name": name.strip(" .*"),
            "description": description or None,
            "url": url if url and url.startswith("http") else None,
        },
    )


# --------------------------------------------------------------------- skills
def skills(items: list[Item], category_hint: str | None) -> list[dict]:
    out: list[dict] = []
    for item in items:
        marked = item.marked
        bold = leading_bold(marked)
        if item.bold:  # a category on a line of its own, its skills below it
            category, rest = item.text.rstrip(":"), ""
        elif bold:
            category, rest = plain(bold[0]).rstrip(":"), plain(bold[1]).lstrip(": ")
        elif item.text.count(":") == 1 and (
            match := re.match(r"^([A-Z][\w /&+-]{1,40}?)\s*:\s*(.+)$", item.text)
        ):
            category, rest = match.group(1), match.group(2)
        elif category_hint and not out:
            category, rest = category_hint, item.text
        elif match := re.match(r"^([A-Z][a-z]+)\s+(.+,.+)$", item.text):
            category, rest = match.group(1), match.group(2)
        elif out:
            out[-1]["items"].extend(_skill_items(item.text))
            out[-1]["x_lines"].extend(item.nos)
            continue
        else:
            category, rest = category_hint, item.text
        out.append({"category": category, "items": _skill_items(rest), "x_lines": list(item.nos)})
    return out


def _skill_items(text: str) -> list[str]:
    return [p.strip(" .") for p in split_outside_parens(text, ",;") if p.strip(" .")]


# --------------------------------------------------------------------- other sections
def section_items(blocks: list[Block]) -> list[str]:
    return [fold(" ".join(it.text for it in block.items)) for block in blocks]


# --------------------------------------------------------------------- labelled groups
_ITEM_LABEL = re.compile(r"^([A-Z][\w /&-]{1,30}?)\s?:\s+")
_CODE_HOST = re.compile(r"github\.com|gitlab\.com|bitbucket\.org|shinyapps\.io|cran\.|pypi\.org")


# Labels that describe an entry rather than head a group of entries.
_DETAIL_LABEL = re.compile(
    r"^(topics?|tasks?|keywords?|thesis|dissertation|advisors?|supervisors?|mentors?|gpa|grade"
    r"|research focus|focus|courses?|coursework|role|responsibilities|duties|tools|skills"
    r"|abstract|summary|project|funding agency|project number|project leader|chair|pi)$",
    re.I,
)


def labelled_groups(items: list[Item]) -> list[tuple[str | None, list[Item]]]:
    """Items grouped under margin labels ("Authored software: ...", moderncv \\cvitem)."""
    groups: list[tuple[str | None, list[Item]]] = []
    for item in items:
        match = None if item.bullet else _ITEM_LABEL.match(item.text)
        if match and _DETAIL_LABEL.match(match.group(1)):
            match = None
        if match or not groups:
            groups.append((match.group(1) if match else None, [item]))
        else:
            groups[-1][1].append(item)
    return groups


def without_label(item: Item) -> Item:
    """The item with its group label cut off ("Teaching: Lecture ..." -> "Lecture ...")."""
    text = _ITEM_LABEL.sub("", item.text, count=1)
    marked = re.sub(r"^\**[A-Z][\w /&-]{1,30}?\**\s?:\s*", "", item.marked, count=1)
    return Item(item.nos, marked, text, item.bullet, item.heading, item.bold, item.gap_before)


def is_code_group(label: str | None, items: list[Item]) -> bool:
    """A group listing software or models: by its label, or by links to their code."""
    if label and heading_kind(label) == "projects":
        return True
    links = [url for it in items for _, url in links_in(it.marked)]
    return sum(bool(_CODE_HOST.search(u)) for u in links) >= 2


_NAMES_DASH = re.compile(r"^([\w .,()+-]{2,80}?)\s+[–—]\s+(.+)$")


def projects_from_links(items: list[Item]) -> list[dict]:
    """Projects of lines like "[Name](url), [Other](url) – what they do"."""
    out: list[dict] = []
    latest: list[dict] = []
    for index, item in enumerate(items):
        marked = _ITEM_LABEL.sub("", item.marked) if index == 0 else item.marked
        head = re.match(r"^((?:\[[^\]]+\]\([^)]*\)\s*,?\s*)+)(.*)$", marked)
        if head:
            description = plain(head.group(2)).lstrip(" –—-:,").strip()
            latest = [
                {"name": name, "description": description or None, "url": url,
                 "x_lines": list(item.nos)}
                for name, url in links_in(head.group(1))
            ]  # fmt: skip
            out.extend(latest)
        elif dash := _NAMES_DASH.match(plain(marked)):
            latest = [
                {"name": name, "description": dash.group(2).strip(), "url": None,
                 "x_lines": list(item.nos)}
                for name in split_outside_parens(dash.group(1), ",")
            ]  # fmt: skip
            out.extend(latest)
        elif links_in(marked) and (index == 0 or not latest):
            text = plain(marked)
            name, _, rest = text.partition(",")
            latest = [{"name": name.strip(), "description": rest.strip(" .") or None,
                       "url": links_in(marked)[-1][1], "x_lines": list(item.nos)}]  # fmt: skip
            out.extend(latest)
        elif latest:
            for project in latest:
                project["description"] = fold(f"{project['description'] or ''} {item.text}")
                project["x_lines"].extend(item.nos)
    return out
