"""`make test` on a machine that lacks something: it says what, at once, and how to fix it."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cvparse.shared import MISSING

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534


def as_a_user(command: list[str]) -> list[str]:
    """``command`` run by an ordinary user: as root, make would install what is missing."""
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.fail("setpriv (Debian's util-linux) is needed to run make as a user")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]


def test_make_test_without_chromium_stops_at_once_with_the_command_to_run(tmp_path):
    missing = tmp_path / "no-chromium"
    started = time.monotonic()
    result = subprocess.run(
        as_a_user(["make", "--no-print-directory", "test", f"CHROMIUM={missing}"]),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert time.monotonic() - started < 10  # nothing installed first
    assert (
        "run: sudo apt-get install -y chromium fonts-liberation redis-server"
        " texlive-binaries texlive-base" in result.stderr
    )
    assert "pip" not in result.stdout + result.stderr


def test_make_test_deps_passes_where_everything_is_installed():
    result = subprocess.run(
        as_a_user(["make", "--no-print-directory", "test-deps"]),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout + result.stderr == ""


def test_tests_of_the_real_cvs_fail_saying_why_without_the_shared_folder(tmp_path):
    """A clear failure for each (never a silent skip); the other tests still run."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-q",
            "-rfE",
            "tests/cvparse/test_parse.py",
            "tests/cvparse/test_readers.py::test_devset_moderncv_margin_labels_and_links",
            "tests/cvparse/test_readers.py::test_text_encodings_and_newlines",
        ],
        cwd=ROOT,
        env={**os.environ, "SHARED_DIR": str(tmp_path / "shared")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout
    assert result.returncode == 1, output
    assert MISSING.replace(str(ROOT.parent / "shared"), str(tmp_path / "shared")) in output
    assert "skipped" not in output
    assert " passed" in output  # the encodings test does not need the folder
    summary = output.strip().splitlines()[-1]
    assert "error" in summary and "passed" in summary
