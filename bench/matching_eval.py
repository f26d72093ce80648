"""Matching relevance on the labelled need → offer pairs of bench/search_eval/matching_pairs.csv.

Seeds every need and offer of the set as a published flow (one company each, French flows in
Savoie and Haute-Savoie, Italian ones in the Aosta Valley and Piedmont) in a throw-away database
holding the reference data (List of Waste, material categories) and the thesaurus; runs
`candidates()` for each need and prints:

- precision@5: share of relevant offers among the labelled pairs found in the top 5 of the needs
  (micro-average; the macro-average over needs beside it), and how many top-5 pairs carry no label;
- recall@5: share of the relevant offers found in the top 5 (at most 5 per need);
- needs left without any candidate;
- the calibration of the score scale: every labelled pair scored as matching scores it (whether
  or not its tier is listed), and the share of relevant pairs per band (strong ≥ 70, plausible
  50–69, weak < 50, or no match at all).

`python -m bench matching_eval --failures` (or BENCH_FAILURES=1) also lists, per need, the top 5
with scores, levels and labels. Targets: precision@5 ≥ 80 %, no labelled need without candidates.
"""

import csv
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

PAIRS_FILE = Path(__file__).resolve().parent / "search_eval" / "matching_pairs.csv"
K = 5
LIMIT = 20  # as the candidates page shows
RELEVANT, NOT_RELEVANT = "relevant", "not relevant"
# (country, code, name, latitude, longitude, department code, department name, region code)
COMMUNES = {
    "fr": [
        ("FR", "73065", "Chambéry", 45.5646, 5.9178, "73", "Savoie", "84"),
        ("FR", "74010", "Annecy", 45.8992, 6.1294, "74", "Haute-Savoie", "84"),
    ],
    "it": [
        ("IT", "007003", "Aosta", 45.7373, 7.3154, "AO", "Aosta", "02"),
        ("IT", "001272", "Torino", 45.0703, 7.6869, "TO", "Torino", "01"),
    ],
}
REGIONS = {
    ("FR", "84"): "Auvergne-Rhône-Alpes",
    ("IT", "02"): "Valle d'Aosta",
    ("IT", "01"): "Piemonte",
}


@dataclass(frozen=True)
class FlowSpec:
    id: str
    direction: str
    lang: str
    title: str
    ewc: str
    category: str
    nature: str
    state: str


def read_pairs(path: Path = PAIRS_FILE) -> tuple[dict[str, FlowSpec], dict[tuple[str, str], bool]]:
    """The flows of the set (one description per id, checked) and the judgements (need, offer) → relevant."""
    flows: dict[str, FlowSpec] = {}
    judgements: dict[tuple[str, str], bool] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            for side, direction in (("need", "need"), ("offer", "offer")):
                spec = FlowSpec(
                    row[side],
                    direction,
                    row[f"{side}_lang"],
                    row[f"{side}_title"],
                    row[f"{side}_ewc"],
                    row[f"{side}_category"],
                    row[f"{side}_nature"],
                    row[f"{side}_state"],
                )
                if spec.lang not in COMMUNES or not spec.title or not (spec.ewc or spec.category):
                    raise ValueError(
                        f"{path.name}:{number}: {spec.id} needs a language, a title and a code or category"
                    )
                if flows.setdefault(spec.id, spec) != spec:
                    raise ValueError(f"{path.name}:{number}: {spec.id} is described differently elsewhere")
            if row["judgement"] not in (RELEVANT, NOT_RELEVANT):
                raise ValueError(f"{path.name}:{number}: judgement must be {RELEVANT!r} or {NOT_RELEVANT!r}")
            key = (row["need"], row["offer"])
            if key in judgements:
                raise ValueError(f"{path.name}:{number}: pair {key} judged twice")
            judgements[key] = row["judgement"] == RELEVANT
    return flows, judgements


def load_reference() -> None:
    """The List of Waste, the material categories and the thesaurus, as `load_reference` loads them."""
    from bourseflux.loaders import load_reference as load_bourseflux
    from circuito.search import thesaurus
    from circuito.search.loaders import load_thesaurus

    load_bourseflux()
    load_thesaurus()
    thesaurus.reset()  # this process may hold the copy of another database


def _communes() -> dict[str, list]:
    from circuito.geo.models import Commune, Territory

    found: dict[str, list] = {}
    for lang, rows in COMMUNES.items():
        for country, code, name, lat, lon, dept_code, dept_name, region_code in rows:
            region, _ = Territory.objects.get_or_create(
                country=country,
                level=Territory.Level.REGION,
                code=region_code,
                defaults={"name": REGIONS[(country, region_code)], "in_alcotra": True},
            )
            dept, _ = Territory.objects.get_or_create(
                country=country,
                level=Territory.Level.DEPARTMENT,
                code=dept_code,
                defaults={"name": dept_name, "parent": region, "in_alcotra": True},
            )
            commune, _ = Commune.objects.get_or_create(
                country=country,
                code=code,
                defaults={"name": name, "department": dept, "latitude": lat, "longitude": lon},
            )
            found.setdefault(lang, []).append(commune)
    return found


