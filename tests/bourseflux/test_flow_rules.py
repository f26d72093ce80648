"""Each named rule of a valid flow (FLOW_RULES): a valid value passes, each kind of mistake gives
its message on the field the form shows it beside."""

import datetime
from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bourseflux.models import Flow
from bourseflux.services import flows as rules
from bourseflux.services.flows import FLOW_RULES, draft_flow, validate_flow_data
from circuito.nace.models import NaceActivity
from tests.bourseflux.factories import EwcCodeFactory, SiteFactory
from tests.bourseflux.factories_flows import company_at_commune, pdf, photo, valid_data
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

BY_PRODUCT = {"nature": Flow.Nature.BY_PRODUCT, "ewc": None}
PRICED = {"price_kind": Flow.Price.PRICED}
TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def _cider() -> NaceActivity:
    return NaceActivity.objects.create(code="11.03", level="class", label="Fabrication de cidre")


class Case(NamedTuple):
    rule: Callable
    overrides: dict[str, Any] | Callable[[], dict[str, Any]]
    field: str | None  # the field the rule puts its message on; None: the rule passes
    organisation: Callable[[], Any] = company_at_commune


CASES = [
    Case(rules.choices_known, {}, None),
    Case(rules.choices_known, {"unit": "tonnes"}, "unit"),
    Case(rules.choices_known, {"price_kind": "cheap"}, "price_kind"),
    Case(rules.direction_given, {}, None),
    Case(rules.direction_given, {"direction": ""}, "direction"),
    Case(rules.nature_given, {}, None),
    Case(rules.nature_given, {"nature": None}, "nature"),
    Case(rules.title_given, {"title_fr": "", "title_it": "Vinaccia"}, None),
    Case(rules.title_given, {"title_fr": "   "}, "title_fr"),
    Case(rules.texts_within_limits, {"title_it": "x" * 150}, None),
    Case(rules.texts_within_limits, {"logistics": "x" * 251}, "logistics"),
    Case(rules.texts_within_limits, {"packaging": "x" * 151}, "packaging"),
    Case(rules.ewc_code_known, {"ewc": "02 03 04"}, None),
    Case(rules.ewc_code_known, {"ewc": "999999"}, "ewc"),
    Case(rules.ewc_code_known, lambda: {"ewc": str(EwcCodeFactory(code="02 03", level=2).pk)}, "ewc"),  # a sub-chapter
    Case(rules.activity_code_known, lambda: {"nace": _cider()}, None),
    Case(rules.activity_code_known, {"nace": "99.99"}, "nace"),
    Case(rules.waste_has_ewc_code, {}, None),
    Case(rules.waste_has_ewc_code, {"ewc": None}, "ewc"),
    Case(rules.waste_has_ewc_code, {"ewc": "999999"}, None),  # the unknown code has its own message
    Case(rules.by_product_has_no_ewc_code, BY_PRODUCT, None),
    Case(rules.by_product_has_no_ewc_code, {"nature": Flow.Nature.BY_PRODUCT}, "ewc"),
    Case(
        rules.by_product_has_no_ewc_code,
        lambda: {"nature": Flow.Nature.BY_PRODUCT, "ewc": EwcCodeFactory(code="16 06 01", hazardous=True)},
        "ewc",
    ),
    Case(rules.no_ewc_code_without_matter, {"nature": Flow.Nature.MATERIAL}, None),
    Case(rules.no_ewc_code_without_matter, {"nature": Flow.Nature.ENERGY}, "ewc"),
    Case(rules.no_ewc_code_without_matter, {"nature": Flow.Nature.WATER}, "ewc"),
    Case(rules.by_product_offer_has_activity, lambda: {**BY_PRODUCT, "nace": _cider()}, None),
    Case(rules.by_product_offer_has_activity, BY_PRODUCT, None, lambda: company_at_commune(nace=_cider())),
    Case(rules.by_product_offer_has_activity, {**BY_PRODUCT, "direction": Flow.Direction.NEED}, None),
    Case(rules.by_product_offer_has_activity, BY_PRODUCT, "nace"),
    Case(rules.operation_known_for_waste, {"recovery_operation": "r 3"}, None),
    Case(rules.operation_known_for_waste, {"recovery_operation": "R14"}, "recovery_operation"),
    Case(
        rules.operation_known_for_waste,
        {"nature": Flow.Nature.MATERIAL, "recovery_operation": "R3"},
        "recovery_operation",
    ),
    Case(rules.category_known_or_inferred, {"category": None}, None),  # inferred from 02 03 04
    Case(rules.category_known_or_inferred, {"category": "no-such-category"}, "category"),
    Case(
        rules.category_known_or_inferred,
        {"nature": Flow.Nature.MATERIAL, "ewc": None, "category": None},
        "category",
    ),
    Case(rules.physical_state_given, {"nature": Flow.Nature.ENERGY, "physical_state": ""}, None),
    Case(rules.physical_state_given, {"physical_state": ""}, "physical_state"),
    Case(rules.quantity_plausible, {"quantity": "", "unit": ""}, None),
    Case(rules.quantity_plausible, {"quantity": "12,5"}, None),
    Case(rules.quantity_plausible, {"quantity": "douze"}, "quantity"),
    Case(rules.quantity_plausible, {"quantity": "0"}, "quantity"),
    Case(rules.quantity_plausible, {"unit": ""}, "unit"),
    Case(rules.quantity_plausible, {"frequency": ""}, "frequency"),
    Case(rules.quantity_plausible, {"quantity": "50000", "frequency": Flow.Frequency.DAY}, "quantity"),
    Case(rules.price_consistent, {**PRICED, "price_eur": "35"}, None),
    Case(rules.price_consistent, {"price_kind": Flow.Price.FREE, "price_eur": "-3"}, "price_eur"),
    Case(rules.price_consistent, PRICED, "price_eur"),
    Case(rules.price_consistent, {**PRICED, "price_eur": "-3"}, "price_eur"),
    Case(rules.price_consistent, {**PRICED, "price_eur": "35", "unit": ""}, "price_unit"),
    Case(rules.months_ticked, {"months": ["3", "4"]}, None),
    Case(rules.months_ticked, {"season_mask": 0}, "months"),
    Case(rules.expiry_in_future, {"expires_on": TOMORROW}, None),
    Case(rules.expiry_in_future, {"expires_on": "31/12/2026"}, "expires_on"),
    Case(rules.expiry_in_future, {"expires_on": "2000-01-01"}, "expires_on"),
    Case(rules.site_of_organisation, {}, None),
    Case(rules.site_of_organisation, {"site": "main"}, "site"),
    Case(rules.site_of_organisation, lambda: {"site": SiteFactory()}, "site"),
    Case(rules.site_of_organisation, {}, "site", OrganisationFactory),  # no site, no commune
    Case(rules.attachments_accepted, lambda: {"photos": [photo()], "documents": [pdf()]}, None),
    Case(rules.attachments_accepted, lambda: {"photos": [pdf()]}, "photos"),
]


