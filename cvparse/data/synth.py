"""Synthetic CVs for the line labeller: made-up people and works in many layouts.

Every name, title and venue is drawn from the small word lists below, so nothing
real is in them; the labels come with the text. Layouts: Markdown (``#`` or bold
headings, bullets, numbered lists, definition lists, entries over several lines),
plain text (ALL CAPS headings, hanging indents) and the Markdown-ish text the PDF
reader gives (``##`` headings from larger fonts, ``**bold**`` lines, wrapped lines).
"""

from __future__ import annotations

import random
import textwrap


def _split(text: str) -> list[str]:
    return text.split("|")


GIVEN = _split(
    "Alma|Bruno|Chiara|Dmitri|Elena|Farid|Greta|Hugo|Ines|Jonas|Kira|Lucas|Mira|Nils|Olga|"
    "Pavel|Rosa|Stefan|Tomas|Una|Vera|Yuri|Zoe"
)
FAMILY = _split(
    "Abbot|Berg|Castell|Dunmore|Eriksen|Falk|Garrow|Hollis|Ivers|Jansky|Kettle|Lund|Marlow|"
    "Nyberg|Orton|Pruitt|Quill|Rask|Selden|Thorne|Ulmer|Vance|Wexler|Yarrow"
)
TOPIC = _split(
    "coastal erosion|protein folding|urban heat|bird migration|soil carbon|labour markets|"
    "sparse solvers|speech perception|medieval trade|glacier dynamics|voter turnout|"
    "gut microbes|graph learning|river sediments|child language|bridge fatigue|"
    "ocean acoustics|forest fires|drug pricing|stellar winds"
)
NOUN = [
    "model",
    "framework",
    "analysis",
    "evidence",
    "approach",
    "survey",
    "study",
    "method",
    "theory",
    "benchmark",
]
PLACE = _split(
    "Northfield|Lakemont|Eastbrook|Westvale|Greywater|Ashford|Brightmoor|Stonebridge|"
    "Redcliff|Mapleton"
)
ORG_FORM = _split(
    "University of {p}|{p} Institute of Technology|{p} College|{p} State University|"
    "Institute for {T} Research|{p} Research Centre|{p} Labs"
)
DEPT = _split(
    "Physics|Biology|Economics|History|Chemistry|Psychology|Computer Science|Sociology|"
    "Geography|Mathematics|Political Science|Ecology"
)
DEGREE = _split(
    "Ph.D. in {d}|PhD, {d}|M.Sc. in {d}|MA, {d}|B.Sc. {d}|B.A. in {d}|"
    "Master of Science in {d}|Bachelor of Arts, {d}|Diploma in {d}"
)
ROLE = _split(
    "Assistant Professor|Associate Professor|Professor|Postdoctoral Fellow|"
    "Research Scientist|Lecturer|Research Assistant|Visiting Scholar|Senior Researcher|"
    "Teaching Assistant|Research Intern|Data Scientist"
)
VENUE = _split(
    "Journal of {T}|{T} Letters|Annual Review of {T}|Proceedings of the Conference on {T}|"
    "International Workshop on {T}|{T} Quarterly|Transactions on {T}"
)
AWARD = _split(
    "Best Paper Award|Young Investigator Award|Graduate Fellowship|Dean's Medal|"
    "Travel Grant|Teaching Prize|Outstanding Reviewer Award|Early Career Prize"
)
COURSE = [
    "Introduction to {T}",
    "Advanced {T}",
    "Methods in {T}",
    "Seminar on {T}",
    "{T} Laboratory",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
VERBS = [
    "Developed",
    "Led",
    "Designed",
    "Built",
    "Supervised",
    "Analysed",
    "Taught",
    "Organised",
    "Managed",
    "Wrote",
]
HEADINGS = {
    "education": ["Education", "Academic Background", "Degrees", "Education and Training"],
    "positions": [
        "Experience",
        "Employment",
        "Academic Appointments",
        "Professional Experience",
        "Positions",
    ],
    "publications": ["Publications", "Selected Publications", "Peer-Reviewed Articles", "Papers"],
    "awards": ["Awards", "Honors and Awards", "Fellowships and Prizes", "Awards & Honours"],
    "teaching": ["Teaching", "Teaching Experience", "Courses Taught"],
    "talks": ["Invited Talks", "Presentations", "Talks", "Conference Presentations"],
    "service": ["Service", "Professional Service", "Reviewing", "Committees"],
    "skills": ["Skills", "Technical Skills", "Languages and Skills"],
    "grants": ["Grants", "Funding", "Research Grants"],
    # Sections no vocabulary names: the layout alone tells they are headings.
    "misc": [
        "Fieldwork",
        "Exhibitions",
        "Expeditions",
        "Graduate Students",
        "Editorial Boards",
        "Consulting",
        "Residencies",
        "Field Campaigns",
        "Collections",
        "Performances",
        "Public Engagement",
        "Datasets",
        "Trainees",
        "Community Work",
        "Media Coverage",
    ],
    "bio": ["About", "Summary", "Profile", "Research Interests", "Research Statement"],
}
PUB_CATEGORIES = _split(
    "Journal Articles|Conference Papers|Book Chapters|Preprints|Working Papers|Under Review"
)

Labelled = list[tuple[str, str | None]]  # (source line, label; None for a blank line)


class _Maker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def topic(self, title: bool = True) -> str:
        t = self.pick(TOPIC)
        return t.title() if title else t

    def fill(self, form: str) -> str:
        return form.format(p=self.pick(PLACE), T=self.topic(), d=self.pick(DEPT))

    def person(self) -> str:
        return f"{self.pick(GIVEN)} {self.pick(FAMILY)}"

    def author(self) -> str:
        given, family = self.pick(GIVEN), self.pick(FAMILY)
        return self.pick(
            [
                f"{family}, {given[0]}.",
                f"{given[0]}. {family}",
                f"{given} {family}",
                f"{family} {given[0]}",
            ]
        )

    def year(self) -> int:
        return self.rng.randint(1995, 2025)

    def span(self) -> str:
        start = self.year()
        end = self.pick([str(min(start + self.rng.randint(1, 6), 2025)), "present", "Present", ""])
        if self.rng.random() < 0.3:
            start_s = f"{self.pick(MONTHS)} {start}"
            end = f"{self.pick(MONTHS)} {end}" if end[:1].isdigit() else end
        else:
            start_s = str(start)
        if not end:
            return start_s
        return f"{start_s}{self.pick([' – ', '–', ' - ', '-', ' to '])}{end}"

    def sentence(self, words: int = 12) -> str:
        parts = [self.pick(VERBS), "a", self.pick(NOUN), "for", self.topic(False)]
        while len(parts) < words:
            parts += self.pick(
                [
                    ["and", self.topic(False)],
                    ["with", self.pick(NOUN) + "s"],
                    ["in", self.pick(PLACE)],
                    ["using", "new", self.pick(NOUN) + "s"],
                ]
            )
        return " ".join(parts) + "."

    def title(self) -> str:
        return self.pick(
            [
                f"A {self.pick(NOUN)} of {self.topic(False)}",
                f"{self.topic()} and {self.topic(False)}: a {self.pick(NOUN)}",
                f"On {self.topic(False)} in {self.pick(PLACE)}",
                f"{self.pick(NOUN).title()}s for {self.topic(False)} under {self.topic(False)}",
            ]
        )


def _entry_fields(m: _Maker, kind: str) -> dict:
    org = m.fill(m.pick(ORG_FORM))
    where = f"{m.pick(PLACE)}, {m.pick(['UK', 'Canada', 'Norway', 'CA', 'NY', 'Germany'])}"
    details = [m.sentence(m.rng.randint(6, 22)) for _ in range(m.rng.choice([0, 0, 1, 2, 3]))]
    if kind == "education":
        head = m.fill(m.pick(DEGREE))
        if m.rng.random() < 0.4:
            details.insert(0, f"{m.pick(['Thesis', 'Dissertation'])}: {m.title()}")
        if m.rng.random() < 0.3:
            details.append(f"{m.pick(['Advisor', 'Supervisor'])}: {m.person()}")
    elif kind == "positions":
        head = m.pick(ROLE)
        if m.rng.random() < 0.2:
            head = head.upper()  # Awesome-CV sets the role in capitals
    elif kind == "teaching":
        head = m.fill(m.pick(COURSE))
        org = m.pick([org, m.pick(ROLE)])
    elif kind == "awards":
        head, details = m.pick(AWARD), details[:1]
    elif kind == "grants":
        funder = m.pick(["National Science Agency", "Research Council", "Foundation for Science"])
        head = f"{m.title()}, {funder}, ${m.rng.randint(5, 900)},000"
        org, details = "", []
    elif kind == "talks":
        head = f'"{m.title()}", {m.fill(m.pick(VENUE))}, {m.pick(PLACE)}'
        org, details = "", []
    else:  # service, misc
        head = m.pick(
            [
                f"{m.title()}, {m.pick(PLACE)}",
                f"Reviewer for {m.fill(m.pick(VENUE))}",
                f"Member, {m.topic()} Committee",
                f"Organiser, {m.fill(m.pick(VENUE))}",
            ]
        )
        org, details = "", []
    return {"head": head, "org": org, "where": where, "date": m.span(), "details": details}


def _publication(m: _Maker) -> str:
    authors = [m.author() for _ in range(m.rng.randint(1, 6))]
    joined = ", ".join(authors[:-1]) + (" and " if len(authors) > 1 else "") + authors[-1]
    year, venue, title = m.year(), m.fill(m.pick(VENUE)), m.title()
    extra = m.pick(
        [
            "",
            f", {m.rng.randint(1, 60)}({m.rng.randint(1, 12)})",
            f", pp. {m.rng.randint(1, 300)}-{m.rng.randint(301, 600)}",
            f", vol. {m.rng.randint(1, 40)}",
        ]
    )
    return m.pick([
        f"{joined} ({year}). {title}. *{venue}*{extra}.",
        f"{joined}. {title}. {venue}{extra}, {year}.",
        f'{joined}, "{title}," {venue}{extra}, {year}.',
        f"**{title}**. {joined}. {venue}, {year}.",
        f"{title}. {joined}. In {venue}, {year}. [PDF](https://example.org/p{year})",
    ])  # fmt: skip


class _Style:
    """The layout choices of one synthetic document."""

    def __init__(self, m: _Maker, fmt: str) -> None:
        self.fmt = fmt
        if fmt == "markdown":
            self.heading = m.pick(["#", "##", "bold", "setext", "caps-md"])
        elif fmt == "text":
            self.heading = m.pick(["caps", "caps", "title", "setext"])
        else:
            self.heading = m.pick(["##", "caps", "title", "bold"])
        self.entry = m.pick(
            ["date-first", "date-last", "three-line", "deflist", "bullets", "bold-head"]
        )
        if fmt != "markdown" and self.entry in ("deflist", "bold-head"):
            self.entry = "date-first"
        self.pubs = m.pick(["numbered", "bulleted", "plain", "bracketed"])
        self.gap = m.rng.random() < (0.6 if fmt == "markdown" else 0.3)
        self.width = m.rng.randint(70, 110) if fmt != "markdown" else 10_000
        self.indent = " " * m.pick([2, 4, 6]) if fmt == "text" else ""
        self.bullet = m.pick(["- ", "* ", "• "]) if fmt != "pdf" else m.pick(["- ", "• "])


def _wrap(text: str, style: _Style, first: str, rest: str) -> Labelled:
    """One logical line, wrapped as a PDF or plain text would, with a label per line."""
    lines = textwrap.wrap(text, style.width) or [text]
    return [(lines[0], first)] + [(style.indent + ln, rest) for ln in lines[1:]]


def _heading(title: str, style: _Style, sub: bool = False) -> list[str]:
    kind = style.heading
    if sub:
        return {"#": [f"### {title}"], "##": [f"### {title}"], "setext": [f"**{title}**"]}.get(
            kind, [f"**{title}**" if style.fmt != "text" else title]
        )
    if kind in ("#", "##"):
        return [f"{kind} {title}"]
    if kind == "bold":
        return [f"**{title}**"]
    if kind == "setext":
        return [title, "-" * len(title)]
    if kind in ("caps", "caps-md"):
        return [title.upper()]
    return [title]


def _entry_lines(m: _Maker, fields: dict, style: _Style) -> Labelled:
    head = ", ".join(p for p in (fields["head"], fields["org"]) if p)
    date, details = fields["date"], fields["details"]
    entry = style.entry
    out: Labelled
    if entry == "date-first":
        out = _wrap(
            f"{date}{m.pick(['  ', ' ', ': ', ' | '])}{head}", style, "entry_start", "entry_cont"
        )
    elif entry == "date-last":
        out = _wrap(
            f"{head}{m.pick(['  ', ', ', ' — '])}{date}", style, "entry_start", "entry_cont"
        )
    elif entry == "three-line":
        out = [(fields["org"] or fields["head"], "entry_start")]
        if fields["org"]:
            out.append((fields["head"], "entry_cont"))
        out.append((m.pick([date, f"{fields['where']}  {date}"]), "entry_cont"))
    elif entry == "deflist":
        out = [(date, "entry_start"), (f": {head}", "entry_cont")]
    elif entry == "bold-head":
        out = [
            (
                f"**{fields['head']}**"
                + (f", {fields['org']}" if fields["org"] else "")
                + f" ({date})",
                "entry_start",
            )
        ]
    else:
        out = [(f"{style.bullet}{head}, {date}", "entry_start")]
    as_bullets = entry != "bullets" and m.rng.random() < 0.6
    for detail in details:
        if as_bullets:
            out += [(f"{style.indent}{style.bullet}{detail}", "entry_cont")]
        else:
            out += _wrap(style.indent + detail, style, "entry_cont", "entry_cont")
    return out


def _section(m: _Maker, kind: str, style: _Style) -> Labelled:
    out: Labelled = [(line, "heading") for line in _heading(m.pick(HEADINGS[kind]), style)]
    if out[-1][0].startswith("-"):
        out[-1] = (out[-1][0], None)  # a setext underline carries no text
    if style.gap or style.fmt == "markdown":
        out.append(("", None))
    gap = style.gap and kind not in ("skills",)
    if kind == "bio":
        for _ in range(m.rng.randint(1, 2)):
            text = " ".join(m.sentence(m.rng.randint(10, 25)) for _ in range(m.rng.randint(2, 4)))
            out += _wrap(text, style, "other", "other") + [("", None)]
        return out
    if kind == "skills":
        for label in m.rng.sample(["Programming", "Languages", "Methods", "Software", "Lab"], 3):
            items = ", ".join(m.topic() for _ in range(m.rng.randint(2, 6)))
            prefix = style.bullet if m.rng.random() < 0.4 else ""
            out += [(f"{prefix}{m.pick([f'**{label}:**', f'{label}:'])} {items}", "entry_start")]
        return out
    if kind == "publications":
        groups = m.rng.sample(PUB_CATEGORIES, m.rng.randint(1, 3)) if m.rng.random() < 0.4 else [""]
        number = 0
        for group in groups:
            if group:
                out += [(line, "subheading") for line in _heading(group, style, sub=True)]
                out += [("", None)] if style.gap else []
            for _ in range(m.rng.randint(2, 8)):
                number += 1
                prefix = {
                    "numbered": f"{number}. ",
                    "bulleted": style.bullet,
                    "bracketed": f"[{number}] ",
                }.get(style.pubs, "")
                out += _wrap(prefix + _publication(m), style, "entry_start", "entry_cont")
                out += [("", None)] if gap else []
        return out
    for _ in range(m.rng.randint(1, 6)):
        out += _entry_lines(m, _entry_fields(m, kind), style)
        out += [("", None)] if gap else []
    return out


def _header(m: _Maker, style: _Style) -> Labelled:
    name = m.person()
    form = {
        "markdown": ["# {}", "**{}**", "{}"],
        "pdf": ["# {}", "**{}**", "{}"],
        "text": ["{}", "{}"],
    }
    out: Labelled = [(m.pick(form[style.fmt]).format(name), "header")]
    if m.rng.random() < 0.5:
        out.append((f"{m.pick(ROLE)}, {m.fill(m.pick(ORG_FORM))}", "header"))
    user = name.split()[1].lower()
    contact = [
        f"{user}@example.org",
        f"+1 555 {m.rng.randint(100, 999)} {m.rng.randint(1000, 9999)}",
        f"https://{user}.example.net",
        f"{m.rng.randint(1, 99)} {m.pick(PLACE)} Road, {m.pick(PLACE)}",
    ]
    m.rng.shuffle(contact)
    if m.rng.random() < 0.5:
        out.append((m.pick([" | ", " · ", " • "]).join(contact[:3]), "header"))
    else:
        out += [(c, "header") for c in contact[: m.rng.randint(1, 4)]]
    return out + [("", None)]


def synthetic_document(seed: int) -> tuple[str, str, list[str | None]]:
    """(text, reader format, a label per source line) for one made-up CV."""
    rng = random.Random(seed)
    m = _Maker(rng)
    fmt = rng.choice(["markdown", "markdown", "text", "pdf", "pdf"])
    style = _Style(m, fmt)
    kinds = [
        "education",
        "positions",
        "publications",
        "awards",
        "teaching",
        "talks",
        "service",
        "skills",
        "grants",
        "misc",
        "misc",
    ]
    chosen = list(dict.fromkeys(rng.sample(kinds, rng.randint(3, 8))))
    if rng.random() < 0.5:
        chosen.insert(0, "bio")
    out = _header(m, style)
    for kind in chosen:
        out += _section(m, kind, style)
        if style.fmt == "markdown" or style.gap or rng.random() < 0.5:
            out.append(("", None))
    return "\n".join(line for line, _ in out) + "\n", fmt, [label for _, label in out]
