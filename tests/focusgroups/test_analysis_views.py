"""Pages of the analysis: who sees what, coding with htmx, codebook and SWOT editing, query counts."""

from html import escape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from circuito.audit.models import AuditEntry
from focusgroups.models import Coding, Quote, SwotItem, Theme
from tests.focusgroups.factories import ParticipantFactory, SessionFactory, StudyFactory
from tests.focusgroups.factories_analysis import build_analysis_world


@pytest.fixture
def aw(db):
    return build_analysis_world()


def _client(user=None) -> Client:
    client = Client()
    if user:
        client.force_login(user)
    return client


def _urls(aw) -> dict[str, tuple[str, str]]:
    """name → (method, url) of every page and endpoint of the area."""
    code = aw.w.study.code
    item = SwotItem.objects.create(study=aw.w.study, territory=aw.paca_region, quadrant="S", text_fr="Réseau dense")
    coding = Coding.objects.get(quote=aw.quote_fr)
    return {
        "index": ("get", reverse("focusgroups:analysis_index")),
        "overview": ("get", reverse("focusgroups:analysis_overview", args=[code])),
        "codebook": ("get", reverse("focusgroups:codebook", args=[code])),
        "codebook_add": ("post", reverse("focusgroups:codebook", args=[code])),
        "codebook_csv": ("get", reverse("focusgroups:codebook_csv", args=[code])),
        "codebook_qdc": ("get", reverse("focusgroups:codebook_qdc", args=[code])),
        "theme_edit": ("get", reverse("focusgroups:theme_edit", args=[aw.regulatory.pk])),
        "theme_delete": ("post", reverse("focusgroups:theme_delete", args=[aw.obstacles.pk])),
        "material": ("get", reverse("focusgroups:material", args=[code])),
        "tag": ("post", reverse("focusgroups:material_tag", args=[code, "quote", aw.quote_it.pk])),
        "untag": ("post", reverse("focusgroups:coding_delete", args=[coding.pk])),
        "swot": ("get", reverse("focusgroups:swot", args=[code])),
        "swot_region": ("get", reverse("focusgroups:swot_region", args=[code, aw.paca_region.pk])),
        "swot_add": ("post", reverse("focusgroups:swot_region", args=[code, aw.paca_region.pk])),
        "swot_edit": ("get", reverse("focusgroups:swot_item_edit", args=[item.pk])),
        "swot_move": ("post", reverse("focusgroups:swot_item_move", args=[item.pk, "up"])),
        "swot_delete": ("post", reverse("focusgroups:swot_item_delete", args=[item.pk])),
        "export": ("post", reverse("focusgroups:analysis_export", args=[code])),
        "synthesis": ("post", reverse("focusgroups:analysis_synthesis", args=[code])),
    }


AGGREGATED = {"index", "overview", "codebook", "swot", "swot_region"}


