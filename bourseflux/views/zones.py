"""Pages of pilot zones, workshops (with the flow grid) and awareness meetings."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from bourseflux.forms_zones import AddCompanyForm, GridFormSet, MeetingForm, WorkshopForm, ZoneForm
from bourseflux.models import AwarenessMeeting, Flow, PilotZone, Workshop
from bourseflux.permissions import visible_flows
from bourseflux.services import meetings as meeting_services
from bourseflux.services import zones as services
from circuito.accounts.models import Organisation
from circuito.accounts.search import parse_organisation_query, search_organisations
from circuito.forms import add_service_errors
from circuito.geo.search import normalise
from circuito.geo.views import autocomplete_response
from circuito.search import annotate_reasons

PAGE_SIZE = 25
MAX_ZONE_FLOWS = 40  # flows whose candidates are computed on a zone page


def _map_context() -> dict:
    name, url, options = settings.LEAFLET_CONFIG["TILES"][0]
    return {"tile_url": url, "tile_attribution": options.get("attribution", "")}


def _form_data(form) -> dict:
    return dict(form.cleaned_data)


@require_safe
@login_required
def zone_list(request: HttpRequest) -> HttpResponse:
    services.require_view(request.user)
    zones = PilotZone.objects.select_related("partner").annotate(
        n_companies=Count("companies", distinct=True), n_workshops=Count("workshops", distinct=True)
    )
    page = Paginator(zones, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "bourseflux/zones/zone_list.html",
        {"page": page, "can_edit": services.can_edit_zones(request.user)},
    )


@login_required
def zone_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    services.require_edit(request.user)
    zone = get_object_or_404(PilotZone, pk=pk) if pk else None
    form = ZoneForm(request.POST or None, instance=zone, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if zone is None:
                zone = services.create_zone(actor=request.user, data=_form_data(form))
            else:
                zone = services.update_zone(zone, actor=request.user, data=_form_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The pilot zone was saved."))
            return redirect("bourseflux:zone_detail", pk=zone.pk)
    return render(request, "bourseflux/zones/zone_form.html", {"form": form, "zone": zone, **_map_context()})


@require_POST
@login_required
def zone_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.require_edit(request.user)
    zone = get_object_or_404(PilotZone, pk=pk)
    services.delete_zone(zone, actor=request.user)
    messages.success(request, _("The pilot zone was deleted."))
    return redirect("bourseflux:zone_list")


@login_required
def zone_detail(request: HttpRequest, pk: int) -> HttpResponse:
    services.require_view(request.user)
    zone = get_object_or_404(PilotZone.objects.select_related("partner"), pk=pk)
    can_edit = services.can_edit_zones(request.user)
    form = AddCompanyForm(request.POST or None)
    if request.method == "POST":
        services.require_edit(request.user)
        ids = request.POST.getlist("companies")
        if ids:
            companies = list(Organisation.objects.filter(pk__in=ids, kind=Organisation.Kind.COMPANY))
            services.add_zone_companies(zone, actor=request.user, companies=companies)
            return redirect("bourseflux:zone_detail", pk=zone.pk)
        if form.is_valid():
            added = services.add_zone_companies(zone, actor=request.user, companies=[form.cleaned_data["company"]])
            if added:
                messages.success(request, _("%(name)s joined the zone.") % {"name": form.cleaned_data["company"]})
            return redirect("bourseflux:zone_detail", pk=zone.pk)
    companies = list(zone.companies.select_related("commune__department").order_by("legal_name"))
    member_ids = {c.pk for c in companies}
    suggestions = [c for c in services.companies_near(zone).select_related("commune")[:30] if c.pk not in member_ids]
    counts = services.flows_in_zone(zone, visible_flows(request.user)).aggregate(
        offers=Count("pk", filter=Q(direction=Flow.Direction.OFFER)),
        needs=Count("pk", filter=Q(direction=Flow.Direction.NEED)),
    )
    context = {
        "zone": zone,
        "companies": companies,
        "suggestions": suggestions[:15],
        "workshops": zone.workshops.annotate(n_participants=Count("participants")),
        "counts": counts,
        "form": form,
        "can_edit": can_edit,
        **_map_context(),
    }
    return render(request, "bourseflux/zones/zone_detail.html", context)


@require_POST
@login_required
def zone_remove_company(request: HttpRequest, pk: int, org_pk: int) -> HttpResponse:
    services.require_edit(request.user)
    zone = get_object_or_404(PilotZone, pk=pk)
    services.remove_zone_company(zone, actor=request.user, company=get_object_or_404(Organisation, pk=org_pk))
    return redirect("bourseflux:zone_detail", pk=zone.pk)


def _flow_url(pk: int) -> str:
    try:
        return reverse("bourseflux:flow_detail", args=[pk])
    except NoReverseMatch:  # the flow pages live in another module of the app
        return ""


@require_safe
@login_required
def zone_geojson(request: HttpRequest, pk: int) -> JsonResponse:
    """The zone's flows (those the user may see) and participating companies, for its map."""
    services.require_view(request.user)
    zone = get_object_or_404(PilotZone, pk=pk)
    flows = services.flows_in_zone(zone, visible_flows(request.user).exclude(status=Flow.Status.ARCHIVED))
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [f.longitude, f.latitude]},
            "properties": {
                "kind": "flow",
                "direction": f.direction,
                "title": f.title,
                "company": f.organisation.legal_name,
                "url": _flow_url(f.pk),
            },
        }
        for f in flows.select_related("organisation")[:2000]
    ]
    features += [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [c.longitude, c.latitude]},
            "properties": {"kind": "company", "title": c.legal_name},
        }
        for c in zone.companies.exclude(latitude=None)
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_safe
@login_required
def zone_synergies(request: HttpRequest, pk: int) -> HttpResponse:
    """Fragment (htmx): synergies detected for the zone's flows, or a workshop's (?workshop=)."""
    services.require_view(request.user)
    zone = get_object_or_404(PilotZone, pk=pk)
    workshop_id = request.GET.get("workshop", "")
    if workshop_id.isdigit():
        workshop = get_object_or_404(Workshop, pk=workshop_id, pilot_zone=zone)
        flows = services.workshop_flows(workshop).filter(status=Flow.Status.PUBLISHED)
    else:
        flows = services.flows_in_zone(zone, Flow.objects.filter(status=Flow.Status.PUBLISHED))
    detected = services.detect_synergies(list(flows[:MAX_ZONE_FLOWS]), zone, user=request.user)
    inside = [s for s in detected if s.inside]
    outside = [s for s in detected if not s.inside]
    return render(
        request, "bourseflux/zones/_synergies.html", {"inside": inside[:30], "outside": outside[:30], "zone": zone}
    )


