"""Checks of the files attached to a flow: photos (JPEG, PNG, WebP up to 5 MB) and documents
(PDF up to 10 MB). The type is read from the file's first bytes, not trusted from its name or
from what the browser says, and photos are opened with Pillow when it is installed."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from circuito.files import file_kind, megabytes

PHOTO_MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_FLOW = 10

PHOTO_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
DOCUMENT_TYPES = {"pdf": "application/pdf"}


@dataclass(frozen=True)
class CheckedFile:
    file: UploadedFile
    kind: str  # "photo" or "document"
    content_type: str
    name: str
    size: int


def kind_name(kind: str) -> str:
    names = {
        "jpeg": _("a JPEG image"),
        "png": _("a PNG image"),
        "webp": _("a WebP image"),
        "pdf": _("a PDF document"),
        "gif": _("a GIF image"),
        "zip": _("an archive or office document (ZIP, DOCX, XLSX…)"),
        "executable": _("a program"),
        "heic": _("an HEIC photo"),
        "video": _("a video"),
    }
    return names.get(kind, _("a file of unknown type"))


def check_photo(file: UploadedFile) -> CheckedFile:
    name = file.name or "photo"
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo %(name)s weighs %(size)s MB: the limit is 5 MB. Reduce its size and attach it again.")
            % {"name": name, "size": megabytes(file.size)}
        )
    kind = file_kind(file)
    if kind not in PHOTO_TYPES:
        raise ValidationError(
            _("The file %(name)s is %(kind)s, not a photo: attach a JPEG, PNG or WebP image.")
            % {"name": name, "kind": kind_name(kind)}
        )
    _verify_image(file, name)
    return CheckedFile(file, "photo", PHOTO_TYPES[kind], name, file.size)


def _verify_image(file: UploadedFile, name: str) -> None:
    """Open the image with Pillow when the portal has it, to refuse truncated or forged files."""
    try:
        from PIL import Image
    except ImportError:  # Pillow is optional: the magic bytes were checked already
        return
    try:
        with Image.open(file) as image:
            image.verify()
    except Exception as exc:  # Pillow raises many kinds of errors on a broken image
        raise ValidationError(
            _("The photo %(name)s is damaged or not a real image: export it again as JPEG or PNG.") % {"name": name}
        ) from exc
    finally:
        file.seek(0)


def check_document(file: UploadedFile) -> CheckedFile:
    name = file.name or "document"
    if file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The document %(name)s weighs %(size)s MB: the limit is 10 MB. Reduce its size and attach it again.")
            % {"name": name, "size": megabytes(file.size)}
        )
    kind = file_kind(file)
    if kind != "pdf":
        raise ValidationError(
            _("The file %(name)s is %(kind)s, not a PDF: save it as PDF and attach it again.")
            % {"name": name, "kind": kind_name(kind)}
        )
    return CheckedFile(file, "document", DOCUMENT_TYPES["pdf"], name, file.size)


def check_uploads(photos: list[UploadedFile], documents: list[UploadedFile], *, already: int = 0) -> dict:
    """{"photos": [CheckedFile], "documents": [CheckedFile]}, or ValidationError with one message
    per refused file under the field it came from."""
    errors: dict[str, list[str]] = {}
    checked: dict[str, list[CheckedFile]] = {"photos": [], "documents": []}
    for field, files, check in (("photos", photos, check_photo), ("documents", documents, check_document)):
        for file in files or []:
            try:
                checked[field].append(check(file))
            except ValidationError as exc:
                errors.setdefault(field, []).extend(exc.messages)
    total = already + len(checked["photos"]) + len(checked["documents"])
    if total > MAX_FILES_PER_FLOW:
        errors.setdefault("documents", []).append(
            _("A flow holds at most %(max)d files: remove some before adding others.") % {"max": MAX_FILES_PER_FLOW}
        )
    if errors:
        raise ValidationError(errors)
    return checked
