"""Demo data of the reports area: a semestrial report of semester 1 in French and one in Italian,
made by the lead partner's demo user, so the list and the downloads have something to show.
Built in-process (no worker needed). Idempotent: an existing demo report is left as it is."""

from circuito.accounts.models import User
from reporting import figures
from reporting.models import Report
from reporting.services.reports import build_report

DEMO = [(Report.Kind.SEMESTRIAL, 1, "fr"), (Report.Kind.SEMESTRIAL, 1, "it")]


def load(stdout) -> None:
    author = User.objects.filter(email="lead@circuito.test").first()
    made = 0
    for kind, index, language in DEMO:
        if Report.objects.filter(kind=kind, period_index=index, language=language).exists():
            continue
        period = figures.report_period(kind, index)
        if period is None:
            continue
        report = Report.objects.create(
            kind=kind,
            period_start=period.start,
            period_end=period.end,
            period_index=period.index,
            language=language,
            created_by=author,
        )
        build_report(report, lambda *args: None)
        made += 1
    stdout.write(f"reports: {made} demo report(s) made")
