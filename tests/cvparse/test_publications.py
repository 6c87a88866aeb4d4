"""Publication lists in the citation styles CVs use, read into CV JSON entries."""

import jsonschema
import pytest

from cvparse.publications import (
    finish_publications,
    is_legend,
    merge_duplicates,
    parse_publications,
    self_name,
    to_sentinels,
)
from tests.cvparse.shared import SCHEMA, SEEDS


def parse(text: str, *, category: str | None = None, owner: str | None = None) -> list[dict]:
    lines = [(number, line) for number, line in enumerate(text.strip("\n").split("\n"), 1)]
    return parse_publications(lines, category=category, owner=owner)


def authors(pub: dict) -> list[str]:
    """Author names with * for equal contribution and ! for the owner."""
    return [a["name"] + "*" * a["equal_contribution"] + "!" * a["is_self"] for a in pub["authors"]]


# (style, text, owner, expected fields of the first entry)
STYLES = [
    (
        "ieee",
        '[1] J. Smith, A. B. Jones, and C. Lee, "Deep learning for cats," in Proc. IEEE Conf. '
        "Computer Vision and Pattern Recognition (CVPR), Las Vegas, NV, USA, Jun. 2016, "
        "pp. 770–778.",
        "John Smith",
        {
            "title": "Deep learning for cats",
            "authors": ["J. Smith!", "A. B. Jones", "C. Lee"],
            "venue_short": "CVPR",
            "year": 2016,
            "month": 6,
            "pages": "770–778",
            "status": "published",
        },
    ),
    (
        "ieee-journal",
        '- J. Smith and K. Wu, "A survey of dogs," *IEEE Trans. Pattern Anal. Mach. Intell.*, '
        "vol. 40, no. 3, pp. 1–20, 2018, doi: 10.1109/TPAMI.2018.123456.",
        None,
        {
            "venue": "IEEE Trans. Pattern Anal. Mach. Intell.",
            "year": 2018,
            "doi": "10.1109/TPAMI.2018.123456",
        },
    ),
    (
        "acm",
        "1. Alice Zhang, Bob Li, and Carol Wang. 2023. Efficient Serving of Large Models. In "
        "Proceedings of the 29th Symposium on Operating Systems Principles (SOSP '23). 1–15.",
        None,
        {
            "title": "Efficient Serving of Large Models",
            "year": 2023,
            "venue_short": "SOSP",
            "authors": ["Alice Zhang", "Bob Li", "Carol Wang"],
        },
    ),
    (
        "apa",
        "- Doe, J. A., Roe, R., & **Smith, K.** (2020). Social networks and health. *Journal of "
        "Health and Social Behavior*, *61*(2), 123–145. https://doi.org/10.1177/0022146520912345",
        None,
        {
            "title": "Social networks and health",
            "authors": ["Doe, J. A.", "Roe, R.", "Smith, K.!"],
            "venue": "Journal of Health and Social Behavior",
            "year": 2020,
            "doi": "10.1177/0022146520912345",
        },
    ),
    (
        "apa-forthcoming",
        "1. Mogi, R., Lazzari, E., & Canudas-Romo, V. (forthcoming). Cross-sectional average\n"
        "length of life by parity: International comparisons. Population Studies.",
        "Ryohei MOGI",
        {
            "title": "Cross-sectional average length of life by parity: International comparisons",
            "status": "accepted",
            "venue": "Population Studies",
            "year": None,
            "authors": ["Mogi, R.!", "Lazzari, E.", "Canudas-Romo, V."],
        },
    ),
    (
        "vancouver",
        "- Miao R, **Jahn M**, Shabestary K, Hudson EP. CRISPR interference screens reveal\n"
        "growth tradeoffs in Synechocystis sp. PCC 6803. The Plant Cell, **2023**. "
        "[Link](https://doi.org/10.1093/plcell/koad208).",
        None,
        {
            "title": "CRISPR interference screens reveal growth tradeoffs in Synechocystis "
            "sp. PCC 6803",
            "authors": ["Miao R", "Jahn M!", "Shabestary K", "Hudson EP"],
            "venue": "The Plant Cell",
            "year": 2023,
            "doi": "10.1093/plcell/koad208",
        },
    ),
    (
        "vancouver-trailing-venue",
        "- Jahn M, Crang N, Hudson EP. Protein allocation in Cupriavidus necator, eLife, 10, 2021.",
        None,
        {"title": "Protein allocation in Cupriavidus necator", "venue": "eLife", "year": 2021},
    ),
    (
        "physics-italic-title",
        "* A. Szabó, S. Capponi, F. Alet. *Noncoplanar and chiral spin states.* "
        "[Phys. Rev. B *(Editors' Suggestion)*](https://doi.org/10.1103/PhysRevB.109.054410) "
        "[arXiv](https://arxiv.org/abs/2311.01496)",
        None,
        {
            "title": "Noncoplanar and chiral spin states",
            "venue": "Phys. Rev. B",
            "doi": "10.1103/PhysRevB.109.054410",
            "status": "published",
            "note": "Editors' Suggestion",
        },
    ),
    (
        "physics-commas",
        "1. A. Einstein, B. Podolsky, and N. Rosen, Can quantum-mechanical description of "
        "physical reality be considered complete?, Phys. Rev. 47, 777 (1935).",
        "Albert Einstein",
        {
            "authors": ["A. Einstein!", "B. Podolsky", "N. Rosen"],
            "venue": "Phys. Rev.",
            "year": 1935,
        },
    ),
    (
        "chicago",
        "2013\n: Saperstein, Aliya and Aaron Gullickson. “[A Mulatto Escape Hatch? Examining "
        "Evidence](http://link.springer.com/x).” *Demography* 50(5):1921-1942.",
        "Aaron Gullickson",
        {
            "title": "A Mulatto Escape Hatch? Examining Evidence",
            "authors": ["Saperstein, Aliya", "Aaron Gullickson!"],
            "venue": "Demography",
            "year": 2013,
        },
    ),
    (
        "homepage-tag",
        '\\[OSDI\'24\\]\n"**MonoNN: Enabling a New Monolithic Optimization Space**".\n'
        "Donglin Zhuang*, **Zhen Zheng**\\*, Haojun Xia.\n"
        "(revise-and-resubmitted in OSDI'23 and accepted in OSDI'24)",
        None,
        {
            "title": "MonoNN: Enabling a New Monolithic Optimization Space",
            "venue_short": "OSDI",
            "year": 2024,
            "status": "published",
            "authors": ["Donglin Zhuang*", "Zhen Zheng*!", "Haojun Xia"],
        },
    ),
    (
        "homepage-title-then-authors",
        "- `ICML'26` Contrastive Symbolic Regression: Aligned Representations, Adaptive "
        "Prediction, and Diverse Ensembles, **Hengzhe Zhang**, et al. **(CORE A\\*)**",
        None,
        {
            "title": "Contrastive Symbolic Regression: Aligned Representations, Adaptive "
            "Prediction, and Diverse Ensembles",
            "authors": ["Hengzhe Zhang!"],
            "venue_short": "ICML",
            "year": 2026,
        },
    ),
    (
        "academicpages",
        "**Learning to Rank Widgets**<br>\nAlice Zhang, **Bob Li**, Carol Wang<br>\n"
        "*NeurIPS 2023* [[Paper]](https://x.org/p.pdf) [[Code]](https://github.com/x/y)",
        None,
        {
            "title": "Learning to Rank Widgets",
            "authors": ["Alice Zhang", "Bob Li!", "Carol Wang"],
            "venue": "NeurIPS",
            "year": 2023,
        },
    ),
    (
        "economics",
        "“Trade and Growth,” (with John Doe and Jane Roe), *American Economic Review*, "
        "forthcoming.",
        "Alan Turing",
        {
            "title": "Trade and Growth",
            "authors": ["Alan Turing!", "John Doe", "Jane Roe"],
            "venue": "American Economic Review",
            "status": "accepted",
        },
    ),
    (
        "asa-sociology",
        'Smith, Jane, and Bob Jones. Forthcoming. "Widget Mobility." *Demography*.',
        "Jane Smith",
        {
            "title": "Widget Mobility",
            "authors": ["Smith, Jane!", "Bob Jones"],
            "venue": "Demography",
            "status": "accepted",
        },
    ),
    (
        "harvard",
        "[J1] Smith, J. and Doe, K. (2019) 'Cats and dogs', Journal of Pets, 12(3), pp. 1–10.",
        "John Smith",
        {
            "title": "Cats and dogs",
            "authors": ["Smith, J.!", "Doe, K."],
            "venue": "Journal of Pets",
            "year": 2019,
        },
    ),
    (
        "gb-t-7714",
        "[2] Zhang San, Wang Wu. Another title[C]//Proceedings of CCF Conference. Beijing, "
        "2019: 1-10.",
        "Zhang San",
        {"title": "Another title", "venue": "Proceedings of CCF Conference", "year": 2019},
    ),
    (
        "collaboration",
        "- ATLAS Collaboration, Search for widgets at 13 TeV, Phys. Lett. B 800, 135069 (2020).",
        None,
        {
            "title": "Search for widgets at 13 TeV",
            "authors": ["ATLAS Collaboration"],
            "venue": "Phys. Lett. B",
            "year": 2020,
        },
    ),
    (
        "maths-with-after-venue",
        "- On the structure of widgets, *Ann. of Math.* **190** (2019), 1–50 (with X. Yang).",
        "John Smith",
        {
            "title": "On the structure of widgets",
            "authors": ["John Smith!", "X. Yang"],
            "venue": "Ann. of Math.",
            "year": 2019,
        },
    ),
    (
        "arxiv",
        "* **K. Smith**, L. Brown. Scaling laws for widgets. arXiv preprint "
        "arXiv:2401.01234, 2024.",
        None,
        {"title": "Scaling laws for widgets", "status": "preprint", "year": 2024},
    ),
    (
        "under-review",
        "* L. Brown, **K. Smith**. Yet another paper. Submitted to Nature Physics.",
        None,
        {"title": "Yet another paper", "status": "under_review", "venue": "Nature Physics"},
    ),
    (
        "ieee-bold-owner-with-legend",
        '- Y. Chen\\*, **Z. Jin**\\*, Y. Wang, and W. Chen, "NVMePass: A Lightweight NVMe '
        'Virtualization Architecture", in 2025 IEEE International Symposium on High Performance '
        "Computer Architecture (HPCA), Mar. 2025, pp. 1395–1407. DOI: 10.1109/HPCA61900.2025.00105",
        None,
        {
            "authors": ["Y. Chen*", "Z. Jin*!", "Y. Wang", "W. Chen"],
            "venue": "IEEE International Symposium on High Performance Computer Architecture",
            "venue_short": "HPCA",
            "year": 2025,
            "month": 3,
            "doi": "10.1109/HPCA61900.2025.00105",
        },
    ),
    (
        "elsevier-harvard",
        "- Marsh, C., Lark, A.B., 2019. Tides of the inner shelf, in: Proceedings of the "
        "Coastal Dynamics Conference. pp. 12–20.",
        None,
        {
            "title": "Tides of the inner shelf",
            "authors": ["Marsh, C.", "Lark, A.B."],
            "venue": "Proceedings of the Coastal Dynamics Conference",
            "year": 2019,
        },
    ),
    (
        "harvard-mixed-order",
        "- Holt, R. J., C. Marsh, and D. Penn, 2017. Salt marsh sediment budgets. "
        "Estuarine Science 58(4):230-242.",
        None,
        {
            "title": "Salt marsh sediment budgets",
            "authors": ["Holt, R. J.", "C. Marsh", "D. Penn"],
            "venue": "Estuarine Science",
            "year": 2017,
        },
    ),
    (
        "harvard-in-press",
        "- Holt, R., *In press*. Reading the tide tables. Accepted to Coastal Notes.",
        None,
        {"title": "Reading the tide tables", "authors": ["Holt, R."], "status": "accepted"},
    ),
    (
        "anthropology-year-after-names",
        "- Penn, D, and R Holt 2011 Shell Middens of the Northern Coast. *In* Island "
        "Archaeologies. Dora Vale, ed. Pp. 3–19.",
        None,
        {
            "title": "Shell Middens of the Northern Coast",
            "authors": ["Penn, D", "R Holt"],
            "year": 2011,
        },
    ),
    (
        "harvard-et-al-glued",
        "- Penn, D. *et al.* (2020) “Tidal inlets as archives”, *Coastal Notes*, 12, pp. 4–9.",
        None,
        {"title": "Tidal inlets as archives", "authors": ["Penn, D."], "venue": "Coastal Notes"},
    ),
    (
        "pnas-in-italic-venue",
        "- D. Penn, R. Holt, Wave set-up on reef flats in *Proceedings of the Reef Symposium*, "
        "(2014), pp. 47–58.",
        None,
        {
            "title": "Wave set-up on reef flats",
            "authors": ["D. Penn", "R. Holt"],
            "venue": "Proceedings of the Reef Symposium",
            "year": 2014,
        },
    ),
    (
        "pnas-journal",
        "- D. Penn, R. Holt, Wave set-up on reef flats. *Coastal Notes* **27**, 671–684 (2012).",
        None,
        {"title": "Wave set-up on reef flats", "venue": "Coastal Notes", "year": 2012},
    ),
    (
        "bold-number-then-ecology-style",
        "**5** *Vale, J., **L. Penn**, A. Holt. 2020. Nesting habits of the sand wasp. "
        "Journal of Field Entomology 22. *Undergraduate mentee",
        None,
        {
            "title": "Nesting habits of the sand wasp",
            "authors": ["Vale, J.", "L. Penn!", "A. Holt"],
            "venue": "Journal of Field Entomology",
            "year": 2020,
        },
    ),
    (
        "vancouver-bold-owner-with-its-comma",
        "3. Vale RM, Holt A, **Penn K,** Baeza F. Coastal housing and health. Soc Sci Med. "
        "2020;261:113102. doi:10/abcd9q",
        None,
        {"authors": ["Vale RM", "Holt A", "Penn K!", "Baeza F"], "doi": "10/abcd9q"},
    ),
    (
        "ecology-pages-in-book",
        "- Holt, R., and J. D. Penn. 1998. Dune grasses after storms. Pages 72–84 *in* "
        "Proceedings of the Coastal Botany Meeting.",
        None,
        {
            "title": "Dune grasses after storms",
            "venue": "Proceedings of the Coastal Botany Meeting",
        },
    ),
    (
        "cell-italic-volume",
        "- Holt, R., and Penn, J.D. (2005). Dune grasses after storms. Coastal Botany *34*, 12–19.",
        None,
        {"title": "Dune grasses after storms", "venue": "Coastal Botany", "year": 2005},
    ),
    (
        "apa-ellipsis-in-author-list",
        "- Holt, R., Penn, J. D., Vale, S., … Marsh, C. (1997). Dune grasses after storms. "
        "*Coastal Botany*, *34*, 12–19.",
        None,
        {
            "authors": ["Holt, R.", "Penn, J. D.", "Vale, S.", "Marsh, C."],
            "venue": "Coastal Botany",
        },
    ),
    (
        "long-italic-venue-after-in",
        "- Holt, R., & Penn, J. (2003). Dune grasses after storms. In *International Workshop on "
        "Coastal Dune Vegetation, Sediment Transport and Shoreline Management in Temperate "
        "Regions*.",
        None,
        {
            "venue": "International Workshop on Coastal Dune Vegetation, Sediment Transport and "
            "Shoreline Management in Temperate Regions"
        },
    ),
    (
        "nature-chapter",
        "- Holt, R. Dune grasses after storms. in *Coastal Botany Today* 321–362 (1997).",
        None,
        {"title": "Dune grasses after storms", "venue": "Coastal Botany Today", "year": 1997},
    ),
    (
        "apa-with-a-name-the-checks-do-not-know",
        "- Holt, R., Vale, J. dos Ramos, Penn, C. M., Marsh, L. A., Lark, M., Reed, A. and "
        "Stone, C. D. (2017). Open dunes. Coastal Record 17: 8–14.",
        None,
        {
            "title": "Open dunes",
            "authors": [
                "Holt, R.",
                "Vale, J. dos Ramos",
                "Penn, C. M.",
                "Marsh, L. A.",
                "Lark, M.",
                "Reed, A.",
                "Stone, C. D.",
            ],
        },  # fmt: skip
    ),
    (
        "venue-with-a-year-tag",
        "- Holt, R., & Penn, J. (1997). Dune grasses. *Proc. ACM SIGDUNE '97*, 237–248.",
        None,
        {"venue": "Proc. ACM SIGDUNE '97", "year": 1997},
    ),
    (
        "pnas-title-with-a-comma",
        "- D. Penn, R. Holt, Dune grasses of the north coast, a field survey. *Coastal Notes* "
        "**11**, 2515 (2019).",
        None,
        {"title": "Dune grasses of the north coast, a field survey", "venue": "Coastal Notes"},
    ),
    (
        "pnas-proc-venue",
        "- D. Penn, R. Holt, Dune grasses, winds and tides in *Proc. ACM COASTAL '97*, (1997), "
        "pp. 237–248.",
        None,
        {"title": "Dune grasses, winds and tides", "venue": "Proc. ACM COASTAL '97"},
    ),
    (
        "springer-subtitle-sentence",
        "- Penn D, Holt R (1998) Dune grasses after storms. A survey of current practice. "
        "Coastal Notes 53:326–330",
        None,
        {
            "title": "Dune grasses after storms. A survey of current practice",
            "venue": "Coastal Notes",
            "pages": "326–330",
        },
    ),
    (
        "others-including-the-owner",
        "- Vale, Dora S. [and 9 others, including Ana Penn] “Dune grasses after storms.” Coastal "
        "Notes 12, no. 1 (2025): 295.",
        None,
        {"title": "Dune grasses after storms", "authors": ["Vale, Dora S.", "Ana Penn"]},
    ),
    (
        "number-glued-to-the-first-name",
        "1.Dora Vale†, Ana Penn †, Rob Holt (2017) Dune grasses after storms. bioRxiv.",
        None,
        {"title": "Dune grasses after storms", "authors": ["Dora Vale*", "Ana Penn*", "Rob Holt"]},
    ),
    (
        "book-review",
        "- Review of _Salt and Sand: A Coast in Time_, by Dora Vale (Coastal University Press, "
        "2001). _Shoreline Historical Quarterly_ (Winter, 2003).",
        None,
        {
            "title": "Review of Salt and Sand: A Coast in Time, by Dora Vale",
            "authors": [],
            "venue": "Shoreline Historical Quarterly",
            "year": 2003,
        },
    ),
    (
        "apa7-volume-in-italics",
        "- Holt, R., & Penn, D. (2021). Where do dunes go? *Coastal Notes, 102*, 105245.",
        None,
        {"title": "Where do dunes go?", "venue": "Coastal Notes", "year": 2021},
    ),
]


