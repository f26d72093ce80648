"""API of events (published ones for everybody), my registrations, and B2B matchmaking for the
participants. Same rules as the pages: writes go through the services; contact details only
for the event's managers."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from circuito.accounts.models import Organisation
from circuito.geo.models import Commune
from circuito.search.api import SearchReasonsField
from tierslieux.api.search import SearchableMixin
from tierslieux.models import B2BProfile, B2BRequest, Event, Place, Registration
from tierslieux.permissions import can_manage_event
from tierslieux.services import b2b
from tierslieux.services import events as services

Status = Registration.Status


class EventSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organiser = serializers.CharField(source="organiser.legal_name", read_only=True)
    seats_taken = serializers.IntegerField(source="taken", read_only=True)
    waiting = serializers.IntegerField(read_only=True)
    commune = serializers.CharField(source="commune.name", read_only=True, allow_null=True)
    search_reasons = SearchReasonsField()

    class Meta:
        model = Event
        fields = [
            "slug",
            "kind",
            "topic",
            "title_fr",
            "title_it",
            "description_fr",
            "description_it",
            "place",
            "organiser",
            "starts_at",
            "ends_at",
            "online",
            "location",
            "commune",
            "capacity",
            "seats_taken",
            "waiting",
            "registration_open",
            "b2b_enabled",
            "created_at",
            "search_reasons",
        ]


class EventWriteSerializer(serializers.ModelSerializer):
    """Create or change an event: the same fields and rules as the page's form."""

    place = serializers.SlugRelatedField(
        slug_field="slug", queryset=Place.objects.filter(status=Place.Status.PUBLISHED), required=False, allow_null=True
    )
    organiser = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    commune = serializers.PrimaryKeyRelatedField(queryset=Commune.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Event
        fields = list(services.EVENT_FIELDS)
        extra_kwargs = {"title_fr": {"required": False}, "title_it": {"required": False}}


class RegisterSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )


class RegistrationSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    waiting_position = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = ["id", "event", "organisation", "status", "waiting_position", "attended", "created_at"]

    def get_waiting_position(self, obj: Registration) -> int | None:
        if obj.status != Status.WAITING:
            return None
        ahead = getattr(obj, "ahead", None)  # annotated on lists, to avoid a query per row
        return ahead + 1 if ahead is not None else services.waiting_position(obj)


class RegistrationOutcomeSerializer(RegistrationSerializer):
    """A registration just made, with what it means for the user (registered, or waiting)."""

    message = serializers.CharField(read_only=True)

    class Meta(RegistrationSerializer.Meta):
        fields = [*RegistrationSerializer.Meta.fields, "message"]


class ParticipantSerializer(serializers.ModelSerializer):
    """Managers only: with the contact details."""

    name = serializers.CharField(source="user.get_full_name")
    email = serializers.EmailField(source="user.email")
    organisation = serializers.CharField(source="organisation.legal_name", default="")

    class Meta:
        model = Registration
        fields = ["id", "name", "email", "organisation", "status", "attended"]


class ProfileSerializer(serializers.ModelSerializer):
    """What participants see of each other: no e-mail."""

    registration = serializers.IntegerField(source="registration_id", read_only=True)
    name = serializers.CharField(source="registration.user.get_full_name", read_only=True)
    organisation = serializers.CharField(source="registration.organisation.legal_name", default="", read_only=True)
    search_reasons = SearchReasonsField()

    class Meta:
        model = B2BProfile
        fields = ["registration", "name", "organisation", "summary", "offers", "seeks", "search_reasons"]


class SeatSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField(source="slot.starts_at")
    ends_at = serializers.DateTimeField(source="slot.ends_at")
    table = serializers.IntegerField()
    request = serializers.IntegerField(source="request_id")
    with_registration = serializers.IntegerField(source="other.pk")
    with_name = serializers.CharField(source="other.user.get_full_name")
    with_organisation = serializers.CharField(source="other.organisation.legal_name", default="")


def _with_counts(events):
    return events.select_related("place", "organiser", "commune").annotate(
        taken=Count("registrations", filter=Q(registrations__status=Status.REGISTERED)),
        waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
    )


