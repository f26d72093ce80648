"""Minutes of a steering committee meeting as PDF, in French or Italian: the meeting, who
attended (per organisation), the agenda, the minutes, decisions and action items."""

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from circuito.pdf import LANGUAGES, bilingual, label_value_table, paragraph, register_fonts, render_document
from reporting.exporters.tables import grid, heading
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


WIDTH = A4[0] - 40 * mm


def _story(meeting: Meeting, language: str) -> list:
    project = Project.objects.first()
    title = _("Steering committee %(kind)s no. %(n)s") % {
        "kind": meeting.get_kind_display().lower(),
        "n": meeting.number,
    }
    status = meeting.get_minutes_status_display()
    if meeting.is_approved and meeting.approved_at:
        status = _("Approved on %(date)s") % {"date": date_format(meeting.approved_at, "SHORT_DATE_FORMAT")}
        if meeting.approved_by:
            status += f" — {meeting.approved_by.get_full_name() or meeting.approved_by.email}"
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
            ],
            widths=(50 * mm, WIDTH - 50 * mm),
        ),
        *heading(_("Attendance")),
    ]
    rows = [
        [row.organisation.legal_name, ", ".join(row.present) or "—", str(row.expected), str(row.missing)]
        for row in attendance_summary(meeting)
    ]
    story.append(
        grid(
            [_("Organisation"), _("Present"), _("Expected"), _("Missing")],
            rows,
            [60 * mm, 0, 16 * mm, 16 * mm],
            total_width=WIDTH,
            flex=1,
            numeric=(2, 3),
        )
    )
    story += [*heading(_("Agenda")), paragraph(_text(meeting, "agenda", language))]
    story += [*heading(_("Minutes")), paragraph(_text(meeting, "minutes", language))]
    decisions = list(meeting.decisions.all())
    if decisions:
        story += heading(_("Decisions"))
        story.append(
            grid(
                ["#", _("Decision")],
                [[str(d.order), _text(d, "text", language)] for d in decisions],
                [8 * mm, 0],
                total_width=WIDTH,
                flex=1,
            )
        )
    items = list(meeting.action_items.select_related("owner", "owner_organisation"))
    if items:
        story += heading(_("Action items"))
        story.append(
            grid(
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
                [0, 50 * mm, 22 * mm, 20 * mm],
                total_width=WIDTH,
                flex=0,
            )
        )
    story.append(Spacer(1, 6 * mm))
    return story


def minutes_pdf(meeting: Meeting, language: str) -> bytes:
    register_fonts()  # the story measures its text with the embedded fonts
    language = language if language in LANGUAGES else "fr"
    with translation.override(language):
        return render_document(_story(meeting, language), title=_("Steering committee minutes"), language=language)