@pytest.mark.parametrize(
    ("text", "owner", "expected"),
    [pytest.param(text, owner, expected, id=style) for style, text, owner, expected in STYLES],
)
def test_citation_styles(text, owner, expected):
    pubs = parse(text, owner=owner)
    assert len(pubs) == 1
    got = {key: authors(pubs[0]) if key == "authors" else pubs[0][key] for key in expected}
    assert got == expected


def test_numbered_list_wrapped_by_the_page_width():
    """A list numbered in a margin, wrapped by the page: a page range cut after its dash
    ("41–" / "48.") is no list number, and an author list that fills its line up to the
    year runs on into the title on the next line."""
    text = """
1. Quill, AB, C Marsh, D Ortega, E Lark, F Brandt, G Novak, and H Moreau (2014).
Counting imaginary herons along two rivers. J Fictional Ecology 12(3), 41–
48.
2. Quill, AB and C Marsh (2015). Another study of nothing. Imaginary Letters 7, 1–9.
3. Ortega, D and AB Quill (2016). A third paper. J Nowhere 2(1), 3–4.
"""
    pubs = parse(text, owner="Ada B. Quill")
    assert [p["title"] for p in pubs] == [
        "Counting imaginary herons along two rivers",
        "Another study of nothing",
        "A third paper",
    ]
    assert pubs[0]["year"] == 2014 and len(pubs[0]["authors"]) == 7
    assert all(any(a["is_self"] for a in p["authors"]) for p in pubs)


