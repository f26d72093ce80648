"""Models of the Tiers-Lieux platform: places and what they offer, referents, requests from
companies, innovation demand and offer, news, projects, events with B2B matchmaking, alerts."""

from tierslieux.models.booking import Booking, BookingRules, EquipmentAvailability, EquipmentClosure, Training
from tierslieux.models.events import B2BMeeting, B2BProfile, B2BRequest, B2BSlot, Event, Registration
from tierslieux.models.network import AlertSubscription, News, Project, Seminar
from tierslieux.models.places import (
    Equipment,
    EquipmentKind,
    OpeningHours,
    Place,
    PlaceKind,
    PlacePhoto,
    PlaceReferent,
    ReferentInvitation,
    Sector,
    Service,
    ServiceKind,
)
from tierslieux.models.reports import PlaceErrorReport
from tierslieux.models.requests import (
    InnovationAnswer,
    InnovationNeed,
    RequestMessage,
    RequestRead,
    ServiceRequest,
)

__all__ = [
    "AlertSubscription",
    "B2BMeeting",
    "B2BProfile",
    "B2BRequest",
    "B2BSlot",
    "Booking",
    "BookingRules",
    "Equipment",
    "EquipmentAvailability",
    "EquipmentClosure",
    "EquipmentKind",
    "Event",
    "InnovationAnswer",
    "InnovationNeed",
    "News",
    "OpeningHours",
    "Place",
    "PlaceKind",
    "PlaceErrorReport",
    "PlacePhoto",
    "PlaceReferent",
    "Project",
    "ReferentInvitation",
    "Registration",
    "RequestMessage",
    "RequestRead",
    "Sector",
    "Seminar",
    "Service",
    "ServiceKind",
    "ServiceRequest",
    "Training",
]
