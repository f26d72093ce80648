"""Reference codes: the waste-code autocomplete and the page browsing the List of Waste."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from bourseflux.anonymity import may_see_company
from bourseflux.fields import ewc_label
from bourseflux.legal import ADVISORY, BYPRODUCT_CONDITIONS, BYPRODUCT_SOURCES, byproduct_status
from bourseflux.models import EwcCode, Flow, MaterialCategory
from bourseflux.permissions import get_flow
from bourseflux.reference_lookup import parse_ewc_query, search_ewc
from bourseflux.services.legal import record_byproduct_check
from bourseflux.technical_sheet import LANGUAGES, render_technical_sheet
from circuito.forms import BootstrapFormMixin
from circuito.geo.forms import MIN_CHARS
from circuito.geo.views import autocomplete_response
from circuito.search import hit_reasons

MAX_RESULTS = 15


def _other_language() -> str:
    return "it" if (get_language() or "fr").startswith("fr") else "fr"


def ewc_autocomplete(request: HttpRequest) -> HttpResponse:
    """Waste codes (level 3) starting with ?q= (spaces optional) or whose labels hold its words."""
    query = request.GET.get("q", "")[:100]
    codes: list[EwcCode] = []
    parsed = None
    if len(query.strip()) >= MIN_CHARS:
        parsed = parse_ewc_query(query)
        codes = list(search_ewc(parsed, EwcCode.objects.filter(level=EwcCode.Level.ENTRY))[:MAX_RESULTS])
    other = f"label_{_other_language()}"
    options = [
        {
            "value": c.pk,
            "label": ewc_label(c),
            "name": ewc_label(c),
            "code": c.code,
            "hazardous": c.hazardous,
            "label_fr": c.label_fr,
            "label_it": c.label_it,
            "detail": (_("Hazardous waste") + " · " if c.hazardous else "") + (getattr(c, other) or ""),
            "reasons": hit_reasons(parsed, c, scheme="ewc") if parsed else [],
        }
        for c in codes
    ]
    return autocomplete_response(
        request, query, options, _("No waste code found: check the code or the words, or type fewer letters.")
    )


def codes(request: HttpRequest) -> HttpResponse:
    """The List of Waste by chapter and sub-chapter, and the tree of material categories."""
    entries = EwcCode.objects.filter(level=EwcCode.Level.ENTRY).order_by("code")
    subchapters = EwcCode.objects.filter(level=EwcCode.Level.SUBCHAPTER).order_by("code")
    chapters = (
        EwcCode.objects.filter(level=EwcCode.Level.CHAPTER)
        .order_by("code")
        .prefetch_related(Prefetch("children", subchapters), Prefetch("children__children", entries))
    )
    categories = (
        MaterialCategory.objects.filter(parent__isnull=True)
        .order_by("sort_order", "code")
        .prefetch_related(Prefetch("children", MaterialCategory.objects.order_by("sort_order", "code")))
    )
    return render(
        request,
        "bourseflux/reference/codes.html",
        {"chapters": chapters, "categories": categories, "other_language": _other_language()},
    )


class ByproductCheckForm(BootstrapFormMixin, forms.Form):
    """Yes/no and "how" for each of the four conditions, plus the intended use."""

    YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]

    def __init__(self, *args, initial_check: dict | None = None, **kwargs) -> None:
        answers = (initial_check or {}).get("conditions") or {}
        initial = {"intended_use": (initial_check or {}).get("intended_use", "")}
        for condition in BYPRODUCT_CONDITIONS:
            answer = answers.get(condition.key)
            if answer is not None:
                initial[f"{condition.key}_met"] = "yes" if answer.get("met") else "no"
                initial[f"{condition.key}_how"] = answer.get("how", "")
        super().__init__(*args, initial=initial, **kwargs)
        for condition in BYPRODUCT_CONDITIONS:
            self.fields[f"{condition.key}_met"] = forms.ChoiceField(
                label=condition.title, choices=self.YES_NO, widget=forms.RadioSelect, help_text=condition.explanation
            )
            self.fields[f"{condition.key}_how"] = forms.CharField(
                label=_("How is it met? (or why not)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.fields["intended_use"] = forms.CharField(
            label=_("Intended use"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Who uses the material and for what (shown on the technical sheet)."),
        )

    def answers(self) -> dict:
        data = self.cleaned_data
        result: dict = {"intended_use": data.get("intended_use", "")}
        for condition in BYPRODUCT_CONDITIONS:
            result[condition.key] = {
                "met": data[f"{condition.key}_met"] == "yes",
                "how": data.get(f"{condition.key}_how", ""),
            }
        return result

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.message_dict.items():
            field = f"{key}_how" if f"{key}_how" in self.fields else (key if key in self.fields else None)
            for message in errors:
                self.add_error(field, message)

    def condition_rows(self) -> list[dict]:
        return [
            {"condition": c, "met": self[f"{c.key}_met"], "how": self[f"{c.key}_how"]} for c in BYPRODUCT_CONDITIONS
        ]


@login_required
def byproduct_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The company answers the four by-product conditions for one of its flows (advisory)."""
    flow = get_flow(pk, request.user, edit=True).flow
    applicable = flow.nature == Flow.Nature.BY_PRODUCT
    form = ByproductCheckForm(request.POST or None, initial_check=flow.legal_check)
    if request.method == "POST" and applicable and form.is_valid():
        try:
            record_byproduct_check(flow, actor=request.user, answers=form.answers())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Your answers are saved."))
            return redirect("bourseflux:flow_byproduct_check", pk=flow.pk)
    return render(
        request,
        "bourseflux/legal/byproduct_check.html",
        {
            "flow": flow,
            "form": form,
            "applicable": applicable,
            "status": byproduct_status(flow.legal_check),
            "sources": BYPRODUCT_SOURCES,
            "advisory": ADVISORY,
            "languages": LANGUAGES,
        },
    )


def technical_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The by-product technical sheet as a PDF (?lang=fr|it); whoever may see the flow gets it."""
    access = get_flow(pk, request.user)
    if access.flow.nature != Flow.Nature.BY_PRODUCT:
        raise Http404
    language = request.GET.get("lang", "")
    if language not in LANGUAGES:
        language = (get_language() or "fr")[:2] if (get_language() or "fr")[:2] in LANGUAGES else "fr"
    pdf = render_technical_sheet(
        access.flow,
        language=language,
        show_quantities=access.can_see_quantities,
        show_company=may_see_company(request.user, access.flow),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(access.flow.commercial_name or access.flow.title) or "flow"
    response["Content-Disposition"] = f'inline; filename="technical-sheet-{access.flow.pk}-{name}-{language}.pdf"'
    return response