def test_every_entry_fits_the_schema():
    schema = SCHEMA
    item_schema = {"$defs": schema["$defs"], **schema["properties"]["publications"]["items"]}
    for _, text, owner, _ in STYLES:
        for pub in parse(text, owner=owner):
            jsonschema.validate(pub, item_schema)


def test_entries_over_separate_title_authors_venue_lines():
    pubs = parse(
        """
**DistServe: Disaggregating Prefill and Decoding**

**Yinmin Zhong**, Shengyu Liu, Junda Chen

**In preprint**

**Fast Distributed Inference Serving**

Bingyang Wu\\*, **Yinmin Zhong\\***, Zili Zhang\\*, Gang Huang

(\\*Equal Contribution)

**USENIX Symposium on Networked Systems Design and Implementation (NSDI 2024)**
"""
    )
    assert [p["title"] for p in pubs] == [
        "DistServe: Disaggregating Prefill and Decoding",
        "Fast Distributed Inference Serving",
    ]
    assert pubs[0]["status"] == "preprint" and pubs[0]["venue"] is None
    assert authors(pubs[1]) == ["Bingyang Wu*", "Yinmin Zhong*!", "Zili Zhang*", "Gang Huang"]
    assert pubs[1]["venue_short"] == "NSDI" and pubs[1]["year"] == 2024
    assert pubs[1]["x_lines"] == [7, 9, 13]


