"""Expenditure validation as partners read it (reporting.services.expenditure): every message of a
refused line, document or budget with its exact figures and dates, the boundaries (zero, the
budget reached exactly, 100 % of co-financing), and what is saved, replaced, deleted and audited.
Today is 15 February 2020 (semester 3 runs January–June 2020; semester 4 has not started)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from circuito.audit.models import AuditEntry
from reporting import periods
from reporting.models import CostCategory, ExpenditureLine, PartnerBudget, PartnerFinance
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

OUTSIDE = (
    "The date %(date)s is outside %(period)s, which runs from %(start)s to %(end)s: "
    "correct the date or choose the period it belongs to."
)
NOT_STARTED = "%(period)s has not started yet (it starts on %(start)s): it cannot be reported on before then."
CHOOSE_PERIOD = "Choose one of the project's reporting periods."
NOT_A_DOCUMENT = (
    "The file %(name)s is not a PDF, a JPEG or PNG image or an XLSX spreadsheet: "
    "save it in one of these formats and attach it again."
)
TOO_BIG = "The file %(name)s weighs %(size)s MB: the limit is 10 MB. Reduce its size and attach it again."
OVER_BUDGET = (
    "Over budget: %(partner)s has now recorded %(total)s € in “%(category)s” for a budget of %(budget)s €. "
    "The line is saved; explain the difference to the lead partner or ask for a budget change."
)


def label(index: int) -> str:
    """A semester's label in the active language ("Semestre 2 (mois 7–12)" in French)."""
    return str(periods.semester(index).label)


def t(message: str, **values) -> str:
    """The message as the partner reads it, in the active language."""
    text = translation.gettext(message)
    return text % {k: translation.gettext(v) for k, v in values.items()} if values else text


@pytest.fixture
def owner(crowd):  # noqa: F811
    return crowd["owner"]


def line_errors(actor, **values) -> dict[str, list[str]]:
    """The errors of a new line of PACA refused, nothing saved."""
    with pytest.raises(ValidationError) as exc:
        save(actor, **values)
    assert not ExpenditureLine.objects.exists()
    return exc.value.message_dict


def save(actor, line=None, **values) -> services.SavedLine:
    data = {
        "partner": org("PACA"),
        "period": 2,
        "category": CostCategory.STAFF,
        "date_incurred": datetime.date(2019, 9, 2),
        "description": "Salaire",
        "amount": Decimal("10.00"),
    }
    data.update(values)
    return services.save_line(line, **data, actor=actor)


# Lines: every refusal with its message ----------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"period": None}, {"period": [CHOOSE_PERIOD]}),
        ({"period": 0}, {"period": [CHOOSE_PERIOD]}),
        ({"period": 99}, {"period": [CHOOSE_PERIOD]}),
        ({"category": "food"}, {"category": ["Choose a cost category."]}),
        (
            {"amount": None},
            {"amount": ["Enter an amount greater than zero, in euros: expenditure cannot be negative."]},
        ),
        (
            {"amount": Decimal("0.00")},
            {"amount": ["Enter an amount greater than zero, in euros: expenditure cannot be negative."]},
        ),
        ({"description": "   "}, {"description": ["Describe the expenditure (what was bought or paid for)."]}),
        ({"description": None}, {"description": ["Describe the expenditure (what was bought or paid for)."]}),
        ({"date_incurred": None}, {"date_incurred": ["Enter the date the expenditure was incurred."]}),
    ],
)
def test_each_refusal_names_its_field(owner, values, errors):
    expected = {field: [t(m) for m in messages] for field, messages in errors.items()}
    assert line_errors(owner, **values) == expected


