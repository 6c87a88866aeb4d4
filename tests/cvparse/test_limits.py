"""cvparse.limits: the parser in a child process, within a time limit and a memory cap."""

import multiprocessing
import os
import signal
import threading
import time

import pytest

import cvparse
from cvparse import CVParseError
from cvparse.limits import Interrupted, parse_within

SMALL = b"# Jane Doe\n\n## Education\n\n2019 PhD, MIT\n"
LINE = b"A. Author, B. Author, C. Author. A title about systems and more. In Proc. of X, 2020.\n"
# About 0.85 MB of publications: several seconds and some 50 MB to parse.
LARGE = b"# Jane Doe\n\n## Publications\n\n" + LINE * 8000
ROOMY = {"seconds": 60, "memory_mb": 1024}


def children() -> list:
    return [child for child in multiprocessing.active_children() if child.name != "forkserver"]


def test_a_cv_parses_as_it_does_in_process():
    assert parse_within(SMALL, "cv.md", **ROOMY) == cvparse.parse_file(SMALL, "cv.md")


def test_the_parsers_own_error_comes_through():
    with pytest.raises(CVParseError, match="contains no text"):
        parse_within(b"<html><body><p> </p></body></html>", "cv.html", **ROOMY)


def test_a_parse_over_the_time_limit_stops_then_with_a_clear_message():
    started = time.monotonic()
    with pytest.raises(CVParseError, match="took longer than 0.5 seconds, so we stopped"):
        parse_within(LARGE, "cv.md", seconds=0.5, memory_mb=1024)
    assert time.monotonic() - started < 3
    assert children() == []  # the child was killed, not left running
    assert parse_within(SMALL, "cv.md", **ROOMY).cv["person"]["name"] == "Jane Doe"  # the next


def test_a_parse_over_the_memory_cap_fails_with_a_clear_message():
    with pytest.raises(CVParseError, match="needed more memory than we allow"):
        parse_within(LARGE, "cv.md", seconds=60, memory_mb=40)
    assert parse_within(SMALL, "cv.md", **ROOMY).cv["person"]["name"] == "Jane Doe"


def test_stop_kills_the_parse_at_once():
    stop = threading.Event()
    threading.Timer(0.5, stop.set).start()
    started = time.monotonic()
    with pytest.raises(Interrupted):
        parse_within(LARGE, "cv.md", stop=stop, **ROOMY)
    assert time.monotonic() - started < 2
    assert children() == []


def test_a_child_killed_from_outside_is_a_failure_said_plainly():
    def kill_the_child() -> None:
        while not children():
            time.sleep(0.05)
        os.kill(children()[0].pid, signal.SIGKILL)

    threading.Thread(target=kill_the_child).start()
    with pytest.raises(CVParseError, match="Something went wrong reading this file"):
        parse_within(LARGE, "cv.md", **ROOMY)


def test_alive_beats_while_the_parse_runs():
    beats = []
    parse_within(LARGE, "cv.md", alive=lambda: beats.append(1), alive_every=0.2, **ROOMY)
    assert len(beats) >= 3
