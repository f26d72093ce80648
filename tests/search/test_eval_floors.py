"""Floors of search quality on the evaluation set (bench/search_eval/, see its README.md).

recall@5 (an acceptable answer among the first five results) per language and kind must not fall
below FLOORS. The full figures (MRR, FR/IT overlap, response times, failing queries) come from
`python -m bench search [--failures]`.

Speed: the whole gazetteer takes about 20 s to load, so this module loads the ALCOTRA communes
(where all demo data lies), the communes the set expects, and every commune of France and Italy
whose name shares a word of four letters or more with a commune query (the homonyms and
near-homonyms that compete with the right answer), with the rest of the reference data and the
demo data (without the focus-group and reporting demos), inside one transaction rolled back at
the end.
"""

import csv
import gzip
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from bench.search_metrics import HELDOUT_KINDS, KINDS, LANGUAGES, load_eval, load_heldout, pair_overlaps, scores_by

# The mark makes pytest-django create the test database, which the module fixture fills once.
pytestmark = pytest.mark.django_db

# FLOORS: a few points under what the bilingual engine reaches (bench, SQLite, 2026-12-08:
# recall@5 material 100 % fr / 100 % it, activity 100 / 100, commune 100 / 98.7, place 98.0 /
# 98.0, flow 100 / 97.7), so that a regression of the analysis, the thesaurus or a ranking rule
# fails. On 2026-12-07: place 96.1 / 98.0, the rest the same. Before the first round of tuning:
# material 88.7 / 89.3, activity 96.6 / 97.1, commune 98.7 / 92.2, place 96.1 / 98.0, flow 88.4 /
# 83.7. Before the engine (commit a0255c8, substring search) the same set gave material 14.9 /
# 13.4 %, activity 8.6 / 2.3, commune 64.6 / 74.0, place 15.7 / 7.8, flow 20.9 / 14.0.
FLOORS = {
    "material": 0.97,
    "activity": 0.97,
    "commune": 0.95,
    "place": 0.95,
    "flow": 0.95,
}
# The held-out queries (bench/search_eval/heldout/, kept out of tuning): material 88.5 % fr /
# 91.4 % it, activity 91.7 / 91.7 (2026-12-08, after the List of Waste vocabulary was grown
# chapter by chapter; before: 66.9 / 73.4 and 91.7 / 91.7; before the first round: 66.2 / 69.1).
HELDOUT_FLOORS = {"material": 0.86, "activity": 0.88}
# FR/IT overlap@5 of paired needs: places 0.90, flows 0.91 (2026-12-08: a concept's terms weigh
# as much as the typed words; before: 0.81 and 0.88; before the engine: 0.80, 0.61).
OVERLAP_FLOORS = {"place": 0.88, "flow": 0.88}


def _words(text: str) -> set[str]:
    from circuito.geo.search import normalise

    return {w for w in normalise(text).split() if len(w) >= 4}


def _gazetteer_subset(queries, directory: Path) -> tuple[Path, Path]:
    """Copies of the gazetteer files with the communes this test needs (see the module docstring)."""
    from circuito.geo import reference
    from circuito.geo.loaders import FR_COMMUNES_FILE, IT_COMUNI_FILE, read_csv

    communes = [q for q in queries if q.kind == "commune"]
    expected = {code for q in communes for code in q.expected}
    words = set().union(*(_words(q.query) for q in communes))
    paths = []
    for source, country, code_column, name_column, department_column in (
        (FR_COMMUNES_FILE, "FR", "code_insee", "name", "dep_code"),
        (IT_COMUNI_FILE, "IT", "istat_code", "municipality", "province_short"),
    ):
        rows = [
            row
            for row in read_csv(source)
            if row[department_column] in reference.ALCOTRA_DEPARTMENTS[country]
            or row[code_column] in expected
            or _words(row[name_column]) & words
        ]
        target = directory / f"{country.lower()}_subset.csv"
        with gzip.open(source, "rt", encoding="utf-8-sig", newline="") as fh:
            columns = next(csv.reader(fh))
        with target.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        paths.append(target)
    return paths[0], paths[1]


