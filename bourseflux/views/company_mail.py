"""The company in the loop: the page a confirmation link opens (no login: the signed token names
the member), and each member's choice of the company's flux exchange e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from bourseflux.confirmation import read_token
from bourseflux.models import Flow
from bourseflux.services.company_mail import confirm_flow_for_company, set_flow_mail
from circuito.accounts.models import Membership


# The signed token in the address is the anti-forgery secret: only the member's mailbox holds it,
# so no other site can build this POST. A CSRF cookie adds nothing here, and a first visit from
# the e-mail (no cookie yet) could lose the race between the page's requests that set it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def flow_company_confirm(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    member = read_token(token, pk)
    if member is None:
        return render(request, "bourseflux/flows/company_confirm.html", {"invalid": True}, status=400)
    flow = get_object_or_404(Flow.objects.select_related("organisation", "category", "ewc"), pk=pk)
    if request.method == "POST":
        flow = confirm_flow_for_company(flow, actor=member)
        return render(request, "bourseflux/flows/company_confirm.html", {"flow": flow, "done": True})
    return render(request, "bourseflux/flows/company_confirm.html", {"flow": flow, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def flow_mail_preferences(request: HttpRequest) -> HttpResponse:
    memberships = list(
        Membership.objects.filter(user=request.user, status=Membership.Status.ACTIVE)
        .select_related("organisation")
        .order_by("organisation__legal_name")
    )
    if request.method == "POST":
        chosen = {str(pk) for pk in request.POST.getlist("receive")}
        for membership in memberships:
            set_flow_mail(membership, actor=request.user, receive=str(membership.pk) in chosen)
        messages.success(request, _("Your e-mail preferences are saved."))
        return redirect("bourseflux:flow_mail_preferences")
    return render(request, "bourseflux/flows/mail_preferences.html", {"memberships": memberships})
