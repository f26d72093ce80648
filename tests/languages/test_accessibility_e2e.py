"""Accessibility in the browser: axe-core (vendored under static/vendor/axe-core) finds no serious
or critical violation on any page of the world (public, and private for each role) in both
languages; on a 390 px phone the filters of the directory and of the flow search fold behind one
button, below which the results come first."""

import pytest
from django.test import Client

from tests.languages.world import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = "/static/vendor/axe-core/axe.min.js"
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}));
}"""


def _context(browser, live_server, world, role: str, **options):
    context = browser.new_context(base_url=live_server.url, **options)
    if role != "visitor":
        client = Client()
        client.force_login(world.users[role])
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    # Maps load their tiles from the internet: the test stays offline.
    context.route("https://**/*", lambda route: route.abort())
    return context


def test_no_serious_or_critical_violation(browser, live_server):
    world = build_world()
    found, checked = {}, 0
    for role in ("visitor", "company", "referent", "partner", "lead"):
        context = _context(browser, live_server, world, role)
        page = context.new_page()
        page.set_default_timeout(20_000)
        for language in ("fr", "it"):
            for target in (p for p in world.pages if p.role == role):
                url = target.url(language)
                page.goto(url)
                checked += 1
                page.add_script_tag(url=AXE)
                violations = page.evaluate(RUN_AXE)
                if violations:
                    found[url] = violations
        context.close()
    assert checked >= 2 * 80  # every page of the world, in both languages
    assert found == {}


@pytest.mark.parametrize("name", ["tierslieux:directory", "bourseflux:flow_list"])
def test_on_a_phone_results_come_before_the_filters(browser, live_server, name):
    world = build_world()
    target = next(p for p in world.pages if p.name == name)
    context = _context(browser, live_server, world, "visitor", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(target.url("fr").split("?")[0])
    toggle = page.get_by_role("button", name="Filtres", exact=True)
    first_result = page.locator("#place-list > li, .flow-results > li").first
    assert toggle.is_visible() and first_result.is_visible()
    assert not page.locator("form[role=search] select, form[role=search] input[type=text]").first.is_visible()
    assert first_result.bounding_box()["y"] < 844  # the first result shows without scrolling
    toggle.click()
    page.locator("form[role=search]").first.wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    context.close()
