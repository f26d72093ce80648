"""Checks of the files attached to a flow: photos (JPEG, PNG, WebP up to 5 MB) and documents
(PDF up to 10 MB). The type is read from the file's first bytes, not trusted from its name or
from what the browser says, and photos are opened with Pillow when it is installed."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

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


def sniff(head: bytes) -> str:
    """The type a file's first bytes announce: jpeg, png, webp, pdf, gif, zip… or "" if unknown."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head[:2] in (b"MZ",) or head.startswith(b"\x7fELF"):
        return "executable"
    if head[4:8] == b"ftyp":
        return "heic" if head[8:12] in (b"heic", b"heix", b"mif1") else "video"
    return ""


def _kind_name(kind: str) -> str:
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


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _head(file: UploadedFile) -> bytes:
    file.seek(0)
    head = file.read(32)
    file.seek(0)
    return head


def check_photo(file: UploadedFile) -> CheckedFile:
    name = file.name or "photo"
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo %(name)s weighs %(size)s MB: the limit is 5 MB. Reduce its size and attach it again.")
            % {"name": name, "size": _megabytes(file.size)}
        )
    kind = sniff(_head(file))
    if kind not in PHOTO_TYPES:
        raise ValidationError(
            _("The file %(name)s is %(kind)s, not a photo: attach a JPEG, PNG or WebP image.")
            % {"name": name, "kind": _kind_name(kind)}
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
            % {"name": name, "size": _megabytes(file.size)}
        )
    kind = sniff(_head(file))
    if kind != "pdf":
        raise ValidationError(
            _("The file %(name)s is %(kind)s, not a PDF: save it as PDF and attach it again.")
            % {"name": name, "kind": _kind_name(kind)}
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
