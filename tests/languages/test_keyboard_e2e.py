"""With the keyboard alone (Tab, typing, arrows, Enter): the maps' list alternative is reached and
followed, the waste-code autocomplete of the flow form picks a code, and a focus group's answers
are captured."""

import pytest
from django.test import Client

from bourseflux.models import Flow
from focusgroups.models import Answer
from tests.bourseflux.factories import EwcCodeFactory, FlowFactory, MaterialCategoryFactory, SiteFactory
from tests.factories import MembershipFactory
from tests.focusgroups.factories_sessions import build_world
from tests.tierslieux.factories import PlaceFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOCUSED = "(selector) => document.activeElement && document.activeElement.matches(selector)"


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def tab_to(page, selector: str, limit: int = 80) -> int:
    """Press Tab until the focused element matches `selector`; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED, selector):
            return presses
    raise AssertionError(f"{selector} is not reached with {limit} presses of Tab")


@pytest.mark.parametrize(
    ("map_url", "first_result"),
    [
        ("/fr/tiers-lieux/map/?country=FR", "#place-list a[href*='/p/']"),
        ("/it/flux/map/?direction=offer", ".flow-results a[href*='/flows/']"),
    ],
)
def test_the_list_alternative_of_a_map_is_followed_with_the_keyboard(page, map_url, first_result):
    place = PlaceFactory(name="Fablab de Nice", slug="fablab-de-nice")
    flow = FlowFactory(title_fr="Marc de pommes", title_it="Vinacce di mele", status=Flow.Status.PUBLISHED)
    page.context.route("https://**/*", lambda route: route.abort())  # no map tiles: the test stays offline
    page.goto(map_url)
    tab_to(page, "#map-list-link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/directory/**" if "tiers-lieux" in map_url else "**/flux/search/**")
    assert page.url.endswith(map_url[map_url.index("?") :])  # the list keeps the map's filters
    tab_to(page, first_result)
    page.keyboard.press("Enter")
    expected = f"/fr/tiers-lieux/p/{place.slug}/" if "tiers-lieux" in map_url else f"/it/flux/flows/{flow.pk}/"
    page.wait_for_url(f"**{expected}")
    assert page.locator("h1").first.is_visible()


def test_the_waste_code_is_picked_with_the_keyboard(page, live_server):
    site = SiteFactory()
    user = MembershipFactory(organisation=site.organisation).user
    ewc = EwcCodeFactory(code="02 03 04")
    MaterialCategoryFactory()
    _log_in(page, user, live_server)
    url = f"/fr/flux/flows/new/?direction=offer&organisation={site.organisation.pk}"
    page.goto(url)
    page.locator("select[name=nature]").select_option("waste")
    page.locator("select[name=nature]").focus()
    tab_to(page, "input[name=ewc_text]")
    page.keyboard.type("020304", delay=30)
    combobox = page.locator("input[name=ewc_text]")
    options = page.locator(f"#{combobox.get_attribute('aria-controls')} [role=option]")
    options.first.wait_for()
    page.keyboard.press("ArrowDown")
    assert combobox.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    page.keyboard.press("Enter")
    assert page.locator("input[name=ewc]").input_value() == str(ewc.pk)
    assert combobox.input_value().startswith("02 03 04")
    assert combobox.get_attribute("aria-expanded") == "false"
    assert page.url.endswith(url)  # Enter picked the code, it did not send the form
    assert page.evaluate(FOCUSED, "input[name=ewc_text]")  # and the focus stays on the field


def test_answers_are_captured_with_tab_and_typing(page, live_server):
    world = build_world()
    session, questions = world.session, world.questions
    _log_in(page, world.owner, live_server)
    page.goto(f"/it/focus-groups/capture/{session.pk}/")
    page.locator("h1").first.focus()
    tab_to(page, f"#answer-{questions['text'].pk}")
    page.keyboard.type("Troppa burocrazia")
    tab_to(page, f"#notes-{questions['text'].pk}", limit=3)
    page.keyboard.type("tutti d'accordo")
    # A single choice: Tab reaches the group, the arrows choose (as radio buttons do).
    tab_to(page, f"[name=answer-{questions['single'].pk}]")
    page.keyboard.press("ArrowDown")
    tab_to(page, f"#answer-{questions['number'].pk}")
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    answers = {}
    for _ in range(50):
        answers = {a.question.key: a.value for a in Answer.objects.filter(session=session).select_related("question")}
        if len(answers) >= 3:
            break
        page.wait_for_timeout(100)
    assert answers["obstacles"] == "Troppa burocrazia"
    assert answers["main-obstacle"] == "tech"
    assert answers[questions["number"].key] == 12
