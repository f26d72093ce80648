"""Demo data of the calendar: after the charter's first edition (2019–2021), a follow-up phase of
30 months in semesters that runs over today, so that the demo's records (all dated around today)
fall in its periods. It starts on the first day of the month 21 months before this one: today is
in its fourth semester, three months in, with three semesters behind it. Idempotent: made once,
never moved afterwards (the records dated from it stay in their periods)."""

from circuito.accounts.models import User
from reporting import periods
from reporting.loaders import load_structure
from reporting.models import Project, ProjectEdition

NAMES = {"fr": "Phase de capitalisation", "it": "Fase di capitalizzazione"}
MONTHS_BEFORE_TODAY = 21
DURATION = 30


def load(stdout) -> None:
    load_structure()  # the charter's first edition comes first
    project = Project.objects.order_by("pk").first()
    if project is None or ProjectEdition.objects.filter(number__gt=1).exists():
        stdout.write("reporting calendar: unchanged")
        return
    start = periods.add_months(periods.today(), -MONTHS_BEFORE_TODAY)
    last = ProjectEdition.objects.order_by("-number").first()
    if last is not None and start <= periods.month_end(last.duration_months, last.start_date):
        stdout.write("reporting calendar: the first edition still runs, no follow-up phase added")
        return
    ProjectEdition.objects.create(
        project=project,
        number=(last.number + 1) if last else 1,
        name_fr=NAMES["fr"],
        name_it=NAMES["it"],
        start_date=start,
        duration_months=DURATION,
        created_by=User.objects.filter(email="lead@circuito.test").first(),
    )
    stdout.write(f"reporting calendar: follow-up phase from {start:%Y-%m-%d}, {DURATION} months")
