"""Pages of the analysis area visible to every partner's staff: progress against the targets and a
study's aggregated results (theme counts, closed questions). No quote nor per-session material here."""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from circuito.charts import bars
from circuito.translated import localized
from focusgroups import permissions
from focusgroups.forms_analysis import SynthesisForm
from focusgroups.models import Study
from focusgroups.selectors_analysis import closed_questions, get_study, progress, theme_counts


@require_safe
@login_required
def analysis_index(request: HttpRequest) -> HttpResponse:
    """Focus groups held and validated against each study's target, per partner and per region."""
    permissions.require_staff(request.user)
    rows = progress(Study.objects.order_by("order", "code"))
    for row in rows:
        row.territory_bars = bars([(r.label, r.held) for r in row.by_territory])
    return render(request, "focusgroups/analysis/index.html", {"rows": rows})


@require_safe
@login_required
def analysis_overview(request: HttpRequest, code: str) -> HttpResponse:
    access = get_study(code, request.user)
    study = access.study
    counts = theme_counts(study)
    titles = {
        "territory": (_("Per territory"), _("Coded evidence per territory")),
        "category": (_("Per actor category"), _("Coded evidence per actor category")),
        "sector": (_("Per sector"), _("Coded evidence per sector")),
    }
    tables = []
    for dim, table in counts.items():
        per_column = Counter()
        for (_theme, value), n in table.cells.items():
            per_column[value] += n
        tables.append(
            {
                "dimension": dim,
                "heading": titles[dim][0],
                "chart_title": titles[dim][1],
                "columns": table.columns,
                "rows": table.rows(),
                "bars": bars([(label, per_column[value]) for value, label in table.columns]),
            }
        )
    theme_bars = bars(
        [
            (("· " * r["depth"]) + localized(r["theme"], "label")["text"], r["total"])
            for r in tables[0]["rows"]
            if r["total"]
        ]
    )
    results = closed_questions(study)
    for result in results:
        result.bars = bars(result.distribution)
    return render(
        request,
        "focusgroups/analysis/overview.html",
        {
            "access": access,
            "study": study,
            "progress": progress([study])[0],
            "tables": tables,
            "theme_bars": theme_bars,
            "results": results,
            "synthesis_form": SynthesisForm(study=study, initial={"language": request.LANGUAGE_CODE[:2]})
            if access.is_coordinator
            else None,
        },
    )
