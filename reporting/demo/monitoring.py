"""Demo data of the monitoring forms: submitted by every partner for the ended semesters, except
one form missing (AURA, semester 3) and one left as a draft (MNCA, semester 4). Idempotent
(one form per partner and period)."""

import datetime

from django.utils import timezone

from circuito.accounts.models import Organisation
from reporting import periods
from reporting.models import MonitoringEntry, MonitoringReport
from reporting.services.monitoring import work_packages_for

MISSING = {("AURA", 3)}
DRAFTS = {("MNCA", 4)}
TEXTS = {
    "fr": (
        "Réunions de travail et avancement des livrables du {wp} au semestre {n}.",
        "Retards dans la mobilisation des entreprises pendant l'été.",
        "Relances téléphoniques et report des rencontres en septembre.",
    ),
    "it": (
        "Riunioni di lavoro e avanzamento dei prodotti del {wp} nel semestre {n}.",
        "Ritardi nel coinvolgimento delle imprese durante l'estate.",
        "Richiami telefonici e rinvio degli incontri a settembre.",
    ),
}


def load(stdout) -> None:
    today = periods.today()
    created = 0
    partners = Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("partner_code")
    for number, partner in enumerate(partners):
        lang = "it" if partner.country == "IT" else "fr"
        activities, problems, corrective = TEXTS[lang]
        for semester in periods.semesters():
            key = (partner.partner_code, semester.index)
            if semester.end >= today or key in MISSING:
                continue
            draft = key in DRAFTS
            report, new = MonitoringReport.objects.get_or_create(
                partner=partner,
                period=semester.index,
                defaults={
                    "status": MonitoringReport.Status.DRAFT if draft else MonitoringReport.Status.SUBMITTED,
                    "submitted_at": None
                    if draft
                    else timezone.make_aware(
                        datetime.datetime.combine(semester.end + datetime.timedelta(days=15), datetime.time(11))
                    ),
                },
            )
            if not new:
                continue
            created += 1
            for position, wp in enumerate(work_packages_for(partner, semester)):
                with_problem = (position + number + semester.index) % 4 == 0
                MonitoringEntry.objects.create(
                    report=report,
                    work_package=wp,
                    activities=activities.format(wp=wp.code, n=semester.index),
                    problems=problems if with_problem else "",
                    corrective_actions=corrective if with_problem else "",
                )
    stdout.write(f"reporting monitoring: {created} forms created")
