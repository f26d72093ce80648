"""Scoring of the search evaluation set (bench/search_eval/*.csv), without Django.

A query has one or more acceptable answers (EWC codes, NACE classes, commune codes, place slugs,
flow titles). A search returns keys, best first. Measures:

- recall@5: share of queries with an acceptable answer among the first 5 results (the sets list
  alternatives, any of which is a right answer, so this is also the hit rate at 5);
- MRR: mean of 1 / rank of the first acceptable answer (0 when none is returned);
- FR/IT overlap@5 (places and flows): for the needs written in both languages (same `pair`), the
  Jaccard index of the two top-5 lists, averaged; a pair where neither language finds anything
  counts 0 (agreeing on nothing is not agreement).
"""

import csv
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent / "search_eval"
KINDS = ("material", "activity", "commune", "place", "flow")
# Queries kept out of tuning (search_eval/heldout/README.md): how the engine does on words nobody
# tuned it for.
HELDOUT_DIR = EVAL_DIR / "heldout"
HELDOUT_KINDS = ("material", "activity")
LANGUAGES = ("fr", "it")
COLUMNS = ["id", "lang", "kind", "query", "expected", "pair", "source"]
K = 5


@dataclass(frozen=True)
class EvalQuery:
    id: str
    lang: str
    kind: str
    query: str
    expected: tuple[str, ...]
    pair: str = ""
    source: str = ""


@dataclass
class Outcome:
    """What one query returned: keys best first (at least the top K), with labels for reports."""

    query: EvalQuery
    results: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    error: str = ""
    seconds: float = 0.0

    @property
    def rank(self) -> int | None:
        return first_rank(self.results, self.query.expected)

    @property
    def hit(self) -> bool:
        return hit_at(self.results, self.query.expected)


@dataclass(frozen=True)
class Score:
    n: int
    recall_at_5: float
    mrr: float
    ms_per_query: float = math.nan


def load_eval(directory: Path | str = EVAL_DIR, kinds: Iterable[str] = KINDS) -> list[EvalQuery]:
    """Every query of the set, in file order (one UTF-8 CSV file per kind)."""
    queries = []
    for kind in kinds:
        path = Path(directory) / f"{kind}.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames != COLUMNS:
                raise ValueError(f"{path}: columns must be {','.join(COLUMNS)}")
            for row in reader:
                if row["kind"] != kind or row["lang"] not in LANGUAGES:
                    raise ValueError(f"{path}: row {row['id']} has kind {row['kind']!r} / lang {row['lang']!r}")
                expected = tuple(e.strip() for e in row["expected"].split("|") if e.strip())
                if not row["query"].strip() or not expected:
                    raise ValueError(f"{path}: row {row['id']} needs a query and an expected answer")
                queries.append(
                    EvalQuery(row["id"], row["lang"], kind, row["query"], expected, row["pair"], row["source"])
                )
    return queries


def load_heldout() -> list[EvalQuery]:
    """The held-out queries (same columns as the development set)."""
    return load_eval(HELDOUT_DIR, kinds=HELDOUT_KINDS)


def first_rank(results: Sequence[str], expected: Iterable[str]) -> int | None:
    """1-based rank of the first acceptable result, or None."""
    wanted = set(expected)
    for i, key in enumerate(results, start=1):
        if key in wanted:
            return i
    return None


def hit_at(results: Sequence[str], expected: Iterable[str], k: int = K) -> bool:
    rank = first_rank(results[:k], expected)
    return rank is not None


def reciprocal_rank(results: Sequence[str], expected: Iterable[str]) -> float:
    rank = first_rank(results, expected)
    return 1.0 / rank if rank else 0.0


def overlap(a: Sequence[str], b: Sequence[str], k: int = K) -> float:
    """Jaccard index of two top-k lists (0 when both are empty)."""
    left, right = set(a[:k]), set(b[:k])
    union = left | right
    return len(left & right) / len(union) if union else 0.0


def score(outcomes: Iterable[Outcome]) -> Score:
    outcomes = list(outcomes)
    if not outcomes:
        return Score(0, math.nan, math.nan)
    n = len(outcomes)
    hits = sum(o.hit for o in outcomes)
    mrr = sum(reciprocal_rank(o.results, o.query.expected) for o in outcomes)
    return Score(n, hits / n, mrr / n, sum(o.seconds for o in outcomes) * 1000 / n)


def scores_by(outcomes: Iterable[Outcome]) -> dict[tuple[str, str], Score]:
    """Score per (kind, lang)."""
    groups: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[(o.query.kind, o.query.lang)].append(o)
    return {key: score(group) for key, group in groups.items()}


def pair_overlaps(outcomes: Iterable[Outcome], k: int = K) -> dict[str, tuple[int, float]]:
    """Per kind: (number of FR/IT pairs, mean overlap of their top-k results)."""
    by_pair: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
    for o in outcomes:
        if o.query.pair:
            by_pair[(o.query.kind, o.query.pair)][o.query.lang] = o.results
    values: dict[str, list[float]] = defaultdict(list)
    for (kind, _pair), langs in by_pair.items():
        if "fr" in langs and "it" in langs:
            values[kind].append(overlap(langs["fr"], langs["it"], k))
    return {kind: (len(v), sum(v) / len(v)) for kind, v in values.items()}


def floor_to(value: float, step: float = 0.05) -> float:
    """`value` rounded down to a multiple of `step` (0.437 -> 0.40 with 5 % steps)."""
    if math.isnan(value):
        return 0.0
    return math.floor(round(value / step, 9)) * step
