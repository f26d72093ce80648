"""Reporting: figure collection, PDF and XLSX of a semestrial and of the final report.

Volume: the charter's partners and implementing bodies and structure, budgets per partner and
category, 30 months of expenditure (EXPENDITURE_LINES lines, a tenth still drafts), deliverable
evidence (EVIDENCE entries), the 5 + 5 steering committee meetings with attendance, decisions
and action items, a submitted monitoring form per partner, semester and work package. Feature
apps' records (focus groups, events, flows) are not seeded: their indicators are counted by
their own queries, whose number does not depend on the volume.
"""

import datetime
import random
import time
from decimal import Decimal

EXPENDITURE_LINES = 12_000
EVIDENCE = 3_000


def seed() -> None:
    from django.utils import timezone

    from circuito.accounts.models import Organisation
    from reporting import periods
    from reporting.loaders import load_structure
    from reporting.models import (
        ActionItem,
        Attendance,
        CostCategory,
        Decision,
        Deliverable,
        DeliverableEvidence,
        ExpenditureLine,
        Meeting,
        MonitoringEntry,
        MonitoringReport,
        PartnerBudget,
        PartnerFinance,
        WorkPackage,
    )

    rng = random.Random(3)
    load_structure()
    partners = list(Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("partner_code"))
    bodies = list(Organisation.objects.filter(kind=Organisation.Kind.IMPLEMENTING_BODY))
    for partner in partners:
        PartnerFinance.objects.get_or_create(partner=partner)
        for category in CostCategory.values:
            PartnerBudget.objects.get_or_create(
                partner=partner, category=category, defaults={"amount": Decimal(rng.randrange(50_000, 400_000))}
            )
    semesters = periods.semesters()
    now = timezone.now()
    lines = []
    for i in range(EXPENDITURE_LINES):
        partner = rng.choice(partners)
        body = next((b for b in bodies if b.delegating_partner_id == partner.pk), None)
        semester = rng.choice(semesters)
        day = semester.start + datetime.timedelta(days=rng.randrange((semester.end - semester.start).days + 1))
        declared = rng.random() > 0.1
        lines.append(
            ExpenditureLine(
                partner=partner,
                entered_by_organisation=body if body and rng.random() < 0.5 else partner,
                period=semester.index,
                category=rng.choice(CostCategory.values),
                date_incurred=day,
                description=f"Line {i}",
                amount=Decimal(rng.randrange(1_000, 500_000)) / 100,
                status=ExpenditureLine.Status.DECLARED if declared else ExpenditureLine.Status.DRAFT,
                declared_at=now if declared else None,
            )
        )
    ExpenditureLine.objects.bulk_create(lines, batch_size=2000)
    manual = list(Deliverable.objects.filter(source=Deliverable.MANUAL))
    start, end = semesters[0].start, semesters[-1].end
    DeliverableEvidence.objects.bulk_create(
        [
            DeliverableEvidence(
                deliverable=rng.choice(manual),
                date=start + datetime.timedelta(days=rng.randrange((end - start).days)),
                count=rng.randrange(1, 3),
                partner=rng.choice(partners),
                link=f"https://example.org/evidence/{i}",
            )
            for i in range(EVIDENCE)
        ],
        batch_size=2000,
    )
    orgs = partners + bodies
    for kind, months in (
        (Meeting.Kind.IN_PERSON, (1, 7, 14, 20, 28)),
        (Meeting.Kind.VIDEOCONFERENCE, (4, 10, 17, 23, 26)),
    ):
        for number, month in enumerate(months, start=1):
            meeting = Meeting.objects.create(
                number=number,
                kind=kind,
                city="Imperia" if kind == Meeting.Kind.IN_PERSON else "",
                date=periods.month_start(month) + datetime.timedelta(days=14),
                minutes_fr="Procès-verbal",
                minutes_it="Verbale",
                minutes_status=Meeting.MinutesStatus.APPROVED,
                approved_at=now,
            )
            Attendance.objects.bulk_create(
                [Attendance(meeting=meeting, organisation=o, person_name=f"Person {j}") for o in orgs for j in (1, 2)]
            )
            Decision.objects.bulk_create(
                [Decision(meeting=meeting, order=j, text_fr=f"Décision {j}") for j in range(5)]
            )
            ActionItem.objects.bulk_create(
                [
                    ActionItem(meeting=meeting, text_fr=f"Action {j}", owner_organisation=rng.choice(partners))
                    for j in range(5)
                ]
            )
    work_packages = list(WorkPackage.objects.all())
    for semester in semesters:
        for partner in partners:
            report = MonitoringReport.objects.create(
                partner=partner, period=semester.index, status=MonitoringReport.Status.SUBMITTED, submitted_at=now
            )
            MonitoringEntry.objects.bulk_create(
                [
                    MonitoringEntry(
                        report=report,
                        work_package=wp,
                        activities="Activités du semestre",
                        problems="Retard" if rng.random() < 0.3 else "",
                        corrective_actions="Action corrective" if rng.random() < 0.3 else "",
                    )
                    for wp in work_packages
                ]
            )
    print(
        f"  seeded {len(partners)} partners, {len(bodies)} implementing bodies, {EXPENDITURE_LINES} expenditure lines, "
        f"{EVIDENCE} evidence entries, 10 meetings, {len(semesters) * len(partners)} monitoring forms"
    )


def run() -> None:
    from django.utils import translation

    from bench.harness import timed
    from reporting import figures
    from reporting.exporters import pdf, xlsx
    from reporting.models import Report
    from reporting.services.reports import title

    start = time.perf_counter()
    seed()
    print(f"  (seeding took {time.perf_counter() - start:.1f} s)")
    for kind, index, label in (
        (Report.Kind.SEMESTRIAL, 3, "semestrial (semester 3)"),
        (Report.Kind.FINAL, None, "final"),
    ):
        frozen = figures.collect(kind, index, "fr")
        with translation.override("fr"):
            heading = title(frozen)
            timed(
                f"{label}: figure collection",
                lambda kind=kind, index=index: figures.collect(kind, index, "fr"),
                repeat=5,
            )
            timed(f"{label}: PDF from the figures", lambda f=frozen, h=heading: pdf.render(f, h), repeat=5, warmup=1)
            timed(f"{label}: XLSX from the figures", lambda f=frozen, h=heading: xlsx.render(f, h), repeat=5, warmup=1)

            def whole(kind=kind, index=index, heading=heading):
                data = figures.collect(kind, index, "fr")
                return pdf.render(data, heading), xlsx.render(data, heading)

            timed(f"{label}: figures + PDF + XLSX (the job's work)", whole, repeat=3, warmup=1)
        content_pdf, content_xlsx = whole()
        print(f"    (PDF {len(content_pdf) // 1024} KB, XLSX {len(content_xlsx) // 1024} KB)")
