"""Matching of offers and needs: ranked candidates with the reasons why, in the reader's language.

`candidates(flow, limit=20, user=None)` for real published flows, on EWC codes, material
categories and the bilingual thesaurus's materials and uses (materials.py), scored on one scale
(rules.py: ≥ 70 strong, 50–69 plausible, < 50 weak); `bourseflux.potential` adds estimates
inferred from companies' activities."""

from bourseflux.matching.reasons import Reason, month_ranges
from bourseflux.matching.rules import DETOUR_FACTOR, road_km
from bourseflux.matching.search import Candidate, candidates, open_flows, opposite

__all__ = ["DETOUR_FACTOR", "Candidate", "Reason", "candidates", "month_ranges", "open_flows", "opposite", "road_km"]
