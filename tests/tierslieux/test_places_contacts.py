"""A place page shows what a visitor needs to come (address, postcode, phone, map…); contact
details are checked against the country with translated errors; visitors report errors that
reach the referents in their language."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from circuito.audit.models import AuditEntry
from tests.factories import UserFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import ReferentFactory, cuneo, nice
from tierslieux.models import Place, PlaceErrorReport
from tierslieux.services.places import update_place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _url(name: str, *args, lang: str = "fr") -> str:
    with translation.override(lang):
        return reverse(f"tierslieux:{name}", args=args)


def test_contacts_are_normalised_per_country(partner_staff):
    fr = PlaceFactory(commune=nice())
    update_place(
        fr, {"phone": "+33 4 65 71 06 08", "postcode": "06 000", "siret": "732 829 320 00074"}, actor=partner_staff
    )
    fr.refresh_from_db()
    assert (fr.phone, fr.postcode, fr.siret) == ("04 65 71 06 08", "06000", "73282932000074")
    it = PlaceFactory(commune=cuneo())
    update_place(it, {"phone": "+390171452318", "postcode": "12100"}, actor=partner_staff)
    it.refresh_from_db()
    assert it.phone == "0171 452318"


@pytest.mark.parametrize(
    ("field", "value", "msgid"),
    [
        ("postcode", "6000", "A postcode has 5 digits, e.g. 06000 or 11100."),
        ("postcode", "73000", "Postcodes of this department start with %(prefix)s: check the postcode or the commune."),
        ("phone", "12", "“%(value)s” is not a valid phone number: write it as on a business card, e.g. %(example)s."),
        (
            "siret",
            "12345678901234",
            "“%(value)s” is not a valid SIRET: it has 14 digits (see annuaire-entreprises.data.gouv.fr).",
        ),
        (
            "website",
            "javascript:alert(1)",
            "A website address starts with https:// (or http://), e.g. https://www.example.org.",
        ),
    ],
)
def test_bad_contacts_are_refused_in_the_users_language_and_nothing_is_saved(partner_staff, field, value, msgid):
    place = PlaceFactory(commune=nice(), phone="04 65 71 06 08")
    for lang in ("fr", "it"):
        with translation.override(lang), pytest.raises(ValidationError) as error:
            update_place(place, {field: value, "name": "Renamed"}, actor=partner_staff)
        with translation.override(lang):
            expected = gettext(msgid).split("%(")[0]
        assert any(m.startswith(expected) for m in error.value.message_dict[field])
    place.refresh_from_db()
    assert place.name != "Renamed" and place.phone == "04 65 71 06 08"


def test_the_edit_form_shows_the_field_error(client):
    place = PlaceFactory(commune=nice())
    client.force_login(ReferentFactory(place=place).user)
    response = client.post(
        _url("place_edit", place.slug),
        {
            "name": place.name,
            "commune": place.commune_id,
            "kinds": [k.pk for k in place.kinds.all()],
            "postcode": "1234",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["postcode"]


def test_the_place_page_shows_everything_a_visitor_needs(client):
    place = PlaceFactory(
        commune=nice(),
        address="30 voie Romaine",
        postcode="06000",
        phone="04 65 71 06 08",
        email="contact@lab.example",
        website="https://www.lab.example/",
        social_links=["https://linkedin.example/company/lab"],
        wheelchair_accessible=True,
        accessibility_fr="Ascenseur",
        prices_fr="Premier rendez-vous gratuit",
    )
    html = client.get(place.get_absolute_url()).content.decode()
    for text in (
        "30 voie Romaine",
        "06000 Nice",
        "tel:+33465710608",
        "04 65 71 06 08",
        "contact@lab.example",
        "https://www.lab.example/",
        "https://linkedin.example/company/lab",
        "Ascenseur",
        "Premier rendez-vous gratuit",
        'id="place-location-map"',
        "tierslieux-place-map.js",
        "openstreetmap.org/?mlat=43.704900",
        'id="report-error-link"',
    ):
        assert text in html, text
    assert 'id="error-reports-link"' not in html  # editors only


def test_a_visitor_reports_an_error_and_the_referents_are_told_in_their_language(
    client, django_capture_on_commit_callbacks
):
    place = PlaceFactory(name="Lab")
    fr = ReferentFactory(place=place, user=UserFactory(preferred_language="fr")).user
    it = ReferentFactory(place=place, user=UserFactory(preferred_language="it")).user
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("place_report_error", place.slug, lang="it"),
            {"message": "Il numero di telefono non risponde più.", "email": "visitor@example.org"},
        )
    assert response.status_code == 302 and response["Location"] == place.get_absolute_url()
    report = PlaceErrorReport.objects.get()
    assert (report.language, report.email, report.resolved_at) == ("it", "visitor@example.org", None)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {fr.email, it.email}
    with translation.override("fr"):
        assert (
            gettext("A visitor reported an error on the page of %(place)s:") % {"place": "Lab"}
            in by_recipient[fr.email].body
        )
    assert "Il numero di telefono non risponde più." in by_recipient[it.email].body
    assert "/it/" in by_recipient[it.email].body and "/fr/" in by_recipient[fr.email].body
    # The referent sees it on the page and the dashboard, and closes it.
    client.force_login(fr)
    assert b'id="error-reports-link"' in client.get(place.get_absolute_url()).content
    assert b"data-error-reports-panel" in client.get(reverse("accounts:dashboard")).content
    page = client.get(_url("place_error_reports", place.slug))
    assert "Il numero di telefono non risponde più." in page.content.decode()
    client.post(_url("error_report_resolve", place.slug, report.pk))
    report.refresh_from_db()
    assert report.resolved_by == fr and report.resolved_at is not None
    assert b"data-error-reports-panel" not in client.get(reverse("accounts:dashboard")).content
    assert AuditEntry.objects.filter(action="tierslieux.place.error_report_resolved").count() == 1


def test_robots_and_floods_are_kept_out(client):
    place = PlaceFactory()
    url = _url("place_report_error", place.slug)
    robot = client.post(url, {"message": "Buy cheap things here now", "homepage": "http://spam.example"})
    assert robot.status_code == 302 and not PlaceErrorReport.objects.exists()
    short = client.post(url, {"message": "bad"})
    assert short.status_code == 200 and short.context["form"].errors["message"]
    for n in range(3):  # every post counts, the robot's and the short one included: 5 an hour
        assert client.post(url, {"message": f"Les horaires ont changé ({n})"}).status_code == 302
    flood = client.post(url, {"message": "Encore une erreur sur la page"})
    assert flood.status_code == 429 and PlaceErrorReport.objects.count() == 3


def test_reports_are_private_to_the_places_editors(client):
    place = PlaceFactory()
    report = PlaceErrorReport.objects.create(place=place, message="Adresse fausse", email="v@example.org")
    outsider = ReferentFactory(place=PlaceFactory()).user  # referent of another place
    client.force_login(outsider)
    assert client.get(_url("place_error_reports", place.slug)).status_code == 403
    assert client.post(_url("error_report_resolve", place.slug, report.pk)).status_code == 403
    report.refresh_from_db()
    assert report.resolved_at is None
    client.logout()
    assert client.get(_url("place_error_reports", place.slug)).status_code == 302  # to the login page
    draft = PlaceFactory(status=Place.Status.DRAFT)
    assert client.get(_url("place_report_error", draft.slug)).status_code == 404


def test_reports_list_query_count_is_constant(client, django_assert_max_num_queries):
    place = PlaceFactory()
    client.force_login(ReferentFactory(place=place).user)
    PlaceErrorReport.objects.create(place=place, message="Erreur une")
    with django_assert_max_num_queries(30) as few:
        client.get(_url("place_error_reports", place.slug))
    PlaceErrorReport.objects.bulk_create(PlaceErrorReport(place=place, message=f"Erreur {n}") for n in range(20))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url("place_error_reports", place.slug))