def test_year_led_lines_without_markers():
    pubs = parse(
        """
2021 A. Smith, B. Jones. Widgets in the wild. Journal of Widgets 3, 1-10.
2020 B. Jones, A. Smith. Widgets in the lab and elsewhere, with a long title that
wraps onto a second line. Widget Letters 2, 5-6.
""",
        owner="Anna Smith",
    )
    assert [(p["year"], p["venue"], authors(p)) for p in pubs] == [
        (2021, "Journal of Widgets", ["A. Smith!", "B. Jones"]),
        (2020, "Widget Letters", ["B. Jones", "A. Smith!"]),
    ]


def test_nested_list_items_are_parts_of_one_entry():
    pubs = parse(
        """
- **Widgets at Scale**
  - A. Smith, B. Jones
  - *Proceedings of the Widget Conference (WC 2020)*
- **Another Widget Study**
  - B. Jones and A. Smith
  - *Journal of Widgets*, 2019
""",
        owner="Anna Smith",
    )
    assert [(p["title"], authors(p), p["venue_short"], p["year"]) for p in pubs] == [
        ("Widgets at Scale", ["A. Smith!", "B. Jones"], "WC", 2020),
        ("Another Widget Study", ["B. Jones", "A. Smith!"], None, 2019),
    ]


def test_academicpages_publication_page():
    pubs = parse(
        """
**Paper Title Number 1**

Published in *Journal of Widgets*, 2009

This paper is about the number 1. The number 2 is left for future work.

Recommended citation: Name, Y., & Other, A. (2009). "Paper Title Number 1." *Journal of Widgets*.
"""
    )
    assert len(pubs) == 1
    assert authors(pubs[0]) == ["Name, Y.", "Other, A."]
    assert (pubs[0]["venue"], pubs[0]["year"]) == ("Journal of Widgets", 2009)
    assert pubs[0]["note"].startswith("This paper is about the number 1.")


