"""Load the reference data of the flux exchange from bourseflux/data/ (see its README.md):
the European List of Waste with French and Italian labels, the material categories and the
typical flows of activities.

Idempotent: rows are matched on their codes, created in bulk when new and updated in bulk only
when something changed. EWC codes and categories that left the files are kept (flows point at
them); typical flows that left the file are removed (nothing points at them).
"""

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import translation

from bourseflux.models import ActivityFlowProfile, EwcCode, Flow, MaterialCategory
from bourseflux.reference_lookup import ewc_search_document
from bourseflux.search import refresh_flow_documents

DATA_DIR = Path(__file__).resolve().parent / "data"
EWC_FILE = DATA_DIR / "ewc_fr_it_merged.csv"
EWC_IT_PROJECT_FILE = DATA_DIR / "ewc_it_labels_project.csv"
EWC_KEYWORDS_FILE = DATA_DIR / "ewc_search_keywords.csv"
CATEGORIES_FILE = DATA_DIR / "material_categories.csv"
PROFILES_FILE = DATA_DIR / "activity_flow_profiles.csv"

BATCH_SIZE = 1000
EWC_FIELDS = (
    "level",
    "parent_id",
    "chapter",
    "hazardous",
    "label",
    "label_fr",
    "label_it",
    "label_it_origin",
    "search_document",
)
CATEGORY_FIELDS = ("parent_id", "name", "name_fr", "name_it", "ewc_prefixes", "sort_order")
PROFILE_FIELDS = ("category_id", "ewc_id", "nature", "name", "name_fr", "name_it", "source")
NATURES = {"by_product", "waste", "material", "energy", "water", "capacity"}


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=lambda: {"ewc": 0, "categories": 0, "profiles": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"ewc": 0, "categories": 0, "profiles": 0})
    deleted_profiles: int = 0

    def __str__(self) -> str:
        parts = [f"{name}: {self.created[name]} created, {self.updated[name]} updated" for name in self.created]
        return "; ".join(parts) + (f"; {self.deleted_profiles} typical flows removed" if self.deleted_profiles else "")


def read_csv(path: Path | str) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key: (value or "").strip() for key, value in row.items() if key}


def _sync(model, key: str, rows: dict[str, dict], fields: tuple[str, ...], existing: dict) -> tuple[int, int]:
    """Create the new rows and update the changed ones; returns (created, updated)."""
    to_create, to_update = [], []
    for code, values in rows.items():
        obj = existing.get(code)
        if obj is None:
            to_create.append(model(**{key: code}, **values))
        elif any(obj.__dict__.get(name) != value for name, value in values.items()):
            obj.__dict__.update(values)
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    model.objects.bulk_update(to_update, fields, batch_size=BATCH_SIZE)
    return len(to_create), len(to_update)


def ewc_parent_code(code: str) -> str | None:
    return code[:-3] if len(code) > 2 else None


def load_ewc(
    path: Path | str = EWC_FILE,
    project_path: Path | str = EWC_IT_PROJECT_FILE,
    keywords_path: Path | str | None = EWC_KEYWORDS_FILE,
    result: LoadResult | None = None,
) -> LoadResult:
    """Chapters, sub-chapters and codes with both labels. Italian labels missing from the
    reference file come from the project's own translations (marked `project`)."""
    result = result or LoadResult()
    project_labels = {row["code"]: row["label_it"] for row in read_csv(project_path)}
    keywords = {row["code"]: row["keywords"] for row in read_csv(keywords_path)} if keywords_path else {}
    rows = list(read_csv(path))
    existing = {obj.code: obj for obj in EwcCode.objects.all()}
    pks: dict[str, int] = {}
    for level in (EwcCode.Level.CHAPTER, EwcCode.Level.SUBCHAPTER, EwcCode.Level.ENTRY):
        wanted: dict[str, dict] = {}
        for row in (r for r in rows if int(r["level"]) == level):
            code = row["code"]
            label_fr = row["label_fr"]
            label_it, origin = row.get("label_it_unofficial", ""), EwcCode.ItalianLabel.PARAPHRASE
            if not label_it:
                label_it, origin = project_labels.get(code, ""), EwcCode.ItalianLabel.PROJECT
            if not label_fr or not label_it:
                raise ValueError(f"EWC {code}: a French and an Italian label are both required")
            parent = ewc_parent_code(code)
            if parent is not None and parent not in pks:
                raise ValueError(f"EWC {code}: its parent {parent} is not in the file")
            wanted[code] = {
                "level": level,
                "parent_id": pks[parent] if parent else None,
                "chapter": code[:2],
                "hazardous": row["hazardous"] == "1",
                "label": label_fr,
                "label_fr": label_fr,
                "label_it": label_it,
                "label_it_origin": origin,
                "search_document": ewc_search_document(code, label_fr, label_it, keywords.get(code, "")),
            }
        created, updated = _sync(EwcCode, "code", wanted, EWC_FIELDS, existing)
        result.created["ewc"] += created
        result.updated["ewc"] += updated
        pks.update(EwcCode.objects.filter(level=level).values_list("code", "pk"))
    return result


