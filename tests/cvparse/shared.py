"""The team's shared folder as the tests read it: seeds, devset, schema, scorer.

The real CVs stay in ../shared (they carry people's details) and are never copied into
the project; CI has that folder. Without it, the tests marked ``shared`` fail, each with
MISSING (tests/conftest.py), and the rest run; SHARED_DIR points elsewhere.
"""

import importlib.util
import json
import os
from pathlib import Path

SHARED = Path(os.environ.get("SHARED_DIR") or Path(__file__).resolve().parents[3] / "shared")
SEEDS = SHARED / "seeds"
DEVSET = SHARED / "devset"
MISSING = (
    f"The team's shared folder {SHARED} is missing: this test reads the real CVs, the "
    "CV JSON schema or the scorer kept there, never in the project. Put that folder beside "
    "the project (or set SHARED_DIR to it); see README, Tests."
)


def shared_files(folder: Path, pattern: str) -> list[Path]:
    """``folder``'s files for a parametrize; without the shared folder one stand-in, so the
    test is still collected and fails saying why (no files at all would skip it silently)."""
    if not SHARED.is_dir():
        return [folder / "missing"]
    return sorted(path for path in folder.glob(pattern) if path.is_file())


def _load_cvscore():
    spec = importlib.util.spec_from_file_location("cvscore", SHARED / "tools" / "cvscore.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Loaded only when present: a test using them is marked ``shared`` and fails before.
SCHEMA = json.loads((SHARED / "cv-json.schema.json").read_text()) if SHARED.is_dir() else {}
cvscore = _load_cvscore() if SHARED.is_dir() else None
