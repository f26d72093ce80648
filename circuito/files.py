"""Uploaded and private files, as every app handles them: the type is read from a file's first
bytes (never trusted from its name or from what the browser says), and private files are served
only by views that have checked permissions, never from a public media URL."""

import mimetypes

from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404


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


def file_kind(file: UploadedFile) -> str:
    """`sniff` of an uploaded file, leaving it ready to be read from the start."""
    file.seek(0)
    head = file.read(32)
    file.seek(0)
    return sniff(head)


def megabytes(size: int) -> str:
    """A size as shown in error messages: "12.3"."""
    return f"{size / (1024 * 1024):.1f}"


def serve_private(
    field_file, filename: str, *, content_type: str | None = None, as_attachment: bool = True
) -> FileResponse:
    """Stream a private file (the caller has checked permissions); 404 when it is gone."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
