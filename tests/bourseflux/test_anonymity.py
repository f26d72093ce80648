"""Anonymous listing: a company hides its name on a flow; readers see "a company in <department>"
everywhere (pages, map, API, exports, search) until the company answers them on a synergy.
Facilitators and the company's own members always see the name. Also the "confirmed by the
company" badge."""

import importlib
import json
from datetime import date

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from bourseflux.confirmation import make_token
from bourseflux.models import Flow
from bourseflux.services import synergies as services
from bourseflux.services.flows import create_flow
from bourseflux.technical_sheet import _story
from circuito.nace.models import NaceActivity
from tests.bourseflux import factories_synergies as fs
from tests.bourseflux.factories import SiteFactory
from tests.bourseflux.factories_flows import make_facilitator, valid_data
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

NAME = "Sidreria Segreta Srl"


@pytest.fixture
def sides():
    offer = fs.italian_offer(hide_company=True)
    offer.organisation.legal_name = NAME
    offer.organisation.save()
    need = fs.french_need()
    return offer, need


@pytest.fixture
def company(org_people):
    """The org_people company with a site, to enter flows for."""
    org = org_people.organisation
    org.commune = SiteFactory(organisation=org).commune
    org.save()
    return org


def _label(language: str = "fr") -> str:
    with translation.override(language):
        place = "Aoste" if language == "fr" else "Aosta"
        return gettext("A company in %(place)s") % {"place": place}


def _everything(client, offer, need) -> dict[str, str]:
    """Every place the offer's company name could show, as the client reads them."""
    flow = offer.flow
    return {
        "list": client.get(reverse("bourseflux:flow_list")).content.decode(),
        "detail": client.get(reverse("bourseflux:flow_detail", args=[flow.pk])).content.decode(),
        "geojson": client.get(reverse("bourseflux:flows_geojson")).content.decode(),
        "api list": client.get("/api/v1/flows/").content.decode(),
        "api detail": client.get(f"/api/v1/flows/{flow.pk}/").content.decode(),
        "candidates": client.get(reverse("bourseflux:flow_candidates", args=[need.flow.pk])).content.decode(),
        "export": client.post(reverse("bourseflux:flow_export"), {"format": "csv"}).content.decode("utf-8-sig"),
    }


def _found_by_name(client, offer) -> tuple[bool, bool]:
    html = client.get(reverse("bourseflux:flow_list"), {"q": "Sidreria Segreta"}).content.decode()
    api = client.get("/api/v1/flows/", {"search": "Sidreria Segreta"}).json()
    return f'data-flow-id="{offer.flow.pk}"' in html, any(r["id"] == offer.flow.pk for r in api["results"])


def test_an_outsider_never_reads_the_name(client, sides, org_people):
    offer, need = sides
    for who in (None, org_people.outsider, need.owner):
        if who is not None:
            client.force_login(who)
        seen = _everything(client, offer, need)
        for place, text in seen.items():
            assert NAME not in text, f"{place} shows the name to {who}"
        assert _label("fr") in seen["detail"] and _label("fr") in seen["list"]
        features = json.loads(seen["geojson"])["features"]
        assert [f["properties"]["company"] for f in features if f["id"] == offer.flow.pk] == [_label("fr")]
        api = json.loads(seen["api detail"])
        assert api["organisation"] is None and api["organisation_name"] == _label("fr")
        assert _found_by_name(client, offer) == (False, False)
        client.logout()


def test_the_label_follows_the_reader_language(client, sides):
    offer, _need = sides
    html = client.get(reverse("bourseflux:flow_detail", args=[offer.flow.pk]).replace("/fr/", "/it/")).content
    assert _label("it") in html.decode() and NAME not in html.decode()


def test_members_and_facilitators_read_the_name(client, sides):
    offer, need = sides
    for who in (offer.owner, offer.colleague, fs.facilitator_user()):
        client.force_login(who)
        seen = _everything(client, offer, need)
        for place in ("detail", "geojson", "api detail", "export"):
            assert NAME in seen[place], f"{place} hides the name from {who}"


