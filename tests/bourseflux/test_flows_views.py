import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from bourseflux.models import Flow, FlowAttachment
from bourseflux.services.flows import create_flow
from tests.bourseflux.factories import EwcCodeFactory, FlowFactory, MaterialCategoryFactory, SiteFactory
from tests.bourseflux.factories_flows import (
    make_facilitator,
    pdf,
    photo,
    private_storage,  # noqa: F401
    valid_data,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(org_people):
    org = org_people.organisation
    org.commune = SiteFactory(organisation=org).commune
    org.save()
    return org


@pytest.fixture
def draft(company, org_people):
    return create_flow(actor=org_people.owner, organisation=company, data=valid_data())


def fr(msgid, **params):
    """The text as the pages give it in French, the language of the tests."""
    with translation.override("fr"):
        text = gettext(msgid)
        return text % {k: str(v) for k, v in params.items()} if params else text


def _form_post(**overrides) -> dict:
    data = {
        "direction": "offer",
        "nature": "waste",
        "ewc": EwcCodeFactory().pk,
        "category": MaterialCategoryFactory().pk,
        "title_fr": "Marc de pommes",
        "physical_state": "paste",
        "quantity": "12",
        "unit": "t",
        "frequency": "month",
        "months": ["9", "10", "11"],
        "price_kind": "unsaid",
        "quantity_visibility": "members",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_home_counts_published_flows_per_country(client):
    FlowFactory()
    FlowFactory(direction=Flow.Direction.NEED, status=Flow.Status.DRAFT)
    response = client.get(reverse("bourseflux:home"))
    assert response.status_code == 200
    rows = response.context["per_country"]
    france = next(r for r in rows if r["offers"])
    assert (france["offers"], france["needs"]) == (1, 0)
    assert reverse("bourseflux:flow_create") in response.content.decode()


def test_member_posts_an_offer_through_the_form(client, company, org_people):
    client.force_login(org_people.colleague)
    url = reverse("bourseflux:flow_create") + f"?direction=offer&organisation={company.pk}"
    response = client.post(url, _form_post(publish="1"))
    flow = Flow.objects.get()
    assert response.status_code == 302 and response.url == flow.get_absolute_url()
    assert flow.status == Flow.Status.PUBLISHED and flow.months == [9, 10, 11]


def test_form_shows_the_rule_and_saves_nothing(client, company, org_people):
    client.force_login(org_people.owner)
    url = reverse("bourseflux:flow_create") + f"?organisation={company.pk}"
    response = client.post(url, _form_post(ewc=None))
    assert response.status_code == 200 and not Flow.objects.exists()
    expected = fr("A waste needs its EWC code (European List of Waste): type its six digits or words of its label.")
    assert expected in " ".join(response.context["form"].errors["ewc"])


def test_member_of_one_company_goes_straight_to_the_form(client, company, org_people):
    client.force_login(org_people.owner)
    response = client.get(reverse("bourseflux:flow_create") + "?direction=need")
    assert response.status_code == 200 and response.context["organisation"] == company


def test_facilitator_picks_any_company_and_posts_for_it(client, company):
    facilitator = make_facilitator()
    client.force_login(facilitator)
    response = client.get(reverse("bourseflux:flow_create") + "?company=" + company.legal_name[:6])
    assert company in list(response.context["companies"])
    url = reverse("bourseflux:flow_create") + f"?organisation={company.pk}"
    client.post(url, _form_post())
    flow = Flow.objects.get()
    assert flow.organisation == company and flow.created_by == facilitator
    response = client.get(reverse("bourseflux:my_flows") + f"?organisation={company.pk}")
    assert response.context["acting_for"] == company


def test_colleague_edits(client, draft, org_people):
    client.force_login(org_people.colleague)
    response = client.post(
        reverse("bourseflux:flow_edit", args=[draft.pk]), _form_post(title_it="Vinacce", site=draft.site_id)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title_it == "Vinacce"


@pytest.mark.parametrize("name", ["flow_edit", "flow_publish", "flow_archive", "flow_confirm_estimate"])
def test_outsider_is_refused_changes(client, draft, org_people, name):
    draft.status = Flow.Status.PUBLISHED
    draft.save()
    client.force_login(org_people.outsider)
    response = client.post(reverse(f"bourseflux:{name}", args=[draft.pk]), _form_post())
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Flow.Status.PUBLISHED and draft.title_fr == "Marc de pommes"


def test_outsider_cannot_post_for_another_company(client, company, org_people):
    client.force_login(org_people.outsider)
    response = client.get(reverse("bourseflux:flow_create") + f"?organisation={company.pk}")
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["site_list", "site_create"])
def test_outsider_is_refused_the_sites(client, company, org_people, name):
    client.force_login(org_people.outsider)
    assert client.get(reverse(f"bourseflux:{name}", args=[company.pk])).status_code == 403
    site = company.sites.first()
    assert client.get(reverse("bourseflux:site_edit", args=[site.pk])).status_code == 403


def test_member_adds_a_site(client, company, org_people):
    client.force_login(org_people.owner)
    commune = company.commune
    response = client.post(
        reverse("bourseflux:site_create", args=[company.pk]),
        {"name": "Entrepôt", "commune": commune.pk, "exact_location_public": "on"},
    )
    assert response.status_code == 302
    assert company.sites.filter(name="Entrepôt", exact_location_public=True).exists()


def test_draft_is_hidden_from_outsiders_and_its_files_too(client, draft, org_people, private_storage):  # noqa: F811
    attachment = FlowAttachment.objects.create(
        flow=draft, kind="document", name="a.pdf", content_type="application/pdf", size=10, file="x.pdf"
    )
    client.force_login(org_people.outsider)
    assert client.get(reverse("bourseflux:flow_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("bourseflux:attachment_download", args=[attachment.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("bourseflux:flow_detail", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("name", ["my_flows", "flow_create"])
def test_anonymous_is_sent_to_log_in(client, name):
    response = client.get(reverse(f"bourseflux:{name}"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_anonymous_cannot_publish(client, draft):
    response = client.post(reverse("bourseflux:flow_publish", args=[draft.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_quantities_hidden_from_anonymous_when_members_only(client, org_people):
    flow = FlowFactory(quantity_visibility=Flow.Visibility.MEMBERS, quantity=37)
    page = client.get(flow.get_absolute_url()).content.decode()
    assert "37 " not in page and fr("Visible to logged-in members only.") in page
    client.force_login(org_people.outsider)
    assert "37 " in client.get(flow.get_absolute_url()).content.decode()


def test_quantities_hidden_from_members_when_facilitators_only(client, org_people):
    flow = FlowFactory(quantity_visibility=Flow.Visibility.FACILITATORS, quantity=37)
    client.force_login(org_people.outsider)
    page = client.get(flow.get_absolute_url()).content.decode()
    assert "37 " not in page and fr("Visible to the project's facilitators only.") in page
    client.force_login(make_facilitator())
    assert "37 " in client.get(flow.get_absolute_url()).content.decode()


def test_detail_marks_the_original_language(client):
    flow = FlowFactory(title_fr="", title_it="Vinacce di mele")
    page = client.get(flow.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    with translation.override("fr"):
        italian = gettext("Italian")
    assert "Vinacce di mele" in page and fr("original language: %(language)s", language=italian) in page
    assert 'hx-trigger="load"' in page and reverse("bourseflux:flow_candidates", args=[flow.pk]) in page


def test_photo_upload_checked_by_content(client, draft, org_people, private_storage):  # noqa: F811
    client.force_login(org_people.owner)
    url = reverse("bourseflux:flow_edit", args=[draft.pk])
    response = client.post(url, {**_form_post(site=draft.site_id), "photos": pdf("photo.jpg")})
    assert response.status_code == 200
    with translation.override("fr"):
        kind = gettext("a PDF document")
    expected = fr(
        "The file %(name)s is %(kind)s, not a photo: attach a JPEG, PNG or WebP image.", name="photo.jpg", kind=kind
    )
    assert expected in " ".join(response.context["form"].errors["photos"])
    big = pdf("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 10))
    response = client.post(url, {**_form_post(site=draft.site_id), "documents": big})
    expected = fr(
        "The document %(name)s weighs %(size)s MB: the limit is 10 MB. Reduce its size and attach it again.",
        name="big.pdf",
        size="10.0",
    )
    assert expected in " ".join(response.context["form"].errors["documents"])
    assert not FlowAttachment.objects.exists()
    response = client.post(url, {**_form_post(site=draft.site_id), "photos": photo(), "documents": pdf()})
    assert response.status_code == 302 and draft.attachments.count() == 2
    attachment = draft.attachments.get(kind="photo")
    download = client.get(reverse("bourseflux:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/png"


def test_my_flows_groups_by_organisation_in_constant_queries(
    client, company, org_people, django_assert_max_num_queries
):
    other = OrganisationFactory()
    from tests.factories import MembershipFactory

    MembershipFactory(organisation=other, user=org_people.owner)
    FlowFactory(site__organisation=company)
    client.force_login(org_people.owner)
    with django_assert_max_num_queries(15) as few:
        response = client.get(reverse("bourseflux:my_flows"))
    assert [org for org, _ in response.context["groups"]] == sorted([company, other], key=lambda o: o.legal_name)
    bound = len(few.captured_queries)
    for _ in range(10):
        FlowFactory(site__organisation=company)
        FlowFactory(site__organisation=other)
    with django_assert_max_num_queries(bound):
        client.get(reverse("bourseflux:my_flows"))
