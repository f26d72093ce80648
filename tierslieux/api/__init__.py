"""API of the Tiers-Lieux platform: each area registers its viewsets on the portal's router."""


def register(router) -> None:
    """Called by the project's API router (circuito/api.py)."""
    from tierslieux.api import events as events_api
    from tierslieux.api import places
    from tierslieux.api.network import register as register_network
    from tierslieux.api.requests import register as register_requests

    places.register(router)
    register_requests(router)
    register_network(router)
    events_api.register(router)
