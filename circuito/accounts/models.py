"""Users, organisations and memberships.

A user logs in with an e-mail address. Every organisation kind shares one table; project roles
(partner staff, lead partner staff, facilitator) follow from active memberships of partner
organisations and their implementing bodies (see `roles.py`).
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from circuito.geo.models import Commune, Country
from circuito.search.fields import SearchDocumentField


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ITALIAN = "it", _("Italian")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    SPANISH = "es", _("Spanish")
    OCCITAN = "oc", _("Occitan")
    ARPITAN = "frp", _("Franco-Provençal")


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):  # noqa: ARG002
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="fr",
        help_text=_("Pages and e-mails are shown in this language after you log in."),
    )
    receive_digests = models.BooleanField(
        _("receive digest e-mails"),
        default=True,
        help_text=_("At most one e-mail a day, e.g. when new matches appear for your flows."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


# Path segments under /organisations/ that an organisation's slug must not take.
RESERVED_SLUGS = {"new", "mine"}


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        PARTNER = "partner", _("Project partner")
        IMPLEMENTING_BODY = "implementing_body", _("Implementing body")
        TIERS_LIEU_OPERATOR = "tiers_lieu_operator", _("Tiers-Lieu operator")
        RESEARCH_CENTRE = "research_centre", _("Research centre")
        PUBLIC_BODY = "public_body", _("Public body")
        ASSOCIATION = "association", _("Association")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, db_index=True)
    legal_name = models.CharField(_("legal name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    # National identifiers, optional, validated and normalised (digits only) when given.
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, help_text=_("14 digits (France)"))
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, help_text=_("9 digits (France)"))
    codice_fiscale = models.CharField(
        _("codice fiscale"), max_length=16, blank=True, help_text=_("11 digits or 16 characters (Italy)")
    )
    partita_iva = models.CharField(_("partita IVA"), max_length=11, blank=True, help_text=_("11 digits (Italy)"))
    nace = models.ForeignKey(
        "nace.NaceActivity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("main activity (NACE)"),
        limit_choices_to={"level": "class"},
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("commune"),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Charter data: partners carry their code; implementing bodies point at the partner that
    # delegated them (their expenditure rolls up under it).
    partner_code = models.CharField(_("charter code"), max_length=16, blank=True)
    delegating_partner = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="implementing_bodies",
        verbose_name=_("delegating partner"),
        limit_choices_to={"kind": "partner"},
    )
    is_lead_partner = models.BooleanField(_("lead partner"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Legal name and commune analysed (circuito.accounts.search), GIN-indexed.
    search_document = SearchDocumentField()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["legal_name"]
        constraints = [
            models.UniqueConstraint(fields=["siret"], condition=~Q(siret=""), name="org_unique_siret"),
            models.UniqueConstraint(fields=["siren"], condition=~Q(siren=""), name="org_unique_siren"),
            models.UniqueConstraint(
                fields=["codice_fiscale"], condition=~Q(codice_fiscale=""), name="org_unique_codice_fiscale"
            ),
            models.UniqueConstraint(fields=["partita_iva"], condition=~Q(partita_iva=""), name="org_unique_piva"),
            models.UniqueConstraint(
                fields=["partner_code"], condition=~Q(partner_code=""), name="org_unique_partner_code"
            ),
        ]
        indexes = [models.Index(fields=["latitude", "longitude"], name="org_latlon")]

    def __str__(self) -> str:
        return self.legal_name

    def save(self, *args, **kwargs) -> None:
        from circuito.accounts.search import organisation_search_document

        self.search_document = organisation_search_document(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_document"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("accounts:organisation_detail", args=[self.slug])

    @property
    def is_project_partner(self) -> bool:
        return self.kind in (self.Kind.PARTNER, self.Kind.IMPLEMENTING_BODY)

    @property
    def partner(self) -> "Organisation | None":
        """The project partner this organisation belongs to (itself, or its delegating partner)."""
        if self.kind == self.Kind.PARTNER:
            return self
        if self.kind == self.Kind.IMPLEMENTING_BODY:
            return self.delegating_partner
        return None

    @staticmethod
    def unique_slug(name: str) -> str:
        base = slugify(name)[:70] or "org"
        slug, n = base, 2
        while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACTIVE = "active", _("Active")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    is_facilitator = models.BooleanField(
        _("flux exchange facilitator"),
        default=False,
        help_text=_("Partner staff only: may enter flows for companies and see confidential quantities."),
    )
    receive_flow_mail = models.BooleanField(
        _("receive the company's flux exchange e-mails"),
        default=True,
        help_text=_("New matches for the company's flows, interest from other companies, flows to confirm."),
    )
    message = models.TextField(_("message to the administrators"), blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__legal_name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_org"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.get_status_display()})"
