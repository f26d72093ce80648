"""Pages for the account (dashboard, profile, my data) and for organisations and memberships."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from circuito.accounts import roles, services
from circuito.accounts.forms import (
    DeleteAccountForm,
    DirectoryFilterForm,
    JoinForm,
    MembershipRoleForm,
    OrganisationForm,
    ProfileForm,
)
from circuito.accounts.models import Membership, Organisation, User
from circuito.accounts.permissions import get_organisation
from circuito.accounts.search import parse_organisation_query, search_organisations
from circuito.audit.services import record
from circuito.jobs.services import enqueue_job
from circuito.search import annotate_reasons


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form field it names (or on top of the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user)
        .exclude(status=Membership.Status.REFUSED)
        .select_related("organisation")
    )
    admin_of = [m.organisation_id for m in memberships if m.role == Membership.Role.ADMIN and m.status == "active"]
    pending = (
        Membership.objects.filter(organisation_id__in=admin_of, status=Membership.Status.PENDING)
        .select_related("user", "organisation")
        .order_by("requested_at")
    )
    return render(
        request,
        "accounts/dashboard.html",
        {
            "memberships": memberships,
            "pending_requests": pending,
            "is_partner_staff": roles.is_partner_staff(request.user),
            "is_lead_partner_staff": roles.is_lead_partner_staff(request.user),
            "is_facilitator": roles.is_facilitator(request.user),
            "recent_jobs": request.user.jobs.order_by("-created_at")[:5],
            "panels": settings.DASHBOARD_PANELS,
        },
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    # The form works on its own copy: a ModelForm writes into its instance while validating, and
    # the service must see the values as they were to record what changed.
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        user = services.update_profile(request.user, actor=request.user, data=form.cleaned_data)
        language = user.preferred_language
        with translation.override(language):
            messages.success(request, _("Your profile has been saved."))
        response = redirect(translate_url(request.path, language))
        response.set_cookie("django_language", language, samesite="Lax")
        return response
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(user=request.user)
    return render(
        request,
        "accounts/my_data.html",
        {"delete_form": form, "blocking": services.blocking_organisations(request.user)},
    )


@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    """Create, replace or revoke the user's API token (shown once, right after creation)."""
    new_key = None
    if request.method == "POST":
        Token.objects.filter(user=request.user).delete()
        if request.POST.get("action") == "create":
            new_key = Token.objects.create(user=request.user).key
            record(request.user, "user.api_token.create", request.user)
            messages.success(request, _("Your new API token is shown below. Copy it now: it will not be shown again."))
        else:
            record(request.user, "user.api_token.revoke", request.user)
            messages.info(request, _("Your API token has been revoked."))
    has_token = Token.objects.filter(user=request.user).exists()
    return render(request, "accounts/api_token.html", {"new_key": new_key, "has_token": has_token})


@login_required
@require_POST
def export_my_data(request: HttpRequest) -> HttpResponse:
    job = enqueue_job("accounts.export_my_data", owner=request.user)
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST, user=request.user)
    if form.is_valid():
        user = request.user
        try:
            services.delete_account(user, actor=user)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
            return redirect("accounts:my_data")
        logout(request)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("home")
    return render(
        request,
        "accounts/my_data.html",
        {"delete_form": form, "blocking": services.blocking_organisations(request.user)},
        status=400,
    )


