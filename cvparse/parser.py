"""From a document's text to CV JSON: sections, person, entries, publications, leftovers."""

from __future__ import annotations

import re

from . import entries, names, person
from .blocks import Block, Item, cut, items_of
from .dates import find_dates, fmt
from .entry_confidence import add_confidence
from .labeller import EntryStarts
from .publications import mark_self, parse_publications, self_name
from .sections import (
    DOCUMENT_TITLE,
    YEAR_HEADING,
    Line,
    Section,
    build_lines,
    heading_kind,
    is_table_header,
    split_sections,
)
from .text import clean_line, fold, front_matter, links_in, plain

SCHEMA = "cv-json/1"
# A publications heading that names no kind of work ("Publications", "Selected
# Papers"); any other ("Working Papers", "Peer-Reviewed Publications") is the category.
_GENERIC_PUBLICATIONS = re.compile(
    r"^\W*((selected|representative|recent|research|list of|academic)\s+)?"
    r"(publications?|papers|publication list)\W*(\s*[(\[]\d+[)\]])?\W*$",
    re.I,
)
_SELECTED = re.compile(r"\b(selected|representative|featured|recent|key|highlighted)\b", re.I)
_PROSE_WORDS = 12
_NEWS = re.compile(r"\b(news|updates)\b", re.I)
_JOINED = re.compile(
    r"\b(start(ed|ing)?|join(ed|ing)?|began|begin(ning)?|moved to|appointed)\b", re.I
)
_NEWS_INTERNSHIP = re.compile(
    r"\b(?i:start(?:ed|ing)?|began|begin(?:ning)?|join(?:ed|ing)?)\s+(?:my\s+|an?\s+)?"
    r"(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})\s+(?:research\s+)?internship"
    r"(?:\s+(?:in|at)\s+(?P<place>[A-Z][\w-]+(?:,?\s+[A-Z][\w-]+)?))?",
)
_DEGREE_TALK = re.compile(r"ph\.?\s?d|doctor|master|bachelor|degree|undergraduate", re.I)
_LINKED = r"\[[^\]]+\]\([^)]*\)"
_TEACH_FOR = re.compile(
    r"\b(?P<role>(?:(?:head|lead|graduate|undergraduate)\s+)?(?:teaching assistant|TA|CA"
    r"|course assistant|instructor|lecturer|tutor))s?\s+(?:for|of|in)\s+(?:the\s+)?"
    rf"(?P<courses>{_LINKED}(?:(?:,\s*|,?\s+and\s+){_LINKED})*)",
)
_AT_SCHOOL = re.compile(r"^(?:At|In)\s+(?P<school>[A-Z][\w.&' -]{2,60}?),")
_PROJECTS_INTRO = re.compile(r"\b(projects?|software|packages|tools|open.source)\b", re.I)
_REFERENCES = re.compile(r"referen|referee", re.I)
_ADDRESS_LABEL = re.compile(r"^(?:postal |home |mailing |office )?address\s*:\s*(.{6,})", re.I)
_CURRENT = re.compile(r"^current (?:position|appointment|affiliation|employment)s?$", re.I)
# Degrees after the owner's name, in any case: ", M.A.", ", PH.D.", ", MD, PhD".
_TRAILING_DEGREES = re.compile(
    r"(?:,\s*(?:(?:[A-Za-z]{1,3}\.\s?){1,3}[A-Za-z]{0,3}\.?|PhD|PHD|MD|MBA|MPH|MSc|DPhil))+\s*$"
)
_CV_FILE = re.compile(r"(?:\b|_)(?:cv|resume|vita)(?:\b|_)", re.I)
_TEACH_ROLE_LABEL = re.compile(
    r"^(teach\w*|teacher|course|tutor\w*|lab)\s+assistan\w*$|^(tutor|lecturer|instructor)s?$", re.I
)
_FIRST_PERSON = re.compile(r"^(?:I|My|We|Our)\s+\w+\s+\w+\s+\w+")
# A citation's first author: "Lark, A. B.,", "A. B. Lark,", "Lark AB,", then more words.
_CITATION_START = re.compile(
    r"^(?:[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s?-?){1,3}|(?:[A-Z]\.\s?-?){1,3}\s?[A-Z][\w'’-]+"
    r"|[A-Z][\w'’-]+\s[A-Z]{1,3})[,.]?\s(?:\S+\s+){5}"
)
_CITED_WHEN = re.compile(r"\b(?:19|20)\d\d\b|\bin press\b|\bforthcoming\b", re.I)
_TEACHING_TITLE = re.compile(
    r"(?:(?:graduate|undergraduate|head|lead|senior)\s+)?(?:teaching|course|learning)"
    r"\s+(?:assistant|associate|fellow)(?:ship)?",
    re.I,
)
# An office held: "Vice-president of the Ethics Committee", "Student Representative at X".
_OFFICE = re.compile(
    r"^(?:[\w-]+\s+){0,3}?(?:vice[- ]?)?(?:president|chair(?:man|woman|person)?|secretary"
    r"|treasurer|delegate|representative|member|substitute|officer)"
    r"(?:\s+and\s+(?:[\w-]+\s+){0,2}?[\w-]+)?\s+(?:of|at|in|for|on|to)\b",
    re.I,
)
_TEACH_WORD = re.compile(r"teach|course|lectur|tutor|instruct", re.I)


