"""The deal of a synergy: its record (parties, material, quantity per period, price, dates,
logistics), its private documents, the actual quantities per period; who may see and write them
(owner, colleague, the other party and facilitators; an outsider is refused) on pages and API."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from bourseflux import impact
from bourseflux.models import ActualQuantity, Synergy, Transaction, TransactionDocument
from bourseflux.services import synergies as synergy_services
from bourseflux.services import transactions as services
from circuito.audit.models import AuditEntry
from tests.bourseflux import factories_synergies as fs
from tests.bourseflux import factories_transactions as ft
from tests.bourseflux.factories_flows import pdf, photo
from tests.bourseflux.factories_synergies import french_need, italian_offer
from tests.factories import MembershipFactory

facilitator = fs.facilitator
need_side = fs.need_side
offer_side = fs.offer_side

pytestmark = pytest.mark.django_db


@pytest.fixture
def synergy(offer_side, need_side):
    return ft.implemented(offer_side, need_side)


@pytest.fixture
def deal(synergy, need_side):
    return ft.deal(synergy, need_side.owner)


@pytest.fixture
def outsider(db):
    return MembershipFactory().user


# --- services ------------------------------------------------------------------------------------


def test_recording_the_deal_copies_the_parties_and_is_audited(deal, offer_side, need_side):
    assert (deal.supplier, deal.receiver) == (offer_side.organisation, need_side.organisation)
    assert deal.price_eur == Decimal("15.50") and deal.carrier == "Transports Alpins"
    entry = AuditEntry.objects.get(action="transaction.create")
    assert entry.actor == need_side.owner and entry.changes["quantity"] == "20.000"


def test_every_field_to_fix_is_named_and_nothing_is_saved(synergy, need_side):
    bad = ft.deal_data(
        material="",
        quantity="-3",
        unit="barrels",
        pricing="priced",
        price_eur="",
        ends_on=ft.days_ago(200),
        logistics="carrier",
        carrier="",
        ewc="99 99 99",
    )
    with pytest.raises(ValidationError) as error:
        services.record_transaction(synergy, actor=need_side.owner, data=bad)
    assert set(error.value.message_dict) == {
        "material",
        "quantity",
        "unit",
        "price_eur",
        "ends_on",
        "carrier",
        "ewc",
    }
    assert not Transaction.objects.exists()


def test_free_of_charge_keeps_no_price_and_a_proposed_synergy_has_no_deal(offer_side, need_side):
    lead = synergy_services.express_interest(actor=need_side.owner, offer=offer_side.flow, need=need_side.flow)
    with pytest.raises(ValidationError):
        ft.deal(lead, need_side.owner)
    synergy_services.change_stage(lead, actor=offer_side.owner, to_stage=Synergy.Stage.DISCUSSION)
    synergy_services.change_stage(lead, actor=offer_side.owner, to_stage=Synergy.Stage.TRIAL)
    free = ft.deal(lead, offer_side.owner, pricing="free", price_eur="99")
    assert free.price_eur is None


def test_an_outsider_may_not_record_anything(synergy, deal, outsider):
    with pytest.raises(PermissionDenied):
        ft.deal(synergy, outsider)
    with pytest.raises(PermissionDenied):
        services.record_actual_quantity(
            deal, actor=outsider, period_start=ft.days_ago(30), period_end=ft.days_ago(1), quantity="5"
        )
    with pytest.raises(PermissionDenied):
        services.add_document(deal, actor=outsider, kind="contract", file=pdf())


def test_actual_quantities_give_tonnes_euros_and_co2e(deal, offer_side, synergy):
    ft.two_periods(deal, offer_side.colleague, first="18", second="22.5")
    first, second = deal.actuals.all()
    assert (first.tonnes, second.tonnes) == (18.0, 22.5)
    assert (first.amount_eur, second.amount_eur) == (Decimal("279.00"), Decimal("348.75"))
    assert first.co2e_avoided_t == impact.co2e_avoided_t(18, "organic", "truck", synergy.distance_km)
    # Correcting the deal's price recomputes what the periods are worth.
    services.record_transaction(synergy, actor=offer_side.owner, data=ft.deal_data(price_eur="10"))
    assert sorted(a.amount_eur for a in deal.actuals.all()) == [Decimal("180.00"), Decimal("225.00")]
    assert AuditEntry.objects.filter(action="transaction.update").count() == 1


def test_kilograms_become_tonnes_and_other_units_count_no_tonnes(synergy, need_side):
    deal = ft.deal(synergy, need_side.owner, unit="kg")
    actual = services.record_actual_quantity(
        deal, actor=need_side.owner, period_start=ft.days_ago(60), period_end=ft.days_ago(31), quantity="2500"
    )
    assert actual.tonnes == 2.5
    deal = services.record_transaction(synergy, actor=need_side.owner, data=ft.deal_data(unit="m3"))
    actual.refresh_from_db()
    assert actual.tonnes is None and actual.co2e_avoided_t == 0 and actual.amount_eur == Decimal("38750.00")


@pytest.mark.parametrize(
    "start, end, quantity, field",
    [
        (ft.days_ago(100), ft.days_ago(70), "5", "period_start"),  # before the deal starts
        (ft.days_ago(10), ft.days_ago(20), "5", "period_end"),  # ends before it starts
        (ft.days_ago(-5), ft.days_ago(-35), "5", "period_start"),  # not started yet
        (ft.days_ago(30), ft.days_ago(1), "-1", "quantity"),
        (ft.days_ago(30), ft.days_ago(1), "lots", "quantity"),
        ("30/01/2026", ft.days_ago(1), "5", "period_start"),
    ],
)
def test_bad_periods_are_refused_with_the_field_to_fix(deal, need_side, start, end, quantity, field):
    with pytest.raises(ValidationError) as error:
        services.record_actual_quantity(
            deal, actor=need_side.owner, period_start=start, period_end=end, quantity=quantity
        )
    assert field in error.value.message_dict
    assert not ActualQuantity.objects.exists()


def test_overlapping_periods_are_refused_and_the_same_period_is_corrected(deal, need_side):
    ft.two_periods(deal, need_side.owner)
    with pytest.raises(ValidationError) as error:
        services.record_actual_quantity(
            deal, actor=need_side.owner, period_start=ft.days_ago(70), period_end=ft.days_ago(40), quantity="1"
        )
    assert "period_start" in error.value.message_dict
    services.record_actual_quantity(
        deal, actor=need_side.owner, period_start=ft.days_ago(60), period_end=ft.days_ago(31), quantity="30"
    )
    assert sorted(a.quantity for a in deal.actuals.all()) == [Decimal("18.000"), Decimal("30.000")]
    assert AuditEntry.objects.filter(action="transaction.actual_update").count() == 1


def test_documents_are_checked_for_type_and_size(deal, need_side):
    document = services.add_document(deal, actor=need_side.owner, kind="contract", file=pdf("contrat.pdf"))
    assert document.content_type == "application/pdf" and not document.file.name.endswith("contrat.pdf")
    scan = services.add_document(deal, actor=need_side.owner, kind="transport", file=photo("cmr.png"))
    assert scan.content_type == "image/png"
    from django.core.files.uploadedfile import SimpleUploadedFile

    for bad in (
        SimpleUploadedFile("contrat.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
        pdf("big.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)),
    ):
        with pytest.raises(ValidationError) as error:
            services.add_document(deal, actor=need_side.owner, kind="contract", file=bad)
        assert "file" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.add_document(deal, actor=need_side.owner, kind="invoice", file=pdf())
    assert TransactionDocument.objects.count() == 2


# --- pages ---------------------------------------------------------------------------------------


def _urls(synergy, document=None) -> list[str]:
    urls = [
        reverse("bourseflux:transaction_detail", args=[synergy.pk]),
        reverse("bourseflux:transaction_edit", args=[synergy.pk]),
    ]
    if document:
        urls.append(reverse("bourseflux:transaction_document_download", args=[synergy.pk, document.pk]))
    return urls


def test_parties_colleagues_and_facilitators_see_the_deal_outsiders_get_404(
    client, deal, synergy, offer_side, need_side, facilitator, outsider
):
    document = services.add_document(deal, actor=need_side.owner, kind="contract", file=pdf())
    for url in _urls(synergy, document):
        client.logout()
        assert client.get(url).status_code == 302, url
        for user in (need_side.owner, need_side.colleague, offer_side.owner, facilitator):
            client.force_login(user)
            assert client.get(url).status_code == 200, (url, user)
        client.force_login(outsider)
        assert client.get(url).status_code == 404, url
    posts = {
        reverse("bourseflux:actual_quantity_add", args=[synergy.pk]): {
            "period_start": ft.days_ago(30),
            "period_end": ft.days_ago(1),
            "quantity": "4",
        },
        reverse("bourseflux:transaction_edit", args=[synergy.pk]): ft.deal_data(material="Changé"),
        reverse("bourseflux:transaction_document_add", args=[synergy.pk]): {"kind": "contract", "file": pdf()},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 404, url
    deal.refresh_from_db()
    assert deal.material != "Changé" and not deal.actuals.exists() and deal.documents.count() == 1


def test_a_document_of_another_deal_is_not_served_through_this_one(client, deal, synergy, need_side):
    other_synergy = ft.implemented(italian_offer(), other_need := french_need())
    other = services.add_document(
        ft.deal(other_synergy, other_need.owner), actor=other_need.owner, kind="contract", file=pdf()
    )
    client.force_login(need_side.owner)
    url = reverse("bourseflux:transaction_document_download", args=[synergy.pk, other.pk])
    assert client.get(url).status_code == 404


def test_recording_the_deal_and_quantities_on_the_pages(client, synergy, need_side, offer_side):
    client.force_login(need_side.colleague)
    detail = reverse("bourseflux:transaction_detail", args=[synergy.pk])
    assert client.get(detail).url == reverse("bourseflux:transaction_edit", args=[synergy.pk])  # nothing yet
    form = client.get(reverse("bourseflux:transaction_edit", args=[synergy.pk]))
    assert form.context["form"].initial["material"] == offer_side.flow.title
    refused = client.post(reverse("bourseflux:transaction_edit", args=[synergy.pk]), ft.deal_data(price_eur=""))
    assert refused.status_code == 400 and "price_eur" in refused.context["form"].errors
    saved = client.post(reverse("bourseflux:transaction_edit", args=[synergy.pk]), ft.deal_data())
    assert saved.status_code == 302 and Transaction.objects.filter(synergy=synergy).exists()
    add = reverse("bourseflux:actual_quantity_add", args=[synergy.pk])
    client.force_login(offer_side.owner)  # the other party records the quantities
    for start, end, quantity in ((90, 61, "18"), (60, 31, "22.5")):
        response = client.post(
            add, {"period_start": ft.days_ago(start), "period_end": ft.days_ago(end), "quantity": quantity}
        )
        assert response.status_code == 302
    page = client.get(detail).content.decode()
    assert "data-total-tonnes>40,50<" in page and "data-total-eur>627,75<" in page
    overlap = client.post(add, {"period_start": ft.days_ago(70), "period_end": ft.days_ago(40), "quantity": "1"})
    assert overlap.status_code == 400 and "period_start" in overlap.context["actual_form"].errors
    upload = client.post(
        reverse("bourseflux:transaction_document_add", args=[synergy.pk]), {"kind": "byproduct", "file": pdf()}
    )
    assert upload.status_code == 302
    download = client.get(
        reverse("bourseflux:transaction_document_download", args=[synergy.pk, TransactionDocument.objects.get().pk])
    )
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"
    synergy_page = client.get(reverse("bourseflux:synergy_detail", args=[synergy.pk])).content.decode()
    assert "data-deal-link" in synergy_page


def test_the_italian_pages_show_the_deal(client, deal, offer_side):
    client.force_login(offer_side.owner)
    page = client.get(f"/it{reverse('bourseflux:transaction_detail', args=[deal.synergy_id])[3:]}")
    assert page.status_code == 200 and page.context["LANGUAGE_CODE"] == "it"


# --- API -----------------------------------------------------------------------------------------

BASE = "/api/v1/transactions/"


def test_api_records_the_deal_and_quantities_for_parties_only(synergy, need_side, offer_side, outsider):
    api = APIClient()
    payload = {**ft.deal_data(), "synergy_id": synergy.pk, "starts_on": ft.days_ago(90).isoformat()}
    del payload["ends_on"]
    api.force_authenticate(outsider)
    assert api.post(BASE, payload, format="json").status_code == 404
    api.force_authenticate(need_side.owner)
    created = api.post(BASE, payload, format="json")
    assert created.status_code == 201, created.json()
    deal_id = created.json()["id"]
    bad = api.post(
        f"{BASE}{deal_id}/quantities/", {"period_start": "2001-01-01", "period_end": "2001-01-31", "quantity": 3}
    )
    assert bad.status_code == 400 and "period_start" in bad.json()
    api.force_authenticate(offer_side.colleague)
    ok = api.post(
        f"{BASE}{deal_id}/quantities/",
        {"period_start": ft.days_ago(60).isoformat(), "period_end": ft.days_ago(31).isoformat(), "quantity": "22.5"},
        format="json",
    )
    assert ok.status_code == 201 and ok.json()["amount_eur"] == "348.75"
    api.force_authenticate(outsider)
    assert api.get(f"{BASE}{deal_id}/").status_code == 404
    assert api.get(BASE).json()["count"] == 0
    assert api.post(f"{BASE}{deal_id}/quantities/", {}, format="json").status_code == 404


def test_api_list_query_count_is_constant(facilitator, django_assert_max_num_queries):
    api = APIClient()
    api.force_authenticate(facilitator)

    def add_deal():
        need = french_need()
        deal = ft.deal(ft.implemented(italian_offer(), need), need.owner)
        ft.two_periods(deal, need.owner)

    add_deal()
    with django_assert_max_num_queries(6):
        assert api.get(BASE).json()["count"] == 1
    for _ in range(4):
        add_deal()
    with django_assert_max_num_queries(6):
        data = api.get(BASE).json()
    assert data["count"] == 5 and all(len(d["actuals"]) == 2 for d in data["results"])
    assert timezone.localdate()
