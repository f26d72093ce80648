"""API of the templates area."""


def register(router) -> None:
    pass
