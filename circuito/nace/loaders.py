"""Load NACE Rev. 2 (sections to classes, French and Italian labels) and the national
sub-classes (NAF `10.32Z`, ATECO `10.32.00`) from the data files.

Idempotent: rows are matched on their codes, created in bulk when new and updated in bulk only
when something changed.
"""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import translation

from circuito.nace import reference
from circuito.nace.models import NaceActivity, NationalSubclass
from circuito.search import document

DATA_DIR = Path(__file__).resolve().parent / "data"
NACE_FILE = DATA_DIR / "nace_rev2_fr_it.csv"
NAF_FILE = DATA_DIR / "naf_rev2_subclasses_fr_insee.csv"
ATECO_FILE = DATA_DIR / "ateco2007_it_istat.csv"

BATCH_SIZE = 1000
Level = NaceActivity.Level
LEVELS = (Level.SECTION, Level.DIVISION, Level.GROUP, Level.CLASS)
ACTIVITY_FIELDS = ("level", "parent_id", "label", "label_fr", "label_it")

# Words written in capitals even in sentence case.
ACRONYMS = {"ICT", "CD", "DVD", "GPL", "GNL", "TV", "UE", "ONG", "ONU", "IVA", "PC"}
_FINAL_ACCENT = {"a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù"}


def sentence_case(text: str) -> str:
    """'ATTIVITA' IMMOBILIARI' -> 'Attività immobiliari'; labels already in mixed case are kept.

    Acronyms (ICT…) stay in capitals; a vowel with an apostrophe at the end of a word, the
    typewriter way of writing a final accent in capitals, becomes the accented vowel.
    """
    text = " ".join((text or "").split())
    if not text or any(ch.islower() for ch in text):
        return text

    def word(match: re.Match) -> str:
        token = match.group(0)
        return token if token in ACRONYMS else token.lower()

    lowered = re.sub(r"[^\W\d_]+", word, text)
    lowered = re.sub(r"([aeiou])'(?=$|[\s,;:.)])", lambda m: _FINAL_ACCENT[m.group(1)], lowered)
    return lowered[0].upper() + lowered[1:]


def search_document(code: str, label_fr: str, label_it: str, *more: str) -> str:
    """The code (as written and without its dot), both labels and `more` texts, analysed."""
    return document(code, code.replace(".", ""), label_fr, label_it, *more)


def parent_code(code: str, level: str) -> str | None:
    if level == Level.DIVISION:
        return reference.section_of_division(code)
    if level == Level.GROUP:
        return code[:2]
    if level == Level.CLASS:
        return code[:4]
    return None


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=lambda: {"activities": 0, "subclasses": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"activities": 0, "subclasses": 0})

    def __str__(self) -> str:
        return (
            f"NACE activities: {self.created['activities']} created, {self.updated['activities']} updated; "
            f"national sub-classes: {self.created['subclasses']} created, {self.updated['subclasses']} updated"
        )


def read_csv(path: Path | str) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


@dataclass(frozen=True)
class ActivityRow:
    code: str
    level: str
    label_fr: str
    label_it: str


def activity_rows(nace_path: Path | str, ateco_path: Path | str) -> list[ActivityRow]:
    """Sections (French labels from the NAF table, Italian ones from ATECO), then the divisions,
    groups and classes of the NACE file."""
    ateco_sections = {
        row["code"].strip(): sentence_case(row["label_it"])
        for row in read_csv(ateco_path)
        if row["level"].strip() == Level.SECTION
    }
    nace = [row for row in read_csv(nace_path) if row["level"].strip() in LEVELS]
    file_sections = {r["nace_code"].strip(): r for r in nace if r["level"].strip() == Level.SECTION}
    rows = []
    for letter, label_fr in reference.SECTION_LABELS_FR.items():
        label_it = ateco_sections.get(letter) or sentence_case(file_sections.get(letter, {}).get("label_it", ""))
        rows.append(ActivityRow(letter, Level.SECTION, label_fr, label_it or label_fr))
    for row in nace:
        if row["level"].strip() == Level.SECTION:
            continue
        label_fr, label_it = sentence_case(row["label_fr"]), sentence_case(row["label_it"])
        rows.append(
            ActivityRow(row["nace_code"].strip(), row["level"].strip(), label_fr or label_it, label_it or label_fr)
        )
    return rows


