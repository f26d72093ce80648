"""API of news and collaborative projects: read for everyone (what the pages show), write with the
pages' permissions, through the same services."""

from django.db.models import Prefetch
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError as DRFValidationError

from circuito.accounts.models import Organisation
from circuito.search.api import SearchReasonsField
from tierslieux.api.search import SearchableMixin
from tierslieux.models import News, Place, PlaceKind, Project
from tierslieux.permissions import get_place
from tierslieux.services import network as services


class NewsSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(slug_field="slug", queryset=Place.objects.all())
    place_name = serializers.CharField(source="place.name", read_only=True)
    country = serializers.CharField(source="place.country", read_only=True)
    publish = serializers.BooleanField(write_only=True, default=True)
    search_reasons = SearchReasonsField()

    class Meta:
        model = News
        fields = ["id", "place", "place_name", "country", "title_fr", "title_it", "body_fr", "body_it"]
        fields += ["published_at", "publish", "search_reasons"]
        read_only_fields = ["id", "published_at"]


class NewsViewSet(SearchableMixin, viewsets.ModelViewSet):
    """News of places. Filters: `q` (or `search`: bilingual search, best first, with
    `search_reasons`), `country` (FR/IT), `kind` (code of a kind of place), `place` (slug)."""

    serializer_class = NewsSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        news = services.visible_news(self.request.user).select_related("place").order_by("-published_at", "-pk")
        params = self.request.query_params
        if country := params.get("country"):
            news = news.filter(place__country=country.upper()[:2])
        if kind := params.get("kind"):
            kinds = PlaceKind.objects.filter(code=kind)
            news = news.filter(place__in=Place.objects.filter(kinds__in=kinds).values("pk"))
        if place := params.get("place"):
            news = news.filter(place__slug=place)
        return self.searched(news) if self.action == "list" else news

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        place = get_place(data.pop("place").slug, self.request.user).place
        publish = data.pop("publish", True)
        serializer.instance = services.create_news(place, data, publish=publish, actor=self.request.user)

    def perform_update(self, serializer):
        news = serializer.instance
        data = {name: getattr(news, name) for name in services.NEWS_FIELDS}
        data.update({k: v for k, v in serializer.validated_data.items() if k in services.NEWS_FIELDS})
        if "place" in serializer.validated_data and serializer.validated_data["place"].pk != news.place_id:
            raise DRFValidationError({"place": ["A news item cannot move to another place."]})
        publish = serializer.validated_data.get("publish", news.published_at is not None)
        serializer.instance = services.update_news(news, data, publish=publish, actor=self.request.user)

    def perform_destroy(self, instance):
        services.delete_news(instance, actor=self.request.user)


class ProjectSerializer(serializers.ModelSerializer):
    places = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Place.objects.all())
    organisations = serializers.PrimaryKeyRelatedField(many=True, queryset=Organisation.objects.all(), required=False)
    search_reasons = SearchReasonsField()

    class Meta:
        model = Project
        fields = ["id", "slug", "title_fr", "title_it", "description_fr", "description_it", "places"]
        fields += ["organisations", "starts_on", "ends_on", "cross_border", "published", "search_reasons"]
        read_only_fields = ["id", "slug", "cross_border"]


class ProjectViewSet(SearchableMixin, viewsets.ModelViewSet):
    """Collaborative projects. Filters: `q` (or `search`: bilingual search, best first, with
    `search_reasons`), `cross_border=1`."""

    serializer_class = ProjectSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    lookup_field = "slug"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        places = Prefetch("places", queryset=Place.objects.only("pk", "slug"))
        projects = services.visible_projects(self.request.user).prefetch_related(places, "organisations")
        if self.request.query_params.get("cross_border") in ("1", "true"):
            projects = projects.filter(cross_border=True)
        projects = projects.order_by("-created_at")
        return self.searched(projects) if self.action == "list" else projects

    def _values(self, data: dict, project: Project | None = None) -> dict:
        values = {name: getattr(project, name) for name in services.PROJECT_FIELDS} if project else {}
        values.update({k: v for k, v in data.items() if k in services.PROJECT_FIELDS})
        return values

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.create_project(
            self._values(data),
            data.get("places", []),
            data.get("organisations", []),
            actor=self.request.user,
        )

    def perform_update(self, serializer):
        project, data = serializer.instance, serializer.validated_data
        serializer.instance = services.update_project(
            project,
            self._values(data, project),
            data.get("places", list(project.places.all())),
            data.get("organisations", list(project.organisations.all())),
            actor=self.request.user,
        )


def register(router) -> None:
    router.register("news", NewsViewSet, basename="tierslieux-news")
    router.register("projects", ProjectViewSet, basename="tierslieux-project")