def empty_result(filename: str | None, fmt: str) -> dict:
    return {
        "schema": SCHEMA,
        "source": {"filename": filename, "format": fmt},
        "person": {
            "name": None, "headline": None, "emails": [], "phones": [], "homepage": None,
            "links": [], "address": None, "bio": None, "research_interests": [],
        },
        "education": [], "positions": [], "publications": [], "awards": [],
        "teaching": [], "projects": [], "skills": [], "sections": [], "unparsed": [],
    }  # fmt: skip


class _Assembler:
    """Fills one result from the sections of one document."""

    def __init__(self, text: str, filename: str | None, fmt: str) -> None:
        self.result = empty_result(filename, fmt)
        self.front = front_matter(text) if fmt in ("markdown", "text", "html") else {}
        self.lines = build_lines(text)
        self.by_no = {line.no: line for line in self.lines}
        self.fmt = fmt
        self.sections = split_sections(self.lines)
        self.used: set[int] = {s.heading_line for s in self.sections if s.heading_line}
        self.bio_parts: list[str] = []
        self.wrap_width = _wrap_width(self.lines) if fmt in ("pdf", "docx") else None
        # Where the line labeller opens entries: the publication rules' hint, labelled
        # only if they ask.
        self.entry_starts = EntryStarts(self.lines, fmt)

    # ----------------------------------------------------------------- driver
    def run(self) -> dict:
        preamble, body = self.sections[0], self.sections[1:]
        self._person_from_preamble(preamble)
        pub_sections = []
        for index, section in enumerate(body):
            following = body[index + 1] if index + 1 < len(body) else None
            if section.kind == "other" and self._lists_citations(section):
                section.kind = "publications"
            if section.kind == "publications":
                pub_sections.append(section)
            else:
                self._section(section, following)
        self.result["positions"] = _drop_undated_repeats(self.result["positions"])
        _faculty_teaches(self.result)
        entries.dissertations_to_doctorate(self.result["education"])
        self._contacts(body)
        self._publications(pub_sections)
        self._prose_entries()
        self._starts_from_news()
        self._finish_person()
        self._unparsed()
        for kind in ("education", "positions", "awards", "teaching"):
            for entry in self.result[kind]:
                add_confidence(kind, entry)
        return self.result

    def _items(self, section: Section) -> list[Item]:
        # A table's column names are left to `unparsed`: labels, not entries.
        lines = [ln for ln in section.lines if not is_table_header(ln, self.by_no.get(ln.no + 1))]
        return items_of(lines, self.by_no, self.wrap_width)

    def _lists_citations(self, section: Section) -> bool:
        """Whether a section whose heading names no kind ("Stuff I wrote") lists papers:
        most of its items open with an author and carry a year."""
        if heading_kind(section.sub or section.heading or "") is not None:
            return False
        items = [it for it in self._items(section) if it.text]
        cited = [
            it for it in items if _CITATION_START.match(it.text) and _CITED_WHEN.search(it.text)
        ]
        return len(cited) >= 2 and len(cited) * 3 >= len(items) * 2

    def _mark(self, nos: list[int] | set[int]) -> None:
        self.used.update(nos)

    # ----------------------------------------------------------------- sections
    def _section(self, section: Section, following: Section | None) -> None:
        items = self._items(section)
        kind = section.kind
        info = self.result["person"]
        if _CURRENT.match(section.heading or "") and info["headline"] is None and items:
            # "Current position: Postdoc, X Lab, Y University" is how the owner is known
            text = fold(" ".join(it.text for it in items)).rstrip(".")
            if len(text.split()) <= 30:
                info["headline"] = text
        if kind == "bio":
            self.bio_parts.append(" ".join(it.text for it in items))
            self._mark([n for it in items for n in it.nos])
            return
        if kind == "interests":
            self._interests(items)
            return
        if kind == "skills":
            for label, group in entries.labelled_groups(items):
                found = (
                    entries.projects_from_links(group)
                    if entries.is_code_group(label, group)
                    else []
                )
                if found:
                    self.result["projects"].extend(found)
                else:
                    found = entries.skills(group, section.sub)
                    self.result["skills"].extend(found)
                self._mark([n for s in found for n in s["x_lines"]])
            return
        told = " ".join(it.marked for it in items)
        if kind == "teaching" and not any(it.bullet for it in items) and _TEACH_FOR.search(told):
            self._prose_teaching(items)
            return
        placed: list[Block] = []
        if kind == "teaching":
            items, placed = self._teaching_labels(items)
        extract = {
            "education": entries.education,
            "positions": entries.position,
            "awards": entries.award,
            "teaching": entries.teaching,
            "projects": entries.project,
        }.get(kind or "")
        blocks = (
            cut(
                items,
                roles=kind in ("positions", "teaching"),
                listed=kind in ("teaching", "awards"),
            )
            if items
            else []
        )
        if extract is None:
            items = self._teaching_groups(self._introduced_projects(items))
            blocks = cut(items) if items else []
            if all(it.bullet for it in items):
                # A flat list: each bullet is one item, whatever dates it ends with.
                blocks = [Block([it]) for it in items]
            self._other(section, blocks, following)
            return
        if kind == "awards" and blocks:
            offices = [b for b in blocks if _OFFICE.match(extract(b)["title"] or "")]
            if len(offices) * 5 >= len(blocks) * 3:
                # "Institutional Honors Position": offices held on committees, not prizes
                self._other(section, blocks, following)
                return
        if kind == "education" and not any(extract(block)["degree"] for block in blocks):
            # "Other Significant Training": courses and workshops, not degrees
            self._other(section, blocks, following)
            return
        target = "positions" if kind == "positions" else kind
        # a heading naming the role ("Instructor", "As teaching assistant") names every entry's
        heading_role = section.sub or (section.heading or "").rsplit(":", 1)[-1].strip()
        heading_role = re.sub(r"^as\s+(an?\s+)?", "", heading_role, flags=re.I)
        heading_role = heading_role[:1].upper() + heading_role[1:]
        heading_role = entries.teaching_role(heading_role) if kind == "teaching" else None
        statement: list[Block] = []  # "I am interested in ...": told, not listed
        for block in sorted(blocks + placed, key=lambda b: b.nos[:1]):
            if kind == "teaching" and _FIRST_PERSON.match(block.items[0].text):
                statement.append(block)
                continue
            if kind == "teaching":
                for entry in entries.listed_courses(block):
                    entry["role"] = entry["role"] or heading_role
                    self.result["teaching"].append(entry)
                self._mark(block.nos)
                continue
            entry = extract(block)
            if kind == "awards" and not entry["title"]:
                continue
            if (
                kind == "positions"
                and _TEACHING_TITLE.fullmatch(entry["title"] or "")
                and not any(s.kind == "teaching" for s in self.sections)
            ):
                # "Teaching Assistant, Some University" among appointments, in a CV with
                # no teaching section of its own: teaching
                self.result["teaching"].append(entries.teaching(block))
            else:
                self.result[target].append(entry)  # type: ignore[index]
            self._mark(block.nos)
        if statement:
            self._other(section, statement, following)

    def _teaching_labels(self, items: list[Item]) -> tuple[list[Item], list[Block]]:
        """Labelled lines of a teaching section: a label repeated line by line or naming
        a school says where ("Houston: Math 2451 ..."), and its lines are entries of
        their own; a label of another activity ("Mentoring:") is a section of its own.
        Returns the items left to cut and the entries cut under a place label."""
        groups = entries.labelled_groups(items)
        if not any(label for label, _ in groups):
            return items, []
        own: list[Item] = []
        placed: list[Block] = []
        labels = [label for label, _ in groups if label]
        tabled = len(set(labels)) < len(labels)  # a label repeated: a column of places
        for label, group in groups:
            stripped = [entries.without_label(group[0]), *group[1:]]
            place = (
                tabled and heading_kind(label or "") is None and not _TEACH_WORD.search(label or "")
            )
            if label and entries.is_course_code(label):  # "Spanish 340: Phonetics"
                own.extend(group)
            elif label and (place or entries.INSTITUTION.search(label)):
                for block in cut(stripped, roles=True, listed=True):
                    block.context = [Item([], label, label), *block.context]
                    placed.append(block)
            elif label and not _TEACH_WORD.search(label):
                self._other(Section("other", label, 0, lines=[]), cut(group), None)
            else:
                own.extend(stripped)
        return own, placed

    def _prose_teaching(self, items: list[Item]) -> None:
        """Teaching told in sentences (an about page): "At X, I was a teaching assistant
        for [Course A] and [Course B]." Each linked course is an entry; the rest is bio."""
        paragraphs: list[list[Item]] = []
        for item in items:
            if item.gap_before or not paragraphs:
                paragraphs.append([])
            paragraphs[-1].append(item)
        for paragraph in paragraphs:
            found = []
            nos = [n for it in paragraph for n in it.nos]
            text = " ".join(it.marked for it in paragraph)
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
                school = _AT_SCHOOL.match(plain(sentence))
                for match in _TEACH_FOR.finditer(sentence):
                    for label, _ in links_in(match["courses"]):
                        found.append(
                            {
                                "course": plain(label), "role": match["role"],
                                "institution": school["school"] if school else None,
                                "term": None, "details": [], "x_lines": nos,
                            }
                        )  # fmt: skip
            self.result["teaching"].extend(found)
            if not found:
                self.bio_parts.append(" ".join(it.text for it in paragraph))
            self._mark(nos)

    def _introduced_projects(self, items: list[Item]) -> list[Item]:
        """A list a sentence introduces as software or projects ("Some projects I have
        worked on:") lists projects; the sentence and other items are returned."""
        rest: list[Item] = []
        listing = False
        for item in items:
            if not item.bullet:
                listing = item.text.endswith(":") and bool(_PROJECTS_INTRO.search(item.text))
                rest.append(item)
            elif listing and not item.nested:
                entry = entries.project(Block([item]))
                self.result["projects"].append(entry)
                self._mark(item.nos)
            else:
                rest.append(item)
        return rest

    def _teaching_groups(self, items: list[Item]) -> list[Item]:
        """Lists under a bold label naming a teaching role ("**Teaching Assistant**" in a
        Service section) are teaching entries; the other items are returned."""
        rest: list[Item] = []
        label: Item | None = None
        group: list[Item] = []
        for item in [*items, None]:
            if item is None or (item.bold and not item.bullet):
                if label is not None and group:
                    for block in cut(group, roles=True, listed=True):
                        entry = entries.teaching(block)
                        entry["role"] = entry["role"] or label.text
                        entry["x_lines"] = sorted({*entry["x_lines"], *label.nos})
                        self.result["teaching"].append(entry)
                        self._mark([*block.nos, *label.nos])
                elif label is not None:
                    rest.append(label)
                teaches = item is not None and _TEACH_ROLE_LABEL.search(item.text)
                label, group = (item, []) if teaches else (None, [])
                if item is not None and not teaches:
                    rest.append(item)
            elif label is not None and item.bullet:
                group.append(item)
            else:
                label = None if not group else label
                rest.append(item)
        return rest

    def _other(self, section: Section, blocks: list[Block], following: Section | None) -> None:
        parent_only = (
            following is not None
            and following.sub
            and following.heading
            and (following.heading.startswith(f"{section.heading}:"))
        )
        if not blocks and parent_only:
            return
        self.result["sections"].append(
            {
                "heading": section.heading,
                "items": entries.section_items(blocks),
                "x_lines": sorted({n for b in blocks for n in b.nos}),
            }
        )
        self._mark([n for b in blocks for n in b.nos])

    def _interests(self, items: list[Item]) -> None:
        text = " ".join(it.text for it in items)
        self._mark([n for it in items for n in it.nos])
        words = len(text.split())
        if words >= _PROSE_WORDS and text.rstrip().endswith("."):
            self.bio_parts.append(text)
            self.result["person"]["research_interests"].extend(person.interests_in(text))
            return
        for it in items:
            self.result["person"]["research_interests"].extend(
                p.strip(" .") for p in re.split(r"[,;]", it.text) if p.strip(" .")
            )

    # ----------------------------------------------------------------- person
    def _person_from_preamble(self, preamble: Section) -> None:
        info = self.result["person"]
        lines = preamble.lines
        for line in lines[:4]:
            candidate = entries.CREDENTIALS.sub("", _TRAILING_DEGREES.sub("", line.text))
            candidate = candidate.strip(" *,")
            if person.looks_like_name(candidate):
                info["name"] = person.display_name(candidate)
                self._mark([line.no])
                break
        # A page generator's front matter names the author ("author:", "name:"), or
        # titles the page with the owner's name rather than "CV".
        for key in ("name", "author", "title"):
            # A title may carry the site's name too: "Jane Doe | Home", "CV - Jane Doe".
            for value in re.split(r"\s+[|–—·:-]\s+|'s\b", plain(self.front.get(key, ""))):
                strict = key != "title" or names.looks_like_name(value, strict=True)
                if strict and person.looks_like_name(value) and not DOCUMENT_TITLE.match(value):
                    info["name"] = info["name"] if key == "title" and info["name"] else value
                    break
            else:
                continue
            break
        contact = person.contact_details(
            [(ln.no, ln.marked, ln.text) for ln in lines if not _is_prose(ln.text)]
        )
        self._take_contacts(contact)
        self._mark(contact["used"])
        # An address given only as a link in a sentence ("write me [an email](mailto:..)")
        for line in lines:
            for _, url in links_in(line.marked):
                email = url.removeprefix("mailto:").split("?")[0]
                if url.startswith("mailto:") and email not in info["emails"]:
                    info["emails"].extend(person.emails_in(email, contact_line=False))
        rest = [ln for ln in lines if ln.no not in self.used]
        address, address_nos = person.address_of(
            [(ln.no, ln.text) for ln in rest if len(ln.text.split()) <= 16]
        )
        address = self._beside_contacts([ln for ln in lines if ln.no in contact["used"]], address)
        if address:
            info["address"] = address
            self._mark(address_nos)
            unused = [ln for ln in rest if ln.no not in self.used]
            if info["headline"] is None and not any(_is_headline(ln.text) for ln in unused):
                info["headline"] = person.affiliation_of(
                    [ln.text for ln in rest if ln.no in address_nos]
                )
        leftovers: list[Line] = []
        for line in rest:
            if line.no in self.used:
                continue
            if _is_prose(line.text) and not line.bold:
                self.bio_parts.append(line.text)
                self._mark([line.no])
            elif info["headline"] is None and not line.bold and _is_headline(line.text):
                info["headline"] = _headline(line.text)
                self._mark([line.no])
            else:
                leftovers.append(line)
        if leftovers:
            self.result["sections"].insert(
                0,
                {
                    "heading": None,
                    "items": [ln.text for ln in leftovers],
                    "x_lines": [ln.no for ln in leftovers],
                },
            )
            self._mark([ln.no for ln in leftovers])

    def _beside_contacts(self, contact_lines: list[Line], address: str | None) -> str | None:
        """What contact lines say besides their contacts: an address (returned when none
        was found yet), a headline, else a preamble item; nothing is lost."""
        beside = [
            (ln.no, piece) for ln in contact_lines for piece in person.contact_remainder(ln.marked)
        ]
        postal = [piece for _, piece in beside if person.is_address(piece)]
        beside = [(no, piece) for no, piece in beside if piece not in postal]
        pieces = [piece for _, piece in beside]
        if pieces and self.result["person"]["headline"] is None and _is_headline(", ".join(pieces)):
            self.result["person"]["headline"] = _headline(" · ".join(pieces))
        elif pieces:
            self.result["sections"].append(
                {"heading": None, "items": pieces, "x_lines": sorted({no for no, _ in beside})}
            )
        return address or (", ".join(postal) if postal else None)

    def _take_contacts(self, contact: dict) -> None:
        info = self.result["person"]
        for key in ("emails", "phones"):
            for value in contact[key]:
                if value not in info[key]:
                    info[key].append(value)
        if info["homepage"] is None:
            info["homepage"] = contact["homepage"]
        for link in contact["links"]:
            if link not in info["links"]:
                info["links"].append(link)

    def _contacts(self, body: list[Section]) -> None:
        """Contact details printed in a labelled section ("Personal information")."""
        lines = [
            (ln.no, ln.marked, ln.text)
            for s in body
            if s.kind in ("other", "bio") and not _REFERENCES.search(s.heading or "")
            for ln in s.lines
            if person.EMAIL.search(ln.text) or person.PHONE_LABEL.search(ln.text)
        ]
        self._take_contacts(person.contact_details(lines))
        info = self.result["person"]
        for s in body:
            if s.kind not in ("other", "bio") or _REFERENCES.search(s.heading or ""):
                continue
            for ln in s.lines:
                homepage, links = person.profile_links(ln.marked)
                self._take_contacts(
                    {"emails": [], "phones": [], "homepage": homepage, "links": links}
                )
                if info["address"] is None and (found := _ADDRESS_LABEL.match(ln.text)):
                    info["address"] = found.group(1).strip(" .")

    def _finish_person(self) -> None:
        info = self.result["person"]
        if self.bio_parts:
            info["bio"] = fold(" ".join(self.bio_parts))
            if not info["research_interests"]:
                info["research_interests"] = person.interests_in(info["bio"])
        if info["name"] is None and info["bio"]:
            info["name"] = person.name_in_prose(info["bio"])
        if info["name"] is None:
            info["name"] = person.name_from_contact(
                info["emails"][0] if info["emails"] else None, info["homepage"]
            )

    def _prose_entries(self) -> None:
        """An "about" page states positions and degrees in sentences; a bio also names
        advisors and mentors the entries themselves leave out."""
        if not self.bio_parts:
            return
        text = " ".join(self.bio_parts)
        if not self.result["education"]:
            self.result["education"].extend(person.prose_studies(text) + person.prose_degrees(text))
        if not self.result["positions"]:
            self.result["positions"].extend(person.prose_positions(text))
        latest = None  # the entry the text spoke of last: "... at X. I was advised by Y."
        for sentence in person.sentences(text):
            names = entries.advisors_in(sentence)
            degree_talk = re.search(r"ph\.?d|doctor|master|bachelor|student|degree", sentence, re.I)
            studies = [(e, "institution", "advisors") for e in self.result["education"]]
            jobs = [(e, "organization", "supervisors") for e in self.result["positions"]]
            # the entry the sentence names, of the kind it speaks of first
            targets = studies + jobs if degree_talk else jobs + studies
            named = next((t for t in targets if t[0][t[1]] and t[0][t[1]] in sentence), None)
            with_ = re.search(r"\bwork(?:ed|ing|s)? (?:closely )?with\s+", sentence)
            if named and not names and named[2] == "supervisors" and with_:
                # "a researcher at X working with A and B": the people of that job
                names = entries.person_names(sentence[with_.end() :])
            latest = named or latest
            if names and (named or latest):
                entry, _, who = named or latest
                entry[who] = entry[who] or names

    def _starts_from_news(self) -> None:
        """An about page dates a job only in its news: "2025.09: Started as X at Y"."""
        news = [
            item
            for section in self.result["sections"]
            if _NEWS.search(section["heading"] or "")
            for item in section["items"]
            if _JOINED.search(item)
        ]
        for entry in self.result["positions"]:
            if entry["start"]:
                continue
            names = [n.lower() for n in (entry["title"], entry["organization"]) if n]
            for item in news:
                spans = find_dates(item)
                if spans and any(n in item.lower() for n in names):
                    entry["start"] = fmt(spans[0].first)
                    break
        for entry in self.result["education"]:  # "09/2024: Began my Ph.D. at Y"
            school = (entry["institution"] or "").lower()
            for item in news if school and not entry["start"] else []:
                spans = find_dates(item)
                if spans and school in item.lower() and _DEGREE_TALK.search(item):
                    entry["start"] = fmt(spans[0].first)
                    break
        # A stay the page states nowhere else: "11/2025: Start X internship in Y".
        known = " ".join(e["organization"] or "" for e in self.result["positions"]).lower()
        for item in news:
            found = _NEWS_INTERNSHIP.search(item)
            spans = find_dates(item)
            if not found or not spans or found["org"].lower() in known:
                continue
            known += " " + found["org"].lower()
            sentence = item[found.start() :].split(". ")
            self.result["positions"].append(
                {
                    "organization": found["org"], "department": None, "title": "Intern",
                    "kind": "internship", "start": fmt(spans[0].first), "end": None,
                    "supervisors": entries.advisors_in(item), "location": found["place"],
                    "details": [d.strip(" .") for d in sentence[1:2] if d.strip(" .")],
                }
            )  # fmt: skip

    # ----------------------------------------------------------------- publications
    def _publications(self, sections: list[Section]) -> None:
        info = self.result["person"]
        found: list[tuple[dict, bool]] = []  # (entry, from a "Selected ..." list)
        for section in sections:
            year = int(section.sub[:4]) if section.sub and YEAR_HEADING.match(section.sub) else None
            if year:
                category = None
            elif section.sub:
                category = section.sub
            elif section.heading and not _GENERIC_PUBLICATIONS.match(section.heading):
                category = section.heading
            else:
                category = None
            selected = bool(_SELECTED.search(category or section.heading or ""))
            lines = [(ln.no, _publication_line(ln)) for ln in section.lines]
            pubs = (
                parse_publications(
                    lines, category=category, owner=info["name"], starts=self.entry_starts
                )
                if lines
                else []
            )
            for pub in pubs:
                if year and not pub.get("year"):
                    pub["year"] = year
                self._mark(pub.get("x_lines", []))
            found.extend((pub, selected) for pub in pubs)
            left = [ln for ln in section.lines if ln.no not in self.used]
            if left:
                self.result["sections"].append(
                    {
                        "heading": section.sub if section.sub and not year else section.heading,
                        "items": [ln.text for ln in left],
                        "x_lines": [ln.no for ln in left],
                    }
                )
                self._mark([ln.no for ln in left])
        self.result["publications"] = _drop_selected_duplicates(found)
        self._owner_from_papers()
        if info["name"]:
            # Each (sub)section was parsed alone; a short one may not have shown who the owner is.
            mark_self(self.result["publications"], info["name"])

    def _owner_from_papers(self) -> None:
        """An owner the page never names in its header is the author on most papers, or
        the one author whose name the rest of the page spells out (a link, a header
        image's URL); a name printed with initials there is spelled out too."""
        info, pubs = self.result["person"], self.result["publications"]
        in_papers = {n for pub in pubs for n in pub.get("x_lines", [])}
        elsewhere = "\n".join(ln.raw for ln in self.lines if ln.no not in in_papers)
        if info["name"] is None and pubs:
            info["name"] = self_name(pubs)
        if info["name"] is None:
            # The author the page's header spells out (a banner image's text, a link),
            # else the one whose CV file the page links to.
            authors = {a["name"] for pub in pubs for a in pub["authors"] if a["name"]}
            body = [sec.heading_line for sec in self.sections[1:] if sec.heading_line]
            top = min(body, default=len(self.lines) + 1)
            header = "\n".join(ln.raw for ln in self.lines if ln.no < top)
            found = {person.spelled_out(name, header) for name in authors} - {None}
            if len(found) != 1:
                cv_files = [url for _, url in links_in(elsewhere) if _CV_FILE.search(url)]
                found = {
                    spelled
                    for name in authors
                    if (spelled := person.spelled_out(name, elsewhere))
                    and any(spelled.split()[-1].lower() in url.lower() for url in cv_files)
                }
            info["name"] = found.pop() if len(found) == 1 else None
        elif person.looks_like_name(info["name"]) or " " not in info["name"]:
            info["name"] = person.spelled_out(info["name"], elsewhere) or info["name"]

    # ----------------------------------------------------------------- leftovers
    def _unparsed(self) -> None:
        self.result["unparsed"] = [
            ln.text for ln in self.lines if ln.text and ln.no not in self.used
        ]


