"""Innovation demand and offer: companies post needs, places answer, matching needs, calls."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from circuito.accounts.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.tierslieux.factories import PlaceFactory, SectorFactory, ServiceFactory, ServiceKindFactory
from tests.tierslieux.factories_requests import scene
from tierslieux.models import InnovationAnswer, InnovationNeed, PlaceReferent
from tierslieux.services.innovation import answer_need, close_need, create_need, matching_needs

pytestmark = pytest.mark.django_db


def url(name: str, *args, lang: str = "fr") -> str:
    with translation.override(lang):
        return reverse(f"tierslieux:{name}", args=args)


def test_company_posts_need_place_finds_it_among_matches_and_answers(client, django_capture_on_commit_callbacks):
    s = scene()  # the place offers "prototyping"
    agri = SectorFactory()
    training = ServiceKindFactory(code="training", name_fr="Formation", name_it="Formazione")
    client.force_login(s.member)
    response = client.post(
        url("innovation_create", lang="it"),
        {"author": f"org:{s.company.pk}", "title_it": "Prototipo di un sensore", "service_kinds": [s.service.kind.pk]},
    )
    need = InnovationNeed.objects.get()
    assert response.status_code == 302 and need.kind == InnovationNeed.Kind.DEMAND and need.organisation == s.company
    unrelated = create_need(
        actor=s.member, organisation=s.company, data={"title_fr": "Formation"}, service_kinds=[training]
    )

    # The referent sees it among the needs matching the place, but not the unrelated one.
    client.force_login(s.referent)
    page = client.get(url("innovation_matching", s.place.slug)).content.decode()
    assert "Prototipo di un sensore" in page and unrelated.title not in page
    assert 'data-original-language="it"' in page  # no French title: the Italian one, marked
    # Serving the agri-food sector makes sector-only needs match too.
    by_sector = create_need(actor=s.member, organisation=s.company, data={"title_fr": "Agro"}, sectors=[agri])
    assert by_sector not in matching_needs(s.place)
    s.place.sectors.add(agri)
    assert by_sector in matching_needs(s.place)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("innovation_answer", need.pk), {"answer_as": f"place:{s.place.pk}", "body": "Volentieri!"}
        )
    assert response.status_code == 302
    assert InnovationAnswer.objects.get().place == s.place
    assert sorted(m.to[0] for m in mail.outbox) == sorted([s.member.email, s.colleague.email])
    assert all(f"/it/tiers-lieux/innovation/{need.pk}/" in m.body for m in mail.outbox)

    # Answers are private to the two sides.
    client.force_login(s.colleague)
    assert "Volentieri!" in client.get(url("innovation_detail", need.pk)).content.decode()
    client.force_login(s.outsider)
    page = client.get(url("innovation_detail", need.pk)).content.decode()
    assert "Prototipo di un sensore" in page and "Volentieri!" not in page

    # The company closes it: it leaves the list and the matches, and takes no more answers.
    client.force_login(s.member)
    client.post(url("innovation_close", need.pk))
    need.refresh_from_db()
    assert need.status == InnovationNeed.Status.CLOSED and need not in matching_needs(s.place)
    with pytest.raises(ValidationError):
        answer_need(need, actor=s.referent, body="Encore", place=s.place)
    client.force_login(s.outsider)
    assert client.get(url("innovation_detail", need.pk)).status_code == 404


def test_place_posts_a_call_and_a_company_answers():
    s = scene()
    call = create_need(actor=s.referent, place=s.place, data={"title_fr": "Appel à projets IA"})
    assert call.kind == InnovationNeed.Kind.OFFER
    other = OrganisationFactory(country="FR")
    member = MembershipFactory(organisation=other).user
    answer = answer_need(call, actor=member, body="Nous candidatons.", organisation=other)
    assert answer.organisation == other
    with pytest.raises(ValidationError):
        answer_need(call, actor=s.referent, body="x", place=s.place)  # its own call


def test_partner_staff_answer_for_their_partner(partner_staff):
    s = scene()
    need = create_need(actor=s.member, organisation=s.company, data={"title_it": "Finanziamenti"})
    answer = answer_need(need, actor=partner_staff, body="Voici les aides régionales.")
    assert answer.organisation.kind == Organisation.Kind.PARTNER


def test_rules_on_who_posts_and_answers():
    s = scene()
    with pytest.raises(PermissionDenied):
        create_need(actor=s.outsider, organisation=s.company, data={"title_fr": "x"})
    with pytest.raises(PermissionDenied):
        create_need(actor=s.member, place=s.place, data={"title_fr": "x"})
    with pytest.raises(ValidationError) as exc:
        create_need(actor=s.member, organisation=s.company, data={})
    assert "title_fr" in exc.value.message_dict
    with pytest.raises(ValidationError):
        create_need(
            actor=s.member,
            organisation=s.company,
            data={"title_fr": "x", "deadline": timezone.localdate() - timedelta(1)},
        )
    need = create_need(actor=s.member, organisation=s.company, data={"title_fr": "x"})
    with pytest.raises(PermissionDenied):
        answer_need(need, actor=s.outsider, body="x", place=s.place)
    with pytest.raises(ValidationError):
        answer_need(need, actor=UserFactory(), body="x")  # neither a place nor a partner
    with pytest.raises(PermissionDenied):
        close_need(need, actor=s.outsider)


def test_list_filters_and_expired_needs(client):
    s = scene()
    italian = create_need(actor=s.member, organisation=s.company, data={"title_it": "Bisogno italiano"})
    french = create_need(actor=s.referent, place=s.place, data={"title_fr": "Appel français"})
    expired = create_need(actor=s.member, organisation=s.company, data={"title_fr": "Expiré"})
    InnovationNeed.objects.filter(pk=expired.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    client.force_login(s.outsider)
    page = client.get(url("innovation_list")).content.decode()
    assert italian.title_it in page and french.title_fr in page and "Expiré" not in page
    page = client.get(url("innovation_list") + "?country=FR").content.decode()
    assert french.title_fr in page and italian.title_it not in page
    page = client.get(url("innovation_list") + "?kind=demand").content.decode()
    assert italian.title_it in page and french.title_fr not in page


def test_referent_can_post_only_for_their_place_and_user_without_any_is_told(client, user):
    s = scene()
    client.force_login(user)
    assert b"data-cannot-post" in client.get(url("innovation_create")).content
    client.force_login(s.outsider)
    response = client.post(url("innovation_create"), {"author": f"place:{s.place.pk}", "title_fr": "x"})
    assert response.status_code == 400 and not InnovationNeed.objects.exists()


def test_matching_page_is_for_the_place_editors_only(client):
    s = scene()
    other_referent = UserFactory()
    PlaceReferent.objects.create(place=PlaceFactory(), user=other_referent)
    client.force_login(other_referent)
    assert client.get(url("innovation_matching", s.place.slug)).status_code == 403
    client.force_login(s.member)
    assert client.get(url("innovation_matching", s.place.slug)).status_code == 403


@pytest.mark.parametrize(
    "name,args",
    [("innovation_list", ()), ("innovation_create", ()), ("innovation_detail", (1,)), ("innovation_matching", ("x",))],
)
def test_anonymous_is_sent_to_login(client, name, args):
    response = client.get(url(name, *args))
    assert response.status_code == 302 and "login" in response.url


def test_list_and_matching_query_counts_are_constant(client, django_assert_max_num_queries):
    s = scene()

    def post(n: int) -> None:
        for i in range(n):
            need = create_need(
                actor=s.member,
                organisation=s.company,
                data={"title_fr": f"Besoin {i}"},
                service_kinds=[s.service.kind, ServiceKindFactory(code=f"k{i}-{n}")],
                sectors=[SectorFactory()],
            )
            answer_need(need, actor=s.referent, body="ok", place=s.place)
        ServiceFactory(place=s.place)

    post(1)
    client.force_login(s.referent)
    counts = {}
    for name, args in (("innovation_list", ()), ("innovation_matching", (s.place.slug,))):
        with django_assert_max_num_queries(15) as few:
            client.get(url(name, *args))
        counts[name] = len(few.captured_queries)
    post(15)
    for name, args in (("innovation_list", ()), ("innovation_matching", (s.place.slug,))):
        with django_assert_max_num_queries(counts[name]):
            page = client.get(url(name, *args))
        assert page.content.decode().count("data-need=") == 16


def test_outsider_cannot_close_and_anonymous_cannot_post(client):
    s = scene()
    need = create_need(actor=s.member, organisation=s.company, data={"title_fr": "Besoin"})
    client.force_login(s.outsider)
    assert client.post(url("innovation_close", need.pk)).status_code == 404
    response = client.post(url("innovation_answer", need.pk), {"answer_as": f"place:{s.place.pk}", "body": "x"})
    assert response.status_code == 400 and not InnovationAnswer.objects.exists()  # not one of their places
    client.logout()
    for name in ("innovation_close", "innovation_answer"):
        response = client.post(url(name, need.pk), {"body": "x"})
        assert response.status_code == 302 and "login" in response.url
    need.refresh_from_db()
    assert need.status == InnovationNeed.Status.OPEN
