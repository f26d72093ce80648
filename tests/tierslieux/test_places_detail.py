import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories import MembershipFactory
from tests.tierslieux.factories import EventFactory, PlaceFactory, ServiceFactory
from tests.tierslieux.factories_places import EquipmentFactory, OpeningHoursFactory, ReferentFactory
from tierslieux.models import News, Place, PlacePhoto

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


STALE_WARNING = "This page has not been verified for more than 6 months: call or write to the place before going."


def _fr(msgid: str) -> str:
    with translation.override("fr"):
        return gettext(msgid)


def test_place_page_shows_everything(client):
    place = PlaceFactory(
        name="Lab",
        description_fr="",
        description_it="Officina digitale",
        email="lab@example.org",
        languages=["fr", "it"],
    )
    ServiceFactory(place=place, name_fr="Prototypage rapide", conditions_fr="Sur rendez-vous")
    EquipmentFactory(place=place, name="Prusa MK4")
    for day in range(7):
        OpeningHoursFactory(place=place, weekday=day, opens=dt.time(0, 0), closes=dt.time(23, 59, 59))
    EventFactory(place=place, title_fr="Journée portes ouvertes")
    News.objects.create(place=place, title_fr="Nouvelle machine", body_fr="…", published_at=timezone.now())
    content = client.get(place.get_absolute_url()).content.decode()
    for text in ("Officina digitale", "Prototypage rapide", "Sur rendez-vous", "Prusa MK4", "lab@example.org"):
        assert text in content
    assert escape(_fr("original language (no translation yet)")) in content  # Italian text on the French page
    assert "Journée portes ouvertes" in content and "Nouvelle machine" in content
    assert 'id="open-badge"' in content
    assert escape(_fr("I verified this page today")) not in content


def test_freshness_and_stale_warning(client):
    fresh = PlaceFactory(last_verified_at=timezone.now() - dt.timedelta(days=100))
    stale = PlaceFactory(last_verified_at=timezone.now() - dt.timedelta(days=200))
    with translation.override("it"):
        url = fresh.get_absolute_url()
    content = client.get(url).content.decode().replace("\xa0", " ")
    assert "3 mesi" in content  # naturaltime in the page's language
    with translation.override("it"):
        warning_it = escape(gettext(STALE_WARNING))
    assert warning_it not in content
    with translation.override("fr"):
        stale_url = stale.get_absolute_url()
    assert escape(_fr(STALE_WARNING)) in client.get(stale_url).content.decode()


def test_drafts_are_404_for_outsiders_and_visible_to_referents(client):
    draft = PlaceFactory(status=Place.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(MembershipFactory().user)
    assert client.get(draft.get_absolute_url()).status_code == 404
    referent = ReferentFactory(place=draft).user
    client.force_login(referent)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_photo_served_through_view_with_detected_type(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    place = PlaceFactory()
    photo = PlacePhoto(place=place)
    photo.file.save("x.jpg", ContentFile(PNG), save=True)
    response = client.get(reverse("tierslieux:place_photo", args=[place.slug, photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    draft = PlaceFactory(status=Place.Status.DRAFT)
    hidden = PlacePhoto(place=draft)
    hidden.file.save("y.png", ContentFile(PNG), save=True)
    assert client.get(reverse("tierslieux:place_photo", args=[draft.slug, hidden.pk])).status_code == 404


def test_my_places_and_stale_places(client, partner_staff):
    referent = ReferentFactory(place=PlaceFactory(name="Mine")).user
    PlaceFactory(name="Other")
    PlaceFactory(name="Old", last_verified_at=timezone.now() - dt.timedelta(days=400))
    assert client.get(reverse("tierslieux:my_places")).status_code == 302
    assert client.get(reverse("tierslieux:stale_places")).status_code == 302
    client.force_login(referent)
    content = client.get(reverse("tierslieux:my_places")).content.decode()
    assert "Mine" in content and "Other" not in content
    assert client.get(reverse("tierslieux:stale_places")).status_code == 403
    client.force_login(partner_staff)
    names = {p.name for p in client.get(reverse("tierslieux:stale_places")).context["page"]}
    assert names == {"Old"}


def test_request_this_service_links(client):
    place = PlaceFactory()
    service = ServiceFactory(place=place)
    content = client.get(place.get_absolute_url()).content.decode()
    assert f"{reverse('tierslieux:request_create', args=[place.slug])}?service={service.pk}" in content


@pytest.mark.parametrize("url_name", ["tierslieux:my_places", "tierslieux:stale_places"])
def test_private_lists_query_count_is_constant(client, partner_staff, django_assert_max_num_queries, url_name):
    def populate(n):
        for _ in range(n):
            place = PlaceFactory(last_verified_at=timezone.now() - dt.timedelta(days=300))
            ReferentFactory(place=place, user=partner_staff)
            ServiceFactory(place=place)

    client.force_login(partner_staff)
    populate(2)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse(url_name)).status_code == 200
    populate(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(url_name))
