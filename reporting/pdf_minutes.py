"""Minutes of a steering committee meeting as PDF, in French or Italian: the meeting, who
attended (per organisation), the agenda, the minutes, decisions and action items."""

import io

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from circuito.pdf import LANGUAGES, bilingual, data_table, label_value_table, paragraph, register_fonts
from reporting.models import Meeting, Project
from reporting.services.committees import attendance_summary


def _text(obj, field: str, language: str) -> str:
    """The field in the document's language; the other language (marked) only when it is empty."""
    own = getattr(obj, f"{field}_{language}", "") or ""
    if own:
        return own
    other = "it" if language == "fr" else "fr"
    text = getattr(obj, f"{field}_{other}", "") or ""
    return f"[{other.upper()}] {text}" if text else ""


def _story(meeting: Meeting, language: str) -> list:
    project = Project.objects.first()
    title = _("Steering committee %(kind)s no. %(n)s") % {
        "kind": meeting.get_kind_display().lower(),
        "n": meeting.number,
    }
    status = meeting.get_minutes_status_display()
    if meeting.is_approved and meeting.approved_at:
        status = _("Approved on %(date)s") % {"date": date_format(meeting.approved_at, "SHORT_DATE_FORMAT")}
    story = [
        paragraph(f"{project.acronym if project else 'CIRCUITO'} — {bilingual('Minutes', language)}", "subtitle"),
        paragraph(title, "title"),
        label_value_table(
            [
                (_("Date"), date_format(meeting.date, "DATE_FORMAT")),
                (_("Project month"), str(meeting.project_month)),
                (_("Kind"), meeting.get_kind_display()),
                (_("City"), meeting.city or "—"),
                (_("Minutes status"), status),
            ]
        ),
        paragraph(_("Attendance"), "section"),
    ]
    rows = [
        [row.organisation.legal_name, ", ".join(row.present) or "—", str(row.expected), str(row.missing)]
        for row in attendance_summary(meeting)
    ]
    story.append(
        data_table(
            [_("Organisation"), _("Present"), _("Expected"), _("Missing")],
            rows,
            [60 * mm, 70 * mm, 20 * mm, 20 * mm],
        )
    )
    story += [paragraph(_("Agenda"), "section"), paragraph(_text(meeting, "agenda", language))]
    story += [paragraph(_("Minutes"), "section"), paragraph(_text(meeting, "minutes", language))]
    decisions = list(meeting.decisions.all())
    if decisions:
        story.append(paragraph(_("Decisions"), "section"))
        story.append(
            data_table(
                ["#", _("Decision")],
                [[str(d.order), _text(d, "text", language)] for d in decisions],
                [10 * mm, 160 * mm],
            )
        )
    items = list(meeting.action_items.select_related("owner", "owner_organisation"))
    if items:
        story.append(paragraph(_("Action items"), "section"))
        story.append(
            data_table(
                [_("Action"), _("Owner"), _("Due date"), _("Status")],
                [
                    [
                        _text(i, "text", language),
                        ", ".join(
                            x
                            for x in (
                                (i.owner.get_full_name() or i.owner.email) if i.owner else "",
                                i.owner_organisation.legal_name if i.owner_organisation else "",
                            )
                            if x
                        ),
                        date_format(i.due_date, "SHORT_DATE_FORMAT") if i.due_date else "—",
                        i.get_status_display(),
                    ]
                    for i in items
                ],
                [80 * mm, 45 * mm, 25 * mm, 20 * mm],
            )
        )
    story.append(Spacer(1, 6 * mm))
    return story


def minutes_pdf(meeting: Meeting, language: str) -> bytes:
    register_fonts()
    language = language if language in LANGUAGES else "fr"
    buffer = io.BytesIO()
    with translation.override(language):
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=18 * mm,
            bottomMargin=18 * mm,
            title=_("Steering committee minutes"),
            creator="CIRCUITO",
            lang=language,
        )
        doc.build(_story(meeting, language))
    return buffer.getvalue()
