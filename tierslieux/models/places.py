"""Places (Tiers-Lieux), their kinds, sectors, opening hours, services, equipment and referents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from circuito.search.fields import SearchDocumentField


class PlaceKind(models.Model):
    """Fablab, makerspace, coworking, incubator, business nursery, accelerator, living lab,
    research or test laboratory, shared prototyping workshop, technology-transfer centre."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of place")
        verbose_name_plural = _("kinds of place")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    """The brief's shared sectors (smart factory / advanced manufacturing, life sciences, agri-food)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class ServiceKind(models.Model):
    """A shared FR/IT vocabulary of services, after the EU Digital Innovation Hubs' service types
    (test before invest, skills and training, access to finance, networking) and the usual
    services of places (prototyping, mentoring, hosting, equipment access, events…)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of service")
        verbose_name_plural = _("kinds of service")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Place(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived (closed)")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kinds = models.ManyToManyField(PlaceKind, related_name="places", verbose_name=_("kinds"))
    operator = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="places",
        verbose_name=_("operator"),
        null=True,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    # The establishment's SIRET (France): the `pivot` of the national open-data schema.
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    social_links = models.JSONField(_("social networks"), default=list, blank=True)
    access_conditions = models.TextField(_("access conditions"), blank=True)
    prices = models.TextField(_("prices"), blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="places", verbose_name=_("sectors served"))
    nace_divisions = models.ManyToManyField(
        "nace.NaceActivity",
        blank=True,
        related_name="+",
        verbose_name=_("economic activities served (NACE divisions)"),
        limit_choices_to={"level": "division"},
    )
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    accessibility = models.TextField(_("accessibility"), blank=True)
    open_to_other_country = models.BooleanField(_("welcomes companies from the other country"), default=True)
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.DRAFT, db_index=True)
    last_verified_at = models.DateTimeField(_("last verified on"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(_("freshness reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Copied from the commune on save, for filters and indicators without joins.
    country = models.CharField(max_length=2, editable=False)
    region = models.ForeignKey("geo.Territory", on_delete=models.PROTECT, related_name="+", editable=False)
    department = models.ForeignKey("geo.Territory", on_delete=models.PROTECT, related_name="+", editable=False)
    # Its words and those of its commune, kinds, services and equipment, and the codes they stand
    # for (tierslieux.search_index); GIN-indexed on PostgreSQL.
    search_document = SearchDocumentField()

    class Meta:
        verbose_name = _("Tiers-Lieu")
        verbose_name_plural = _("Tiers-Lieux")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "latitude", "longitude"], name="place_bbox"),
            # The directory and the API list published places by name, filtered or not by country:
            # these read the 20 rows of a page in order instead of sorting every place.
            models.Index(fields=["status", "name"], name="place_directory"),
            models.Index(fields=["status", "country", "name"], name="place_country_name"),
            models.Index(fields=["status", "last_verified_at"], name="place_freshness"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        department = self.commune.department
        self.country = self.commune.country
        self.department_id = department.pk
        self.region_id = department.parent_id
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "country", "department", "region"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("tierslieux:place_detail", args=[self.slug])

    def clean_fields(self, exclude=None) -> None:
        # "06 000" and "732 829 320 00074" are typed with spaces: drop them before the length check.
        self.postcode = "".join((self.postcode or "").split())
        self.siret = "".join((self.siret or "").split())
        super().clean_fields(exclude)

    def clean(self) -> None:
        """Contact details checked against the commune's country (tierslieux.validators), and
        kept in their normal form."""
        from tierslieux import validators

        country = self.commune.country if self.commune_id else ""
        department = self.commune.department.code if self.commune_id else ""
        errors = {}
        checks = (
            ("postcode", lambda v: validators.clean_postcode(v, country, department)),
            ("phone", lambda v: validators.clean_phone(v, country)),
            ("siret", validators.clean_siret),
            ("website", validators.clean_website),
        )
        for name, check in checks:
            try:
                setattr(self, name, check(getattr(self, name)))
            except ValidationError as error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)


class OpeningHours(models.Model):
    """One opening period of a weekday (several per day allowed, never overlapping)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, pgettext_lazy("weekday", "Monday")
        TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
        WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
        THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
        FRIDAY = 4, pgettext_lazy("weekday", "Friday")
        SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
        SUNDAY = 6, pgettext_lazy("weekday", "Sunday")

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes__gt=models.F("opens")), name="hours_close_after_open"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class PlacePhoto(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("photo"), upload_to="places/%Y/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.caption or self.file.name


class PlaceReferent(models.Model):
    """A trained person who keeps a place up to date."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="referents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referent_of")
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("referent")
        verbose_name_plural = _("referents")
        constraints = [models.UniqueConstraint(fields=["place", "user"], name="referent_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.place}"


class ReferentInvitation(models.Model):
    """An e-mailed, single-use, expiring invitation to become a place's referent."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("referent invitation")
        verbose_name_plural = _("referent invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.place}"


class Service(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="services")
    kind = models.ForeignKey(ServiceKind, on_delete=models.PROTECT, related_name="services", verbose_name=_("kind"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    price = models.CharField(_("price"), max_length=200, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    open_to_other_country = models.BooleanField(_("open to companies from the other country"), default=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["kind__sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class EquipmentKind(models.Model):
    """A shared FR/IT vocabulary of machines and rooms (3D printer, laser cutter, meeting room…),
    loaded from tierslieux/data/equipment_kinds.csv and shown in the reader's language."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_room = models.BooleanField(_("room"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("kind of equipment")
        verbose_name_plural = _("kinds of equipment")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Equipment(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="equipment")
    kind = models.ForeignKey(EquipmentKind, on_delete=models.PROTECT, related_name="equipment", verbose_name=_("kind"))
    name = models.CharField(_("name"), max_length=200)
    model = models.CharField(_("model"), max_length=200, blank=True)
    specs = models.TextField(_("key specifications"), blank=True)
    booking = models.TextField(_("how to book"), blank=True)

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["kind__sort_order", "name"]

    def __str__(self) -> str:
        return self.name