def _publication_line(line: Line) -> str:
    """A line as the publication parser reads it: bullets as "- ", headings in bold."""
    marked = clean_line(line.raw, keep_emphasis=True)
    if line.heading_level is not None and not marked.startswith("**"):
        marked = f"**{marked}**"
    return f"- {marked}" if line.bullet else marked


_FACULTY = re.compile(r"\b(professor|lecturer|instructor|faculty|reader|docent)\b", re.I)


def _faculty_teaches(result: dict) -> None:
    """Courses a faculty member lists without a role are the courses they taught."""
    if any(_FACULTY.search(p["title"] or "") for p in result["positions"]):
        for entry in result["teaching"]:
            entry["role"] = entry["role"] or "Instructor"


def _drop_undated_repeats(positions: list[dict]) -> list[dict]:
    """A "Current position" block repeating a dated entry of the list is that entry."""

    def key(entry: dict) -> tuple[str, str]:
        return (
            re.sub(r"\W+", "", (entry["title"] or "").lower()),
            re.sub(r"\W+", "", (entry["organization"] or "").lower()),
        )

    dated = {key(e) for e in positions if e["start"] or e["end"]}
    return [e for e in positions if e["start"] or e["end"] or key(e) not in dated]


def _wrap_width(lines: list[Line]) -> int | None:
    """Most of a PDF page's line width: lines this long were wrapped by the layout."""
    lengths = sorted(len(ln.text) for ln in lines if ln.text)
    if len(lengths) < 20:
        return None
    return int(lengths[int(len(lengths) * 0.9)] * 0.8)


