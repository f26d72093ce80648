"""Long work of the accounts app: personal data export (GDPR) and an organisation's data export."""

import json

from allauth.account.models import EmailAddress
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from circuito.accounts.models import Membership, Organisation
from circuito.audit.models import AuditEntry
from circuito.exports import XLSX_CONTENT_TYPE, Sheet, fit_widths, xlsx_bytes
from circuito.jobs.registry import JobError, JobResult, register


@register("accounts.export_my_data", title=gettext_lazy("Download of my personal data"))
def export_my_data(job, progress) -> JobResult:
    user = job.owner
    progress(10, _("Reading your account"))
    data = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "email_addresses": list(EmailAddress.objects.filter(user=user).values("email", "verified", "primary")),
    }
    progress(40, _("Reading your memberships"))
    data["memberships"] = [
        {
            "organisation": m.organisation.legal_name,
            "role": m.role,
            "status": m.status,
            "facilitator": m.is_facilitator,
            "message": m.message,
            "requested_at": m.requested_at,
            "decided_at": m.decided_at,
        }
        for m in Membership.objects.filter(user=user).select_related("organisation")
    ]
    progress(70, _("Reading the actions recorded in your name"))
    data["actions"] = list(
        AuditEntry.objects.filter(actor=user).values("created_at", "action", "object_repr", "changes")
    )
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    return JobResult(content=content, filename="circuito-my-data.json", content_type="application/json")


def _sheet(title: str, header: list[str], rows: list[list]) -> Sheet:
    return Sheet(title, rows, header=header, widths=fit_widths(header, rows))


@register("accounts.export_organisation", title=gettext_lazy("Export of an organisation's data"))
def export_organisation(job, progress) -> JobResult:
    org = (
        Organisation.objects.select_related("commune__department", "nace", "delegating_partner")
        .filter(pk=job.organisation_id)
        .first()
    )
    if org is None:
        raise JobError(_("This organisation no longer exists."))
    if (
        not Membership.objects.filter(
            user=job.owner, organisation=org, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
        ).exists()
        and not job.owner.is_superuser
    ):
        raise JobError(_("Only the organisation's administrators can export its data."))
    progress(20, _("Reading the profile"))
    profile = [
        [_("Legal name"), org.legal_name],
        [_("Kind"), org.get_kind_display()],
        [_("Country"), org.get_country_display()],
        ["SIRET", org.siret],
        ["SIREN", org.siren],
        [_("codice fiscale"), org.codice_fiscale],
        [_("partita IVA"), org.partita_iva],
        [_("Main activity (NACE)"), str(org.nace) if org.nace else ""],
        [_("Address"), org.address],
        [_("Postcode"), org.postcode],
        [_("Commune"), str(org.commune) if org.commune else ""],
        [_("Latitude"), org.latitude],
        [_("Longitude"), org.longitude],
        [_("Website"), org.website],
        [_("Contact e-mail"), org.email],
        [_("Phone"), org.phone],
        [_("Languages spoken"), ", ".join(org.languages or [])],
        [_("Description in French"), org.description_fr],
        [_("Description in Italian"), org.description_it],
    ]
    sheets = [_sheet(_("Profile"), [_("Field"), _("Value")], profile)]
    progress(60, _("Reading the members"))
    members = [
        [
            m.user.email,
            m.user.get_full_name(),
            m.get_role_display(),
            m.get_status_display(),
            _("yes") if m.is_facilitator else _("no"),
            m.requested_at,
        ]
        for m in org.memberships.select_related("user").order_by("user__email")
    ]
    header = [_("E-mail"), _("Name"), _("Role"), _("Status"), _("Facilitator"), _("Requested")]
    sheets.append(_sheet(_("Members"), header, members))
    return JobResult(
        content=xlsx_bytes(sheets), filename=f"{slugify(org.legal_name)}.xlsx", content_type=XLSX_CONTENT_TYPE
    )
