"""Recording a company's answers to the four by-product conditions on a flow."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bourseflux.legal import BYPRODUCT_CONDITIONS, byproduct_status
from bourseflux.models import Flow
from circuito.audit.services import record

MAX_TEXT = 2000


def record_byproduct_check(flow: Flow, *, actor, answers: dict[str, Any]) -> Flow:
    """Save the answers in `flow.legal_check`:

    answers = {"certain_use": {"met": True, "how": "…"}, … for the four conditions,
               "intended_use": "…" (optional)}

    A condition said to be met must say how; a condition not met may say why. The result is
    advisory: when a condition is not met the material has to be managed as waste.
    """
    if flow.nature != Flow.Nature.BY_PRODUCT:
        raise ValidationError(_("The by-product check applies to flows described as by-products only."))
    errors: dict[str, list[str]] = {}
    conditions: dict[str, dict[str, Any]] = {}
    for condition in BYPRODUCT_CONDITIONS:
        answer = answers.get(condition.key)
        if not isinstance(answer, dict) or answer.get("met") not in (True, False):
            errors[condition.key] = [_("Answer yes or no for “%(title)s”.") % {"title": condition.title}]
            continue
        how = str(answer.get("how") or "").strip()
        if answer["met"] and not how:
            errors[condition.key] = [
                _("Explain how “%(title)s” is met (who, which process, which document).") % {"title": condition.title}
            ]
            continue
        if len(how) > MAX_TEXT:
            errors[condition.key] = [_("Shorten the explanation to %(max)d characters.") % {"max": MAX_TEXT}]
            continue
        conditions[condition.key] = {"met": bool(answer["met"]), "how": how}
    intended_use = str(answers.get("intended_use") or "").strip()
    if len(intended_use) > MAX_TEXT:
        errors["intended_use"] = [_("Shorten the intended use to %(max)d characters.") % {"max": MAX_TEXT}]
    if errors:
        raise ValidationError(errors)
    legal_check = {
        "conditions": conditions,
        "intended_use": intended_use,
        "checked_at": timezone.now().isoformat(),
        "checked_by": getattr(actor, "pk", None),
    }
    legal_check["status"] = byproduct_status(legal_check)
    with transaction.atomic():
        before = byproduct_status(flow.legal_check)
        flow.legal_check = legal_check
        flow.save(update_fields=["legal_check", "updated_at"])
        record(
            actor,
            "flow.byproduct_check",
            flow,
            {"status": [before, legal_check["status"]], "met": {k: v["met"] for k, v in conditions.items()}},
        )
    return flow
