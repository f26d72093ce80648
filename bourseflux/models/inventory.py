"""A company inventory, as chamber-of-commerce advisers run it: the company's processes one by
one, each with what goes in (materials needed) and what comes out (by-products and waste), saved
as typed so that it can be resumed, then turned into draft flows in one go."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bourseflux.models.flows import Flow


class Inventory(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        DRAFTED = "drafted", _("Drafts created")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="inventories", verbose_name=_("organisation")
    )
    # The language the company writes in: the drafts' titles and descriptions are in it.
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    # The form as last saved: [{"name": …, "rows": [{field: value as typed}, …]}, …].
    processes = models.JSONField(_("processes"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    drafted_at = models.DateTimeField(_("drafts created"), null=True, blank=True)

    class Meta:
        verbose_name = _("company inventory")
        verbose_name_plural = _("company inventories")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.created_at:%Y-%m-%d})" if self.created_at else str(self.organisation)


class InventoryDraft(models.Model):
    """A flow an inventory produced, with the process and row it came from."""

    inventory = models.ForeignKey(
        Inventory, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("company inventory")
    )
    flow = models.OneToOneField(Flow, on_delete=models.CASCADE, related_name="inventory_draft", verbose_name=_("flow"))
    process = models.CharField(_("process"), max_length=150)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("inventory draft")
        verbose_name_plural = _("inventory drafts")
        ordering = ["inventory", "position"]

    def __str__(self) -> str:
        return f"{self.process}: {self.flow_id}"
