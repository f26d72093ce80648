"""Search documents of the Tiers-Lieux records: the analysed keys (circuito.search) each record is
found by, rebuilt whenever the record or something it shows changes.

A place's document holds its own words (name, descriptions, commune, kinds, services, equipment)
and link keys standing for the codes the thesaurus links concepts to: `service:<kind code>` for
each of its services, `place:<kind code>` for its kinds, and `equipment:<slug>` for each thesaurus
equipment concept its equipment names. The link keys, not the concepts' terms, are stored: a query
reaches them through `Query.links()`, so a synonym added to the thesaurus later counts at once,
documents stay small, and a hit can say which concept found it. Only the equipment mapping reads
the thesaurus; `manage.py reindex_tierslieux_search` refreshes it after the thesaurus grows.
"""

import re
from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.utils import translation

from circuito.search import document, tokens
from circuito.search import thesaurus as thesauri

# Letters only after a prefix no analysed word can produce: one lexeme for PostgreSQL's 'simple'
# parser, one " key " for the LIKE of SQLite.
LINK_PREFIXES = {"service": "tlservice", "equipment": "tlequipment", "place": "tlplace"}
LANGUAGES = ("fr", "it")


def link_key(scheme: str, code: str) -> str:
    """The key standing for a code in documents: ("service", "access-to-finance") ->
    "tlserviceaccesstofinance"."""
    return LINK_PREFIXES[scheme] + re.sub(r"[^a-z0-9]", "", code.lower())


def with_keys(text_document: str, keys: Iterable[str]) -> str:
    """A document from `circuito.search.document` with link keys added, in the same format."""
    all_keys = dict.fromkeys([*text_document.split(), *keys])
    return f" {' '.join(all_keys)} " if all_keys else ""


def current_thesaurus() -> thesauri.Thesaurus:
    return thesauri.current()[1]


def equipment_codes(texts: Iterable[str | None], thesaurus: thesauri.Thesaurus) -> list[str]:
    """Equipment slugs of the thesaurus concepts named in `texts` ("Laser cutter Trotec" and
    "Découpe laser" -> ["laser-cutter"])."""
    codes: dict[str, None] = {}
    for text in texts:
        analysed = tokens(text or "")
        for start in range(len(analysed)):
            _length, entries = thesaurus.match_at(analysed, start)
            for entry in entries:
                for scheme, code in thesaurus.concepts[entry.concept_id].links:
                    if scheme == "equipment":
                        codes[code] = None
    return list(codes)


def equipment_naming(item: Any) -> tuple[str, ...]:
    """What names a piece of equipment: its kind in both languages, its name and model (its
    specifications mention other machines too)."""
    return (*_both(item.kind, "name"), item.name, item.model)


def _both(obj: Any, field: str) -> list[str]:
    return [getattr(obj, f"{field}_{lang}", "") or "" for lang in LANGUAGES]


def _labels(choices: type[models.TextChoices], value: str) -> list[str]:
    """A choice's label in French and Italian (kinds and topics of events are gettext labels)."""
    labels = []
    for lang in LANGUAGES:
        with translation.override(lang):
            labels.append(str(choices(value).label) if value in choices.values else "")
    return labels


# Documents -----------------------------------------------------------------------------------


def place_parts(place: Any, thesaurus: thesauri.Thesaurus) -> list[tuple[str, Any, str]]:
    """(what, object, document) of each part a place is found by: its name, description and
    commune, then each kind, service and piece of equipment with the codes it stands for.
    `place` has its commune, kinds, services (with kinds) and equipment loaded."""
    parts = [
        ("name", place, document(place.name)),
        ("description", place, document(*_both(place, "description"))),
        ("commune", place.commune, document(place.commune.name, place.commune.alt_name)),
    ]
    for kind in place.kinds.all():
        parts.append(("kind", kind, with_keys(document(*_both(kind, "name")), [link_key("place", kind.code)])))
    for service in place.services.all():
        texts = [*_both(service, "name"), *_both(service, "description"), *_both(service.kind, "name")]
        parts.append(("service", service, with_keys(document(*texts), [link_key("service", service.kind.code)])))
    for item in place.equipment.all():
        codes = equipment_codes(equipment_naming(item), thesaurus)
        texts = [*equipment_naming(item), *_both(item, "specs")]
        parts.append(("equipment", item, with_keys(document(*texts), [link_key("equipment", c) for c in codes])))
    return parts


