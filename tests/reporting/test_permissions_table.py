"""Who may see and change reporting data, person by person: the visitor, a company member, PACA's
own staff and its implementing body's staff, another partner's staff (MNCA), the lead partner's
staff (LIG) and a superuser; drafts against declared expenditure, draft against submitted
monitoring forms, draft against approved minutes; reports for the lead partner only."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from circuito.accounts.models import Organisation
from circuito.jobs.models import Job
from reporting import permissions as perms
from reporting import permissions_expenditure as spend
from reporting import permissions_reports as reports
from reporting.models import Deliverable, DeliverableEvidence, MonitoringReport, Report
from tests.access import fresh, outcome
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.reporting.factories_expenditure import make_line
from tests.reporting.factories_structure import make_meeting, org, outsider, staff_user, structure  # noqa: F401

pytestmark = pytest.mark.django_db

PEOPLE = ["visitor", "outsider", "owner", "colleague", "other", "lead", "superuser"]
STAFF = {"owner", "colleague", "other", "lead", "superuser"}
LEADS = {"lead", "superuser"}
PACA = {"owner", "colleague"}


@pytest.fixture
def people(structure, outsider):  # noqa: F811
    lead, owner = structure
    return {
        "visitor": AnonymousUser(),
        "outsider": outsider,
        "owner": owner,
        "colleague": staff_user("CCIR-PACA"),
        "other": staff_user("MNCA"),
        "lead": lead,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }


def table(people, check) -> dict[str, object]:
    return {who: check(fresh(people[who])) for who in PEOPLE}


def refused_unless(allowed: set[str], value, *, otherwise=403) -> dict[str, object]:
    return {who: value if who in allowed else 403 if who not in STAFF else otherwise for who in PEOPLE}


def test_roles_of_each_person(people):
    assert table(people, perms.is_staff_member) == {who: who in STAFF for who in PEOPLE}
    assert table(people, perms.is_lead) == {who: who in LEADS for who in PEOPLE}
    assert table(people, lambda u: outcome(lambda: perms.require_staff(u))) == refused_unless(STAFF, None)
    assert table(people, lambda u: outcome(lambda: perms.require_lead(u))) == refused_unless(LEADS, None)
    all_partners = list(Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("partner_code"))
    assert len(all_partners) > 3
    assert table(people, lambda u: list(perms.evidence_partner_choices(u))) == {
        "visitor": [],
        "outsider": [],
        "owner": [org("PACA")],
        "colleague": [org("PACA")],
        "other": [org("MNCA")],
        "lead": all_partners,
        "superuser": all_partners,
    }


def test_deliverables_and_evidence(people):
    deliverable = Deliverable.objects.filter(source=Deliverable.MANUAL).order_by("pk").first()
    automatic = Deliverable.objects.exclude(source=Deliverable.MANUAL).order_by("pk").first()
    assert table(people, lambda u: outcome(lambda: perms.get_deliverable(deliverable.pk, u))) == refused_unless(
        STAFF, deliverable
    )
    assert table(
        people, lambda u: outcome(lambda: perms.get_deliverable(deliverable.pk, u, edit=True))
    ) == refused_unless(LEADS, deliverable)
    assert table(people, lambda u: perms.can_add_evidence(u, deliverable)) == {who: who in STAFF for who in PEOPLE}
    assert table(people, lambda u: perms.can_add_evidence(u, automatic)) == dict.fromkeys(PEOPLE, False)
    proof = DeliverableEvidence.objects.create(
        deliverable=deliverable, date=datetime.date(2020, 1, 10), count=2, partner=org("PACA")
    )
    assert table(people, lambda u: outcome(lambda: perms.get_evidence(proof.pk, u))) == refused_unless(STAFF, proof)
    assert table(people, lambda u: outcome(lambda: perms.get_evidence(proof.pk, u, edit=True))) == refused_unless(
        PACA | LEADS, proof
    )
    for missing in (perms.get_deliverable, perms.get_evidence, perms.get_meeting):
        with pytest.raises(Http404):
            missing(987654, people["superuser"])


def test_meetings_and_minutes(people):
    draft, approved = make_meeting(1), make_meeting(2, approved=True)
    assert table(people, lambda u: outcome(lambda: set(perms.visible_meetings(u)))) == refused_unless(
        STAFF, {draft, approved}
    )
    assert table(people, lambda u: perms.can_see_minutes(u, draft)) == {who: who in LEADS for who in PEOPLE}
    assert table(people, lambda u: perms.can_see_minutes(u, approved)) == {who: who in STAFF for who in PEOPLE}
    assert table(people, lambda u: outcome(lambda: perms.get_meeting(draft.pk, u))) == refused_unless(STAFF, draft)
    assert table(people, lambda u: outcome(lambda: perms.get_meeting(draft.pk, u, edit=True))) == refused_unless(
        LEADS, draft
    )


def test_partner_pages(people):
    assert table(people, lambda u: outcome(lambda: spend.get_partner("PACA", u))) == {
        **refused_unless(PACA | LEADS, None),
        "owner": (org("PACA"), True),
        "colleague": (org("PACA"), True),
        "lead": (org("PACA"), False),
        "superuser": (org("PACA"), False),
    }
    assert table(people, lambda u: outcome(lambda: spend.get_partner("LIG", u))) == {
        **refused_unless(LEADS, None),
        "lead": (org("LIG"), True),
        "superuser": (org("LIG"), False),
    }
    assert table(people, lambda u: outcome(lambda: spend.get_partner("NOPE", u))) == refused_unless(
        set(), None, otherwise=404
    )
    every = list(spend.project_partners())
    assert [p.partner_code for p in every] == sorted(p.partner_code for p in every)
    assert all(p.kind == Organisation.Kind.PARTNER for p in every)
    assert table(people, lambda u: outcome(lambda: list(spend.visible_partners(u)))) == {
        **refused_unless(STAFF, None),
        "owner": [org("PACA")],
        "colleague": [org("PACA")],
        "other": [org("MNCA")],
        "lead": every,
        "superuser": every,
    }


def test_expenditure_lines_drafts_and_declared(people):
    paca_draft, paca_declared = make_line("PACA"), make_line("PACA", status="declared")
    mnca_draft, mnca_declared = make_line("MNCA"), make_line("MNCA", status="declared")
    lig_draft = make_line("LIG")
    assert table(people, lambda u: outcome(lambda: set(spend.visible_lines(u)))) == {
        **refused_unless(STAFF, None),
        "owner": {paca_draft, paca_declared},
        "colleague": {paca_draft, paca_declared},
        "other": {mnca_draft, mnca_declared},
        "lead": {paca_declared, mnca_declared, lig_draft},
        "superuser": {paca_declared, mnca_declared},
    }
    assert table(people, lambda u: outcome(lambda: spend.get_line(paca_draft.pk, u))) == refused_unless(
        PACA, paca_draft, otherwise=404
    )
    assert table(people, lambda u: outcome(lambda: spend.get_line(paca_draft.pk, u, edit=True))) == refused_unless(
        PACA, paca_draft, otherwise=404
    )
    assert table(people, lambda u: outcome(lambda: spend.get_line(paca_declared.pk, u))) == refused_unless(
        PACA | LEADS, paca_declared, otherwise=404
    )
    # A declared line is frozen, even for its own partner; the lead partner reads it only.
    assert table(people, lambda u: outcome(lambda: spend.get_line(paca_declared.pk, u, edit=True))) == {
        **refused_unless(set(), None, otherwise=404),
        "owner": 403,
        "colleague": 403,
        "lead": 403,
        "superuser": 403,
    }


def test_monitoring_forms_drafts_and_submitted(people):
    def form(code: str, status: str, period: int) -> MonitoringReport:
        submitted = (
            {"submitted_at": datetime.datetime(2020, 2, 1, tzinfo=datetime.UTC)} if status == "submitted" else {}
        )
        return MonitoringReport.objects.create(partner=org(code), period=period, status=status, **submitted)

    paca_draft, paca_sent = form("PACA", "draft", 1), form("PACA", "submitted", 2)
    mnca_draft, mnca_sent = form("MNCA", "draft", 1), form("MNCA", "submitted", 2)
    lig_draft = form("LIG", "draft", 1)
    assert table(people, lambda u: outcome(lambda: set(spend.visible_reports(u)))) == {
        **refused_unless(STAFF, None),
        "owner": {paca_draft, paca_sent},
        "colleague": {paca_draft, paca_sent},
        "other": {mnca_draft, mnca_sent},
        "lead": {paca_sent, mnca_sent, lig_draft},
        "superuser": {paca_sent, mnca_sent},
    }


def test_the_organisation_one_acts_through(people):
    paca = org("PACA")
    body = org("CCIR-PACA")
    assert spend.entering_organisation(people["owner"], paca) == paca
    assert spend.entering_organisation(people["colleague"], paca) == body
    assert spend.entering_organisation(people["lead"], paca) == paca  # nobody of PACA: the partner itself
    both = people["colleague"]
    MembershipFactory(organisation=paca, user=both)
    assert spend.entering_organisation(fresh(both), paca) == paca
    # Another partner's body, or a company wrongly pointing at PACA, is not a way to act for it.
    assert spend.entering_organisation(people["colleague"], org("MNCA")) == org("MNCA")
    stray = OrganisationFactory(kind=Organisation.Kind.COMPANY, delegating_partner=paca)
    member = MembershipFactory(organisation=stray).user
    assert spend.entering_organisation(member, paca) == paca


def test_a_line_comes_with_its_partner_and_entering_organisation(people, django_assert_num_queries):
    body = org("CCIR-PACA")
    line = make_line("PACA", entered_by_organisation=body)
    shown = spend.get_line(line.pk, fresh(people["owner"]))
    with django_assert_num_queries(0):
        assert (shown.partner.partner_code, shown.entered_by_organisation.legal_name) == ("PACA", body.legal_name)


def test_reports_for_the_lead_partner_only(people):
    report = Report.objects.create(
        kind=Report.Kind.SEMESTRIAL,
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2019, 6, 30),
        period_index=1,
        created_by=people["lead"],
    )
    assert table(people, reports.can_manage_reports) == {who: who in LEADS for who in PEOPLE}
    assert table(people, lambda u: outcome(lambda: reports.require_reports(u))) == refused_unless(LEADS, None)
    assert table(people, lambda u: outcome(lambda: list(reports.visible_reports(u)))) == refused_unless(LEADS, [report])
    assert table(people, lambda u: outcome(lambda: reports.get_report(report.pk, u))) == refused_unless(LEADS, report)
    assert table(people, lambda u: reports.can_access_job(u, None)) == {who: who in LEADS for who in PEOPLE}
    with pytest.raises(Http404):
        reports.get_report(987654, people["lead"])


def test_a_report_comes_with_its_author_and_job(people, django_assert_num_queries):
    lead = people["lead"]
    job = Job.objects.create(kind="reporting.report", owner=lead)
    report = Report.objects.create(
        kind=Report.Kind.ANNUAL,
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2019, 12, 31),
        created_by=lead,
        job=job,
    )
    shown = reports.get_report(report.pk, fresh(lead))
    with django_assert_num_queries(0):
        assert (shown.created_by.email, shown.job.kind) == (lead.email, "reporting.report")


def test_a_deliverable_and_its_evidence_come_with_what_their_pages_show_in_one_query(people, django_assert_num_queries):
    deliverable = Deliverable.objects.filter(source=Deliverable.MANUAL).exclude(responsible=None).order_by("pk").first()
    proof = DeliverableEvidence.objects.create(
        deliverable=deliverable, date=datetime.date(2020, 1, 10), count=2, partner=org("PACA")
    )
    superuser = people["superuser"]
    expected = (deliverable.activity.work_package_id, deliverable.responsible_id)
    with django_assert_num_queries(1):
        shown = perms.get_deliverable(deliverable.pk, superuser)
        assert (shown.activity.work_package.pk, shown.responsible.pk) == expected
    with django_assert_num_queries(1):
        shown = perms.get_evidence(proof.pk, superuser)
        assert (shown.deliverable.activity.pk, shown.partner.partner_code) == (deliverable.activity_id, "PACA")
