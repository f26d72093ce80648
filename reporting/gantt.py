"""Geometry of the Gantt chart of activities by month, drawn as SVG with attributes only (the
CSP forbids inline styles): one bar per work package and activity, the semesters shaded, and a
line at today's position in the project."""

from dataclasses import dataclass

from reporting import periods
from reporting.models import WorkPackage

LABEL_WIDTH = 300
MONTH_WIDTH = 22
ROW_HEIGHT = 22
HEADER = 44


@dataclass
class Bar:
    code: str
    label: str
    first: int
    last: int
    is_wp: bool
    y: int
    x: int
    width: int
    lead: str

    @property
    def text_y(self) -> int:
        return self.y + 15


def _shorten(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def chart(work_packages: list[WorkPackage]) -> dict:
    from circuito.translated import localized

    semesters = periods.semesters()
    months = semesters[-1].last_month if semesters else periods.DEFAULT_DURATION
    bars: list[Bar] = []
    y = HEADER
    for wp in work_packages:
        rows = [(wp, True)] + [(a, False) for a in wp.activities.all()]
        for item, is_wp in rows:
            first = item.start_month if is_wp else (item.start_month or wp.start_month)
            last = item.end_month if is_wp else (item.end_month or wp.end_month)
            lead = item.lead or (None if is_wp else wp.lead)
            name = localized(item, "name")["text"]
            label = f"{item.code} {name}"
            bars.append(
                Bar(
                    code=item.code,
                    label=_shorten(label, 38 if is_wp else 46),
                    first=first,
                    last=last,
                    is_wp=is_wp,
                    y=y,
                    x=LABEL_WIDTH + (first - 1) * MONTH_WIDTH,
                    width=(last - first + 1) * MONTH_WIDTH,
                    lead=lead.partner_code if lead else "",
                )
            )
            y += ROW_HEIGHT
    height = y + 8
    shaded = [
        {
            "x": LABEL_WIDTH + (s.first_month - 1) * MONTH_WIDTH,
            "width": (s.last_month - s.first_month + 1) * MONTH_WIDTH,
            "index": s.position,  # within the calendar's edition: "S1" is its first semester
            "label_x": LABEL_WIDTH + (s.first_month - 1) * MONTH_WIDTH + 4,
            "odd": s.position % 2 == 1,
        }
        for s in semesters
    ]
    ticks = [{"month": m, "x": LABEL_WIDTH + (m - 1) * MONTH_WIDTH + MONTH_WIDTH // 2} for m in range(1, months + 1)]
    today = periods.today()
    start = semesters[0].start if semesters else periods.DEFAULT_START
    month = periods.project_month(today, start)
    today_x = None
    if 1 <= month <= months:
        month_days = (periods.month_end(month, start) - periods.month_start(month, start)).days + 1
        fraction = (today.day - 1) / month_days
        today_x = round(LABEL_WIDTH + (month - 1 + fraction) * MONTH_WIDTH)
    return {
        "bars": bars,
        "semesters": shaded,
        "ticks": ticks,
        "width": LABEL_WIDTH + months * MONTH_WIDTH + 10,
        "height": height,
        "label_width": LABEL_WIDTH,
        "row_height": ROW_HEIGHT - 6,
        "today_x": today_x,
        "today": today,
        "today_month": month,
        "months": months,
        "ended": month > months,
        "not_started": month < 1,
    }
