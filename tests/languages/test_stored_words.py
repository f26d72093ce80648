"""Words stored in their creator's language are shown in the reader's: the default site name,
the programme's name in reports, units after quantities."""

import pytest
from django.utils import translation

from bourseflux.models import Flow
from bourseflux.services.sites import ensure_default_site
from reporting.figures import collect
from reporting.loaders import load_structure
from reporting.models import Project
from tests.bourseflux.factories import FlowFactory, SiteFactory
from tests.factories import CommuneFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_default_site_name_follows_the_reader():
    with translation.override("fr"):
        site = ensure_default_site(OrganisationFactory(commune=CommuneFactory()))
    with translation.override("it"):
        assert site.display_name == "Sito principale" and str(site).startswith("Sito principale (")
    with translation.override("fr"):
        assert site.display_name == "Site principal"
    # Rows saved before, in their creator's language, too; a name of the company's own stays.
    legacy = SiteFactory(name="Site principal")
    own = SiteFactory(name="Usine de Chambéry")
    with translation.override("it"):
        assert legacy.display_name == "Sito principale" and own.display_name == "Usine de Chambéry"


def test_the_programme_in_the_report_language():
    load_structure()
    project = Project.objects.get()
    assert project.programme_it.startswith("Interreg V-A Francia-Italia")
    figures = collect("semestrial", 1, "it")
    assert figures["project"]["programme"] == project.programme_it
    assert collect("semestrial", 1, "fr")["project"]["programme"] == project.programme_fr


@pytest.mark.parametrize(("language", "expected"), [("it", "pezzi"), ("fr", "pièces")])
def test_units_after_quantities_are_words_of_the_reader(language, expected):
    flow = FlowFactory(quantity=1, unit=Flow.Unit.PIECE, frequency=Flow.Frequency.MONTH)
    with translation.override(language):
        assert flow.base_unit == "piece" and flow.base_unit_label == expected