def _fields_added_by(case: Case) -> tuple[set[str], dict[str, Any]]:
    """The fields `case.rule` puts a message on, the rules before it having run (a rule relies on
    the values they cleaned), and the cleaned values."""
    organisation = case.organisation()
    overrides = case.overrides() if callable(case.overrides) else case.overrides
    draft = draft_flow(valid_data(**overrides), organisation=organisation)
    for rule in FLOW_RULES[: FLOW_RULES.index(case.rule)]:
        rule(draft)
    before = {field: len(messages) for field, messages in draft.errors.items()}
    case.rule(draft)
    added = {field for field, messages in draft.errors.items() if len(messages) > before.get(field, 0)}
    for field in added:
        assert all(message.strip() for message in draft.errors[field])
    return added, draft.cleaned


@pytest.mark.parametrize(
    "case",
    CASES,
    ids=[f"{case.rule.__name__}-{case.field or 'valid'}-{n}" for n, case in enumerate(CASES)],
)
def test_rule_puts_its_message_on_the_right_field(case):
    added, _cleaned = _fields_added_by(case)
    assert added == ({case.field} if case.field else set())


def test_every_rule_that_can_refuse_is_pinned():
    pinned = {case.rule for case in CASES if case.field}
    assert set(FLOW_RULES) - pinned == {rules.by_product_offer_named}  # fills a default, never refuses


def test_rules_normalise_what_they_accept():
    _added, cleaned = _fields_added_by(Case(rules.operation_known_for_waste, {"recovery_operation": "r 3"}, None))
    assert cleaned["recovery_operation"] == "R3"
    cider = _cider()
    _added, cleaned = _fields_added_by(
        Case(rules.by_product_offer_has_activity, BY_PRODUCT, None, lambda: company_at_commune(nace=cider))
    )
    assert cleaned["nace"] == cider
    _added, cleaned = _fields_added_by(Case(rules.by_product_offer_named, BY_PRODUCT, None))
    assert cleaned["commercial_name"] == "Marc de pommes"
    _added, cleaned = _fields_added_by(Case(rules.price_consistent, {"price_eur": "35"}, None))
    assert (cleaned["price_eur"], cleaned["price_unit"]) == (None, "")  # no amount unless priced


def test_messages_come_in_the_order_of_the_rules():
    with pytest.raises(ValidationError) as caught:
        validate_flow_data(
            valid_data(direction="", title_fr="", ewc=None, quantity="douze"), organisation=company_at_commune()
        )
    assert list(caught.value.message_dict) == ["direction", "title_fr", "ewc", "quantity"]
