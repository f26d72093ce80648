"""News, collaborative projects, referent training seminars and alert subscriptions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from circuito.search.fields import SearchDocumentField
from tierslieux.models.places import Place, PlaceKind


class News(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="news", verbose_name=_("place"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    search_document = SearchDocumentField()  # see tierslieux.search_index

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title


class Project(models.Model):
    """A collaborative project of several places and organisations."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    places = models.ManyToManyField(Place, related_name="projects", verbose_name=_("places"))
    organisations = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="tierslieux_projects", verbose_name=_("partners")
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    cross_border = models.BooleanField(_("cross-border"), default=False, editable=False)
    published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    search_document = SearchDocumentField()  # see tierslieux.search_index

    class Meta:
        verbose_name = _("collaborative project")
        verbose_name_plural = _("collaborative projects")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Seminar(models.Model):
    """A training seminar for referents (five in the project's plan)."""

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), db_index=True)
    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    location = models.CharField(_("location"), max_length=200, blank=True)
    trainer = models.CharField(_("trainer"), max_length=200)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="seminars_attended", verbose_name=_("referents who attended")
    )
    organiser = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organising partner")
    )

    class Meta:
        verbose_name = _("referent seminar")
        verbose_name_plural = _("referent seminars")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"


class AlertSubscription(models.Model):
    """News, events and new places in chosen regions and kinds, by periodic digest e-mail.
    The token lets the recipient unsubscribe without logging in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tierslieux_alerts", null=True, blank=True
    )
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="fr")
    regions = models.ManyToManyField("geo.Territory", blank=True, related_name="+", verbose_name=_("regions"))
    kinds = models.ManyToManyField(PlaceKind, blank=True, related_name="+", verbose_name=_("kinds of place"))
    new_places = models.BooleanField(_("new places"), default=True)
    news = models.BooleanField(_("news"), default=True)
    events = models.BooleanField(_("events"), default=True)
    token = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(default=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")

    def __str__(self) -> str:
        return self.email
