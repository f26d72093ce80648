import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext

from circuito.audit.models import AuditEntry
from tests.factories import MembershipFactory
from tests.tierslieux.factories import PlaceFactory, PlaceKindFactory, ServiceFactory, ServiceKindFactory
from tests.tierslieux.factories_places import (
    EquipmentFactory,
    OpeningHoursFactory,
    ReferentFactory,
    equipment_kind,
    nice,
)
from tierslieux.models import Place
from tierslieux.services import places as services

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def entries(place) -> list[AuditEntry]:
    ct = ContentType.objects.get_for_model(Place)
    return list(AuditEntry.objects.filter(content_type=ct, object_id=str(place.pk)).order_by("pk"))


def edit_urls(place) -> list[str]:
    service = ServiceFactory(place=place)
    return [
        reverse("tierslieux:place_edit", args=[place.slug]),
        reverse("tierslieux:place_hours", args=[place.slug]),
        reverse("tierslieux:service_create", args=[place.slug]),
        reverse("tierslieux:service_edit", args=[place.slug, service.pk]),
        reverse("tierslieux:equipment_create", args=[place.slug]),
        reverse("tierslieux:photo_add", args=[place.slug]),
        reverse("tierslieux:place_referents", args=[place.slug]),
    ]


def test_edit_pages_refused_to_anonymous_outsiders_and_company_users(client, org_people):
    place = PlaceFactory()
    urls = edit_urls(place)
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    other_referent = ReferentFactory().user
    for user in (org_people.owner, org_people.outsider, other_referent):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, url
        action = reverse("tierslieux:place_action", args=[place.slug, "verify"])
        assert client.post(action).status_code == 403
    place.refresh_from_db()
    assert entries(place) == []


def test_referent_and_partner_staff_edit(client, partner_staff):
    place = PlaceFactory(name="Lab", commune=nice())
    referent = ReferentFactory(place=place).user
    for user in (referent, partner_staff):
        client.force_login(user)
        assert client.get(reverse("tierslieux:place_edit", args=[place.slug])).status_code == 200
    client.force_login(referent)
    data = {
        "name": "Lab renamed",
        "kinds": [k.pk for k in place.kinds.all()],
        "description_fr": "Nouvelle description",
        "commune": place.commune.pk,
        "languages": ["fr", "it"],
        "open_to_other_country": "on",
    }
    response = client.post(reverse("tierslieux:place_edit", args=[place.slug]), data)
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.name == "Lab renamed" and place.languages == ["fr", "it"]
    [entry] = entries(place)
    assert entry.action == "tierslieux.place.update" and entry.actor == referent
    assert entry.changes["name"] == ["Lab", "Lab renamed"] and "description_fr" in entry.changes


def test_every_change_is_audited(partner_staff):
    place = PlaceFactory(status=Place.Status.DRAFT)
    kind = ServiceKindFactory()
    services.update_place(place, {"phone": "+33 4 65 71 00 00"}, actor=partner_staff)
    services.update_place(place, {"phone": "+33 4 65 71 00 00"}, actor=partner_staff)  # no change, no entry
    services.update_place(place, {}, kinds=[PlaceKindFactory(code="coworking")], actor=partner_staff)
    service = services.save_service(place, None, {"kind": kind, "name_fr": "Mentorat"}, actor=partner_staff)
    services.save_service(place, service, {"price": "Gratuit"}, actor=partner_staff)
    services.save_equipment(place, None, {"kind": equipment_kind("Laser"), "name": "Trotec"}, actor=partner_staff)
    services.save_opening_hours(place, [(0, dt.time(9), dt.time(12))], actor=partner_staff)
    services.publish_place(place, actor=partner_staff)
    services.mark_verified(place, actor=partner_staff)
    services.delete_child(place, service, actor=partner_staff)
    services.archive_place(place, actor=partner_staff)
    actions = [e.action for e in entries(place)]
    assert actions == [
        "tierslieux.place.update",
        "tierslieux.place.update",
        "tierslieux.place.hours",
        "tierslieux.place.publish",
        "tierslieux.place.verify",
        "tierslieux.service.delete",
        "tierslieux.place.archive",
    ]
    assert entries(place)[2].changes == {"opening_hours": ["", "Mo 09:00-12:00"]}
    assert AuditEntry.objects.filter(action__in=["tierslieux.service.create", "tierslieux.service.update"]).count() == 2
    assert AuditEntry.objects.filter(action="tierslieux.equipment.create").count() == 1


def test_services_refuse_outsiders():
    place = PlaceFactory()
    outsider = MembershipFactory().user
    with pytest.raises(PermissionDenied):
        services.update_place(place, {"name": "x"}, actor=outsider)
    with pytest.raises(PermissionDenied):
        services.mark_verified(place, actor=outsider)
    with pytest.raises(PermissionDenied):
        services.create_place({}, kinds=[], actor=outsider)