@pytest.fixture(scope="module")
def evaluation(django_db_setup, django_db_blocker, tmp_path_factory):
    """(outcomes of every query, known keys per kind), computed once; the data is rolled back."""
    from bench.search import flow_key, run_queries
    from bourseflux.models import EwcCode, Flow
    from circuito.geo.models import Commune
    from circuito.nace.models import NaceActivity
    from tierslieux.models import Place

    queries = load_eval()
    fr_file, it_file = _gazetteer_subset(queries, tmp_path_factory.mktemp("gazetteer"))
    out = io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        # The subset first; then `load_reference` as deployments run it (its ALCOTRA pass finds
        # those communes loaded already), so that whatever it does after its commands is done too.
        call_command("load_territories", f"--fr-file={fr_file}", f"--it-file={it_file}", stdout=out)
        call_command("load_reference", "--alcotra-only", stdout=out)
        # Demo accounts, flows and places (the focus-group and reporting demos are not searched).
        with override_settings(DEMO_DATA_COMMANDS=["load_bourseflux_demo", "load_tierslieux_demo"]):
            call_command("load_demo", "--force", stdout=out)
        outcomes = run_queries(queries)
        heldout = run_queries(load_heldout())
        known = {
            "material": set(EwcCode.objects.filter(level=EwcCode.Level.ENTRY).values_list("code", flat=True)),
            "activity": set(NaceActivity.objects.filter(level=NaceActivity.Level.CLASS).values_list("code", flat=True)),
            "commune": set(Commune.objects.values_list("code", flat=True)),
            "place": set(Place.objects.values_list("slug", flat=True)),
            "flow": {flow_key(f) for f in Flow.objects.filter(status=Flow.Status.PUBLISHED)},
        }
        transaction.set_rollback(True)
    return outcomes, heldout, known


def test_the_set_is_large_enough_and_paired():
    queries = load_eval()
    for lang in LANGUAGES:
        assert sum(q.lang == lang for q in queries if q.kind != "flow") >= 300
    assert len({q.id for q in queries}) == len(queries)
    for kind in ("place", "flow"):
        pairs: dict[str, set[str]] = {}
        for q in queries:
            if q.kind == kind:
                pairs.setdefault(q.pair, set()).add(q.lang)
        assert "" not in pairs, f"every {kind} need has its pair id"
        assert all(langs == {"fr", "it"} for langs in pairs.values()), f"every {kind} need in both languages"
        if kind == "flow":
            assert len(pairs) >= 40


def test_the_heldout_set_is_apart_and_large_enough():
    development = {(q.kind, q.lang, q.query.casefold()) for q in load_eval()}
    heldout = load_heldout()
    assert not [q.id for q in heldout if (q.kind, q.lang, q.query.casefold()) in development]
    assert len({q.id for q in heldout} | {q.id for q in load_eval()}) == len(heldout) + len(load_eval())
    for lang in LANGUAGES:
        assert sum(q.lang == lang for q in heldout if q.kind == "material") >= 80
        assert sum(q.lang == lang for q in heldout if q.kind == "activity") >= 40


def test_every_expected_answer_exists(evaluation):
    _outcomes, _heldout, known = evaluation
    queries = [*load_eval(), *load_heldout()]
    missing = [(q.id, answer) for q in queries for answer in q.expected if answer not in known[q.kind]]
    assert not missing


def test_no_search_raises(evaluation):
    outcomes, heldout, _known = evaluation
    errors = [(o.query.id, o.error) for o in [*outcomes, *heldout] if o.error]
    assert not errors


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_recall_at_5_floor(evaluation, kind, lang):
    outcomes, _heldout, _known = evaluation
    score = scores_by(outcomes)[(kind, lang)]
    assert score.recall_at_5 >= FLOORS[kind], (
        f"{kind} {lang}: recall@5 {score.recall_at_5:.1%} below the floor {FLOORS[kind]:.0%} "
        f"(python -m bench search --failures lists the queries)"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", HELDOUT_KINDS)
def test_heldout_recall_at_5_floor(evaluation, kind, lang):
    _outcomes, heldout, _known = evaluation
    score = scores_by(heldout)[(kind, lang)]
    assert score.recall_at_5 >= HELDOUT_FLOORS[kind], (
        f"held-out {kind} {lang}: recall@5 {score.recall_at_5:.1%} below the floor {HELDOUT_FLOORS[kind]:.0%}"
    )


@pytest.mark.parametrize("kind", ("place", "flow"))
def test_french_and_italian_needs_find_the_same(evaluation, kind):
    outcomes, _heldout, _known = evaluation
    pairs, value = pair_overlaps(outcomes)[kind]
    assert value >= OVERLAP_FLOORS[kind], f"{kind}: FR/IT overlap@5 {value:.2f} over {pairs} pairs"
