"""Subscribing to alerts: double opt-in for visitors, immediate for users; unsubscribing by link."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories import RegionFactory
from tests.tierslieux.factories import PlaceKindFactory
from tests.tierslieux.factories_network import AlertSubscriptionFactory
from tierslieux.models import AlertSubscription

pytestmark = pytest.mark.django_db


def _links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def test_visitor_gets_a_confirmation_link_before_anything_is_sent(client, django_capture_on_commit_callbacks):
    region = RegionFactory()
    with translation.override("it"):
        url = reverse("tierslieux:alerts_subscribe")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "Anna@Example.org", "regions": [region.pk], "news": "on"})
    assert response.status_code == 200
    sub = AlertSubscription.objects.get()
    assert (sub.email, sub.language, sub.active, sub.news, sub.events) == ("anna@example.org", "it", False, True, False)
    assert list(sub.regions.all()) == [region]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["anna@example.org"]
    confirm = next(link for link in _links(mail.outbox[0].body) if "/confirm/" in link)
    path = confirm.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("it/")
    assert client.get("/" + path).status_code == 200
    sub.refresh_from_db()
    assert sub.active is False  # opening the link does not confirm (mail scanners follow links)
    client.post("/" + path)
    sub.refresh_from_db()
    assert sub.active is True


def test_confirming_replaces_older_subscriptions_of_the_address(client):
    old = AlertSubscriptionFactory(email="anna@example.org")
    new = AlertSubscriptionFactory(email="anna@example.org", active=False)
    client.post(reverse("tierslieux:alerts_confirm", args=[new.token]))
    assert list(AlertSubscription.objects.values_list("pk", flat=True)) == [new.pk]
    assert not AlertSubscription.objects.filter(pk=old.pk).exists()


def test_visitor_must_give_an_email_and_choose_something(client):
    response = client.post(reverse("tierslieux:alerts_subscribe"), {"news": "on"})
    assert response.status_code == 200 and not AlertSubscription.objects.exists()
    response = client.post(reverse("tierslieux:alerts_subscribe"), {"email": "a@example.org"})
    assert escape(gettext("Choose at least one thing to be told about.")) in response.content.decode()
    assert not AlertSubscription.objects.exists()


def test_logged_in_user_is_subscribed_at_once_with_their_email(client, user):
    kind = PlaceKindFactory()
    client.force_login(user)
    client.post(reverse("tierslieux:alerts_subscribe"), {"kinds": [kind.pk], "new_places": "on"})
    client.post(reverse("tierslieux:alerts_subscribe"), {"kinds": [kind.pk], "events": "on"})
    sub = AlertSubscription.objects.get()  # the second choice replaced the first
    assert (sub.email, sub.user, sub.active, sub.events, sub.new_places) == (user.email, user, True, True, False)
    assert mail.outbox == []


def test_unsubscribe_works_without_login_after_a_confirmation_step(client):
    sub = AlertSubscriptionFactory()
    url = reverse("tierslieux:alerts_unsubscribe", args=[sub.token])
    response = client.get(url)
    assert response.status_code == 200 and sub.email in response.content.decode()
    assert AlertSubscription.objects.filter(pk=sub.pk).exists()
    assert client.post(url).status_code == 200
    assert not AlertSubscription.objects.filter(pk=sub.pk).exists()


@pytest.mark.parametrize("name", ["alerts_unsubscribe", "alerts_confirm"])
def test_wrong_token_says_so(client, name):
    AlertSubscriptionFactory()
    response = client.get(reverse(f"tierslieux:{name}", args=["not-a-real-token"]))
    assert response.status_code == 404
    message = gettext(
        "This alert link is not valid: it may be mistyped, or the subscription was already cancelled. "
        "Nothing was changed."
    )
    assert escape(message) in response.content.decode()
    response = client.post(reverse(f"tierslieux:{name}", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert AlertSubscription.objects.count() == 1