def test_economics_entries_with_abstracts():
    pubs = parse(
        """
The value of conceptual knowledge (job market paper, with Anirudh Sankar)
Abstract: We define and quantify the instrumental value of conceptual knowledge. Such knowledge
unknown states relate. It is distinct from the statistical knowledge gained from data.
We formalize this distinction in a Bayesian decision framework.
How mechanistic explanations reshape learning (with Robert Dulin)
Abstract: Mechanistic explanations play a key role.
""",
        category="Working Papers",
        owner="Benjamin Davies",
    ) + parse(
        """
Persistence, patience and costly information acquisition
Economics Letters, 2026
Abstract: A forward-looking agent observes signals of a state. Working papers say so.
""",
        category="Peer-Reviewed Publications",
        owner="Benjamin Davies",
    )
    assert [p["title"] for p in pubs] == [
        "The value of conceptual knowledge",
        "How mechanistic explanations reshape learning",
        "Persistence, patience and costly information acquisition",
    ]
    assert authors(pubs[0]) == ["Benjamin Davies!", "Anirudh Sankar"]
    assert pubs[0]["status"] == "in_preparation" and pubs[0]["venue"] is None
    assert pubs[0]["note"].startswith("job market paper; Abstract:")
    assert authors(pubs[2]) == ["Benjamin Davies!"]
    assert (pubs[2]["venue"], pubs[2]["year"], pubs[2]["status"]) == (
        "Economics Letters",
        2026,
        "published",
    )


