"""Rebuild the line labeller's model: ``python -m cvparse.train [--exclude STEM ...]``.

Trains on synthetic CVs (cvparse/data/synth.py) and on the real CVs with gold in the
shared data folder beside the checkout, when it is there, labelled by aligning their
gold with their lines (cvparse/data/align.py). Only layout and closed-vocabulary
features reach the model (cvparse/labeller/features.py).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .data import SHARED, Document, real_documents
from .data.synth import synthetic_document
from .labeller import MODEL_PATH, content_lines
from .labeller.features import features
from .sections import build_lines

SYNTHETIC = 400  # documents; more adds little and slows the 22-fold leave-one-out


def synthetic_documents(count: int = SYNTHETIC) -> list[Document]:
    found = []
    for seed in range(count):
        text, fmt, labels = synthetic_document(seed)
        lines = content_lines(build_lines(text))
        found.append(Document(f"synthetic-{seed}", fmt, lines, [labels[ln.no - 1] for ln in lines]))
    return found


def train(documents: list[Document], out: Path) -> None:
    """Fit a CRF on ``documents`` and write it to ``out``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for document in documents:
        trainer.append(features(document.lines, document.fmt), document.labels)
    trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 150})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exclude", nargs="*", default=[], help="real documents left out")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the folder with gold")
    parser.add_argument("--synthetic", type=int, default=SYNTHETIC)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    real = [d for d in real_documents(args.shared) if d.stem not in args.exclude]
    documents = synthetic_documents(args.synthetic) + real
    train(documents, args.out)
    size = args.out.stat().st_size / 1024
    print(
        f"{len(real)} real + {args.synthetic} synthetic documents -> {args.out} "
        f"({size:.0f} kB, {time.perf_counter() - started:.1f} s)"
    )


if __name__ == "__main__":
    main()
