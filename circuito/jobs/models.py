import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from circuito.files import PrivateUploadTo, private_storage


class Job(models.Model):
    """A piece of long work (report, export, import) run by a Celery task, with its progress and
    its result file. The file is private: it is served only by the permission-checked view."""

    class Status(models.TextChoices):
        CREATED = "created", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("owner")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("organisation"),
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=2, default="fr")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.CREATED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    result_file = models.FileField(
        _("result file"), storage=private_storage, upload_to=PrivateUploadTo("jobs"), blank=True
    )
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    result_content_type = models.CharField(_("content type"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("file expires"), null=True, blank=True, db_index=True)
    # Work that must not run twice at once (a report of one kind, period and language): while a job
    # with this key waits or runs, the database refuses another one.
    dedupe_key = models.CharField(max_length=200, blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=models.Q(status__in=["created", "running"]) & ~models.Q(dedupe_key=""),
                name="job_one_unfinished_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.get_status_display()} {self.progress}%"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_expired(self) -> bool:
        """Done, but its file has passed its expiry date or has already been deleted."""
        if self.status != self.Status.DONE:
            return False
        if not self.result_file:
            return True
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_downloadable(self) -> bool:
        return self.status == self.Status.DONE and not self.is_expired

    @property
    def title(self):
        """The human title of this kind of job, in the active language."""
        from circuito.jobs.registry import title_for

        return title_for(self.kind)
