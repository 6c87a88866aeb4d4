"""How well the parser generalises: every real CV with gold, scored by the team's scorer.

Run from the repository root: ``make eval`` (or ``python benchmarks/eval.py [--no-loo]``).

The 22 real CVs (``../shared/seeds`` and ``../shared/devset``) are scored with
``../shared/tools/cvscore.py --json``: a row per document, then the pooled figures
(``../shared/tools/parse_report.py``: mean overall, entries F1 over every list
section, publications F1, whole author lists exact).

A learned part is also measured leave-one-document-out: for each document a model
is trained without it (as ``python -m cvparse.train --exclude STEM`` does; the field
labeller without its fold of documents, see eval_fields.py) and that model parses it,
so no score comes from a document the model saw. The rules alone (the
model switched off) are scored beside it. The leave-one-out figure, not the score
with the shipped model, is the one to improve.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
CORPORA = {"seeds": SHARED / "seeds", "devset": SHARED / "devset"}
LISTS = ("education", "positions", "publications", "awards", "teaching", "projects")
# The learned parts: the environment variable that points the parser at a model
# file ("off" for the rules alone). Those trained on the real CVs are retrained for
# leave-one-out: the line labeller without each document, the field labeller (when
# train.REAL_FIELD_COPIES adds them) without each fold of documents (eval_fields.py).
# Their files in the model folder, per document:
LEARNED = {"line labeller": "CVPARSE_LINE_MODEL", "field labeller": "CVPARSE_FIELD_MODEL"}
TRAINED_ON_REAL = {"CVPARSE_LINE_MODEL": "{stem}.crfsuite",
                   "CVPARSE_FIELD_MODEL": "{stem}.fields.crfsuite"}  # fmt: skip


def _corpus_dirs(name: str) -> tuple[Path, Path]:
    base = CORPORA[name]
    return base / "gold", (base / "docs" if (base / "docs").is_dir() else base)


def score_corpus(name: str, run: str, env: dict[str, str] | None = None) -> list[dict]:
    """cvscore.py's JSON rows for one corpus, the parser run as ``run`` (with ``{file}``)."""
    return score_dirs(*_corpus_dirs(name), run, env)


def score_dirs(gold: Path, docs: Path, run: str, env: dict[str, str] | None = None) -> list[dict]:
    """cvscore.py's JSON rows for the documents in ``docs`` that have gold in ``gold``."""
    command = [sys.executable, str(SHARED / "tools" / "cvscore.py"), "--json"]
    command += ["--gold", str(gold), "--docs", str(docs), "--run", run]
    out = subprocess.run(
        command, capture_output=True, text=True, check=True, env={**os.environ, **(env or {})}
    ).stdout
    return json.loads(out.split("\nmean overall")[0])


def pooled(rows: list[dict]) -> str:
    """parse_report.py's one-line summary of some rows."""
    report = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "parse_report.py"), "pooled"],
        input=json.dumps(rows), capture_output=True, text=True,
    )  # fmt: skip
    return report.stdout.strip().removeprefix("pooled: ")


def _entries_f1(row: dict, sections: tuple[str, ...] = LISTS) -> float:
    gold = sum((row.get(s) or {}).get("gold", 0) for s in sections)
    pred = sum((row.get(s) or {}).get("pred", 0) for s in sections)
    matched = sum((row.get(s) or {}).get("matched", 0) for s in sections)
    return 2 * matched / (gold + pred) if gold + pred else 1.0