def sync_activities(rows: list[ActivityRow], result: LoadResult) -> dict[str, int]:
    pks: dict[str, int] = {}
    existing = {a.code: a for a in NaceActivity.objects.all()}
    for level in LEVELS:
        to_create, to_update = [], []
        for row in (r for r in rows if r.level == level):
            parent = parent_code(row.code, level)
            if parent is not None and parent not in pks:
                raise ValueError(f"NACE {level} {row.code}: its parent {parent} is not in the file")
            values = {
                "level": level,
                "parent_id": pks[parent] if parent else None,
                "label": row.label_fr,
                "label_fr": row.label_fr,
                "label_it": row.label_it,
            }
            obj = existing.get(row.code)
            if obj is None:
                to_create.append(NaceActivity(code=row.code, **values))
            elif any(obj.__dict__.get(k) != v for k, v in values.items()):
                obj.__dict__.update(values)
                to_update.append(obj)
        NaceActivity.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        NaceActivity.objects.bulk_update(to_update, ACTIVITY_FIELDS, batch_size=BATCH_SIZE)
        result.created["activities"] += len(to_create)
        result.updated["activities"] += len(to_update)
        pks.update(NaceActivity.objects.filter(level=level).values_list("code", "pk"))
    return pks


def subclass_rows(naf_path: Path | str | None, ateco_path: Path | str | None) -> Iterator[tuple[str, str, str, str]]:
    """(scheme, code, label, NACE class code) of the NAF sub-classes and ATECO sub-categories."""
    if naf_path:
        for row in read_csv(naf_path):
            code = row["code"].strip()
            yield NationalSubclass.Scheme.NAF, code, sentence_case(row["label_fr"]), row["nace_class"].strip()
    if ateco_path:
        for row in read_csv(ateco_path):
            if row["level"].strip() == "subcategory":
                code = row["code"].strip()
                yield NationalSubclass.Scheme.ATECO, code, sentence_case(row["label_it"]), code[:5]


def sync_subclasses(rows: Iterator[tuple[str, str, str, str]], class_pks: dict[str, int], result: LoadResult) -> None:
    existing = {
        (scheme, code): (pk, label, class_id)
        for pk, scheme, code, label, class_id in NationalSubclass.objects.values_list(
            "pk", "scheme", "code", "label", "nace_class_id"
        )
    }
    to_create, to_update = [], []
    for scheme, code, label, class_code in rows:
        if class_code not in class_pks:
            raise ValueError(f"{scheme} {code}: its NACE class {class_code} is not loaded")
        current = existing.get((scheme, code))
        values = (label, class_pks[class_code])
        if current is None:
            to_create.append(NationalSubclass(scheme=scheme, code=code, label=label, nace_class_id=values[1]))
        elif current[1:] != values:
            to_update.append(
                NationalSubclass(pk=current[0], scheme=scheme, code=code, label=label, nace_class_id=values[1])
            )
    NationalSubclass.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    NationalSubclass.objects.bulk_update(to_update, ["label", "nace_class_id"], batch_size=BATCH_SIZE)
    result.created["subclasses"] += len(to_create)
    result.updated["subclasses"] += len(to_update)


def load_nace(
    nace_path: Path | str = NACE_FILE,
    naf_path: Path | str | None = NAF_FILE,
    ateco_path: Path | str = ATECO_FILE,
) -> LoadResult:
    result = LoadResult()
    # The untranslated `label` column holds the French label; modeltranslation reads it through
    # the active language, so the load runs in French.
    with translation.override("fr"), transaction.atomic():
        pks = sync_activities(activity_rows(nace_path, ateco_path), result)
        class_pks = {code: pk for code, pk in pks.items() if len(code) == 5}
        sync_subclasses(subclass_rows(naf_path, ateco_path), class_pks, result)
        index_subclass_labels()
    return result


def index_subclass_labels() -> None:
    """Write each activity's search document, a class's with its national sub-classes' labels:
    NAF and ATECO name many trades the NACE label only sums up ("Fabrication de glaces")."""
    labels: dict[int, list[str]] = {}
    for class_id, label in NationalSubclass.objects.values_list("nace_class_id", "label"):
        labels.setdefault(class_id, []).append(label)
    changed = []
    for activity in NaceActivity.objects.only("pk", "code", "label_fr", "label_it", "search_document"):
        wanted = search_document(activity.code, activity.label_fr, activity.label_it, *labels.get(activity.pk, []))
        if wanted != activity.search_document:
            activity.search_document = wanted
            changed.append(activity)
    NaceActivity.objects.bulk_update(changed, ["search_document"], batch_size=BATCH_SIZE)
