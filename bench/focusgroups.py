"""Focus groups: sessions, capture, analysis, material, SWOT, progress, exports at full-project volume.

Volume: the three studies of the charter (3.2, 3.3, 5.2), each with a published template of 12
questions (every kind), 60 focus groups spread over the ALCOTRA regions and partners (10
participants each, an answer to every question), about 500 quotes in all, a questionnaire per
study with about 2,000 submitted responses in all (every question answered), a codebook of 40
themes (10 shared + 10 per study), about 3,000 codings and a SWOT of 8 items per region and study.
Requests go through the test Client as the coordinator of 3.2 (PACA staff) and as the staff of
another partner (AURA); the export and the synthesis call the job handlers directly.
"""

import datetime
import random
import time
from types import SimpleNamespace

from django.core.management import call_command
from django.test import Client

SESSIONS_PER_STUDY = 60
PARTICIPANTS = 10
QUOTES = 500
RESPONSES = 2_000
THEMES_PER_STUDY = 10
SHARED_THEMES = 10
CODINGS = 3_000
SWOT_PER_QUADRANT = 2

CHOICES = [{"value": v, "fr": f"Choix {v}", "it": f"Scelta {v}"} for v in ("rules", "tech", "money", "skills", "time")]
# key, kind, section
QUESTIONS = [
    ("actors", "multiple", 0),
    ("partner-abroad", "yes_no", 0),
    ("projects", "number", 0),
    ("obstacles-tech", "text", 1),
    ("obstacles-rules", "text", 1),
    ("main-obstacle", "single", 1),
    ("rules-weight", "scale", 1),
    ("programming-fit", "scale", 2),
    ("programming", "text", 2),
    ("funding", "single", 2),
    ("staff", "number", 2),
    ("ideas", "text", 2),
]
PARTNER_REGIONS = {  # partner code → region code (ALCOTRA regions)
    "PACA": ("FR", "93"),
    "MNCA": ("FR", "93"),
    "AURA": ("FR", "84"),
    "LIG": ("IT", "07"),
    "PIE": ("IT", "01"),
    "UNITO": ("IT", "01"),
    "VDA": ("IT", "02"),
    "UNIGE": ("IT", "07"),
}


def _value(kind: str, rng: random.Random):
    if kind == "text":
        return rng.choice(["Procédures trop longues.", "Mancano laboratori condivisi.", "Financements dispersés."])
    if kind == "single":
        return rng.choice(CHOICES)["value"]
    if kind == "multiple":
        return rng.sample([c["value"] for c in CHOICES], rng.randrange(1, 4))
    if kind == "scale":
        return rng.randrange(1, 6)
    if kind == "yes_no":
        return rng.random() < 0.5
    return rng.randrange(0, 40)


