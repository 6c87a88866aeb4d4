"""Publication fields on the real CVs: the rules, the field labeller and the two combined.

Run from the repository root: ``python benchmarks/eval_fields.py [--folds K]
[--real-copies N]`` (``make eval`` runs it).

Every publication entry the parser cuts out of the 22 real CVs (``../shared/seeds`` and
``../shared/devset``) is read twice, by the rules and by the field labeller
(cvparse/labeller/fields.py). No document is read by a model that saw it: when the
labeller is trained on the real CVs' entries (``train.REAL_FIELD_COPIES``, or
``--real-copies``), the documents are dealt into K folds (default 6; 22 is
leave-one-document-out) and a model is trained per fold without that fold's entries,
as ``python -m cvparse.train --model fields --exclude ...`` does; otherwise the shipped
model reads them all. Each gold publication is paired with the entry whose text holds
its title, and four fields are checked as ``../shared/tools/cvscore.py`` checks them:
title (similarity at least 0.85), the whole ordered author list, venue, year.

Printed per field: the rules alone, the labeller alone, the combination with the
shipped thresholds (``publications.RESCUE``, tuned on all 22 documents: not a measure
of generalisation) and the combination with thresholds tuned leave-one-document-out
(for each document, the thresholds that do best on the other 21). The last is the
figure to improve.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

FIELDS = ("title", "authors", "venue", "year")
# The rescue thresholds tried (None: the rules' value always stays).
RESCUE = (0.0, 0.3, 0.5, 0.7, 0.9, None)
FOLDS = 6  # a field model trains in about 45 s; 22 folds take a quarter of an hour


def _scorer():
    spec = importlib.util.spec_from_file_location("cvscore", SHARED / "tools" / "cvscore.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def loo_field_models(
    out_dir: Path, folds: int = FOLDS, copies: int | None = None
) -> dict[str, Path]:
    """{stem: a field model trained without that real CV's entries}: the documents are
    dealt into ``folds`` folds in name order and one model is trained per fold, with
    ``copies`` of each real entry (default: as ``python -m cvparse.train`` does). With
    none, every document is read by the shipped model: it never saw them."""
    from cvparse import train
    from cvparse.data import sources
    from cvparse.labeller.fields import MODEL_PATH

    copies = train.REAL_FIELD_COPIES if copies is None else copies
    stems = [stem for stem, _, _ in sources(SHARED)]
    if not copies:
        return dict.fromkeys(stems, MODEL_PATH)
    examples, by_document = train.field_examples(), train.real_field_examples(SHARED)
    models = {}
    for fold in range(folds):
        held = stems[fold::folds]
        path = out_dir / f"fields-fold{fold}.crfsuite"
        real = [e for stem in stems if stem not in held for e in by_document.get(stem, [])]
        train.train_fields(examples, path, real, copies)
        models.update(dict.fromkeys(held, path))
    return models


def _coverage(score, title: str, text: str) -> float:
    words = score.norm(title).split()
    have = set(score.norm(text).split())
    return sum(w in have for w in words) / len(words) if words else 0.0


def collect(models: dict[str, Path] | None = None) -> dict[str, list[dict]]:
    """Per document: each gold publication paired with both readings of its entry, the
    labeller's by ``models[stem]`` (default: the shipped model)."""
    import json

    import cvparse
    from cvparse import publications
    from cvparse.data import sources
    from cvparse.labeller.fields import MODEL_ENV

    score = _scorer()
    out: dict[str, list[dict]] = {}
    # Entries cut by the rules alone: the shipped line labeller has seen these CVs.
    saved = {name: os.environ.get(name) for name in ("CVPARSE_LINE_MODEL", MODEL_ENV)}
    os.environ["CVPARSE_LINE_MODEL"] = "off"
    for stem, gold_path, source in sources(SHARED):
        if models:
            os.environ[MODEL_ENV] = str(models[stem])
        publications.TRACE = []
        try:
            parsed = cvparse.parse(source)
        except Exception as exc:  # a crash is eval.py's to report; here it pairs nothing
            print(f"{stem}: {type(exc).__name__}", file=sys.stderr)
            parsed = {"person": {}}
        traced = [t for t in publications.TRACE if "model" in t]
        publications.TRACE = None
        owner = (parsed.get("person") or {}).get("name") or ""
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        candidates = sorted(
            (
                (_coverage(score, g.get("title") or "", t["text"]), -i, -j, i, j)
                for i, g in enumerate(gold.get("publications") or [])
                for j, t in enumerate(traced)
            ),
            reverse=True,
        )
        used_g, used_t, pairs = set(), set(), []
        for cover, _, _, i, j in candidates:
            if cover < 0.85 or i in used_g or j in used_t:
                continue
            used_g.add(i)
            used_t.add(j)
            g, t = gold["publications"][i], traced[j]
            pairs.append({
                "confidence": t["confidence"],
                **{side: _judge(score, g, t[side], owner) for side in ("rules", "model")},
                "values": {side: t[side] for side in ("rules", "model")},
                "ok": t["ok"],
                "no_venue": bool(score.venue_match(
                    g, {"venue_short": t["rules"]["venue_short"]})),
            })  # fmt: skip
        out[stem] = pairs
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    return out


def _judge(score, gold: dict, reading: dict, owner: str) -> dict[str, bool]:
    """Which of the four fields one reading has right, as cvscore.py checks them. The
    owner stands in for an empty name and for an entry that names no one, as the parser
    fills them in (publications._mark_self)."""
    people = [n for a in reading["authors"] or [] if (n := a["name"] or owner)]
    pred = {
        "title": reading["title"],
        "authors": [{"name": n} for n in people or [owner] if n],
        "venue": reading["venue"],
        "venue_short": reading["venue_short"],
        "year": reading["year"],
    }
    checks = score.fields_publications(gold, pred)
    return {
        "title": score.sim(gold.get("title"), reading["title"]) >= 0.85,
        "authors": checks["authors_exact"],
        "venue": checks["venue"],
        "year": checks["year"],
    }


def _confidence(pair: dict) -> float:
    """The entry's x_confidence as the parser gives it with the shipped thresholds."""
    from cvparse.publications import RESCUE as SHIPPED
    from cvparse.publications import RIGHT_WHEN_SANE, choose

    values, product, ok = pair["values"], 1.0, pair["ok"]
    if all(ok[n] or SHIPPED[n] is None for n in FIELDS):  # the parser runs no labeller
        for name in FIELDS:
            product *= RIGHT_WHEN_SANE[name] if ok[name] else 0.3
        return product**0.5
    for name in FIELDS:
        product *= choose(
            name,
            values["rules"][name],
            values["model"][name],
            pair["confidence"].get(name, 0.0),
            SHIPPED[name],
            pair["ok"][name],
        )[1]
    return product**0.5


def _combined(pair: dict, name: str, rescue: float | None) -> bool:
    from cvparse.publications import DROP_BAD_VENUE, choose, sane

    values = pair["values"]
    take, _ = choose(
        name,
        values["rules"][name],
        values["model"][name],
        pair["confidence"].get(name, 0.0),
        rescue,
        pair["ok"][name],
    )
    kept = values["rules"][name]
    if name == "venue" and not take and DROP_BAD_VENUE and kept and not sane(name, kept):
        return pair["no_venue"]
    return pair["model" if take else "rules"][name]


def _accuracy(pairs: list[dict], name: str, rescue: float | None) -> float:
    return sum(_combined(p, name, rescue) for p in pairs) / len(pairs) if pairs else 0.0


def tune(pairs: list[dict], name: str) -> float | None:
    """The rescue threshold that gets ``name`` right on most of ``pairs`` (on a tie the
    most cautious: the rules' value kept more often)."""
    ranked = [(_accuracy(pairs, name, r), 2.0 if r is None else r, r) for r in RESCUE]
    return max(ranked)[2]


def report(by_doc: dict[str, list[dict]]) -> None:
    from cvparse.publications import RESCUE as SHIPPED

    everything = [p for pairs in by_doc.values() for p in pairs]
    loo: dict[str, dict[int, bool]] = {name: {} for name in FIELDS}
    for name in FIELDS:
        for stem, pairs in by_doc.items():
            rest = [p for other, ps in by_doc.items() if other != stem for p in ps]
            choice = tune(rest, name)
            for p in pairs:
                loo[name][id(p)] = _combined(p, name, choice)
    rows = {
        "rules alone": lambda p, n: p["rules"][n],
        "labeller alone": lambda p, n: p["model"][n],
        "combined, shipped": lambda p, n: _combined(p, n, SHIPPED[n]),
        "combined, leave-one-out": lambda p, n: loo[n][id(p)],
    }
    print(f"\n## Publication fields: {len(everything)} gold entries paired with a parsed entry")
    print(f"{'':26}" + "".join(f" {n:>8}" for n in FIELDS) + "  all four")
    for label, right in rows.items():
        cells = [sum(right(p, n) for p in everything) / len(everything) for n in FIELDS]
        whole = sum(all(right(p, n) for n in FIELDS) for p in everything) / len(everything)
        print(f"{label:26}" + "".join(f" {c:8.3f}" for c in cells) + f" {whole:9.3f}")
    print("\nx_confidence (entry) against the share of entries with all four fields right:")
    for low, high in ((0.0, 0.6), (0.6, 0.9), (0.9, 1.01)):
        chosen = [p for p in everything if low <= _confidence(p) < high]
        right = sum(all(_combined(p, n, SHIPPED[n]) for n in FIELDS) for p in chosen)
        mean = sum(_confidence(p) for p in chosen) / len(chosen) if chosen else 0.0
        share = right / len(chosen) if chosen else 0.0
        print(f"  [{low:.1f}, {min(high, 1):.1f}): {len(chosen):4} entries, "
              f"mean confidence {mean:.2f}, right {share:.2f}")  # fmt: skip
    tuned = {name: tune(everything, name) for name in FIELDS}
    print(f"\nrescue thresholds tuned on all 22: {tuned}; shipped: {SHIPPED}")


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--folds", type=int, default=FOLDS, help="folds of documents")
    arguments.add_argument(
        "--real-copies", type=int, help="train with each real entry this many times"
    )
    args = arguments.parse_args()
    if not SHARED.is_dir():
        print(f"eval_fields: {SHARED} is missing", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        report(collect(loo_field_models(Path(tmp), args.folds, args.real_copies)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
