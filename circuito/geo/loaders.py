"""Load countries, regions, departments/provinces and communes from the gazetteer files.

Idempotent: rows are matched on their official codes, created in bulk when new and updated in
bulk only when something changed, so running the load again is cheap. Communes that disappeared
from the files are kept (organisations may point at them).
"""

import csv
import gzip
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import translation

from circuito.geo import reference
from circuito.geo.models import Commune, Territory
from circuito.geo.search import normalise
from circuito.search import document

DATA_DIR = Path(__file__).resolve().parent / "data"
FR_COMMUNES_FILE = DATA_DIR / "fr_communes_all.csv.gz"
IT_COMUNI_FILE = DATA_DIR / "it_comuni_all.csv.gz"

BATCH_SIZE = 1000
COMMUNE_FIELDS = (
    "name",
    "alt_name",
    "search_name",
    "search_document",
    "department_id",
    "population",
    "latitude",
    "longitude",
)
TERRITORY_FIELDS = ("name", "name_fr", "name_it", "parent_id", "in_alcotra")

Level = Territory.Level


@dataclass(frozen=True)
class CommuneRow:
    country: str
    code: str
    name: str
    department_code: str
    department_name: str
    region_code: str
    population: int | None
    latitude: float | None
    longitude: float | None


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=lambda: {"territories": 0, "communes": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"territories": 0, "communes": 0})
    skipped: list[str] = field(default_factory=list)  # communes without coordinates

    def __str__(self) -> str:
        text = (
            f"territories: {self.created['territories']} created, {self.updated['territories']} updated; "
            f"communes: {self.created['communes']} created, {self.updated['communes']} updated"
        )
        if self.skipped:
            text += f"; {len(self.skipped)} skipped for lack of coordinates ({', '.join(self.skipped[:10])})"
        return text


def read_csv(path: Path | str) -> Iterator[dict[str, str]]:
    """Rows of a UTF-8 CSV file, gzipped or not."""
    path = Path(path)
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # noqa: SIM115
    with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        yield from csv.DictReader(text)


NULLS = {"", "\\N", "NA", "null"}  # how the files write "unknown"


def _population(value: str | None) -> int | None:
    value = (value or "").strip()
    return None if value in NULLS else int(float(value))


def _coordinate(value: str | None) -> float | None:
    value = (value or "").strip()
    return None if value in NULLS else float(value)


def french_rows(path: Path | str = FR_COMMUNES_FILE) -> Iterator[CommuneRow]:
    for row in read_csv(path):
        dep = row["dep_code"].strip()
        region = reference.FR_DEPARTMENT_REGION.get(dep)
        if region is None:
            raise ValueError(f"{path}: department {dep!r} is missing from the department → region table")
        yield CommuneRow(
            country="FR",
            code=row["code_insee"].strip(),
            name=row["name"].strip(),
            department_code=dep,
            department_name=row["dep_name"].strip(),
            region_code=region,
            population=_population(row.get("population", "")),
            latitude=_coordinate(row["lat"]),
            longitude=_coordinate(row["lon"]),
        )


def _italian_region_codes() -> dict[str, str]:
    codes = {}
    for code, (name_it, name_fr, aliases) in reference.IT_REGIONS.items():
        for name in (name_it, name_fr, *aliases):
            codes[normalise(name)] = code
    return codes


def italian_rows(path: Path | str = IT_COMUNI_FILE) -> Iterator[CommuneRow]:
    region_codes = _italian_region_codes()
    for row in read_csv(path):
        region = region_codes.get(normalise(row["region"]))
        if region is None:
            raise ValueError(f"{path}: unknown Italian region {row['region']!r}")
        yield CommuneRow(
            country="IT",
            code=row["istat_code"].strip(),
            name=row["municipality"].strip(),
            department_code=row["province_short"].strip(),
            department_name=row["province"].strip(),
            region_code=region,
            population=_population(row.get("population", "")),
            latitude=_coordinate(row["lat"]),
            longitude=_coordinate(row["lon"]),
        )


@dataclass(frozen=True)
class TerritorySpec:
    country: str
    level: str
    code: str
    name_fr: str
    name_it: str
    in_alcotra: bool
    parent: tuple[str, str, str] | None = None  # (country, level, code)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.country, self.level, self.code)


