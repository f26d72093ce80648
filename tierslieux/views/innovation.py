"""Innovation demand and offer pages. Shown to logged-in users only: a company's need for
support says what it lacks, which it may not want search engines and competitors to index."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from circuito.accounts import roles
from circuito.accounts.models import Organisation
from circuito.forms import add_service_errors
from tierslieux.forms_requests import AnswerForm, InnovationFilterForm, NeedForm
from tierslieux.models import InnovationNeed, Place
from tierslieux.permissions import get_place, member_organisation_ids, referent_place_ids
from tierslieux.search import annotate_records, search_list
from tierslieux.services import innovation as services

PAGE_SIZE = 25


def _original_language(need: InnovationNeed) -> str | None:
    """The other language when the need has no title in the reader's language."""
    lang = (translation.get_language() or "fr")[:2]
    other = "it" if lang == "fr" else "fr"
    return None if getattr(need, f"title_{lang}", "") else other


def _my_orgs(user):
    return list(Organisation.objects.filter(pk__in=member_organisation_ids(user)).order_by("legal_name"))


def _my_places(user):
    return list(Place.objects.filter(pk__in=referent_place_ids(user)).order_by("name"))


def _listed():
    return services.open_needs().select_related("organisation", "place").prefetch_related("service_kinds", "sectors")


@login_required
def innovation_list(request: HttpRequest) -> HttpResponse:
    queryset = _listed()
    form = InnovationFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["service_kind"]:
            queryset = queryset.filter(service_kinds=data["service_kind"])
        if data["sector"]:
            queryset = queryset.filter(sectors=data["sector"])
        if data["country"]:
            queryset = queryset.filter(Q(organisation__country=data["country"]) | Q(place__country=data["country"]))
    queryset = search_list(form, queryset.distinct().order_by("-created_at", "-pk"), schemes=("service",))
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    for need in page:
        need.original_language = _original_language(need)
    annotate_records(page.object_list, form.search_query)
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    context = {"page": page, "form": form, "query": query, "my_places": _my_places(request.user)}
    return render(request, "tierslieux/innovation/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def innovation_create(request: HttpRequest) -> HttpResponse:
    orgs, places = _my_orgs(request.user), _my_places(request.user)
    form = NeedForm(request.POST or None, organisations=orgs, places=places)
    if request.method == "POST" and form.is_valid():
        organisation, place = form.author_objects()
        data = form.cleaned_data
        try:
            need = services.create_need(
                actor=request.user,
                data=data,
                organisation=organisation,
                place=place,
                service_kinds=list(data["service_kinds"]),
                sectors=list(data["sectors"]),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your post is online. You will be told by e-mail of each answer."))
            return redirect("tierslieux:innovation_detail", pk=need.pk)
    context = {"form": form, "can_post": bool(orgs or places)}
    return render(request, "tierslieux/innovation/create.html", context, status=400 if form.errors else 200)


def _answer_choices(user, need: InnovationNeed) -> list[tuple[str, str]]:
    """Who the user may answer as: for a demand, its places (or its partner); for a call, its companies."""
    if need.kind == InnovationNeed.Kind.DEMAND:
        choices = [(f"place:{p.pk}", p.name) for p in _my_places(user) if p.pk != need.place_id]
        if not choices and roles.is_partner_staff(user):
            partner = roles.partner_of(user).first()
            if partner:
                choices = [("partner:", partner.legal_name)]
        return choices
    return [(f"org:{o.pk}", o.legal_name) for o in _my_orgs(user) if o.pk != need.organisation_id]


def _detail(request: HttpRequest, need: InnovationNeed, *, form=None, status: int = 200) -> HttpResponse:
    user = request.user
    choices = _answer_choices(user, need) if need.status == InnovationNeed.Status.OPEN else []
    context = {
        "need": need,
        "original_language": _original_language(need),
        "answers": services.visible_answers(user, need),
        "answer_count": need.answers.count(),
        "can_manage": services.can_manage_need(user, need),
        "form": form or (AnswerForm(choices=choices) if choices else None),
    }
    return render(request, "tierslieux/innovation/detail.html", context, status=status)


def _get_need(pk: int, user) -> InnovationNeed:
    need = InnovationNeed.objects.select_related("organisation", "place").filter(pk=pk).first()
    if need is None:
        raise Http404
    if need.status != InnovationNeed.Status.OPEN and not services.can_manage_need(user, need):
        raise Http404  # closed needs stay with their authors
    return need


@login_required
def innovation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _get_need(pk, request.user))


@login_required
@require_POST
def innovation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    need = _get_need(pk, request.user)
    choices = _answer_choices(request.user, need)
    form = AnswerForm(request.POST, choices=choices)
    if form.is_valid():
        kind, _sep, obj_pk = form.cleaned_data["answer_as"].partition(":")
        place = Place.objects.get(pk=obj_pk) if kind == "place" else None
        organisation = Organisation.objects.get(pk=obj_pk) if kind == "org" else None
        try:
            services.answer_need(
                need, actor=request.user, body=form.cleaned_data["body"], place=place, organisation=organisation
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _("Your answer has been sent."))
            return redirect("tierslieux:innovation_detail", pk=pk)
    return _detail(request, need, form=form, status=400)


@login_required
@require_POST
def innovation_close(request: HttpRequest, pk: int) -> HttpResponse:
    need = _get_need(pk, request.user)
    if not services.can_manage_need(request.user, need):
        raise Http404
    try:
        services.close_need(need, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The post is closed: it no longer appears in the list."))
    return redirect("tierslieux:innovation_detail", pk=pk)


@login_required
def innovation_matching(request: HttpRequest, slug: str) -> HttpResponse:
    """Open company needs matching what a place offers, for its referents (and partner staff)."""
    place = get_place(slug, request.user, edit=True).place
    page = Paginator(services.matching_needs(place).order_by("-created_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for need in page:
        need.original_language = _original_language(need)
    return render(request, "tierslieux/innovation/matching.html", {"place": place, "page": page, "query": ""})
