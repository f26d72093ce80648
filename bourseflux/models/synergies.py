"""Synergies: an offer and a need that two companies (or a facilitator for them) follow from a
first expression of interest to an implemented exchange, with its impact."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bourseflux.models.flows import Flow


class Synergy(models.Model):
    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DISCUSSION = "discussion", _("In discussion")
        TRIAL = "trial", _("Trial")
        IMPLEMENTED = "implemented", _("Implemented")
        ABANDONED = "abandoned", _("Abandoned")

    class AbandonReason(models.TextChoices):
        DISTANCE = "distance", _("Transport too far or too costly")
        QUALITY = "quality", _("Quality or composition does not fit")
        QUANTITY = "quantity", _("Quantities or timing do not fit")
        REGULATION = "regulation", _("Regulatory obstacle")
        PRICE = "price", _("No agreement on the price")
        NO_ANSWER = "no_answer", _("No answer from the other company")
        OTHER = "other", _("Other reason")

    class Transport(models.TextChoices):
        TRUCK = "truck", _("Truck")
        VAN = "van", _("Van")
        RAIL = "rail", _("Rail")
        PIPE = "pipe", _("Pipe or network")
        NONE = "none", _("No transport (same site)")

    offer = models.ForeignKey(
        Flow, on_delete=models.CASCADE, related_name="synergies_as_offer", verbose_name=_("offer")
    )
    need = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="synergies_as_need", verbose_name=_("need"))
    # Every supplier offer, `offer` (the lead) included; several for a pooled collection.
    suppliers = models.ManyToManyField(
        Flow, through="bourseflux.SynergySupplier", related_name="synergies_as_supplier", verbose_name=_("suppliers")
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.PROPOSED, db_index=True)
    abandon_reason = models.CharField(_("reason"), max_length=12, choices=AbandonReason.choices, blank=True)
    abandon_note = models.TextField(_("details"), blank=True)
    initiated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("opened by")
    )
    initiator = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("opened for")
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_synergies",
        verbose_name=_("facilitator"),
    )
    cross_border = models.BooleanField(_("cross-border"), default=False, editable=False)
    distance_km = models.FloatField(_("road distance (km)"), null=True, blank=True)
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    stage_changed_at = models.DateTimeField(_("stage changed"), auto_now_add=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    # Impact, entered when implemented (and editable later).
    tonnes_per_year = models.FloatField(_("tonnes per year diverted from disposal"), null=True, blank=True)
    transport = models.CharField(_("transport"), max_length=6, choices=Transport.choices, blank=True)
    co2e_avoided_t = models.FloatField(_("CO2e avoided (t per year)"), null=True, blank=True, editable=False)
    money_saved_eur = models.DecimalField(
        _("money saved per year (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    money_saved_public = models.BooleanField(_("show the money saved"), default=False)

    class Meta:
        verbose_name = _("synergy")
        verbose_name_plural = _("synergies")
        ordering = ["-stage_changed_at"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "need"], name="synergy_unique_pair"),
            models.CheckConstraint(
                condition=models.Q(tonnes_per_year__isnull=True) | models.Q(tonnes_per_year__gte=0),
                name="synergy_tonnes_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer} → {self.need}"

    def get_absolute_url(self) -> str:
        return reverse("bourseflux:synergy_detail", args=[self.pk])


class SynergyStageChange(models.Model):
    synergy = models.ForeignKey(Synergy, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=12, choices=Synergy.Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=12, choices=Synergy.Stage.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.from_stage or '-'} → {self.to_stage}"


class SynergyMessage(models.Model):
    synergy = models.ForeignKey(Synergy, on_delete=models.CASCADE, related_name="messages", verbose_name=_("synergy"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("on behalf of")
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class MatchNotice(models.Model):
    """A candidate already told to the owner of `flow` (so digests only announce new ones)."""

    flow = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="+")
    noticed_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["flow", "candidate"], name="match_notice_unique")]

    def __str__(self) -> str:
        return f"{self.flow_id} → {self.candidate_id}"
