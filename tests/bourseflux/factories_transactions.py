"""Test data for deals: a synergy carried to "implemented" and its transaction, recorded through
the services as the parties would."""

import datetime

from django.utils import timezone

from bourseflux.models import Synergy, Transaction
from bourseflux.services import synergies as synergy_services
from bourseflux.services import transactions as services
from tests.bourseflux.factories_synergies import Side


def implemented(offer: Side, need: Side) -> Synergy:
    synergy = synergy_services.express_interest(actor=need.owner, offer=offer.flow, need=need.flow)
    synergy_services.change_stage(synergy, actor=offer.owner, to_stage=Synergy.Stage.DISCUSSION)
    return synergy_services.change_stage(synergy, actor=need.owner, to_stage=Synergy.Stage.IMPLEMENTED)


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def deal_data(**overrides) -> dict:
    return {
        "material": "Marc de pommes",
        "quantity": "20",
        "unit": "t",
        "period": Transaction.Period.MONTH,
        "pricing": Transaction.Pricing.PRICED,
        "price_eur": "15.50",
        "starts_on": days_ago(90),
        "ends_on": "",
        "logistics": Transaction.Logistics.CARRIER,
        "transport": "truck",
        "carrier": "Transports Alpins",
        **overrides,
    }


def deal(synergy: Synergy, actor, **overrides) -> Transaction:
    return services.record_transaction(synergy, actor=actor, data=deal_data(**overrides))


def two_periods(transaction: Transaction, actor, first="18", second="22.5") -> None:
    services.record_actual_quantity(
        transaction, actor=actor, period_start=days_ago(90), period_end=days_ago(61), quantity=first
    )
    services.record_actual_quantity(
        transaction, actor=actor, period_start=days_ago(60), period_end=days_ago(31), quantity=second
    )