def print_rows(title: str, runs: dict[str, dict[str, list[dict]]]) -> None:
    """A row per document for each run side by side, then each run's pooled figures."""
    names = list(runs)
    print(f"\n## {title}")
    header = f"{'document':26}" + "".join(f" | {n[:24]:>24}" for n in names)
    print(header + "\n" + f"{'':26}" + f" | {'overall entries pubs':>24}" * len(names))
    for corpus in CORPORA:
        for index, row in enumerate(runs[names[0]][corpus]):
            cells = ""
            for name in names:
                other = runs[name][corpus][index]
                if other.get("error"):
                    cells += f" | {'crashed':>24}"
                    continue
                cells += (
                    f" | {other['overall']:8.3f} {_entries_f1(other):7.3f} "
                    f"{_entries_f1(other, ('publications',)):7.3f}"
                )
            print(f"{row['doc'][:26]:26}{cells}")
    for name in names:
        print(f"\n{name}:")
        for corpus, rows in runs[name].items():
            print(f"  {corpus:7} {pooled(rows)}")
        print(f"  all 22  {pooled([r for rows in runs[name].values() for r in rows])}")


def print_held_out(run: str) -> None:
    """Pooled figures for each set of real CVs in ``../shared/heldout/*`` (docs/ and gold/):
    CVs gathered after the rules were written, kept out of training. A "test" set is one
    nobody looks into while changing the parser; its figure is the honest one."""
    for directory in sorted(p for p in (SHARED / "heldout").glob("*") if (p / "gold").is_dir()):
        rows = score_dirs(directory / "gold", directory / "docs", run)
        print(f"\n## Held out: {directory.name} ({len(rows)} CVs)\n  {pooled(rows)}")


def parse_with_model_of(directory: str, file: str) -> int:
    """Parse ``file`` with the models trained without it (``--model-dir``: the --run hook)."""
    for variable, name in TRAINED_ON_REAL.items():
        os.environ[variable] = str(Path(directory) / name.format(stem=Path(file).stem))
    from cvparse.__main__ import main as parse_main

    return parse_main([file])


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--no-loo", action="store_true", help="skip leave-one-out training")
    arguments.add_argument("--model-dir", help=argparse.SUPPRESS)
    arguments.add_argument("file", nargs="?", help=argparse.SUPPRESS)
    args = arguments.parse_args()
    if args.model_dir:
        return parse_with_model_of(args.model_dir, args.file)
    if not SHARED.is_dir():
        print(f"eval: {SHARED} is missing; it holds the real CVs and the scorer", file=sys.stderr)
        return 1

    python = shlex.quote(sys.executable)
    plain = f"cd {shlex.quote(str(ROOT))} && {python} -m cvparse {{file}}"
    shipped = {corpus: score_corpus(corpus, plain) for corpus in CORPORA}
    print_held_out(plain)
    if importlib.util.find_spec("cvparse.train") is None or args.no_loo:
        print_rows("The parser as shipped", {"shipped": shipped})
        return 0

    rules = {corpus: score_corpus(corpus, plain, dict.fromkeys(LEARNED.values(), "off"))
             for corpus in CORPORA}  # fmt: skip
    from benchmarks.eval_fields import collect, loo_field_models, report
    from benchmarks.eval_lines import label_report, loo_models
    from cvparse.data import real_documents

    with tempfile.TemporaryDirectory() as tmp:
        real = real_documents()
        models = loo_models(out_dir=Path(tmp), real=real)
        field_models = loo_field_models(Path(tmp))
        for stem, path in field_models.items():
            name = TRAINED_ON_REAL["CVPARSE_FIELD_MODEL"].format(stem=stem)
            (Path(tmp) / name).symlink_to(path)
        hook = f"{python} {shlex.quote(__file__)} --model-dir {shlex.quote(tmp)} {{file}}"
        loo = {corpus: score_corpus(corpus, hook) for corpus in CORPORA}
        print("\n## The line labeller's labels, leave-one-out, against the aligned gold")
        label_report(models, real)
        report(collect(field_models))
    print_rows(
        "Rules alone, rules with each model trained without the document (leave-one-out), "
        "and the shipped model (trained on every document: not a measure of generalisation)",
        {"rules alone": rules, "rules + model, leave-one-out": loo, "shipped model": shipped},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
