"""Leave-one-out evaluation of the line labeller on the real CVs with gold.

Run from the repository root: python benchmarks/eval_lines.py [--score] [--keep DIR]

For each real CV, a model is trained without it (synthetic CVs + the other real ones);
the held-out CV's lines are labelled with that model and compared with the labels
the aligner derives from its gold (per-label recall and precision). ``--score`` also
parses every CV twice with ../shared/tools/cvscore.py, rules alone (no model) and
rules + its leave-one-out model (``CVPARSE_LINE_MODEL``), and prints both, with how
many of the gold's free-section headings each finds (which cvscore does not score).
``loo_models(stems)`` is the piece another script can reuse.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvparse import parse  # noqa: E402
from cvparse.data import SHARED, Document, real_documents  # noqa: E402
from cvparse.labeller import LABELS, MODEL_ENV  # noqa: E402
from cvparse.labeller.features import features  # noqa: E402
from cvparse.train import synthetic_documents, train  # noqa: E402

SETS = {"devset": ("devset/gold", "devset/docs"), "seeds": ("seeds/gold", "seeds")}


def loo_models(
    stems: list[str] | None = None,
    out_dir: Path | None = None,
    real: list[Document] | None = None,
) -> dict[str, Path]:
    """{stem: a model trained without that real CV}, for ``stems`` (default: every real
    CV with gold); ``real``: the real documents when the caller has read them already."""
    out_dir = out_dir or Path(tempfile.mkdtemp(prefix="cvparse-loo-"))
    real = real_documents() if real is None else real
    synthetic = synthetic_documents()
    models = {}
    for document in real:
        if stems is not None and document.stem not in stems:
            continue
        path = out_dir / f"{document.stem}.crfsuite"
        train(synthetic + [d for d in real if d is not document], path)
        models[document.stem] = path
    return models


def label_report(models: dict[str, Path], real: list[Document]) -> None:
    """Per-label recall and precision of each held-out CV's labels, pooled."""
    import pycrfsuite

    truth, hits, guessed = Counter(), Counter(), Counter()
    for document in real:
        if document.stem not in models:
            continue
        tagger = pycrfsuite.Tagger()
        tagger.open(str(models[document.stem]))
        tags = tagger.tag(features(document.lines, document.fmt))
        right = sum(t == g for t, g in zip(tags, document.labels, strict=True))
        print(f"  {document.stem:28} {right / max(len(tags), 1):.3f} of {len(tags)} lines")
        for tag, gold in zip(tags, document.labels, strict=True):
            truth[gold] += 1
            guessed[tag] += 1
            hits[gold] += tag == gold
    total = sum(truth.values())
    print(f"line accuracy (LOO, pooled): {sum(hits.values()) / total:.3f} over {total} lines")
    for label in LABELS:
        recall = hits[label] / truth[label] if truth[label] else 0.0
        precision = hits[label] / guessed[label] if guessed[label] else 0.0
        print(f"  {label:12} n={truth[label]:5}  recall {recall:.3f}  precision {precision:.3f}")


def score(models: dict[str, Path] | None, name: str) -> list[dict]:
    """cvscore rows for one set, parsed with each CV's own model (None: rules alone)."""
    gold, docs = SETS[name]
    model_dir = next(iter(models.values())).parent if models else None
    prefix = (
        f"CVPARSE_LINE_MODEL={model_dir}/$(basename {{file}} | sed 's/\\.[^.]*$//').crfsuite "
        if model_dir
        else "CVPARSE_LINE_MODEL=/nonexistent "
    )
    command = [
        sys.executable,
        str(SHARED / "tools" / "cvscore.py"),
        "--gold",
        str(SHARED / gold),
        "--docs",
        str(SHARED / docs),
        "--run",
        f"{prefix}{sys.executable} -m cvparse {{file}}",
        "--json",
    ]
    output = subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(output.split("\nmean overall")[0])


def _words(text: str | None) -> str:
    return re.sub(r"[^a-z]+", " ", (text or "").lower()).strip()


def heading_recall(models: dict[str, Path] | None) -> tuple[int, int]:
    """(found, gold): the gold's free-section headings ("Fieldwork", "Invited Talks") that
    the parser finds as sections, which cvscore does not score."""
    found = total = 0
    for gold_path in sorted(SHARED.glob("*/gold/*.json")):
        folder = gold_path.parent.parent
        sources = list(folder.glob(f"{gold_path.stem}.*")) + list(
            (folder / "docs").glob(f"{gold_path.stem}.*")
        )
        model = models.get(gold_path.stem) if models else None
        os.environ[MODEL_ENV] = str(model or "/nonexistent")
        try:
            result = parse(sources[0].read_bytes(), sources[0].name)
        except Exception:  # a reader crash is for cvscore to report
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        want = {_words(s.get("heading")) for s in gold.get("sections", []) if s.get("heading")}
        got = {_words(part) for s in result["sections"] for part in (s["heading"] or "").split(":")}
        found += len(want & got)
        total += len(want)
    os.environ.pop(MODEL_ENV, None)
    return found, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--score", action="store_true", help="also run cvscore, LOO")
    parser.add_argument("--keep", type=Path, help="write the models here (kept)")
    parser.add_argument("--reuse", action="store_true", help="score the models in --keep")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    if args.reuse and args.keep:
        models = {p.stem: p for p in args.keep.glob("*.crfsuite")}
    else:
        real = real_documents()
        models = loo_models(out_dir=args.keep, real=real)
        label_report(models, real)
    if not args.score:
        return
    for name in SETS:
        rules, learned = score(None, name), score(models, name)
        if args.keep:  # for ../shared/tools/parse_report.py
            for label, rows in (("rules", rules), ("model", learned)):
                (args.keep / f"{name}-{label}.json").write_text(json.dumps(rows))
        print(f"{name}: doc  rules  rules+model (LOO)")
        for a, b in zip(rules, learned, strict=True):
            print(f"  {a['doc'][:26]:26} {a['overall']:.3f}  {b['overall']:.3f}")
        mean = [sum(r["overall"] for r in rows) / len(rows) for rows in (rules, learned)]
        print(f"  mean overall              {mean[0]:.3f}  {mean[1]:.3f}")
    (a, total), (b, _) = heading_recall(None), heading_recall(models)
    print(f"free-section headings found: rules {a}/{total}, rules+model (LOO) {b}/{total}")


if __name__ == "__main__":
    main()