def seed(flows: dict[str, FlowSpec]) -> dict[str, int]:
    """One published flow per spec; returns spec id → flow pk."""
    from django.utils import timezone

    from bourseflux.models import EwcCode, Flow, MaterialCategory, Site
    from bourseflux.reference_lookup import category_for_ewc
    from circuito.accounts.models import Organisation

    communes = _communes()
    categories = {c.code: c for c in MaterialCategory.objects.all()}
    codes = {e.code: e for e in EwcCode.objects.filter(level=EwcCode.Level.ENTRY)}
    pks: dict[str, int] = {}
    for index, spec in enumerate(sorted(flows.values(), key=lambda s: s.id)):
        commune = communes[spec.lang][index % len(communes[spec.lang])]
        organisation = Organisation.objects.create(
            kind=Organisation.Kind.COMPANY,
            legal_name=f"Eval {spec.id}",
            slug=f"eval-{spec.id}",
            country=commune.country,
            commune=commune,
            latitude=commune.latitude,
            longitude=commune.longitude,
        )
        site = Site.objects.create(
            organisation=organisation,
            name="Site",
            commune=commune,
            latitude=commune.latitude,
            longitude=commune.longitude,
        )
        ewc = codes[spec.ewc] if spec.ewc else None
        # As the flow form does: the category given, else the one of the waste code.
        category = categories[spec.category] if spec.category else category_for_ewc(ewc)
        flow = Flow.objects.create(
            organisation=organisation,
            site=site,
            direction=spec.direction,
            nature=spec.nature,
            category=category,
            ewc=ewc,
            title_fr=spec.title if spec.lang == "fr" else "",
            title_it=spec.title if spec.lang == "it" else "",
            physical_state=spec.state,
            status=Flow.Status.PUBLISHED,
            published_at=timezone.now(),
            quantity_visibility=Flow.Visibility.PUBLIC,
        )
        pks[spec.id] = flow.pk
    return pks


def band(score: int) -> str:
    return "strong" if score >= 70 else ("plausible" if score >= 50 else "weak")


def evaluate(flows: dict[str, FlowSpec], judgements: dict[tuple[str, str], bool], show: bool = False) -> dict:
    from bourseflux.matching import candidates
    from bourseflux.matching.search import relation_of
    from bourseflux.models import Flow

    pks = seed(flows)
    spec_of = {pk: spec_id for spec_id, pk in pks.items()}
    needs = sorted({need for need, _ in judgements})
    judged_top = relevant_top = unjudged_top = 0
    per_need: list[float] = []
    found_relevant = wanted_relevant = 0
    empty: list[str] = []
    bands: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for need_id in needs:
        need = Flow.objects.get(pk=pks[need_id])
        found = candidates(need, limit=LIMIT)
        if not found:
            empty.append(need_id)
        top_ids = [spec_of[c.flow.pk] for c in found[:K]]
        labels = [judgements.get((need_id, offer)) for offer in top_ids]
        judged = [label for label in labels if label is not None]
        judged_top += len(judged)
        relevant_top += sum(judged)
        unjudged_top += labels.count(None)
        if judged:
            per_need.append(sum(judged) / len(judged))
        relevant = [o for (n, o), r in judgements.items() if n == need_id and r]
        wanted_relevant += min(K, len(relevant))
        found_relevant += sum(1 for o in top_ids if o in relevant)
        for (n, offer_id), label in judgements.items():
            if n == need_id:
                scored = relation_of(need, Flow.objects.get(pk=pks[offer_id]))
                name = band(scored[0]) if scored else "no match"
                bands[name][0] += label
                bands[name][1] += 1
        if show:
            print(f"  {need_id} {flows[need_id].title} [{need.category.code} {flows[need_id].ewc}]")
            for c, offer in zip(found[:K], top_ids, strict=True):
                label = judgements.get((need_id, offer))
                mark = "?" if label is None else ("+" if label else "-")
                print(f"      {mark} {c.score:3d} {c.level:<16} {offer} {flows[offer].title}")
    return {
        "needs": len(needs),
        "precision": relevant_top / judged_top if judged_top else 0.0,
        "macro_precision": sum(per_need) / len(per_need) if per_need else 0.0,
        "recall": found_relevant / wanted_relevant if wanted_relevant else 0.0,
        "unjudged": unjudged_top,
        "empty": empty,
        "bands": dict(bands),
    }


def run() -> None:
    from django.utils import translation

    show = "--failures" in sys.argv or bool(os.environ.get("BENCH_FAILURES"))
    flows, judgements = read_pairs()
    with translation.override("fr"):
        load_reference()
        result = evaluate(flows, judgements, show=show)
    n_rel = sum(judgements.values())
    print(f"  {len(judgements)} labelled pairs ({n_rel} relevant), {result['needs']} needs, {len(flows)} flows")
    print(
        f"  precision@5 {result['precision']:.1%} (macro {result['macro_precision']:.1%}; "
        f"{result['unjudged']} unlabelled pairs in the top 5)   recall@5 {result['recall']:.1%}"
    )
    print(f"  needs without any candidate: {len(result['empty'])} {' '.join(result['empty'])}")
    print("  calibration (every labelled pair, scored):")
    for name in ("strong", "plausible", "weak", "no match"):
        relevant, total = result["bands"].get(name, [0, 0])
        share = f"{relevant / total:.0%}" if total else "–"
        print(f"    {name:<9} {total:4d} labelled pairs, {share} relevant")
