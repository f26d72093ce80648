"""Ranked candidates of a flow on the other side (offer ↔ need).

How it stays fast with 100,000 flows: each tier is one SQL query on an index of Flow
(status, direction, ewc | category | category_root, then latitude/longitude), inside a bounding
box that grows (50 → 150 → 400 km) only while too few candidates were found, fetching a few
columns of at most a few hundred nearest rows; those are scored in Python (codes, categories and
the thesaurus's concepts, read from memory), and only the winners are loaded as objects (one
query with their relations).

Tiers: the same EWC code; the flow's categories (a code belongs to every category that lists it)
with what the thesaurus relates to the flow (the materials it is, the uses it serves or names, by
their codes and categories); only when no certain link was found, the materials serving the uses
a need's category is usually for; only when nothing better was found, the top-level family.
Only the strongest kind of link found is listed (`candidates`)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, FloatField, Q, QuerySet, Value
from django.utils import timezone, translation

from bourseflux.matching.materials import Materials, Profile
from bourseflux.matching.reasons import Reason
from bourseflux.matching.rules import (
    FAMILY,
    MATERIAL_NATURES,
    NATURE_GROUPS,
    Relation,
    reasons_for,
    relate,
    road_km,
    score_pair,
    strength,
)
from bourseflux.models import EwcCode, Flow
from bourseflux.reference_lookup import category_tree
from circuito.geo.distance import bounding_box, haversine_km
from circuito.search.concepts import index as concept_index

RADII_KM = (50, 150, 400)  # great-circle radii tried in turn until enough candidates
ROWS_PER_TIER = 300  # nearest rows fetched per tier and radius: bounds the work whatever the volume
# Cross-border candidates of an ALCOTRA flow are looked for up to this radius even when enough
# domestic ones were found nearer, and at least this many are kept in the list (with a badge).
CROSS_BORDER_RADIUS_KM = 150
MIN_CROSS_BORDER = 3

COLUMNS = (
    "id",
    "organisation_id",
    "direction",
    "nature",
    "category_id",
    "category_root_id",
    "ewc_id",
    "ewc_subchapter",
    "physical_state",
    "yearly_quantity",
    "base_unit",
    "season_mask",
    "latitude",
    "longitude",
    "country",
    "title_fr",
    "title_it",
)


@dataclass
class Candidate:
    flow: Flow
    score: int
    distance_km: float
    cross_border: bool
    reasons: list[Reason] = field(default_factory=list)
    level: str = ""
    is_estimate: bool = False

    @property
    def strength(self) -> str:
        """strong (≥ 70), plausible (50–69) or weak (< 50): see rules.py."""
        return strength(self.score)

    def title_in_other_language(self) -> bool:
        """True when the title is shown in its original language (no translation in the reader's)."""
        lang = (translation.get_language() or "fr")[:2]
        return not getattr(self.flow, f"title_{lang}", "")


def opposite(direction: str) -> str:
    return Flow.Direction.NEED if direction == Flow.Direction.OFFER else Flow.Direction.OFFER


def open_flows(today: date | None = None) -> QuerySet[Flow]:
    """Published, not expired flows: those that may be proposed as candidates."""
    today = today or timezone.localdate()
    return Flow.objects.filter(status=Flow.Status.PUBLISHED).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    )


def _row(flow: Flow) -> dict:
    return {name: getattr(flow, name) for name in COLUMNS}


