"""Entity resolution: which Person an author name means, which Organization a name means.

Names get two keys. The *full key* ignores case, accents, hyphens, dots, middle
initials and the order of the parts ("Zhong Yinmin" = "Yinmin Zhong" = "yinmin zhong");
the *initials key* is the family name and the first initial ("Y. Chen", "Chen, Y."
and "Yiquan Chen" all give "chen y"). A name written in full links by its full key; a
name written with initials links only inside the circle of the CV's owner (the owner,
their advisors and mentors, their known co-authors), and only when exactly one person
there fits.
"""

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from affiliations.models import Mentorship
from cvparse.names import name_parts
from profiles.bulk import update_with_history
from profiles.models import CVDocument, PersonName
from publications.models import Authorship, Publication
from publications.proposals import owned_by_others, propose


def fold(text: str) -> str:
    """Lower case, accents stripped, whitespace folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def _token(word: str) -> str:
    return re.sub(r"[\W_]+", "", fold(word))


def _is_initial(word: str) -> bool:
    return len(_token(word)) == 1 or ("." in word and len(_token(word)) <= 3)


@dataclass(frozen=True)
class NameKeys:
    full: str  # "" when the name gives only initials
    initials: str

    @property
    def is_initials(self) -> bool:
        return not self.full

    @property
    def lookup(self) -> str:
        return self.full or self.initials


def split_name(name: str) -> tuple[list[str], str]:
    """Given names and the family name with its particle ("Chen, Y." -> (["Y."], "Chen")).

    A group author ("The OpenAI Team") is all family name; titles and suffixes are dropped.
    """
    parts = name_parts(name)
    return parts.given.split(), parts.literal or parts.full_family


@functools.lru_cache(maxsize=65536)
def name_keys(name: str) -> NameKeys:
    given, family = split_name(name)
    family_key = _token(family)
    full_given = [_token(w) for w in given if not _is_initial(w)]
    initial = _token(given[0])[:1] if given else ""
    initials = f"{family_key} {initial}".strip()
    if given and not full_given:
        return NameKeys(full="", initials=initials)
    return NameKeys(full=" ".join(sorted([*full_given, family_key])), initials=initials)


def normalize_title(title: str) -> str:
    """The key under which two spellings of a paper's title meet."""
    return " ".join(re.sub(r"[\W_]+", " ", fold(title)).split())[:500]


# --- Organizations -------------------------------------------------------------------

_CORPORATE = {"inc", "ltd", "llc", "co", "corp", "corporation", "limited", "gmbh", "group"}


def _org_words(name: str) -> list[str]:
    name = re.sub(r"\s*\([^()]*\)\s*$", "", name) or name  # "... Technology (MIT)"
    words = re.sub(r"[\W_]+", " ", fold(name.replace("&", " and "))).split()
    if words[:1] == ["the"]:
        words = words[1:]
    while len(words) > 1 and words[-1] in _CORPORATE:
        words = words[:-1]
    return words


def org_key(name: str) -> str:
    return " ".join(_org_words(name))


@dataclass(frozen=True)
class KnownOrganization:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    parent: str = ""
    country: str = ""


# A small maintained table, one organization a line:
# canonical name | kind | aliases, separated by ";" | parent | country
_TABLE = """
Peking University | university | PKU; Beijing University; 北京大学 | | China
Tsinghua University | university | THU; Tsinghua; 清华大学 | | China
Shanghai Jiao Tong University | university | SJTU; 上海交通大学 | | China
Zhejiang University | university | ZJU; 浙江大学 | | China
Fudan University | university | 复旦大学 | | China
Nanjing University | university | NJU | | China
Tongji University | university | 同济大学 | | China
University of Science and Technology of China | university | USTC | | China
Huazhong University of Science and Technology | university | HUST | | China
Harbin Institute of Technology | university | HIT | | China
Northwestern Polytechnical University | university | NWPU | | China
Chinese Academy of Sciences | agency | CAS | | China
Institute of Computing Technology | lab | ICT; ICT CAS | Chinese Academy of Sciences | China
Hong Kong University of Science and Technology | university | HKUST | | Hong Kong
University of Hong Kong | university | HKU | | Hong Kong
Chinese University of Hong Kong | university | CUHK | | Hong Kong
National University of Singapore | university | NUS | | Singapore
Nanyang Technological University | university | NTU | | Singapore
Massachusetts Institute of Technology | university | MIT | | USA
Carnegie Mellon University | university | CMU | | USA
University of California, Berkeley | university | UC Berkeley; UCB; Berkeley | | USA
University of California, Los Angeles | university | UCLA | | USA
University of California, San Diego | university | UCSD; UC San Diego | | USA
Stanford University | university | Stanford | | USA
Harvard University | university | Harvard | | USA
Princeton University | university | Princeton | | USA
University of Washington | university | | | USA
Georgia Institute of Technology | university | Georgia Tech; GaTech | | USA
California Institute of Technology | university | Caltech | | USA
North Carolina State University | university | NC State; NCSU | | USA
University of Oxford | university | Oxford University | | UK
University of Cambridge | university | Cambridge University | | UK
ETH Zurich | university | ETH; ETHZ; ETH Zürich | | Switzerland
EPFL | university | École Polytechnique Fédérale de Lausanne | | Switzerland
Alibaba | company | Alibaba Group; 阿里巴巴 | |
Alibaba Cloud | company | Aliyun | Alibaba |
ByteDance | company | Bytedance Ltd; 字节跳动 | |
Tencent | company | | |
Huawei | company | Huawei Technologies | |
Baidu | company | | |
Microsoft | company | Microsoft Corporation | |
Microsoft Research | lab | MSR | Microsoft |
Microsoft Research Asia | lab | MSRA | Microsoft Research |
Google | company | Google LLC | |
Google DeepMind | lab | DeepMind | Google |
Meta | company | Facebook; Meta Platforms | |
Amazon | company | | |
Amazon Web Services | company | AWS | Amazon |
NVIDIA | company | Nvidia Corporation | |
IBM | company | International Business Machines | |
Intel | company | | |
Apple | company | | |
"""
KNOWN_ORGANIZATIONS = [
    KnownOrganization(
        name, kind, tuple(filter(None, map(str.strip, aliases.split(";")))), parent, country
    )
    for name, kind, aliases, parent, country in (
        map(str.strip, line.split("|")) for line in _TABLE.strip().splitlines()
    )
]