def _is_prose(text: str) -> bool:
    """A sentence or paragraph rather than a contact item or a label."""
    if len(re.findall(r"\s[·|•◇]\s", text)) >= 2:
        return False  # items set apart by separators: a contact or headline line
    words = len(text.split())
    return words >= _PROSE_WORDS or (words >= 6 and text.rstrip().endswith((".", "!", "?")))


def _title_key(pub: dict) -> str:
    return re.sub(r"[^a-z0-9]+", "", (pub.get("title") or "").lower())


def _drop_selected_duplicates(found: list[tuple[dict, bool]]) -> list[dict]:
    """A paper in a "Selected" list and again in the full list is one entry: the full one."""
    in_full_lists = {_title_key(pub) for pub, selected in found if not selected}
    return [
        pub
        for pub, selected in found
        if not (selected and _title_key(pub) and _title_key(pub) in in_full_lists)
    ]


_HEADLINE_WORDS = re.compile(
    r"\b(student|candidate|professor|lecturer|researcher|scientist|engineer|fellow|postdoc\w*"
    r"|director|department|school|faculty|lab|university|institute|phd|ph\.d)\b",
    re.I,
)


def _is_headline(text: str) -> bool:
    return bool(_HEADLINE_WORDS.search(text)) and len(text.split()) <= 14 and "@" not in text


def _headline(text: str) -> str:
    return ", ".join(entries.smart_case(part) for part in re.split(r"\s+·\s+|\s+\|\s+", text))


def parse_text(text: str, filename: str | None, fmt: str) -> dict:
    """CV JSON of a document given as Markdown-ish text."""
    return _Assembler(text, filename, fmt).run()