def territory_specs(rows: Iterable[CommuneRow]) -> list[TerritorySpec]:
    """Countries and every region (from the tables), then the departments found in the rows."""
    specs = [
        TerritorySpec(country, Level.COUNTRY, country, fr, it, in_alcotra=True)
        for country, (fr, it) in reference.COUNTRY_NAMES.items()
    ]
    for code, (fr, it) in reference.FR_REGIONS.items():
        alcotra = code in reference.ALCOTRA_REGIONS["FR"]
        specs.append(TerritorySpec("FR", Level.REGION, code, fr, it, alcotra, ("FR", Level.COUNTRY, "FR")))
    for code, (it, fr, _aliases) in reference.IT_REGIONS.items():
        alcotra = code in reference.ALCOTRA_REGIONS["IT"]
        specs.append(TerritorySpec("IT", Level.REGION, code, fr, it, alcotra, ("IT", Level.COUNTRY, "IT")))
    departments: dict[tuple[str, str], CommuneRow] = {}
    for row in rows:
        departments.setdefault((row.country, row.department_code), row)
    for (country, code), row in sorted(departments.items()):
        fr, it = reference.DEPARTMENT_NAMES.get((country, code), (row.department_name, row.department_name))
        specs.append(
            TerritorySpec(
                country,
                Level.DEPARTMENT,
                code,
                fr,
                it,
                code in reference.ALCOTRA_DEPARTMENTS[country],
                (country, Level.REGION, row.region_code),
            )
        )
    return specs


def sync_territories(specs: list[TerritorySpec], result: LoadResult) -> dict[tuple[str, str, str], int]:
    """Create or update the territories level by level (parents first); return their pks by key."""
    pks: dict[tuple[str, str, str], int] = {}
    for level in (Level.COUNTRY, Level.REGION, Level.DEPARTMENT):
        existing = {(t.country, t.level, t.code): t for t in Territory.objects.filter(level=level)}
        to_create, to_update = [], []
        for spec in (s for s in specs if s.level == level):
            values = {
                "name": spec.name_fr,
                "name_fr": spec.name_fr,
                "name_it": spec.name_it,
                "parent_id": pks[spec.parent] if spec.parent else None,
                "in_alcotra": spec.in_alcotra,
            }
            obj = existing.get(spec.key)
            if obj is None:
                to_create.append(Territory(country=spec.country, level=spec.level, code=spec.code, **values))
            elif any(obj.__dict__.get(k) != v for k, v in values.items()):
                obj.__dict__.update(values)
                to_update.append(obj)
        Territory.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        Territory.objects.bulk_update(to_update, TERRITORY_FIELDS, batch_size=BATCH_SIZE)
        result.created["territories"] += len(to_create)
        result.updated["territories"] += len(to_update)
        pks.update(
            ((country, lvl, code), pk)
            for pk, country, lvl, code in Territory.objects.filter(level=level).values_list(
                "pk", "country", "level", "code"
            )
        )
    return pks


def sync_communes(rows: Iterable[CommuneRow], territory_pks: dict, result: LoadResult) -> None:
    existing = {
        (country, code): (pk, *values)
        for pk, country, code, *values in Commune.objects.values_list("pk", "country", "code", *COMMUNE_FIELDS)
    }
    to_create, to_update = [], []
    for row in rows:
        if row.latitude is None or row.longitude is None:
            result.skipped.append(f"{row.country} {row.code} {row.name}")
            continue
        alt_name = reference.EXONYMS.get((row.country, row.department_code, row.name), "")
        others = reference.other_names(row.country, row.department_code, row.name)
        values = (
            row.name,
            alt_name,
            normalise(" ".join((row.name, alt_name, *others))),
            document(row.name, alt_name, *others, stem=False),
            territory_pks[(row.country, Level.DEPARTMENT, row.department_code)],
            row.population,
            row.latitude,
            row.longitude,
        )
        current = existing.get((row.country, row.code))
        if current is None:
            to_create.append(
                Commune(country=row.country, code=row.code, **dict(zip(COMMUNE_FIELDS, values, strict=True)))
            )
        elif tuple(current[1:]) != values:
            to_update.append(Commune(pk=current[0], **dict(zip(COMMUNE_FIELDS, values, strict=True))))
    # bulk_create/bulk_update skip Model.save(), so search_name is computed above.
    Commune.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    Commune.objects.bulk_update(to_update, COMMUNE_FIELDS, batch_size=BATCH_SIZE)
    result.created["communes"] += len(to_create)
    result.updated["communes"] += len(to_update)


def load_territories(
    fr_path: Path | str | None = FR_COMMUNES_FILE,
    it_path: Path | str | None = IT_COMUNI_FILE,
    *,
    alcotra_only: bool = False,
) -> LoadResult:
    """Load the territories and communes of France and Italy (or only of the ALCOTRA area).

    A path set to None skips that country's communes (its country and regions are still made).
    """
    rows: list[CommuneRow] = []
    if fr_path:
        rows.extend(french_rows(fr_path))
    if it_path:
        rows.extend(italian_rows(it_path))
    if alcotra_only:
        rows = [r for r in rows if r.department_code in reference.ALCOTRA_DEPARTMENTS[r.country]]
    result = LoadResult()
    # The untranslated `name` column holds the French name; modeltranslation reads it through
    # the active language, so the load runs in French.
    with translation.override("fr"), transaction.atomic():
        pks = sync_territories(territory_specs(rows), result)
        sync_communes(rows, pks, result)
    return result
