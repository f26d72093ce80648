"""What the cached public pages of the platform show (home, directory, map and its GeoJSON, place
pages), and the writes that change it: any save or delete of these models, their many-to-many links, and a
rebuild of the search documents, mark the "tierslieux" pages changed (circuito.page_cache).

Signals rather than calls in each service: the admin, imports and loaders write these rows too."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from circuito.page_cache import CachedCountPaginator, changed_on_commit

NAMESPACE = "tierslieux"


class PlacesPaginator(CachedCountPaginator):
    """Lists of places (directory, API): the count is kept until the next write to the platform."""

    namespace = NAMESPACE


def _changed(sender, **kwargs) -> None:
    changed_on_commit(NAMESPACE)


def connect() -> None:
    from circuito.accounts.models import Organisation
    from circuito.search.thesaurus import thesaurus_loaded
    from tierslieux.models import (
        BookingRules,
        Equipment,
        EquipmentKind,
        Event,
        News,
        OpeningHours,
        Place,
        PlaceKind,
        PlacePhoto,
        Project,
        Sector,
        Service,
        ServiceKind,
    )

    # The place page also shows photos, projects, equipment's booking and its operator's name.
    shown = (PlacePhoto, Project, EquipmentKind, BookingRules, Organisation)
    for model in (Place, PlaceKind, Sector, ServiceKind, Service, OpeningHours, Equipment, News, Event, *shown):
        uid = f"tierslieux-pages-{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for through in (Place.kinds.through, Place.sectors.through, Place.nace_divisions.through, Project.places.through):
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"tierslieux-pages-{through.__name__}")
    thesaurus_loaded.connect(_changed, dispatch_uid="tierslieux-pages-thesaurus")
