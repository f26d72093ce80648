"""Pages of accounts and organisations, with owner / colleague / outsider / anonymous."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from circuito.accounts.models import Membership, Organisation, User
from circuito.jobs.models import Job
from tests.factories import CommuneFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def url(name, *args, lang="fr"):
    with translation.override(lang):
        return reverse(name, args=args)


PRIVATE_ADMIN_PAGES = [
    ("accounts:organisation_edit", "get"),
    ("accounts:organisation_members", "get"),
    ("accounts:organisation_export", "post"),
]


@pytest.mark.parametrize(("name", "method"), PRIVATE_ADMIN_PAGES)
def test_admin_pages_refuse_colleague_and_outsider(client, org_people, name, method):
    target = url(name, org_people.organisation.slug)
    for person, expected in [(org_people.colleague, 403), (org_people.outsider, 403)]:
        client.force_login(person)
        assert getattr(client, method)(target).status_code == expected
    client.logout()
    response = getattr(client, method)(target)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(org_people.owner)
    assert getattr(client, method)(target).status_code in (200, 302)


def test_membership_actions_refuse_outsider(client, org_people):
    pending = MembershipFactory(organisation=org_people.organisation, status=Membership.Status.PENDING)
    slug = org_people.organisation.slug
    client.force_login(org_people.outsider)
    assert client.post(url("accounts:membership_decide", slug, pending.pk), {"decision": "accept"}).status_code == 403
    assert client.post(url("accounts:membership_update", slug, pending.pk), {"role": "admin"}).status_code == 403
    colleague = Membership.objects.get(user=org_people.colleague)
    assert client.post(url("accounts:membership_remove", slug, colleague.pk)).status_code == 403
    pending.refresh_from_db()
    assert pending.status == Membership.Status.PENDING
    assert Membership.objects.filter(pk=colleague.pk).exists()


def test_members_are_shown_to_members_only(client, org_people):
    detail = url("accounts:organisation_detail", org_people.organisation.slug)
    client.force_login(org_people.colleague)
    assert org_people.owner.get_full_name() in client.get(detail).content.decode()
    client.force_login(org_people.outsider)
    body = client.get(detail).content.decode()
    assert org_people.owner.get_full_name() not in body and org_people.owner.email not in body


def test_register_organisation_with_bad_identifier_keeps_input_and_explains(client, user):
    commune = CommuneFactory(name="Gap", code="05061")
    client.force_login(user)
    response = client.post(
        url("accounts:organisation_create"),
        {
            "kind": "company",
            "legal_name": "Atelier Gapençais",
            "country": "FR",
            "siret": "12345678901234",
            "commune": commune.pk,
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Atelier Gapençais" in body  # what was typed is kept
    assert "SIRET" in body and "is-invalid" in body
    assert not Organisation.objects.exists()


def test_register_organisation_then_edit_it(client, user):
    commune = CommuneFactory(name="Gap", code="05061")
    client.force_login(user)
    response = client.post(
        url("accounts:organisation_create"),
        {
            "kind": "company",
            "legal_name": "Atelier Gapençais",
            "country": "FR",
            "siret": "73282932000074",
            "commune": commune.pk,
            "languages": ["fr", "it"],
            "description_fr": "Menuiserie",
        },
    )
    org = Organisation.objects.get()
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    assert org.siren == "732829320" and org.languages == ["fr", "it"]
    response = client.post(
        url("accounts:organisation_edit", org.slug),
        {"kind": "company", "legal_name": "Atelier Gapençais SAS", "country": "FR", "commune": commune.pk},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.legal_name == "Atelier Gapençais SAS"


def test_commune_of_the_other_country_is_refused(client, user):
    commune = CommuneFactory(name="Cuneo", code="004078", country="IT")
    client.force_login(user)
    response = client.post(
        url("accounts:organisation_create"),
        {"kind": "company", "legal_name": "Atelier", "country": "FR", "commune": commune.pk},
    )
    assert response.status_code == 200
    assert not Organisation.objects.exists()


def test_join_and_accept_flow(client, org_people, django_capture_on_commit_callbacks):
    joiner = MembershipFactory().user
    client.force_login(joiner)
    response = client.post(url("accounts:organisation_join", org_people.organisation.slug), {"message": "Ciao"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=joiner, organisation=org_people.organisation)
    assert membership.status == Membership.Status.PENDING
    client.force_login(org_people.owner)
    dashboard = client.get(url("accounts:dashboard")).content.decode()
    assert joiner.email in dashboard
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("accounts:membership_decide", org_people.organisation.slug, membership.pk), {"decision": "accept"}
        )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert any(joiner.email in m.to for m in mail.outbox)


def test_directory_query_count_is_constant(client, django_assert_max_num_queries, db):
    for _ in range(3):
        OrganisationFactory(commune=CommuneFactory())
    with django_assert_max_num_queries(10) as few:
        client.get(url("accounts:organisation_directory"))
    for _ in range(30):
        OrganisationFactory(commune=CommuneFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("accounts:organisation_directory"))
    assert response.status_code == 200


def test_directory_search_tolerates_accents(client, db):
    OrganisationFactory(legal_name="Alpha", commune=CommuneFactory(name="Saint-Étienne-de-Tinée", code="06120"))
    OrganisationFactory(legal_name="Beta", commune=CommuneFactory(name="Nice", code="06088"))
    body = client.get(url("accounts:organisation_directory"), {"q": "saint etienne"}).content.decode()
    assert "Alpha" in body and "Beta" not in body


def test_profile_language_switch_redirects_to_italian(client, user):
    client.force_login(user)
    response = client.post(
        url("accounts:profile"), {"first_name": "Anna", "last_name": "B", "preferred_language": "it"}
    )
    assert response.status_code == 302 and response["Location"].startswith("/it/")
    user.refresh_from_db()
    assert user.preferred_language == "it"


def test_login_keeps_the_page_language_and_remembers_the_preferred_one(client, db):
    from tests.factories import UserFactory

    UserFactory(email="it@example.org", preferred_language="it")
    response = client.post(url("account_login"), {"login": "it@example.org", "password": "correct-horse-battery"})
    assert response.status_code == 302 and response["Location"].startswith("/fr/")
    assert response.cookies["django_language"].value == "it"  # the default for the site's root


def test_download_my_data_runs_a_job_and_only_the_owner_downloads(
    client, org_people, django_capture_on_commit_callbacks
):
    client.force_login(org_people.colleague)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("accounts:export_my_data"))
    job = Job.objects.get()
    assert response.status_code == 302 and str(job.pk) in response["Location"]
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    download = client.get(url("jobs:download", job.pk))
    content = b"".join(download.streaming_content)
    assert org_people.colleague.email.encode() in content
    client.force_login(org_people.outsider)
    assert client.get(url("jobs:download", job.pk)).status_code == 404


def test_organisation_export_contains_members(client, org_people, django_capture_on_commit_callbacks):
    import io

    from openpyxl import load_workbook

    client.force_login(org_people.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("accounts:organisation_export", org_people.organisation.slug))
    job = Job.objects.get()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    wb = load_workbook(io.BytesIO(b"".join(client.get(url("jobs:download", job.pk)).streaming_content)))
    emails = {row[0] for row in wb.worksheets[1].iter_rows(values_only=True)}
    assert {org_people.owner.email, org_people.colleague.email} <= emails
    assert org_people.outsider.email not in emails


def test_delete_account_needs_password(client, user):
    client.force_login(user)
    response = client.post(url("accounts:delete_account"), {"password": "wrong"})
    assert response.status_code == 400
    assert User.objects.filter(pk=user.pk).exists()
    response = client.post(url("accounts:delete_account"), {"password": "correct-horse-battery"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()


def test_private_account_pages_need_login(client, db):
    for name in ["accounts:dashboard", "accounts:profile", "accounts:my_data", "accounts:organisation_list"]:
        response = client.get(url(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_api_token_is_created_shown_once_and_works(client, user):
    from rest_framework.authtoken.models import Token

    assert client.get(url("accounts:api_token")).status_code == 302  # anonymous: to login
    client.force_login(user)
    response = client.post(url("accounts:api_token"), {"action": "create"})
    key = Token.objects.get(user=user).key
    assert key in response.content.decode()
    assert key not in client.get(url("accounts:api_token")).content.decode()
    client.logout()
    api = client.get(f"/api/v1/organisations/{OrganisationFactory().slug}/members/", HTTP_AUTHORIZATION=f"Token {key}")
    assert api.status_code == 403  # authenticated as the user, who is not a member
    client.force_login(user)
    client.post(url("accounts:api_token"), {"action": "revoke"})
    assert not Token.objects.filter(user=user).exists()


def test_the_form_refuses_a_charter_partner_name_and_a_twin_in_the_same_commune(client, user):
    OrganisationFactory(kind=Organisation.Kind.PARTNER, legal_name="Région Sud", partner_code="PACA")
    commune = CommuneFactory(name="Gap", code="05061")
    OrganisationFactory(legal_name="Atelier Gapençais", commune=commune)
    client.force_login(user)
    refusals = {"Region Sud": "est le nom d’un partenaire du projet", "atelier gapencais": "déjà inscrite"}
    for name, message in refusals.items():
        response = client.post(
            url("accounts:organisation_create"),
            {"kind": "company", "legal_name": name, "country": "FR", "commune": commune.pk},
        )
        assert response.status_code == 200 and message in response.content.decode()
    assert Organisation.objects.count() == 2
    assert not Membership.objects.filter(user=user).exists()
