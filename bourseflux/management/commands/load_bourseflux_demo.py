"""Demo flows for `make run`: companies on both sides of the border with offers and needs that
match (apple pomace in the Aosta Valley and Savoie, sawdust, green waste, waste heat…), and one
implemented synergy with its deal and the quantities delivered over two months, so that
candidates, the map, the funnel, the indicators and the reports show something. Idempotent."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from bourseflux.models import Flow, MaterialCategory, Synergy, Transaction
from bourseflux.services import flows as flow_services
from bourseflux.services import synergies as synergy_services
from bourseflux.services import transactions as transaction_services
from circuito.accounts.models import Membership, Organisation, User
from circuito.geo.models import Commune
from circuito.nace.models import NaceActivity

# legal name, country, commune code, NACE class, demo user (admin) or None
COMPANIES = [
    ("Cidrerie des Bauges SARL", "FR", "73065", "11.03", "savoie@circuito.test"),
    ("Segheria Valdostana S.r.l.", "IT", "007003", "16.10", "aosta@circuito.test"),
    ("Distilleria Alpina S.r.l.", "IT", "007065", "11.01", None),
    ("Succhi di Mela Valle d'Aosta S.r.l.", "IT", "007063", "10.32", None),
    ("Floricoltura Riviera Soc. Agr.", "IT", "008055", "01.19", None),
    ("Serres du Pays Niçois SCEA", "FR", "06088", "01.13", None),
    ("Chaufferie Bois Maurienne SAS", "FR", "73248", "35.30", None),
    ("Menuiserie du Queyras SARL", "FR", "05038", "16.23", None),
    ("Compost Cuneese S.r.l.", "IT", "004078", "38.21", None),
    ("Brasserie de Gap SAS", "FR", "05061", "11.05", None),
]

# company, direction, nature, category code, EWC, fr title, it title, state, qty, unit, freq, months
FLOWS = [
    (
        "Succhi di Mela Valle d'Aosta S.r.l.",
        "offer",
        "by_product",
        "fruit-vegetable-residues",
        None,
        "",
        "Vinacce di mele (sansa)",
        "paste",
        40,
        "t",
        "month",
        [9, 10, 11],
    ),
    (
        "Cidrerie des Bauges SARL",
        "offer",
        "by_product",
        "fruit-vegetable-residues",
        None,
        "Marc de pommes",
        "",
        "paste",
        15,
        "t",
        "month",
        [9, 10, 11, 12],
    ),
    (
        "Distilleria Alpina S.r.l.",
        "need",
        "by_product",
        "fruit-vegetable-residues",
        None,
        "",
        "Cerchiamo vinacce di mele per distillazione",
        "paste",
        30,
        "t",
        "month",
        [9, 10, 11],
    ),
    (
        "Compost Cuneese S.r.l.",
        "need",
        "waste",
        "fruit-vegetable-residues",
        "02 03 04",
        "",
        "Scarti vegetali per compostaggio",
        "paste",
        200,
        "t",
        "year",
        [],
    ),
    (
        "Segheria Valdostana S.r.l.",
        "offer",
        "by_product",
        "sawdust-shavings",
        None,
        "Sciure et copeaux de résineux",
        "Segatura e trucioli di conifera",
        "granular",
        12,
        "t",
        "week",
        [],
    ),
    (
        "Chaufferie Bois Maurienne SAS",
        "need",
        "material",
        "wood",
        None,
        "Sciure et plaquettes pour chaufferie",
        "",
        "granular",
        600,
        "t",
        "year",
        [1, 2, 3, 10, 11, 12],
    ),
    (
        "Menuiserie du Queyras SARL",
        "offer",
        "by_product",
        "sawdust-shavings",
        None,
        "Copeaux de mélèze non traité",
        "",
        "granular",
        2,
        "t",
        "month",
        [],
    ),
    (
        "Floricoltura Riviera Soc. Agr.",
        "offer",
        "waste",
        "green-waste",
        "02 01 03",
        "",
        "Residui di potatura e steli di fiori",
        "solid",
        80,
        "t",
        "year",
        [4, 5, 6, 7],
    ),
    (
        "Serres du Pays Niçois SCEA",
        "need",
        "energy",
        "energy",
        None,
        "Chaleur fatale pour serres",
        "Calore di recupero per serre",
        "none",
        900,
        "MWh",
        "year",
        [1, 2, 3, 11, 12],
    ),
    (
        "Brasserie de Gap SAS",
        "offer",
        "by_product",
        "brewery-winery-residues",
        None,
        "Drêches de brasserie",
        "Trebbie di birra",
        "paste",
        3,
        "t",
        "week",
        [],
    ),
]


class Command(BaseCommand):
    help = "Create demo companies, flows and a synergy for the flux exchange (local use)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo data: refusing with DEBUG off (use --force).")
        actor = User.objects.filter(is_superuser=True).order_by("pk").first()
        if actor is None:
            raise CommandError("Run load_demo first: the demo flows are entered by the demo administrator.")
        companies = {name: self._company(name, *rest) for name, *rest in COMPANIES}
        created = 0
        for company, direction, nature, category, ewc, title_fr, title_it, state, qty, unit, freq, months in FLOWS:
            org = companies[company]
            title = title_fr or title_it
            if (
                Flow.objects.filter(organisation=org, direction=direction)
                .filter(title_fr=title_fr, title_it=title_it)
                .exists()
            ):
                continue
            data = {
                "direction": direction,
                "nature": nature,
                "category": MaterialCategory.objects.get(code=category),
                "ewc": ewc,
                "nace": org.nace,
                "commercial_name": title if nature == "by_product" else "",
                "title_fr": title_fr,
                "title_it": title_it,
                "physical_state": state,
                "quantity": qty,
                "unit": unit,
                "frequency": freq,
                "months": months,
                "quantity_visibility": Flow.Visibility.PUBLIC,
            }
            flow_services.create_flow(actor=actor, organisation=org, data=data, publish=True)
            created += 1
        self._synergy(actor)
        self.stdout.write(f"Flux exchange demo: {created} flows created.")

    def _company(self, name: str, country: str, commune_code: str, nace: str, admin_email: str | None) -> Organisation:
        org = Organisation.objects.filter(legal_name=name).first()
        if org is None:
            commune = Commune.objects.get(country=country, code=commune_code)
            org = Organisation.objects.create(
                kind=Organisation.Kind.COMPANY,
                legal_name=name,
                slug=Organisation.unique_slug(name),
                country=country,
                commune=commune,
                latitude=commune.latitude,
                longitude=commune.longitude,
                nace=NaceActivity.objects.filter(code=nace).first(),
                languages=["fr", "it"],
            )
        if admin_email:
            user = User.objects.get(email=admin_email)
            Membership.objects.get_or_create(
                user=user,
                organisation=org,
                defaults={"role": Membership.Role.ADMIN, "status": Membership.Status.ACTIVE},
            )
        return org

    def _synergy(self, actor: User) -> None:
        """Sawdust from the Aosta sawmill to the Maurienne heating plant: implemented, with impact."""
        offer = Flow.objects.filter(organisation__legal_name="Segheria Valdostana S.r.l.", direction="offer").first()
        need = Flow.objects.filter(organisation__legal_name="Chaufferie Bois Maurienne SAS", direction="need").first()
        if not offer or not need:
            return
        synergy = Synergy.objects.filter(offer=offer, need=need).first()
        if synergy is None:
            synergy = synergy_services.express_interest(actor=actor, offer=offer, need=need)
            synergy_services.change_stage(synergy, actor=actor, to_stage=Synergy.Stage.DISCUSSION)
            synergy_services.change_stage(synergy, actor=actor, to_stage=Synergy.Stage.IMPLEMENTED)
            synergy_services.record_impact(synergy, actor=actor, tonnes_per_year=450, transport="truck")
            _date_history(synergy)
        self._deal(synergy, actor)

    def _deal(self, synergy: Synergy, actor: User) -> None:
        """The deal of the sawdust synergy and what was delivered in the two whole months before
        this one (the project's calendar runs over them: see reporting.demo.calendar)."""
        first, second = _months_before(2), _months_before(1)
        deal = Transaction.objects.filter(synergy=synergy).first() or transaction_services.record_transaction(
            synergy,
            actor=actor,
            data={
                "material": "Sciure et copeaux de résineux",
                "quantity": "37.5",
                "unit": "t",
                "period": Transaction.Period.MONTH,
                "pricing": Transaction.Pricing.PRICED,
                "price_eur": "22.00",
                "starts_on": first[0],
                "logistics": Transaction.Logistics.CARRIER,
                "transport": "truck",
                "carrier": "Trasporti Dora Baltea S.r.l.",
            },
        )
        for (start, end), tonnes in ((first, "36"), (second, "39.5")):
            transaction_services.record_actual_quantity(
                deal, actor=actor, period_start=start, period_end=end, quantity=tonnes
            )


def _months_before(n: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of the month `n` months before this one."""
    first = timezone.localdate().replace(day=1)
    for _ in range(n):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    last = ((first + datetime.timedelta(days=32)).replace(day=1)) - datetime.timedelta(days=1)
    return first, last


def _date_history(synergy: Synergy) -> None:
    """Contacted early in the month two months back and implemented at the start of its deal."""
    start = timezone.make_aware(datetime.datetime.combine(_months_before(2)[0], datetime.time(9)))
    hours = {Synergy.Stage.PROPOSED: 0, Synergy.Stage.DISCUSSION: 3, Synergy.Stage.IMPLEMENTED: 26}
    for change in synergy.stage_changes.all():
        change.at = start + datetime.timedelta(hours=hours.get(change.to_stage, 0))
        change.save(update_fields=["at"])
    implemented = start + datetime.timedelta(hours=hours[Synergy.Stage.IMPLEMENTED])
    Synergy.objects.filter(pk=synergy.pk).update(
        created_at=start, stage_changed_at=implemented, implemented_on=timezone.localdate(implemented)
    )
