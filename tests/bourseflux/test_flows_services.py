import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from bourseflux.models import Flow, FlowAttachment, Site
from bourseflux.services.flows import (
    archive_flow,
    confirm_estimate,
    create_flow,
    publish_flow,
    update_flow,
    validate_flow_data,
)
from bourseflux.services.sites import ensure_default_site
from circuito.audit.models import AuditEntry
from tests.bourseflux.factories import EwcCodeFactory, FlowFactory, SiteFactory
from tests.bourseflux.factories_flows import (
    company_at_commune,
    make_facilitator,
    pdf,
    photo,
    private_storage,  # noqa: F401
    valid_data,
)
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(org_people):
    org = org_people.organisation
    org.commune = SiteFactory(organisation=org).commune
    org.save()
    return org


def fr(msgid, **params):
    """The message as the service gives it in French, the active language of the tests."""
    with translation.override("fr"):
        message = gettext(msgid)
        return message % {k: str(v) for k, v in params.items()} if params else message


def _refused(company, actor, field, words, **overrides):
    """The rule refuses the data with a message on `field`, and nothing is saved."""
    flows, sites = Flow.objects.count(), Site.objects.count()
    with pytest.raises(ValidationError) as caught:
        create_flow(actor=actor, organisation=company, data=valid_data(**overrides))
    message = " ".join(caught.value.message_dict[field])
    for word in words:
        assert word in message
    assert (Flow.objects.count(), Site.objects.count()) == (flows, sites)
    return message


def test_waste_without_ewc_code_is_refused(company, org_people):
    expected = fr("A waste needs its EWC code (European List of Waste): type its six digits or words of its label.")
    _refused(company, org_people.owner, "ewc", [expected], ewc=None)


def test_unknown_ewc_code_is_refused(company, org_people):
    expected = fr(
        "The code %(code)s is not in the European List of Waste: pick a six-digit code from the list.", code="99 99 99"
    )
    _refused(company, org_people.owner, "ewc", ["99 99 99", expected], ewc="999999")


def test_by_product_with_hazardous_code_is_refused(company, org_people):
    hazardous = EwcCodeFactory(code="16 06 01", hazardous=True)
    expected = fr(
        "%(code)s* is a hazardous waste code: a by-product cannot be hazardous waste. "
        "Declare the flow as waste, or remove the code.",
        code="16 06 01",
    )
    _refused(company, org_people.owner, "ewc", ["16 06 01*", expected], nature="by_product", ewc=hazardous)


def test_by_product_carries_no_ewc_code(company, org_people):
    expected = fr(
        "By-products carry no EWC code: remove it and describe the by-product by the activity "
        "that produces it and its commercial name (or declare the flow as waste)."
    )
    _refused(company, org_people.owner, "ewc", [expected], nature="by_product")


@pytest.mark.parametrize("quantity", ["-5", "0"])
def test_negative_or_zero_quantity_is_refused(company, org_people, quantity):
    expected = fr("The quantity must be more than zero: leave it empty if you do not know it yet.")
    _refused(company, org_people.owner, "quantity", [expected], quantity=quantity)


def test_absurd_quantity_is_refused_with_the_yearly_figure(company, org_people):
    with translation.override("fr"):
        unit, frequency = str(Flow.Unit.TONNE.label), str(Flow.Frequency.MONTH.label)
    expected = fr(
        "%(quantity)s %(unit)s %(frequency)s makes about %(yearly)s %(base)s a year, far more than one site "
        "handles: check the quantity, the unit (kilograms or tonnes?) and the frequency.",
        quantity="900000",
        unit=unit,
        frequency=frequency,
        yearly="10 800 000",
        base="t",
    )
    _refused(company, org_people.owner, "quantity", ["10 800 000", expected], quantity="900000", unit="t")


def test_expiry_in_the_past_is_refused(company, org_people):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    expected = fr(
        "The expiry date %(date)s is not in the future: pick a later date, or leave it empty.",
        date=yesterday.isoformat(),
    )
    _refused(company, org_people.owner, "expires_on", [yesterday.isoformat(), expected], expires_on=yesterday)


def test_title_in_one_language_is_required(company, org_people):
    expected = fr("Give a title in French or in Italian (or both).")
    _refused(company, org_people.owner, "title_fr", [expected], title_fr="", title_it="")


def test_negative_price_is_refused(company, org_people):
    expected = fr("A price cannot be negative: enter 0 or choose “Free”, and explain in the description.")
    _refused(company, org_people.owner, "price_eur", [expected], price_kind="priced", price_eur="-3")


def test_site_of_another_organisation_is_refused(company, org_people):
    expected = fr(
        "This site belongs to another organisation: pick one of the sites of %(name)s.", name=company.legal_name
    )
    _refused(company, org_people.owner, "site", [expected], site=SiteFactory())


def test_recovery_operation_only_for_waste(company, org_people):
    _refused(company, org_people.owner, "recovery_operation", ["R13", "D15"], recovery_operation="R99")


def test_category_is_inferred_from_the_ewc_code(company):
    cleaned = validate_flow_data(valid_data(category=None), organisation=company)
    assert cleaned["category"].code == "organic"


def test_by_product_offer_takes_the_activity_of_the_company(company, org_people):
    from circuito.nace.models import NaceActivity

    cider = NaceActivity.objects.create(code="11.03", level="class", label="Fabrication de cidre")
    company.nace = cider
    company.save()
    flow = create_flow(actor=org_people.owner, organisation=company, data=valid_data(nature="by_product", ewc=None))
    assert flow.nace == cider and flow.commercial_name == "Marc de pommes"


