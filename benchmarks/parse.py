"""Time cvparse.parse on the seed CVs and on a generated ~30-page PDF CV.

Run from the repository root: python benchmarks/parse.py [--repeat N]
The target: a seed-sized Markdown CV parses well under 50 ms.
Both wall time and this process's CPU time are printed: on a busy machine (other
processes on the same cores) wall time grows while CPU time stays put, so the
verdict is on CPU time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvparse import parse  # noqa: E402
from tests.cvparse.pdfwriter import Page, make_pdf  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
TARGET_MS = 50.0


def long_pdf_cv(pages: int = 30) -> bytes:
    """A fictional CV: a header, then sections of dated entries and publications."""
    out: list[Page] = []
    for number in range(pages):
        page = Page()
        y = 60.0
        if number == 0:
            page.text(200, y, "Morgan Example", bold=True, size=20)
            page.text(160, y + 22, "Professor of Imaginary Science, University of Nowhere")
            y += 60
        page.text(50, y, f"Publications {2024 - number}", bold=True, size=13)
        y += 22
        while y < 760:
            year = 2024 - number
            end = page.text(50, y, "Example, M.,", bold=True)
            page.text(end + 3, y, f"Coauthor, A., Other, B. ({year}). A study of item {int(y)}.")
            page.text(60, y + 13, f"Journal of Examples {number + 1}({int(y) % 12 + 1}), 1–20.")
            page.right(545, y, str(year))
            y += 32
        page.text(290, 815, str(number + 1), size=8)
        out.append(page)
    return make_pdf(out)


def time_parse(data: bytes, filename: str, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time of one parse, in milliseconds."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        parse(data, filename)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("--repeat", type=int, default=5)
    repeat = arguments.parse_args().repeat

    parse(b"# Warm-up\n\n## Education\n\n2019 PhD, Somewhere", "warm.md")
    print(f"{'document':34} {'kB':>6} {'wall ms':>9} {'CPU ms':>9}")
    seed_times = []
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        wall, cpu = time_parse(data, path.name, repeat)
        seed_times.append(cpu)
        print(f"{path.name:34} {len(data) / 1024:6.1f} {wall:9.1f} {cpu:9.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        pdf_path = Path(tmp) / "long-cv.pdf"
        pdf_path.write_bytes(long_pdf_cv())
        data = pdf_path.read_bytes()
        wall, cpu = time_parse(data, pdf_path.name, max(1, repeat // 3))
        print(f"{'generated 30-page PDF':34} {len(data) / 1024:6.1f} {wall:9.1f} {cpu:9.1f}")

    worst = max(seed_times) if seed_times else float("nan")
    verdict = "OK" if worst < TARGET_MS else "TOO SLOW"
    print(
        f"seed-sized Markdown, CPU time: median {statistics.median(seed_times):.1f} ms, "
        f"worst {worst:.1f} ms; target well under {TARGET_MS:.0f} ms: {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
