"""API of the reports area."""


def register(router) -> None:
    pass
