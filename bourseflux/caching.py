"""What the flux exchange's lists, maps and counts show, and the writes that change it: any save
or delete of a flow, a site, a company, a category, a waste code, a synergy or an activity's
typical flow (the candidates' estimates), and a reload of the thesaurus, mark the "bourseflux"
namespace changed (circuito.page_cache). Counts of flow lists and the maps' ETags are kept under
its version.

Signals rather than calls in each service: the admin, imports and loaders write these rows too."""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from circuito.page_cache import CachedCountPaginator, changed_on_commit

NAMESPACE = "bourseflux"
# Anonymous pages are kept whole until the next write; the bound is for what no write changes:
# flows reaching their expiry date.
PAGE_SECONDS = 300


def _changed(sender, **kwargs) -> None:
    changed_on_commit(NAMESPACE)


def connect() -> None:
    from bourseflux.models import ActivityFlowProfile, EwcCode, Flow, MaterialCategory, Site, Synergy
    from circuito.accounts.models import Organisation
    from circuito.search.thesaurus import thesaurus_loaded

    for model in (Flow, Site, Organisation, MaterialCategory, EwcCode, Synergy, ActivityFlowProfile):
        uid = f"bourseflux-pages-{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    thesaurus_loaded.connect(_changed, dispatch_uid="bourseflux-pages-thesaurus")


class CountedPaginator(CachedCountPaginator):
    """Flow lists: counts kept until the next write to the flux exchange or the next day (flows
    reach their expiry date at midnight), bounded by `limit` (circuito.page_cache)."""

    namespace = NAMESPACE

    def vary(self) -> str:
        return timezone.localdate().isoformat()
