"""Expenditure services and selectors: period checks, negative amounts (form, service and
database), the over-budget flag, the all-or-nothing declaration, implementing bodies' roll-up,
budgets and co-financing rates, supporting documents."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, translation
from django.utils.translation import gettext

from circuito.audit.models import AuditEntry
from reporting import periods
from reporting.forms_expenditure import ExpenditureLineForm
from reporting.models import CostCategory, ExpenditureLine, PartnerFinance
from reporting.selectors_expenditure import burn_against_time, partner_figures, time_elapsed
from reporting.services import expenditure as services
from tests.reporting.factories_expenditure import (  # noqa: F401
    PDF,
    PNG,
    crowd,
    document_storage,
    make_line,
    pdf,
    set_budget,
    today,
)
from tests.reporting.factories_structure import org, outsider, structure  # noqa: F401

pytestmark = pytest.mark.django_db


def _save(actor, **values):
    data = {
        "partner": org("PACA"),
        "period": 2,
        "category": CostCategory.STAFF,
        "date_incurred": datetime.date(2019, 9, 2),
        "description": "Salaire chargé de mission",
        "amount": Decimal("1200.00"),
    }
    data.update(values)
    return services.save_line(None, **data, actor=actor)


def _messages(exc: pytest.ExceptionInfo, field: str) -> list[str]:
    return exc.value.message_dict[field]


def test_line_saved_as_draft_with_audit(crowd):  # noqa: F811
    saved = _save(crowd["owner"], document=pdf())
    line = saved.line
    assert (line.status, line.partner, line.entered_by_organisation) == ("draft", org("PACA"), org("PACA"))
    assert line.document_name == "facture.pdf" and line.document.read().startswith(b"%PDF")
    assert saved.warning == ""
    assert AuditEntry.objects.filter(action="reporting.expenditure_create", object_id=str(line.pk)).exists()


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_date_outside_the_period_is_refused_with_the_period_dates(crowd, lang):  # noqa: F811
    with translation.override(lang):
        with pytest.raises(ValidationError) as exc:
            _save(crowd["owner"], period=2, date_incurred=datetime.date(2019, 3, 4))
        expected = gettext(
            "The date %(date)s is outside %(period)s, which runs from %(start)s to %(end)s: "
            "correct the date or choose the period it belongs to."
        ) % {
            "date": formats.date_format(datetime.date(2019, 3, 4), "SHORT_DATE_FORMAT"),
            "period": periods.semester(2).label,
            "start": formats.date_format(datetime.date(2019, 7, 1), "SHORT_DATE_FORMAT"),
            "end": formats.date_format(datetime.date(2019, 12, 31), "SHORT_DATE_FORMAT"),
        }
        assert _messages(exc, "date_incurred") == [expected]
    assert not ExpenditureLine.objects.exists()


def test_period_not_started_is_refused(crowd):  # noqa: F811
    with pytest.raises(ValidationError) as exc:
        _save(crowd["owner"], period=4, date_incurred=datetime.date(2020, 7, 10))
    with translation.override("fr"):
        assert _messages(exc, "period") == [
            gettext("%(period)s has not started yet (it starts on %(start)s): it cannot be reported on before then.")
            % {
                "period": periods.semester(4).label,
                "start": formats.date_format(datetime.date(2020, 7, 1), "SHORT_DATE_FORMAT"),
            }
        ]
    assert not ExpenditureLine.objects.exists()


def test_future_date_in_the_current_period_is_refused(crowd):  # noqa: F811
    with pytest.raises(ValidationError) as exc:
        _save(crowd["owner"], period=3, date_incurred=datetime.date(2020, 3, 1))
    assert "date_incurred" in exc.value.message_dict


@pytest.mark.parametrize("amount", [Decimal("-10.00"), Decimal("0")])
def test_negative_or_zero_amount_is_refused_by_service_and_form(crowd, amount):  # noqa: F811
    with pytest.raises(ValidationError) as exc:
        _save(crowd["owner"], amount=amount)
    with translation.override("fr"):
        message = gettext("Enter an amount greater than zero, in euros: expenditure cannot be negative.")
    assert _messages(exc, "amount") == [message]
    form = ExpenditureLineForm(
        {
            "period": "2",
            "category": "staff",
            "date_incurred": "2019-09-02",
            "description": "x",
            "amount": str(amount),
        }
    )
    assert not form.is_valid() and form.errors["amount"] == [message]
    assert form.data["amount"] == str(amount)  # what the user typed is kept


def test_negative_amount_is_refused_by_the_database(crowd):  # noqa: F811
    with pytest.raises(IntegrityError), transaction.atomic():
        make_line(amount=Decimal("-1.00"))


def test_over_budget_is_saved_but_flagged(crowd):  # noqa: F811
    first = _save(crowd["owner"], category=CostCategory.TRAVEL, amount=Decimal("1500.00"))
    assert first.warning == ""
    second = _save(crowd["owner"], category=CostCategory.TRAVEL, amount=Decimal("800.00"))
    assert ExpenditureLine.objects.count() == 2
    with translation.override("fr"):
        expected = gettext(
            "Over budget: %(partner)s has now recorded %(total)s € in “%(category)s” for a budget of %(budget)s €. "
            "The line is saved; explain the difference to the lead partner or ask for a budget change."
        ) % {
            "partner": "PACA",
            "total": formats.number_format(Decimal("2300.00"), 2, use_l10n=True, force_grouping=True),
            "category": gettext("Travel and accommodation"),
            "budget": formats.number_format(Decimal("2000.00"), 2, use_l10n=True, force_grouping=True),
        }
    assert second.warning == expected
    (figures,) = partner_figures([org("PACA").pk], drafts_of=[org("PACA").pk])
    assert [c.category for c in figures.over_budget] == ["travel"]
    # Drafts do not count for readers who may not see them.
    (public,) = partner_figures([org("PACA").pk])
    assert public.over_budget == [] and public.declared == 0


def test_only_the_partners_staff_record_its_lines(crowd):  # noqa: F811
    for who in ("other", "lead", "outsider"):
        with pytest.raises(PermissionDenied):
            _save(crowd[who])
    assert not ExpenditureLine.objects.exists()


def test_implementing_body_lines_roll_up_under_the_partner(crowd):  # noqa: F811
    line = _save(crowd["colleague"], amount=Decimal("300.00")).line
    assert line.partner == org("PACA") and line.entered_by_organisation == org("CCIR-PACA")
    services.declare_period(org("PACA"), 2, actor=crowd["colleague"])
    make_line(status="declared", amount=Decimal("200.00"))
    (figures,) = partner_figures([org("PACA").pk])
    assert figures.declared == Decimal("500.00") and figures.periods == {2: Decimal("500.00")}
    assert figures.burn_rate == pytest.approx(500 / 12000)
    assert figures.erdf_share == Decimal("425.00") and figures.national_share == Decimal("75.00")


def test_declaration_moves_every_draft_of_the_period(crowd):  # noqa: F811
    a, b = _save(crowd["owner"]).line, _save(crowd["owner"], amount=Decimal("5.00")).line
    other_period = make_line(period=1)
    mnca = make_line("MNCA")
    assert services.declare_period(org("PACA"), 2, actor=crowd["owner"]) == 2
    statuses = dict(ExpenditureLine.objects.values_list("pk", "status"))
    assert statuses == {a.pk: "declared", b.pk: "declared", other_period.pk: "draft", mnca.pk: "draft"}
    entry = AuditEntry.objects.get(action="reporting.expenditure_declare")
    assert sorted(entry.changes["lines"]) == sorted([a.pk, b.pk])
    with pytest.raises(ValidationError):  # declared lines cannot change any more
        services.save_line(
            a,
            partner=org("PACA"),
            period=2,
            category="staff",
            date_incurred=datetime.date(2019, 9, 2),
            description="x",
            amount=Decimal("1.00"),
            actor=crowd["owner"],
        )


def test_declaration_is_all_or_nothing(crowd):  # noqa: F811
    good = _save(crowd["owner"]).line
    bad = make_line(date_incurred=datetime.date(2019, 2, 1))  # slipped in outside the period
    with pytest.raises(ValidationError):
        services.declare_period(org("PACA"), 2, actor=crowd["owner"])
    assert set(ExpenditureLine.objects.values_list("status", flat=True)) == {"draft"}
    assert not AuditEntry.objects.filter(action="reporting.expenditure_declare").exists()
    bad.delete()
    assert services.declare_period(org("PACA"), 2, actor=crowd["owner"]) == 1
    good.refresh_from_db()
    assert good.status == "declared" and good.declared_at is not None


def test_declaring_an_empty_or_future_period_is_refused(crowd):  # noqa: F811
    with pytest.raises(ValidationError):
        services.declare_period(org("PACA"), 2, actor=crowd["owner"])
    with pytest.raises(ValidationError):
        services.declare_period(org("PACA"), 4, actor=crowd["owner"])


@pytest.mark.parametrize(
    ("name", "content"),
    [("facture.docx", b"PK\x03\x04" + b"\x00" * 40), ("script.pdf", b"#!/bin/sh\necho"), ("photo.png", PNG)],
)
def test_document_types(crowd, name, content):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content)
    if name == "photo.png":
        assert _save(crowd["owner"], document=upload).line.document_name == "photo.png"
        return
    with pytest.raises(ValidationError) as exc:
        _save(crowd["owner"], document=upload)
    assert "document" in exc.value.message_dict
    assert not ExpenditureLine.objects.exists()


def test_document_size_limit(crowd):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("gros.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        _save(crowd["owner"], document=big)
    assert "10" in exc.value.message_dict["document"][0]


def test_budget_and_rates_by_the_lead_partner(crowd):  # noqa: F811
    amounts = {c: Decimal("1000.00") for c in CostCategory.values}
    services.save_budget(
        org("MNCA"), amounts=amounts, erdf_rate=Decimal("0.85"), national_rate=Decimal("0.15"), actor=crowd["lead"]
    )
    finance = PartnerFinance.objects.get(partner=org("MNCA"))
    assert (finance.erdf_rate, finance.national_rate) == (Decimal("0.85"), Decimal("0.15"))
    (figures,) = partner_figures([org("MNCA").pk])
    assert figures.budget == Decimal("5000.00")
    assert AuditEntry.objects.filter(action="reporting.budget_update").exists()
    with pytest.raises(ValidationError) as exc:
        services.save_budget(
            org("MNCA"), amounts=amounts, erdf_rate=Decimal("0.90"), national_rate=Decimal("0.15"), actor=crowd["lead"]
        )
    assert "national_rate" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.save_budget(
            org("MNCA"),
            amounts={**amounts, "staff": Decimal("-1")},
            erdf_rate=Decimal("0.85"),
            national_rate=Decimal("0.15"),
            actor=crowd["lead"],
        )
    with pytest.raises(PermissionDenied):
        services.save_budget(
            org("PACA"), amounts=amounts, erdf_rate=Decimal("1"), national_rate=Decimal("0"), actor=crowd["owner"]
        )


def test_time_elapsed(today):  # noqa: F811
    assert time_elapsed() == pytest.approx(14 / 30)
    assert time_elapsed(datetime.date(2018, 5, 1)) == 0.0
    assert time_elapsed(datetime.date(2026, 1, 1)) == 1.0


def test_burn_against_time():
    assert burn_against_time(0.25, 0.5) == 0.5
    assert burn_against_time(None, 0.5) is None and burn_against_time(0.3, 0.0) is None