def _box(queryset: QuerySet, lat: float, lon: float, km: float, *, by_code: bool = False) -> QuerySet:
    """Rows in the bounding box. `by_code`: the query's code or category equality is the selective
    part, so the box is written as an expression no index serves (`latitude + 0`): otherwise
    SQLite's planner prefers the (status, direction, latitude) index and scans a whole band of
    latitude (tens of thousands of rows at 100,000 flows) instead of one category's rows."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
    if by_code:
        zero = Value(0.0, output_field=FloatField())
        queryset = queryset.alias(_lat=F("latitude") + zero, _lon=F("longitude") + zero)
        return queryset.filter(_lat__gte=min_lat, _lat__lte=max_lat, _lon__gte=min_lon, _lon__lte=max_lon)
    return queryset.filter(latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon)


def _nearest(queryset: QuerySet, lat: float, lon: float, limit: int) -> list[dict]:
    """The `limit` nearest rows (a flat-earth squared distance: plain arithmetic on both databases,
    good enough to order rows a few hundred km apart)."""
    import math

    k = Value(math.cos(math.radians(lat)), output_field=FloatField())
    dlat = F("latitude") - Value(lat, output_field=FloatField())
    dlon = (F("longitude") - Value(lon, output_field=FloatField())) * k
    return list(queryset.annotate(_d2=dlat * dlat + dlon * dlon).order_by("_d2", "id").values(*COLUMNS)[:limit])


def _base(flow: Flow) -> QuerySet:
    natures = NATURE_GROUPS.get(flow.nature, MATERIAL_NATURES)
    return (
        open_flows()
        .filter(direction=opposite(flow.direction), nature__in=natures)
        .exclude(organisation_id=flow.organisation_id)
    )


def _in_alcotra(flow: Flow) -> bool:
    department = flow.__dict__.get("_department_in_alcotra")
    if department is None:
        from circuito.geo.models import Territory

        department = Territory.objects.filter(pk=flow.department_id, in_alcotra=True).exists()
        flow._department_in_alcotra = department
    return department


@dataclass
class _Run:
    """What one call knows: the flow as a row, its profile, the reference and thesaurus readers."""

    row: dict
    profile: Profile
    materials: Materials
    codes: dict[int, str]

    def profile_of(self, row: dict) -> Profile:
        return _profile(self.materials, self.codes, row)


def _start(flow: Flow) -> _Run:
    concepts = concept_index()
    materials = Materials(category_tree(), concepts if concepts.thesaurus.concepts else None)
    row = _row(flow)
    codes: dict[int, str] = {}
    if flow.ewc_id:
        codes[flow.ewc_id] = (
            flow.ewc.code
            if Flow.ewc.is_cached(flow)
            else EwcCode.objects.values_list("code", flat=True).get(pk=flow.ewc_id)
        )
    return _Run(row, _profile(materials, codes, row), materials, codes)


def _profile(materials: Materials, codes: dict[int, str], row: dict) -> Profile:
    code = codes.get(row["ewc_id"], "") if row["ewc_id"] else ""
    return materials.profile(row["category_id"], code, (row["title_fr"] or "", row["title_it"] or ""))


def _targets(run: _Run, guesses: bool = False) -> tuple[set[int], set[int], set[int], list[int]]:
    """(own categories, EWC pks filed under them, categories and EWC pks the thesaurus relates)."""
    tree, profile = run.materials.tree, run.profile
    own = set(profile.categories)
    related, linked = run.materials.related(profile, run.row["direction"] == Flow.Direction.OFFER, guesses)
    related -= own
    prefixes = tree.prefixes(own | related)
    exact = {code for code in linked if len(code) > 5}
    subchapters = {code for code in linked if len(code) <= 5}
    condition = Q(code__in=exact)
    for prefix in prefixes | subchapters:
        condition |= Q(code__startswith=prefix)
    own_codes, related_codes = set(), set()
    if prefixes or linked:
        rows = EwcCode.objects.filter(condition, level=EwcCode.Level.ENTRY).values_list("pk", "code")
        for pk, code in rows:
            run.codes[pk] = code
            categories = tree.for_code(code)
            if categories & own:
                own_codes.add(pk)
            elif categories & related or code in exact or code[:5] in subchapters:
                related_codes.add(pk)
    return own, own_codes, related, sorted(related_codes)


def tier(level: str) -> int:
    """0 for a certain link (code, material, use, category), 1 possible, 2 family only."""
    return 2 if level == FAMILY else (1 if level == "possible" else 0)


def _score_rows(run: _Run, rows: list[dict]) -> dict[int, tuple[int, Relation, float, bool]]:
    """The rows that can meet the flow, scored (pk -> score, relation, road km, cross-border);
    each row gets its road distance."""
    flow_row = run.row
    missing = {row["ewc_id"] for row in rows if row["ewc_id"] and row["ewc_id"] not in run.codes}
    if missing:
        run.codes.update(EwcCode.objects.filter(pk__in=missing).values_list("pk", "code"))
    scored: dict[int, tuple[int, Relation, float, bool]] = {}
    for row in rows:
        great_circle = haversine_km(flow_row["latitude"], flow_row["longitude"], row["latitude"], row["longitude"])
        row["distance_km"] = road_km(great_circle)
        relation = relate(flow_row, row, run.profile, run.profile_of(row), run.materials)
        if relation is not None:
            score = score_pair(flow_row, row, relation.level)
            scored[row["id"]] = (score, relation, row["distance_km"], row["country"] != flow_row["country"])
    return scored


def _same_category(flow: Flow, run: _Run, own: set[int], own_codes: set[int]) -> Q:
    """The flow's own categories and codes. A need posted under a top-level category takes
    whatever falls under it (rules.relate)."""
    same_category = Q(category_id__in=sorted(own)) | Q(ewc_id__in=sorted(own_codes))
    if flow.direction == Flow.Direction.OFFER:
        same_category |= Q(category_id__in=sorted(run.profile.roots))
    elif run.materials.tree.parent.get(flow.category_id, 0) is None:
        same_category |= Q(category_root_id=flow.category_id)
    return same_category


def _guessed_uses(run: _Run, related: set[int], related_codes: list[int]) -> Q | None:
    """The categories and codes guessed from the uses of the flow's category, less those the
    thesaurus already related; None when there are none."""
    _own, _codes, guessed, guessed_codes = _targets(run, guesses=True)
    guessed -= related
    guessed_codes = sorted(set(guessed_codes) - set(related_codes))
    if guessed or guessed_codes:
        return Q(category_id__in=sorted(guessed)) | Q(ewc_id__in=guessed_codes)
    return None


def _collect(flow: Flow, limit: int, run: _Run) -> dict[int, tuple[int, Relation, float, bool]]:
    """Scored rows of possible candidates (pk -> score, relation, road km, cross-border), tier
    after tier, growing the radius only while too few certain links were found."""
    lat, lon = flow.latitude, flow.longitude
    base = _base(flow)
    seen: set[int] = set()
    scored: dict[int, tuple[int, Relation, float, bool]] = {}

    def add(rows: list[dict]) -> int:
        """Score the rows not seen yet; returns how many are certain links."""
        rows = [row for row in rows if row["id"] not in seen]
        seen.update(row["id"] for row in rows)
        new = _score_rows(run, rows)
        scored.update(new)
        return sum(tier(value[1].level) == 0 for value in new.values())

    def grow(condition: Q) -> None:
        found = 0
        for km in RADII_KM:
            found += add(_nearest(_box(base.filter(condition), lat, lon, km, by_code=True), lat, lon, ROWS_PER_TIER))
            if found >= limit:
                break

    own, own_codes, related, related_codes = _targets(run)
    if flow.ewc_id:  # same code: rare and the best, taken from the whole largest radius at once
        same_code = _box(base.filter(ewc_id=flow.ewc_id), lat, lon, RADII_KM[-1], by_code=True)
        add(_nearest(same_code, lat, lon, ROWS_PER_TIER))
    same_category = _same_category(flow, run, own, own_codes)
    # What the thesaurus relates lies in other categories (sawdust for a need of animal bedding):
    # looked for with the flow's own categories, nearest first.
    if related or related_codes:
        grow(same_category | Q(category_id__in=sorted(related)) | Q(ewc_id__in=related_codes))
    else:
        grow(same_category)
    if not any(tier(value[1].level) == 0 for value in scored.values()):
        # No certain link: what may serve the uses a need's category is usually for.
        guessed = _guessed_uses(run, related, related_codes)
        if guessed is not None:
            grow(guessed)
    if all(tier(value[1].level) == 2 for value in scored.values()):
        # The family is shown only when nothing better exists.
        roots = sorted(run.profile.roots)
        for km in RADII_KM:
            add(_nearest(_box(base.filter(category_root_id__in=roots), lat, lon, km), lat, lon, ROWS_PER_TIER))
            if len(scored) >= limit:
                break
    if _in_alcotra(flow):
        across = base.filter(same_category).exclude(country=flow.country)
        add(_nearest(_box(across, lat, lon, CROSS_BORDER_RADIUS_KM, by_code=True), lat, lon, ROWS_PER_TIER // 3))
    return scored


def relation_of(flow: Flow, other: Flow) -> tuple[int, str] | None:
    """(score, level) of one pair as `candidates()` would score it, whichever tier is shown; None
    when they cannot meet. For benchmarks and checks, not for pages (a few queries per pair)."""
    run = _start(flow)
    row = _row(other)
    if row["ewc_id"] and row["ewc_id"] not in run.codes:
        run.codes.update(EwcCode.objects.filter(pk=row["ewc_id"]).values_list("pk", "code"))
    row["distance_km"] = road_km(haversine_km(flow.latitude, flow.longitude, other.latitude, other.longitude))
    relation = relate(run.row, row, run.profile, run.profile_of(row), run.materials)
    return None if relation is None else (score_pair(run.row, row, relation.level), relation.level)


def _pick(scored: dict[int, tuple], limit: int, keep_cross_border: int) -> list[int]:
    ranked = sorted(scored, key=lambda pk: (-scored[pk][0], scored[pk][2], pk))
    chosen = ranked[:limit]
    shown_across = sum(1 for pk in chosen if scored[pk][3])
    if keep_cross_border and shown_across < keep_cross_border:
        # Do not bury the other side of the border: swap the weakest domestic candidates for the
        # best cross-border ones left out.
        extra = [pk for pk in ranked[limit:] if scored[pk][3]][: keep_cross_border - shown_across]
        domestic = [pk for pk in chosen if not scored[pk][3]]
        for pk in extra:
            if not domestic:
                break
            chosen.remove(domestic.pop())
            chosen.append(pk)
        chosen.sort(key=lambda pk: (-scored[pk][0], scored[pk][2], pk))
    return chosen


def candidates(flow: Flow, *, limit: int = 20, user=None) -> list[Candidate]:
    """The `limit` best flows on the other side of `flow`, best first, with their reasons.

    Only the strongest tier found is listed: certain links (same code, same material, a use the
    need names, same category); else possible ones (a use only some materials of the offer's
    kind serve, or that the need's category is usually for); else the family (top-level category
    or EWC sub-chapter). `user` decides whether quantities appear in the reasons
    (their confidentiality level)."""
    from django.contrib.auth.models import AnonymousUser

    from bourseflux.permissions import can_see_quantities

    if flow.status != Flow.Status.PUBLISHED or flow.latitude is None:
        return []
    user = user or AnonymousUser()
    run = _start(flow)
    scored = _collect(flow, limit, run)
    # Only the strongest tier found is shown: certain links; else possible ones; else the family.
    best = min((tier(value[1].level) for value in scored.values()), default=0)
    scored = {pk: value for pk, value in scored.items() if tier(value[1].level) == best}
    keep = MIN_CROSS_BORDER if _in_alcotra(flow) else 0
    chosen = _pick(scored, limit, keep)
    # The department names the company of a flow listed anonymously.
    objects = (
        Flow.objects.filter(pk__in=chosen)
        .select_related("organisation", "site__commune", "category__parent", "ewc", "department")
        .in_bulk()
    )
    own_quantities = can_see_quantities(user, flow)
    result = []
    for pk in chosen:
        other = objects.get(pk)
        if other is None:  # deleted meanwhile
            continue
        score, relation, distance, across = scored[pk]
        show = own_quantities and can_see_quantities(user, other)
        reasons = reasons_for(flow, other, relation, run.materials, distance, across, show)
        result.append(Candidate(other, score, round(distance, 1), across, reasons, relation.level))
    return result
