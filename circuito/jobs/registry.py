"""Which kinds of job exist, and who may see them.

Each app declares its long work in its own `jobs.py` (imported when Django starts)::

    from circuito.jobs.registry import JobResult, register

    @register("bourseflux.export_flows", title=_("Export of flows"))
    def export_flows(job, progress):
        progress(10, _("Reading flows"))
        ...
        return JobResult(content=data, filename="flows.xlsx", content_type=XLSX)

The handler runs inside the Celery task with the job's language active. It reports progress with
`progress(percent, message)` and returns a `JobResult`. To fail with a message meant for the user,
raise `JobError(_("…"))`; any other exception is logged and shown as an unexpected error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from circuito.jobs.models import Job

ProgressCallback = Callable[[int, str], None]
Handler = Callable[["Job", ProgressCallback], "JobResult"]
AccessCheck = Callable[[Any, "Job"], bool]


@dataclass(frozen=True)
class JobResult:
    """What a handler produces: the file offered for download."""

    content: bytes
    filename: str
    content_type: str = "application/octet-stream"


class JobError(Exception):
    """A failure whose message is written for the user (translated, no internals)."""


class UnknownJobKind(ValueError):
    """No handler is registered under this kind."""


@dataclass(frozen=True)
class JobKind:
    kind: str
    title: Any  # str or lazy translation
    handler: Handler
    can_access: AccessCheck | None = None


_registry: dict[str, JobKind] = {}


def register(kind: str, *, title: Any, can_access: AccessCheck | None = None) -> Callable[[Handler], Handler]:
    """Register `handler(job, progress) -> JobResult` as the work done for jobs of `kind`.

    `can_access(user, job) -> bool` decides who may follow and download such a job; without it
    only the job's owner may. Active staff superusers always may.
    """

    def decorator(handler: Handler) -> Handler:
        existing = _registry.get(kind)
        if existing is not None and not _same_function(existing.handler, handler):
            raise ValueError(f"Job kind {kind!r} is already registered by {existing.handler!r}")
        _registry[kind] = JobKind(kind=kind, title=title, handler=handler, can_access=can_access)
        return handler

    return decorator


def _same_function(a: Callable, b: Callable) -> bool:
    # A module imported twice (e.g. under two names) registers the "same" handler again.
    return (getattr(a, "__module__", None), getattr(a, "__qualname__", None)) == (
        getattr(b, "__module__", None),
        getattr(b, "__qualname__", None),
    )


def get_kind(kind: str) -> JobKind:
    try:
        return _registry[kind]
    except KeyError:
        raise UnknownJobKind(f"No job handler is registered for kind {kind!r}") from None


def is_registered(kind: str) -> bool:
    return kind in _registry


def registered_kinds() -> list[str]:
    return sorted(_registry)


def title_for(kind: str) -> Any:
    """The human title of a kind; the raw kind when its handler is gone."""
    entry = _registry.get(kind)
    return entry.title if entry else kind


def user_can_access(user: Any, job: Job) -> bool:
    """May `user` follow this job and download its file?"""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff and user.is_superuser:
        return True
    entry = _registry.get(job.kind)
    if entry is not None and entry.can_access is not None:
        return bool(entry.can_access(user, job))
    return job.owner_id == user.pk
