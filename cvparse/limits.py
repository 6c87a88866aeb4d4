"""Parsing with limits: ``parse`` in a child process with a time limit and a memory cap.

A file the parser chokes on (a loop, a huge table, a page that explodes in memory) then
costs at most ``seconds`` and ``memory_mb``, and fails with a CVParseError that says so;
the caller goes on with its next file. Children are forked from a server process that
has cvparse loaded already, so a parse does not pay for the imports.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from threading import Event

from . import ParsedCV
from .errors import CVParseError

logger = logging.getLogger(__name__)
_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["cvparse"])
_POLL = 0.1  # seconds between looks at the clock and at ``stop``


class Interrupted(Exception):
    """The caller asked the parse to stop (``stop`` was set); the file is not at fault."""


def parse_within(
    data: bytes,
    filename: str,
    *,
    seconds: float,
    memory_mb: int,
    stop: Event | None = None,
    alive: Callable[[], None] | None = None,
    alive_every: float = 10.0,
) -> ParsedCV:
    """The CV JSON of ``data`` and the text it was read as, parsed in a child process
    given ``seconds`` of time and ``memory_mb`` of address space; ``alive()`` is called
    every ``alive_every`` seconds meanwhile (a heartbeat).

    Raises CVParseError when the parser fails or passes a limit, and Interrupted when
    ``stop`` is set meanwhile (the child is killed at once either way).
    """
    receive, send = _context.Pipe(duplex=False)
    child = _context.Process(
        target=_parse_in_child, args=(send, data, filename, seconds, memory_mb), daemon=True
    )
    child.start()
    send.close()  # the child holds the other end; EOF here means it died
    deadline = time.monotonic() + seconds
    beat = time.monotonic()
    try:
        while not receive.poll(_POLL):
            if stop is not None and stop.is_set():
                raise Interrupted
            now = time.monotonic()
            if now > deadline:
                raise CVParseError(_too_slow(seconds))
            if alive is not None and now - beat >= alive_every:
                alive()
                beat = now
        try:
            outcome, value = receive.recv()
        except EOFError:  # died without a word: killed for CPU time, memory or a crash
            child.join()
            if child.exitcode == -signal.SIGXCPU:
                raise CVParseError(_too_slow(seconds)) from None
            # A parser bug's traceback went to the worker's log, on the child's stderr.
            logger.warning("Parsing %s: the child died (exit code %s)", filename, child.exitcode)
            raise CVParseError(_DIED) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    if outcome == "error":
        raise CVParseError(value)
    return value


def _too_slow(seconds: float) -> str:
    return (
        f"Reading this file took longer than {seconds:g} second{'' if seconds == 1 else 's'},"
        " so we stopped. Save it again in another format (PDF, Word or plain text) and"
        " upload that."
    )


_TOO_BIG = (
    "Reading this file needed more memory than we allow, so we stopped. Upload a smaller"
    " file, or save it again in another format."
)
_DIED = (
    "Something went wrong reading this file, so we stopped. Save it again in another"
    " format (PDF, Word or plain text) and upload that."
)


def _parse_in_child(
    send: Connection, data: bytes, filename: str, seconds: float, memory_mb: int
) -> None:
    from . import parse_file
    from .labeller import load_models

    # The parent decides when to stop: a signal to the worker's process group must not
    # kill the parse before the worker has put its document back.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    load_models()
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(seconds) + 1  # the parent's clock stops it first; this stops a runaway child
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        outcome = ("parsed", parse_file(data, filename))
    except CVParseError as error:
        outcome = ("error", _TOO_BIG if _out_of_memory(error) else str(error))
    except MemoryError:
        outcome = ("error", _TOO_BIG)
    try:
        send.send(outcome)
    except MemoryError:
        send.send(("error", _TOO_BIG))


def _out_of_memory(error: BaseException | None) -> bool:
    while error is not None:
        if isinstance(error, MemoryError):
            return True
        error = error.__cause__ or error.__context__
    return False
