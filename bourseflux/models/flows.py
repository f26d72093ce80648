"""Sites and flows: what a company gives off (offers) and what it needs (needs)."""

from functools import cache

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from bourseflux.models.reference import EwcCode, MaterialCategory
from circuito.files import PrivateUploadTo, private_storage
from circuito.search.fields import SearchDocumentField


class Site(models.Model):
    """A production site of an organisation, where flows come from or go to."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="sites", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=150)
    address = models.CharField(_("address"), max_length=250, blank=True)
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    exact_location_public = models.BooleanField(
        _("show the exact location on public maps"),
        default=False,
        help_text=_("Otherwise public maps place the site at its commune."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.commune.name})" if self.commune_id else self.display_name

    @property
    def display_name(self) -> str:
        """The name, the default one in the reader's language (it was stored in its creator's)."""
        return translation.gettext(DEFAULT_SITE_NAME) if self.name in _default_site_names() else self.name


# The name of the site made for a company's first flow: stored as is, shown translated.
DEFAULT_SITE_NAME = gettext_noop("Main site")


@cache
def _default_site_names() -> frozenset[str]:
    names = {DEFAULT_SITE_NAME}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(translation.gettext(DEFAULT_SITE_NAME))
    return frozenset(names)


class Flow(models.Model):
    class Direction(models.TextChoices):
        OFFER = "offer", _("Offer (given off)")
        NEED = "need", _("Need (wanted)")

    class Nature(models.TextChoices):
        BY_PRODUCT = "by_product", _("By-product")
        WASTE = "waste", _("Waste")
        MATERIAL = "material", _("Surplus material or secondary raw material")
        ENERGY = "energy", _("Energy (heat, steam, cold)")
        WATER = "water", _("Water")
        CAPACITY = "capacity", _("Shared equipment or logistics capacity")

    class State(models.TextChoices):
        SOLID = "solid", _("Solid")
        GRANULAR = "granular", _("Powder or granules")
        PASTE = "paste", _("Paste or sludge")
        LIQUID = "liquid", _("Liquid")
        GAS = "gas", _("Gas")
        NOT_MATERIAL = "none", _("Not a material")

    class Unit(models.TextChoices):
        TONNE = "t", _("tonnes")
        KILOGRAM = "kg", _("kilograms")
        CUBIC_METRE = "m3", _("cubic metres")
        LITRE = "l", _("litres")
        MWH = "MWh", _("MWh")
        KWH = "kWh", _("kWh")
        PIECE = "piece", _("pieces")
        PALLET = "pallet", _("pallets")
        HOUR = "h", _("hours")
        SQUARE_METRE = "m2", _("square metres")

    class Frequency(models.TextChoices):
        ONCE = "once", _("once")
        DAY = "day", _("per day")
        WEEK = "week", _("per week")
        MONTH = "month", _("per month")
        QUARTER = "quarter", _("per quarter")
        YEAR = "year", _("per year")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Logged-in members")
        FACILITATORS = "facilitators", _("Facilitators only")

    class Price(models.TextChoices):
        UNSAID = "unsaid", _("Not said")
        FREE = "free", _("Free")
        NEGOTIABLE = "negotiable", _("To negotiate")
        PRICED = "priced", _("Price indicated")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="flows", verbose_name=_("organisation")
    )
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="flows", verbose_name=_("site"))
    direction = models.CharField(_("direction"), max_length=5, choices=Direction.choices)
    nature = models.CharField(_("nature"), max_length=12, choices=Nature.choices)
    category = models.ForeignKey(
        MaterialCategory, on_delete=models.PROTECT, related_name="flows", verbose_name=_("category")
    )
    ewc = models.ForeignKey(
        EwcCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="flows",
        verbose_name=_("EWC code"),
        limit_choices_to={"level": 3},
    )
    nace = models.ForeignKey(
        "nace.NaceActivity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("producing activity (NACE)"),
    )
    commercial_name = models.CharField(_("commercial name"), max_length=150, blank=True)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    hazardous = models.BooleanField(_("hazardous"), default=False, editable=False)
    physical_state = models.CharField(_("physical state"), max_length=8, choices=State.choices)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=6, choices=Unit.choices, blank=True)
    frequency = models.CharField(_("frequency"), max_length=8, choices=Frequency.choices, blank=True)
    # Quantity per year in the base unit of its dimension (t, m3, MWh, piece, pallet, h, m2),
    # computed from quantity, unit and frequency: what matching compares.
    yearly_quantity = models.FloatField(_("quantity per year"), null=True, blank=True, editable=False)
    base_unit = models.CharField(_("base unit"), max_length=6, blank=True, editable=False)
    # Months of availability as bits (January = 1, February = 2, … December = 2048); 4095 = all year.
    season_mask = models.PositiveSmallIntegerField(_("months"), default=4095)
    packaging = models.CharField(_("packaging"), max_length=150, blank=True)
    logistics = models.CharField(_("logistics"), max_length=250, blank=True)
    price_kind = models.CharField(_("price"), max_length=10, choices=Price.choices, default=Price.UNSAID)
    price_eur = models.DecimalField(_("price (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    price_unit = models.CharField(_("price per"), max_length=6, choices=Unit.choices, blank=True)
    quantity_visibility = models.CharField(
        _("who sees quantities and prices"), max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    # Anonymous listing: outsiders read "a company in <department>" until the company answers
    # them on a synergy (bourseflux.anonymity).
    hide_company = models.BooleanField(
        _("hide the company's name"),
        default=False,
        help_text=_(
            "Other companies and visitors see “a company in” your department or province instead of your "
            "name, until you answer their interest in this flow. Facilitators always see it."
        ),
    )
    recovery_operation = models.CharField(
        _("recovery or disposal operation"), max_length=4, blank=True, help_text=_("R1–R13 or D1–D15 (waste only)")
    )
    legal_check = models.JSONField(_("by-product conditions"), default=dict, blank=True)
    is_estimate = models.BooleanField(
        _("estimate"), default=False, help_text=_("Inferred from the company's activity, not yet confirmed by it.")
    )
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.DRAFT, db_index=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # A flow a facilitator entered on the company's behalf, until the company confirms it.
    company_confirmed_at = models.DateTimeField(_("confirmed by the company"), null=True, blank=True)
    company_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    # Copied from the site, category and code when saved, so that matching, maps and filters
    # read one table with indexes instead of joining four.
    latitude = models.FloatField(editable=False)
    longitude = models.FloatField(editable=False)
    # Where public maps may place the flow: the commune, unless the site chose its exact location.
    public_latitude = models.FloatField(editable=False)
    public_longitude = models.FloatField(editable=False)
    country = models.CharField(max_length=2, editable=False)
    region = models.ForeignKey("geo.Territory", on_delete=models.PROTECT, related_name="+", editable=False)
    department = models.ForeignKey("geo.Territory", on_delete=models.PROTECT, related_name="+", editable=False)
    category_root = models.ForeignKey(MaterialCategory, on_delete=models.PROTECT, related_name="+", editable=False)
    ewc_subchapter = models.CharField(max_length=5, blank=True, editable=False)
    # What every reader of the flow sees, analysed for search (bourseflux.search); GIN-indexed.
    search_document = SearchDocumentField()

    class Meta:
        verbose_name = _("flow")
        verbose_name_plural = _("flows")
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "direction", "category"], name="flow_match_category"),
            models.Index(fields=["status", "direction", "ewc"], name="flow_match_ewc"),
            models.Index(fields=["status", "direction", "category_root"], name="flow_match_root"),
            models.Index(fields=["status", "direction", "latitude", "longitude"], name="flow_match_bbox"),
            models.Index(fields=["status", "public_latitude", "public_longitude"], name="flow_map_bbox"),
            models.Index(fields=["status", "published_at"], name="flow_recent"),
            models.Index(fields=["organisation", "status"], name="flow_owner"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__isnull=True) | models.Q(quantity__gt=0), name="flow_quantity_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(nature="waste", status="published", ewc__isnull=True), name="flow_waste_has_ewc"
            ),
            models.CheckConstraint(
                condition=models.Q(season_mask__gte=1, season_mask__lte=4095), name="flow_season_mask_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.derive()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *DERIVED_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("bourseflux:flow_detail", args=[self.pk])

    @property
    def months(self) -> list[int]:
        return [m for m in range(1, 13) if self.season_mask & (1 << (m - 1))]

    @property
    def base_unit_label(self) -> str:
        """The unit of the yearly quantity in the reader's language ("pezzi", not "piece")."""
        from bourseflux.quantities import unit_label

        return unit_label(self.base_unit)

    def derive(self) -> None:
        """Fill the fields copied from the site, category and code, the yearly quantity and the
        search document."""
        from bourseflux.quantities import yearly
        from bourseflux.search import flow_search_document

        site = self.site
        self.latitude, self.longitude = site.latitude, site.longitude
        if site.exact_location_public:
            self.public_latitude, self.public_longitude = site.latitude, site.longitude
        else:
            self.public_latitude, self.public_longitude = site.commune.latitude, site.commune.longitude
        department = site.commune.department
        self.country = site.commune.country
        self.department_id = department.pk
        self.region_id = department.parent_id
        self.category_root_id = self.category.parent_id or self.category_id
        self.ewc_subchapter = self.ewc.code[:5] if self.ewc_id else ""
        self.hazardous = bool(self.ewc_id and self.ewc.hazardous)
        self.yearly_quantity, self.base_unit = yearly(self.quantity, self.unit, self.frequency)
        self.search_document = flow_search_document(self)


DERIVED_FIELDS = (
    "latitude",
    "longitude",
    "public_latitude",
    "public_longitude",
    "country",
    "department",
    "region",
    "category_root",
    "ewc_subchapter",
    "hazardous",
    "yearly_quantity",
    "base_unit",
    "search_document",
)


class FlowAttachment(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("Document")

    flow = models.ForeignKey(Flow, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("flow"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=PrivateUploadTo("flows"))
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name
