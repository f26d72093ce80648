"""The by-product technical sheet (PDF), in the spirit of the "scheda tecnica" of Annex 2 of the
Italian DM 264/2016: producer, by-product, the four conditions with the company's answers,
intended use, date. Body in French or Italian, section titles in both languages.

ReportLab with the DejaVu Sans font shipped in circuito/fonts/ (see circuito.pdf) so accents and € render.
"""

from datetime import date

from django.utils import formats, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from bourseflux.anonymity import anonymous_label
from bourseflux.legal import ADVISORY, BYPRODUCT_CONDITIONS, BYPRODUCT_SOURCES, byproduct_status
from bourseflux.models import Flow
from circuito.pdf import LANGUAGES, bilingual, label_value_table, paragraph, register_fonts, render_document

# Section titles, shown in both languages whatever the body language.
SECTIONS = {
    "producer": gettext_noop("1. Producer"),
    "product": gettext_noop("2. By-product"),
    "conditions": gettext_noop("3. Conditions of a by-product"),
    "use": gettext_noop("4. Intended use"),
    "date": gettext_noop("5. Date and declaration"),
}
_p = paragraph
_rows = label_value_table


def _quantity(flow: Flow, show: bool) -> str:
    if not show:
        return _("Confidential (shown to facilitators only)")
    if flow.yearly_quantity is None:
        return _("Not stated")
    amount = formats.number_format(round(flow.yearly_quantity, 3), decimal_pos=None, use_l10n=True)
    return _("%(amount)s %(unit)s per year") % {"amount": amount, "unit": flow.base_unit_label}


def _months(flow: Flow) -> str:
    if flow.season_mask == 4095:
        return _("All year")
    return ", ".join(str(MONTHS[m]) for m in flow.months)


def _story(flow: Flow, language: str, show_quantities: bool, today: date, show_company: bool = True) -> list:
    organisation, site = flow.organisation, flow.site
    # Listed anonymously: neither the name nor the site (its name or address would tell it).
    company = organisation.legal_name if show_company else anonymous_label(flow)
    where = f"{site.display_name} — {site.address + ', ' if site.address else ''}{site.commune.name}"
    nace = flow.nace or getattr(organisation, "nace", None)
    name = flow.commercial_name or flow.title
    story = [
        _p(bilingual(gettext_noop("By-product technical sheet"), language), "title"),
        _p(
            _("In the spirit of Annex 2 of the Italian Ministerial Decree 264/2016 (scheda tecnica). %(advisory)s")
            % {"advisory": ADVISORY},
            "subtitle",
        ),
        _p(bilingual(SECTIONS["producer"], language), "section"),
        _rows(
            [
                (_("Organisation"), company),
                (_("Site"), where if show_company else site.commune.name),
                (_("Producing activity (NACE)"), f"{nace.code} {nace.label}" if nace else _("Not stated")),
            ]
        ),
        _p(bilingual(SECTIONS["product"], language), "section"),
        _rows(
            [
                (_("Commercial name"), name),
                (_("Description"), flow.description or flow.title),
                (_("Category"), flow.category.name),
                (_("Physical state"), flow.get_physical_state_display()),
                (_("Quantity per year"), _quantity(flow, show_quantities)),
                (_("Months of availability"), _months(flow)),
                (_("Packaging"), flow.packaging or _("Not stated")),
            ]
        ),
        _p(bilingual(SECTIONS["conditions"], language), "section"),
        _p(" · ".join(str(source) for source in BYPRODUCT_SOURCES), "small"),
        Spacer(1, 3 * mm),
    ]
    answers = (flow.legal_check or {}).get("conditions") or {}
    rows = []
    for condition in BYPRODUCT_CONDITIONS:
        answer = answers.get(condition.key)
        if answer is None:
            verdict = _("Not answered yet")
        else:
            verdict = (_("Yes") if answer.get("met") else _("No")) + (
                f" — {answer['how']}" if answer.get("how") else ""
            )
        rows.append((f"{condition.title}\n({condition.directive}; {condition.france}; {condition.italy})", verdict))
    story.append(_rows(rows))
    status = byproduct_status(flow.legal_check)
    if status == "not_met":
        story.append(
            _p(_("At least one condition is not met: the material must be managed as waste (advisory)."), "label")
        )
    elif status == "unchecked":
        story.append(_p(_("The company has not answered the four conditions yet."), "label"))
    story += [
        _p(bilingual(SECTIONS["use"], language), "section"),
        _p((flow.legal_check or {}).get("intended_use") or _("Not stated")),
        _p(bilingual(SECTIONS["date"], language), "section"),
        _rows(
            [
                (_("Sheet generated on"), formats.date_format(today, "DATE_FORMAT", use_l10n=True)),
                (_("Conditions answered on"), ((flow.legal_check or {}).get("checked_at") or "")[:10] or "—"),
            ]
        ),
        Spacer(1, 4 * mm),
        _p(
            _(
                "Declared by the producer on the CIRCUITO portal. The portal does not verify these statements; "
                "this sheet is not an entry in the Italian chambers' list of by-product producers and users."
            ),
            "small",
        ),
    ]
    return story


def render_technical_sheet(
    flow: Flow, *, language: str = "fr", show_quantities: bool = False, show_company: bool = True
) -> bytes:
    """The PDF bytes of the sheet, body in `language` ('fr' or 'it')."""
    register_fonts()  # the story measures its text with the embedded fonts
    language = language if language in LANGUAGES else "fr"
    with translation.override(language):
        name = flow.commercial_name or flow.title
        return render_document(
            _story(flow, language, show_quantities, date.today(), show_company),
            title=f"{_('By-product technical sheet')} — {name}",
            language=language,
            subject=name,
            author=flow.organisation.legal_name if show_company else "CIRCUITO",
        )