def test_verify_button(client):
    place = PlaceFactory(last_verified_at=None)
    referent = ReferentFactory(place=place).user
    client.force_login(referent)
    with translation.override("fr"):
        button = escape(gettext("I verified this page today"))
    assert button in client.get(place.get_absolute_url()).content.decode()
    client.post(reverse("tierslieux:place_action", args=[place.slug, "verify"]))
    place.refresh_from_db()
    assert place.last_verified_at is not None and place.last_verified_by == referent


def test_hours_formset_shows_overlap_error(client):
    place = PlaceFactory()
    client.force_login(ReferentFactory(place=place).user)
    data = {"hours-TOTAL_FORMS": "2", "hours-INITIAL_FORMS": "0"}
    data.update({"hours-0-weekday": "0", "hours-0-opens": "12:00", "hours-0-closes": "15:00"})
    data.update({"hours-1-weekday": "0", "hours-1-opens": "14:00", "hours-1-closes": "18:00"})
    response = client.post(reverse("tierslieux:place_hours", args=[place.slug]), data)
    assert response.status_code == 200
    with translation.override("fr"):
        expected = gettext("%(day)s: %(period)s overlaps %(other)s. Merge them or change one of them.") % {
            "day": capfirst(gettext("Monday")),
            "period": "14:00–18:00",
            "other": "12:00–15:00",
        }
    assert escape(expected) in response.content.decode()
    assert not place.opening_hours.exists()
    data["hours-1-opens"] = "15:00"
    assert client.post(reverse("tierslieux:place_hours", args=[place.slug]), data).status_code == 302
    assert place.opening_hours.count() == 2


def test_photo_upload_checks_magic_bytes_and_size(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    place = PlaceFactory()
    client.force_login(ReferentFactory(place=place).user)
    url = reverse("tierslieux:photo_add", args=[place.slug])
    fake = SimpleUploadedFile("photo.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    response = client.post(url, {"file": fake})
    with translation.override("fr"):
        refused = escape(gettext("This file is not a JPEG, PNG or WebP image. Choose a photo in one of these formats."))
    assert refused in response.content.decode() and not place.photos.exists()
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (5 * 1024 * 1024), content_type="image/png")
    with translation.override("fr"):
        too_big = escape(gettext("The photo is larger than 5 MB: reduce it and try again."))
    assert too_big in client.post(url, {"file": big}).content.decode()
    webp = SimpleUploadedFile("p.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 32)
    assert client.post(url, {"file": webp, "caption": "Atelier"}).status_code == 302
    assert place.photos.get().caption == "Atelier"


def test_publish_requires_description():
    place = PlaceFactory(status=Place.Status.DRAFT, description_fr="")
    staff_like = ReferentFactory(place=place).user
    with pytest.raises(ValidationError):
        services.publish_place(place, actor=staff_like)


def test_create_place_page(client, partner_staff, org_people):
    kind = PlaceKindFactory()
    commune = nice()
    url = reverse("tierslieux:place_create")
    assert client.get(url).status_code == 302
    data = {"slug": "nouveau", "name": "Nouveau lieu", "kinds": [kind.pk], "commune": commune.pk, "description_fr": "x"}
    client.force_login(org_people.owner)
    assert client.post(url, data).status_code == 403
    client.force_login(partner_staff)
    assert client.post(url, data).status_code == 302
    place = Place.objects.get(slug="nouveau")
    assert place.status == Place.Status.DRAFT and place.country == "FR"
    assert [e.action for e in entries(place)] == ["tierslieux.place.create"]
    assert client.get(reverse("tierslieux:directory")).context["page"].paginator.count == 0  # drafts stay hidden


def test_delete_equipment_by_referent_only(client):
    place = PlaceFactory()
    item = EquipmentFactory(place=place)
    url = reverse("tierslieux:child_delete", args=[place.slug, "equipment", item.pk])
    client.force_login(MembershipFactory().user)
    assert client.post(url).status_code == 403
    client.force_login(ReferentFactory(place=place).user)
    assert client.post(url).status_code == 302
    assert not place.equipment.exists()
    assert entries(place)[-1].action == "tierslieux.equipment.delete"


def test_hours_page_ignores_blank_extra_rows(client):
    """The browser posts every row, blank extra ones included (with the first day selected)."""
    place = PlaceFactory()
    OpeningHoursFactory(place=place, weekday=0, opens=dt.time(9), closes=dt.time(12))
    client.force_login(ReferentFactory(place=place).user)
    data = {"hours-TOTAL_FORMS": "4", "hours-INITIAL_FORMS": "1"}
    data.update({"hours-0-weekday": "0", "hours-0-opens": "09:00", "hours-0-closes": "13:00"})
    data.update({"hours-1-weekday": "5", "hours-1-opens": "10:00", "hours-1-closes": "16:00"})
    for row in (2, 3):
        data.update({f"hours-{row}-weekday": "0", f"hours-{row}-opens": "", f"hours-{row}-closes": ""})
    response = client.post(reverse("tierslieux:place_hours", args=[place.slug]), data)
    assert response.status_code == 302
    periods = list(place.opening_hours.order_by("weekday").values_list("weekday", "opens", "closes"))
    assert periods == [(0, dt.time(9), dt.time(13)), (5, dt.time(10), dt.time(16))]
