"""API of the app: each area registers its viewsets on the portal's router."""


def register(router) -> None:
    """Called by the project's API router (circuito/api.py)."""
    from focusgroups.api import analysis, questionnaires, sessions, templates

    templates.register(router)
    sessions.register(router)
    questionnaires.register(router)
    analysis.register(router)
