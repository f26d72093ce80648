"""Checks of files attached as evidence or supporting documents: PDF, images and office files
(ZIP-based: DOCX, XLSX, PPTX, ODT…) up to 10 MB. The type is read from the file's first bytes,
not trusted from its name or from what the browser says."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _

from circuito.files import file_kind, megabytes, serve_private

MAX_BYTES = 10 * 1024 * 1024
OFFICE_EXTENSIONS = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}


def check_document(file: UploadedFile) -> str:
    """The file's clean name, or ValidationError saying what to attach instead."""
    name = (file.name or "document").rsplit("/", 1)[-1]
    if file.size > MAX_BYTES:
        raise ValidationError(
            _("The file %(name)s weighs %(size)s MB: the limit is 10 MB. Reduce its size and attach it again.")
            % {"name": name, "size": megabytes(file.size)}
        )
    kind = file_kind(file)
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
    return serve_private(field_file, name)
