"""API of the committees area."""


def register(router) -> None:
    pass
