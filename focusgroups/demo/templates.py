"""Demo data of the templates area: a published bilingual template for 3.2 (every question kind,
tags) and one for 3.3. Idempotent: templates are found again by study and French title."""

from django.utils import timezone

from circuito.accounts.models import User
from focusgroups.models import Question, QuestionTag, QuestionTemplate, Section, Study, TemplateVersion

TEMPLATES = {
    "3.2": {
        "title": (
            "Obstacles à la coopération transfrontalière en R&I",
            "Ostacoli alla cooperazione transfrontaliera in R&I",
        ),
        "description": (
            "Modèle commun des focus groups 3.2, par territoire et catégorie d'acteurs.",
            "Modello comune dei focus group 3.2, per territorio e categoria di attori.",
        ),
        "author": "paca@circuito.test",
        "sections": [
            (
                ("Votre écosystème", "Il vostro ecosistema"),
                [
                    (
                        "ecosystem-actors",
                        "multiple",
                        ("Avec quels acteurs coopérez-vous déjà ?", "Con quali attori cooperate già?"),
                        ("Citer des exemples concrets.", "Chiedere esempi concreti."),
                        False,
                        [
                            ("research", "Centres de recherche", "Centri di ricerca"),
                            ("firms", "Entreprises", "Imprese"),
                            ("public", "Organismes publics", "Enti pubblici"),
                            ("cluster", "Pôles et clusters", "Poli e cluster"),
                        ],
                        [],
                    ),
                    (
                        "crossborder-partner",
                        "yes_no",
                        (
                            "Avez-vous un partenaire de l'autre côté de la frontière ?",
                            "Avete un partner dall'altra parte del confine?",
                        ),
                        ("", ""),
                        True,
                        [],
                        [],
                    ),
                    (
                        "crossborder-projects",
                        "number",
                        (
                            "Combien de projets transfrontaliers ces trois dernières années ?",
                            "Quanti progetti transfrontalieri negli ultimi tre anni?",
                        ),
                        ("Un ordre de grandeur suffit.", "Basta un ordine di grandezza."),
                        False,
                        [],
                        [],
                    ),
                ],
            ),
            (
                ("Obstacles", "Ostacoli"),
                [
                    (
                        "obstacles-technological",
                        "text",
                        ("Quels obstacles technologiques rencontrez-vous ?", "Quali ostacoli tecnologici incontrate?"),
                        (
                            "Relancer sur l'accès aux équipements et aux compétences.",
                            "Rilanciare sull'accesso ad attrezzature e competenze.",
                        ),
                        True,
                        [],
                        ["obstacle-technological"],
                    ),
                    (
                        "obstacles-regulatory",
                        "text",
                        (
                            "Quels obstacles réglementaires, y compris environnementaux ?",
                            "Quali ostacoli normativi, anche ambientali?",
                        ),
                        (
                            "Sous-produits, autorisations, normes différentes FR/IT.",
                            "Sottoprodotti, autorizzazioni, norme diverse FR/IT.",
                        ),
                        True,
                        [],
                        ["obstacle-regulatory"],
                    ),
                    (
                        "main-obstacle",
                        "single",
                        ("Quel est l'obstacle principal ?", "Qual è l'ostacolo principale?"),
                        ("", ""),
                        False,
                        [
                            ("tech", "Technologique", "Tecnologico"),
                            ("rules", "Réglementaire", "Normativo"),
                            ("programming", "Programmation régionale", "Programmazione regionale"),
                        ],
                        ["obstacle-technological", "obstacle-regulatory", "obstacle-programming"],
                    ),
                    (
                        "programming-fit",
                        "scale",
                        (
                            "La programmation régionale aide-t-elle la coopération ? (1 = pas du tout, 5 = tout à fait)",  # noqa: E501
                            "La programmazione regionale sostiene la cooperazione? (1 = per niente, 5 = del tutto)",
                        ),
                        ("Faire voter à main levée.", "Far votare per alzata di mano."),
                        False,
                        [],
                        ["obstacle-programming"],
                    ),
                ],
            ),
        ],
    },
    "3.3": {
        "title": ("Économie circulaire et obstacles réglementaires", "Economia circolare e ostacoli normativi"),
        "description": ("Schéma partagé des focus groups 3.3.", "Schema condiviso dei focus group 3.3."),
        "author": "lead@circuito.test",
        "sections": [
            (
                ("Mise en œuvre", "Attuazione"),
                [
                    (
                        "circular-level",
                        "scale",
                        (
                            "Niveau de mise en œuvre de l'économie circulaire (1 à 5)",
                            "Livello di attuazione dell'economia circolare (da 1 a 5)",
                        ),
                        ("", ""),
                        True,
                        [],
                        ["circular-implementation"],
                    ),
                    (
                        "byproducts",
                        "text",
                        (
                            "Quelles difficultés avec le statut de sous-produit ?",
                            "Quali difficoltà con la qualifica di sottoprodotto?",
                        ),
                        ("", ""),
                        False,
                        [],
                        ["byproduct-status", "obstacle-regulatory"],
                    ),
                ],
            ),
        ],
    },
}


def load(stdout) -> None:
    created = 0
    for code, spec in TEMPLATES.items():
        study = Study.objects.filter(code=code).first()
        if study is None:
            stdout.write(f"Focus groups demo: study {code} missing (run load_focusgroups_reference); skipped.")
            continue
        if QuestionTemplate.objects.filter(study=study, title_fr=spec["title"][0]).exists():
            continue
        author = User.objects.filter(email=spec["author"]).first()
        template = QuestionTemplate.objects.create(
            study=study,
            title_fr=spec["title"][0],
            title_it=spec["title"][1],
            description_fr=spec["description"][0],
            description_it=spec["description"][1],
            created_by=author,
        )
        version = TemplateVersion.objects.create(
            template=template,
            number=1,
            status=TemplateVersion.Status.PUBLISHED,
            published_at=timezone.now(),
            published_by=author,
            created_by=author,
        )
        for s_order, (titles, questions) in enumerate(spec["sections"], start=1):
            section = Section.objects.create(version=version, order=s_order, title_fr=titles[0], title_it=titles[1])
            for q_order, (key, kind, text, help_, required, choices, tags) in enumerate(questions, start=1):
                question = Question.objects.create(
                    section=section,
                    order=q_order,
                    key=key,
                    kind=kind,
                    text_fr=text[0],
                    text_it=text[1],
                    help_fr=help_[0],
                    help_it=help_[1],
                    required=required,
                    choices=[{"value": v, "fr": fr, "it": it} for v, fr, it in choices],
                )
                question.tags.set(QuestionTag.objects.filter(code__in=tags))
        created += 1
    stdout.write(f"Focus groups demo: {created} templates created.")
