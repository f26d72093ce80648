import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q

from tests.factories import CommuneFactory, TerritoryFactory, UserFactory
from tierslieux.models import Place

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "tierslieux" / "data" / "demo_places.json"


def test_demo_places_load_idempotently(settings):
    settings.DEBUG = True
    call_command("load_tierslieux_reference")
    UserFactory(is_superuser=True)
    rows = json.loads(DEMO.read_text(encoding="utf-8"))
    for n, code in enumerate(sorted({r["commune"] for r in rows})):
        country = "IT" if len(code) == 6 else "FR"
        # French postcodes are checked against the department: each commune in its own.
        department = TerritoryFactory(country=country, code=code[:2] if country == "FR" else code[:3])
        CommuneFactory(code=code, country=country, department=department, latitude=44 + n / 10, longitude=7.0)
    call_command("load_tierslieux_demo")
    call_command("load_tierslieux_demo")
    assert Place.objects.filter(status=Place.Status.PUBLISHED).count() == len(rows)
    aosta = Place.objects.get(slug="pepiniere-espace-aosta")
    assert aosta.country == "IT" and aosta.services.count() >= 2 and aosta.opening_hours.exists()
    # Every demo place has what a visitor needs to come, in its country's formats.
    assert not Place.objects.filter(Q(address="") | Q(postcode="") | Q(phone="") | Q(email="") | Q(website="")).exists()
    assert aosta.postcode == "11100" and aosta.phone.startswith("0165 ")
    nice = Place.objects.get(slug="ceei-nice-cote-azur")
    assert nice.postcode.startswith("06") and nice.phone.startswith("04 ") and nice.website.endswith(".example/")
    assert Place.objects.filter(name="CEEI Nice Côte d'Azur").exists()


def test_demo_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_tierslieux_demo")


def test_demo_referents_and_seminars_load_idempotently(settings):
    from circuito.accounts.models import Organisation
    from tests.factories import OrganisationFactory
    from tierslieux.models import PlaceReferent, Seminar

    settings.DEBUG = True
    call_command("load_tierslieux_reference")
    UserFactory(is_superuser=True)
    for code in ("PACA", "VDA", "PIE", "LIG"):
        OrganisationFactory(partner_code=code, kind=Organisation.Kind.PARTNER)
    rows = json.loads(DEMO.read_text(encoding="utf-8"))
    for n, code in enumerate(sorted({r["commune"] for r in rows})):
        CommuneFactory(code=code, country="IT" if len(code) == 6 else "FR", latitude=44 + n / 10, longitude=7.0)
    call_command("load_tierslieux_demo")
    call_command("load_tierslieux_demo")
    assert Seminar.objects.count() == 5  # the five referent training seminars of the brief
    assert PlaceReferent.objects.count() == 4
    assert all(s.attendees.exists() for s in Seminar.objects.all())


def test_demo_open_innovation_sessions_load_idempotently(settings):
    """The brief's four cross-border Open Innovation sessions with B2B meetings: one already held,
    the others upcoming, each titled and described in both languages."""
    from django.utils import timezone

    from circuito.accounts.models import Organisation
    from tests.factories import OrganisationFactory
    from tierslieux.models import Event

    settings.DEBUG = True
    call_command("load_tierslieux_reference")
    UserFactory(is_superuser=True)
    for code in ("PACA", "VDA", "PIE", "LIG"):
        OrganisationFactory(partner_code=code, kind=Organisation.Kind.PARTNER)
    rows = json.loads(DEMO.read_text(encoding="utf-8"))
    for n, code in enumerate(sorted({r["commune"] for r in rows})):
        CommuneFactory(code=code, country="IT" if len(code) == 6 else "FR", latitude=44 + n / 10, longitude=7.0)
    call_command("load_tierslieux_demo")
    call_command("load_tierslieux_demo")
    sessions = Event.objects.filter(b2b_enabled=True, published=True)
    assert sessions.count() == 4
    assert set(sessions.values_list("kind", flat=True)) == {Event.Kind.OPEN_INNOVATION}
    assert {e.place.slug for e in sessions} >= {"pepiniere-gap", "genova-tech-transfer-hub"}
    assert {e.place.country for e in sessions} == {"FR", "IT"}
    now = timezone.now()
    assert sessions.filter(ends_at__lt=now).count() == 1
    assert sessions.filter(starts_at__gt=now).count() == 3
    assert all(e.title_fr and e.title_it and e.description_fr and e.description_it for e in sessions)
