"""The demo of the analysis area loads on the reference data, codes the demo quotes and is idempotent."""

import io

import pytest

from focusgroups.demo import analysis as demo
from focusgroups.models import Coding, SwotItem, Theme
from tests.focusgroups.factories import StudyFactory
from tests.focusgroups.factories_analysis import build_analysis_world


@pytest.mark.django_db
def test_demo_loads_twice_without_changes():
    aw = build_analysis_world()  # 3.2 with a validated session in PACA (code 93) and one in Liguria (07)
    StudyFactory(code="3.3", coordinator=aw.w.lig, target_sessions=10)
    aw.liguria.code = "07"
    aw.liguria.save()
    demo.load(io.StringIO())
    counts = (Theme.objects.count(), Coding.objects.count(), SwotItem.objects.count())
    assert Theme.objects.filter(study__code="3.3", parent__code="obstacles").count() == 4
    assert Theme.objects.filter(study__isnull=True, code="funding").exists()
    assert SwotItem.objects.filter(territory=aw.paca_region).count() == 4
    assert SwotItem.objects.filter(territory=aw.liguria).count() == 4
    # "Les normes bloquent tout." is coded as a regulatory obstacle; the withdrawn quote is not coded.
    assert Coding.objects.filter(quote=aw.quote_fr, theme__code="obstacle-regulatory").exists()
    assert not Coding.objects.filter(quote=aw.quote_withdrawn, theme__study__isnull=True).exists()
    weakness = SwotItem.objects.get(territory=aw.paca_region, quadrant="W")
    assert list(weakness.evidence_quotes.all()) == [aw.quote_fr]
    assert list(weakness.evidence_sessions.all()) == [aw.fr_session]
    demo.load(io.StringIO())
    assert (Theme.objects.count(), Coding.objects.count(), SwotItem.objects.count()) == counts