def test_anonymous_is_sent_to_login_everywhere(aw):
    for name, (method, url) in _urls(aw).items():
        response = getattr(_client(), method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_outsider_is_refused_everywhere(aw):
    client = _client(aw.w.outsider)
    for name, (method, url) in _urls(aw).items():
        assert getattr(client, method)(url).status_code == 403, name
    assert Theme.objects.count() == 3 and Coding.objects.count() == 5 and SwotItem.objects.count() == 1


def test_other_partner_sees_aggregated_results_only(aw):
    client = _client(aw.w.other_partner)
    for name, (method, url) in _urls(aw).items():
        response = getattr(client, method)(url)
        if name in AGGREGATED:
            assert response.status_code == 200, name
            assert "Les normes bloquent tout" not in response.content.decode(), name
        else:
            assert response.status_code in (403, 404), name
    assert Coding.objects.count() == 5 and SwotItem.objects.count() == 1


def test_overview_shows_counts_and_charts(aw):
    response = _client(aw.w.other_partner).get(reverse("focusgroups:analysis_overview", args=["3.2"]))
    html = response.content.decode()
    assert 'id="counts-territory"' in html and "<svg" in html
    assert "export-xlsx" not in html  # exports are the coordinator's
    with translation.override("fr"):
        template = "%(held)s of %(target)s focus groups held for %(code)s"
        expected = translation.ngettext(template, template, 2) % {
            "held": 2,
            "target": 20,
            "code": "3.2",
        }
    index = _client(aw.w.other_partner).get(reverse("focusgroups:analysis_index")).content.decode()
    assert expected in index


def test_coordinator_tags_and_untags_with_htmx(aw):
    client = _client(aw.w.coordinator)
    url = reverse("focusgroups:material_tag", args=["3.2", "quote", aw.quote_it.pk])
    response = client.post(url, {"theme": aw.language.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith("<li") and f'id="item-quote-{aw.quote_it.pk}"' in html and "Langue" in html
    coding = Coding.objects.get(quote=aw.quote_it, theme=aw.language)
    assert coding.coded_by == aw.w.coordinator
    assert AuditEntry.objects.filter(action="focusgroups.coded").exists()
    # Tagging twice changes nothing.
    client.post(url, {"theme": aw.language.pk}, HTTP_HX_REQUEST="true")
    assert Coding.objects.filter(quote=aw.quote_it).count() == 1
    response = client.post(reverse("focusgroups:coding_delete", args=[coding.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and not Coding.objects.filter(quote=aw.quote_it).exists()


def test_tagging_a_withdrawn_quote_or_a_foreign_theme_is_refused(aw):
    client = _client(aw.w.coordinator)
    url = reverse("focusgroups:material_tag", args=["3.2", "quote", aw.quote_withdrawn.pk])
    assert client.post(url, {"theme": aw.language.pk}).status_code == 404
    foreign = Theme.objects.create(study=_other_study(aw), code="foreign", label_fr="Étranger")
    url = reverse("focusgroups:material_tag", args=["3.2", "quote", aw.quote_it.pk])
    response = client.post(url, {"theme": foreign.pk}, HTTP_HX_REQUEST="true")
    with translation.override("fr"):
        assert escape(translation.gettext("Choose a theme of this study's codebook.")) in response.content.decode()
    assert not Coding.objects.filter(quote=aw.quote_it).exists()


def _other_study(aw):
    return StudyFactory(code="3.3", coordinator=aw.w.pie, target_sessions=10)


def test_material_page_filters(aw):
    client = _client(aw.w.coordinator)
    url = reverse("focusgroups:material", args=["3.2"])
    html = client.get(url).content.decode()
    assert "Les normes bloquent tout" in html and "Serve un interprete" in html
    assert "Citation retirée" not in html and "Jeanne Secret" not in html
    html = client.get(url, {"territory": aw.liguria.pk, "uncoded": "on"}).content.decode()
    assert "Serve un interprete" in html and "Les normes bloquent tout" not in html


def test_codebook_add_edit_delete_with_messages(aw):
    client = _client(aw.w.coordinator)
    url = reverse("focusgroups:codebook", args=["3.2"])
    response = client.post(url, {"code": "funding", "label_it": "Finanziamento", "parent": aw.obstacles.pk, "order": 3})
    assert response.status_code == 302
    theme = Theme.objects.get(code="funding")
    assert theme.study == aw.w.study and theme.parent == aw.obstacles
    response = client.post(url, {"code": "regulatory", "label_fr": "Doublon", "order": 0})
    assert response.status_code == 200
    with translation.override("fr"):
        expected = translation.gettext("Another theme of this codebook already has the code “%(code)s”.") % {
            "code": "regulatory"
        }
    html = response.content.decode()
    assert expected in html and 'value="Doublon"' in html  # what was typed is kept
    response = client.post(url, {"code": "empty", "order": 0})
    with translation.override("fr"):
        assert translation.gettext("Give the theme a label in French or in Italian.") in response.content.decode()
    edit = reverse("focusgroups:theme_edit", args=[aw.regulatory.pk])
    response = client.post(edit, {"code": "regulatory", "label_fr": "Réglementation", "label_it": "Normativa",
                                  "parent": aw.regulatory.pk, "order": 1})  # fmt: skip
    assert response.status_code == 200  # a theme cannot be its own parent (not offered)
    response = client.post(edit, {"code": "regulatory", "label_fr": "Réglementation", "label_it": "Normativa",
                                  "parent": aw.obstacles.pk, "order": 1})  # fmt: skip
    assert response.status_code == 302
    aw.regulatory.refresh_from_db()
    assert aw.regulatory.label_fr == "Réglementation"
    # A theme in use or with sub-themes is not deleted.
    client.post(reverse("focusgroups:theme_delete", args=[aw.regulatory.pk]))
    assert Theme.objects.filter(pk=aw.regulatory.pk).exists()
    client.post(reverse("focusgroups:theme_delete", args=[theme.pk]))
    assert not Theme.objects.filter(pk=theme.pk).exists()


def test_swot_add_edit_move_and_cross_border_view(aw):
    client = _client(aw.w.coordinator)
    url = reverse("focusgroups:swot_region", args=["3.2", aw.paca_region.pk])
    response = client.post(
        url,
        {"quadrant": "W", "text_fr": "Normes lourdes", "evidence_sessions": [aw.fr_session.pk],
         "evidence_quotes": [aw.quote_fr.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    first = SwotItem.objects.get(text_fr="Normes lourdes")
    assert list(first.evidence_quotes.all()) == [aw.quote_fr] and first.order == 0
    client.post(url, {"quadrant": "W", "text_fr": "Peu de financements"})
    second = SwotItem.objects.get(text_fr="Peu de financements")
    assert second.order == 1
    client.post(reverse("focusgroups:swot_item_move", args=[second.pk, "up"]))
    assert list(SwotItem.objects.filter(quadrant="W").order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    # The withdrawn participant's quote cannot be evidence (not offered by the form).
    response = client.post(url, {"quadrant": "S", "text_fr": "X", "evidence_quotes": [aw.quote_withdrawn.pk]})
    assert response.status_code == 200 and not SwotItem.objects.filter(text_fr="X").exists()
    # Italian side.
    client.post(
        reverse("focusgroups:swot_region", args=["3.2", aw.liguria.pk]), {"quadrant": "O", "text_it": "Rete di PMI"}
    )
    html = client.get(reverse("focusgroups:swot", args=["3.2"])).content.decode()
    assert html.index("Normes lourdes") < html.index("Rete di PMI")  # France left, Italy right
    assert "Les normes bloquent tout" in html
    other = _client(aw.w.other_partner).get(reverse("focusgroups:swot", args=["3.2"])).content.decode()
    assert "Normes lourdes" in other and "Les normes bloquent tout" not in other
    edit = reverse("focusgroups:swot_item_edit", args=[first.pk])
    assert client.post(edit, {"quadrant": "T", "text_fr": "Normes très lourdes", "text_it": ""}).status_code == 302
    first.refresh_from_db()
    assert first.quadrant == "T" and first.evidence_quotes.count() == 0


def test_swot_item_needs_a_text(aw):
    client = _client(aw.w.coordinator)
    with translation.override("it"):
        url = reverse("focusgroups:swot_region", args=["3.2", aw.paca_region.pk])
        response = client.post(url, {"quadrant": "S", "text_fr": " ", "text_it": ""})
        assert escape(translation.gettext("Write the item in French or in Italian.")) in response.content.decode()


@pytest.mark.parametrize("name", ["overview", "material", "swot", "index"])
def test_query_count_is_constant(aw, name, django_assert_max_num_queries):
    client = _client(aw.w.coordinator)
    url = _urls(aw)[name][1]
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    # More sessions, quotes, codings and SWOT items.
    for i in range(4):
        s = SessionFactory(
            study=aw.w.study, template_version=aw.w.version, organiser=aw.w.lig, region=aw.liguria,
            department=aw.it_session.department, status="validated", submitted_at=aw.fr_session.submitted_at,
            validated_at=aw.fr_session.validated_at,
        )  # fmt: skip
        p = ParticipantFactory(session=s, pseudonym="P01")
        q = Quote.objects.create(session=s, participant=p, text=f"Citation {i}", language="fr")
        Coding.objects.create(theme=aw.language, quote=q)
        item = SwotItem.objects.create(study=aw.w.study, territory=aw.liguria, quadrant="S", text_fr=f"S{i}")
        item.evidence_sessions.add(s)
        item.evidence_quotes.add(q)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200