def place_document(place: Any, thesaurus: thesauri.Thesaurus) -> str:
    return with_keys("", (key for _what, _obj, part in place_parts(place, thesaurus) for key in part.split()))


def news_document(news: Any) -> str:
    return document(*_both(news, "title"), *_both(news, "body"), news.place.name, news.place.commune.name)


def project_document(project: Any) -> str:
    names = [place.name for place in project.places.all()]
    return document(*_both(project, "title"), *_both(project, "description"), *names)


def event_document(event: Any) -> str:
    from tierslieux.models import Event  # the real choices (a migration's model has none)

    commune = event.commune or (event.place.commune if event.place else None)
    return document(
        *_both(event, "title"),
        *_both(event, "description"),
        event.location,
        event.place.name if event.place else "",
        commune.name if commune else "",
        commune.alt_name if commune else "",
        *_labels(Event.Kind, event.kind),
        *_labels(Event.Topic, event.topic),
    )


def need_document(need: Any) -> str:
    texts = [*_both(need, "title"), *_both(need, "description")]
    texts += [need.organisation.legal_name if need.organisation else "", need.place.name if need.place else ""]
    keys = []
    for kind in need.service_kinds.all():
        texts += _both(kind, "name")
        keys.append(link_key("service", kind.code))
    for sector in need.sectors.all():
        texts += _both(sector, "name")
    return with_keys(document(*texts), keys)


def profile_document(profile: Any) -> str:
    organisation = profile.registration.organisation
    return document(profile.summary, profile.offers, profile.seeks, organisation.legal_name if organisation else "")


# Refreshing ----------------------------------------------------------------------------------

# model name -> (builder, select_related, prefetch_related)
INDEXED: dict[str, tuple[Callable[..., str], tuple[str, ...], tuple[str, ...]]] = {
    "Place": (place_document, ("commune",), ("kinds", "services__kind", "equipment__kind")),
    "News": (news_document, ("place__commune",), ()),
    "Project": (project_document, (), ("places",)),
    "Event": (event_document, ("place__commune", "commune"), ()),
    "InnovationNeed": (need_document, ("organisation", "place"), ("service_kinds", "sectors")),
    "B2BProfile": (profile_document, ("registration__organisation",), ()),
}


def refresh(queryset: models.QuerySet, *, batch_size: int = 500) -> int:
    """Rebuild the documents of the rows of `queryset` (of an indexed model); write those that
    changed. Works with historical models too (data migrations). Returns how many changed."""
    model = queryset.model
    builder, related, prefetch = INDEXED[model.__name__]
    thesaurus = current_thesaurus() if builder is place_document else None
    rows = queryset.order_by("pk").select_related(*related).prefetch_related(*prefetch)
    changed = []
    for row in rows.iterator(chunk_size=batch_size):
        text = builder(row, thesaurus) if thesaurus is not None else builder(row)
        if text != row.search_document:
            row.search_document = text
            changed.append(row)
    # bulk_update: no save(), so no signals, and `updated_at` keeps its meaning.
    model._default_manager.bulk_update(changed, ["search_document"], batch_size=batch_size)
    return len(changed)


def refresh_all() -> dict[str, int]:
    """Every document of the Tiers-Lieux platform (after the thesaurus grew, or a bulk import)."""
    from tierslieux import models as tl

    return {name: refresh(getattr(tl, name)._default_manager.all()) for name in INDEXED}


# Keeping documents up to date ----------------------------------------------------------------

# Fields of a place its document (or those of its news, events and calls) is built from: a save
# touching none of them (a freshness reminder, a verification) rebuilds nothing.
PLACE_FIELDS = {"name", "description", "description_fr", "description_it", "commune"}


def _pks(queryset: models.QuerySet) -> models.QuerySet:
    return queryset.values("pk")


