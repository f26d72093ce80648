"""Writes of the network area: news of a place, collaborative projects, referent seminars.

Who may do what:
- news: the place's referents and partner staff (tierslieux.permissions.can_edit_place);
- projects: partner staff, or a referent of one of the project's places (who must keep one of
  their places among the partners, or they would lock themselves out);
- seminars: partner staff only; attendees are picked among users who are referents.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from circuito.accounts.models import Organisation, User
from circuito.audit.services import diff, record, snapshot
from tierslieux.models import News, Place, Project, Seminar
from tierslieux.permissions import can_edit_place, is_staff_of_project, referent_place_ids

PLANNED_SEMINARS = 5  # the brief plans five referent training seminars
NEWS_FIELDS = ["title_fr", "title_it", "body_fr", "body_it"]
PROJECT_FIELDS = ["title_fr", "title_it", "description_fr", "description_it", "starts_on", "ends_on", "published"]
SEMINAR_FIELDS = ["title", "date", "place", "location", "trainer", "organiser"]
PARTNER_KINDS = (Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY)


def _require_one_language(values: dict, field: str, label: str) -> dict[str, str]:
    if not (values.get(f"{field}_fr") or "").strip() and not (values.get(f"{field}_it") or "").strip():
        return {f"{field}_fr": _("Write the %(label)s in French or in Italian (or both).") % {"label": label}}
    return {}


# News ---------------------------------------------------------------------------------------


def _check_news(values: dict) -> None:
    errors = {**_require_one_language(values, "title", _("title")), **_require_one_language(values, "body", _("text"))}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_news(place: Place, values: dict, *, publish: bool, actor: User) -> News:
    if not can_edit_place(actor, place):
        raise PermissionDenied(_("Only the referents of this place and partner staff can publish its news."))
    _check_news(values)
    news = News(place=place, author=actor, published_at=timezone.now() if publish else None)
    for name in NEWS_FIELDS:
        setattr(news, name, (values.get(name) or "").strip())
    news.save()
    record(actor, "tierslieux.news_create", news, {"place": place.pk, "published": publish})
    return news


@transaction.atomic
def update_news(news: News, values: dict, *, publish: bool, actor: User) -> News:
    if not can_edit_place(actor, news.place):
        raise PermissionDenied(_("Only the referents of this place and partner staff can edit its news."))
    _check_news(values)
    before = snapshot(news, [*NEWS_FIELDS, "published_at"])
    for name in NEWS_FIELDS:
        setattr(news, name, (values.get(name) or "").strip())
    if publish and news.published_at is None:
        news.published_at = timezone.now()
    elif not publish:
        news.published_at = None
    changes = diff(news, before, [*NEWS_FIELDS, "published_at"])
    news.save(update_fields=[*NEWS_FIELDS, "published_at"])
    record(actor, "tierslieux.news_update", news, changes)
    return news


@transaction.atomic
def delete_news(news: News, *, actor: User) -> None:
    if not can_edit_place(actor, news.place):
        raise PermissionDenied(_("Only the referents of this place and partner staff can delete its news."))
    record(actor, "tierslieux.news_delete", news, {"title": str(news)})
    news.delete()


def can_edit_news(user: User, news: News) -> bool:
    return can_edit_place(user, news.place)


def visible_news(user: User) -> QuerySet[News]:
    """Published news of published places, plus the drafts of the places the user keeps."""
    published = News.objects.filter(published_at__isnull=False, published_at__lte=timezone.now())
    published = published.filter(place__status=Place.Status.PUBLISHED)
    if is_staff_of_project(user):
        return News.objects.all()
    mine = referent_place_ids(user)
    if mine:
        return News.objects.filter(Q(pk__in=published.values("pk")) | Q(place_id__in=mine))
    return published


# Projects -----------------------------------------------------------------------------------


def can_edit_project(user: User, project: Project) -> bool:
    if is_staff_of_project(user):
        return True
    mine = referent_place_ids(user)
    return bool(mine) and project.places.filter(pk__in=mine).exists()


def can_create_project(user: User) -> bool:
    return is_staff_of_project(user) or bool(referent_place_ids(user))


def visible_projects(user: User) -> QuerySet[Project]:
    if is_staff_of_project(user):
        return Project.objects.all()
    mine = referent_place_ids(user)
    if mine:
        return Project.objects.filter(
            Q(published=True) | Q(pk__in=Project.objects.filter(places__in=mine).values("pk"))
        )
    return Project.objects.filter(published=True)


def spans_both_countries(places: list[Place], organisations: list[Organisation]) -> bool:
    countries = {p.country for p in places} | {o.country for o in organisations}
    return {"FR", "IT"} <= countries


def _unique_slug(title: str, exclude: int | None = None) -> str:
    base = slugify(title)[:70] or "project"
    if base == "new":  # taken by the creation page's address
        base = "new-project"
    slug, n = base, 1
    while Project.objects.filter(slug=slug).exclude(pk=exclude).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_project(values: dict, places: list[Place], actor: User) -> None:
    errors = _require_one_language(values, "title", _("title"))
    if not places:
        errors["places"] = _("Choose at least one place taking part in the project.")
    elif not is_staff_of_project(actor) and not {p.pk for p in places} & referent_place_ids(actor):
        errors["places"] = _("Keep at least one of the places you keep among the project's places.")
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = _("The end date is before the start date: correct one of them.")
    if errors:
        raise ValidationError(errors)


def _save_partners(project: Project, places: list[Place], organisations: list[Organisation]) -> None:
    project.places.set(places)
    project.organisations.set(organisations)
    project.cross_border = spans_both_countries(places, organisations)
    project.save(update_fields=["cross_border"])


@transaction.atomic
def create_project(values: dict, places: list[Place], organisations: list[Organisation], *, actor: User) -> Project:
    if not can_create_project(actor):
        raise PermissionDenied(_("Only referents of a place and partner staff can create a project."))
    places, organisations = list(places), list(organisations)
    _check_project(values, places, actor)
    project = Project(created_by=actor)
    for name in PROJECT_FIELDS:
        if name in values:
            setattr(project, name, values[name] if not isinstance(values[name], str) else values[name].strip())
    project.slug = _unique_slug(project.title_fr or project.title_it)
    project.save()
    _save_partners(project, places, organisations)
    record(
        actor,
        "tierslieux.project_create",
        project,
        {"places": [p.pk for p in places], "organisations": [o.pk for o in organisations]},
    )
    return project


@transaction.atomic
def update_project(
    project: Project, values: dict, places: list[Place], organisations: list[Organisation], *, actor: User
) -> Project:
    if not can_edit_project(actor, project):
        raise PermissionDenied(_("Only referents of the project's places and partner staff can edit it."))
    places, organisations = list(places), list(organisations)
    _check_project(values, places, actor)
    before = snapshot(project, PROJECT_FIELDS)
    before_places = sorted(project.places.values_list("pk", flat=True))
    before_orgs = sorted(project.organisations.values_list("pk", flat=True))
    for name in PROJECT_FIELDS:
        if name in values:
            setattr(project, name, values[name] if not isinstance(values[name], str) else values[name].strip())
    changes = diff(project, before, PROJECT_FIELDS)
    project.save(update_fields=PROJECT_FIELDS)
    _save_partners(project, places, organisations)
    after_places, after_orgs = sorted(p.pk for p in places), sorted(o.pk for o in organisations)
    if after_places != before_places:
        changes["places"] = [before_places, after_places]
    if after_orgs != before_orgs:
        changes["organisations"] = [before_orgs, after_orgs]
    record(actor, "tierslieux.project_update", project, changes)
    return project


# Seminars -----------------------------------------------------------------------------------


def referent_users() -> QuerySet[User]:
    return User.objects.filter(referent_of__isnull=False, is_active=True).distinct().order_by("last_name", "email")


def _check_seminar(values: dict, attendees: list[User]) -> None:
    errors = {}
    if not values.get("place") and not (values.get("location") or "").strip():
        errors["location"] = _("Choose the place where the seminar was held or write its location.")
    organiser = values.get("organiser")
    if organiser is not None and organiser.kind not in PARTNER_KINDS:
        errors["organiser"] = _("The organiser must be a project partner or an implementing body.")
    referents = set(referent_users().filter(pk__in=[u.pk for u in attendees]).values_list("pk", flat=True))
    strangers = [u for u in attendees if u.pk not in referents]
    if strangers:
        names = ", ".join(u.email for u in strangers)
        errors["attendees"] = _("These people are not referents of any place: %(names)s.") % {"names": names}
    if errors:
        raise ValidationError(errors)


def _require_staff(actor: User) -> None:
    if not is_staff_of_project(actor):
        raise PermissionDenied(_("Only partner staff record referent seminars."))


@transaction.atomic
def record_seminar(values: dict, attendees: list[User], *, actor: User) -> Seminar:
    _require_staff(actor)
    attendees = list(attendees)
    _check_seminar(values, attendees)
    seminar = Seminar(**{name: values.get(name) for name in SEMINAR_FIELDS})
    seminar.location = (seminar.location or "").strip()
    seminar.save()
    seminar.attendees.set(attendees)
    record(actor, "tierslieux.seminar_create", seminar, {"attendees": [u.pk for u in attendees]})
    return seminar


@transaction.atomic
def update_seminar(seminar: Seminar, values: dict, attendees: list[User], *, actor: User) -> Seminar:
    _require_staff(actor)
    attendees = list(attendees)
    _check_seminar(values, attendees)
    before = snapshot(seminar, SEMINAR_FIELDS)
    before_attendees = sorted(seminar.attendees.values_list("pk", flat=True))
    for name in SEMINAR_FIELDS:
        setattr(seminar, name, values.get(name))
    seminar.location = (seminar.location or "").strip()
    changes = diff(seminar, before, SEMINAR_FIELDS)
    seminar.save(update_fields=SEMINAR_FIELDS)
    seminar.attendees.set(attendees)
    after = sorted(u.pk for u in attendees)
    if after != before_attendees:
        changes["attendees"] = [before_attendees, after]
    record(actor, "tierslieux.seminar_update", seminar, changes)
    return seminar


def seminars_progress(today: date | None = None) -> dict[str, int]:
    """How many of the planned seminars were held (dated today or earlier) and referents trained."""
    today = today or timezone.localdate()
    held = Seminar.objects.filter(date__lte=today)
    trained = User.objects.filter(seminars_attended__in=held).distinct().count()
    return {"held": held.count(), "planned": PLANNED_SEMINARS, "trained": trained}