@extend_schema_view(
    update=extend_schema(request=EventWriteSerializer, responses=EventSerializer),
    partial_update=extend_schema(request=EventWriteSerializer, responses=EventSerializer),
)
class EventViewSet(SearchableMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Published events (upcoming with `?upcoming=1`); `?kind=` and `?topic=` filter; `?q=` (or
    `search`) searches them in French and Italian, best first, with `search_reasons`. Creating
    and changing an event: members of the organiser, referents of the place, partner staff."""

    serializer_class = EventSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    lookup_field = "slug"
    filter_backends: list = []

    def get_queryset(self):
        events = _with_counts(Event.objects.filter(published=True))
        params = self.request.query_params
        for name in ("kind", "topic"):
            if params.get(name):
                events = events.filter(**{name: params[name]})
        if params.get("upcoming"):
            events = events.filter(ends_at__gte=timezone.now())
        events = events.order_by("starts_at", "pk")
        return self.searched(events) if self.action == "list" else events

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return EventWriteSerializer
        return super().get_serializer_class()

    def _event(self) -> Event:
        return get_object_or_404(
            Event.objects.select_related("place", "organiser"), slug=self.kwargs["slug"], published=True
        )

    def _shown(self, event: Event, status_code: int) -> Response:
        shown = _with_counts(Event.objects.filter(pk=event.pk)).get()
        return Response(EventSerializer(shown, context=self.get_serializer_context()).data, status=status_code)

    @extend_schema(request=EventWriteSerializer, responses={201: EventSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = EventWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.create_event(actor=request.user, data=serializer.validated_data)
        return self._shown(event, status.HTTP_201_CREATED)

    def update(self, request: Request, *args, **kwargs) -> Response:
        # Drafts too, for their managers; others get 404 for a draft and 403 for a published event.
        event = get_object_or_404(Event.objects.select_related("place", "organiser"), slug=self.kwargs["slug"])
        if not event.published and not can_manage_event(request.user, event):
            raise NotFound
        partial = kwargs.pop("partial", False)
        serializer = EventWriteSerializer(event, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = {name: getattr(event, name) for name in services.EVENT_FIELDS}
        data.update(serializer.validated_data)
        event = services.update_event(event, actor=request.user, data=data)
        return self._shown(event, status.HTTP_200_OK)

    @extend_schema(request=RegisterSerializer, responses={201: RegistrationOutcomeSerializer})
    @action(
        detail=True,
        methods=["post"],
        serializer_class=RegisterSerializer,
        permission_classes=[permissions.IsAuthenticated],
    )
    def register(self, request: Request, slug=None) -> Response:
        event = self._event()
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = services.register(
            event, user=request.user, organisation=serializer.validated_data.get("organisation")
        )
        data = {**RegistrationSerializer(outcome.registration).data, "message": outcome.message}
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def cancel(self, request: Request, slug=None) -> Response:
        event = self._event()
        registration = get_object_or_404(
            Registration.objects.exclude(status=Status.CANCELLED), event=event, user=request.user
        )
        services.cancel_registration(registration, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=ParticipantSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        serializer_class=ParticipantSerializer,
        permission_classes=[permissions.IsAuthenticated],
    )
    def participants(self, request: Request, slug=None) -> Response:
        event = self._event()
        if not can_manage_event(request.user, event):
            raise NotFound
        rows = (
            event.registrations.exclude(status=Status.CANCELLED)
            .select_related("user", "organisation")
            .order_by("created_at", "pk")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ParticipantSerializer(page, many=True).data)

    @extend_schema(responses=ProfileSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        url_path="b2b-profiles",
        serializer_class=ProfileSerializer,
        permission_classes=[permissions.IsAuthenticated],
    )
    def b2b_profiles(self, request: Request, slug=None) -> Response:
        event = self._event()
        if not event.b2b_enabled or (
            b2b.participant(event, request.user) is None and not can_manage_event(request.user, event)
        ):
            raise NotFound
        profiles = (
            B2BProfile.objects.filter(registration__event=event, registration__status=Status.REGISTERED)
            .select_related("registration__user", "registration__organisation")
            .order_by("pk")
        )
        page = self.paginate_queryset(self.searched(profiles))
        return self.get_paginated_response(ProfileSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(responses=SeatSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        url_path="b2b-schedule",
        serializer_class=SeatSerializer,
        pagination_class=None,  # the whole schedule
        permission_classes=[permissions.IsAuthenticated],
    )
    def b2b_schedule(self, request: Request, slug=None) -> Response:
        """My meetings by time (participants only)."""
        event = self._event()
        mine = b2b.participant(event, request.user) if event.b2b_enabled else None
        if mine is None:
            raise NotFound
        return Response(SeatSerializer(b2b.schedule_of(mine), many=True).data)


class MyRegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """My registrations (waiting list included)."""

    serializer_class = RegistrationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return Registration.objects.none()
        ahead = (
            Registration.objects.filter(
                event=OuterRef("event"), status=Status.WAITING, created_at__lt=OuterRef("created_at")
            )
            .order_by()
            .values("event")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            Registration.objects.filter(user=self.request.user)
            .annotate(ahead=Coalesce(Subquery(ahead), 0))
            .select_related("event")
            .order_by("-created_at", "-pk")
        )


class MeetingRequestSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", queryset=Event.objects.filter(published=True))
    invitee = serializers.PrimaryKeyRelatedField(queryset=Registration.objects.all())
    requester = serializers.IntegerField(source="requester_id", read_only=True)

    class Meta:
        model = B2BRequest
        fields = ["id", "event", "requester", "invitee", "message", "status", "created_at"]
        read_only_fields = ["status", "created_at"]

    def create(self, validated_data: dict) -> B2BRequest:
        return b2b.request_meeting(
            validated_data["event"],
            requester=self.context["request"].user,
            invitee=validated_data["invitee"],
            message=validated_data.get("message", ""),
        )


class MeetingAnswerSerializer(serializers.Serializer):
    accept = serializers.BooleanField()


class MeetingRequestViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Meeting requests I sent or received; `answer` for the invitee."""

    serializer_class = MeetingRequestSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return B2BRequest.objects.none()
        me = self.request.user
        return (
            B2BRequest.objects.filter(Q(requester__user=me) | Q(invitee__user=me))
            .select_related("event", "requester", "invitee__user")
            .order_by("-created_at", "-pk")
        )

    @extend_schema(request=MeetingAnswerSerializer, responses=MeetingRequestSerializer)
    @action(detail=True, methods=["post"], serializer_class=MeetingAnswerSerializer)
    def answer(self, request: Request, pk=None) -> Response:
        meeting = self.get_object()
        serializer = MeetingAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        b2b.answer_request(meeting, actor=request.user, accept=serializer.validated_data["accept"])
        return Response(MeetingRequestSerializer(meeting, context={"request": request}).data)


def register(router) -> None:
    router.register("events", EventViewSet, basename="tierslieux-event")
    router.register("registrations", MyRegistrationViewSet, basename="tierslieux-registration")
    router.register("b2b-requests", MeetingRequestViewSet, basename="tierslieux-b2b-request")
