"""In a browser, in Italian: the coordinator writes a bilingual template, previews it in French
and publishes it; a partner of another country then sees it read-only."""

import pytest
from django.test import Client

from focusgroups.models import QuestionTemplate, TemplateVersion
from tests.focusgroups.factories_sessions import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(context, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    context.clear_cookies()
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


def test_coordinator_writes_previews_and_publishes_in_italian(page, live_server):
    world = build_world()
    _log_in(page.context, world.coordinator, live_server)
    page.goto("/it/focus-groups/templates/")
    page.locator("a[href$='/templates/new/3.2/']").click()
    page.locator("input[name=title_fr]").fill("Programmation régionale")
    page.locator("input[name=title_it]").fill("Programmazione regionale")
    page.locator("form[method=post] button.btn-primary").last.click()
    page.wait_for_url("**/it/focus-groups/templates/*/")
    template = QuestionTemplate.objects.get(title_it="Programmazione regionale")
    page.locator("a[href$='/sections/new/']").click()
    page.locator("input[name=title_fr]").fill("Financements")
    page.locator("input[name=title_it]").fill("Finanziamenti")
    page.locator("form[method=post] button.btn-primary").last.click()
    page.locator("a[href$='/questions/new/']").click()
    page.locator("input[name=key]").fill("funding-fit")
    page.locator("select[name=kind]").select_option("scale")
    page.locator("textarea[name=text_fr]").fill("Les financements régionaux sont-ils adaptés ?")
    page.locator("textarea[name=text_it]").fill("I finanziamenti regionali sono adeguati?")
    page.locator("input[name=required]").check()
    page.locator("form[method=post] button.btn-primary").last.click()
    page.wait_for_url("**/templates/*/?version=1")
    page.goto(f"/it/focus-groups/templates/{template.pk}/?version=1&lang=fr")
    assert "Les financements régionaux sont-ils adaptés ?" in page.content()
    page.locator("#publish-version").click()
    page.wait_for_load_state()
    assert template.versions.get().status == TemplateVersion.Status.PUBLISHED

    _log_in(page.context, world.owner, live_server)
    page.goto(f"/it/focus-groups/templates/{template.pk}/")
    assert "I finanziamenti regionali sono adeguati?" in page.content()
    assert page.locator("#publish-version").count() == 0
    assert page.locator("a[href$='/questions/new/']").count() == 0
