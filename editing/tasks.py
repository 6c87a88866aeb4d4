"""Background work: parsing an uploaded CV (django-tasks; `manage.py worker` runs it).

No upload can stall the worker: the parse runs in a child process within
CV_PARSE_SECONDS and CV_PARSE_MEMORY_MB (cvparse.limits), and a file that passes a
limit fails with a message saying so. A document a killed worker left "parsing" is
noticed when its heartbeat stops: it is parsed again, or failed after MAX_ATTEMPTS
claims. On SIGTERM (or SIGINT) the parse stops at once, its
document goes back in the queue, and the worker exits after the task.
"""

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

import cvparse
from cvparse.limits import Interrupted, parse_within
from profiles.models import CVDocument

logger = logging.getLogger(__name__)
Status = CVDocument.Status
MAX_ATTEMPTS = 2
# A parsing document's updated_at moves this often; one still for three beats is stuck.
HEARTBEAT = timedelta(seconds=10)
STUCK_AFTER = 3 * HEARTBEAT
INTERRUPTED = (
    "Reading this file was interrupted twice (the server restarted). Upload it again, or"
    " save it in another format first."
)
FILE_GONE = "The stored file cannot be read any more. Upload it again."


@task()
def parse_document(document_id: int) -> str:
    """Parse a stored CV into CV JSON for review. Returns the document's new status."""
    recover_stuck()
    with transaction.atomic():
        document = CVDocument.objects.select_for_update().get(pk=document_id)
        if document.status != Status.UPLOADED:
            return document.status  # parsed already, or discarded meanwhile
        document.status = Status.PARSING
        document.parse_attempts += 1
        document.save(update_fields=["status", "parse_attempts", "updated_at"])
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
    except OSError:  # nothing to parse, now or later
        logger.exception("CV document %s: the stored file cannot be read", document.pk)
        return _finish(document, status=Status.FAILED, error=FILE_GONE)
    try:
        with _stop_on_signal() as stop:
            result = parse_within(
                data,
                document.original_filename,
                seconds=settings.CV_PARSE_SECONDS,
                memory_mb=settings.CV_PARSE_MEMORY_MB,
                stop=stop,
                alive=lambda: _still_parsing(document),
                alive_every=HEARTBEAT.total_seconds(),
            )
    except Interrupted:
        return _requeue(document)
    except cvparse.CVParseError as error:
        return _finish(document, status=Status.FAILED, error=str(error))
    return _finish(
        document,
        status=Status.PARSED,
        error="",
        cv_json=result.cv,
        text=result.text,  # the review shows each entry beside its lines (x_lines)
        unparsed=result.cv.get("unparsed", []),
        parser_version=cvparse.PARSER_VERSION,
    )


def _finish(document: CVDocument, **values) -> str:
    """Write the parse's outcome, unless the document left "parsing" meanwhile (its
    owner discarded it); the document's status either way."""
    parsing = CVDocument.objects.filter(pk=document.pk, status=Status.PARSING)
    if parsing.update(**values, updated_at=timezone.now()):
        return values["status"]
    return CVDocument.objects.values_list("status", flat=True).get(pk=document.pk)


def _still_parsing(document: CVDocument) -> None:
    CVDocument.objects.filter(pk=document.pk, status=Status.PARSING).update(
        updated_at=timezone.now()
    )


def _requeue(document: CVDocument) -> str:
    """Back in the queue as it was before this claim: the worker is stopping, the file
    did nothing wrong."""
    with transaction.atomic():
        parsing = CVDocument.objects.filter(pk=document.pk, status=Status.PARSING)
        if parsing.update(
            status=Status.UPLOADED,
            parse_attempts=F("parse_attempts") - 1,
            updated_at=timezone.now(),
        ):
            transaction.on_commit(lambda: parse_document.enqueue(document.pk))
    logger.info("Parsing CV document %s stopped for a shutdown; queued again", document.pk)
    return Status.UPLOADED


def recover_stuck() -> int:
    """Documents left "parsing" by a worker that was killed or restarted: queued to be
    parsed again, or failed once they were claimed MAX_ATTEMPTS times. How many."""
    now = timezone.now()
    stuck = CVDocument.objects.filter(status=Status.PARSING, updated_at__lt=now - STUCK_AFTER)
    with transaction.atomic():
        failed = stuck.filter(parse_attempts__gte=MAX_ATTEMPTS).update(
            status=Status.FAILED, error=INTERRUPTED, updated_at=now
        )
        again = list(stuck.select_for_update(skip_locked=True).values_list("pk", flat=True))
        CVDocument.objects.filter(pk__in=again).update(status=Status.UPLOADED, updated_at=now)
        for pk in again:
            transaction.on_commit(lambda pk=pk: parse_document.enqueue(pk))
    if failed or again:
        logger.warning("Stuck parsing: %d queued again, %d failed", len(again), failed)
    return failed + len(again)


@contextmanager
def _stop_on_signal() -> Iterator[threading.Event]:
    """An event set by SIGTERM or SIGINT while the block runs. The handlers there before
    (db_worker's: finish this task, then exit) still run."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signals reach the main thread only
        return
    previous = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}

    def handler(number: int, frame) -> None:
        stop.set()
        if callable(previous[number]):
            previous[number](number, frame)

    for number in previous:
        signal.signal(number, handler)
    try:
        yield stop
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
