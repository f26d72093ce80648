import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from circuito.accounts import services
from circuito.accounts.models import Membership, Organisation, User
from circuito.audit.models import AuditEntry
from tests.factories import CommuneFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _company_data(**extra):
    commune = CommuneFactory(name="Chambéry", code="73065")
    return {"kind": "company", "legal_name": "Fromagerie Alpine", "country": "FR", "commune": commune, **extra}


def test_creator_becomes_admin_and_creation_is_audited(user):
    org = services.create_organisation(actor=user, data=_company_data())
    membership = Membership.objects.get(user=user, organisation=org)
    assert membership.role == Membership.Role.ADMIN and membership.status == Membership.Status.ACTIVE
    assert (org.latitude, org.longitude) == (org.commune.latitude, org.commune.longitude)
    entry = AuditEntry.objects.get(action="organisation.create")
    assert entry.actor == user and entry.object_id == str(org.pk)


def test_duplicate_identifier_is_refused_and_nothing_is_saved(user):
    services.create_organisation(actor=user, data=_company_data(siret="73282932000074"))
    other = UserFactory()
    with pytest.raises(ValidationError) as exc:
        services.create_organisation(actor=other, data=_company_data(legal_name="Copy", siret="73282932000074"))
    assert "Fromagerie Alpine" in exc.value.message_dict["siret"][0]
    assert Organisation.objects.count() == 1
    assert not Membership.objects.filter(user=other).exists()


def test_users_cannot_register_a_project_partner(user):
    with pytest.raises(ValidationError):
        services.create_organisation(actor=user, data=_company_data(kind="partner"))
    assert not Organisation.objects.exists()


def test_update_by_a_colleague_is_refused(org_people):
    with pytest.raises(PermissionDenied):
        services.update_organisation(org_people.organisation, actor=org_people.colleague, data={"legal_name": "X"})


def test_update_records_what_changed(org_people):
    services.update_organisation(org_people.organisation, actor=org_people.owner, data={"website": "https://a.eu"})
    entry = AuditEntry.objects.get(action="organisation.update")
    assert entry.changes == {"website": ["", "https://a.eu"]}


def test_join_request_mails_admins_in_their_language_and_decision_mails_requester(
    org_people, django_capture_on_commit_callbacks
):
    org_people.owner.preferred_language = "it"
    org_people.owner.save()
    requester = UserFactory(preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.request_membership(org_people.organisation, actor=requester, message="Bonjour")
    assert [m.to for m in mail.outbox] == [[org_people.owner.email]]
    assert "chiede di entrare" in mail.outbox[0].body  # the Italian-speaking admin reads Italian
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        services.request_membership(org_people.organisation, actor=requester)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_membership(membership, actor=org_people.owner, accept=True)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert mail.outbox[0].to == [requester.email]


def test_only_admins_decide(org_people):
    membership = MembershipFactory(organisation=org_people.organisation, status=Membership.Status.PENDING)
    with pytest.raises(PermissionDenied):
        services.decide_membership(membership, actor=org_people.colleague, accept=True)
    with pytest.raises(PermissionDenied):
        services.decide_membership(membership, actor=org_people.outsider, accept=True)


def test_last_admin_cannot_step_down(org_people):
    owner_membership = Membership.objects.get(user=org_people.owner)
    with pytest.raises(ValidationError):
        services.update_membership(owner_membership, actor=org_people.owner, role="member")


def test_facilitator_only_for_partner_staff(org_people, partner_staff):
    colleague = Membership.objects.get(user=org_people.colleague)
    with pytest.raises(ValidationError):
        services.update_membership(colleague, actor=org_people.owner, is_facilitator=True)
    staff_membership = Membership.objects.get(user=partner_staff)
    admin = User.objects.create_superuser(email="root@example.org", password="x")
    services.update_membership(staff_membership, actor=admin, is_facilitator=True)
    staff_membership.refresh_from_db()
    assert staff_membership.is_facilitator


def test_delete_account_is_refused_while_others_depend_on_the_user(org_people):
    with pytest.raises(ValidationError) as exc:
        services.delete_account(org_people.owner, actor=org_people.owner)
    assert org_people.organisation.legal_name in exc.value.messages[0]
    assert User.objects.filter(pk=org_people.owner.pk).exists()


def test_delete_account_removes_user_and_lonely_organisation(user):
    org = services.create_organisation(actor=user, data=_company_data())
    services.delete_account(user, actor=user)
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Organisation.objects.filter(pk=org.pk).exists()
    assert AuditEntry.objects.filter(action="user.delete", actor__isnull=True).exists()


def test_organisation_with_others_survives_a_member_leaving(org_people):
    services.delete_account(org_people.colleague, actor=org_people.colleague)
    assert Organisation.objects.filter(pk=org_people.organisation.pk).exists()