def test_every_problem_is_listed_at_once_in_french(owner):
    translation.activate("fr")
    errors = line_errors(
        owner, period=4, category="", amount=Decimal("-1"), description="", date_incurred=datetime.date(2020, 8, 1)
    )
    assert errors == {
        "period": [t(NOT_STARTED, period=label(4), start="01/07/2020")],
        "category": [t("Choose a cost category.")],
        "amount": [t("Enter an amount greater than zero, in euros: expenditure cannot be negative.")],
        "description": [t("Describe the expenditure (what was bought or paid for).")],
        # No period to compare with: the date is refused for being in the future.
        "date_incurred": [
            t("The date %(date)s is in the future: only expenditure already incurred counts.", date="01/08/2020")
        ],
    }
    assert errors["period"][0].startswith("Semestre 4 (mois 19–24) n’a pas encore commencé (début le 01/07/2020)")


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (datetime.date(2019, 6, 30), OUTSIDE),
        (datetime.date(2020, 1, 1), OUTSIDE),
        (datetime.date(2019, 7, 1), None),
        (datetime.date(2019, 12, 31), None),
    ],
)
def test_date_must_fall_in_the_period_boundaries_included(owner, day, message):
    if message is None:
        assert save(owner, date_incurred=day).line.date_incurred == day
        return
    assert line_errors(owner, date_incurred=day) == {
        "date_incurred": [
            t(message, date=day.strftime("%d/%m/%Y"), period=label(2), start="01/07/2019", end="31/12/2019")
        ]
    }


def test_future_day_of_the_current_period_is_refused_today_is_fine(owner):
    future = datetime.date(2020, 2, 16)
    assert line_errors(owner, period=3, date_incurred=future) == {
        "date_incurred": [
            t("The date %(date)s is in the future: only expenditure already incurred counts.", date="16/02/2020")
        ]
    }
    assert save(owner, period=3, date_incurred=datetime.date(2020, 2, 15)).line.period == 3


def test_started_period_names_another_field_when_asked(today):  # noqa: F811
    with pytest.raises(ValidationError) as exc:
        services.started_period(4, field="semester")
    assert exc.value.message_dict == {"semester": [t(NOT_STARTED, period=label(4), start="01/07/2020")]}
    assert services.started_period(3).index == 3


# Lines: what is saved, changed and deleted ------------------------------------------------------


def test_line_changed_with_its_document_replaced_and_audited(owner, django_capture_on_commit_callbacks):
    created = save(owner, description="  Salaire  ", document=pdf("a.pdf")).line
    assert (created.description, created.document_name, created.created_by) == ("Salaire", "a.pdf", owner)
    old = created.document.name
    storage = created.document.storage
    with django_capture_on_commit_callbacks(execute=True):
        changed = save(
            owner,
            created,
            category=CostCategory.TRAVEL,
            amount=Decimal("12.50"),
            document=SimpleUploadedFile("C:\\scans\\b.png", PNG),
        ).line
    changed.refresh_from_db()
    assert (changed.category, changed.amount, changed.document_name) == ("travel", Decimal("12.50"), "b.png")
    assert not storage.exists(old) and storage.exists(changed.document.name)
    update = AuditEntry.objects.get(action="reporting.expenditure_update")
    assert update.changes == {
        "category": ["staff", "travel"],
        "amount": ["10.00", "12.50"],
        "document_name": ["a.pdf", "b.png"],
    }
    assert AuditEntry.objects.get(action="reporting.expenditure_create").object_id == str(created.pk)
    with django_capture_on_commit_callbacks(execute=True):
        unchanged_file = save(owner, changed, amount=Decimal("13.00")).line
    assert storage.exists(unchanged_file.document.name) and unchanged_file.document_name == "b.png"


def test_someone_elses_or_declared_line_cannot_change(crowd):  # noqa: F811
    theirs = make_line("MNCA")
    with pytest.raises(PermissionDenied):
        save(crowd["owner"], theirs)
    declared = make_line(status="declared")
    with pytest.raises(ValidationError) as exc:
        save(crowd["owner"], declared, amount=Decimal("99.00"))
    assert exc.value.messages == [t("This line has been declared: it can no longer be changed.")]
    declared.refresh_from_db()
    assert declared.amount == Decimal("100.00")


def test_delete_a_draft_with_its_document(crowd, owner, django_capture_on_commit_callbacks):  # noqa: F811
    line = save(owner, document=pdf()).line
    name, storage = line.document.name, line.document.storage
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_line(line, actor=owner)
    assert not ExpenditureLine.objects.exists() and not storage.exists(name)
    entry = AuditEntry.objects.get(action="reporting.expenditure_delete")
    assert entry.changes == {"amount": "10.00", "period": 2}
    declared = make_line(status="declared")
    with pytest.raises(ValidationError) as exc:
        services.delete_line(declared, actor=owner)
    assert exc.value.messages == [t("This line has been declared: it can no longer be deleted.")]
    with pytest.raises(PermissionDenied):
        services.delete_line(make_line(), actor=crowd["other"])
    assert ExpenditureLine.objects.count() == 2


