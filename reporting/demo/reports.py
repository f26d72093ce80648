"""Demo data of the reports area: the semestrial report of the last ended semester of the
calendar's current edition, in French and in Italian, made by the lead partner's demo user, so the
list and the downloads have something to show (the running semester's report is the lead
partner's to generate). Built in-process (no worker needed). Idempotent: an existing demo report
is left as it is."""

from circuito.accounts.models import User
from reporting import figures, periods
from reporting.models import Report
from reporting.services.reports import build_report

LANGUAGES = ("fr", "it")


def load(stdout) -> None:
    author = User.objects.filter(email="lead@circuito.test").first()
    ended = [s for s in periods.semesters() if s.end < periods.today()]
    made = 0
    for kind, index, language in [(Report.Kind.SEMESTRIAL, ended[-1].index, lang) for lang in LANGUAGES if ended]:
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