def test_wrapped_pdf_lines_without_markers():
    pubs = parse(
        """
Mogi, R., & Vignoli, D. (2021). Sexual debut and dating of university students in low fertility
societies: Italy and Japan. DISIA Working Paper 2021/06. University of Firenze.
Mogi, R., Gento, K., & Annaka, S. (2020). Socioeconomic inequality and COVID-19 prevalence
across municipalities in Catalonia, Spain. SocArXiv.
Data and web application development
Riffe, T., Acosta, E., Mogi, R., & the COVerAGE-DB team. A database of age-structured
COVID-19 cases and deaths (COVerAGE-DB). Available at: https://osf.io/mpwjq/files/
""",
        category="Working papers",
        owner="Ryohei MOGI",
    )
    assert [(p["venue"], p["status"], p["category"]) for p in pubs] == [
        ("DISIA Working Paper", "in_preparation", "Working papers"),
        ("SocArXiv", "preprint", "Working papers"),
        (None, None, "Data and web application development"),
    ]
    assert authors(pubs[2])[-1] == "the COVerAGE-DB team"


def test_year_headings_become_years_not_categories():
    pubs = parse(
        "* A. Szabó, C. Castelnovo. *Neural network wave functions.* [arXiv](https://x)",
        category="2020",
    )
    assert pubs[0]["year"] == 2020 and pubs[0]["category"] is None