# Supporting documents ---------------------------------------------------------------------------

XLSX = b"PK\x03\x04" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "content", "kept"),
    [
        ("facture.pdf", PDF, "facture.pdf"),
        ("dossier/sous/facture.PDF", PDF, "facture.PDF"),
        ("C:\\Users\\anna\\ticket.jpg", JPEG, "ticket.jpg"),
        ("photo.png", PNG, "photo.png"),
        ("tableau.XLSX", XLSX, "tableau.XLSX"),
        ("x" * 200 + ".pdf", PDF, "x" * 150),
        (None, PDF, "document"),
    ],
)
def test_accepted_documents_keep_a_clean_name(name, content, kept):
    upload = SimpleUploadedFile("f", content)
    upload._name = name  # as a client may send it, bypassing the upload handler's cleaning
    assert services.check_supporting_document(upload) == kept


@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        ("facture.docx", XLSX, "facture.docx"),
        ("archive.zip", XLSX, "archive.zip"),
        ("xlsx", XLSX, "xlsx"),
        ("script.pdf", b"#!/bin/sh\necho", "script.pdf"),
        ("dossier/notes.txt", b"plain text", "notes.txt"),
    ],
)
def test_other_documents_are_refused_by_name(name, content, shown):
    with pytest.raises(ValidationError) as exc:
        services.check_supporting_document(SimpleUploadedFile(name, content))
    assert exc.value.message_dict == {"document": [t(NOT_A_DOCUMENT, name=shown)]}


def test_document_size_limit_is_ten_megabytes_exactly():
    limit = 10 * 1024 * 1024
    assert services.check_supporting_document(SimpleUploadedFile("a.pdf", PDF + b"0" * (limit - len(PDF)))) == "a.pdf"
    with pytest.raises(ValidationError) as exc:
        services.check_supporting_document(SimpleUploadedFile("b.pdf", PDF + b"0" * (limit + 110_000 - len(PDF))))
    assert exc.value.message_dict == {"document": [t(TOO_BIG, name="b.pdf", size="10.1")]}


# Over budget ------------------------------------------------------------------------------------


def test_over_budget_only_beyond_the_budget(owner):
    assert save(owner, category=CostCategory.TRAVEL, amount=Decimal("1999.99")).warning == ""
    assert save(owner, category=CostCategory.TRAVEL, amount=Decimal("0.01")).warning == ""  # exactly 2,000
    warning = save(owner, category=CostCategory.TRAVEL, amount=Decimal("1234.56")).warning
    with translation.override("fr"):
        expected = t(
            OVER_BUDGET,
            partner="PACA",
            total="3\xa0234,56",
            category="Travel and accommodation",
            budget="2\xa0000,00",
        )
    assert warning == expected


def test_over_budget_in_italian(owner):
    save(owner, category=CostCategory.TRAVEL, amount=Decimal("2500"))
    with translation.override("it"):
        warning = services.over_budget_warning(org("PACA"), CostCategory.TRAVEL)
        assert warning == t(
            OVER_BUDGET, partner="PACA", total="2.500,00", category="Travel and accommodation", budget="2.000,00"
        )


# Declaring a period -----------------------------------------------------------------------------


def test_declaration_messages_and_audit(crowd):  # noqa: F811
    owner = crowd["owner"]
    with pytest.raises(ValidationError) as exc:
        services.declare_period(org("PACA"), 2, actor=owner)
    assert exc.value.messages == [t("There is no draft line to declare in %(period)s.", period=label(2))]
    zero = make_line(amount=Decimal("0.00"))
    with pytest.raises(ValidationError) as exc:
        services.declare_period(org("PACA"), 2, actor=owner)
    assert exc.value.messages == [
        t("Nothing was declared: correct the lines dated outside %(period)s or with no amount first.", period=label(2))
    ]
    zero.delete()
    a = make_line(amount=Decimal("100.50"))
    b = make_line(amount=Decimal("20.25"), date_incurred=datetime.date(2019, 12, 31))
    make_line(status="declared")
    assert services.declare_period(org("PACA"), 2, actor=owner) == 2
    entry = AuditEntry.objects.get(action="reporting.expenditure_declare")
    assert entry.changes == {"period": 2, "lines": [a.pk, b.pk], "total": "120.75"}
    assert entry.object_id == str(org("PACA").pk)
    with pytest.raises(PermissionDenied):
        services.declare_period(org("PACA"), 2, actor=crowd["other"])


