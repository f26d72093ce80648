from django.core.management import call_command

from tierslieux.models import PlaceKind, Sector, ServiceKind


def test_reference_loader_is_idempotent_and_bilingual(db):
    call_command("load_tierslieux_reference")
    counts = (PlaceKind.objects.count(), Sector.objects.count(), ServiceKind.objects.count())
    PlaceKind.objects.filter(code="fablab").update(name_it="changed")
    call_command("load_tierslieux_reference")
    assert (PlaceKind.objects.count(), Sector.objects.count(), ServiceKind.objects.count()) == counts
    nursery = PlaceKind.objects.get(code="business-nursery")
    assert "Pépinière" in nursery.name_fr and "ncubatore" in nursery.name_it
    assert PlaceKind.objects.get(code="fablab").name_it == "changed"  # staff's wording is kept
    edih = {"test-before-invest", "skills-training", "access-to-finance", "networking"}
    assert edih <= set(ServiceKind.objects.values_list("code", flat=True))
    assert {"smart-factory", "life-sciences", "agri-food", "other"} == set(
        Sector.objects.values_list("code", flat=True)
    )
    assert all(k.name_fr and k.name_it for k in ServiceKind.objects.all())
