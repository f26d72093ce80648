"""Uploaded and private files, as every app handles them: the type is read from a file's first
bytes (never trusted from its name or from what the browser says), and private files are served
only by views that have checked permissions, never from a public media URL.

Private files live in their own storage (`private_storage`, rooted at PRIVATE_ROOT), outside the
public media tree in every configuration (a system check refuses PRIVATE_ROOT inside MEDIA_ROOT
or STATIC_ROOT), under random names (`PrivateUploadTo`) that say nothing of the file and cannot
be guessed; the readable name is kept on the row and given back at download."""

import mimetypes
import os
import posixpath
import re
import secrets
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, re_path
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.views import static

# The folder private files were kept in before PRIVATE_ROOT moved out of MEDIA_ROOT.
LEGACY_FOLDER = "private"
_EXTENSION = re.compile(r"^\.[a-z0-9]{1,8}$")


def private_storage() -> Storage:
    """The storage of private files, for every FileField that holds them (`storage=private_storage`)."""
    return storages["private"]


def private_name(folder: str, filename: str = "") -> str:
    """`<folder>/<year>/<month>/<random token><extension>`: a stored name nobody can guess. Only the
    extension of `filename` is kept (helps whoever inspects the storage); the readable name is the
    caller's to keep."""
    extension = os.path.splitext(filename.replace("\\", "/").rsplit("/", 1)[-1])[1].lower()
    if not _EXTENSION.match(extension):
        extension = ""
    return f"{folder.strip('/')}/{timezone.localdate():%Y/%m}/{secrets.token_hex(16)}{extension}"


@deconstructible(path="circuito.files.PrivateUploadTo")
class PrivateUploadTo:
    """`upload_to` of private FileFields: the file goes under `folder` with a `private_name`."""

    def __init__(self, folder: str) -> None:
        self.folder = folder.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        return private_name(self.folder, filename)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrivateUploadTo) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


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


# Where private files may not be ----------------------------------------------------------------


def _resolved(path: Any) -> Path:
    return Path(os.path.abspath(os.fspath(path))).resolve()


def private_roots() -> list[Path]:
    """PRIVATE_ROOT and the private storage's folder (the same unless a setting overrides one)."""
    roots = {_resolved(settings.PRIVATE_ROOT)}
    location = getattr(private_storage(), "location", None)
    if location:
        roots.add(_resolved(location))
    return sorted(roots)


def _inside(path: Path, root: Path) -> bool:
    return path == root or path.is_relative_to(root)


@checks.register(checks.Tags.security)
def check_private_root(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """PRIVATE_ROOT inside a publicly served folder would make private files public; files left in
    the folder private files had inside MEDIA_ROOT are public wherever /media/ is served."""
    errors: list[checks.CheckMessage] = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if not public:
            continue
        public_root = _resolved(public)
        for root in private_roots():
            if _inside(root, public_root):
                errors.append(
                    checks.Error(
                        f"Private files ({root}) are inside {name} ({public_root}), which is served publicly.",
                        hint=f"Set PRIVATE_ROOT to a folder outside {name}, e.g. next to it, and move the files there.",
                        id="circuito.E001",
                    )
                )
    legacy = _resolved(settings.MEDIA_ROOT) / LEGACY_FOLDER if settings.MEDIA_ROOT else None
    if (
        legacy
        and legacy.is_dir()
        and not any(_inside(root, legacy) for root in private_roots())
        and any(path.is_file() for path in legacy.rglob("*"))
    ):
        errors.append(
            checks.Warning(
                f"Files remain in {legacy}, inside MEDIA_ROOT: wherever /media/ is served they are public.",
                hint="Move the folder's content into PRIVATE_ROOT, keeping the same relative paths.",
                id="circuito.W001",
            )
        )
    return errors


def move_legacy_private_files(media_root: Any, private_root: Any) -> list[str]:
    """Move what an older installation kept in MEDIA_ROOT/private into PRIVATE_ROOT, keeping each
    file's relative path (the name the database holds). A file already present at its new place is
    left where it was. Returns the relative paths moved; nothing to do when the folder is absent or
    when PRIVATE_ROOT is that very folder (the system check reports that configuration)."""
    legacy = _resolved(media_root) / LEGACY_FOLDER
    target = _resolved(private_root)
    if not legacy.is_dir() or _inside(target, legacy) or _inside(legacy, target):
        return []
    moved = []
    for source in sorted(legacy.rglob("*")):
        if not source.is_file() or source.is_symlink():
            continue
        relative = source.relative_to(legacy)
        destination = target / relative
        if destination.exists():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(source), str(destination))
        moved.append(relative.as_posix())
    # Remove the folders left empty, deepest first.
    for folder in sorted((p for p in legacy.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(legacy.iterdir()):
        legacy.rmdir()
    return moved


# The development server's /media/ route --------------------------------------------------------


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """MEDIA_ROOT's public files for the development server (DEBUG only). Never a private file:
    404 for any path that leaves MEDIA_ROOT, resolves inside a private folder (symbolic links
    included) or starts with the folder private files used to have inside MEDIA_ROOT."""
    if "\x00" in path:
        raise Http404
    relative = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    first = relative.split("/", 1)[0]
    if first == ".." or first.casefold() == LEGACY_FOLDER:
        raise Http404
    media_root = _resolved(settings.MEDIA_ROOT)
    target = (media_root / relative).resolve()
    # A private folder that holds MEDIA_ROOT (a layout the check allows) is kept out by the first test.
    private = [root for root in private_roots() if not _inside(media_root, root)]
    if not _inside(target, media_root) or any(_inside(target, root) for root in private):
        raise Http404
    return static.serve(request, relative, document_root=str(media_root))


def media_urlpatterns() -> list[URLPattern]:
    """The /media/ route of the development server, in place of `django.conf.urls.static.static`
    (which would serve any file under MEDIA_ROOT)."""
    prefix = settings.MEDIA_URL or ""
    if not prefix or "://" in prefix or prefix.startswith("//"):
        return []  # media served by another host
    return [re_path(rf"^{re.escape(prefix.lstrip('/'))}(?P<path>.*)$", serve_media, name="media")]
