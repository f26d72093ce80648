"""Who may see and change places, service requests, events, machines and bookings, person by
person: the visitor, an outsider, a company member, a place's referent (of this place and of
another), partner staff and a superuser; drafts and archived places against published ones; and
every reason a booking is refused, word for word."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone, translation

from circuito.accounts.models import Membership, Organisation
from tests.access import fresh, outcome
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory, UserFactory
from tests.tierslieux.factories import EventFactory, PlaceFactory, ServiceFactory
from tests.tierslieux.factories_places import EquipmentFactory, ReferentFactory
from tierslieux import permissions as perms
from tierslieux import permissions_booking as booking_perms
from tierslieux.models import Booking, BookingRules, Place, ServiceRequest, Training

pytestmark = pytest.mark.django_db

PEOPLE = ["visitor", "outsider", "member", "referent", "other_referent", "staff", "superuser", "pending_member"]


@pytest.fixture
def world():
    company = OrganisationFactory(legal_name="Officina Ligure Srl")
    people = {
        "visitor": AnonymousUser(),
        "outsider": MembershipFactory().user,
        "member": MembershipFactory(organisation=company).user,
        "referent": UserFactory(),
        "other_referent": UserFactory(),
        "staff": MembershipFactory(organisation=OrganisationFactory(kind=Organisation.Kind.PARTNER)).user,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
        "pending_member": MembershipFactory(organisation=company, status=Membership.Status.PENDING).user,
    }
    places = {status: PlaceFactory(status=status) for status in Place.Status.values}
    other = PlaceFactory()
    # The other place's referent first: referent rows and places do not share their numbers.
    ReferentFactory(place=other, user=people["other_referent"])
    for place in places.values():
        ReferentFactory(place=place, user=people["referent"])
    return company, people, places, other


EDITORS = {"referent", "staff", "superuser"}


def table(check) -> dict[str, object]:
    """`check(who)` for every person, each seen as in a new request."""
    return {who: check(who) for who in PEOPLE}


def test_place_access_by_person_and_status(world):
    _company, people, places, _other = world
    for status, place in places.items():
        published = status == Place.Status.PUBLISHED
        assert table(lambda who, place=place: perms.can_edit_place(fresh(people[who]), place)) == {
            who: who in EDITORS for who in PEOPLE
        }, status
        assert table(lambda who, place=place: place in perms.visible_places(fresh(people[who]))) == {
            who: who in EDITORS or published for who in PEOPLE
        }, status
        seen = table(lambda who, place=place: outcome(lambda: perms.get_place(place.slug, fresh(people[who]))))
        assert seen == {
            who: perms.PlaceAccess(place, who in EDITORS) if who in EDITORS or published else 404 for who in PEOPLE
        }, status
        edited = table(
            lambda who, place=place: outcome(lambda: perms.get_place(place.slug, fresh(people[who]), edit=True))
        )
        assert edited == {
            who: perms.PlaceAccess(place, True) if who in EDITORS else 403 if published else 404 for who in PEOPLE
        }, status


def test_visible_places_lists_exactly_published_and_own_places(world):
    _company, people, places, other = world
    published = {places[Place.Status.PUBLISHED], other}
    assert set(perms.visible_places(people["visitor"])) == published
    assert set(perms.visible_places(people["outsider"])) == published
    assert set(perms.visible_places(people["referent"])) == set(places.values()) | {other}
    assert set(perms.visible_places(people["staff"])) == set(places.values()) | {other}


def test_a_place_and_a_request_come_with_what_their_pages_show_in_one_query(world, django_assert_num_queries):
    company, people, places, _other = world
    place = places[Place.Status.PUBLISHED]
    region = RegionFactory()
    Place.objects.filter(pk=place.pk).update(region=region)
    superuser = people["superuser"]
    with django_assert_num_queries(1):
        shown = perms.get_place(place.slug, superuser).place
        assert (shown.commune.department.pk, shown.operator.pk, shown.region.pk) == (
            place.commune.department_id,
            place.operator_id,
            region.pk,
        )
    request = ServiceRequest.objects.create(
        place=place, organisation=company, subject="A", service=ServiceFactory(place=place)
    )
    with django_assert_num_queries(1):
        shown = perms.get_request(request.pk, superuser)
        assert (shown.place.name, shown.organisation.legal_name, shown.service.pk) == (
            place.name,
            "Officina Ligure Srl",
            request.service_id,
        )


def test_an_unknown_place_is_not_found(world):
    with pytest.raises(Http404):
        perms.get_place("no-such-place", world[1]["superuser"])


def test_roles_of_each_person(world):
    company, people, places, other = world
    assert perms.member_organisation_ids(people["visitor"]) == set()
    assert perms.member_organisation_ids(people["member"]) == {company.pk}
    assert perms.member_organisation_ids(people["pending_member"]) == set()
    assert perms.referent_place_ids(people["visitor"]) == set()
    assert perms.referent_place_ids(people["referent"]) == {place.pk for place in places.values()}
    assert perms.referent_place_ids(people["other_referent"]) == {other.pk}
    assert table(lambda who: perms.is_staff_of_project(fresh(people[who]))) == {
        who: who in {"staff", "superuser"} for who in PEOPLE
    }


def test_roles_are_read_once_per_user_object(world, django_assert_num_queries):
    member = fresh(world[1]["member"])
    with django_assert_num_queries(2):
        for _ in range(3):
            assert perms.member_organisation_ids(member) == {world[0].pk}
            assert perms.referent_place_ids(member) == set()


REQUEST_READERS = {"member", "referent", "staff", "superuser"}


def test_service_request_by_person(world):
    company, people, places, other = world
    request = ServiceRequest.objects.create(place=places[Place.Status.PUBLISHED], organisation=company, subject="A")
    elsewhere = ServiceRequest.objects.create(place=other, organisation=OrganisationFactory(), subject="B")
    assert table(lambda who: perms.can_see_request(fresh(people[who]), request)) == {
        who: who in REQUEST_READERS for who in PEOPLE
    }
    assert table(lambda who: outcome(lambda: perms.get_request(request.pk, fresh(people[who])))) == {
        who: request if who in REQUEST_READERS else 404 for who in PEOPLE
    }
    assert table(lambda who: set(perms.visible_requests(fresh(people[who])))) == {
        "visitor": set(),
        "outsider": set(),
        "member": {request},
        "referent": {request},
        "other_referent": {elsewhere},
        "staff": {request, elsewhere},
        "superuser": {request, elsewhere},
        "pending_member": set(),
    }
    with pytest.raises(Http404):
        perms.get_request(987654, people["superuser"])


def test_event_managers(world):
    company, people, places, _other = world
    event = EventFactory(organiser=company, place=places[Place.Status.PUBLISHED])
    online = EventFactory(organiser=OrganisationFactory(), place=None)
    assert table(lambda who: perms.can_manage_event(fresh(people[who]), event)) == {
        who: who in {"member", "referent", "staff", "superuser"} for who in PEOPLE
    }
    assert table(lambda who: perms.can_manage_event(fresh(people[who]), online)) == {
        who: who in {"staff", "superuser"} for who in PEOPLE
    }


# Machines and bookings: referents of the machine's place and superusers manage them; partner
# staff edit place pages but do not run the machines.
MACHINE_MANAGERS = {"referent", "superuser"}


def test_machine_and_booking_managers(world):
    _company, people, places, _other = world
    place = places[Place.Status.PUBLISHED]
    equipment = EquipmentFactory(place=place)
    expected = {who: who in MACHINE_MANAGERS for who in PEOPLE}
    assert table(lambda who: booking_perms.can_manage_equipment(fresh(people[who]), equipment)) == expected
    assert table(lambda who: booking_perms.can_manage_place_bookings(fresh(people[who]), place)) == expected


def test_booking_details_by_person(world):
    _company, people, places, _other = world
    equipment = EquipmentFactory(place=places[Place.Status.PUBLISHED])
    starts = timezone.now() + dt.timedelta(days=3)
    booking = Booking.objects.create(
        equipment=equipment, user=people["member"], starts_at=starts, ends_at=starts + dt.timedelta(hours=1)
    )
    readers = {"member", "referent", "superuser"}
    assert table(lambda who: booking_perms.can_see_booking(fresh(people[who]), booking)) == {
        who: who in readers for who in PEOPLE
    }
    assert table(lambda who: outcome(lambda: booking_perms.get_booking(booking.pk, fresh(people[who])))) == {
        who: booking if who in readers else 404 for who in PEOPLE
    }
    with pytest.raises(Http404):
        booking_perms.get_booking(987654, people["superuser"])


def test_a_machine_and_a_booking_come_with_what_their_pages_show_in_one_query(world, django_assert_num_queries):
    company, people, places, _other = world
    place = places[Place.Status.PUBLISHED]
    first, second = EquipmentFactory(place=place, name="Prusa"), EquipmentFactory(place=place, name="Laser")
    superuser = people["superuser"]
    with django_assert_num_queries(1):
        shown = booking_perms.get_equipment(place.slug, second.pk, superuser)
        assert (shown, shown.place.commune.name, shown.kind.pk) == (second, place.commune.name, second.kind_id)
    for machine in (first, second):  # the machine asked for, whatever the order of the place's machines
        assert booking_perms.get_equipment(place.slug, machine.pk, superuser) == machine
    starts = timezone.now() + dt.timedelta(days=3)
    booking = Booking.objects.create(
        equipment=first,
        user=people["member"],
        organisation=company,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
    )
    with django_assert_num_queries(1):
        shown = booking_perms.get_booking(booking.pk, superuser)
        assert (
            shown.equipment.place.commune.name,
            shown.equipment.kind.pk,
            shown.user.email,
            shown.organisation.legal_name,
        ) == (place.commune.name, first.kind_id, people["member"].email, "Officina Ligure Srl")


def test_equipment_is_found_only_on_a_place_one_may_see(world):
    _company, people, places, other = world
    for status, place in places.items():
        equipment = EquipmentFactory(place=place)
        found = table(
            lambda who, e=equipment: outcome(
                lambda: booking_perms.get_equipment(e.place.slug, e.pk, fresh(people[who]))
            )
        )
        assert found == {
            who: equipment if who in EDITORS or status == Place.Status.PUBLISHED else 404 for who in PEOPLE
        }, status
        with pytest.raises(Http404):  # the machine under another place's address
            booking_perms.get_equipment(other.slug, equipment.pk, people["superuser"])


LOG_IN = "Log in to book this equipment."
NOT_ONLINE = "This equipment cannot be booked online: contact the place."
MEMBERS_ONLY = (
    "Only members of an organisation registered on the portal may book this equipment: "
    "join or create your company's page first."
)
TRAINING = (
    "This equipment requires a training: ask the place's referents to train you, they will "
    "then record it and you can book."
)


REFUSALS = [  # who, the machine's rules (None: no rules), trained on it, reason shown
    ("visitor", {}, False, LOG_IN),
    ("member", None, False, NOT_ONLINE),
    ("member", {"bookable": False}, False, NOT_ONLINE),
    ("member", {}, False, None),
    ("referent", {}, False, None),  # anyone logged in
    ("referent", {"audience": BookingRules.Audience.MEMBERS}, False, MEMBERS_ONLY),
    ("pending_member", {"audience": BookingRules.Audience.MEMBERS}, False, MEMBERS_ONLY),
    ("member", {"audience": BookingRules.Audience.MEMBERS}, False, None),
    ("member", {"training_required": True}, False, TRAINING),
    ("member", {"training_required": True}, True, None),
    ("referent", {"training_required": True, "audience": BookingRules.Audience.MEMBERS}, True, MEMBERS_ONLY),
]


def test_every_reason_a_booking_is_refused(world):
    _company, people, places, _other = world
    place = places[Place.Status.PUBLISHED]
    trained_elsewhere = EquipmentFactory(place=place)
    Training.objects.create(equipment=trained_elsewhere, user=people["member"], trained_on=dt.date(2026, 1, 5))
    for who, rules, trained, reason in REFUSALS:
        equipment = EquipmentFactory(place=place)
        booking_rules = None if rules is None else BookingRules.objects.create(equipment=equipment, **rules)
        if trained:
            Training.objects.create(equipment=equipment, user=people[who], trained_on=dt.date(2026, 1, 5))
        with translation.override("en"):
            assert booking_perms.booking_refusal(fresh(people[who]), equipment, booking_rules) == reason, (who, rules)
