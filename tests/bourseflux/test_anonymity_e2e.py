"""In the browser, in French and in Italian: a company chooses to list its flow anonymously, and
visitors read "a company in <department/province>" in their language instead of its name."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from bourseflux.models import Flow
from tests.bourseflux import factories_synergies as fs
from tests.bourseflux.test_flows_e2e import _log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "Sidreria Segreta Srl"


def _in(language: str, msgid: str, **params) -> str:
    with translation.override(language):
        text = gettext(msgid)
    return text % params if params else text


def test_a_company_lists_its_flow_anonymously_in_both_languages(page, live_server):
    offer = fs.italian_offer(nature=Flow.Nature.MATERIAL)  # no production activity to give
    offer.organisation.legal_name = NAME
    offer.organisation.save()
    flow = offer.flow
    edit = reverse("bourseflux:flow_edit", args=[flow.pk])
    detail = reverse("bourseflux:flow_detail", args=[flow.pk])
    _log_in(page, offer.owner, live_server)

    # The choice, explained in both languages; ticked on the Italian form.
    page.goto(edit)
    assert _in("fr", "List this flow anonymously") in page.locator("label[for=id_hide_company]").inner_text()
    page.goto(edit.replace("/fr/", "/it/"))
    box = page.locator("input[name=hide_company]")
    assert _in("it", "List this flow anonymously") in page.locator("label[for=id_hide_company]").inner_text()
    assert not box.is_checked()
    box.check()
    with page.expect_navigation():
        page.locator("form:has(input[name=hide_company]) button[type=submit]").click()
    errors = page.locator(".invalid-feedback, .alert-danger").all_inner_texts()
    assert page.url.endswith(detail.replace("/fr/", "/it/")), errors
    assert Flow.objects.get(pk=flow.pk).hide_company
    assert NAME in page.content()  # the company's own member still reads its name

    # A visitor reads the label, in each language, and never the name.
    page.context.clear_cookies()
    for language, place in (("fr", "Aoste"), ("it", "Aosta")):
        page.goto(detail.replace("/fr/", f"/{language}/"))
        body = page.locator("main").inner_text() if page.locator("main").count() else page.content()
        assert _in(language, "A company in %(place)s", place=place) in body
        assert NAME not in page.content()
        page.goto(reverse("bourseflux:flow_list").replace("/fr/", f"/{language}/"))
        row = page.locator(f"[data-flow-id='{flow.pk}']")
        assert _in(language, "A company in %(place)s", place=place) in row.inner_text()
        assert NAME not in page.content()
