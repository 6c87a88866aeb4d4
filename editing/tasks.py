"""Background work: parsing an uploaded CV (django-tasks; `manage.py db_worker` runs it)."""

import logging

from django.db import transaction
from django_tasks import task

import cvparse
from profiles.models import CVDocument

logger = logging.getLogger(__name__)


@task()
def parse_document(document_id: int) -> str:
    """Parse a stored CV into CV JSON for review. Returns the document's new status."""
    with transaction.atomic():
        document = CVDocument.objects.select_for_update().get(pk=document_id)
        if document.status != CVDocument.Status.UPLOADED:
            return document.status  # parsed already, or discarded meanwhile
        document.status = CVDocument.Status.PARSING
        document.save(update_fields=["status", "updated_at"])
    with document.file.open("rb") as handle:
        data = handle.read()
    try:
        result = cvparse.parse(data, document.original_filename)
    except cvparse.CVParseError as error:
        return _fail(document, str(error))
    except Exception:  # a parser bug must not leave the document "parsing" for ever
        logger.exception("Parsing CV document %s failed", document.pk)
        return _fail(document, "Something went wrong reading this file. Try another format.")
    document.cv_json = result
    document.unparsed = result.get("unparsed", [])
    document.parser_version = str(getattr(cvparse, "__version__", ""))[:20]
    document.status, document.error = CVDocument.Status.PARSED, ""
    document.save()
    return document.status


def _fail(document: CVDocument, message: str) -> str:
    document.status, document.error = CVDocument.Status.FAILED, message
    document.save(update_fields=["status", "error", "updated_at"])
    return document.status
