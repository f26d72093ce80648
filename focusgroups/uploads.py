"""Checks of the files attached to a focus group: PDF, JPEG or PNG up to 10 MB, 20 per session.
The type is read from the file's first bytes, not trusted from its name or the browser."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from circuito.files import file_kind, megabytes

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_SESSION = 20
TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class CheckedFile:
    file: UploadedFile
    content_type: str
    name: str
    size: int


def check_attachment(file: UploadedFile | None, *, already: int = 0) -> CheckedFile:
    if file is None:
        raise ValidationError({"file": _("Choose a file to attach.")})
    name = (file.name or "file").rsplit("/", 1)[-1]
    if already >= MAX_FILES_PER_SESSION:
        raise ValidationError(
            {"file": _("A focus group holds at most %(max)d files: remove one first.") % {"max": MAX_FILES_PER_SESSION}}
        )
    if file.size > MAX_BYTES:
        raise ValidationError(
            {
                "file": _(
                    "%(name)s weighs %(size)s MB: the limit is 10 MB. "
                    "Reduce it (scan at a lower resolution) and try again."
                )
                % {"name": name, "size": megabytes(file.size)}
            }
        )
    kind = file_kind(file)
    if kind not in TYPES:
        raise ValidationError(
            {"file": _("%(name)s is not a PDF, JPEG or PNG file: save it in one of these formats.") % {"name": name}}
        )
    return CheckedFile(file, TYPES[kind], name, file.size)
