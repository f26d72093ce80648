"""Requests of companies to places, and innovation demand and offer."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from circuito.search.fields import SearchDocumentField
from tierslieux.models.places import Place, Sector, Service, ServiceKind


class ServiceRequest(models.Model):
    """A company asks a place for a service; the referent answers in a message thread."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ANSWERED = "answered", _("Answered")
        AGREED = "agreed", _("Agreed")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="requests", verbose_name=_("place"))
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests", verbose_name=_("service")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="service_requests", verbose_name=_("company")
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("requested by")
    )
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.NEW, db_index=True)
    cross_border = models.BooleanField(_("cross-border use"), default=False, editable=False)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("tierslieux:request_detail", args=[self.pk])


class RequestMessage(models.Model):
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class RequestRead(models.Model):
    """When a user last opened a request's thread: what came from others after it is unread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="reads", verbose_name=_("service request")
    )
    last_read_at = models.DateTimeField(_("last read on"))

    class Meta:
        verbose_name = _("read marker")
        verbose_name_plural = _("read markers")
        constraints = [models.UniqueConstraint(fields=["user", "request"], name="request_read_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.request}"


class InnovationNeed(models.Model):
    """Innovation demand (a company's need for support) or offer (a call posted by a place)."""

    class Kind(models.TextChoices):
        DEMAND = "demand", _("Innovation need of a company")
        OFFER = "offer", _("Call or offer of a place")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices, default=Kind.DEMAND)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="innovation_needs"
    )
    place = models.ForeignKey(Place, on_delete=models.CASCADE, null=True, blank=True, related_name="innovation_offers")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    service_kinds = models.ManyToManyField(ServiceKind, blank=True, related_name="+", verbose_name=_("services sought"))
    sectors = models.ManyToManyField(Sector, blank=True, related_name="+", verbose_name=_("sectors"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    search_document = SearchDocumentField()  # see tierslieux.search_index

    class Meta:
        verbose_name = _("innovation need or offer")
        verbose_name_plural = _("innovation needs and offers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(place__isnull=False),
                name="innovation_has_author_org_or_place",
            )
        ]

    def __str__(self) -> str:
        return self.title


class InnovationAnswer(models.Model):
    need = models.ForeignKey(InnovationNeed, on_delete=models.CASCADE, related_name="answers")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("answer"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]
