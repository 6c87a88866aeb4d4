"""``python -m cvparse FILE [--pretty]``: print the CV JSON of one file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import CVParseError, parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cvparse", description=__doc__)
    parser.add_argument("file")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON")
    args = parser.parse_args(argv)
    path = Path(args.file)
    if not path.is_file():
        print(f"No such file: {args.file}", file=sys.stderr)
        return 2
    try:
        result = parse(path)
    except CVParseError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2 if args.pretty else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
