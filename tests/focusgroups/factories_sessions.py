"""A small world for the templates and sessions tests: study 3.2 coordinated by PACA, a published
template with one question of every kind, and people in every role."""

from dataclasses import dataclass

from circuito.accounts.models import Organisation, User
from focusgroups.models import Question, Session, Study, TemplateVersion
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory, TerritoryFactory, UserFactory
from tests.focusgroups.factories import (
    ConsentTextFactory,
    PartnerFactory,
    QuestionFactory,
    QuestionTagFactory,
    SectionFactory,
    SessionFactory,
    StudyFactory,
    TemplateVersionFactory,
)

CHOICES = [
    {"value": "rules", "fr": "Réglementation", "it": "Normativa"},
    {"value": "tech", "fr": "Technologie", "it": "Tecnologia"},
    {"value": "money", "fr": "Financement", "it": "Finanziamento"},
]


@dataclass
class World:
    study: Study
    version: TemplateVersion
    questions: dict[str, Question]
    paca: Organisation
    lig: Organisation
    pie: Organisation
    coordinator: User  # PACA staff through its implementing body
    owner: User  # LIG staff: organises `session`
    colleague: User  # another LIG staff
    other_partner: User  # PIE staff
    outsider: User  # a company member
    session: Session  # LIG's session in Liguria (IT)


def partner_staff(partner: Organisation, *, via_body: bool = False) -> User:
    org = partner
    if via_body:
        org = OrganisationFactory(
            kind=Organisation.Kind.IMPLEMENTING_BODY,
            legal_name=f"Body of {partner.partner_code}",
            country=partner.country,
            delegating_partner=partner,
        )
    return MembershipFactory(organisation=org, status="active").user


def published_version(study: Study, number: int = 1) -> tuple[TemplateVersion, dict[str, Question]]:
    version = TemplateVersionFactory(template__study=study, number=number)
    first = SectionFactory(version=version, order=1, title_fr="Obstacles", title_it="Ostacoli")
    second = SectionFactory(version=version, order=2, title_fr="Perspectives", title_it="Prospettive")
    tag = QuestionTagFactory()
    questions = {
        "text": QuestionFactory(section=first, order=1, key="obstacles", kind="text", required=True),
        "single": QuestionFactory(
            section=first,
            order=2,
            key="main-obstacle",
            kind="single",
            choices=CHOICES,
            text_fr="Obstacle principal ?",
            text_it="Ostacolo principale?",
        ),
        "multiple": QuestionFactory(
            section=first,
            order=3,
            key="obstacles-all",
            kind="multiple",
            choices=CHOICES,
            text_fr="Tous les obstacles ?",
            text_it="Tutti gli ostacoli?",
        ),
        "scale": QuestionFactory(
            section=second, order=1, key="cooperation", kind="scale", text_fr="Coopération ?", text_it="Cooperazione?"
        ),
        "yes_no": QuestionFactory(
            section=second, order=2, key="partner-abroad", kind="yes_no", text_fr="Partenaire ?", text_it="Partner?"
        ),
        "number": QuestionFactory(
            section=second, order=3, key="projects", kind="number", text_fr="Projets ?", text_it="Progetti?"
        ),
    }
    questions["text"].tags.add(tag)
    return version, questions


def build_world() -> World:
    paca = PartnerFactory(partner_code="PACA", legal_name="Région Sud", country="FR")
    lig = PartnerFactory(partner_code="LIG", legal_name="Regione Liguria", country="IT", is_lead_partner=True)
    pie = PartnerFactory(partner_code="PIE", legal_name="Regione Piemonte", country="IT")
    study = StudyFactory(code="3.2", coordinator=paca, target_sessions=20)
    version, questions = published_version(study)
    ConsentTextFactory(language="fr")
    ConsentTextFactory(language="it")
    liguria = RegionFactory(country="IT", code="07", name="Liguria", name_fr="Ligurie", name_it="Liguria")
    imperia = TerritoryFactory(
        country="IT", code="IM", name="Imperia", name_fr="Imperia", name_it="Imperia", parent=liguria
    )
    session = SessionFactory(
        study=study, template_version=version, organiser=lig, region=liguria, department=imperia, language="it"
    )
    return World(
        study=study,
        version=version,
        questions=questions,
        paca=paca,
        lig=lig,
        pie=pie,
        coordinator=partner_staff(paca, via_body=True),
        owner=partner_staff(lig),
        colleague=partner_staff(lig, via_body=True),
        other_partner=partner_staff(pie),
        outsider=MembershipFactory(status="active").user,
        session=session,
    )


def superuser() -> User:
    return UserFactory(is_superuser=True, is_staff=True)
