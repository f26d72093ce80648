"""API of the app: each area registers its viewsets on the portal's router."""


def register(router) -> None:
    """Called by the project's API router (circuito/api.py)."""
    from reporting.api import committees, expenditure, reports, structure

    structure.register(router)
    committees.register(router)
    expenditure.register(router)
    reports.register(router)
