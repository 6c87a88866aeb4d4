"""Rebuild the labellers' models: ``python -m cvparse.train [--exclude STEM ...]``.

The line labeller (``--model lines``) trains on synthetic CVs (cvparse/data/synth.py)
and on the real CVs with gold in the shared data folder beside the checkout, when it
is there, labelled by aligning their gold with their lines (cvparse/data/align.py).
Only layout and closed-vocabulary features reach the model
(cvparse/labeller/features.py).

The field labeller (``--model fields``) trains on public labelled references and
synthetic entries (cvparse/data/fieldsynth.py), and can add the same real CVs'
publication entries (``REAL_FIELD_COPIES``), labelled by aligning each gold publication
with its entry (cvparse/data/fieldalign.py); the words of their e-mail addresses, phone
numbers and web addresses never become features.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from .data import SHARED, Document, real_documents, real_publications
from .data.fieldalign import examples as aligned_examples
from .data.fieldalign import private
from .data.synth import synthetic_document
from .labeller import MODEL_PATH, content_lines
from .labeller.features import features
from .labeller.fields import MODEL_PATH as FIELD_MODEL_PATH
from .sections import build_lines

SYNTHETIC = 400  # documents; more adds little and slows the 22-fold leave-one-out
# Field labeller examples: public references as printed, CV renderings, CSL renderings.
# More public references add little (held-out token accuracy) and slow training.
FIELD_EXAMPLES = {"public": 6000, "cv": 4500, "csl": 800}
# How many times each real CV publication entry counts (a few hundred among eleven
# thousand); 0: none. Measured by fold (benchmarks/eval_fields.py --real-copies N), they
# make the labeller alone better (all four fields right: 0.591 -> 0.635 with 5 copies,
# 0.638 with 10) but not the labeller beside the rules (0.882 -> 0.876, 0.876): the
# rules are already right where the labeller gained, and the rescue thresholds tuned
# on the other documents moved.
REAL_FIELD_COPIES = 0


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


def field_examples(sizes: dict[str, int] = FIELD_EXAMPLES) -> list:
    from .data import fieldsynth

    public = [fieldsynth.example(pieces) for _, pieces in fieldsynth.public_pieces()]
    random.Random(0).shuffle(public)
    return (
        public[: sizes["public"]]
        + fieldsynth.cv_examples(sizes["cv"], seed=1)
        + fieldsynth.csl_examples(sizes["csl"], seed=2)
    )


def real_field_examples(shared: Path = SHARED) -> dict[str, list]:
    """Per real CV under ``shared``: its publication entries, labelled by aligning them
    with their gold."""
    return {stem: aligned_examples(entries) for stem, entries in real_publications(shared).items()}


def private_free_features(tokens: list) -> list[list[str]]:
    """The field labeller's features of one real entry, without the word (own or a
    neighbour's) of any token that looks like contact details."""
    from .labeller.fields import features as field_features

    found = field_features(tokens)
    hidden = set()
    for token, own in zip(tokens, found, strict=True):
        if private(token):
            lexical = [f for f in own if f.startswith(("w=", "suf="))]
            hidden.update(lexical)
            hidden.update(f"{k}:{f}" for f in lexical for k in (-2, -1, 1, 2))
    return [[f for f in own if f not in hidden] for own in found]


def train_fields(
    examples: list, out: Path, real: list = (), copies: int = REAL_FIELD_COPIES
) -> None:
    """Fit the field labeller's CRF on ``examples`` (fieldsynth.Example) and ``copies``
    times each of the ``real`` CVs' examples, and write it."""
    import pycrfsuite

    from .labeller.fields import features as field_features

    trainer = pycrfsuite.Trainer(verbose=False)
    for example in examples:
        trainer.append(field_features(example.tokens), example.labels)
    for example in real:
        found = private_free_features(example.tokens)
        for _ in range(copies):
            trainer.append(found, example.labels)
    # Features seen once are mostly one reference's words: dropping them halves the file.
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 80, "feature.minfreq": 2})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exclude", nargs="*", default=[], help="real documents left out")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the folder with gold")
    parser.add_argument("--synthetic", type=int, default=SYNTHETIC)
    parser.add_argument("--model", choices=("lines", "fields", "both"), default="both")
    parser.add_argument("--fields-out", type=Path, default=FIELD_MODEL_PATH)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.model != "lines":
        examples = field_examples()
        by_document = real_field_examples(args.shared) if REAL_FIELD_COPIES else {}
        real = [e for stem, found in by_document.items() if stem not in args.exclude
                for e in found]  # fmt: skip
        train_fields(examples, args.fields_out, real, REAL_FIELD_COPIES)
        size = args.fields_out.stat().st_size / 1024
        print(
            f"{len(examples)} references + {len(real)} real entries -> {args.fields_out} "
            f"({size:.0f} kB, {time.perf_counter() - started:.1f} s)"
        )
        if args.model == "fields":
            return
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
