"""Flow imports as a background job, and their confirmation.

1. `start_import` stores the upload privately and queues a job (circuito.jobs).
2. The job reads every row, checks it with `validate_flow_data` and returns a preview (JSON):
   the valid rows and every refused row with its number and reasons. Nothing is saved.
3. `confirm_import` creates the valid rows with `create_flow`, one transaction per batch. The job
   row records how far it went, so a second confirmation (double click, back button) creates
   nothing more.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bourseflux import imports
from bourseflux.confirmation import invite_company_flows
from bourseflux.models import Flow, Site
from bourseflux.permissions import can_act_for, is_facilitator, member_organisation_ids
from bourseflux.services.flows import create_flow, validate_flow_data
from bourseflux.services.sites import create_site
from circuito.accounts.identifiers import clean_partita_iva, clean_siret
from circuito.accounts.models import Organisation
from circuito.audit.services import record
from circuito.files import private_name, private_storage
from circuito.geo.models import Commune
from circuito.jobs.models import Job
from circuito.jobs.registry import JobError, JobResult, register
from circuito.jobs.services import enqueue_job

IMPORT_KIND = "bourseflux.import_flows"
BATCH = 200


def start_import(*, actor, name: str, content: bytes, kind: str, organisation: Organisation | None) -> Job:
    """Queue the reading of an upload already checked by `imports.check_upload`/`read_table`."""
    if organisation is None and not is_facilitator(actor):
        raise PermissionDenied
    if organisation is not None and not can_act_for(actor, organisation):
        raise PermissionDenied
    stored = private_storage().save(private_name("imports", f"upload.{kind}"), ContentFile(content))
    params = {"upload": stored, "filename": name[:200], "kind": kind}
    return enqueue_job(IMPORT_KIND, owner=actor, organisation=organisation, params=params)


def _display(data: dict, commune: Commune | None, company: str) -> dict[str, str]:
    quantity = ""
    if data.get("quantity"):
        unit = Flow.Unit(data["unit"]).label if data.get("unit") in Flow.Unit.values else ""
        frequency = Flow.Frequency(data["frequency"]).label if data.get("frequency") in Flow.Frequency.values else ""
        quantity = f"{data['quantity']} {unit} {frequency}".strip()
    return {
        "company": company,
        "direction": str(Flow.Direction(data["direction"]).label) if data.get("direction") else "",
        "nature": str(Flow.Nature(data["nature"]).label) if data.get("nature") else "",
        "title": data.get("title_fr") or data.get("title_it") or "",
        "code": data.get("ewc") or data.get("nace") or "",
        "quantity": quantity,
        "commune": str(commune) if commune else "",
    }


def _company(raw: dict[str, str], commune: Commune | None, errors: list[str]) -> tuple[dict, Organisation | None]:
    """Facilitator imports without a chosen company: match it by SIRET / partita IVA (or by its
    exact name), else describe the company to create on confirmation."""
    spec: dict[str, Any] = {"legal_name": raw["legal_name"][:200]}
    for field, cleaner, country in (("siret", clean_siret, "FR"), ("partita_iva", clean_partita_iva, "IT")):
        if raw[field]:
            try:
                spec[field] = cleaner(raw[field])
                spec.setdefault("country", country)
            except ValidationError as exc:
                errors.extend(exc.messages)
    for field in ("siret", "partita_iva"):
        if spec.get(field):
            found = Organisation.objects.filter(**{field: spec[field]}).first()
            if found:
                return {"id": found.pk, "name": found.legal_name}, found
    if not (spec.get("siret") or spec.get("partita_iva")):
        if raw["legal_name"]:
            found = list(Organisation.objects.filter(legal_name__iexact=raw["legal_name"])[:2])
            if len(found) == 1:
                return {"id": found[0].pk, "name": found[0].legal_name}, found[0]
        if not any(m for m in errors):
            errors.append(_("Give the company's SIRET (France) or partita IVA (Italy), and its legal name."))
        return {}, None
    if not spec["legal_name"]:
        errors.append(_("This company is not registered yet: give its legal name (raison sociale, ragione sociale)."))
        return {}, None
    spec["country"] = spec.get("country") or (commune.country if commune else "FR")
    unsaved = Organisation(kind=Organisation.Kind.COMPANY, legal_name=spec["legal_name"], country=spec["country"])
    return {"create": spec, "name": spec["legal_name"]}, unsaved


@register(IMPORT_KIND, title=gettext_lazy("Import of flows"))
def import_flows(job: Job, progress) -> JobResult:
    storage = private_storage()
    name = job.params.get("upload", "")
    try:
        with storage.open(name, "rb") as handle:
            content = handle.read()
    except (FileNotFoundError, OSError):
        raise JobError(_("the uploaded file is no longer available: upload it again.")) from None
    try:
        rows = imports.read_table(content, job.params.get("kind", "csv"))
        mapping, ignored, language = imports.map_headers(rows[0][1])
    except imports.FileRefused as exc:
        raise JobError(exc.messages[0]) from None
    organisation = job.organisation
    refs = imports.ReferenceCache()
    valid, rejected = [], []
    body = rows[1:]
    for count, (number, values) in enumerate(body, start=1):
        data, errors = imports.parse_row(values, mapping, language, refs)
        commune = Commune.objects.select_related("department").filter(pk=data.pop("commune")).first()
        raw_company = data.pop("company")
        if organisation is not None:
            company, org = {"id": organisation.pk, "name": organisation.legal_name}, organisation
        else:
            company, org = _company(raw_company, commune, errors)
        if org is not None and commune is not None:
            site = (org.sites.filter(commune=commune).first() if org.pk else None) or Site(
                organisation=org, commune=commune, name=commune.name, latitude=commune.latitude,
                longitude=commune.longitude,
            )  # fmt: skip
            try:
                validate_flow_data({**data, "site": site}, organisation=org)
            except ValidationError as exc:
                errors.extend(m for m in imports.messages_of(exc) if m not in errors)
        if errors:
            rejected.append({"row": number, "errors": errors, "title": data.get(f"title_{language}", "")})
        else:
            display = _display(data, commune, company["name"])
            valid.append({"row": number, "data": data, "commune": commune.pk, "company": company, "display": display})
        if count % 50 == 0:
            progress(
                int(count * 95 / len(body)), _("Checked %(n)d rows of %(total)d") % {"n": count, "total": len(body)}
            )
    storage.delete(name)
    preview = {
        "version": 1,
        "filename": job.params.get("filename", ""),
        "language": language,
        "columns": sorted(mapping),
        "ignored_columns": ignored,
        "total": len(body),
        "valid": valid,
        "rejected": rejected,
    }
    return JobResult(
        content=json.dumps(preview, ensure_ascii=False).encode(),
        filename="import-preview.json",
        content_type="application/json",
    )


def load_preview(job: Job) -> dict | None:
    """The preview of a finished import job, or None when its file is gone."""
    if job.status != Job.Status.DONE or job.is_expired:
        return None
    try:
        with job.result_file.open("rb") as handle:
            return json.loads(handle.read())
    except (FileNotFoundError, OSError, ValueError):
        return None


@dataclass
class ImportOutcome:
    created: int
    already: bool = False


class _Companies:
    """Companies of a facilitator import, created once each on confirmation."""

    def __init__(self, actor) -> None:
        self.actor = actor
        self.made: dict[str, Organisation] = {}

    def get(self, company: dict, commune: Commune) -> Organisation:
        if "id" in company:
            return Organisation.objects.get(pk=company["id"])
        spec = company["create"]
        key = spec.get("siret") or spec.get("partita_iva")
        if key in self.made:
            return self.made[key]
        if not is_facilitator(self.actor):
            raise PermissionDenied
        field = "siret" if spec.get("siret") else "partita_iva"
        org = Organisation.objects.filter(**{field: key}).first()
        if org is None:
            org = Organisation(
                kind=Organisation.Kind.COMPANY,
                legal_name=spec["legal_name"],
                slug=Organisation.unique_slug(spec["legal_name"]),
                country=spec["country"],
                siret=spec.get("siret", ""),
                siren=spec.get("siret", "")[:9],
                partita_iva=spec.get("partita_iva", ""),
                commune=commune,
                latitude=commune.latitude,
                longitude=commune.longitude,
            )
            org.save()
            record(self.actor, "organisation.create", org, {"legal_name": org.legal_name, "via": "flow import"})
        self.made[key] = org
        return org


def _site(org: Organisation, commune: Commune, actor) -> Site:
    return org.sites.filter(commune=commune).order_by("pk").first() or create_site(
        actor=actor, organisation=org, data={"name": commune.name, "commune": commune}
    )


def confirm_import(job: Job, *, actor, publish: bool) -> ImportOutcome:
    """Create the valid rows of the preview, once. ValidationError when a row no longer passes
    (its batch is not saved; the message names the row)."""
    preview = load_preview(job)
    if preview is None:
        raise ValidationError(
            _("This import is no longer available (files are kept a few days): upload the file again.")
        )
    rows = preview["valid"]
    if job.params.get("confirmed_at"):
        return ImportOutcome(created=0, already=True)
    # Flows entered on companies' behalf: their members get one invitation per company for the
    # whole import (not one per row), sent for every batch that was saved, even if a later one fails.
    entered: list[int] = []
    try:
        return _create_rows(job, rows, actor=actor, publish=publish, entered=entered)
    finally:
        if entered:
            ids = list(entered)
            transaction.on_commit(lambda: invite_company_flows(ids, actor.pk))


def _create_rows(job: Job, rows: list[dict], *, actor, publish: bool, entered: list[int]) -> ImportOutcome:
    companies = _Companies(actor)
    communes = {c.pk: c for c in Commune.objects.filter(pk__in={r["commune"] for r in rows})}
    mine = set(member_organisation_ids(actor))
    start = 0
    while True:
        with transaction.atomic():
            locked = Job.objects.select_for_update().get(pk=job.pk)
            if locked.params.get("confirmed_at"):
                return ImportOutcome(created=start, already=start == 0)
            start = int(locked.params.get("created", 0))
            batch = rows[start : start + BATCH]
            created = []
            for row in batch:
                commune = communes[row["commune"]]
                org = companies.get(row["company"], commune)
                data = {**row["data"], "site": _site(org, commune, actor)}
                try:
                    flow = create_flow(actor=actor, organisation=org, data=data, publish=publish, invite=False)
                except ValidationError as exc:
                    raise ValidationError(
                        _("Row %(row)d can no longer be imported: %(reason)s. Rows before it were imported.")
                        % {"row": row["row"], "reason": " ".join(imports.messages_of(exc))}
                    ) from exc
                if org.pk not in mine:
                    created.append(flow.pk)
            locked.params["created"] = start + len(batch)
            if locked.params["created"] >= len(rows):
                locked.params["confirmed_at"] = timezone.now().isoformat()
                locked.params["published"] = publish
                record(actor, "flow.import", None, {"job": str(job.pk), "rows": len(rows), "published": publish})
            locked.save(update_fields=["params"])
            job.params = locked.params
        entered.extend(created)  # the batch is saved
        if job.params.get("confirmed_at"):
            return ImportOutcome(created=len(rows))
