"""The platform's front page: what it is, published places per country, latest news, upcoming
events and the ways in (directory, map, innovation needs, events, alerts)."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from circuito.page_cache import public_page
from tierslieux.caching import NAMESPACE
from tierslieux.models import Event, News, Place
from tierslieux.views.network import _texts

LATEST = 4
HOME_SECONDS = 300  # writes replace the stored page at once; this bounds events starting meanwhile


@public_page(NAMESPACE, timeout=HOME_SECONDS)
def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    counts = dict(
        Place.objects.filter(status=Place.Status.PUBLISHED)
        .order_by()
        .values_list("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )
    news = (
        News.objects.filter(published_at__isnull=False, published_at__lte=now, place__status=Place.Status.PUBLISHED)
        .select_related("place")
        .order_by("-published_at")[:LATEST]
    )
    events = Event.objects.filter(published=True, starts_at__gte=now).select_related("place").order_by("starts_at")
    return render(
        request,
        "tierslieux/home.html",
        {
            "count_fr": counts.get("FR", 0),
            "count_it": counts.get("IT", 0),
            "news": _texts(list(news), "title", "body"),
            "events": _texts(list(events[:LATEST]), "title"),
        },
    )
