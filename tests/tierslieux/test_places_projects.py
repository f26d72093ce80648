"""A place page lists the collaborative projects the place takes part in, in the reader's
language, and marks the cross-border ones."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories import OrganisationFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_network import ProjectFactory, ReferentFactory, italian_place
from tierslieux.services import network

pytestmark = pytest.mark.django_db


def _project_items(content: str) -> dict[str, str]:
    """{project slug: the HTML of its line in the place page's projects section}."""
    section = re.search(r'<section[^>]*id="place-projects".*?</section>', content, re.S)
    assert section, "no projects section on the place page"
    return dict(re.findall(r'<li data-project="([^"]+)">(.*?)</li>', section.group(0), re.S))


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_place_page_lists_its_projects_and_marks_cross_border_ones(client, lang):
    place = PlaceFactory(name="Fablab Nice")
    referent = ReferentFactory(place=place).user
    values = {
        "title_fr": "Prototypes partagés des Alpes",
        "title_it": "Prototipi condivisi delle Alpi",
        "description_fr": "",
        "description_it": "",
        "starts_on": None,
        "ends_on": None,
        "published": True,
    }
    # Created as a referent would: the service sets the cross-border flag from the partners.
    across = network.create_project(values, [place, italian_place()], [], actor=referent)
    local = ProjectFactory(title_fr="Atelier des Niçois", title_it="", slug="atelier-nicois", places=[place])
    ProjectFactory(title_fr="Brouillon", slug="brouillon", published=False, places=[place])
    ProjectFactory(title_fr="Ailleurs", slug="ailleurs")  # another place's project
    assert across.cross_border and not local.cross_border

    with translation.override(lang):
        content = client.get(reverse("tierslieux:place_detail", args=[place.slug])).content.decode()
        badge = escape(gettext("Cross-border"))
        projects_heading = escape(gettext("Projects"))
        project_url = reverse("tierslieux:project_detail", args=[across.slug])
    assert projects_heading in content
    items = _project_items(content)
    assert set(items) == {across.slug, local.slug}  # neither drafts nor other places' projects
    title = values[f"title_{lang}"]
    assert escape(title) in items[across.slug]
    assert f'href="{project_url}"' in items[across.slug]
    assert badge in items[across.slug] and "cross-border-badge" in items[across.slug]
    assert "cross-border-badge" not in items[local.slug]
    assert escape("Atelier des Niçois") in items[local.slug]
    # The Italian reader sees the French-only title, marked as written in French.
    assert ('data-original-lang="fr"' in items[local.slug]) is (lang == "it")


def test_project_with_a_partner_from_the_other_side_is_marked_on_the_place_page(client, partner_staff):
    place = PlaceFactory()
    values = {"title_fr": "Filière agroalimentaire", "published": True}
    project = network.create_project(values, [place], [OrganisationFactory(country="IT")], actor=partner_staff)
    assert project.cross_border
    with translation.override("it"):
        content = client.get(reverse("tierslieux:place_detail", args=[place.slug])).content.decode()
    assert "cross-border-badge" in _project_items(content)[project.slug]
