"""Pages of the network area: news of places, collaborative projects, referent seminars, alerts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from circuito.translated import localized
from tierslieux.forms_network import (
    AlertForm,
    NewsFilterForm,
    NewsForm,
    ProjectFilterForm,
    ProjectForm,
    SeminarForm,
)
from tierslieux.models import News, Place, Project, Seminar
from tierslieux.permissions import get_place, is_staff_of_project
from tierslieux.search import annotate_records, search_list
from tierslieux.services import alerts as alert_services
from tierslieux.services import network as services

PAGE_SIZE = 20


def _texts(objects, *fields: str):
    for obj in objects:
        obj.t = {name: localized(obj, name) for name in fields}
    return objects


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _form_page(request: HttpRequest, form, title: str, **extra) -> HttpResponse:
    return render(request, "tierslieux/network/form.html", {"form": form, "title": title, **extra})


# News ---------------------------------------------------------------------------------------


def news_list(request: HttpRequest) -> HttpResponse:
    form = NewsFilterForm(request.GET or None)
    news = form.filter(services.visible_news(request.user)).select_related("place__commune")
    news = search_list(form, news.order_by("-published_at", "-created_at"))
    page = Paginator(news, PAGE_SIZE).get_page(request.GET.get("page"))
    _texts(page, "title", "body")
    annotate_records(page.object_list, form.search_query)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "tierslieux/network/news_list.html", {"form": form, "page": page, "query": query.urlencode()}
    )


def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    news = get_object_or_404(services.visible_news(request.user).select_related("place", "author"), pk=pk)
    _texts([news], "title", "body")
    can_edit = services.can_edit_news(request.user, news)
    return render(request, "tierslieux/network/news_detail.html", {"news": news, "can_edit": can_edit})


@login_required
@require_http_methods(["GET", "POST"])
def news_create(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place(slug, request.user, edit=True).place
    form = NewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            news = services.create_news(place, data, publish=data["publish"], actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The news item is saved."))
            return redirect("tierslieux:news_detail", news.pk)
    return _form_page(request, form, _("News of %(place)s") % {"place": place.name}, place=place)


@login_required
@require_http_methods(["GET", "POST"])
def news_edit(request: HttpRequest, pk: int) -> HttpResponse:
    news = get_object_or_404(News.objects.select_related("place"), pk=pk)
    if not services.can_edit_news(request.user, news):
        raise PermissionDenied
    initial = {name: getattr(news, name) for name in services.NEWS_FIELDS}
    form = NewsForm(request.POST or None, initial={**initial, "publish": news.published_at is not None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_news(news, data, publish=data["publish"], actor=request.user)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The news item is saved."))
            return redirect("tierslieux:news_detail", news.pk)
    return _form_page(request, form, _("Edit the news item"), place=news.place)


# Projects -----------------------------------------------------------------------------------


def _project_queryset(user):
    places = Prefetch("places", queryset=Place.objects.only("pk", "name", "slug", "country").order_by("name"))
    return services.visible_projects(user).prefetch_related(places, "organisations")


def project_list(request: HttpRequest) -> HttpResponse:
    projects = _project_queryset(request.user).order_by("-created_at")
    if request.GET.get("cross_border"):
        projects = projects.filter(cross_border=True)
    form = ProjectFilterForm(request.GET or None)
    projects = search_list(form, projects)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    _texts(page, "title", "description")
    annotate_records(page.object_list, form.search_query)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "tierslieux/network/project_list.html",
        {
            "page": page,
            "form": form,
            "cross_border": bool(request.GET.get("cross_border")),
            "can_create": services.can_create_project(request.user),
            "query": query.urlencode(),
        },
    )


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(_project_queryset(request.user), slug=slug)
    _texts([project], "title", "description")
    can_edit = request.user.is_authenticated and services.can_edit_project(request.user, project)
    return render(request, "tierslieux/network/project_detail.html", {"project": project, "can_edit": can_edit})


def _save_project(request: HttpRequest, form: ProjectForm, project: Project | None) -> Project | None:
    data = form.cleaned_data
    values = {name: data.get(name) for name in services.PROJECT_FIELDS}
    try:
        if project is None:
            return services.create_project(values, data["places"], data["organisations"], actor=request.user)
        return services.update_project(project, values, data["places"], data["organisations"], actor=request.user)
    except ValidationError as exc:
        _form_errors(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    if not services.can_create_project(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (project := _save_project(request, form, None)):
        messages.success(request, _("The project is saved."))
        return redirect("tierslieux:project_detail", project.slug)
    return _form_page(request, form, _("New collaborative project"))


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_object_or_404(Project, slug=slug)
    if not services.can_edit_project(request.user, project):
        raise PermissionDenied
    initial = {name: getattr(project, name) for name in services.PROJECT_FIELDS}
    initial.update(places=list(project.places.all()), organisations=list(project.organisations.all()))
    form = ProjectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_project(request, form, project):
        messages.success(request, _("The project is saved."))
        return redirect("tierslieux:project_detail", project.slug)
    return _form_page(request, form, _("Edit the project"))


# Seminars (partner staff) -------------------------------------------------------------------


def _require_staff(request: HttpRequest) -> None:
    if not is_staff_of_project(request.user):
        raise PermissionDenied


@login_required
def seminar_list(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    seminars = Seminar.objects.select_related("place", "organiser").prefetch_related("attendees").order_by("-date")
    return render(
        request,
        "tierslieux/network/seminar_list.html",
        {"seminars": seminars, "progress": services.seminars_progress()},
    )


def _save_seminar(request: HttpRequest, form: SeminarForm, seminar: Seminar | None) -> Seminar | None:
    data = form.cleaned_data
    values = {name: data.get(name) for name in services.SEMINAR_FIELDS}
    try:
        if seminar is None:
            return services.record_seminar(values, data["attendees"], actor=request.user)
        return services.update_seminar(seminar, values, data["attendees"], actor=request.user)
    except ValidationError as exc:
        _form_errors(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def seminar_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_staff(request)
    seminar = get_object_or_404(Seminar, pk=pk) if pk else None
    initial = {}
    if seminar:
        initial = {name: getattr(seminar, name) for name in services.SEMINAR_FIELDS}
        initial["attendees"] = list(seminar.attendees.all())
    form = SeminarForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_seminar(request, form, seminar):
        messages.success(request, _("The seminar is saved."))
        return redirect("tierslieux:seminar_list")
    return _form_page(request, form, _("Referent seminar") if seminar else _("Record a referent seminar"))


# Alerts -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def alerts_subscribe(request: HttpRequest) -> HttpResponse:
    form = AlertForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sub = alert_services.subscribe_alerts(
                email=data.get("email", ""),
                language=(get_language() or "fr")[:2],
                regions=data["regions"],
                kinds=data["kinds"],
                new_places=data["new_places"],
                news=data["news"],
                events=data["events"],
                actor=request.user if request.user.is_authenticated else None,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return render(request, "tierslieux/network/alerts_done.html", {"sub": sub})
    return render(request, "tierslieux/network/alerts_subscribe.html", {"form": form})


def _subscription_or_message(request: HttpRequest, token: str):
    sub = alert_services.find_subscription(token)
    if sub is None:
        response = render(request, "tierslieux/network/alerts_bad_token.html", status=404)
        return None, response
    return sub, None


@require_http_methods(["GET", "POST"])
def alerts_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links), POST confirms."""
    sub, bad = _subscription_or_message(request, token)
    if bad:
        return bad
    if request.method == "POST":
        alert_services.confirm_alerts(sub)
        messages.success(request, _("Your alerts are confirmed: the first digest comes within a week."))
        return redirect("tierslieux:home")
    return render(request, "tierslieux/network/alerts_confirm.html", {"sub": sub})


@require_http_methods(["GET", "POST"])
def alerts_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    sub, bad = _subscription_or_message(request, token)
    if bad:
        return bad
    if request.method == "POST":
        alert_services.unsubscribe_alerts(sub)
        return render(request, "tierslieux/network/alerts_unsubscribed.html")
    return render(request, "tierslieux/network/alerts_unsubscribe.html", {"sub": sub})
