"""Demo referents and the five referent training seminars of the brief (WP 4.1), at places of
the demo directory. Idempotent: referents are matched on e-mail, seminars on title and date."""

import datetime as dt

from django.utils import timezone

from circuito.accounts.management.commands.load_demo import demo_account
from circuito.accounts.models import Organisation, User
from tierslieux.models import Place, PlaceReferent, Seminar
from tierslieux.services.network import record_seminar

# e-mail, first name, last name, language, place kept
REFERENTS = [
    ("referent.nice@circuito.test", "Sophie", "Garnier", "fr", "ceei-nice-cote-azur"),
    ("referent.gap@circuito.test", "Thomas", "Roux", "fr", "pepiniere-gap"),
    ("referent.aosta@circuito.test", "Chiara", "Bionaz", "it", "pepiniere-espace-aosta"),
    ("referent.cuneo@circuito.test", "Luca", "Giordano", "it", "incubatore-agroalimentare-cuneo"),
]
# days ago, organising partner, place (None: elsewhere), trainer, title in the organiser's language,
# how many of the demo referents attended
SEMINARS = [
    (300, "PACA", "ceei-nice-cote-azur", "Anne Lefèvre", "Tenir sa fiche à jour sur la plateforme", 3),
    (240, "VDA", "pepiniere-espace-aosta", "Paolo Chenal", "Servizi aperti alle imprese d'oltreconfine", 4),
    (180, "PIE", "incubatore-agroalimentare-cuneo", "Elena Bosio", "Rispondere alle richieste di servizio", 4),
    (120, "PACA", "pepiniere-gap", "Marc Vial", "Animer des rendez-vous B2B", 2),
    (60, "LIG", None, "Giorgio Parodi", "Pubblicare notizie e progetti collaborativi", 4),
]


def _referents() -> list[User]:
    users = []
    for email, first, last, language, slug in REFERENTS:
        place = Place.objects.filter(slug=slug).first()
        if place is None:
            continue
        user = demo_account(email, first, last, language)
        PlaceReferent.objects.get_or_create(place=place, user=user)
        users.append(user)
    return users


def load(stdout) -> None:
    referents = _referents()
    actor = User.objects.filter(is_superuser=True).order_by("pk").first()
    today = timezone.localdate()
    created = 0
    for days, partner, slug, trainer, title, n in SEMINARS:
        organiser = Organisation.objects.filter(partner_code=partner).first()
        day = today - dt.timedelta(days=days)
        if organiser is None or actor is None or Seminar.objects.filter(title=title, date=day).exists():
            continue
        values = {
            "title": title,
            "date": day,
            "place": Place.objects.filter(slug=slug).first() if slug else None,
            "location": "" if slug else "Genova, Camera di Commercio (online e in presenza)",
            "trainer": trainer,
            "organiser": organiser,
        }
        record_seminar(values, referents[:n], actor=actor)
        created += 1
    stdout.write(f"Demo referents: {len(referents)}; referent seminars created: {created}")
