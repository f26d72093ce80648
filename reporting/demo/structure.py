"""Demo data of the structure area: the charter's structure, and evidence for a few
deliverables counted by hand (links as proof), dated in the months of the calendar's current
edition. Idempotent."""

import datetime

from circuito.accounts.models import Organisation, User
from reporting import periods
from reporting.loaders import load_structure
from reporting.models import Deliverable, DeliverableEvidence

# (activity code, deliverable position, partner code, (project month, day), count, link, note)
EVIDENCE = [
    ("2.1", 0, "LIG", (4, 10), 1, "https://example.org/circuito/kit", "Kit and graphic manual"),
    (
        "2.1",
        1,
        "LIG",
        (5, 20),
        4,
        "https://example.org/circuito/rollups",
        "Roll-ups for IT partners",
    ),
    (
        "2.1",
        1,
        "PACA",
        (6, 3),
        4,
        "https://example.org/circuito/rollups-fr",
        "Roll-ups for FR partners",
    ),
    ("2.1", 3, "LIG", (3, 1), 1, "https://www.facebook.com/", "Facebook page opened"),
    ("2.1", 4, "MNCA", (14, 14), 2, "https://example.org/circuito/videos", "Two clips"),
    (
        "2.2",
        1,
        "PIE",
        (9, 25),
        1,
        "https://example.org/circuito/press-pie",
        "Press conference, Turin",
    ),
    ("3.1", 0, "PIE", (8, 30), 1, "https://example.org/circuito/s3-report", "S3 analysis report"),
    ("3.4", 0, "UNITO", (8, 28), 1, "https://example.org/circuito/symbiosis", "Symbiosis report"),
    ("2.2", 0, "LIG", (20, 6), 2, "https://example.org/circuito/clip-events", "Two PITEM CLIP events, Genova and Nice"),
    ("2.1", 2, "PACA", (21, 12), 1500, "https://example.org/circuito/brochures-fr", "Brochures printed in French"),
]


def load(stdout) -> None:
    load_structure()
    orgs = {o.partner_code: o for o in Organisation.objects.exclude(partner_code="")}
    author = User.objects.filter(email="lead@circuito.test").first()
    created = 0
    for code, index, partner, (month, day_of_month), count, link, note in EVIDENCE:
        day = periods.month_start(month) + datetime.timedelta(days=day_of_month - 1)
        if day > periods.today():
            continue
        deliverable = Deliverable.objects.filter(activity__code=code, order=index).first()
        if deliverable is None or partner not in orgs:
            continue
        _evidence, new = DeliverableEvidence.objects.get_or_create(
            deliverable=deliverable,
            partner=orgs[partner],
            date=day,
            defaults={"count": count, "link": link, "note": note, "created_by": author},
        )
        created += new
    stdout.write(f"reporting structure: {created} evidence entries created")
