"""factory_boy factories shared by every app's tests."""

import factory

from circuito.accounts.models import Membership, Organisation, User
from circuito.geo.models import Commune, Territory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Users from the factory have a verified primary e-mail, as after sign-up."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("country", "level", "code")

    level = Territory.Level.REGION
    code = "93"
    name = "Provence-Alpes-Côte d'Azur"
    name_fr = "Provence-Alpes-Côte d'Azur"
    name_it = "Provenza-Alpi-Costa Azzurra"
    country = "FR"
    in_alcotra = True


class TerritoryFactory(factory.django.DjangoModelFactory):
    """A department (Alpes-Maritimes by default) in its region."""

    class Meta:
        model = Territory
        django_get_or_create = ("country", "level", "code")

    parent = factory.SubFactory(RegionFactory)
    level = Territory.Level.DEPARTMENT
    code = "06"
    name = "Alpes-Maritimes"
    name_fr = "Alpes-Maritimes"
    name_it = "Alpi Marittime"
    country = "FR"
    in_alcotra = True


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("country", "code")

    country = "FR"
    code = factory.Sequence(lambda n: f"{6000 + n:05d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    department = factory.SubFactory(TerritoryFactory)
    latitude = 43.7
    longitude = 7.26


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.COMPANY
    legal_name = factory.Sequence(lambda n: f"Entreprise {n} SAS")
    slug = factory.Sequence(lambda n: f"entreprise-{n}")
    country = "FR"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.ACTIVE
