"""People around an event: a manager (member of the organiser), participants with profiles."""

from tests.factories import MembershipFactory, UserFactory
from tests.tierslieux.factories import EventFactory
from tierslieux.models import Event, Registration
from tierslieux.services import b2b
from tierslieux.services.events import register


def b2b_event(**kwargs) -> tuple[Event, object]:
    """An Open Innovation session with B2B meetings, and its manager (member of the organiser)."""
    event = EventFactory(b2b_enabled=True, **kwargs)
    manager = MembershipFactory(organisation=event.organiser).user
    return event, manager


def participant(event: Event, *, profile: bool = True, **user_kwargs) -> Registration:
    user = UserFactory(**user_kwargs)
    registration = register(event, user=user).registration
    if profile:
        b2b.save_profile(event, actor=user, summary=f"We are {user.get_full_name()}", offers="Sensors", seeks="Pilots")
    return registration
