"""API of the sessions area."""


def register(router) -> None:
    pass
