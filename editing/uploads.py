"""The upload form: what a CV file may be, checked by its content before it is stored."""

import hashlib
import io
import secrets
import zipfile
from pathlib import PurePath

import pypdfium2
from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from cvparse.errors import CVParseError
from cvparse.readers import read as cvparse_read
from cvparse.readers.plaintext import decode_text
from profiles.models import CVDocument

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A request body may be a little larger than its file (form fields, multipart headers).
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024
SUPPORTED = (
    "PDF, Word (DOCX), Markdown, plain text, HTML or BibTeX CV, or a bibliography (BibTeX,"
    " CSL-JSON, RIS, ORCID works JSON, a zip of an academicpages _publications folder)"
)
Format = CVDocument.Format
EXTENSIONS = {
    ".pdf": Format.PDF,
    ".docx": Format.DOCX,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".bib": Format.BIBTEX,
    ".json": Format.CSL_JSON,  # or ORCID works: the content tells
    ".ris": Format.RIS,
    ".zip": Format.ACADEMICPAGES,
}
BIBLIOGRAPHIES = {Format.BIBTEX, Format.CSL_JSON, Format.RIS, Format.ORCID, Format.ACADEMICPAGES}
TEXT_FORMATS = {Format.MARKDOWN, Format.TEXT, Format.HTML} | BIBLIOGRAPHIES - {Format.ACADEMICPAGES}


def sniff_format(data: bytes, filename: str) -> str:
    """The CVDocument format of ``data``, judged by its bytes; ValidationError if unusable."""
    extension = PurePath(filename).suffix.lower()
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        raise forms.ValidationError(
            f"“{extension or filename}” files are not supported. Upload a {SUPPORTED} file.",
            code="unsupported",
        )
    if not data.strip():
        raise forms.ValidationError("The file is empty.", code="empty")
    if data.startswith(b"%PDF-"):
        actual = Format.PDF
    elif data.startswith(b"PK\x03\x04"):
        actual = Format.ACADEMICPAGES if claimed == Format.ACADEMICPAGES else Format.DOCX
    elif decode_text(data) is None:  # the parser's own test: any encoding, UTF-16 too
        raise forms.ValidationError(
            f"This is not a document we can read. Upload a {SUPPORTED} file.", code="binary"
        )
    else:
        actual = claimed if claimed in TEXT_FORMATS else Format.TEXT
    if actual != claimed and not (actual in TEXT_FORMATS and claimed in TEXT_FORMATS):
        raise forms.ValidationError(
            f"The file is named “{filename}” but its content is "
            f"{Format(actual).label}, not {Format(claimed).label}.",
            code="mismatch",
        )
    if actual == Format.PDF:
        _check_pdf(data)
    elif actual == Format.DOCX:
        _check_docx(data)
    elif actual in BIBLIOGRAPHIES:
        actual = _check_bibliography(data, filename)
    return actual


def _check_bibliography(data: bytes, filename: str) -> str:
    """Read a bibliography whole now, so that a malformed one is said on the form; its
    format as read (a .json file is CSL-JSON or ORCID works)."""
    try:
        document = cvparse_read(data, filename)
    except CVParseError as error:
        raise forms.ValidationError(str(error), code="malformed") from None
    if document.publications is None:
        raise forms.ValidationError(
            f"“{filename}” is not a bibliography we can read. Upload a {SUPPORTED} file.",
            code="unsupported",
        )
    return document.format


def _check_pdf(data: bytes) -> None:
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise forms.ValidationError(
            "This PDF is damaged or encrypted and cannot be read. Export it again and retry.",
            code="corrupt",
        ) from None
    try:
        if len(document) == 0:
            raise forms.ValidationError("This PDF has no pages.", code="empty")
    finally:
        document.close()


def _check_docx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        names = set()
    if "word/document.xml" not in names:
        raise forms.ValidationError(
            "This is not a Word (DOCX) document, or it is damaged.", code="corrupt"
        )


class TooLargeUpload(UploadedFile):
    """Stands in for a file we stopped receiving, so that the form says it is too large."""

    def __init__(self, name: str, size: int):
        super().__init__(io.BytesIO(), name=name, size=size)


class SizeLimitUploadHandler(FileUploadHandler):
    """Stop reading an upload as soon as the request or a file is over the limit.

    Runs first, before Django's handlers store anything in memory or on disk. A body
    announced as too large stops at its first file; a file that turns out too large stops
    when it passes the limit. The rest of a modestly oversized body is read and dropped,
    so that the browser gets the form back; a far larger one is not read at all.
    """

    def __init__(self, request: HttpRequest | None = None):
        super().__init__(request)
        self.body_length = 0
        self.too_large: TooLargeUpload | None = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.body_length = content_length or 0

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        if self.body_length > MAX_BODY_BYTES:
            self._stop(self.body_length)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > MAX_UPLOAD_BYTES:
            self._stop(max(start + len(raw_data), self.body_length))
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler makes the file

    def _stop(self, size: int) -> None:
        self.too_large = TooLargeUpload(self.file_name or "", size)
        raise StopUpload(connection_reset=self.body_length > 2 * MAX_BODY_BYTES)


class UploadSizeLimitMiddleware:
    """Put SizeLimitUploadHandler first for every multipart POST, before CSRF reads it.

    Middleware runs before any view (or CsrfViewMiddleware.process_view) touches
    request.POST, which is when the handlers must be in place.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type == "multipart/form-data":
            handler = SizeLimitUploadHandler(request)
            request.upload_handlers.insert(0, handler)
            request.POST  # noqa: B018 -- parse now, with the handler, to add the stand-in
            if handler.too_large is not None:
                request.FILES.appendlist(handler.field_name, handler.too_large)
        return self.get_response(request)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CV file",
        help_text=f"{SUPPORTED}; at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(EXTENSIONS)},
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the limit is "
                f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB.",
                code="too_large",
            )
        data = upload.read()
        self.cleaned_data["data"] = data
        self.cleaned_data["format"] = sniff_format(data, upload.name or "")
        return upload

    def save(self, *, user) -> CVDocument:
        """Store the file under a random name in the private storage, then its row, and
        parse it. A failure before the row is committed leaves no file behind."""
        from .tasks import parse_document

        upload, data = self.cleaned_data["file"], self.cleaned_data["data"]
        extension = PurePath(upload.name).suffix.lower()
        document = CVDocument(
            uploaded_by=user,
            person=getattr(user, "person", None),
            original_filename=PurePath(upload.name).name[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            format=self.cleaned_data["format"],
        )
        document.file.save(f"{secrets.token_hex(16)}{extension}", ContentFile(data), save=False)
        try:
            # Durable: the commit happens here, so a failed commit is caught here too.
            with transaction.atomic(durable=True):
                document.save()
        except BaseException:
            document.file.delete(save=False)
            raise
        parse_document.enqueue(document.pk)
        return document
