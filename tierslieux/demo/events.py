"""Demo events at places of the demo directory: the four cross-border Open Innovation sessions of
the brief (with B2B meetings, one of them already held) and trainings for SMEs. Dates are relative
to today. Idempotent: events are matched on slug."""

import datetime as dt
from typing import NamedTuple

from django.utils import timezone

from circuito.accounts.models import Organisation
from tierslieux.models import Event, Place


class DemoEvent(NamedTuple):
    slug: str
    place: str
    kind: str
    topic: str
    days: int  # from today; negative: already held
    title_fr: str
    title_it: str
    description_fr: str
    description_it: str
    b2b: bool


OI, TT = Event.Kind.OPEN_INNOVATION, Event.Topic.TECH_TRANSFER
EVENTS = [
    DemoEvent(
        "demo-ceei-nice-cote-azur",
        "ceei-nice-cote-azur",
        OI,
        TT,
        14,
        "Session Open Innovation : industrie du futur",
        "Sessione Open Innovation: industria del futuro",
        "Des PME françaises et italiennes de la fabrication avancée présentent leurs besoins et leurs "
        "solutions, puis se rencontrent en rendez-vous B2B.",
        "PMI francesi e italiane della manifattura avanzata presentano bisogni e soluzioni, poi si "
        "incontrano in appuntamenti B2B.",
        True,
    ),
    DemoEvent(
        "demo-pepiniere-espace-aosta",
        "pepiniere-espace-aosta",
        OI,
        Event.Topic.OTHER,
        30,
        "Session Open Innovation : agroalimentaire de montagne",
        "Sessione Open Innovation: agroalimentare di montagna",
        "Producteurs, transformateurs et laboratoires des deux versants des Alpes cherchent ensemble "
        "des innovations pour l'agroalimentaire de montagne ; rendez-vous B2B l'après-midi.",
        "Produttori, trasformatori e laboratori dei due versanti delle Alpi cercano insieme innovazioni "
        "per l'agroalimentare di montagna; appuntamenti B2B nel pomeriggio.",
        True,
    ),
    DemoEvent(
        "demo-oi-pepiniere-gap",
        "pepiniere-gap",
        OI,
        TT,
        -45,
        "Session Open Innovation : numérique et territoires de montagne",
        "Sessione Open Innovation: digitale e territori di montagna",
        "Start-up des Hautes-Alpes et entreprises du Piémont et de la Vallée d'Aoste ont confronté "
        "leurs offres numériques aux besoins des territoires de montagne, en rendez-vous B2B.",
        "Start-up delle Alte Alpi e imprese del Piemonte e della Valle d'Aosta hanno confrontato le "
        "loro offerte digitali con i bisogni dei territori di montagna, in appuntamenti B2B.",
        True,
    ),
    DemoEvent(
        "demo-oi-genova-tech-transfer-hub",
        "genova-tech-transfer-hub",
        OI,
        TT,
        60,
        "Session Open Innovation : économie portuaire et sciences de la vie",
        "Sessione Open Innovation: economia portuale e scienze della vita",
        "Les laboratoires de Gênes et les entreprises de Ligurie et de Provence-Alpes-Côte d'Azur "
        "se rencontrent autour du transfert de technologie ; rendez-vous B2B sur inscription.",
        "I laboratori di Genova e le imprese della Liguria e della Provenza-Alpi-Costa Azzurra si "
        "incontrano sul trasferimento tecnologico; appuntamenti B2B su iscrizione.",
        True,
    ),
    DemoEvent(
        "demo-village-by-ca-sophia",
        "village-by-ca-sophia",
        Event.Kind.TRAINING,
        Event.Topic.FINANCE,
        21,
        "Lever des fonds : capital-risque, business angels, crowdfunding",
        "Raccogliere capitali: venture capital, business angel, crowdfunding",
        "",
        "",
        False,
    ),
    DemoEvent(
        "demo-creacannes",
        "creacannes",
        Event.Kind.WEBINAR,
        Event.Topic.EU_PROJECTS,
        9,
        "Webinaire : monter un projet européen",
        "Webinar: costruire un progetto europeo",
        "",
        "",
        False,
    ),
]
# The project partner of the place's province or department organises when the place has no operator.
PARTNER_OF_DEPARTMENT = {"AO": "VDA", "TO": "PIE", "CN": "PIE", "GE": "LIG", "SV": "LIG", "IM": "LIG", "SP": "LIG"}


def load(stdout) -> int:
    """Create the demo events that are missing; return how many were created."""
    today = timezone.localdate()
    created = 0
    for row in EVENTS:
        place = Place.objects.select_related("department", "operator").filter(slug=row.place).first()
        if place is None or Event.objects.filter(slug=row.slug).exists():
            continue
        partner = PARTNER_OF_DEPARTMENT.get(place.department.code, "PACA")
        organiser = place.operator or Organisation.objects.filter(partner_code=partner).first()
        if organiser is None:  # the charter's partners are not loaded: no organiser to name
            continue
        starts = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=row.days), dt.time(14, 0)))
        Event.objects.create(
            slug=row.slug,
            kind=row.kind,
            topic=row.topic,
            title_fr=row.title_fr,
            title_it=row.title_it,
            description_fr=row.description_fr,
            description_it=row.description_it,
            place=place,
            organiser=organiser,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=4),
            online=row.kind == Event.Kind.WEBINAR,
            capacity=40,
            registration_open=row.days > 0,  # a past session takes no more registrations
            b2b_enabled=row.b2b,
            published=True,
        )
        created += 1
    return created
