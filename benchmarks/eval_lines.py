"""Leave-one-out evaluation of the line labeller on the real CVs with gold.

Run from the repository root: python benchmarks/eval_lines.py [--keep DIR]

For each real CV, a model is trained without it (synthetic CVs + the other real ones);
the held-out CV's lines are labelled with that model and compared with the labels
the aligner derives from its gold (per-label recall and precision). ``make eval``
(benchmarks/eval.py) trains the same models with ``loo_models`` and scores the parse.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvparse.data import Document, real_documents  # noqa: E402
from cvparse.labeller import LABELS  # noqa: E402
from cvparse.labeller.features import features  # noqa: E402
from cvparse.train import synthetic_documents, train  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the models here (kept)")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    real = real_documents()
    label_report(loo_models(out_dir=args.keep, real=real), real)


if __name__ == "__main__":
    main()
