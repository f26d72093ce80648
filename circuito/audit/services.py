"""Writing the audit log. Call from inside the service's transaction so that the entry and the
change it describes are saved together or not at all."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from circuito.audit.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def diff(instance: models.Model, before: dict[str, Any], fields: list[str]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed since `before` was taken."""
    changes = {}
    for name in fields:
        new = getattr(instance, name)
        if _plain(before.get(name)) != _plain(new):
            changes[name] = [_plain(before.get(name)), _plain(new)]
    return changes


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def record(actor, action: str, obj: models.Model | None = None, changes: dict | None = None) -> AuditEntry:
    """Write one audit entry. `actor` may be None for system actions (periodic tasks)."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_repr=(getattr(actor, "email", "") or "system") if actor else "system",
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        changes={k: _plain(v) for k, v in (changes or {}).items()},
    )
