"""A world for the analysis tests, on top of the sessions world (study 3.2 coordinated by PACA):

- a validated French session (PACA, companies, agri-food) with P01 (company), P02 (company,
  withdrawn) and P03 (research); a submitted Italian session (LIG, Liguria, research,
  construction) with P01 (research) and P02 (public, absent); a planned session (not material);
- closed answers in every session and in one submitted questionnaire response (Imperia);
- a codebook (obstacles > regulatory; language) and codings, one on the withdrawn participant's quote.
"""

import datetime
from dataclasses import dataclass

from circuito.geo.models import Territory
from focusgroups.models import (
    Answer,
    Coding,
    Participant,
    Questionnaire,
    Quote,
    Response,
    ResponseAnswer,
    Session,
    Theme,
)
from tests.factories import RegionFactory, TerritoryFactory
from tests.focusgroups.factories import ParticipantFactory, SessionFactory
from tests.focusgroups.factories_sessions import World, build_world

NOW = datetime.datetime(2026, 3, 20, 10, 0, tzinfo=datetime.UTC)


@dataclass
class AnalysisWorld:
    w: World
    paca_region: Territory
    liguria: Territory
    fr_session: Session
    it_session: Session
    planned: Session
    quote_fr: Quote
    quote_withdrawn: Quote
    quote_it: Quote
    it_answer: Answer
    response_text: ResponseAnswer
    obstacles: Theme
    regulatory: Theme
    language: Theme
    withdrawn: Participant


def _answers(session: Session, q: dict, values: dict, extra: dict | None = None) -> dict:
    made = {}
    for kind, value in values.items():
        fields = (extra or {}).get(kind, {})
        made[kind] = Answer.objects.create(session=session, question=q[kind], value=value, **fields)
    return made


def build_analysis_world() -> AnalysisWorld:
    w = build_world()
    q = w.questions
    paca_region = RegionFactory()  # Provence-Alpes-Côte d'Azur
    alpes = TerritoryFactory(parent=paca_region)
    it = w.session
    liguria, imperia = it.region, it.department
    Session.objects.filter(pk=it.pk).update(
        status=Session.Status.SUBMITTED, submitted_at=NOW, actor_category="research", sector="construction"
    )
    it.refresh_from_db()
    fr = SessionFactory(
        study=w.study,
        template_version=w.version,
        organiser=w.paca,
        region=paca_region,
        department=alpes,
        actor_category="company",
        sector="agrifood",
        status=Session.Status.VALIDATED,
        submitted_at=NOW,
        validated_at=NOW,
        date=datetime.date(2026, 3, 2),
    )
    planned = SessionFactory(
        study=w.study, template_version=w.version, organiser=w.lig, region=liguria, department=imperia
    )
    p1 = ParticipantFactory(session=fr, pseudonym="P01", name="Jeanne Secret", organisation_name="Ferme Cachée")
    withdrawn = ParticipantFactory(session=fr, pseudonym="P02", withdrawn_at=NOW, organisation_name="Retirée SA")
    ParticipantFactory(session=fr, pseudonym="P03", category="research")
    ParticipantFactory(session=it, pseudonym="P01", category="research", country="IT", language="it")
    ParticipantFactory(session=it, pseudonym="P02", category="public", country="IT", language="it", attended=False)

    _answers(
        fr,
        q,
        {"text": "Trop de normes", "single": "rules", "multiple": ["rules", "tech"], "scale": 4, "yes_no": True,
         "number": 3},
    )  # fmt: skip
    it_answers = _answers(
        it,
        q,
        {"text": "Troppa burocrazia", "single": "tech", "multiple": ["tech"], "scale": 2, "yes_no": False,
         "number": 5},
        extra={"text": {"notes": "Molti parlano di lingua."}},
    )  # fmt: skip
    _answers(planned, q, {"scale": 5, "single": "money"})

    quote_fr = Quote.objects.create(
        session=fr, question=q["text"], participant=p1, text="Les normes bloquent tout.", language="fr"
    )  # noqa: E501
    quote_withdrawn = Quote.objects.create(
        session=fr, question=q["text"], participant=withdrawn, text="Citation retirée.", language="fr"
    )
    quote_it = Quote.objects.create(session=it, question=q["text"], text="Serve un interprete.", language="it")

    questionnaire = Questionnaire.objects.create(
        study=w.study, template_version=w.version, organiser=w.lig, title="Q 3.2", public_token="pub-token"
    )
    response = Response.objects.create(
        questionnaire=questionnaire,
        language="it",
        resume_token="resume-1",
        submitted_at=NOW,
        respondent_organisation="Azienda Nascosta",
        category="company",
        country="IT",
        territory=imperia,
    )
    Response.objects.create(questionnaire=questionnaire, language="fr", resume_token="resume-2")  # not submitted
    for kind, value in {"single": "rules", "scale": 3, "yes_no": True, "number": 10}.items():
        ResponseAnswer.objects.create(response=response, question=q[kind], value=value)
    response_text = ResponseAnswer.objects.create(response=response, question=q["text"], value="Non parliamo francese")

    obstacles = Theme.objects.create(study=w.study, code="obstacles", label_fr="Obstacles", label_it="Ostacoli")
    regulatory = Theme.objects.create(
        study=w.study, code="regulatory", label_fr="Réglementaire", label_it="Normativo", parent=obstacles, order=1
    )
    language = Theme.objects.create(code="language", label_fr="Langue", label_it="Lingua", order=2)  # shared
    Coding.objects.create(theme=regulatory, quote=quote_fr)
    Coding.objects.create(theme=regulatory, quote=quote_withdrawn)
    Coding.objects.create(theme=regulatory, answer=it_answers["text"])
    Coding.objects.create(theme=language, answer=it_answers["text"])
    Coding.objects.create(theme=language, response_answer=response_text)
    return AnalysisWorld(
        w=w,
        paca_region=paca_region,
        liguria=liguria,
        fr_session=fr,
        it_session=it,
        planned=planned,
        quote_fr=quote_fr,
        quote_withdrawn=quote_withdrawn,
        quote_it=quote_it,
        it_answer=it_answers["text"],
        response_text=response_text,
        obstacles=obstacles,
        regulatory=regulatory,
        language=language,
        withdrawn=withdrawn,
    )
