"""The project structure from the charter: the project row, work packages, activities,
deliverables (with the source their achieved count is computed from) and indicators.

Idempotent. Names, months, leads, kinds and sources follow the charter on every run; a
deliverable's target, due month, responsible partner and source, and an indicator's target,
breakdown and source, are set from the charter only until lead partner staff edit them in the
portal (`edited_at` is then set), so a reload never undoes their decisions. The charter's dates
make the first edition of the project calendar once; later editions are the lead partner's.
"""

from typing import Any

from django.db import transaction

from circuito.accounts.charter import load_charter_data, load_partners
from circuito.accounts.models import Organisation
from reporting.models import Activity, Deliverable, Indicator, Project, ProjectEdition, WorkPackage

# (activity code, position of the deliverable in the charter) → source key. Everything else is
# counted from manual evidence.
DELIVERABLE_SOURCES = {
    ("1.1", 0): "committees.in_person",
    ("1.1", 1): "committees.videoconference",
    ("3.2", 0): "focusgroups.held.3.2",
    ("3.3", 0): "focusgroups.held.3.3",
    ("4.1", 2): "tierslieux.seminars",
    ("4.2", 2): "tierslieux.events.open_innovation",
    ("4.3", 3): "bourseflux.awareness_meetings",
}
DELIVERABLE_KINDS = {
    ("1.1", 0): Deliverable.Kind.EVENT,
    ("1.1", 1): Deliverable.Kind.EVENT,
    ("4.1", 1): Deliverable.Kind.TOOL,
    ("4.1", 2): Deliverable.Kind.EVENT,
    ("4.2", 0): Deliverable.Kind.EVENT,
    ("4.2", 2): Deliverable.Kind.EVENT,
    ("4.3", 1): Deliverable.Kind.TOOL,
    ("4.3", 3): Deliverable.Kind.EVENT,
    ("4.3", 4): Deliverable.Kind.TOOL,
    ("2.2", 0): Deliverable.Kind.EVENT,
    ("2.2", 1): Deliverable.Kind.EVENT,
    ("2.2", 2): Deliverable.Kind.EVENT,
}
for _code in ("2.1",):
    for _index in range(7):
        DELIVERABLE_KINDS[(_code, _index)] = Deliverable.Kind.MATERIAL
INDICATOR_SOURCES = {"I.1-output": "structures.participating", "I.1-result": "services.innovative"}
FIRST_EDITION = {"fr": "Première édition", "it": "Prima edizione"}


def _orgs() -> dict[str, Organisation]:
    return {o.partner_code: o for o in Organisation.objects.exclude(partner_code="")}


def _upsert(model, lookup: dict[str, Any], values: dict[str, Any], *, keep: tuple[str, ...] = ()) -> tuple[Any, bool]:
    """Create or update; fields in `keep` are only written when the row is created."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    for field, value in values.items():
        if created or field not in keep:
            setattr(obj, field, value)
    obj.save()
    return obj, created


@transaction.atomic
def load_structure() -> dict[str, int]:
    load_partners()
    data = load_charter_data()
    orgs = _orgs()
    counts = {"work packages": 0, "activities": 0, "deliverables": 0, "indicators": 0, "created": 0}

    project = data["project"]
    project_row, _created = _upsert(
        Project,
        {"acronym": project["acronym"]},
        {
            "title_fr": project["title"]["fr"],
            "title_it": project["title"]["it"],
            "programme_fr": project["programme"]["fr"],
            "programme_it": project["programme"]["it"],
            "start_date": project["start"],
            "duration_months": project["duration_months"],
        },
    )
    if not project_row.editions.exists():
        ProjectEdition.objects.create(
            project=project_row,
            number=1,
            name_fr=FIRST_EDITION["fr"],
            name_it=FIRST_EDITION["it"],
            start_date=project_row.start_date.replace(day=1),
            duration_months=project_row.duration_months,
        )

    for wp_order, wp_data in enumerate(data["work_packages"], start=1):
        wp, created = _upsert(
            WorkPackage,
            {"code": wp_data["code"]},
            {
                "name_fr": wp_data["name"]["fr"],
                "name_it": wp_data["name"]["it"],
                "lead": orgs.get(wp_data.get("lead")),
                "start_month": wp_data["months"][0],
                "end_month": wp_data["months"][1],
                "order": wp_order,
            },
        )
        wp.excluded_partners.set([orgs[c] for c in wp_data.get("excluded", []) if c in orgs])
        counts["work packages"] += 1
        counts["created"] += created
        for act_order, act_data in enumerate(wp_data.get("activities", []), start=1):
            months = act_data.get("months") or [None, None]
            activity, created = _upsert(
                Activity,
                {"code": act_data["code"]},
                {
                    "work_package": wp,
                    "name_fr": act_data["name"]["fr"],
                    "name_it": act_data["name"]["it"],
                    "lead": orgs.get(act_data.get("lead")),
                    "start_month": months[0],
                    "end_month": months[1],
                    "note": act_data.get("note", ""),
                    "order": wp_order * 10 + act_order,
                },
            )
            activity.excluded_partners.set([orgs[c] for c in act_data.get("excluded", []) if c in orgs])
            counts["activities"] += 1
            counts["created"] += created
            lead = activity.lead or wp.lead
            for index, item in enumerate(act_data.get("deliverables", [])):
                key = (activity.code, index)
                kind = item.get("kind") or DELIVERABLE_KINDS.get(key, Deliverable.Kind.DOCUMENT)
                _deliverable, created = _upsert(
                    Deliverable,
                    {"activity": activity, "order": index},
                    {
                        "name_fr": item["name"]["fr"],
                        "name_it": item["name"]["it"],
                        "kind": kind,
                        "per_partner": item.get("per") == "partner",
                        "source": DELIVERABLE_SOURCES.get(key, Deliverable.MANUAL),
                        "target_count": item["count"],
                        "due_month": activity.end_month or wp.end_month,
                        "responsible": lead,
                    },
                    keep=("target_count", "due_month", "responsible", "source")
                    if not _is_new_or_unedited(activity, index)
                    else (),
                )
                counts["deliverables"] += 1
                counts["created"] += created

    for order, ind in enumerate(data.get("indicators", []), start=1):
        existing = Indicator.objects.filter(code=ind["code"]).first()
        _obj, created = _upsert(
            Indicator,
            {"code": ind["code"]},
            {
                "kind": ind["kind"],
                "name_fr": ind["name"]["fr"],
                "name_it": ind["name"]["it"],
                "source": INDICATOR_SOURCES.get(ind["code"], ""),
                "order": order,
                "target": ind["target"],
                "breakdown": ind.get("breakdown", {}),
            },
            keep=("target", "breakdown", "source") if existing is not None and existing.edited_at else (),
        )
        counts["indicators"] += 1
        counts["created"] += created
    return counts


def _is_new_or_unedited(activity: Activity, index: int) -> bool:
    return not Deliverable.objects.filter(activity=activity, order=index, edited_at__isnull=False).exists()
