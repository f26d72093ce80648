"""People and places for request and innovation tests: an Italian company with two members, a
French place with a referent and a service."""

from dataclasses import dataclass

from circuito.accounts.models import Membership, Organisation, User
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.tierslieux.factories import PlaceFactory, ServiceFactory
from tierslieux.models import Place, PlaceReferent, Service, ServiceRequest
from tierslieux.services.requests import create_request


@dataclass
class Scene:
    company: Organisation
    member: User  # Italian speaker
    colleague: User
    place: Place
    service: Service
    referent: User  # French speaker
    outsider: User  # member of another company


def scene() -> Scene:
    company = OrganisationFactory(country="IT", legal_name="Officina Ligure Srl")
    member = MembershipFactory(
        organisation=company, user=UserFactory(preferred_language="it"), role=Membership.Role.ADMIN
    ).user
    colleague = MembershipFactory(organisation=company, user=UserFactory(preferred_language="it")).user
    place = PlaceFactory(name="Fablab de Nice")
    service = ServiceFactory(place=place)
    referent = UserFactory(preferred_language="fr")
    PlaceReferent.objects.create(place=place, user=referent)
    outsider = MembershipFactory().user
    return Scene(company, member, colleague, place, service, referent, outsider)


def request_of(s: Scene, **kwargs) -> ServiceRequest:
    data = {"service": s.service, "subject": "Prototipo in alluminio", "message": "Buongiorno, ci serve un prototipo."}
    return create_request(actor=s.member, place=s.place, organisation=s.company, **{**data, **kwargs})
