"""Synergy pages: contact a company from a candidate, the synergy thread and stages, my list."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from bourseflux import impact, logistics, notifications, outcomes
from bourseflux.models import ActualQuantity, Flow, PilotZone, Synergy
from bourseflux.permissions import (
    can_see_quantities,
    can_see_synergy,
    get_flow,
    get_synergy,
    is_facilitator,
    member_organisation_ids,
    visible_synergies,
)
from bourseflux.services import synergies as services
from circuito.forms import BootstrapFormMixin, add_service_errors
from circuito.geo.distance import within_km
from circuito.geo.models import Territory

PAGE_SIZE = 25


class InterestForm(BootstrapFormMixin, forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Message to the other company (optional)"),
        required=False,
        max_length=services.MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Say who you are and what you would like to exchange. Write in French or Italian."),
    )


class MessageForm(BootstrapFormMixin, forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your message"),
        max_length=services.MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AbandonForm(BootstrapFormMixin, forms.Form):
    abandon_reason = forms.ChoiceField(
        label=gettext_lazy("Why is it abandoned?"), choices=[("", "—"), *Synergy.AbandonReason.choices]
    )
    note = forms.CharField(
        label=gettext_lazy("Details (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImpactForm(BootstrapFormMixin, forms.Form):
    tonnes_per_year = forms.FloatField(
        label=gettext_lazy("Tonnes per year diverted from disposal"), min_value=0, max_value=impact.MAX_TONNES_PER_YEAR
    )
    transport = forms.ChoiceField(label=gettext_lazy("Transport"), choices=Synergy.Transport.choices)
    distance_km = forms.FloatField(
        label=gettext_lazy("Road distance (km)"),
        required=False,
        min_value=0,
        max_value=impact.MAX_DISTANCE_KM,
        help_text=gettext_lazy("Leave empty to keep the estimate (great-circle distance × %(factor)s).")
        % {"factor": impact.DETOUR_FACTOR},
    )
    money_saved_eur = forms.DecimalField(
        label=gettext_lazy("Money saved per year (€), if you wish to say"),
        required=False,
        min_value=0,
        decimal_places=2,
    )
    money_saved_public = forms.BooleanField(label=gettext_lazy("Show the money saved to others"), required=False)


class ListFilterForm(BootstrapFormMixin, forms.Form):
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), required=False, choices=[("", "—"), *Synergy.Stage.choices])
    territory = forms.ModelChoiceField(
        label=gettext_lazy("Region or department"),
        required=False,
        queryset=Territory.objects.filter(level__in=["region", "department"], in_alcotra=True).order_by(
            "country", "name"
        ),
    )
    zone = forms.ModelChoiceField(label=gettext_lazy("Pilot zone"), required=False, queryset=PilotZone.objects.all())


def _errors(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def flow_url(flow: Flow) -> str | None:
    try:
        return reverse("bourseflux:flow_detail", args=[flow.pk])
    except NoReverseMatch:  # the flow pages are optional for this module
        return None


@dataclass
class Side:
    flow: Flow
    title: str
    description: str
    original_language: str | None  # set when the text shown is not in the reader's language
    url: str | None
    show_quantity: bool


def side_of(flow: Flow, user) -> Side:
    lang = (translation.get_language() or "fr")[:2]
    other = "it" if lang == "fr" else "fr"
    own = getattr(flow, f"title_{lang}", "") or ""
    title = own or getattr(flow, f"title_{other}", "") or flow.title
    description = getattr(flow, f"description_{lang}", "") or getattr(flow, f"description_{other}", "") or ""
    return Side(
        flow=flow,
        title=title,
        description=description,
        original_language=None if own else other,
        url=flow_url(flow),
        show_quantity=can_see_quantities(user, flow),
    )


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def synergy_start(request: HttpRequest) -> HttpResponse:
    """Confirm and send an expression of interest for an offer and a need (from the candidates)."""
    data = request.POST if request.method == "POST" else request.GET
    offer = get_flow(_int(data.get("offer")), request.user).flow
    need = get_flow(_int(data.get("need")), request.user).flow
    form = InterestForm(request.POST or None)
    existing = Synergy.objects.filter(offer=offer, need=need).first()
    if existing and can_see_synergy(request.user, existing):
        messages.info(request, _("You already follow this synergy: continue the conversation here."))
        return redirect(existing)
    if request.method == "POST" and form.is_valid():
        user = request.user
        own_side = {offer.organisation_id, need.organisation_id} & member_organisation_ids(user)
        try:
            if is_facilitator(user) and not own_side:
                synergy = services.open_synergy_for(
                    actor=user, offer=offer, need=need, message=form.cleaned_data["message"]
                )
            else:
                synergy = services.express_interest(
                    actor=user, offer=offer, need=need, message=form.cleaned_data["message"]
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your interest has been sent. The other company has been notified."))
            return redirect(synergy)
    return render(
        request,
        "bourseflux/synergies/start.html",
        {"form": form, "offer": side_of(offer, request.user), "need": side_of(need, request.user)},
        status=400 if form.errors else 200,
    )


def _load(synergy: Synergy) -> Synergy:
    related = ("organisation", "site__commune__department", "category", "ewc")
    return Synergy.objects.select_related(
        *[f"offer__{r}" for r in related], *[f"need__{r}" for r in related], "facilitator", "initiator"
    ).get(pk=synergy.pk)


def _detail(request: HttpRequest, synergy: Synergy, *, status: int = 200, **forms_) -> HttpResponse:
    synergy = _load(synergy)
    user = request.user
    allowed = services.allowed_stages(user, synergy)
    impact_form = forms_.get("impact_form")
    if impact_form is None and synergy.stage == Synergy.Stage.IMPLEMENTED:
        impact_form = ImpactForm(
            initial={
                "tonnes_per_year": synergy.tonnes_per_year,
                "transport": synergy.transport or Synergy.Transport.TRUCK,
                "distance_km": synergy.distance_km,
                "money_saved_eur": synergy.money_saved_eur,
                "money_saved_public": synergy.money_saved_public,
            }
        )
    breakdown = None
    if synergy.tonnes_per_year is not None:
        breakdown = impact.compute_impact(
            synergy.tonnes_per_year,
            synergy.offer.category_root.code if synergy.offer.category_root_id else None,
            synergy.transport,
            synergy.distance_km,
        )
    orgs = member_organisation_ids(user)
    notifications.remember_visit(request, synergy)
    # Once quantities are recorded, they replace the estimate (bourseflux.outcomes).
    measured = None
    if ActualQuantity.objects.filter(transaction__synergy=synergy).exists():
        measured = outcomes.figures([synergy.pk])[synergy.pk]
    context = {
        "synergy": synergy,
        "offer": side_of(synergy.offer, user),
        "need": side_of(synergy.need, user),
        "changes": synergy.stage_changes.select_related("by"),
        "thread": synergy.messages.select_related("author", "organisation"),
        "message_form": forms_.get("message_form") or MessageForm(),
        "stage_buttons": [(s, Synergy.Stage(s).label) for s in allowed if s != Synergy.Stage.ABANDONED],
        "can_abandon": Synergy.Stage.ABANDONED in allowed,
        "abandon_form": forms_.get("abandon_form") or AbandonForm(),
        "impact_form": impact_form,
        "breakdown": breakdown,
        "measured": measured,
        "logistics": logistics.synergy_estimate(synergy, user),
        "suppliers": synergy.supplier_links.select_related("offer__organisation", "offer__site__commune"),
        "show_money": synergy.money_saved_public
        or is_facilitator(user)
        or bool({synergy.offer.organisation_id, synergy.need.organisation_id} & orgs),
        "is_facilitator": is_facilitator(user),
    }
    return render(request, "bourseflux/synergies/detail.html", context, status=status)


@login_required
def synergy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_synergy(pk, request.user))


@login_required
@require_http_methods(["GET", "POST"])
def synergy_messages(request: HttpRequest, pk: int) -> HttpResponse:
    """The thread as a fragment (GET) or a new message (POST; htmx gets the message back)."""
    synergy = get_synergy(pk, request.user)
    if request.method == "GET":
        thread = synergy.messages.select_related("author", "organisation")
        return render(request, "bourseflux/synergies/_thread.html", {"thread": thread})
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            message = services.post_message(synergy, actor=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if request.headers.get("HX-Request"):
                return render(request, "bourseflux/synergies/_message.html", {"m": message})
            return redirect(reverse("bourseflux:synergy_detail", args=[pk]) + "#thread")
    if request.headers.get("HX-Request"):
        return render(request, "bourseflux/synergies/_message_error.html", {"form": form}, status=422)
    return _detail(request, synergy, message_form=form, status=400)


@login_required
@require_POST
def synergy_stage(request: HttpRequest, pk: int) -> HttpResponse:
    synergy = get_synergy(pk, request.user)
    to_stage = request.POST.get("to_stage", "")
    abandon_form = AbandonForm(request.POST) if to_stage == Synergy.Stage.ABANDONED else None
    try:
        services.change_stage(
            synergy,
            actor=request.user,
            to_stage=to_stage,
            note=request.POST.get("note", ""),
            abandon_reason=request.POST.get("abandon_reason", ""),
        )
    except ValidationError as exc:
        if abandon_form is not None:
            abandon_form.is_valid()
            add_service_errors(abandon_form, exc)
            return _detail(request, synergy, abandon_form=abandon_form, status=400)
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("The stage of the synergy has been updated."))
    return redirect(reverse("bourseflux:synergy_detail", args=[pk]))


@login_required
@require_POST
def synergy_impact(request: HttpRequest, pk: int) -> HttpResponse:
    synergy = get_synergy(pk, request.user)
    form = ImpactForm(request.POST)
    if form.is_valid():
        try:
            services.record_impact(synergy, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The impact has been saved."))
            return redirect(reverse("bourseflux:synergy_detail", args=[pk]) + "#impact")
    return _detail(request, synergy, impact_form=form, status=400)


@login_required
@require_POST
def synergy_follow(request: HttpRequest, pk: int) -> HttpResponse:
    """A facilitator follows a synergy (becomes its facilitator)."""
    synergy = get_synergy(pk, request.user)
    services.assign_facilitator(synergy, actor=request.user, facilitator=request.user)
    messages.success(request, _("You now follow this synergy as its facilitator."))
    return redirect(synergy)


def _listed(request: HttpRequest):
    return (
        visible_synergies(request.user)
        .select_related("offer__organisation", "need__organisation", "offer__site__commune", "need__site__commune")
        .order_by("-stage_changed_at", "-pk")
    )


def filter_synergies(queryset, data: dict):
    if data.get("stage"):
        queryset = queryset.filter(stage=data["stage"])
    territory = data.get("territory")
    if territory:
        field = "region" if territory.level == "region" else "department"
        queryset = queryset.filter(Q(**{f"offer__{field}": territory}) | Q(**{f"need__{field}": territory}))
    zone = data.get("zone")
    if zone:
        inside = within_km(Flow.objects.all(), zone.latitude, zone.longitude, zone.radius_km).order_by().values("pk")
        queryset = queryset.filter(Q(offer__in=inside) | Q(need__in=inside))
    return queryset


@login_required
def synergy_list(request: HttpRequest) -> HttpResponse:
    facilitator = is_facilitator(request.user)
    queryset = _listed(request)
    form = ListFilterForm(request.GET or None) if facilitator else None
    if form is not None and form.is_valid():
        queryset = filter_synergies(queryset, form.cleaned_data)
    page = Paginator(notifications.with_activity(queryset, request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    notifications.apply_visits(request, page.object_list)
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    rows = [(s, side_of(s.offer, request.user), side_of(s.need, request.user)) for s in page.object_list]
    return render(
        request,
        "bourseflux/synergies/list.html",
        {"page": page, "rows": rows, "form": form, "query": query, "is_facilitator": facilitator},
    )


@login_required
def synergy_dashboard(request: HttpRequest) -> HttpResponse:
    """The fragment of the user's open synergies, loaded by htmx into the accounts dashboard."""
    queryset = _listed(request).exclude(stage__in=[Synergy.Stage.IMPLEMENTED, Synergy.Stage.ABANDONED])
    if is_facilitator(request.user):
        orgs = member_organisation_ids(request.user)
        queryset = queryset.filter(
            Q(facilitator=request.user) | Q(offer__organisation_id__in=orgs) | Q(need__organisation_id__in=orgs)
        )
    synergies = list(notifications.with_activity(queryset, request.user)[:10])
    notifications.apply_visits(request, synergies)
    rows = [(s, side_of(s.offer, request.user), side_of(s.need, request.user)) for s in synergies]
    return render(request, "bourseflux/synergies/_dashboard_rows.html", {"rows": rows})


def impact_method(request: HttpRequest) -> HttpResponse:
    rows = [(f.label, f.landfill, f.recovery, f.avoided) for f in (*impact.DISPOSAL_FACTORS, impact.NO_FACTOR)]
    transport = [(Synergy.Transport(k).label, v) for k, v in impact.TRANSPORT_FACTORS.items()]
    example = impact.compute_impact(100, "organic", "truck", 50)
    return render(
        request,
        "bourseflux/synergies/impact_method.html",
        {
            "disposal_rows": rows,
            "transport_rows": transport,
            "source": impact.FACTOR_SOURCE,
            "source_url": impact.FACTOR_SOURCE_URL,
            "detour": impact.DETOUR_FACTOR,
            "example": example,
            "transport_modes": logistics.modes().values(),
            "logistics_sources": logistics.SOURCES,
            "logistics_example": logistics.estimate(100, logistics.DEFAULT_MODE, tonnes_per_year=120),
        },
    )
