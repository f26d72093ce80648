"""Demo data of the sessions area: six focus groups in French and Italian territories, in every
status, with participants, consents, answers and quotes (enough for the analysis pages). Dates
are relative to today: the held ones in the last five months, the planned one ahead.
Idempotent: sessions are found again by study, organiser and title."""

import datetime

from django.utils import timezone

from circuito.accounts.models import Organisation, User
from circuito.geo.models import Territory
from focusgroups.models import (
    Answer,
    ConsentText,
    Participant,
    Question,
    QuestionTemplate,
    Quote,
    Session,
    TemplateVersion,
)

# study, organiser, title, days from today (negative: past), country, region, department, category, sector,
# language, status, user
SESSIONS = [
    ("3.2", "PACA", "Nice — entreprises agroalimentaires", -150, "FR", "93", "06", "company", "agrifood",
     "fr", "validated", "paca@circuito.test"),
    ("3.2", "PACA", "Digne — centres de recherche", -40, "FR", "93", "04", "research", "cross",
     "fr", "submitted", "paca@circuito.test"),
    ("3.2", "LIG", "Sanremo — floricoltura", -30, "IT", "07", "IM", "company", "floriculture",
     "it", "held", "lead@circuito.test"),
    ("3.2", "LIG", "Genova — enti pubblici", -55, "IT", "07", "GE", "public", "",
     "it", "returned", "lead@circuito.test"),
    ("3.3", "LIG", "Savona — edilizia circolare", -70, "IT", "07", "SV", "company", "construction",
     "it", "validated", "lead@circuito.test"),
    ("3.2", "PACA", "Gap — entreprises du BTP", 20, "FR", "93", "05", "company", "construction",
     "fr", "planned", "paca@circuito.test"),
]  # fmt: skip

ANSWERS = {
    "fr": {
        "ecosystem-actors": ["research", "firms"],
        "crossborder-partner": True,
        "crossborder-projects": 2,
        "obstacles-technological": "Accès difficile aux plateformes d'essai italiennes ; peu de compétences partagées.",
        "obstacles-regulatory": "Statut de sous-produit interprété différemment en France et en Italie.",
        "main-obstacle": "rules",
        "programming-fit": 2,
        "circular-level": 3,
        "byproducts": "Procédures longues pour les déchets de chantier.",
    },
    "it": {
        "ecosystem-actors": ["firms", "public", "cluster"],
        "crossborder-partner": False,
        "crossborder-projects": 0,
        "obstacles-technological": "Mancano laboratori condivisi per testare nuovi substrati.",
        "obstacles-regulatory": "Autorizzazioni ambientali lente e diverse tra i due paesi.",
        "main-obstacle": "programming",
        "programming-fit": 3,
        "circular-level": 2,
        "byproducts": "Le macerie da riutilizzare richiedono dichiarazioni complesse.",
    },
}

QUOTES = {
    "fr": [
        ("obstacles-regulatory", "On ne sait jamais si nos marcs de pomme sont un déchet ou un produit."),
        ("obstacles-technological", "Il nous faudrait un laboratoire commun de l'autre côté de la frontière."),
        (None, "Le projet nous a fait rencontrer des partenaires qu'on ne connaissait pas."),
    ],
    "it": [
        ("obstacles-regulatory", "Ogni regione interpreta la norma sui sottoprodotti a modo suo."),
        ("obstacles-technological", "Servirebbe una piattaforma comune per i test."),
        (None, "Con i francesi parliamo la stessa lingua tecnica, ma non la stessa burocrazia."),
    ],
}

PARTICIPANTS = [
    # organisation, category, country, name (optional), attended
    ("Coopérative Alpine", "company", "FR", "", True),
    ("Azienda Fiori Riviera", "company", "IT", "Giulia Bianchi", True),
    ("Laboratoire Agro", "research", "FR", "", True),
    ("Comune", "public", "IT", "", False),
]


def _territory(country: str, level: str, code: str) -> Territory | None:
    return Territory.objects.filter(country=country, level=level, code=code).first()


def _fill(session: Session, language: str, user: User | None) -> None:
    consent = ConsentText.current(language)
    for n, (org, category, country, name, attended) in enumerate(PARTICIPANTS, start=1):
        consented = consent is not None and session.status != Session.Status.PLANNED
        Participant.objects.create(
            session=session,
            pseudonym=f"P{n:02d}",
            organisation_name=org,
            category=category,
            country=country,
            name=name,
            language=language,
            attended=attended,
            consent_text=consent if consented else None,
            consent_at=timezone.now() if consented else None,
        )
    session.pseudonym_counter = len(PARTICIPANTS)
    session.save(update_fields=["pseudonym_counter"])
    if session.status == Session.Status.PLANNED:
        return
    questions = {q.key: q for q in Question.objects.filter(version=session.template_version)}
    for key, value in ANSWERS[language].items():
        if key in questions:
            Answer.objects.create(session=session, question=questions[key], value=value, updated_by=user)
    speakers = list(session.participants.order_by("pseudonym"))
    for n, (key, text) in enumerate(QUOTES[language]):
        Quote.objects.create(
            session=session,
            question=questions.get(key) if key else None,
            participant=speakers[n % 3],
            text=text,
            language=language,
            created_by=user,
        )


def load(stdout) -> None:
    created = 0
    for code, partner, title, day, country, region, dept, category, sector, language, status, email in SESSIONS:
        template = QuestionTemplate.objects.filter(study__code=code).order_by("pk").first()
        version = template and template.versions.filter(status=TemplateVersion.Status.PUBLISHED).first()
        organiser = Organisation.objects.filter(partner_code=partner).first()
        region_t = _territory(country, Territory.Level.REGION, region)
        if not (version and organiser and region_t):
            stdout.write(f"Focus groups demo: {title} skipped (template, partner or territory missing).")
            continue
        if Session.objects.filter(study=template.study, organiser=organiser, title=title).exists():
            continue
        user = User.objects.filter(email=email).first()
        coordinator = User.objects.filter(email="paca@circuito.test" if code == "3.2" else "lead@circuito.test").first()
        date = timezone.localdate() + datetime.timedelta(days=day)
        moment = timezone.make_aware(datetime.datetime.combine(date, datetime.time(18)))
        session = Session.objects.create(
            study=template.study,
            template_version=version,
            organiser=organiser,
            title=title,
            region=region_t,
            department=_territory(country, Territory.Level.DEPARTMENT, dept),
            date=date,
            mode=Session.Mode.IN_PERSON,
            place=title.split(" — ")[0],
            actor_category=category,
            sector=sector,
            facilitator=user.get_full_name() if user else "",
            note_taker="",
            language=language,
            status=status,
            held_at=moment if status != "planned" else None,
            submitted_at=moment + datetime.timedelta(days=2)
            if status in ("submitted", "validated", "returned")
            else None,
            submitted_by=user if status in ("submitted", "validated", "returned") else None,
            validated_at=moment + datetime.timedelta(days=5) if status == "validated" else None,
            validated_by=coordinator if status == "validated" else None,
            returned_at=moment + datetime.timedelta(days=4) if status == "returned" else None,
            returned_by=coordinator if status == "returned" else None,
            return_comment="Ajoutez la feuille de présence signée." if status == "returned" else "",
            created_by=user,
        )
        _fill(session, language, user)
        created += 1
    stdout.write(f"Focus groups demo: {created} sessions created.")
