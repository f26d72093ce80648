"""Demo data of the monitoring forms, for the semesters of the calendar's current edition that
have started: submitted by every partner, except one form missing (AURA, semester 3) and, in the
running semester (its progress so far), a draft (MNCA) and a form not started yet (PIE).
Idempotent (one form per partner and period)."""

import datetime

from django.utils import timezone

from circuito.accounts.models import Organisation
from reporting import periods
from reporting.models import MonitoringEntry, MonitoringReport
from reporting.services.monitoring import work_packages_for

# (partner, semester number within the edition); "running": the semester that contains today.
MISSING = {("AURA", 3), ("PIE", "running")}
DRAFTS = {("MNCA", 4), ("MNCA", "running")}
TRANSLATED = {"LIG"}
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
        for semester in periods.semesters():
            running = today in semester
            if semester.start > today:
                continue
            keys = {(partner.partner_code, semester.position), (partner.partner_code, "running" if running else "")}
            if keys & MISSING:
                continue
            draft = bool(keys & DRAFTS)
            # Ended semesters are reported two weeks after their end; the running one's progress so far, yesterday.
            submitted = datetime.datetime.combine(
                today - datetime.timedelta(days=1) if running else semester.end + datetime.timedelta(days=15),
                datetime.time(11),
            )
            report, new = MonitoringReport.objects.get_or_create(
                partner=partner,
                period=semester.index,
                defaults={
                    "status": MonitoringReport.Status.DRAFT if draft else MonitoringReport.Status.SUBMITTED,
                    "submitted_at": None if draft else min(timezone.make_aware(submitted), timezone.now()),
                },
            )
            if not new:
                continue
            created += 1
            for position, wp in enumerate(work_packages_for(partner, semester)):
                with_problem = (position + number + semester.position) % 4 == 0
                # Written in the partner's language; the lead partner also wrote its own in French,
                # so the reports show both translated texts and texts marked as original.
                languages = [lang, "fr"] if partner.partner_code in TRANSLATED else [lang]
                texts = {}
                for language in languages:
                    done, met, action = TEXTS[language]
                    texts[f"activities_{language}"] = done.format(wp=wp.code, n=semester.position)
                    texts[f"problems_{language}"] = met if with_problem else ""
                    texts[f"corrective_actions_{language}"] = action if with_problem else ""
                MonitoringEntry.objects.create(report=report, work_package=wp, **texts)
    stdout.write(f"reporting monitoring: {created} forms created")