_KNOWN_BY_KEY = {
    org_key(alias): known for known in KNOWN_ORGANIZATIONS for alias in (known.name, *known.aliases)
}
_UNIT_WORDS = re.compile(
    r"\b(school|department|dept|institute|laboratory|lab|labs|center|centre|college|faculty|"
    r"group|team|division|academy)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class OrganizationName:
    """What an organization name as written resolves to, before any database look-up."""

    name: str
    key: str
    kind: str
    parent: "OrganizationName | None" = None
    country: str = ""
    aliases: tuple[str, ...] = ()


def _known(known: KnownOrganization) -> OrganizationName:
    parent = _known(_KNOWN_BY_KEY[org_key(known.parent)]) if known.parent else None
    return OrganizationName(
        name=known.name,
        key=org_key(known.name),
        kind=known.kind,
        parent=parent,
        country=known.country,
        aliases=known.aliases,
    )


def _guess_kind(name: str) -> str:
    lowered = name.lower()
    if re.search(r"universit|college|polytechnic|école|school of", lowered):
        return "university"
    if re.search(r"\b(inc|ltd|llc|corp|corporation|gmbh|technologies|company)\b", lowered):
        return "company"
    if re.search(r"\b(lab|laboratory|institute|academy|research|center|centre)\b", lowered):
        return "lab"
    return "other"


def resolve_organization(name: str) -> OrganizationName:
    """Canonical name, key, kind and parent of an organization as written.

    "PKU" is Peking University; "Alibaba DAMO Academy" is a unit of Alibaba (the longest
    known name it starts with); "Software Engineering Institute, PKU" is a unit of
    Peking University (a unit word before a comma, a known or university-like name after).
    """
    key = org_key(name)
    if key in _KNOWN_BY_KEY:
        return _known(_KNOWN_BY_KEY[key])
    words = key.split()
    for end in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:end])
        if prefix in _KNOWN_BY_KEY:
            parent = _known(_KNOWN_BY_KEY[prefix])
            kind = _guess_kind(name)
            return OrganizationName(name, key, parent.kind if kind == "other" else kind, parent)
    head, _, tail = name.rpartition(",")
    if head and _UNIT_WORDS.search(head) and not head.lower().startswith("universit"):
        parent = resolve_organization(tail.strip())
        if parent.parent or org_key(tail) in _KNOWN_BY_KEY or parent.kind == "university":
            unit = f"{head.strip()}, {parent.name}"
            return OrganizationName(unit, org_key(unit), _guess_kind(head), parent)
    return OrganizationName(name, key, _guess_kind(name))


# --- Authors -------------------------------------------------------------------------


@dataclass
class Circle:
    """The people around one CV owner whom an initials-only name may mean."""

    owner: int
    mentors: set[int] = field(default_factory=set)
    coauthors: set[int] = field(default_factory=set)
    initials: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    def tiers(self) -> tuple[set[int], ...]:
        return ({self.owner}, self.mentors, self.coauthors)

    def match_initials(self, key: str, *, exclude: set[int]) -> int | None:
        """The owner, else the one advisor or mentor, else the one co-author with that key."""
        for tier in self.tiers():
            found = {p for p in tier - exclude if key in self.initials.get(p, ())}
            if found:
                return found.pop() if len(found) == 1 else None
        return None

    def choose(self, candidates: set[int], *, exclude: set[int]) -> int | None:
        """Of several people sharing a full name, the one this owner knows, if only one."""
        known = (candidates - exclude) & set().union(*self.tiers())
        return known.pop() if len(known) == 1 else None