def organisation_directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    qs = Organisation.objects.select_related("commune__department", "nace").order_by("legal_name")
    parsed = None
    if form.is_valid():
        q = form.cleaned_data["q"].strip()
        if form.cleaned_data["kind"]:
            qs = qs.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["country"]:
            qs = qs.filter(country=form.cleaned_data["country"])
        identifier = q.replace(" ", "")
        if identifier.isdigit():
            # A SIRET, SIREN or partita IVA: matched exactly (unique indexes).
            qs = qs.filter(Q(siret=identifier) | Q(siren=identifier) | Q(partita_iva=identifier))
        elif q:
            parsed = parse_organisation_query(q)
            qs = search_organisations(parsed, qs)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    if parsed is not None:
        annotate_reasons(page, parsed)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/organisation_directory.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "search_without_words": parsed is not None and parsed.empty,
        },
    )


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation__commune", "organisation__nace")
        .order_by("organisation__legal_name")
    )
    return render(request, "accounts/organisation_list.html", {"memberships": memberships})


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.create_organisation(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is registered and you are its administrator.") % {"name": org})
            return redirect(org)
    return render(request, "accounts/organisation_form.html", {"form": form, "creating": True})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_organisation(slug, request.user)
    members = []
    if access.can_see_members:
        members = access.organisation.memberships.filter(status=Membership.Status.ACTIVE).select_related("user")
    return render(
        request,
        "accounts/organisation_detail.html",
        {"org": access.organisation, "access": access, "members": members, "join_form": JoinForm()},
    )


@login_required
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_organisation(slug, request.user, edit=True)
    org = access.organisation
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=org.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(org, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The organisation's profile has been saved."))
            return redirect(org)
    return render(request, "accounts/organisation_form.html", {"form": form, "org": org, "creating": False})


@login_required
@require_POST
def organisation_join(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_organisation(slug, request.user)
    form = JoinForm(request.POST)
    if form.is_valid():
        try:
            services.request_membership(access.organisation, actor=request.user, message=form.cleaned_data["message"])
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent to the administrators of %(name)s. "
                    "You will get an e-mail when they answer."
                )
                % {"name": access.organisation},
            )
    else:
        messages.error(request, _("Your message is too long: keep it under 1,000 characters."))
    return redirect(access.organisation)


@login_required
def organisation_members(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_organisation(slug, request.user, edit=True)
    memberships = (
        access.organisation.memberships.exclude(status=Membership.Status.REFUSED)
        .select_related("user")
        .order_by("status", "user__email")
    )
    return render(
        request,
        "accounts/organisation_members.html",
        {"org": access.organisation, "memberships": memberships, "role_choices": Membership.Role.choices},
    )


def _membership_of(request: HttpRequest, slug: str, pk: int) -> Membership:
    access = get_organisation(slug, request.user, edit=True)
    return get_object_or_404(Membership, pk=pk, organisation=access.organisation)


@login_required
@require_POST
def membership_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership_of(request, slug, pk)
    accept = request.POST.get("decision") == "accept"
    try:
        services.decide_membership(membership, actor=request.user, accept=accept)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        if accept:
            messages.success(request, _("%(user)s is now a member.") % {"user": membership.user.email})
        else:
            messages.info(request, _("The request of %(user)s has been refused.") % {"user": membership.user.email})
    return redirect("accounts:organisation_members", slug)


@login_required
@require_POST
def membership_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership_of(request, slug, pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pick a role from the list."))
    else:
        try:
            services.update_membership(
                membership,
                actor=request.user,
                role=form.cleaned_data["role"],
                is_facilitator=form.cleaned_data["is_facilitator"],
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("The role of %(user)s has been saved.") % {"user": membership.user.email})
    return redirect("accounts:organisation_members", slug)


@login_required
@require_POST
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_organisation(slug, request.user)
    membership = get_object_or_404(Membership, pk=pk, organisation=access.organisation)
    leaving = membership.user_id == request.user.pk
    if not leaving and not access.can_edit:
        raise PermissionDenied
    try:
        services.remove_membership(membership, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect(access.organisation)
    if leaving:
        messages.info(request, _("You have left %(name)s.") % {"name": access.organisation})
        return redirect("accounts:dashboard")
    messages.info(request, _("%(user)s has been removed.") % {"user": membership.user.email})
    return redirect("accounts:organisation_members", slug)


@login_required
@require_POST
def organisation_export(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_organisation(slug, request.user, edit=True)
    job = enqueue_job("accounts.export_organisation", owner=request.user, organisation=access.organisation)
    return redirect("jobs:detail", job.pk)
