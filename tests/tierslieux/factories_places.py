"""Factories of the places area: Italian communes, opening hours, referents, equipment."""

import datetime as dt

import factory
from django.utils.text import slugify

from tests.factories import CommuneFactory, RegionFactory, TerritoryFactory, UserFactory
from tests.tierslieux.factories import PlaceFactory
from tierslieux.models import Equipment, EquipmentKind, OpeningHours, PlaceReferent


def cuneo_province():
    region = RegionFactory(country="IT", code="01", name="Piemonte", name_fr="Piémont", name_it="Piemonte")
    return TerritoryFactory(country="IT", code="CN", name="Cuneo", name_fr="Coni", name_it="Cuneo", parent=region)


def cuneo():
    return CommuneFactory(
        country="IT",
        code="004078",
        name="Cuneo",
        alt_name="Coni",
        department=cuneo_province(),
        latitude=44.3844,
        longitude=7.5427,
    )


def turin():
    region = RegionFactory(country="IT", code="01", name="Piemonte", name_fr="Piémont", name_it="Piemonte")
    province = TerritoryFactory(
        country="IT", code="TO", name="Torino", name_fr="Turin", name_it="Torino", parent=region
    )
    return CommuneFactory(
        country="IT",
        code="001272",
        name="Torino",
        alt_name="Turin",
        department=province,
        latitude=45.0703,
        longitude=7.6869,
    )


def nice():
    return CommuneFactory(code="06088", name="Nice", alt_name="Nizza", latitude=43.7049, longitude=7.2436)


def grenoble_far():
    """A commune far away (over 150 km from Cuneo), in a department of its own."""
    region = RegionFactory(code="84", name="Auvergne-Rhône-Alpes", name_fr="Auvergne-Rhône-Alpes", name_it="Alvernia")
    department = TerritoryFactory(code="73", name="Savoie", name_fr="Savoie", name_it="Savoia", parent=region)
    return CommuneFactory(code="73065", name="Chambéry", department=department, latitude=45.5808, longitude=5.9020)


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    place = factory.SubFactory(PlaceFactory)
    weekday = 0
    opens = dt.time(9, 0)
    closes = dt.time(18, 0)


class ReferentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceReferent

    place = factory.SubFactory(PlaceFactory)
    user = factory.SubFactory(UserFactory)


def equipment_kind(name: str = "Imprimante 3D", code: str = "", **extra) -> EquipmentKind:
    """A kind of equipment named `name` in both languages (matched on its code)."""
    kind, _created = EquipmentKind.objects.get_or_create(
        code=code or slugify(name)[:40], defaults={"name": name, "name_fr": name, "name_it": name, **extra}
    )
    return kind


class EquipmentFactory(factory.django.DjangoModelFactory):
    """`kind` may be given as a name ("Laser cutter"): the kind is created with that name."""

    class Meta:
        model = Equipment

    place = factory.SubFactory(PlaceFactory)
    kind = "3D printer"
    name = "Prusa MK4"

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("kind"), str):
            kwargs["kind"] = equipment_kind(kwargs["kind"])
        return kwargs
