"""Small fictional bibliographies in each format the upload takes, shared by the reader
tests (no database) and the upload tests. Every person, title and venue is invented;
Ada Lovelace is the owner persona of tests/conftest.py."""

import io
import json
import zipfile

CSL_JSON = json.dumps(
    [
        {
            "id": "lovelace2021",
            "type": "paper-conference",
            "title": "Elastic Joins for Tiny Clusters",
            "author": [
                {"family": "Lovelace", "given": "Ada"},
                {"family": "Berg", "given": "Jonas", "non-dropping-particle": "van der"},
            ],
            "container-title": "EuroSys",
            "issued": {"date-parts": [[2021, 4]]},
            "page": "1-14",
            "DOI": "10.5555/csl.2021",
        },
        {
            "id": "lovelace2019",
            "type": "article-journal",
            "title": "Durable Queues Considered",
            "author": [{"family": "Lovelace", "given": "Ada"}, {"literal": "The Pretend Group"}],
            "container-title": "Journal of Imaginary Results",
            "volume": "12",
            "issue": "3",
            "publisher": "Imaginary Press",
            "issued": {"date-parts": [[2019]]},
        },
        {
            "id": "lovelace2023",
            "type": "article",
            "title": "Sparse Tensors, Quietly",
            "author": [{"family": "Lovelace", "given": "Ada"}],
            "number": "arXiv:2301.01234",
            "issued": {"date-parts": [[2023, 1]]},
        },
        {
            "id": "lovelace2020",
            "type": "chapter",
            "title": "Verified Caches in Practice",
            "author": [{"family": "Lovelace", "given": "Ada"}],
            "editor": [{"family": "Marlow", "given": "Tessa"}],
            "container-title": "Handbook of Made-Up Methods",
            "publisher": "Fictional Books",
            "ISBN": "978-3-16-148410-0",
            "issued": {"date-parts": [[2020]]},
        },
    ]
)

RIS = """TY  - JOUR
AU  - Lovelace, Ada
AU  - Vale, Piet
TI  - Learned Schedulers Revisited
T2  - IEEE Transactions on Knowledge and Data Engineering
PY  - 2018/06/01/
VL  - 30
IS  - 6
SP  - 101
EP  - 115
DO  - 10.5555/ris.2018
ER  -

TY  - CONF
AU  - Lovelace, Ada
AU  - Thorn, Eli
TI  - Private Logs at Scale
T2  - SIGMOD
PY  - 2022
SP  - 7
EP  - 19
PB  - ACM
ER  -

TY  - THES
AU  - Lovelace, Ada
TI  - On Imaginary Engines
PB  - University of Nowhere
PY  - 2015
ER  -
"""

BIBLATEX = r"""@article{lovelace2017,
  author = {Lovelace, Ada and Quill, Mara},
  title = {Approximate Graphs for {GPU} Fleets},
  journaltitle = {ACM Computing Surveys},
  date = {2017-09-14},
  volume = {50},
  number = {4},
}

@online{lovelace2024,
  author = {Lovelace, Ada},
  title = {Incremental Filters},
  date = {2024-02},
  eprinttype = {arxiv},
  eprint = {2402.05678},
}
"""

DBLP = r"""@inproceedings{DBLP:conf/imag/Lovelace21,
  author    = {Ada Lovelace and
               Piet Vale 0002},
  title     = {Streaming Snapshots},
  booktitle = {EuroSys},
  pages     = {33--47},
  crossref  = {DBLP:conf/imag/2021},
}

@proceedings{DBLP:conf/imag/2021,
  editor    = {Tessa Marlow},
  title     = {EuroSys '21: Sixteenth European Conference on Computer Systems},
  publisher = {ACM},
  year      = {2021},
  isbn      = {978-1-4503-0000-0},
}
"""

ORCID_WORKS = json.dumps(
    {
        "path": "/0000-0002-0000-0001/works",
        "group": [
            {
                "work-summary": [
                    {
                        "put-code": 11,
                        "type": "journal-article",
                        "title": {"title": {"value": "Federated Ledgers Explained"}},
                        "journal-title": {"value": "Transactions on Made-Up Systems"},
                        "publication-date": {"year": {"value": "2016"}, "month": {"value": "05"}},
                        "external-ids": {
                            "external-id": [
                                {
                                    "external-id-type": "doi",
                                    "external-id-value": "10.5555/orcid.2016",
                                    "external-id-relationship": "self",
                                }
                            ]
                        },
                    }
                ]
            },
            {
                "work-summary": [
                    {
                        "put-code": 12,
                        "type": "conference-paper",
                        "title": {"title": {"value": "Quantum Compilers for the Edge"}},
                        "journal-title": {"value": "International Conference on Machine Learning"},
                        "publication-date": {"year": {"value": "2020"}},
                    }
                ]
            },
        ],
    }
)

ACADEMICPAGES_FILES = {
    "site-main/_publications/2009-10-01-paper-title-number-1.md": """---
title: "Adaptive Indexes for Cold Storage"
collection: publications
category: manuscripts
permalink: /publication/2009-10-01-paper-title-number-1
date: 2009-10-01
venue: 'Journal of Imaginary Results'
paperurl: 'https://example.org/files/paper1.pdf'
citation: 'Lovelace, A., &amp; Vale, P. (2009). &quot;Adaptive Indexes for Cold Storage.&quot;
  <i>Journal of Imaginary Results</i>. 1(1).'
---
This paper is about imaginary indexes.
""",
    "site-main/_publications/2015-10-01-paper-title-number-3.md": """---
title: "Elastic Graphs"
collection: publications
category: conferences
date: 2015-10-01
venue: 'SIGMOD'
citation: 'Lovelace, A. (2015). &quot;Elastic Graphs.&quot; <i>SIGMOD</i>.'
---
""",
    "site-main/_config.yml": "title: A site\n",
}


def zip_of(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()
