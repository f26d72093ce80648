"""Pages of the flows: the exchange's home, my flows, post/edit a flow, its page, publish,
archive, confirm an estimate, and its files. Access rules come from bourseflux.permissions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from bourseflux.caching import NAMESPACE, PAGE_SECONDS
from bourseflux.forms import FlowForm
from bourseflux.models import Flow, FlowAttachment
from bourseflux.permissions import can_act_for, get_flow, is_facilitator, member_organisation_ids
from bourseflux.quantities import month_ranges
from bourseflux.services import flows as services
from bourseflux.services.attachments import delete_attachment
from circuito.accounts.models import Organisation
from circuito.accounts.search import parse_organisation_query, search_organisations
from circuito.files import serve_private
from circuito.forms import add_service_errors
from circuito.geo.models import Country
from circuito.page_cache import public_page
from circuito.search import annotate_reasons
from circuito.translated import text_and_language

LANGUAGE_NAMES = {"fr": gettext_lazy("French"), "it": gettext_lazy("Italian")}


def localized(flow: Flow, field: str) -> tuple[str, str | None]:
    """(text in the reader's language, or the other language's text and its code when falling back)."""
    text, lang = text_and_language(flow, field)
    return text, (lang or None)


def annotate_titles(flows) -> list[Flow]:
    flows = list(flows)
    for flow in flows:
        flow.shown_title, flow.title_language = localized(flow, "title")
    return flows


def _service_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@require_safe
@public_page(NAMESPACE, timeout=PAGE_SECONDS)
def home(request: HttpRequest) -> HttpResponse:
    rows = (
        Flow.objects.filter(status=Flow.Status.PUBLISHED)
        .values("country", "direction")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(r["country"], r["direction"]): r["n"] for r in rows}
    per_country = [
        {
            "country": label,
            "offers": counts.get((code, Flow.Direction.OFFER), 0),
            "needs": counts.get((code, Flow.Direction.NEED), 0),
        }
        for code, label in Country.choices
    ]
    return render(request, "bourseflux/home.html", {"per_country": per_country})


def _my_organisations(user):
    return Organisation.objects.filter(pk__in=member_organisation_ids(user)).order_by("legal_name")


@require_safe
@login_required
def my_flows(request: HttpRequest) -> HttpResponse:
    facilitator = is_facilitator(request.user)
    organisations = list(_my_organisations(request.user))
    acting_for = None
    if facilitator and request.GET.get("organisation", "").isdigit():
        acting_for = get_object_or_404(Organisation, pk=request.GET["organisation"])
        organisations = [acting_for]
    flows = annotate_titles(
        Flow.objects.filter(organisation__in=organisations)
        .select_related("organisation", "site__commune", "category", "ewc")
        .order_by("organisation__legal_name", "status", "-updated_at")
    )
    groups = [(org, [f for f in flows if f.organisation_id == org.pk]) for org in organisations]
    companies = []
    query = request.GET.get("company", "").strip()
    if facilitator and len(query) >= 2:
        companies = _find_companies(query)
    return render(
        request,
        "bourseflux/flows/my_flows.html",
        {
            "groups": groups,
            "is_facilitator": facilitator,
            "acting_for": acting_for,
            "companies": companies,
            "company_query": query,
        },
    )


def _find_companies(query: str) -> list[Organisation]:
    """Companies a facilitator looks for by name or commune (typos tolerated), with the reasons."""
    parsed = parse_organisation_query(query)
    companies = list(search_organisations(parsed, Organisation.objects.filter(kind=Organisation.Kind.COMPANY))[:20])
    annotate_reasons(companies, parsed)
    return companies


def _form_data(form: FlowForm) -> dict:
    data = dict(form.cleaned_data)
    data["photos"] = form.cleaned_data.get("photos") or []
    data["documents"] = form.cleaned_data.get("documents") or []
    return data


@login_required
def flow_create(request: HttpRequest) -> HttpResponse:
    direction = request.GET.get("direction", Flow.Direction.OFFER)
    direction = direction if direction in Flow.Direction.values else Flow.Direction.OFFER
    org_id = request.GET.get("organisation", "")
    if org_id.isdigit():
        organisation = get_object_or_404(Organisation, pk=org_id)
        if not can_act_for(request.user, organisation):
            raise PermissionDenied
    else:
        mine = _my_organisations(request.user)
        if len(mine) == 1 and not is_facilitator(request.user):
            organisation = mine[0]
        else:
            return _choose_organisation(request, mine, direction)
    form = FlowForm(
        request.POST or None,
        request.FILES or None,
        organisation=organisation,
        initial={"direction": direction, "nature": request.GET.get("nature", "")},
    )
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST
        try:
            flow = services.create_flow(
                actor=request.user, organisation=organisation, data=_form_data(form), publish=publish
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The flow is published.") if publish else _("The flow is saved as a draft."))
            return redirect(flow)
    return render(
        request, "bourseflux/flows/flow_form.html", {"form": form, "organisation": organisation, "flow": None}
    )


def _choose_organisation(request: HttpRequest, mine, direction: str) -> HttpResponse:
    """Members of several organisations pick one; facilitators pick any company (by search)."""
    facilitator = is_facilitator(request.user)
    if not facilitator and not mine:
        messages.info(request, _("Register your company (or join it) before posting a flow."))
        return redirect("accounts:organisation_create")
    query = request.GET.get("company", "").strip()
    companies = []
    if facilitator and len(query) >= 2:
        companies = _find_companies(query)
    return render(
        request,
        "bourseflux/flows/choose_organisation.html",
        {
            "direction": direction,
            "is_facilitator": facilitator,
            "mine": mine,
            "companies": companies,
            "company_query": query,
        },
    )


@login_required
def flow_edit(request: HttpRequest, pk: int) -> HttpResponse:
    flow = get_flow(pk, request.user, edit=True).flow
    form = FlowForm(request.POST or None, request.FILES or None, organisation=flow.organisation, flow=flow)
    if request.method == "POST" and form.is_valid():
        try:
            flow = services.update_flow(flow, actor=request.user, data=_form_data(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(flow)
    return render(
        request, "bourseflux/flows/flow_form.html", {"form": form, "organisation": flow.organisation, "flow": flow}
    )


@require_safe
@public_page(NAMESPACE, timeout=PAGE_SECONDS)
def flow_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_flow(pk, request.user)
    flow = access.flow
    title, title_language = localized(flow, "title")
    description, description_language = localized(flow, "description")
    advisory = None
    if flow.nature == Flow.Nature.WASTE and flow.direction == Flow.Direction.OFFER:
        from bourseflux.legal import shipment_advisory

        advisory = shipment_advisory(flow, "IT" if flow.country == "FR" else "FR")
    return render(
        request,
        "bourseflux/flows/flow_detail.html",
        {
            "flow": flow,
            "access": access,
            "title": title,
            "title_language": LANGUAGE_NAMES.get(title_language or ""),
            "title_lang": title_language,
            "description": description,
            "description_language": LANGUAGE_NAMES.get(description_language or ""),
            "advisory": advisory,
            "attachments": list(flow.attachments.all()),
            "months": month_ranges(flow.months),
        },
    )


def _state_change(request: HttpRequest, pk: int, change, done: str) -> HttpResponse:
    flow = get_flow(pk, request.user, edit=True).flow
    try:
        change(flow, actor=request.user)
    except ValidationError as exc:
        _service_errors(request, exc)
    else:
        messages.success(request, done)
    return redirect(flow)


@require_POST
@login_required
def flow_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_change(request, pk, services.publish_flow, _("The flow is published."))


@require_POST
@login_required
def flow_archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_change(request, pk, services.archive_flow, _("The flow is archived: it no longer shows publicly."))


@require_POST
@login_required
def flow_confirm_estimate(request: HttpRequest, pk: int) -> HttpResponse:
    return _state_change(request, pk, services.confirm_estimate, _("Thank you: the flow is confirmed."))


@require_safe
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = FlowAttachment.objects.filter(pk=pk).only("flow_id", "file", "name", "content_type").first()
    if attachment is None:
        raise Http404
    get_flow(attachment.flow_id, request.user)  # 404 when the flow is not visible to the user
    return serve_private(
        attachment.file,
        attachment.name,
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
    )


@require_POST
@login_required
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(FlowAttachment.objects.select_related("flow"), pk=pk)
    flow = get_flow(attachment.flow_id, request.user, edit=True).flow
    delete_attachment(attachment, actor=request.user)
    messages.success(request, _("The file %(name)s is removed.") % {"name": attachment.name})
    return redirect(flow)
