"""Flux exchange map and list: GeoJSON (whole area, zoomed) and the list page at 100,000 flows.

Volume: the ALCOTRA communes of both countries, 20,000 companies, 100,000 published flows
(bench/flux_data.py). Requests go through the test Client, as an anonymous visitor and as a
logged-in member (quantities then follow each flow's confidentiality).
"""

import time

from django.test import Client

COMPANIES = 20_000
FLOWS = 100_000
# The map's first view (centre 44.6, 7.0 at zoom 7) and a zoomed view around Turin.
WHOLE_VIEW = "3.5,42.6,10.5,46.6"
ZOOMED_VIEW = "7.55,44.98,7.80,45.15"


def run() -> None:
    from bench.flux_data import Generator, analyze, load_reference
    from bench.harness import get_ok, timed
    from tests.factories import MembershipFactory

    start = time.perf_counter()
    load_reference()
    generator = Generator()
    generator.organisations(COMPANIES)
    generator.flows(FLOWS)
    analyze()
    print(f"  seeded {COMPANIES} companies and {FLOWS} flows in {time.perf_counter() - start:.1f} s")

    geojson, listing = "/fr/flux/map/flows.geojson", "/fr/flux/search/"
    anonymous = Client()
    member = Client()
    member.force_login(MembershipFactory().user)

    def features(client, **params) -> str:
        data = client.get(geojson, params).json()
        kind = "clusters" if data["clustered"] else "flows"
        return f"{data['total']} flows -> {len(data['features'])} {kind}"

    print(f"    whole area: {features(anonymous)}; zoomed: {features(anonymous, bbox=ZOOMED_VIEW)}")
    timed("GeoJSON whole area, no bbox (server clusters)", get_ok(anonymous, geojson))
    timed("GeoJSON first map view bbox (server clusters)", get_ok(anonymous, geojson, data={"bbox": WHOLE_VIEW}))
    timed(
        "GeoJSON whole view, need + waste (filters)",
        get_ok(anonymous, geojson, data={"bbox": WHOLE_VIEW, "direction": "need", "nature": "waste"}),
    )
    timed("GeoJSON zoomed bbox (Turin), anonymous", get_ok(anonymous, geojson, data={"bbox": ZOOMED_VIEW}))
    timed("GeoJSON zoomed bbox (Turin), member", get_ok(member, geojson, data={"bbox": ZOOMED_VIEW}))
    timed("GeoJSON zoomed bbox + q=legno", get_ok(anonymous, geojson, data={"bbox": ZOOMED_VIEW, "q": "legno"}))
    timed("list page 1, anonymous", get_ok(anonymous, listing))
    timed("list page 1, member", get_ok(member, listing))
    timed("list page 200", get_ok(anonymous, listing, data={"page": 200}))
    timed("list ?q=legno (Italian word from /fr/)", get_ok(anonymous, listing, data={"q": "legno"}))
    timed("list ?q=bois&country=FR&direction=offer", get_ok(anonymous, listing, data={"q": "bois", "country": "FR"}))
    timed("list ?q=nothingmatches", get_ok(anonymous, listing, data={"q": "nothingmatches"}))
