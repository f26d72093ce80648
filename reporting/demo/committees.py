"""Demo data of the committees area: the charter's five in-person steering committees and
five videoconferences, in the months of the calendar's current edition; those already held have
attendance, decisions, action items and short bilingual approved minutes, the later ones are
planned (agenda only). Idempotent (meetings are keyed by kind and number)."""

import datetime

from django.utils import timezone

from circuito.accounts.models import Organisation, User
from reporting import periods
from reporting.models import ActionItem, Attendance, Decision, Meeting
from reporting.services.committees import expected_organisations

IN_PERSON = [
    (1, "Imperia", 1, 22),
    (2, "Nice", 7, 11),
    (3, "Chambéry", 14, 6),
    (4, "Aosta", 20, 17),
    (5, "Torino", 28, 9),
]
VIDEO = [(1, 4, 16), (2, 10, 15), (3, 17, 12), (4, 23, 10), (5, 26, 18)]
FIRST = ["Anna", "Luca", "Sophie", "Marc", "Giulia", "Pierre", "Elena", "Louis", "Chiara", "Paul"]
LAST = ["Bianchi", "Dupont", "Ricci", "Moreau", "Gallo", "Bernard", "Costa", "Petit", "Greco", "Roux"]


def _person(org: Organisation, seat: int) -> str:
    n = org.pk * 3 + seat
    return f"{FIRST[n % len(FIRST)]} {LAST[(n // len(FIRST) + seat) % len(LAST)]}"


def _minutes(kind: str, number: int, city: str) -> tuple[str, str]:
    where_fr = f" à {city}" if city else " en visioconférence"
    where_it = f" a {city}" if city else " in videoconferenza"
    return (
        f"Le comité de pilotage n. {number}{where_fr} a examiné l'avancement des WP, "
        "les dépenses du semestre et le calendrier des prochaines activités.",
        f"Il comitato di pilotaggio n. {number}{where_it} ha esaminato l'avanzamento dei WP, "
        "le spese del semestre e il calendario delle prossime attività.",
    )


def _meeting(kind: str, number: int, city: str, month: int, day: int, lead: User | None) -> tuple[Meeting, bool]:
    date = periods.month_start(month) + datetime.timedelta(days=day - 1)
    meeting, created = Meeting.objects.get_or_create(
        kind=kind,
        number=number,
        defaults={
            "city": city,
            "date": date,
            "agenda_fr": "1. Avancement des activités\n2. Suivi financier\n3. Divers",
            "agenda_it": "1. Avanzamento delle attività\n2. Monitoraggio finanziario\n3. Varie",
            "created_by": lead,
        },
    )
    if not created or date > periods.today():
        return meeting, created
    minutes_fr, minutes_it = _minutes(kind, number, city)
    meeting.minutes_fr, meeting.minutes_it = minutes_fr, minutes_it
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.approved_by = lead
    meeting.approved_at = timezone.make_aware(
        datetime.datetime.combine(date + datetime.timedelta(days=20), datetime.time(10))
    )
    meeting.save()
    rows = []
    for index, (org, seats) in enumerate(expected_organisations()):
        # One seat left empty here and there, so that "missing" shows in the demo.
        filled = seats - 1 if (index + number) % 5 == 0 else seats
        rows += [Attendance(meeting=meeting, organisation=org, person_name=_person(org, s)) for s in range(filled)]
    Attendance.objects.bulk_create(rows)
    Decision.objects.create(
        meeting=meeting,
        order=1,
        text_fr="Le procès-verbal de la réunion précédente est approuvé.",
        text_it="Il verbale della riunione precedente è approvato.",
    )
    Decision.objects.create(
        meeting=meeting,
        order=2,
        text_fr="Les partenaires envoient leur rapport de suivi avant la fin du semestre.",
        text_it="I partner inviano il loro rapporto di monitoraggio entro la fine del semestre.",
    )
    return meeting, True


def load(stdout) -> None:
    lead = User.objects.filter(email="lead@circuito.test").first()
    paca_user = User.objects.filter(email="paca@circuito.test").first()
    orgs = {o.partner_code: o for o in Organisation.objects.exclude(partner_code="")}
    created = 0
    for number, city, month, day in IN_PERSON:
        meeting, new = _meeting(Meeting.Kind.IN_PERSON, number, city, month, day, lead)
        created += new
        if new and meeting.is_approved:
            ActionItem.objects.create(
                meeting=meeting,
                text_fr="Préparer la synthèse des indicateurs pour le prochain comité.",
                text_it="Preparare la sintesi degli indicatori per il prossimo comitato.",
                owner=lead,
                owner_organisation=orgs.get("LIG"),
                due_date=meeting.date + datetime.timedelta(days=60),
                status=ActionItem.Status.DONE if number < 5 else ActionItem.Status.OPEN,
                done_at=timezone.now() if number < 5 else None,
            )
            ActionItem.objects.create(
                meeting=meeting,
                text_fr="Envoyer les listes de présence signées des événements régionaux.",
                text_it="Inviare i fogli firma degli eventi regionali.",
                owner=paca_user,
                owner_organisation=orgs.get("PACA"),
                due_date=meeting.date + datetime.timedelta(days=30),
                status=ActionItem.Status.DONE if number < 4 else ActionItem.Status.OPEN,
                done_at=timezone.now() if number < 4 else None,
            )
    for number, month, day in VIDEO:
        _meeting_obj, new = _meeting(Meeting.Kind.VIDEOCONFERENCE, number, "", month, day, lead)
        created += new
    stdout.write(f"reporting committees: {created} meetings created")
