"""API of the structure area."""


def register(router) -> None:
    pass
