"""Pages where a place's editors (referents, partner staff) keep it up to date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tierslieux.forms_places import EquipmentForm, HoursFormSet, NewPlaceForm, PhotoForm, PlaceForm, ServiceForm
from tierslieux.models import Equipment, Place, PlacePhoto, Service
from tierslieux.permissions import get_place
from tierslieux.services import places as services

M2M = ("kinds", "sectors", "nace_divisions")


def _m2m(form) -> dict:
    return {name: form.cleaned_data[name] for name in M2M}


def _form_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
def place_create(request: HttpRequest) -> HttpResponse:
    form = NewPlaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in M2M}
        data["latitude"], data["longitude"] = data["commune"].latitude, data["commune"].longitude
        try:
            place = services.create_place(data, **_m2m(form), actor=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return redirect(place)
    return render(request, "tierslieux/places/form.html", {"form": form, "title": _("New Tiers-Lieu")})


@login_required
def place_edit(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place(slug, request.user, edit=True).place
    # The form works on its own copy: the service compares the saved place with the new values.
    form = PlaceForm(request.POST or None, instance=Place.objects.get(pk=place.pk))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in M2M}
        try:
            services.update_place(place, data, **_m2m(form), actor=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The page is saved."))
            return redirect(place)
    context = {"form": form, "place": place, "title": _("Edit %(place)s") % {"place": place.name}}
    return render(request, "tierslieux/places/form.html", context)


@login_required
def place_hours(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place(slug, request.user, edit=True).place
    initial = [{"weekday": h.weekday, "opens": h.opens, "closes": h.closes} for h in place.opening_hours.all()]
    formset = HoursFormSet(request.POST or None, initial=initial, prefix="hours")
    if request.method == "POST" and formset.is_valid():
        services.save_opening_hours(place, formset.periods(), actor=request.user)
        messages.success(request, _("The opening hours are saved."))
        return redirect(place)
    return render(request, "tierslieux/places/hours.html", {"formset": formset, "place": place})


def _child_edit(request: HttpRequest, slug: str, model, form_class, save, pk: int | None, title: str) -> HttpResponse:
    place = get_place(slug, request.user, edit=True).place
    instance = get_object_or_404(model, pk=pk, place=place) if pk else None
    copy = model.objects.get(pk=instance.pk) if instance else None  # the service diffs `instance`
    form = form_class(request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            save(place, instance, form.cleaned_data, actor=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(place)
    return render(request, "tierslieux/places/form.html", {"form": form, "place": place, "title": title})


@login_required
def service_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    return _child_edit(request, slug, Service, ServiceForm, services.save_service, pk, _("Service"))


@login_required
def equipment_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    return _child_edit(request, slug, Equipment, EquipmentForm, services.save_equipment, pk, _("Equipment"))


@login_required
@require_POST
def child_delete(request: HttpRequest, slug: str, what: str, pk: int) -> HttpResponse:
    place = get_place(slug, request.user, edit=True).place
    model = {"service": Service, "equipment": Equipment, "photo": PlacePhoto}.get(what)
    if model is None:
        return redirect(place)
    services.delete_child(place, get_object_or_404(model, pk=pk, place=place), actor=request.user)
    messages.success(request, _("Deleted."))
    return redirect(place)


@login_required
def photo_add(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place(slug, request.user, edit=True).place
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_photo(place, form.cleaned_data["file"], form.cleaned_data["caption"], actor=request.user)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect(place)
    context = {"form": form, "place": place, "title": _("Add a photo"), "multipart": True}
    return render(request, "tierslieux/places/form.html", context)


@login_required
@require_POST
def place_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    """verify / publish / archive."""
    place = get_place(slug, request.user, edit=True).place
    run = {"verify": services.mark_verified, "publish": services.publish_place, "archive": services.archive_place}
    if action not in run:
        return redirect(place)
    try:
        run[action](place, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Done."))
    return redirect(place)