def test_member_posts_a_flow_at_the_default_site_and_it_is_audited(company, org_people):
    Site.objects.filter(organisation=company).delete()
    flow = create_flow(actor=org_people.colleague, organisation=company, data=valid_data(), publish=True)
    assert flow.status == Flow.Status.PUBLISHED and flow.published_at
    assert flow.site.commune == company.commune and flow.created_by == org_people.colleague
    actions = set(AuditEntry.objects.filter(object_id=str(flow.pk)).values_list("action", flat=True))
    assert {"flow.create", "flow.publish"} <= actions


def test_facilitator_posts_for_a_company(company):
    facilitator = make_facilitator()
    flow = create_flow(actor=facilitator, organisation=company, data=valid_data())
    assert flow.organisation == company and flow.created_by == facilitator
    entry = AuditEntry.objects.get(action="flow.create", object_id=str(flow.pk))
    assert entry.actor == facilitator and entry.changes["on_behalf_of"] == company.legal_name


def test_outsider_cannot_post_edit_publish_or_archive(company, org_people):
    with pytest.raises(PermissionDenied):
        create_flow(actor=org_people.outsider, organisation=company, data=valid_data())
    flow = create_flow(actor=org_people.owner, organisation=company, data=valid_data())
    for change in (publish_flow, archive_flow, confirm_estimate):
        with pytest.raises(PermissionDenied):
            change(flow, actor=org_people.outsider)
    with pytest.raises(PermissionDenied):
        update_flow(flow, actor=org_people.outsider, data={"title_fr": "Volé"})


def test_colleague_edits_and_only_changes_are_recorded(company, org_people):
    flow = create_flow(actor=org_people.owner, organisation=company, data=valid_data())
    flow = update_flow(flow, actor=org_people.colleague, data={"title_it": "Vinacce di mele", "quantity": "15"})
    flow.refresh_from_db()
    assert flow.title_it == "Vinacce di mele" and flow.yearly_quantity == 180.0
    entry = AuditEntry.objects.get(action="flow.update", object_id=str(flow.pk))
    assert set(entry.changes) == {"title_it", "quantity"}


def test_invalid_update_saves_nothing(company, org_people):
    flow = create_flow(actor=org_people.owner, organisation=company, data=valid_data())
    with pytest.raises(ValidationError):
        update_flow(flow, actor=org_people.owner, data={"title_fr": "Nouveau", "quantity": "-1"})
    flow.refresh_from_db()
    assert flow.title_fr == "Marc de pommes"


def test_publish_archive_and_confirm(company, org_people):
    flow = create_flow(actor=org_people.owner, organisation=company, data=valid_data())
    Flow.objects.filter(pk=flow.pk).update(is_estimate=True)
    flow.refresh_from_db()
    assert publish_flow(flow, actor=org_people.owner).status == Flow.Status.PUBLISHED
    assert archive_flow(flow, actor=org_people.owner).status == Flow.Status.ARCHIVED
    assert confirm_estimate(flow, actor=org_people.owner).is_estimate is False


def test_files_are_saved_with_the_flow(company, org_people, private_storage):  # noqa: F811
    flow = create_flow(
        actor=org_people.owner, organisation=company, data=valid_data(photos=[photo()], documents=[pdf()])
    )
    kinds = sorted(flow.attachments.values_list("kind", "content_type"))
    assert kinds == [("document", "application/pdf"), ("photo", "image/png")]


def test_a_bad_file_saves_neither_the_flow_nor_any_file(company, org_people, private_storage):  # noqa: F811
    fake = pdf("photo.jpg")
    with pytest.raises(ValidationError) as caught:
        create_flow(actor=org_people.owner, organisation=company, data=valid_data(photos=[fake], documents=[pdf()]))
    with translation.override("fr"):
        kind = gettext("a PDF document")
    expected = fr(
        "The file %(name)s is %(kind)s, not a photo: attach a JPEG, PNG or WebP image.", name="photo.jpg", kind=kind
    )
    assert expected in " ".join(caught.value.message_dict["photos"])
    assert not Flow.objects.exists() and not FlowAttachment.objects.exists()
    assert not private_storage.exists() or not any(p.is_file() for p in private_storage.rglob("*"))


def test_ensure_default_site_needs_a_commune():
    org = OrganisationFactory()
    with pytest.raises(ValidationError) as caught:
        ensure_default_site(org)
    expected = fr(
        "%(name)s has no commune yet: add a site (its commune) first, or set the organisation's commune.",
        name=org.legal_name,
    )
    assert expected in " ".join(caught.value.messages)
    org = company_at_commune()
    site = ensure_default_site(org)
    assert site.commune == org.commune and ensure_default_site(org) == site


def test_company_without_site_nor_commune_gets_a_clear_message():
    org = OrganisationFactory()
    member = MembershipFactory(organisation=org).user
    with pytest.raises(ValidationError) as caught:
        create_flow(actor=member, organisation=org, data=valid_data())
    expected = fr(
        "%(name)s has no site yet and no commune: add a site first (its commune places the flow on the map).",
        name=org.legal_name,
    )
    assert expected in " ".join(caught.value.message_dict["site"])


def test_existing_flow_factory_still_validates(company):
    flow = FlowFactory(site__organisation=company)
    assert flow.pk
