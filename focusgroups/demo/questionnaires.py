"""Demo data of the questionnaires area: the 5.2 evaluation questionnaire sent to companies that
used the WP4 services, with a few submitted responses in French and Italian. Idempotent: the
template and the questionnaire are found again by study and French title, responses are added
only to a questionnaire that has none."""

import datetime

from django.utils import timezone

from circuito.accounts.models import User
from circuito.geo.models import Territory
from focusgroups.models import Question, Questionnaire, QuestionTag, QuestionTemplate, Section, Study, TemplateVersion
from focusgroups.services import questionnaires as services

TEMPLATE_TITLE = ("Évaluation des services CIRCUITO", "Valutazione dei servizi CIRCUITO")
QUESTIONNAIRE_TITLE = ("Votre avis sur les services CIRCUITO", "Il vostro parere sui servizi CIRCUITO")
SERVICES = [
    ("tiers-lieux", "Tiers-Lieux et open innovation", "Terzi luoghi e open innovation"),
    ("bourse", "Bourse des flux", "Borsa dei flussi"),
    ("b2b", "Rencontres B2B", "Incontri B2B"),
    ("training", "Formations", "Formazioni"),
]
SECTIONS = [
    (
        ("Les services utilisés", "I servizi utilizzati"),
        [
            (
                "services-used",
                "multiple",
                ("Quels services avez-vous utilisés ?", "Quali servizi avete utilizzato?"),
                True,
                SERVICES,
                "service-effect",
            ),
            (
                "satisfaction",
                "scale",
                ("Êtes-vous satisfait des services ?", "Siete soddisfatti dei servizi?"),
                True,
                [],
                "service-satisfaction",
            ),
            (
                "contacts",
                "number",
                ("Combien de nouveaux contacts en avez-vous tirés ?", "Quanti nuovi contatti ne avete ricavato?"),
                False,
                [],
                "service-effect",
            ),
        ],
    ),
    (
        ("Et ensuite", "E poi"),
        [
            (
                "recommend",
                "yes_no",
                ("Recommanderiez-vous ces services ?", "Raccomandereste questi servizi?"),
                True,
                [],
                "service-satisfaction",
            ),
            (
                "improve",
                "text",
                ("Que faudrait-il améliorer ?", "Cosa bisognerebbe migliorare?"),
                False,
                [],
                "service-improvement",
            ),
        ],
    ),
]
# organisation, language, category, country, region code, services, satisfaction, contacts, recommend, text
RESPONSES = [
    (
        "Serres d'Azur",
        "fr",
        "company",
        "FR",
        "93",
        ["bourse", "b2b"],
        4,
        3,
        True,
        "Plus de rencontres avec les entreprises italiennes.",
    ),
    ("Menuiserie Alpine", "fr", "company", "FR", "84", ["tiers-lieux"], 3, 1, True, ""),
    (
        "Floricoltura Ponente",
        "it",
        "company",
        "IT",
        "07",
        ["bourse", "training"],
        5,
        4,
        True,
        "Più esempi di sottoprodotti riutilizzati.",
    ),
    ("Edilizia Cuneese", "it", "company", "IT", "01", ["b2b"], 2, 0, False, "Gli incontri erano troppo lontani."),
]


def _template(study: Study, author: User | None) -> TemplateVersion:
    template = QuestionTemplate.objects.filter(study=study, title_fr=TEMPLATE_TITLE[0]).first()
    if template is not None:
        version = template.versions.filter(status=TemplateVersion.Status.PUBLISHED).first()
        if version is not None:
            return version
    template = template or QuestionTemplate.objects.create(
        study=study, title_fr=TEMPLATE_TITLE[0], title_it=TEMPLATE_TITLE[1], created_by=author
    )
    version = TemplateVersion.objects.create(
        template=template,
        number=(template.versions.count() + 1),
        status=TemplateVersion.Status.PUBLISHED,
        published_at=timezone.now(),
        published_by=author,
        created_by=author,
    )
    for s_order, (titles, questions) in enumerate(SECTIONS, start=1):
        section = Section.objects.create(version=version, order=s_order, title_fr=titles[0], title_it=titles[1])
        for q_order, (key, kind, text, required, choices, tag) in enumerate(questions, start=1):
            question = Question.objects.create(
                section=section,
                order=q_order,
                key=key,
                kind=kind,
                text_fr=text[0],
                text_it=text[1],
                required=required,
                choices=[{"value": v, "fr": fr, "it": it} for v, fr, it in choices],
            )
            question.tags.add(*QuestionTag.objects.filter(code=tag))
    return version


def _responses(questionnaire: Questionnaire) -> int:
    sections = services.sections_of(questionnaire)
    keys = {q.key: q for q in Question.objects.filter(version=questionnaire.template_version)}
    for n, (org, language, category, country, region, used, score, contacts, recommend, text) in enumerate(RESPONSES):
        invitation = questionnaire.invitations.filter(email=f"demo-{n + 1}@example.org").first()
        territory = Territory.objects.filter(level=Territory.Level.REGION, country=country, code=region).first()
        profile = {"organisation": org, "category": category, "country": country, "territory": territory}
        response = services.start_response(questionnaire, profile, language=language, invitation=invitation)
        answers = [
            {keys["services-used"].pk: used, keys["satisfaction"].pk: score, keys["contacts"].pk: contacts},
            {keys["recommend"].pk: "yes" if recommend else "no", keys["improve"].pk: text},
        ]
        for step, (section, raw) in enumerate(zip(sections, answers, strict=True), start=1):
            response = services.save_section(response, section, raw, step=step, require=True)
        services.submit_response(response)
    return len(RESPONSES)


def load(stdout) -> None:
    study = Study.objects.filter(code="5.2").first()
    if study is None:
        stdout.write("Focus groups demo: study 5.2 missing (run load_focusgroups_reference); questionnaire skipped.")
        return
    author = User.objects.filter(email="admin@circuito.test").first()
    version = _template(study, author)
    questionnaire = Questionnaire.objects.filter(study=study, title_fr=QUESTIONNAIRE_TITLE[0]).first()
    if questionnaire is None:
        questionnaire = Questionnaire.objects.create(
            study=study,
            template_version=version,
            organiser=study.coordinator,
            title_fr=QUESTIONNAIRE_TITLE[0],
            title_it=QUESTIONNAIRE_TITLE[1],
            introduction_fr="Dix minutes pour nous dire ce que les services CIRCUITO vous ont apporté.",
            introduction_it="Dieci minuti per dirci cosa vi hanno dato i servizi CIRCUITO.",
            closes_at=timezone.now() + datetime.timedelta(days=60),
            public_token=services.new_token(),
            allow_public=True,
            created_by=author,
        )
        for n, (org, language, *_rest) in enumerate(RESPONSES, start=1):
            questionnaire.invitations.create(
                email=f"demo-{n}@example.org",
                organisation_name=org,
                language=language,
                token=services.new_token(),
                sent_at=timezone.now(),
            )
    created = 0
    if not questionnaire.responses.exists() and services.state(questionnaire) == services.State.OPEN:
        created = _responses(questionnaire)
    stdout.write(f"Focus groups demo: questionnaire 5.2 ready, {created} responses added.")
