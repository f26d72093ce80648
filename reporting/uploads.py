"""Checks of files attached as evidence or supporting documents: PDF, images and office files
(ZIP-based: DOCX, XLSX, PPTX, ODT…) up to 10 MB. The type is read from the file's first bytes,
not trusted from its name or from what the browser says."""

import mimetypes

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
OFFICE_EXTENSIONS = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}


def sniff(head: bytes) -> str:
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return ""


def check_document(file: UploadedFile) -> str:
    """The file's clean name, or ValidationError saying what to attach instead."""
    name = (file.name or "document").rsplit("/", 1)[-1]
    if file.size > MAX_BYTES:
        raise ValidationError(
            _("The file %(name)s weighs %(size)s MB: the limit is 10 MB. Reduce its size and attach it again.")
            % {"name": name, "size": f"{file.size / (1024 * 1024):.1f}"}
        )
    file.seek(0)
    kind = sniff(file.read(16))
    file.seek(0)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind in ("pdf", "jpeg", "png") or (kind == "zip" and extension in OFFICE_EXTENSIONS):
        return name
    raise ValidationError(
        _(
            "The file %(name)s is not a PDF, a JPEG or PNG image or an office document (DOCX, XLSX, ODT…): "
            "save it in one of these formats and attach it again."
        )
        % {"name": name}
    )


def serve(field_file, name: str) -> FileResponse:
    """Stream a private file as an attachment (the caller has checked permissions)."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
