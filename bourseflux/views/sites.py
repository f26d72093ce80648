"""The sites of an organisation: list, add, edit (its members and facilitators only)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from bourseflux.forms import SiteForm
from bourseflux.models import Site
from bourseflux.services import sites as services
from circuito.accounts.models import Organisation


def _organisation(request: HttpRequest, org_id: int) -> Organisation:
    organisation = get_object_or_404(Organisation.objects.select_related("commune"), pk=org_id)
    if not services.can_act_for(request.user, organisation):
        raise PermissionDenied
    return organisation


@require_safe
@login_required
def site_list(request: HttpRequest, org_id: int) -> HttpResponse:
    organisation = _organisation(request, org_id)
    sites = organisation.sites.select_related("commune__department").order_by("name")
    return render(request, "bourseflux/flows/site_list.html", {"organisation": organisation, "sites": sites})


def _save(request: HttpRequest, organisation: Organisation, site: Site | None) -> HttpResponse:
    # The form works on a copy so that the service sees the values as they were.
    form = SiteForm(request.POST or None, instance=Site.objects.get(pk=site.pk) if site else None)
    if request.method == "POST" and form.is_valid():
        try:
            if site is None:
                saved = services.create_site(actor=request.user, organisation=organisation, data=form.cleaned_data)
            else:
                saved = services.update_site(site, actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The site is saved."))
            if form.cleaned_data.get("commune") is None:
                messages.info(request, _from_address_message(saved))
            return redirect("bourseflux:site_list", organisation.pk)
    name, tile_url, options = settings.LEAFLET_CONFIG["TILES"][0]
    return render(
        request,
        "bourseflux/flows/site_form.html",
        {
            "form": form,
            "organisation": organisation,
            "site": site,
            "tile_url": tile_url,
            "tile_attribution": options.get("attribution", ""),
            # Where the map opens when the site has no point yet.
            "centre": site or organisation.commune,
        },
    )


def _from_address_message(site: Site) -> str:
    at_commune = (site.latitude, site.longitude) == (site.commune.latitude, site.commune.longitude)
    if at_commune:
        return _("The address is in %(commune)s: the site is placed at the commune until you place it on the map.") % {
            "commune": site.commune
        }
    return _("The address is in %(commune)s.") % {"commune": site.commune}


@login_required
def site_create(request: HttpRequest, org_id: int) -> HttpResponse:
    return _save(request, _organisation(request, org_id), None)


@login_required
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(Site.objects.select_related("organisation"), pk=pk)
    if not services.can_act_for(request.user, site.organisation):
        raise PermissionDenied
    return _save(request, site.organisation, site)
