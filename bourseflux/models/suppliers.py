"""The supplier offers of a synergy: one for an ordinary synergy (its `offer`), several for a pool
of small producers collected together for one need (bourseflux.pooling)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from bourseflux.models.flows import Flow


class SynergySupplier(models.Model):
    synergy = models.ForeignKey(
        "bourseflux.Synergy", on_delete=models.CASCADE, related_name="supplier_links", verbose_name=_("synergy")
    )
    offer = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="+", verbose_name=_("offer"))
    # Order on the collection route (0 = the synergy's lead offer for a single supplier).
    position = models.PositiveSmallIntegerField(_("order on the collection route"), default=0)
    tonnes_per_year = models.FloatField(_("tonnes per year"), null=True, blank=True)

    class Meta:
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        ordering = ["synergy", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["synergy", "offer"], name="synergy_supplier_unique"),
            models.CheckConstraint(
                condition=models.Q(tonnes_per_year__isnull=True) | models.Q(tonnes_per_year__gte=0),
                name="synergy_supplier_tonnes_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.synergy_id}: {self.offer_id}"
