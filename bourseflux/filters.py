"""The one filter of flows, shared by the list page, the map's GeoJSON, exports and the API.

Positions: a site is placed on public maps at its commune unless it chose its exact location.
Every geographic filter (bbox, pilot zone) decides on that public point, so that repeated
queries with small boxes cannot reveal where a site really is.
"""

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget

from bourseflux.models import EwcCode, Flow, MaterialCategory, PilotZone
from bourseflux.search import parse_flow_query, search_flows
from circuito.forms import BootstrapFormMixin
from circuito.geo.distance import bounding_box, distance_expression
from circuito.geo.models import Country, Territory
from circuito.translated import current_language


def with_public_point(queryset: QuerySet[Flow]) -> QuerySet[Flow]:
    """Annotate `pub_lat`/`pub_lon`: where public maps may place the flow (stored on the flow:
    the exact site when it chose so, else its commune)."""
    if "pub_lat" in queryset.query.annotations:
        return queryset
    return queryset.annotate(pub_lat=F("public_latitude"), pub_lon=F("public_longitude"))


def in_box(queryset: QuerySet[Flow], min_lat: float, max_lat: float, min_lon: float, max_lon: float) -> QuerySet:
    """Flows whose public point is in the box (an indexed range: exact sites never leak)."""
    return with_public_point(
        queryset.filter(
            public_latitude__gte=min_lat,
            public_latitude__lte=max_lat,
            public_longitude__gte=min_lon,
            public_longitude__lte=max_lon,
        )
    )


def parse_bbox(value: str) -> tuple[float, float, float, float] | None:
    """ "min_lon,min_lat,max_lon,max_lat" -> (min_lon, min_lat, max_lon, max_lat), or None if malformed."""
    try:
        parts = [float(p) for p in value.split(",")]
    except (ValueError, AttributeError):
        return None
    if len(parts) != 4:
        return None
    min_lon, min_lat, max_lon, max_lat = parts
    min_lon, max_lon = max(min_lon, -180.0), min(max_lon, 180.0)
    min_lat, max_lat = max(min_lat, -90.0), min(max_lat, 90.0)
    if min_lon > max_lon or min_lat > max_lat:
        return None
    return min_lon, min_lat, max_lon, max_lat


def category_and_descendants(category: MaterialCategory) -> list[int]:
    """Ids of a category and every category below it (the tree is small: one query)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in MaterialCategory.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    ids, todo = [], [category.pk]
    while todo:
        pk = todo.pop()
        ids.append(pk)
        todo.extend(children.get(pk, []))
    return ids


def ewc_chapter_choices() -> list[tuple[str, str]]:
    return [(c.chapter, f"{c.chapter} {c.label}") for c in EwcCode.objects.filter(level=EwcCode.Level.CHAPTER)]


def search_last(cleaned_data: dict) -> list[str]:
    """Filter names in the form's order, the search (`q`) last."""
    return sorted(cleaned_data, key=lambda name: name == "q")


class YesNoWidget(BooleanWidget):
    """A yes/no select whose empty choice reads "All" rather than django-filter's "Unknown"."""

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


class FlowFilterForm(BootstrapFormMixin, forms.Form):
    """The filter form; labels in the current language (lazy gettext)."""


class FlowFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        help_text=_(
            "Words of the title, description, material, waste code or company, in French or Italian; "
            "synonyms in the other language count too"
        ),
    )
    direction = django_filters.ChoiceFilter(choices=Flow.Direction.choices, label=_("Direction"))
    nature = django_filters.ChoiceFilter(choices=Flow.Nature.choices, label=_("Nature"))
    category = django_filters.ModelChoiceFilter(
        queryset=MaterialCategory.objects.all(), method="filter_category", label=_("Category")
    )
    ewc_chapter = django_filters.ChoiceFilter(
        choices=ewc_chapter_choices, method="filter_ewc_chapter", label=_("EWC chapter")
    )
    country = django_filters.ChoiceFilter(choices=Country.choices, label=_("Country"))
    region = django_filters.ModelChoiceFilter(
        queryset=Territory.objects.filter(level=Territory.Level.REGION, in_alcotra=True), label=_("Region")
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Territory.objects.filter(level=Territory.Level.DEPARTMENT, in_alcotra=True),
        label=_("Department / province"),
    )
    zone = django_filters.ModelChoiceFilter(
        queryset=PilotZone.objects.all(), method="filter_zone", label=_("Pilot zone")
    )
    hazardous = django_filters.BooleanFilter(label=_("Hazardous"), widget=YesNoWidget)
    bbox = django_filters.CharFilter(
        method="filter_bbox", label=_("Map area"), help_text="min_lon,min_lat,max_lon,max_lat", widget=forms.HiddenInput
    )

    class Meta:
        model = Flow
        fields: list[str] = []
        form = FlowFilterForm

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # The search last: it ranks a bounded window of what every other filter lets through.
        for name in search_last(self.form.cleaned_data):
            queryset = self.filters[name].filter(queryset, self.form.cleaned_data[name])
        return queryset

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The shared engine, in both languages whatever the reader's: "sciure" finds an Italian
        # "segatura" offer. The parsed query stays on the filter for the reasons of each hit.
        self.search_query = parse_flow_query(value, current_language())
        return search_flows(self.search_query, self.search_query.language, queryset)

    def filter_category(self, queryset: QuerySet, name: str, value: MaterialCategory) -> QuerySet:
        return queryset.filter(category_id__in=category_and_descendants(value))

    def filter_ewc_chapter(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # ewc_subchapter ("02 03") is copied on the flow: no join with the code table.
        return queryset.filter(ewc_subchapter__startswith=value)

    def filter_zone(self, queryset: QuerySet, name: str, zone: PilotZone) -> QuerySet:
        min_lat, max_lat, min_lon, max_lon = bounding_box(zone.latitude, zone.longitude, zone.radius_km)
        boxed = in_box(queryset, min_lat, max_lat, min_lon, max_lon)
        return boxed.annotate(zone_km=distance_expression(zone.latitude, zone.longitude, "pub_lat", "pub_lon")).filter(
            zone_km__lte=zone.radius_km
        )

    def filter_bbox(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        box = parse_bbox(value)
        if box is None:
            return queryset
        min_lon, min_lat, max_lon, max_lat = box
        return in_box(queryset, min_lat, max_lat, min_lon, max_lon)


def explorable_flows(user) -> QuerySet[Flow]:
    """What the list, map and exports show: the flows the user may see (bourseflux.permissions),
    without archived ones and those past their expiry date."""
    from bourseflux.permissions import visible_flows

    today = timezone.localdate()
    return (
        visible_flows(user)
        .exclude(status=Flow.Status.ARCHIVED)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    )


def filtered_flows(data, user) -> tuple[FlowFilter, QuerySet[Flow]]:
    """The bound filter and its queryset (invalid values are ignored rather than failing)."""
    flt = FlowFilter(data or None, queryset=explorable_flows(user))
    qs = flt.qs if flt.is_bound and flt.is_valid() else _valid_part(flt)
    return flt, qs


def _valid_part(flt: FlowFilter) -> QuerySet[Flow]:
    """Apply the filters whose value is valid; drop the others (a stale link still shows flows)."""
    if not flt.is_bound:
        return flt.queryset
    form = flt.form
    form.is_valid()
    qs = flt.queryset
    for name in search_last(form.cleaned_data):
        if name in form.errors:
            continue
        qs = flt.filters[name].filter(qs, form.cleaned_data[name])
    return qs
