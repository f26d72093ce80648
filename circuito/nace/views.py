from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from circuito.geo.forms import MIN_CHARS
from circuito.geo.views import autocomplete_response
from circuito.nace.lookup import parse_activity_query, search_activities
from circuito.nace.models import NaceActivity
from circuito.search import hit_reasons

MAX_RESULTS = 15


def nace_autocomplete(request: HttpRequest) -> HttpResponse:
    """NACE classes whose code starts with ?q= or whose labels hold its words."""
    query = request.GET.get("q", "")[:100]
    activities: list[NaceActivity] = []
    parsed = None
    if len(query.strip()) >= MIN_CHARS:
        classes = NaceActivity.objects.filter(level=NaceActivity.Level.CLASS)
        parsed = parse_activity_query(query)
        activities = list(search_activities(parsed, classes)[:MAX_RESULTS])
    other = "label_it" if (get_language() or "fr").startswith("fr") else "label_fr"
    options = [
        {
            "value": a.pk,
            "label": f"{a.code} {a.label}",
            "name": f"{a.code} {a.label}",
            "code": a.code,
            "label_fr": a.label_fr,
            "label_it": a.label_it,
            "detail": getattr(a, other),
            "reasons": hit_reasons(parsed, a, scheme="nace") if parsed else [],
        }
        for a in activities
    ]
    return autocomplete_response(
        request, query, options, _("No activity found: check the code or the words, or type fewer letters.")
    )
