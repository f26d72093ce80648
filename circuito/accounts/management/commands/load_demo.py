"""Demo accounts and organisations for `make run` (idempotent). Refuses to run with DEBUG off
unless --force is given: the demo passwords are public."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from circuito.accounts.models import Membership, Organisation, User
from circuito.geo.models import Commune
from circuito.nace.models import NaceActivity

DEMO_PASSWORD = "circuito-demo-2026"

USERS = [
    # email, first, last, language, superuser
    ("admin@circuito.test", "Ada", "Admin", "fr", True),
    ("lead@circuito.test", "Lucia", "Ferrari", "it", False),
    ("paca@circuito.test", "Claire", "Martin", "fr", False),
    ("piemonte@circuito.test", "Giulia", "Bianchi", "it", False),
    ("savoie@circuito.test", "Julien", "Blanc", "fr", False),
    ("aosta@circuito.test", "Marco", "Rossi", "it", False),
]

COMPANIES = [
    # partner_code-like key, name, country, commune code, NACE class, identifiers, description fr/it, admin
    {
        "legal_name": "Cidrerie des Bauges SARL",
        "country": "FR",
        "commune": "73065",
        "nace": "11.03",
        "siret": "73282932000074",
        "description_fr": "Cidrerie artisanale : pressage de pommes de Savoie, cidre et jus.",
        "description_it": "Sidreria artigianale: spremitura di mele della Savoia, sidro e succhi.",
        "admin": "savoie@circuito.test",
    },
    {
        "legal_name": "Segheria Valdostana S.r.l.",
        "country": "IT",
        "commune": "007003",
        "nace": "16.10",
        "partita_iva": "00743110157",
        "description_fr": "Scierie : bois de construction ; sciure et copeaux disponibles.",
        "description_it": "Segheria: legname da costruzione; segatura e trucioli disponibili.",
        "admin": "aosta@circuito.test",
    },
]


def demo_account(email: str, first: str, last: str, language: str, *, superuser: bool = False) -> User:
    """A demo account that logs in with DEMO_PASSWORD: created once, and its address marked
    verified in allauth (mandatory verification would otherwise stop it at the login form)."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, first_name=first, last_name=last, preferred_language=language)
        user.is_staff = user.is_superuser = superuser
        user.set_password(DEMO_PASSWORD)
        user.save()
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return user


class Command(BaseCommand):
    help = "Create demo users and organisations (for local use; passwords are public)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo data has public passwords: refusing with DEBUG off (use --force).")
        if not Organisation.objects.filter(partner_code="LIG").exists():
            call_command("load_charter", stdout=self.stdout)
        users = {}
        for email, first, last, language, superuser in USERS:
            users[email] = demo_account(email, first, last, language, superuser=superuser)
        self._member(users["lead@circuito.test"], Organisation.objects.get(partner_code="CCI-RIVLIG"), facilitator=True)
        self._member(users["paca@circuito.test"], Organisation.objects.get(partner_code="CCIR-PACA"), facilitator=True)
        self._member(users["piemonte@circuito.test"], Organisation.objects.get(partner_code="UC-PIE"), facilitator=True)
        for data in COMPANIES:
            data = dict(data)
            admin = users[data.pop("admin")]
            commune = Commune.objects.filter(country=data["country"], code=data.pop("commune")).first()
            nace = NaceActivity.objects.filter(code=data.pop("nace")).first()
            org = Organisation.objects.filter(legal_name=data["legal_name"]).first()
            if org is None:
                org = Organisation.objects.create(
                    slug=Organisation.unique_slug(data["legal_name"]),
                    kind=Organisation.Kind.COMPANY,
                    commune=commune,
                    latitude=commune.latitude if commune else None,
                    longitude=commune.longitude if commune else None,
                    nace=nace,
                    languages=["fr", "it"],
                    **data,
                )
            self._member(admin, org, role=Membership.Role.ADMIN)
        for name in settings.DEMO_DATA_COMMANDS:
            call_command(name, *(["--force"] if options["force"] else []), stdout=self.stdout)
        self.stdout.write(
            f"Demo data ready: log in as any of {', '.join(u[0] for u in USERS)} with password {DEMO_PASSWORD}"
        )

    @staticmethod
    def _member(user: User, org: Organisation, role: str = Membership.Role.ADMIN, facilitator: bool = False) -> None:
        Membership.objects.update_or_create(
            user=user,
            organisation=org,
            defaults={"role": role, "status": Membership.Status.ACTIVE, "is_facilitator": facilitator},
        )