def test_legend_gives_the_mark_another_meaning():
    pubs = parse(
        """
† corresponding author
1. Smith K†, Brown L, Green M. Protein folding in vivo. Nature. 2021;590(7845):123-130.
""",
        owner="Kate Smith",
    )
    assert authors(pubs[0]) == ["Smith K!", "Brown L", "Green M"]
    assert "corresponding author" in pubs[0]["note"]


def test_co_first_author_remark_and_et_al():
    pubs = parse(
        "- `AAAI'26` Patho-AgenticRAG: Towards Multimodal Retrieval, Wenchuan Zhang, "
        "Jingru Guo, **Hengzhe Zhang** (co-first author), et al."
    )
    assert authors(pubs[0]) == ["Wenchuan Zhang", "Jingru Guo", "Hengzhe Zhang*!"]
    assert "et al." in pubs[0]["note"]


def test_remarks_are_not_entries():
    lines = "My publication list is always up to date on [arXiv](https://arxiv.org/a/x)."
    assert parse(lines) == []


def test_owner_not_bold_is_found_by_frequency():
    pubs = parse(
        """
* A. Szabó, C. Castelnovo. *Neural network wave functions.* [arXiv](https://arxiv.org/abs/1)
* C. Roth, A. Szabó. *Variational Monte Carlo.* [Phys. Rev. B](https://doi.org/10.1/x)
* A. Szabó, U. Schneider. *Mixed spectra.* [Phys. Rev. B](https://doi.org/10.1/y)
"""
    )
    assert self_name(pubs) == "A. Szabó"
    assert all("A. Szabó!" in authors(p) for p in pubs)


def test_finish_marks_owner_across_sections_and_drops_second_listing():
    selected = parse(
        "- `IEEE TEVC'21` An Evolutionary Forest for Regression, Hengzhe Zhang, et al."
    )
    full = parse(
        '- Hengzhe Zhang, Aimin Zhou, and Hu Zhang. "An Evolutionary Forest for Regression." '
        "*IEEE Transactions on Evolutionary Computation*, 2021.",
        category="Refereed Journal Articles",
    )
    pubs = finish_publications(selected + full, "Hengzhe Zhang")
    assert len(pubs) == 1
    assert pubs[0]["category"] == "Refereed Journal Articles"
    assert authors(pubs[0]) == ["Hengzhe Zhang!", "Aimin Zhou", "Hu Zhang"]


def test_a_dataset_with_a_papers_title_is_kept():
    paper = parse(
        "1. Riffe, T., & Mogi, R. (2021). A database of deaths. Int. J. Epidemiology 50: 1–2."
    )
    data = parse("Riffe, T., & Mogi, R. A database of deaths. Available at: https://osf.io/x/")
    assert len(merge_duplicates(paper + data)) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Zhen Zheng**\\*", "\x01Zhen Zheng\x02*"),
        ("Donglin Zhuang*, **Z**", "Donglin Zhuang*, \x01Z\x02"),
        ("<u>Jahn M</u><sup>†</sup>", "\x05Jahn M\x06†"),
        ("CaFe<sub>3</sub>", "CaFe3"),
        ("*Journal*, 2020", "\x03Journal\x04, 2020"),
        ("[PDF](/a.pdf)", "\x10PDF\x12/a.pdf\x11"),
        ("Mu¨ller and Uhle´ n", "Müller and Uhlén"),
    ],
)
def test_markup_becomes_sentinels(text, expected):
    assert to_sentinels(text) == expected


def test_homepage_publication_list_from_the_seeds():
    """The "[VENUE'YY]" homepage list of a seed CV, read from the shared seeds."""
    path = SEEDS / "003_9c2814318dd6f793.txt"
    lines = path.read_text().split("\n")
    start = lines.index("[Publications](#publications)") + 2
    pubs = parse_publications(
        [(n, line) for n, line in enumerate(lines, 1) if n > start], category=None, owner=None
    )
    assert len(pubs) == 17
    assert all(any(a["is_self"] for a in p["authors"]) for p in pubs)
    assert {p["status"] for p in pubs} == {"published"}
    assert pubs[-1]["venue_short"] == "SC" and pubs[-1]["year"] == 2016


