"""Convert public labelled citation corpora into the field labeller's training data.

``python -m cvparse.data.citations ANYSTYLE_GIT GROBID_GIT`` reads, from two git
directories (``fetch github:inukshuk/anystyle`` and ``github:kermitt2/grobid``):

- AnyStyle's parser training set ``res/parser/{core,gold}.xml`` (BSD-2-Clause);
- GROBID's citation training data
  ``grobid-trainer/resources/dataset/citation/corpus/*.xml`` (TEI; annotations
  CC-BY-4.0),

and writes ``citations.jsonl.gz`` beside this file: one reference per line,
``{"src": ..., "segs": [[label, text], ...]}`` with the labels of
``cvparse.labeller.fields.LABELS``. Text between two labelled parts (GROBID leaves
punctuation untagged) is kept, labelled ``other``. See NOTICE and SOURCES.tsv.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
from pathlib import Path

from lxml import etree

OUT = Path(__file__).with_name("citations.jsonl.gz")
ANYSTYLE_FILES = ("res/parser/core.xml", "res/parser/gold.xml")
GROBID_DIR = "grobid-trainer/resources/dataset/citation/corpus"

# AnyStyle's labels -> ours (absent: "other").
ANYSTYLE_LABELS = {
    "author": "author", "title": "title", "journal": "venue", "container-title": "venue",
    "collection-title": "venue", "source": "venue", "date": "date", "volume": "volume",
    "pages": "pages", "doi": "doi", "url": "url", "publisher": "publisher", "note": "note",
    "genre": "note",
}  # fmt: skip


def _git_show(repo: Path, path: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"HEAD:{path}"], capture_output=True, check=True
    ).stdout


def _git_files(repo: Path, folder: str) -> list[str]:
    out = subprocess.run(
        ["git", "--git-dir", str(repo), "ls-tree", "-r", "--name-only", "HEAD", folder],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [p for p in out.splitlines() if p.endswith(".xml")]


def _squash(text: str) -> str:
    return " ".join(text.split())


def anystyle_records(repo: Path) -> list[dict]:
    found = []
    for path in ANYSTYLE_FILES:
        root = etree.fromstring(_git_show(repo, path))
        for sequence in root.iter("sequence"):
            segs = [
                [ANYSTYLE_LABELS.get(part.tag, "other"), _squash("".join(part.itertext()))]
                for part in sequence
                if isinstance(part.tag, str)
            ]
            segs = [s for s in segs if s[1]]
            if segs:
                found.append({"src": f"anystyle:{Path(path).stem}", "segs": segs})
    return found


_GROBID_LABELS = {"author": "author", "date": "date", "publisher": "publisher", "ptr": "url",
                  "note": "note", "meeting": "venue", "orgName": "publisher"}  # fmt: skip


def _grobid_label(element, has_article_title: bool) -> str:
    tag = etree.QName(element).localname
    kind = element.get("level") or element.get("unit") or element.get("type") or ""
    if tag == "title":
        if kind == "a" or (kind == "m" and not has_article_title):
            return "title"
        return "venue" if kind in ("j", "m", "") else "other"
    if tag == "biblScope":
        return "pages" if kind in ("pp", "page") else "volume" if kind else "other"
    if tag == "idno":
        return "doi" if kind.upper() == "DOI" else "other"
    return _GROBID_LABELS.get(tag, "other")


def grobid_records(repo: Path) -> list[dict]:
    found = []
    for path in _git_files(repo, GROBID_DIR):
        try:
            root = etree.fromstring(_git_show(repo, path), etree.XMLParser(recover=True))
        except etree.XMLSyntaxError:
            continue
        if root is None:
            continue
        for bibl in root.iter("{*}bibl", "bibl"):
            has_article = any(
                etree.QName(c).localname == "title" and c.get("level") == "a"
                for c in bibl
                if isinstance(c.tag, str)
            )
            segs: list[list[str]] = []
            if bibl.text and bibl.text.strip():
                segs.append(["other", _squash(bibl.text)])
            for part in bibl:
                if not isinstance(part.tag, str):
                    continue
                text = _squash("".join(part.itertext()))
                if text:
                    segs.append([_grobid_label(part, has_article), text])
                if part.tail and part.tail.strip():
                    segs.append(["other", _squash(part.tail)])
            if any(label != "other" for label, _ in segs):
                found.append({"src": "grobid", "segs": segs})
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("anystyle", type=Path, help="git directory of inukshuk/anystyle")
    parser.add_argument("grobid", type=Path, help="git directory of kermitt2/grobid")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    records = anystyle_records(args.anystyle) + grobid_records(args.grobid)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(records)} references -> {args.out} ({args.out.stat().st_size / 1024:.0f} kB)")


if __name__ == "__main__":
    main()
