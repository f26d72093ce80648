"""API of the analysis area."""


def register(router) -> None:
    pass