def seed() -> dict:
    from django.utils import timezone

    from circuito.accounts.models import Organisation
    from circuito.geo.models import Territory
    from focusgroups.models import (
        Answer,
        Coding,
        ConsentText,
        Participant,
        Question,
        Questionnaire,
        QuestionTag,
        QuestionTemplate,
        Quote,
        Response,
        ResponseAnswer,
        Section,
        Session,
        Study,
        SwotItem,
        TemplateVersion,
        Theme,
    )
    from tests.factories import MembershipFactory

    rng = random.Random(5)
    call_command("load_territories", "--alcotra-only", verbosity=0)
    call_command("load_focusgroups_reference", verbosity=0)
    now = timezone.now()
    partners = {o.partner_code: o for o in Organisation.objects.filter(kind=Organisation.Kind.PARTNER)}
    regions = {(t.country, t.code): t for t in Territory.objects.filter(level=Territory.Level.REGION, in_alcotra=True)}
    departments: dict[int, list[Territory]] = {}
    for d in Territory.objects.filter(level=Territory.Level.DEPARTMENT, parent__in=regions.values()):
        departments.setdefault(d.parent_id, []).append(d)
    organisers = [(partners[c], regions[r]) for c, r in PARTNER_REGIONS.items() if c in partners and r in regions]
    consent = {lang: ConsentText.current(lang) for lang in ("fr", "it")}
    tags = list(QuestionTag.objects.all())
    studies = list(Study.objects.order_by("order", "code"))

    SHARED = [
        Theme(code=f"shared-{i}", label_fr=f"Thème {i}", label_it=f"Tema {i}", order=i) for i in range(SHARED_THEMES)
    ]
    Theme.objects.bulk_create(SHARED)
    all_sessions, quotes, text_answers, text_rows = [], [], [], []
    themes_of: dict[int, list[Theme]] = {}
    for study in studies:
        template = QuestionTemplate.objects.create(study=study, title_fr=f"Modèle {study.code}", title_it="Modello")
        version = TemplateVersion.objects.create(
            template=template, number=1, status=TemplateVersion.Status.PUBLISHED, published_at=now
        )
        sections = Section.objects.bulk_create(
            [Section(version=version, order=i, title_fr=f"Partie {i}", title_it=f"Parte {i}") for i in range(3)]
        )
        questions = Question.objects.bulk_create(
            [
                Question(
                    section=sections[s],
                    version=version,
                    order=i,
                    key=key,
                    kind=kind,
                    text_fr=f"Question {key} ?",
                    text_it=f"Domanda {key}?",
                    help_fr="Relancer.",
                    required=kind == "text",
                    choices=CHOICES if kind in ("single", "multiple") else [],
                )
                for i, (key, kind, s) in enumerate(QUESTIONS)
            ]
        )
        Question.tags.through.objects.bulk_create(
            [Question.tags.through(question_id=q.pk, questiontag_id=rng.choice(tags).pk) for q in questions]
        )
        sessions = []
        for i in range(SESSIONS_PER_STUDY):
            organiser, region = organisers[i % len(organisers)]
            status = rng.choices(["planned", "held", "submitted", "validated", "returned"], weights=[1, 2, 3, 6, 1])[0]
            day = datetime.date(2025, 10, 1) + datetime.timedelta(days=rng.randrange(400))
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))
            sent = status in ("submitted", "validated", "returned")
            sessions.append(
                Session(
                    study=study,
                    template_version=version,
                    organiser=organiser,
                    title=f"{study.code} focus group {i:02d}",
                    region=region,
                    department=rng.choice(departments.get(region.pk) or [None]),
                    date=day,
                    actor_category=rng.choice(["research", "company", "public"]),
                    sector=rng.choice(["agrifood", "floriculture", "construction", "cross", ""]),
                    language="fr" if region.country == "FR" else "it",
                    facilitator="Claire Martin",
                    status=status,
                    held_at=moment if status != "planned" else None,
                    submitted_at=moment if sent else None,
                    validated_at=moment if status == "validated" else None,
                    return_comment="Feuille de présence manquante." if status == "returned" else "",
                    pseudonym_counter=PARTICIPANTS,
                )
            )
        Session.objects.bulk_create(sessions)
        all_sessions += [(s, study) for s in sessions]
        participants = Participant.objects.bulk_create(
            [
                Participant(
                    session=s,
                    pseudonym=f"P{n:02d}",
                    organisation_name=f"Organisation {s.pk}-{n}",
                    name=f"Person {n}" if n % 3 else "",
                    category=rng.choice(["research", "company", "public"]),
                    country=s.region.country,
                    language=s.language,
                    attended=n != 9,
                    consent_text=consent[s.language],
                    consent_at=now,
                    withdrawn_at=now if n == 8 and s.pk % 7 == 0 else None,
                )
                for s in sessions
                for n in range(1, PARTICIPANTS + 1)
            ],
            batch_size=2000,
        )
        answers = Answer.objects.bulk_create(
            [
                Answer(
                    session=s,
                    question=q,
                    value=_value(q.kind, rng),
                    notes="Note du rapporteur." if q.kind == "text" else "",
                )
                for s in sessions
                if s.status != "planned"
                for q in questions
            ],
            batch_size=2000,
        )
        text_answers += [(a, study) for a in answers if a.question.kind == "text"]
        by_session: dict[int, list] = {}
        for p in participants:
            by_session.setdefault(p.session_id, []).append(p)
        held = [s for s in sessions if s.status != "planned"]
        text_qs = [q for q in questions if q.kind == "text"]
        study_quotes = Quote.objects.bulk_create(
            [
                Quote(
                    session=s,
                    question=rng.choice(text_qs + [None]),
                    participant=rng.choice(by_session[s.pk]),
                    text=f"Citation {n}: on ne sait jamais si c'est un déchet ou un produit.",
                    language=s.language,
                )
                for n, s in enumerate(rng.choice(held) for _ in range(QUOTES // len(studies) + 1))
            ]
        )
        quotes += [(q, study) for q in study_quotes]
        questionnaire = Questionnaire.objects.create(
            study=study, template_version=version, title_fr="Questionnaire", public_token=f"bench-{study.pk}",
            allow_public=True,
        )  # fmt: skip
        region_list = list(regions.values())
        responses = Response.objects.bulk_create(
            [
                Response(
                    questionnaire=questionnaire,
                    language=rng.choice(["fr", "it"]),
                    resume_token=f"bench-{study.pk}-{n}",
                    submitted_at=now - datetime.timedelta(hours=n),
                    category=rng.choice(["research", "company", "public", ""]),
                    country="FR",
                    territory=rng.choice(region_list + [d for ds in departments.values() for d in ds[:2]]),
                )
                for n in range(RESPONSES // len(studies) + 1)
            ]
        )
        rows = ResponseAnswer.objects.bulk_create(
            [ResponseAnswer(response=r, question=q, value=_value(q.kind, rng)) for r in responses for q in questions],
            batch_size=5000,
        )
        text_rows += [(r, study) for r in rows if r.question.kind == "text"]
        own = Theme.objects.bulk_create(
            [
                Theme(study=study, code=f"t{i}", label_fr=f"Thème {study.code}.{i}", label_it=f"Tema {i}", order=i)
                for i in range(THEMES_PER_STUDY)
            ]
        )
        for child in own[5:]:  # a two-level codebook
            child.parent = own[own.index(child) - 5]
        Theme.objects.bulk_update(own[5:], ["parent"])
        themes_of[study.pk] = own + SHARED
        swot = SwotItem.objects.bulk_create(
            [
                SwotItem(
                    study=study, territory=region, quadrant=quadrant, text_fr=f"{quadrant}{n} {region.name}", order=n
                )
                for region in regions.values()
                for quadrant in "SWOT"
                for n in range(SWOT_PER_QUADRANT)
            ]
        )
        held_by_region: dict[int, list] = {}
        for s in held:
            held_by_region.setdefault(s.region_id, []).append(s)
        quotes_by_region: dict[int, list] = {}
        for q in study_quotes:
            quotes_by_region.setdefault(q.session.region_id, []).append(q)
        SwotItem.evidence_sessions.through.objects.bulk_create(
            [
                SwotItem.evidence_sessions.through(swotitem_id=item.pk, session_id=s.pk)
                for item in swot
                for s in rng.sample(
                    held_by_region.get(item.territory_id, []), min(2, len(held_by_region.get(item.territory_id, [])))
                )
            ]
        )
        SwotItem.evidence_quotes.through.objects.bulk_create(
            [
                SwotItem.evidence_quotes.through(swotitem_id=item.pk, quote_id=q.pk)
                for item in swot
                for q in rng.sample(
                    quotes_by_region.get(item.territory_id, []),
                    min(2, len(quotes_by_region.get(item.territory_id, []))),
                )
            ]
        )
    # Codings: about half on quotes, a quarter on session answers, a quarter on questionnaire answers.
    seen = set()
    codings = []
    pools = [("quote", quotes, 0.5), ("answer", text_answers, 0.25), ("response_answer", text_rows, 0.25)]
    for field, pool, share in pools:
        for _ in range(int(CODINGS * share * 1.1)):
            obj, study = rng.choice(pool)
            theme = rng.choice(themes_of[study.pk])
            if (field, obj.pk, theme.pk) in seen:
                continue
            seen.add((field, obj.pk, theme.pk))
            codings.append(Coding(theme=theme, **{field: obj}))
    Coding.objects.bulk_create(codings[:CODINGS] if len(codings) > CODINGS else codings, batch_size=2000)

    coordinator = MembershipFactory(organisation=partners["PACA"], status="active").user
    other = MembershipFactory(organisation=partners["AURA"], status="active").user
    study = Study.objects.get(code="3.2")
    mine = Session.objects.filter(study=study, organiser=partners["PACA"])
    theirs = Session.objects.filter(study=study, organiser=partners["AURA"])
    counts = {
        "sessions": Session.objects.count(),
        "participants": Participant.objects.count(),
        "answers": Answer.objects.count(),
        "quotes": Quote.objects.count(),
        "responses": Response.objects.count(),
        "response answers": ResponseAnswer.objects.count(),
        "themes": Theme.objects.count(),
        "codings": Coding.objects.count(),
        "SWOT items": SwotItem.objects.count(),
    }
    print("  seeded " + ", ".join(f"{n} {label}" for label, n in counts.items()))
    # Make sure the capture pages have an editable session of each user's partner.
    for qs in (mine, theirs):
        s = qs.filter(status="held").first() or qs.first()
        Session.objects.filter(pk=s.pk).update(status="held", submitted_at=None, validated_at=None, return_comment="")
    return {
        "study": study,
        "coordinator": coordinator,
        "other": other,
        "sent": mine.filter(status="validated").order_by("pk").first(),
        "theirs_sent": Session.objects.filter(study=study, status="validated")
        .exclude(organiser=partners["PACA"])
        .first(),
        "mine_held": mine.filter(status="held").first(),
        "theirs_held": theirs.filter(status="held").first(),
        "region": regions[("IT", "07")],
    }


def run() -> None:
    from django.utils import translation

    from bench.harness import get_ok, timed
    from circuito.jobs.registry import get_kind
    from focusgroups.jobs import EXPORT_ANSWERS, SYNTHESIS

    start = time.perf_counter()
    w = seed()
    print(f"  (seeding took {time.perf_counter() - start:.1f} s)")
    study, code = w["study"], w["study"].code
    base = "/fr/focus-groups"
    for who, user, held, sent in (
        ("coordinator", w["coordinator"], w["mine_held"], w["theirs_sent"]),
        ("other partner", w["other"], w["theirs_held"], None),
    ):
        client = Client()
        client.force_login(user)
        print(f"  -- as {who}")
        timed(f"{who}: sessions list", get_ok(client, f"{base}/sessions/"))
        timed(
            f"{who}: sessions list ?status=validated&page=2",
            get_ok(client, f"{base}/sessions/", data={"status": "validated", "page": 2}),
        )
        timed(f"{who}: session detail (own, held)", get_ok(client, f"{base}/sessions/{held.pk}/"))
        if sent:
            timed(
                f"{who}: session detail (another partner's, validated)", get_ok(client, f"{base}/sessions/{sent.pk}/")
            )
        timed(f"{who}: capture page", get_ok(client, f"{base}/capture/{held.pk}/"))
        timed(f"{who}: analysis results {code}", get_ok(client, f"{base}/analysis/{code}/"))
        if who == "coordinator":
            timed(f"{who}: material page 1", get_ok(client, f"{base}/analysis/{code}/material/"))
            timed(
                f"{who}: material ?territory=Liguria&page=2",
                get_ok(client, f"{base}/analysis/{code}/material/", data={"territory": w["region"].pk, "page": 2}),
            )
            timed(f"{who}: material page 40", get_ok(client, f"{base}/analysis/{code}/material/", data={"page": 40}))
            timed(
                f"{who}: SWOT of Liguria (with form)", get_ok(client, f"{base}/analysis/{code}/swot/{w['region'].pk}/")
            )
        timed(f"{who}: SWOT side by side", get_ok(client, f"{base}/analysis/{code}/swot/"))
        timed(f"{who}: progress", get_ok(client, f"{base}/analysis/"))
        timed(f"{who}: API sessions", get_ok(client, "/api/v1/focus-groups/"))

    progress = lambda percent, message: None  # noqa: E731
    for kind, params, label in (
        (EXPORT_ANSWERS, {"study": study.pk, "format": "xlsx"}, "answers XLSX export (job)"),
        (EXPORT_ANSWERS, {"study": study.pk, "format": "csv"}, "answers CSV export (job)"),
        (SYNTHESIS, {"study": study.pk, "region": None}, "synthesis PDF, every territory (job)"),
        (SYNTHESIS, {"study": study.pk, "region": w["region"].pk}, "synthesis PDF, Liguria (job)"),
    ):
        job = SimpleNamespace(params=params, language="fr", owner=w["coordinator"])
        handler = get_kind(kind).handler
        with translation.override("fr"):
            timed(label, lambda h=handler, j=job: h(j, progress), repeat=3, warmup=1)
            result = handler(job, progress)
        size = len(getattr(result, "content", b"") or b"")
        print(f"    ({size // 1024} KB)")