def test_the_counterpart_reads_the_name_once_the_company_answers(client, sides, django_capture_on_commit_callbacks):
    offer, need = sides
    with django_capture_on_commit_callbacks(execute=True):
        synergy = services.express_interest(actor=need.owner, offer=offer.flow, need=need.flow, message="Bonjour")
    # The interest alone reveals nothing, on the synergy page nor in the e-mail to the other side.
    client.force_login(need.owner)
    assert NAME not in client.get(synergy.get_absolute_url()).content.decode()
    assert _label("fr") in client.get(synergy.get_absolute_url()).content.decode()
    assert mail.outbox and all(NAME not in m.body for m in mail.outbox if need.owner.email in m.to)
    assert NAME not in client.get("/api/v1/synergies/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.post_message(synergy, actor=offer.owner, body="Buongiorno, volentieri.")
    seen = _everything(client, offer, need)
    for place in ("list", "detail", "geojson", "api list", "api detail", "candidates", "export"):
        assert NAME in seen[place], f"{place} still hides the name from the counterpart"
    assert NAME in client.get(synergy.get_absolute_url()).content.decode()

    # Everyone else still reads the label, and cannot find the flow by the name.
    stranger = MembershipFactory(organisation=OrganisationFactory()).user
    client.force_login(stranger)
    seen = _everything(client, offer, need)
    assert all(NAME not in text for text in seen.values())
    assert _found_by_name(client, offer) == (False, False)


def test_a_listed_flow_is_found_by_its_name_when_not_anonymous(client, sides):
    offer, _need = sides
    offer.flow.hide_company = False
    offer.flow.save()
    assert _found_by_name(client, offer) == (True, True)


def test_the_choice_is_saved_from_the_form(client, org_people, company):
    client.force_login(org_people.owner)
    data = {**valid_data(), "hide_company": True}
    flow = create_flow(actor=org_people.owner, organisation=org_people.organisation, data=data, publish=True)
    assert flow.hide_company
    form = client.get(reverse("bourseflux:flow_edit", args=[flow.pk])).content.decode()
    assert 'name="hide_company"' in form and "checked" in form.split('name="hide_company"')[1].split(">")[0]


# --- "confirmed by the company" --------------------------------------------------------------


def _badge(client, flow) -> tuple[bool, bool]:
    detail = client.get(reverse("bourseflux:flow_detail", args=[flow.pk])).content.decode()
    listing = client.get(reverse("bourseflux:flow_list")).content.decode()
    row = listing.split(f'data-flow-id="{flow.pk}"')[1].split("</li>")[0]
    return "data-company-confirmed" in detail, "data-company-confirmed" in row


def test_a_flow_entered_by_a_member_is_confirmed_by_the_company(client, org_people, company):
    flow = create_flow(actor=org_people.owner, organisation=org_people.organisation, data=valid_data(), publish=True)
    assert flow.company_confirmed_by == org_people.owner
    assert _badge(client, flow) == (True, True)
    with translation.override("fr"):
        label = gettext("Confirmed by the company")
    assert label in client.get(reverse("bourseflux:flow_detail", args=[flow.pk])).content.decode()


def test_a_flow_entered_by_a_facilitator_gets_the_badge_once_confirmed_from_the_link(
    client, org_people, company, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        flow = create_flow(
            actor=make_facilitator(), organisation=org_people.organisation, data=valid_data(), publish=True
        )
    assert _badge(client, flow) == (False, False)
    url = reverse("bourseflux:flow_company_confirm", args=[flow.pk, make_token(flow, org_people.colleague)])
    assert client.post(url).status_code in (200, 302)
    assert _badge(client, flow) == (True, True)


def test_e_mails_to_both_sides_name_the_company_only_to_its_own_members(sides, django_capture_on_commit_callbacks):
    offer, need = sides
    with django_capture_on_commit_callbacks(execute=True):
        services.express_interest(actor=fs.facilitator_user(), offer=offer.flow, need=need.flow)
    to = {m.to[0]: m.body for m in mail.outbox}
    assert need.owner.email in to and need.colleague.email in to
    assert NAME not in to[need.owner.email] and NAME not in to[need.colleague.email]
    if offer.owner.email in to:  # the company's own members read their name
        assert NAME in to[offer.owner.email]


def _story_text(story) -> str:
    texts = []
    for flowable in story:
        texts.append(getattr(flowable, "text", ""))
        for row in getattr(flowable, "_cellvalues", []):
            texts.extend(getattr(cell, "text", str(cell)) for cell in row)
    return "\n".join(texts)


def test_the_technical_sheet_names_the_company_only_to_who_may_read_it(client, sides):
    offer, _need = sides
    Flow.objects.filter(pk=offer.flow.pk).update(nature=Flow.Nature.BY_PRODUCT)
    offer.flow.refresh_from_db()
    url = reverse("bourseflux:flow_technical_sheet", args=[offer.flow.pk])
    outsider_pdf = client.get(url, {"lang": "fr"})
    assert outsider_pdf.status_code == 200 and NAME.encode() not in outsider_pdf.content
    client.force_login(offer.owner)
    assert NAME.encode() in client.get(url, {"lang": "fr"}).content  # in the document's author
    with translation.override("fr"):
        hidden = _story_text(_story(offer.flow, "fr", False, date.today(), show_company=False))
        shown = _story_text(_story(offer.flow, "fr", False, date.today(), show_company=True))
    assert NAME not in hidden and _label("fr") in hidden and NAME in shown


def test_the_list_reads_as_many_queries_for_one_anonymous_flow_as_for_many(
    client, sides, django_assert_max_num_queries
):
    offer, need = sides
    services.express_interest(actor=need.owner, offer=offer.flow, need=need.flow)
    client.force_login(need.owner)
    url = reverse("bourseflux:flow_list")
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _n in range(4):
        fs.italian_offer(hide_company=True)
    with django_assert_max_num_queries(len(one)):
        html = client.get(url).content.decode()
    assert html.count(_label("fr")) == 5


def test_the_migration_confirms_the_flows_members_entered(org_people, company, django_capture_on_commit_callbacks):
    by_member = create_flow(actor=org_people.owner, organisation=company, data=valid_data(), publish=True)
    with django_capture_on_commit_callbacks(execute=True):
        by_facilitator = create_flow(actor=make_facilitator(), organisation=company, data=valid_data(), publish=True)
    Flow.objects.update(company_confirmed_at=None, company_confirmed_by=None)
    migration = importlib.import_module("bourseflux.migrations.0008_flow_hide_company")
    migration.confirm_flows_entered_by_members(apps, None)
    by_member.refresh_from_db()
    by_facilitator.refresh_from_db()
    assert by_member.company_confirmed_at == by_member.created_at
    assert by_member.company_confirmed_by == org_people.owner
    assert by_facilitator.company_confirmed_at is None


def test_an_api_edit_that_leaves_the_choice_out_keeps_the_flow_anonymous(client, sides):
    """A partial update of another field must not reveal the company's name."""
    offer, _ = sides
    division = NaceActivity.objects.create(code="11", level="division", label_fr="Boissons")
    offer.flow.nace = NaceActivity.objects.create(code="11.03", level="class", parent=division, label_fr="Cidre")
    offer.flow.save()
    client.force_login(offer.owner)
    response = client.patch(
        f"/api/v1/flows/{offer.flow.pk}/", {"packaging": "Big bags"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    offer.flow.refresh_from_db()
    assert offer.flow.packaging == "Big bags"
    assert offer.flow.hide_company is True
