"""The team's shared folder as the parser tests read it: seeds, devset, schema, scorer.

The real CVs stay in ../shared (they carry people's details); CI has that folder.
"""

import importlib.util
import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "seeds"
DEVSET = SHARED / "devset"
SCHEMA = json.loads((SHARED / "cv-json.schema.json").read_text())


def _load_cvscore():
    spec = importlib.util.spec_from_file_location("cvscore", SHARED / "tools" / "cvscore.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cvscore = _load_cvscore()
