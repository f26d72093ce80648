"""Events, registration and B2B matchmaking."""

from django.urls import path

from tierslieux.views import b2b, event_feeds, events

urlpatterns = [
    path("events/", events.event_list, name="event_list"),
    path("events/past/", events.event_past, name="event_past"),
    path("events/calendar.ics", event_feeds.events_feed, name="events_feed"),
    path("p/<slug:slug>/events.ics", event_feeds.place_events_feed, name="place_events_feed"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/<slug:slug>/", events.event_detail, name="event_detail"),
    path("events/<slug:slug>/edit/", events.event_edit, name="event_edit"),
    path("events/<slug:slug>/calendar.ics", events.event_ics, name="event_ics"),
    path("events/<slug:slug>/register/", events.event_register, name="event_register"),
    path("events/<slug:slug>/cancel/", events.event_cancel, name="event_cancel"),
    path("events/<slug:slug>/participants/", events.event_participants, name="event_participants"),
    path("events/<slug:slug>/b2b/", b2b.b2b_directory, name="b2b_directory"),
    path("events/<slug:slug>/b2b/profile/", b2b.b2b_profile, name="b2b_profile"),
    path("events/<slug:slug>/b2b/request/", b2b.b2b_request, name="b2b_request"),
    path("events/<slug:slug>/b2b/slots/", b2b.b2b_slots, name="b2b_slots"),
    path("events/<slug:slug>/b2b/build/", b2b.b2b_build, name="b2b_build"),
    path("events/<slug:slug>/b2b/schedule/", b2b.b2b_schedule, name="b2b_schedule"),
    path("b2b/requests/<int:pk>/answer/", b2b.b2b_answer, name="b2b_answer"),
    path("b2b/requests/<int:pk>/book/", b2b.b2b_book, name="b2b_book"),
]