def _refresh_one(sender, instance, **kwargs) -> None:
    if not kwargs.get("raw"):
        refresh(sender._default_manager.filter(pk=instance.pk))


_UNKNOWN = object()


def _place_loaded(sender, instance, **kwargs) -> None:
    # Read without loading a deferred name (`.only("pk", "slug")` lists stay one query).
    instance._indexed_name = instance.__dict__.get("name", _UNKNOWN)


def _place_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs) -> None:
    if raw or (update_fields is not None and not PLACE_FIELDS & set(update_fields)):
        return
    from tierslieux.models import Event, InnovationNeed, News, Project

    refresh(sender._default_manager.filter(pk=instance.pk))
    # News, events, calls and projects are found by their place's name too.
    renamed = update_fields is None or "name" in update_fields
    if not created and renamed and instance.name != getattr(instance, "_indexed_name", _UNKNOWN):
        refresh(News.objects.filter(place=instance.pk))
        refresh(Event.objects.filter(place=instance.pk))
        refresh(InnovationNeed.objects.filter(place=instance.pk))
        refresh(Project.objects.filter(pk__in=_pks(Project.objects.filter(places=instance.pk))))
    instance._indexed_name = instance.name


def _place_part_changed(sender, instance, raw=False, **kwargs) -> None:
    """A service or piece of equipment saved or deleted: its place's document changes."""
    from tierslieux.models import Place

    if not raw:
        refresh(Place.objects.filter(pk=instance.place_id))


def _kind_saved(sender, instance, raw=False, **kwargs) -> None:
    """A kind of place, service or equipment renamed: the places (and calls) using it change."""
    from tierslieux.models import EquipmentKind, InnovationNeed, Place, PlaceKind, Service

    if raw:
        return
    if sender is EquipmentKind:
        refresh(Place.objects.filter(pk__in=_pks(Place.objects.filter(equipment__kind=instance.pk))))
        return
    if sender is PlaceKind:
        refresh(Place.objects.filter(pk__in=_pks(Place.objects.filter(kinds=instance.pk))))
        return
    refresh(Place.objects.filter(pk__in=Service.objects.filter(kind=instance.pk).values("place_id")))
    refresh(InnovationNeed.objects.filter(pk__in=_pks(InnovationNeed.objects.filter(service_kinds=instance.pk))))


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if not reverse:
        refresh(type(instance)._default_manager.filter(pk=instance.pk))
    elif pk_set:
        # Changed from the other side (place.projects.add(…)): `model` is the indexed one. A
        # clear() from that side names no rows: `reindex_tierslieux_search` catches up.
        refresh(model._default_manager.filter(pk__in=list(pk_set)))


def connect() -> None:
    """Called from the app's `ready()`."""
    from tierslieux.models import (
        B2BProfile,
        Equipment,
        EquipmentKind,
        Event,
        InnovationNeed,
        News,
        Place,
        PlaceKind,
        Project,
        Service,
        ServiceKind,
    )

    post_init.connect(_place_loaded, sender=Place, dispatch_uid="tl-search-place-init")
    post_save.connect(_place_saved, sender=Place, dispatch_uid="tl-search-place")
    for model in (News, Project, Event, InnovationNeed, B2BProfile):
        post_save.connect(_refresh_one, sender=model, dispatch_uid=f"tl-search-{model.__name__}")
    for model in (Service, Equipment):
        post_save.connect(_place_part_changed, sender=model, dispatch_uid=f"tl-search-{model.__name__}-save")
        post_delete.connect(_place_part_changed, sender=model, dispatch_uid=f"tl-search-{model.__name__}-del")
    for model in (PlaceKind, ServiceKind, EquipmentKind):
        post_save.connect(_kind_saved, sender=model, dispatch_uid=f"tl-search-{model.__name__}")
    for through in (Place.kinds.through, Project.places.through, InnovationNeed.service_kinds.through):
        m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"tl-search-{through.__name__}")
    m2m_changed.connect(_m2m_changed, sender=InnovationNeed.sectors.through, dispatch_uid="tl-search-need-sectors")