def load_circles(owners: Iterable[int]) -> dict[int, Circle]:
    """The circles of these owners, in three queries whatever the size of the graph."""
    circles = {owner: Circle(owner) for owner in owners}
    if not circles:
        return circles
    for advisee, advisor in Mentorship.objects.filter(advisee_id__in=circles).values_list(
        "advisee_id", "advisor_id"
    ):
        circles[advisee].mentors.add(advisor)
    coauthors = (
        Authorship.objects.filter(publication__authorships__person_id__in=circles)
        .exclude(person=None)
        .order_by()
        .values_list("publication__authorships__person_id", "person_id")
        .distinct()
    )
    for owner, coauthor in coauthors:
        if coauthor != owner:
            circles[owner].coauthors.add(coauthor)
    everyone = set().union(*(set().union(*c.tiers()) for c in circles.values()))
    initials: dict[int, set[str]] = defaultdict(set)
    for person, key in PersonName.objects.filter(person_id__in=everyone).values_list(
        "person_id", "initials_key"
    ):
        initials[person].add(key)
    for circle in circles.values():
        circle.initials = initials
    return circles


def resolve_authorships(authorships: list[Authorship]) -> list[Authorship]:
    """Link the unlinked authorships that can now be linked without doubt, and save them.

    An authorship's owners are the people whose CVs list its publication. A full name
    shared by several people, or an initials-only name, links when every owner's circle
    that has an answer gives the same one. A name that occurs twice in one author list
    ("Y. Chen" and "Y. Chen") never links. Links made by hand are never touched.
    """
    targets = [a for a in authorships if a.person_id is None and not a.is_linked_by_hand]
    if not targets:
        return []
    publications = {a.publication_id for a in targets}
    owners: dict[int, set[int]] = defaultdict(set)
    for publication, person in Publication.documents.through.objects.filter(
        publication_id__in=publications, cvdocument__person__isnull=False
    ).values_list("publication_id", "cvdocument__person_id"):
        owners[publication].add(person)
    linked: dict[int, set[int]] = defaultdict(set)
    key_counts: dict[tuple[int, str], int] = defaultdict(int)
    for publication, person, key in (
        Authorship.objects.filter(publication_id__in=publications)
        .order_by()
        .values_list("publication_id", "person_id", "name_key")
    ):
        key_counts[publication, key] += 1
        if person:
            linked[publication].add(person)
    circles = load_circles(set().union(*owners.values()))
    keys_of = {a.pk: name_keys(a.name) for a in targets}
    full_keys = {keys.full for keys in keys_of.values() if keys.full}
    by_full_key: dict[str, set[int]] = defaultdict(set)
    if full_keys:
        for key, person in PersonName.objects.filter(key__in=full_keys).values_list(
            "key", "person_id"
        ):
            by_full_key[key].add(person)

    done = []
    for authorship in targets:
        keys, publication = keys_of[authorship.pk], authorship.publication_id
        if key_counts[publication, authorship.name_key] > 1:
            continue
        exclude = linked[publication]
        candidates = by_full_key[keys.full] - exclude
        if keys.is_initials or len(candidates) > 1:
            answers = {
                circles[owner].match_initials(keys.initials, exclude=exclude)
                if keys.is_initials
                else circles[owner].choose(candidates, exclude=exclude)
                for owner in owners[publication]
            }
        else:
            answers = candidates
        answers.discard(None)
        if len(answers) == 1:
            authorship.person_id = answers.pop()
            exclude.add(authorship.person_id)
            done.append(authorship)
    # A person who owns their profile, and whose own CV does not list the paper, gets a
    # proposal, not a link.
    owned = owned_by_others([a.person_id for a in done], allowed=())
    proposed = [
        a for a in done if a.person_id in owned and a.person_id not in owners[a.publication_id]
    ]
    propose([(a, a.person_id) for a in proposed])
    for authorship in proposed:
        authorship.person_id = None
    done = [a for a in done if a.person_id is not None]
    if done:
        update_with_history(Authorship, done, ["person"])
    return done


def relink_for(owners: set[int]) -> list[Authorship]:
    """Resolve again the unlinked authors on the publications listed in these owners' CVs."""
    # Step by step from the owners, each look-up on an index, so that the database never
    # starts from every unlinked author (or every document) in the graph.
    documents = CVDocument.objects.filter(person__in=owners).values_list("pk", flat=True)
    publications = Publication.documents.through.objects.filter(
        cvdocument__in=list(documents)
    ).values_list("publication_id", flat=True)
    return resolve_authorships(
        list(
            Authorship.objects.filter(
                person=None, is_linked_by_hand=False, publication__in=list(publications)
            ).order_by()
        )
    )
