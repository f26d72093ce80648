"""Photos and documents of a flow, kept in the private storage and served by a checked view."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction

from bourseflux.models import Flow, FlowAttachment
from bourseflux.permissions import can_edit_flow
from bourseflux.uploads import CheckedFile, check_uploads
from circuito.audit.services import record


@contextmanager
def files_removed_on_error(stored: list[FlowAttachment]) -> Iterator[None]:
    """Files are written to storage before the transaction commits: if it fails, remove them so
    that nothing is left half-saved on disk either."""
    try:
        yield
    except BaseException:
        for attachment in stored:
            attachment.file.storage.delete(attachment.file.name)
        raise


def save_attachments(
    flow: Flow, checked: dict[str, list[CheckedFile]], *, actor, stored: list[FlowAttachment] | None = None
) -> list[FlowAttachment]:
    """Store files already checked by `bourseflux.uploads.check_uploads`, inside the caller's
    transaction; each stored attachment is appended to `stored` for `files_removed_on_error`."""
    stored = [] if stored is None else stored
    saved = []
    for item in [*checked.get("photos", []), *checked.get("documents", [])]:
        attachment = FlowAttachment(
            flow=flow,
            kind=item.kind,
            name=item.name[:200],
            content_type=item.content_type,
            size=item.size,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        item.file.seek(0)
        attachment.file.save(item.name, item.file, save=False)
        stored.append(attachment)
        attachment.save()
        saved.append(attachment)
    if saved:
        record(actor, "flow.attach", flow, {"files": [a.name for a in saved]})
    return saved


def add_attachments(flow: Flow, *, actor, photos=(), documents=()) -> list[FlowAttachment]:
    if not can_edit_flow(actor, flow):
        raise PermissionDenied
    checked = check_uploads(list(photos), list(documents), already=flow.attachments.count())
    stored: list[FlowAttachment] = []
    with files_removed_on_error(stored), transaction.atomic():
        return save_attachments(flow, checked, actor=actor, stored=stored)


@transaction.atomic
def delete_attachment(attachment: FlowAttachment, *, actor) -> None:
    if not can_edit_flow(actor, attachment.flow):
        raise PermissionDenied
    name, storage = attachment.file.name, attachment.file.storage
    record(actor, "flow.detach", attachment.flow, {"file": attachment.name})
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
