"""By-product conditions, their check page and service, the shipment advisory, the technical sheet."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from bourseflux.legal import BYPRODUCT_CONDITIONS, is_green_listed, shipment_advisory
from bourseflux.models import Flow
from bourseflux.services.legal import record_byproduct_check
from circuito.audit.models import AuditEntry
from tests.bourseflux.factories import EwcCodeFactory, FlowFactory, SiteFactory

pytestmark = pytest.mark.django_db

KEYS = [c.key for c in BYPRODUCT_CONDITIONS]


def all_met(how: str = "Contrat avec la cidrerie voisine") -> dict:
    return {key: {"met": True, "how": how} for key in KEYS} | {"intended_use": "Alimentation animale"}


@pytest.fixture
def flow(org_people):
    return FlowFactory(
        site=SiteFactory(organisation=org_people.organisation),
        commercial_name="Marc de pommes Savoie",
        status=Flow.Status.DRAFT,
    )


ADVISORY_MSGID = (
    "Advisory only: this is not a legal opinion. Check with the competent authorities (DREAL in France, "
    "the Region or ARPA in Italy) before any exchange."
)
NOTIFICATION_MSGID = (
    "Shipping this %(reason)s between France and Italy needs prior written notification to, and "
    "consent from, the competent authorities of both countries before it leaves, under "
    "Regulation (EU) 2024/1157 (from 21 May 2026; until then Regulation (EC) 1013/2006). The "
    "notification and the movement documents go through the EU's digital system (DIWASS)."
)
GREEN_MSGID = (
    "Green-listed waste (entry %(entry)s, Annex %(annex)s of Regulation (EU) 2024/1157) sent for "
    "recovery (%(operation)s) between France and Italy travels with the Annex VII information "
    "document, signed by the sender and the recipient, and a contract for its recovery (from 21 May "
    "2026; until then Regulation (EC) 1013/2006), through the EU's digital system (DIWASS). The entry "
    "is matched from the waste's code: check that the waste fits its wording."
)


def fr(msgid: str, **params) -> str:
    """The message in French, the language active in the tests."""
    with translation.override("fr"):
        text = gettext(msgid)
    return text % params if params else text


def url(name: str, flow: Flow) -> str:
    with translation.override("fr"):
        return reverse(f"bourseflux:{name}", args=[flow.pk])


def test_four_conditions_cite_the_four_texts():
    assert len(BYPRODUCT_CONDITIONS) == 4
    for condition in BYPRODUCT_CONDITIONS:
        assert "2008/98" in str(condition.directive)
        assert "L541-4-2" in str(condition.france)
        assert "184-bis" in str(condition.italy) and "264/2016" in str(condition.italy)


def test_record_check_saves_answers_and_audits(flow, org_people):
    record_byproduct_check(flow, actor=org_people.owner, answers=all_met())
    flow.refresh_from_db()
    assert flow.legal_check["status"] == "met"
    assert flow.legal_check["intended_use"] == "Alimentation animale"
    assert AuditEntry.objects.filter(action="flow.byproduct_check", object_id=str(flow.pk)).exists()


def test_record_check_requires_every_answer_and_how(flow, org_people):
    answers = all_met()
    del answers["lawful_use"]
    answers["certain_use"]["how"] = " "
    with pytest.raises(ValidationError) as error:
        record_byproduct_check(flow, actor=org_people.owner, answers=answers)
    assert set(error.value.message_dict) == {"lawful_use", "certain_use"}
    flow.refresh_from_db()
    assert flow.legal_check == {}


def test_check_applies_to_by_products_only(org_people):
    waste = FlowFactory(site__organisation=org_people.organisation, nature=Flow.Nature.WASTE, ewc=EwcCodeFactory())
    with pytest.raises(ValidationError):
        record_byproduct_check(waste, actor=org_people.owner, answers=all_met())


def _post_data(met: bool = True) -> dict:
    data = {"intended_use": "Compost"}
    for key in KEYS:
        data[f"{key}_met"] = "yes"
        data[f"{key}_how"] = "Pressage des pommes"
    if not met:
        data["lawful_use_met"] = "no"
    return data


def test_owner_answers_on_the_page_and_sees_waste_warning(client, flow, org_people):
    client.force_login(org_people.colleague)
    page = client.get(url("flow_byproduct_check", flow))
    html = page.content.decode()
    assert page.status_code == 200 and "2008/98" in html
    assert escape(fr("Article 5 of Directive 2008/98/EC on waste")) in html
    response = client.post(url("flow_byproduct_check", flow), _post_data(met=False), follow=True)
    assert response.status_code == 200
    flow.refresh_from_db()
    assert flow.legal_check["conditions"]["lawful_use"]["met"] is False
    expected = fr("At least one condition is not met: the material must be managed as waste.")
    assert escape(expected) in response.content.decode()


def test_page_shows_errors_and_saves_nothing(client, flow, org_people):
    client.force_login(org_people.owner)
    data = _post_data()
    data["direct_use_how"] = ""
    response = client.post(url("flow_byproduct_check", flow), data)
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    flow.refresh_from_db()
    assert flow.legal_check == {}


def test_outsider_refused_and_anonymous_redirected(client, flow, org_people):
    flow.status = Flow.Status.PUBLISHED
    flow.save(update_fields=["status"])
    client.force_login(org_people.outsider)
    assert client.get(url("flow_byproduct_check", flow)).status_code == 403
    assert client.post(url("flow_byproduct_check", flow), _post_data()).status_code == 403
    client.logout()
    response = client.get(url("flow_byproduct_check", flow))
    assert response.status_code == 302 and "login" in response["Location"]
    flow.refresh_from_db()
    assert flow.legal_check == {}


def _waste(country_code: str = "FR", **kwargs) -> Flow:
    return FlowFactory(nature=Flow.Nature.WASTE, **kwargs)


def test_advisory_for_green_listed_waste_sent_for_recovery():
    flow = _waste(
        ewc=EwcCodeFactory(code="12 01 01", label_fr="limaille", label_it="limatura"), recovery_operation="R4"
    )
    assert is_green_listed(flow)
    text = shipment_advisory(flow, "IT")
    assert "2024/1157" in text and "DIWASS" in text and "R4" in text
    green = fr(GREEN_MSGID, entry="B1010", annex="III", operation="R4")
    assert text == f"{green} {fr(ADVISORY_MSGID)}"


def test_advisory_for_hazardous_or_disposal_needs_notification():
    hazardous = _waste(ewc=EwcCodeFactory(code="16 06 01", hazardous=True), recovery_operation="R4")
    text = shipment_advisory(hazardous, "IT")
    assert "2024/1157" in text and "DIWASS" in text
    assert text == f"{fr(NOTIFICATION_MSGID, reason=fr('hazardous waste'))} {fr(ADVISORY_MSGID)}"
    disposal = _waste(ewc=EwcCodeFactory(code="12 01 01"), recovery_operation="D1")
    reason = fr("waste sent for disposal (%(operation)s)", operation="D1")
    assert shipment_advisory(disposal, "IT") == f"{fr(NOTIFICATION_MSGID, reason=reason)} {fr(ADVISORY_MSGID)}"


def test_no_advisory_within_one_country_or_for_by_products():
    waste = _waste(ewc=EwcCodeFactory(code="12 01 01"), recovery_operation="R4")
    assert shipment_advisory(waste, "FR") is None
    assert shipment_advisory(FlowFactory(), "IT") is None
    unknown = _waste(ewc=EwcCodeFactory(code="02 03 04"))
    assert shipment_advisory(unknown, "IT").endswith(fr(ADVISORY_MSGID))


def test_technical_sheet_pdf(client, flow, org_people):
    record_byproduct_check(flow, actor=org_people.owner, answers=all_met())
    client.force_login(org_people.owner)
    for lang in ("fr", "it"):
        response = client.get(url("flow_technical_sheet", flow), {"lang": lang})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF") and len(response.content) > 2000
        assert b"Marc de pommes Savoie" in response.content  # in the document's title and subject
        assert f"-{lang}.pdf" in response["Content-Disposition"]


def test_technical_sheet_of_a_draft_is_hidden_from_others(client, flow, org_people):
    client.force_login(org_people.outsider)
    assert client.get(url("flow_technical_sheet", flow)).status_code == 404
    client.logout()
    assert client.get(url("flow_technical_sheet", flow)).status_code == 404


def test_technical_sheet_of_a_published_by_product_is_public(client, flow):
    flow.status = Flow.Status.PUBLISHED
    flow.save(update_fields=["status"])
    response = client.get(url("flow_technical_sheet", flow))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_technical_sheet_follows_quantity_confidentiality(client, flow, org_people, monkeypatch):
    import bourseflux.views.reference as views

    seen = {}

    def fake_render(flow, *, language, show_quantities, show_company=True):
        seen[language] = show_quantities
        return b"%PDF-fake"

    monkeypatch.setattr(views, "render_technical_sheet", fake_render)
    flow.status, flow.quantity_visibility = Flow.Status.PUBLISHED, Flow.Visibility.FACILITATORS
    flow.save(update_fields=["status", "quantity_visibility"])
    client.get(url("flow_technical_sheet", flow), {"lang": "it"})
    client.force_login(org_people.owner)
    client.get(url("flow_technical_sheet", flow), {"lang": "fr"})
    assert seen == {"it": False, "fr": True}


def test_quantity_line_of_the_sheet():
    from bourseflux.technical_sheet import _quantity

    flow = FlowFactory()
    with translation.override("fr"):
        assert "120" in _quantity(flow, True)
        assert "120" not in _quantity(flow, False)


def test_technical_sheet_only_for_by_products(client, org_people):
    waste = FlowFactory(nature=Flow.Nature.WASTE, ewc=EwcCodeFactory())
    assert client.get(url("flow_technical_sheet", waste)).status_code == 404