@require_safe
@login_required
def company_autocomplete(request: HttpRequest) -> HttpResponse:
    services.require_view(request.user)
    query = request.GET.get("q", "")[:100]
    companies = []
    if len(normalise(query)) >= 2:
        parsed = parse_organisation_query(query)
        queryset = Organisation.objects.filter(kind=Organisation.Kind.COMPANY).select_related("commune__department")
        companies = list(search_organisations(parsed, queryset)[:15])
        annotate_reasons(companies, parsed)
    options = [
        {
            "value": c.pk,
            "label": c.legal_name,
            "name": c.legal_name,
            "detail": str(c.commune) if c.commune_id else c.get_country_display(),
            "reasons": c.search_reasons,
        }
        for c in companies
    ]
    return autocomplete_response(request, query, options, _("No company found: check the spelling."))


@login_required
def workshop_form(request: HttpRequest, zone_pk: int, pk: int | None = None) -> HttpResponse:
    services.require_edit(request.user)
    zone = get_object_or_404(PilotZone, pk=zone_pk)
    workshop = get_object_or_404(Workshop, pk=pk, pilot_zone=zone) if pk else None
    form = WorkshopForm(request.POST or None, instance=workshop, zone=zone)
    if request.method == "POST" and form.is_valid():
        try:
            if workshop is None:
                workshop = services.create_workshop(zone, actor=request.user, data=_form_data(form))
            else:
                workshop = services.update_workshop(workshop, actor=request.user, data=_form_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The workshop was saved."))
            return redirect("bourseflux:workshop_grid", pk=workshop.pk)
    return render(request, "bourseflux/zones/workshop_form.html", {"form": form, "zone": zone, "workshop": workshop})


@login_required
def workshop_grid(request: HttpRequest, pk: int) -> HttpResponse:
    """One page to enter many flows for the participants; all rows are saved or none."""
    services.require_view(request.user)
    workshop = get_object_or_404(Workshop.objects.select_related("pilot_zone"), pk=pk)
    can_edit = services.can_edit_zones(request.user)
    formset = GridFormSet(request.POST or None, workshop=workshop, prefix="rows")
    if request.method == "POST":
        services.require_edit(request.user)
        if formset.is_valid():
            filled = [(form, form.flow_data()) for form in formset.forms if form.has_changed() and form.cleaned_data]
            if not filled:
                formset._non_form_errors = formset.error_class([_("Fill in at least one row.")])
            else:
                try:
                    flows = services.save_workshop_grid(
                        workshop, actor=request.user, rows=[d for _f, d in filled], publish=True
                    )
                except services.GridError as exc:
                    for index, errors in exc.rows.items():
                        form = filled[index][0]
                        for field, messages_ in errors.items():
                            name = "title" if field in ("title_fr", "title_it") else field
                            form.add_error(name if name in form.fields else None, messages_)
                    formset._non_form_errors = formset.error_class([exc.messages[0]])
                else:
                    messages.success(
                        request,
                        ngettext(
                            "%(n)d flow was saved for the workshop's companies.",
                            "%(n)d flows were saved for the workshop's companies.",
                            len(flows),
                        )
                        % {"n": len(flows)},
                    )
                    return redirect("bourseflux:workshop_grid", pk=workshop.pk)
    flows = services.workshop_flows(workshop)
    return render(
        request,
        "bourseflux/zones/workshop_grid.html",
        {"workshop": workshop, "zone": workshop.pilot_zone, "formset": formset, "flows": flows, "can_edit": can_edit},
    )


@require_safe
@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    if not meeting_services.can_manage_meetings(request.user):
        raise PermissionDenied
    meetings = AwarenessMeeting.objects.select_related("commune__department", "organiser", "pilot_zone")
    totals = meetings.aggregate(n=Count("pk"), people=Sum("attendance"), companies=Sum("companies_attending"))
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "bourseflux/zones/meeting_list.html",
        {"page": page, "totals": totals, "target": meeting_services.MEETING_TARGET},
    )


@login_required
def meeting_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not meeting_services.can_manage_meetings(request.user):
        raise PermissionDenied
    meeting = get_object_or_404(AwarenessMeeting, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            if meeting is None:
                meeting_services.create_meeting(actor=request.user, data=_form_data(form))
            else:
                meeting_services.update_meeting(meeting, actor=request.user, data=_form_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("bourseflux:meeting_list")
    return render(request, "bourseflux/zones/meeting_form.html", {"form": form, "meeting": meeting})