def load_categories(path: Path | str = CATEGORIES_FILE, result: LoadResult | None = None) -> LoadResult:
    """The category tree: top categories first, then their children."""
    result = result or LoadResult()
    rows = list(read_csv(path))
    existing = {obj.code: obj for obj in MaterialCategory.objects.all()}
    pks: dict[str, int] = {}
    for is_top in (True, False):
        wanted: dict[str, dict] = {}
        for row in (r for r in rows if (not r["parent"]) == is_top):
            if row["parent"] and row["parent"] not in pks:
                raise ValueError(f"category {row['code']}: its parent {row['parent']} is not a top category")
            wanted[row["code"]] = {
                "parent_id": pks[row["parent"]] if row["parent"] else None,
                "name": row["name_fr"],
                "name_fr": row["name_fr"],
                "name_it": row["name_it"],
                "ewc_prefixes": [p.strip() for p in row["ewc_prefixes"].split(";") if p.strip()],
                "sort_order": int(row["sort_order"] or 0),
            }
        created, updated = _sync(MaterialCategory, "code", wanted, CATEGORY_FIELDS, existing)
        result.created["categories"] += created
        result.updated["categories"] += updated
        pks.update(MaterialCategory.objects.values_list("code", "pk"))
    return result


def load_profiles(path: Path | str = PROFILES_FILE, result: LoadResult | None = None) -> LoadResult:
    """Typical flows of activities, matched on (NACE code, direction, French name)."""
    result = result or LoadResult()
    categories = dict(MaterialCategory.objects.values_list("code", "pk"))
    ewc_codes = dict(EwcCode.objects.filter(level=EwcCode.Level.ENTRY).values_list("code", "pk"))
    wanted: dict[tuple[str, str, str], dict] = {}
    for row in read_csv(path):
        where = f"typical flow {row['nace_code']} {row['name_fr']!r}"
        if row["category"] not in categories:
            raise ValueError(f"{where}: unknown category {row['category']!r}")
        if row["ewc"] and row["ewc"] not in ewc_codes:
            raise ValueError(f"{where}: unknown EWC code {row['ewc']!r}")
        if row["direction"] not in ActivityFlowProfile.Direction.values or row["nature"] not in NATURES:
            raise ValueError(f"{where}: direction or nature is wrong")
        wanted[(row["nace_code"], row["direction"], row["name_fr"])] = {
            "category_id": categories[row["category"]],
            "ewc_id": ewc_codes.get(row["ewc"]) if row["ewc"] else None,
            "nature": row["nature"],
            "name": row["name_fr"],
            "name_fr": row["name_fr"],
            "name_it": row["name_it"],
            "source": row["source"],
        }
    existing = {(p.nace_code, p.direction, p.name_fr): p for p in ActivityFlowProfile.objects.all()}
    stale = [p.pk for key, p in existing.items() if key not in wanted]
    result.deleted_profiles += ActivityFlowProfile.objects.filter(pk__in=stale).delete()[0]
    to_create, to_update = [], []
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            to_create.append(ActivityFlowProfile(nace_code=key[0], direction=key[1], **values))
        elif any(obj.__dict__.get(name) != value for name, value in values.items()):
            obj.__dict__.update(values)
            to_update.append(obj)
    ActivityFlowProfile.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    ActivityFlowProfile.objects.bulk_update(to_update, PROFILE_FIELDS, batch_size=BATCH_SIZE)
    result.created["profiles"] += len(to_create)
    result.updated["profiles"] += len(to_update)
    return result


def load_reference() -> LoadResult:
    """Everything, in one transaction. The untranslated `label`/`name` columns hold the French
    text; modeltranslation reads them through the active language, so the load runs in French."""
    result = LoadResult()
    with translation.override("fr"), transaction.atomic():
        load_ewc(result=result)
        load_categories(result=result)
        load_profiles(result=result)
        if result.updated["ewc"] or result.updated["categories"]:
            # Bulk updates send no signal: the flows' search documents copy these labels.
            refresh_flow_documents(Flow.objects.all())
    return result