# Budgets and co-financing rates ----------------------------------------------------------------

RATE_MESSAGE = "Enter a rate between 0 and 100 %."


@pytest.mark.parametrize(
    ("amounts", "erdf", "national", "errors"),
    [
        ({"food": Decimal("1")}, "0.5", "0.5", {"food": ["Unknown cost category."]}),
        ({"staff": Decimal("-0.01")}, "0.5", "0.5", {"staff": ["A budget cannot be negative: enter 0 or more."]}),
        ({"staff": None}, "0.5", "0.5", {"staff": ["A budget cannot be negative: enter 0 or more."]}),
        ({}, None, "0.1", {"erdf_rate": [RATE_MESSAGE]}),
        ({}, "1.01", "0", {"erdf_rate": [RATE_MESSAGE]}),
        ({}, "-0.01", "0", {"erdf_rate": [RATE_MESSAGE]}),
        ({}, "0.5", None, {"national_rate": [RATE_MESSAGE]}),
        ({}, "0.5", "1.5", {"national_rate": [RATE_MESSAGE]}),
        (
            {},
            "0.85",
            "0.1501",
            {
                "national_rate": [
                    "The ERDF rate and the national counterpart add up to more than 100 %: lower one of them."
                ]
            },
        ),
        ({"staff": Decimal("-1")}, "0.9", "0.9", {"staff": ["A budget cannot be negative: enter 0 or more."]}),
    ],
)
def test_budget_refusals(crowd, amounts, erdf, national, errors):  # noqa: F811
    before = list(PartnerBudget.objects.values_list("partner", "category", "amount"))
    with pytest.raises(ValidationError) as exc:
        services.save_budget(
            org("MNCA"),
            amounts=amounts,
            erdf_rate=None if erdf is None else Decimal(erdf),
            national_rate=None if national is None else Decimal(national),
            actor=crowd["lead"],
        )
    assert exc.value.message_dict == {field: [t(m) for m in messages] for field, messages in errors.items()}
    assert list(PartnerBudget.objects.values_list("partner", "category", "amount")) == before
    assert not PartnerFinance.objects.filter(partner=org("MNCA")).exists()


def test_budget_saved_rounded_and_only_changes_audited(crowd):  # noqa: F811
    lead = crowd["lead"]
    services.save_budget(
        org("MNCA"),
        amounts={"staff": Decimal("0"), "travel": Decimal("500.00")},
        erdf_rate=Decimal("0.80004"),
        national_rate=Decimal("0.19996"),
        actor=lead,
    )
    finance = PartnerFinance.objects.get(partner=org("MNCA"))
    assert (finance.erdf_rate, finance.national_rate) == (Decimal("0.8000"), Decimal("0.2000"))
    budgets = dict(PartnerBudget.objects.filter(partner=org("MNCA")).values_list("category", "amount"))
    assert budgets == {"staff": Decimal("0"), "travel": Decimal("500.00")}
    first = AuditEntry.objects.get(action="reporting.budget_update")
    assert first.changes["staff"] == [None, "0"] and first.changes["travel"] == [None, "500.00"]
    services.save_budget(
        org("MNCA"),
        amounts={"staff": Decimal("0"), "travel": Decimal("750.00")},
        erdf_rate=Decimal("1"),
        national_rate=Decimal("0"),
        actor=lead,
    )
    second = AuditEntry.objects.filter(action="reporting.budget_update").latest("pk")
    assert second.changes == {
        "travel": ["500.00", "750.00"],
        "erdf_rate": ["0.8000", "1.0000"],
        "national_rate": ["0.2000", "0.0000"],
    }
    assert PartnerBudget.objects.get(partner=org("MNCA"), category="travel").amount == Decimal("750.00")
    for who in ("owner", "outsider"):
        with pytest.raises(PermissionDenied):
            services.save_budget(
                org("MNCA"), amounts={}, erdf_rate=Decimal("0"), national_rate=Decimal("0"), actor=crowd[who]
            )
