"""API of the questionnaires area."""


def register(router) -> None:
    pass