@pytest.mark.parametrize(
    ("text", "legend"),
    [
        ("* equal contribution", True),
        ("(* equal contribution)", True),
        ("*Co-first authors; † corresponding author", True),
        ("† denotes a student advisee", True),
        ("† corresponding author", True),
        ("‡ senior authors", True),
        ("* Invited talk, 2023", False),
        ("Jane Doe*, John Roe. A Paper. OSDI 2023.", False),
        # Bullets a PDF turned into marks, before ordinary entries.
        ("§ Senior Program Committee, NeurIPS 2023", False),
        ("† Supervised 5 PhD students", False),
        ("‡ Senior Member, IEEE", False),
        ("# Student volunteer, SOSP 2023", False),
    ],
)
def test_a_legend_of_author_marks_is_told_from_an_entry(text, legend):
    assert is_legend(text) is legend


def test_family_first_then_initials_first_author_list():
    """ "Quill, A. B., C. D. Marsh, and E. Ortega." (Chicago style): the first name's
    second initial and the later names' initials do not end the list."""
    pubs = parse(
        "Quill, A. B., C. D. Marsh, and E. Ortega. Tides of a Small Moon. May 2031. J.\n"
        "Fictional Geophysics, 12(3):17.\n"
        "\n"
        "Marsh, C. D. and A. B. Quill. Waves Nobody Measured. 2030. Imag. Oceans, 4:1-9.\n"
    )
    assert [p["title"] for p in pubs] == ["Tides of a Small Moon", "Waves Nobody Measured"]
    assert [a["name"] for a in pubs[0]["authors"]] == ["Quill, A. B.", "C. D. Marsh", "E. Ortega"]


def test_author_list_wrapped_before_its_end_starts_an_entry():
    """Long author lists wrapped after a comma or "&", entries apart by blank lines
    (a PDF's hanging indents), one ending in a DOI cut by the wrap."""
    pubs = parse(
        "Lark, I., Quill, A., Marsh, C. D., Ortega, B., Finch, G. H., Wren, J., &\n"
        "Moss, T. (2031). Tides of a small moon. J. Fictional Geophysics, 12, 1-9.\n"
        "\n"
        "Quill, A., & Marsh, C. (2030). Waves nobody measured. Imag. Oceans, 4. doi:\n"
        "10.1000/io.4\n"
        "\n"
        "Ortega, B., Quill, A., Lark, I., Finch, G. H., Wren, J., Stone, K. L.,\n"
        "Moss, T., & Marsh, C. (2029). A teacup sea. Computational Nowhere, 33, 44-61.\n"
    )
    assert [p["title"] for p in pubs] == [
        "Tides of a small moon",
        "Waves nobody measured",
        "A teacup sea",
    ]


def test_italic_title_first_then_with_coauthors_and_venue():
    """Mathematics: "*Title* with X and Y, Venue": the owner and X and Y are the
    authors; a journal abbreviation after the names is the venue, not a name."""
    pubs = parse(
        "1. *Tides of a small moon* with B. Lark and C. D. Marsh, Int. J. Fict. Geo., 12 (2031).\n"
        "2. *Waves nobody measured*, with A. Quill, J. Imag. Oceans 4 (2030).\n"
        "3. *A teacup sea*, Comput. Nowhere 33 (2029).\n",
        owner="Ada Ortega",
    )
    assert [p["title"] for p in pubs] == [
        "Tides of a small moon",
        "Waves nobody measured",
        "A teacup sea",
    ]
    assert authors(pubs[0]) == ["Ada Ortega!", "B. Lark", "C. D. Marsh"]
    assert pubs[0]["venue"].startswith("Int. J. Fict. Geo")
    assert authors(pubs[1]) == ["Ada Ortega!", "A. Quill"]


def test_apa_subtitle_sentence_before_an_italic_journal():
    pubs = parse("Quill, A., & Marsh, C. (2031). Tides of a moon. Seen from afar. *Fict Geo*.\n")
    assert pubs[0]["title"] == "Tides of a moon. Seen from afar"
    assert pubs[0]["venue"] == "Fict Geo"


def test_place_and_publisher_line_ends_the_book_entry():
    text = (
        "Vale, D. 2010. Dune grasses. In Encyclopedia of Coasts, ed. C. Marsh.\n"
        "Thousand Oaks, CA: Coastal Publications Inc.\n"
        "Penn, A. 2011. Salt marshes. In Handbook of Shores, ed. R. Holt.\n"
        "New York: Routledge.\n"
    )
    pubs = parse(text)
    assert [(p["title"], p["x_lines"]) for p in pubs] == [
        ("Dune grasses", [1, 2]),
        ("Salt marshes", [3, 4]),
    ]
