"""API of the flux exchange: each area registers its viewsets on the portal's router."""


def register(router) -> None:
    """Called by the project's API router (circuito/api.py)."""
    from bourseflux.api import reference
    from bourseflux.api.explore import register_explore
    from bourseflux.api.flows import register as register_flows
    from bourseflux.api.matching import MatchViewSet
    from bourseflux.api.synergies import SynergyViewSet
    from bourseflux.api.transactions import TransactionViewSet
    from bourseflux.api.zones import register_zones

    reference.register(router)
    register_flows(router)
    register_zones(router)
    register_explore(router)
    router.register("synergies", SynergyViewSet, basename="synergy")
    router.register("transactions", TransactionViewSet, basename="transaction")
    router.register("matches", MatchViewSet, basename="match")
